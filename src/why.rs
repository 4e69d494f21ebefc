//! Why a topic is in a plan: the chains of dependencies from the plan's goals down to it, each link
//! a requirement, a recommendation (with `--with-recommended`) or the alternative a `one_of`
//! chose. This is what `roadmap why` prints, the way `cargo tree -i` answers for a crate.

use hashbrown::HashMap;

use crate::model::{Requirement, Roadmap, TopicIx};
use crate::plan::{Choice, Plan};
use crate::query;

/// How a step of a chain depends on the next one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Link<'p> {
    /// A plain requirement.
    Requires,
    /// A recommendation, followed because of `--with-recommended`.
    Recommends,
    /// The alternative one of its `one_of`s chose.
    Chose(&'p Choice),
}

/// A plan's dependencies both ways, to walk chains in it.
pub struct Chains<'p> {
    plan: &'p Plan,
    requires: HashMap<TopicIx, &'p [TopicIx]>,
    users: HashMap<TopicIx, Vec<TopicIx>>,
}

impl<'p> Chains<'p> {
    pub fn new(plan: &'p Plan) -> Chains<'p> {
        let mut requires = HashMap::with_capacity(plan.steps.len());
        let mut users: HashMap<TopicIx, Vec<TopicIx>> = HashMap::new();
        for s in &plan.steps {
            requires.insert(s.topic, s.requires.as_slice());
            for &r in &s.requires {
                users.entry(r).or_default().push(s.topic);
            }
        }
        Chains {
            plan,
            requires,
            users,
        }
    }

    pub fn contains(&self, t: TopicIx) -> bool {
        self.requires.contains_key(&t)
    }

    /// Chains from `goal` down to `topic`, each step depending on the next: shortest first (ties
    /// in index order), at most `max`. Just `[topic]` when `topic` is the goal.
    pub fn from_goal(&self, goal: TopicIx, topic: TopicIx, max: usize) -> Vec<Vec<TopicIx>> {
        if !self.contains(goal) || !self.contains(topic) || max == 0 {
            return Vec::new();
        }
        if goal == topic {
            return vec![vec![topic]];
        }
        query::chains(
            goal,
            topic,
            max,
            |t| self.requires.get(&t).map_or_else(Vec::new, |r| r.to_vec()),
            |t| self.users.get(&t).cloned().unwrap_or_default(),
        )
    }

    /// How step `from` depends on `to` (one of its dependencies).
    pub fn link(&self, roadmap: &Roadmap, from: TopicIx, to: TopicIx) -> Link<'p> {
        let plain = roadmap
            .topic(from)
            .requires
            .iter()
            .any(|r| matches!(r, Requirement::Topic(x) if *x == to));
        if plain {
            return Link::Requires;
        }
        match self
            .plan
            .choices
            .iter()
            .find(|c| c.topic == from && c.chosen == to)
        {
            Some(c) => Link::Chose(c),
            None => Link::Recommends,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_chain_leads_outside_the_plan_or_past_the_limit() {
        let roadmap = crate::validate::roadmap_from_str(
            "[roadmap]\ntitle = \"T\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
             [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nhours = 1\n\
             [[topic]]\nid = \"b\"\ntitle = \"B\"\nstage = \"s\"\nhours = 1\nrequires = [\"a\"]\n\
             [[topic]]\nid = \"c\"\ntitle = \"C\"\nstage = \"s\"\nhours = 1\n",
        );
        let ix = |id: &str| roadmap.index_of(id).unwrap();
        let (a, b, c) = (ix("a"), ix("b"), ix("c"));
        let plan = crate::plan::plan(&roadmap, &[b], &crate::plan::Options::default());
        let chains = Chains::new(&plan);
        assert!(chains.contains(a) && chains.contains(b));
        assert!(!chains.contains(c));
        assert_eq!(chains.from_goal(b, a, 5), [vec![b, a]]);
        assert_eq!(chains.from_goal(b, b, 5), [vec![b]]);
        // A goal of another plan is no chain of this one, not even to itself.
        assert!(chains.from_goal(c, c, 5).is_empty());
        assert!(chains.from_goal(b, c, 5).is_empty());
        assert!(chains.from_goal(c, a, 5).is_empty());
        // No room left: nothing, not even the goal itself.
        assert!(chains.from_goal(b, b, 0).is_empty());
        assert!(chains.from_goal(b, a, 0).is_empty());
    }
}
