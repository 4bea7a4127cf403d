//! One PAdES signature (ETSI EN 319 142-1 §5.1–5.4, §6): the PDF-side checks around
//! [`validate_cms_signature`] — SubFilter, the CMS in `/Contents`, no signing-time
//! attribute, DocMDP, the changes after the covered revision — and the level the PDF's
//! evidence reaches (B-LT: validation data; B-LTA: a valid document time-stamp over it).

use der::{Decode, Encode, Header, SliceReader};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::Entry;
use super::changes::History;
use super::doc_timestamp::DocumentTimestamp;
use crate::cms::{CmsSignature, Content};
use crate::pdf::reader::{DocMdp, Document, SignatureDictionary};
use crate::validation::report::{
    Change, Check, CheckOutcome, Indication, Level, SignatureKind, SignatureReport, SubIndication,
};
use crate::validation::{ExternalEvidence, ValidationContext, validate_cms_signature};

/// The PAdES baseline SubFilter.
const CADES_DETACHED: &str = "ETSI.CAdES.detached";
/// The PKCS #7 detached SubFilter (ISO 32000-1 §12.8.3.3), pyHanko's default.
const PKCS7_DETACHED: &str = "adbe.pkcs7.detached";
/// The signing-time attribute (RFC 5652 §11.3), forbidden in PAdES (EN 319 142-1 §5.4.1).
const SIGNING_TIME_OID: &str = "1.2.840.113549.1.9.5";

/// What the whole document says about signatures, for each one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocumentFacts {
    /// The certification signature and its permissions (catalog `/Perms /DocMDP`).
    pub certification: Option<DocMdp>,
    /// The earliest revision any signature (not document time-stamp) covers.
    pub first_signature: Option<usize>,
    /// The first revision with a DSS.
    pub dss_revision: Option<usize>,
}

/// Validates the signature of `entry` (not a document time-stamp).
pub(crate) fn validate(
    doc: &Document<'_>,
    entry: &Entry,
    ctx: &ValidationContext<'_>,
    external: &ExternalEvidence,
    timestamps: &[DocumentTimestamp],
    history: &History<'_, '_>,
    facts: DocumentFacts,
) -> SignatureReport {
    let mut pdf_checks = Vec::new();
    let dictionary = match &entry.dictionary {
        Ok(d) => d,
        Err(why) => {
            pdf_checks.push(Check::failed(
                "pdf.signature-dictionary",
                SubIndication::FormatFailure,
                format!("the signature dictionary cannot be read: {why}"),
            ));
            return failed_report(entry, SignatureKind::Approval, None, ctx, pdf_checks);
        }
    };
    let kind = kind_of(dictionary, facts.certification);
    let role = dictionary.reason.clone();
    let sub_filter = dictionary.sub_filter.as_deref();
    match sub_filter {
        Some(CADES_DETACHED | PKCS7_DETACHED) => pdf_checks.push(Check::passed(
            "pdf.sub-filter",
            sub_filter.unwrap_or_default(),
        )),
        other => pdf_checks.push(Check::failed(
            "pdf.sub-filter",
            SubIndication::FormatFailure,
            format!("/SubFilter {other:?} is not {CADES_DETACHED} or {PKCS7_DETACHED}"),
        )),
    }
    let (coverage, ranges) = match &entry.ranges {
        Some(Ok((coverage, ranges))) => {
            pdf_checks.push(Check::passed(
                "pdf.byte-range",
                format!(
                    "covers revision {} whole, except exactly its /Contents",
                    coverage.revision
                ),
            ));
            (coverage.clone(), *ranges)
        }
        Some(Err(problem)) => {
            pdf_checks.push(Check::failed(
                "pdf.byte-range",
                SubIndication::FormatFailure,
                problem.clone(),
            ));
            return failed_report(entry, kind, role, ctx, pdf_checks);
        }
        None => return failed_report(entry, kind, role, ctx, pdf_checks),
    };
    let cms = dictionary
        .contents
        .as_deref()
        .ok_or_else(|| "no /Contents".to_owned())
        .and_then(der_without_padding)
        .and_then(|der| CmsSignature::from_der(der).map_err(|e| e.to_string()));
    let cms = match cms {
        Ok(cms) => {
            pdf_checks.push(Check::passed(
                "pdf.contents",
                "a CMS SignedData, zero padding after it",
            ));
            cms
        }
        Err(problem) => {
            pdf_checks.push(Check::failed(
                "pdf.contents",
                SubIndication::FormatFailure,
                format!("/Contents is not a CMS signature: {problem}"),
            ));
            return failed_report(entry, kind, role, ctx, pdf_checks);
        }
    };

    let mut evidence = external.clone();
    evidence.poe = timestamps
        .iter()
        .filter_map(|t| t.poe_for(coverage.revision))
        .collect();
    let digest = cms
        .digest_algorithm()
        .map(|alg| super::digest_ranges(alg, doc.bytes(), &ranges))
        .unwrap_or_default();
    let mut report = validate_cms_signature(
        &cms,
        Content::Digest(&digest),
        ctx,
        &evidence,
        &entry.name,
        kind,
    );

    // The PDF-side checks after the CMS: PAdES profile, DocMDP, what changed since.
    let mut after = Vec::new();
    if sub_filter == Some(CADES_DETACHED) {
        after.push(if cms.has_signed_attribute(SIGNING_TIME_OID) {
            Check::failed(
                "pdf.signing-time-attribute",
                SubIndication::FormatFailure,
                "PAdES forbids the signing-time signed attribute (EN 319 142-1 §5.4.1); the time belongs in /M",
            )
        } else {
            Check::passed("pdf.signing-time-attribute", "absent, as PAdES requires; the claimed time is /M")
        });
    }
    if let SignatureKind::Certification { permissions } = kind {
        after.push(match facts.first_signature {
            Some(first) if first < coverage.revision => Check::failed(
                "pdf.docmdp",
                SubIndication::FormatFailure,
                format!(
                    "a certification signature must be the first signature; this one covers revision {} but another signature covers revision {first}",
                    coverage.revision
                ),
            ),
            _ => Check::passed("pdf.docmdp", format!("certification signature, P={permissions}, the first signature")),
        });
    }
    let permissions = facts.certification.map(|c| c.permissions);
    report.changes_after = history.changes_after(coverage.revision, permissions);
    after.push(modification_check(&report.changes_after, coverage.revision));

    report.coverage = Some(coverage.clone());
    if role.is_some() {
        report.role = role;
    }
    if report.claimed_signing_time.is_none() {
        report.claimed_signing_time = dictionary.m.as_deref().and_then(parse_pdf_date);
    }
    report.timestamps.extend(
        timestamps
            .iter()
            .filter(|t| t.covered >= coverage.revision && t.covered > 0)
            .map(|t| t.summary.clone()),
    );
    // B-LTA needs a valid document time-stamp over the DSS (EN 319 142-1 §6.3).
    if report.level == Some(Level::BLta) {
        let dss_covered = facts
            .dss_revision
            .is_some_and(|dss| timestamps.iter().any(|t| t.covered >= dss && t.covered > 0));
        if !dss_covered {
            report.level = Some(Level::BLt);
        }
    }
    let failed_format = pdf_checks
        .iter()
        .chain(&after)
        .any(|c| c.outcome == CheckOutcome::Failed);
    let mut checks = pdf_checks;
    checks.append(&mut report.checks);
    checks.append(&mut after);
    report.checks = checks;
    if failed_format && report.indication != Indication::TotalFailed {
        report.indication = Indication::TotalFailed;
        report.sub_indication = Some(SubIndication::FormatFailure);
    }
    report
}

/// Certification when the catalog's `/Perms /DocMDP` names this dictionary or it has a
/// DocMDP `/Reference`; approval otherwise.
fn kind_of(dictionary: &SignatureDictionary, certification: Option<DocMdp>) -> SignatureKind {
    match (certification, dictionary.docmdp) {
        (Some(c), _) if c.signature == dictionary.object => SignatureKind::Certification {
            permissions: c.permissions,
        },
        (_, Some(p)) => SignatureKind::Certification { permissions: p },
        _ => SignatureKind::Approval,
    }
}

/// The check summarizing the modification analysis.
pub(crate) fn modification_check(changes: &[Change], covered: usize) -> Check {
    let forbidden: Vec<String> = changes
        .iter()
        .filter(|c| !c.allowed)
        .map(|c| {
            format!(
                "revision {} object {}: {}",
                c.revision, c.object, c.description
            )
        })
        .collect();
    if forbidden.is_empty() {
        Check::passed(
            "pdf.modifications",
            format!(
                "{} change(s) after revision {covered}, all allowed",
                changes.len()
            ),
        )
    } else {
        Check::failed(
            "pdf.modifications",
            SubIndication::FormatFailure,
            format!(
                "changes after the signed revision {covered} that are not allowed: {}",
                forbidden.join("; ")
            ),
        )
    }
}

/// A report for a signature that failed before its CMS could be validated.
fn failed_report(
    entry: &Entry,
    kind: SignatureKind,
    role: Option<String>,
    ctx: &ValidationContext<'_>,
    checks: Vec<Check>,
) -> SignatureReport {
    let claimed = entry
        .dictionary
        .as_ref()
        .ok()
        .and_then(|d| d.m.as_deref())
        .and_then(parse_pdf_date);
    SignatureReport {
        id: entry.name.clone(),
        kind,
        role,
        signer: None,
        level: None,
        claimed_signing_time: claimed,
        best_signature_time: ctx.at,
        chain: Vec::new(),
        revocation: Vec::new(),
        timestamps: Vec::new(),
        coverage: None,
        changes_after: Vec::new(),
        checks,
        indication: Indication::TotalFailed,
        sub_indication: Some(SubIndication::FormatFailure),
    }
}

/// The DER object at the start of `contents`; what follows must be zero padding (the
/// reserved `/Contents` hole is larger than the signature).
pub(crate) fn der_without_padding(contents: &[u8]) -> Result<&[u8], String> {
    if contents.is_empty() {
        return Err("/Contents is empty".to_owned());
    }
    let mut reader = SliceReader::new(contents).map_err(|e| format!("/Contents: {e}"))?;
    let header = Header::decode(&mut reader)
        .map_err(|e| format!("/Contents does not start with DER: {e}"))?;
    let header_len = header.encoded_len().map_err(|e| e.to_string())?;
    let total = (header_len + header.length).map_err(|e| e.to_string())?;
    let total = usize::try_from(total).map_err(|e| e.to_string())?;
    let Some((der, padding)) = contents.split_at_checked(total) else {
        return Err(format!(
            "/Contents holds {} bytes but its DER object claims {total}",
            contents.len()
        ));
    };
    if let Some(offset) = padding.iter().position(|b| *b != 0) {
        return Err(format!(
            "/Contents has non-zero bytes after its DER object (at byte {} of the string)",
            total + offset
        ));
    }
    Ok(der)
}

/// A PDF date (ISO 32000-1 §7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year
/// optional; `None` when it is not one.
pub(crate) fn parse_pdf_date(text: &str) -> Option<OffsetDateTime> {
    let text = text.strip_prefix("D:").unwrap_or(text);
    // A part is absent when the text ends or the time zone starts where it would be.
    let digits = |from: usize, len: usize, default: u32| -> Option<u32> {
        let absent = text
            .as_bytes()
            .get(from)
            .is_none_or(|b| matches!(b, b'Z' | b'+' | b'-'));
        if absent {
            return Some(default);
        }
        let part = text.get(from..from + len)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = i32::try_from(digits(0, 4, u32::MAX)?)
        .ok()
        .filter(|y| *y <= 9999)?;
    let month = Month::try_from(u8::try_from(digits(4, 2, 1)?).ok()?).ok()?;
    let day = u8::try_from(digits(6, 2, 1)?).ok()?;
    let hour = u8::try_from(digits(8, 2, 0)?).ok()?;
    let minute = u8::try_from(digits(10, 2, 0)?).ok()?;
    let second = u8::try_from(digits(12, 2, 0)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = Time::from_hms(hour, minute, second).ok()?;
    let zone_at = text.find(['Z', '+', '-']).unwrap_or(text.len());
    if zone_at > 14 {
        return None;
    }
    let rest = text.get(zone_at..).unwrap_or("");
    let offset = match rest.as_bytes().first() {
        None | Some(b'Z') => UtcOffset::UTC,
        Some(sign @ (b'+' | b'-')) => {
            let tail = rest.get(1..)?.replace('\'', "");
            let hours: i8 = tail.get(0..2)?.parse().ok()?;
            let minutes: i8 = tail.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            let (hours, minutes) = if *sign == b'-' {
                (-hours, -minutes)
            } else {
                (hours, minutes)
            };
            UtcOffset::from_hms(hours, minutes, 0).ok()?
        }
        Some(_) => return None,
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
}
