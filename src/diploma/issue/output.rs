//! What a batch leaves in its output directory (`spec/issue.md` §4): one PDF per diploma,
//! put in place under a temporary name and renamed, then made durable a group at a time
//! (one `syncfs` on Linux) before the journal names it; and `manifest.json`, replaced
//! durably (temporary file, fsync, rename, fsync of the directory) at the end of every run.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use super::{IssueError, io_error};
use crate::ids::{DiplomaNumber, NationalCode};
use crate::records::hex;

/// The manifest's file name under the output directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The suffix of a file being written; such files are removed when a batch starts.
pub(crate) const PARTIAL_SUFFIX: &str = ".partial";

/// One issued diploma in `manifest.json`, held compactly (a batch keeps one per diploma):
/// the file name and the hex digest are derived when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ManifestEntry {
    /// The diploma number (printed form in the manifest: `10380284790-1403-2-000012-32`).
    pub number: DiplomaNumber,
    /// The graduate's national code.
    pub national_code: NationalCode,
    /// SHA-256 of the PDF.
    pub sha256: [u8; 32],
}

impl ManifestEntry {
    /// The PDF's file name, relative to the output directory: the printed number + `.pdf`.
    pub fn file(&self) -> String {
        file_name(&self.number)
    }

    /// SHA-256 of the PDF, lower-case hex.
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

impl Serialize for ManifestEntry {
    /// `{"number","national_code","file","sha256"}` as `spec/issue.md` §4 lists them.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut entry = s.serialize_struct("ManifestEntry", 4)?;
        entry.serialize_field("number", &self.number.to_string())?;
        entry.serialize_field("national_code", self.national_code.as_str())?;
        entry.serialize_field("file", &self.file())?;
        entry.serialize_field("sha256", &self.sha256_hex())?;
        entry.end()
    }
}

/// The file name of diploma `number` under the output directory.
pub(crate) fn file_name(number: &DiplomaNumber) -> String {
    format!("{number}.pdf")
}

/// SHA-256 of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Writes `dir/name` with `write` so that after a crash the file is either absent, its old
/// self, or complete: `name.partial` written and fsynced, renamed, directory fsynced.
fn write_durably(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), IssueError> {
    put(dir, name, write, true)?;
    sync_dir(dir)
}

/// Puts `bytes` in place as `dir/name` without waiting for the disk: the batch makes a
/// whole group of such files durable at once ([`sync_landed`]) before it journals them.
pub(crate) fn land(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), IssueError> {
    // Where no file-system-wide sync exists, each file is made durable on its own.
    put(dir, name, |file| file.write_all(bytes), !SYNCFS)
}

/// Writes `name.partial` with `write`, fsyncs it when `fsync`, and renames it to `name`.
fn put(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
    fsync: bool,
) -> Result<(), IssueError> {
    let path = dir.join(name);
    let tmp = dir.join(format!("{name}{PARTIAL_SUFFIX}"));
    let mut file = File::create(&tmp).map_err(io_error("create", &tmp))?;
    write(&mut file).map_err(io_error("write", &tmp))?;
    if fsync {
        file.sync_all().map_err(io_error("fsync", &tmp))?;
    }
    drop(file);
    fs::rename(&tmp, &path).map_err(io_error("rename into place", &path))
}

/// Whether [`sync_landed`] flushes the whole file system (Linux `syncfs(2)`).
const SYNCFS: bool = cfg!(target_os = "linux");

/// Makes every file [`land`]ed in `dir` so far durable, with its name: on Linux one
/// `syncfs(2)` of the file system (data, inodes and directory entries, waited for), so a
/// group of diplomas costs one disk flush instead of one per file; elsewhere the files were
/// fsynced as they landed and only the directory is left.
#[cfg(target_os = "linux")]
pub(crate) fn sync_landed(dir: &Path) -> Result<(), IssueError> {
    let handle = File::open(dir).map_err(io_error("open", dir))?;
    rustix::fs::syncfs(&handle).map_err(|e| io_error("syncfs", dir)(std::io::Error::from(e)))
}

/// See the Linux version: the files are already durable; the renames need the directory.
#[cfg(not(target_os = "linux"))]
pub(crate) fn sync_landed(dir: &Path) -> Result<(), IssueError> {
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

/// Replaces `dir/manifest.json` with `entries` (already in number order), streamed to the
/// file so a long batch holds no second copy of its manifest in memory.
pub(crate) fn write_manifest(
    dir: &Path,
    entries: impl ExactSizeIterator<Item = ManifestEntry>,
) -> Result<(), IssueError> {
    write_durably(dir, MANIFEST_FILE, |out| {
        let mut out = std::io::BufWriter::new(out);
        let mut json = serde_json::Serializer::pretty(&mut out);
        let mut manifest = (&mut json)
            .serialize_struct("Manifest", 1)
            .map_err(std::io::Error::other)?;
        manifest
            .serialize_field("diplomas", &Streamed(std::cell::Cell::new(Some(entries))))
            .map_err(std::io::Error::other)?;
        SerializeStruct::end(manifest).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    })
}

/// Serializes an iterator as a JSON array without collecting it (serde takes `&self`).
struct Streamed<I>(std::cell::Cell<Option<I>>);

impl<I: ExactSizeIterator<Item = ManifestEntry>> Serialize for Streamed<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entries = self.0.take();
        let mut seq = s.serialize_seq(entries.as_ref().map(ExactSizeIterator::len))?;
        for entry in entries.into_iter().flatten() {
            seq.serialize_element(&entry)?;
        }
        seq.end()
    }
}
