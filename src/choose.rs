//! Deciding a plan's `one_of` groups so that the plan takes the least work, and saying why each
//! alternative was taken.
//!
//! The rules, in the order they apply (docs/cli.md states them for users; the HTML page must give
//! the same answers):
//!
//! 1. A group with a known alternative is met by it (`known`: nothing is added). Otherwise, a group
//!    with an alternative named in `--prefer` takes the first such name (`preferred`); otherwise
//!    a group with an alternative the learner is learning takes the first listed such
//!    (`learning`).
//! 2. The other groups, the *open* ones, are decided together so that the plan costs the least:
//!    fewest hours, then fewest topics. Among plans of equal cost, the first one a depth-first
//!    search meets wins, where the search repeatedly takes the unmet open group of the earliest
//!    (topic, entry) and tries its alternatives in the order listed. This search is run exactly
//!    (with pruning, see `Decider::search`) when the plan's scope holds at most
//!    [`EXACT_GROUPS`] open groups that the goals' own requirements do not meet already;
//!    otherwise each group takes, in the same order, the alternative that adds the fewest hours,
//!    and the choices are then improved one change at a time until no single change lowers the
//!    cost (`Decider::improve`).
//! 3. Every open group finally takes its first listed alternative that is in the plan.
//!
//! Everything works on a plan kept with reference counts: each topic counts the links into it
//! from the plan (a plain requirement, a recommendation with `--with-recommended`, a group's
//! chosen alternative, a goal), and is in the plan while it has any. Adding a link may bring a
//! topic in, with everything it requires; removing one may take out a topic and everything only
//! it needed. Changes can be logged and undone, which is how the search backtracks and how a
//! change is tried and taken back. The graph is acyclic, so counting links is exact.

use hashbrown::{HashMap, HashSet};
use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::{Requirement, Roadmap, TopicIx};

/// Most open groups decided by exact search; beyond, greedily with local improvement.
pub const EXACT_GROUPS: usize = 16;

/// Most states the exact search visits before it settles for the best plan found so far (then
/// improved locally). Only roadmaps built to defeat the pruning come near it: ten groups of three
/// alternatives have 59,049 combinations in all.
pub const SEARCH_STATES: usize = 200_000;

/// A `one_of` entry: the topic whose `requires` holds it, and its position there.
pub type Key = (TopicIx, u32);

/// What a plan costs: its hours (in thousandths, so that sums are exact), then its topics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cost {
    pub millihours: u64,
    pub topics: u64,
}

impl Cost {
    fn of(hours: f64) -> Cost {
        // Saturating: `as` turns a product past u64 (absurd but valid hours) into u64::MAX.
        Cost {
            millihours: (hours * 1000.0).round() as u64,
            topics: 1,
        }
    }

    fn plus(self, other: Cost) -> Cost {
        Cost {
            millihours: self.millihours.saturating_add(other.millihours),
            topics: self.topics + other.topics,
        }
    }

    fn minus(self, other: Cost) -> Cost {
        Cost {
            millihours: self.millihours.saturating_sub(other.millihours),
            topics: self.topics.saturating_sub(other.topics),
        }
    }

    /// Hours, rounded as everywhere else.
    pub fn hours(self) -> f64 {
        crate::model::round_hours(self.millihours as f64 / 1000.0)
    }
}

/// What decides a group before any search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fixed {
    /// An alternative is known: the group is met without adding anything.
    Known(TopicIx),
    /// The first `--prefer` name among the alternatives, else the first listed alternative being
    /// learned.
    Preferred(TopicIx),
    Open,
}

/// The choice rules' inputs besides the roadmap.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    pub known: &'a HashSet<TopicIx>,
    pub prefer: &'a [TopicIx],
    /// Topics being learned: a group takes one when nothing is known or preferred.
    pub learning: &'a HashSet<TopicIx>,
    pub with_recommended: bool,
    /// Open groups searched exactly ([`EXACT_GROUPS`] unless a test says otherwise).
    pub exact_groups: usize,
    /// States the exact search may visit ([`SEARCH_STATES`] unless a test says otherwise).
    pub search_states: usize,
}

/// Why a group took its alternative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Known,
    Preferred,
    /// Being learned (and neither known nor preferred).
    Learning,
    /// Needed in the plan anyway: by a goal, a topic's plain requirement or recommendation, a
    /// preferred choice, or another group's choice decided first (`needed_by`).
    InPlan,
    /// Adds fewer hours than any other alternative.
    Cheapest,
    /// Adds as few hours as another alternative listed after it, and none fewer.
    First,
    /// Adds as few hours as an alternative listed before it: the plan with it came first in
    /// the search's order, or has fewer topics.
    Tie,
}

impl Reason {
    /// The name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Known => "known",
            Reason::Preferred => "preferred",
            Reason::Learning => "learning",
            Reason::InPlan => "in-plan",
            Reason::Cheapest => "cheapest",
            Reason::First => "first-listed",
            Reason::Tie => "tie",
        }
    }
}

/// One group's decision, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub key: Key,
    pub chosen: TopicIx,
    pub reason: Reason,
    /// For [`Reason::InPlan`]: the topic of the plan that needs the alternative anyway (`None`
    /// when it is a goal).
    pub needed_by: Option<TopicIx>,
    /// For a choice made by cost ([`Reason::Cheapest`], [`Reason::First`], [`Reason::Tie`]):
    /// the hours each alternative adds to the plan, in the order listed (see
    /// `Decider::costs`); empty otherwise.
    pub added: Vec<f64>,
}

enum Op {
    Inc(TopicIx),
    Dec(TopicIx),
    Choice(Key, Option<(TopicIx, bool)>),
}

#[derive(Clone, Copy)]
struct Mark {
    log: usize,
    fresh: usize,
    met_by_known: usize,
}

/// A plan under construction, with the choices made so far.
pub struct Decider<'r> {
    roadmap: &'r Roadmap,
    rules: Rules<'r>,
    /// Links into each topic from the plan; a topic is in the plan while it has any.
    refs: Vec<u32>,
    cost: Cost,
    /// The members' set, hashed (Zobrist), to recognise a state the search has seen. Kept only
    /// while logging, so it tells apart the states reached from where logging began, which is
    /// all the search needs.
    hash: u128,
    /// The alternative each decided group of a member links to (preferred and open groups), and
    /// whether the group is open.
    choice: HashMap<Key, (TopicIx, bool)>,
    /// Open groups of topics that entered, not yet handed to a decision.
    fresh: Vec<Key>,
    /// Groups met by a known alternative, of topics that entered (some may have left since).
    met_by_known: Vec<Key>,
    /// The open groups of the goals' own topics (before any open group was decided), for
    /// searches run again to explain a choice.
    base_fresh: Vec<Key>,
    log: Vec<Op>,
    logging: bool,
    stack: Vec<TopicIx>,
    /// Visit marks for [`Decider::marginal`], by epoch.
    seen: Vec<u32>,
    epoch: u32,
    /// Whether the choices are the least costly possible (the exact search ran to its end).
    pub exact: bool,
    /// A group held to one alternative (to find the cheapest plan in which it takes it).
    forced: Option<(Key, TopicIx)>,
    /// The `one_of` groups listing each topic, built when first asked for.
    listed_in: OnceCell<ListedIn>,
}

/// The `one_of` groups of the whole roadmap by the alternatives they list: for each topic, the
/// keys of the groups that name it, ascending. The groups a choice of `c` may concern are among
/// these, so nothing needs the roadmap's whole graph (with every plain edge, both ways), which
/// costs more to build and drop than a warm plan of 100,000 topics takes to decide.
struct ListedIn {
    /// Where each topic's keys start in `keys` (one more entry than topics).
    start: Vec<u32>,
    keys: Vec<Key>,
}

impl ListedIn {
    fn new(roadmap: &Roadmap) -> ListedIn {
        // Each group with the topics it names, each once (a group may name a topic twice).
        let groups = || {
            roadmap.topics.iter().enumerate().flat_map(|(t, topic)| {
                topic
                    .requires
                    .iter()
                    .enumerate()
                    .filter_map(move |(e, req)| match req {
                        Requirement::OneOf(g) => Some(((t as TopicIx, e as u32), &g.alternatives)),
                        Requirement::Topic(_) => None,
                    })
                    .flat_map(|(key, alternatives)| {
                        alternatives
                            .iter()
                            .enumerate()
                            .filter(|&(i, a)| !alternatives[..i].contains(a))
                            .map(move |(_, &a)| (key, a))
                    })
            })
        };
        let mut start = vec![0u32; roadmap.topics.len() + 1];
        for (_, a) in groups() {
            start[a as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut keys = vec![(0, 0); start[start.len() - 1] as usize];
        // Topics and their entries are visited in order, so each topic's keys come ascending.
        for (key, a) in groups() {
            keys[next[a as usize] as usize] = key;
            next[a as usize] += 1;
        }
        ListedIn { start, keys }
    }

    fn of(&self, t: TopicIx) -> &[Key] {
        &self.keys[self.start[t as usize] as usize..self.start[t as usize + 1] as usize]
    }
}

impl<'r> Decider<'r> {
    pub fn new(roadmap: &'r Roadmap, rules: Rules<'r>) -> Decider<'r> {
        Decider {
            roadmap,
            rules,
            refs: vec![0; roadmap.topics.len()],
            cost: Cost::default(),
            hash: 0,
            choice: HashMap::new(),
            fresh: Vec::new(),
            base_fresh: Vec::new(),
            met_by_known: Vec::new(),
            log: Vec::new(),
            logging: false,
            stack: Vec::new(),
            seen: Vec::new(),
            epoch: 0,
            exact: true,
            forced: None,
            listed_in: OnceCell::new(),
        }
    }

    fn listed_in(&self) -> &ListedIn {
        self.listed_in.get_or_init(|| ListedIn::new(self.roadmap))
    }

    /// Plans `goals` (none of them known): everything they require, every group decided.
    pub fn decide(&mut self, goals: &[TopicIx]) {
        for &g in goals {
            self.link(g);
        }
        self.base_fresh = self.fresh.clone();
        match self.open_groups() {
            Some(open) if open.is_empty() => {}
            Some(open) => {
                let (_, path, complete) = self.search(&open);
                for (key, a) in path {
                    self.set_choice(key, Some(a));
                    self.link(a);
                }
                if !complete {
                    self.exact = false;
                }
            }
            None => self.exact = false,
        }
        // Groups the search left met by a topic in the plan, and the greedy choices.
        self.settle();
        if self.exact {
            self.normalize();
        } else {
            self.improve();
        }
        self.fresh.clear();
    }

    /// The plan's topics in declaration order. Reading the topics in the order they lie in
    /// memory, rather than in the order a walk met them, is what keeps later passes over a large
    /// plan from waiting on the memory at every topic.
    pub fn members(&self) -> impl Iterator<Item = TopicIx> + '_ {
        (0..self.refs.len() as TopicIx).filter(|&t| self.refs[t as usize] > 0)
    }

    pub fn in_plan(&self, t: TopicIx) -> bool {
        self.refs[t as usize] > 0
    }

    /// The alternative a group of a member links to (`None` for a group met by a known topic).
    pub fn chosen(&self, key: Key) -> Option<TopicIx> {
        self.choice.get(&key).map(|&(a, _)| a)
    }

    pub fn cost(&self) -> Cost {
        self.cost
    }

    fn alternatives(&self, (t, e): Key) -> &'r [TopicIx] {
        match &self.roadmap.topic(t).requires[e as usize] {
            Requirement::OneOf(group) => &group.alternatives,
            Requirement::Topic(_) => &[],
        }
    }

    pub fn fixed(&self, alternatives: &[TopicIx]) -> Fixed {
        if let Some(&k) = alternatives.iter().find(|a| self.rules.known.contains(*a)) {
            Fixed::Known(k)
        } else if let Some(&p) = self.rules.prefer.iter().find(|p| alternatives.contains(p)) {
            Fixed::Preferred(p)
        } else if let Some(&l) = alternatives
            .iter()
            .find(|a| self.rules.learning.contains(*a))
        {
            Fixed::Preferred(l)
        } else {
            Fixed::Open
        }
    }

    fn weight(&self, t: TopicIx) -> Cost {
        Cost::of(self.roadmap.topic(t).hours_or_zero())
    }

    /// The alternatives a group may take: all, or only the one it is held to.
    fn allowed(&self, key: Key) -> &'r [TopicIx] {
        let alternatives = self.alternatives(key);
        match self.forced {
            Some((k, a)) if k == key => {
                let i = alternatives.iter().position(|&x| x == a).unwrap_or(0);
                &alternatives[i..=i]
            }
            _ => alternatives,
        }
    }

    fn met(&self, key: Key) -> bool {
        self.allowed(key).iter().any(|&a| self.in_plan(a))
    }

    /// Starts logging changes (if not already), returning where to undo to and whether it was
    /// logging before, for [`Decider::end`].
    fn begin(&mut self) -> (Mark, bool) {
        let was = self.logging;
        self.logging = true;
        (self.mark(), was)
    }

    /// Stops logging when [`Decider::begin`] started it, dropping the log (changes since are
    /// kept; undo what should not be first).
    fn end(&mut self, was: bool) {
        if !was {
            self.logging = false;
            self.log.clear();
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            log: self.log.len(),
            fresh: self.fresh.len(),
            met_by_known: self.met_by_known.len(),
        }
    }

    /// Points an open group at `to` (or forgets its choice with `None`).
    fn set_choice(&mut self, key: Key, to: Option<TopicIx>) {
        self.record_choice(key, to.map(|a| (a, true)));
    }

    fn record_choice(&mut self, key: Key, to: Option<(TopicIx, bool)>) {
        let old = match to {
            Some(a) => self.choice.insert(key, a),
            None => self.choice.remove(&key),
        };
        if self.logging {
            self.log.push(Op::Choice(key, old));
        }
    }

    /// Adds a link into `t`, bringing it into the plan (with what it requires) if it was not.
    fn link(&mut self, t: TopicIx) {
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(t);
        while let Some(u) = stack.pop() {
            self.refs[u as usize] += 1;
            if self.logging {
                self.log.push(Op::Inc(u));
            }
            if self.refs[u as usize] == 1 {
                self.enter(u, &mut stack);
            }
        }
        self.stack = stack;
    }

    fn enter(&mut self, t: TopicIx, stack: &mut Vec<TopicIx>) {
        self.cost = self.cost.plus(self.weight(t));
        if self.logging {
            self.hash ^= zobrist(t);
        }
        let topic = self.roadmap.topic(t);
        let known = self.rules.known;
        for (e, req) in topic.requires.iter().enumerate() {
            match req {
                Requirement::Topic(r) => {
                    if !known.contains(r) {
                        stack.push(*r);
                    }
                }
                Requirement::OneOf(group) => match self.fixed(&group.alternatives) {
                    Fixed::Known(_) => self.met_by_known.push((t, e as u32)),
                    Fixed::Preferred(p) => {
                        self.record_choice((t, e as u32), Some((p, false)));
                        stack.push(p);
                    }
                    Fixed::Open => self.fresh.push((t, e as u32)),
                },
            }
        }
        if self.rules.with_recommended {
            stack.extend(topic.recommends.iter().filter(|r| !known.contains(*r)));
        }
    }

    /// Removes a link into `t`, taking it out of the plan (with what only it needed) when it was
    /// the last.
    fn unlink(&mut self, t: TopicIx) {
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(t);
        while let Some(u) = stack.pop() {
            self.refs[u as usize] -= 1;
            if self.logging {
                self.log.push(Op::Dec(u));
            }
            if self.refs[u as usize] == 0 {
                self.leave(u, &mut stack);
            }
        }
        self.stack = stack;
    }

    fn leave(&mut self, t: TopicIx, stack: &mut Vec<TopicIx>) {
        self.cost = self.cost.minus(self.weight(t));
        if self.logging {
            self.hash ^= zobrist(t);
        }
        let topic = self.roadmap.topic(t);
        let known = self.rules.known;
        for (e, req) in topic.requires.iter().enumerate() {
            match req {
                Requirement::Topic(r) => {
                    if !known.contains(r) {
                        stack.push(*r);
                    }
                }
                Requirement::OneOf(_) => {
                    if let Some(c) = self.chosen((t, e as u32)) {
                        self.set_choice((t, e as u32), None);
                        stack.push(c);
                    }
                }
            }
        }
        if self.rules.with_recommended {
            stack.extend(topic.recommends.iter().filter(|r| !known.contains(*r)));
        }
    }

    fn undo_to(&mut self, mark: Mark) {
        while self.log.len() > mark.log {
            match self.log.pop().expect("longer than the mark") {
                Op::Inc(u) => {
                    self.refs[u as usize] -= 1;
                    if self.refs[u as usize] == 0 {
                        self.cost = self.cost.minus(self.weight(u));
                        self.hash ^= zobrist(u);
                    }
                }
                Op::Dec(u) => {
                    self.refs[u as usize] += 1;
                    if self.refs[u as usize] == 1 {
                        self.cost = self.cost.plus(self.weight(u));
                        self.hash ^= zobrist(u);
                    }
                }
                Op::Choice(key, old) => {
                    match old {
                        Some(a) => self.choice.insert(key, a),
                        None => self.choice.remove(&key),
                    };
                }
            }
        }
        self.fresh.truncate(mark.fresh);
        self.met_by_known.truncate(mark.met_by_known);
    }

    /// The open groups a search would have to decide: those of the plan's topics not met by a
    /// topic of the plan, and those of every topic a choice could bring in (that the plan does
    /// not meet either), sorted; `None` when there are more than the rules allow.
    fn open_groups(&mut self) -> Option<Vec<Key>> {
        let limit = self.rules.exact_groups;
        let known = self.rules.known;
        let mut found: Vec<Key> = Vec::new();
        let mut stack: Vec<TopicIx> = Vec::new();
        for &key in &self.fresh {
            if !self.met(key) {
                found.push(key);
                stack.extend(self.alternatives(key));
            }
        }
        if found.len() > limit {
            return None;
        }
        let mut seen: HashSet<TopicIx> = HashSet::new();
        while let Some(u) = stack.pop() {
            if self.in_plan(u) || known.contains(&u) || !seen.insert(u) {
                continue;
            }
            let topic = self.roadmap.topic(u);
            for (e, req) in topic.requires.iter().enumerate() {
                match req {
                    Requirement::Topic(r) => stack.push(*r),
                    Requirement::OneOf(group) => match self.fixed(&group.alternatives) {
                        Fixed::Known(_) => {}
                        Fixed::Preferred(p) => stack.push(p),
                        Fixed::Open => {
                            if !self.met((u, e as u32)) {
                                found.push((u, e as u32));
                                if found.len() > limit {
                                    return None;
                                }
                                stack.extend(&group.alternatives);
                            }
                        }
                    },
                }
            }
            if self.rules.with_recommended {
                stack.extend(&topic.recommends);
            }
        }
        found.sort_unstable();
        found.dedup();
        Some(found)
    }

    /// The exact search over the `open` groups: depth first, from the plan as it is, taking the
    /// unmet open group of the plan with the earliest key and trying each of its alternatives in
    /// the order listed. A plan where no open group is unmet is complete; the first complete plan
    /// of least cost wins. Returns its choices, and whether the search ran to its end.
    ///
    /// Two things cut the search without changing its answer: a state (a set of topics) seen
    /// before is not searched again, since what follows depends only on it; and a branch stops
    /// when its cost plus a lower bound of what it must still add is no less than the best plan
    /// found (the bound: unmet groups with no alternative in common each need one more topic, at
    /// least their cheapest alternative).
    fn search(&mut self, open: &[Key]) -> (Cost, Vec<(Key, TopicIx)>, bool) {
        let (root, was) = self.begin();
        let mut memo: HashSet<u128> = HashSet::new();
        let mut best: Option<(Cost, Vec<(Key, TopicIx)>)> = None;
        let mut path: Vec<(Key, TopicIx)> = Vec::new();
        // Each frame: the group branched on, the next alternative to try, the state before.
        let mut frames: Vec<(Key, usize, Mark)> = Vec::new();
        let mut states = 1;
        let mut complete = true;
        if let Some(g) = self.visit(open, &mut memo, &mut best, &path) {
            frames.push((g, 0, self.mark()));
        }
        while let Some(&(key, next, mark)) = frames.last() {
            self.undo_to(mark);
            path.truncate(frames.len() - 1);
            let alternatives = self.allowed(key);
            // The next alternative not tried yet (a name listed twice is tried once).
            let Some(i) =
                (next..alternatives.len()).find(|&i| !alternatives[..i].contains(&alternatives[i]))
            else {
                frames.pop();
                continue;
            };
            if let Some(frame) = frames.last_mut() {
                frame.1 = i + 1;
            }
            let a = alternatives[i];
            self.set_choice(key, Some(a));
            self.link(a);
            path.push((key, a));
            states += 1;
            if states > self.rules.search_states {
                complete = false;
                break;
            }
            if let Some(g) = self.visit(open, &mut memo, &mut best, &path) {
                frames.push((g, 0, self.mark()));
            }
        }
        self.undo_to(root);
        self.end(was);
        let (cost, path) = best.unwrap_or_default();
        (cost, path, complete)
    }

    /// Looks at a state of the search: records it when complete and better than the best, and
    /// returns the group to branch on when it is worth going on.
    fn visit(
        &self,
        open: &[Key],
        memo: &mut HashSet<u128>,
        best: &mut Option<(Cost, Vec<(Key, TopicIx)>)>,
        path: &[(Key, TopicIx)],
    ) -> Option<Key> {
        if !memo.insert(self.hash) {
            return None;
        }
        let mut first = None;
        let mut bound = self.cost;
        let mut used: Vec<TopicIx> = Vec::new();
        for &key in open {
            if !self.in_plan(key.0) || self.met(key) {
                continue;
            }
            first.get_or_insert(key);
            let alternatives = self.allowed(key);
            if alternatives.iter().all(|a| !used.contains(a)) {
                let cheapest = alternatives
                    .iter()
                    .map(|&a| self.weight(a))
                    .min()
                    .unwrap_or_default();
                bound = bound.plus(cheapest);
                used.extend(alternatives);
            }
        }
        match first {
            None => {
                if best.as_ref().is_none_or(|(c, _)| self.cost < *c) {
                    *best = Some((self.cost, path.to_vec()));
                }
                None
            }
            Some(key) => {
                if best.as_ref().is_some_and(|(c, _)| bound >= *c) {
                    None
                } else {
                    Some(key)
                }
            }
        }
    }

    /// Decides every open group waiting in `fresh`, earliest key first: one met by a topic in
    /// the plan takes the first such alternative listed; otherwise the alternative that adds the
    /// least (the first listed on a tie).
    fn settle(&mut self) {
        let mut heap: BinaryHeap<Reverse<Key>> = BinaryHeap::new();
        loop {
            heap.extend(self.fresh.drain(..).map(Reverse));
            let Some(Reverse(key)) = heap.pop() else {
                break;
            };
            if !self.in_plan(key.0) || self.choice.contains_key(&key) {
                continue;
            }
            let alternatives = self.alternatives(key);
            let pick = match alternatives.iter().find(|&&a| self.in_plan(a)) {
                Some(&a) => a,
                None => self.cheapest(alternatives),
            };
            self.set_choice(key, Some(pick));
            self.link(pick);
        }
    }

    /// The alternative whose topics outside the plan cost least (the first listed on a tie).
    fn cheapest(&mut self, alternatives: &[TopicIx]) -> TopicIx {
        let mut best: Option<(Cost, TopicIx)> = None;
        for &a in alternatives {
            if let Some(c) = self.marginal(a, best.map(|b| b.0))
                && best.is_none_or(|(b, _)| c < b)
            {
                best = Some((c, a));
            }
        }
        best.map_or(alternatives[0], |(_, a)| a)
    }

    /// What bringing `a` into the plan would add: it and everything it requires that the plan
    /// lacks, through plain requirements, recommendations (with `--with-recommended`) and
    /// preferred alternatives (open groups on the way are not counted). `None` as soon as it
    /// exceeds `bound`.
    fn marginal(&mut self, a: TopicIx, bound: Option<Cost>) -> Option<Cost> {
        if self.seen.is_empty() {
            self.seen = vec![0; self.refs.len()];
        }
        self.epoch += 1;
        if self.epoch == u32::MAX {
            self.seen.fill(0);
            self.epoch = 1;
        }
        let known = self.rules.known;
        let mut cost = Cost::default();
        let mut stack = vec![a];
        while let Some(u) = stack.pop() {
            if self.in_plan(u) || known.contains(&u) || self.seen[u as usize] == self.epoch {
                continue;
            }
            self.seen[u as usize] = self.epoch;
            cost = cost.plus(self.weight(u));
            if bound.is_some_and(|b| cost > b) {
                return None;
            }
            let topic = self.roadmap.topic(u);
            for req in &topic.requires {
                match req {
                    Requirement::Topic(r) => stack.push(*r),
                    Requirement::OneOf(group) => {
                        if let Fixed::Preferred(p) = self.fixed(&group.alternatives) {
                            stack.push(p);
                        }
                    }
                }
            }
            if self.rules.with_recommended {
                stack.extend(&topic.recommends);
            }
        }
        Some(cost)
    }

    /// The open groups of the plan's topics that have a choice, sorted.
    fn open_choices(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .choice
            .iter()
            .filter(|(_, (_, open))| *open)
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// Makes every open group take its first listed alternative in the plan (which, after an
    /// exact search, leaves the plan's topics as they are).
    fn normalize(&mut self) {
        for key in self.open_choices() {
            let Some(c) = self.chosen(key) else { continue };
            if !self.in_plan(key.0) {
                continue;
            }
            if let Some(&a) = self.alternatives(key).iter().find(|&&a| self.in_plan(a))
                && a != c
            {
                self.switch(key, a);
            }
        }
    }

    /// Points a group at `a` instead of its current choice: `a` comes in (groups it brings
    /// decided by [`Decider::settle`]), then the old choice's link goes.
    fn switch(&mut self, key: Key, a: TopicIx) {
        let old = self.chosen(key);
        self.set_choice(key, Some(a));
        self.link(a);
        self.settle();
        if let Some(c) = old {
            self.unlink(c);
        }
    }

    /// The open groups that chose `c` and list `a` too (those that would follow a switch from
    /// `c` to `a`), sorted.
    fn bloc(&self, c: TopicIx, a: TopicIx) -> Vec<Key> {
        self.listed_in()
            .of(c)
            .iter()
            .copied()
            .filter(|&k| {
                self.in_plan(k.0)
                    && self.choice.get(&k) == Some(&(c, true))
                    && self.alternatives(k).contains(&a)
            })
            .collect()
    }

    /// Points every group of `bloc` from `c` to `a`: `a` comes in (the groups it brings are
    /// decided by [`Decider::settle`]), then the links into `c` go.
    fn move_bloc(&mut self, bloc: &[Key], c: TopicIx, a: TopicIx) {
        for &k in bloc {
            self.set_choice(k, Some(a));
            self.link(a);
        }
        self.settle();
        for _ in bloc {
            self.unlink(c);
        }
    }

    /// Local improvement, in passes over the open groups (earliest key first) until a pass
    /// changes nothing. For a group that chose `c`, each other alternative `a` in the order
    /// listed: when `a` is in the plan already and listed before `c`, the group takes it (this
    /// cannot cost more); otherwise the group and every open group that chose `c` and lists `a`
    /// too take `a` together, and keep it when the plan then costs less. Every change lowers the
    /// cost or keeps the plan's topics and moves a choice earlier in its list, so this ends.
    fn improve(&mut self) {
        loop {
            let mut changed = false;
            for key in self.open_choices() {
                let Some(c) = self.chosen(key) else {
                    continue;
                };
                if !self.in_plan(key.0) {
                    continue;
                }
                let alternatives = self.alternatives(key);
                let at = alternatives.iter().position(|&x| x == c).unwrap_or(0);
                for (i, &a) in alternatives.iter().enumerate() {
                    if a == c || alternatives[..i].contains(&a) {
                        continue;
                    }
                    if self.in_plan(a) && i < at {
                        self.move_bloc(&[key], c, a);
                        changed = true;
                        break;
                    }
                    let bloc = self.bloc(c, a);
                    // Nothing can leave while something else needs `c`; and if nothing leaves,
                    // bringing `a` in cannot make the plan cheaper.
                    if self.refs[c as usize] as usize > bloc.len() {
                        continue;
                    }
                    let before = self.cost;
                    let (mark, was) = self.begin();
                    self.move_bloc(&bloc, c, a);
                    changed = self.cost < before;
                    if !changed {
                        self.undo_to(mark);
                    }
                    self.end(was);
                    if changed {
                        break;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Every group of the plan's topics with its decision explained, by key. `goals` are the
    /// plan's goals.
    ///
    /// An open group's alternative is `already needed` when a goal, a plain requirement, a
    /// recommendation (with `--with-recommended`) or a preferred choice needs it, or when other
    /// open groups chose it too and one of them comes first (by key): that one, the *decider*,
    /// explains the choice for all, by what each alternative would cost if it and the groups that
    /// follow it (those that list that alternative too) took it instead.
    pub fn explain(&mut self, goals: &[TopicIx]) -> Vec<Decision> {
        let mut keys: Vec<Key> = self
            .choice
            .keys()
            .chain(&self.met_by_known)
            .copied()
            .filter(|k| self.in_plan(k.0))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut decisions = Vec::with_capacity(keys.len());
        let needers = self.needers();
        // Deciders: their decision's index, and what each alternative costs (`None` until the
        // exact search has found it).
        let mut deciders: Vec<(usize, Vec<Option<Cost>>)> = Vec::new();
        for key in keys {
            let fixed = self.fixed(self.alternatives(key));
            let decision = |chosen, reason, needed_by| Decision {
                key,
                chosen,
                reason,
                needed_by,
                added: Vec::new(),
            };
            let c = match fixed {
                Fixed::Known(k) => {
                    decisions.push(decision(k, Reason::Known, None));
                    continue;
                }
                Fixed::Preferred(p) => {
                    let reason = if self.rules.prefer.contains(&p) {
                        Reason::Preferred
                    } else {
                        Reason::Learning
                    };
                    decisions.push(decision(p, reason, None));
                    continue;
                }
                Fixed::Open => match self.chosen(key) {
                    Some(c) => c,
                    None => continue,
                },
            };
            let needer = needers.get(c as usize).copied().flatten().map(|(_, u)| u);
            let followers = self.followers(key, c);
            if needer.is_some() || goals.contains(&c) {
                decisions.push(decision(c, Reason::InPlan, needer));
            } else if let Some(&first) = followers.first()
                && first < key
            {
                decisions.push(decision(c, Reason::InPlan, Some(first.0)));
            } else {
                deciders.push((decisions.len(), self.costs(key, c, &followers)));
                decisions.push(decision(c, Reason::Cheapest, None));
            }
        }
        if self.exact && deciders.iter().any(|(_, costs)| costs.contains(&None)) {
            self.cheapest_plans(&decisions, &mut deciders);
        }
        for (at, costs) in deciders {
            let d = &mut decisions[at];
            let costs: Vec<Cost> = costs.into_iter().map(Option::unwrap_or_default).collect();
            // Judged by hours alone, as printed (the number of topics only breaks ties).
            let alternatives = self.alternatives(d.key);
            let own_at = alternatives
                .iter()
                .position(|&a| a == d.chosen)
                .unwrap_or(0);
            let tied = |i: usize| {
                alternatives[i] != d.chosen && costs[i].millihours == costs[own_at].millihours
            };
            d.reason = if (0..own_at).any(tied) {
                Reason::Tie
            } else if (own_at..alternatives.len()).any(tied) {
                Reason::First
            } else {
                Reason::Cheapest
            };
            d.added = costs.into_iter().map(Cost::hours).collect();
        }
        decisions
    }

    /// For each alternative an open group of the plan chose, the first topic of the plan (by
    /// stage, then declaration) that needs it whatever the open groups decide: a plain
    /// requirement, a recommendation with `--with-recommended`, a preferred choice. One pass
    /// over the plan's topics in declaration order, for every such alternative at once.
    fn needers(&self) -> Vec<Option<(u32, TopicIx)>> {
        let n = self.roadmap.topics.len();
        let mut watched = vec![false; n];
        let mut any = false;
        for (&(t, _), &(c, open)) in &self.choice {
            if open && self.in_plan(t) {
                watched[c as usize] = true;
                any = true;
            }
        }
        let mut needer: Vec<Option<(u32, TopicIx)>> = vec![None; if any { n } else { 0 }];
        if !any {
            return needer;
        }
        for (u, topic) in self.roadmap.topics.iter().enumerate() {
            let u = u as TopicIx;
            if !self.in_plan(u) {
                continue;
            }
            let mut need = |c: TopicIx| {
                if watched[c as usize] {
                    let r = (topic.stage, u);
                    let at = &mut needer[c as usize];
                    if at.is_none_or(|n| r < n) {
                        *at = Some(r);
                    }
                }
            };
            for (e, req) in topic.requires.iter().enumerate() {
                match req {
                    Requirement::Topic(r) => need(*r),
                    Requirement::OneOf(_) => {
                        if let Some(&(a, false)) = self.choice.get(&(u, e as u32)) {
                            need(a);
                        }
                    }
                }
            }
            if self.rules.with_recommended {
                topic.recommends.iter().for_each(|&r| need(r));
            }
        }
        needer
    }

    /// The other open groups of the plan that chose `c`, sorted.
    fn followers(&self, key: Key, c: TopicIx) -> Vec<Key> {
        self.listed_in()
            .of(c)
            .iter()
            .copied()
            .filter(|&k| k != key && self.in_plan(k.0) && self.choice.get(&k) == Some(&(c, true)))
            .collect()
    }

    /// What each alternative of the decider `key` adds to the plan, in the order listed, over a
    /// base: the plan without the links of `key` and `followers` (the other open groups that
    /// chose `c`) into `c`. The chosen `c` adds what the plan loses without them. Another
    /// alternative adds what the cheapest plan in which `key` takes it costs over the base: left
    /// `None` here when the choices were searched exactly, for [`Decider::cheapest_plans`] to
    /// find; else estimated by moving `key` and the followers that list it to it (as local
    /// improvement does). The base is kept in the chosen alternative's place until then.
    fn costs(&mut self, key: Key, c: TopicIx, followers: &[Key]) -> Vec<Option<Cost>> {
        let (mark, was) = self.begin();
        let before = self.cost;
        for &k in std::iter::once(&key).chain(followers) {
            self.set_choice(k, None);
            self.unlink(c);
        }
        let base = self.cost;
        self.undo_to(mark);
        let alternatives = self.alternatives(key);
        let mut costs: Vec<Option<Cost>> = Vec::with_capacity(alternatives.len());
        for (i, &a) in alternatives.iter().enumerate() {
            let cost = if let Some(j) = alternatives[..i].iter().position(|&x| x == a) {
                costs[j]
            } else if a == c {
                Some(before.minus(base))
            } else if self.exact {
                None
            } else {
                let bloc: Vec<Key> = std::iter::once(key)
                    .chain(
                        followers
                            .iter()
                            .copied()
                            .filter(|&k| self.alternatives(k).contains(&a)),
                    )
                    .collect();
                self.move_bloc(&bloc, c, a);
                let cost = self.cost.minus(base);
                self.undo_to(mark);
                Some(cost)
            };
            costs.push(cost);
        }
        self.end(was);
        costs
    }

    /// Fills in the costs [`Decider::costs`] left to the exact search: for each decider and each
    /// alternative it did not take, the cheapest plan in which the decider takes it, over the
    /// same base. The plan is taken back once to the goals and what they need whatever the open
    /// groups decide (every open group's link removed), searched with the group held to the
    /// alternative each time, and restored at the end.
    fn cheapest_plans(
        &mut self,
        decisions: &[Decision],
        deciders: &mut [(usize, Vec<Option<Cost>>)],
    ) {
        // Each decider's base: the plan's cost less what its chosen alternative adds.
        let total = self.cost;
        let bases: Vec<Cost> = deciders
            .iter()
            .map(|(at, costs)| {
                let d = &decisions[*at];
                let own = self.alternatives(d.key).iter().position(|&a| a == d.chosen);
                total.minus(own.and_then(|i| costs[i]).unwrap_or_default())
            })
            .collect();
        let (mark, was) = self.begin();
        for k in self.open_choices() {
            if let Some(c) = self.chosen(k) {
                self.set_choice(k, None);
                self.unlink(c);
            }
        }
        // Holding a group may bring one more open group into the search's scope.
        self.rules.exact_groups += 1;
        for ((at, costs), base) in deciders.iter_mut().zip(bases) {
            let key = decisions[*at].key;
            let alternatives = self.alternatives(key);
            for (i, &a) in alternatives.iter().enumerate() {
                if costs[i].is_some() {
                    continue;
                }
                self.forced = Some((key, a));
                self.fresh = self.base_fresh.clone();
                let best = match self.open_groups() {
                    Some(open) => self.search(&open).0,
                    // Not reached: the plan was searched exactly with one group fewer.
                    None => Cost {
                        millihours: u64::MAX,
                        topics: u64::MAX,
                    },
                };
                let cost = Some(best.minus(base));
                for (j, &b) in alternatives.iter().enumerate() {
                    if b == a {
                        costs[j] = cost;
                    }
                }
            }
        }
        self.rules.exact_groups -= 1;
        self.forced = None;
        self.fresh.clear();
        self.undo_to(mark);
        self.end(was);
    }
}

/// A fixed pseudo-random 128-bit key per topic (splitmix64), XORed into the set's hash.
fn zobrist(t: TopicIx) -> u128 {
    fn mix(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    let a = mix(u64::from(t));
    let b = mix(a ^ 0xD6E8_FEB8_6659_FD93);
    (u128::from(a) << 64) | u128::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A roadmap from TOML topics (one stage `s`), each `(id, hours, requires)` with `requires`
    /// as written in TOML.
    fn roadmap(topics: &[(&str, f64, &str)]) -> Roadmap {
        let mut text =
            String::from("[roadmap]\ntitle = \"t\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
        for (id, hours, requires) in topics {
            text.push_str(&format!(
                "[[topic]]\nid = \"{id}\"\ntitle = \"{id}\"\nstage = \"s\"\nhours = {hours}\nrequires = [{requires}]\n"
            ));
        }
        crate::validate::roadmap_from_str(&text)
    }

    /// The groups are declared so that the cheaper framework for `serving` alone (scikit-learn)
    /// is met first; `training` then needs PyTorch anyway.
    fn frameworks() -> Roadmap {
        roadmap(&[
            ("numpy", 15.0, ""),
            ("sklearn", 20.0, "\"numpy\""),
            ("pytorch", 25.0, "\"numpy\""),
            ("serving", 6.0, "{ one_of = [\"sklearn\", \"pytorch\"] }"),
            ("tracking", 8.0, "{ one_of = [\"sklearn\", \"pytorch\"] }"),
            ("training", 25.0, "\"pytorch\""),
            ("goal", 0.0, "\"serving\", \"tracking\", \"training\""),
        ])
    }

    #[test]
    fn the_groups_listing_a_topic_come_once_each_in_key_order() {
        // `b` is named by both groups of `x`, and twice by the group of `y`.
        let r = roadmap(&[
            ("a", 1.0, ""),
            ("b", 1.0, ""),
            ("c", 1.0, ""),
            (
                "x",
                1.0,
                "{ one_of = [\"a\", \"b\"] }, \"c\", { one_of = [\"c\", \"b\"] }",
            ),
            ("y", 1.0, "{ one_of = [\"b\", \"a\", \"b\"] }"),
        ]);
        let index = ListedIn::new(&r);
        let ix = |id: &str| r.index_of(id).expect("declared");
        let (x, y) = (ix("x"), ix("y"));
        assert_eq!(index.of(ix("a")), [(x, 0), (y, 0)]);
        assert_eq!(index.of(ix("b")), [(x, 0), (x, 2), (y, 0)]);
        assert_eq!(index.of(ix("c")), [(x, 2)]);
        assert!(index.of(x).is_empty() && index.of(y).is_empty());
    }

    /// Ends the test process, failing it, when planning has not ended within a minute: an
    /// endless loop in local improvement (a regression, or a mutant) then fails the suite fast,
    /// with this message, instead of hanging it. Planning ends when the guard is dropped.
    struct Watchdog(#[allow(dead_code)] std::sync::mpsc::Sender<()>);

    fn watchdog() -> Watchdog {
        let (guard, ended) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            let limit = std::time::Duration::from_secs(60);
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = ended.recv_timeout(limit) {
                // Past the harness's capture of `eprintln!`, which exiting would lose.
                let _ = std::io::Write::write_all(
                    &mut std::io::stderr(),
                    b"choose.rs tests: planning did not end within a minute (endless loop)\n",
                );
                std::process::exit(101);
            }
        });
        Watchdog(guard)
    }

    fn decide<'a>(
        roadmap: &'a Roadmap,
        goal: &str,
        exact_groups: usize,
        search_states: usize,
    ) -> (Decider<'a>, Vec<Decision>) {
        decide_with(roadmap, goal, exact_groups, search_states, false)
    }

    /// [`decide`], with recommendations in the plan or not.
    fn decide_with<'a>(
        roadmap: &'a Roadmap,
        goal: &str,
        exact_groups: usize,
        search_states: usize,
        with_recommended: bool,
    ) -> (Decider<'a>, Vec<Decision>) {
        let _planning = watchdog();
        let known = Box::leak(Box::new(HashSet::new()));
        let rules = Rules {
            known,
            prefer: &[],
            learning: Box::leak(Box::new(HashSet::new())),
            with_recommended,
            exact_groups,
            search_states,
        };
        let mut d = Decider::new(roadmap, rules);
        let goal = roadmap.index_of(goal).unwrap();
        d.decide(&[goal]);
        let explained = d.explain(&[goal]);
        (d, explained)
    }

    #[test]
    fn a_needed_alternative_is_reused_rather_than_the_cheapest_alone() {
        let r = frameworks();
        let pytorch = r.index_of("pytorch").unwrap();
        let training = r.index_of("training").unwrap();
        for exact_groups in [EXACT_GROUPS, 0] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.cost().hours(), 15.0 + 25.0 + 6.0 + 8.0 + 25.0);
            assert!(!d.in_plan(r.index_of("sklearn").unwrap()));
            for dec in decisions {
                assert_eq!(dec.chosen, pytorch);
                assert_eq!(dec.reason, Reason::InPlan);
                assert_eq!(dec.needed_by, Some(training));
            }
        }
    }

    #[test]
    fn local_improvement_moves_groups_together() {
        // Greedy meets `serving` first and takes scikit-learn (20 h against 25), `tracking`
        // reuses it, and `training` then takes PyTorch (25 h against 100). Moving `serving`
        // alone to PyTorch frees nothing, as `tracking` still holds scikit-learn: only moving
        // both at once drops it.
        let r = roadmap(&[
            ("numpy", 15.0, ""),
            ("sklearn", 20.0, "\"numpy\""),
            ("pytorch", 25.0, "\"numpy\""),
            ("jax", 100.0, ""),
            ("serving", 6.0, "{ one_of = [\"sklearn\", \"pytorch\"] }"),
            ("tracking", 8.0, "{ one_of = [\"sklearn\", \"pytorch\"] }"),
            ("training", 25.0, "{ one_of = [\"pytorch\", \"jax\"] }"),
            ("goal", 0.0, "\"serving\", \"tracking\", \"training\""),
        ]);
        let (mut d, decisions) = decide(&r, "goal", 0, SEARCH_STATES);
        assert!(!d.exact);
        let pytorch = r.index_of("pytorch").unwrap();
        assert!(
            decisions.iter().all(|x| x.chosen == pytorch),
            "{decisions:?}"
        );
        assert_eq!(d.cost().hours(), 15.0 + 25.0 + 6.0 + 8.0 + 25.0);
        // The exact search agrees.
        let (exact, _) = decide(&r, "goal", EXACT_GROUPS, SEARCH_STATES);
        assert!(exact.exact);
        assert_eq!(exact.cost(), d.cost());
        // Undoing a trial leaves the plan exactly as it was.
        let (serving, tracking) = (
            (r.index_of("serving").unwrap(), 0),
            (r.index_of("tracking").unwrap(), 0),
        );
        let before = (d.cost(), d.members().collect::<Vec<_>>(), d.choice.clone());
        let (mark, was) = d.begin();
        d.move_bloc(
            &[serving, tracking],
            pytorch,
            r.index_of("sklearn").unwrap(),
        );
        assert!(d.cost() > before.0);
        d.undo_to(mark);
        d.end(was);
        assert_eq!(
            (d.cost(), d.members().collect::<Vec<_>>(), d.choice.clone()),
            before
        );
    }

    /// Between alternatives of equal hours the greedy way keeps the first listed, and local
    /// improvement ends: a switch that does not lower the cost is undone (kept, the two would be
    /// swapped back and forth for ever, which `decide`'s watchdog turns into a failure within a
    /// minute).
    #[test]
    fn local_improvement_ends_between_alternatives_of_equal_hours() {
        let r = roadmap(&[
            ("python", 10.0, ""),
            ("r", 10.0, ""),
            ("analysis", 5.0, "{ one_of = [\"python\", \"r\"] }"),
        ]);
        let (d, decisions) = decide(&r, "analysis", 0, SEARCH_STATES);
        let chosen: Vec<(String, Reason, Vec<f64>)> = decisions
            .into_iter()
            .map(|x| (r.topic(x.chosen).id.clone(), x.reason, x.added))
            .collect();
        assert!(!d.exact);
        assert_eq!(d.cost().hours(), 15.0);
        assert_eq!(
            chosen,
            vec![("python".to_string(), Reason::First, vec![10.0, 10.0])]
        );
    }

    /// Greedy: `g` takes `c`, the one of its alternatives in the plan when it is decided (`y`
    /// needs it); `h` then brings `a` in, listed before `c` in `g`. Local improvement points `g`
    /// at `a` (no dearer: `c` stays for `y`), so the plan reads as the exact search's.
    #[test]
    fn local_improvement_takes_an_alternative_listed_earlier_once_in_the_plan() {
        let r = roadmap(&[
            ("a", 10.0, ""),
            ("c", 5.0, ""),
            ("z", 100.0, ""),
            ("y", 1.0, "\"c\""),
            ("g", 1.0, "{ one_of = [\"a\", \"c\"] }"),
            ("h", 1.0, "{ one_of = [\"a\", \"z\"] }"),
            ("goal", 0.0, "\"y\", \"g\", \"h\""),
        ]);
        let a = r.index_of("a").unwrap();
        for exact_groups in [0, EXACT_GROUPS] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact_groups > 0);
            assert_eq!(d.cost().hours(), 18.0);
            let chosen: Vec<TopicIx> = decisions.iter().map(|x| x.chosen).collect();
            assert_eq!(chosen, vec![a, a], "{decisions:?}");
        }
    }

    #[test]
    fn costs_compare_the_cheapest_plans_with_each_alternative() {
        let r = roadmap(&[
            ("python", 20.0, ""),
            ("r", 15.0, ""),
            ("numpy", 8.0, "\"python\""),
            ("pandas", 10.0, "\"python\""),
            ("tidyverse", 10.0, "\"r\""),
            ("analysis", 12.0, "{ one_of = [\"pandas\", \"tidyverse\"] }"),
            (
                "networks",
                20.0,
                "\"analysis\", { one_of = [\"numpy\", \"tidyverse\"] }",
            ),
        ]);
        let (d, decisions) = decide(&r, "networks", EXACT_GROUPS, SEARCH_STATES);
        assert!(d.exact);
        let tidyverse = r.index_of("tidyverse").unwrap();
        assert_eq!(decisions[0].chosen, tidyverse);
        assert_eq!(decisions[0].reason, Reason::Cheapest);
        // Tidyverse and R add 25 h; pandas with Python adds 30 h, and NumPy 8 h more for the
        // other group, which then prefers it: 38 h.
        assert_eq!(decisions[0].added, vec![38.0, 25.0]);
        assert_eq!(decisions[1].reason, Reason::InPlan);
        assert_eq!(
            decisions[1].needed_by,
            Some(r.index_of("analysis").unwrap())
        );
    }

    #[test]
    fn the_search_gives_up_past_its_budget_but_still_plans() {
        // Groups of three alternatives, each needing one of three shared topics: the least plan
        // takes the alternatives that share one (7 h).
        let mut topics: Vec<(String, f64, String)> = (0..3)
            .map(|i| (format!("a{i}"), 1.0, String::new()))
            .collect();
        for g in 0..6 {
            let alts: Vec<String> = (0..3).map(|i| format!("\"x{g}{i}\"")).collect();
            for i in 0..3 {
                topics.push((format!("x{g}{i}"), 1.0, format!("\"a{}\"", (g + i) % 3)));
            }
            topics.push((
                format!("g{g}"),
                0.0,
                format!("{{ one_of = [{}] }}", alts.join(", ")),
            ));
        }
        let all: Vec<String> = (0..6).map(|g| format!("\"g{g}\"")).collect();
        topics.push(("goal".into(), 0.0, all.join(", ")));
        let spec: Vec<(&str, f64, &str)> = topics
            .iter()
            .map(|(a, h, r)| (a.as_str(), *h, r.as_str()))
            .collect();
        let r = roadmap(&spec);
        let (d, _) = decide(&r, "goal", EXACT_GROUPS, SEARCH_STATES);
        assert!(d.exact);
        assert_eq!(d.cost().hours(), 7.0);
        // Stopped after the first complete plan, the search hands it to local improvement.
        let (cut, decisions) = decide(&r, "goal", EXACT_GROUPS, 7);
        assert!(!cut.exact);
        assert_eq!(decisions.len(), 6);
        assert!(cut.cost().hours() >= 7.0);
    }

    /// The ids of the alternatives chosen, in key order.
    fn chosen_ids(r: &Roadmap, decisions: &[Decision]) -> Vec<String> {
        decisions
            .iter()
            .map(|x| r.topic(x.chosen).id.clone())
            .collect()
    }

    /// `exact_groups` counts the open groups a search would have to decide, those a choice could
    /// bring in too: here `goal`'s, and `a`'s, which taking `a` would bring in. Exactly that many
    /// are searched exactly; one more than allowed sends planning the greedy way.
    #[test]
    fn the_groups_a_choice_could_bring_count_toward_the_exact_limit() {
        let r = roadmap(&[
            ("c", 3.0, ""),
            ("d", 4.0, ""),
            ("a", 1.0, "{ one_of = [\"c\", \"d\"] }"),
            ("b", 5.0, ""),
            ("goal", 0.0, "{ one_of = [\"a\", \"b\"] }"),
        ]);
        for (exact_groups, exact) in [(1, false), (2, true), (3, true), (EXACT_GROUPS, true)] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact, "exact_groups = {exact_groups}");
            // a with c (4 h) is cheaper than b (5 h) both ways.
            assert_eq!(chosen_ids(&r, &decisions), ["c", "a"]);
            assert_eq!(d.cost().hours(), 4.0);
        }
    }

    /// The walk of what a choice could bring in stops at the plan's topics: `a` requires `p`,
    /// which is in the plan already, so `p`'s group is counted once (as the plan's), and the
    /// plan's two open groups fit a limit of two.
    #[test]
    fn a_group_of_the_plan_counts_once_toward_the_exact_limit() {
        let r = roadmap(&[
            ("c", 3.0, ""),
            ("d", 4.0, ""),
            ("p", 1.0, "{ one_of = [\"c\", \"d\"] }"),
            ("a", 1.0, "\"p\""),
            ("b", 5.0, ""),
            ("goal", 0.0, "\"p\", { one_of = [\"a\", \"b\"] }"),
        ]);
        for (exact_groups, exact) in [(1, false), (2, true)] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact, "exact_groups = {exact_groups}");
            assert_eq!(chosen_ids(&r, &decisions), ["c", "a"]);
            assert_eq!(d.cost().hours(), 5.0);
        }
    }

    /// A topic a choice could bring in by two ways is walked once: `q`'s group, reached through
    /// `a` and through `b`, counts once, and the two open groups fit a limit of two.
    #[test]
    fn a_group_reached_twice_counts_once_toward_the_exact_limit() {
        let r = roadmap(&[
            ("c", 3.0, ""),
            ("d", 4.0, ""),
            ("q", 1.0, "{ one_of = [\"c\", \"d\"] }"),
            ("a", 1.0, "\"q\""),
            ("b", 2.0, "\"q\""),
            ("goal", 0.0, "{ one_of = [\"a\", \"b\"] }"),
        ]);
        for (exact_groups, exact) in [(1, false), (2, true)] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact, "exact_groups = {exact_groups}");
            assert_eq!(chosen_ids(&r, &decisions), ["c", "a"]);
            assert_eq!(d.cost().hours(), 5.0);
        }
    }

    /// The search visits at most `search_states` states, the plan as it was counting as the
    /// first. Here it has three: the plan, then with `a`, then with `b`; a budget of three lets
    /// it end (exact), a budget of two stops it before `b`, and local improvement then finds
    /// `b` (cheaper) all the same.
    #[test]
    fn the_search_visits_exactly_its_budget_of_states() {
        let r = roadmap(&[
            ("a", 2.0, ""),
            ("b", 1.0, ""),
            ("goal", 0.0, "{ one_of = [\"a\", \"b\"] }"),
        ]);
        for (search_states, exact) in [(1, false), (2, false), (3, true), (4, true)] {
            let (d, decisions) = decide(&r, "goal", EXACT_GROUPS, search_states);
            assert_eq!(d.exact, exact, "search_states = {search_states}");
            assert_eq!(chosen_ids(&r, &decisions), ["b"]);
            assert_eq!(d.cost().hours(), 1.0);
        }
    }

    /// The lower bound cuts a branch whose cost so far is below the best plan's but which must
    /// still add at least as much: after `a` then `x` (2 h), the branch of `b` (1.5 h) still
    /// needs `x` or `y` (at least 1 h more) and is not searched. Five states in all: the plan,
    /// `a`, `a` and `x`, `a` and `y`, `b`; without the bound, `b` and `x`, `b` and `y` too.
    #[test]
    fn the_search_cuts_a_branch_that_cannot_beat_the_best_plan() {
        let r = roadmap(&[
            ("a", 1.0, ""),
            ("b", 1.5, ""),
            ("x", 1.0, ""),
            ("y", 5.0, ""),
            (
                "goal",
                0.0,
                "{ one_of = [\"a\", \"b\"] }, { one_of = [\"x\", \"y\"] }",
            ),
        ]);
        for (search_states, exact) in [(4, false), (5, true)] {
            let (d, decisions) = decide(&r, "goal", EXACT_GROUPS, search_states);
            assert_eq!(d.exact, exact, "search_states = {search_states}");
            assert_eq!(chosen_ids(&r, &decisions), ["a", "x"]);
            assert_eq!(d.cost().hours(), 2.0);
        }
    }

    /// The search tells apart states of many topics: each alternative of `goal`'s group brings
    /// in thirty topics of its own, and the one listed second (15 h against 30 h) is taken. (Its
    /// memo keys a state by the XOR of its topics' keys; an OR of thirty keys, say, sets nearly
    /// every bit for both, and the second state, taken for the first, is not searched.)
    #[test]
    fn the_search_tells_apart_states_of_many_topics() {
        let mut topics: Vec<(String, f64, String)> = Vec::new();
        for (alternative, hours) in [("a", 1.0), ("b", 0.5)] {
            let parts: Vec<String> = (0..30).map(|i| format!("{alternative}{i}")).collect();
            for p in &parts {
                topics.push((p.clone(), hours, String::new()));
            }
            let requires: Vec<String> = parts.iter().map(|p| format!("\"{p}\"")).collect();
            topics.push((alternative.into(), 0.0, requires.join(", ")));
        }
        topics.push(("goal".into(), 0.0, "{ one_of = [\"a\", \"b\"] }".into()));
        let spec: Vec<(&str, f64, &str)> = topics
            .iter()
            .map(|(a, h, r)| (a.as_str(), *h, r.as_str()))
            .collect();
        let r = roadmap(&spec);
        let (d, decisions) = decide(&r, "goal", EXACT_GROUPS, SEARCH_STATES);
        assert!(d.exact);
        assert_eq!(chosen_ids(&r, &decisions), ["b"]);
        assert_eq!(d.cost().hours(), 15.0);
    }

    /// With recommendations in the plan, an alternative that leaves takes out what it alone
    /// recommended: `x` adds its own hour and the 2 h of `r`, which it recommends, so the costs
    /// explained are 3 h for `x` and 5 h for `y` (what the plan loses without `x` is measured
    /// by taking `x` out).
    #[test]
    fn an_alternative_taken_out_takes_out_what_it_alone_recommended() {
        let r = crate::validate::roadmap_from_str(
            "[roadmap]\ntitle = \"t\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
             [[topic]]\nid = \"r\"\ntitle = \"r\"\nstage = \"s\"\nhours = 2\n\
             [[topic]]\nid = \"x\"\ntitle = \"x\"\nstage = \"s\"\nhours = 1\nrecommends = [\"r\"]\n\
             [[topic]]\nid = \"y\"\ntitle = \"y\"\nstage = \"s\"\nhours = 5\n\
             [[topic]]\nid = \"goal\"\ntitle = \"goal\"\nstage = \"s\"\nhours = 0\n\
             requires = [{ one_of = [\"x\", \"y\"] }]\n",
        );
        for exact_groups in [EXACT_GROUPS, 0] {
            let (d, decisions) = decide_with(&r, "goal", exact_groups, SEARCH_STATES, true);
            assert_eq!(d.exact, exact_groups > 0);
            assert_eq!(d.cost().hours(), 3.0);
            assert_eq!(chosen_ids(&r, &decisions), ["x"]);
            assert_eq!(decisions[0].reason, Reason::Cheapest);
            assert_eq!(decisions[0].added, vec![3.0, 5.0]);
        }
    }

    /// Backtracking restores the search's key of the state exactly: here the search goes deep
    /// under `t0` (8 h at best), then finds `t4`, which meets all three groups (with `t2`, 7 h).
    /// With the key left wrong by an undo, the state of `t4` took the key of one seen before and
    /// was not searched (the plan of 8 h won). Found by comparing, over random roadmaps, the
    /// plans of the code and of such a search.
    #[test]
    fn the_search_backtracks_to_the_state_it_left() {
        let r = roadmap(&[
            ("t0", 3.0, ""),
            ("t1", 1.0, ""),
            ("t2", 3.0, ""),
            ("t3", 3.0, ""),
            ("t4", 4.0, "\"t2\""),
            ("t5", 2.0, "\"t0\""),
            (
                "goal",
                0.0,
                "{ one_of = [\"t0\", \"t4\"] }, { one_of = [\"t3\", \"t4\"] }, \
                 { one_of = [\"t5\", \"t4\"] }",
            ),
        ]);
        let (d, decisions) = decide(&r, "goal", EXACT_GROUPS, SEARCH_STATES);
        assert!(d.exact);
        assert_eq!(chosen_ids(&r, &decisions), ["t4", "t4", "t4"]);
        assert_eq!(d.cost().hours(), 7.0);
    }

    /// A decider over `r` with the plan holding `goal` (and what it requires), `known` known.
    fn plan_of<'a>(r: &'a Roadmap, goal: &str, known: &[&str]) -> Decider<'a> {
        let known: HashSet<TopicIx> = known.iter().map(|k| r.index_of(k).unwrap()).collect();
        let rules = Rules {
            known: Box::leak(Box::new(known)),
            prefer: &[],
            learning: Box::leak(Box::new(HashSet::new())),
            with_recommended: false,
            exact_groups: EXACT_GROUPS,
            search_states: SEARCH_STATES,
        };
        let mut d = Decider::new(r, rules);
        d.link(r.index_of(goal).unwrap());
        d
    }

    /// What an alternative adds is it and what it requires outside the plan, each topic once
    /// and known ones not at all, and `None` only past the bound (equal to it is not past);
    /// `cheapest` takes the alternative that adds least, the first listed on a tie. Each count
    /// starts afresh: what one alternative required is counted again for the next.
    #[test]
    fn an_alternative_adds_what_it_requires_outside_the_plan_once() {
        let r = roadmap(&[
            ("p", 7.0, ""),
            ("k", 50.0, ""),
            ("x", 10.0, ""),
            ("y", 10.0, ""),
            ("s", 4.0, ""),
            ("a", 5.0, "\"x\", \"k\", \"p\", \"x\""),
            ("b", 8.0, "\"x\""),
            ("c", 2.0, "\"s\", \"p\""),
            ("e", 5.0, "\"y\""),
            ("goal", 0.0, "\"p\""),
        ]);
        let ix = |id: &str| r.index_of(id).unwrap();
        let cost = |hours: f64, topics: u64| Cost {
            millihours: (hours * 1000.0) as u64,
            topics,
        };
        let mut d = plan_of(&r, "goal", &["k"]);
        assert_eq!(d.cost(), cost(7.0, 2));
        // `a` and `x`: `k` is known, `p` in the plan, `x` required twice.
        assert_eq!(d.marginal(ix("a"), None), Some(cost(15.0, 2)));
        // `x` counted again, though the count before went through it.
        assert_eq!(d.marginal(ix("b"), None), Some(cost(18.0, 2)));
        assert_eq!(d.marginal(ix("a"), None), Some(cost(15.0, 2)));
        assert_eq!(d.marginal(ix("p"), None), Some(Cost::default()));
        assert_eq!(d.marginal(ix("k"), None), Some(Cost::default()));
        // The bound: reached is not exceeded; exceeded on the way gives up.
        assert_eq!(
            d.marginal(ix("a"), Some(cost(15.0, 2))),
            Some(cost(15.0, 2))
        );
        assert_eq!(d.marginal(ix("a"), Some(cost(15.0, 1))), None);
        assert_eq!(d.marginal(ix("b"), Some(cost(15.0, 2))), None);
        assert_eq!(d.marginal(ix("c"), Some(cost(15.0, 2))), Some(cost(6.0, 2)));
        // The least, whatever the order; the first listed of two that add alike (15 h, 2 topics).
        assert_eq!(d.cheapest(&[ix("b"), ix("a")]), ix("a"));
        assert_eq!(d.cheapest(&[ix("b"), ix("a"), ix("c")]), ix("c"));
        assert_eq!(d.cheapest(&[ix("a"), ix("e")]), ix("a"));
        assert_eq!(d.cheapest(&[ix("e"), ix("a")]), ix("e"));
        // Nothing was added to the plan.
        assert_eq!(d.members().collect::<Vec<_>>(), [ix("p"), ix("goal")]);
    }

    /// The cheapest plan in which a decider takes another alternative holds only that group to
    /// it: here `j`'s group still takes `y` (1 h) when `k`'s is held to `q`, and `k`'s still
    /// takes `p` when `j`'s is held to `z`.
    #[test]
    fn an_alternative_is_costed_with_only_its_own_group_held() {
        let r = roadmap(&[
            ("p", 1.0, ""),
            ("q", 2.0, ""),
            ("z", 10.0, ""),
            ("y", 1.0, ""),
            ("k", 0.0, "{ one_of = [\"p\", \"q\"] }"),
            ("j", 0.0, "{ one_of = [\"z\", \"y\"] }"),
            ("goal", 0.0, "\"k\", \"j\""),
        ]);
        for exact_groups in [EXACT_GROUPS, 0] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact_groups > 0);
            assert_eq!(d.cost().hours(), 2.0);
            assert_eq!(chosen_ids(&r, &decisions), ["p", "y"]);
            let added: Vec<&[f64]> = decisions.iter().map(|x| x.added.as_slice()).collect();
            assert_eq!(added, [&[1.0, 2.0][..], &[10.0, 1.0][..]]);
        }
    }

    /// Holding a decider to an alternative may bring one more open group into the search than
    /// planning had: `g`'s group is met by `b` (which `goal` requires) when planned, so only
    /// `h`'s is searched (`exact_groups` 1); held to `d`, `g`'s is open too, and the search for
    /// its cost may count two. `g` takes `c`, which `h`'s group brings in; `b` would add as much
    /// (2 h: `h`'s group still needs `c`), `d` 5 h (with `c`).
    #[test]
    fn a_held_group_may_bring_one_more_group_into_the_search() {
        let r = roadmap(&[
            ("c", 2.0, ""),
            ("z", 10.0, ""),
            ("b", 1.0, ""),
            ("d", 3.0, ""),
            ("g", 0.0, "{ one_of = [\"c\", \"b\", \"d\"] }"),
            ("h", 0.0, "{ one_of = [\"c\", \"z\"] }"),
            ("goal", 0.0, "\"b\", \"g\", \"h\""),
        ]);
        let (d, decisions) = decide(&r, "goal", 1, SEARCH_STATES);
        assert!(d.exact);
        assert_eq!(d.cost().hours(), 3.0);
        assert_eq!(chosen_ids(&r, &decisions), ["c", "c"]);
        assert_eq!(decisions[0].reason, Reason::First);
        assert_eq!(decisions[0].added, vec![2.0, 2.0, 5.0]);
        assert_eq!(decisions[1].reason, Reason::InPlan);
        assert_eq!(decisions[1].needed_by, r.index_of("g"));
    }

    /// An alternative needed by several topics of the plan is explained by the first of them
    /// by stage, then by declaration: here `early` (first stage), declared after `late` (second
    /// stage) and `later` (second stage too).
    #[test]
    fn an_alternative_needed_by_several_is_needed_by_the_first_by_stage() {
        let r = crate::validate::roadmap_from_str(
            "[roadmap]\ntitle = \"t\"\n\
             [[stage]]\nid = \"one\"\ntitle = \"One\"\n\
             [[stage]]\nid = \"two\"\ntitle = \"Two\"\n\
             [[topic]]\nid = \"c\"\ntitle = \"c\"\nstage = \"one\"\nhours = 1\n\
             [[topic]]\nid = \"z\"\ntitle = \"z\"\nstage = \"one\"\nhours = 1\n\
             [[topic]]\nid = \"late\"\ntitle = \"late\"\nstage = \"two\"\nhours = 1\nrequires = [\"c\"]\n\
             [[topic]]\nid = \"early\"\ntitle = \"early\"\nstage = \"one\"\nhours = 1\nrequires = [\"c\"]\n\
             [[topic]]\nid = \"later\"\ntitle = \"later\"\nstage = \"two\"\nhours = 1\nrequires = [\"c\"]\n\
             [[topic]]\nid = \"g\"\ntitle = \"g\"\nstage = \"two\"\nhours = 1\n\
             requires = [{ one_of = [\"z\", \"c\"] }]\n\
             [[topic]]\nid = \"goal\"\ntitle = \"goal\"\nstage = \"two\"\nhours = 0\n\
             requires = [\"late\", \"g\", \"later\", \"early\"]\n",
        );
        for exact_groups in [EXACT_GROUPS, 0] {
            let (_, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(chosen_ids(&r, &decisions), ["c"]);
            assert_eq!(decisions[0].reason, Reason::InPlan);
            assert_eq!(decisions[0].needed_by, r.index_of("early"));
        }
    }

    /// The search's memo tells states apart by the XOR of their topics' keys: the keys of
    /// different topics differ, and the first 100 are independent (as bit vectors), so no two
    /// different sets of those topics share a key. (100 random vectors of 128 bits are
    /// independent but for a chance of about 2^-28; 128 of them only 29 % of the time.)
    #[test]
    fn the_keys_of_topics_tell_their_sets_apart() {
        let keys: Vec<u128> = (0..1 << 16).map(zobrist).collect();
        let distinct: HashSet<u128> = keys.iter().copied().collect();
        assert_eq!(distinct.len(), keys.len());
        // Gaussian elimination over GF(2): each key reduced by the basis so far adds a vector.
        let mut basis: Vec<u128> = Vec::new();
        for &k in &keys[..100] {
            let mut v = k;
            for &b in &basis {
                v = v.min(v ^ b);
            }
            assert_ne!(v, 0, "a key of the first 100 is the XOR of others");
            basis.push(v);
            basis.sort_unstable_by(|a, b| b.cmp(a));
        }
        // The keys are splitmix64's: the high half of topic 0's is that generator's published
        // first output from the seed 0, and the low half mixes the high half once more.
        assert_eq!(keys[0], 0xE220_A839_7B1D_CDAF_978F_58F5_A2DE_735C);
        assert_eq!(keys[1], 0x910A_2DEC_8902_5CC1_C7DA_7532_C220_F4FB);
    }

    /// A plan costs the least hours, then the fewest topics: `b` alone and `a` with `x` take
    /// the same hours, and `b`, listed second, is taken (both ways), its reason a tie.
    #[test]
    fn between_plans_of_equal_hours_the_one_of_fewer_topics_wins() {
        let r = roadmap(&[
            ("x", 0.0, ""),
            ("a", 2.0, "\"x\""),
            ("b", 2.0, ""),
            ("goal", 1.0, "{ one_of = [\"a\", \"b\"] }"),
        ]);
        for exact_groups in [EXACT_GROUPS, 0] {
            let (d, decisions) = decide(&r, "goal", exact_groups, SEARCH_STATES);
            assert_eq!(d.exact, exact_groups > 0);
            assert_eq!(chosen_ids(&r, &decisions), ["b"]);
            assert_eq!(d.members().count(), 2);
            assert_eq!(
                d.cost(),
                Cost {
                    millihours: 3000,
                    topics: 2
                }
            );
            assert_eq!(decisions[0].reason, Reason::Tie);
            assert_eq!(decisions[0].added, vec![2.0, 2.0]);
        }
    }
}
