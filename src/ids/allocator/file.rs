//! [`FileSerialAllocator`]: one state file per key in a directory, replaced atomically under
//! an exclusive lock (`spec/identifiers.md` §4).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{AllocatorError, SerialAllocator, SerialKey, next_block, state};

/// Serials kept in files under one directory, safe across threads, processes and crashes.
///
/// For key `U-Y-L` the directory holds `U-Y-L.lock` (created once, never replaced: the
/// lock lives on it), `U-Y-L.state` (the last serial used) and, briefly, `U-Y-L.state.tmp`.
/// Several processes may share the directory; on a network file system the lock is only as
/// good as the server's `flock` support.
#[derive(Debug, Clone)]
pub struct FileSerialAllocator {
    dir: PathBuf,
}

/// Maps an I/O error to [`AllocatorError::Io`] with what was done to which path.
fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> AllocatorError {
    let path = path.to_path_buf();
    move |source| AllocatorError::Io {
        action,
        path,
        source,
    }
}

impl FileSerialAllocator {
    /// Uses `dir` for the counters, creating it if needed.
    pub fn open(dir: impl AsRef<Path>) -> Result<FileSerialAllocator, AllocatorError> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(io_error("create the directory", dir))?;
        Ok(FileSerialAllocator {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory holding the counters.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file of `key`.
    pub fn state_path(&self, key: &SerialKey) -> PathBuf {
        self.dir.join(format!("{}.state", key.file_stem()))
    }

    /// The last serial used for `key` (0 if none yet).
    pub fn last_issued(&self, key: &SerialKey) -> Result<u32, AllocatorError> {
        let _lock = self.lock(key)?;
        self.read_state(key)
    }

    /// Sets the counter of `key` after an operator has found the highest serial ever issued
    /// for it (e.g. from the issued diplomas' manifests), when its state file is damaged or
    /// lost. A damaged file is overwritten; a readable one is only ever raised, never lowered
    /// ([`AllocatorError::WouldLower`]).
    pub fn recover(&self, key: &SerialKey, last_issued: u32) -> Result<(), AllocatorError> {
        key.validate()?;
        // Exhausted at once if `last_issued` is beyond the last serial.
        next_block(key, last_issued, 0)?;
        let _lock = self.lock(key)?;
        match self.read_state(key) {
            Ok(last) if last > last_issued => {
                return Err(AllocatorError::WouldLower {
                    key: *key,
                    last,
                    requested: last_issued,
                });
            }
            Ok(_) | Err(AllocatorError::CorruptState { .. }) => {}
            Err(other) => return Err(other),
        }
        self.write_state(key, last_issued)
    }

    /// Takes the exclusive lock of `key`, held until the returned file is dropped (the
    /// operating system also releases it when the process dies).
    fn lock(&self, key: &SerialKey) -> Result<File, AllocatorError> {
        let path = self.dir.join(format!("{}.lock", key.file_stem()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error("open the lock file", &path))?;
        file.lock().map_err(io_error("lock", &path))?;
        Ok(file)
    }

    /// The last used serial of `key`; 0 when it has no state file yet.
    fn read_state(&self, key: &SerialKey) -> Result<u32, AllocatorError> {
        let path = self.state_path(key);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(io_error("open the state file", &path)(e)),
        };
        let mut bytes = Vec::new();
        file.take(state::MAX_LEN + 1)
            .read_to_end(&mut bytes)
            .map_err(io_error("read the state file", &path))?;
        if bytes.len() as u64 > state::MAX_LEN {
            return Err(AllocatorError::CorruptState {
                path,
                reason: format!("longer than {} bytes", state::MAX_LEN),
            });
        }
        state::decode(&bytes, &key.file_stem())
            .map_err(|reason| AllocatorError::CorruptState { path, reason })
    }

    /// Replaces the state of `key` durably: temporary file written and fsynced, renamed over
    /// the state file, directory fsynced. A crash leaves either the old or the new state.
    fn write_state(&self, key: &SerialKey, last: u32) -> Result<(), AllocatorError> {
        let path = self.state_path(key);
        let tmp = self.dir.join(format!("{}.state.tmp", key.file_stem()));
        let mut file = File::create(&tmp).map_err(io_error("create", &tmp))?;
        file.write_all(state::encode(&key.file_stem(), last).as_bytes())
            .map_err(io_error("write", &tmp))?;
        // Data on disk before the rename makes it visible: no empty file after power loss.
        file.sync_all().map_err(io_error("fsync", &tmp))?;
        drop(file);
        fs::rename(&tmp, &path).map_err(io_error("rename the new state over", &path))?;
        sync_dir(&self.dir).map_err(io_error("fsync the directory", &self.dir))
    }
}

/// Makes a rename in `dir` durable (POSIX: fsync the directory).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a directory as a file; `MoveFileEx`, behind `fs::rename`, is the
/// best available there.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

impl SerialAllocator for FileSerialAllocator {
    /// Lock, read, reserve, write durably, unlock — and only then return.
    fn allocate_block(&self, key: &SerialKey, count: u32) -> Result<Range<u32>, AllocatorError> {
        key.validate()?;
        let _lock = self.lock(key)?;
        let last = self.read_state(key)?;
        let block = next_block(key, last, count)?;
        if count > 0 {
            self.write_state(key, block.end - 1)?;
        }
        Ok(block)
    }
}
