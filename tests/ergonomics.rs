//! Everyday ergonomics: colour only where it belongs, translated titles everywhere, completion
//! scripts and the man page, `init`, did-you-mean on every topic argument, and help with examples.

mod common;

use std::path::Path;
use std::process::Output;

fn roadmap(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = common::roadmap();
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("ROADMAP_LANG")
        .env("ROADMAP_PROGRESS", common::NO_PROGRESS);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn out(args: &[&str]) -> String {
    let o = roadmap(args, &[]);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

const ESC: char = '\u{1b}';

#[test]
fn colour_follows_the_flag_the_terminal_and_no_color() {
    let always = roadmap(&["--color", "always", "list"], &[]);
    assert!(
        String::from_utf8_lossy(&always.stdout).contains(ESC),
        "--color always colours"
    );
    // Not a terminal (a pipe here): no colour by default, nor with NO_COLOR, nor with never.
    for (args, env) in [
        (&["list"][..], &[][..]),
        (&["--color", "never", "list"], &[]),
        (&["--color", "auto", "list"], &[("NO_COLOR", "1")]),
        (&["list"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
    ] {
        let o = roadmap(args, env);
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains(ESC),
            "{args:?} {env:?}"
        );
    }
    // Warnings and errors are coloured on stderr too.
    let bad = roadmap(
        &[
            "--color",
            "always",
            "--roadmap",
            "tests/fixtures/findings/cycle.toml",
            "list",
        ],
        &[],
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains(ESC));
}

#[test]
fn machine_formats_are_never_coloured() {
    for args in [
        &["--color", "always", "list", "--format", "json"][..],
        &["--color", "always", "check", "--format", "json"],
        &[
            "--color",
            "always",
            "plan",
            "data-scientist",
            "--format",
            "markdown",
        ],
        &[
            "--color",
            "always",
            "plan",
            "data-scientist",
            "--format",
            "json",
        ],
        &["--color", "always", "export"],
        &["--color", "always", "export", "--format", "mermaid"],
        &["--color", "always", "prereqs", "pandas", "--format", "json"],
        &["--color", "always", "completions", "bash"],
        &["--color", "always", "man"],
    ] {
        assert!(!out(args).contains(ESC), "{args:?}");
    }
}

/// The language comes from `--lang`, else `ROADMAP_LANG`, else the system locale; `zh_CN.UTF-8`,
/// `zh-CN` and `zh-Hans` all mean the Chinese interface and titles; `LC_ALL=C` wins over `LANG`.
#[test]
fn the_system_locale_chooses_the_language() {
    let show = |args: &[&str], env: &[(&str, &str)]| {
        let o = roadmap(args, env);
        assert!(o.status.success(), "{args:?} {env:?}");
        String::from_utf8(o.stdout).unwrap()
    };
    let zh_text =
        |text: &str| text.starts_with("线性代数  (linear-algebra)") && text.contains("先修");
    let topic = ["show", "linear-algebra"];
    for env in [
        [("LANG", "zh_CN.UTF-8")].as_slice(),
        &[("LC_MESSAGES", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
        &[("LANGUAGE", "zh_CN:en")],
    ] {
        assert!(zh_text(&show(&topic, env)), "{env:?}");
    }
    for lang in ["zh-CN", "zh_CN", "zh-Hans", "zh"] {
        assert!(
            zh_text(&show(&["--lang", lang, "show", "linear-algebra"], &[])),
            "{lang}"
        );
    }
    let english = |text: &str| text.starts_with("Linear algebra") && text.contains("Requires");
    assert!(english(&show(
        &topic,
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]
    )));
    assert!(english(&show(&topic, &[("LANG", "de_DE.UTF-8")])));
    // The flag wins over the locale.
    assert!(english(&show(
        &["--lang", "en", "show", "linear-algebra"],
        &[("LANG", "zh_CN.UTF-8")]
    )));
    // Errors speak the language too.
    let o = roadmap(&["--lang", "zh", "show", "linear-algebr"], &[]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        err,
        "错误: 此路线图中没有主题 `linear-algebr`\n  = 提示: 你是不是想输入 `linear-algebra`？\n"
    );
}

#[test]
fn lang_translates_titles_in_every_command() {
    // 线性代数 is linear-algebra's Chinese title in the built-in roadmap.
    for args in [
        &["--lang", "zh", "list", "--stage", "math"][..],
        &["--lang", "zh", "show", "linear-algebra"],
        &["--lang", "zh", "plan", "ml-fundamentals"],
        &[
            "--lang",
            "zh",
            "plan",
            "ml-fundamentals",
            "--format",
            "markdown",
        ],
        &[
            "--lang",
            "zh",
            "plan",
            "ml-fundamentals",
            "--format",
            "json",
        ],
        &["--lang", "zh", "prereqs", "ml-fundamentals"],
        &["--lang", "zh", "unlocks", "linear-algebra", "--depth", "1"],
        &["--lang", "zh", "path", "linear-algebra", "ml-fundamentals"],
        &["--lang", "zh", "next"],
        &["--lang", "zh", "export", "ml-fundamentals"],
        &[
            "--lang",
            "zh",
            "export",
            "ml-fundamentals",
            "--format",
            "mermaid",
        ],
        &[
            "--lang",
            "zh",
            "export",
            "ml-fundamentals",
            "--format",
            "json",
        ],
        &["--lang", "zh", "progress", "status"],
    ] {
        let text = out(args);
        assert!(
            text.contains("线性代数") || text.contains("数学"),
            "{args:?}:\n{text}"
        );
    }
    // The environment variable does the same, and the tool's own words follow.
    let o = roadmap(&["show", "linear-algebra"], &[("ROADMAP_LANG", "zh")]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("线性代数  (linear-algebra)"), "{text}");
    assert!(
        text.contains("先修") && !text.contains("Requires"),
        "{text}"
    );
    // A language the roadmap lacks falls back to the default titles.
    assert!(out(&["--lang", "xx", "show", "linear-algebra"]).starts_with("Linear algebra"));
    // A topic can be named by its translated title.
    assert!(out(&["show", "线性代数"]).starts_with("Linear algebra"));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = out(&["completions", shell]);
        assert!(script.contains("roadmap"), "{shell}");
        assert!(
            script.contains("prereqs"),
            "{shell}: subcommands are completed"
        );
    }
    let man = out(&["man"]);
    assert!(man.contains(".TH roadmap 1"), "{man}");
    assert!(man.contains("plan"));
    let bad = roadmap(&["completions", "tcsh"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn init_writes_the_builtin_roadmap_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine");
    let t = target.to_str().unwrap();
    assert_eq!(
        out(&["init", t]).lines().next().unwrap(),
        format!("Wrote 11 files to {t}")
    );
    // The copy is the built-in roadmap: same check, same plan.
    assert_eq!(out(&["--roadmap", t, "check"]), out(&["check"]));
    assert_eq!(
        out(&["--roadmap", t, "plan", "ml-engineer"]),
        out(&["plan", "ml-engineer"])
    );
    // Edits are used.
    let first = target.join("01-cs-foundations.toml");
    let edited = std::fs::read_to_string(&first)
        .unwrap()
        .replace("title = \"Python\"", "title = \"Python 3\"");
    std::fs::write(&first, &edited).unwrap();
    assert!(out(&["--roadmap", t, "show", "python"]).starts_with("Python 3"));
    // A second init refuses and leaves the edits alone.
    let again = roadmap(&["init", t], &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("refusing to overwrite"));
    assert_eq!(std::fs::read_to_string(&first).unwrap(), edited);
}

#[test]
fn init_empty_writes_a_template_that_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tpl");
    let t = t.to_str().unwrap();
    out(&["init", "--empty", t]);
    let text = std::fs::read_to_string(Path::new(t).join("roadmap.toml")).unwrap();
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 5,
        "commented"
    );
    let check = roadmap(&["--roadmap", t, "check", "--deny-warnings"], &[]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(out(&["--roadmap", t, "plan", "my-role"]).contains("Total 3 topics, 15 h"));
}

#[test]
fn every_topic_argument_suggests_a_near_miss() {
    for args in [
        &["show", "pyhton"][..],
        &["plan", "pyhton"],
        &["plan", "ml-engineer", "--known", "pyhton"],
        &["plan", "ml-engineer", "--prefer", "pyhton"],
        &["prereqs", "pyhton"],
        &["unlocks", "pyhton"],
        &["path", "pyhton", "ml-engineer"],
        &["path", "python", "ml-enginer"],
        &["next", "--known", "pyhton"],
        &["export", "pyhton"],
        &["render", "pyhton", "-o", "never-written.svg"],
        &["progress", "done", "pyhton"],
        &["assess", "pyhton"],
    ] {
        let o = roadmap(args, &[]);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            err.contains("did you mean `python`?") || err.contains("did you mean `ml-engineer`?"),
            "{args:?}: {err}"
        );
    }
    assert!(!Path::new("never-written.svg").exists());
}

#[test]
fn help_shows_real_examples() {
    let help = out(&["plan", "--help"]);
    let examples: Vec<&str> = help
        .lines()
        .filter(|l| l.trim_start().starts_with("roadmap plan "))
        .collect();
    assert_eq!(examples.len(), 3, "{help}");
    // The examples really work.
    for e in examples {
        let args: Vec<&str> = e.split_whitespace().skip(1).collect();
        let o = roadmap(&args, &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{e}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn terminal_control_sequences_in_a_roadmap_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let valid = dir.path().join("valid.toml");
    std::fs::write(
        &valid,
        "[roadmap]\ntitle = \"R\"\n[[stage]]\nid = \"s\"\ntitle = \"S\\u001b]0;pwned\\u0007\"\n\
         [[topic]]\nid = \"a\"\ntitle = \"A\\u001b[2J\"\nstage = \"s\"\nhours = 1\n\
         summary = \"\\u009b31m\"\ntags = [\"\\u001b[31m\"]\nrequires = [\"b\\u001b[1m\"]\n",
    )
    .unwrap();
    // A raw escape byte is a TOML error; its line is quoted in the report.
    let raw = dir.path().join("raw.toml");
    std::fs::write(&raw, b"[roadmap]\ntitle = \"R\" # \x1b[2J\n").unwrap();
    let v = valid.to_str().unwrap();
    for args in [
        &["--roadmap", v, "check"][..],
        &["--roadmap", v, "check", "--format", "json"],
        &["--roadmap", raw.to_str().unwrap(), "check"],
        &["--roadmap", raw.to_str().unwrap(), "list"],
    ] {
        let o = roadmap(args, &[("NO_COLOR", "1")]);
        let all = [o.stdout, o.stderr].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
        assert!(
            !String::from_utf8_lossy(&all).contains('\u{9b}'),
            "{args:?}"
        );
    }
    // Once the reference is fixed the roadmap is valid, and its texts print without them.
    let fixed = std::fs::read_to_string(&valid)
        .unwrap()
        .replace("requires = [\"b\\u001b[1m\"]\n", "");
    std::fs::write(&valid, fixed).unwrap();
    for args in [
        &["--roadmap", v, "list"][..],
        &["--roadmap", v, "show", "a"],
        &["--roadmap", v, "plan", "a"],
    ] {
        let o = roadmap(args, &[("NO_COLOR", "1")]);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
            "{args:?}"
        );
        assert!(
            String::from_utf8_lossy(&o.stdout).contains('\u{fffd}'),
            "{args:?}"
        );
    }
}
