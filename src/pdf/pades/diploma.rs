//! The diploma's signing order (`spec/pades.md` §5): official-1 certifies, official-2 and
//! the ministry seal approve, each in its own revision, then B-LT and B-LTA as asked.

use super::doc_timestamp::add_document_timestamp_parsed;
use super::dss::{Scope, add_dss_parsed, document_validation_data};
use super::field::resolve_dict;
use super::sign::{sign_parsed, signature_error};
use super::{DOCMDP_FORM_FILLING, Level, PadesOptions};
use crate::diploma::{RECORD_FILE_NAME, SIGNER_ROLES};
use crate::pdf::PdfError;
use crate::pdf::reader::{Document, Object};
use crate::pki::signer::Signer;

/// The three signers of a diploma, one per prepared field.
#[derive(Clone, Copy)]
pub struct DiplomaSigners<'a> {
    /// The first university official: the certification signature (field `official-1`).
    pub official_1: &'a dyn Signer,
    /// The second university official: an approval signature (field `official-2`).
    pub official_2: &'a dyn Signer,
    /// The Ministry of Science's organizational seal: an approval signature (field
    /// `ministry-seal`).
    pub ministry_seal: &'a dyn Signer,
}

impl std::fmt::Debug for DiplomaSigners<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiplomaSigners").finish_non_exhaustive()
    }
}

/// Signs a rendered diploma: official-1 certifies (DocMDP P=2), official-2 and the
/// ministry seal approve — three revisions into the prepared fields `official-1`,
/// `official-2`, `ministry-seal` — then, as `options.level` asks, a DSS revision (B-LT)
/// and a document time-stamp revision (B-LTA).
///
/// Each signature's `/Reason` and claimed role is `ROLE: TITLE` (`official-1: President`)
/// with the title from the diploma record embedded in the PDF, or the role alone when
/// there is no readable record. Every source the level needs is checked before anything
/// is signed.
pub fn sign_diploma(
    pdf: &[u8],
    signers: &DiplomaSigners<'_>,
    options: &PadesOptions<'_>,
) -> Result<Vec<u8>, PdfError> {
    let needs_tsa = options.level != Level::BB;
    let needs_lt = matches!(options.level, Level::BLt | Level::BLta);
    if needs_tsa && options.timestamp.is_none() {
        return Err(signature_error(
            SIGNER_ROLES[0],
            format!(
                "level {} needs a time-stamp authority (PadesOptions::timestamp)",
                options.level.as_str()
            ),
        ));
    }
    let lt = match (needs_lt, options.lt) {
        (false, _) => None,
        (true, Some(lt)) => Some(lt),
        (true, None) => {
            return Err(signature_error(
                SIGNER_ROLES[0],
                format!(
                    "level {} needs validation-data sources (PadesOptions::lt)",
                    options.level.as_str()
                ),
            ));
        }
    };

    let doc = Document::parse(pdf)?;
    let roles = roles(&doc);
    let [role_1, role_2, role_seal] = &roles;
    let [field_1, field_2, field_seal] = SIGNER_ROLES;
    // Each signature's ByteRange digest continues from the previous one's context over
    // the file so far: every byte is hashed once.
    let (mut bytes, mut prefix) = sign_parsed(
        &doc,
        field_1,
        signers.official_1,
        role_1,
        Some(DOCMDP_FORM_FILLING),
        options,
        None,
    )?;
    for (field, signer, role) in [
        (field_2, signers.official_2, role_2),
        (field_seal, signers.ministry_seal, role_seal),
    ] {
        let doc = Document::parse(&bytes)?;
        (bytes, prefix) = sign_parsed(&doc, field, signer, role, None, options, prefix.as_ref())?;
    }
    if let Some(lt) = lt {
        let doc = Document::parse(&bytes)?;
        let data = document_validation_data(&doc, &lt, Scope::All)?;
        bytes = add_dss_parsed(&doc, &data)?;
    }
    if let (Level::BLta, Some(tsa)) = (options.level, options.timestamp) {
        let doc = Document::parse(&bytes)?;
        bytes = add_document_timestamp_parsed(&doc, tsa)?;
    }
    Ok(bytes)
}

/// `ROLE: TITLE` for each of [`SIGNER_ROLES`], titles from the embedded record when it
/// can be read, else the bare role names.
fn roles(doc: &Document<'_>) -> [String; 3] {
    let signers = embedded_signers(doc).ok().flatten().unwrap_or_default();
    SIGNER_ROLES.map(|role| match signers.iter().find(|s| s.role == role) {
        Some(signer) if !signer.title_en.trim().is_empty() => {
            format!("{role}: {}", signer.title_en.trim())
        }
        _ => role.to_owned(),
    })
}

/// The part of the embedded diploma record the roles come from (`spec/diploma.md` §2.1
/// `issuer.signers`). Only labels are taken from it: the record as a whole is checked by
/// verification (`diploma::verify`), so signing does not pay for a full validation.
#[derive(serde::Deserialize)]
struct RecordSigners {
    issuer: IssuerSigners,
}

#[derive(serde::Deserialize)]
struct IssuerSigners {
    signers: Vec<SignerTitle>,
}

#[derive(serde::Deserialize)]
struct SignerTitle {
    role: String,
    title_en: String,
}

/// The signers listed in the diploma record embedded as `diploma-record.json` (catalog
/// `/Names /EmbeddedFiles`), `Ok(None)` when the PDF has no readable one.
fn embedded_signers(doc: &Document<'_>) -> Result<Option<Vec<SignerTitle>>, PdfError> {
    let catalog = doc.catalog()?;
    let Some(names) = catalog.get(b"Names") else {
        return Ok(None);
    };
    let names = resolve_dict(doc, names, "/Root /Names")?;
    let Some(files) = names.get(b"EmbeddedFiles") else {
        return Ok(None);
    };
    let files = resolve_dict(doc, files, "/Names /EmbeddedFiles")?;
    let Some(Object::Array(pairs)) = files.get(b"Names").map(|n| doc.resolve(n)).transpose()?
    else {
        return Ok(None);
    };
    for pair in pairs.chunks_exact(2) {
        let [name, spec] = pair else { continue };
        if name.as_string() != Some(RECORD_FILE_NAME.as_bytes()) {
            continue;
        }
        let spec = resolve_dict(doc, spec, "embedded file specification")?;
        let Some(ef) = spec.get(b"EF") else {
            return Ok(None);
        };
        let ef = resolve_dict(doc, ef, "embedded file /EF")?;
        let Some(stream_ref) = ef.get_reference(b"F") else {
            return Ok(None);
        };
        let Object::Stream(stream) = doc.object(stream_ref)? else {
            return Ok(None);
        };
        let json = doc.stream_data(&stream)?;
        return Ok(serde_json::from_slice::<RecordSigners>(&json)
            .ok()
            .map(|record| record.issuer.signers));
    }
    Ok(None)
}
