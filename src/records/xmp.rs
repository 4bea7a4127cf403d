//! Export of a record as an XMP packet (ISO 16684-1) for embedding in PDF/A: Dublin Core
//! plus the `samad` namespace, with the PDF/A extension schema that declares the `samad`
//! properties (ISO 19005-1 §6.7.8 requires one for any property outside the predefined
//! schemas). The namespace and its properties are in `spec/metadata.md` §9.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesPI, BytesStart, BytesText, Event};

use super::stamp::format_iso;
use super::{Record, RecordsError};

/// The `samad` XMP namespace URI (`spec/metadata.md` §9).
pub const SAMAD_XMP_NAMESPACE: &str = "urn:samad:xmp:metadata:1#";

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";

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

type W = Writer<Vec<u8>>;

fn io_err(e: impl std::fmt::Display) -> RecordsError {
    RecordsError::Export {
        message: format!("cannot write the XMP packet or Dublin Core JSON: {e}"),
    }
}

fn start(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> Result<(), RecordsError> {
    let mut el = BytesStart::new(name);
    for (k, v) in attrs {
        el.push_attribute((*k, *v));
    }
    w.write_event(Event::Start(el)).map_err(io_err)
}

fn end(w: &mut W, name: &str) -> Result<(), RecordsError> {
    w.write_event(Event::End(BytesEnd::new(name)))
        .map_err(io_err)
}

fn text_el(w: &mut W, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<(), RecordsError> {
    start(w, name, attrs)?;
    w.write_event(Event::Text(BytesText::new(text)))
        .map_err(io_err)?;
    end(w, name)
}

/// An XMP array (`rdf:Seq`, `rdf:Bag` or `rdf:Alt` with `x-default`) of `items`.
fn array(w: &mut W, name: &str, kind: &str, items: &[String]) -> Result<(), RecordsError> {
    if items.is_empty() {
        return Ok(());
    }
    start(w, name, &[])?;
    start(w, kind, &[])?;
    for item in items {
        let attrs: &[(&str, &str)] = if kind == "rdf:Alt" {
            &[("xml:lang", "x-default")]
        } else {
            &[]
        };
        text_el(w, "rdf:li", attrs, item)?;
    }
    end(w, kind)?;
    end(w, name)
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
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
        w.write_event(Event::PI(BytesPI::new(
            "xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"",
        )))
        .map_err(io_err)?;
        start(&mut w, "x:xmpmeta", &[("xmlns:x", "adobe:ns:meta/")])?;
        start(&mut w, "rdf:RDF", &[("xmlns:rdf", RDF)])?;
        start(
            &mut w,
            "rdf:Description",
            &[
                ("rdf:about", ""),
                ("xmlns:dc", DC),
                ("xmlns:samad", SAMAD_XMP_NAMESPACE),
            ],
        )?;
        array(
            &mut w,
            "dc:title",
            "rdf:Alt",
            std::slice::from_ref(&dc.title),
        )?;
        array(&mut w, "dc:creator", "rdf:Seq", &dc.creator)?;
        array(&mut w, "dc:subject", "rdf:Bag", &dc.subject)?;
        array(&mut w, "dc:date", "rdf:Seq", std::slice::from_ref(&dc.date))?;
        if let Some(format) = &dc.format {
            text_el(&mut w, "dc:format", &[], format)?;
        }
        text_el(&mut w, "dc:type", &[], dc.dc_type)?;
        text_el(&mut w, "dc:identifier", &[], self.identity.id.as_str())?;
        array(&mut w, "dc:language", "rdf:Bag", &dc.language)?;
        array(
            &mut w,
            "dc:rights",
            "rdf:Alt",
            std::slice::from_ref(&dc.rights),
        )?;
        array(&mut w, "dc:relation", "rdf:Bag", &dc.relation)?;
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
                text_el(&mut w, &format!("samad:{name}"), &[], &value)?;
            }
        }
        end(&mut w, "rdf:Description")?;
        extension_schema(&mut w)?;
        end(&mut w, "rdf:RDF")?;
        end(&mut w, "x:xmpmeta")?;
        w.write_event(Event::PI(BytesPI::new("xpacket end=\"w\"")))
            .map_err(io_err)?;
        String::from_utf8(w.into_inner()).map_err(io_err)
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
    start(
        w,
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
    start(w, "pdfaExtension:schemas", &[])?;
    start(w, "rdf:Bag", &[])?;
    start(w, "rdf:li", &[("rdf:parseType", "Resource")])?;
    text_el(w, "pdfaSchema:schema", &[], "samad records metadata")?;
    text_el(w, "pdfaSchema:namespaceURI", &[], SAMAD_XMP_NAMESPACE)?;
    text_el(w, "pdfaSchema:prefix", &[], "samad")?;
    start(w, "pdfaSchema:property", &[])?;
    start(w, "rdf:Seq", &[])?;
    for (name, value_type, description) in SAMAD_PROPERTIES {
        start(w, "rdf:li", &[("rdf:parseType", "Resource")])?;
        text_el(w, "pdfaProperty:name", &[], name)?;
        text_el(w, "pdfaProperty:valueType", &[], value_type)?;
        text_el(w, "pdfaProperty:category", &[], "external")?;
        text_el(w, "pdfaProperty:description", &[], description)?;
        end(w, "rdf:li")?;
    }
    end(w, "rdf:Seq")?;
    end(w, "pdfaSchema:property")?;
    end(w, "rdf:li")?;
    end(w, "rdf:Bag")?;
    end(w, "pdfaExtension:schemas")?;
    end(w, "rdf:Description")
}
