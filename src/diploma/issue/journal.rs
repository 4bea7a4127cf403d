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
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::output::{ManifestEntry, file_name};
use super::{IssueError, io_error};
use crate::ids::{DiplomaNumber, NationalCode};

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

/// A graduate's resume key as the batch indexes it: the first 16 bytes of SHA-256 of the
/// key text (`spec/issue.md` §5.1), so the index holds 16 bytes per graduate however long
/// the field name is. Two keys colliding would take 2^64 graduates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct KeyDigest([u8; 16]);

impl KeyDigest {
    /// The digest of `key`.
    pub(crate) fn of(key: &str) -> KeyDigest {
        let digest = Sha256::digest(key.as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(digest.get(..16).unwrap_or(&[0; 16]));
        KeyDigest(bytes)
    }
}

/// A number given to a graduate, as the journal recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Assignment {
    pub number: DiplomaNumber,
    pub issued_at: OffsetDateTime,
}

/// The journal, open for appending, with what it holds (compactly: a batch of millions
/// keeps this in memory).
#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    file: File,
    /// Resume key → assignment.
    pub assigned: HashMap<KeyDigest, Assignment>,
    /// Number → the diploma the journal says is on disk; the last line for a number wins.
    pub issued: BTreeMap<DiplomaNumber, Issued>,
}

/// What the journal keeps of an issued diploma besides its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Issued {
    pub national_code: NationalCode,
    pub sha256: [u8; 32],
}

/// What one line says, checked.
enum Fact {
    Assigned(KeyDigest, Assignment),
    Issued(ManifestEntry),
}

impl Entry {
    /// The line's content checked: a valid number, national code and digest, and the file
    /// name the number gives (`spec/issue.md` §4).
    fn fact(&self) -> Result<Fact, String> {
        let number = |n: &str| DiplomaNumber::parse(n).map_err(|e| format!("number {n}: {e}"));
        match self {
            Entry::Assigned {
                key,
                number: n,
                issued_at,
                ..
            } => Ok(Fact::Assigned(
                KeyDigest::of(key),
                Assignment {
                    number: number(n)?,
                    issued_at: *issued_at,
                },
            )),
            Entry::Issued {
                number: n,
                national_code,
                file,
                sha256,
            } => {
                let number = number(n)?;
                if *file != file_name(&number) {
                    return Err(format!("file {file} is not the file of number {n}"));
                }
                let national_code = NationalCode::parse(national_code)
                    .map_err(|e| format!("national code {national_code}: {e}"))?;
                let mut digest = [0u8; 32];
                let nibbles: Vec<u8> = sha256
                    .chars()
                    .map_while(|c| c.to_digit(16).filter(|_| !c.is_ascii_uppercase()))
                    .map(|v| v as u8)
                    .collect();
                if nibbles.len() != 64 || sha256.len() != 64 {
                    return Err(format!("sha256 {sha256} is not 64 lower-case hex digits"));
                }
                for (byte, pair) in digest.iter_mut().zip(nibbles.chunks(2)) {
                    *byte = pair.iter().fold(0, |b, v| b << 4 | v);
                }
                Ok(Fact::Issued(ManifestEntry {
                    number,
                    national_code,
                    sha256: digest,
                }))
            }
        }
    }

    /// The `issued` line of `entry`.
    pub(crate) fn issued(entry: &ManifestEntry) -> Entry {
        Entry::Issued {
            number: entry.number.compact().to_owned(),
            national_code: entry.national_code.as_str().to_owned(),
            file: entry.file(),
            sha256: entry.sha256_hex(),
        }
    }
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
            let fact = entry.fact().map_err(|message| IssueError::Journal {
                path: path.to_path_buf(),
                line: index as u64 + 1,
                message,
            })?;
            journal.record(fact);
        }
        Ok(journal)
    }

    fn record(&mut self, fact: Fact) {
        match fact {
            Fact::Assigned(key, assignment) => {
                self.assigned.insert(key, assignment);
            }
            Fact::Issued(entry) => {
                let issued = Issued {
                    national_code: entry.national_code,
                    sha256: entry.sha256,
                };
                self.issued.insert(entry.number, issued);
            }
        }
    }

    /// Appends `entries` as one write and fsyncs; returns once they are durable.
    pub(crate) fn append(&mut self, entries: Vec<Entry>) -> Result<(), IssueError> {
        if entries.is_empty() {
            return Ok(());
        }
        let facts = entries
            .iter()
            .map(Entry::fact)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| IssueError::Journal {
                path: self.path.clone(),
                line: 0,
                message: format!("refused to append: {message}"),
            })?;
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
        for fact in facts {
            self.record(fact);
        }
        Ok(())
    }

    /// Forgets that `number` was issued (its file is missing or differs from the journal),
    /// so this run redoes it; the next `issued` line for it supersedes the old one.
    pub(crate) fn forget_issued(&mut self, number: &DiplomaNumber) {
        self.issued.remove(number);
    }

    /// Every diploma the journal says is issued, in number order.
    pub(crate) fn entries(&self) -> impl ExactSizeIterator<Item = ManifestEntry> + '_ {
        self.issued.iter().map(|(number, issued)| ManifestEntry {
            number: *number,
            national_code: issued.national_code,
            sha256: issued.sha256,
        })
    }

    /// Whether the graduate of `key` has been issued a diploma.
    pub(crate) fn is_issued(&self, key: &KeyDigest) -> bool {
        self.assigned
            .get(key)
            .is_some_and(|a| self.issued.contains_key(&a.number))
    }
}
