//! The signing step of a batch, behind a trait so the pipeline does not care whether the
//! keys are files, a PKCS#11 token or a remote service (STYLE habit 6).

use time::OffsetDateTime;

use super::IssueError;
use crate::diploma::DiplomaRecord;

/// Turns a rendered, unsigned diploma into the signed one: the three signatures
/// (official-1 certifying, official-2 and the ministry seal approving) and whatever the
/// batch's PAdES level adds. Called from several threads at once.
pub trait DiplomaSealer: Sync {
    /// Signs `unsigned_pdf`, the rendering of `record`, at `signing_time` (the PDF `/M`).
    fn seal(
        &self,
        unsigned_pdf: Vec<u8>,
        record: &DiplomaRecord,
        signing_time: OffsetDateTime,
    ) -> Result<Vec<u8>, IssueError>;
}

impl<S: DiplomaSealer + ?Sized> DiplomaSealer for &S {
    fn seal(
        &self,
        unsigned_pdf: Vec<u8>,
        record: &DiplomaRecord,
        signing_time: OffsetDateTime,
    ) -> Result<Vec<u8>, IssueError> {
        (**self).seal(unsigned_pdf, record, signing_time)
    }
}
