//! The built-in roadmap is the product's face: it must stay warning-free and complete (hours,
//! summary, a resource with an absolute http(s) URL, and a Chinese title on every topic; every
//! stage translated; the four roles), and its headline plan must stay plausible.

mod common;

use serde_json::Value;

fn roadmap(args: &[&str]) -> (i32, String) {
    let out = common::roadmap()
        .args(args)
        .env("NO_COLOR", "1")
        .env(
            "ROADMAP_PROGRESS",
            "/nonexistent-roadmap-tests/progress.toml",
        )
        .env_remove("ROADMAP_PATH")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out) = roadmap(args);
    assert_eq!(code, 0, "{args:?}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn checks_clean_with_warnings_denied() {
    let (code, out) = roadmap(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}");
    let report = json(&["check", "--format", "json"]);
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_eq!(report["warnings"], serde_json::json!([]));
    assert!(
        report["topics"].as_u64().unwrap() >= 84,
        "at least 80 topics and 4 roles"
    );
}

#[test]
fn lists_the_four_roles() {
    let roles: Vec<String> = json(&["list", "--kind", "role", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        roles,
        [
            "ml-engineer",
            "data-scientist",
            "ai-specialist",
            "deep-learning-engineer"
        ]
    );
}

#[test]
fn every_topic_has_hours_summary_resource_and_chinese_title() {
    let topics = json(&["list", "--format", "json"]);
    let topics = topics.as_array().unwrap();
    assert!(topics.len() >= 84);
    for t in topics {
        let id = t["id"].as_str().unwrap();
        let role = t["kind"] == "role";
        let show = json(&["show", id, "--format", "json"]);
        if role {
            assert_eq!(t["hours"], 0, "{id}: roles take no time of their own");
        } else {
            assert!(t["hours"].as_f64().is_some_and(|h| h > 0.0), "{id}: hours");
        }
        let summary = t["summary"].as_str().unwrap_or_default();
        assert!(
            summary.len() > 20 && summary.ends_with('.'),
            "{id}: a one-sentence summary"
        );
        let zh = show["i18n"]["zh"]["title"].as_str().unwrap_or_default();
        assert!(!zh.is_empty(), "{id}: Chinese title");
        let resources = show["resources"].as_array().unwrap();
        assert!(!resources.is_empty(), "{id}: at least one resource");
        for r in resources {
            let url = r["url"].as_str().unwrap();
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{id}: {url} is not absolute http(s)"
            );
            assert!(!url.contains(char::is_whitespace), "{id}: {url}");
            let host = url.split("://").nth(1).unwrap().split('/').next().unwrap();
            assert!(
                host.contains('.') && !host.is_empty(),
                "{id}: {url} has no host"
            );
        }
    }
}

#[test]
fn every_stage_has_a_chinese_title() {
    let (_, text) = roadmap(&["--lang", "zh", "progress", "status", "--format", "json"]);
    let status: Value = serde_json::from_str(&text).unwrap();
    for stage in status["stages"].as_array().unwrap() {
        let title = stage["title"].as_str().unwrap();
        assert!(
            !title.is_ascii(),
            "stage {} has no Chinese title",
            stage["id"]
        );
    }
}

#[test]
fn the_headline_plan_is_plausible() {
    let plan = json(&["plan", "ml-engineer", "--format", "json"]);
    let hours = plan["total_hours"].as_f64().unwrap();
    assert!(
        (500.0..2000.0).contains(&hours),
        "ml-engineer takes {hours} h"
    );
    let steps = plan["steps"].as_array().unwrap();
    assert_eq!(steps.last().unwrap()["id"], "ml-engineer");
    // The first programming language is chosen among Python, R and Java.
    assert!(
        plan["choices"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["one_of"] == serde_json::json!(["python", "r", "java"]))
    );
    for role in ["data-scientist", "ai-specialist", "deep-learning-engineer"] {
        let hours = json(&["plan", role, "--format", "json"])["total_hours"]
            .as_f64()
            .unwrap();
        assert!((300.0..2000.0).contains(&hours), "{role} takes {hours} h");
    }
}
