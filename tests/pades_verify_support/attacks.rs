//! Builders of the known attacks on PDF signatures (Mladenov et al., "1 Trillion Dollar
//! Refund", NDSS 2019; Mainka et al., "Shadow Attacks", NDSS 2021; "Breaking the Specification:
//! PDF Certification", IEEE S&P 2021), applied by our own code to a signed PDF. Each
//! returns the attacked bytes; the tests expect samad to refuse every one and say why.

use samad::pdf::reader::{Dict, Document, ObjRef, Object};
use samad::pdf::writer::IncrementalUpdate;

/// `name` → `Object::Name`.
pub fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn dict(entries: &[(&str, Object)]) -> Dict {
    entries
        .iter()
        .map(|(k, v)| (k.as_bytes().to_vec(), v.clone()))
        .collect()
}

/// The first page of the document and its dictionary (latest revision).
pub fn first_page(doc: &Document<'_>) -> (ObjRef, Dict) {
    let catalog = doc.catalog().expect("catalog");
    let pages = doc
        .resolve(catalog.get(b"Pages").expect("/Pages"))
        .expect("pages");
    let kids = pages
        .as_dict()
        .and_then(|d| d.get(b"Kids"))
        .cloned()
        .expect("/Kids");
    let first = doc
        .resolve(&kids)
        .expect("kids")
        .as_array()
        .and_then(|k| k.first().cloned())
        .expect("a page");
    let id = first.as_reference().expect("page reference");
    let page = doc
        .object(id)
        .expect("page")
        .as_dict()
        .cloned()
        .expect("page dict");
    (id, page)
}

/// The signature dictionary of field `field` (latest revision).
pub fn signature_of(doc: &Document<'_>, field: &str) -> ObjRef {
    doc.signature_fields()
        .expect("fields")
        .into_iter()
        .find(|f| f.name == field)
        .and_then(|f| f.value)
        .unwrap_or_else(|| panic!("field {field} has no value"))
}

/// The page's `/Contents` as an array of references.
fn contents_array(page: &Dict) -> Vec<Object> {
    match page.get(b"Contents") {
        Some(Object::Array(items)) => items.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

/// Incremental saving attack: a revision appended after the signatures that adds a content
/// stream to the first page ("FORGED" in large letters over the diploma).
pub fn incremental_saving(pdf: &[u8]) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let (page_id, mut page) = first_page(&doc);
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let forged = update.add_stream(Dict::new(), b"q 1 0 0 rg 50 400 500 80 re f Q".to_vec());
    let mut contents = contents_array(&page);
    contents.push(Object::Reference(forged));
    page.set(b"Contents", Object::Array(contents));
    update.replace_object(page_id, Object::Dict(page));
    update.finish().expect("finish")
}

/// Universal signature forgery: a revision that rewrites the signature dictionary of
/// `field` with `edit` applied (no /ByteRange, /Contents null or empty, …).
pub fn usf(pdf: &[u8], field: &str, edit: impl FnOnce(&mut Dict)) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let sig = signature_of(&doc, field);
    let mut dictionary = doc
        .object(sig)
        .expect("sig")
        .as_dict()
        .cloned()
        .expect("sig dict");
    edit(&mut dictionary);
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_object(sig, Object::Dict(dictionary));
    update.finish().expect("finish")
}

/// Signature wrapping: the signature dictionary of `field` is written again in a new
/// revision with the same /ByteRange (so the original signed bytes are still what the
/// ranges hash), its /Contents relocated to the new object, and the page content changed in
/// the same revision.
pub fn wrapping(pdf: &[u8], field: &str) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let sig = signature_of(&doc, field);
    let dictionary = doc
        .object(sig)
        .expect("sig")
        .as_dict()
        .cloned()
        .expect("sig dict");
    let (page_id, mut page) = first_page(&doc);
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_object(sig, Object::Dict(dictionary));
    let forged = update.add_stream(Dict::new(), b"q 0 0 1 rg 50 300 500 80 re f Q".to_vec());
    let mut contents = contents_array(&page);
    contents.push(Object::Reference(forged));
    page.set(b"Contents", Object::Array(contents));
    update.replace_object(page_id, Object::Dict(page));
    update.finish().expect("finish")
}

/// Signature wrapping, second form: a ByteRange that points at other bytes. The second
/// range is moved to start later (after inserted content) while the hole is widened, so the
/// ranges no longer frame this dictionary's /Contents.
pub fn wrapping_moved_range(pdf: &[u8], field: &str) -> Vec<u8> {
    usf(pdf, field, |d| {
        let range: Vec<i64> = d
            .get(b"ByteRange")
            .and_then(Object::as_array)
            .map(|a| a.iter().filter_map(Object::as_integer).collect())
            .unwrap_or_default();
        if let [a, b, c, len] = range.as_slice() {
            d.set(
                b"ByteRange",
                Object::Array(vec![
                    Object::Integer(*a),
                    Object::Integer(*b),
                    Object::Integer(c + 100),
                    Object::Integer(len - 100),
                ]),
            );
        }
    })
}

/// Shadow attacks need content prepared *before* signing: this adds to the first page a
/// Form XObject `/Cover` drawn over the diploma (a white box over the grade line) and a
/// content stream that draws it. Returns the prepared PDF and the XObject and content
/// stream objects.
pub fn prepare_shadow(unsigned: &[u8]) -> (Vec<u8>, ObjRef, ObjRef) {
    let doc = Document::parse(unsigned).expect("parse");
    let (page_id, mut page) = first_page(&doc);
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let cover = update.add_stream(
        dict(&[
            ("Type", name("XObject")),
            ("Subtype", name("Form")),
            (
                "BBox",
                Object::Array(
                    vec![0, 0, 500, 80]
                        .into_iter()
                        .map(Object::Integer)
                        .collect(),
                ),
            ),
        ]),
        b"1 1 1 rg 0 0 500 80 re f".to_vec(),
    );
    let draw = update.add_stream(Dict::new(), b"q 1 0 0 1 50 200 cm /Cover Do Q".to_vec());
    let mut contents = contents_array(&page);
    contents.push(Object::Reference(draw));
    page.set(b"Contents", Object::Array(contents));
    let mut resources = doc
        .resolve(page.get(b"Resources").expect("/Resources"))
        .expect("resources")
        .as_dict()
        .cloned()
        .expect("resources dict");
    let mut xobjects = resources
        .get(b"XObject")
        .map(|x| {
            doc.resolve(x)
                .expect("xobjects")
                .as_dict()
                .cloned()
                .expect("xobject dict")
        })
        .unwrap_or_default();
    xobjects.set(b"Cover", Object::Reference(cover));
    resources.set(b"XObject", Object::Dict(xobjects));
    page.set(b"Resources", Object::Dict(resources));
    update.replace_object(page_id, Object::Dict(page));
    (update.finish().expect("finish"), cover, draw)
}

/// Shadow hide: after signing, the cover prepared in the signed revision is made empty, so
/// what it hid shows.
pub fn shadow_hide(signed: &[u8], cover: ObjRef) -> Vec<u8> {
    let doc = Document::parse(signed).expect("parse");
    let old = doc
        .object(cover)
        .expect("cover")
        .as_dict()
        .cloned()
        .expect("cover dict");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_stream(cover, old, Vec::new());
    update.finish().expect("finish")
}

/// Shadow replace: after signing, the prepared content stream is replaced with other text.
pub fn shadow_replace(signed: &[u8], draw: ObjRef) -> Vec<u8> {
    let doc = Document::parse(signed).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_stream(
        draw,
        Dict::new(),
        b"BT /F1 24 Tf 60 220 Td (GPA 20.00) Tj ET".to_vec(),
    );
    update.finish().expect("finish")
}

/// Shadow hide-and-replace: the signed revision already holds a second definition of the
/// cover object (unreachable: its xref entry points at the first one); the appended
/// revision is only a cross-reference section that points the object at that second
/// definition. No object body is written after signing.
pub fn prepare_hide_and_replace(unsigned: &[u8]) -> (Vec<u8>, ObjRef, usize) {
    let (prepared, cover, _) = prepare_shadow(unsigned);
    // Append, inside a new revision, an unreferenced duplicate "N G obj" of the cover that
    // draws nothing; its offset is kept for the attack.
    let doc = Document::parse(&prepared).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let marker = update.add_object(Object::Dict(dict(&[("Marker", Object::Bool(true))])));
    let mut bytes = update.finish().expect("finish");
    drop(doc);
    // Splice the duplicate definition just before the last revision's xref: it sits in the
    // signed bytes but no cross-reference section points to it.
    let xref_at = find_last(&bytes, b"\nxref\n")
        .map(|i| i + 1)
        .or_else(|| find_last(&bytes, b"xref"))
        .expect("xref");
    let duplicate = format!(
        "{} {} obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 500 80] /Length 0 >>\nstream\n\nendstream\nendobj\n",
        cover.num, cover.generation
    );
    let _ = marker;
    let offset = xref_at;
    bytes.splice(xref_at..xref_at, duplicate.bytes());
    // The splice moved the xref: fix startxref to point at it again.
    let startxref = find_last(&bytes, b"startxref\n").expect("startxref") + b"startxref\n".len();
    let end = bytes[startxref..]
        .iter()
        .position(|b| *b == b'\n')
        .expect("eol")
        + startxref;
    let new_xref = xref_at + duplicate.len();
    bytes.splice(startxref..end, new_xref.to_string().bytes());
    (bytes, cover, offset)
}

/// The attack revision of hide-and-replace: an xref section only.
pub fn hide_and_replace(signed: &[u8], cover: ObjRef, duplicate_offset: usize) -> Vec<u8> {
    let doc = Document::parse(signed).expect("parse");
    let trailer = doc.trailer().clone();
    let size = trailer.get_integer(b"Size").expect("/Size");
    let root = trailer.get_reference(b"Root").expect("/Root");
    let prev = doc.last_revision().xref_offset;
    let mut out = signed.to_vec();
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n{:010} {:05} n \ntrailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n",
            cover.num, duplicate_offset, cover.generation, root.num, root.generation
        )
        .as_bytes(),
    );
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Certification attack, evil annotation: after a P=2 certification, a revision adds a
/// FreeText annotation over the page.
pub fn evil_annotation(pdf: &[u8]) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let (page_id, mut page) = first_page(&doc);
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let appearance = update.add_stream(
        dict(&[
            ("Type", name("XObject")),
            ("Subtype", name("Form")),
            (
                "BBox",
                Object::Array(
                    vec![0, 0, 300, 40]
                        .into_iter()
                        .map(Object::Integer)
                        .collect(),
                ),
            ),
        ]),
        b"1 1 1 rg 0 0 300 40 re f".to_vec(),
    );
    let annotation = update.add_object(Object::Dict(dict(&[
        ("Type", name("Annot")),
        ("Subtype", name("FreeText")),
        (
            "Rect",
            Object::Array(
                vec![50, 200, 350, 240]
                    .into_iter()
                    .map(Object::Integer)
                    .collect(),
            ),
        ),
        ("Contents", Object::String(b"GPA 20.00".to_vec())),
        ("DA", Object::String(b"/Helv 12 Tf 0 g".to_vec())),
        (
            "AP",
            Object::Dict(dict(&[("N", Object::Reference(appearance))])),
        ),
        ("P", Object::Reference(page_id)),
    ])));
    add_annotation(&doc, &mut update, page_id, &mut page, annotation);
    update.finish().expect("finish")
}

/// Certification attack, sneaky signature: after a P=2 certification, a revision adds a
/// new signature field whose visible widget's appearance draws over the page.
pub fn sneaky_signature(pdf: &[u8]) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let (page_id, mut page) = first_page(&doc);
    let catalog = doc.catalog().expect("catalog");
    let acroform_ref = catalog.get_reference(b"AcroForm");
    let mut acroform = doc
        .resolve(catalog.get(b"AcroForm").expect("/AcroForm"))
        .expect("acroform")
        .as_dict()
        .cloned()
        .expect("acroform dict");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let appearance = update.add_stream(
        dict(&[
            ("Type", name("XObject")),
            ("Subtype", name("Form")),
            (
                "BBox",
                Object::Array(
                    vec![0, 0, 400, 60]
                        .into_iter()
                        .map(Object::Integer)
                        .collect(),
                ),
            ),
        ]),
        b"1 1 1 rg 0 0 400 60 re f 0 g BT /Helv 20 Tf 10 20 Td (Grade: excellent) Tj ET".to_vec(),
    );
    let field = update.add_object(Object::Dict(dict(&[
        ("Type", name("Annot")),
        ("Subtype", name("Widget")),
        ("FT", name("Sig")),
        ("T", Object::String(b"sneaky".to_vec())),
        ("F", Object::Integer(4)),
        (
            "Rect",
            Object::Array(
                vec![50, 200, 450, 260]
                    .into_iter()
                    .map(Object::Integer)
                    .collect(),
            ),
        ),
        (
            "AP",
            Object::Dict(dict(&[("N", Object::Reference(appearance))])),
        ),
        ("P", Object::Reference(page_id)),
    ])));
    let mut fields = acroform
        .get(b"Fields")
        .and_then(|f| doc.resolve(f).ok())
        .and_then(|f| f.as_array().map(<[Object]>::to_vec))
        .unwrap_or_default();
    fields.push(Object::Reference(field));
    acroform.set(b"Fields", Object::Array(fields));
    match acroform_ref {
        Some(id) => update.replace_object(id, Object::Dict(acroform)),
        None => {
            let catalog_ref = doc.trailer().get_reference(b"Root").expect("/Root");
            let mut catalog = catalog.clone();
            catalog.set(b"AcroForm", Object::Dict(acroform));
            update.replace_object(catalog_ref, Object::Dict(catalog));
        }
    }
    add_annotation(&doc, &mut update, page_id, &mut page, field);
    update.finish().expect("finish")
}

fn add_annotation(
    doc: &Document<'_>,
    update: &mut IncrementalUpdate<'_, '_>,
    page_id: ObjRef,
    page: &mut Dict,
    annotation: ObjRef,
) {
    match page.get(b"Annots").cloned() {
        Some(Object::Reference(annots_id)) => {
            let mut annots = doc
                .object(annots_id)
                .expect("annots")
                .as_array()
                .map(<[Object]>::to_vec)
                .unwrap_or_default();
            annots.push(Object::Reference(annotation));
            update.replace_object(annots_id, Object::Array(annots));
        }
        other => {
            let mut annots = other
                .and_then(|a| a.as_array().map(<[Object]>::to_vec))
                .unwrap_or_default();
            annots.push(Object::Reference(annotation));
            page.set(b"Annots", Object::Array(annots));
            update.replace_object(page_id, Object::Dict(page.clone()));
        }
    }
}

/// Universal signature forgery in place (no new revision): the signature dictionary of
/// `field` has its `/ByteRange` array rewritten to `range`, padded to the same length so
/// every offset in the file stays put.
pub fn byte_range_in_place(pdf: &[u8], field: &str, range: &[i64]) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let sig = doc
        .signature_dictionary(signature_of(&doc, field))
        .expect("sig");
    let (hole, _) = sig.contents_span.expect("contents span");
    // The dictionary's /ByteRange is the last one before its /Contents hole.
    let key = find_last(&pdf[..hole], b"/ByteRange").expect("/ByteRange");
    let open = key + pdf[key..].iter().position(|b| *b == b'[').expect("[");
    let close = open + pdf[open..].iter().position(|b| *b == b']').expect("]");
    let text: Vec<String> = range.iter().map(i64::to_string).collect();
    let mut replacement = format!("[{}]", text.join(" ")).into_bytes();
    let width = close + 1 - open;
    assert!(replacement.len() <= width, "the new ByteRange must fit");
    replacement.resize(width, b' ');
    let mut out = pdf.to_vec();
    out.splice(open..=close, replacement);
    drop(doc);
    out
}

/// Universal signature forgery in place: the `/Contents` hex string of `field` replaced by
/// `replacement` (`null`, `<>`), padded with spaces to the same length.
pub fn contents_in_place(pdf: &[u8], field: &str, replacement: &str) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let sig = doc
        .signature_dictionary(signature_of(&doc, field))
        .expect("sig");
    let (start, end) = sig.contents_span.expect("contents span");
    let mut bytes = replacement.as_bytes().to_vec();
    bytes.resize(end - start, b' ');
    let mut out = pdf.to_vec();
    out.splice(start..end, bytes);
    out
}

/// The catalog gets `/Perms /DocMDP` naming the signature of `field`, in a new revision:
/// that signature becomes a certification after the fact.
pub fn perms_docmdp_after(pdf: &[u8], field: &str) -> Vec<u8> {
    let doc = Document::parse(pdf).expect("parse");
    let sig = signature_of(&doc, field);
    let root = doc.trailer().get_reference(b"Root").expect("/Root");
    let mut catalog = doc.catalog().expect("catalog");
    catalog.set(
        b"Perms",
        Object::Dict(dict(&[("DocMDP", Object::Reference(sig))])),
    );
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_object(root, Object::Dict(catalog));
    update.finish().expect("finish")
}
