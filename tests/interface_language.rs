//! Under `--lang zh` the interface speaks Chinese: no English message text reaches the learner from
//! the commands they use most (plan, progress status, check on broken roadmaps, why, search). The
//! English text looked for is taken from the English catalogue itself, so a message added in code
//! and forgotten in the Chinese catalogue, or an English string left in code where a message
//! belongs, fails here.

mod common;

use std::path::Path;

use roadmap::i18n::{Localizer, Ui};

/// The literal parts of every English message (every variant) that the Chinese catalogue does not
/// use too: the text between placeables, trimmed, kept when it is English words ("h", "#" and
/// "->" are shared by both languages).
fn english_fragments() -> Vec<(String, String)> {
    let en = Localizer::get(Ui::En);
    let zh = Localizer::get(Ui::Zh);
    let mut fragments = Vec::new();
    for id in en.ids() {
        let chinese = zh.literals(&id);
        for part in en.literals(&id) {
            let part = part.trim_matches(|c: char| !c.is_alphanumeric());
            // Words both catalogues use (`--hours-per-week`, `PATH`) are not English text.
            if chinese.iter().any(|c| c.contains(part)) {
                continue;
            }
            // A phrase, or a capitalised word (a heading such as "Choices"): a lone lower-case
            // word is as likely a TOML key quoted from the file being checked (`stage`).
            let words = part
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3)
                .count();
            let capitalised = part.starts_with(|c: char| c.is_ascii_uppercase());
            if words >= 2 || (words == 1 && capitalised) {
                fragments.push((id.clone(), part.to_owned()));
            }
        }
    }
    assert!(fragments.len() > 300, "only {} fragments", fragments.len());
    fragments
}

/// Whether `word` occurs in `text` as whole words: not inside an id such as `data-science`.
fn contains_words(text: &str, word: &str) -> bool {
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    text.match_indices(word).any(|(at, _)| {
        !joins(text[..at].chars().next_back()) && !joins(text[at + word.len()..].chars().next())
    })
}

fn run(args: &[&str]) -> String {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let output = common::roadmap()
        .current_dir(&fixtures)
        .env("NO_COLOR", "1")
        .env("ROADMAP_TODAY", "2026-11-26")
        .env("ROADMAP_PROGRESS", "progress/ml-engineer.toml")
        .arg("--lang")
        .arg("zh")
        .args(args)
        .output()
        .unwrap();
    let mut text = String::from_utf8(output.stdout).unwrap();
    text.push_str(&String::from_utf8(output.stderr).unwrap());
    assert!(!text.trim().is_empty(), "{args:?} printed nothing");
    text
}

#[test]
fn chinese_output_holds_no_english_interface_text() {
    let fragments = english_fragments();
    let cases: &[&[&str]] = &[
        &[
            "plan",
            "ml-engineer",
            "--hours-per-week",
            "10",
            "--start",
            "2027-01-04",
        ],
        &[
            "plan",
            "data-scientist",
            "--known",
            "python",
            "--format",
            "markdown",
        ],
        &["plan", "deep-learning-engineer", "--known", "numpy,pytorch"],
        &["progress", "status"],
        &["progress", "status", "deep-learning-engineer"],
        &[
            "progress",
            "status",
            "ai-specialist",
            "--hours-per-week",
            "8",
        ],
        &["--roadmap", "findings/unknown-topic.toml", "check"],
        &["--roadmap", "findings/cycle.toml", "check"],
        &["--roadmap", "findings/empty-text.toml", "check"],
        &["--roadmap", "findings/duplicate-id.toml", "check"],
        &["--roadmap", "findings/missing-key.toml", "check"],
        &["--roadmap", "findings/key-synonyms.toml", "check"],
        &["why", "numpy", "deep-learning-engineer"],
        &["why", "statistical-inference", "--all", "--max", "3"],
        &["why", "kubernetes", "data-scientist"],
        &["search", "线性"],
        &["search", "eigenvalues"],
        &["search", "zzzzzzzz"],
        &["plan", "llm"],
    ];
    let mut found = Vec::new();
    for args in cases {
        let text = run(args);
        for (id, fragment) in &fragments {
            if contains_words(&text, fragment) {
                found.push(format!("{args:?}: `{fragment}` (message {id})"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "English interface text under --lang zh:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_fragment_search_sees_english() {
    // The check above is worth something only if it notices English where there is some.
    let fragments = english_fragments();
    let english = common::roadmap()
        .env("NO_COLOR", "1")
        .args(["plan", "python", "--hours-per-week", "10"])
        .output()
        .unwrap();
    let text = String::from_utf8(english.stdout).unwrap();
    let seen: Vec<&str> = fragments
        .iter()
        .filter(|(_, f)| contains_words(&text, f))
        .map(|(id, _)| id.as_str())
        .collect();
    for id in ["plan-critical-path", "plan-total", "plan-for"] {
        assert!(seen.contains(&id), "{id} not seen in {text:?}");
    }
    assert!(!contains_words("data-science", "data"));
    assert!(contains_words("Total 3 topics", "topics"));
}
