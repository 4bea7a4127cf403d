//! Export of a record as an XMP packet (ISO 16684-1) for embedding in PDF/A: Dublin Core
//! plus the `samad` namespace, with the PDF/A extension schema that declares the `samad`
//! properties (ISO 19005-1 §6.7.8 requires one for any property outside the predefined
//! schemas). The namespace and its properties are in `spec/metadata.md` §9.

use super::stamp::format_iso;
use super::{Record, RecordsError};
use crate::xmp::{DC, XmpArray, XmpWriter};

/// The `samad` XMP namespace URI (`spec/metadata.md` §9).
pub const SAMAD_XMP_NAMESPACE: &str = "urn:samad:xmp:metadata:1#";

/// The `samad:` properties: name, XMP value type, description.
const SAMAD_PROPERTIES: [(&str, &str, &str); 10] = [
    ("recordId", "Text", "samad internal record identifier"),
    (
        "shams",
        "Text",
        "national document identifier (SHAMS), text form",
    ),
    ("classCode", "Text", "classification scheme code"),
    ("scheduleRow", "Text", "disposition schedule row"),
    ("securityClass", "Text", "security classification code"),
    (
        "createdJalali",
        "Text",
        "creation date in the Jalali calendar, YYYY/MM/DD",
    ),
    ("puid", "Text", "PRONOM PUID of the content at capture"),
    (
        "sha256",
        "Text",
        "SHA-256 of the content at capture, lower-case hex",
    ),
    (
        "metadataDigest",
        "Text",
        "SHA-256 of the record metadata in RFC 8785 canonical form",
    ),
    ("profile", "Text", "the metadata profile and version"),
];

type W = XmpWriter<RecordsError>;

fn export_error(message: String) -> RecordsError {
    RecordsError::Export { message }
}

fn io_err(e: impl std::fmt::Display) -> RecordsError {
    export_error(format!(
        "cannot write the XMP packet or Dublin Core JSON: {e}"
    ))
}

impl Record {
    /// The record as an XMP packet: `<?xpacket?>`, `x:xmpmeta`, one `rdf:Description`
    /// with the Dublin Core elements and the `samad:` properties, and a second one with
    /// the PDF/A extension schema that declares them.
    ///
    /// ```
    /// # let record = samad::records::Record::from_json(include_str!("../../tests/data/records/letter.json"))?;
    /// let xmp = record.to_xmp()?;
    /// assert!(xmp.starts_with("<?xpacket begin=\"\u{feff}\""));
    /// assert!(xmp.contains("<samad:recordId>REC-1403-000017</samad:recordId>"));
    /// # Ok::<(), samad::records::RecordsError>(())
    /// ```
    pub fn to_xmp(&self) -> Result<String, RecordsError> {
        let dc = self.dublin_core();
        let mut w = XmpWriter::begin(export_error)?;
        w.start(
            "rdf:Description",
            &[
                ("rdf:about", ""),
                ("xmlns:dc", DC),
                ("xmlns:samad", SAMAD_XMP_NAMESPACE),
            ],
        )?;
        w.array("dc:title", XmpArray::Alt, std::slice::from_ref(&dc.title))?;
        w.array("dc:creator", XmpArray::Seq, &dc.creator)?;
        w.array("dc:subject", XmpArray::Bag, &dc.subject)?;
        w.array("dc:date", XmpArray::Seq, std::slice::from_ref(&dc.date))?;
        if let Some(format) = &dc.format {
            w.text("dc:format", &[], format)?;
        }
        w.text("dc:type", &[], dc.dc_type)?;
        w.text("dc:identifier", &[], self.identity.id.as_str())?;
        w.array("dc:language", XmpArray::Bag, &dc.language)?;
        w.array("dc:rights", XmpArray::Alt, std::slice::from_ref(&dc.rights))?;
        w.array("dc:relation", XmpArray::Bag, &dc.relation)?;
        let created_jalali = super::stamp::jalali_of(self.description.created)?.to_string();
        let values: [(&str, Option<String>); 10] = [
            ("recordId", Some(self.identity.id.to_string())),
            ("shams", self.identity.shams.clone()),
            ("classCode", Some(self.event_plan.class_code.clone())),
            ("scheduleRow", self.event_plan.schedule_row.clone()),
            (
                "securityClass",
                Some(self.use_.security.class.code().to_owned()),
            ),
            ("createdJalali", Some(created_jalali)),
            ("puid", self.format.as_ref().map(|f| f.puid.clone())),
            ("sha256", self.fixity.as_ref().map(|f| f.digest.clone())),
            ("metadataDigest", Some(self.metadata_digest()?)),
            ("profile", Some(self.profile.clone())),
        ];
        for (name, value) in values {
            if let Some(value) = value {
                w.text(&format!("samad:{name}"), &[], &value)?;
            }
        }
        w.end("rdf:Description")?;
        extension_schema(&mut w)?;
        w.finish()
    }

    /// The Dublin Core elements as one JSON document (see [`super::DublinCore`]).
    pub fn to_dublin_core_json(&self) -> Result<String, RecordsError> {
        serde_json::to_string_pretty(&self.dublin_core()).map_err(io_err)
    }

    /// The record's `created` time as ISO 8601, as the XMP and Dublin Core exports write it.
    pub fn created_iso(&self) -> String {
        format_iso(self.description.created)
    }
}

/// The PDF/A extension schema container declaring the `samad:` properties.
fn extension_schema(w: &mut W) -> Result<(), RecordsError> {
    w.start(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            (
                "xmlns:pdfaExtension",
                "http://www.aiim.org/pdfa/ns/extension/",
            ),
            ("xmlns:pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
            (
                "xmlns:pdfaProperty",
                "http://www.aiim.org/pdfa/ns/property#",
            ),
        ],
    )?;
    w.start("pdfaExtension:schemas", &[])?;
    w.start("rdf:Bag", &[])?;
    w.start("rdf:li", &[("rdf:parseType", "Resource")])?;
    w.text("pdfaSchema:schema", &[], "samad records metadata")?;
    w.text("pdfaSchema:namespaceURI", &[], SAMAD_XMP_NAMESPACE)?;
    w.text("pdfaSchema:prefix", &[], "samad")?;
    w.start("pdfaSchema:property", &[])?;
    w.start("rdf:Seq", &[])?;
    for (name, value_type, description) in SAMAD_PROPERTIES {
        w.start("rdf:li", &[("rdf:parseType", "Resource")])?;
        w.text("pdfaProperty:name", &[], name)?;
        w.text("pdfaProperty:valueType", &[], value_type)?;
        w.text("pdfaProperty:category", &[], "external")?;
        w.text("pdfaProperty:description", &[], description)?;
        w.end("rdf:li")?;
    }
    w.end("rdf:Seq")?;
    w.end("pdfaSchema:property")?;
    w.end("rdf:li")?;
    w.end("rdf:Bag")?;
    w.end("pdfaExtension:schemas")?;
    w.end("rdf:Description")
}
