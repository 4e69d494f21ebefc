//! Graphviz DOT, built with graphviz-rust's graph structures and printed with its printer, and
//! layout through `dot` (the `html` page lays out its picture through here too).
//!
//! graphviz-rust prints identifiers and attribute values exactly as given, escaping nothing, so
//! every value placed in the output goes through [`quote`]: one place that makes any text a
//! double-quoted DOT string that reads back as that same text. No HTML-like label is ever built
//! from roadmap text.

use std::io;

use graphviz_rust::cmd::{CommandArg, Format};
use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::diagram::{Diagram, NodeKind};
use crate::graph::EdgeKind;
use crate::model::{Roadmap, TopicKind, format_hours};

/// How a diagram is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Group topics in one box per stage.
    pub clusters: bool,
    /// `TB` (top to bottom) or `LR` (left to right).
    pub left_to_right: bool,
    pub legend: bool,
}

/// `text` as a double-quoted DOT string. Backslashes and quotes are escaped; line breaks become
/// `\n` (a centred line break in labels, as Graphviz reads it); other control characters are
/// dropped. Graphviz reads the result back as exactly `text`, and nothing in it can end the
/// string early, so no attribute can be injected.
pub fn quote(text: &str) -> Id {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => s.push_str("\\n"),
            // Graphviz copies text into SVG as it is: what XML forbids (U+FFFE, U+FFFF) would
            // make the image unreadable.
            c if c.is_control() || !is_xml_char(c) => {}
            c => s.push(c),
        }
    }
    s.push('"');
    Id::Escaped(s)
}

/// Whether XML 1.0 allows `c` in a document (an SVG is one): not C0 controls but tab and line
/// ends, not U+FFFE or U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// Whether `url` is an absolute http(s) URL, the only kind diagrams link to.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_control)
}

/// An http(s) URL made safe to hand to Graphviz, which copies it into SVG attributes without
/// escaping: the characters that could end an attribute or start markup (and spaces) are
/// percent-encoded, which leaves the link pointing where it did. `None` for any other URL.
pub fn web_url(url: &str) -> Option<String> {
    // Graphviz 2.43 also copies `&` unescaped, which makes the SVG invalid XML; encoding it
    // would change what a query string means, so such a URL gets no link rather than a wrong one.
    if !is_web_url(url) || url.contains('&') {
        return None;
    }
    let mut s = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '"' | '\'' | '<' | '>' | '\\' | ' ' | '`' | '{' | '}' | '|' | '^' => {
                s.push_str(&format!("%{:02X}", c as u32));
            }
            c => s.push(c),
        }
    }
    Some(s)
}

/// Text to show (labels, titles, tooltips), quoted. Graphviz reads `&name;` entities even in
/// plain labels, so `&` is written as `&amp;` to show exactly the text.
pub fn shown(text: &str) -> Id {
    if text.contains('&') {
        quote(&text.replace('&', "&amp;"))
    } else {
        quote(text)
    }
}

/// A label of several lines; each line is escaped, then joined with DOT's `\n`.
fn lines(parts: &[&str]) -> Id {
    let escaped: Vec<String> = parts
        .iter()
        .map(|p| match shown(p) {
            Id::Escaped(q) => q[1..q.len() - 1].to_owned(),
            _ => unreachable!("quote always returns an escaped id"),
        })
        .collect();
    Id::Escaped(format!("\"{}\"", escaped.join("\\n")))
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(Id::Plain(key.to_owned()), value)
}

fn plain(key: &str, value: &str) -> Attribute {
    attr(key, quote(value))
}

fn node_id(name: &str) -> NodeId {
    NodeId(quote(name), None)
}

/// The DOT name of a diagram node: the topic id, or `or:<topic>:<entry>` for a junction (topic
/// ids cannot contain `:`, so the two never collide).
fn name(roadmap: &Roadmap, kind: NodeKind) -> String {
    match kind {
        NodeKind::Topic(t) => roadmap.topic(t).id.clone(),
        NodeKind::Junction { topic, entry } => format!("or:{}:{entry}", roadmap.topic(topic).id),
    }
}

const FONT: &str = "Helvetica";
const INK: &str = "#374151";
const MUTED_FILL: &str = "#e5e7eb";
const MUTED_INK: &str = "#6b7280";
const ROLE_FILL: &str = "#fef3c7";
const ROLE_LINE: &str = "#b45309";
const GOAL_LINE: &str = "#b91c1c";
const LEARNING_FILL: &str = "#dbeafe";
const OR_LINE: &str = "#7c3aed";
const OR_FILL: &str = "#ede9fe";
const SOFT_LINE: &str = "#9ca3af";
/// Pastel fills that tell stages apart when they are not drawn as boxes.
const STAGE_FILLS: [&str; 8] = [
    "#e0f2fe", "#dcfce7", "#fef9c3", "#fce7f3", "#ede9fe", "#ffedd5", "#e0e7ff", "#ccfbf1",
];

fn stage_fill(stage: u32) -> &'static str {
    STAGE_FILLS[stage as usize % STAGE_FILLS.len()]
}

/// The small "or" circle a `one_of` group's alternatives point to.
fn junction() -> Vec<Attribute> {
    vec![
        plain("label", "or"),
        plain("shape", "circle"),
        plain("width", "0.3"),
        plain("fixedsize", "true"),
        plain("fontsize", "8"),
        plain("style", "filled"),
        plain("fillcolor", OR_FILL),
        plain("color", OR_LINE),
        plain("fontcolor", OR_LINE),
    ]
}

fn node_statement(
    roadmap: &Roadmap,
    diagram: &Diagram,
    i: usize,
    style: Style,
    lang: Option<&str>,
) -> Stmt {
    let node = diagram.nodes[i];
    let id = node_id(&name(roadmap, node.kind));
    let NodeKind::Topic(t) = node.kind else {
        return Stmt::Node(DotNode::new(id, junction()));
    };
    let topic = roadmap.topic(t);
    let size = match (topic.kind, topic.hours) {
        (TopicKind::Role, _) => "role".to_owned(),
        (_, Some(h)) => format!("{} h", format_hours(h)),
        (_, None) => "? h".to_owned(),
    };
    let mut attrs = vec![attr("label", lines(&[topic.title_in(lang), &size]))];
    if !style.clusters {
        attrs.push(plain("fillcolor", stage_fill(topic.stage)));
    }
    if let Some(summary) = topic.summary_in(lang) {
        attrs.push(attr("tooltip", shown(summary)));
    }
    // Only web links become clickable: a `javascript:` or `file:` URL in a roadmap must not turn
    // into a link in an SVG someone opens.
    if let Some(url) = topic.resources_in(lang).find_map(|r| web_url(&r.url)) {
        attrs.push(plain("URL", &url));
        attrs.push(plain("target", "_blank"));
    }
    if topic.kind == TopicKind::Role {
        attrs.push(plain("shape", "doubleoctagon"));
        attrs.push(plain("style", "filled,bold"));
        attrs.push(plain("fillcolor", ROLE_FILL));
        attrs.push(plain("color", ROLE_LINE));
    }
    if node.learning {
        attrs.push(plain("fillcolor", LEARNING_FILL));
    }
    if node.known {
        attrs.push(plain("fillcolor", MUTED_FILL));
        attrs.push(plain("fontcolor", MUTED_INK));
        attrs.push(plain("color", SOFT_LINE));
    }
    if node.goal {
        attrs.push(plain("color", GOAL_LINE));
        attrs.push(plain("penwidth", "2.5"));
    }
    Stmt::Node(DotNode::new(id, attrs))
}

fn edge_statement(from: &str, to: &str, kind: EdgeKind, into_junction: bool) -> Stmt {
    let mut attrs = Vec::new();
    match kind {
        EdgeKind::Requires => {}
        EdgeKind::OneOf => {
            attrs.push(plain("color", OR_LINE));
            if into_junction {
                attrs.push(plain("arrowhead", "none"));
            }
        }
        EdgeKind::Recommends => {
            attrs.push(plain("style", "dashed"));
            attrs.push(plain("color", SOFT_LINE));
        }
    }
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes: attrs,
    })
}

/// A small key explaining the shapes and lines, in its own box; without stage boxes, also the
/// colour of each stage shown.
fn legend(roadmap: &Roadmap, diagram: &Diagram, style: Style, lang: Option<&str>) -> Stmt {
    let n = |id: &str, attrs: Vec<Attribute>| Stmt::Node(DotNode::new(node_id(id), attrs));
    let e = |from: &str, to: &str, attrs: Vec<Attribute>| {
        Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
            attributes: attrs,
        })
    };
    let mut stmts = vec![
        Stmt::Attribute(plain("label", "Legend")),
        Stmt::Attribute(plain("style", "rounded,dashed")),
        Stmt::Attribute(plain("color", SOFT_LINE)),
        Stmt::Attribute(plain("fontname", FONT)),
        n(
            "legend:topic",
            vec![attr("label", lines(&["Topic", "hours"]))],
        ),
        n("legend:needs", vec![plain("label", "needs it")]),
        e(
            "legend:topic",
            "legend:needs",
            vec![plain("xlabel", "requires")],
        ),
        n("legend:soft", vec![plain("label", "Helpful")]),
        n("legend:uses", vec![plain("label", "uses it")]),
        e(
            "legend:soft",
            "legend:uses",
            vec![
                plain("xlabel", "recommends"),
                plain("style", "dashed"),
                plain("color", SOFT_LINE),
            ],
        ),
        n("legend:a", vec![plain("label", "A")]),
        n("legend:b", vec![plain("label", "B")]),
        n("legend:or", junction()),
        n("legend:either", vec![plain("label", "A or B is enough")]),
        e(
            "legend:a",
            "legend:or",
            vec![plain("color", OR_LINE), plain("arrowhead", "none")],
        ),
        e(
            "legend:b",
            "legend:or",
            vec![plain("color", OR_LINE), plain("arrowhead", "none")],
        ),
        e("legend:or", "legend:either", vec![plain("color", OR_LINE)]),
        n(
            "legend:role",
            vec![
                plain("label", "Role"),
                plain("shape", "doubleoctagon"),
                plain("style", "filled,bold"),
                plain("fillcolor", ROLE_FILL),
                plain("color", ROLE_LINE),
            ],
        ),
        n(
            "legend:goal",
            vec![
                plain("label", "Goal"),
                plain("color", GOAL_LINE),
                plain("penwidth", "2.5"),
            ],
        ),
        n(
            "legend:known",
            vec![
                plain("label", "Known"),
                plain("fillcolor", MUTED_FILL),
                plain("fontcolor", MUTED_INK),
                plain("color", SOFT_LINE),
            ],
        ),
        n(
            "legend:learning",
            vec![
                plain("label", "Learning"),
                plain("fillcolor", LEARNING_FILL),
            ],
        ),
    ];
    if !style.clusters {
        let mut stages: Vec<u32> = diagram.nodes.iter().map(|n| n.stage(roadmap)).collect();
        stages.dedup();
        for s in stages {
            let stage = &roadmap.stages[s as usize];
            stmts.push(n(
                &format!("legend:stage:{}", stage.id),
                vec![
                    attr("label", shown(stage.title_in(lang))),
                    plain("fillcolor", stage_fill(s)),
                ],
            ));
        }
    }
    Stmt::Subgraph(Subgraph {
        id: quote("cluster_legend"),
        stmts,
    })
}

/// Builds the DOT graph of a diagram.
pub fn graph(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> Graph {
    let mut stmts = head(roadmap, diagram, style, title, lang);
    stmts.extend(tail(roadmap, diagram, style, lang));
    Graph::DiGraph {
        id: quote("roadmap"),
        strict: false,
        stmts,
    }
}

/// The DOT text of a diagram: what [`print()`] makes of [`graph()`], byte for byte. The attributes,
/// clusters and nodes are printed as one graph; the edges (and the legend) are built and printed
/// one at a time, each as the single statement of a graph whose body is then taken, so a large
/// roadmap never holds every edge as a structure and as printed text at once (on 100,000 topics
/// that was most of `export`'s memory).
pub fn text(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> String {
    let head = print(&Graph::DiGraph {
        id: quote("roadmap"),
        strict: false,
        stmts: head(roadmap, diagram, style, title, lang),
    });
    let mut text = String::with_capacity(head.len() + diagram.edges.len() * 48);
    // `head` ends with the closing "\n}\n".
    text.push_str(head.strip_suffix("\n}\n").unwrap_or(&head));
    for stmt in tail(roadmap, diagram, style, lang) {
        let one = print(&Graph::DiGraph {
            id: quote("roadmap"),
            strict: false,
            stmts: vec![stmt],
        });
        let body = one
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .strip_suffix("\n}\n")
            .unwrap_or("");
        text.push('\n');
        text.push_str(body);
    }
    text.push_str("\n}\n");
    text
}

/// The statements before the edges: graph, node and edge defaults, then the nodes (in clusters).
fn head(
    roadmap: &Roadmap,
    diagram: &Diagram,
    style: Style,
    title: &str,
    lang: Option<&str>,
) -> Vec<Stmt> {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", shown(title)),
            plain("labelloc", "t"),
            plain("fontsize", "20"),
            plain("fontname", FONT),
            plain("rankdir", if style.left_to_right { "LR" } else { "TB" }),
            plain("newrank", "true"),
            plain("nodesep", "0.25"),
            plain("ranksep", "0.45"),
            plain("bgcolor", "white"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            plain("shape", "box"),
            plain("style", "rounded,filled"),
            plain("fillcolor", "white"),
            plain("color", INK),
            plain("fontcolor", "#111827"),
            plain("fontname", FONT),
            plain("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            plain("color", INK),
            plain("arrowsize", "0.7"),
            plain("fontname", FONT),
            plain("fontsize", "9"),
        ])),
    ];
    if style.clusters {
        let mut i = 0;
        while i < diagram.nodes.len() {
            let stage = diagram.nodes[i].stage(roadmap);
            let s = &roadmap.stages[stage as usize];
            let mut inner = vec![
                Stmt::Attribute(attr("label", shown(s.title_in(lang)))),
                Stmt::Attribute(plain("style", "rounded,filled")),
                Stmt::Attribute(plain("fillcolor", "#f8fafc")),
                Stmt::Attribute(plain("color", "#cbd5e1")),
                Stmt::Attribute(plain("fontname", FONT)),
                Stmt::Attribute(plain("fontsize", "14")),
            ];
            while i < diagram.nodes.len() && diagram.nodes[i].stage(roadmap) == stage {
                inner.push(node_statement(roadmap, diagram, i, style, lang));
                i += 1;
            }
            stmts.push(Stmt::Subgraph(Subgraph {
                id: quote(&format!("cluster_{}", s.id)),
                stmts: inner,
            }));
        }
    } else {
        stmts.extend(
            (0..diagram.nodes.len()).map(|i| node_statement(roadmap, diagram, i, style, lang)),
        );
    }
    stmts
}

/// The statements after the nodes, made as they are needed: the edges, then the legend.
fn tail<'a>(
    roadmap: &'a Roadmap,
    diagram: &'a Diagram,
    style: Style,
    lang: Option<&'a str>,
) -> impl Iterator<Item = Stmt> + 'a {
    let edges = diagram.edges.iter().map(move |e| {
        let into_junction = matches!(diagram.nodes[e.to].kind, NodeKind::Junction { .. });
        edge_statement(
            &name(roadmap, diagram.nodes[e.from].kind),
            &name(roadmap, diagram.nodes[e.to].kind),
            e.kind,
            into_junction,
        )
    });
    let legend = style.legend.then(|| legend(roadmap, diagram, style, lang));
    edges.chain(legend)
}

/// The DOT text of a graph, ending with a newline.
pub fn print(graph: &Graph) -> String {
    let mut ctx = PrinterContext::default();
    let mut text = graph.print(&mut ctx);
    text.push('\n');
    text
}

/// Output formats Graphviz renders to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

/// Lays the graph out with Graphviz's `dot` and returns the image. A missing `dot` is an
/// [`io::ErrorKind::NotFound`] error.
pub fn layout(graph: Graph, format: ImageFormat) -> io::Result<Vec<u8>> {
    layout_text(print(&graph), format)
}

/// [`layout`] for DOT already printed (see [`text`]).
pub fn layout_text(dot: String, format: ImageFormat) -> io::Result<Vec<u8>> {
    let format = match format {
        ImageFormat::Svg => Format::Svg,
        ImageFormat::Png => Format::Png,
        ImageFormat::Pdf => Format::Pdf,
    };
    graphviz_rust::exec_dot(dot, vec![CommandArg::Format(format)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(id: Id) -> String {
        match id {
            Id::Escaped(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn quoting_escapes_what_could_break_out() {
        assert_eq!(text(quote("plain")), "\"plain\"");
        assert_eq!(
            text(quote(r#"x" shape=box image="/etc/passwd"#)),
            r#""x\" shape=box image=\"/etc/passwd""#
        );
        assert_eq!(text(quote("a\\b")), r#""a\\b""#);
        assert_eq!(text(quote("two\nlines\r\n")), r#""two\nlines\n""#);
        assert_eq!(text(quote("<b>{x|y}</b>")), "\"<b>{x|y}</b>\"");
        assert_eq!(text(quote("bell\u{7}")), "\"bell\"");
        assert_eq!(text(lines(&["A \"b\"", "3 h"])), r#""A \"b\"\n3 h""#);
        assert_eq!(
            text(shown("R&D &lt;b&gt;")),
            "\"R&amp;D &amp;lt;b&amp;gt;\""
        );
    }

    #[test]
    fn text_prints_what_the_printer_prints_for_the_whole_graph() {
        let text = "[roadmap]\ntitle = \"T & \\\"q\\\"\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
                    [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nhours = 1\n\
                    [[topic]]\nid = \"b\"\ntitle = \"B\"\nstage = \"s\"\nhours = 1\n\
                    [[topic]]\nid = \"c\"\ntitle = \"C\"\nstage = \"s\"\nhours = 1\n\
                    requires = [\"a\", { one_of = [\"a\", \"b\"] }]\nrecommends = [\"b\"]\n";
        let (doc, findings) = crate::load::parse(vec![("t.toml".into(), text.into())]).unwrap();
        let roadmap = crate::validate::validate(doc, findings).roadmap.unwrap();
        let diagram = crate::diagram::build(&roadmap, &Default::default());
        for clusters in [true, false] {
            for legend in [true, false] {
                let style = Style {
                    clusters,
                    left_to_right: false,
                    legend,
                };
                assert_eq!(
                    super::text(&roadmap, &diagram, style, "T", None),
                    print(&graph(&roadmap, &diagram, style, "T", None))
                );
            }
        }
    }

    #[test]
    fn urls_are_web_links_encoded_for_svg_attributes() {
        assert_eq!(
            web_url("https://example.org/a?b=1").as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(web_url("https://example.org/a?b=1&c=2"), None);
        assert_eq!(
            web_url("https://example.org/?q=\"><script>").as_deref(),
            Some("https://example.org/?q=%22%3E%3Cscript%3E")
        );
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("file:///etc/passwd"), None);
    }
}
