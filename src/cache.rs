//! A cache of validated roadmaps, so that asking a large roadmap a question does not parse and
//! validate its TOML every time.
//!
//! An entry is keyed by a BLAKE3 hash of everything the result depends on: this tool's version,
//! the cache format, and every file's name and bytes. So it can never be stale: a changed file is
//! a different key. Entries live in the user's cache directory (`$XDG_CACHE_HOME/roadmap`, or
//! `~/.cache/roadmap`), are written atomically, and are silently rebuilt when missing, unreadable
//! or corrupt; failing to write one is never an error. An entry is not trusted: it carries the
//! BLAKE3 digest of its contents, checked before anything is decoded, and what it decodes to is
//! checked again (every index in range) before it is used, so a damaged entry is a miss, never a
//! wrong answer or a panic. Small roadmaps, for which parsing is
//! cheaper than reading a cache entry, and the built-in roadmap, are not cached.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic;
use crate::diagnostic::Located;
use crate::load::RawFile;
use crate::model::{Meta, Roadmap, Stage, Topic, TopicIx};
use crate::validate::{Checked, Counts};

/// Changed whenever the layout of [`Entry`] or the meaning of anything in it changes.
const FORMAT: u32 = 5;
/// An entry file: this, the key (32 bytes), the BLAKE3 digest of the body (32 bytes), the body
/// (the entry, encoded with postcard).
const MAGIC: &[u8; 8] = b"RDMAPC02";
const HEADER: usize = MAGIC.len() + 64;
/// Roadmaps smaller than this are parsed every time.
pub const MIN_BYTES: usize = 256 * 1024;
/// Entries kept; the least recently used beyond this are removed.
const KEEP: usize = 16;

/// An entry as read back.
#[derive(Deserialize)]
struct Entry {
    counts: Counts,
    findings: Vec<Located>,
    roadmap: Option<Parts>,
}

/// A validated roadmap's own data; its index and graph are rebuilt on reading.
#[derive(Deserialize)]
struct Parts {
    meta: Meta,
    stages: Vec<Stage>,
    topics: Vec<Topic<TopicIx>>,
}

#[derive(Serialize)]
struct PartsRef<'a> {
    meta: &'a Meta,
    stages: &'a [Stage],
    topics: &'a [Topic<TopicIx>],
}

/// The same entry as written, borrowing from the result instead of copying it (the encoding is
/// the same: postcard writes a slice as it writes a vector).
#[derive(Serialize)]
struct EntryRef<'a> {
    counts: Counts,
    findings: &'a [Located],
    roadmap: Option<PartsRef<'a>>,
}

/// The key of a roadmap made of these files.
pub fn key(files: &[RawFile]) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&FORMAT.to_le_bytes());
    // Which build of the tool made the entry: a development build that validates differently
    // must not read another's results under the same version number.
    if let Some(exe) = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
    {
        h.update(&exe.len().to_le_bytes());
        if let Ok(t) = exe
            .modified()
            .map(|t| t.duration_since(std::time::UNIX_EPOCH))
        {
            h.update(&t.unwrap_or_default().as_nanos().to_le_bytes());
        }
    }
    for (name, bytes) in files {
        h.update(&(name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    h.finalize()
}

/// The cache directory, when the platform has one.
pub fn dir() -> Option<PathBuf> {
    Some(dirs::cache_dir()?.join("roadmap"))
}

fn path(dir: &Path, key: &blake3::Hash) -> PathBuf {
    dir.join(format!("v{FORMAT}-{}.bin", key.to_hex()))
}

/// The cached result for `key`, if there is a sound one: the file is this key's, its body is
/// what was written (its digest matches), it decodes, and the roadmap in it is whole.
pub fn load(dir: &Path, key: &blake3::Hash) -> Option<Checked> {
    let file = path(dir, key);
    let bytes = std::fs::read(&file).ok()?;
    let body = verified(&bytes, key)?;
    let entry: Entry = postcard::from_bytes(body).ok()?;
    // Pruning keeps the most recently used entries: mark this one used.
    if let Ok(f) = std::fs::File::options().write(true).open(&file) {
        let _ = f.set_modified(std::time::SystemTime::now());
    }
    let roadmap = match entry.roadmap {
        Some(p) => Some(Roadmap::rebuild(p.meta, p.stages, p.topics)?),
        None => None,
    };
    Some(Checked {
        findings: entry.findings,
        counts: entry.counts,
        roadmap,
    })
}

/// Stores a result; any failure just means no cache next time.
pub fn store(dir: &Path, key: &blake3::Hash, checked: &Checked) {
    if let Some(bytes) = encode(key, checked) {
        write(dir, key, &bytes);
    }
}

/// The bytes of an entry for a result: made while the result is at hand, so that [`write()`] can
/// run on another thread while the command goes on with the result.
pub fn encode(key: &blake3::Hash, checked: &Checked) -> Option<Vec<u8>> {
    let entry = EntryRef {
        counts: checked.counts,
        findings: &checked.findings,
        roadmap: checked.roadmap.as_ref().map(|r| PartsRef {
            meta: &r.meta,
            stages: &r.stages,
            topics: &r.topics,
        }),
    };
    // The header with room for the digest, then the body, then the body's digest in its room.
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(key.as_bytes());
    header.extend_from_slice(&[0; 32]);
    let mut bytes = postcard::to_extend(&entry, header).ok()?;
    let digest = blake3::hash(&bytes[HEADER..]);
    bytes[HEADER - 32..HEADER].copy_from_slice(digest.as_bytes());
    Some(bytes)
}

/// Writes an entry made by [`encode`] and prunes old ones; any failure just means no cache next
/// time.
pub fn write(dir: &Path, key: &blake3::Hash, bytes: &[u8]) {
    if std::fs::create_dir_all(dir).is_ok() && atomic::write(&path(dir, key), bytes).is_ok() {
        prune(dir);
    }
}

/// The body of an entry file, when the file is an entry for `key` whose body is the one that was
/// written.
fn verified<'a>(bytes: &'a [u8], key: &blake3::Hash) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (stored_key, rest) = rest.split_first_chunk::<32>()?;
    let (digest, body) = rest.split_first_chunk::<32>()?;
    // `blake3::Hash` compares in constant time; the point here is only integrity.
    (blake3::Hash::from_bytes(*stored_key) == *key
        && blake3::Hash::from_bytes(*digest) == blake3::hash(body))
    .then_some(body)
}

/// Removes all but the newest [`KEEP`] entries.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bin"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= KEEP {
        return;
    }
    files.sort();
    for (_, old) in &files[..files.len() - KEEP] {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked() -> Checked {
        let text = "[roadmap]\ntitle = \"T\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
                    [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nhours = 1\n\
                    [[topic]]\nid = \"b\"\ntitle = \"B\"\nstage = \"s\"\nrequires = [\"a\"]\n";
        let (doc, findings) = crate::load::parse(vec![("t.toml".into(), text.into())]).unwrap();
        crate::validate::validate(doc, findings)
    }

    #[test]
    fn a_stored_result_comes_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let key = key(&[("t.toml".into(), b"x".to_vec())]);
        let fresh = checked();
        store(dir.path(), &key, &fresh);
        let cached = load(dir.path(), &key).expect("cached");
        assert_eq!(cached.findings, fresh.findings);
        assert_eq!(cached.counts, fresh.counts);
        let (a, b) = (cached.roadmap.unwrap(), fresh.roadmap.unwrap());
        assert_eq!(a.topics.len(), b.topics.len());
        assert_eq!(a.index_of("b"), b.index_of("b"));
        assert_eq!(a.graph().plain_requires(1), b.graph().plain_requires(1));
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let key = key(&[("t.toml".into(), b"x".to_vec())]);
        store(dir.path(), &key, &checked());
        let file = path(dir.path(), &key);
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&file, &bytes).unwrap();
        assert!(load(dir.path(), &key).is_none());
        std::fs::write(&file, b"garbage").unwrap();
        assert!(load(dir.path(), &key).is_none());
        // An entry filed under another key is not taken.
        let other = super::key(&[("t.toml".into(), b"y".to_vec())]);
        store(dir.path(), &other, &checked());
        std::fs::copy(path(dir.path(), &other), &file).unwrap();
        assert!(load(dir.path(), &key).is_none());
    }

    #[test]
    fn only_the_most_recently_used_entries_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let key = |i: usize| key(&[("t.toml".into(), i.to_le_bytes().to_vec())]);
        let fresh = checked();
        // What else the directory holds (the results of `check --links`) is not an entry.
        let links = dir.path().join("links-v1.json");
        std::fs::write(&links, "{}").unwrap();
        // Times set by hand, an hour ago and a second apart: a file system's clock may give
        // quick writes the same time.
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let at = |file: &Path, s: u64| {
            let f = std::fs::File::options().write(true).open(file).unwrap();
            f.set_modified(an_hour_ago + std::time::Duration::from_secs(s))
                .unwrap();
        };
        at(&links, 0);
        let count = || std::fs::read_dir(dir.path()).unwrap().count();
        // Up to KEEP entries, none is removed.
        for i in 0..KEEP {
            store(dir.path(), &key(i), &fresh);
            at(&path(dir.path(), &key(i)), 1 + i as u64);
        }
        assert_eq!(count(), 1 + KEEP);
        // More than one over KEEP, as when other runs wrote at the same time: 4 more written
        // without pruning.
        for i in KEEP..KEEP + 4 {
            let file = path(dir.path(), &key(i));
            std::fs::write(&file, encode(&key(i), &fresh).unwrap()).unwrap();
            at(&file, 1 + i as u64);
        }
        // Reading the oldest marks it used; the next write removes the 5 used least recently
        // after it, and only those.
        assert!(load(dir.path(), &key(0)).is_some());
        store(dir.path(), &key(KEEP + 4), &fresh);
        assert_eq!(count(), 1 + KEEP);
        for i in 0..=KEEP + 4 {
            let kept = !(1..=5).contains(&i);
            assert_eq!(path(dir.path(), &key(i)).exists(), kept, "entry {i}");
        }
        assert!(links.exists());
    }

    #[test]
    fn keys_depend_on_names_and_bytes() {
        let k = |name: &str, bytes: &[u8]| key(&[(name.into(), bytes.to_vec())]);
        assert_ne!(k("a.toml", b"x"), k("b.toml", b"x"));
        assert_ne!(k("a.toml", b"x"), k("a.toml", b"y"));
        assert_eq!(k("a.toml", b"x"), k("a.toml", b"x"));
    }
}
