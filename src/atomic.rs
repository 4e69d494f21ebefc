//! Writing files so that nobody ever sees half of one: the bytes go to a temporary file in the
//! same directory, are flushed to disk, and the temporary file is renamed over the target, which
//! is atomic on the same file system. On failure the target is untouched and nothing is left
//! behind.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Replaces (or creates) `path` with `bytes`, atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source: std::io::Error| Error::Write {
        path: path.to_owned(),
        source,
    };
    // A symbolic link is followed, so that the file it names is replaced rather than the link.
    let resolved = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).ok(),
        _ => None,
    };
    let path = resolved.as_deref().unwrap_or(path);
    // What is not a file (`-o /dev/stdout`, `/dev/null`, a pipe) has no contents to replace, and
    // renaming over it would replace the device itself, for everyone: write into it instead.
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir()) {
        return std::fs::write(path, bytes).map_err(fail);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".roadmap-").suffix(".tmp");
    // Temporary files are private (0600); the result should look like any file the user
    // writes: keep an existing file's mode, else the usual 0644.
    if let Ok(meta) = std::fs::metadata(path) {
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
            std::io::ErrorKind::NotFound => format!("no directory `{}`", dir.display()),
            kind => kind.to_string(),
        };
        fail(std::io::Error::new(e.kind(), why))
    })?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
