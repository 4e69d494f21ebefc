//! JSON shapes shared by several commands (see docs/cli.md), and the one way JSON is written.

use std::io::Write;

use serde::Serialize;

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
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
