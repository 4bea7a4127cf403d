//! Serials for diploma numbers that are never handed out twice, even when the process
//! is killed or the machine loses power mid-allocation (`spec/identifiers.md` §4).
//!
//! One counter per [`SerialKey`] (university, Jalali year, degree level). The
//! [`SerialAllocator`] trait lets a database or a remote service replace the
//! [`FileSerialAllocator`], which keeps each counter in its own small state file, replaced
//! atomically (write a temporary file, fsync, rename, fsync the directory) under an
//! exclusive file lock, and returns a serial only once the new state is durable. A crash can
//! therefore skip serials (a gap) but never repeat one.
//!
//! ```
//! use samad::ids::{DegreeLevel, FileSerialAllocator, SerialAllocator, SerialKey};
//!
//! let dir = tempfile::tempdir()?;
//! let allocator = FileSerialAllocator::open(dir.path())?;
//! let key = SerialKey::new("10380284790".parse()?, 1403, DegreeLevel::Bachelor);
//! assert_eq!(allocator.allocate(&key)?, 1);
//! assert_eq!(allocator.allocate_block(&key, 10)?, 2..12);
//! let number = key.number(allocator.allocate(&key)?)?;
//! assert_eq!(number.to_string(), "10380284790-1403-2-000012-32");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{DegreeLevel, DiplomaNumber, IdError, LegalEntityId};

mod file;
mod state;

pub use file::FileSerialAllocator;

/// What a counter counts: the diplomas of one level that one university issues in one
/// Jalali year. Each key has its own serials, 1 to [`DiplomaNumber::MAX_SERIAL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SerialKey {
    /// The issuing university.
    pub university: LegalEntityId,
    /// The Jalali year of graduation.
    pub year: u16,
    /// The degree level.
    pub level: DegreeLevel,
}

impl SerialKey {
    /// The key of `level` diplomas of `university` in Jalali `year`.
    pub fn new(university: LegalEntityId, year: u16, level: DegreeLevel) -> SerialKey {
        SerialKey {
            university,
            year,
            level,
        }
    }

    /// The diploma number with this key and `serial`.
    pub fn number(&self, serial: u32) -> Result<DiplomaNumber, IdError> {
        DiplomaNumber::new(self.university, self.year, self.level, serial)
    }

    /// Checks that diploma numbers can be made with this key (the year is in range).
    pub fn validate(&self) -> Result<(), AllocatorError> {
        self.number(1)
            .map(|_| ())
            .map_err(|source| AllocatorError::InvalidKey { key: *self, source })
    }

    /// The key in file names: `UUUUUUUUUUU-YYYY-L`, as in the printed diploma number.
    pub(crate) fn file_stem(&self) -> String {
        format!("{}-{}-{}", self.university, self.year, self.level.code())
    }
}

impl From<&DiplomaNumber> for SerialKey {
    fn from(number: &DiplomaNumber) -> SerialKey {
        SerialKey::new(number.university(), number.year(), number.level())
    }
}

impl fmt::Display for SerialKey {
    /// `10380284790/1403/bachelor`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.university, self.year, self.level)
    }
}

/// Why no serial was handed out. Nothing was issued when this is returned (though serials
/// may have been used up: see `spec/identifiers.md` §4).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AllocatorError {
    /// A file operation failed (the cause is the `source`).
    #[error("serial allocator: could not {action} `{}`", path.display())]
    Io {
        /// What was being done, e.g. "lock", "rename the new state over".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// A state file cannot be read back. It was left as it is; nothing is reset.
    #[error(
        "serial allocator: state file `{}` is damaged ({reason}); it was left untouched: \
         restore it from a backup or set it with FileSerialAllocator::recover to the highest \
         serial ever issued for its key",
        path.display()
    )]
    CorruptState {
        /// The state file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The key's serials are used up.
    #[error(
        "serial allocator: {key}: {requested} serial(s) requested but {last} of {} are \
         already used",
        DiplomaNumber::MAX_SERIAL
    )]
    Exhausted {
        /// The key.
        key: SerialKey,
        /// The last serial already used.
        last: u32,
        /// How many were requested.
        requested: u32,
    },
    /// The key cannot make diploma numbers (its year is out of range).
    #[error("serial allocator: {key} cannot key diploma numbers")]
    InvalidKey {
        /// The key.
        key: SerialKey,
        /// Why.
        #[source]
        source: IdError,
    },
    /// [`FileSerialAllocator::recover`] was asked to move a counter backwards.
    #[error(
        "serial allocator: {key}: refusing to lower the counter from {last} to {requested}; \
         serials {requested}+1 to {last} would be issued twice"
    )]
    WouldLower {
        /// The key.
        key: SerialKey,
        /// The last serial the state file records.
        last: u32,
        /// The value asked for.
        requested: u32,
    },
}

/// Hands out serials, each at most once per key.
///
/// Implementations must never return a serial twice for the same key, across threads,
/// processes and crashes; they may skip serials.
pub trait SerialAllocator {
    /// Reserves `count` consecutive serials for `key` and returns them (an empty range at
    /// the next free serial when `count` is 0). All or nothing: fails with
    /// [`AllocatorError::Exhausted`] when fewer than `count` remain.
    fn allocate_block(&self, key: &SerialKey, count: u32) -> Result<Range<u32>, AllocatorError>;

    /// Reserves one serial for `key`.
    fn allocate(&self, key: &SerialKey) -> Result<u32, AllocatorError> {
        Ok(self.allocate_block(key, 1)?.start)
    }
}

impl<T: SerialAllocator + ?Sized> SerialAllocator for &T {
    fn allocate_block(&self, key: &SerialKey, count: u32) -> Result<Range<u32>, AllocatorError> {
        (**self).allocate_block(key, count)
    }
}

impl<T: SerialAllocator + ?Sized> SerialAllocator for Arc<T> {
    fn allocate_block(&self, key: &SerialKey, count: u32) -> Result<Range<u32>, AllocatorError> {
        (**self).allocate_block(key, count)
    }
}

/// The serials after `last` for a block of `count`, or why there are not enough.
fn next_block(key: &SerialKey, last: u32, count: u32) -> Result<Range<u32>, AllocatorError> {
    match last.checked_add(count) {
        Some(end) if end <= DiplomaNumber::MAX_SERIAL => Ok(last + 1..end + 1),
        _ => Err(AllocatorError::Exhausted {
            key: *key,
            last,
            requested: count,
        }),
    }
}

/// Counters in memory, for tests and for callers that persist serials elsewhere: the
/// guarantee holds only within this value's lifetime.
#[derive(Debug, Default)]
pub struct MemorySerialAllocator {
    last: Mutex<HashMap<SerialKey, u32>>,
}

impl MemorySerialAllocator {
    /// An allocator with every counter at 0.
    pub fn new() -> MemorySerialAllocator {
        MemorySerialAllocator::default()
    }
}

impl SerialAllocator for MemorySerialAllocator {
    fn allocate_block(&self, key: &SerialKey, count: u32) -> Result<Range<u32>, AllocatorError> {
        key.validate()?;
        // A panic elsewhere while holding the lock cannot leave a half-updated counter (the
        // update is one store), so a poisoned map is still sound.
        let mut map = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let last = map.entry(*key).or_insert(0);
        let block = next_block(key, *last, count)?;
        *last = block.end - 1;
        Ok(block)
    }
}

#[cfg(test)]
mod tests;
