//! Property tests over random acyclic roadmaps, generated as TOML text (one or two files, topics
//! declared in random order) so the loader and the validator are exercised too. Each roadmap must
//! validate without error, load back exactly as generated, and draw exactly the warnings a model
//! predicts. Plans (step order, known topics, goals, determinism, `one_of` choices, critical
//! path, week schedules) and queries (closures, trees, paths, `next`) are checked against that
//! model, computed independently in this file from the generated roadmap. A last test loads,
//! plans and queries a 100,000-topic chain to show nothing recurses.
//!
//! A failing case prints its roadmap as TOML, each topic commented with its index (the numbers
//! the failure message uses), ready to save and feed to `roadmap --roadmap FILE ...`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

// The library's sets of topics are hashbrown's.
use hashbrown::HashSet;
use std::fmt::{self, Write as _};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

use roadmap::diagnostic::{FindingKind, Severity};
use roadmap::graph::EdgeKind;
use roadmap::model::{Requirement, Roadmap, TopicIx, TopicKind};
use roadmap::plan::{self, Options, Order, Plan, Reason};
use roadmap::query::{self, Direction, NodeKind, TreeOptions};
use roadmap::{load, validate};

// ---------------------------------------------------------------------------------------------
// Generating roadmaps
// ---------------------------------------------------------------------------------------------

/// One entry of a generated topic's `requires`, naming topics by position in [`Spec::topics`].
#[derive(Clone, Debug)]
enum Req {
    Plain(usize),
    OneOf(Vec<usize>),
}

#[derive(Clone, Debug)]
struct TopicSpec {
    /// The topic's id is `t{name}`: its number when generated, kept when shrinking removes
    /// topics before it.
    name: usize,
    stage: usize,
    role: bool,
    /// Write `kind = "topic"` for a plain topic instead of leaving the default.
    explicit_kind: bool,
    /// Hours in quarters (`hours = q / 4`), or no `hours` key.
    quarters: Option<u32>,
    requires: Vec<Req>,
    recommends: Vec<usize>,
}

/// A random roadmap: topic `i` names only topics `j < i`, so every kind of edge together is
/// acyclic. Topics are declared in a random order (so references point forward as well as
/// backward in the files) and split over one or two files.
#[derive(Clone)]
struct Spec {
    stages: usize,
    topics: Vec<TopicSpec>,
    /// `order[k]` is the topic declared `k`-th.
    order: Vec<usize>,
    /// Topics declared from this position on go in a second file.
    split: usize,
    /// How many topics were generated before shrinking removed some (for stable picks).
    generated: usize,
}

impl Spec {
    fn id(&self, i: usize) -> String {
        format!("t{}", self.topics[i].name)
    }

    fn files(&self) -> Vec<(String, String)> {
        let mut first = String::from("[roadmap]\ntitle = \"Random roadmap\"\n");
        for s in 0..self.stages {
            write!(first, "\n[[stage]]\nid = \"s{s}\"\ntitle = \"Stage {s}\"\n").unwrap();
        }
        let mut second = String::new();
        let id_list = |ids: &[usize]| {
            ids.iter()
                .map(|&j| format!("\"{}\"", self.id(j)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (k, &i) in self.order.iter().enumerate() {
            let out = if k < self.split {
                &mut first
            } else {
                &mut second
            };
            let t = &self.topics[i];
            write!(
                out,
                "\n# index {k}\n[[topic]]\nid = \"t{0}\"\ntitle = \"Topic {0}\"\n\
                 stage = \"s{1}\"\n",
                t.name, t.stage
            )
            .unwrap();
            if t.role {
                out.push_str("kind = \"role\"\n");
            } else if t.explicit_kind {
                out.push_str("kind = \"topic\"\n");
            }
            if let Some(q) = t.quarters {
                if q % 4 == 0 {
                    writeln!(out, "hours = {}", q / 4).unwrap();
                } else {
                    writeln!(out, "hours = {}", f64::from(q) / 4.0).unwrap();
                }
            }
            if !t.requires.is_empty() {
                let entries: Vec<String> = t
                    .requires
                    .iter()
                    .map(|r| match r {
                        Req::Plain(j) => format!("\"{}\"", self.id(*j)),
                        Req::OneOf(alts) => format!("{{ one_of = [{}] }}", id_list(alts)),
                    })
                    .collect();
                writeln!(out, "requires = [{}]", entries.join(", ")).unwrap();
            }
            if !t.recommends.is_empty() {
                writeln!(out, "recommends = [{}]", id_list(&t.recommends)).unwrap();
            }
        }
        let mut files = vec![("a.toml".to_owned(), first)];
        if !second.is_empty() {
            files.push(("b.toml".to_owned(), second));
        }
        files
    }
}

/// Shown when a property fails: the roadmap itself, as TOML.
impl fmt::Debug for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, text) in self.files() {
            write!(f, "\n# ----- {name} -----\n{text}")?;
        }
        Ok(())
    }
}

/// One `requires` entry of topic `i`: `(kind, a, b, c, near)` is a `one_of` of 2 or 3 distinct
/// alternatives `one_of_in_4` times in four, else a plain requirement (any topic before, or with
/// `near` one of the three just before, for long chains). Plain values keep generation cheap.
type RawEntry = (u8, Index, Index, Option<Index>, bool);

fn entry(i: usize, (kind, a, b, c, near): &RawEntry, one_of_in_4: u8) -> Req {
    if kind % 4 >= one_of_in_4 || i < 2 {
        let j = if *near {
            i - 1 - a.index(i.min(3))
        } else {
            a.index(i)
        };
        return Req::Plain(j);
    }
    let mut alts: Vec<usize> = Vec::new();
    for x in [Some(a), Some(b), c.as_ref()].into_iter().flatten() {
        let j = x.index(i);
        if !alts.contains(&j) {
            alts.push(j);
        }
    }
    if alts.len() < 2 {
        alts.push((0..i).find(|j| !alts.contains(j)).expect("i >= 2"));
    }
    Req::OneOf(alts)
}

/// The `i`-th generated topic, naming topics by generation number.
fn topic_spec(i: usize, one_of_in_4: u8) -> impl Strategy<Value = TopicSpec> {
    let entries = prop::collection::vec(
        (
            any::<u8>(),
            any::<Index>(),
            any::<Index>(),
            prop::option::of(any::<Index>()),
            any::<bool>(),
        ),
        if i == 0 { 0..=0 } else { 0..=5 },
    );
    let recommends = prop::collection::vec(any::<Index>(), if i == 0 { 0..=0 } else { 0..=2 });
    let quarters = prop_oneof![
        1 => Just(None),
        1 => Just(Some(0)),
        4 => (0u32..=40).prop_map(|h| Some(h * 4)),
        3 => (0u32..=160).prop_map(Some),
    ];
    (
        0..MAX_STAGES,
        prop::bool::weighted(0.1),
        any::<bool>(),
        quarters,
        entries,
        recommends,
    )
        .prop_map(
            move |(stage, role, explicit_kind, quarters, entries, recommends)| {
                let requires: Vec<Req> = entries.iter().map(|e| entry(i, e, one_of_in_4)).collect();
                let named: HashSet<usize> = requires
                    .iter()
                    .flat_map(|r| match r {
                        Req::Plain(j) => vec![*j],
                        Req::OneOf(alts) => alts.clone(),
                    })
                    .collect();
                let recommends = recommends
                    .iter()
                    .map(|r| r.index(i))
                    .filter(|r| !named.contains(r))
                    .collect();
                TopicSpec {
                    name: i,
                    stage,
                    role,
                    explicit_kind,
                    quarters,
                    requires,
                    recommends,
                }
            },
        )
}

const MAX_STAGES: usize = 4;
const MAX_TOPICS: usize = 40;

/// Random roadmaps of 1 to 40 topics over 1 to 4 stages.
fn roadmaps() -> impl Strategy<Value = Spec> {
    roadmaps_up_to(MAX_TOPICS)
}

/// Random roadmaps of 1 to `max` topics over 1 to 4 stages. All `max` topics are generated, and
/// the first `len` are used, less those whose `keep` flag is off (rarely, when generating) along
/// with every reference to them. No strategy depends on another, so shrinking can lower `len`,
/// turn `keep` flags off and simplify topics independently: a failing case shrinks to the few
/// topics that matter, with the ids they had.
fn roadmaps_up_to(max: usize) -> impl Strategy<Value = Spec> {
    roadmaps_with(1, max, 1)
}

/// Like [`roadmaps_up_to`], of `min` to `max` topics, with `one_of_in_4` requirements in four a
/// `one_of` (rather than one).
fn roadmaps_with(min: usize, max: usize, one_of_in_4: u8) -> impl Strategy<Value = Spec> {
    let topics: Vec<_> = (0..max).map(|i| topic_spec(i, one_of_in_4)).collect();
    (
        min..=max,
        prop::collection::vec(prop::bool::weighted(0.95), max),
        1..=MAX_STAGES,
        any::<Index>(),
        prop::collection::vec(any::<u8>(), max),
        topics,
    )
        .prop_map(|(len, keep, stages, split, keys, topics)| {
            let mut pos = vec![None; len];
            let mut kept = Vec::new();
            for (i, t) in topics.into_iter().take(len).enumerate() {
                // Topic 0 stays when all others go, so there is always one.
                if !keep[i] && (i > 0 || keep[..len].contains(&true)) {
                    continue;
                }
                let at = |j: &usize| pos[*j];
                let requires = t
                    .requires
                    .iter()
                    .filter_map(|r| match r {
                        Req::Plain(j) => at(j).map(Req::Plain),
                        Req::OneOf(alts) => {
                            let alts: Vec<usize> = alts.iter().filter_map(at).collect();
                            (!alts.is_empty()).then_some(Req::OneOf(alts))
                        }
                    })
                    .collect();
                let recommends = t.recommends.iter().filter_map(at).collect();
                pos[i] = Some(kept.len());
                kept.push(TopicSpec {
                    stage: t.stage % stages,
                    requires,
                    recommends,
                    ..t
                });
            }
            // Declared in the order of their keys (then generation order).
            let mut order: Vec<usize> = (0..kept.len()).collect();
            order.sort_by_key(|&k| (keys[kept[k].name], k));
            Spec {
                stages,
                split: split.index(kept.len() + 1),
                topics: kept,
                order,
                generated: len,
            }
        })
}

fn picks(size: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), size)
}

/// Goals: each a topic anywhere, or one of the later-generated half (which need more).
fn goal_picks(size: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Vec<(Index, bool)>> {
    prop::collection::vec((any::<Index>(), any::<bool>()), size)
}

fn orders() -> impl Strategy<Value = Order> {
    prop_oneof![Just(Order::Stage), Just(Order::Depth)]
}

// ---------------------------------------------------------------------------------------------
// The model: what the generated roadmap says, indexed like the loaded roadmap
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Entry {
    Plain(TopicIx),
    OneOf(Vec<TopicIx>),
}

/// The generated roadmap in [`TopicIx`] space, built from the [`Spec`] alone (not from what the
/// library loaded), so the properties compare the library against an independent computation.
struct Model {
    /// `topo[i]` is the index of the spec's topic `i`: a topological order (requirements first).
    topo: Vec<TopicIx>,
    /// The generation number of each topic of `topo`, increasing.
    names: Vec<usize>,
    generated: usize,
    entries: Vec<Vec<Entry>>,
    recommends: Vec<Vec<TopicIx>>,
    quarters: Vec<u32>,
    stage: Vec<u32>,
}

impl Model {
    fn new(spec: &Spec) -> Model {
        let n = spec.topics.len();
        let mut topo = vec![0; n];
        for (k, &i) in spec.order.iter().enumerate() {
            topo[i] = k as TopicIx;
        }
        let mut m = Model {
            topo: topo.clone(),
            names: spec.topics.iter().map(|t| t.name).collect(),
            generated: spec.generated,
            entries: vec![Vec::new(); n],
            recommends: vec![Vec::new(); n],
            quarters: vec![0; n],
            stage: vec![0; n],
        };
        for (i, t) in spec.topics.iter().enumerate() {
            let ix = topo[i] as usize;
            m.entries[ix] = t
                .requires
                .iter()
                .map(|r| match r {
                    Req::Plain(j) => Entry::Plain(topo[*j]),
                    Req::OneOf(alts) => Entry::OneOf(alts.iter().map(|&j| topo[j]).collect()),
                })
                .collect();
            m.recommends[ix] = t.recommends.iter().map(|&j| topo[j]).collect();
            m.quarters[ix] = t.quarters.unwrap_or(0);
            m.stage[ix] = t.stage as u32;
        }
        m
    }

    fn len(&self) -> usize {
        self.topo.len()
    }

    /// A topic picked by generation number (so picks survive shrinking): the first topic still
    /// there from that number on, else the first.
    fn pick(&self, i: &Index) -> TopicIx {
        self.at_or_after(i.index(self.generated))
    }

    fn at_or_after(&self, name: usize) -> TopicIx {
        let k = self.names.iter().position(|&n| n >= name).unwrap_or(0);
        self.topo[k]
    }

    /// The picked topics, each once, in the order picked.
    fn distinct(&self, picks: &[Index]) -> Vec<TopicIx> {
        let mut out = Vec::new();
        for p in picks {
            let t = self.pick(p);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The picked goals, each once: a topic anywhere, or (when `late`) one generated in the
    /// later half, which tends to need more.
    fn goals(&self, picks: &[(Index, bool)]) -> Vec<TopicIx> {
        let n = self.generated;
        let mut out = Vec::new();
        for (i, late) in picks {
            let t = if *late {
                self.at_or_after(n - 1 - i.index(n.div_ceil(2)))
            } else {
                self.pick(i)
            };
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn hours(&self, t: TopicIx) -> f64 {
        f64::from(self.quarters[t as usize]) / 4.0
    }

    /// Plain requirements and every one_of alternative of `t` (and recommendations if asked).
    fn names(&self, t: TopicIx, with_recommended: bool) -> Vec<TopicIx> {
        let mut out = Vec::new();
        for e in &self.entries[t as usize] {
            match e {
                Entry::Plain(r) => out.push(*r),
                Entry::OneOf(alts) => out.extend(alts),
            }
        }
        if with_recommended {
            out.extend(&self.recommends[t as usize]);
        }
        out
    }

    fn plain(&self, t: TopicIx) -> impl Iterator<Item = TopicIx> + '_ {
        self.entries[t as usize].iter().filter_map(|e| match e {
            Entry::Plain(r) => Some(*r),
            Entry::OneOf(_) => None,
        })
    }

    fn groups(&self, t: TopicIx) -> impl Iterator<Item = (usize, &Vec<TopicIx>)> + '_ {
        self.entries[t as usize]
            .iter()
            .enumerate()
            .filter_map(|(k, e)| match e {
                Entry::OneOf(alts) => Some((k, alts)),
                Entry::Plain(_) => None,
            })
    }

    /// Everything `t` names transitively (not `t`), by a naive walk.
    fn prereqs(&self, t: TopicIx, with_recommended: bool) -> BTreeSet<TopicIx> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![t];
        while let Some(u) = todo.pop() {
            for r in self.names(u, with_recommended) {
                if seen.insert(r) {
                    todo.push(r);
                }
            }
        }
        seen
    }

    /// Everything that names `t` transitively (not `t`), by a naive walk over all topics.
    fn unlocks(&self, t: TopicIx, with_recommended: bool) -> BTreeSet<TopicIx> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![t];
        while let Some(u) = todo.pop() {
            for v in 0..self.len() as TopicIx {
                if self.names(v, with_recommended).contains(&u) && seen.insert(v) {
                    todo.push(v);
                }
            }
        }
        seen
    }

    fn is_ready(&self, t: TopicIx, have: &HashSet<TopicIx>) -> bool {
        self.entries[t as usize].iter().all(|e| match e {
            Entry::Plain(r) => have.contains(r),
            Entry::OneOf(alts) => alts.iter().any(|a| have.contains(a)),
        })
    }
}

/// Loads and validates the generated roadmap, asserting it has no error and reads back exactly
/// as generated.
fn build(spec: &Spec) -> (Roadmap, Model) {
    let files = spec
        .files()
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    let (doc, findings) = load::parse(files).expect("small files load");
    let checked = validate::validate(doc, findings);
    let errors: Vec<_> = checked
        .findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| &f.message)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    for f in &checked.findings {
        assert!(
            matches!(
                f.kind,
                FindingKind::MissingHours
                    | FindingKind::RedundantRequirement
                    | FindingKind::RecommendsRequired
                    | FindingKind::EmptyStage
                    | FindingKind::ZeroHours
                    | FindingKind::EmptyRole
                    | FindingKind::SingleAlternative
            ),
            "unexpected finding {:?}: {}",
            f.kind,
            f.message
        );
    }
    let roadmap = checked.roadmap.expect("no error, so a roadmap");
    let model = Model::new(spec);

    assert_eq!(roadmap.topics.len(), spec.topics.len());
    assert_eq!(roadmap.stages.len(), spec.stages);
    for (i, t) in spec.topics.iter().enumerate() {
        let ix = model.topo[i];
        assert_eq!(
            roadmap.index_of(&spec.id(i)),
            Some(ix),
            "index of {}",
            spec.id(i)
        );
        let got = roadmap.topic(ix);
        assert_eq!(got.id, spec.id(i));
        assert_eq!(got.stage, t.stage as u32);
        let kind = if t.role {
            TopicKind::Role
        } else {
            TopicKind::Topic
        };
        assert_eq!(got.kind, kind);
        assert_eq!(got.hours, t.quarters.map(|q| f64::from(q) / 4.0));
        let entries: Vec<Entry> = got
            .requires
            .iter()
            .map(|r| match r {
                Requirement::Topic(r) => Entry::Plain(*r),
                Requirement::OneOf(group) => Entry::OneOf(group.alternatives.clone()),
            })
            .collect();
        assert_eq!(
            entries,
            model.entries[ix as usize],
            "requires of {}",
            spec.id(i)
        );
        assert_eq!(got.recommends, model.recommends[ix as usize]);
    }
    (roadmap, model)
}

fn options(
    known: &[TopicIx],
    prefer: Vec<TopicIx>,
    with_recommended: bool,
    order: Order,
) -> Options {
    Options {
        known: known.iter().copied().collect(),
        prefer,
        with_recommended,
        order,
        ..Options::default()
    }
}

/// Position of each step's topic, asserting no topic appears twice.
fn positions(plan: &Plan) -> HashMap<TopicIx, usize> {
    let mut pos = HashMap::new();
    for (i, s) in plan.steps.iter().enumerate() {
        assert!(
            pos.insert(s.topic, i).is_none(),
            "topic {} is in the plan twice",
            s.topic
        );
    }
    pos
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // A failure's seed is kept in tests/properties.proptest-regressions (committed), and
        // every run tries the kept seeds first, so a failure found once is never lost.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        // `proptest!` says which file a test is in; the runner made by hand needs telling.
        source_file: Some(file!()),
        ..Config::default()
    }
}

/// Runs a check, adding to its failure what the random picks stood for (topics by index, as
/// numbered in the roadmap printed with the failing case).
fn explain(
    context: String,
    check: impl FnOnce() -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    check().map_err(|e| match e {
        TestCaseError::Fail(why) => TestCaseError::fail(format!("{why}\n    with {context}")),
        other => other,
    })
}

/// An open group's choice (no alternative known or preferred): the first listed alternative in
/// the plan, and a reason that holds. `already needed` names a goal, or a step that lists the
/// alternative among its dependencies; a choice made by cost gives each alternative's hours, the
/// chosen one's the least (strictly for `cheapest`; tied with one listed after it for `first
/// listed`, with one listed before it for `tie`), and is never needed by the goals' own
/// requirements (`forced`).
fn check_open_choice(
    c: &plan::Choice,
    alts: &[TopicIx],
    plan: &Plan,
    pos: &HashMap<TopicIx, usize>,
    goals: &[TopicIx],
    forced: &HashSet<TopicIx>,
) -> Result<(), TestCaseError> {
    let (t, k, chosen) = (c.topic, c.entry, c.chosen);
    let first_in_plan = alts.iter().find(|a| pos.contains_key(a));
    prop_assert_eq!(
        Some(&chosen),
        first_in_plan,
        "{}/{}: not the first in the plan",
        t,
        k
    );
    match c.reason {
        Reason::InPlan => {
            prop_assert!(c.added.is_empty());
            match c.needed_by {
                None => prop_assert!(goals.contains(&chosen), "{t}/{k}: needed by no one"),
                Some(x) => {
                    let step = pos.get(&x).map(|&p| &plan.steps[p]);
                    prop_assert!(
                        step.is_some_and(|s| s.requires.contains(&chosen)),
                        "{t}/{k}: {x} does not need {chosen}"
                    );
                }
            }
        }
        Reason::Cheapest | Reason::First | Reason::Tie => {
            prop_assert!(
                !forced.contains(&chosen),
                "{t}/{k}: {chosen} is needed anyway"
            );
            prop_assert_eq!(c.added.len(), alts.len());
            let own_at = alts
                .iter()
                .position(|&a| a == chosen)
                .expect("chosen is listed");
            let own = c.added[own_at];
            let others = || {
                alts.iter()
                    .enumerate()
                    .filter(move |&(i, &a)| a != chosen && !alts[..i].contains(&a))
                    .map(|(i, _)| (i, c.added[i]))
            };
            prop_assert!(others().all(|(_, h)| h >= own), "{t}/{k}: {:?}", c.added);
            let tied_before = others().any(|(i, h)| i < own_at && h == own);
            let tied_after = others().any(|(i, h)| i > own_at && h == own);
            match c.reason {
                Reason::Cheapest => prop_assert!(!tied_before, "{t}/{k}: {:?}", c.added),
                Reason::First => prop_assert!(tied_after && !tied_before, "{t}/{k}: {:?}", c.added),
                _ => prop_assert!(tied_before, "{t}/{k}: {:?}", c.added),
            }
        }
        other => prop_assert!(false, "{t}/{k}: reason {other:?} for an open group"),
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(64))]

    /// 1. Each step comes after its own `requires`, and every requirement of its topic (and with
    /// `with_recommended` every recommendation) is known or met by an earlier step. Every step
    /// but the goals is needed by some step, and hours add up.
    #[test]
    fn plan_steps_come_after_their_requirements(
        spec in roadmaps(),
        goals in goal_picks(1..=3),
        known in picks(0..=12),
        prefer in picks(0..=3),
        with_recommended in any::<bool>(),
        order in orders(),
    ) {
        let (roadmap, model) = build(&spec);
        let goals = model.goals(&goals);
        let known = model.distinct(&known);
        let opts = options(&known, model.distinct(&prefer), with_recommended, order);
        explain(format!("goals {goals:?}, {opts:?}"), || {
            let plan = plan::plan(&roadmap, &goals, &opts);
            let pos = positions(&plan);
            let mut have: HashSet<TopicIx> = opts.known.clone();
            let mut quarters = 0u32;
            for (i, step) in plan.steps.iter().enumerate() {
                let t = step.topic;
                let earlier = |r: &TopicIx| pos.get(r).is_some_and(|&p| p < i);
                let met = |r: &TopicIx| opts.known.contains(r) || earlier(r);
                let named = model.names(t, with_recommended);
                for r in &step.requires {
                    prop_assert!(earlier(r), "step {t} lists {r}, which is not before it");
                    prop_assert!(named.contains(r), "step {t} lists {r}, which it does not name");
                }
                for r in model.plain(t) {
                    prop_assert!(met(&r), "step {t}: requirement {r} neither known nor earlier");
                }
                for (k, alts) in model.groups(t) {
                    prop_assert!(
                        alts.iter().any(met),
                        "step {t}: one_of entry {k} {alts:?} has no alternative known or earlier"
                    );
                }
                if with_recommended {
                    for r in &model.recommends[t as usize] {
                        prop_assert!(met(r), "step {t}: recommendation {r} not known nor earlier");
                    }
                }
                prop_assert!(query::is_ready(&roadmap, t, &have), "step {t} is not ready in turn");
                have.insert(t);
                quarters += model.quarters[t as usize];
                prop_assert_eq!(step.hours, model.hours(t));
                prop_assert_eq!(step.running_total, f64::from(quarters) / 4.0);
            }
            prop_assert_eq!(plan.total_hours, f64::from(quarters) / 4.0);
            // The critical path: a chain of step dependencies with the most hours of any.
            let mut longest: HashMap<TopicIx, u32> = HashMap::new();
            for step in &plan.steps {
                let below = step.requires.iter().map(|r| longest[r]).max().unwrap_or(0);
                longest.insert(step.topic, below + model.quarters[step.topic as usize]);
            }
            let most = longest.values().copied().max().unwrap_or(0);
            let path = &plan.critical_path;
            prop_assert_eq!(path.is_empty(), plan.steps.is_empty());
            for w in path.windows(2) {
                let next = &plan.steps[pos[&w[1]]];
                prop_assert!(next.requires.contains(&w[0]), "critical path {path:?}");
            }
            let on_path: u32 = path.iter().map(|t| model.quarters[*t as usize]).sum();
            prop_assert_eq!(on_path, most, "critical path {:?}", path);
            prop_assert_eq!(plan.critical_hours, f64::from(most) / 4.0);
            for step in &plan.steps {
                prop_assert!(
                    goals.contains(&step.topic)
                        || plan.steps.iter().any(|s| s.requires.contains(&step.topic)),
                    "step {} is neither a goal nor needed by any step", step.topic
                );
            }
            Ok(())
        })?;
    }

    /// 2. `closure` (and `reachable`) give exactly the transitive requirements, or the topics
    /// that transitively require, computed by a naive walk; in an order where each topic comes
    /// after the members of the set it names.
    #[test]
    fn closure_is_the_transitive_set_in_study_order(
        spec in roadmaps(),
        root in any::<Index>(),
        with_recommended in any::<bool>(),
    ) {
        let (roadmap, model) = build(&spec);
        let root = model.pick(&root);
        for direction in [Direction::Prereqs, Direction::Unlocks] {
            let expected = match direction {
                Direction::Prereqs => model.prereqs(root, with_recommended),
                Direction::Unlocks => model.unlocks(root, with_recommended),
            };
            let order = query::closure(&roadmap, root, direction, with_recommended);
            let set: BTreeSet<TopicIx> = order.iter().copied().collect();
            prop_assert_eq!(set.len(), order.len(), "{:?} closure repeats a topic", direction);
            prop_assert_eq!(&set, &expected, "{:?} closure of {}", direction, root);
            let reachable: BTreeSet<TopicIx> =
                query::reachable(&roadmap, root, direction, with_recommended).into_iter().collect();
            prop_assert_eq!(&reachable, &expected, "{:?} reachable from {}", direction, root);
            let pos: HashMap<TopicIx, usize> =
                order.iter().enumerate().map(|(i, &t)| (t, i)).collect();
            for (i, &t) in order.iter().enumerate() {
                for r in model.names(t, true) {
                    if let Some(&p) = pos.get(&r) {
                        prop_assert!(p < i, "{direction:?} closure of {root}: {t} before {r}");
                    }
                }
            }
        }
    }

    /// 3. A plan never holds a known topic, nor any topic twice.
    #[test]
    fn plan_has_no_known_topic_and_no_repeat(
        spec in roadmaps(),
        goals in goal_picks(1..=4),
        known in picks(0..=20),
        with_recommended in any::<bool>(),
        order in orders(),
    ) {
        let (roadmap, model) = build(&spec);
        let goals = model.goals(&goals);
        let known = model.distinct(&known);
        let opts = options(&known, Vec::new(), with_recommended, order);
        explain(format!("goals {goals:?}, {opts:?}"), || {
            let plan = plan::plan(&roadmap, &goals, &opts);
            positions(&plan);
            for s in &plan.steps {
                prop_assert!(!opts.known.contains(&s.topic), "known topic {} is planned", s.topic);
            }
            let known_goals: Vec<TopicIx> =
                goals.iter().copied().filter(|g| opts.known.contains(g)).collect();
            prop_assert_eq!(&plan.known_goals, &known_goals);
            Ok(())
        })?;
    }

    /// 4. A goal that is not known is in its plan, after everything it depends on: its plain
    /// requirements, the alternative chosen for each of its `one_of`s (and its recommendations
    /// with `with_recommended`), transitively, known topics excepted.
    #[test]
    fn plan_contains_each_goal_after_its_dependencies(
        spec in roadmaps(),
        goals in goal_picks(1..=3),
        known in picks(0..=8),
        with_recommended in any::<bool>(),
        order in orders(),
    ) {
        let (roadmap, model) = build(&spec);
        let goals = model.goals(&goals);
        let known = model.distinct(&known);
        let opts = options(&known, Vec::new(), with_recommended, order);
        explain(format!("goals {goals:?}, {opts:?}"), || {
            let plan = plan::plan(&roadmap, &goals, &opts);
            let pos = positions(&plan);
            let chosen: HashMap<(TopicIx, usize), TopicIx> =
                plan.choices.iter().map(|c| ((c.topic, c.entry), c.chosen)).collect();
            for &g in goals.iter().filter(|g| !opts.known.contains(*g)) {
                let Some(&at) = pos.get(&g) else {
                    return Err(TestCaseError::fail(format!("goal {g} is not in its plan")));
                };
                let mut todo = vec![g];
                let mut seen: HashSet<TopicIx> = [g].into_iter().collect();
                while let Some(t) = todo.pop() {
                    let mut deps: Vec<TopicIx> = model.plain(t).collect();
                    for (k, _) in model.groups(t) {
                        match chosen.get(&(t, k)) {
                            Some(&c) => deps.push(c),
                            None => {
                                let why = format!("no choice for {t} entry {k}");
                                return Err(TestCaseError::fail(why));
                            }
                        }
                    }
                    if with_recommended {
                        deps.extend(&model.recommends[t as usize]);
                    }
                    for d in deps {
                        if opts.known.contains(&d) || !seen.insert(d) {
                            continue;
                        }
                        let p = pos.get(&d).copied();
                        prop_assert!(
                            p.is_some_and(|p| p < at),
                            "goal {g} depends on {d}, at {p:?}, goal at {at}"
                        );
                        todo.push(d);
                    }
                }
            }
            Ok(())
        })?;
    }

    /// 5. Plans are deterministic: planning again, with the known set built in another order,
    /// or from a roadmap loaded again, gives the same plan, in both orders.
    #[test]
    fn plans_are_deterministic(
        spec in roadmaps(),
        goals in goal_picks(1..=3),
        known in picks(0..=12),
        prefer in picks(0..=3),
        with_recommended in any::<bool>(),
    ) {
        let (roadmap, model) = build(&spec);
        let (again, _) = build(&spec);
        let goals = model.goals(&goals);
        let known = model.distinct(&known);
        let prefer = model.distinct(&prefer);
        explain(format!("goals {goals:?}, known {known:?}, prefer {prefer:?}"), || {
            for order in [Order::Stage, Order::Depth] {
                let opts = options(&known, prefer.clone(), with_recommended, order);
                let first = plan::plan(&roadmap, &goals, &opts);
                prop_assert_eq!(&first, &plan::plan(&roadmap, &goals, &opts));
                let mut reversed = HashSet::with_capacity(256);
                for &k in known.iter().rev() {
                    reversed.insert(k);
                }
                let opts2 = Options { known: reversed, ..opts.clone() };
                prop_assert_eq!(&first, &plan::plan(&roadmap, &goals, &opts2));
                let mut sorted = known.clone();
                sorted.sort_unstable();
                let opts3 = options(&sorted, prefer.clone(), with_recommended, order);
                prop_assert_eq!(&first, &plan::plan(&again, &goals, &opts3));
            }
            Ok(())
        })?;
    }

    /// 6. Every `one_of` entry of every planned topic has exactly one choice, which is one of its
    /// alternatives: a known one if any is known, else one in the plan: the best-ranked
    /// preferred alternative when one is among them, else the first listed alternative in the
    /// plan, with a reason that holds (see [`check_open_choice`]).
    #[test]
    fn every_one_of_is_decided_once(
        spec in roadmaps(),
        goals in goal_picks(1..=3),
        known in picks(0..=8),
        prefer in prop_oneof![picks(0..=4), picks(10..=60)],
        with_recommended in any::<bool>(),
        order in orders(),
    ) {
        let (roadmap, model) = build(&spec);
        let goals = model.goals(&goals);
        let known = model.distinct(&known);
        let prefer = model.distinct(&prefer);
        let opts = options(&known, prefer.clone(), with_recommended, order);
        explain(format!("goals {goals:?}, {opts:?}"), || {
            let plan = plan::plan(&roadmap, &goals, &opts);
            let pos = positions(&plan);
            // What the goals need whatever the choices: plain requirements (and recommendations
            // with `with_recommended`), transitively, stopping at known topics.
            let mut forced: HashSet<TopicIx> = HashSet::new();
            let mut todo: Vec<TopicIx> =
                goals.iter().copied().filter(|g| !opts.known.contains(g)).collect();
            while let Some(t) = todo.pop() {
                if !forced.insert(t) {
                    continue;
                }
                let mut next: Vec<TopicIx> = model.plain(t).collect();
                if with_recommended {
                    next.extend(&model.recommends[t as usize]);
                }
                todo.extend(next.into_iter().filter(|r| !opts.known.contains(r)));
            }
            let mut by_entry: BTreeMap<(TopicIx, usize), Vec<&plan::Choice>> = BTreeMap::new();
            for c in &plan.choices {
                by_entry.entry((c.topic, c.entry)).or_default().push(c);
            }
            let mut expected_entries = 0;
            for s in &plan.steps {
                let t = s.topic;
                for (k, alts) in model.groups(t) {
                    expected_entries += 1;
                    let cs = by_entry.get(&(t, k)).map_or(&[][..], |v| v.as_slice());
                    prop_assert_eq!(cs.len(), 1, "choices for {} entry {}", t, k);
                    let c = cs[0];
                    prop_assert_eq!(&c.one_of, alts);
                    prop_assert!(alts.contains(&c.chosen));
                    if alts.iter().any(|a| opts.known.contains(a)) {
                        prop_assert!(
                            opts.known.contains(&c.chosen),
                            "{t}/{k}: known alternative ignored"
                        );
                        prop_assert_eq!(c.reason, Reason::Known);
                        continue;
                    }
                    let chosen = c.chosen;
                    prop_assert!(pos.contains_key(&chosen), "{t}/{k}: chosen {chosen} not planned");
                    prop_assert!(
                        s.requires.contains(&chosen),
                        "{t}/{k}: chosen {chosen} not a dependency"
                    );
                    match prefer.iter().find(|p| alts.contains(p)) {
                        Some(&p) => {
                            prop_assert_eq!(c.chosen, p, "{}/{}: preferred not chosen", t, k);
                            prop_assert_eq!(c.reason, Reason::Preferred);
                        }
                        None => check_open_choice(c, alts, &plan, &pos, &goals, &forced)?,
                    }
                }
            }
            prop_assert_eq!(plan.choices.len(), expected_entries, "choices for topics not planned");
            let mut keys: Vec<_> = plan.choices.iter().map(|c| (c.topic, c.entry)).collect();
            let sorted = { let mut k = keys.clone(); k.sort_unstable(); k };
            prop_assert_eq!(&keys, &sorted, "choices are sorted by topic and entry");
            keys.dedup();
            prop_assert_eq!(keys.len(), plan.choices.len());
            Ok(())
        })?;
    }

    /// 7. A schedule gives each step the weeks its hours fall in, never going back, and the
    /// total is the hours divided by the weekly hours, rounded up.
    #[test]
    fn schedule_weeks_follow_the_hours(
        spec in roadmaps(),
        goals in goal_picks(1..=3),
        halves in prop_oneof![1u32..=8, 1u32..=80],
        order in orders(),
    ) {
        let (roadmap, model) = build(&spec);
        let goals = model.goals(&goals);
        explain(format!("goals {goals:?}, {order:?}, {halves} half-hours a week"), || {
            let plan = plan::plan(&roadmap, &goals, &options(&[], Vec::new(), false, order));
            let per_week = f64::from(halves) / 2.0;
            let (weeks, total) = plan::schedule(&plan.steps, per_week);
            prop_assert_eq!(weeks.len(), plan.steps.len());
            // Hours as quarters: a week is `week_q` quarters.
            let week_q = 2 * halves;
            let ceil = |q: u32| q.div_ceil(week_q);
            let mut before = 0u32;
            let mut last_end = 1;
            for (s, &(start, end)) in plan.steps.iter().zip(&weeks) {
                let after = before + model.quarters[s.topic as usize];
                prop_assert!(1 <= start && start <= end, "weeks {start}..{end} of {}", s.topic);
                prop_assert!(
                    start >= last_end,
                    "step {} starts in week {start}, before {last_end}",
                    s.topic
                );
                if after > before {
                    prop_assert_eq!(start, before / week_q + 1, "start of {}", s.topic);
                    prop_assert_eq!(end, ceil(after), "end of {}", s.topic);
                } else {
                    prop_assert_eq!((start, end), (ceil(before).max(1), ceil(before).max(1)));
                }
                last_end = end;
                before = after;
            }
            if before > 0 {
                prop_assert_eq!(total, ceil(before));
                prop_assert_eq!(weeks.last().map(|w| w.1), Some(total));
            } else {
                prop_assert_eq!(total, 0);
            }
            Ok(())
        })?;
    }

    /// 8. `paths` gives chains from `from` to `to` where each topic is named in the `requires`
    /// of the next, without repeats, shortest first (ties in index order), all of those shorter
    /// than the longest returned, and all of them when fewer than `max`; none iff there is none.
    #[test]
    fn paths_are_real_chains_shortest_first(
        spec in roadmaps(),
        from in any::<Index>(),
        to in any::<Index>(),
        max in 1usize..=6,
    ) {
        let (roadmap, model) = build(&spec);
        let (from, to) = (model.pick(&from), model.pick(&to));
        let found = query::paths(&roadmap, from, to, max);
        prop_assert!(found.len() <= max);
        let links = |a: TopicIx, b: TopicIx| model.names(b, false).contains(&a);
        for p in &found {
            prop_assert_eq!(p.first(), Some(&from));
            prop_assert_eq!(p.last(), Some(&to));
            prop_assert!(p.len() >= 2, "chain {p:?} has no link");
            for w in p.windows(2) {
                prop_assert!(links(w[0], w[1]), "{} is not named by {} in {p:?}", w[0], w[1]);
            }
        }
        for w in found.windows(2) {
            prop_assert!(
                (w[0].len(), &w[0]) < (w[1].len(), &w[1]),
                "{:?} listed before {:?}", w[0], w[1]
            );
        }
        // Chains from `from` by number of links, counted over a topological order.
        let n = model.len();
        let mut count = vec![vec![0u64; n + 1]; n];
        count[from as usize][0] = 1;
        for &b in &model.topo {
            let mut preds: Vec<TopicIx> = model.names(b, false);
            preds.sort_unstable();
            preds.dedup();
            for a in preds {
                for len in 0..n {
                    let c = count[a as usize][len];
                    let cell = &mut count[b as usize][len + 1];
                    *cell = cell.saturating_add(c);
                }
            }
        }
        let all: u64 = count[to as usize][1..].iter().fold(0, |s, &c| s.saturating_add(c));
        prop_assert_eq!(found.is_empty(), all == 0, "{} chains exist, {} found", all, found.len());
        let longest = found.last().map_or(0, |p| p.len() - 1);
        for (len, &exist) in count[to as usize].iter().enumerate().skip(1) {
            let got = found.iter().filter(|p| p.len() - 1 == len).count() as u64;
            prop_assert!(got <= exist);
            if len < longest || found.len() < max {
                prop_assert_eq!(got, exist, "chains of {} links: {} exist", len, exist);
            }
        }
    }

    /// 9. A deduplicated tree without depth limit shows exactly the root and its closure, each
    /// node linked to its parent as the roadmap says, each topic's subtree expanded once.
    #[test]
    fn tree_shows_the_closure(
        spec in roadmaps(),
        root in any::<Index>(),
        with_recommended in any::<bool>(),
    ) {
        let (roadmap, model) = build(&spec);
        let root = model.pick(&root);
        for direction in [Direction::Prereqs, Direction::Unlocks] {
            let options = TreeOptions { direction, depth: None, dedupe: true, with_recommended };
            let nodes = query::tree(&roadmap, root, options);
            let expected = match direction {
                Direction::Prereqs => model.prereqs(root, with_recommended),
                Direction::Unlocks => model.unlocks(root, with_recommended),
            };
            let shown: BTreeSet<TopicIx> = nodes
                .iter()
                .filter_map(|n| match n.kind {
                    NodeKind::Topic(t) => Some(t),
                    NodeKind::OneOf => None,
                })
                .filter(|&t| t != root)
                .collect();
            prop_assert_eq!(&shown, &expected, "{:?} tree of {}", direction, root);
            prop_assert_eq!(nodes[0].kind, NodeKind::Topic(root));
            prop_assert_eq!(nodes[0].depth, 0);
            check_tree_links(&model, &nodes, direction, with_recommended)?;
        }
    }

    /// 9b. With a depth limit, with or without dedupe, a prerequisite tree shows exactly the
    /// topics within that many levels of the root (an alternative of a `one_of` is one level),
    /// however the same topic is met at several depths.
    #[test]
    fn tree_with_a_depth_limit_shows_what_is_within_it(
        spec in roadmaps(),
        root in any::<Index>(),
        depth in 1usize..5,
        dedupe in any::<bool>(),
        with_recommended in any::<bool>(),
    ) {
        let (roadmap, model) = build(&spec);
        let root = model.pick(&root);
        // Levels by breadth-first search in the model.
        let mut level: BTreeMap<TopicIx, usize> = BTreeMap::from([(root, 0)]);
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(t) = queue.pop_front() {
            let l = level[&t];
            if l == depth {
                continue;
            }
            for n in model.names(t, with_recommended) {
                if let std::collections::btree_map::Entry::Vacant(e) = level.entry(n) {
                    e.insert(l + 1);
                    queue.push_back(n);
                }
            }
        }
        let expected: BTreeSet<TopicIx> = level.keys().copied().filter(|&t| t != root).collect();
        let options = TreeOptions { direction: Direction::Prereqs, depth: Some(depth), dedupe, with_recommended };
        let shown: BTreeSet<TopicIx> = query::tree(&roadmap, root, options)
            .iter()
            .filter_map(|n| match n.kind {
                NodeKind::Topic(t) => Some(t),
                NodeKind::OneOf => None,
            })
            .filter(|&t| t != root)
            .collect();
        prop_assert_eq!(shown, expected, "depth {} from {}", depth, root);
    }

    /// 10. `next` lists exactly the unknown topics (of the scope) whose requirements the known
    /// topics meet, each with the number of unknown topics of the scope it transitively unlocks,
    /// most unlocking first.
    #[test]
    fn next_lists_the_ready_topics(
        spec in roadmaps(),
        known in picks(0..=20),
        scope_root in prop::option::of(any::<Index>()),
    ) {
        let (roadmap, model) = build(&spec);
        let known: HashSet<TopicIx> = model.distinct(&known).into_iter().collect();
        let scope: Option<HashSet<TopicIx>> = scope_root.map(|r| {
            let r = model.pick(&r);
            let mut s: HashSet<TopicIx> = model.prereqs(r, false).into_iter().collect();
            s.insert(r);
            s
        });
        explain(format!("known {known:?}, scope {scope:?}"), || {
            let ready = query::next(&roadmap, &known, scope.as_ref());
            let in_scope = |t: &TopicIx| scope.as_ref().is_none_or(|s| s.contains(t));
            let expected: BTreeSet<TopicIx> = (0..model.len() as TopicIx)
                .filter(|t| in_scope(t) && !known.contains(t) && model.is_ready(*t, &known))
                .collect();
            let got: BTreeSet<TopicIx> = ready.iter().map(|r| r.topic).collect();
            prop_assert_eq!(got.len(), ready.len());
            prop_assert_eq!(&got, &expected);
            for r in &ready {
                let unlocks = model
                    .unlocks(r.topic, false)
                    .into_iter()
                    .filter(|u| in_scope(u) && !known.contains(u))
                    .count();
                prop_assert_eq!(r.unlocks, unlocks, "unlocks of {}", r.topic);
            }
            for w in ready.windows(2) {
                let key = |r: &query::Ready| {
                    (std::cmp::Reverse(r.unlocks), model.stage[r.topic as usize], r.topic)
                };
                prop_assert!(key(&w[0]) < key(&w[1]), "{:?} before {:?}", w[0], w[1]);
            }
            Ok(())
        })?;
    }

    /// 11. Validation warns exactly where the model says: a topic without hours or with 0 hours,
    /// a role that requires nothing, a `one_of` of one alternative, a plain requirement listed twice or implied by another plain
    /// requirement (transitively), a recommendation the topic already requires, a stage without
    /// topics. Findings are
    /// identified by kind, the table they point into and the text they point at.
    #[test]
    fn warnings_are_exactly_the_redundancies(spec in roadmaps()) {
        let files = spec
            .files()
            .into_iter()
            .map(|(name, text)| (name, text.into_bytes()))
            .collect();
        let (doc, findings) = load::parse(files).expect("small files load");
        let checked = validate::validate(doc, findings);
        let texts: HashMap<String, String> = spec.files().into_iter().collect();
        let mut got: Vec<(FindingKind, String, String)> = Vec::new();
        for f in &checked.findings {
            let (Some(file), Some(line), Some(column)) = (&f.file, f.line, f.column) else {
                return Err(TestCaseError::fail(format!("{f:?} points nowhere")));
            };
            // The generated text is ASCII, so a column is a byte offset in its line, plus one.
            let text = &texts[file];
            let at = text.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>()
                + column
                - 1;
            // It points at a quoted id, a number (`zero-hours`) or a `one_of` (whose first id
            // is taken).
            let pointed = match text[at..].strip_prefix('"') {
                Some(rest) => rest.split('"').next(),
                None if f.kind == FindingKind::ZeroHours => text[at..].lines().next(),
                None if f.kind == FindingKind::SingleAlternative => text[at..].split('"').nth(1),
                None => None,
            }
            .unwrap_or_else(|| panic!("{f:?} does not point at a quoted id"))
            .to_owned();
            // The table it is in: the id after the last header before it.
            let header = text[..at].rfind("[[").expect("inside a table");
            let owner = text[header..]
                .split("id = \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default()
                .to_owned();
            got.push((f.kind, owner, pointed));
        }
        let mut want: Vec<(FindingKind, String, String)> = Vec::new();
        let plain_of = |t: &TopicSpec| -> Vec<usize> {
            t.requires
                .iter()
                .filter_map(|r| match r {
                    Req::Plain(j) => Some(*j),
                    Req::OneOf(_) => None,
                })
                .collect()
        };
        // Topics reachable from `starts` through plain requirements, `starts` included.
        let reach = |starts: Vec<usize>| -> HashSet<usize> {
            let mut seen = HashSet::new();
            let mut todo = starts;
            while let Some(u) = todo.pop() {
                if seen.insert(u) {
                    todo.extend(plain_of(&spec.topics[u]));
                }
            }
            seen
        };
        for (i, t) in spec.topics.iter().enumerate() {
            let id = spec.id(i);
            if !t.role && t.quarters.is_none() {
                want.push((FindingKind::MissingHours, id.clone(), id.clone()));
            }
            if !t.role && t.quarters == Some(0) {
                want.push((FindingKind::ZeroHours, id.clone(), "0".into()));
            }
            if t.role && t.requires.is_empty() {
                want.push((FindingKind::EmptyRole, id.clone(), id.clone()));
            }
            for r in &t.requires {
                if let Req::OneOf(alts) = r
                    && let [only] = alts.as_slice()
                {
                    want.push((FindingKind::SingleAlternative, id.clone(), spec.id(*only)));
                }
            }
            let plain = plain_of(t);
            for (k, r) in plain.iter().enumerate() {
                if plain[..k].contains(r) {
                    want.push((FindingKind::RedundantRequirement, id.clone(), spec.id(*r)));
                }
            }
            let below = reach(plain.iter().flat_map(|&r| plain_of(&spec.topics[r])).collect());
            let distinct: BTreeSet<usize> = plain.iter().copied().collect();
            for r in distinct.into_iter().filter(|r| below.contains(r)) {
                want.push((FindingKind::RedundantRequirement, id.clone(), spec.id(r)));
            }
            let required = reach(plain.clone());
            for r in t.recommends.iter().filter(|r| required.contains(*r)) {
                want.push((FindingKind::RecommendsRequired, id.clone(), spec.id(*r)));
            }
        }
        for s in 0..spec.stages {
            if !spec.topics.iter().any(|t| t.stage == s) {
                want.push((FindingKind::EmptyStage, format!("s{s}"), format!("s{s}")));
            }
        }
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }
}

/// The structure of a tree: each node's parent (the nearest node above it one level up) names
/// it as the roadmap says, every expanded topic shows all its children, in order, and every
/// topic is expanded at most once.
fn check_tree_links(
    model: &Model,
    nodes: &[query::Node],
    direction: Direction,
    with_recommended: bool,
) -> Result<(), TestCaseError> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut open: Vec<usize> = vec![0];
    for (i, n) in nodes.iter().enumerate().skip(1) {
        prop_assert!(
            n.depth >= 1 && n.depth <= open.len(),
            "node {i} at depth {}",
            n.depth
        );
        open.truncate(n.depth);
        children[*open.last().unwrap()].push(i);
        open.push(i);
    }
    let mut expanded = HashSet::new();
    for (i, n) in nodes.iter().enumerate() {
        let kids: Vec<&query::Node> = children[i].iter().map(|&k| &nodes[k]).collect();
        for (j, k) in kids.iter().enumerate() {
            prop_assert_eq!(
                k.last,
                j + 1 == kids.len(),
                "`last` of a child of node {}",
                i
            );
        }
        match n.kind {
            NodeKind::OneOf => {
                prop_assert_eq!(direction, Direction::Prereqs);
                let parent = nodes[..i].iter().rev().find(|p| p.depth + 1 == n.depth);
                let Some(NodeKind::Topic(p)) = parent.map(|p| p.kind) else {
                    return Err(TestCaseError::fail(format!("group node {i} under a group")));
                };
                let alts: Vec<TopicIx> = kids
                    .iter()
                    .map(|k| match k.kind {
                        NodeKind::Topic(t) => Ok(t),
                        NodeKind::OneOf => Err(TestCaseError::fail("group in a group")),
                    })
                    .collect::<Result<_, _>>()?;
                prop_assert!(
                    model.groups(p).any(|(_, g)| *g == alts),
                    "group {alts:?} under {p} is not one of its one_ofs"
                );
            }
            NodeKind::Topic(t) => {
                prop_assert!(!n.cut, "node {i} cut though the depth is unlimited");
                if n.seen {
                    prop_assert!(kids.is_empty(), "node {i} marked seen has children");
                    prop_assert!(expanded.contains(&t), "{t} marked seen before shown");
                    continue;
                }
                let got: Vec<(Option<TopicIx>, Option<EdgeKind>)> = kids
                    .iter()
                    .map(|k| match k.kind {
                        NodeKind::Topic(c) => (Some(c), k.via),
                        NodeKind::OneOf => (None, k.via),
                    })
                    .collect();
                let want: Vec<(Option<TopicIx>, Option<EdgeKind>)> = match direction {
                    Direction::Prereqs => {
                        let mut w: Vec<_> = model.entries[t as usize]
                            .iter()
                            .map(|e| match e {
                                Entry::Plain(r) => (Some(*r), None),
                                Entry::OneOf(_) => (None, Some(EdgeKind::OneOf)),
                            })
                            .collect();
                        if with_recommended {
                            w.extend(
                                model.recommends[t as usize]
                                    .iter()
                                    .map(|&r| (Some(r), Some(EdgeKind::Recommends))),
                            );
                        }
                        w
                    }
                    Direction::Unlocks => {
                        // Topics naming `t`, by stage then index, linked by the strongest kind.
                        let mut users: Vec<(u32, TopicIx, Option<EdgeKind>)> = Vec::new();
                        for u in 0..model.len() as TopicIx {
                            let via = if model.plain(u).any(|r| r == t) {
                                None
                            } else if model.groups(u).any(|(_, g)| g.contains(&t)) {
                                Some(EdgeKind::OneOf)
                            } else if with_recommended && model.recommends[u as usize].contains(&t)
                            {
                                Some(EdgeKind::Recommends)
                            } else {
                                continue;
                            };
                            users.push((model.stage[u as usize], u, via));
                        }
                        users.sort_unstable();
                        users
                            .into_iter()
                            .map(|(_, u, via)| (Some(u), via))
                            .collect()
                    }
                };
                prop_assert_eq!(&got, &want, "children of {} (node {})", t, i);
                if !want.is_empty() {
                    prop_assert!(expanded.insert(t), "{t} expanded twice");
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Least work: the plan against every combination of choices
// ---------------------------------------------------------------------------------------------

/// A `one_of` entry: topic and entry number.
type GroupKey = (TopicIx, usize);

/// What the choice rules fix before any search: a known alternative (nothing added), else the
/// first `prefer` name among the alternatives; `None` for an open group.
fn fixed_choice(alts: &[TopicIx], opts: &Options) -> Option<Option<TopicIx>> {
    if alts.iter().any(|a| opts.known.contains(a)) {
        return Some(None);
    }
    opts.prefer
        .iter()
        .find(|p| alts.contains(p))
        .map(|&p| Some(p))
}

/// The open groups any plan of `goals` can meet: those of every topic reachable from the goals
/// through plain requirements, recommendations (when they count) and every alternative, stopping
/// at known topics. Sorted.
fn open_groups_in_scope(model: &Model, goals: &[TopicIx], opts: &Options) -> Vec<GroupKey> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<TopicIx> = goals.to_vec();
    let mut groups = Vec::new();
    while let Some(t) = todo.pop() {
        if opts.known.contains(&t) || !seen.insert(t) {
            continue;
        }
        for (k, alts) in model.groups(t) {
            if fixed_choice(alts, opts).is_none() {
                groups.push((t, k));
            }
        }
        todo.extend(model.names(t, opts.with_recommended));
    }
    groups.sort_unstable();
    groups
}

/// The plan of `goals` with every open group taking what `assign` says: its hours in quarters and
/// its number of topics.
fn cost_with(
    model: &Model,
    goals: &[TopicIx],
    opts: &Options,
    assign: &HashMap<GroupKey, TopicIx>,
) -> (u32, usize) {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<TopicIx> = goals.to_vec();
    while let Some(t) = todo.pop() {
        if opts.known.contains(&t) || !seen.insert(t) {
            continue;
        }
        todo.extend(model.plain(t));
        for (k, alts) in model.groups(t) {
            match fixed_choice(alts, opts) {
                Some(fixed) => todo.extend(fixed),
                None => todo.push(assign[&(t, k)]),
            }
        }
        if opts.with_recommended {
            todo.extend(&model.recommends[t as usize]);
        }
    }
    let quarters = seen.iter().map(|&t| model.quarters[t as usize]).sum();
    (quarters, seen.len())
}

/// What trying every combination of choices found.
struct Exhaustive {
    /// The least cost: hours in quarters, then topics.
    least: (u32, usize),
    /// For each group and each of its alternatives, the least hours (in quarters) of a plan
    /// where the group takes it.
    with: HashMap<(GroupKey, TopicIx), u32>,
    combinations: usize,
}

/// Every combination of choices for `groups`.
fn every_combination(
    model: &Model,
    goals: &[TopicIx],
    opts: &Options,
    groups: &[GroupKey],
) -> Exhaustive {
    let alts: Vec<Vec<TopicIx>> = groups
        .iter()
        .map(|&(t, k)| {
            let mut a = model
                .groups(t)
                .find(|g| g.0 == k)
                .expect("a group")
                .1
                .clone();
            let mut seen = HashSet::new();
            a.retain(|x| seen.insert(*x));
            a
        })
        .collect();
    let mut at = vec![0usize; groups.len()];
    let mut best = (u32::MAX, usize::MAX);
    let mut with: HashMap<(GroupKey, TopicIx), u32> = HashMap::new();
    let mut combinations = 0;
    loop {
        let assign: HashMap<GroupKey, TopicIx> = groups
            .iter()
            .zip(&at)
            .zip(&alts)
            .map(|((&g, &i), a)| (g, a[i]))
            .collect();
        let cost = cost_with(model, goals, opts, &assign);
        combinations += 1;
        best = best.min(cost);
        for (&g, &a) in &assign {
            let e = with.entry((g, a)).or_insert(u32::MAX);
            *e = (*e).min(cost.0);
        }
        // Next combination, like an odometer.
        let mut i = 0;
        while i < at.len() {
            at[i] += 1;
            if at[i] < alts[i].len() {
                break;
            }
            at[i] = 0;
            i += 1;
        }
        if i == at.len() {
            break;
        }
    }
    Exhaustive {
        least: best,
        with,
        combinations,
    }
}

/// Open groups at most for the exhaustive comparison.
const EXHAUSTIVE_GROUPS: usize = 10;

/// Property 14, plans take the least work. On random roadmaps whose goals' scope holds at most ten open
/// `one_of` groups, every combination of choices is tried: the plan's hours are the least of
/// all, and its number of topics the least among those; and each alternative of a choice made
/// by cost is said to add what the cheapest plan in which the group takes it adds. With exact
/// search turned off (greedy choices, improved locally) the plan is still valid and never
/// cheaper than the least. Prints how many roadmaps and combinations were compared, and how
/// often the greedy way found the least hours.
#[test]
fn plans_take_the_least_hours() {
    use std::cell::Cell;
    let cases = 1000;
    let compared = Cell::new(0usize);
    let skipped = Cell::new(0usize);
    let combinations = Cell::new(0usize);
    let open_groups = Cell::new(0usize);
    let greedy_least = Cell::new(0usize);
    let greedy_worse = Cell::new(0usize);
    let by_cost = Cell::new(0usize);
    let strategy = (
        prop_oneof![
            roadmaps_with(1, 16, 1),
            roadmaps_with(8, 16, 2),
            roadmaps_with(8, 14, 3)
        ],
        goal_picks(1..=3),
        picks(0..=2),
        picks(0..=1),
        any::<bool>(),
    );
    let mut runner = proptest::test_runner::TestRunner::new(config(cases));
    let result = runner.run(
        &strategy,
        |(spec, goals, known, prefer, with_recommended)| {
            let (roadmap, model) = build(&spec);
            let goals = model.goals(&goals);
            let known = model.distinct(&known);
            let opts = options(
                &known,
                model.distinct(&prefer),
                with_recommended,
                Order::Stage,
            );
            let wanted: Vec<TopicIx> = goals
                .iter()
                .copied()
                .filter(|g| !opts.known.contains(g))
                .collect();
            let groups = open_groups_in_scope(&model, &wanted, &opts);
            if groups.len() > EXHAUSTIVE_GROUPS {
                skipped.set(skipped.get() + 1);
                return Ok(());
            }
            explain(
                format!("goals {goals:?}, {opts:?}, groups {groups:?}"),
                || {
                    let Exhaustive {
                        least,
                        with,
                        combinations: n,
                    } = every_combination(&model, &wanted, &opts, &groups);
                    let plan = plan::plan(&roadmap, &goals, &opts);
                    prop_assert!(plan.exact);
                    let quarters = (plan.total_hours * 4.0).round() as u32;
                    prop_assert_eq!((quarters, plan.steps.len()), least, "plan {:?}", plan.steps);
                    for c in &plan.choices {
                        if !matches!(c.reason, Reason::Cheapest | Reason::First | Reason::Tie) {
                            continue;
                        }
                        by_cost.set(by_cost.get() + 1);
                        let key = (c.topic, c.entry);
                        let own = c
                            .one_of
                            .iter()
                            .position(|&a| a == c.chosen)
                            .expect("listed");
                        let base = least.0 as f64 / 4.0 - c.added[own];
                        for (i, &a) in c.one_of.iter().enumerate() {
                            let cheapest = with[&(key, a)] as f64 / 4.0;
                            prop_assert_eq!(
                                c.added[i],
                                cheapest - base,
                                "{:?}: alternative {} (all: {:?})",
                                key,
                                a,
                                c.added
                            );
                        }
                    }
                    // The same plan with every open group decided greedily, then improved.
                    let greedy = plan::plan(
                        &roadmap,
                        &goals,
                        &Options {
                            exact_groups: 0,
                            ..opts.clone()
                        },
                    );
                    let g = (
                        (greedy.total_hours * 4.0).round() as u32,
                        greedy.steps.len(),
                    );
                    prop_assert!(g >= least, "greedy {:?} beats the least {:?}", g, least);
                    check_valid(&model, &goals, &opts, &greedy)?;
                    if g.0 == least.0 {
                        greedy_least.set(greedy_least.get() + 1);
                    } else {
                        greedy_worse.set(greedy_worse.get() + 1);
                    }
                    compared.set(compared.get() + 1);
                    combinations.set(combinations.get() + n);
                    open_groups.set(open_groups.get() + groups.len());
                    Ok(())
                },
            )
        },
    );
    eprintln!(
        "least work: {} roadmaps compared with every combination of their choices \
         ({} combinations, {} open groups, {} choices made by cost), {} skipped (more than {} \
         open groups); greedy choices found the least hours in {} and more in {}",
        compared.get(),
        combinations.get(),
        open_groups.get(),
        by_cost.get(),
        skipped.get(),
        EXHAUSTIVE_GROUPS,
        greedy_least.get(),
        greedy_worse.get()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        compared.get() >= cases as usize / 2,
        "too few roadmaps compared: {}",
        compared.get()
    );
}

/// A plan is valid: each step after what it depends on, every requirement and `one_of` of a step
/// known or met earlier, each goal planned unless known.
fn check_valid(
    model: &Model,
    goals: &[TopicIx],
    opts: &Options,
    plan: &Plan,
) -> Result<(), TestCaseError> {
    let pos = positions(plan);
    for (i, step) in plan.steps.iter().enumerate() {
        let t = step.topic;
        let met = |r: &TopicIx| opts.known.contains(r) || pos.get(r).is_some_and(|&p| p < i);
        for r in model.plain(t) {
            prop_assert!(
                met(&r),
                "step {t}: requirement {r} neither known nor earlier"
            );
        }
        for (k, alts) in model.groups(t) {
            prop_assert!(alts.iter().any(met), "step {t}: one_of {k} not met");
        }
        for r in &step.requires {
            prop_assert!(met(r), "step {t} lists {r}, not before it");
        }
    }
    for g in goals {
        prop_assert!(
            opts.known.contains(g) || pos.contains_key(g),
            "goal {g} not planned"
        );
    }
    Ok(())
}

/// A 100,000-topic chain, each topic requiring the one before: loading, validating, planning and
/// the queries must all work without recursion (and in reasonable time).
#[test]
fn long_chain_does_not_overflow_the_stack() {
    const N: usize = 100_000;
    let mut text = String::with_capacity(N * 80);
    text.push_str("[roadmap]\ntitle = \"Chain\"\n\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
    for i in 0..N {
        write!(
            text,
            "\n[[topic]]\nid = \"t{i}\"\ntitle = \"T{i}\"\nstage = \"s\"\nhours = 1\n"
        )
        .unwrap();
        if i > 0 {
            writeln!(text, "requires = [\"t{}\"]", i - 1).unwrap();
        }
    }
    let (doc, findings) = load::parse(vec![("chain.toml".into(), text.into_bytes())]).unwrap();
    let checked = validate::validate(doc, findings);
    assert!(checked.findings.is_empty(), "{:?}", &checked.findings[..1]);
    let roadmap = checked.roadmap.expect("a chain is valid");
    let last = roadmap.index_of(&format!("t{}", N - 1)).unwrap();
    assert_eq!(last as usize, N - 1);

    for order in [Order::Stage, Order::Depth] {
        let plan = plan::plan(
            &roadmap,
            &[last],
            &Options {
                order,
                ..Options::default()
            },
        );
        assert_eq!(plan.steps.len(), N);
        assert!(
            plan.steps
                .iter()
                .enumerate()
                .all(|(i, s)| s.topic as usize == i)
        );
        assert_eq!(plan.total_hours, N as f64);
        assert_eq!(plan.critical_path.len(), N);
    }

    let closure = query::closure(&roadmap, last, Direction::Prereqs, false);
    assert_eq!(closure.len(), N - 1);
    assert!(closure.iter().enumerate().all(|(i, &t)| t as usize == i));
    let unlocks = query::closure(&roadmap, 0, Direction::Unlocks, false);
    assert_eq!(unlocks.len(), N - 1);

    let tree = query::tree(
        &roadmap,
        last,
        TreeOptions {
            direction: Direction::Prereqs,
            depth: None,
            dedupe: true,
            with_recommended: false,
        },
    );
    assert_eq!(tree.len(), N);
    assert!(
        tree.iter()
            .enumerate()
            .all(|(d, n)| n.depth == d && n.kind == NodeKind::Topic((N - 1 - d) as TopicIx))
    );
}
