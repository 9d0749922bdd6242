//! Parse, validate, render diagnostics and format arbitrary input: none of it may panic.
//! A 0xFF byte splits the input into two schema files (to exercise multi-file relations).
#![no_main]

use libfuzzer_sys::fuzz_target;
use psl::ast::{SourceFile, SourceFiles};

fuzz_target!(|data: &[u8]| {
    let files = data
        .splitn(2, |b| *b == 0xFF)
        .enumerate()
        .map(|(i, part)| SourceFile {
            path: format!("file{i}.prisma"),
            text: String::from_utf8_lossy(part).into_owned(),
        })
        .collect();
    let files = SourceFiles { files };

    let (_schema, diags) = psl::parser::parse_schema(&files);
    let _ = psl::diagnostics::render(&diags, &files, true);
    for d in diags.errors.iter().chain(&diags.warnings) {
        let _ = psl::diagnostics::location(&files, d.span);
    }

    let (_datamodel, diags) = psl::validate::parse_and_validate(&files);
    let _ = psl::diagnostics::render(&diags, &files, false);

    if let Ok(formatted) = psl::format::format_schema(&files) {
        let again = SourceFiles {
            files: formatted.into_iter().map(|(path, text)| SourceFile { path, text }).collect(),
        };
        let _ = psl::format::format_schema(&again);
    }
});
