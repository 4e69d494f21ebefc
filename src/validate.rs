//! Validation: every semantic problem of a [`Document`] in one pass (ids, references, hours,
//! cycles, and the warnings an author wants), and, only when there is no error, the [`Roadmap`]
//! everything downstream works on. Nothing after this module meets a dangling reference.

use std::collections::HashMap;

use crate::dag::{Dag, Scratch};
use crate::diagnostic::{self, Finding, FindingKind, Located, Severity};
use crate::graph::{self, Graph, Links, Packed, Req, Requires};
use crate::i18n::Msg;
use crate::model::{
    Document, Group, IdIndex, Name, Requirement, Roadmap, StageIx, Topic, TopicIx, TopicKind,
};
use crate::msg;
use crate::parallel::{on_all_cores, ranges};
use crate::source::{Sources, Span};
use crate::suggest::suggest_within;

/// How many cycles to report per tangle of mutually dependent topics.
const CYCLES_PER_COMPONENT: usize = 20;

/// How much work, in all, "did you mean" may spend on misspelt references (see
/// [`crate::suggest::suggest_within`]: a unit per id looked at, and the product of the two
/// lengths per comparison; a few tenths of a second). Each search compares one name with every
/// topic (or stage) id, so a large roadmap with as many unknown references would take time
/// quadratic in its size; past this, errors carry no suggestion.
const SUGGESTION_BUDGET: usize = 20_000_000;

/// Sizes for the summary line and the JSON report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub topics: usize,
    /// Every reference between topics: plain requirements, one_of alternatives, recommendations.
    pub edges: usize,
    pub stages: usize,
}

/// The outcome of loading and validating a roadmap.
#[derive(Debug)]
pub struct Checked {
    /// Errors and warnings, sorted by file and position.
    pub findings: Vec<Located>,
    pub counts: Counts,
    /// The roadmap, when it has no error.
    pub roadmap: Option<Roadmap>,
}

impl Checked {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }

    /// `N topics, M prerequisites, S stages: E errors, W warnings`
    pub fn summary(&self) -> Msg {
        msg!(
            "check-summary",
            topics = self.counts.topics,
            edges = self.counts.edges,
            stages = self.counts.stages,
            errors = self.count(Severity::Error),
            warnings = self.count(Severity::Warning),
        )
    }
}

/// True when `id` is a valid topic or stage id: letters, digits, `-_.+`, starting with a letter
/// or digit.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
}

/// Validates a parsed document; `findings` are the loader's, to which this adds its own.
pub fn validate(doc: Document, findings: Vec<Finding>) -> Checked {
    validate_with(doc, findings, true)
}

/// [`validate`] without looking for the warnings of a roadmap that has no errors (redundant
/// requirements, the authoring lints, unused stages): for a command that answers from the
/// roadmap, shows no warnings and keeps nothing (the cache must hold them all). They are a
/// fifth of validation at 100,000 topics. The loader's own findings are kept.
pub fn validate_without_warnings(doc: Document, findings: Vec<Finding>) -> Checked {
    validate_with(doc, findings, false)
}

fn validate_with(doc: Document, mut findings: Vec<Finding>, want_warnings: bool) -> Checked {
    let counts = Counts {
        topics: doc.topics.len(),
        edges: doc
            .topics
            .iter()
            .map(|t| {
                t.requires.iter().map(|r| r.topics().len()).sum::<usize>() + t.recommends.len()
            })
            .sum(),
        stages: doc.stages.len(),
    };
    // After a syntax error part of the roadmap is missing; judging references would only add
    // errors that are not real.
    if findings.iter().any(|f| f.kind == FindingKind::Syntax) {
        return finish(findings, counts, doc.sources, None);
    }
    let mut v = Validator {
        doc: &doc,
        findings: &mut findings,
        topic_ids: IdIndex::with_capacity(doc.topics.len()),
        titles: None,
        suggested: HashMap::new(),
        suggestion_budget: SUGGESTION_BUDGET,
    };
    v.check_meta();
    let stage_ids = stage_ids(&doc, v.findings);
    v.index_topics();
    // Most roadmaps resolve without a finding: try that on all cores first, and resolve one by
    // one (reporting what is wrong) only when it fails.
    let resolved = match resolve_cleanly(&doc, &v.topic_ids, &stage_ids) {
        Some(resolved) => resolved,
        None => {
            let mut resolved = Resolution::default();
            for t in &doc.topics {
                v.resolve(t, &stage_ids, &mut resolved);
            }
            resolved
        }
    };
    let topic_ids = std::mem::take(&mut v.topic_ids);
    let links = || resolved.all();
    // Most roadmaps have no cycle: that is told without building the graph, which only naming
    // the cycles needs (and which the roadmap builds when a query first asks for it).
    if !graph::is_acyclic(links()) {
        for cycle in Graph::new(links()).cycles(CYCLES_PER_COMPONENT) {
            findings.push(cycle_finding(&doc, &cycle));
        }
    }
    if findings.iter().any(|f| f.severity() == Severity::Error) {
        return finish(findings, counts, doc.sources, None);
    }
    if want_warnings {
        warnings(&doc, &resolved, &graph::plain_dag(links()), &mut findings);
    }

    let Document {
        sources,
        mut meta,
        stages,
        topics,
    } = doc;
    let mut references = resolved.into_parts();
    let topics = topics
        .into_iter()
        .map(|t| into_resolved(t, &mut references))
        .collect();
    let roadmap = Roadmap::from_parts(meta.remove(0), stages, topics, topic_ids);
    finish(findings, counts, sources, Some(roadmap))
}

/// Sorts the findings and resolves them against the sources, which are not needed after this.
fn finish(
    mut findings: Vec<Finding>,
    counts: Counts,
    mut sources: Sources,
    roadmap: Option<Roadmap>,
) -> Checked {
    diagnostic::sort(&mut findings);
    if !findings.is_empty() {
        sources.make_printable();
    }
    let sources = &sources;
    Checked {
        findings: findings.iter().map(|f| f.locate(sources)).collect(),
        counts,
        roadmap,
    }
}

/// Every topic's references resolved, when each one resolves without a finding (a known stage,
/// known topics, no topic naming itself, no empty `one_of`, no negative hours); `None` as soon
/// as one does not, so that [`Validator::resolve`] reports it.
fn resolve_cleanly(
    doc: &Document,
    ids: &IdIndex,
    stage_ids: &HashMap<&str, StageIx>,
) -> Option<Resolution> {
    let sources = &doc.sources;
    let topic = |name: &Name, own: &str| -> Option<TopicIx> {
        let text = name.as_str(sources);
        if text == own && !own.is_empty() {
            return None;
        }
        ids.get(text, |i| doc.topics[i as usize].id.as_str())
    };
    // A clean resolution has as many references as are written: the lists are made whole at
    // once and each core fills its part of them where it lies.
    let mut resolved = Resolution {
        requires_end: Vec::with_capacity(doc.topics.len()),
        recommends_end: Vec::with_capacity(doc.topics.len()),
        ..Resolution::default()
    };
    let (mut requires, mut recommends) = (0, 0);
    for t in &doc.topics {
        requires += t.requires.len();
        recommends += t.recommends.len();
        resolved.requires_end.push(u32::try_from(requires).ok()?);
        resolved
            .recommends_end
            .push(u32::try_from(recommends).ok()?);
    }
    resolved.stages = vec![0; doc.topics.len()];
    resolved.requires = vec![0; requires];
    resolved.recommends = vec![0; recommends];
    let clean = on_all_cores(resolved.pieces(), |piece| {
        let (mut requires, mut recommends) =
            (piece.requires.iter_mut(), piece.recommends.iter_mut());
        // This piece's groups, numbered from 0 until the pieces are put together.
        let mut groups = Vec::new();
        let topics = &doc.topics[piece.range.clone()];
        for (t, stage) in topics.iter().zip(piece.stages) {
            if t.hours.is_some_and(|h| h < 0.0) {
                return None;
            }
            *stage = *stage_ids.get(t.stage.as_str(sources))?;
            for (r, slot) in t.requires.iter().zip(requires.by_ref()) {
                *slot = match r {
                    Requirement::Topic(name) => topic(name, &t.id)?,
                    Requirement::OneOf(group) if group.alternatives.is_empty() => return None,
                    Requirement::OneOf(group) => {
                        let group = Group {
                            alternatives: group
                                .alternatives
                                .iter()
                                .map(|n| topic(n, &t.id))
                                .collect::<Option<_>>()?,
                            span: group.span,
                        };
                        Packed::pack(Requirement::OneOf(Box::new(group)), &mut groups)
                    }
                };
            }
            for (name, slot) in t.recommends.iter().zip(recommends.by_ref()) {
                *slot = topic(name, &t.id)?;
            }
        }
        Some((piece.range, groups))
    });
    // The groups in one list, each piece's codes renumbered past the groups before it (groups
    // are rare: most pieces have none to renumber).
    let mut groups = Vec::new();
    for (range, part) in clean.into_iter().collect::<Option<Vec<_>>>()? {
        if !groups.is_empty() && !part.is_empty() {
            let offset = groups.len() as u32;
            let ends = &resolved.requires_end;
            for code in &mut resolved.requires[end_of(ends, range.start)..end_of(ends, range.end)] {
                if Packed::group(*code).is_some() {
                    *code += offset;
                }
            }
        }
        groups.extend(part);
    }
    resolved.groups = groups;
    Some(resolved)
}

/// Every topic's references resolved to indices (unresolvable ones left out, already
/// reported), in one list of each kind for all the topics rather than two lists a topic: two
/// hundred thousand allocations fewer at 100,000 topics, and less memory at the peak of a
/// cold check. A topic's part of a list ends where `*_end` says, and starts where the part of
/// the topic before it ends.
#[derive(Default)]
struct Resolution {
    stages: Vec<StageIx>,
    requires_end: Vec<u32>,
    recommends_end: Vec<u32>,
    /// Packed 4 bytes each ([`Packed`]): a topic's index, or a group's in `groups`.
    requires: Vec<u32>,
    /// Boxed as a resolved topic holds them ([`Requirement::OneOf`]), so each is handed over
    /// as it is.
    #[allow(clippy::vec_box)]
    groups: Vec<Box<Group<TopicIx>>>,
    recommends: Vec<TopicIx>,
}

/// The part of a [`Resolution`] that one core fills: the topics in `range`.
struct Piece<'a> {
    range: std::ops::Range<usize>,
    stages: &'a mut [StageIx],
    requires: &'a mut [u32],
    recommends: &'a mut [TopicIx],
}

/// Where the part of topic `ix` ends in a list whose parts end at `ends` (where the part of
/// the topic after it starts).
fn end_of(ends: &[u32], ix: usize) -> usize {
    ix.checked_sub(1).map_or(0, |i| ends[i] as usize)
}

impl Resolution {
    fn links(&self, ix: usize) -> Links<'_> {
        let part = |ends: &[u32]| end_of(ends, ix)..ends[ix] as usize;
        Links {
            requires: Requires::Packed(Packed {
                codes: &self.requires[part(&self.requires_end)],
                groups: &self.groups,
            }),
            recommends: &self.recommends[part(&self.recommends_end)],
        }
    }

    fn all(&self) -> impl ExactSizeIterator<Item = Links<'_>> + Clone + '_ {
        (0..self.stages.len()).map(|ix| self.links(ix))
    }

    /// One topic's resolution, after those of the topics before it.
    fn push(
        &mut self,
        stage: StageIx,
        requires: impl IntoIterator<Item = Requirement<TopicIx>>,
        recommends: impl IntoIterator<Item = TopicIx>,
    ) {
        self.stages.push(stage);
        for r in requires {
            let code = Packed::pack(r, &mut self.groups);
            self.requires.push(code);
        }
        self.recommends.extend(recommends);
        // Spans are u32 offsets into files, so no file holds more references than that.
        self.requires_end.push(self.requires.len() as u32);
        self.recommends_end.push(self.recommends.len() as u32);
    }

    /// The lists cut into one piece per core, for filling in place.
    fn pieces(&mut self) -> Vec<Piece<'_>> {
        let Resolution {
            stages,
            requires_end,
            recommends_end,
            requires,
            recommends,
            ..
        } = self;
        let (mut stages, mut requires, mut recommends) =
            (&mut stages[..], &mut requires[..], &mut recommends[..]);
        let mut pieces = Vec::new();
        for range in ranges(stages.len()) {
            let count = |ends: &[u32]| end_of(ends, range.end) - end_of(ends, range.start);
            let (s, rest) = std::mem::take(&mut stages).split_at_mut(range.len());
            stages = rest;
            let (r, rest) = std::mem::take(&mut requires).split_at_mut(count(requires_end));
            requires = rest;
            let (c, rest) = std::mem::take(&mut recommends).split_at_mut(count(recommends_end));
            recommends = rest;
            pieces.push(Piece {
                range,
                stages: s,
                requires: r,
                recommends: c,
            });
        }
        pieces
    }

    /// Taken apart, to hand each topic its part in order ([`into_resolved`]).
    fn into_parts(self) -> References {
        References {
            stages: self.stages.into_iter(),
            requires_end: self.requires_end.into_iter(),
            recommends_end: self.recommends_end.into_iter(),
            requires: self.requires.into_iter(),
            groups: self.groups.into_iter(),
            recommends: self.recommends.into_iter(),
            taken: (0, 0),
        }
    }
}

/// A [`Resolution`] handed out topic by topic.
struct References {
    stages: std::vec::IntoIter<StageIx>,
    requires_end: std::vec::IntoIter<u32>,
    recommends_end: std::vec::IntoIter<u32>,
    requires: std::vec::IntoIter<u32>,
    /// The groups, in the order their codes come.
    groups: std::vec::IntoIter<Box<Group<TopicIx>>>,
    recommends: std::vec::IntoIter<TopicIx>,
    /// How many requirements and recommendations were handed out.
    taken: (usize, usize),
}

/// `written` turned into the topic's `count` resolved items taken from `resolved`. When there are
/// as many as written (always, in a roadmap without errors), the written list's memory takes
/// them: no allocation, and nothing to free.
fn in_place<W, R>(written: Vec<W>, mine: impl Iterator<Item = R>, count: usize) -> Vec<R> {
    match written.len() == count {
        true => written.into_iter().zip(mine).map(|(_, r)| r).collect(),
        false => mine.collect(),
    }
}

fn into_resolved(t: Topic<Name>, references: &mut References) -> Topic<TopicIx> {
    let ends = (
        references.requires_end.next().unwrap_or(0) as usize,
        references.recommends_end.next().unwrap_or(0) as usize,
    );
    let (requires, recommends) = (ends.0 - references.taken.0, ends.1 - references.taken.1);
    references.taken = ends;
    Topic {
        id: t.id,
        title: t.title,
        stage: references.stages.next().unwrap_or(0),
        kind: t.kind,
        hours: t.hours,
        summary: t.summary,
        requires: in_place(
            t.requires,
            (references.requires.by_ref().take(requires)).filter_map(|code| {
                match Packed::group(code) {
                    None => Some(Requirement::Topic(code)),
                    // Groups come in the order of their codes.
                    Some(_) => references.groups.next().map(Requirement::OneOf),
                }
            }),
            requires,
        ),
        recommends: in_place(
            t.recommends,
            references.recommends.by_ref().take(recommends),
            recommends,
        ),
        tags: t.tags,
        i18n: t.i18n,
        resources: t.resources,
        span: t.span,
        id_span: t.id_span,
        hours_span: t.hours_span,
        texts: t.texts,
    }
}

struct Validator<'d, 'f> {
    doc: &'d Document,
    findings: &'f mut Vec<Finding>,
    topic_ids: IdIndex,
    /// Lower-cased titles to ids, built on the first unknown reference (for "did you mean").
    titles: Option<HashMap<String, TopicIx>>,
    /// "Did you mean" answers by misspelt name (`true` for a stage), so a typo repeated all over
    /// a roadmap is searched for once.
    suggested: HashMap<(String, bool), Option<String>>,
    /// What is left of [`SUGGESTION_BUDGET`].
    suggestion_budget: usize,
}

impl Validator<'_, '_> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn check_meta(&mut self) {
        let meta = &self.doc.meta;
        match meta.len() {
            1 => {}
            0 => {
                let mut f =
                    Finding::new(FindingKind::RoadmapTable, msg!("finding-no-roadmap-table"))
                        .help(msg!("help-no-roadmap-table"));
                if !self.doc.sources.files.is_empty() {
                    f = f.at(Span::new(0, 0..0));
                }
                self.push(f);
            }
            _ => {
                for m in &meta[1..] {
                    let f = Finding::new(FindingKind::RoadmapTable, msg!("finding-roadmap-twice"))
                        .at(m.span)
                        .label(msg!("label-given-again"))
                        .related(meta[0].span, msg!("label-first-given"))
                        .help(msg!("help-roadmap-twice"));
                    self.push(f);
                }
            }
        }
    }

    fn index_topics(&mut self) {
        let doc = self.doc;
        for (ix, topic) in doc.topics.iter().enumerate() {
            if topic.id_span.start == topic.id_span.end {
                continue; // missing, already reported
            }
            if !is_valid_id(&topic.id) {
                self.push(invalid_id("topic", &topic.id, topic.id_span));
            }
            if let Err(first) = self
                .topic_ids
                .insert(ix as TopicIx, |i| doc.topics[i as usize].id.as_str())
            {
                let first = doc.topics[first as usize].id_span;
                self.push(duplicate("topic", &topic.id, topic.id_span, first));
            }
        }
    }

    fn resolve(
        &mut self,
        topic: &Topic<Name>,
        stage_ids: &HashMap<&str, StageIx>,
        resolved: &mut Resolution,
    ) {
        let stage_name = topic.stage.as_str(&self.doc.sources);
        let stage = match stage_ids.get(stage_name) {
            Some(&s) => s,
            None => {
                if !topic.stage.is_missing() {
                    let f = Finding::new(
                        FindingKind::UnknownStage,
                        msg!(
                            "finding-unknown-stage",
                            stage = stage_name,
                            topic = topic.id.as_str()
                        ),
                    )
                    .at(topic.stage.span)
                    .label(msg!("label-no-such-stage"))
                    .suggest(
                        self.suggest_within_budget(
                            stage_name,
                            true,
                            self.doc.stages.iter().map(|s| s.id.as_str()),
                        )
                        .as_deref(),
                    );
                    self.push(f);
                }
                0
            }
        };
        if let Some(span) = topic.hours_span
            && topic.hours.is_some_and(|h| h < 0.0)
        {
            self.push(
                Finding::new(
                    FindingKind::NegativeHours,
                    msg!("finding-negative-hours", topic = topic.id.as_str()),
                )
                .at(span)
                .label(msg!("label-negative-hours")),
            );
        }
        let mut requires = Vec::with_capacity(topic.requires.len());
        for req in &topic.requires {
            match req {
                Requirement::Topic(name) => {
                    if let Some(ix) = self.reference(topic, name, "requires") {
                        requires.push(Requirement::Topic(ix));
                    }
                }
                Requirement::OneOf(group) => {
                    let (alternatives, span) = (&group.alternatives, &group.span);
                    if alternatives.is_empty() {
                        self.push(
                            Finding::new(
                                FindingKind::EmptyOneOf,
                                msg!("finding-empty-one-of", topic = topic.id.as_str()),
                            )
                            .at(*span)
                            .label(msg!("label-empty-one-of"))
                            .help(msg!("help-empty-one-of")),
                        );
                        continue;
                    }
                    let alternatives: Vec<TopicIx> = alternatives
                        .iter()
                        .filter_map(|name| self.reference(topic, name, "one_of"))
                        .collect();
                    if !alternatives.is_empty() {
                        requires.push(Requirement::OneOf(Box::new(Group {
                            alternatives,
                            span: *span,
                        })));
                    }
                }
            }
        }
        let recommends: Vec<TopicIx> = topic
            .recommends
            .iter()
            .filter_map(|name| self.reference(topic, name, "recommends"))
            .collect();
        resolved.push(stage, requires, recommends);
    }

    /// Resolves one reference, reporting it when it is unknown or the topic itself.
    fn reference(&mut self, topic: &Topic<Name>, name: &Name, key: &str) -> Option<TopicIx> {
        let doc = self.doc;
        let text = name.as_str(&doc.sources);
        if text == topic.id && !topic.id.is_empty() {
            self.push(
                Finding::new(
                    FindingKind::SelfReference,
                    msg!(
                        "finding-self-reference",
                        topic = topic.id.as_str(),
                        key = key
                    ),
                )
                .at(name.span)
                .label(msg!("label-self-reference")),
            );
            return None;
        }
        let doc = self.doc;
        if let Some(ix) = self
            .topic_ids
            .get(text, |i| doc.topics[i as usize].id.as_str())
        {
            return Some(ix);
        }
        let suggestion = self.suggest_topic(text);
        let f = Finding::new(
            FindingKind::UnknownTopic,
            msg!(
                "finding-unknown-topic",
                name = text,
                key = key,
                topic = topic.id.as_str()
            ),
        )
        .at(name.span)
        .label(msg!("label-no-such-topic"))
        .suggest(suggestion.as_deref());
        self.push(f);
        None
    }

    /// A topic id that a misspelt reference probably meant: a near id, or the id of a topic
    /// whose title was written instead of its id.
    fn suggest_topic(&mut self, name: &str) -> Option<String> {
        let doc = self.doc;
        let titles = self.titles.get_or_insert_with(|| {
            let mut titles = HashMap::new();
            for (ix, t) in doc.topics.iter().enumerate() {
                titles
                    .entry(t.title.to_lowercase())
                    .or_insert(ix as TopicIx);
            }
            titles
        });
        if let Some(&ix) = titles.get(&name.to_lowercase()) {
            return Some(doc.topics[ix as usize].id.clone());
        }
        self.suggest_within_budget(name, false, doc.topics.iter().map(|t| t.id.as_str()))
    }

    /// The nearest of `candidates` (topic ids, or stage ids when `stage`) to `name`, remembered
    /// for the next time, and only while the budget lasts.
    fn suggest_within_budget<'c>(
        &mut self,
        name: &str,
        stage: bool,
        candidates: impl ExactSizeIterator<Item = &'c str>,
    ) -> Option<String> {
        let key = (name.to_owned(), stage);
        if let Some(known) = self.suggested.get(&key) {
            return known.clone();
        }
        let suggestion =
            suggest_within(name, candidates, &mut self.suggestion_budget).map(str::to_owned);
        self.suggested.insert(key, suggestion.clone());
        suggestion
    }
}

fn stage_ids<'d>(doc: &'d Document, findings: &mut Vec<Finding>) -> HashMap<&'d str, StageIx> {
    let mut ids: HashMap<&str, StageIx> = HashMap::new();
    for (ix, stage) in doc.stages.iter().enumerate() {
        if stage.id_span.start == stage.id_span.end {
            continue; // missing, already reported
        }
        if !is_valid_id(&stage.id) {
            findings.push(invalid_id("stage", &stage.id, stage.id_span));
        }
        if let Some(&first) = ids.get(stage.id.as_str()) {
            let first = &doc.stages[first as usize];
            findings.push(duplicate("stage", &stage.id, stage.id_span, first.id_span));
        } else {
            ids.insert(&stage.id, ix as StageIx);
        }
    }
    ids
}

/// `what` is `topic` or `stage` (the catalogues' selector).
fn invalid_id(what: &'static str, id: &str, span: Span) -> Finding {
    let message = if id.is_empty() {
        msg!("finding-empty-id", what = what)
    } else {
        msg!("finding-invalid-id", what = what, id = id)
    };
    Finding::new(FindingKind::InvalidId, message)
        .at(span)
        .help(msg!("help-id-characters"))
}

fn duplicate(what: &'static str, id: &str, again: Span, first: Span) -> Finding {
    Finding::new(
        FindingKind::DuplicateId,
        msg!("finding-duplicate-id", what = what, id = id),
    )
    .at(again)
    .label(msg!("label-defined-again"))
    .related(first, msg!("label-first-defined"))
    .help(msg!("help-duplicate-id", what = what))
}

/// The span where `topic` names `to` (in `requires`, a `one_of` or `recommends`).
fn reference_span(doc: &Document, topic: &Topic<Name>, to: TopicIx) -> Span {
    let id = &doc.topics[to as usize].id;
    topic
        .requires
        .iter()
        .flat_map(|r| r.topics())
        .chain(&topic.recommends)
        .find(|name| name.as_str(&doc.sources) == id)
        .map_or(topic.span, |name| name.span)
}

fn cycle_finding(doc: &Document, cycle: &[TopicIx]) -> Finding {
    let ids: Vec<String> = cycle
        .iter()
        .map(|&t| doc.topics[t as usize].id.clone())
        .collect();
    let span = reference_span(doc, &doc.topics[cycle[0] as usize], cycle[1 % cycle.len()]);
    let shown = ids
        .iter()
        .chain(std::iter::once(&ids[0]))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" -> ");
    let mut f = Finding::new(FindingKind::Cycle, msg!("finding-cycle", cycle = shown))
        .at(span)
        .label(msg!(
            "label-cycle",
            topic = ids[0].as_str(),
            needs = ids[1 % ids.len()].as_str()
        ))
        .help(msg!("help-cycle"));
    f.cycle = Some(ids);
    f
}

/// The warnings, computed on an error-free roadmap (so references resolve one to one).
fn warnings(doc: &Document, resolved: &Resolution, dag: &Dag, findings: &mut Vec<Finding>) {
    let mut used = vec![false; doc.stages.len()];
    for &stage in &resolved.stages {
        used[stage as usize] = true;
    }
    // Each topic's warnings depend on the graph alone, so topics are judged on all cores.
    for part in on_all_cores(ranges(doc.topics.len()), |range| {
        topic_warnings(doc, resolved, dag, range)
    }) {
        findings.extend(part);
    }
    crate::lint::check(doc, findings);
    for (stage, used) in doc.stages.iter().zip(used) {
        if !used {
            findings.push(
                Finding::new(
                    FindingKind::EmptyStage,
                    msg!("finding-empty-stage", stage = stage.id.as_str()),
                )
                .at(stage.id_span)
                .help(msg!("help-empty-stage")),
            );
        }
    }
}

/// The warnings about the topics in `range`, in order.
fn topic_warnings(
    doc: &Document,
    resolved: &Resolution,
    dag: &Dag,
    range: std::ops::Range<usize>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut scratch = Scratch::default();
    // Per topic, where the topic being checked first lists it (`u32::MAX`: not at all), so a
    // requirement listed twice, or implied, is found in one look rather than by searching the
    // list (quadratic in a topic's requirements).
    let mut first_at = vec![u32::MAX; doc.topics.len()];
    // Each topic's plain requirements, as written and as resolved, side by side (one list for
    // all the topics: a hundred thousand allocations less on a large roadmap).
    let mut plain: Vec<(&Name, TopicIx)> = Vec::new();
    for ix in range {
        let (topic, res) = (&doc.topics[ix], resolved.links(ix));
        let ix = ix as TopicIx;
        if topic.kind == TopicKind::Topic && topic.hours.is_none() {
            findings.push(
                Finding::new(
                    FindingKind::MissingHours,
                    msg!("finding-missing-hours", topic = topic.id.as_str()),
                )
                .at(topic.id_span)
                .help(msg!("help-missing-hours")),
            );
        }
        plain.clear();
        plain.extend(topic.requires.iter().zip(res.requires.iter()).filter_map(
            |pair| match pair {
                (Requirement::Topic(name), Req::Topic(ix)) => Some((name, *ix)),
                _ => None,
            },
        ));
        for (i, (_, r)) in plain.iter().enumerate() {
            let first = &mut first_at[*r as usize];
            if *first == u32::MAX {
                *first = i as u32;
            }
        }
        for (i, (name, r)) in plain.iter().enumerate() {
            if first_at[*r as usize] != i as u32 {
                findings.push(redundant(
                    doc,
                    topic,
                    name,
                    msg!("label-listed-twice", name = name.as_str(&doc.sources)),
                ));
            }
        }
        for (target, by) in dag.implied_children(ix, &mut scratch) {
            if let Some((name, _)) = plain.get(first_at[target as usize] as usize) {
                let by = &doc.topics[by as usize].id;
                findings.push(redundant(
                    doc,
                    topic,
                    name,
                    msg!(
                        "label-already-required-by",
                        by = by,
                        name = name.as_str(&doc.sources)
                    ),
                ));
            }
        }
        for (_, r) in &plain {
            first_at[*r as usize] = u32::MAX;
        }
        if !res.recommends.is_empty() {
            let floor = res
                .recommends
                .iter()
                .map(|&r| dag.height(r))
                .min()
                .unwrap_or(0);
            dag.reach(dag.children(ix).iter().copied(), floor, &mut scratch);
            for (name, &r) in topic.recommends.iter().zip(res.recommends) {
                if scratch.is_marked(r) {
                    findings.push(
                        Finding::new(
                            FindingKind::RecommendsRequired,
                            msg!(
                                "finding-recommends-required",
                                topic = topic.id.as_str(),
                                name = name.as_str(&doc.sources)
                            ),
                        )
                        .at(name.span)
                        .label(msg!("label-required-already"))
                        .help(msg!("help-recommends-required")),
                    );
                }
            }
        }
    }
    findings
}

fn redundant(doc: &Document, topic: &Topic<Name>, name: &Name, why: Msg) -> Finding {
    Finding::new(
        FindingKind::RedundantRequirement,
        msg!(
            "finding-redundant",
            name = name.as_str(&doc.sources),
            topic = topic.id.as_str()
        ),
    )
    .at(name.span)
    .label(why)
    .help(msg!("help-redundant"))
}

/// A valid roadmap from one file's text, for unit tests of what comes after validation.
#[cfg(test)]
pub(crate) fn roadmap_from_str(text: &str) -> crate::model::Roadmap {
    let (doc, findings) = crate::load::parse(vec![("t.toml".into(), text.into())]).unwrap();
    validate(doc, findings)
        .roadmap
        .expect("a valid test roadmap")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_their_alternatives_when_resolved_on_every_core() {
        // Enough topics to be resolved on all cores, with groups in every piece: each piece
        // numbers its groups from 0 until the pieces are put together, so a group in any piece
        // but the first would otherwise take another piece's alternatives.
        use std::fmt::Write;
        let n = 3 * crate::parallel::PARALLEL_FROM;
        let group = |i: usize| i >= 2 && i.is_multiple_of(997);
        let mut text =
            String::from("[roadmap]\ntitle = \"t\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
        for i in 0..n {
            write!(
                text,
                "[[topic]]\nid = \"t{i}\"\ntitle = \"T\"\nstage = \"s\"\nhours = 1\n"
            )
            .unwrap();
            if group(i) {
                let (a, b, c) = (i / 2, i - 1, i - 2);
                writeln!(
                    text,
                    "requires = [{{ one_of = [\"t{b}\", \"t{c}\"] }}, \"t{a}\"]"
                )
                .unwrap();
            } else if i > 0 {
                writeln!(text, "requires = [\"t{}\"]", i - 1).unwrap();
            }
        }
        let roadmap = roadmap_from_str(&text);
        for (i, topic) in roadmap.topics.iter().enumerate() {
            let ix = i as TopicIx;
            let expected = match i {
                0 => vec![],
                _ if group(i) => vec![(true, vec![ix - 1, ix - 2]), (false, vec![ix / 2])],
                _ => vec![(false, vec![ix - 1])],
            };
            let requires: Vec<(bool, Vec<TopicIx>)> = topic
                .requires
                .iter()
                .map(|r| (matches!(r, Requirement::OneOf(_)), r.topics().to_vec()))
                .collect();
            assert_eq!(requires, expected, "topic t{i}");
        }
        // The graph's view of a group in the last piece: a cycle through it is found (with
        // the group numbered as in its own piece, it would name another piece's topics).
        let (from, to) = (n - n / 4, n - n / 8);
        let needle = format!("id = \"t{from}\"\ntitle = \"T\"\nstage = \"s\"\nhours = 1\n");
        let (needle, cycle) = (
            format!("{needle}requires = [\"t{}\"", from - 1),
            format!(", {{ one_of = [\"t{to}\", \"t0\"] }}"),
        );
        let cyclic = text.replacen(&needle, &format!("{needle}{cycle}"), 1);
        assert_ne!(cyclic, text);
        let (doc, findings) = crate::load::parse(vec![("t.toml".into(), cyclic.into())]).unwrap();
        let checked = validate(doc, findings);
        let kinds: Vec<FindingKind> = checked.findings.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FindingKind::Cycle), "{kinds:?}");
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("linear-algebra"));
        assert!(is_valid_id("c++"));
        assert!(is_valid_id("3d.vision_1"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("é"));
    }
}
