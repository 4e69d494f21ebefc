//! Findings about a roadmap (errors and warnings), located in its source, and their two renderings:
//! compiler-style text with the quoted line, and JSON for tools.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

use crate::i18n::{Localizer, Msg};
use crate::msg;

use crate::source::{Sources, Span, floor_char_boundary};
use crate::terminal;

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
    InvalidLang,
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
    pub const ALL: [FindingKind; 26] = [
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
        FindingKind::InvalidLang,
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
            FindingKind::InvalidLang => "invalid-lang",
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
    pub message: Msg,
    /// Where it is; `None` only when there is no file to point into.
    pub span: Option<Span>,
    /// A short label under the caret.
    pub label: Option<Msg>,
    /// Other places worth showing, such as the first definition of a duplicate id.
    pub related: Vec<(Span, Msg)>,
    pub help: Option<Msg>,
    /// The near-miss name proposed by "did you mean".
    pub suggestion: Option<String>,
    pub cycle: Option<Vec<String>>,
}

impl Finding {
    pub fn new(kind: FindingKind, message: impl Into<Msg>) -> Finding {
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

    pub fn label(mut self, label: impl Into<Msg>) -> Finding {
        self.label = Some(label.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<Msg>) -> Finding {
        self.related.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<Msg>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean" when there is a near miss.
    pub fn suggest(mut self, suggestion: Option<&str>) -> Finding {
        if let Some(s) = suggestion {
            self.help = Some(msg!("help-did-you-mean", name = s));
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
        (a.span.map(|s| (s.file, s.start)), a.kind)
            .cmp(&(b.span.map(|s| (s.file, s.start)), b.kind))
            // Rarely reached: two findings of one kind at one place.
            .then_with(|| a.message.english().cmp(&b.message.english()))
    });
}

/// Around its span, how many bytes of a long line are quoted. annotate-snippets works on the
/// whole line it is given, although it shows only a terminal's width of it: quoting a 10 MB line
/// for each of thousands of findings on it would take time quadratic in the file.
const QUOTE_AROUND: usize = 512;

/// A place in a file quoted under a finding: the line (or a window of a long one) and the span
/// in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted place itself (for editors, which want the whole range).
    pub span: Span,
    pub path: String,
    pub line: usize,
    /// The line's own column of the span (characters, 1-based).
    pub column: usize,
    /// The column within `source` (differs from `column` when a long line is quoted as a
    /// window).
    pub shown_column: usize,
    pub source: String,
    /// The span's bytes within `source`.
    pub range: std::ops::Range<usize>,
    pub label: Option<Msg>,
}

impl Quote {
    fn new(sources: &Sources, span: Span, label: Option<&Msg>) -> Quote {
        let (mut line, pos, mut range) = sources.excerpt(span);
        let mut shown = pos.column;
        if line.len() > 4 * QUOTE_AROUND {
            let start = floor_char_boundary(line, range.start.saturating_sub(QUOTE_AROUND));
            let end = range.end.min(range.start + QUOTE_AROUND) + QUOTE_AROUND;
            let end = floor_char_boundary(line, end);
            shown = line[start..range.start].chars().count() + 1;
            range = range.start - start..range.end.min(end) - start;
            line = &line[start..end];
        }
        Quote {
            span,
            path: sources.file(span).name.clone(),
            line: pos.line,
            column: pos.column,
            shown_column: shown,
            source: line.to_owned(),
            range,
            label: label.cloned(),
        }
    }
}

/// A finding resolved against its sources: where it is (`file:line:col`) and the lines it quotes.
/// It no longer needs the sources, so they can be dropped once a roadmap is validated, and
/// validation results can be cached; its words are chosen only when it is shown
/// ([`Located::text`]), in the language of that run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Located {
    pub kind: FindingKind,
    pub message: Msg,
    /// Where it is, as a byte range (for editors; `line` and `column` say where it starts).
    pub span: Option<Span>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub cycle: Option<Vec<String>>,
    pub suggestion: Option<String>,
    pub help: Option<Msg>,
    /// The finding's own place first (when it has one), then the related places.
    pub quotes: Vec<Quote>,
}

/// The JSON shape of a finding (see docs/cli.md). Its message is English whatever the
/// interface language: JSON is for programs.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub kind: FindingKind,
    pub message: String,
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
            message: f.message.english(),
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

    /// The finding the way a compiler shows one: severity, code and message, `--> file:line:col`,
    /// the source line with a caret under the span, related places, and a help line; in the
    /// localizer's language, with colour codes (stripped at the edge when colour is off).
    pub fn text(&self, loc: &Localizer) -> String {
        let level = match self.severity() {
            Severity::Error => Level::ERROR.with_name(loc.t("level-error")),
            Severity::Warning => Level::WARNING.with_name(loc.t("level-warning")),
        };
        // Messages, labels and file names hold names from outside: nothing in them may reach a
        // terminal raw (the quoted lines were made printable with the sources).
        let message = terminal::text(&loc.text(&self.message)).into_owned();
        let title = level.primary_title(message).id(self.kind.as_str());
        let labels: Vec<Option<String>> = self
            .quotes
            .iter()
            .map(|q| {
                q.label
                    .as_ref()
                    .map(|l| terminal::text(&loc.text(l)).into_owned())
            })
            .collect();
        let paths: Vec<_> = self
            .quotes
            .iter()
            .map(|q| terminal::line(&q.path))
            .collect();
        let has_own_place = self.file.is_some();
        let mut group = Group::with_title(title);
        for (i, ((q, label), path)) in self.quotes.iter().zip(&labels).zip(&paths).enumerate() {
            let kind = if i == 0 && has_own_place {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let annotation = kind.span(q.range.clone());
            let annotation = match label {
                Some(label) => annotation.label(label.as_str()),
                None => annotation,
            };
            group = group.element(
                Snippet::source(q.source.as_str())
                    .line_start(q.line)
                    .path(path.as_ref())
                    .annotation(annotation),
            );
        }
        let help = self
            .help
            .as_ref()
            .map(|h| terminal::text(&loc.text(h)).into_owned());
        if let Some(help) = &help {
            group = group.element(
                Level::HELP
                    .with_name(loc.t("level-help"))
                    .message(help.as_str()),
            );
        }
        let text = Renderer::styled().render(&[group]);
        fix_columns(text, &self.quotes)
    }
}

/// Where a line was quoted as a window, annotate-snippets printed the column within the window:
/// puts the line's own column back. The headers (`--> file:line:col`, then `:::` for each related
/// place) are the first lines, after the title, that start with the gutter (a few spaces, fewer
/// than any title's continuation lines) and an arrow; they come in the order of the quotes.
fn fix_columns(text: String, quotes: &[Quote]) -> String {
    if quotes.iter().all(|q| q.column == q.shown_column) {
        return text;
    }
    let mut fixed = String::with_capacity(text.len());
    let mut pending = quotes.iter().peekable();
    for line in text.split_inclusive('\n') {
        let plain = anstream::adapter::strip_str(line).to_string();
        let rest = plain.trim_start_matches(' ');
        let is_header =
            plain.len() - rest.len() < 14 && (rest.starts_with("--> ") || rest.starts_with("::: "));
        let wrong = match pending.next_if(|_| is_header) {
            Some(q) if q.shown_column != q.column => {
                let wrong = format!(":{}:{}", q.line, q.shown_column);
                line.rfind(&wrong)
                    .map(|at| (at, wrong.len(), format!(":{}:{}", q.line, q.column)))
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

impl Finding {
    pub fn locate(&self, sources: &Sources) -> Located {
        let position = self.span.map(|s| sources.position(s));
        let mut quotes: Vec<Quote> = self
            .span
            .map(|s| Quote::new(sources, s, self.label.as_ref()))
            .into_iter()
            .collect();
        quotes.extend(
            self.related
                .iter()
                .map(|(span, label)| Quote::new(sources, *span, Some(label))),
        );
        Located {
            kind: self.kind,
            message: self.message.clone(),
            span: self.span,
            file: self.span.map(|s| sources.file(s).name.clone()),
            line: position.map(|p| p.line),
            column: position.map(|p| p.column),
            cycle: self.cycle.clone(),
            suggestion: self.suggestion.clone(),
            help: self.help.clone(),
            quotes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Ui;

    fn en() -> &'static Localizer {
        Localizer::get(Ui::En)
    }

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
        let text = anstream::adapter::strip_str(&finding.locate(&sources).text(en())).to_string();
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
        let text = anstream::adapter::strip_str(&finding.locate(&sources).text(en())).to_string();
        assert!(
            text.starts_with("error[unknown-topic]: unknown topic `pyhton`"),
            "{text}"
        );
        assert!(text.contains("--> a.toml:2:13"), "{text}");
        assert!(text.contains("requires = [\"pyhton\"]"), "{text}");
        assert!(text.contains("= help: did you mean `python`?"), "{text}");
    }
}
