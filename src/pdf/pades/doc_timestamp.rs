//! Document time-stamps (ETSI EN 319 142-1 §5.4.3, ISO 32000-2 §12.8.5): B-LTA and its
//! renewal (`spec/pades.md` §4).

use super::PadesOptions;
use super::contents::DOCUMENT_TIMESTAMP_SIZE;
use super::dss::{Scope, add_dss_parsed, document_validation_data};
use super::field::{self, Catalog, name_obj};
use super::sign::{finish, signature_error};
use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Document};
use crate::pdf::writer::{IncrementalUpdate, SignaturePlaceholder};
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::tsp::{TimestampRequest, TimestampSource, request_timestamp};

/// The prefix of the fields document time-stamps go into: `doc-timestamp-1`, `-2`, ….
pub const DOCUMENT_TIMESTAMP_FIELD: &str = "doc-timestamp-";
/// The most document time-stamp fields a document may have before a new one is refused.
const MAX_DOCUMENT_TIMESTAMPS: usize = 1000;

/// Appends one revision with a document time-stamp from `tsa`: a new invisible field
/// `doc-timestamp-N` whose value is `/Type /DocTimeStamp /SubFilter /ETSI.RFC3161` with
/// the RFC 3161 token over the SHA-256 digest of the ByteRange as `/Contents`.
pub fn add_document_timestamp(pdf: &[u8], tsa: &dyn TimestampSource) -> Result<Vec<u8>, PdfError> {
    let doc = Document::parse(pdf)?;
    add_document_timestamp_parsed(&doc, tsa)
}

/// Renewal (EN 319 142-1 §5.4.3): one revision with the DSS data for the last document
/// time-stamp's TSA — or, when the document has none yet, for every signature — then a
/// new document time-stamp. Needs `options.timestamp` and `options.lt`; `options.level`
/// and `options.signing_time` are not used.
pub fn extend_lta(pdf: &[u8], options: &PadesOptions<'_>) -> Result<Vec<u8>, PdfError> {
    let name = "document time-stamp";
    let tsa = options.timestamp.ok_or_else(|| {
        signature_error(
            name,
            "renewal needs a time-stamp authority (PadesOptions::timestamp)",
        )
    })?;
    let lt = options.lt.ok_or_else(|| {
        signature_error(
            name,
            "renewal needs validation-data sources (PadesOptions::lt)",
        )
    })?;
    let doc = Document::parse(pdf)?;
    let data = document_validation_data(&doc, &lt, Scope::LastDocumentTimestamp)?;
    let with_dss = add_dss_parsed(&doc, &data)?;
    let doc = Document::parse(&with_dss)?;
    add_document_timestamp_parsed(&doc, tsa)
}

/// [`add_document_timestamp`] on a document already parsed.
pub(super) fn add_document_timestamp_parsed(
    doc: &Document<'_>,
    tsa: &dyn TimestampSource,
) -> Result<Vec<u8>, PdfError> {
    let name = free_field_name(doc)?;
    let mut update = IncrementalUpdate::new(doc)?;
    let mut catalog = Catalog::read(doc)?;
    let mut dict = Dict::new();
    dict.set(b"Type", name_obj(b"DocTimeStamp"))
        .set(b"Filter", name_obj(b"Adobe.PPKLite"))
        .set(b"SubFilter", name_obj(b"ETSI.RFC3161"));
    let signature = update
        .add_signature_placeholder(dict, SignaturePlaceholder::new(DOCUMENT_TIMESTAMP_SIZE))?;
    field::add(doc, &mut update, &mut catalog, &name, signature)?;
    field::set_sig_flags(doc, &mut update, &mut catalog)?;
    catalog.write(&mut update);
    let (bytes, _) = finish(update, &name, DigestAlgorithm::Sha256, None, |digest| {
        let request = TimestampRequest::new(DigestAlgorithm::Sha256, digest)
            .and_then(TimestampRequest::with_random_nonce)
            .map_err(|e| signature_error(&name, e.to_string()))?;
        let stamp = request_timestamp(tsa, &request, &[])
            .map_err(|e| signature_error(&name, format!("the time-stamp authority failed: {e}")))?;
        Ok(stamp.token)
    })?;
    Ok(bytes)
}

/// The first `doc-timestamp-N` no field of `doc` has.
fn free_field_name(doc: &Document<'_>) -> Result<String, PdfError> {
    let taken: Vec<String> = doc
        .signature_fields()?
        .into_iter()
        .map(|f| f.name)
        .collect();
    (1..=MAX_DOCUMENT_TIMESTAMPS)
        .map(|n| format!("{DOCUMENT_TIMESTAMP_FIELD}{n}"))
        .find(|name| !taken.contains(name))
        .ok_or_else(|| {
            signature_error(
                "document time-stamp",
                format!(
                    "the document already has {MAX_DOCUMENT_TIMESTAMPS} document time-stamp fields"
                ),
            )
        })
}
