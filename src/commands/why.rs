//! `roadmap why TOPIC [GOAL...]`: how a topic gets into the plan of some goals: the chains from each
//! goal down to it, drawn upside down as `cargo tree -i` draws them (the topic at the top, the
//! goals at the leaves), each link a requirement or the alternative a `one_of` chose.

use hashbrown::HashSet;
use serde::Serialize;

use crate::cli::{TextOrJson, WhyArgs};
use crate::commands::Ctx;
use crate::commands::plan::reason_text;
use crate::error::{Error, Result};
use crate::i18n::{Localizer, Msg};
use crate::lookup;
use crate::model::{Roadmap, TopicIx, TopicKind};
use crate::msg;
use crate::plan::{self, Plan};
use crate::query::{self, Direction, Node, NodeKind};
use crate::render::json;
use crate::render::tree;
use crate::why::{Chains, Link};

#[derive(Serialize)]
struct WhyJson<'a> {
    topic: &'a str,
    goals: Vec<&'a str>,
    chains: Vec<Vec<&'a str>>,
}

pub fn run(ctx: &mut Ctx, args: &WhyArgs) -> Result<u8> {
    let roadmap = ctx.roadmap()?;
    let topic = lookup::topic(&roadmap, &args.topic)?;
    let options = ctx.plan_options(&roadmap, &args.choices)?;
    let id = |t: TopicIx| roadmap.topic(t).id.as_str();
    if options.known.contains(&topic) {
        return Err(Error::Query(msg!("why-known", id = id(topic))));
    }
    // The plans to look in: one plan of the goals given, or each role's own plan.
    let given = lookup::goals(&roadmap, &args.goals)?;
    let plans: Vec<(Vec<TopicIx>, Plan)> = if given.is_empty() {
        let roles: Vec<TopicIx> = roadmap
            .topics_in_stage_order()
            .into_iter()
            .filter(|&t| roadmap.topic(t).kind == TopicKind::Role)
            .collect();
        if roles.is_empty() {
            return Err(Error::Query(msg!("why-no-roles")));
        }
        roles
            .into_iter()
            .map(|r| (vec![r], plan::plan(&roadmap, &[r], &options)))
            .collect()
    } else {
        let plan = plan::plan(&roadmap, &given, &options);
        vec![(given.clone(), plan)]
    };
    let max = if args.all { args.max as usize } else { 1 };
    // Each chain with the plan it runs in.
    let mut found: Vec<(usize, Vec<TopicIx>)> = Vec::new();
    let mut goals_with: Vec<TopicIx> = Vec::new();
    for (p, (goals, plan)) in plans.iter().enumerate() {
        let chains = Chains::new(plan);
        for &g in goals {
            let room = if args.all { max - found.len() } else { 1 };
            if room == 0 {
                break;
            }
            let cs = chains.from_goal(g, topic, room);
            if !cs.is_empty() && !goals_with.contains(&g) {
                goals_with.push(g);
            }
            found.extend(cs.into_iter().map(|c| (p, c)));
        }
    }
    if found.is_empty() {
        return Err(Error::Query(not_in_plan(
            &roadmap, &plans, topic, &given, &options, ctx.loc,
        )));
    }
    match args.format {
        TextOrJson::Json => json::write(
            ctx.out,
            &WhyJson {
                topic: id(topic),
                goals: goals_with.iter().map(|&g| id(g)).collect(),
                chains: found
                    .iter()
                    .map(|(_, c)| c.iter().map(|&t| id(t)).collect())
                    .collect(),
            },
        )?,
        TextOrJson::Text => {
            let (nodes, notes) = inverted_tree(&roadmap, &plans, topic, &found, ctx.loc);
            let lang = ctx.lang();
            tree::write_text_with(ctx.out, &roadmap, &nodes, lang, ctx.loc, |i| {
                notes[i].clone()
            })?;
        }
    }
    Ok(0)
}

/// The chains merged into one tree rooted at `topic`, each chain read from the topic up to its
/// goal, in the order found; with, for each node, how it depends on its parent when that is not
/// a plain requirement.
fn inverted_tree(
    roadmap: &Roadmap,
    plans: &[(Vec<TopicIx>, Plan)],
    topic: TopicIx,
    found: &[(usize, Vec<TopicIx>)],
    loc: &Localizer,
) -> (Vec<Node>, Vec<Option<String>>) {
    // A trie: each node's topic, children (in the order inserted) and note.
    let mut topics: Vec<TopicIx> = vec![topic];
    let mut children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut notes: Vec<Option<String>> = vec![None];
    let indexes: Vec<Chains> = plans.iter().map(|(_, p)| Chains::new(p)).collect();
    for (p, chain) in found {
        let mut at = 0;
        for w in chain.windows(2).rev() {
            let (user, dependency) = (w[0], w[1]);
            at = match children[at].iter().find(|&&c| topics[c] == user) {
                Some(&c) => c,
                None => {
                    let note = match indexes[*p].link(roadmap, user, dependency) {
                        Link::Requires => None,
                        Link::Recommends => Some(loc.t("tree-via-recommends")),
                        Link::Chose(c) => Some(loc.text(&msg!(
                            "why-via-one-of",
                            alternatives = alternatives(roadmap, c),
                            reason = reason_text(loc, roadmap, c, false)
                        ))),
                    };
                    topics.push(user);
                    children.push(Vec::new());
                    notes.push(note);
                    children[at].push(topics.len() - 1);
                    topics.len() - 1
                }
            };
        }
    }
    // Pre-order, with an explicit stack: (trie node, depth, last child).
    let mut nodes = Vec::with_capacity(topics.len());
    let mut order = Vec::with_capacity(topics.len());
    let mut stack = vec![(0, 0, true)];
    while let Some((n, depth, last)) = stack.pop() {
        nodes.push(Node {
            kind: NodeKind::Topic(topics[n]),
            depth,
            last,
            seen: false,
            cut: false,
            via: None,
        });
        order.push(n);
        let count = children[n].len();
        for (i, &c) in children[n].iter().enumerate().rev() {
            stack.push((c, depth + 1, i + 1 == count));
        }
    }
    let notes = order.iter().map(|&n| notes[n].clone()).collect();
    (nodes, notes)
}

/// A choice's alternatives, as ids separated by commas.
fn alternatives(roadmap: &Roadmap, c: &plan::Choice) -> String {
    let ids: Vec<&str> = c
        .one_of
        .iter()
        .map(|&a| roadmap.topic(a).id.as_str())
        .collect();
    ids.join(", ")
}

/// Why no chain was found: the topic is an alternative the plan did not take, or only topics the
/// learner knows lead to it, or nothing the goals need requires it.
fn not_in_plan(
    roadmap: &Roadmap,
    plans: &[(Vec<TopicIx>, Plan)],
    topic_ix: TopicIx,
    given: &[TopicIx],
    options: &plan::Options,
    loc: &Localizer,
) -> Msg {
    let id = |t: TopicIx| roadmap.topic(t).id.as_str();
    let taken = plans.iter().find_map(|(_, plan)| {
        plan.choices
            .iter()
            .find(|c| c.one_of.contains(&topic_ix) && c.chosen != topic_ix)
    });
    let why = if let Some(c) = taken {
        msg!(
            "why-takes-instead",
            owner = id(c.topic),
            chosen = id(c.chosen),
            alternatives = alternatives(roadmap, c),
            reason = reason_text(loc, roadmap, c, false)
        )
    } else {
        let goals: Vec<TopicIx> = plans.iter().flat_map(|(g, _)| g.iter().copied()).collect();
        // Whether a goal leads to the topic through requirements and any alternative, not going
        // past known topics.
        let through_unknown = goals.iter().any(|&g| {
            let mut seen: HashSet<TopicIx> = HashSet::from([g]);
            let mut todo = vec![g];
            while let Some(t) = todo.pop() {
                let topic = roadmap.topic(t);
                let recommends = topic.recommends.iter().filter(|_| options.with_recommended);
                for &next in topic
                    .requires
                    .iter()
                    .flat_map(|r| r.topics())
                    .chain(recommends)
                {
                    if next == topic_ix {
                        return true;
                    }
                    if !options.known.contains(&next) && seen.insert(next) {
                        todo.push(next);
                    }
                }
            }
            false
        });
        if through_unknown {
            msg!("why-only-alternatives")
        } else if goals.iter().any(|&g| {
            query::reachable(roadmap, g, Direction::Prereqs, options.with_recommended)
                .contains(&topic_ix)
        }) {
            msg!("why-only-known")
        } else {
            msg!("why-not-needed")
        }
    };
    if given.is_empty() {
        msg!("why-absent-roles", id = id(topic_ix), why = why)
    } else {
        let names: Vec<&str> = given.iter().map(|&g| id(g)).collect();
        msg!(
            "why-absent-goals",
            goals = names.join(", "),
            id = id(topic_ix),
            why = why
        )
    }
}
