//! Batch issuance of signed diplomas (`samad issue`, BRIEF §4; `spec/issue.md`): a
//! graduates CSV streamed row by row, every row checked with line and column, numbers from
//! the crash-safe serial allocator in CSV order, diplomas rendered and signed on every core,
//! each PDF written durably and journaled, and `manifest.json` rewritten atomically at the
//! end of every run. A re-run — or a run after the process was killed at any moment —
//! resumes: no graduate is issued twice and no number is used twice.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::diploma::DiplomaRecord;
//! use samad::diploma::issue::{Batch, BatchSettings, DiplomaSealer, IssueError, demo_issuer, demo_rows};
//! use time::{OffsetDateTime, macros::datetime};
//!
//! // A stand-in signing step for the example; `samad issue` signs with PAdES.
//! struct Unsigned;
//! impl DiplomaSealer for Unsigned {
//!     fn seal(&self, pdf: Vec<u8>, _: &DiplomaRecord, _: OffsetDateTime) -> Result<Vec<u8>, IssueError> {
//!         Ok(pdf)
//!     }
//! }
//!
//! let out = tempfile::tempdir()?;
//! let settings = BatchSettings {
//!     issuer: demo_issuer(),
//!     org_email: "registrar@example.ac.ir".into(),
//!     signer_national_code: "0076229645".parse()?,
//!     signer_post_id: "OFFICIAL-1".into(),
//!     threads: 2,
//! };
//! let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
//! let batch = Batch::new(out.path(), settings, &Unsigned, &clock)?;
//! let positions = std::array::from_fn(|i| i);
//! let first = batch.issue_rows(demo_rows(3), &positions, &mut |_| {})?;
//! assert_eq!(first.issued.len(), 3);
//! // The same graduates again: nothing new is issued.
//! let again = batch.issue_rows(demo_rows(3), &positions, &mut |_| {})?;
//! assert_eq!((again.issued.len(), again.already_issued, again.manifest_len), (0, 3, 3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod demo;
mod error;
mod graduates;
mod journal;
mod output;
mod pades;
mod seal;

pub use batch::{Batch, BatchSettings, BatchSummary, Progress, STATE_DIR};
pub use demo::{
    DEMO_SEED, DEMO_UNIVERSITY_LEGAL_ID, MAX_DEMO_GRADUATES, demo_graduate, demo_issuer, demo_rows,
};
pub(crate) use error::io_error;
pub use error::{IssueError, RowError};
pub use graduates::{COLUMNS, CheckedRow, GraduateRow, GraduatesReader, MAX_ROWS, check_row};
pub use output::{MANIFEST_FILE, ManifestEntry};
pub use pades::{PadesSealer, national_code_of_certificate};
pub use seal::DiplomaSealer;

#[cfg(test)]
mod tests;
