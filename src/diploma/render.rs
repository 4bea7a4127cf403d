//! One diploma as PDF bytes: the page from [`super::layout`], text set with the batch's
//! prepared fonts, the QR code, three empty signature fields, and the PDF/A-3b parts.

use pdf_writer::types::{AnnotationFlags, FieldType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::font::{FontRefs, FontStyle, PreparedFace};
use super::layout::{self, Align, TextLine};
use super::pdfa::{self, PdfaRefs};
use super::{DiplomaError, DiplomaFonts, DiplomaRecord, qr};

/// Object numbers, fixed: one page, two faces, the PDF/A parts, three signature fields.
struct Refs {
    catalog: Ref,
    pages: Ref,
    page: Ref,
    content: Ref,
    regular: FontRefs,
    bold: FontRefs,
    pdfa: PdfaRefs,
    fields: [Ref; 3],
    appearances: [Ref; 3],
}

/// The object numbers of the two faces' objects, 1 to 10: fixed, so the batch's fonts
/// write them once ([`DiplomaFonts::prepare`]) and every page copies them.
pub(crate) fn font_refs() -> [FontRefs; 2] {
    let mut next = 0;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let mut font = || FontRefs {
        type0: alloc(),
        cid: alloc(),
        descriptor: alloc(),
        file: alloc(),
        to_unicode: alloc(),
    };
    [font(), font()]
}

impl Refs {
    fn new() -> Refs {
        let [regular, bold] = font_refs();
        let mut alloc = {
            let mut next = 10;
            move || {
                next += 1;
                Ref::new(next)
            }
        };
        Refs {
            regular,
            bold,
            catalog: alloc(),
            pages: alloc(),
            page: alloc(),
            content: alloc(),
            pdfa: PdfaRefs {
                metadata: alloc(),
                icc: alloc(),
                file_spec: alloc(),
                embedded: alloc(),
            },
            fields: [alloc(), alloc(), alloc()],
            appearances: [alloc(), alloc(), alloc()],
        }
    }
}

fn font_name(style: FontStyle) -> Name<'static> {
    match style {
        FontStyle::Regular => Name(b"R"),
        FontStyle::Bold => Name(b"B"),
    }
}

/// Renders the diploma of `record` as a PDF/A-3b file. `created` is the document's
/// creation time (from the caller's [`crate::clock::Clock`]); equal inputs give equal bytes.
///
/// ```
/// # let record = samad::diploma::DiplomaRecord::from_json(include_str!("../../tests/data/diploma/record.json"))?;
/// use samad::diploma::{DiplomaFonts, render};
/// use time::macros::datetime;
///
/// let fonts = DiplomaFonts::prepare([&record])?;
/// let pdf = render(&record, &fonts, datetime!(2025-03-20 10:30 UTC))?;
/// assert!(pdf.starts_with(b"%PDF-1.7"));
/// # Ok::<(), samad::diploma::DiplomaError>(())
/// ```
pub fn render(
    record: &DiplomaRecord,
    fonts: &DiplomaFonts,
    created: OffsetDateTime,
) -> Result<Vec<u8>, DiplomaError> {
    let refs = Refs::new();
    let record_json = record.canonical_json()?;
    let payload = qr::payload_of(record, &record_json);
    let xmp = pdfa::xmp_packet(record, created)?;

    // The stream is the frame, each line's operators (drawn once per batch by
    // `DiplomaFonts::prepare`), then the boxes and the QR code, one operator per line.
    let mut stream = Vec::with_capacity(16 * 1024);
    let mut frame = Content::new();
    draw_frame(&mut frame);
    stream.extend_from_slice(&frame.finish());
    for line in layout::texts(record) {
        stream.push(b'\n');
        match fonts.drawn(&line) {
            Some(drawn) => stream.extend_from_slice(drawn),
            None => stream.extend_from_slice(&draw_line(fonts.face(line.style), &line)?),
        }
    }
    let mut boxes = Content::new();
    draw_signature_boxes(&mut boxes);
    stream.push(b'\n');
    stream.extend_from_slice(&boxes.finish());
    qr::draw(&mut stream, &payload, layout::QR_BOX)?;
    let content = super::font::deflate(&stream, false)?;

    // Sized for the whole file, so the font programs are copied in once without regrowth.
    let mut pdf = Pdf::with_capacity(
        fonts.objects().len() + content.len() + record_json.len() + xmp.len() + 16 * 1024,
    );
    let id = Sha256::digest(record_json.as_bytes());
    let id = id.get(..16).unwrap_or_default().to_vec();
    pdf.set_file_id((id.clone(), id));

    let mut catalog = pdf.catalog(refs.catalog);
    catalog.pages(refs.pages).lang(TextStr("fa-IR"));
    catalog.viewer_preferences().display_doc_title(true);
    pdfa::write_catalog_entries(&mut catalog, refs.pdfa);
    catalog
        .names()
        .embedded_files()
        .names()
        .insert(Str(pdfa::RECORD_FILE_NAME.as_bytes()), refs.pdfa.file_spec);
    catalog.form().fields(refs.fields);
    catalog.finish();

    pdf.pages(refs.pages).kids([refs.page]).count(1);
    let mut page = pdf.page(refs.page);
    page.parent(refs.pages)
        .media_box(Rect::new(0.0, 0.0, layout::PAGE_WIDTH, layout::PAGE_HEIGHT))
        .contents(refs.content)
        .annotations(refs.fields);
    page.resources()
        .fonts()
        .pair(font_name(FontStyle::Regular), refs.regular.type0)
        .pair(font_name(FontStyle::Bold), refs.bold.type0);
    page.finish();
    pdf.stream(refs.content, &content)
        .filter(Filter::FlateDecode);

    // The ten font objects, numbered as `refs.regular` and `refs.bold`, written once per batch.
    pdf.extend(fonts.objects());
    pdfa::write_objects(&mut pdf, refs.pdfa, &xmp, &record_json, created);
    write_signature_fields(&mut pdf, &refs);
    Ok(pdf.finish())
}

/// A double frame: navy outside, gold inside.
fn draw_frame(content: &mut Content) {
    let [r, g, b] = layout::NAVY;
    content.set_stroke_rgb(r, g, b).set_line_width(2.4);
    content.rect(
        20.0,
        20.0,
        layout::PAGE_WIDTH - 40.0,
        layout::PAGE_HEIGHT - 40.0,
    );
    content.stroke();
    let [r, g, b] = layout::GOLD;
    content.set_stroke_rgb(r, g, b).set_line_width(0.8);
    content.rect(
        28.0,
        28.0,
        layout::PAGE_WIDTH - 56.0,
        layout::PAGE_HEIGHT - 56.0,
    );
    content.stroke();
    content
        .move_to(layout::LEFT, 222.0)
        .line_to(layout::RIGHT, 222.0)
        .stroke();
}

/// The visible frames of the three signature fields (the fields themselves are widgets
/// with the same rectangles).
fn draw_signature_boxes(content: &mut Content) {
    let [r, g, b] = layout::GOLD;
    content.set_stroke_rgb(r, g, b).set_line_width(0.6);
    for sig in layout::signature_boxes() {
        let [left, bottom, right, top] = sig.rect;
        content.rect(left, bottom, right - left, top - bottom);
    }
    content.stroke();
}

/// One glyph or position adjustment in a `TJ` array.
enum Item {
    Glyph(u16),
    Adjust(f32),
}

fn flush(content: &mut Content, items: &mut Vec<Item>) {
    if items.is_empty() {
        return;
    }
    let mut shown = content.show_positioned();
    let mut array = shown.items();
    let mut run: Vec<u8> = Vec::new();
    for item in items.drain(..) {
        match item {
            Item::Glyph(cid) => run.extend(cid.to_be_bytes()),
            Item::Adjust(amount) => {
                if !run.is_empty() {
                    array.show(Str(&run));
                    run.clear();
                }
                if amount.abs() > 0.001 {
                    array.adjust(amount);
                }
            }
        }
    }
    if !run.is_empty() {
        array.show(Str(&run));
    }
}

/// One line's content-stream operators (without a final newline), as [`draw_text`] sets it.
pub(crate) fn draw_line(face: &PreparedFace, line: &TextLine) -> Result<Vec<u8>, DiplomaError> {
    let mut content = Content::new();
    draw_text(&mut content, face, line)?;
    Ok(content.finish().to_vec())
}

/// Sets one line: shaped glyphs placed with `TJ` adjustments (the shaper's advances and
/// offsets against the widths the font dictionary declares), clusters the ToUnicode map
/// cannot give back wrapped in `/Span << /ActualText … >>` (ISO 32000-1 §14.9.4).
fn draw_text(
    content: &mut Content,
    face: &PreparedFace,
    line: &TextLine,
) -> Result<(), DiplomaError> {
    let shaped = face.shape(&line.text, line.rtl)?;
    // A long name or field is set smaller rather than run off the page or into a box.
    let natural = shaped.width as f32 * face.scale() / 1000.0 * line.size;
    let size = if natural > line.max_width && natural > 0.0 {
        line.size * line.max_width / natural
    } else {
        line.size
    };
    let per_unit = face.scale() / 1000.0 * size;
    let width = shaped.width as f32 * per_unit;
    let x = match line.align {
        Align::Left => line.x,
        Align::Center => line.x - width / 2.0,
        Align::Right => line.x - width,
    };
    let [r, g, b] = line.color;
    content.set_fill_rgb(r, g, b);
    content.begin_text();
    content.set_font(font_name(line.style), size);
    content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, line.y]);
    let mut items = Vec::new();
    for cluster in &shaped.clusters {
        let actual = !face.maps_back(cluster);
        if actual {
            flush(content, &mut items);
            content
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(&cluster.text));
        }
        for glyph in &cluster.glyphs {
            let before = -(glyph.x_offset as f32) * face.scale();
            let after =
                -((glyph.x_advance - glyph.x_offset) as f32 * face.scale() - face.width(glyph.gid));
            if glyph.y_offset != 0 {
                flush(content, &mut items);
                content.set_rise(glyph.y_offset as f32 * per_unit);
            }
            items.push(Item::Adjust(before));
            items.push(Item::Glyph(face.cid(glyph.gid)));
            items.push(Item::Adjust(after));
            if glyph.y_offset != 0 {
                flush(content, &mut items);
                content.set_rise(0.0);
            }
        }
        if actual {
            flush(content, &mut items);
            content.end_marked_content();
        }
    }
    flush(content, &mut items);
    content.end_text();
    Ok(())
}

/// Three empty signature fields (`/FT /Sig`) merged with their widgets: printable
/// (PDF/A-3 §6.3.2), each with an empty normal appearance (§6.3.3 requires one), ready
/// for the signing step to fill.
fn write_signature_fields(pdf: &mut Pdf, refs: &Refs) {
    for ((sig, field), appearance) in layout::signature_boxes()
        .into_iter()
        .zip(refs.fields)
        .zip(refs.appearances)
    {
        let [left, bottom, right, top] = sig.rect;
        let mut f = pdf.form_field(field);
        f.partial_name(TextStr(sig.role))
            .field_type(FieldType::Signature);
        let mut annot = f.into_annotation();
        annot
            .rect(Rect::new(left, bottom, right, top))
            .flags(AnnotationFlags::PRINT)
            .page(refs.page);
        annot.appearance().normal().stream(appearance);
        annot.finish();
        pdf.form_xobject(appearance, b"")
            .bbox(Rect::new(0.0, 0.0, right - left, top - bottom));
    }
}
