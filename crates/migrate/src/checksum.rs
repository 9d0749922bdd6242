//! Migration script checksums (spec §2.3): SHA-256 of the script text, lowercase hex.

use sha2::{Digest, Sha256};

/// The checksum Prisma stores in `_prisma_migrations.checksum` for a script.
pub fn compute(script: &str) -> String {
    hex(&Sha256::digest(script.as_bytes()), true)
}

/// Whether a stored checksum belongs to this script. Tolerates the script's line endings having
/// been converted (CRLF ↔ LF, e.g. by git on checkout) and the legacy unpadded hex format that
/// very old Prisma versions stored (prisma-engines#1887).
pub fn matches(script: &str, stored: &str) -> bool {
    let variants = [
        Sha256::digest(script.as_bytes()),
        Sha256::digest(script.replace("\r\n", "\n").as_bytes()),
        Sha256::digest(script.replace('\n', "\r\n").as_bytes()),
    ];
    let legacy = !stored.is_empty() && stored.len() != 64;
    variants.iter().any(|digest| hex(digest, !legacy) == stored)
}

fn hex(bytes: &[u8], padded: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = if padded { write!(out, "{byte:02x}") } else { write!(out, "{byte:x}") };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_test_vector() {
        assert_eq!(compute("hello"), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    #[test]
    fn line_ending_tolerant() {
        let lf = "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n";
        let crlf = lf.replace('\n', "\r\n");
        assert!(matches(lf, &compute(lf)));
        assert!(matches(&crlf, &compute(lf)));
        assert!(matches(lf, &compute(&crlf)));
        assert!(!matches(lf, &compute("something else")));
    }

    #[test]
    fn legacy_unpadded_checksums() {
        let script = "hello";
        let legacy = hex(&Sha256::digest(script.as_bytes()), false);
        assert_ne!(legacy.len(), 64);
        assert!(matches(script, &legacy));
    }

    #[test]
    fn empty_stored_checksum_never_matches() {
        assert!(!matches("hello", ""));
    }
}
