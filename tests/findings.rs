//! Every kind of finding has a fixture under `tests/fixtures/findings/` whose `# expect:` comments
//! list exactly what `roadmap check --format json` must report: kind, line:column, and the
//! suggestion (or, for cycles, the topics in order). The exit code follows the severity.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/findings";

const ERROR_KINDS: &[&str] = &[
    "syntax",
    "missing-key",
    "unknown-key",
    "wrong-type",
    "roadmap-table",
    "duplicate-id",
    "invalid-id",
    "unknown-stage",
    "unknown-topic",
    "self-reference",
    "empty-one-of",
    "negative-hours",
    "invalid-lang",
    "cycle",
];
const WARNING_KINDS: &[&str] = &[
    "missing-hours",
    "redundant-requirement",
    "recommends-required",
    "empty-stage",
    "empty-text",
    "not-web-url",
    "empty-role",
    "single-alternative",
    "duplicate-alternative",
    "zero-hours",
];

/// (file name, kind, line, column, suggestion or cycle)
type Expected = (String, String, u64, u64, String);

fn fixtures() -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    all
}

fn files_of(fixture: &Path) -> Vec<PathBuf> {
    if fixture.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(fixture)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    } else {
        vec![fixture.to_owned()]
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn expectations(fixture: &Path) -> BTreeSet<Expected> {
    let mut expected = BTreeSet::new();
    for file in files_of(fixture) {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let Some(rest) = line.strip_prefix("# expect: ") else {
                continue;
            };
            let mut parts = rest.split_whitespace();
            let kind = parts.next().unwrap().to_owned();
            let (l, c) = parts.next().unwrap().split_once(':').unwrap();
            let extra = parts.next().unwrap_or("").to_owned();
            expected.insert((
                file_name(file.to_str().unwrap()),
                kind,
                l.parse().unwrap(),
                c.parse().unwrap(),
                extra,
            ));
        }
    }
    expected
}

fn check(fixture: &Path, extra_args: &[&str]) -> (i32, Value) {
    let output = common::roadmap()
        .arg("--roadmap")
        .arg(fixture)
        .args(["check", "--format", "json"])
        .args(extra_args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: stdout is not JSON ({e}): {}",
            fixture.display(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap(), json)
}

fn reported(json: &Value, severity: &str) -> BTreeSet<Expected> {
    json[severity]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let extra = match f.get("cycle") {
                Some(cycle) => cycle
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(","),
                None => f["suggestion"].as_str().unwrap_or("").to_owned(),
            };
            assert!(!f["message"].as_str().unwrap().is_empty());
            (
                file_name(f["file"].as_str().unwrap()),
                f["kind"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                extra,
            )
        })
        .collect()
}

#[test]
fn each_fixture_reports_exactly_its_expected_findings() {
    let mut kinds_seen = BTreeSet::new();
    for fixture in fixtures() {
        let expected = expectations(&fixture);
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` line",
            fixture.display()
        );
        let (code, json) = check(&fixture, &[]);
        let errors = reported(&json, "errors");
        let warnings = reported(&json, "warnings");
        let found: BTreeSet<Expected> = errors.union(&warnings).cloned().collect();
        assert_eq!(found, expected, "{}", fixture.display());
        for (_, kind, ..) in &errors {
            assert!(
                ERROR_KINDS.contains(&kind.as_str()),
                "{kind} reported as an error"
            );
        }
        for (_, kind, ..) in &warnings {
            assert!(
                WARNING_KINDS.contains(&kind.as_str()),
                "{kind} reported as a warning"
            );
        }
        let expected_code = if errors.is_empty() { 0 } else { 1 };
        assert_eq!(code, expected_code, "{}", fixture.display());
        if errors.is_empty() {
            let (code, _) = check(&fixture, &["--deny-warnings"]);
            assert_eq!(code, 1, "{} with --deny-warnings", fixture.display());
        }
        kinds_seen.extend(found.into_iter().map(|(_, kind, ..)| kind));
    }
    for kind in ERROR_KINDS.iter().chain(WARNING_KINDS) {
        assert!(kinds_seen.contains(*kind), "no fixture covers `{kind}`");
    }
}

#[test]
fn json_report_counts_the_roadmap() {
    let (code, json) = check(
        Path::new("tests/fixtures/findings/redundant-requirement.toml"),
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(json["topics"], 4);
    assert_eq!(json["stages"], 1);
    assert_eq!(json["edges"], 5);
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 2);
}
