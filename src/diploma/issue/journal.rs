//! The batch journal (`spec/issue.md` §5): an append-only JSON Lines file under the output
//! directory, fsynced after every append. `assigned` lines bind a graduate's resume key to
//! a diploma number before anything is rendered; an `issued` line is written only after
//! the signed PDF has been durably renamed into place. A crash therefore leaves at worst a
//! torn last line (dropped on open) and numbers assigned but not issued (redone under the
//! same number on the next run).

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{IssueError, io_error};

/// The largest journal read back (a bound on work; about 4 million diplomas).
const MAX_JOURNAL_BYTES: u64 = 2 << 30;

/// One journal line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) enum Entry {
    /// A number was given to a graduate; the diploma is not on disk yet.
    Assigned {
        /// The resume key (`national code/level/field_fa`).
        key: String,
        /// The diploma number, compact (24 digits).
        number: String,
        /// The CSV line the graduate came from in the run that assigned it.
        line: u64,
        /// The issue time: SHAMS date-time, PDF creation and signing time.
        #[serde(with = "time::serde::rfc3339")]
        issued_at: OffsetDateTime,
    },
    /// The signed PDF of `number` is durably in place.
    Issued {
        /// The diploma number, compact.
        number: String,
        /// The graduate's national code.
        national_code: String,
        /// The file name under the output directory.
        file: String,
        /// SHA-256 of the file, lower-case hex.
        sha256: String,
    },
}

/// A number given to a graduate, as the journal recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assignment {
    pub number: String,
    pub issued_at: OffsetDateTime,
}

/// A diploma the journal says is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issued {
    pub national_code: String,
    pub file: String,
    pub sha256: String,
}

/// The journal, open for appending, with what it holds.
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    file: File,
    /// Resume key → assignment.
    pub assigned: HashMap<String, Assignment>,
    /// Compact number → issued diploma; the last line for a number wins.
    pub issued: BTreeMap<String, Issued>,
}

impl Journal {
    /// Opens (or creates) the journal at `path` and reads it; a torn last line (no newline:
    /// the process died while appending) is cut off.
    pub(crate) fn open(path: &Path) -> Result<Journal, IssueError> {
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(io_error("open the journal", path))?;
        let mut bytes = Vec::new();
        (&mut file)
            .take(MAX_JOURNAL_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error("read the journal", path))?;
        if bytes.len() as u64 > MAX_JOURNAL_BYTES {
            return Err(IssueError::Journal {
                path: path.to_path_buf(),
                line: 0,
                message: format!("larger than {MAX_JOURNAL_BYTES} bytes"),
            });
        }
        let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        if complete < bytes.len() {
            file.set_len(complete as u64)
                .map_err(io_error("cut the torn last line of the journal", path))?;
            file.sync_all()
                .map_err(io_error("fsync the journal", path))?;
        }
        file.seek(SeekFrom::End(0))
            .map_err(io_error("seek in the journal", path))?;
        let mut journal = Journal {
            path: path.to_path_buf(),
            file,
            assigned: HashMap::new(),
            issued: BTreeMap::new(),
        };
        let text = std::str::from_utf8(bytes.get(..complete).unwrap_or_default()).map_err(|e| {
            IssueError::Journal {
                path: path.to_path_buf(),
                line: 0,
                message: format!("not UTF-8: {e}"),
            }
        })?;
        for (index, line) in text.lines().enumerate() {
            let entry: Entry = serde_json::from_str(line).map_err(|e| IssueError::Journal {
                path: path.to_path_buf(),
                line: index as u64 + 1,
                message: e.to_string(),
            })?;
            journal.apply(entry);
        }
        Ok(journal)
    }

    fn apply(&mut self, entry: Entry) {
        match entry {
            Entry::Assigned {
                key,
                number,
                issued_at,
                ..
            } => {
                self.assigned.insert(key, Assignment { number, issued_at });
            }
            Entry::Issued {
                number,
                national_code,
                file,
                sha256,
            } => {
                self.issued.insert(
                    number,
                    Issued {
                        national_code,
                        file,
                        sha256,
                    },
                );
            }
        }
    }

    /// Appends `entries` as one write and fsyncs; returns once they are durable.
    pub(crate) fn append(&mut self, entries: Vec<Entry>) -> Result<(), IssueError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for entry in &entries {
            let line = serde_json::to_string(entry).map_err(|e| IssueError::Journal {
                path: self.path.clone(),
                line: 0,
                message: format!("cannot encode an entry: {e}"),
            })?;
            text.push_str(&line);
            text.push('\n');
        }
        self.file
            .write_all(text.as_bytes())
            .map_err(io_error("append to the journal", &self.path))?;
        self.file
            .sync_data()
            .map_err(io_error("fsync the journal", &self.path))?;
        for entry in entries {
            self.apply(entry);
        }
        Ok(())
    }

    /// Forgets that `number` was issued (its file is missing or differs from the journal),
    /// so this run redoes it; the next `issued` line for it supersedes the old one.
    pub(crate) fn forget_issued(&mut self, number: &str) {
        self.issued.remove(number);
    }
}
