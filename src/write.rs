//! Stage 6, write: stdout, or a file written atomically (a temp file in the same folder,
//! then a rename), so a report is never half-written and a failed run leaves the previous
//! report intact.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

#[cfg(unix)]
fn set_mode(file: &std::fs::File, existing: Option<std::fs::Permissions>) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(existing.unwrap_or_else(|| std::fs::Permissions::from_mode(0o644)))
}

#[cfg(not(unix))]
fn set_mode(_: &std::fs::File, _: Option<std::fs::Permissions>) -> std::io::Result<()> {
    Ok(())
}

/// Writes `text` to `out`, or to stdout when `out` is None.
pub fn write(out: Option<&Path>, text: &str) -> Result<()> {
    let Some(path) = out else {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map_err(|source| Error::Write { path: "<stdout>".into(), source }),
        };
    };
    let err = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(err)?;
    tmp.write_all(text.as_bytes()).map_err(err)?;
    // Temp files are private (0600); a report keeps the mode of the file it replaces, or
    // gets an ordinary one.
    let mode = std::fs::metadata(path).map(|m| m.permissions()).ok();
    set_mode(tmp.as_file(), mode).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
