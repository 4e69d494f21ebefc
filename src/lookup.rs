//! Finding the topic or stage a user names on the command line: by id, else by title in any case
//! (also a translated title), else an error with "did you mean" and the best search hits.

use crate::error::{Error, Result};
use crate::model::{I18n, Roadmap, StageIx, TopicIx};
use crate::msg;
use crate::search::Index;
use crate::suggest::suggest;

/// Search hits offered with an unknown topic, at most, and the least score they need (alone, and
/// beside a "did you mean").
const SEARCH_HINTS: usize = 5;
const SEARCH_HINT_SCORE: u32 = 50;
const SEARCH_HINT_SCORE_BESIDE: u32 = 80;

/// The topic `query` names: an exact id, else a title (default or translated) written exactly,
/// else an id or a title compared without regard to case. An exact match always wins over a
/// folded one: case folding maps other characters onto letters too (the Kelvin sign K onto `k`),
/// so a folded match could otherwise take a name another topic has exactly.
pub fn topic(roadmap: &Roadmap, query: &str) -> Result<TopicIx> {
    let exact = query.trim();
    if let Some(ix) = roadmap.index_of(query).or_else(|| roadmap.index_of(exact)) {
        return Ok(ix);
    }
    let found = roadmap
        .topics
        .iter()
        .position(|t| titled(&t.title, &t.i18n, |title| title == exact))
        .or_else(|| {
            let wanted = exact.to_lowercase();
            roadmap
                .topics
                .iter()
                .position(|t| named(&t.id, &t.title, &t.i18n, &wanted))
        });
    if let Some(ix) = found {
        return Ok(ix as TopicIx);
    }
    // Suggest by id first, then by title, and always name the id to type.
    let suggestion = suggest(query, roadmap.topics.iter().map(|t| t.id.as_str()))
        .map(str::to_owned)
        .or_else(|| {
            let title = suggest(query, roadmap.topics.iter().map(|t| t.title.as_str()))?;
            roadmap
                .topics
                .iter()
                .find(|t| t.title == title)
                .map(|t| t.id.clone())
        });
    // And the best search hits: `llm` finds the LLM topics, `eigenvalues` linear algebra. Next to
    // a near miss, only strong ones: the name is most likely that topic's, mistyped.
    let least = if suggestion.is_some() {
        SEARCH_HINT_SCORE_BESIDE
    } else {
        SEARCH_HINT_SCORE
    };
    let matches = Index::new(roadmap)
        .search(query)
        .into_iter()
        .filter(|h| h.score >= least)
        .map(|h| roadmap.topic(h.topic).id.clone())
        .filter(|id| suggestion.as_ref() != Some(id))
        .take(SEARCH_HINTS)
        .collect();
    Err(Error::UnknownTopic {
        query: query.to_owned(),
        suggestion,
        matches,
    })
}

/// Whether `wanted` (lower-cased) is the id, the title or a translated title, in any case.
fn named(id: &str, title: &str, i18n: &I18n, wanted: &str) -> bool {
    id.to_lowercase() == wanted || titled(title, i18n, |t| t.to_lowercase() == wanted)
}

/// Whether the title or a translated title is one `is` accepts.
fn titled(title: &str, i18n: &I18n, is: impl Fn(&str) -> bool) -> bool {
    is(title) || i18n.values().any(|tr| tr.title.as_deref().is_some_and(&is))
}

/// Every topic named in `queries`, in order, each once. Each query may itself be a comma-separated
/// list (`--known a,b --known c`).
pub fn topics<S: AsRef<str>>(roadmap: &Roadmap, queries: &[S]) -> Result<Vec<TopicIx>> {
    let mut found = Vec::new();
    let mut seen = hashbrown::HashSet::new();
    for q in queries {
        for part in q
            .as_ref()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let ix = topic(roadmap, part)?;
            if seen.insert(ix) {
                found.push(ix);
            }
        }
    }
    Ok(found)
}

/// The topics named as goals (or topics to mark): as [`topics`], but an argument that names
/// nothing (`plan ""`, `progress done ,`) is an error rather than no goal at all.
pub fn goals<S: AsRef<str>>(roadmap: &Roadmap, queries: &[S]) -> Result<Vec<TopicIx>> {
    names_something(queries)?;
    topics(roadmap, queries)
}

/// An error for the first argument that names nothing (empty, or only commas and spaces).
pub fn names_something<S: AsRef<str>>(queries: &[S]) -> Result<()> {
    match queries
        .iter()
        .find(|q| q.as_ref().split(',').all(|p| p.trim().is_empty()))
    {
        Some(empty) => Err(Error::Usage(msg!(
            "error-empty-name",
            given = format!("{:?}", empty.as_ref())
        ))),
        None => Ok(()),
    }
}

/// The stage `query` names, by id or title (any case).
pub fn stage(roadmap: &Roadmap, query: &str) -> Result<StageIx> {
    let exact = query.trim();
    let wanted = exact.to_lowercase();
    if let Some(ix) = roadmap
        .stages
        .iter()
        .position(|s| s.id == query || s.id == exact || titled(&s.title, &s.i18n, |t| t == exact))
        .or_else(|| {
            roadmap
                .stages
                .iter()
                .position(|s| named(&s.id, &s.title, &s.i18n, &wanted))
        })
    {
        return Ok(ix as StageIx);
    }
    Err(Error::Query(
        match suggest(query, roadmap.stages.iter().map(|s| s.id.as_str())) {
            Some(s) => msg!("error-unknown-stage", name = query, suggestion = s),
            None => msg!(
                "error-unknown-stage-list",
                name = query,
                stages = roadmap
                    .stages
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    ))
}
