//! `roadmap assess` end to end through its line protocol: a program answering each question as it
//! comes recovers what its learner knows, the known topics are marked done in the progress file
//! (and later runs and plans take them), and bad input or a dry run writes nothing.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

const MINI: &str = "tests/fixtures/mini";

/// Runs `assess` with `args`, answering each `?` line with `answer(line)`; returns the lines
/// written and the exit status.
fn drive(progress: &Path, args: &[&str], answer: impl Fn(&str) -> String) -> (Vec<String>, i32) {
    let mut child = common::roadmap()
        .arg("--progress")
        .arg(progress)
        .args(args)
        .env("NO_COLOR", "1")
        .env("ROADMAP_TODAY", "2026-11-26")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        if line.starts_with("? ") {
            writeln!(stdin, "{}", answer(&line)).unwrap();
            stdin.flush().unwrap();
        }
        lines.push(line);
    }
    drop(stdin);
    let status = child.wait().unwrap();
    (lines, status.code().unwrap_or(-1))
}

/// The learner of the mini roadmap who knows R, the tidyverse, calculus and probability.
fn r_learner(line: &str) -> String {
    let known = ["r", "tidyverse", "calculus", "probability"];
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["?", _, "one-of", alternatives @ ..] => alternatives
            .iter()
            .find(|a| known.contains(a))
            .map_or("n".to_owned(), |a| a.to_string()),
        ["?", id] => if known.contains(id) { "y" } else { "n" }.to_owned(),
        _ => panic!("not a question: {line}"),
    }
}

#[test]
fn a_program_answering_the_questions_gets_its_knowledge_marked_done() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.toml");
    let (lines, code) = drive(
        &progress,
        &["--roadmap", MINI, "assess", "ml-engineer"],
        r_learner,
    );
    assert_eq!(code, 0, "{lines:?}");
    // Only questions, then the result: all four (the plan takes the tidyverse, fewer hours than
    // Pandas and NumPy with Python).
    let last = lines.last().unwrap();
    assert!(lines[..lines.len() - 1].iter().all(|l| l.starts_with("? ")));
    assert_eq!(last, "= r calculus probability tidyverse");
    assert!(lines.len() - 1 < 10, "{lines:?}");
    let text = std::fs::read_to_string(&progress).unwrap();
    assert!(
        text.contains("calculus = { state = \"done\", date = 2026-11-26 }"),
        "{text}"
    );
    assert!(
        text.contains("probability = { state = \"done\", date = 2026-11-26 }"),
        "{text}"
    );
    // A second run has nothing left to ask about them.
    let (again, code) = drive(
        &progress,
        &[
            "--roadmap",
            MINI,
            "assess",
            "ml-engineer",
            "--format",
            "json",
        ],
        r_learner,
    );
    assert_eq!(code, 0);
    assert!(
        !again
            .iter()
            .any(|l| l == "? calculus" || l == "? probability")
    );
    let result: serde_json::Value = serde_json::from_str(again.last().unwrap()).unwrap();
    assert_eq!(result["known"], serde_json::json!([]));
    assert_eq!(result["questions"], (again.len() - 1) as u64);
}

#[test]
fn bad_input_and_dry_runs_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.toml");
    let before = "roadmap = \"Mini ML\"\nversion = 1\n\n[topics]\ngit = { state = \"learning\", date = 2026-01-01 }\n";
    std::fs::write(&progress, before).unwrap();
    for bad in ["yes", "", "maybe", "python"] {
        let (lines, code) = drive(&progress, &["--roadmap", MINI, "assess"], |_| {
            bad.to_owned()
        });
        assert_eq!(code, 2, "{bad}: {lines:?}");
        assert_eq!(std::fs::read_to_string(&progress).unwrap(), before);
    }
    let (lines, code) = drive(
        &progress,
        &["--roadmap", MINI, "assess", "--dry-run"],
        |line| match line.split_whitespace().nth(3) {
            Some(first) => first.to_owned(),
            None => "y".to_owned(),
        },
    );
    assert_eq!(code, 0);
    assert!(lines.last().unwrap().starts_with("= "));
    assert_eq!(std::fs::read_to_string(&progress).unwrap(), before);
}

/// Every downward-closed knowledge state of the built-in ml-engineer plan that a few seeds
/// generate is recovered exactly through the protocol, in fewer questions than topics.
#[test]
fn the_built_in_plan_is_recovered_exactly() {
    let plan = common::roadmap()
        .args(["plan", "ml-engineer", "--format", "json", "--progress"])
        .arg(common::NO_PROGRESS)
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let steps: Vec<(String, Vec<String>)> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["stage"] != "roles")
        .map(|s| {
            let requires = s["requires"].as_array().unwrap();
            (
                s["id"].as_str().unwrap().to_owned(),
                requires
                    .iter()
                    .map(|r| r.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let down = |seeds: &[&str]| {
        let mut set = BTreeSet::new();
        let mut stack: Vec<String> = seeds.iter().map(|s| s.to_string()).collect();
        while let Some(t) = stack.pop() {
            if set.insert(t.clone()) {
                let (_, requires) = steps.iter().find(|(id, _)| *id == t).unwrap();
                stack.extend(requires.iter().cloned());
            }
        }
        set
    };
    let dir = tempfile::tempdir().unwrap();
    for seeds in [
        &[][..],
        &["numpy", "sql"][..],
        &["scikit-learn"][..],
        &["training-deep-networks", "docker", "git"][..],
        &["ml-system-design"][..],
    ] {
        let truth = down(seeds);
        let progress = dir.path().join(format!("{}.toml", seeds.join("-")));
        let (lines, code) = drive(&progress, &["assess", "ml-engineer", "--dry-run"], |line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["?", _, "one-of", alternatives @ ..] => alternatives
                    .iter()
                    .find(|a| truth.contains(**a))
                    .map_or("n".to_owned(), |a| a.to_string()),
                ["?", id] => if truth.contains(*id) { "y" } else { "n" }.to_owned(),
                _ => panic!("not a question: {line}"),
            }
        });
        assert_eq!(code, 0, "{seeds:?}: {lines:?}");
        let found: BTreeSet<String> = lines
            .last()
            .unwrap()
            .trim_start_matches('=')
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        assert_eq!(found, truth, "{seeds:?}");
        assert!(
            lines.len() - 1 < steps.len(),
            "{seeds:?}: {} questions",
            lines.len() - 1
        );
    }
}
