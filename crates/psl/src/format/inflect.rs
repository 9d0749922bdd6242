//! The English inflections Prisma uses to name the fields it adds: camelCase and plural.

/// `UserProfile` → `userProfile`, `user_profile` → `userProfile`. A word starts after a
/// separator or at a lower-to-upper case change; words after the first are capitalised, all
/// other letters lowercased.
pub(super) fn camel_case(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut new_word = false;
    let mut last = ' ';
    for c in input.trim_end().chars() {
        if !c.is_alphanumeric() {
            new_word = !out.is_empty();
            last = c;
            continue;
        }
        if c.is_numeric() {
            out.push(c);
        } else if new_word || (last.is_lowercase() && c.is_uppercase()) {
            if out.is_empty() {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            new_word = false;
        } else {
            out.extend(c.to_lowercase());
        }
        last = c;
    }
    out
}

/// English plural of a (camelCase) word, following the usual inflection rules.
pub(super) fn plural(word: &str) -> String {
    let lower = word.to_lowercase();
    const UNCOUNTABLE: [&str; 10] =
        ["equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans", "police"];
    if UNCOUNTABLE.iter().any(|u| lower.ends_with(u)) {
        return word.to_owned();
    }
    const IRREGULAR: [(&str, &str); 6] =
        [("person", "people"), ("man", "men"), ("child", "children"), ("sex", "sexes"), ("move", "moves"), ("zombie", "zombies")];
    // Lowercasing can change byte lengths (rarely): then fall back to the plain `s` rule.
    let stem = |strip: usize| word.len().checked_sub(strip).and_then(|end| word.get(..end));
    for (singular, plural) in IRREGULAR {
        if lower.ends_with(singular) {
            let Some(stem) = stem(singular.len()) else {
                return format!("{word}s");
            };
            // Keep the case of the irregular word's first letter.
            let first_upper = word[stem.len()..].starts_with(|c: char| c.is_uppercase());
            let mut tail = plural.to_owned();
            if first_upper {
                tail[..1].make_ascii_uppercase();
            }
            return format!("{stem}{tail}");
        }
    }
    let replace = |strip: usize, add: &str| match stem(strip) {
        Some(stem) => format!("{stem}{add}"),
        None => format!("{word}s"),
    };
    let ends = |s: &str| lower.ends_with(s);
    let before_last = lower.chars().rev().nth(1);
    if ends("quiz") {
        return replace(0, "zes");
    }
    if ends("matrix") || ends("vertex") || ends("index") {
        return replace(2, "ices");
    }
    if ends("mouse") || ends("louse") {
        return replace(4, "ice");
    }
    if ends("x") || ends("ch") || ends("ss") || ends("sh") {
        return replace(0, "es");
    }
    if ends("y") && (ends("quy") || !matches!(before_last, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'))) {
        return replace(1, "ies");
    }
    if ends("hive") {
        return replace(0, "s");
    }
    if ends("fe") && !ends("ffe") {
        return replace(2, "ves");
    }
    if ends("lf") || ends("rf") {
        return replace(1, "ves");
    }
    if ends("sis") {
        return replace(2, "es");
    }
    if ends("tum") || ends("ium") {
        return replace(2, "a");
    }
    if ends("buffalo") || ends("tomato") {
        return replace(0, "es");
    }
    if ends("bus") || ends("alias") || ends("status") {
        return replace(0, "es");
    }
    if ends("octopus") || ends("virus") {
        return replace(2, "i");
    }
    if ends("axis") || ends("testis") {
        return replace(2, "es");
    }
    if ends("s") {
        return word.to_owned();
    }
    format!("{word}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel() {
        assert_eq!(camel_case("PostableEntity"), "postableEntity");
        assert_eq!(camel_case("user_profile"), "userProfile");
        assert_eq!(camel_case("Post2"), "post2");
        assert_eq!(camel_case("somemodel"), "somemodel");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("user"), "users");
        assert_eq!(plural("post2"), "post2s");
        assert_eq!(plural("postableEntity"), "postableEntities");
        assert_eq!(plural("category"), "categories");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("person"), "people");
        assert_eq!(plural("day"), "days");
    }
}
