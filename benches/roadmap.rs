//! Benchmarks of the pipeline's stages on generated roadmaps of 1,000, 10,000 and 100,000 topics
//! (about five requirements each, from examples/generate.rs): load (TOML to document), validate,
//! the cache of validated roadmaps, plan and prereqs for a goal deep in the graph, export to DOT,
//! and the transitive reduction. Run with `cargo bench`; CI only builds them
//! (`cargo bench --no-run`). Scripted comparisons with other tools are in benches/compare.sh.

use std::sync::OnceLock;

use divan::Bencher;
use roadmap::diagram;
use roadmap::load::{self, RawFile};
use roadmap::model::{Roadmap, TopicIx};
use roadmap::plan;
use roadmap::query::{self, Direction, TreeOptions};
use roadmap::render::dot;
use roadmap::validate;

#[path = "../examples/generate.rs"]
#[allow(dead_code)]
mod generate;

const SIZES: [u32; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// The generated file for a size, made once per run.
fn file(topics: u32) -> RawFile {
    static FILES: [OnceLock<Vec<u8>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = SIZES
        .iter()
        .position(|&s| s == topics)
        .expect("a benchmarked size");
    let bytes = FILES[i].get_or_init(|| generate::toml(topics, 5, 1));
    (format!("generated-{topics}.toml"), bytes.clone())
}

fn roadmap(topics: u32) -> Roadmap {
    let (doc, findings) = load::parse(vec![file(topics)]).expect("a generated roadmap loads");
    validate::validate(doc, findings)
        .roadmap
        .expect("a generated roadmap is valid")
}

/// The last topic of a generated roadmap sits in its deepest layer.
fn deep_goal(roadmap: &Roadmap) -> TopicIx {
    roadmap.topics.len() as TopicIx - 1
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: Bencher, topics: u32) {
    bencher
        .with_inputs(|| vec![file(topics)])
        .bench_values(|files| load::parse(files).expect("loads"));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn validate(bencher: Bencher, topics: u32) {
    bencher
        .with_inputs(|| load::parse(vec![file(topics)]).expect("loads"))
        .bench_values(|(doc, findings)| validate::validate(doc, findings));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn cache_read(bencher: Bencher, topics: u32) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let files = vec![file(topics)];
    let key = roadmap::cache::key(&files);
    let (doc, findings) = load::parse(files).expect("loads");
    roadmap::cache::store(dir.path(), &key, &validate::validate(doc, findings));
    bencher.bench(|| roadmap::cache::load(dir.path(), &key).expect("cached"));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn plan_deep_goal(bencher: Bencher, topics: u32) {
    let roadmap = roadmap(topics);
    let goal = deep_goal(&roadmap);
    bencher.bench(|| plan::plan(&roadmap, &[goal], &plan::Options::default()));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn prereqs_deep_goal(bencher: Bencher, topics: u32) {
    let roadmap = roadmap(topics);
    let root = deep_goal(&roadmap);
    let options = TreeOptions {
        direction: Direction::Prereqs,
        depth: None,
        dedupe: true,
        with_recommended: false,
    };
    bencher.bench(|| query::tree(&roadmap, root, options));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn export_dot(bencher: Bencher, topics: u32) {
    let roadmap = roadmap(topics);
    let style = dot::Style {
        clusters: true,
        left_to_right: false,
        legend: false,
        ui: roadmap::i18n::Ui::En,
    };
    bencher.bench(|| {
        let d = diagram::build(&roadmap, &diagram::Options::default());
        dot::print(&dot::graph(&roadmap, &d, style, "bench", None))
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn reduce(bencher: Bencher, topics: u32) {
    let roadmap = roadmap(topics);
    let options = diagram::Options {
        reduce: true,
        ..diagram::Options::default()
    };
    bencher.bench(|| diagram::build(&roadmap, &options));
}
