//! Generates large synthetic roadmaps, to measure and stress `roadmap` on graphs far bigger than
//! any hand-written one, and to cross-check its graph algorithms against coreutils `tsort` and
//! Graphviz `tred`.
//!
//! ```console
//! cargo run --release --example generate -- --topics 100000 --degree 5 --seed 1 -o /tmp/big.toml
//! ./target/release/roadmap --roadmap /tmp/big.toml check
//! cargo run --release --example generate -- --topics 1000 --format tsort | tsort > /dev/null
//! cargo run --release --example generate -- --topics 100000 --chain -o /tmp/chain.toml
//! ```
//!
//! The output depends only on the arguments: the random numbers come from a self-written
//! splitmix64, not from a crate or the platform, so a file can be regenerated anywhere instead of
//! being shared.
//!
//! Shape: topics sit in layers about sqrt(N) wide, in id order, like the levels of a curriculum.
//! Every topic past layer 0 requires at least one topic of the previous layer, and most of its
//! requirements come from there; a few reach two or three layers back. So each topic's depth is
//! its layer, and a long requirement is kept only when no other requirement of the same topic
//! already leads to it, which keeps `check` free of redundant-requirement warnings by
//! construction. Every reference points to an earlier layer, so the graph is acyclic.

use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: generate --topics N [options]

Writes a deterministic synthetic roadmap.

options:
  --topics N            number of topics (required, at least 1)
  --degree D            average plain requirements per topic past the first layer [default: 5]
  --seed S              random seed [default: 1]
  --stages K            number of stages (at most one per layer) [default: 10]
  --one-of-rate P       fraction of topics that also get a `one_of` of 2-3 topics [default: 0.05]
  --recommends-rate P   fraction of topics that get one `recommends` entry [default: 0.05]
  --chain               a single chain instead: t1 requires t0, t2 requires t1, ...
                        (ignores --degree and the rates)
  --format FORMAT       toml, tsort (coreutils tsort input) or dot (for Graphviz tred)
                        [default: toml]
  -o FILE               write to FILE [default: standard output]
  -h, --help            print this help";

/// Share of requirements past the first that reach two or three layers back instead of one:
/// enough to give the graph the irregular depths of a real curriculum, few enough that the
/// redundancy check below rarely has to reject one.
const LONG_RATE: f64 = 0.2;
/// Draws tried before giving up on a long requirement, alternative or recommendation whose
/// candidates are mostly implied already (only in tiny layers).
const TRIES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Toml,
    Tsort,
    Dot,
}

#[derive(Debug)]
struct Options {
    topics: u32,
    degree: u32,
    seed: u64,
    stages: u32,
    one_of_rate: f64,
    recommends_rate: f64,
    chain: bool,
    format: Format,
    output: Option<String>,
}

/// A usage error, printed above the usage text.
struct Usage(String);

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, Usage> {
    let mut topics = None;
    let mut o = Options {
        topics: 0,
        degree: 5,
        seed: 1,
        stages: 10,
        one_of_rate: 0.05,
        recommends_rate: 0.05,
        chain: false,
        format: Format::Toml,
        output: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // `--name=value` and `--name value` both work, as with most tools.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| Usage(format!("{name} needs {what}")))
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--topics" => topics = Some(number(&name, &value("a number")?)?),
            "--degree" => o.degree = number(&name, &value("a number")?)?,
            "--seed" => o.seed = number(&name, &value("a number")?)?,
            "--stages" => o.stages = number(&name, &value("a number")?)?,
            "--one-of-rate" => o.one_of_rate = rate(&name, &value("a fraction")?)?,
            "--recommends-rate" => o.recommends_rate = rate(&name, &value("a fraction")?)?,
            "--chain" if inline.is_none() => o.chain = true,
            "--format" => {
                o.format = match value("a format")?.as_str() {
                    "toml" => Format::Toml,
                    "tsort" => Format::Tsort,
                    "dot" => Format::Dot,
                    other => return Err(Usage(format!("unknown format `{other}`"))),
                }
            }
            "-o" | "--output" => o.output = Some(value("a file name")?),
            _ => return Err(Usage(format!("unexpected argument `{arg}`"))),
        }
    }
    o.topics = topics.ok_or_else(|| Usage("--topics is required".into()))?;
    if o.topics == 0 {
        return Err(Usage("--topics must be at least 1".into()));
    }
    if o.stages == 0 {
        return Err(Usage("--stages must be at least 1".into()));
    }
    Ok(Some(o))
}

fn number<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, Usage> {
    text.parse()
        .map_err(|_| Usage(format!("{name}: `{text}` is not a valid number")))
}

fn rate(name: &str, text: &str) -> Result<f64, Usage> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(Usage(format!(
            "{name}: `{text}` is not a fraction in 0..=1"
        ))),
    }
}

/// splitmix64: tiny, fast, well distributed, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); multiply-shift instead of `%`, so no bias worth the name
    /// and no division.
    fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        // 53 random bits give a uniform float in [0, 1).
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// How topics are arranged: `width` topics per layer, in id order.
struct Layers {
    n: u32,
    width: u32,
    count: u32,
}

impl Layers {
    fn new(n: u32, chain: bool) -> Layers {
        // A chain is the degenerate layering: one topic per layer.
        let width = if chain {
            1
        } else {
            (n as f64).sqrt().ceil() as u32
        };
        Layers {
            n,
            width,
            count: n.div_ceil(width),
        }
    }

    fn of(&self, topic: u32) -> u32 {
        topic / self.width
    }

    /// The topics of `layer`, as a start and a length (the last layer may be short).
    fn range(&self, layer: u32) -> (u32, u32) {
        let start = layer * self.width;
        (start, self.width.min(self.n - start))
    }
}

/// The plain requirements of every topic generated so far (compressed rows), which the
/// redundancy check walks.
struct Plain {
    start: Vec<usize>,
    reqs: Vec<u32>,
}

impl Plain {
    fn of(&self, topic: u32) -> &[u32] {
        &self.reqs[self.start[topic as usize]..self.start[topic as usize + 1]]
    }
}

/// Visited marks with an epoch per use, so each topic's check costs its own closure, not a
/// clear of a vector as large as the roadmap.
struct Marks {
    epoch: u32,
    seen: Vec<u32>,
    stack: Vec<u32>,
}

impl Marks {
    fn new(n: u32) -> Marks {
        Marks {
            epoch: 0,
            seen: vec![0; n as usize],
            stack: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            // Wrapped: old marks could match again, so start over.
            self.seen.fill(0);
            self.epoch = 1;
        }
    }

    fn is_marked(&self, t: u32) -> bool {
        self.seen[t as usize] == self.epoch
    }

    /// Marks `from` and everything it requires, directly or not, down to layer `floor`. Only
    /// that band matters: a topic below `floor` cannot lead back up to a candidate at `floor`
    /// or above, and it keeps the walk to a few dozen topics.
    fn add_closure(&mut self, from: u32, floor: u32, plain: &Plain, layers: &Layers) {
        if self.is_marked(from) {
            return;
        }
        self.seen[from as usize] = self.epoch;
        self.stack.push(from);
        while let Some(t) = self.stack.pop() {
            for &r in plain.of(t) {
                if layers.of(r) >= floor && !self.is_marked(r) {
                    self.seen[r as usize] = self.epoch;
                    self.stack.push(r);
                }
            }
        }
    }
}

/// One topic's generated references.
#[derive(Default)]
struct Refs {
    plain: Vec<u32>,
    one_of: Vec<u32>,
    recommends: Option<u32>,
}

#[derive(Default)]
struct Stats {
    plain: u64,
    long: u64,
    long_dropped: u64,
    one_of_groups: u64,
    one_of_alternatives: u64,
    recommends: u64,
}

struct Generator {
    o: Options,
    layers: Layers,
    stages: u32,
    rng: Rng,
    plain: Plain,
    marks: Marks,
    stats: Stats,
}

impl Generator {
    fn new(o: Options) -> Generator {
        let layers = Layers::new(o.topics, o.chain);
        // More stages than layers would leave some empty, which `check` warns about.
        let stages = o.stages.min(layers.count);
        let per_topic = if o.chain { 1 } else { o.degree.max(1) as usize };
        let expected = o.topics as usize * per_topic;
        Generator {
            rng: Rng(o.seed),
            plain: Plain {
                start: {
                    let mut s = Vec::with_capacity(o.topics as usize + 1);
                    s.push(0);
                    s
                },
                reqs: Vec::with_capacity(expected),
            },
            marks: Marks::new(o.topics),
            stats: Stats::default(),
            stages,
            layers,
            o,
        }
    }

    fn stage_of(&self, topic: u32) -> u32 {
        // Layers split evenly into consecutive bands.
        (u64::from(self.layers.of(topic)) * u64::from(self.stages) / u64::from(self.layers.count))
            as u32
    }

    /// 1 to 40 hours, a quarter of them with a half hour, as estimates tend to be written.
    fn hours(&mut self) -> f64 {
        let h = 1 + self.rng.below(40);
        if h < 40 && self.rng.below(4) == 0 {
            f64::from(h) + 0.5
        } else {
            f64::from(h)
        }
    }

    /// Distinct random topics of `layer` not yet in `taken` (Floyd's sampling, so no retry loop
    /// even when `k` is close to the layer's width).
    fn sample_layer(&mut self, layer: u32, k: u32, taken: &mut Vec<u32>) {
        let (start, len) = self.layers.range(layer);
        let k = k.min(len);
        let before = taken.len();
        for j in len - k..len {
            let t = start + self.rng.below(j + 1);
            let pick = if taken[before..].contains(&t) {
                start + j
            } else {
                t
            };
            taken.push(pick);
        }
    }

    /// A topic of `layer` that is not marked and not in `except`, or none after a few tries.
    fn unmarked(&mut self, layer: u32, except: &[u32]) -> Option<u32> {
        let (start, len) = self.layers.range(layer);
        (0..TRIES).find_map(|_| {
            let t = start + self.rng.below(len);
            (!self.marks.is_marked(t) && !except.contains(&t)).then_some(t)
        })
    }

    fn refs(&mut self, topic: u32) -> Refs {
        let mut refs = Refs::default();
        let layer = self.layers.of(topic);
        if self.o.chain {
            if topic > 0 {
                refs.plain.push(topic - 1);
            }
            return refs;
        }
        if layer == 0 || self.o.degree == 0 {
            return refs;
        }
        // 1..=2D-1 requirements, uniformly, so the mean is D.
        let count = 1 + self.rng.below(2 * self.o.degree - 1);
        // The first requirement always comes from the previous layer, which pins the topic's
        // depth to its layer; that is what makes the band-limited checks below exact.
        let mut near = 1;
        let mut long_layers = Vec::new();
        for _ in 1..count {
            if layer >= 2 && self.rng.chance(LONG_RATE) {
                let back = if layer >= 3 && self.rng.below(3) == 0 {
                    3
                } else {
                    2
                };
                long_layers.push(layer - back);
            } else {
                near += 1;
            }
        }
        self.sample_layer(layer - 1, near, &mut refs.plain);

        if !long_layers.is_empty() {
            // Higher layers first: a topic can only lead to lower layers, so once the closure of
            // everything accepted so far is marked, a candidate is redundant exactly when marked
            // (and a later, lower candidate cannot make an earlier one redundant).
            long_layers.sort_unstable_by(|a, b| b.cmp(a));
            let floor = *long_layers.last().unwrap();
            self.marks.clear();
            for i in 0..refs.plain.len() {
                let r = refs.plain[i];
                self.marks.add_closure(r, floor, &self.plain, &self.layers);
            }
            for &l in &long_layers {
                self.stats.long += 1;
                match self.unmarked(l, &[]) {
                    Some(t) => {
                        self.marks.add_closure(t, floor, &self.plain, &self.layers);
                        refs.plain.push(t);
                    }
                    None => self.stats.long_dropped += 1,
                }
            }
        }

        // Alternatives from the previous layer, which no plain requirement can imply: a `one_of`
        // that the plain requirements already satisfy would be pointless.
        if self.rng.chance(self.o.one_of_rate) {
            let k = 2 + self.rng.below(2);
            let (_, len) = self.layers.range(layer - 1);
            let free = len.saturating_sub(near);
            if free >= 2 {
                let mut taken = refs.plain.clone();
                let before = taken.len();
                // Sample among the whole layer, then drop clashes with plain requirements.
                self.sample_layer(layer - 1, (k + near).min(len), &mut taken);
                let picked: Vec<u32> = taken[before..]
                    .iter()
                    .copied()
                    .filter(|t| !refs.plain.contains(t))
                    .take(k as usize)
                    .collect();
                if picked.len() >= 2 {
                    refs.one_of = picked;
                }
            }
        }

        // One recommendation from the window, never one the plain requirements already imply
        // (`check` warns about that) nor one of the alternatives.
        if self.rng.chance(self.o.recommends_rate) {
            let back = 1 + self.rng.below(layer.min(3));
            let target = layer - back;
            self.marks.clear();
            for i in 0..refs.plain.len() {
                let r = refs.plain[i];
                self.marks.add_closure(r, target, &self.plain, &self.layers);
            }
            refs.recommends = self.unmarked(target, &refs.one_of);
        }
        refs.plain.sort_unstable();
        refs.one_of.sort_unstable();
        refs
    }

    fn run(&mut self, out: &mut impl Write) -> io::Result<()> {
        let digits = (self.o.topics - 1).to_string().len().max(6);
        let mut w = Writer { out, digits };
        if self.o.format == Format::Toml {
            self.toml_header(&mut w)?;
        } else if self.o.format == Format::Dot {
            w.out.write_all(b"digraph roadmap {\n")?;
        }
        for topic in 0..self.o.topics {
            let hours = self.hours();
            let refs = self.refs(topic);
            self.plain.reqs.extend_from_slice(&refs.plain);
            self.plain.start.push(self.plain.reqs.len());
            self.stats.plain += refs.plain.len() as u64;
            if !refs.one_of.is_empty() {
                self.stats.one_of_groups += 1;
                self.stats.one_of_alternatives += refs.one_of.len() as u64;
            }
            self.stats.recommends += u64::from(refs.recommends.is_some());
            match self.o.format {
                Format::Toml => w.toml_topic(topic, self.stage_of(topic), hours, &refs)?,
                Format::Tsort => w.edges(topic, &refs, false)?,
                Format::Dot => w.edges(topic, &refs, true)?,
            }
        }
        if self.o.format == Format::Dot {
            w.out.write_all(b"}\n")?;
        }
        Ok(())
    }

    fn toml_header(&self, w: &mut Writer<'_, impl Write>) -> io::Result<()> {
        let o = &self.o;
        let shape = if o.chain {
            format!("a chain of {} topics", o.topics)
        } else {
            format!(
                "{} topics, degree {}, seed {}, one_of rate {}, recommends rate {}",
                o.topics, o.degree, o.seed, o.one_of_rate, o.recommends_rate
            )
        };
        writeln!(
            w.out,
            "# Generated by `cargo run --example generate`: {shape}."
        )?;
        writeln!(w.out, "[roadmap]")?;
        writeln!(w.out, "title = \"Generated roadmap\"")?;
        writeln!(w.out, "summary = \"Synthetic layered roadmap: {shape}\"")?;
        for s in 0..self.stages {
            writeln!(w.out, "\n[[stage]]\nid = \"s{:02}\"", s + 1)?;
            writeln!(w.out, "title = \"Stage {}\"", s + 1)?;
        }
        Ok(())
    }
}

/// Writes ids straight into the buffer: `write!` per id is the bulk of the time at a million
/// topics.
struct Writer<'a, W: Write> {
    out: &'a mut W,
    digits: usize,
}

impl<W: Write> Writer<'_, W> {
    fn id(&mut self, topic: u32) -> io::Result<()> {
        let mut buf = [b'0'; 12];
        buf[0] = b't';
        let mut n = topic;
        for i in (1..=self.digits).rev() {
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.out.write_all(&buf[..=self.digits])
    }

    fn quoted_list(&mut self, topics: &[u32]) -> io::Result<()> {
        for (i, &t) in topics.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b", ")?;
            }
            self.out.write_all(b"\"")?;
            self.id(t)?;
            self.out.write_all(b"\"")?;
        }
        Ok(())
    }

    fn toml_topic(&mut self, topic: u32, stage: u32, hours: f64, refs: &Refs) -> io::Result<()> {
        self.out.write_all(b"\n[[topic]]\nid = \"")?;
        self.id(topic)?;
        writeln!(self.out, "\"\ntitle = \"Topic {topic}\"")?;
        writeln!(self.out, "stage = \"s{:02}\"\nhours = {hours}", stage + 1)?;
        if !refs.plain.is_empty() || !refs.one_of.is_empty() {
            self.out.write_all(b"requires = [")?;
            self.quoted_list(&refs.plain)?;
            if !refs.one_of.is_empty() {
                if !refs.plain.is_empty() {
                    self.out.write_all(b", ")?;
                }
                self.out.write_all(b"{ one_of = [")?;
                self.quoted_list(&refs.one_of)?;
                self.out.write_all(b"] }")?;
            }
            self.out.write_all(b"]\n")?;
        }
        if let Some(r) = refs.recommends {
            self.out.write_all(b"recommends = [")?;
            self.quoted_list(&[r])?;
            self.out.write_all(b"]\n")?;
        }
        Ok(())
    }

    /// One `prerequisite topic` line (tsort) or `"prerequisite" -> "topic";` (dot) per plain
    /// requirement and alternative. A topic with none still appears, as `t t` for tsort (its
    /// convention for a lone node) or a node statement for dot, so it is not lost.
    fn edges(&mut self, topic: u32, refs: &Refs, dot: bool) -> io::Result<()> {
        let (open, sep, end): (&[u8], &[u8], &[u8]) = if dot {
            (b"  \"", b"\" -> \"", b"\";\n")
        } else {
            (b"", b" ", b"\n")
        };
        if refs.plain.is_empty() && refs.one_of.is_empty() {
            self.out.write_all(open)?;
            self.id(topic)?;
            if !dot {
                self.out.write_all(sep)?;
                self.id(topic)?;
            }
            return self.out.write_all(end);
        }
        for &r in refs.plain.iter().chain(&refs.one_of) {
            self.out.write_all(open)?;
            self.id(r)?;
            self.out.write_all(sep)?;
            self.id(topic)?;
            self.out.write_all(end)?;
        }
        Ok(())
    }
}

/// The TOML of a generated roadmap, for the benchmarks (which include this file as a module).
pub fn toml(topics: u32, degree: u32, seed: u64) -> Vec<u8> {
    let args = [
        "--topics".to_owned(),
        topics.to_string(),
        "--degree".to_owned(),
        degree.to_string(),
        "--seed".to_owned(),
        seed.to_string(),
    ];
    let options = parse_args(args)
        .ok()
        .flatten()
        .expect("the benchmarks' arguments are valid");
    let mut out = Vec::new();
    Generator::new(options)
        .run(&mut out)
        .expect("writing to memory cannot fail");
    out
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("generate: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let target = options.output.clone();
    let sink: Box<dyn Write> = match &target {
        Some(path) => match File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("generate: cannot create {path}: {e}");
                return ExitCode::from(2);
            }
        },
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    let mut g = Generator::new(options);
    if let Err(e) = g.run(&mut out).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is not worth a message, but still a failure.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("generate: write error: {e}");
        }
        return ExitCode::from(2);
    }
    let s = &g.stats;
    eprintln!(
        "generate: {} topics in {} layers of {}, {} stages; {} plain requirements \
         ({} long, {} long dropped as implied), {} one_of groups ({} alternatives), \
         {} recommends; {} edges in all; {:.2?}",
        g.o.topics,
        g.layers.count,
        g.layers.width,
        g.stages,
        s.plain,
        s.long - s.long_dropped,
        s.long_dropped,
        s.one_of_groups,
        s.one_of_alternatives,
        s.recommends,
        s.plain + s.one_of_alternatives + s.recommends,
        started.elapsed(),
    );
    ExitCode::SUCCESS
}
