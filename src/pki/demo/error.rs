//! Errors of the demo PKI.

use std::path::{Path, PathBuf};

/// Why the demo PKI could not be made or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DemoPkiError {
    /// A key, certificate or CRL could not be made.
    #[error("demo PKI: cannot make {what}: {reason}")]
    Generate {
        /// What was being made (`root-ca`, `tsa`, `serial number`, …).
        what: String,
        /// The underlying reason.
        reason: String,
    },
    /// The output directory exists and is not empty (or is a file).
    #[error("demo PKI: {} exists and is not an empty directory; choose a new --out directory", path.display())]
    OutputNotEmpty {
        /// The directory asked for.
        path: PathBuf,
    },
    /// A file or directory could not be written.
    #[error("demo PKI: cannot write {}: {source}", path.display())]
    Io {
        /// The path being written.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl DemoPkiError {
    pub(super) fn generate(what: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        DemoPkiError::Generate {
            what: what.into(),
            reason: reason.to_string(),
        }
    }

    pub(super) fn io(path: &Path, source: std::io::Error) -> Self {
        DemoPkiError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
