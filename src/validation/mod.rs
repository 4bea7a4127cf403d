//! Signature validation per ETSI EN 319 102-1: the basic validation of a CMS signature,
//! validation with time-stamps and long-term validation with proofs of existence, the
//! [`report`] every verifier reads (CLI, PAdES, C API), and the algorithm [`policy`].
//! The report's JSON, every check name and sub-indication, and the policy table are
//! specified in `spec/report.md`.
//!
//! | module | what | standard |
//! |---|---|---|
//! | [`report`] | indications, sub-indications, checks, the report model and its JSON | EN 319 102-1 §5.1.3, §4 |
//! | [`policy`] | accepted algorithms and key sizes by date | EN 319 102-1 §5.2.8, TS 119 312 |
//! | `context` | [`ValidationContext`], [`ExternalEvidence`], [`ProofOfExistence`] | EN 319 102-1 §5.1.2 |
//! | `render` | [`render_text`]: the human report | |

mod context;
pub mod policy;
mod render;
pub mod report;

pub use context::{ProofOfExistence, ValidationContext};
pub use policy::AlgorithmPolicy;
pub use render::render_text;

use report::{Check, CheckOutcome, DocumentSummary, Indication, SignatureReport, ValidationReport};

/// Builds a [`ValidationReport`]: the overall indication is the worst of the signatures'
/// and of the failed or indeterminate document checks (passed < indeterminate < failed);
/// its sub-indication is the first one with that indication, signatures first. A report
/// without any signature is INDETERMINATE / SIGNED_DATA_NOT_FOUND: nothing was proven.
pub fn finish_report(
    document: DocumentSummary,
    ctx: &ValidationContext<'_>,
    signatures: Vec<SignatureReport>,
    document_checks: Vec<Check>,
) -> ValidationReport {
    let mut worst: (Indication, Option<report::SubIndication>) = if signatures.is_empty() {
        (
            Indication::Indeterminate,
            Some(report::SubIndication::SignedDataNotFound),
        )
    } else {
        (Indication::TotalPassed, None)
    };
    let candidates = signatures
        .iter()
        .map(|s| (s.indication, s.sub_indication))
        .chain(document_checks.iter().filter_map(|c| match c.outcome {
            CheckOutcome::Failed => Some((Indication::TotalFailed, c.sub_indication)),
            CheckOutcome::Indeterminate => Some((Indication::Indeterminate, c.sub_indication)),
            CheckOutcome::Passed | CheckOutcome::Skipped => None,
        }));
    for (indication, sub) in candidates {
        if indication.severity() > worst.0.severity() {
            worst = (indication, sub);
        }
    }
    ValidationReport {
        report_version: report::REPORT_VERSION,
        generator: format!("samad {}", env!("CARGO_PKG_VERSION")),
        document,
        validation_time: ctx.at,
        policy: ctx.policy.id().to_owned(),
        signatures,
        document_checks,
        indication: worst.0,
        sub_indication: worst.1,
    }
}
