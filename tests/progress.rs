//! Progress tracking end to end: marking, status, plans shrinking as topics are done, skip, reset,
//! --with-prereqs, unknown topics, a corrupt file left byte for byte as it was, entries for removed
//! topics kept, and many concurrent invocations on one file losing nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

const MINI: &str = "tests/fixtures/mini";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_with(progress: &Path, roadmap: Option<&str>, args: &[&str]) -> Run {
    let mut cmd = common::roadmap();
    if let Some(r) = roadmap {
        cmd.args(["--roadmap", r]);
    }
    let out: Output = cmd
        .arg("--progress")
        .arg(progress)
        .args(args)
        .env("NO_COLOR", "1")
        .env("ROADMAP_TODAY", "2026-11-26")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn mini(progress: &Path, args: &[&str]) -> Run {
    run_with(progress, Some(MINI), args)
}

fn file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("progress.toml")
}

/// The ids of a plan, from its JSON.
fn plan_ids(progress: &Path, goal: &str) -> Vec<String> {
    let r = mini(progress, &["plan", goal, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn marking_done_shrinks_the_plan_and_is_recorded_with_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let before = plan_ids(&p, "ml-engineer");
    assert!(before.contains(&"r".to_owned()));
    let r = mini(&p, &["progress", "done", "r", "Git"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "Marked 2 topics done: r, git\n");
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("roadmap = \"Mini ML\"\n"), "{text}");
    assert!(text.contains("git = { state = \"done\", date = 2026-11-26 }\nr = { state = \"done\", date = 2026-11-26 }\n"), "{text}");
    let after = plan_ids(&p, "ml-engineer");
    assert_eq!(after.len(), before.len() - 2);
    assert!(!after.contains(&"r".to_owned()) && !after.contains(&"git".to_owned()));
    // Marking again changes nothing, not even the date.
    let r = mini(&p, &["progress", "done", "r"]);
    assert_eq!(r.stdout, "Unchanged (already done): r\n");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
}

#[test]
fn skip_counts_as_known_and_reset_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    assert_eq!(mini(&p, &["progress", "skip", "calculus"]).code, 0);
    assert!(!plan_ids(&p, "probability").contains(&"calculus".to_owned()));
    let r = mini(&p, &["progress", "reset", "calculus", "python"]);
    assert_eq!(
        r.stdout,
        "Reset 1 topic: calculus\nUnchanged (not marked): python\n"
    );
    assert!(plan_ids(&p, "probability").contains(&"calculus".to_owned()));
    assert!(!std::fs::read_to_string(&p).unwrap().contains("calculus"));
}

#[test]
fn with_prereqs_marks_everything_the_plan_needs() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let needed = plan_ids(&p, "data-analysis");
    let r = mini(&p, &["progress", "done", "data-analysis", "--with-prereqs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "no note when requirements are marked too: {}",
        r.stderr
    );
    let text = std::fs::read_to_string(&p).unwrap();
    for id in &needed {
        assert!(
            text.contains(&format!("{id} = {{ state = \"done\"")),
            "{id} not marked: {text}"
        );
    }
    assert!(
        !text.contains("pandas"),
        "only the alternative the plan takes"
    );
    assert!(plan_ids(&p, "data-analysis").is_empty());
}

#[test]
fn done_without_its_requirements_is_allowed_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let r = mini(&p, &["progress", "done", "data-analysis"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "note: `data-analysis` requires one of (`pandas`, `tidyverse`) and `probability`, not marked done (use --with-prereqs to mark them too)\n"
    );
}

#[test]
fn learning_topics_are_marked_in_plans_status_and_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    assert_eq!(mini(&p, &["progress", "learning", "pandas"]).code, 0);
    let plan = mini(&p, &["plan", "data-analysis"]).stdout;
    assert!(plan.contains("Pandas (learning)"), "{plan}");
    let json: serde_json::Value =
        serde_json::from_str(&mini(&p, &["plan", "data-analysis", "--format", "json"]).stdout)
            .unwrap();
    let pandas = json["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "pandas")
        .unwrap();
    assert_eq!(pandas["learning"], true);
    // Being learned, pandas is the alternative taken, though tidyverse costs the plan less.
    assert_eq!(json["choices"][0]["chosen"], "pandas");
    assert_eq!(json["choices"][0]["reason"], "learning");
    let status = mini(&p, &["progress", "status"]).stdout;
    assert!(status.contains("Learning\n  pandas  Pandas\n"), "{status}");
    let dot = mini(&p, &["export"]).stdout;
    let line = dot
        .lines()
        .find(|l| l.trim_start().starts_with("\"pandas\"["))
        .unwrap();
    assert!(
        line.contains("style=\"rounded,filled,dashed\""),
        "learning: a thick dashed outline: {line}"
    );
}

#[test]
fn an_unknown_topic_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let r = mini(&p, &["progress", "done", "python", "pyton"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: no topic `pyton` in this roadmap\n  = help: did you mean `python`?\n"
    );
    assert!(
        !p.exists(),
        "nothing was marked, not even the topics that exist"
    );
}

#[test]
fn a_corrupt_file_is_reported_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let corrupt = b"roadmap = \"Mini ML\"\nversion = 1\n\n[topics]\npython = { state = \"dnoe\", date = 2026-11-01 }\ngit = { state = \"done\"\n";
    std::fs::write(&p, corrupt).unwrap();
    for args in [
        &["progress", "done", "git"][..],
        &["progress", "status"],
        &["plan", "ml-engineer"],
    ] {
        let r = mini(&p, args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr.contains("progress.toml:6:"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("it was left unchanged"), "{}", r.stderr);
        assert_eq!(std::fs::read(&p).unwrap(), corrupt);
    }
    // A readable file with a state it does not know is not trusted either.
    let unknown_state =
        b"roadmap = \"Mini ML\"\n[topics]\npython = { state = \"dnoe\", date = 2026-11-01 }\n";
    std::fs::write(&p, unknown_state).unwrap();
    let r = mini(&p, &["progress", "done", "git"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("progress.toml:3:20"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `done`?"), "{}", r.stderr);
    assert_eq!(std::fs::read(&p).unwrap(), unknown_state);
    // Binary garbage and a truncated file: the same.
    for bad in [
        &b"\xff\xfe\x00garbage"[..],
        b"roadmap = \"Mini ML\"\n[topics]\npython = { sta",
    ] {
        std::fs::write(&p, bad).unwrap();
        let r = mini(&p, &["progress", "done", "git"]);
        assert_eq!(r.code, 1);
        assert_eq!(std::fs::read(&p).unwrap(), bad);
    }
}

#[test]
fn entries_for_removed_topics_are_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    std::fs::write(
        &p,
        "roadmap = \"Mini ML\"\nversion = 1\n\n[topics]\nold-topic = { state = \"done\", date = 2025-01-02 }\n",
    )
    .unwrap();
    let r = mini(&p, &["progress", "done", "python"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("warning: the progress file keeps 1 entry for topics this roadmap does not have: old-topic"), "{}", r.stderr);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(
        text.contains("old-topic = { state = \"done\", date = 2025-01-02 }\n"),
        "{text}"
    );
    assert!(
        text.contains("python = { state = \"done\", date = 2026-11-26 }\n"),
        "{text}"
    );
    let status: serde_json::Value =
        serde_json::from_str(&mini(&p, &["progress", "status", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(status["unknown_entries"], serde_json::json!(["old-topic"]));
    // Removing such an entry takes a deliberate reset.
    let r = mini(&p, &["progress", "reset", "old-topic"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "Removed old-topic (not in this roadmap)\n");
    assert!(!std::fs::read_to_string(&p).unwrap().contains("old-topic"));
    // Anything else that is neither a topic nor an entry is still an error.
    assert_eq!(mini(&p, &["progress", "reset", "old-topc"]).code, 1);
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let out = common::roadmap()
        .args(["--roadmap", MINI, "--progress"])
        .arg(&p)
        .args(["progress", "done", "python"])
        .env("ROADMAP_TODAY", "yesterday")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ROADMAP_TODAY is `yesterday`"));
    assert!(!p.exists());
}

#[test]
fn a_file_of_another_roadmap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    let other = "roadmap = \"Another roadmap\"\nversion = 1\n\n[topics]\n";
    std::fs::write(&p, other).unwrap();
    let r = mini(&p, &["progress", "done", "python"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("holds progress for the roadmap \"Another roadmap\""),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), other);
}

#[test]
fn status_counts_stages_overall_and_hours_left() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    mini(&p, &["progress", "done", "python", "git", "calculus"]);
    let r = mini(&p, &["progress", "status", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let basics = &json["stages"][0];
    assert_eq!(basics["id"], "basics");
    assert_eq!(
        (basics["topics"].as_u64(), basics["done"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(basics["hours_covered"], 24.5);
    assert_eq!(
        json["overall"]["topics"], 12,
        "the role is not a study topic"
    );
    let goal = &json["goals"][0];
    assert_eq!(goal["id"], "ml-engineer");
    assert_eq!(goal["hours_total"], 166.5);
    assert_eq!(goal["hours_left"], 125);
    let text = mini(&p, &["progress", "status"]).stdout;
    let basics = text.lines().find(|l| l.starts_with("  Basics ")).unwrap();
    assert!(
        basics.ends_with("███████░░░   2/3  topics  24.5/39.5 h"),
        "{text}"
    );
}

#[test]
fn concurrent_invocations_lose_no_mark() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    // The default roadmap has enough topics for many writers at once.
    let ids = default_ids(40);
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            common::roadmap()
                .arg("--progress")
                .arg(&p)
                .args(["progress", "done", id])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&p).unwrap();
    for id in &ids {
        assert!(
            text.contains(&format!("\n{id} = {{ state = \"done\"")),
            "{id} lost:\n{text}"
        );
    }
    assert!(
        text.parse::<toml::Table>().is_ok(),
        "the file is valid TOML"
    );
    let r = run_with(&p, None, &["progress", "status", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Nothing is left beside it: no temporary file, no lock file.
    assert_eq!(names_in(dir.path()), ["progress.toml"]);
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The first `n` topic ids of the built-in roadmap.
fn default_ids(n: usize) -> Vec<String> {
    let out = common::roadmap()
        .args(["list", "--kind", "topic", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), n, "the built-in roadmap has {n} topics");
    ids
}

/// 60 writers at once, half naming the file by a symbolic link and half by its real name, the
/// link dangling until the first write: every mark is kept, the link stays a link, and nothing
/// is left beside the file. (A lock named after the path as given let the two halves write at
/// once: 30 to 39 of 60 marks survived; and the first write through the dangling link replaced
/// it by a file of its own.)
#[cfg(unix)]
#[test]
fn sixty_writers_through_two_paths_to_one_file_lose_no_mark() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("real.toml", &link).unwrap();
    let ids = default_ids(60);
    let children: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            common::roadmap()
                .arg("--progress")
                .arg(if i % 2 == 0 { &real } else { &link })
                .args(["progress", "done", id])
                .env("ROADMAP_TODAY", "2026-11-26")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let text = std::fs::read_to_string(&real).unwrap();
    let kept = ids
        .iter()
        .filter(|id| text.contains(&format!("\n{id} = {{ state = \"done\"")))
        .count();
    assert_eq!(kept, ids.len(), "marks kept, of {}:\n{text}", ids.len());
    assert_eq!(names_in(dir.path()), ["link.toml", "real.toml"]);
}

/// What a run as another user (root) left beside the file, and the owner cannot open: it must
/// not block the owner's changes. A directory named like the old lock file stands for it here,
/// since the tests may run as root, who can open any file.
#[test]
fn a_lock_left_behind_by_anyone_blocks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    std::fs::create_dir(dir.path().join("progress.toml.lock")).unwrap();
    let r = mini(&p, &["progress", "done", "python"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(&p).unwrap().contains("python = "));
    let r = mini(&p, &["progress", "learning", "git"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A progress file that exists but cannot be read (here: a directory, or a path through a file)
/// is an error naming it, never "no progress yet": `status`, `plan` and `next` would otherwise
/// show an empty record and hide the learner's marks. (The permission-denied case is the corpus
/// case `unreadable-progress`, run without the privilege to read everything.)
#[test]
fn a_progress_file_that_cannot_be_read_is_an_error_not_empty_progress() {
    let dir = tempfile::tempdir().unwrap();
    let a_directory = dir.path().join("progress.toml");
    std::fs::create_dir(&a_directory).unwrap();
    let a_file = dir.path().join("file");
    std::fs::write(&a_file, "").unwrap();
    let through_a_file = a_file.join("progress.toml");
    for (p, reason) in [
        (&a_directory, "Is a directory"),
        (&through_a_file, "Not a directory"),
    ] {
        for args in [
            &["progress", "status"][..],
            &["plan", "ml-engineer"],
            &["next"],
            &["progress", "done", "git"],
        ] {
            let r = mini(p, args);
            assert_eq!(r.code, 2, "{args:?} with {}: {}", p.display(), r.stderr);
            assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
            let wanted = if p == &through_a_file && args[0] == "progress" && args[1] == "done" {
                // Changing the file makes its folder first, and a file is in the way.
                format!("error: cannot write `{}`: File exists", a_file.display())
            } else {
                format!("error: cannot read `{}`: {reason}", p.display())
            };
            assert!(r.stderr.starts_with(&wanted), "{args:?}: {}", r.stderr);
        }
    }
    assert!(a_directory.is_dir() && std::fs::read_dir(&a_directory).unwrap().count() == 0);
    assert_eq!(std::fs::read(&a_file).unwrap(), b"");
}

/// The first mark on a fresh machine: the data directory does not exist yet, so every folder on
/// the way to the progress file is made, at the default place or at the one given.
#[test]
fn the_first_mark_makes_the_folders_the_file_goes_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh").join("share");
    let out = common::roadmap()
        .args(["--roadmap", MINI, "progress", "done", "git"])
        .env_remove("ROADMAP_PROGRESS")
        .env("XDG_DATA_HOME", &data)
        .env("HOME", dir.path().join("home"))
        .env("ROADMAP_TODAY", "2026-11-26")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        common::succeeded(&["progress", "done", "git"], out),
        "Marked 1 topic done: git\n"
    );
    let default = data.join("roadmap/progress/mini-ml.toml");
    assert!(
        std::fs::read_to_string(&default)
            .unwrap()
            .contains("git = { state = \"done\", date = 2026-11-26 }\n")
    );
    // Given, deep in folders that do not exist.
    let deep = dir.path().join("a/b/c/progress.toml");
    let r = mini(&deep, &["progress", "done", "python"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&deep)
            .unwrap()
            .contains("python = { state = \"done\", date = 2026-11-26 }\n")
    );
    // A bare file name is in the working directory.
    let cwd = dir.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let out = common::roadmap()
        .current_dir(&cwd)
        .arg("--roadmap")
        .arg(std::fs::canonicalize(MINI).unwrap())
        .args(["--progress", "mine.toml", "progress", "done", "r"])
        .env("ROADMAP_TODAY", "2026-11-26")
        .output()
        .unwrap();
    common::succeeded(&["progress", "done", "r"], out);
    assert!(
        std::fs::read_to_string(cwd.join("mine.toml"))
            .unwrap()
            .contains("r = { state = \"done\", date = 2026-11-26 }\n")
    );
}

/// A date with a time of day (with or without an offset) or a time alone is not a date: such a
/// file is refused where the value is, and left as it was, rather than read and written back as
/// a plain date (which would change the file without saying so).
#[test]
fn a_date_with_a_time_is_refused_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    for value in [
        "2026-01-01T10:00:00Z",
        "2026-01-01T10:00:00+01:00",
        "2026-01-01T10:00:00",
        "2026-01-01 10:00:00",
        "10:00:00",
    ] {
        let text = format!(
            "roadmap = \"Mini ML\"\nversion = 1\n\n[topics]\ngit = {{ state = \"done\", date = {value} }}\n"
        );
        std::fs::write(&p, &text).unwrap();
        for args in [&["progress", "done", "python"][..], &["progress", "status"]] {
            let r = mini(&p, args);
            assert_eq!(r.code, 1, "{value}, {args:?}: {}", r.stderr);
            assert!(
                r.stderr
                    .contains("the entry for `git` needs a `date = YYYY-MM-DD`"),
                "{value}: {}",
                r.stderr
            );
            assert!(
                r.stderr.contains("progress.toml:5:7"),
                "{value}: {}",
                r.stderr
            );
            assert_eq!(std::fs::read_to_string(&p).unwrap(), text, "{value}");
        }
    }
}

/// The written file is held to the limit it is read with (`progress::MAX_BYTES`, 8 MiB): a
/// change that makes the file exactly 8 MiB is written and reads back; one byte more is refused
/// and the file is left as it was, never written where the next read would refuse it; and a
/// file over the limit is refused by name, whatever reads it.
#[test]
fn a_change_is_written_up_to_the_size_a_read_accepts_and_no_further() {
    const MAX: usize = 8 * 1024 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    // The file's first lines, as the tool writes them.
    let r = mini(&p, &["progress", "done", "python"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let python = "python = { state = \"done\", date = 2026-11-26 }\n";
    let head = std::fs::read_to_string(&p).unwrap().replace(python, "");
    let git = "git = { state = \"done\", date = 2026-11-26 }\n";
    let entry = |id: &str| format!("{id} = {{ state = \"done\", date = 2025-01-01 }}\n");
    // Marks for topics of an older roadmap, then one whose id's length makes the file `size`
    // bytes once `git` is marked.
    let with_git_marked_making = |size: usize| {
        let mut text = head.clone();
        let mut i = 0;
        while size - text.len() - git.len() > 200 {
            text.push_str(&entry(&format!("old-{i:06}")));
            i += 1;
        }
        let rest = size - text.len() - git.len() - entry("").len();
        text.push_str(&entry(&"x".repeat(rest)));
        assert_eq!(text.len() + git.len(), size);
        text
    };
    let exactly = with_git_marked_making(MAX);
    std::fs::write(&p, &exactly).unwrap();
    let r = mini(&p, &["progress", "done", "git"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::metadata(&p).unwrap().len(), MAX as u64);
    let r = mini(&p, &["progress", "status"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let over = with_git_marked_making(MAX + 1);
    std::fs::write(&p, &over).unwrap();
    let r = mini(&p, &["progress", "done", "git"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.starts_with(&format!(
            "error: `{}` is too large for a progress file",
            p.display()
        )),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), over);

    let too_large = over + git;
    std::fs::write(&p, &too_large).unwrap();
    let r = mini(&p, &["progress", "status"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "error: `{}` is too large for a progress file",
            p.display()
        )),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), too_large);
}

/// `ROADMAP_TODAY` set to nothing (or to spaces) is unset, as every variable the tool reads:
/// a mark gets today's date instead of an error about the variable.
#[test]
fn an_empty_roadmap_today_is_today() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    for value in ["", "  "] {
        let before = jiff::ZonedDateTime::now().date();
        let out = common::roadmap()
            .args(["--roadmap", MINI])
            .arg("--progress")
            .arg(&p)
            .args(["progress", "done", "git"])
            .env("ROADMAP_TODAY", value)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            common::succeeded(&["progress", "done", "git"], out),
            "Marked 1 topic done: git\n",
            "ROADMAP_TODAY={value:?}"
        );
        let after = jiff::ZonedDateTime::now().date();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            [before, after]
                .iter()
                .any(|d| text.contains(&format!("git = {{ state = \"done\", date = {d} }}\n"))),
            "ROADMAP_TODAY={value:?}: {text}"
        );
        std::fs::remove_file(&p).unwrap();
    }
}

/// An empty progress file (made by `touch`, or `/dev/null` to keep no record) is no progress
/// yet, not a file without its `roadmap` key: status, plans and the first mark work.
#[test]
fn an_empty_progress_file_is_no_progress_yet() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(&dir);
    std::fs::write(&p, "").unwrap();
    for progress in [p.as_path(), Path::new("/dev/null")] {
        let r = mini(progress, &["progress", "status"]);
        assert_eq!(r.code, 0, "{}: {}", progress.display(), r.stderr);
        assert!(r.stdout.contains("0/"), "{}", r.stdout);
        assert_eq!(plan_ids(progress, "git"), ["git"]);
    }
    let r = mini(&p, &["progress", "done", "git"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::read_to_string(&p)
            .unwrap()
            .contains("git = { state = \"done\", date = 2026-11-26 }\n")
    );
}

/// The progress file every other test runs with when it needs none (`common::NO_PROGRESS`):
/// it reads as no progress yet, and a mark there, as a bug or a mutant might make, fails and
/// leaves nothing behind, so it cannot hand its progress to the next run.
#[test]
fn the_tests_own_no_progress_file_reads_empty_and_is_never_made() {
    let path = Path::new(common::NO_PROGRESS);
    let status = mini(path, &["progress", "status", "ml-engineer"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status
            .stdout
            .contains(&format!("file: {}\n", common::NO_PROGRESS)),
        "{}",
        status.stdout
    );
    assert!(status.stdout.contains(" 0/"), "{}", status.stdout);
    let mark = mini(path, &["progress", "done", "python"]);
    assert_eq!(mark.code, 2, "{}", mark.stderr);
    assert!(
        mark.stderr
            .starts_with(&format!("error: cannot write `{}`", common::NO_DIR)),
        "{}",
        mark.stderr
    );
    assert!(!Path::new(common::NO_DIR).exists());
    assert_eq!(
        mini(path, &["progress", "status", "ml-engineer"]).stdout,
        status.stdout
    );
}
