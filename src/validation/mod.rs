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
//! | `cache` | what a context remembers between validations: verified signatures, parsed certificates ([`CacheStats`]) | |
//! | `context` | [`ValidationContext`], [`ExternalEvidence`], [`ProofOfExistence`] | EN 319 102-1 §5.1.2 |
//! | `process` | [`validate_cms_signature`]: basic, with time-stamps, long-term | EN 319 102-1 §5.3, §5.5, §5.6 |
//! | `x509` | certificate validation, past validation at a proof of existence, [`PathError`](crate::pki::path::PathError) → sub-indication | EN 319 102-1 §5.2.6, §5.6.2.4 |
//! | `timestamp` | [`validate_timestamp`]: RFC 3161 tokens and their TSA path | EN 319 102-1 §5.4 |
//! | `revocation` | one recording revocation source over the signature's, the external and the caller's data | EN 319 102-1 §5.2.5 |
//! | `detached` | [`validate_detached`]: the report of a detached CAdES signature | EN 319 122-1 |
//! | `render` | [`render_text`]: the human report | |

mod cache;
mod context;
mod detached;
pub mod policy;
mod process;
mod render;
pub mod report;
mod revocation;
mod summary;
#[cfg(test)]
mod tests;
mod timestamp;
mod x509;

pub use cache::CacheStats;
pub use context::{ExternalEvidence, ProofOfExistence, ValidationContext};
pub use detached::validate_detached;
pub use policy::AlgorithmPolicy;
pub use process::validate_cms_signature;
pub use render::render_text;
pub use timestamp::validate_timestamp;

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
