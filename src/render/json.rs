//! JSON shapes shared by several commands (see docs/cli.md), and the one way JSON is written.

use std::io::Write;

use serde::Serialize;
use serde::Serializer as _;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::model::{Requirement, Roadmap, TopicIx, TopicKind};

/// Hours as a JSON number written the way people write it: `30`, not `30.0`; `2.85`, not
/// `2.8500000000000001`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Hours(pub f64);

impl Serialize for Hours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = crate::model::round_hours(self.0);
        if h.fract() == 0.0 && h.abs() < 9.0e15 {
            s.serialize_i64(h as i64)
        } else {
            s.serialize_f64(h)
        }
    }
}

/// A `requires` entry in the file's own shape: `"id"` or `{"one_of": ["a", "b"]}`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum RequirementJson<'a> {
    Topic(&'a str),
    OneOf { one_of: Vec<&'a str> },
}

pub fn requirement<'a>(roadmap: &'a Roadmap, req: &Requirement<TopicIx>) -> RequirementJson<'a> {
    let id = |ix: &TopicIx| roadmap.topic(*ix).id.as_str();
    match req {
        Requirement::Topic(ix) => RequirementJson::Topic(id(ix)),
        Requirement::OneOf(group) => RequirementJson::OneOf {
            one_of: group.alternatives.iter().map(id).collect(),
        },
    }
}

/// The topic object of `list` and `prereqs --flat`.
#[derive(Serialize)]
pub struct TopicJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub stage: &'a str,
    pub kind: TopicKind,
    pub hours: Option<Hours>,
    pub summary: Option<&'a str>,
    pub requires: Vec<RequirementJson<'a>>,
    pub recommends: Vec<&'a str>,
    pub tags: &'a [String],
}

impl<'a> TopicJson<'a> {
    pub fn new(roadmap: &'a Roadmap, ix: TopicIx, lang: Option<&str>) -> TopicJson<'a> {
        let t = roadmap.topic(ix);
        TopicJson {
            id: &t.id,
            title: t.title_in(lang),
            stage: &roadmap.stage_of(ix).id,
            kind: t.kind,
            hours: t.hours.map(Hours),
            summary: t.summary_in(lang),
            requires: t.requires.iter().map(|r| requirement(roadmap, r)).collect(),
            recommends: t
                .recommends
                .iter()
                .map(|&r| roadmap.topic(r).id.as_str())
                .collect(),
            tags: &t.tags,
        }
    }
}

/// Writes pretty JSON and a final newline.
pub fn write(out: &mut dyn Write, value: &impl Serialize) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, Safe::default());
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// Pretty JSON as a string, written as [`write()`] writes it (without the final newline).
pub fn to_string_pretty(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, Safe::default());
    value
        .serialize(&mut serializer)
        .expect("JSON of our own shapes always serializes");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// JSON on one line (compact), escaped as [`write()`] escapes it: for line protocols.
pub fn to_string_line(value: &impl Serialize) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Safe(CompactFormatter.into()));
    value
        .serialize(&mut serializer)
        .expect("JSON of our own shapes always serializes");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// A JSON string, on one line, as [`write()`] writes strings.
pub fn string(text: &str) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Safe(CompactFormatter.into()));
    serializer
        .serialize_str(text)
        .expect("a string always serializes");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// serde_json's formatting, but every character a terminal acts on
/// ([`crate::terminal::is_unsafe`]: C1 controls, bidirectional overrides; serde_json escapes only
/// C0) written as a `\uXXXX` escape, which reads back as the same text. So JSON is exact and
/// still safe to print.
#[derive(Default)]
struct Safe(Layout);

enum Layout {
    Pretty(PrettyFormatter<'static>),
    Compact(CompactFormatter),
}

impl Default for Layout {
    fn default() -> Layout {
        Layout::Pretty(PrettyFormatter::new())
    }
}

impl From<CompactFormatter> for Layout {
    fn from(f: CompactFormatter) -> Layout {
        Layout::Compact(f)
    }
}

/// Calls the same method of whichever layout is in use.
macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            match &mut self.0 {
                Layout::Pretty(f) => f.$name(w $(, $arg)*),
                Layout::Compact(f) => f.$name(w $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Safe {
    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !crate::terminal::may_be_unsafe(fragment.as_bytes()) {
            return w.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some(at) = rest.find(crate::terminal::is_unsafe) {
            let c = rest[at..].chars().next().expect("a character at a match");
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}
