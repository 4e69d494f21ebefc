//! `roadmap schema` checked by an independent validator: Python's `jsonschema` (Draft 2020-12)
//! reading the TOML with `tomllib` (tests/schema/validate.py), nothing of this crate. Every
//! built-in file, the small fixture roadmap and `init`'s template must be valid; a file with a
//! wrong type, an unknown key, a bad id, negative hours or an empty `one_of` must not, while
//! files whose only problems are beyond a schema (references, cycles) or mere warnings must pass.
//! `roadmap init` writes the schema beside the files, and a `#:schema` line at the top of each.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{absent, missing, roadmap, succeeded};

/// A Python that has `jsonschema` and `tomllib`: `python3` on PATH, else Debian's.
fn python(test: &str) -> Option<&'static str> {
    let probe = ["-c", "import jsonschema, tomllib"];
    for candidate in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(candidate)
            .args(probe)
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(candidate);
        }
    }
    let what = "Python 3.11+ with jsonschema (Debian: python3-jsonschema)";
    assert!(missing(&["python3", probe[0], probe[1]], what, test));
    None
}

fn run(args: &[&str]) -> String {
    succeeded(args, roadmap().args(args).output().unwrap())
}

/// Validates `files` against `schema`; each file's verdict lines (`valid` or `invalid ...: ...`).
fn validate(python: &str, schema: &Path, files: &[PathBuf]) -> Vec<(PathBuf, Vec<String>)> {
    let out = Command::new(python)
        .arg("tests/schema/validate.py")
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "validate.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    files
        .iter()
        .map(|f| {
            let name = f.display().to_string();
            let lines = text
                .lines()
                .filter(|l| {
                    l.strip_prefix("valid ") == Some(&name)
                        || l.starts_with(&format!("invalid {name}: "))
                })
                .map(str::to_owned)
                .collect();
            (f.clone(), lines)
        })
        .collect()
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/findings").join(name)
}

#[test]
fn the_committed_schema_is_what_the_binary_prints() {
    let committed = std::fs::read_to_string("docs/roadmap.schema.json").unwrap();
    assert!(
        run(&["schema"]) == committed,
        "docs/roadmap.schema.json is stale: run `cargo run -- schema -o docs/roadmap.schema.json`"
    );
}

#[test]
fn an_independent_validator_accepts_every_valid_file_and_rejects_wrong_ones() {
    let Some(python) = python("an_independent_validator_accepts_every_valid_file") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("roadmap.schema.json");
    run(&["schema", "-o", schema.to_str().unwrap()]);

    let template = dir.path().join("template");
    run(&["init", "--empty", template.to_str().unwrap()]);
    // A built-in file with one wrong type: hours as a string.
    let builtin = std::fs::read_to_string("roadmap/01-cs-foundations.toml").unwrap();
    let at = builtin.find("\nhours = ").expect("a topic with hours") + 1;
    let end = at + builtin[at..].find('\n').unwrap();
    let wrong = format!(
        "{}hours = \"{}\"{}",
        &builtin[..at],
        &builtin[at + "hours = ".len()..end],
        &builtin[end..]
    );
    let wrong_type = dir.path().join("wrong-type.toml");
    std::fs::write(&wrong_type, wrong).unwrap();

    let mut valid = toml_files("roadmap");
    assert!(valid.len() >= 8, "{valid:?}");
    valid.extend(toml_files("tests/fixtures/mini"));
    valid.push(template.join("roadmap.toml"));
    // Problems a schema cannot see (references, ids across tables, cycles) or that are only
    // warnings: the schema accepts these files.
    for name in [
        "cycle.toml",
        "duplicate-id.toml",
        "unknown-stage.toml",
        "self-reference.toml",
        "roadmap-table.toml",
        "missing-hours.toml",
        "redundant-requirement.toml",
        "recommends-required.toml",
        "empty-stage.toml",
        "empty-text.toml",
        "not-web-url.toml",
        "empty-role.toml",
        "single-alternative.toml",
        "duplicate-alternative.toml",
        "zero-hours.toml",
    ] {
        valid.push(fixture(name));
    }
    valid.extend(toml_files("tests/fixtures/findings/roadmap-table-twice"));
    // Structural errors: each file breaks the schema where `check` reports it.
    let invalid = [
        (wrong_type.clone(), "hours: '"),
        (
            fixture("wrong-type.toml"),
            "topic/0/hours: 'ten' is not of type 'number'",
        ),
        (
            fixture("unknown-key.toml"),
            "Additional properties are not allowed",
        ),
        (
            fixture("key-synonyms.toml"),
            "'prerequisites' was unexpected",
        ),
        (
            fixture("invalid-id.toml"),
            "topic/0/id: 'machine learning' does not match",
        ),
        (
            fixture("negative-hours.toml"),
            "hours: -2.5 is less than the minimum of 0",
        ),
        (
            fixture("empty-one-of.toml"),
            "requires/0: {'one_of': []} is not valid",
        ),
        (
            fixture("missing-key.toml"),
            "'stage' is a required property",
        ),
        (fixture("invalid-lang.toml"), "'zh_CN' does not match"),
    ];
    let mut files = valid.clone();
    files.extend(invalid.iter().map(|(f, _)| f.clone()));
    let verdicts = validate(python, &schema, &files);
    let mut wrong = Vec::new();
    for (file, lines) in &verdicts {
        let expected_error = invalid.iter().find(|(f, _)| f == file).map(|(_, e)| *e);
        let ok = match expected_error {
            None => lines.len() == 1 && lines[0].starts_with("valid "),
            Some(error) => {
                !lines.is_empty()
                    && lines.iter().all(|l| l.starts_with("invalid "))
                    && lines.iter().any(|l| l.contains(error))
            }
        };
        if !ok {
            wrong.push(format!(
                "{}: expected {}, got {lines:?}",
                file.display(),
                expected_error.unwrap_or("valid")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The wrong type is found where it was made.
    let (_, lines) = verdicts.iter().find(|(f, _)| *f == wrong_type).unwrap();
    assert!(
        lines.iter().any(|l| l.contains("is not of type 'number'")),
        "{lines:?}"
    );
}

#[test]
fn init_writes_the_schema_and_points_each_file_at_it() {
    let dir = tempfile::tempdir().unwrap();
    for (args, dir) in [
        (&[][..], dir.path().join("builtin")),
        (&["--empty"][..], dir.path().join("template")),
    ] {
        let d = dir.to_str().unwrap();
        let mut init = vec!["init"];
        init.extend(args);
        init.push(d);
        run(&init);
        assert_eq!(
            std::fs::read_to_string(dir.join("roadmap.schema.json")).unwrap(),
            run(&["schema"])
        );
        let files = toml_files(d);
        assert!(!files.is_empty());
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(
                text.starts_with("#:schema ./roadmap.schema.json\n"),
                "{}",
                file.display()
            );
        }
        // The directive is a comment to the roadmap itself.
        let check = roadmap()
            .args(["--roadmap", d, "check", "--deny-warnings"])
            .output()
            .unwrap();
        assert_eq!(check.status.code(), Some(0), "{d}");
    }
}

/// Taplo, the TOML tooling editors use (Even Better TOML in VS Code), installed from
/// tests/schema/package-lock.json by `npm ci` (as .ci/run does).
fn taplo(test: &str) -> Option<PathBuf> {
    let bin = Path::new("tests/schema/node_modules/.bin/taplo").to_owned();
    let what = "Taplo (`cd tests/schema && npm ci`)";
    // Taplo's npm build exits with status 1 even for `--version`: it is there when it says
    // its name.
    let runs = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).starts_with("taplo "));
    if absent(runs, what, test) {
        return None;
    }
    Some(bin)
}

fn taplo_lint(taplo: &Path, cwd: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(std::fs::canonicalize(taplo).unwrap())
        .arg("lint")
        .args(args)
        .current_dir(cwd)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn taplo_validates_with_the_schema_through_the_directive_and_the_repository_config() {
    let Some(taplo) = taplo("taplo_validates_with_the_schema") else {
        return;
    };
    // This repository's roadmap files, through .taplo.toml.
    let (ok, text) = taplo_lint(&taplo, Path::new("."), &["roadmap/*.toml"]);
    assert!(ok, "{text}");
    // A roadmap made by `init`: the `#:schema` line finds the schema beside the files.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("mine");
    run(&["init", "--empty", d.to_str().unwrap()]);
    let (ok, text) = taplo_lint(&taplo, &d, &["roadmap.toml"]);
    assert!(ok, "{text}");
    let file = d.join("roadmap.toml");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("hours = 10", "hours = \"10\"", 1)
        .replacen("[[topic]]", "[[topic]]\nprerequisites = []", 1);
    std::fs::write(&file, edited).unwrap();
    let (ok, text) = taplo_lint(&taplo, &d, &["roadmap.toml"]);
    assert!(!ok, "{text}");
    assert!(text.contains("\"10\" is not of type \"number\""), "{text}");
    assert!(text.contains("prerequisites"), "{text}");
}
