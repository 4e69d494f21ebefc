//! Mermaid flowcharts (`flowchart TB`, one `subgraph` per stage), which GitHub and GitLab render
//! in Markdown. Node ids are generated (`n12`, `j3`), never taken from the roadmap, and every label
//! goes through [`label`], which turns every character Mermaid could read as syntax or markup into
//! an entity code (`#34;`).

use std::fmt::Write as _;

use crate::diagram::{Diagram, NodeKind};
use crate::graph::EdgeKind;
use crate::i18n::Localizer;
use crate::model::{Roadmap, TopicKind};
use crate::overview::Overview;

/// A quoted Mermaid label showing exactly `text`.
pub fn label(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    escape_into(&mut s, text);
    s.push('"');
    s
}

fn escape_into(s: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {}
            '"' | '#' | '&' | '<' | '>' | '[' | ']' | '{' | '}' | '(' | ')' | '|' | '`' | '\\'
            | ';' | '%' | '*' | '_' | '~' | ':' => {
                let _ = write!(s, "#{};", c as u32);
            }
            c => s.push(c),
        }
    }
}

fn node_name(diagram: &Diagram, i: usize) -> String {
    match diagram.nodes[i].kind {
        NodeKind::Topic(t) => format!("n{t}"),
        NodeKind::Junction(_) => format!("j{i}"),
        NodeKind::Stub(_) => format!("s{i}"),
    }
}

/// A node's label, its lines joined by line breaks.
fn lines(
    diagram: &Diagram,
    roadmap: &Roadmap,
    i: usize,
    loc: &Localizer,
    lang: Option<&str>,
) -> String {
    let mut text = String::from("\"");
    for (n, line) in diagram.label(roadmap, i, loc, lang).iter().enumerate() {
        if n > 0 {
            text.push_str("<br/>");
        }
        escape_into(&mut text, line);
    }
    text.push('"');
    text
}

/// Writes the flowchart.
pub fn write(
    roadmap: &Roadmap,
    diagram: &Diagram,
    clusters: bool,
    left_to_right: bool,
    loc: &Localizer,
    lang: Option<&str>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "flowchart {}", if left_to_right { "LR" } else { "TB" });
    let mut classes: [(&str, Vec<String>); 6] = [
        ("role", Vec::new()),
        ("learning", Vec::new()),
        ("known", Vec::new()),
        ("goal", Vec::new()),
        ("junction", Vec::new()),
        ("stub", Vec::new()),
    ];
    let colours = crate::render::dot::stage_colours(roadmap);
    let mut by_stage: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut i = 0;
    while i < diagram.nodes.len() {
        let stage = diagram.nodes[i].stage;
        let indent = if clusters { "    " } else { "  " };
        if clusters {
            let title = roadmap.stages[stage as usize].title_in(lang);
            let _ = writeln!(out, "  subgraph s{stage}[{}]", label(title));
        }
        while i < diagram.nodes.len() && diagram.nodes[i].stage == stage {
            let node = diagram.nodes[i];
            let name = node_name(diagram, i);
            match node.kind {
                NodeKind::Junction(_) => {
                    let _ = writeln!(out, "{indent}{name}(({}))", label(&loc.t("diagram-or")));
                    classes[4].1.push(name);
                }
                NodeKind::Stub(_) => {
                    let _ = writeln!(
                        out,
                        "{indent}{name}({})",
                        lines(diagram, roadmap, i, loc, lang)
                    );
                    classes[5].1.push(name);
                }
                NodeKind::Topic(t) => {
                    let topic = roadmap.topic(t);
                    let text = lines(diagram, roadmap, i, loc, lang);
                    if topic.kind == TopicKind::Role {
                        let _ = writeln!(out, "{indent}{name}{{{{{text}}}}}");
                        classes[0].1.push(name.clone());
                    } else {
                        let _ = writeln!(out, "{indent}{name}({text})");
                    }
                    if colours[topic.stage as usize].is_some() {
                        by_stage.entry(topic.stage).or_default().push(name.clone());
                    }
                    for (flag, class) in [(node.learning, 1), (node.known, 2), (node.goal, 3)] {
                        if flag {
                            classes[class].1.push(name.clone());
                        }
                    }
                }
            }
            i += 1;
        }
        if clusters {
            let _ = writeln!(out, "  end");
        }
    }
    for e in &diagram.edges {
        let arrow = match (e.kind, diagram.nodes[e.to].kind) {
            (EdgeKind::Recommends, _) => "-.->",
            (EdgeKind::OneOf, NodeKind::Junction(_)) => "---",
            _ => "-->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow} {}",
            node_name(diagram, e.from),
            node_name(diagram, e.to)
        );
    }
    // The stages' colours as in DOT, then the marks, which override them: outlines that tell
    // them apart without colour.
    for (stage, names) in &by_stage {
        let fill = colours[*stage as usize].unwrap_or("#ffffff");
        let _ = writeln!(out, "  classDef stage{stage} fill:{fill}");
        let _ = writeln!(out, "  class {} stage{stage}", names.join(","));
    }
    let _ = writeln!(out, "  classDef role stroke-width:3px,font-weight:bold");
    let _ = writeln!(
        out,
        "  classDef learning stroke-width:3px,stroke-dasharray:6 3"
    );
    let _ = writeln!(
        out,
        "  classDef known fill:#ffffff,color:#666666,stroke:#666666,stroke-dasharray:2 2"
    );
    let _ = writeln!(out, "  classDef goal stroke:#000000,stroke-width:4px");
    let _ = writeln!(
        out,
        "  classDef junction fill:#ffffff,stroke:#0072B2,color:#0072B2"
    );
    let _ = writeln!(
        out,
        "  classDef stub fill:#ffffff,color:#555555,stroke:#888888,stroke-dasharray:4 3"
    );
    for (class, names) in &classes {
        if !names.is_empty() {
            let _ = writeln!(out, "  class {} {class}", names.join(","));
        }
    }
    out
}

/// The overview as a flowchart: a node per stage, edges labelled with how many requirements
/// lead from one stage to the other.
pub fn overview(
    roadmap: &Roadmap,
    overview: &Overview,
    left_to_right: bool,
    loc: &Localizer,
    lang: Option<&str>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "flowchart {}", if left_to_right { "LR" } else { "TB" });
    for node in &overview.stages {
        let mut text = String::from("\"");
        for (n, line) in crate::render::dot::overview_label(roadmap, node, loc, lang)
            .iter()
            .enumerate()
        {
            if n > 0 {
                text.push_str("<br/>");
            }
            escape_into(&mut text, line);
        }
        text.push('"');
        let _ = writeln!(out, "  s{}({text})", node.stage);
    }
    let colours = crate::render::dot::stage_colours(roadmap);
    for node in &overview.stages {
        if let Some(fill) = colours[node.stage as usize] {
            let _ = writeln!(out, "  style s{} fill:{fill}", node.stage);
        }
    }
    for e in &overview.edges {
        let arrow = if e.kind == EdgeKind::Recommends {
            "-.->"
        } else {
            "-->"
        };
        let _ = writeln!(
            out,
            "  s{} {arrow}|{}| s{}",
            e.from,
            label(&e.requirements.to_string()),
            e.to
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(label("Linear algebra"), "\"Linear algebra\"");
        assert_eq!(
            label("x\"] --> evil[\"y"),
            "\"x#34;#93; --#62; evil#91;#34;y\""
        );
        assert_eq!(
            label("<b>C#</b>\nnext"),
            "\"#60;b#62;C#35;#60;/b#62; next\""
        );
    }
}
