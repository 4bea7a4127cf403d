//! The batch issuance domain's errors: a bad CSV row ([`RowError`], reported and skipped) and
//! what stops a batch ([`IssueError`]).

use std::fmt;
use std::io;
use std::path::PathBuf;

/// One graduates-CSV row that was not issued, with where and why (`spec/issue.md` §3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The 1-based line of the CSV file where the row starts (the header is line 1).
    pub line: u64,
    /// The 1-based column of the offending field; 0 when the row as a whole is wrong
    /// (e.g. a malformed CSV line).
    pub column: usize,
    /// The CSV column name (`national_code`, `degree_level`, …), or `row`.
    pub name: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} ({}): {}",
            self.line, self.column, self.name, self.message
        )
    }
}

impl std::error::Error for RowError {}

/// Why a batch stopped. Rows issued before the error stay issued and journaled; a re-run
/// resumes (`spec/issue.md` §5).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IssueError {
    /// A file operation on the output directory failed.
    #[error("issue: could not {action} `{}`: {source}", path.display())]
    Io {
        /// What was being done, e.g. "append to the journal".
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The graduates CSV has no usable header row.
    #[error(
        "graduates CSV: {message}; the header row must name the columns of BRIEF §4 \
         (national_code, first_name_fa, … student_id)"
    )]
    Header {
        /// What is wrong with the header.
        message: String,
    },
    /// The journal under the output directory cannot be read back. It was left untouched.
    #[error(
        "issue journal `{}` line {line}: {message}; it was left untouched: restore it from \
         a backup, or issue into a new output directory",
        path.display()
    )]
    Journal {
        /// The journal file.
        path: PathBuf,
        /// The 1-based line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A diploma number could not be allocated (the serials are used up, or the state file
    /// is damaged).
    #[error(transparent)]
    Allocator(#[from] crate::ids::AllocatorError),
    /// The batch's settings are unusable (issuer, organization email, signer certificate).
    #[error("issue: {what}: {message}")]
    Settings {
        /// The setting.
        what: &'static str,
        /// What is wrong and what to do.
        message: String,
    },
    /// A diploma of a good row could not be rendered.
    #[error("issue: diploma {number}: cannot render: {source}")]
    Render {
        /// The diploma number.
        number: String,
        /// The renderer's reason.
        #[source]
        source: crate::diploma::DiplomaError,
    },
    /// A diploma could not be signed.
    #[error("issue: diploma {number}: cannot sign: {message}")]
    Sign {
        /// The diploma number.
        number: String,
        /// The signing step's reason.
        message: String,
    },
}

/// Maps an I/O error to [`IssueError::Io`] with what was done to which path.
pub(crate) fn io_error(
    action: &'static str,
    path: &std::path::Path,
) -> impl FnOnce(io::Error) -> IssueError {
    let path = path.to_path_buf();
    move |source| IssueError::Io {
        action,
        path,
        source,
    }
}
