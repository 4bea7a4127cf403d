//! One PAdES signature in a new revision (ETSI EN 319 142-1 §5.3–§5.4, ISO 32000-1 §12.8):
//! the signature dictionary, DocMDP for certification, the ByteRange hash and the CMS
//! (`spec/pades.md` §2).

use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use super::PadesOptions;
use super::contents::{self, PrefixDigest};
use super::field::{self, Catalog, name_obj, text_string};
use crate::cms::{self, Content, Level, SignOptions};
use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Document, Object, SignatureField};
use crate::pdf::writer::{IncrementalUpdate, SignaturePlaceholder};
use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::signer::Signer;

/// `/M` and other PDF dates (ISO 32000-1 §7.9.4), always in UTC.
const PDF_DATE: &[BorrowedFormatItem<'_>] =
    format_description!("D:[year][month][day][hour][minute][second]Z");

/// Signs `field` of `pdf` in one new revision and returns the whole file.
///
/// The field is filled when it exists (its widget and appearance are kept) and added,
/// invisible, on the first page when it does not. `role` becomes `/Reason` and the signed
/// claimed role; `certify = Some(p)` makes a certification signature with DocMDP
/// permission `p` (1–3; the diploma uses [`DOCMDP_FORM_FILLING`](super::DOCMDP_FORM_FILLING)),
/// which must be the document's first signature. `options.level` B-T or higher adds a
/// signature time-stamp from `options.timestamp`; B-LT and B-LTA need later revisions
/// ([`add_dss`](super::add_dss), [`add_document_timestamp`](super::add_document_timestamp)),
/// which [`sign_diploma`](super::sign_diploma) adds.
///
/// Errors: the PDF cannot be read, the field is already signed, a level's source is
/// missing, or the signer, CMS engine or TSA failed; nothing is returned half-signed.
pub fn sign_field(
    pdf: &[u8],
    field: &str,
    signer: &dyn Signer,
    role: &str,
    certify: Option<u8>,
    options: &PadesOptions<'_>,
) -> Result<Vec<u8>, PdfError> {
    let doc = Document::parse(pdf)?;
    sign_parsed(&doc, field, signer, role, certify, options, None).map(|(bytes, _)| bytes)
}

/// [`sign_field`] on a document already parsed; `prefix`, a digest context over the start
/// of `doc`'s bytes, saves hashing them again. Also returns the context over the whole
/// signed file, for the next signature of a chain.
pub(super) fn sign_parsed(
    doc: &Document<'_>,
    field_name: &str,
    signer: &dyn Signer,
    role: &str,
    certify: Option<u8>,
    options: &PadesOptions<'_>,
    prefix: Option<&PrefixDigest>,
) -> Result<(Vec<u8>, Option<PrefixDigest>), PdfError> {
    let timestamped = options.level != Level::BB;
    if timestamped && options.timestamp.is_none() {
        return Err(signature_error(
            field_name,
            format!(
                "level {} needs a time-stamp authority (PadesOptions::timestamp)",
                options.level.as_str()
            ),
        ));
    }
    let fields = doc.signature_fields()?;
    if let Some(p) = certify {
        check_certification(&fields, field_name, p)?;
    }
    let slot = field::find(doc, &fields, field_name)?;
    let mut update = IncrementalUpdate::new(doc)?;
    let mut catalog = Catalog::read(doc)?;

    let dict = signature_dictionary(signer, role, options.signing_time, certify, field_name)?;
    let size = contents::signature_size(signer, role.len(), timestamped);
    let signature = update.add_signature_placeholder(dict, SignaturePlaceholder::new(size))?;
    match slot {
        Some(slot) => slot.fill(&mut update, signature),
        None => {
            field::add(doc, &mut update, &mut catalog, field_name, signature)?;
        }
    }
    if certify.is_some() {
        let mut perms = Dict::new();
        perms.set(b"DocMDP", Object::Reference(signature));
        catalog.dict.set(b"Perms", Object::Dict(perms));
        catalog.changed = true;
    }
    field::set_sig_flags(doc, &mut update, &mut catalog)?;
    catalog.write(&mut update);

    let cms_level = if timestamped { Level::BT } else { Level::BB };
    let mut cms_options = SignOptions::new(cms_level).claimed_role(role);
    if let Some(tsa) = options.timestamp.filter(|_| timestamped) {
        cms_options = cms_options.timestamp(tsa);
    }
    let digest = signer.algorithm().digest();
    finish(update, field_name, digest, prefix, |hash| {
        cms::sign(Content::Digest(hash), signer, &cms_options)
            .map_err(|e| signature_error(field_name, e.to_string()))
    })
}

/// Writes the revision, patches its ByteRange, hashes the ByteRange with `digest`
/// (continuing `prefix` when it fits) and fills `/Contents` with what `produce` makes of
/// that hash. Returns the file and the digest context over all of it.
pub(super) fn finish(
    update: IncrementalUpdate<'_, '_>,
    field_name: &str,
    digest: DigestAlgorithm,
    prefix: Option<&PrefixDigest>,
    produce: impl FnOnce(&[u8]) -> Result<Vec<u8>, PdfError>,
) -> Result<(Vec<u8>, Option<PrefixDigest>), PdfError> {
    let mut prepared = update.finish_with_signature()?;
    prepared.patch_byte_range()?;
    let (hash, before_hole) = contents::byte_range_digest(digest, &prepared, prefix);
    let der = produce(&hash)?;
    contents::fill(&mut prepared, &der, field_name)?;
    let whole = contents::full_file(before_hole, &prepared.bytes);
    Ok((prepared.bytes, whole))
}

/// Refuses a certification that cannot be one: P outside 1–3, or a document that already
/// has a certification or any other signature (ISO 32000-1 §12.8.1: it must be the first).
fn check_certification(fields: &[SignatureField], field_name: &str, p: u8) -> Result<(), PdfError> {
    if !(1..=3).contains(&p) {
        return Err(signature_error(
            field_name,
            format!("DocMDP permission {p} does not exist; use 1, 2 or 3 (ISO 32000-1 Table 254)"),
        ));
    }
    let signed = fields.iter().filter(|f| f.value.is_some()).count();
    if signed > 0 {
        return Err(signature_error(
            field_name,
            format!(
                "a certification signature must be the document's first, but {signed} signature(s) are already there"
            ),
        ));
    }
    Ok(())
}

/// The signature dictionary without `/ByteRange` and `/Contents` (the writer reserves
/// them): `/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M /Reason
/// /Name`, and for certification the DocMDP `/Reference`.
fn signature_dictionary(
    signer: &dyn Signer,
    role: &str,
    signing_time: OffsetDateTime,
    certify: Option<u8>,
    field_name: &str,
) -> Result<Dict, PdfError> {
    let mut dict = Dict::new();
    dict.set(b"Type", name_obj(b"Sig"))
        .set(b"Filter", name_obj(b"Adobe.PPKLite"))
        .set(b"SubFilter", name_obj(b"ETSI.CAdES.detached"))
        .set(b"M", Object::String(pdf_date(signing_time, field_name)?));
    if !role.is_empty() {
        dict.set(b"Reason", Object::String(text_string(role)));
    }
    if let Some(name) = signer_name(signer) {
        dict.set(b"Name", Object::String(text_string(&name)));
    }
    if let Some(p) = certify {
        let mut params = Dict::new();
        params
            .set(b"Type", name_obj(b"TransformParams"))
            .set(b"P", Object::Integer(i64::from(p)))
            .set(b"V", name_obj(b"1.2"));
        let mut reference = Dict::new();
        reference
            .set(b"Type", name_obj(b"SigRef"))
            .set(b"TransformMethod", name_obj(b"DocMDP"))
            .set(b"TransformParams", Object::Dict(params));
        dict.set(b"Reference", Object::Array(vec![Object::Dict(reference)]));
    }
    Ok(dict)
}

/// A PDF date string for `at` in UTC.
pub(super) fn pdf_date(at: OffsetDateTime, field_name: &str) -> Result<Vec<u8>, PdfError> {
    at.to_offset(time::UtcOffset::UTC)
        .format(PDF_DATE)
        .map(String::into_bytes)
        .map_err(|e| {
            signature_error(
                field_name,
                format!("the signing time {at} cannot be written as a PDF date: {e}"),
            )
        })
}

/// The common name of the signer's certificate, if it has one.
fn signer_name(signer: &dyn Signer) -> Option<String> {
    cms::certificate_common_name(signer.certificate_chain().first()?)
}

pub(super) fn signature_error(field: &str, message: impl Into<String>) -> PdfError {
    PdfError::Signature {
        field: field.to_owned(),
        message: message.into(),
    }
}
