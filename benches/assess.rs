//! How many questions `roadmap assess` needs: over random downward-closed "true" knowledge sets
//! of a plan's topics, a simulated learner answers every question truthfully, and the table
//! gives the questions asked against the topics in scope, for the default strategy and the
//! even-split baseline, with the certificate lower bound and whether the recovered set was
//! exactly the true one. Scopes: the built-in roadmap's `ml-engineer` and several goals of the
//! Metacademy concept graph (benches/data/metacademy, CC BY-SA 3.0, see its NOTICE.md).
//!
//! Run with `cargo bench --bench assess` (a few seconds to a minute); it prints the Markdown
//! table kept in docs/assess.md. The figures are counts, not times: they do not depend on the
//! machine, and the generators are seeded, so every run prints the same table.

use std::time::Instant;

use hashbrown::HashSet;
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};

use roadmap::assess::{self, Strategy};
use roadmap::load::{self, Origin};
use roadmap::model::{Roadmap, TopicIx, TopicKind};
use roadmap::plan::{self, Plan};
use roadmap::validate;

const TRIALS: usize = 200;

/// How the learner's true knowledge is drawn, always downward closed over the plan's
/// dependencies (each step's `requires`: plain requirements and the `one_of` choices made).
#[derive(Clone, Copy)]
enum Generator {
    /// Studied in a random valid order and stopped at a random point (size uniform).
    Prefix,
    /// Knows everything under 0 to 4 random topics.
    Seeds,
    /// Went through the topics in a random valid order and learnt each one whose requirements
    /// were known with a chance `p`, itself uniform in (0, 1) per learner.
    Learner,
    /// Close to uniform over every downward-closed set (a long Glauber chain): a stress test
    /// more than a learner.
    Uniform,
}

const GENERATORS: [(Generator, &str); 4] = [
    (Generator::Prefix, "prefix of a study order"),
    (Generator::Seeds, "everything under 0-4 topics"),
    (Generator::Learner, "learner with a learning rate"),
    (Generator::Uniform, "uniform over knowledge states"),
];

struct Scope<'r> {
    roadmap: &'r Roadmap,
    goals: Vec<TopicIx>,
    /// Topics of the plan (roles left out) and, by position, their dependencies in it.
    topics: Vec<TopicIx>,
    requires: Vec<Vec<usize>>,
    users: Vec<Vec<usize>>,
}

impl<'r> Scope<'r> {
    fn new(roadmap: &'r Roadmap, goals: Vec<TopicIx>) -> Scope<'r> {
        let plan: Plan = plan::plan(roadmap, &goals, &plan::Options::default());
        let steps: Vec<_> = plan
            .steps
            .iter()
            .filter(|s| roadmap.topic(s.topic).kind != TopicKind::Role)
            .collect();
        let topics: Vec<TopicIx> = steps.iter().map(|s| s.topic).collect();
        let pos = |t: &TopicIx| topics.iter().position(|x| x == t);
        let requires: Vec<Vec<usize>> = steps
            .iter()
            .map(|s| s.requires.iter().filter_map(pos).collect())
            .collect();
        let mut users = vec![Vec::new(); topics.len()];
        for (i, rs) in requires.iter().enumerate() {
            for &r in rs {
                users[r].push(i);
            }
        }
        Scope {
            roadmap,
            goals,
            topics,
            requires,
            users,
        }
    }

    fn len(&self) -> usize {
        self.topics.len()
    }

    fn random_order(&self, rng: &mut TestRng) -> Vec<usize> {
        let mut waiting: Vec<usize> = self.requires.iter().map(Vec::len).collect();
        let mut ready: Vec<usize> = (0..self.len()).filter(|&i| waiting[i] == 0).collect();
        let mut order = Vec::new();
        while !ready.is_empty() {
            let i = ready.swap_remove(below(rng, ready.len()));
            order.push(i);
            for &u in &self.users[i] {
                waiting[u] -= 1;
                if waiting[u] == 0 {
                    ready.push(u);
                }
            }
        }
        order
    }

    fn down(&self, from: &[usize], into: &mut [bool]) {
        let mut stack = from.to_vec();
        while let Some(i) = stack.pop() {
            if !into[i] {
                into[i] = true;
                stack.extend(&self.requires[i]);
            }
        }
    }

    fn draw(&self, generator: Generator, rng: &mut TestRng) -> Vec<bool> {
        let n = self.len();
        let mut known = vec![false; n];
        match generator {
            Generator::Prefix => {
                let order = self.random_order(rng);
                let k = below(rng, n + 1);
                for &i in &order[..k] {
                    known[i] = true;
                }
            }
            Generator::Seeds => {
                let seeds: Vec<usize> = (0..below(rng, 5)).map(|_| below(rng, n)).collect();
                self.down(&seeds, &mut known);
            }
            Generator::Learner => {
                let p = unit(rng);
                for i in self.random_order(rng) {
                    if self.requires[i].iter().all(|&r| known[r]) && unit(rng) < p {
                        known[i] = true;
                    }
                }
            }
            Generator::Uniform => {
                for _ in 0..n * 200 {
                    let i = below(rng, n);
                    let flip = rng.next_u32() & 1 == 1;
                    if known[i] {
                        if flip && self.users[i].iter().all(|&u| !known[u]) {
                            known[i] = false;
                        }
                    } else if flip && self.requires[i].iter().all(|&r| known[r]) {
                        known[i] = true;
                    }
                }
            }
        }
        known
    }

    /// Questions no strategy can do without: one yes for each known topic nothing known stands
    /// on, one no for each unknown topic whose requirements are all known.
    fn fringe(&self, known: &[bool]) -> usize {
        (0..self.len())
            .filter(|&i| {
                if known[i] {
                    self.users[i].iter().all(|&u| !known[u])
                } else {
                    self.requires[i].iter().all(|&r| known[r])
                }
            })
            .count()
    }
}

fn below(rng: &mut TestRng, n: usize) -> usize {
    (rng.next_u64() % n.max(1) as u64) as usize
}

fn unit(rng: &mut TestRng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[derive(Default)]
struct Tally {
    questions: usize,
    worst: usize,
    exact: usize,
}

fn run(scope: &Scope, strategy: Strategy, truths: &[Vec<bool>]) -> Tally {
    let mut tally = Tally::default();
    for known in truths {
        let truth: HashSet<TopicIx> = (0..scope.len())
            .filter(|&i| known[i])
            .map(|i| scope.topics[i])
            .collect();
        let a = assess::simulate(
            scope.roadmap,
            &scope.goals,
            plan::Options::default(),
            strategy,
            &truth,
            None,
        );
        let found: HashSet<TopicIx> = a.known().into_iter().collect();
        tally.questions += a.questions();
        tally.worst = tally.worst.max(a.questions());
        tally.exact += usize::from(found == truth && a.open().is_empty());
    }
    tally
}

fn load(origin: Origin) -> Roadmap {
    let files = load::read(&origin).expect("the roadmap reads");
    let (doc, findings) = load::parse(files).expect("the roadmap parses");
    validate::validate(doc, findings)
        .roadmap
        .expect("the roadmap is valid")
}

fn main() {
    let builtin = load(Origin::Default);
    let metacademy = load(Origin::Path(
        [
            env!("CARGO_MANIFEST_DIR"),
            "benches/data/metacademy/metacademy.toml",
        ]
        .iter()
        .collect(),
    ));
    let goal = |r: &Roadmap, id: &str| r.index_of(id).unwrap_or_else(|| panic!("no `{id}`"));
    let scopes = [
        (
            "ml-engineer (built-in)",
            Scope::new(&builtin, vec![goal(&builtin, "ml-engineer")]),
        ),
        (
            "gp_classification_laplace (Metacademy)",
            Scope::new(
                &metacademy,
                vec![goal(&metacademy, "gp_classification_laplace")],
            ),
        ),
        (
            "hierarchical_dirichlet_process (Metacademy)",
            Scope::new(
                &metacademy,
                vec![goal(&metacademy, "hierarchical_dirichlet_process")],
            ),
        ),
        (
            "bayesian_linear_regression (Metacademy)",
            Scope::new(
                &metacademy,
                vec![goal(&metacademy, "bayesian_linear_regression")],
            ),
        ),
        (
            "unsupervised_pre_training (Metacademy)",
            Scope::new(
                &metacademy,
                vec![goal(&metacademy, "unsupervised_pre_training")],
            ),
        ),
    ];
    println!(
        "| Scope | Topics | Knowledge drawn as | Questions (mean) | of scope | worst | baseline | lower bound | exact |"
    );
    println!("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let pct = |q: usize, n: usize| 100.0 * q as f64 / (TRIALS * n) as f64;
    let mut overall = [(0.0, 0.0); 2];
    let mut times = Vec::new();
    for (name, scope) in &scopes {
        let n = scope.len();
        let mut mean = [0.0; 2];
        let mut realistic = [0.0; 2];
        // Seconds spent by the default strategy, and its questions.
        let mut time = [0.0; 2];
        for (g, (generator, label)) in GENERATORS.iter().enumerate() {
            let mut rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[g as u8 + 1; 32]);
            let truths: Vec<Vec<bool>> = (0..TRIALS)
                .map(|_| scope.draw(*generator, &mut rng))
                .collect();
            let fringe: usize = truths.iter().map(|t| scope.fringe(t)).sum();
            let start = Instant::now();
            let ours = run(scope, Strategy::Expected, &truths);
            time[0] += start.elapsed().as_secs_f64();
            time[1] += ours.questions as f64;
            let base = run(scope, Strategy::EvenSplit, &truths);
            println!(
                "| {name} | {n} | {label} | {:.1} | {:.1} % | {} | {:.1} % | {:.1} % | {}/{TRIALS} |",
                ours.questions as f64 / TRIALS as f64,
                pct(ours.questions, n),
                ours.worst,
                pct(base.questions, n),
                pct(fringe, n),
                ours.exact,
            );
            let pair = [pct(ours.questions, n), pct(base.questions, n)];
            for k in 0..2 {
                mean[k] += pair[k] / GENERATORS.len() as f64;
                if !matches!(generator, Generator::Uniform) {
                    realistic[k] += pair[k] / (GENERATORS.len() - 1) as f64;
                }
            }
        }
        println!(
            "| {name} | {n} | *mean of the three learner-like draws* | | **{:.1} %** | | {:.1} % | | |",
            realistic[0], realistic[1]
        );
        println!(
            "| {name} | {n} | *mean of all four* | | **{:.1} %** | | {:.1} % | | |",
            mean[0], mean[1]
        );
        times.push(format!("{name} {:.2} ms", 1e3 * time[0] / time[1].max(1.0)));
        overall[0].0 += realistic[0] / scopes.len() as f64;
        overall[0].1 += realistic[1] / scopes.len() as f64;
        overall[1].0 += mean[0] / scopes.len() as f64;
        overall[1].1 += mean[1] / scopes.len() as f64;
    }
    println!(
        "\nAll scopes, learner-like draws: {:.1} % (baseline {:.1} %); all four draws: {:.1} % (baseline {:.1} %).",
        overall[0].0, overall[0].1, overall[1].0, overall[1].1
    );
    // Times depend on the machine (and on what else runs on it): printed apart from the table.
    eprintln!(
        "Time per question of the default strategy (answer, inference, new plan and choice of the next question): {}.",
        times.join("; ")
    );
}
