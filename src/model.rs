//! The roadmap's data types. One set of types serves both sides of validation: a [`Document`] holds
//! what the files say, references still as names; a [`Roadmap`] holds the same topics with every
//! reference resolved to an index, and exists only when validation found no error.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use crate::graph::Graph;
use crate::source::{Sources, Span};

/// The rule for topic and stage ids as a regular expression (for the JSON Schema; validation
/// checks it with [`crate::validate::is_valid_id`]).
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._+-]*$";

/// The shape of a resource's `lang` (for the JSON Schema; [`crate::lang::check`] checks the
/// code itself).
pub const LANG_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";

/// Index of a topic in [`Roadmap::topics`] (also its node index in the graph).
pub type TopicIx = u32;
/// Index of a stage in [`Roadmap::stages`] (the stage order).
pub type StageIx = u32;

/// What a topic is: something to learn, or a career goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    /// Something to learn.
    #[default]
    Topic,
    /// A career goal such as `ml-engineer`, reached by learning what it requires.
    Role,
}

impl TopicKind {
    pub const NAMES: [&'static str; 2] = ["topic", "role"];

    pub fn parse(name: &str) -> Option<TopicKind> {
        match name {
            "topic" => Some(TopicKind::Topic),
            "role" => Some(TopicKind::Role),
            _ => None,
        }
    }
}

/// What kind of resource it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    Book,
    Course,
    Docs,
    Video,
    Article,
    Tutorial,
}

impl ResourceKind {
    pub const NAMES: [&'static str; 6] = ["book", "course", "docs", "video", "article", "tutorial"];

    pub fn parse(name: &str) -> Option<ResourceKind> {
        Some(match name {
            "book" => ResourceKind::Book,
            "course" => ResourceKind::Course,
            "docs" => ResourceKind::Docs,
            "video" => ResourceKind::Video,
            "article" => ResourceKind::Article,
            "tutorial" => ResourceKind::Tutorial,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A place to learn a topic (a `[[topic.resources]]` table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Resource {
    /// What it is: the name of the book, course, page or video.
    pub title: String,
    /// Where it is: an absolute `https://` (or `http://`) URL.
    pub url: String,
    pub kind: Option<ResourceKind>,
    /// The language it is written in (a checked language code such as `zh`); `None` when the
    /// file does not say, which means the roadmap's own language.
    #[schemars(
        description = "The language it is written in: a language code such as `zh`, `en`, \
                       `pt-BR` (a BCP 47 tag over ISO 639). Absent: the roadmap's own language.",
        pattern(LANG_PATTERN)
    )]
    pub lang: Option<String>,
    /// Whether it can be read without paying (`free = false` marks a paid book or course).
    #[schemars(default = "free_by_default")]
    pub free: bool,
    /// Where the title and the URL are written (for findings; not kept in the cache).
    #[serde(skip)]
    pub title_span: Span,
    #[serde(skip)]
    pub url_span: Span,
}

/// A resource is free unless the file says otherwise.
fn free_by_default() -> bool {
    true
}

impl Resource {
    /// Whether it is written in `lang` (as given to `--lang`; see [`crate::lang::matches`]).
    pub fn is_in(&self, lang: &str) -> bool {
        self.lang
            .as_deref()
            .is_some_and(|l| crate::lang::matches(l, lang))
    }
}

/// Translated texts for one language code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Translation {
    /// The title in this language.
    pub title: Option<String>,
    /// The summary in this language.
    pub summary: Option<String>,
}

/// Translations by language code, sorted so output is stable.
pub type I18n = BTreeMap<String, Translation>;

/// A name as written in a file (a reference to a stage or a topic), with where it was written.
///
/// A large roadmap holds hundreds of thousands of references, nearly all plain strings in the
/// source text, so a name is kept as where its text is in the source rather than copied; only a
/// name written with escapes is kept decoded. [`Name::as_str`] reads it from the sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// The value as written, quotes included (for findings).
    pub span: Span,
    text: NameText,
    /// A byte of what would be padding, whose unused values leave room for the tag of a
    /// [`Requirement<Name>`]: a requirement as written takes 24 bytes, not 32 (half a million
    /// of them at 100,000 topics, alive at the peak of a cold check).
    room: Room,
}

/// Always [`Room::Spare`]: see [`Name`]'s `room`. A fieldless enum of two values gives the
/// compiler 254 values no `Name` has, to mark another variant of an enum holding one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Room {
    Spare,
    #[allow(dead_code)]
    Unused,
}

/// Where a name's text is. Nearly every name is a plain quoted string, whose text is its span
/// without the quotes: that case takes no room beyond the span, so a reference is 24 bytes, not
/// 32 (a large roadmap holds hundreds of thousands, all alive at the peak of a cold check).
#[derive(Clone, Debug, PartialEq)]
enum NameText {
    /// The span's text without its first and last byte (the quotes).
    InQuotes,
    Elsewhere(Box<Elsewhere>),
}

#[derive(Clone, Debug, PartialEq)]
enum Elsewhere {
    /// Bytes `start..start + len` of the span's file.
    Source {
        start: u32,
        len: u32,
    },
    Owned(Box<str>),
}

/// In a file, a name is the id it refers to.
impl JsonSchema for Name {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The id of a topic (or, in `stage`, of a stage).",
            "type": "string",
            "pattern": ID_PATTERN
        })
    }
}

impl Name {
    /// A name whose text is bytes `start..start + len` of `span`'s file.
    pub fn in_source(span: Span, start: u32, len: u32) -> Name {
        Name {
            span,
            text: match start == span.start + 1 && start + len + 1 == span.end {
                true => NameText::InQuotes,
                false => NameText::Elsewhere(Box::new(Elsewhere::Source { start, len })),
            },
            room: Room::Spare,
        }
    }

    pub fn owned(span: Span, text: &str) -> Name {
        Name {
            span,
            text: NameText::Elsewhere(Box::new(Elsewhere::Owned(text.into()))),
            room: Room::Spare,
        }
    }

    /// The name's text.
    pub fn as_str<'a>(&'a self, sources: &'a Sources) -> &'a str {
        let (start, end) = match &self.text {
            NameText::InQuotes => (self.span.start + 1, self.span.end - 1),
            NameText::Elsewhere(far) => match &**far {
                Elsewhere::Source { start, len } => (*start, *start + *len),
                Elsewhere::Owned(s) => return s,
            },
        };
        let text = &sources.file(self.span).text;
        text.get(start as usize..end as usize).unwrap_or("")
    }

    /// The stand-in for a required name the file leaves out (already reported as missing): empty,
    /// with a zero-width span at the table's header, which no written value can have.
    pub fn missing(header: Span) -> Name {
        Name::owned(
            Span {
                end: header.start,
                ..header
            },
            "",
        )
    }

    pub fn is_missing(&self) -> bool {
        self.span.start == self.span.end
    }
}

/// One entry of `requires`: a topic, or a group of alternatives of which any one is enough.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(untagged)]
pub enum Requirement<R> {
    /// The id of a topic that must be learned first.
    Topic(R),
    /// Boxed: groups are rare, and a plain requirement then takes 16 bytes, not 40, in a
    /// roadmap's hundreds of thousands of requirements.
    #[schemars(description = "A choice: any one of the alternatives is enough.")]
    OneOf(Box<Group<R>>),
}

/// A `{ one_of = [...] }` entry: any one of these topics is enough.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Group<R> {
    /// The alternatives, the recommended one first.
    #[schemars(rename = "one_of", length(min = 1))]
    pub alternatives: Vec<R>,
    #[schemars(skip)]
    pub span: Span,
}

impl<R> Requirement<R> {
    /// Every topic this entry names.
    pub fn topics(&self) -> &[R] {
        match self {
            Requirement::Topic(r) => std::slice::from_ref(r),
            Requirement::OneOf(group) => &group.alternatives,
        }
    }
}

/// The `[roadmap]` table: exactly one in the whole roadmap.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Meta {
    /// The roadmap's name (it also names the learner's progress file).
    pub title: String,
    /// One sentence about the roadmap.
    pub summary: Option<String>,
    /// Translations of the title and summary, by language code (`zh`, `fr`).
    #[schemars(default)]
    pub i18n: I18n,
    #[schemars(skip)]
    pub span: Span,
    #[serde(skip)]
    pub texts: TextSpans,
}

/// Where a table's `title` and `summary` values are written, when they are: for findings about
/// them. Only documents need them, so they are not kept in the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSpans {
    pub title: Option<Span>,
    pub summary: Option<Span>,
}

/// A stage (a `[[stage]]` table): a group of topics; stages are studied in the order written.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Stage {
    /// The stage's id, which topics name in `stage`: letters, digits, `-`, `_`, `.`, `+`.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// Its name, printed as a heading.
    pub title: String,
    /// What the stage covers.
    pub summary: Option<String>,
    /// Translations of the title and summary, by language code (`zh`, `fr`).
    #[schemars(default)]
    pub i18n: I18n,
    /// The `[[stage]]` header.
    #[schemars(skip)]
    pub span: Span,
    #[schemars(skip)]
    pub id_span: Span,
    #[serde(skip)]
    pub texts: TextSpans,
}

/// A topic; `R` is how it refers to stages and other topics: a [`Name`] before validation, an
/// index after.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[schemars(
    deny_unknown_fields,
    description = "A topic or a role (a `[[topic]]` table)."
)]
pub struct Topic<R> {
    /// The topic's id, which other topics and the command line use: letters, digits, `-`, `_`,
    /// `.`, `+`, starting with a letter or digit.
    #[schemars(pattern(ID_PATTERN))]
    pub id: String,
    /// Its name.
    pub title: String,
    /// The id of the stage it belongs to.
    pub stage: R,
    #[schemars(default)]
    pub kind: TopicKind,
    /// Estimated hours of study (fractions allowed); a role's are usually 0.
    #[schemars(range(min = 0))]
    pub hours: Option<f64>,
    /// One sentence about what it covers.
    pub summary: Option<String>,
    /// Prerequisites: topic ids, and `{ one_of = [...] }` groups of which any one is enough.
    #[schemars(default)]
    pub requires: Vec<Requirement<R>>,
    /// Topic ids that help but are not required.
    #[schemars(default)]
    pub recommends: Vec<R>,
    /// Free labels, for `list --tag`.
    // This and `resources` are thin lists (one pointer, the length beside the items): most
    // topics of a large roadmap have neither, and each saves 16 bytes of every topic.
    #[schemars(default, with = "Vec<String>")]
    pub tags: ThinVec<String>,
    /// Translations of the title and summary, by language code (`zh`, `fr`).
    #[schemars(default)]
    pub i18n: I18n,
    /// Where to learn it (`[[topic.resources]]` tables).
    #[schemars(default, with = "Vec<Resource>")]
    pub resources: ThinVec<Resource>,
    /// The `[[topic]]` header.
    #[schemars(skip)]
    pub span: Span,
    #[schemars(skip)]
    pub id_span: Span,
    #[schemars(skip)]
    pub hours_span: Option<Span>,
    #[serde(skip)]
    pub texts: TextSpans,
}

impl<R> Topic<R> {
    /// The title in `lang` where the roadmap has one, else the default title.
    pub fn title_in(&self, lang: Option<&str>) -> &str {
        translated(&self.i18n, lang, |t| t.title.as_deref()).unwrap_or(&self.title)
    }

    /// The summary in `lang` where the roadmap has one, else the default summary.
    pub fn summary_in(&self, lang: Option<&str>) -> Option<&str> {
        translated(&self.i18n, lang, |t| t.summary.as_deref()).or(self.summary.as_deref())
    }

    /// The resources for a learner reading `lang`: those written in it first, then the others,
    /// each group in written order.
    pub fn resources_in<'a>(
        &'a self,
        lang: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        // Two passes rather than a sort: no allocation for the diagrams, which take the first
        // web link of every topic.
        let in_lang = move |r: &&Resource| lang.is_some_and(|l| r.is_in(l));
        let others = self.resources.iter().filter(move |r| !in_lang(r));
        self.resources.iter().filter(in_lang).chain(others)
    }

    pub fn hours_or_zero(&self) -> f64 {
        self.hours.unwrap_or(0.0)
    }
}

impl Meta {
    pub fn title_in(&self, lang: Option<&str>) -> &str {
        translated(&self.i18n, lang, |t| t.title.as_deref()).unwrap_or(&self.title)
    }

    pub fn summary_in(&self, lang: Option<&str>) -> Option<&str> {
        translated(&self.i18n, lang, |t| t.summary.as_deref()).or(self.summary.as_deref())
    }
}

impl Stage {
    pub fn title_in(&self, lang: Option<&str>) -> &str {
        translated(&self.i18n, lang, |t| t.title.as_deref()).unwrap_or(&self.title)
    }

    pub fn summary_in(&self, lang: Option<&str>) -> Option<&str> {
        translated(&self.i18n, lang, |t| t.summary.as_deref()).or(self.summary.as_deref())
    }
}

fn translated<'a>(
    i18n: &'a I18n,
    lang: Option<&str>,
    field: impl Fn(&'a Translation) -> Option<&'a str>,
) -> Option<&'a str> {
    let lang = lang?;
    // The tag as given (`zh-TW`), else its language (`zh-CN` and `zh-Hans` read `zh`).
    i18n.get(lang)
        .and_then(&field)
        .or_else(|| i18n.get(crate::i18n::primary(lang)).and_then(&field))
}

/// What the files of a roadmap say, before validation.
#[derive(Debug, Default)]
pub struct Document {
    pub sources: Sources,
    /// Every `[roadmap]` table found; validation wants exactly one.
    pub meta: Vec<Meta>,
    pub stages: Vec<Stage>,
    pub topics: Vec<Topic<Name>>,
}

/// Topic ids to indices, without a second copy of every id: a hash table of indices, hashed and
/// compared by the id each index points to (through `id_of`). On a roadmap of 100,000 topics this
/// saves as many allocations as there are topics, on every run.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    table: hashbrown::HashTable<TopicIx>,
    /// foldhash, randomly seeded: several times faster than SipHash on short ids, which a
    /// large roadmap hashes hundreds of thousands of times.
    state: hashbrown::DefaultHashBuilder,
}

impl IdIndex {
    pub fn with_capacity(n: usize) -> IdIndex {
        IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
            state: hashbrown::DefaultHashBuilder::default(),
        }
    }

    pub fn get<'a>(&self, id: &str, id_of: impl Fn(TopicIx) -> &'a str) -> Option<TopicIx> {
        let hash = std::hash::BuildHasher::hash_one(&self.state, id);
        self.table.find(hash, |&ix| id_of(ix) == id).copied()
    }

    /// Adds `ix` under its id; when the id is there already, returns the index holding it.
    pub fn insert<'a>(
        &mut self,
        ix: TopicIx,
        id_of: impl Fn(TopicIx) -> &'a str,
    ) -> Result<(), TopicIx> {
        let id = id_of(ix);
        if let Some(existing) = self.get(id, &id_of) {
            return Err(existing);
        }
        let hash = std::hash::BuildHasher::hash_one(&self.state, id);
        let state = &self.state;
        self.table.insert_unique(hash, ix, |&other| {
            std::hash::BuildHasher::hash_one(state, id_of(other))
        });
        Ok(())
    }
}

/// A validated roadmap: ids unique, every reference resolved, the requirement graph acyclic.
#[derive(Debug)]
pub struct Roadmap {
    pub meta: Meta,
    pub stages: Vec<Stage>,
    pub topics: Vec<Topic<TopicIx>>,
    /// Topic ids to indices.
    pub(crate) ids: IdIndex,
    /// Built on first use: validation tells a roadmap is acyclic without it, and plans need
    /// none of it.
    graph: OnceLock<Graph>,
}

/// Whether a dropped [`Roadmap`] hands its memory back ([`keep_roadmaps_until_exit`]).
static FREE_ROADMAPS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Makes every [`Roadmap`] dropped from now on keep its memory until the process ends. For a
/// process that answers one command and exits (the binary, not the language server): freeing a
/// large roadmap's allocations one by one took about a tenth of a cold `check` (25-30 ms at
/// 100,000 topics), and the system takes the whole address space back at once anyway.
pub fn keep_roadmaps_until_exit() {
    FREE_ROADMAPS.store(false, std::sync::atomic::Ordering::Relaxed);
}

/// Whether memory let go of now is handed back: not after [`keep_roadmaps_until_exit`], when
/// what a roadmap is built from may be left to the process's end as well.
pub(crate) fn hand_back_memory() -> bool {
    FREE_ROADMAPS.load(std::sync::atomic::Ordering::Relaxed)
}

impl Drop for Roadmap {
    fn drop(&mut self) {
        if !hand_back_memory() {
            std::mem::forget(std::mem::take(&mut self.topics));
            std::mem::forget(std::mem::take(&mut self.ids));
            std::mem::forget(self.graph.take());
        }
    }
}

impl Roadmap {
    /// Assembles a roadmap from validated parts.
    pub(crate) fn from_parts(
        meta: Meta,
        stages: Vec<Stage>,
        topics: Vec<Topic<TopicIx>>,
        ids: IdIndex,
    ) -> Roadmap {
        Roadmap {
            meta,
            stages,
            topics,
            ids,
            graph: OnceLock::new(),
        }
    }

    /// The requirement graph.
    pub fn graph(&self) -> &Graph {
        self.graph.get_or_init(|| {
            Graph::new(
                self.topics
                    .iter()
                    .map(|t| crate::graph::Links::listed(&t.requires, &t.recommends)),
            )
        })
    }

    /// Rebuilds the index and the graph of topics that were validated before (read from the
    /// cache). `None` when the parts are not whole (an index out of range, a duplicate id, an
    /// empty `one_of`, a topic naming itself), which a cache entry checked by its digest never
    /// is: everything downstream indexes without checking, and must not be handed such parts.
    pub(crate) fn rebuild(
        meta: Meta,
        stages: Vec<Stage>,
        topics: Vec<Topic<TopicIx>>,
    ) -> Option<Roadmap> {
        let n = TopicIx::try_from(topics.len()).ok()?;
        for (ix, t) in topics.iter().enumerate() {
            let fits = |r: &TopicIx| *r < n && *r as usize != ix;
            let whole = (t.stage as usize) < stages.len()
                && t.recommends.iter().all(fits)
                && t.requires.iter().all(|r| match r {
                    Requirement::Topic(r) => fits(r),
                    Requirement::OneOf(g) => {
                        !g.alternatives.is_empty() && g.alternatives.iter().all(fits)
                    }
                });
            if !whole {
                return None;
            }
        }
        let mut ids = IdIndex::with_capacity(topics.len());
        for ix in 0..n {
            ids.insert(ix, |i| topics[i as usize].id.as_str()).ok()?;
        }
        Some(Roadmap {
            meta,
            stages,
            topics,
            ids,
            graph: OnceLock::new(),
        })
    }

    pub fn topic(&self, ix: TopicIx) -> &Topic<TopicIx> {
        &self.topics[ix as usize]
    }

    pub fn stage_of(&self, ix: TopicIx) -> &Stage {
        &self.stages[self.topic(ix).stage as usize]
    }

    pub fn index_of(&self, id: &str) -> Option<TopicIx> {
        self.ids.get(id, |i| self.topics[i as usize].id.as_str())
    }

    /// Topics in stage order, then declaration order: the order `list` prints and plans prefer.
    pub fn topics_in_stage_order(&self) -> Vec<TopicIx> {
        let mut order: Vec<TopicIx> = (0..self.topics.len() as TopicIx).collect();
        order.sort_by_key(|&ix| (self.topic(ix).stage, ix));
        order
    }

    /// Sum of hours over some topics, rounded to hide floating-point dust.
    pub fn hours_of(&self, topics: impl IntoIterator<Item = TopicIx>) -> f64 {
        round_hours(
            topics
                .into_iter()
                .map(|ix| self.topic(ix).hours_or_zero())
                .sum(),
        )
    }
}

/// Rounds to 1/1000 h, so sums of fractions print as the author wrote them (0.1 + 0.2 = 0.3).
pub fn round_hours(h: f64) -> f64 {
    let thousandths = h * 1000.0;
    // From 2^53 thousandths on there is no fraction left to round, and multiplying can overflow:
    // 1e306 h would turn into infinity.
    if thousandths.abs() >= 9_007_199_254_740_992.0 {
        return h + 0.0;
    }
    // `+ 0.0` turns the -0.0 of an empty or cancelling sum into 0.
    thousandths.round() / 1000.0 + 0.0
}

/// Hours written the way people write them (`30`, `2.5`, `0.85`), honouring width and alignment
/// (`{:>4}`), without making a string for the usual whole number.
pub struct HoursText(pub f64);

impl std::fmt::Display for HoursText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let h = round_hours(self.0);
        if h.fract() == 0.0 && h.abs() < 1e15 {
            // Whole hours, the usual case: integer formatting is far cheaper than float
            // formatting, which matters in a plan of 100,000 steps.
            std::fmt::Display::fmt(&(h as i64), f)
        } else if let Some(digits) = Digits::of(h) {
            f.pad(digits.as_str())
        } else if h.fract() == 0.0 {
            f.pad(&format!("{h:.0}"))
        } else {
            f.pad(format!("{h:.3}").trim_end_matches('0'))
        }
    }
}

/// Formats hours the way people write them: `30`, `2.5`, `0.85`.
pub fn format_hours(h: f64) -> String {
    HoursText(h).to_string()
}

/// Hours with a fraction, below a trillion, written from integers: what `{:.3}` gives with its
/// trailing zeros dropped, without float formatting (which fell back to its slow exact method
/// for most such numbers: a tenth of printing a plan of 100,000 steps).
struct Digits {
    bytes: [u8; 24],
    len: usize,
}

impl Digits {
    fn of(h: f64) -> Option<Digits> {
        // Below 1e12 a double is within 1e-4 of the thousandths it was rounded to, so `{:.3}`
        // rounds to them too.
        if h.is_nan() || h.abs() >= 1e12 {
            return None;
        }
        let thousandths = (h * 1000.0).round() as i64;
        let mut digits = Digits {
            bytes: [0; 24],
            len: 0,
        };
        let mut push = |b: u8| {
            digits.bytes[digits.len] = b;
            digits.len += 1;
        };
        if thousandths < 0 {
            push(b'-');
        }
        let magnitude = thousandths.unsigned_abs();
        let whole = magnitude / 1000;
        let mut place = 1;
        while place * 10 <= whole {
            place *= 10;
        }
        while place > 0 {
            push(b'0' + (whole / place % 10) as u8);
            place /= 10;
        }
        let mut fraction = magnitude % 1000;
        if fraction > 0 {
            push(b'.');
            let mut place = 100;
            while fraction > 0 {
                push(b'0' + (fraction / place) as u8);
                fraction %= place;
                place /= 10;
            }
        }
        Some(digits)
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_as_written_take_24_bytes() {
        // Half a million of each at 100,000 topics, all alive at the peak of a cold check.
        assert_eq!(std::mem::size_of::<Name>(), 24);
        assert_eq!(std::mem::size_of::<Requirement<Name>>(), 24);
        assert_eq!(std::mem::size_of::<Requirement<TopicIx>>(), 16);
    }

    #[test]
    fn a_topic_as_written_takes_280_bytes() {
        // 100,000 of them in one block at the peak of a cold check: 28 MB, of about 80.
        assert_eq!(std::mem::size_of::<Topic<Name>>(), 280);
    }

    #[test]
    fn rounding_keeps_huge_hours_finite_and_unchanged() {
        for h in [1e13, 1e306, f64::MAX] {
            assert_eq!(round_hours(h), h);
        }
        assert_eq!(round_hours(9_000_000_000.000_4), 9_000_000_000.0);
    }

    #[test]
    fn hours_print_without_noise() {
        assert_eq!(format_hours(30.0), "30");
        assert_eq!(format_hours(0.1 + 0.2), "0.3");
        assert_eq!(format_hours(2.85), "2.85");
        assert_eq!(format_hours(0.0), "0");
        assert_eq!(format_hours(-0.0), "0");
        assert_eq!(format_hours(std::iter::empty::<f64>().sum()), "0");
    }

    #[test]
    fn hours_with_a_fraction_print_as_float_formatting_does() {
        let slow = |h: f64| {
            let s = format!("{:.3}", round_hours(h));
            s.trim_end_matches('0').to_owned()
        };
        let mut below = crate::testing::below(0x9e37_79b9_7f4a_7c15);
        for i in 0..200_000u64 {
            // Thousandths of every size up to a trillion hours, and sums of fractions.
            let scale = 10f64.powi((i % 16) as i32);
            let h = below(1_000_000) as f64 / 1000.0 * scale / 1000.0;
            let h = if i % 7 == 0 { -h } else { h };
            for h in [h, h + 0.1 + 0.2, h / 3.0] {
                let h = round_hours(h);
                if h.fract() != 0.0 && h.abs() < 1e12 {
                    assert_eq!(format_hours(h), slow(h), "{h:e}");
                    assert_eq!(HoursText(h).to_string(), slow(h), "{h:e}");
                }
            }
        }
        assert_eq!(format_hours(2.005), "2.005");
        assert_eq!(format_hours(-0.5), "-0.5");
        assert_eq!(format!("{:>6}", HoursText(12.5)), "  12.5");
    }

    #[test]
    fn resource_kind_names_round_trip() {
        for name in ResourceKind::NAMES {
            assert_eq!(ResourceKind::parse(name).unwrap().as_str(), name);
        }
    }
}
