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

    #[test]
    fn a_missing_directory_is_an_error_naming_the_file() {
        let err = write(Path::new("/nonexistent-dir/x/out.svg"), b"x").unwrap_err();
        assert!(err.to_string().contains("out.svg"), "{err}");
    }
}
