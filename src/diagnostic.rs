//! Findings about a roadmap (errors and warnings), located in its source, and their two renderings:
//! compiler-style text with the quoted line, and JSON for tools.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

use crate::source::{Sources, Span, floor_char_boundary};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Every kind of finding; the kebab-case name is the `kind` of the JSON output and the code shown
/// in brackets in text (`error[unknown-topic]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    Syntax,
    MissingKey,
    UnknownKey,
    WrongType,
    RoadmapTable,
    DuplicateId,
    InvalidId,
    UnknownStage,
    UnknownTopic,
    SelfReference,
    EmptyOneOf,
    NegativeHours,
    Cycle,
    MissingHours,
    RedundantRequirement,
    RecommendsRequired,
    EmptyStage,
    EmptyText,
    NotWebUrl,
    EmptyRole,
    SingleAlternative,
    DuplicateAlternative,
    ZeroHours,
    DeadLink,
    MovedLink,
}

impl FindingKind {
    pub const ALL: [FindingKind; 25] = [
        FindingKind::Syntax,
        FindingKind::MissingKey,
        FindingKind::UnknownKey,
        FindingKind::WrongType,
        FindingKind::RoadmapTable,
        FindingKind::DuplicateId,
        FindingKind::InvalidId,
        FindingKind::UnknownStage,
        FindingKind::UnknownTopic,
        FindingKind::SelfReference,
        FindingKind::EmptyOneOf,
        FindingKind::NegativeHours,
        FindingKind::Cycle,
        FindingKind::MissingHours,
        FindingKind::RedundantRequirement,
        FindingKind::RecommendsRequired,
        FindingKind::EmptyStage,
        FindingKind::EmptyText,
        FindingKind::NotWebUrl,
        FindingKind::EmptyRole,
        FindingKind::SingleAlternative,
        FindingKind::DuplicateAlternative,
        FindingKind::ZeroHours,
        FindingKind::DeadLink,
        FindingKind::MovedLink,
    ];

    pub fn severity(self) -> Severity {
        match self {
            FindingKind::MissingHours
            | FindingKind::RedundantRequirement
            | FindingKind::RecommendsRequired
            | FindingKind::EmptyStage
            | FindingKind::EmptyText
            | FindingKind::NotWebUrl
            | FindingKind::EmptyRole
            | FindingKind::SingleAlternative
            | FindingKind::DuplicateAlternative
            | FindingKind::ZeroHours
            | FindingKind::DeadLink
            | FindingKind::MovedLink => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Syntax => "syntax",
            FindingKind::MissingKey => "missing-key",
            FindingKind::UnknownKey => "unknown-key",
            FindingKind::WrongType => "wrong-type",
            FindingKind::RoadmapTable => "roadmap-table",
            FindingKind::DuplicateId => "duplicate-id",
            FindingKind::InvalidId => "invalid-id",
            FindingKind::UnknownStage => "unknown-stage",
            FindingKind::UnknownTopic => "unknown-topic",
            FindingKind::SelfReference => "self-reference",
            FindingKind::EmptyOneOf => "empty-one-of",
            FindingKind::NegativeHours => "negative-hours",
            FindingKind::Cycle => "cycle",
            FindingKind::MissingHours => "missing-hours",
            FindingKind::RedundantRequirement => "redundant-requirement",
            FindingKind::RecommendsRequired => "recommends-required",
            FindingKind::EmptyStage => "empty-stage",
            FindingKind::EmptyText => "empty-text",
            FindingKind::NotWebUrl => "not-web-url",
            FindingKind::EmptyRole => "empty-role",
            FindingKind::SingleAlternative => "single-alternative",
            FindingKind::DuplicateAlternative => "duplicate-alternative",
            FindingKind::ZeroHours => "zero-hours",
            FindingKind::DeadLink => "dead-link",
            FindingKind::MovedLink => "moved-link",
        }
    }
}

/// One problem found in a roadmap.
#[derive(Clone, Debug)]
pub struct Finding {
    pub kind: FindingKind,
    pub message: String,
    /// Where it is; `None` only when there is no file to point into.
    pub span: Option<Span>,
    /// A short label under the caret.
    pub label: Option<String>,
    /// Other places worth showing, such as the first definition of a duplicate id.
    pub related: Vec<(Span, String)>,
    pub help: Option<String>,
    /// The near-miss name proposed by "did you mean".
    pub suggestion: Option<String>,
    pub cycle: Option<Vec<String>>,
}

impl Finding {
    pub fn new(kind: FindingKind, message: impl Into<String>) -> Finding {
        Finding {
            kind,
            message: message.into(),
            span: None,
            label: None,
            related: Vec::new(),
            help: None,
            suggestion: None,
            cycle: None,
        }
    }

    pub fn at(mut self, span: Span) -> Finding {
        self.span = Some(span);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Finding {
        self.label = Some(label.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Finding {
        self.related.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean" when there is a near miss.
    pub fn suggest(mut self, suggestion: Option<&str>) -> Finding {
        if let Some(s) = suggestion {
            self.help = Some(format!("did you mean `{s}`?"));
            self.suggestion = Some(s.to_owned());
        }
        self
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Sorts findings the way they are reported: by file, then position; findings about the whole
/// roadmap first.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.map(|s| (s.file, s.start)), a.kind, &a.message).cmp(&(
            b.span.map(|s| (s.file, s.start)),
            b.kind,
            &b.message,
        ))
    });
}

/// Around its span, how many bytes of a long line are quoted. annotate-snippets works on the
/// whole line it is given, although it shows only a terminal's width of it: quoting a 10 MB line
/// for each of thousands of findings on it would take time quadratic in the file.
const QUOTE_AROUND: usize = 512;

/// Renders one finding the way a compiler does: severity, code and message, `--> file:line:col`,
/// the source line with a caret under the span, related places, and a help line.
pub fn render_text(finding: &Finding, sources: &Sources) -> String {
    let mut columns = Vec::new();
    let text = render_group(finding, sources, &mut columns);
    if columns.iter().all(|c| c.0 == c.1) {
        return text;
    }
    // Where a line was quoted as a window, annotate-snippets printed the column within the
    // window: put the line's own column back. The headers (`--> file:line:col`, then `:::` for
    // each related place) are the first lines, after the title, that start with the gutter
    // (a few spaces, fewer than any title's continuation lines) and an arrow; they come in the
    // order of the snippets.
    let mut fixed = String::with_capacity(text.len());
    let mut pending = columns.iter().peekable();
    for line in text.split_inclusive('\n') {
        let plain = anstream::adapter::strip_str(line).to_string();
        let rest = plain.trim_start_matches(' ');
        let is_header =
            plain.len() - rest.len() < 14 && (rest.starts_with("--> ") || rest.starts_with("::: "));
        let wrong = match pending.next_if(|_| is_header) {
            Some(&(shown, true_column, line_number)) if shown != true_column => {
                let wrong = format!(":{line_number}:{shown}");
                line.rfind(&wrong)
                    .map(|at| (at, wrong.len(), format!(":{line_number}:{true_column}")))
            }
            _ => None,
        };
        match wrong {
            Some((at, len, right)) => {
                fixed.push_str(&line[..at]);
                fixed.push_str(&right);
                fixed.push_str(&line[at + len..]);
            }
            None => fixed.push_str(line),
        }
    }
    fixed
}

/// Renders a finding, quoting a long line as a window around its span; `columns` gets, for each
/// snippet in order, the column annotate-snippets will print, the line's own column, and the line.
fn render_group<'a>(
    finding: &'a Finding,
    sources: &'a Sources,
    columns: &mut Vec<(usize, usize, usize)>,
) -> String {
    let level = match finding.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(finding.message.as_str())
        .id(finding.kind.as_str());
    let mut snippet = |span: Span, kind: AnnotationKind, label: Option<&'a str>| {
        let (mut line, pos, mut range) = sources.excerpt(span);
        let name = sources.file(span).name.as_str();
        let mut shown = pos.column;
        if line.len() > 4 * QUOTE_AROUND {
            let start = floor_char_boundary(line, range.start.saturating_sub(QUOTE_AROUND));
            let end = range.end.min(range.start + QUOTE_AROUND) + QUOTE_AROUND;
            let end = floor_char_boundary(line, end);
            shown = line[start..range.start].chars().count() + 1;
            range = range.start - start..range.end.min(end) - start;
            line = &line[start..end];
        }
        columns.push((shown, pos.column, pos.line));
        let annotation = kind.span(range);
        let annotation = match label {
            Some(label) => annotation.label(label),
            None => annotation,
        };
        Snippet::source(line)
            .line_start(pos.line)
            .path(name)
            .annotation(annotation)
    };
    let mut group = match finding.span {
        Some(span) => Group::with_title(title).element(snippet(
            span,
            AnnotationKind::Primary,
            finding.label.as_deref(),
        )),
        None => Group::with_title(title),
    };
    for (span, label) in &finding.related {
        group = group.element(snippet(*span, AnnotationKind::Context, Some(label)));
    }
    if let Some(help) = &finding.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    Renderer::styled().render(&[group])
}

/// A finding resolved against its sources: where it is (`file:line:col`) and its compiler-style
/// text. It no longer needs the sources, so they can be dropped once a roadmap is validated, and
/// validation results can be cached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Located {
    pub kind: FindingKind,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub cycle: Option<Vec<String>>,
    pub suggestion: Option<String>,
    /// The text rendering (with colour codes, stripped at the edge when colour is off).
    pub text: String,
}

/// The JSON shape of a finding (see docs/cli.md).
#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub kind: FindingKind,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'a str>,
}

impl<'a> From<&'a Located> for FindingJson<'a> {
    fn from(f: &'a Located) -> FindingJson<'a> {
        FindingJson {
            kind: f.kind,
            message: &f.message,
            file: f.file.as_deref(),
            line: f.line,
            column: f.column,
            cycle: f.cycle.as_deref(),
            suggestion: f.suggestion.as_deref(),
        }
    }
}

impl Located {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl Finding {
    pub fn locate(&self, sources: &Sources) -> Located {
        let position = self.span.map(|s| sources.position(s));
        Located {
            kind: self.kind,
            message: self.message.clone(),
            file: self.span.map(|s| sources.file(s).name.clone()),
            line: position.map(|p| p.line),
            column: position.map(|p| p.column),
            cycle: self.cycle.clone(),
            suggestion: self.suggestion.clone(),
            text: render_text(self, sources),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_serde() {
        for kind in FindingKind::ALL {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.as_str());
        }
    }

    #[test]
    fn long_lines_are_quoted_around_the_span_with_the_true_columns() {
        let mut sources = Sources::default();
        let line = format!(
            "x = [{}\"b\", {}\"é\"]",
            "1, ".repeat(5000),
            "2, ".repeat(5000)
        );
        let f = sources.add("a.toml".into(), format!("[t]\n{line}\n"));
        let at = |needle: &str| 4 + line.find(needle).unwrap();
        let (b, e) = (at("\"b\""), at("\"é\""));
        let finding = Finding::new(FindingKind::DuplicateId, "duplicate")
            .at(Span::new(f, e..e + 4))
            .related(Span::new(f, b..b + 3), "first");
        let text = anstream::adapter::strip_str(&render_text(&finding, &sources)).to_string();
        // Columns count characters from the line's start, whatever part of it is quoted.
        assert!(text.contains("--> a.toml:2:30011\n"), "{text}");
        assert!(text.contains("::: a.toml:2:15006\n"), "{text}");
        assert!(text.len() < 4 * QUOTE_AROUND, "{text}");
    }

    #[test]
    fn text_names_file_line_and_column() {
        let mut sources = Sources::default();
        let f = sources.add("a.toml".into(), "x = 1\nrequires = [\"pyhton\"]\n".into());
        let start = sources.files[0].text.find("\"pyhton\"").unwrap();
        let finding = Finding::new(FindingKind::UnknownTopic, "unknown topic `pyhton`")
            .at(Span::new(f, start..start + 8))
            .suggest(Some("python"));
        let text = anstream::adapter::strip_str(&render_text(&finding, &sources)).to_string();
        assert!(
            text.starts_with("error[unknown-topic]: unknown topic `pyhton`"),
            "{text}"
        );
        assert!(text.contains("--> a.toml:2:13"), "{text}");
        assert!(text.contains("requires = [\"pyhton\"]"), "{text}");
        assert!(text.contains("= help: did you mean `python`?"), "{text}");
    }
}
