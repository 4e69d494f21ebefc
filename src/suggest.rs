//! "Did you mean": the closest known name to a misspelt one, when it is close enough to be a typo.

/// The candidate nearest to `typo`, if it is within a typo's distance (about a third of the
/// length, at least one edit). Ties go to the first candidate, so callers pass a stable order.
pub fn suggest<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typo_lower = typo.to_lowercase();
    let limit = (typo.chars().count() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        // Cheap length filter first: large roadmaps have many candidates.
        let len = candidate.chars().count();
        if len.abs_diff(typo.chars().count()) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&typo_lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let ids = ["python", "pandas", "numpy"];
        assert_eq!(suggest("pyhton", ids), Some("python"));
        assert_eq!(suggest("Pandas", ids), Some("pandas"));
        assert_eq!(suggest("rust", ids), None);
        assert_eq!(suggest("titel", ["id", "title"]), Some("title"));
    }
}
