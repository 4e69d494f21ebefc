//! Language codes, as a resource's `lang` gives them: a BCP 47 tag (`zh`, `zh-Hans`, `pt-BR`)
//! whose language is an ISO 639 code, and the rule that says whether a resource is in the language
//! a learner asked for with `--lang`.

use isolang::Language;
use oxilangtag::LanguageTag;

use crate::i18n::{Msg, primary};
use crate::msg;

/// Why a `lang` value is refused (the id of the message saying so), and the code it probably
/// meant.
#[derive(Debug, PartialEq)]
pub struct BadCode {
    pub reason: Msg,
    pub suggestion: Option<String>,
}

/// Checks that `code` is a well-formed BCP 47 language tag whose primary language is a known
/// ISO 639 code: two letters (ISO 639-1, such as `zh`) or three (ISO 639-3, such as `yue`).
pub fn check(code: &str) -> Result<(), BadCode> {
    let known = match LanguageTag::parse(code) {
        Ok(tag) => known_language(tag.primary_language()).is_some(),
        Err(_) => false,
    };
    if known {
        return Ok(());
    }
    let well_formed = LanguageTag::parse(code).is_ok();
    Err(BadCode {
        reason: if well_formed {
            msg!("lang-unknown-code")
        } else {
            msg!("lang-not-well-formed")
        },
        suggestion: suggestion(code),
    })
}

fn known_language(primary: &str) -> Option<Language> {
    let lower = primary.to_ascii_lowercase();
    match lower.len() {
        2 => Language::from_639_1(&lower),
        3 => Language::from_639_3(&lower),
        _ => None,
    }
}

/// The code meant by a language's name (`Chinese`, `中文`), or by a locale written with `_`
/// (`zh_CN`), when there is one.
fn suggestion(written: &str) -> Option<String> {
    let trimmed = written.trim();
    let dashed = trimmed.replace('_', "-");
    if dashed != written && check(&dashed).is_ok() {
        return Some(dashed);
    }
    let lower = trimmed.to_lowercase();
    // Only ever on a refused value, so a scan of the table costs nothing that matters.
    let same = move |name: &str| name.to_lowercase() == lower;
    let by_name = Language::match_names(same.clone())
        .next()
        .or_else(|| Language::match_autonyms(same).next())?;
    Some(
        by_name
            .to_639_1()
            .unwrap_or_else(|| by_name.to_639_3())
            .to_owned(),
    )
}

/// Whether a resource in language `resource` is in the language `wanted` (as given to `--lang`):
/// their primary languages are the same, so `zh-Hans` is `zh` and `zh-CN` asks for `zh`. The tag
/// asked for is in BCP 47 form already (see [`crate::i18n::tag`]).
pub fn matches(resource: &str, wanted: &str) -> bool {
    let (r, w) = (primary(resource), primary(wanted));
    !r.is_empty() && r.eq_ignore_ascii_case(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_languages_with_script_and_region() {
        for code in ["zh", "en", "zh-Hans", "zh-CN", "pt-BR", "yue", "ZH"] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_language_and_says_what_was_meant() {
        let bad = |code: &str| check(code).unwrap_err();
        assert_eq!(bad("Chinese").suggestion.as_deref(), Some("zh"));
        assert_eq!(bad("chinese").suggestion.as_deref(), Some("zh"));
        assert_eq!(bad("中文").suggestion.as_deref(), Some("zh"));
        assert_eq!(bad("zh_CN").suggestion.as_deref(), Some("zh-CN"));
        assert_eq!(bad("xx").suggestion, None);
        assert_eq!(bad("xx").reason, msg!("lang-unknown-code"));
        assert_eq!(bad("").reason, msg!("lang-not-well-formed"));
        assert_eq!(bad("zh-").reason, msg!("lang-not-well-formed"));
    }

    #[test]
    fn matching_compares_primary_languages() {
        assert!(matches("zh", "zh"));
        assert!(matches("zh-Hans", "zh"));
        assert!(matches("zh", "zh-CN"));
        assert!(matches("ZH", "zh-Hant-TW"));
        assert!(!matches("en", "zh"));
        assert!(!matches("", ""));
    }
}
