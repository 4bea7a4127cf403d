//! Verifying a signed diploma (`spec/diploma.md` §10, `spec/status-list.md` §6): the PAdES
//! verification of the PDF, plus the document checks that make it a diploma rather than any
//! signed PDF.
//!
//! | check | passes when |
//! |---|---|
//! | `diploma.record` | the embedded `diploma-record.json` (`/AF`) is in the revision every signature covers and no later revision changes it |
//! | `diploma.record-form` | it is a valid diploma record in RFC 8785 canonical form |
//! | `diploma.qr` | the page's QR code, as drawn in that revision, encodes `SAMAD-DIPLOMA:1:<number>:<SHA-256 of the record>` |
//! | `diploma.roles` | the fields `official-1`, `official-2`, `ministry-seal` each hold one signature claiming that role; official-1's certifies |
//! | `diploma.status` | (with a status list) the diploma's entry is active |
//!
//! A failed check makes the report TOTAL-FAILED (a revoked diploma: sub-indication
//! REVOKED); a suspended diploma, or a list that cannot speak for it, INDETERMINATE /
//! TRY_LATER.

use sha2::{Digest, Sha256};

use super::status::{DiplomaStatus, VerifiedStatusList};
use super::{DiplomaRecord, RECORD_FILE_NAME, SIGNER_ROLES, layout, qr};
use crate::pdf::reader::{Dict, Document, ObjRef, Object};
use crate::pdf::{PdfError, pades};
use crate::validation::report::{Check, SignatureKind, SubIndication, ValidationReport};
use crate::validation::{ValidationContext, finish_report};

/// Verifies a diploma: [`pades::verify_pdf`] and the diploma checks of this module's table,
/// with the status list's verdict when one is given. `Err` only when the bytes are not a
/// readable PDF.
///
/// ```no_run
/// use samad::diploma::verify::verify_diploma;
/// use samad::pki::trust::TrustStore;
/// use samad::validation::ValidationContext;
///
/// let pdf = std::fs::read("out/103802847901403200000142.pdf")?;
/// let trust = TrustStore::from_pem(&std::fs::read("out/pki/trust.pem")?)?;
/// let ctx = ValidationContext::new(&trust, samad::time::OffsetDateTime::now_utc());
/// let report = verify_diploma(&pdf, &ctx, None)?;
/// println!("{}", report.indication.as_str());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_diploma(
    pdf: &[u8],
    ctx: &ValidationContext<'_>,
    status: Option<&VerifiedStatusList>,
) -> Result<ValidationReport, PdfError> {
    let report = pades::verify_pdf(pdf, ctx)?;
    let doc = Document::parse(pdf)?;
    let mut checks = report.document_checks.clone();
    checks.extend(diploma_checks(&doc, &report, status));
    Ok(finish_report(
        report.document,
        ctx,
        report.signatures,
        checks,
    ))
}

/// What `samad verify FILE.pdf` and `samad_verify_pdf` run: [`verify_diploma`] when the PDF
/// carries a diploma record, else [`pades::verify_pdf`] (and then a status list, which
/// speaks only of diplomas, adds an indeterminate `diploma.status` check).
pub fn verify_pdf_document(
    pdf: &[u8],
    ctx: &ValidationContext<'_>,
    status: Option<&VerifiedStatusList>,
) -> Result<ValidationReport, PdfError> {
    if carries_diploma_record(pdf) {
        return verify_diploma(pdf, ctx, status);
    }
    let report = pades::verify_pdf(pdf, ctx)?;
    if status.is_none() {
        return Ok(report);
    }
    let mut checks = report.document_checks.clone();
    checks.push(Check::indeterminate(
        STATUS,
        SubIndication::TryLater,
        "the PDF carries no diploma record, so a status list cannot speak for it",
    ));
    Ok(finish_report(
        report.document,
        ctx,
        report.signatures,
        checks,
    ))
}

/// True when `pdf` is a readable PDF whose catalog's `/AF` holds `diploma-record.json`.
pub fn carries_diploma_record(pdf: &[u8]) -> bool {
    Document::parse(pdf).is_ok_and(|doc| {
        let last = doc.revisions().len();
        matches!(embedded_record(&doc, last), Ok(Some(_)))
    })
}

const RECORD: &str = "diploma.record";
const RECORD_FORM: &str = "diploma.record-form";
const QR: &str = "diploma.qr";
const ROLES: &str = "diploma.roles";
const STATUS: &str = "diploma.status";

/// The diploma checks, in the order of the module's table.
fn diploma_checks(
    doc: &Document<'_>,
    report: &ValidationReport,
    status: Option<&VerifiedStatusList>,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let record = match signed_record(doc, report) {
        Ok((bytes, revision)) => {
            checks.push(Check::passed(
                RECORD,
                format!(
                    "{RECORD_FILE_NAME} ({} bytes) is in revision {revision}, which every \
                     signature covers, and unchanged after it",
                    bytes.len()
                ),
            ));
            Some((bytes, revision))
        }
        Err(check) => {
            checks.push(check);
            None
        }
    };
    let record = record.and_then(|(bytes, revision)| match read_record(&bytes) {
        Ok(record) => {
            checks.push(Check::passed(
                RECORD_FORM,
                format!("diploma {} in canonical form", record.number()),
            ));
            Some((record, bytes, revision))
        }
        Err(detail) => {
            checks.push(Check::failed(
                RECORD_FORM,
                SubIndication::FormatFailure,
                detail,
            ));
            None
        }
    });
    match &record {
        Some((record, bytes, revision)) => checks.push(qr_check(doc, record, bytes, *revision)),
        None => checks.push(Check::skipped(QR, "no readable record to compare with")),
    }
    checks.push(roles_check(report));
    if let Some(list) = status {
        checks.push(status_check(record.as_ref().map(|(r, _, _)| r), list));
    }
    checks
}

/// The embedded record as of the earliest revision a signature covers, after checking that
/// no later revision changes it.
fn signed_record(doc: &Document<'_>, report: &ValidationReport) -> Result<(Vec<u8>, usize), Check> {
    let fail = |sub, detail: String| Check::failed(RECORD, sub, detail);
    let covered = report
        .signatures
        .iter()
        .filter(|s| s.kind != SignatureKind::DocumentTimestamp)
        .filter_map(|s| s.coverage.as_ref().map(|c| c.revision))
        .min()
        .ok_or_else(|| {
            fail(
                SubIndication::FormatFailure,
                "no signature covers a revision, so nothing vouches for the record".into(),
            )
        })?;
    let last = doc.revisions().len();
    let signed = embedded_record(doc, covered)
        .map_err(|e| fail(SubIndication::FormatFailure, e))?
        .ok_or_else(|| {
            fail(
                SubIndication::FormatFailure,
                format!("revision {covered}, the first signed, has no {RECORD_FILE_NAME} in /AF"),
            )
        })?;
    let latest = embedded_record(doc, last)
        .map_err(|e| fail(SubIndication::FormatFailure, e))?
        .ok_or_else(|| {
            fail(
                SubIndication::HashFailure,
                format!("a revision after {covered} removed {RECORD_FILE_NAME}"),
            )
        })?;
    for revision in doc.revisions().iter().skip(covered) {
        if let Some((changed, _)) = revision
            .objects
            .iter()
            .find(|(r, _)| signed.objects.contains(r))
        {
            return Err(fail(
                SubIndication::HashFailure,
                format!(
                    "revision {} changes object {changed} of the signed record",
                    revision.number
                ),
            ));
        }
    }
    if latest.bytes != signed.bytes || latest.objects != signed.objects {
        return Err(fail(
            SubIndication::HashFailure,
            format!("the record in the last revision is not the one revision {covered} signed"),
        ));
    }
    Ok((signed.bytes, covered))
}

/// The record file and the objects that hold it (file specification, embedded stream).
struct Embedded {
    bytes: Vec<u8>,
    objects: Vec<ObjRef>,
}

/// Finds `diploma-record.json` in the catalog's `/AF` as of `revision`.
fn embedded_record(doc: &Document<'_>, revision: usize) -> Result<Option<Embedded>, String> {
    let text = |e: PdfError| e.to_string();
    let catalog = doc.catalog_at(revision).map_err(text)?;
    let Some(af) = catalog.get(b"AF") else {
        return Ok(None);
    };
    let af = doc.resolve_at(af, revision).map_err(text)?;
    for item in af.as_array().unwrap_or_default() {
        let mut objects: Vec<ObjRef> = item.as_reference().into_iter().collect();
        let Object::Dict(spec) = doc.resolve_at(item, revision).map_err(text)? else {
            continue;
        };
        let named = [b"UF".as_slice(), b"F"].iter().any(|key| {
            spec.get(key).and_then(Object::as_string) == Some(RECORD_FILE_NAME.as_bytes())
        });
        if !named {
            continue;
        }
        let Some(ef) = spec.get(b"EF") else {
            return Err(format!(
                "the file specification of {RECORD_FILE_NAME} has no /EF"
            ));
        };
        let Object::Dict(ef) = doc.resolve_at(ef, revision).map_err(text)? else {
            return Err(format!("/EF of {RECORD_FILE_NAME} is not a dictionary"));
        };
        let file = ef
            .get(b"UF")
            .or_else(|| ef.get(b"F"))
            .ok_or_else(|| format!("/EF of {RECORD_FILE_NAME} has neither /UF nor /F"))?;
        objects.extend(file.as_reference());
        let bytes = stream_bytes(doc, file, revision)?;
        return Ok(Some(Embedded { bytes, objects }));
    }
    Ok(None)
}

fn stream_bytes(doc: &Document<'_>, object: &Object, revision: usize) -> Result<Vec<u8>, String> {
    match doc
        .resolve_at(object, revision)
        .map_err(|e| e.to_string())?
    {
        Object::Stream(stream) => doc.stream_data(&stream).map_err(|e| e.to_string()),
        other => Err(format!("expected a stream, found a {}", other.type_name())),
    }
}

/// The record, required to be in canonical form byte for byte.
fn read_record(bytes: &[u8]) -> Result<DiplomaRecord, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| format!("{RECORD_FILE_NAME} is not UTF-8: {e}"))?;
    let record = DiplomaRecord::from_json(text).map_err(|e| e.to_string())?;
    let canonical = record.canonical_json().map_err(|e| e.to_string())?;
    if canonical.as_bytes() != bytes {
        return Err(format!(
            "{RECORD_FILE_NAME} is a valid record but not in RFC 8785 canonical form, so its \
             digest is not the one the QR code carries"
        ));
    }
    Ok(record)
}

/// The page as of the signed revision must end with the QR symbol of this record's payload,
/// drawn exactly as the renderer draws it (`spec/diploma.md` §6).
fn qr_check(doc: &Document<'_>, record: &DiplomaRecord, bytes: &[u8], revision: usize) -> Check {
    // The record is canonical (checked before), so this is the digest of its canonical JSON.
    let digest: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let payload = format!("{}:{}:{digest}", qr::QR_PREFIX, record.number().compact());
    let mut drawn = Vec::new();
    if let Err(e) = qr::draw(&mut drawn, &payload, layout::QR_BOX) {
        return Check::failed(QR, SubIndication::FormatFailure, e.to_string());
    }
    let page = match first_page_content(doc, revision) {
        Ok(page) => page,
        Err(e) => {
            return Check::failed(
                QR,
                SubIndication::FormatFailure,
                format!("cannot read the page content of revision {revision}: {e}"),
            );
        }
    };
    if trim_end(&page).ends_with(trim_end(&drawn)) {
        Check::passed(QR, format!("the page's QR code encodes {payload}"))
    } else {
        Check::failed(
            QR,
            SubIndication::HashFailure,
            format!(
                "the page's QR code is not the symbol of {payload}: the page and the embedded \
                 record disagree"
            ),
        )
    }
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    bytes.get(..end).unwrap_or_default()
}

/// The decoded content of the first page as of `revision` (streams of an array joined).
fn first_page_content(doc: &Document<'_>, revision: usize) -> Result<Vec<u8>, String> {
    let text = |e: PdfError| e.to_string();
    let catalog = doc.catalog_at(revision).map_err(text)?;
    let mut node: Dict = match catalog.get(b"Pages") {
        Some(pages) => match doc.resolve_at(pages, revision).map_err(text)? {
            Object::Dict(d) => d,
            _ => return Err("/Pages is not a dictionary".into()),
        },
        None => return Err("the catalog has no /Pages".into()),
    };
    // The page tree is bounded by the document's own limits; 32 levels is plenty for one page.
    for _ in 0..32 {
        if node.get_name(b"Type") == Some(b"Page") {
            let contents = node.get(b"Contents").ok_or("the page has no /Contents")?;
            return match doc.resolve_at(contents, revision).map_err(text)? {
                Object::Array(parts) => {
                    let mut all = Vec::new();
                    for part in &parts {
                        all.extend(stream_bytes(doc, part, revision)?);
                        all.push(b'\n');
                    }
                    Ok(all)
                }
                _ => stream_bytes(doc, contents, revision),
            };
        }
        let kid = node
            .get(b"Kids")
            .and_then(|k| doc.resolve_at(k, revision).ok())
            .and_then(|k| k.as_array().and_then(|a| a.first().cloned()))
            .ok_or("the page tree has no first page")?;
        node = match doc.resolve_at(&kid, revision).map_err(text)? {
            Object::Dict(d) => d,
            _ => return Err("a page tree node is not a dictionary".into()),
        };
    }
    Err("the page tree is deeper than 32 levels".into())
}

/// Each of the three fields holds one signature claiming its role; official-1 certifies.
fn roles_check(report: &ValidationReport) -> Check {
    let mut problems = Vec::new();
    for role in SIGNER_ROLES {
        let in_field: Vec<_> = report.signatures.iter().filter(|s| s.id == role).collect();
        let [signature] = in_field.as_slice() else {
            problems.push(format!(
                "field {role} holds {} signatures, not one",
                in_field.len()
            ));
            continue;
        };
        let claimed = signature.role.as_deref().unwrap_or_default();
        let matches = claimed == role
            || claimed
                .strip_prefix(role)
                .is_some_and(|rest| rest.starts_with(':'));
        if !matches {
            problems.push(format!(
                "the signature in field {role} claims role {claimed:?}"
            ));
        }
        let certifies = matches!(signature.kind, SignatureKind::Certification { .. });
        if certifies != (role == SIGNER_ROLES[0]) {
            problems.push(format!(
                "the signature in field {role} {} a certification signature",
                if certifies { "is" } else { "is not" }
            ));
        }
    }
    if problems.is_empty() {
        Check::passed(
            ROLES,
            "official-1 certifies; official-2 and the ministry seal approve, each in its field",
        )
    } else {
        Check::failed(ROLES, SubIndication::FormatFailure, problems.join("; "))
    }
}

/// The status list's verdict on the diploma (`spec/status-list.md` §6).
fn status_check(record: Option<&DiplomaRecord>, list: &VerifiedStatusList) -> Check {
    let Some(record) = record else {
        return Check::indeterminate(
            STATUS,
            SubIndication::TryLater,
            "no readable record, so no status entry to look up",
        );
    };
    let Some(entry) = record.status() else {
        return Check::indeterminate(
            STATUS,
            SubIndication::TryLater,
            format!(
                "diploma {} names no status list entry; the list given cannot speak for it",
                record.number()
            ),
        );
    };
    let until = list.valid_until();
    match list.status_of(entry) {
        Ok(DiplomaStatus::Active) => Check::passed(
            STATUS,
            format!(
                "active in {} (entry {}, list valid until {until})",
                entry.list, entry.index
            ),
        ),
        Ok(DiplomaStatus::Revoked) => Check::failed(
            STATUS,
            SubIndication::Revoked,
            format!("revoked in {} (entry {})", entry.list, entry.index),
        ),
        Ok(DiplomaStatus::Suspended) => Check::indeterminate(
            STATUS,
            SubIndication::TryLater,
            format!(
                "suspended in {} (entry {}); a suspension may be lifted: ask again later",
                entry.list, entry.index
            ),
        ),
        // WrongList or IndexOutOfRange: this list cannot speak for this diploma.
        Err(e) => Check::indeterminate(STATUS, SubIndication::TryLater, e.to_string()),
    }
}
