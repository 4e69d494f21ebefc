//! A learner's progress: which topics are done, being learned or skipped, and since when, kept in
//! a small TOML file that never loses anything.
//!
//! The rules that keep a learner's work safe:
//! - a file that does not parse, or that this version does not fully understand, is reported
//!   (with file:line:col) and never written;
//! - every change is made under an exclusive lock on the directory that really holds the file
//!   (symbolic links followed), re-reading the file inside it, so concurrent invocations cannot
//!   lose each other's marks, whatever path they name the file by; the lock is the kernel's and
//!   ends with the process, so nothing is left behind that could block anyone later;
//! - a file is read only up to [`MAX_BYTES`], so a huge or endless file is refused, not read;
//! - the file is replaced atomically ([`crate::atomic`]), so a crash leaves the old or the new
//!   file, never half of one;
//! - entries for topics the roadmap no longer has are kept as they are (and reported), so editing a
//!   roadmap cannot erase anyone's progress.
//!
//! The file lists one topic a line, sorted by id, so it diffs well and can live in git:
//!
//! ```toml
//! roadmap = "Machine learning engineer"
//! version = 1
//!
//! [topics]
//! git = { state = "done", date = 2026-11-20 }
//! python = { state = "learning", date = 2026-11-26 }
//! ```

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

use crate::atomic;
use crate::diagnostic::{Finding, FindingKind, Located};
use crate::error::{Error, Result};
use crate::msg;
use crate::source::{Sources, Span};
use crate::suggest::suggest;

/// The format version this code reads and writes.
pub const VERSION: i64 = 1;

/// The largest progress file read or written: 8 MiB, about 150,000 marked topics. Reading TOML
/// takes some 40 times its size in memory, so a larger file would cost gigabytes.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Done,
    Learning,
    Skipped,
}

impl State {
    pub const NAMES: [&'static str; 3] = ["done", "learning", "skipped"];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Learning => "learning",
            State::Skipped => "skipped",
        }
    }

    fn parse(name: &str) -> Option<State> {
        match name {
            "done" => Some(State::Done),
            "learning" => Some(State::Learning),
            "skipped" => Some(State::Skipped),
            _ => None,
        }
    }

    /// Done and skipped topics count as known when planning.
    pub fn is_known(self) -> bool {
        matches!(self, State::Done | State::Skipped)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub state: State,
    /// When the topic got this state.
    pub date: Date,
}

/// The contents of a progress file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The title of the roadmap the file belongs to.
    pub roadmap: String,
    /// Entries by topic id, sorted; ids the roadmap does not know are kept too.
    pub topics: BTreeMap<String, Entry>,
}

/// The default place of a roadmap's progress file: the platform's data directory (on Linux
/// `$XDG_DATA_HOME`, else `~/.local/share`), `roadmap/progress/<slug of the title>.toml`; `None`
/// when there is no data directory.
pub fn default_path(roadmap_title: &str) -> Option<PathBuf> {
    Some(default_path_in(&dirs::data_dir()?, roadmap_title))
}

/// [`default_path`] within the data directory `data_dir`.
fn default_path_in(data_dir: &Path, roadmap_title: &str) -> PathBuf {
    let mut slug = String::new();
    for c in roadmap_title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() { "roadmap" } else { slug };
    data_dir
        .join("roadmap")
        .join("progress")
        .join(format!("{slug}.toml"))
}

/// The date recorded for changes: today, or `ROADMAP_TODAY` (YYYY-MM-DD) for reproducible files.
pub fn today() -> Result<Date> {
    // Set to nothing is unset, as for every variable the tool reads.
    match std::env::var("ROADMAP_TODAY").map(|d| d.trim().to_owned()) {
        Ok(d) if !d.is_empty() => d
            .parse()
            .map_err(|_| Error::Usage(msg!("error-bad-today", value = d.as_str()))),
        _ => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// The time recorded in files that carry one (a calendar's `DTSTAMP`): now, or midnight UTC of
/// `ROADMAP_TODAY` when it is set, for reproducible files.
pub fn now() -> Result<jiff::Timestamp> {
    let set = std::env::var("ROADMAP_TODAY").is_ok_and(|d| !d.trim().is_empty());
    if !set {
        return Ok(jiff::Timestamp::now());
    }
    let day = today()?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(day.to_datetime(jiff::civil::Time::midnight()))
        .map_err(|_| Error::Usage(msg!("error-bad-today", value = day.to_string())))
}

impl Progress {
    pub fn new(roadmap: &str) -> Progress {
        Progress {
            roadmap: roadmap.to_owned(),
            topics: BTreeMap::new(),
        }
    }

    /// Reads the file at `path`; a missing or empty file (`/dev/null`) is empty progress for
    /// `roadmap`. A file for another roadmap is refused rather than mixed in.
    pub fn read(path: &Path, roadmap: &str) -> Result<Progress> {
        let bytes = match crate::load::read_bounded(path, MAX_BYTES) {
            Ok(b) if b.is_empty() => return Ok(Progress::new(roadmap)),
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Progress::new(roadmap));
            }
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                return Err(Error::ProgressTooLarge {
                    path: path.to_owned(),
                });
            }
            Err(source) => {
                return Err(Error::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let progress = parse(path, bytes)?;
        if progress.roadmap != roadmap {
            return Err(Error::Query(msg!(
                "progress-other-roadmap",
                path = path.display().to_string(),
                other = progress.roadmap.as_str(),
                roadmap = roadmap
            )));
        }
        Ok(progress)
    }

    pub fn state(&self, id: &str) -> Option<State> {
        self.topics.get(id).map(|e| e.state)
    }

    /// The file's text: the header, then one line a topic, sorted by id.
    pub fn to_toml(&self) -> String {
        let mut s = String::from(
            "# Learning progress, kept by `roadmap progress`. One topic a line: done, learning or\n\
             # skipped, and since when. Safe to keep in version control.\n",
        );
        s.push_str(&format!(
            "roadmap = {}\nversion = {VERSION}\n\n[topics]\n",
            quoted(&self.roadmap)
        ));
        for (id, e) in &self.topics {
            s.push_str(&format!(
                "{} = {{ state = \"{}\", date = {} }}\n",
                key(id),
                e.state.as_str(),
                e.date
            ));
        }
        s
    }
}

/// A TOML basic string on one line, the one way the file quotes text (and the page's script too:
/// `tomlString` in `src/html/page.js` writes the same bytes): `"` and `\` escaped, and every
/// control character (C0, DEL, C1) and every character a terminal acts on
/// ([`crate::terminal::is_unsafe`]) as `\uXXXX`, so the file is safe to print and one entry is one
/// line.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() || crate::terminal::is_unsafe(c) => {
                s.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A TOML key: bare when it can be, else [`quoted`].
fn key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { id.to_owned() } else { quoted(id) }
}

/// A progress file that cannot be trusted: its problems, located.
#[derive(Debug)]
pub struct Invalid {
    pub findings: Vec<Located>,
}

fn invalid(mut sources: Sources, findings: &[Finding]) -> Error {
    sources.make_printable();
    let sources = &sources;
    Error::BadProgress(Box::new(Invalid {
        findings: findings.iter().map(|f| f.locate(sources)).collect(),
    }))
}

fn parse(path: &Path, bytes: Vec<u8>) -> Result<Progress> {
    let mut sources = Sources::default();
    let mut findings = Vec::new();
    let name = path.display().to_string();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let file = sources.add(name, String::from_utf8_lossy(e.as_bytes()).into_owned());
            findings.push(
                Finding::new(FindingKind::Syntax, msg!("finding-progress-not-utf8"))
                    .at(Span::new(file, at..at + 1)),
            );
            return Err(invalid(sources, &findings));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let file = sources.add(name, text);
    let text = &sources.files[file as usize].text;
    let progress = match DeTable::parse(text) {
        Ok(table) => read_table(table.get_ref(), file, &mut findings),
        Err(e) => {
            findings.push(
                Finding::new(
                    FindingKind::Syntax,
                    msg!("finding-syntax", detail = e.message()),
                )
                .at(Span::new(file, e.span().unwrap_or(0..0))),
            );
            None
        }
    };
    match progress {
        Some(p) if findings.is_empty() => Ok(p),
        _ => Err(invalid(sources, &findings)),
    }
}

/// Reads the top level; returns `None` (with findings) when anything is not understood.
fn read_table(root: &DeTable, file: u32, findings: &mut Vec<Finding>) -> Option<Progress> {
    let span = |v: &toml::Spanned<DeValue>| Span::new(file, v.span());
    for k in root.keys() {
        if !["roadmap", "version", "topics"].contains(&k.get_ref().as_ref()) {
            findings.push(
                Finding::new(
                    FindingKind::UnknownKey,
                    msg!("finding-progress-unknown-key", key = k.get_ref().as_ref()),
                )
                .at(Span::new(file, k.span()))
                .suggest(suggest(k.get_ref(), ["roadmap", "version", "topics"])),
            );
        }
    }
    let roadmap = match root.get("roadmap").map(|v| (v, v.get_ref())) {
        Some((_, DeValue::String(s))) => s.to_string(),
        Some((v, other)) => {
            findings.push(
                Finding::new(
                    FindingKind::WrongType,
                    msg!(
                        "finding-progress-roadmap-type",
                        found = crate::load::phrase(other.type_str())
                    ),
                )
                .at(span(v)),
            );
            String::new()
        }
        None => {
            findings.push(
                Finding::new(FindingKind::MissingKey, msg!("finding-progress-no-roadmap"))
                    .at(Span::new(file, 0..0)),
            );
            String::new()
        }
    };
    match root.get("version") {
        Some(v) if matches!(v.get_ref(), DeValue::Integer(i) if i.as_str() == VERSION.to_string()) =>
            {}
        Some(v) => findings.push(
            Finding::new(
                FindingKind::WrongType,
                msg!("finding-progress-version", version = VERSION),
            )
            .at(span(v))
            .help(msg!("help-progress-version")),
        ),
        None => {}
    }
    let mut topics = BTreeMap::new();
    if let Some(v) = root.get("topics") {
        let DeValue::Table(entries) = v.get_ref() else {
            findings.push(
                Finding::new(FindingKind::WrongType, msg!("finding-progress-topics-type"))
                    .at(span(v)),
            );
            return None;
        };
        for (id, entry) in entries {
            if let Some(e) = read_entry(id.get_ref(), entry, file, findings) {
                topics.insert(id.get_ref().to_string(), e);
            }
        }
    }
    findings.is_empty().then_some(Progress { roadmap, topics })
}

fn read_entry(
    id: &str,
    value: &toml::Spanned<DeValue>,
    file: u32,
    findings: &mut Vec<Finding>,
) -> Option<Entry> {
    let at = Span::new(file, value.span());
    let DeValue::Table(t) = value.get_ref() else {
        findings.push(
            Finding::new(
                FindingKind::WrongType,
                msg!("finding-progress-entry-type", id = id),
            )
            .at(at),
        );
        return None;
    };
    let mut ok = true;
    for k in t.keys() {
        if !["state", "date"].contains(&k.get_ref().as_ref()) {
            findings.push(
                Finding::new(
                    FindingKind::UnknownKey,
                    msg!(
                        "finding-progress-entry-key",
                        key = k.get_ref().as_ref(),
                        id = id
                    ),
                )
                .at(Span::new(file, k.span()))
                .suggest(suggest(k.get_ref(), ["state", "date"])),
            );
            ok = false;
        }
    }
    let state = match t.get("state").map(|v| (v, v.get_ref())) {
        Some((v, DeValue::String(s))) => State::parse(s).or_else(|| {
            findings.push(
                Finding::new(
                    FindingKind::WrongType,
                    msg!("finding-progress-state", state = s.as_ref(), id = id),
                )
                .at(Span::new(file, v.span()))
                .label(msg!("label-progress-states"))
                .suggest(suggest(s, State::NAMES)),
            );
            None
        }),
        _ => {
            findings.push(
                Finding::new(
                    FindingKind::MissingKey,
                    msg!("finding-progress-no-state", id = id),
                )
                .at(at),
            );
            None
        }
    };
    let date = match t.get("date").map(|v| (v, v.get_ref())) {
        Some((_, DeValue::Datetime(d))) if d.time.is_none() && d.offset.is_none() => d
            .date
            .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok()),
        // Years before 0 read from a string are refused: TOML has no date to write them back as.
        Some((_, DeValue::String(s))) => s.parse::<Date>().ok().filter(|d| d.year() >= 0),
        _ => None,
    };
    if date.is_none() {
        findings.push(
            Finding::new(
                FindingKind::WrongType,
                msg!("finding-progress-date", id = id),
            )
            .at(at),
        );
    }
    match (ok, state, date) {
        (true, Some(state), Some(date)) => Some(Entry { state, date }),
        _ => None,
    }
}

/// Changes the progress file at `path` under its lock: reads it afresh (a missing file is empty),
/// lets `change` edit it, and writes it back atomically when `change` says it changed anything.
pub fn update<T>(
    path: &Path,
    roadmap: &str,
    change: impl FnOnce(&mut Progress) -> Result<(T, bool)>,
) -> Result<T> {
    // Every path to the file (a symbolic link, the link's target) must take the same lock: the
    // lock is on the directory the file is really in.
    let target = atomic::resolve(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    let _lock = lock(dir)?;
    let mut progress = Progress::read(path, roadmap)?;
    let (result, changed) = change(&mut progress)?;
    if changed {
        let text = progress.to_toml();
        // Never write what could not be read back.
        if text.len() as u64 > MAX_BYTES {
            return Err(Error::ProgressTooLarge {
                path: path.to_owned(),
            });
        }
        atomic::write(path, text.as_bytes())?;
    }
    Ok(result)
}

/// Takes the exclusive lock for changes to the progress files in `dir`, released when the
/// returned handle is dropped (or the process ends, however it ends).
///
/// The lock is the directory's own (`flock` on it), not a `<file>.lock` beside the file: such a
/// file, left by a run as another user (root), could not be opened by the owner and blocked
/// every later change; and a lock named after the path as given let two paths to one file
/// (through a symbolic link) write at once and lose marks.
#[cfg(unix)]
fn lock(dir: &Path) -> Result<File> {
    let fail = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    let handle = File::open(dir).map_err(fail)?;
    handle.lock().map_err(fail)?;
    Ok(handle)
}

/// Elsewhere a directory cannot be opened as a file: a lock file in it, named for all progress
/// files there, which is never removed (removing a lock file races with its next user).
#[cfg(not(unix))]
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(".roadmap-progress.lock");
    let fail = |source| Error::Write {
        path: path.clone(),
        source,
    };
    let handle = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(fail)?;
    handle.lock().map_err(fail)?;
    Ok(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn round_trips_through_its_own_text() {
        let mut p = Progress::new("Machine \"learning\" engineer");
        p.topics.insert(
            "python".into(),
            Entry {
                state: State::Done,
                date: date("2026-11-20"),
            },
        );
        p.topics.insert(
            "c++".into(),
            Entry {
                state: State::Learning,
                date: date("2026-11-21"),
            },
        );
        p.topics.insert(
            "a.b".into(),
            Entry {
                state: State::Skipped,
                date: date("2026-01-02"),
            },
        );
        let text = p.to_toml();
        assert!(
            text.contains("\"c++\" = { state = \"learning\", date = 2026-11-21 }"),
            "{text}"
        );
        let back = parse(Path::new("p.toml"), text.into_bytes()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn any_id_and_any_date_read_write_back_as_text_that_reads() {
        let text = "roadmap = \"R\"\n[topics]\n\"new\\nline \\\" \\u0001\\u0085\" = \
                    { state = \"done\", date = \"+002026-01-02\" }\n";
        let p = parse(Path::new("p.toml"), text.as_bytes().to_vec()).unwrap();
        let back = parse(Path::new("p.toml"), p.to_toml().into_bytes()).unwrap();
        assert_eq!(back, p);
        assert!(p.topics.contains_key("new\nline \" \u{1}\u{85}"));
        // A date TOML cannot hold is refused when read, not written as text that cannot be read.
        let text =
            "roadmap = \"R\"\n[topics]\na = { state = \"done\", date = \"-000001-01-01\" }\n";
        assert!(parse(Path::new("p.toml"), text.as_bytes().to_vec()).is_err());
    }

    #[test]
    fn lines_are_sorted_by_id() {
        let mut p = Progress::new("R");
        for id in ["b", "a", "c"] {
            p.topics.insert(
                id.into(),
                Entry {
                    state: State::Done,
                    date: date("2026-01-01"),
                },
            );
        }
        let text = p.to_toml();
        let ids: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("state"))
            .map(|l| &l[..1])
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn anything_not_understood_is_an_error_with_a_position() {
        for bad in [
            "roadmap = \"R\"\n[topics]\npython = { state = \"dnoe\", date = 2026-01-01 }\n",
            "roadmap = \"R\"\n[topics]\npython = { state = \"done\" }\n",
            "roadmap = \"R\"\nextra = 1\n",
            "roadmap = \"R\"\nversion = 2\n",
            "roadmap = \"R\"\n[topics]\npython = { state = \"done\", date = 2026-01-01, note = \"x\" }\n",
            "roadmap = \"R\"\n[topics\n",
        ] {
            let err = parse(Path::new("p.toml"), bad.as_bytes().to_vec()).unwrap_err();
            let Error::BadProgress(invalid) = err else {
                panic!("{bad}: {err:?}")
            };
            assert!(invalid.findings.iter().all(|f| f.line.is_some()), "{bad}");
        }
    }

    #[test]
    fn default_path_is_named_after_the_title() {
        let data = Path::new("/data");
        for (title, file) in [
            (
                "Machine learning engineer",
                "machine-learning-engineer.toml",
            ),
            ("  C++ & Rust: 2026!  ", "c-rust-2026.toml"),
            ("Ünïcode 机器学习", "ünïcode-机器学习.toml"),
            ("???", "roadmap.toml"),
            ("", "roadmap.toml"),
        ] {
            assert_eq!(
                default_path_in(data, title),
                Path::new("/data/roadmap/progress").join(file),
                "{title:?}"
            );
        }
    }
}
