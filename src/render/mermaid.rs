//! Mermaid flowcharts (`flowchart TB`, one `subgraph` per stage), which GitHub and GitLab render
//! in Markdown. Node ids are generated (`n12`, `j3`), never taken from the roadmap, and every label
//! goes through [`label`], which turns every character Mermaid could read as syntax or markup into
//! an entity code (`#34;`).

use std::fmt::Write as _;

use crate::diagram::{Diagram, NodeKind};
use crate::graph::EdgeKind;
use crate::model::{Roadmap, TopicKind, format_hours};

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
        NodeKind::Junction { .. } => format!("j{i}"),
    }
}

/// Writes the flowchart.
pub fn write(
    roadmap: &Roadmap,
    diagram: &Diagram,
    clusters: bool,
    left_to_right: bool,
    lang: Option<&str>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "flowchart {}", if left_to_right { "LR" } else { "TB" });
    let mut classes: [(&str, Vec<String>); 5] = [
        ("role", Vec::new()),
        ("learning", Vec::new()),
        ("known", Vec::new()),
        ("goal", Vec::new()),
        ("junction", Vec::new()),
    ];
    let mut i = 0;
    while i < diagram.nodes.len() {
        let stage = diagram.nodes[i].stage(roadmap);
        let indent = if clusters { "    " } else { "  " };
        if clusters {
            let title = roadmap.stages[stage as usize].title_in(lang);
            let _ = writeln!(out, "  subgraph s{stage}[{}]", label(title));
        }
        while i < diagram.nodes.len() && diagram.nodes[i].stage(roadmap) == stage {
            let node = diagram.nodes[i];
            let name = node_name(diagram, i);
            match node.kind {
                NodeKind::Junction { .. } => {
                    let _ = writeln!(out, "{indent}{name}((\"or\"))");
                    classes[4].1.push(name);
                }
                NodeKind::Topic(t) => {
                    let topic = roadmap.topic(t);
                    let size = match (topic.kind, topic.hours) {
                        (TopicKind::Role, _) => "role".to_owned(),
                        (_, Some(h)) => format!("{} h", format_hours(h)),
                        (_, None) => "? h".to_owned(),
                    };
                    let mut text = String::from("\"");
                    escape_into(&mut text, topic.title_in(lang));
                    text.push_str("<br/>");
                    escape_into(&mut text, &size);
                    text.push('"');
                    if topic.kind == TopicKind::Role {
                        let _ = writeln!(out, "{indent}{name}{{{{{text}}}}}");
                        classes[0].1.push(name.clone());
                    } else {
                        let _ = writeln!(out, "{indent}{name}({text})");
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
            (EdgeKind::OneOf, NodeKind::Junction { .. }) => "---",
            _ => "-->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow} {}",
            node_name(diagram, e.from),
            node_name(diagram, e.to)
        );
    }
    let _ = writeln!(
        out,
        "  classDef role fill:#fef3c7,stroke:#b45309,stroke-width:2px,font-weight:bold"
    );
    let _ = writeln!(out, "  classDef learning fill:#dbeafe");
    let _ = writeln!(
        out,
        "  classDef known fill:#e5e7eb,color:#6b7280,stroke:#9ca3af"
    );
    let _ = writeln!(out, "  classDef goal stroke:#b91c1c,stroke-width:3px");
    let _ = writeln!(
        out,
        "  classDef junction fill:#ede9fe,stroke:#7c3aed,color:#7c3aed"
    );
    for (class, names) in &classes {
        if !names.is_empty() {
            let _ = writeln!(out, "  class {} {class}", names.join(","));
        }
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
