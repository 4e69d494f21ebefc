//! Keyword search over a roadmap: ids, titles, tags, summaries, translated titles and summaries,
//! and resource titles, ranked, and tolerant of typos. Words are matched by frizbee (a
//! Smith-Waterman fuzzy matcher that allows substitutions and missing letters), so `eigenvalus`
//! still finds "eigenvalues", and `llm` finds "large language models" by their initials.
//!
//! How a topic scores:
//!
//! - Each field's text is cut into words (letters and digits; a run of CJK characters, which
//!   Chinese writes without spaces, is one word). Every distinct word of the roadmap is matched
//!   once against each query word: the same word scores 1, a word it begins 0.9, a word that
//!   holds it (a query word of four letters or more, or CJK) 0.75, and otherwise frizbee's
//!   score, up to 0.7, when it passes with at most a quarter of the query word's letters wrong
//!   (query words of four letters or more, against words at most half as long again). A query word
//!   that spells the initials of an id or a title (`llm` for "large language models") scores
//!   0.85 there.
//! - A query word's score for a topic is its best over the topic's fields, each weighed: id and
//!   title 1, translated title 0.9, tag 0.8, summary 0.6, translated summary 0.5, resource title
//!   0.4.
//! - Every query word must match somewhere; the topic's score is the mean of its words' scores,
//!   as a percentage. Ties go to the earlier stage, then to declaration order.

use hashbrown::HashMap;

use frizbee::{Config, Matcher};
use serde::Serialize;

use crate::model::{Roadmap, TopicIx};

/// A place a word can be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Id,
    Title,
    TranslatedTitle,
    Tags,
    Summary,
    TranslatedSummary,
    Resources,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Id,
        Field::Title,
        Field::TranslatedTitle,
        Field::Tags,
        Field::Summary,
        Field::TranslatedSummary,
        Field::Resources,
    ];

    /// The name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title => "title",
            Field::TranslatedTitle => "i18n.title",
            Field::Tags => "tags",
            Field::Summary => "summary",
            Field::TranslatedSummary => "i18n.summary",
            Field::Resources => "resources",
        }
    }

    fn weight(self) -> f64 {
        match self {
            Field::Id | Field::Title => 1.0,
            Field::TranslatedTitle => 0.9,
            Field::Tags => 0.8,
            Field::Summary => 0.6,
            Field::TranslatedSummary => 0.5,
            Field::Resources => 0.4,
        }
    }

    /// Whether the field is a name, whose initials mean something (`llm`, `eda`).
    fn named(self) -> bool {
        matches!(self, Field::Id | Field::Title | Field::TranslatedTitle)
    }
}

/// A topic that matches, with its score (1 to 100) and the fields any query word was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub topic: TopicIx,
    pub score: u32,
    pub matched: Vec<Field>,
}

/// [`Index`] for the HTML page's script; fields are numbers, their position in [`Field::ALL`].
#[derive(Serialize)]
pub struct PageIndex<'a> {
    /// Every distinct word of the roadmap's fields.
    words: &'a [String],
    /// For each topic (by position), pairs `field, word` flattened.
    fields: Vec<Vec<u32>>,
    /// `[letters, topic, field]`: the initials of ids and titles of two words or more.
    initials: Vec<(&'a str, TopicIx, u8)>,
    weights: [f64; 7],
    /// The fields' names in `roadmap search --format json` (its `matched`).
    names: [&'static str; 7],
    min_score: u32,
    max_words: usize,
    max_word: usize,
}

/// Longest query word looked at (frizbee refuses needles past a few thousand characters), and
/// most query words: each costs a pass over the roadmap's words.
const MAX_WORD: usize = 64;
const MAX_WORDS: usize = 16;
/// Least score a hit needs, in percent.
pub const MIN_SCORE: u32 = 30;

/// The words of a roadmap's fields, each distinct word once, and where each topic uses them.
pub struct Index<'r> {
    roadmap: &'r Roadmap,
    words: Vec<String>,
    /// For each topic, its fields' words (indices into `words`).
    fields: Vec<Vec<(Field, u32)>>,
    /// The initials of ids and titles of two words or more, with their topic and field.
    initials: Vec<(String, TopicIx, Field)>,
}

impl<'r> Index<'r> {
    pub fn new(roadmap: &'r Roadmap) -> Index<'r> {
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut fields = Vec::with_capacity(roadmap.topics.len());
        let mut initials = Vec::new();
        for (t, topic) in roadmap.topics.iter().enumerate() {
            let mut texts: Vec<(Field, &str)> =
                vec![(Field::Id, &topic.id), (Field::Title, &topic.title)];
            for tr in topic.i18n.values() {
                if let Some(title) = &tr.title {
                    texts.push((Field::TranslatedTitle, title));
                }
                if let Some(summary) = &tr.summary {
                    texts.push((Field::TranslatedSummary, summary));
                }
            }
            texts.extend(topic.tags.iter().map(|tag| (Field::Tags, tag.as_str())));
            if let Some(summary) = &topic.summary {
                texts.push((Field::Summary, summary));
            }
            texts.extend(
                topic
                    .resources
                    .iter()
                    .map(|r| (Field::Resources, r.title.as_str())),
            );
            let mut own: Vec<(Field, u32)> = Vec::new();
            for (field, text) in texts {
                let split = split_words(text);
                if field.named() && split.len() > 1 {
                    let letters: String = split.iter().filter_map(|w| w.chars().next()).collect();
                    initials.push((letters, t as TopicIx, field));
                }
                for word in split {
                    let ix = *vocabulary.entry(word).or_insert_with_key(|w| {
                        words.push(w.clone());
                        (words.len() - 1) as u32
                    });
                    if !own.contains(&(field, ix)) {
                        own.push((field, ix));
                    }
                }
            }
            fields.push(own);
        }
        Index {
            roadmap,
            words,
            fields,
            initials,
        }
    }

    /// The topics matching every word of `query`, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let mut query_words: Vec<String> = split_words(query)
            .into_iter()
            .take(MAX_WORDS)
            .map(|w| w.chars().take(MAX_WORD).collect())
            .collect();
        query_words.dedup();
        if query_words.is_empty() {
            return Vec::new();
        }
        let n = self.roadmap.topics.len();
        // Per topic: the sum of its words' best scores, how many words matched, and where.
        let mut sums = vec![0.0f64; n];
        let mut counts = vec![0usize; n];
        let mut matched: Vec<Vec<Field>> = vec![Vec::new(); n];
        for word in &query_words {
            let scores = self.word_scores(word);
            let mut best = vec![0.0f64; n];
            let mut found: Vec<Vec<Field>> = vec![Vec::new(); n];
            for (t, own) in self.fields.iter().enumerate() {
                for &(field, w) in own {
                    let s = scores[w as usize];
                    if s > 0.0 {
                        best[t] = best[t].max(s * field.weight());
                        found[t].push(field);
                    }
                }
            }
            for (letters, t, field) in &self.initials {
                if letters == word {
                    let t = *t as usize;
                    best[t] = best[t].max(0.85 * field.weight());
                    found[t].push(*field);
                }
            }
            for t in 0..n {
                if best[t] > 0.0 {
                    sums[t] += best[t];
                    counts[t] += 1;
                    matched[t].append(&mut found[t]);
                }
            }
        }
        let mut hits: Vec<Hit> = (0..n)
            .filter(|&t| counts[t] == query_words.len())
            .map(|t| {
                let mut fields = std::mem::take(&mut matched[t]);
                fields.sort_unstable();
                fields.dedup();
                Hit {
                    topic: t as TopicIx,
                    score: (100.0 * sums[t] / query_words.len() as f64).round() as u32,
                    matched: fields,
                }
            })
            .filter(|h| h.score >= MIN_SCORE)
            .collect();
        hits.sort_by_key(|h| {
            (
                std::cmp::Reverse(h.score),
                self.roadmap.topic(h.topic).stage,
                h.topic,
            )
        });
        hits
    }

    /// The index as the HTML page's search reads it: the page scores a query over these words
    /// with the rules of [`Index::search`] (src/html/page.js, compared with `roadmap search` by
    /// tests/browser), so it tokenises nothing of the roadmap itself.
    pub fn page_data(&self) -> PageIndex<'_> {
        PageIndex {
            words: &self.words,
            fields: self
                .fields
                .iter()
                .map(|own| own.iter().flat_map(|&(f, w)| [f as u32, w]).collect())
                .collect(),
            initials: self
                .initials
                .iter()
                .map(|(letters, t, f)| (letters.as_str(), *t, *f as u8))
                .collect(),
            weights: Field::ALL.map(Field::weight),
            names: Field::ALL.map(Field::as_str),
            min_score: MIN_SCORE,
            max_words: MAX_WORDS,
            max_word: MAX_WORD,
        }
    }

    /// How well `word` matches each word of the roadmap, 0 for not at all.
    fn word_scores(&self, word: &str) -> Vec<f64> {
        let cjk = word.chars().any(is_cjk);
        let mut scores: Vec<f64> = self
            .words
            .iter()
            .map(|w| {
                if w == word {
                    1.0
                } else if w.starts_with(word) && (cjk || word.chars().count() >= 2) {
                    0.9
                } else if w.contains(word) && (cjk || word.chars().count() >= 4) {
                    0.75
                } else {
                    0.0
                }
            })
            .collect();
        let len = word.chars().count();
        if len >= 4 {
            for (ix, s) in fuzzy(word, &self.words) {
                let s = 0.7 * s;
                if s > scores[ix] && self.words[ix].chars().count() <= len + len / 2 {
                    scores[ix] = s;
                }
            }
        }
        scores
    }
}

/// Frizbee's matches of `word` in `haystacks`, as `(index, score)` with the score a fraction of
/// what the word scores against itself; only those with at most a quarter of its characters
/// mistyped and at least half that score.
fn fuzzy<S: AsRef<str>>(word: &str, haystacks: &[S]) -> Vec<(usize, f64)> {
    let len = word.chars().count();
    let config = Config::default().max_typos(Some((len / 4) as u16));
    let mut matcher = Matcher::new(word, &config);
    let Some(perfect) = matcher.match_one(word, 0).map(|m| f64::from(m.score)) else {
        return Vec::new();
    };
    if perfect <= 0.0 {
        return Vec::new();
    }
    matcher
        .match_list(haystacks)
        .into_iter()
        .map(|m| (m.index as usize, (f64::from(m.score) / perfect).min(1.0)))
        .filter(|&(_, s)| s >= 0.5)
        .collect()
}

/// The words of a text, lower-cased: runs of letters and digits, a run of CJK characters being
/// one word.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut word_is_cjk = false;
    for c in text.chars() {
        let cjk = is_cjk(c);
        if c.is_alphanumeric() {
            if !word.is_empty() && cjk != word_is_cjk {
                words.push(std::mem::take(&mut word));
            }
            word_is_cjk = cjk;
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a character belongs to a script written without spaces between words (CJK ideographs,
/// kana, Hangul).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap() -> Roadmap {
        let text = r#"
[roadmap]
title = "t"
[[stage]]
id = "math"
title = "Math"
[[topic]]
id = "linear-algebra"
title = "Linear algebra"
stage = "math"
hours = 40
summary = "Vectors, matrices, eigenvalues and orthogonality."
i18n.zh.title = "线性代数"
[[topic]]
id = "large-language-models"
title = "Large language models"
stage = "math"
hours = 20
tags = ["llm"]
i18n.es.title = "Modelos de lenguaje grandes"
[[topic]]
id = "exploratory-data-analysis"
title = "Exploratory data analysis"
stage = "math"
hours = 10
[[topic]]
id = "statistics"
title = "Statistics"
stage = "math"
hours = 20
[[topic.resources]]
title = "Think Stats"
url = "https://example.org/"
"#;
        crate::validate::roadmap_from_str(text)
    }

    fn ids(r: &Roadmap, query: &str) -> Vec<(String, u32)> {
        Index::new(r)
            .search(query)
            .into_iter()
            .map(|h| (r.topic(h.topic).id.clone(), h.score))
            .collect()
    }

    #[test]
    fn words_in_any_field_typos_chinese_and_initials() {
        let r = roadmap();
        // A summary's word, weighed as a summary.
        assert_eq!(ids(&r, "eigenvalues"), [("linear-algebra".into(), 60)]);
        // A letter missing, or two swapped: still found, lower.
        for typo in ["eigenvalus", "Eigenvlaues"] {
            let hits = ids(&r, typo);
            assert_eq!(hits.len(), 1, "{typo}");
            assert!(hits[0].1 < 60 && hits[0].1 >= MIN_SCORE, "{typo}: {hits:?}");
        }
        // Part of a Chinese title.
        assert_eq!(ids(&r, "线性")[0].0, "linear-algebra");
        // A tag, and the initials of the title.
        assert_eq!(ids(&r, "llm")[0].0, "large-language-models");
        assert_eq!(ids(&r, "eda"), [("exploratory-data-analysis".into(), 85)]);
        // A resource's title; every word must match.
        assert_eq!(ids(&r, "think stats")[0].0, "statistics");
        assert!(ids(&r, "think quantum").is_empty());
        assert!(ids(&r, "").is_empty());
    }

    #[test]
    fn initials_count_in_names_only_and_typos_within_their_limits() {
        let r = roadmap();
        // The initials of a translated title of several words, weighed as a translated title.
        assert_eq!(ids(&r, "mdlg"), [("large-language-models".into(), 77)]);
        // Those of a summary ("Vectors, matrices, eigenvalues and orthogonality") or of a
        // resource's title ("Think Stats") mean nothing.
        assert!(ids(&r, "vmeao").is_empty());
        assert!(ids(&r, "ts").is_empty());
        // A quarter of a query word's letters may be wrong: two swapped in eight, not three
        // replaced.
        assert_eq!(ids(&r, "langauge"), [("large-language-models".into(), 54)]);
        assert!(ids(&r, "lxnxuxge").is_empty());
        // A word with letters left out is matched only in a word at most half as long again:
        // "expltry" (7) is not "exploratory" (11), nor "lngge" (5) "language" (8).
        assert!(ids(&r, "expltry").is_empty());
        assert!(ids(&r, "lngge").is_empty());
    }

    #[test]
    fn a_long_query_word_is_cut_not_refused() {
        let r = roadmap();
        assert!(ids(&r, &"a".repeat(100_000)).is_empty());
    }

    #[test]
    fn words_split_on_punctuation_and_scripts() {
        assert_eq!(
            split_words("Large-language models"),
            ["large", "language", "models"]
        );
        assert_eq!(split_words("线性代数 (Linear)"), ["线性代数", "linear"]);
        assert_eq!(split_words("PyTorch 框架"), ["pytorch", "框架"]);
    }
}
