//! The PDF/A-3b parts of a diploma (ISO 19005-3, `spec/diploma.md` §7): the XMP metadata
//! packet with `pdfaid`, the sRGB output intent, and the canonical record embedded as an
//! associated file (`/AF`, `/AFRelationship /Data`).
//!
//! The records module's XMP export (`records::Record::to_xmp`) describes a captured
//! record; a diploma is not one yet when it is rendered, so its packet is written here
//! with only predefined schemas (dc, xmp, pdf, pdfaid), which need no extension schema.

use pdf_writer::types::{AssociationKind, OutputIntentSubtype};
use pdf_writer::{Chunk, Date, Finish, Name, Ref, Str, TextStr};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{DiplomaError, DiplomaRecord};
use crate::xmp::{DC, XmpArray, XmpWriter};

/// The sRGB profile of the output intent, made by `scripts/make-srgb-icc.py` (LittleCMS).
pub(crate) static SRGB_ICC: &[u8] = include_bytes!("../../assets/icc/sRGB.icc");

/// The name the embedded record has in the PDF.
pub const RECORD_FILE_NAME: &str = "diploma-record.json";

/// What writes the PDF, as the XMP and the document say.
pub(crate) const PRODUCER: &str = concat!("samad ", env!("CARGO_PKG_VERSION"));

fn xml_err(e: impl std::fmt::Display) -> DiplomaError {
    xmp_error(e.to_string())
}

fn xmp_error(message: String) -> DiplomaError {
    DiplomaError::Canonical {
        message: format!("cannot write XMP: {message}"),
    }
}

/// The diploma's XMP packet: Dublin Core (title, creator, identifier, language), xmp dates
/// and tool, pdf:Producer, and `pdfaid:part 3` / `pdfaid:conformance B`.
pub fn xmp_packet(record: &DiplomaRecord, created: OffsetDateTime) -> Result<String, DiplomaError> {
    let date = created.format(&Rfc3339).map_err(xml_err)?;
    let g = record.graduate();
    let title = format!(
        "دانشنامه {} — {} {}",
        record.level().name_fa(),
        g.first_name_fa,
        g.last_name_fa
    );
    let number = record.number().to_string();
    let mut w = XmpWriter::begin(xmp_error)?;
    w.start(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            ("xmlns:dc", DC),
            ("xmlns:xmp", "http://ns.adobe.com/xap/1.0/"),
            ("xmlns:pdf", "http://ns.adobe.com/pdf/1.3/"),
            ("xmlns:pdfaid", "http://www.aiim.org/pdfa/ns/id/"),
        ],
    )?;
    w.text("dc:format", &[], "application/pdf")?;
    w.array("dc:title", XmpArray::Alt, &[&title])?;
    w.array(
        "dc:creator",
        XmpArray::Seq,
        &[&record.issuer().university_name_fa],
    )?;
    w.text("dc:identifier", &[], &number)?;
    w.array("dc:language", XmpArray::Bag, &["fa", "en"])?;
    w.text("xmp:CreateDate", &[], &date)?;
    w.text("xmp:ModifyDate", &[], &date)?;
    w.text("xmp:MetadataDate", &[], &date)?;
    w.text("xmp:CreatorTool", &[], PRODUCER)?;
    w.text("pdf:Producer", &[], PRODUCER)?;
    w.text("pdfaid:part", &[], "3")?;
    w.text("pdfaid:conformance", &[], "B")?;
    w.end("rdf:Description")?;
    w.finish()
}

/// A PDF date (ISO 32000-1 §7.9.4) of `at`, in UTC.
pub(crate) fn pdf_date(at: OffsetDateTime) -> Date {
    let at = at.to_offset(time::UtcOffset::UTC);
    Date::new(u16::try_from(at.year()).unwrap_or(0))
        .month(u8::from(at.month()))
        .day(at.day())
        .hour(at.hour())
        .minute(at.minute())
        .second(at.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// The object numbers of the PDF/A parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PdfaRefs {
    pub metadata: Ref,
    pub icc: Ref,
    pub file_spec: Ref,
    pub embedded: Ref,
}

/// Writes the XMP stream (uncompressed, as ISO 19005 lets any reader find it), the ICC
/// profile, the file specification and the embedded record.
pub(crate) fn write_objects(
    chunk: &mut Chunk,
    refs: PdfaRefs,
    xmp: &str,
    record_json: &str,
    created: OffsetDateTime,
) {
    chunk.metadata(refs.metadata, xmp.as_bytes());
    chunk.icc_profile(refs.icc, SRGB_ICC).n(3);
    let mut spec = chunk.file_spec(refs.file_spec);
    spec.path(Str(RECORD_FILE_NAME.as_bytes()))
        .unic_file(TextStr(RECORD_FILE_NAME))
        .description(TextStr(
            "The diploma record in RFC 8785 canonical JSON (spec/diploma.md)",
        ))
        .association_kind(AssociationKind::Data)
        .embedded_file_with_unicode(refs.embedded);
    spec.finish();
    let mut file = chunk.embedded_file(refs.embedded, record_json.as_bytes());
    file.subtype(Name(b"application/json"));
    let mut params = file.params();
    params
        .size(i32::try_from(record_json.len()).unwrap_or(i32::MAX))
        .modification_date(pdf_date(created));
    params.finish();
}

/// The catalog's PDF/A entries: `/Metadata`, `/OutputIntents` and `/AF`.
pub(crate) fn write_catalog_entries(catalog: &mut pdf_writer::writers::Catalog, refs: PdfaRefs) {
    catalog.metadata(refs.metadata);
    catalog
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .registry_name(TextStr("http://www.color.org"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(refs.icc);
    catalog.insert(Name(b"AF")).array().item(refs.file_spec);
}
