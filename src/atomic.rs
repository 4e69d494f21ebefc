//! Writing files so that nobody ever sees half of one: the bytes go to a temporary file in the
//! same directory, are flushed to disk, and the temporary file is renamed over the target, which
//! is atomic on the same file system. On failure the target is untouched and nothing is left
//! behind; temporary files a killed run left behind are swept away by later writes.
//!
//! Where a write goes is decided by [`resolve`]: symbolic links are followed to the file they
//! name, even one that does not exist yet, so that a link the user made is never replaced.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{Error, Result};

/// How many symbolic links [`resolve`] follows before calling it a loop (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Temporary files older than this are from a run that was killed (a run writes its temporary
/// file only once the bytes are ready, and takes seconds at most).
const STALE: Duration = Duration::from_secs(15 * 60);

const TEMP_PREFIX: &str = ".roadmap-";
const TEMP_SUFFIX: &str = ".tmp";

/// The path a write to `path` really goes to: symbolic links followed, also when the last one
/// names a file that does not exist yet. Two paths to one file (through links) resolve to the
/// same directory entry, which is what the progress file's lock relies on.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                // A relative target is relative to the link's directory; `join` keeps an
                // absolute one as it is.
                at = match at.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other("a loop of symbolic links"))
}

/// Whether `path` is written as a directory (`out/`), which can never name a file.
fn names_a_directory(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    text.last()
        .is_some_and(|&b| std::path::is_separator(b as char))
}

/// Replaces (or creates) `path` with `bytes`, atomically. A symbolic link is written through,
/// creating its target if need be; what is not a regular file (`/dev/null`, a pipe) is written
/// into; a directory is refused.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source: io::Error| Error::Write {
        path: path.to_owned(),
        source,
    };
    let is_a_directory = || {
        fail(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory: give a file name",
        ))
    };
    if names_a_directory(path) {
        return Err(is_a_directory());
    }
    let target = resolve(path).map_err(fail)?;
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(is_a_directory());
    }
    // What is not a file (`-o /dev/stdout`, `/dev/null`, a pipe) has no contents to replace, and
    // renaming over it would replace the device itself, for everyone: write into it instead.
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(fail);
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // Temporary files are private (0600); the result should look like any file the user
    // writes: keep an existing file's mode, else the usual 0644.
    if let Some(meta) = &existing {
        builder.permissions(meta.permissions());
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    // The temporary file's random name is of no use in a message: report the error's kind.
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        let why = match e.kind() {
            io::ErrorKind::NotFound => format!("no directory `{}`", dir.display()),
            kind => kind.to_string(),
        };
        fail(io::Error::new(e.kind(), why))
    })?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    sweep(dir);
    Ok(())
}

/// Removes the temporary files of runs that were killed before they could clean up (`kill -9`,
/// a power cut): ours by their name, and old enough that no live run is still writing them.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, b"old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    /// A link to a file that does not exist yet: the file is created where it points and the
    /// link stays (it used to be replaced by a regular file, and its target never made).
    #[cfg(unix)]
    #[test]
    fn a_dangling_link_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let link = dir.path().join("link.txt");
        let hop = dir.path().join("hop.txt");
        std::os::unix::fs::symlink("real/new.txt", &hop).unwrap();
        std::os::unix::fs::symlink("hop.txt", &link).unwrap();
        write(&link, b"made").unwrap();
        for l in [&link, &hop] {
            assert!(
                std::fs::symlink_metadata(l)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
        }
        assert_eq!(
            std::fs::read(dir.path().join("real/new.txt")).unwrap(),
            b"made"
        );
        assert_eq!(resolve(&link).unwrap(), dir.path().join("real/new.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_links_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", &b).unwrap();
        let err = write(&a, b"x").unwrap_err();
        assert!(err.to_string().contains("loop of symbolic links"), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_directory_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        for path in [dir.path().to_path_buf(), dir.path().join("new-dir/")] {
            let err = write(&path, b"x").unwrap_err().to_string();
            assert!(err.contains("it is a directory: give a file name"), "{err}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// A run killed between making its temporary file and renaming it leaves the file behind;
    /// the next write into that directory removes it once it is old enough to be nobody's.
    #[test]
    fn temporary_files_of_killed_runs_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".roadmap-AbC123.tmp");
        let fresh = dir.path().join(".roadmap-XyZ789.tmp");
        let other = dir.path().join(".other-AbC123.tmp");
        for f in [&stale, &fresh, &other] {
            std::fs::write(f, b"half").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * STALE;
        for f in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(f)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        write(&dir.path().join("out.txt"), b"x").unwrap();
        assert!(!stale.exists(), "a stale temporary file is removed");
        assert!(fresh.exists(), "a temporary file being written is kept");
        assert!(other.exists(), "files that are not ours are kept");
    }

    /// A pipe stands for `/dev/stdout` and `/dev/null`, which a test must not risk replacing.
    #[cfg(unix)]
    #[test]
    fn what_is_not_a_file_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED: no mkfifo to make a pipe with");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write(&fifo, b"through the pipe").unwrap();
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert_eq!(reader.join().unwrap(), b"through the pipe");
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_file() {
        let err = write(Path::new("/nonexistent-dir/x/out.svg"), b"x").unwrap_err();
        assert!(err.to_string().contains("out.svg"), "{err}");
    }
}
