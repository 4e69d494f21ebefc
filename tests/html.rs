//! `roadmap html` end to end, running the binary: the page is one offline file (no script, style or
//! font from the network), holds the SVG and JSON that parses back with every topic, the plan and
//! the progress; a hostile roadmap yields a page where none of its text became markup; and the
//! errors (unknown goal, missing Graphviz, unwritable file). The browser half is tests/browser/.
//!
//! Tests that need Graphviz say so on stderr and pass without it, so `cargo test` works on a fresh
//! machine; CI installs Graphviz, so there they really run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

const HOSTILE: &str = "tests/fixtures/html-hostile/roadmap.toml";
use common::NO_PROGRESS;

fn roadmap_with(progress: &str, args: &[&str]) -> Output {
    common::roadmap()
        .args(args)
        .env("NO_COLOR", "1")
        .env("ROADMAP_PROGRESS", progress)
        .env_remove("ROADMAP_PATH")
        .env_remove("ROADMAP_LANG")
        .output()
        .unwrap()
}

fn roadmap(args: &[&str]) -> Output {
    roadmap_with(NO_PROGRESS, args)
}

fn stdout(args: &[&str]) -> String {
    common::succeeded(args, roadmap(args))
}

/// Writes the page with `args` (before `-o`) and returns its text.
fn page_with(progress: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", path.to_str().unwrap()]);
    let out = roadmap_with(progress, &all);
    assert!(
        out.status.success(),
        "roadmap {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "the page goes to the file only");
    std::fs::read_to_string(&path).unwrap()
}

fn page(args: &[&str]) -> String {
    page_with(NO_PROGRESS, args)
}

/// The text of the embedded JSON, parsed. `\u003c` and the like are JSON escapes, so the JSON
/// parser reads them back with no un-escaping of ours.
fn data(page: &str) -> Value {
    let open = r#"<script type="application/json" id="roadmap-data">"#;
    let start = page.find(open).expect("the page embeds its data") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("the embedded JSON parses")
}

/// The page as the HTML parser reads it, minus the bodies of `<script>` and `<style>` elements
/// (code, not markup): each element ends at the first `</script>` or `</style>`, as in a browser.
fn markup(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    loop {
        let lower = rest.to_ascii_lowercase();
        let next = ["<script", "<style"]
            .iter()
            .filter_map(|t| lower.find(t).map(|at| (at, *t)))
            .min();
        let Some((at, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        let close = format!("</{}", &tag[1..]);
        let open_end = at + lower[at..].find('>').unwrap() + 1;
        out.push_str(&rest[..open_end]);
        let body_end = open_end + lower[open_end..].find(&close).unwrap();
        rest = &rest[body_end..];
    }
}

/// Every tag of the markup: (lower-case name, attributes as (lower-case name, value)).
fn tags(markup: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    for raw in markup.split('<').skip(1) {
        let Some(tag) = raw.split('>').next() else {
            continue;
        };
        if tag.starts_with('!') || tag.starts_with('/') {
            continue;
        }
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let mut attrs = Vec::new();
        let mut rest = &tag[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(rest.len());
            let name = rest[..end].to_ascii_lowercase();
            rest = rest[end..].trim_start();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, r) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => after[1..].split_once(q).unwrap_or((&after[1..], "")),
                    _ => after.split_once(char::is_whitespace).unwrap_or((after, "")),
                };
                value = v.to_owned();
                rest = r;
            }
            attrs.push((name, value));
        }
        tags.push((tag[..name_end].to_ascii_lowercase(), attrs));
    }
    tags
}

/// What every page must be: one file that loads nothing, with two SVGs (the drawing and the stage
/// overview), one data block, one script, one style, and no attribute that could run script.
fn assert_self_contained(page: &str) {
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    assert!(!page.contains("<?xml"), "the XML declaration is stripped");
    assert!(
        !page.contains("<!DOCTYPE svg"),
        "the SVG DOCTYPE is stripped"
    );
    let markup = markup(page);
    let tags = tags(&markup);
    let count = |name: &str| tags.iter().filter(|(n, _)| n == name).count();
    assert_eq!(
        count("svg"),
        2,
        "the drawing and the stage overview, inline"
    );
    assert_eq!(count("script"), 2, "the data block and the page's script");
    assert_eq!(count("style"), 1);
    for bad in [
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "image",
        "use",
        "source",
        "audio",
        "video",
        "foreignobject",
        "base",
        "form",
    ] {
        assert_eq!(count(bad), 0, "no <{bad}> in the page");
    }
    for (name, attrs) in &tags {
        for (attr, value) in attrs {
            assert!(
                !attr.starts_with("on"),
                "<{name}> has an event attribute `{attr}`"
            );
            assert_ne!(attr, "src", "<{name}> loads `{value}`");
            assert_ne!(
                attr, "style",
                "<{name}> has inline style; the CSP forbids it"
            );
            if attr.ends_with("href") {
                assert!(
                    value.starts_with('#'),
                    "<{name}> links to `{value}`: only in-page links belong in the markup"
                );
            }
        }
    }
    // Neither the style nor the script loads anything.
    let body = |open: &str, close: &str| {
        let start = page.find(open).unwrap() + open.len();
        let start = start + page[start..].find('>').unwrap() + 1;
        page[start..start + page[start..].find(close).unwrap()].to_ascii_lowercase()
    };
    let style = body("<style", "</style>");
    for bad in ["@import", "@font-face", "url("] {
        assert!(!style.contains(bad), "the style loads something: `{bad}`");
    }
    let script = body("<script nonce", "</script>");
    for bad in [
        "fetch(",
        "xmlhttprequest",
        "websocket",
        "eventsource",
        "sendbeacon",
        "import(",
        "innerhtml",
        "outerhtml",
        "insertadjacenthtml",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(bad), "the script uses `{bad}`");
    }
    // Only the page's own script and style run: the policy gives them a nonce.
    let csp = tags
        .iter()
        .find(|(n, a)| {
            n == "meta"
                && a.iter()
                    .any(|(k, v)| k == "http-equiv" && v == "Content-Security-Policy")
        })
        .expect("a Content-Security-Policy");
    let policy = &csp.1.iter().find(|(k, _)| k == "content").unwrap().1;
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(nonce.len() >= 32, "{policy}");
    for (name, attrs) in &tags {
        if name == "style" || (name == "script" && !attrs.iter().any(|(k, _)| k == "type")) {
            assert!(
                attrs.iter().any(|(k, v)| k == "nonce" && v == nonce),
                "<{name}> without the nonce"
            );
        }
    }
}

/// Graphviz's `<title>` text, which names a node: un-escaped.
fn svg_titles(page: &str) -> BTreeSet<String> {
    let svg_start = page.find("<svg").unwrap();
    let svg_end = page.find("</svg>").unwrap();
    page[svg_start..svg_end]
        .split("<title>")
        .skip(1)
        .map(|t| {
            t.split("</title>")
                .next()
                .unwrap()
                .replace("&#45;", "-")
                .replace("&gt;", ">")
                .replace("&lt;", "<")
                .replace("&amp;", "&")
        })
        .collect()
}

fn ids(json: &Value, key: &str) -> Vec<String> {
    json[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_page_is_one_offline_file_with_the_graph_and_every_topic() {
    if common::graphviz_missing("the_page_is_one_offline_file_with_the_graph_and_every_topic") {
        return;
    }
    let page = page(&["html"]);
    assert_self_contained(&page);
    let data = data(&page);
    let list: Value = serde_json::from_str(&stdout(&["list", "--format", "json"])).unwrap();
    let listed: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids(&data, "topics"), listed, "every topic, in stage order");
    assert_eq!(data["roadmap"], "Machine learning engineer");
    assert_eq!(data["plan"], Value::Null, "no goal, no plan");
    let titles = svg_titles(&page);
    for id in &listed {
        assert!(titles.contains(id), "no node for `{id}` in the SVG");
    }
    // The same fields as `list`, and resources with whether each is a web link.
    let numpy = data["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "numpy")
        .unwrap();
    assert_eq!(numpy["title"], "NumPy");
    assert_eq!(numpy["stage"], "data-science");
    assert_eq!(numpy["requires"], serde_json::json!(["python"]));
    assert!(
        numpy["unlocks"]
            .as_array()
            .unwrap()
            .contains(&Value::from("scikit-learn"))
    );
    assert!(
        numpy["resources"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["web"] == true)
    );
    // Resources are data for the details panel, never links drawn into the SVG.
    assert!(!page.contains("xlink:href"), "the SVG holds no links");
    // Deterministic: the same roadmap and arguments give the same bytes.
    assert_eq!(page, self::page(&["html"]));
}

#[test]
fn goals_give_the_plan_and_what_the_page_plans_with() {
    if common::graphviz_missing("goals_give_the_plan_and_what_the_page_plans_with") {
        return;
    }
    let page = page(&[
        "html",
        "ml-engineer",
        "--known",
        "python,git",
        "--hours-per-week",
        "8",
    ]);
    assert_self_contained(&page);
    let data = data(&page);
    let plan: Value = serde_json::from_str(&stdout(&[
        "plan",
        "ml-engineer",
        "--known",
        "python,git",
        "--hours-per-week",
        "8",
        "--format",
        "json",
    ]))
    .unwrap();
    let steps: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // The plan `roadmap plan` makes: the page checks on load that its planner finds it too.
    assert_eq!(
        data["plan"]["steps"],
        serde_json::json!(steps),
        "the plan in the order `plan` gives"
    );
    assert_eq!(data["plan"]["goals"], serde_json::json!(["ml-engineer"]));
    assert_eq!(data["plan"]["total_hours"], plan["total_hours"]);
    assert_eq!(data["plan"]["choices"], plan["choices"]);
    assert_eq!(data["plan"]["choices_exact"], true);
    // What the page plans with when marks change, and the planner's limits.
    assert_eq!(
        data["options"],
        serde_json::json!({
            "known": ["python", "git"],
            "prefer": [],
            "with_recommended": false,
            "order": "stage",
            "hours_per_week": 8.0,
            "start": null,
        })
    );
    assert_eq!(
        data["limits"],
        serde_json::json!({ "exact_groups": 16, "search_states": 200_000 })
    );
    let python = data["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "python")
        .unwrap();
    assert_eq!(
        python["ix"], 0,
        "the planner's tie-break: the topic's position"
    );
    assert_eq!(python["hours"], 60.0);
    // The whole roadmap is still drawn, with --known topics flagged.
    assert_eq!(
        data["topics"].as_array().unwrap().len(),
        svg_titles(&page)
            .iter()
            .filter(|t| {
                // Junctions, edges, boxes, stubs and the layout's invisible ruler are no topics.
                !["or:", "cluster_", "stub:", "rank:", "wall:"]
                    .iter()
                    .any(|p| t.starts_with(p))
                    && !t.contains("->")
            })
            .count()
            - 1,
        "every topic drawn (the graph's own title aside)"
    );
    let known: Vec<&str> = data["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["known"] == true)
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(known, ["python", "git"]);
}

#[test]
fn the_progress_file_seeds_the_page() {
    if common::graphviz_missing("the_progress_file_seeds_the_page") {
        return;
    }
    let page = page_with(
        "tests/fixtures/progress/mini.toml",
        &["--roadmap", "tests/fixtures/mini", "html", "pandas"],
    );
    assert_self_contained(&page);
    let data = data(&page);
    assert_eq!(data["roadmap"], "Mini ML");
    assert_eq!(
        data["progress"],
        serde_json::json!({
            "calculus": { "state": "done", "date": "2026-10-02" },
            "git": { "state": "done", "date": "2026-09-14" },
            "pandas": { "state": "learning", "date": "2026-11-20" },
            "python": { "state": "done", "date": "2026-09-01" },
            "r": { "state": "skipped", "date": "2026-09-01" },
        })
    );
    // Done and skipped topics are known to the plan, as `roadmap plan` has it.
    let steps: Vec<&str> = data["plan"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(!steps.contains(&"python"), "{steps:?}");
    assert!(steps.contains(&"pandas"), "{steps:?}");
    // Only --known flags topics as known; marks stay marks.
    assert!(
        data["topics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["known"] == false)
    );
}

#[test]
fn with_a_language_the_page_lists_its_resources_first_and_translates() {
    if common::graphviz_missing("with_a_language_the_page_lists_its_resources_first_and_translates")
    {
        return;
    }
    let resources = |lang: &[&str]| {
        let mut args = vec!["--roadmap", "tests/fixtures/mini"];
        args.extend(lang);
        args.push("html");
        let data = data(&page(&args));
        let python = data["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "python")
            .unwrap()
            .clone();
        let list: Vec<(String, Value, bool)> = python["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["title"].as_str().unwrap().to_owned(),
                    r["lang"].clone(),
                    r["free"].as_bool().unwrap(),
                )
            })
            .collect();
        (python["summary"].clone(), list)
    };
    let (summary, written) = resources(&[]);
    assert_eq!(summary, "A first language.");
    assert_eq!(
        written,
        [
            ("The Python Tutorial".to_owned(), Value::Null, true),
            ("Fluent Python".to_owned(), Value::Null, false),
            ("Python 教程".to_owned(), Value::from("zh"), true),
        ]
    );
    let (summary, zh) = resources(&["--lang", "zh"]);
    assert_eq!(summary, "第一门编程语言。");
    let titles: Vec<&str> = zh.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        titles,
        ["Python 教程", "The Python Tutorial", "Fluent Python"]
    );
}

/// Text that must never reach the page as markup (the fixture's payloads).
const PAYLOADS: [&str; 11] = [
    "<script>window.__pwned",
    "</script><script>",
    "<img src=x",
    "<svg onload",
    "<svg><script>",
    "<iframe",
    "<foreignObject>",
    "<b onmouseover",
    "<style>*",
    "<!--<script>",
    "</SCRIPT >",
];

#[test]
fn a_hostile_roadmap_cannot_inject_markup() {
    if common::graphviz_missing("a_hostile_roadmap_cannot_inject_markup") {
        return;
    }
    for args in [
        vec!["--roadmap", HOSTILE, "html"],
        vec!["--roadmap", HOSTILE, "html", "goal", "--known", "c++"],
        vec!["--roadmap", HOSTILE, "--lang", "eo", "html", "svg"],
    ] {
        let page = page(&args);
        assert_self_contained(&page);
        for payload in PAYLOADS {
            assert!(
                !page.contains(payload),
                "{args:?}: `{payload}` appears unescaped"
            );
        }
        // The page's <title> and <h1> hold the roadmap's title as text.
        assert!(page.contains(
            "<title>Hostile &lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; \
             &quot;roadmap&quot; \\ &amp; &lt;!-- co</title>"
        ));
        // The JSON reads back as the roadmap's own text, to the character.
        let data = data(&page);
        assert_eq!(
            data["roadmap"],
            r#"Hostile </script><script>window.__pwned=1</script> "roadmap" \ & <!-- co"#
        );
        let topic = |id: &str| {
            data["topics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == id)
                .unwrap()
                .clone()
        };
        let script = topic("script");
        assert_eq!(
            script["title"],
            "</script><script>window.__pwned=1</script>"
        );
        assert_eq!(
            script["summary"],
            "Line\u{2028}separator\u{2029}and </SCRIPT ><script>window.__pwned=1</script>"
        );
        let web: Vec<(&str, bool)> = script["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["url"].as_str().unwrap(), r["web"].as_bool().unwrap()))
            .collect();
        assert_eq!(
            web,
            [
                ("javascript:window.__pwned=1", false),
                ("JaVaScRiPt:window.__pwned=1", false),
                ("data:text/html,<script>window.__pwned=1</script>", false),
                (
                    "https://example.org/?q=\"><script>window.__pwned=1</script>",
                    true
                ),
            ]
        );
        assert_eq!(topic("c++")["resources"][0]["web"], false);
        let ab = topic("a.b");
        if args.contains(&"eo") {
            assert_eq!(ab["title"], "<svg><script>window.__pwned=1</script></svg>");
        } else {
            // A title naming a placeholder of the template stays that text.
            assert_eq!(
                ab["title"],
                "<!--<script>window.__pwned=1</script>-->{{svg}}"
            );
        }
        // The JSON block cannot be closed early: no `<` at all inside it.
        let open = r#"<script type="application/json" id="roadmap-data">"#;
        let start = page.find(open).unwrap() + open.len();
        let end = start + page[start..].find("</script>").unwrap();
        let json = &page[start..end];
        for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!json.contains(c), "{c:?} left raw in the JSON");
        }
    }
}

#[test]
fn an_unknown_goal_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    let out = roadmap(&["html", "pyton", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no topic `pyton`"), "{err}");
    assert!(!path.exists());
}

#[test]
fn the_output_is_required_and_must_be_writable() {
    let out = roadmap(&["html"]);
    assert_eq!(out.status.code(), Some(2));
    if common::graphviz_missing("the_output_is_required_and_must_be_writable") {
        return;
    }
    let page = format!("{}/page.html", common::NO_DIR);
    let out = roadmap(&["html", "-o", &page]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: cannot write"), "{err}");
}

#[test]
fn a_missing_graphviz_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    let out = common::roadmap()
        .args(["html", "-o", path.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("ROADMAP_PROGRESS", NO_PROGRESS)
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: Graphviz is not installed"), "{err}");
    assert!(!Path::new(&path).exists());
}
