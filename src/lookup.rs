//! Finding the topic or stage a user names on the command line: by id, else by title in any case
//! (also a translated title), else an error with "did you mean".

use crate::error::{Error, Result};
use crate::model::{I18n, Roadmap, StageIx, TopicIx};
use crate::msg;
use crate::suggest::suggest;

/// The topic `query` names: an exact id, else an id or a title (default or translated) compared
/// without regard to case.
pub fn topic(roadmap: &Roadmap, query: &str) -> Result<TopicIx> {
    if let Some(ix) = roadmap.index_of(query) {
        return Ok(ix);
    }
    let wanted = query.trim().to_lowercase();
    let found = roadmap
        .topics
        .iter()
        .position(|t| named(&t.id, &t.title, &t.i18n, &wanted));
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
    Err(Error::UnknownTopic {
        query: query.to_owned(),
        suggestion,
    })
}

/// Whether `wanted` (lower-cased) is the id, the title or a translated title, in any case.
fn named(id: &str, title: &str, i18n: &I18n, wanted: &str) -> bool {
    id.to_lowercase() == wanted
        || title.to_lowercase() == wanted
        || i18n.values().any(|tr| {
            tr.title
                .as_ref()
                .is_some_and(|x| x.to_lowercase() == wanted)
        })
}

/// Every topic named in `queries`, in order, each once. Each query may itself be a comma-separated
/// list (`--known a,b --known c`).
pub fn topics<S: AsRef<str>>(roadmap: &Roadmap, queries: &[S]) -> Result<Vec<TopicIx>> {
    let mut found = Vec::new();
    for q in queries {
        for part in q
            .as_ref()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let ix = topic(roadmap, part)?;
            if !found.contains(&ix) {
                found.push(ix);
            }
        }
    }
    Ok(found)
}

/// The stage `query` names, by id or title (any case).
pub fn stage(roadmap: &Roadmap, query: &str) -> Result<StageIx> {
    let wanted = query.trim().to_lowercase();
    if let Some(ix) = roadmap
        .stages
        .iter()
        .position(|s| s.id == query || named(&s.id, &s.title, &s.i18n, &wanted))
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
