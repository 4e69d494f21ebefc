//! Diagrams end to end: DOT read back with graphviz-rust's own parser (nodes, edges, clusters,
//! styles), hostile titles that must come out as literal text, `--reduce` against Graphviz's
//! `tred`, rendering through Graphviz, the missing-Graphviz error, and the committed README
//! pictures kept in step with the roadmap.
//!
//! Tests that need Graphviz say so on stderr and pass without it, so `cargo test` works on a fresh
//! machine; CI installs Graphviz, so there they really run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};

fn roadmap(args: &[&str]) -> Output {
    common::roadmap()
        .args(args)
        .env("NO_COLOR", "1")
        .env(
            "ROADMAP_PROGRESS",
            "/nonexistent-roadmap-tests/progress.toml",
        )
        .output()
        .unwrap()
}

fn stdout(args: &[&str]) -> String {
    common::succeeded(args, roadmap(args))
}

fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) => s.clone(),
        Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// A DOT string value as Graphviz reads it (quotes removed, `\"` and `\\` unescaped; other
/// escapes such as `\n` kept, as they are label escapes).
fn unquote(id: &Id) -> String {
    let s = id_text(id);
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s;
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('"') => out.push('"'),
                Some('\\') => out.push_str("\\\\"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Attributes as (key, value as Graphviz reads it).
type Attrs = Vec<(String, String)>;

#[derive(Default, Debug)]
struct Summary {
    nodes: Vec<(String, Attrs)>,
    edges: Vec<(String, String, Attrs)>,
    clusters: Vec<String>,
}

fn attrs(list: &[Attribute]) -> Attrs {
    list.iter()
        .map(|Attribute(k, v)| (id_text(k), unquote(v)))
        .collect()
}

fn collect(stmts: &[Stmt], summary: &mut Summary) {
    for stmt in stmts {
        match stmt {
            Stmt::Node(n) => summary.nodes.push((unquote(&n.id.0), attrs(&n.attributes))),
            Stmt::Edge(e) => {
                let EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) = &e.ty else {
                    panic!("unexpected edge shape {e:?}");
                };
                summary
                    .edges
                    .push((unquote(&a.0), unquote(&b.0), attrs(&e.attributes)));
            }
            Stmt::Subgraph(s) => {
                summary.clusters.push(unquote(&s.id));
                collect(&s.stmts, summary);
            }
            _ => {}
        }
    }
}

fn parse(dot: &str) -> Summary {
    let graph = graphviz_rust::parse(dot)
        .unwrap_or_else(|e| panic!("graphviz-rust cannot parse the export: {e}\n{dot}"));
    let Graph::DiGraph { stmts, .. } = graph else {
        panic!("not a digraph");
    };
    let mut summary = Summary::default();
    collect(&stmts, &mut summary);
    summary
}

fn attr<'a>(list: &'a [(String, String)], key: &str) -> Option<&'a str> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[test]
fn export_parses_back_with_nodes_edges_clusters_and_styles() {
    let dot = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--known",
        "python",
    ]);
    let g = parse(&dot);
    // 13 topics and 2 "or" junctions.
    assert_eq!(g.nodes.len(), 15, "{:?}", g.nodes);
    assert_eq!(
        g.clusters,
        [
            "cluster_basics",
            "cluster_math",
            "cluster_data",
            "cluster_ml",
            "cluster_roles"
        ]
    );
    // 11 plain/recommends edges + 2 groups of (2 alternatives + 1 junction edge).
    assert_eq!(g.edges.len(), 17);
    let node = |id: &str| &g.nodes.iter().find(|(n, _)| n == id).unwrap().1;
    assert_eq!(attr(node("python"), "label"), Some("Python\\n20 h"));
    assert_eq!(
        attr(node("python"), "fillcolor"),
        Some("#e5e7eb"),
        "known topics are muted"
    );
    assert_eq!(
        attr(node("ml-engineer"), "shape"),
        Some("doubleoctagon"),
        "roles are drawn apart"
    );
    assert_eq!(
        attr(node("python"), "URL"),
        Some("https://docs.python.org/3/tutorial/")
    );
    assert_eq!(attr(node("or:data-analysis:0"), "label"), Some("or"));
    let edge = |a: &str, b: &str| &g.edges.iter().find(|(x, y, _)| x == a && y == b).unwrap().2;
    assert_eq!(
        attr(edge("numpy", "pandas"), "style"),
        Some("dashed"),
        "recommends is dashed"
    );
    assert_eq!(
        attr(edge("calculus", "probability"), "style"),
        None,
        "requires is solid"
    );
    assert_eq!(
        attr(edge("pandas", "or:data-analysis:0"), "arrowhead"),
        Some("none")
    );
    assert!(dot.contains("newrank=\"true\""));
}

#[test]
fn goals_draw_only_their_plan_and_the_known_ground_it_stands_on() {
    let dot = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "data-analysis",
        "--known",
        "python",
    ]);
    let g = parse(&dot);
    let ids: BTreeSet<&str> = g.nodes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "python",
            "pandas",
            "calculus",
            "probability",
            "data-analysis"
        ])
    );
    let goal = &g
        .nodes
        .iter()
        .find(|(n, _)| n == "data-analysis")
        .unwrap()
        .1;
    assert_eq!(attr(goal, "penwidth"), Some("2.5"));
    let hidden = stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "data-analysis",
        "--known",
        "python",
        "--hide-known",
    ]);
    assert!(!parse(&hidden).nodes.iter().any(|(n, _)| n == "python"));
}

const HOSTILE: &[(&str, &str)] = &[
    ("inject", "x\" shape=box image=\"/etc/passwd"),
    ("backslash", "C:\\path\\to\\n\\file\\"),
    ("newline", "two\nlines"),
    ("html", "<b>bold</b> & <i>{record|field}</i>"),
    ("entity", "AT&T &lt;b&gt; &#65; &amp;"),
    (
        "mermaid",
        "end\"] --> evil[\"x\" ; click a \"javascript:alert(1)\" %% `md` #35;",
    ),
];

#[test]
fn hostile_titles_stay_literal_text_in_dot() {
    let dot = stdout(&["--roadmap", "tests/fixtures/hostile", "export"]);
    let g = parse(&dot);
    for (id, title) in HOSTILE {
        let (_, attrs) = g
            .nodes
            .iter()
            .find(|(n, _)| n == id)
            .unwrap_or_else(|| panic!("no node {id}"));
        // Only the attributes the exporter sets: nothing injected.
        for (key, _) in attrs {
            assert!(
                ["label", "tooltip", "URL", "target", "fillcolor"].contains(&key.as_str()),
                "{id}: unexpected attribute {key}"
            );
        }
        // The label reads back as the title, with Graphviz's label escapes: `\`, line breaks,
        // and `&` (Graphviz reads entities such as `&lt;` even in plain labels).
        let expected = title
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('&', "&amp;");
        let label = attr(attrs, "label").unwrap();
        assert_eq!(label.rsplit_once("\\n").unwrap().0, expected, "{id}");
    }
    let inject = &g.nodes.iter().find(|(n, _)| n == "inject").unwrap().1;
    assert_eq!(
        attr(inject, "tooltip"),
        Some("\" URL=\"javascript:alert(1)")
    );
    assert_eq!(attr(inject, "URL"), None);
}

#[test]
fn hostile_titles_come_out_of_graphviz_as_the_same_text() {
    if common::graphviz_missing("hostile_titles_come_out_of_graphviz_as_the_same_text") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("hostile.svg");
    stdout(&[
        "--roadmap",
        "tests/fixtures/hostile",
        "render",
        "-o",
        svg.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(svg).unwrap();
    let texts: Vec<String> = svg
        .lines()
        .filter_map(|l| l.split_once("<text").map(|(_, rest)| rest))
        .map(|rest| {
            let inner = &rest[rest.find('>').unwrap() + 1..rest.rfind("</text>").unwrap()];
            inner
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#45;", "-")
                .replace("&amp;", "&")
        })
        .collect();
    for (id, title) in HOSTILE {
        for line in title.lines() {
            assert!(
                texts.iter().any(|t| t == line),
                "{id}: `{line}` not drawn as text in {texts:?}"
            );
        }
    }
    assert!(
        !svg.contains("/etc/passwd\""),
        "no image attribute reached Graphviz"
    );
    assert!(!svg.contains("<image"), "no image was embedded");
    // Graphviz copies URLs into attributes unescaped: ours arrive percent-encoded.
    assert!(!svg.contains("<script"), "a URL broke out of its attribute");
    assert!(svg.contains("https://example.org/?q=%22%3E%3Cscript%3E"));
}

/// Text with Mermaid entity codes (`#34;`) removed.
fn without_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with(';') {
            rest = &tail[digits + 1..];
        } else {
            out.push('#');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn hostile_titles_stay_inside_mermaid_labels() {
    let mermaid = stdout(&[
        "--roadmap",
        "tests/fixtures/hostile",
        "export",
        "--format",
        "mermaid",
    ]);
    for line in mermaid.lines().filter(|l| l.contains("(\"")) {
        // Inside a label, no quote, bracket or angle bracket survives unescaped.
        let label = &line[line.find("(\"").unwrap() + 2..line.rfind("\")").unwrap()];
        let label = without_entities(&label.replace("<br/>", ""));
        for c in [
            '"', '[', ']', '<', '>', '(', ')', '{', '}', '|', '`', ';', '%',
        ] {
            assert!(!label.contains(c), "unescaped {c:?} in {line}");
        }
    }
    assert!(
        mermaid.contains("#34;"),
        "quotes are written as entity codes"
    );
}

#[test]
fn reduce_drops_exactly_what_tred_drops() {
    let fixture = "tests/fixtures/reduce.toml";
    let full = parse(&stdout(&[
        "--roadmap",
        fixture,
        "export",
        "--cluster",
        "none",
    ]));
    let reduced = parse(&stdout(&[
        "--roadmap",
        fixture,
        "export",
        "--cluster",
        "none",
        "--reduce",
    ]));
    let pairs = |g: &Summary| -> BTreeSet<(String, String)> {
        g.edges
            .iter()
            .map(|(a, b, _)| (a.clone(), b.clone()))
            .collect()
    };
    let dropped: BTreeSet<(String, String)> =
        pairs(&full).difference(&pairs(&reduced)).cloned().collect();
    let expected: BTreeSet<(String, String)> = [("a", "c"), ("a", "or:d:1"), ("a", "e")]
        .iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(dropped, expected);
    if common::graphviz_missing("reduce_drops_exactly_what_tred_drops (the tred comparison)") {
        return;
    }
    let full_dot = stdout(&["--roadmap", fixture, "export", "--cluster", "none"]);
    let mut tred = Command::new("tred")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    tred.stdin
        .take()
        .unwrap()
        .write_all(full_dot.as_bytes())
        .unwrap();
    let out = tred.wait_with_output().unwrap();
    let by_tred = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(pairs(&by_tred), pairs(&reduced));
}

#[test]
fn export_is_deterministic() {
    let a = stdout(&["export", "--reduce"]);
    let b = stdout(&["export", "--reduce"]);
    assert_eq!(a, b);
    let a = stdout(&["export", "--format", "json"]);
    let b = stdout(&["export", "--format", "json"]);
    assert_eq!(a, b);
}

#[test]
fn json_export_lists_nodes_and_edges() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "export",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 13);
    let edges = json["edges"].as_array().unwrap();
    let kinds: BTreeSet<&str> = edges.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(["one_of", "recommends", "requires"]));
    assert!(edges.iter().any(|e| e["from"] == "tidyverse"
        && e["to"] == "data-analysis"
        && e["kind"] == "one_of"
        && e["group"] == 0));
}

#[test]
fn render_writes_svg_png_and_pdf() {
    if common::graphviz_missing("render_writes_svg_png_and_pdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, magic) in [
        ("m.svg", &b"<?xml"[..]),
        ("m.png", &b"\x89PNG"[..]),
        ("m.pdf", &b"%PDF"[..]),
    ] {
        let path = dir.path().join(name);
        stdout(&[
            "--roadmap",
            "tests/fixtures/mini",
            "render",
            "ml-engineer",
            "-o",
            path.to_str().unwrap(),
        ]);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
    // An explicit format wins over the extension.
    let path = dir.path().join("picture.img");
    stdout(&[
        "--roadmap",
        "tests/fixtures/mini",
        "render",
        "--format",
        "png",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&path).unwrap().starts_with(b"\x89PNG"));
    // Nothing but the outputs is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
}

/// Characters XML forbids (U+FFFE, U+FFFF), in titles and in `--lang`, never reach the SVG,
/// which must stay a well-formed XML document (it used to be written with them, exit 0).
#[test]
fn svg_holds_no_character_that_xml_forbids() {
    if common::graphviz_missing("svg_holds_no_character_that_xml_forbids") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let roadmap_file = dir.path().join("r.toml");
    std::fs::write(
        &roadmap_file,
        "[roadmap]\ntitle = \"Title \\uFFFF\"\n[[stage]]\nid = \"s\"\ntitle = \"Stage \\uFFFE\"\n\
         [[topic]]\nid = \"a\"\ntitle = \"A \\uFFFF \\uD7FF \\uFDD0 \\u0085\"\nstage = \"s\"\nhours = 1\n\
         [topic.i18n.zh]\ntitle = \"甲 \\uFFFF \\uD7FF\"\n",
    )
    .unwrap();
    for lang in ["zh", "zh\u{ffff}"] {
        let svg = dir.path().join("r.svg");
        stdout(&[
            "--roadmap",
            roadmap_file.to_str().unwrap(),
            "--lang",
            lang,
            "render",
            "-o",
            svg.to_str().unwrap(),
        ]);
        let text = std::fs::read_to_string(&svg).unwrap();
        let forbidden: Vec<char> = text
            .chars()
            .filter(|&c| {
                matches!(c, '\u{fffe}' | '\u{ffff}')
                    || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
            })
            .collect();
        assert!(
            forbidden.is_empty(),
            "--lang {lang:?}: {forbidden:?} in\n{text}"
        );
        assert!(text.contains("\u{d7ff}"), "what XML allows is kept");
    }
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.svg");
    let out = common::roadmap()
        .args(["render", "-o", path.to_str().unwrap()])
        .env("PATH", dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: Graphviz is not installed"), "{err}");
    assert!(err.contains("apt-get install graphviz"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!path.exists(), "no file is left behind");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn render_refuses_an_unknown_extension() {
    let out = roadmap(&["render", "-o", "picture.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    assert!(!Path::new("picture.jpg").exists());
}

/// The pictures in the README are made by `roadmap render`, which records in each SVG the export
/// arguments and the digest of the DOT it laid out. Re-exporting must give the same DOT.
#[test]
fn committed_pictures_match_the_roadmap() {
    for svg in ["docs/roadmap.svg", "docs/plan-data-scientist.svg"] {
        let text = std::fs::read_to_string(svg).unwrap_or_else(|e| panic!("{svg}: {e}"));
        let record = text
            .lines()
            .find(|l| l.starts_with("<?roadmap-source "))
            .unwrap_or_else(|| panic!("{svg} has no roadmap-source record"));
        let args_json =
            &record[record.find("args=").unwrap() + 5..record.find(" blake3=").unwrap()];
        let args: Vec<String> = serde_json::from_str(&args_json.replace("?\\u003e", "?>")).unwrap();
        let digest = &record[record.find("blake3=\"").unwrap() + 8..record.rfind('"').unwrap()];
        let mut export = vec!["export".to_owned()];
        export.extend(args.iter().cloned());
        let export: Vec<&str> = export.iter().map(String::as_str).collect();
        let dot = stdout(&export);
        assert_eq!(
            blake3::hash(dot.as_bytes()).to_hex().as_str(),
            digest,
            "{svg} is stale: run `roadmap render {} -o {svg}`",
            args.join(" ")
        );
    }
}
