//! [`render_text`]: the report as `samad verify` prints it for people.

use crate::validation::report::ValidationReport;

/// The human form of a report: one block per signature (role, signer, level reached, best
/// signature time, chain, revocation, time-stamps, each failed check), then the overall
/// indication on the last line.
pub fn render_text(report: &ValidationReport) -> String {
    let _ = report;
    todo!("render_text")
}
