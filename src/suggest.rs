//! "Did you mean": the closest known name to a misspelt one, when it is close enough to be a typo.

/// Names longer than this many characters get no suggestion: comparing two names costs the
/// product of their lengths (a 60,000-character id took 12 s), and nobody types a name that long
/// by hand.
pub const MAX_CHARS: usize = 100;

/// The candidate nearest to `typo`, if it is within a typo's distance (about a third of the
/// length, at least one edit). Ties go to the first candidate, so callers pass a stable order.
pub fn suggest<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut unlimited = usize::MAX;
    suggest_within(typo, candidates, &mut unlimited)
}

/// [`suggest`], spending at most `budget` units of work: one per candidate looked at, and the
/// product of the two lengths per comparison made. `None` when the budget runs out before every
/// candidate was judged (a suggestion must be the nearest name, not merely a near one).
pub fn suggest_within<'a>(
    typo: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<&'a str> {
    // Length filters first, on bytes before characters: large roadmaps have many candidates,
    // and some may be long.
    if typo.len() > 4 * MAX_CHARS {
        return None;
    }
    let typo_chars = typo.chars().count();
    if typo_chars > MAX_CHARS {
        return None;
    }
    let typo_lower = typo.to_lowercase();
    let limit = (typo_chars / 3).max(1);
    let longest = typo_chars + limit;
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        *budget = budget.checked_sub(1)?;
        // A character takes one to four bytes.
        if candidate.len() > 4 * longest || candidate.len() + limit < typo_chars {
            continue;
        }
        let len = candidate.chars().count();
        if len.abs_diff(typo_chars) > limit {
            continue;
        }
        *budget = budget.checked_sub(len * typo_chars)?;
        let distance = strsim::damerau_levenshtein(&typo_lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Keys authors write, by habit from other tools, for a key this format names otherwise:
/// (written, meant). Compared in lower case with `-` read as `_`.
const KEY_SYNONYMS: &[(&str, &str)] = &[
    ("prerequisites", "requires"),
    ("prerequisite", "requires"),
    ("prereqs", "requires"),
    ("prereq", "requires"),
    ("depends_on", "requires"),
    ("dependson", "requires"),
    ("depends", "requires"),
    ("dependencies", "requires"),
    ("deps", "requires"),
    ("needs", "requires"),
    ("after", "requires"),
    ("recommended", "recommends"),
    ("recommendations", "recommends"),
    ("suggests", "recommends"),
    ("optional", "recommends"),
    ("any_of", "one_of"),
    ("anyof", "one_of"),
    ("oneof", "one_of"),
    ("alternatives", "one_of"),
    ("description", "summary"),
    ("desc", "summary"),
    ("name", "title"),
    ("label", "title"),
    ("duration", "hours"),
    ("time", "hours"),
    ("effort", "hours"),
    ("estimate", "hours"),
    ("links", "resources"),
    ("references", "resources"),
    ("labels", "tags"),
    ("type", "kind"),
    ("link", "url"),
    ("href", "url"),
    ("phase", "stage"),
];

/// The key an unknown key most likely meant, among `known` (the keys of its table): the key of
/// the same meaning under another tool's name (`prerequisites`, `depends_on`, `deps` for
/// `requires`), else a near spelling. Every loader reports unknown keys through this.
pub fn suggest_key<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let normal = key.to_lowercase().replace('-', "_");
    KEY_SYNONYMS
        .iter()
        .filter(|(written, _)| *written == normal)
        .find_map(|(_, meant)| known.iter().find(|k| *k == meant).copied())
        .or_else(|| suggest(key, known.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_other_tools_suggest_this_format_s_key() {
        let topic = ["id", "title", "requires", "recommends", "hours"];
        for key in [
            "prerequisites",
            "depends_on",
            "Depends-On",
            "deps",
            "dependsOn",
        ] {
            assert_eq!(suggest_key(key, &topic), Some("requires"), "{key}");
        }
        assert_eq!(suggest_key("titel", &topic), Some("title"));
        // A synonym whose meaning the table does not have is no suggestion.
        assert_eq!(suggest_key("deps", &["title", "url", "kind"]), None);
        assert_eq!(suggest_key("colour", &topic), None);
    }

    #[test]
    fn finds_near_misses_only() {
        let ids = ["python", "pandas", "numpy"];
        assert_eq!(suggest("pyhton", ids), Some("python"));
        assert_eq!(suggest("Pandas", ids), Some("pandas"));
        assert_eq!(suggest("rust", ids), None);
        assert_eq!(suggest("titel", ["id", "title"]), Some("title"));
    }

    /// Comparing long names costs the product of their lengths: past `MAX_CHARS` there is no
    /// suggestion, and a budget bounds the work of many searches.
    #[test]
    fn work_is_bounded() {
        let long = "a".repeat(MAX_CHARS + 1);
        let typo = format!("{long}b");
        assert_eq!(suggest(&typo, [long.as_str()]), None);
        let near = "a".repeat(MAX_CHARS - 1);
        let typo = format!("{near}b");
        assert_eq!(suggest(&typo, [near.as_str()]), Some(near.as_str()));
        let mut budget = 10;
        assert_eq!(suggest_within("pyhton", ["python"], &mut budget), None);
        let mut budget = 100;
        assert_eq!(
            suggest_within("pyhton", ["python"], &mut budget),
            Some("python")
        );
        assert_eq!(budget, 100 - 1 - 36);
    }
}
