//! One roadmap as the language server sees it: its files' texts (the editor's for open files),
//! loaded and validated by the one loader and validator, with what navigation needs kept from the
//! document: every topic and stage with where its id is written, and every reference with where
//! its name is. Built afresh after each change; nothing here parses TOML.

use std::collections::BTreeSet;
use std::path::PathBuf;

use lsp_types::Uri;

use crate::diagnostic::{FindingKind, Located};
use crate::i18n::Msg;
use crate::load;
use crate::lsp::text::{LineIndex, uri_of};
use crate::model::{Document, Name, Requirement, TopicKind};
use crate::source::Span;
use crate::validate;

/// One file of the roadmap.
#[derive(Debug)]
pub struct File {
    pub path: PathBuf,
    pub uri: Uri,
    /// The text spans point into (the loader's: without a byte-order mark).
    pub lines: LineIndex,
}

#[derive(Clone, Debug)]
pub struct TopicSym {
    pub id: String,
    pub title: String,
    pub kind: TopicKind,
    pub hours: Option<f64>,
    pub summary: Option<String>,
    pub stage: String,
    /// The `[[topic]]` header.
    pub header: Span,
    pub id_span: Span,
    /// Each `requires` entry: one topic, or a `one_of`'s alternatives.
    pub requires: Vec<Vec<String>>,
    pub recommends: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct StageSym {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub header: Span,
    pub id_span: Span,
}

/// What an id names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Topic(String),
    Stage(String),
}

/// A name written in `stage`, `requires`, a `one_of` or `recommends`.
#[derive(Clone, Debug)]
pub struct Reference {
    pub target: Target,
    /// The value, quotes included.
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Analysis {
    pub files: Vec<File>,
    pub topics: Vec<TopicSym>,
    pub stages: Vec<StageSym>,
    pub references: Vec<Reference>,
    /// `check`'s findings, in its order.
    pub findings: Vec<Located>,
    /// Files with a syntax error: what they declare is missing from this analysis.
    pub broken: BTreeSet<u32>,
    /// A problem that left no roadmap to analyse (a file too large, say).
    pub failure: Option<Msg>,
    /// Whether the files declare any of a roadmap's tables (`[roadmap]`, `[[stage]]`,
    /// `[[topic]]`): other TOML files (`Cargo.toml`, say) get no diagnostics.
    pub is_roadmap: bool,
    /// What broken files declared when they last loaded, by path: completion still offers it
    /// while a file is being typed into (and so is often not valid TOML).
    pub stale_topics: Vec<(PathBuf, TopicSym)>,
    pub stale_stages: Vec<(PathBuf, StageSym)>,
}

impl Analysis {
    /// Loads and validates `files` (path and text, in path order) as one roadmap; titles and
    /// summaries in `lang` where the roadmap has them.
    pub fn build(files: Vec<(PathBuf, String)>, lang: Option<&str>) -> Analysis {
        let raw = files
            .iter()
            .map(|(path, text)| (path.display().to_string(), text.as_bytes().to_vec()))
            .collect();
        let (doc, findings) = match load::parse(raw) {
            Ok(parsed) => parsed,
            Err(e) => {
                return Analysis {
                    files: files_of(&files, None),
                    failure: Some(e.to_msg()),
                    ..Analysis::default()
                };
            }
        };
        let mut analysis = Analysis {
            files: files_of(&files, Some(&doc)),
            ..Analysis::default()
        };
        analysis.symbols(&doc, lang);
        // A file that does not parse still shows what it is meant to be by its headers.
        let headers = |text: &String| {
            text.lines()
                .any(|l| matches!(l.trim(), "[roadmap]" | "[[stage]]" | "[[topic]]"))
        };
        analysis.is_roadmap = !doc.meta.is_empty()
            || !doc.stages.is_empty()
            || !doc.topics.is_empty()
            || files.iter().any(|(_, text)| headers(text));
        analysis.broken = findings
            .iter()
            .filter(|f| f.kind == FindingKind::Syntax)
            .filter_map(|f| f.span.map(|s| s.file))
            .collect();
        analysis.findings = validate::validate(doc, findings).findings;
        analysis
    }

    fn symbols(&mut self, doc: &Document, lang: Option<&str>) {
        let name = |n: &Name| n.as_str(&doc.sources).to_owned();
        for stage in &doc.stages {
            if stage.id_span.start == stage.id_span.end {
                continue;
            }
            self.stages.push(StageSym {
                id: stage.id.clone(),
                title: stage.title_in(lang).to_owned(),
                summary: stage.summary_in(lang).map(str::to_owned),
                header: stage.span,
                id_span: stage.id_span,
            });
        }
        for topic in &doc.topics {
            let mut reference = |target: Target, n: &Name| {
                if !n.is_missing() {
                    self.references.push(Reference {
                        target,
                        span: n.span,
                    });
                }
            };
            reference(Target::Stage(name(&topic.stage)), &topic.stage);
            for r in &topic.requires {
                for n in r.topics() {
                    reference(Target::Topic(name(n)), n);
                }
            }
            for n in &topic.recommends {
                reference(Target::Topic(name(n)), n);
            }
            if topic.id_span.start == topic.id_span.end {
                continue;
            }
            self.topics.push(TopicSym {
                id: topic.id.clone(),
                title: topic.title_in(lang).to_owned(),
                kind: topic.kind,
                hours: topic.hours,
                summary: topic.summary_in(lang).map(str::to_owned),
                stage: name(&topic.stage),
                header: topic.span,
                id_span: topic.id_span,
                requires: topic
                    .requires
                    .iter()
                    .map(|r| match r {
                        Requirement::Topic(n) => vec![name(n)],
                        Requirement::OneOf(g) => g.alternatives.iter().map(name).collect(),
                    })
                    .collect(),
                recommends: topic.recommends.iter().map(name).collect(),
            });
        }
    }

    /// Keeps, for each file that no longer loads, what it declared in `previous`.
    pub fn keep_stale(&mut self, previous: Analysis) {
        let broken: Vec<&PathBuf> = self
            .broken
            .iter()
            .filter_map(|&f| self.files.get(f as usize).map(|f| &f.path))
            .collect();
        let path_of = |span: Span| previous.files.get(span.file as usize).map(|f| &f.path);
        let mut topics: Vec<(PathBuf, TopicSym)> = Vec::new();
        let mut stages: Vec<(PathBuf, StageSym)> = Vec::new();
        for t in &previous.topics {
            if let Some(path) = path_of(t.header).filter(|p| broken.contains(p)) {
                topics.push((path.clone(), t.clone()));
            }
        }
        for s in &previous.stages {
            if let Some(path) = path_of(s.header).filter(|p| broken.contains(p)) {
                stages.push((path.clone(), s.clone()));
            }
        }
        topics.extend(
            previous
                .stale_topics
                .into_iter()
                .filter(|(p, _)| broken.contains(&p)),
        );
        stages.extend(
            previous
                .stale_stages
                .into_iter()
                .filter(|(p, _)| broken.contains(&p)),
        );
        self.stale_topics = topics;
        self.stale_stages = stages;
    }

    /// The topics completion offers: those loaded, then those of files being typed into.
    pub fn all_topics(&self) -> impl Iterator<Item = &TopicSym> {
        let stale = self
            .stale_topics
            .iter()
            .map(|(_, t)| t)
            .filter(|t| self.topic(&t.id).is_none());
        self.topics.iter().chain(stale)
    }

    pub fn all_stages(&self) -> impl Iterator<Item = &StageSym> {
        let stale = self
            .stale_stages
            .iter()
            .map(|(_, s)| s)
            .filter(|s| self.stage(&s.id).is_none());
        self.stages.iter().chain(stale)
    }

    pub fn file(&self, span: Span) -> Option<&File> {
        self.files.get(span.file as usize)
    }

    /// The index of the file at `uri` (compared as paths: clients percent-encode differently).
    pub fn file_of(&self, uri: &Uri) -> Option<u32> {
        let path = crate::lsp::text::path_of(uri);
        self.files
            .iter()
            .position(|f| f.uri == *uri || Some(&f.path) == path.as_ref())
            .map(|i| i as u32)
    }

    /// The id at a byte offset of a file: a topic's or stage's own id, or a reference; with the
    /// span of its value (quotes included).
    pub fn target_at(&self, file: u32, offset: u32) -> Option<(Target, Span)> {
        // The end is included: a cursor right after the closing quote is still on the id.
        let on = |s: &Span| s.file == file && s.start <= offset && offset <= s.end;
        if let Some(t) = self.topics.iter().find(|t| on(&t.id_span)) {
            return Some((Target::Topic(t.id.clone()), t.id_span));
        }
        if let Some(s) = self.stages.iter().find(|s| on(&s.id_span)) {
            return Some((Target::Stage(s.id.clone()), s.id_span));
        }
        self.references
            .iter()
            .find(|r| on(&r.span))
            .map(|r| (r.target.clone(), r.span))
    }

    /// Where a topic or stage is defined (its id); more than one place for a duplicate id.
    pub fn definitions(&self, target: &Target) -> Vec<Span> {
        match target {
            Target::Topic(id) => self
                .topics
                .iter()
                .filter(|t| t.id == *id)
                .map(|t| t.id_span)
                .collect(),
            Target::Stage(id) => self
                .stages
                .iter()
                .filter(|s| s.id == *id)
                .map(|s| s.id_span)
                .collect(),
        }
    }

    /// Every place that names it (not its definitions).
    pub fn references_to(&self, target: &Target) -> Vec<Span> {
        self.references
            .iter()
            .filter(|r| r.target == *target)
            .map(|r| r.span)
            .collect()
    }

    pub fn topic(&self, id: &str) -> Option<&TopicSym> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn stage(&self, id: &str) -> Option<&StageSym> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        self.file(span)
            .and_then(|f| f.lines.text().get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }

    /// Where the table starting at `header` ends: at the next top-level table's header of the
    /// same file (`[[topic.resources]]` belongs to its topic), trailing blank lines left out.
    pub fn table_end(&self, header: Span) -> u32 {
        let next = self
            .topics
            .iter()
            .map(|t| t.header)
            .chain(self.stages.iter().map(|s| s.header))
            .filter(|h| h.file == header.file && h.start > header.start)
            .map(|h| h.start)
            .min();
        let Some(file) = self.file(header) else {
            return header.end;
        };
        let text = file.lines.text();
        let end = next.map_or(text.len(), |n| n as usize);
        let trimmed = text[..end].trim_end();
        trimmed.len().max(header.end as usize) as u32
    }
}

/// The files, with the loader's texts when there is a document (which dropped byte-order marks
/// and decoded non-UTF-8 bytes), else the editor's.
fn files_of(files: &[(PathBuf, String)], doc: Option<&Document>) -> Vec<File> {
    files
        .iter()
        .enumerate()
        .map(|(i, (path, text))| {
            let loaded = doc
                .and_then(|d| d.sources.files.get(i))
                .map_or(text.as_str(), |f| f.text.as_str());
            File {
                path: path.clone(),
                // Only a path that is not UTF-8 has no URI; it keeps its place (spans count
                // files by position) but no editor can name it.
                uri: uri_of(path).unwrap_or_else(|| {
                    "file:///nonexistent"
                        .parse()
                        .expect("a constant URI parses")
                }),
                lines: LineIndex::new(loaded.to_owned(), text.starts_with('\u{feff}')),
            }
        })
        .collect()
}
