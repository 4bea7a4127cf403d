//! PAdES verification (ETSI EN 319 142-1, EN 319 102-1; `spec/pades.md` §Verification):
//! every signature and document time-stamp of a PDF, hardened against the known attacks
//! on PDF signature validation (universal signature forgery, incremental saving, signature
//! wrapping, shadow and certification attacks).
//!
//! For each signature field with a value, in the order of the revisions they cover:
//!
//! 1. **ByteRange sanity** ([`byte_range`]): four non-negative integers from 0, one hole
//!    that is exactly this dictionary's `/Contents` string, ending exactly at the end of a
//!    revision; that revision is the one the signature covers.
//! 2. **The CMS**: `/SubFilter` `ETSI.CAdES.detached` (or `adbe.pkcs7.detached`), the
//!    SignedData read from `/Contents` (trailing zero padding allowed), the two ranges
//!    hashed and validated by [`validate_cms_signature`] with the DSS as external data and
//!    the valid document time-stamps over the signature as proofs of existence; no
//!    signing-time attribute for PAdES (the time is `/M`).
//! 3. **DocMDP**: a certification signature must be the first signature; its `P` bounds
//!    what later revisions may change.
//! 4. **Modification analysis** ([`changes`]): every object each later revision defines,
//!    compared with its version in the covered revision and judged by its role
//!    ([`roles`]). One change that is not allowed makes the signature TOTAL-FAILED /
//!    FORMAT_FAILURE: what it signed is no longer what the document shows.
//!
//! Document time-stamps (`/Type /DocTimeStamp`, `ETSI.RFC3161`) get the same ByteRange
//! and modification checks and [`validate_timestamp`] over their ranges.
//!
//! ```
//! use samad::pdf::pades::verify_pdf;
//! use samad::pki::demo::DemoPki;
//! use samad::pki::trust::TrustStore;
//! use samad::validation::ValidationContext;
//! use samad::validation::report::Indication;
//! use samad::clock::FixedClock;
//! use time::macros::datetime;
//!
//! let at = datetime!(2025-03-20 10:00 UTC);
//! let pki = DemoPki::generate(&FixedClock::new(at))?;
//! let trust = TrustStore::from_pem(&pki.files()[0].1)?;
//! let ctx = ValidationContext::new(&trust, at);
//! // An unsigned PDF reads fine, but nothing is proven.
//! let pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n\
//! 0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n\
//! startxref\n45\n%%EOF\n";
//! let report = verify_pdf(pdf, &ctx)?;
//! assert!(report.signatures.is_empty());
//! assert_eq!(report.indication, Indication::Indeterminate);
//! // Bytes that are not a PDF are an error, not a report.
//! assert!(verify_pdf(b"not a pdf", &ctx).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod byte_range;
mod changes;
mod doc_timestamp;
mod roles;
mod signature;
#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

use crate::pdf::PdfError;
use crate::pdf::reader::{Document, SignatureDictionary, SignatureType};
use crate::validation::report::{Check, DocumentSummary, SubIndication, ValidationReport};
use crate::validation::{ExternalEvidence, ValidationContext, finish_report};
#[cfg(doc)]
use crate::validation::{validate_cms_signature, validate_timestamp};

use byte_range::{RevisionEnd, SignedRanges};
use changes::History;

/// Verifies every signature and document time-stamp of `pdf` (module docs). `Err` only
/// when the bytes are not a readable PDF (the CLI's exit 2, the C API's
/// `SAMAD_ERR_PARSE`); everything else — broken signatures included — is in the report.
pub fn verify_pdf(pdf: &[u8], ctx: &ValidationContext<'_>) -> Result<ValidationReport, PdfError> {
    let doc = Document::parse(pdf)?;
    // The catalog must be readable for this to be a PDF at all.
    doc.catalog()?;
    let mut document_checks = Vec::new();
    let fields = match doc.signature_fields() {
        Ok(fields) => fields,
        Err(e) => {
            document_checks.push(Check::failed(
                "pdf.signature-fields",
                SubIndication::FormatFailure,
                format!("the AcroForm's signature fields cannot be read: {e}"),
            ));
            Vec::new()
        }
    };
    let mut external = ExternalEvidence::default();
    match doc.dss() {
        Ok(Some(dss)) => {
            external.data.certificates = dss.certs;
            external.data.crls = dss.crls;
            external.data.ocsp_responses = dss.ocsps;
            document_checks.push(Check::passed(
                "pdf.dss",
                format!(
                    "{} certificate(s), {} CRL(s), {} OCSP response(s), {} VRI entr(y/ies)",
                    external.data.certificates.len(),
                    external.data.crls.len(),
                    external.data.ocsp_responses.len(),
                    dss.vri_entries
                ),
            ));
        }
        Ok(None) => {}
        Err(e) => document_checks.push(Check::failed(
            "pdf.dss",
            SubIndication::FormatFailure,
            format!("the Document Security Store cannot be read: {e}"),
        )),
    }
    let revision_ends: Vec<RevisionEnd> = doc
        .revisions()
        .iter()
        .map(|r| RevisionEnd {
            number: r.number,
            end: r.end,
        })
        .collect();
    let certification = match doc.docmdp_permissions() {
        Ok(certification) => certification,
        Err(e) => {
            document_checks.push(Check::failed(
                "pdf.docmdp",
                SubIndication::FormatFailure,
                format!("the catalog's /Perms /DocMDP is not a certification signature: {e}"),
            ));
            None
        }
    };
    let history = History::new(&doc);

    // Each field's value, read and its ByteRange checked, before any validation: document
    // time-stamps give proofs of existence to the signatures they cover.
    let mut entries: Vec<Entry> = Vec::new();
    for field in &fields {
        let Some(value) = field.value else {
            continue;
        };
        let dictionary = doc.signature_dictionary(value).map_err(|e| e.to_string());
        let ranges = dictionary.as_ref().ok().map(|d| {
            byte_range::check_byte_range(
                d.byte_range.as_deref(),
                d.contents_span,
                &revision_ends,
                pdf.len(),
            )
            .map_err(|problem| contents_problem(d).unwrap_or(problem))
        });
        entries.push(Entry {
            name: field.name.clone(),
            dictionary,
            ranges,
        });
    }
    // In the order of the revisions covered; unreadable ones last, in field order.
    entries.sort_by_key(|e| e.covered().unwrap_or(usize::MAX));

    let dss_revision = dss_revision(&doc);
    let timestamps =
        doc_timestamp::validate_all(&doc, &entries, ctx, &external, &history, certification);
    let first_signature = entries
        .iter()
        .filter(|e| !e.is_document_timestamp())
        .filter_map(Entry::covered)
        .min();
    let mut signatures = Vec::new();
    for entry in &entries {
        let report = match entry.is_document_timestamp() {
            true => timestamps
                .iter()
                .find(|t| t.id == entry.name)
                .map(|t| t.report.clone()),
            false => Some(signature::validate(
                &doc,
                entry,
                ctx,
                &external,
                &timestamps,
                &history,
                signature::DocumentFacts {
                    certification,
                    first_signature,
                    dss_revision,
                },
            )),
        };
        signatures.extend(report);
    }
    let document = DocumentSummary {
        kind: "pdf".to_owned(),
        name: None,
        sha256: hex(&Sha256::digest(pdf)),
        revisions: Some(doc.revisions().len()),
    };
    Ok(finish_report(document, ctx, signatures, document_checks))
}

/// One signature field's value as read, with its ByteRange verdict.
pub(crate) struct Entry {
    /// The field's full name (the report's id).
    name: String,
    /// The signature dictionary, or why it cannot be read.
    dictionary: Result<SignatureDictionary, String>,
    /// The covered revision and signed ranges, or the ByteRange problem; `None` when the
    /// dictionary could not be read.
    ranges: Option<Result<(crate::validation::report::Coverage, SignedRanges), String>>,
}

impl Entry {
    /// The revision the ByteRange covers, when it is sound.
    fn covered(&self) -> Option<usize> {
        match &self.ranges {
            Some(Ok((coverage, _))) => Some(coverage.revision),
            _ => None,
        }
    }

    fn is_document_timestamp(&self) -> bool {
        matches!(&self.dictionary, Ok(d) if d.type_ == SignatureType::DocTimeStamp)
    }
}

/// The universal-signature-forgery variants of `/Contents` get their own words.
fn contents_problem(dictionary: &SignatureDictionary) -> Option<String> {
    match dictionary.dict.get(b"Contents") {
        None => Some("the signature dictionary has no /Contents: there is no signature".into()),
        Some(crate::pdf::reader::Object::Null) => Some("/Contents is null: there is no signature".into()),
        Some(_) if dictionary.contents.as_ref().is_some_and(Vec::is_empty) => {
            Some("/Contents is empty: there is no signature".into())
        }
        Some(_) if dictionary.contents.is_none() => Some("/Contents is not a string".into()),
        Some(_) if dictionary.contents_span.is_none() => Some(
            "/Contents is not a hexadecimal string written directly in the file (e.g. it is in an object stream), so the ByteRange hole cannot be matched to it".into(),
        ),
        Some(_) => None,
    }
}

/// The first revision whose catalog has a `/DSS`: a document time-stamp covering it or a
/// later revision archives the validation data the signatures before it needed (a DSS
/// update after the last document time-stamp is the start of the next renewal).
fn dss_revision(doc: &Document<'_>) -> Option<usize> {
    doc.revisions()
        .iter()
        .map(|r| r.number)
        .find(|&n| doc.catalog_at(n).is_ok_and(|c| c.get(b"DSS").is_some()))
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of the two signed ranges of `bytes` with `algorithm`.
pub(crate) fn digest_ranges(
    algorithm: crate::pki::algorithm::DigestAlgorithm,
    bytes: &[u8],
    ranges: &SignedRanges,
) -> Vec<u8> {
    use crate::pki::algorithm::DigestAlgorithm;
    let first = bytes
        .get(ranges.first.0..ranges.first.1)
        .unwrap_or_default();
    let second = bytes
        .get(ranges.second.0..ranges.second.1)
        .unwrap_or_default();
    fn two<D: Digest>(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut hasher = D::new();
        hasher.update(a);
        hasher.update(b);
        hasher.finalize().to_vec()
    }
    match algorithm {
        DigestAlgorithm::Sha256 => two::<Sha256>(first, second),
        DigestAlgorithm::Sha384 => two::<sha2::Sha384>(first, second),
        DigestAlgorithm::Sha512 => two::<sha2::Sha512>(first, second),
    }
}
