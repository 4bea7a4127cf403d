//! [`render_text`]: the report as `samad verify` prints it for people.

use std::fmt::Write;

use crate::validation::report::{
    CheckOutcome, Indication, SignatureKind, SignatureReport, ValidationReport,
};

/// The human form of a report: one block per signature (role, signer, level reached, best
/// signature time, chain, revocation, time-stamps, what the signature covers and what
/// changed after it, each failed or indeterminate check), the document checks, then the
/// overall indication on the last line.
///
/// ```
/// # use samad::validation::report::*;
/// # let report = ValidationReport {
/// #     report_version: REPORT_VERSION, generator: "samad".into(),
/// #     document: DocumentSummary { kind: "detached".into(), name: None, sha256: "00".into(), revisions: None },
/// #     validation_time: time::OffsetDateTime::UNIX_EPOCH, policy: "samad-2026-1".into(),
/// #     signatures: vec![], document_checks: vec![],
/// #     indication: Indication::Indeterminate, sub_indication: Some(SubIndication::SignedDataNotFound),
/// # };
/// let text = samad::validation::render_text(&report);
/// assert!(text.ends_with("INDETERMINATE (SIGNED_DATA_NOT_FOUND)\n"));
/// ```
pub fn render_text(report: &ValidationReport) -> String {
    let mut out = String::new();
    let doc = &report.document;
    let _ = writeln!(
        out,
        "{} {}  sha256 {}",
        doc.kind,
        doc.name.as_deref().unwrap_or(""),
        doc.sha256
    );
    if let Some(revisions) = doc.revisions {
        let _ = writeln!(out, "revisions: {revisions}");
    }
    let _ = writeln!(
        out,
        "validated at {} under policy {}",
        report.validation_time, report.policy
    );
    for signature in &report.signatures {
        out.push('\n');
        render_signature(&mut out, signature);
    }
    let failed: Vec<_> = report
        .document_checks
        .iter()
        .filter(|c| c.outcome != CheckOutcome::Skipped)
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\ndocument checks:");
        for check in failed {
            let _ = writeln!(
                out,
                "  {:<13} {}{}{}",
                outcome_label(check.outcome),
                check.name,
                check
                    .sub_indication
                    .map(|s| format!(" [{}]", s.as_str()))
                    .unwrap_or_default(),
                if check.detail.is_empty() {
                    String::new()
                } else {
                    format!(": {}", check.detail)
                }
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        indication_line(report.indication, report.sub_indication)
    );
    out
}

fn render_signature(out: &mut String, s: &SignatureReport) {
    let kind = match s.kind {
        SignatureKind::Cades => "CAdES signature".to_owned(),
        SignatureKind::Certification { permissions } => {
            format!("certification signature (DocMDP P={permissions})")
        }
        SignatureKind::Approval => "approval signature".to_owned(),
        SignatureKind::DocumentTimestamp => "document time-stamp".to_owned(),
    };
    let _ = writeln!(out, "{} — {kind}", s.id);
    if let Some(role) = &s.role {
        let _ = writeln!(out, "  role:                {role}");
    }
    if let Some(signer) = &s.signer {
        let name = signer
            .common_name
            .clone()
            .unwrap_or_else(|| signer.certificate.subject.clone());
        let _ = writeln!(out, "  signer:              {name}");
        if let Some(code) = &signer.national_code {
            let _ = writeln!(out, "  national code:       {code}");
        }
        if let Some(id) = &signer.legal_entity_id {
            let _ = writeln!(out, "  legal-entity ID:     {id}");
        }
    }
    if let Some(level) = s.level {
        let _ = writeln!(out, "  level reached:       {}", level.as_str());
    }
    if let Some(claimed) = s.claimed_signing_time {
        let _ = writeln!(out, "  claimed signing time: {claimed}");
    }
    let _ = writeln!(out, "  best signature time: {}", s.best_signature_time);
    if let Some(coverage) = &s.coverage {
        let _ = writeln!(
            out,
            "  covers:              revision {}{} (ByteRange {:?})",
            coverage.revision,
            if coverage.whole_revision {
                ""
            } else {
                ", not all of it"
            },
            coverage.byte_range
        );
    }
    for change in &s.changes_after {
        let _ = writeln!(
            out,
            "  changed after:       rev {} {}: {} ({})",
            change.revision,
            change.object,
            change.description,
            if change.allowed {
                "allowed"
            } else {
                "NOT allowed"
            }
        );
    }
    if !s.chain.is_empty() {
        let _ = writeln!(out, "  chain:");
        for cert in &s.chain {
            let _ = writeln!(
                out,
                "    {}  (serial {}, valid {} to {})",
                cert.subject, cert.serial, cert.not_before, cert.not_after
            );
        }
    }
    if !s.revocation.is_empty() {
        let _ = writeln!(out, "  revocation:");
        for r in &s.revocation {
            let _ = writeln!(
                out,
                "    {} {} from {}: {}{}",
                r.certificate,
                r.kind,
                r.origin,
                r.status,
                r.issued_at
                    .map(|t| format!(" (issued {t})"))
                    .unwrap_or_default()
            );
        }
    }
    if !s.timestamps.is_empty() {
        let _ = writeln!(out, "  time-stamps:");
        for t in &s.timestamps {
            let _ = writeln!(
                out,
                "    {} at {} by {}: {}",
                t.kind,
                t.gen_time,
                t.tsa,
                indication_line(t.indication, t.sub_indication)
            );
        }
    }
    for check in s.checks.iter().filter(|c| {
        matches!(
            c.outcome,
            CheckOutcome::Failed | CheckOutcome::Indeterminate
        )
    }) {
        let _ = writeln!(
            out,
            "  {:<13} {}{}: {}",
            outcome_label(check.outcome),
            check.name,
            check
                .sub_indication
                .map(|s| format!(" [{}]", s.as_str()))
                .unwrap_or_default(),
            check.detail
        );
    }
    let _ = writeln!(
        out,
        "  => {}",
        indication_line(s.indication, s.sub_indication)
    );
}

fn outcome_label(outcome: CheckOutcome) -> &'static str {
    match outcome {
        CheckOutcome::Passed => "passed",
        CheckOutcome::Failed => "FAILED",
        CheckOutcome::Indeterminate => "INDETERMINATE",
        CheckOutcome::Skipped => "skipped",
    }
}

fn indication_line(
    indication: Indication,
    sub: Option<crate::validation::report::SubIndication>,
) -> String {
    match sub {
        Some(sub) => format!("{} ({})", indication.as_str(), sub.as_str()),
        None => indication.as_str().to_owned(),
    }
}
