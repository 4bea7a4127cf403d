//! Document time-stamps (ISO 32000-2 §12.8.5, ETSI EN 319 142-1 §5.4.3): an RFC 3161 token
//! over the ByteRange of its revision. A valid one is a proof of existence (EN 319 102-1
//! §5.6.2.3) of every signature in the revisions it covers, and of the DSS there (B-LTA).

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::Decode;
use der::asn1::OctetString;
use x509_tsp::TstInfo;

use super::Entry;
use super::changes::History;
use super::signature::{der_without_padding, modification_check};
use crate::pdf::reader::{DocMdp, Document};
use crate::pki::algorithm::DigestAlgorithm;
use crate::validation::report::{
    Check, Indication, SignatureKind, SignatureReport, SubIndication, TimestampSummary,
};
use crate::validation::{
    ExternalEvidence, ProofOfExistence, ValidationContext, validate_timestamp,
};

/// The `/SubFilter` of a document time-stamp.
const RFC3161: &str = "ETSI.RFC3161";

/// A document time-stamp, validated.
#[derive(Debug, Clone)]
pub(crate) struct DocumentTimestamp {
    /// The field name.
    pub id: String,
    /// The revision its ByteRange covers (0 when unsound).
    pub covered: usize,
    /// Its report entry.
    pub report: SignatureReport,
    /// Its time-stamp summary (also shown on the signatures it covers).
    pub summary: TimestampSummary,
}

impl DocumentTimestamp {
    /// A proof of existence of whatever revision `revision` holds, when this time-stamp is
    /// valid and covers it.
    pub fn poe_for(&self, revision: usize) -> Option<ProofOfExistence> {
        (self.report.indication == Indication::TotalPassed && self.covered >= revision).then(|| {
            ProofOfExistence {
                time: self.summary.gen_time,
                source: format!(
                    "document time-stamp {} (revision {})",
                    self.id, self.covered
                ),
            }
        })
    }
}

/// Validates every document time-stamp among `entries`, newest first, so each one gets
/// the proofs of existence of those after it.
pub(crate) fn validate_all(
    doc: &Document<'_>,
    entries: &[Entry],
    ctx: &ValidationContext<'_>,
    external: &ExternalEvidence,
    history: &History<'_, '_>,
    certification: Option<DocMdp>,
) -> Vec<DocumentTimestamp> {
    let mut done: Vec<DocumentTimestamp> = Vec::new();
    for entry in entries.iter().rev().filter(|e| e.is_document_timestamp()) {
        let covered = entry.covered().unwrap_or(0);
        let mut evidence = ExternalEvidence {
            data: external.data.clone(),
            poe: Vec::new(),
        };
        if covered > 0 {
            evidence.poe = done.iter().filter_map(|t| t.poe_for(covered)).collect();
        }
        done.push(validate_one(
            doc,
            entry,
            ctx,
            &evidence,
            history,
            certification,
        ));
    }
    done.reverse();
    done
}

fn validate_one(
    doc: &Document<'_>,
    entry: &Entry,
    ctx: &ValidationContext<'_>,
    external: &ExternalEvidence,
    history: &History<'_, '_>,
    certification: Option<DocMdp>,
) -> DocumentTimestamp {
    let mut checks = Vec::new();
    let mut format_problem = false;
    let failed_summary = || TimestampSummary {
        kind: "document".to_owned(),
        gen_time: time::OffsetDateTime::UNIX_EPOCH,
        tsa: "unknown".to_owned(),
        indication: Indication::TotalFailed,
        sub_indication: Some(SubIndication::FormatFailure),
    };
    let mut summary = failed_summary();
    let mut coverage = None;
    let mut changes_after = Vec::new();
    if let Ok(dictionary) = &entry.dictionary {
        match dictionary.sub_filter.as_deref() {
            Some(RFC3161) => checks.push(Check::passed("pdf.sub-filter", RFC3161)),
            other => {
                format_problem = true;
                checks.push(Check::failed(
                    "pdf.sub-filter",
                    SubIndication::FormatFailure,
                    format!(
                        "a document time-stamp's /SubFilter must be /{RFC3161}, found {other:?}"
                    ),
                ));
            }
        }
    }
    match &entry.ranges {
        Some(Ok((cov, ranges))) => {
            checks.push(Check::passed(
                "pdf.byte-range",
                format!(
                    "covers revision {} whole, except exactly its /Contents",
                    cov.revision
                ),
            ));
            coverage = Some(cov.clone());
            let token = entry
                .dictionary
                .as_ref()
                .ok()
                .and_then(|d| d.contents.as_deref())
                .map(der_without_padding);
            match token {
                Some(Ok(token)) => {
                    let digest = imprint_algorithm(token).unwrap_or(DigestAlgorithm::Sha256);
                    let hashed = super::digest_ranges(digest, doc.bytes(), ranges);
                    let (s, _verified, mut tst_checks) =
                        validate_timestamp(token, digest, &hashed, ctx, external, "document");
                    summary = s;
                    checks.append(&mut tst_checks);
                }
                Some(Err(problem)) => {
                    format_problem = true;
                    checks.push(Check::failed(
                        "pdf.contents",
                        SubIndication::FormatFailure,
                        problem,
                    ));
                }
                None => {
                    format_problem = true;
                    checks.push(Check::failed(
                        "pdf.contents",
                        SubIndication::FormatFailure,
                        "no /Contents",
                    ));
                }
            }
            changes_after =
                history.changes_after(cov.revision, certification.map(|c| c.permissions));
            let check = modification_check(&changes_after, cov.revision);
            format_problem |= check.sub_indication.is_some();
            checks.push(check);
        }
        Some(Err(problem)) => {
            format_problem = true;
            checks.push(Check::failed(
                "pdf.byte-range",
                SubIndication::FormatFailure,
                problem.clone(),
            ));
        }
        None => {
            format_problem = true;
            let why = entry.dictionary.as_ref().err().cloned().unwrap_or_default();
            checks.push(Check::failed(
                "pdf.signature-dictionary",
                SubIndication::FormatFailure,
                why,
            ));
        }
    }
    let (indication, sub_indication) = if format_problem {
        (Indication::TotalFailed, Some(SubIndication::FormatFailure))
    } else {
        (summary.indication, summary.sub_indication)
    };
    let passed = indication == Indication::TotalPassed;
    let report = SignatureReport {
        id: entry.name.clone(),
        kind: SignatureKind::DocumentTimestamp,
        role: None,
        signer: None,
        level: None,
        claimed_signing_time: None,
        best_signature_time: if passed { summary.gen_time } else { ctx.at },
        chain: Vec::new(),
        revocation: Vec::new(),
        timestamps: vec![summary.clone()],
        coverage,
        changes_after,
        checks,
        indication,
        sub_indication,
    };
    DocumentTimestamp {
        id: entry.name.clone(),
        covered: if passed {
            entry.covered().unwrap_or(0)
        } else {
            0
        },
        report,
        summary,
    }
}

/// The hash algorithm of a token's message imprint; `None` when the token cannot be read
/// (validation then reports why).
fn imprint_algorithm(token: &[u8]) -> Option<DigestAlgorithm> {
    let content_info = ContentInfo::from_der(token).ok()?;
    let signed_data: SignedData = content_info.content.decode_as().ok()?;
    let econtent = signed_data.encap_content_info.econtent?;
    let tst_der: OctetString = econtent.decode_as().ok()?;
    let tst = TstInfo::from_der(tst_der.as_bytes()).ok()?;
    DigestAlgorithm::from_oid(&tst.message_imprint.hash_algorithm.oid).ok()
}
