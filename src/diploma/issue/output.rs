//! What a batch leaves in its output directory (`spec/issue.md` §4): one PDF per diploma,
//! written durably (temporary file, fsync, rename, fsync of the directory), and
//! `manifest.json`, replaced the same way at the end of every run.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{IssueError, io_error};

/// The manifest's file name under the output directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The suffix of a file being written; such files are removed when a batch starts.
pub(crate) const PARTIAL_SUFFIX: &str = ".partial";

/// One issued diploma in `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestEntry {
    /// The diploma number in its printed form (`10380284790-1403-2-000012-32`).
    pub number: String,
    /// The graduate's national code.
    pub national_code: String,
    /// The PDF's file name, relative to the output directory.
    pub file: String,
    /// SHA-256 of the PDF, lower-case hex.
    pub sha256: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    diplomas: &'a [ManifestEntry],
}

/// SHA-256 of `bytes`, lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `dir/name` so that after a crash the file is either absent, its old
/// self, or complete: `name.partial` written and fsynced, renamed, directory fsynced.
pub(crate) fn write_durably(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), IssueError> {
    let path = dir.join(name);
    let tmp = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
    let mut file = File::create(&tmp).map_err(io_error("create", &tmp))?;
    file.write_all(bytes).map_err(io_error("write", &tmp))?;
    file.sync_all().map_err(io_error("fsync", &tmp))?;
    drop(file);
    fs::rename(&tmp, &path).map_err(io_error("rename into place", &path))?;
    sync_dir(dir)
}

/// Makes renames in `dir` durable (POSIX: fsync the directory).
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> Result<(), IssueError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_error("fsync the directory", dir))
}

/// Windows cannot open a directory as a file; the rename is the best available there.
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> Result<(), IssueError> {
    Ok(())
}

/// Removes the `*.partial` files a killed run left in `dir`; returns how many.
pub(crate) fn remove_partials(dir: &Path) -> Result<usize, IssueError> {
    let mut removed = 0;
    for entry in fs::read_dir(dir).map_err(io_error("list", dir))? {
        let entry = entry.map_err(io_error("list", dir))?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(PARTIAL_SUFFIX) && entry.path().is_file() {
            fs::remove_file(entry.path()).map_err(io_error("remove", &entry.path()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Replaces `dir/manifest.json` with `entries`, sorted by number.
pub(crate) fn write_manifest(dir: &Path, entries: &mut [ManifestEntry]) -> Result<(), IssueError> {
    entries.sort_by(|a, b| a.number.cmp(&b.number));
    let mut text = serde_json::to_string_pretty(&Manifest { diplomas: entries }).map_err(|e| {
        IssueError::Settings {
            what: "manifest",
            message: format!("cannot encode: {e}"),
        }
    })?;
    text.push('\n');
    write_durably(dir, MANIFEST_FILE, text.as_bytes())
}
