//! The Document Security Store (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3): the
//! revision that makes a PAdES signature B-LT (`spec/pades.md` §3).

use der::{Decode, Encode};

use super::field::{Catalog, array_of, name_obj, resolve_dict};
use super::sign::signature_error;
use crate::cms::{CmsSignature, LtSources, ValidationData, collect_validation_data};
use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Document, Object, SignatureType};
use crate::pdf::writer::IncrementalUpdate;
use crate::pki::cert::Certificate;

/// The name errors about the DSS carry in place of a field name.
const DSS: &str = "DSS";

/// Appends one revision whose catalog `/DSS` holds `data`: each certificate, CRL and OCSP
/// response as its own stream in `/Certs`, `/CRLs`, `/OCSPs`. An existing DSS is kept and
/// only what it lacks (byte for byte) is added; when it already holds everything, `pdf` is
/// returned unchanged (no empty revision).
pub fn add_dss(pdf: &[u8], data: &ValidationData) -> Result<Vec<u8>, PdfError> {
    let doc = Document::parse(pdf)?;
    add_dss_parsed(&doc, data)
}

/// [`add_dss`] on a document already parsed.
pub(super) fn add_dss_parsed(
    doc: &Document<'_>,
    data: &ValidationData,
) -> Result<Vec<u8>, PdfError> {
    let mut catalog = Catalog::read(doc)?;
    let (mut dss, dss_ref) = match catalog.dict.get(b"DSS") {
        None => (Dict::new(), None),
        Some(Object::Reference(r)) => {
            let r = *r;
            (
                resolve_dict(doc, &Object::Reference(r), "/Root /DSS")?,
                Some(r),
            )
        }
        Some(other) => (resolve_dict(doc, other, "/Root /DSS")?, None),
    };
    let mut update = IncrementalUpdate::new(doc)?;
    let mut added = 0;
    for (key, items) in [
        (b"Certs".as_slice(), &data.certificates),
        (b"CRLs".as_slice(), &data.crls),
        (b"OCSPs".as_slice(), &data.ocsp_responses),
    ] {
        let mut entries = match dss.get(key) {
            Some(array) => array_of(doc, array, "/DSS array")?,
            None => Vec::new(),
        };
        let mut present = Vec::with_capacity(entries.len());
        for entry in &entries {
            if let Object::Stream(stream) = doc.resolve(entry)? {
                present.push(doc.stream_data(&stream)?);
            }
        }
        for item in items {
            if present.contains(item) {
                continue;
            }
            let stream = update.add_stream(Dict::new(), item.clone());
            entries.push(Object::Reference(stream));
            present.push(item.clone());
            added += 1;
        }
        if !entries.is_empty() {
            dss.set(key, Object::Array(entries));
        }
    }
    if added == 0 {
        return Ok(doc.bytes().to_vec());
    }
    dss.set(b"Type", name_obj(b"DSS"));
    match dss_ref {
        Some(reference) => update.replace_object(reference, Object::Dict(dss)),
        None => {
            let reference = update.add_object(Object::Dict(dss));
            catalog.dict.set(b"DSS", Object::Reference(reference));
            catalog.changed = true;
        }
    }
    catalog.write(&mut update);
    update.finish()
}

/// Which signatures' validation data to collect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// Every signature and document time-stamp (B-LT, and B-LTA made from B-LT).
    All,
    /// Only the last document time-stamp's TSA (renewal, EN 319 142-1 §5.4.3): the older
    /// evidence is already protected by it, and its certificates may have expired since.
    LastDocumentTimestamp,
}

/// The certificates one signature or document time-stamp needs validated.
struct Evidence {
    document_timestamp: bool,
    end_entities: Vec<Vec<u8>>,
    extra: Vec<Vec<u8>>,
}

/// The validation data of the signatures of `doc` that `scope` selects
/// (`spec/pades.md` §3): the signers' and TSAs' paths with their revocation data, from
/// `sources`.
pub(super) fn document_validation_data(
    doc: &Document<'_>,
    sources: &LtSources<'_>,
    scope: Scope,
) -> Result<ValidationData, PdfError> {
    let evidence = evidence(doc)?;
    let chosen: Vec<&Evidence> = match scope {
        Scope::All => evidence.iter().collect(),
        Scope::LastDocumentTimestamp => {
            match evidence.iter().rev().find(|e| e.document_timestamp) {
                Some(last) => vec![last],
                None => evidence.iter().collect(),
            }
        }
    };
    let mut end_entities: Vec<Vec<u8>> = Vec::new();
    let mut extra: Vec<Vec<u8>> = Vec::new();
    for e in chosen {
        for cert in &e.end_entities {
            if !end_entities.contains(cert) {
                end_entities.push(cert.clone());
            }
        }
        for cert in &e.extra {
            if !extra.contains(cert) {
                extra.push(cert.clone());
            }
        }
    }
    collect_validation_data(&end_entities, &extra, sources)
        .map_err(|e| signature_error(DSS, format!("collecting validation data: {e}")))
}

/// What each signed field of `doc` needs validated, in field order.
fn evidence(doc: &Document<'_>) -> Result<Vec<Evidence>, PdfError> {
    let mut out = Vec::new();
    for field in doc.signature_fields()? {
        let Some(value) = field.value else { continue };
        let dict = doc.signature_dictionary(value)?;
        let Some(contents) = dict.contents.as_deref() else {
            continue;
        };
        let der = der_prefix(contents).ok_or_else(|| {
            signature_error(&field.name, "/Contents does not hold a DER structure")
        })?;
        if dict.type_ == SignatureType::DocTimeStamp {
            let certs = token_certificates(der).map_err(|e| signature_error(&field.name, e))?;
            out.push(Evidence {
                document_timestamp: true,
                end_entities: time_stamping_certificates(&certs),
                extra: certs,
            });
            continue;
        }
        let cms =
            CmsSignature::from_der(der).map_err(|e| signature_error(&field.name, e.to_string()))?;
        let signer = cms.signer_certificate(&[]).ok_or_else(|| {
            signature_error(
                &field.name,
                "the CMS does not carry the signer's certificate",
            )
        })?;
        let mut end_entities = vec![signer.der().to_vec()];
        let mut extra = cms.certificates().to_vec();
        for stamp in cms.signature_timestamps() {
            let stamp = stamp.map_err(|e| signature_error(&field.name, e.to_string()))?;
            end_entities.push(stamp.tsa_certificate.clone());
            extra.extend(stamp.certificates);
        }
        out.push(Evidence {
            document_timestamp: false,
            end_entities,
            extra,
        });
    }
    Ok(out)
}

/// The DER structure at the start of `bytes` (a `/Contents` hole holds it followed by zero
/// padding): its tag, length and content, or `None` when the header is broken or the
/// length runs past the end.
pub(super) fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    use der::Reader;
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let header_len = usize::try_from(reader.position()).ok()?;
    let body_len = usize::try_from(header.length).ok()?;
    bytes.get(..header_len.checked_add(body_len)?)
}

/// The certificates (DER) a time-stamp token's SignedData carries.
fn token_certificates(token: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let info = ::cms::content_info::ContentInfo::from_der(token)
        .map_err(|e| format!("the time-stamp token is not a ContentInfo: {e}"))?;
    let signed: ::cms::signed_data::SignedData = info
        .content
        .decode_as()
        .map_err(|e| format!("the time-stamp token is not a SignedData: {e}"))?;
    let mut out = Vec::new();
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let ::cms::cert::CertificateChoices::Certificate(cert) = choice {
            out.push(
                cert.to_der()
                    .map_err(|e| format!("a token certificate cannot be re-encoded: {e}"))?,
            );
        }
    }
    Ok(out)
}

/// Those of `certs` whose extended key usage is time-stamping (the TSA).
fn time_stamping_certificates(certs: &[Vec<u8>]) -> Vec<Vec<u8>> {
    certs
        .iter()
        .filter(|der| {
            Certificate::from_der(der).is_ok_and(|c| {
                c.extended_key_usage
                    .as_ref()
                    .is_some_and(|eku| eku.time_stamping)
            })
        })
        .cloned()
        .collect()
}
