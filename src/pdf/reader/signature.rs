//! The structures PAdES works with: AcroForm signature fields (ISO 32000-1 §12.7.4.5),
//! signature dictionaries (§12.8.1, Table 252) with the exact file span of `/Contents`,
//! DocMDP permissions (§12.8.2.2, §12.8.4) and the Document Security Store (ETSI EN 319
//! 142-1 §5.4.2, ISO 32000-2 §12.8.4.3).

use std::collections::HashSet;

use super::document::Document;
use super::object::{Dict, ObjRef, Object};
use super::parser::parse_indirect;
use super::xref::XrefEntry;
use crate::pdf::PdfError;

/// How deep AcroForm field trees may nest.
const MAX_FIELD_DEPTH: usize = 32;

/// A terminal signature field (`/FT /Sig`, possibly inherited) of the AcroForm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureField {
    /// The fully qualified field name: the `/T` of the field and its ancestors joined
    /// with `.` (§12.7.3.2).
    pub name: String,
    /// The field dictionary.
    pub field: ObjRef,
    /// The widget annotations: the field itself when field and widget are merged, else its
    /// `/Kids` without `/T`.
    pub widgets: Vec<ObjRef>,
    /// The pages (`/P`) of the widgets that name one.
    pub pages: Vec<ObjRef>,
    /// The signature dictionary (`/V`), when the field is signed.
    pub value: Option<ObjRef>,
}

/// The kind of a signature dictionary (`/Type`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureType {
    /// `/Type /Sig`, or no `/Type` (it is optional for signatures).
    Sig,
    /// `/Type /DocTimeStamp` (ISO 32000-2 §12.8.5): a document time-stamp.
    DocTimeStamp,
    /// Any other `/Type`, kept so the verifier can refuse it by name.
    Other(String),
}

/// A signature dictionary (§12.8.1 Table 252).
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureDictionary {
    /// The dictionary's object.
    pub object: ObjRef,
    /// `/Type`.
    pub type_: SignatureType,
    /// `/Filter` (e.g. `Adobe.PPKLite`).
    pub filter: Option<String>,
    /// `/SubFilter` (e.g. `ETSI.CAdES.detached`, `ETSI.RFC3161`).
    pub sub_filter: Option<String>,
    /// `/ByteRange`, when it is an array of integers; `None` when absent or of another type.
    pub byte_range: Option<Vec<i64>>,
    /// `/Contents`, decoded, when it is a string.
    pub contents: Option<Vec<u8>>,
    /// The file offsets `[start, end)` of the `/Contents` hexadecimal string, angle
    /// brackets included; `None` unless `/Contents` is a hexadecimal string written
    /// directly in an indirect object in the file (not in an object stream).
    pub contents_span: Option<(usize, usize)>,
    /// `/Reason`.
    pub reason: Option<String>,
    /// `/Name`.
    pub name: Option<String>,
    /// `/Location`.
    pub location: Option<String>,
    /// `/ContactInfo`.
    pub contact_info: Option<String>,
    /// `/M`, the raw PDF date string (`D:YYYYMMDDHHmmSS+HH'mm'`).
    pub m: Option<String>,
    /// The `/P` of a `/Reference` entry with `/TransformMethod /DocMDP` (default 2): this
    /// is a certification signature.
    pub docmdp: Option<u8>,
    /// The whole dictionary, as read.
    pub dict: Dict,
}

/// The document's DocMDP permissions: catalog `/Perms /DocMDP` (§12.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocMdp {
    /// The certification signature's dictionary.
    pub signature: ObjRef,
    /// The access permissions `P`: 1 no changes, 2 form filling and signing, 3 also
    /// annotations.
    pub permissions: u8,
}

/// The Document Security Store (`/DSS` in the catalog), its streams decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dss {
    /// `/Certs`: DER certificates.
    pub certs: Vec<Vec<u8>>,
    /// `/CRLs`: DER CRLs.
    pub crls: Vec<Vec<u8>>,
    /// `/OCSPs`: DER OCSP responses.
    pub ocsps: Vec<Vec<u8>>,
    /// The number of `/VRI` entries (per-signature validation data, optional in PAdES).
    pub vri_entries: usize,
}

/// Decodes a PDF text string (§7.9.2.2): UTF-16BE with a byte order mark, UTF-8 with a
/// byte order mark (PDF 2.0), else PDFDocEncoding.
pub fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| {
                u16::from_be_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|b| pdfdoc_char(*b)).collect()
}

/// PDFDocEncoding (Annex D.2): Latin-1 except 0x18–0x1F and 0x80–0xA0.
fn pdfdoc_char(b: u8) -> char {
    const LOW: [char; 8] = [
        '\u{02D8}', '\u{02C7}', '\u{02C6}', '\u{02D9}', '\u{02DD}', '\u{02DB}', '\u{02DA}',
        '\u{02DC}',
    ];
    const HIGH: [char; 31] = [
        '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{0192}',
        '\u{2044}', '\u{2039}', '\u{203A}', '\u{2212}', '\u{2030}', '\u{201E}', '\u{201C}',
        '\u{201D}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{2122}', '\u{FB01}', '\u{FB02}',
        '\u{0141}', '\u{0152}', '\u{0160}', '\u{0178}', '\u{017D}', '\u{0131}', '\u{0142}',
        '\u{0153}', '\u{0161}', '\u{017E}',
    ];
    match b {
        0x18..=0x1f => LOW
            .get(usize::from(b - 0x18))
            .copied()
            .unwrap_or('\u{FFFD}'),
        0x80..=0x9e => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        0x9f => '\u{FFFD}',
        0xa0 => '\u{20AC}',
        other => char::from(other),
    }
}

fn text(dict: &Dict, key: &[u8]) -> Option<String> {
    dict.get(key)
        .and_then(Object::as_string)
        .map(decode_text_string)
}

fn name(dict: &Dict, key: &[u8]) -> Option<String> {
    dict.get_name(key)
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

impl Document<'_> {
    /// The terminal signature fields of the AcroForm, as of the latest revision.
    pub fn signature_fields(&self) -> Result<Vec<SignatureField>, PdfError> {
        self.signature_fields_at(self.revisions().len())
    }

    /// The terminal signature fields as of revision `revision` (1-based).
    pub fn signature_fields_at(&self, revision: usize) -> Result<Vec<SignatureField>, PdfError> {
        let catalog = self.catalog_at(revision)?;
        let Some(acroform) = catalog.get(b"AcroForm") else {
            return Ok(Vec::new());
        };
        let acroform = match self.resolve_at(acroform, revision)? {
            Object::Dict(d) => d,
            Object::Null => return Ok(Vec::new()),
            other => {
                return Err(PdfError::structure(
                    "/Root /AcroForm",
                    format!("is a {}, not a dictionary", other.type_name()),
                ));
            }
        };
        let fields = match acroform
            .get(b"Fields")
            .map(|f| self.resolve_at(f, revision))
            .transpose()?
        {
            None | Some(Object::Null) => return Ok(Vec::new()),
            Some(Object::Array(items)) => items,
            Some(other) => {
                return Err(PdfError::structure(
                    "/Root /AcroForm /Fields",
                    format!("is a {}, not an array", other.type_name()),
                ));
            }
        };
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for field in &fields {
            let Some(id) = field.as_reference() else {
                return Err(PdfError::structure(
                    "/Root /AcroForm /Fields",
                    "holds a direct object; fields must be indirect references",
                ));
            };
            self.walk_field(id, revision, "", None, 0, &mut seen, &mut out)?;
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn walk_field(
        &self,
        id: ObjRef,
        revision: usize,
        parent_name: &str,
        inherited_type: Option<&[u8]>,
        depth: usize,
        seen: &mut HashSet<ObjRef>,
        out: &mut Vec<SignatureField>,
    ) -> Result<(), PdfError> {
        if depth > MAX_FIELD_DEPTH {
            return Err(PdfError::Limit {
                what: "levels of nested form fields",
                limit: MAX_FIELD_DEPTH,
                offset: 0,
            });
        }
        if !seen.insert(id) {
            return Err(PdfError::structure(
                format!("form field {id}"),
                "appears twice in the field tree (a /Kids cycle or a shared field)",
            ));
        }
        let dict = match self.object_at(id, revision)? {
            Object::Dict(d) => d,
            Object::Null => return Ok(()),
            other => {
                return Err(PdfError::structure(
                    format!("form field {id}"),
                    format!("is a {}, not a dictionary", other.type_name()),
                ));
            }
        };
        let partial = dict
            .get(b"T")
            .and_then(Object::as_string)
            .map(decode_text_string);
        let full_name = match (&partial, parent_name.is_empty()) {
            (Some(t), true) => t.clone(),
            (Some(t), false) => format!("{parent_name}.{t}"),
            (None, _) => parent_name.to_string(),
        };
        let field_type = dict.get_name(b"FT").or(inherited_type);
        let kids = match dict
            .get(b"Kids")
            .map(|k| self.resolve_at(k, revision))
            .transpose()?
        {
            Some(Object::Array(items)) => items,
            _ => Vec::new(),
        };
        let mut widgets = Vec::new();
        let mut child_fields = Vec::new();
        for kid in &kids {
            let Some(kid_id) = kid.as_reference() else {
                continue;
            };
            match self.object_at(kid_id, revision)? {
                Object::Dict(k) if k.get(b"T").is_some() => child_fields.push(kid_id),
                Object::Dict(_) => widgets.push(kid_id),
                _ => {}
            }
        }
        let has_child_fields = !child_fields.is_empty();
        for child in child_fields {
            self.walk_field(
                child,
                revision,
                &full_name,
                field_type,
                depth + 1,
                seen,
                out,
            )?;
        }
        // A terminal field has no child fields (§12.7.1); only signature fields are listed.
        if field_type != Some(b"Sig") || (has_child_fields && widgets.is_empty()) {
            return Ok(());
        }
        if dict.get_name(b"Subtype") == Some(b"Widget") {
            widgets.insert(0, id);
        }
        let mut pages = Vec::new();
        for widget in &widgets {
            let page = if *widget == id {
                dict.get_reference(b"P")
            } else {
                self.object_at(*widget, revision)?
                    .as_dict()
                    .and_then(|w| w.get_reference(b"P"))
            };
            if let Some(page) = page
                && !pages.contains(&page)
            {
                pages.push(page);
            }
        }
        out.push(SignatureField {
            name: full_name,
            field: id,
            widgets,
            pages,
            value: dict.get_reference(b"V"),
        });
        Ok(())
    }

    /// The signature dictionary `id` as of the latest revision.
    pub fn signature_dictionary(&self, id: ObjRef) -> Result<SignatureDictionary, PdfError> {
        self.signature_dictionary_at(id, self.revisions().len())
    }

    /// The signature dictionary `id` as of revision `revision`, with the span of its
    /// `/Contents` in the file.
    pub fn signature_dictionary_at(
        &self,
        id: ObjRef,
        revision: usize,
    ) -> Result<SignatureDictionary, PdfError> {
        let context = || format!("signature dictionary {id}");
        // Written in the file: parse it once, keeping where each value lies (the span of
        // /Contents is what a ByteRange must exclude).
        let (object, contents_span) = match self.entry_at(id.num, revision) {
            Some(XrefEntry::InFile { offset, generation }) if generation == id.generation => {
                let indirect =
                    parse_indirect(self.bytes(), offset, self.limits().max_depth, &mut |_| None)?;
                if indirect.id != id {
                    return Err(PdfError::WrongObject {
                        object: id,
                        offset,
                        found: format!("object {}", indirect.id),
                    });
                }
                let span = indirect
                    .spans
                    .iter()
                    .rev()
                    .find(|(k, _)| k == b"Contents")
                    .map(|(_, range)| (range.start, range.end))
                    .filter(|(start, _)| self.bytes().get(*start) == Some(&b'<'));
                (indirect.object, span)
            }
            _ => (self.object_at(id, revision)?, None),
        };
        let dict = match object {
            Object::Dict(d) => d,
            other => {
                return Err(PdfError::structure(
                    context(),
                    format!("is a {}, not a dictionary", other.type_name()),
                ));
            }
        };
        let type_ = match dict.get_name(b"Type") {
            None | Some(b"Sig") => SignatureType::Sig,
            Some(b"DocTimeStamp") => SignatureType::DocTimeStamp,
            Some(other) => SignatureType::Other(String::from_utf8_lossy(other).into_owned()),
        };
        let byte_range = dict
            .get(b"ByteRange")
            .and_then(Object::as_array)
            .and_then(|items| {
                items
                    .iter()
                    .map(Object::as_integer)
                    .collect::<Option<Vec<i64>>>()
            });
        let docmdp = self.docmdp_of(&dict, revision)?;
        Ok(SignatureDictionary {
            object: id,
            type_,
            filter: name(&dict, b"Filter"),
            sub_filter: name(&dict, b"SubFilter"),
            byte_range,
            contents: dict
                .get(b"Contents")
                .and_then(Object::as_string)
                .map(<[u8]>::to_vec),
            contents_span,
            reason: text(&dict, b"Reason"),
            name: text(&dict, b"Name"),
            location: text(&dict, b"Location"),
            contact_info: text(&dict, b"ContactInfo"),
            m: dict
                .get(b"M")
                .and_then(Object::as_string)
                .map(|m| String::from_utf8_lossy(m).into_owned()),
            docmdp,
            dict,
        })
    }

    /// The `/P` of a DocMDP signature reference (§12.8.1 Table 253), default 2.
    fn docmdp_of(&self, dict: &Dict, revision: usize) -> Result<Option<u8>, PdfError> {
        let references = match dict
            .get(b"Reference")
            .map(|r| self.resolve_at(r, revision))
            .transpose()?
        {
            Some(Object::Array(items)) => items,
            _ => return Ok(None),
        };
        for reference in &references {
            let Object::Dict(reference) = self.resolve_at(reference, revision)? else {
                continue;
            };
            if reference.get_name(b"TransformMethod") != Some(b"DocMDP") {
                continue;
            }
            let params = match reference
                .get(b"TransformParams")
                .map(|p| self.resolve_at(p, revision))
                .transpose()?
            {
                Some(Object::Dict(p)) => p,
                _ => Dict::new(),
            };
            let p = match params.get(b"P") {
                None => 2,
                Some(Object::Integer(p @ 1..=3)) => *p as u8,
                Some(other) => {
                    return Err(PdfError::structure(
                        "DocMDP /TransformParams /P",
                        format!("is {other:?}; it must be 1, 2 or 3"),
                    ));
                }
            };
            return Ok(Some(p));
        }
        Ok(None)
    }

    /// The certification signature and its permissions (catalog `/Perms /DocMDP`), as of
    /// the latest revision; `None` when the document is not certified.
    pub fn docmdp_permissions(&self) -> Result<Option<DocMdp>, PdfError> {
        let revision = self.revisions().len();
        let catalog = self.catalog_at(revision)?;
        let perms = match catalog
            .get(b"Perms")
            .map(|p| self.resolve_at(p, revision))
            .transpose()?
        {
            Some(Object::Dict(p)) => p,
            _ => return Ok(None),
        };
        let Some(signature) = perms.get_reference(b"DocMDP") else {
            return Ok(None);
        };
        let sig = self.signature_dictionary_at(signature, revision)?;
        let permissions = sig.docmdp.ok_or_else(|| {
            PdfError::structure(
                "/Root /Perms /DocMDP",
                format!("signature {signature} has no /Reference with /TransformMethod /DocMDP"),
            )
        })?;
        Ok(Some(DocMdp {
            signature,
            permissions,
        }))
    }

    /// The Document Security Store as of the latest revision, its streams decoded; `None`
    /// when the catalog has no `/DSS`.
    pub fn dss(&self) -> Result<Option<Dss>, PdfError> {
        let catalog = self.catalog()?;
        let dss = match self.get_resolved(&catalog, b"DSS")? {
            None => return Ok(None),
            Some(Object::Dict(d)) => d,
            Some(other) => {
                return Err(PdfError::structure(
                    "/Root /DSS",
                    format!("is a {}, not a dictionary", other.type_name()),
                ));
            }
        };
        let mut out = Dss::default();
        for (key, list) in [
            (&b"Certs"[..], &mut out.certs),
            (b"CRLs", &mut out.crls),
            (b"OCSPs", &mut out.ocsps),
        ] {
            let items = match self.get_resolved(&dss, key)? {
                None => continue,
                Some(Object::Array(items)) => items,
                Some(other) => {
                    return Err(PdfError::structure(
                        format!("/Root /DSS /{}", String::from_utf8_lossy(key)),
                        format!("is a {}, not an array of streams", other.type_name()),
                    ));
                }
            };
            for item in &items {
                match self.resolve(item)? {
                    Object::Stream(stream) => list.push(self.stream_data(&stream)?),
                    other => {
                        return Err(PdfError::structure(
                            format!("/Root /DSS /{}", String::from_utf8_lossy(key)),
                            format!("holds a {}, not a stream", other.type_name()),
                        ));
                    }
                }
            }
        }
        if let Some(Object::Dict(vri)) = self.get_resolved(&dss, b"VRI")? {
            out.vri_entries = vri.len();
        }
        Ok(Some(out))
    }
}
