//! Signature fields (ISO 32000-1 §12.7.4.5, §12.7.2): finding a prepared field by its
//! full name, adding an invisible one when it is missing, and the AcroForm and page
//! entries that go with it (`spec/pades.md` §2.1).

use crate::pdf::PdfError;
use crate::pdf::reader::{Dict, Document, ObjRef, Object, SignatureField};
use crate::pdf::writer::IncrementalUpdate;

/// How deep the page tree is followed to the first page.
const MAX_PAGE_TREE_DEPTH: usize = 32;
/// Annotation flags of an added field's widget: Print (3) + Locked (8), ISO 32000-1 Table 165.
const ADDED_WIDGET_FLAGS: i64 = 4 | 128;
/// `/SigFlags`: SignaturesExist (1) + AppendOnly (2), ISO 32000-1 Table 219.
const SIG_FLAGS: i64 = 3;

/// A prepared, empty signature field, with the dictionary that receives `/V`.
#[derive(Debug)]
pub(super) struct FieldSlot {
    /// The field object.
    pub field: ObjRef,
    /// Its dictionary as it will be written, without `/V` yet.
    pub dict: Dict,
}

impl FieldSlot {
    /// Writes the field with `/V` = `signature`, its widget and appearance untouched.
    pub(super) fn fill(mut self, update: &mut IncrementalUpdate<'_, '_>, signature: ObjRef) {
        self.dict.set(b"V", Object::Reference(signature));
        update.replace_object(self.field, Object::Dict(self.dict));
    }
}

/// The document's catalog as it will be written in the new revision, and whether it changed.
#[derive(Debug)]
pub(super) struct Catalog {
    /// The catalog's object (the trailer's `/Root`).
    pub reference: ObjRef,
    /// Its dictionary.
    pub dict: Dict,
    /// True when the new revision must rewrite it.
    pub changed: bool,
}

impl Catalog {
    /// The catalog of the latest revision.
    pub(super) fn read(doc: &Document<'_>) -> Result<Catalog, PdfError> {
        let reference = doc
            .trailer()
            .get_reference(b"Root")
            .ok_or_else(|| PdfError::structure("trailer /Root", "is not an indirect reference"))?;
        let dict = dict_of(doc, reference, "catalog")?;
        Ok(Catalog {
            reference,
            dict,
            changed: false,
        })
    }

    /// Writes the catalog into `update` when it changed.
    pub(super) fn write(self, update: &mut IncrementalUpdate<'_, '_>) {
        if self.changed {
            update.replace_object(self.reference, Object::Dict(self.dict));
        }
    }
}

/// The dictionary of object `reference`, or a structure error naming `what`.
pub(super) fn dict_of(doc: &Document<'_>, reference: ObjRef, what: &str) -> Result<Dict, PdfError> {
    match doc.object(reference)? {
        Object::Dict(dict) => Ok(dict),
        other => Err(PdfError::structure(
            format!("{what} ({reference})"),
            format!("is a {}, not a dictionary", other.type_name()),
        )),
    }
}

/// Finds the signature field named `name` (full dotted name) among `fields` (the
/// document's signature fields); `Ok(None)` when there is none. A field that already holds
/// a signature is refused.
pub(super) fn find(
    doc: &Document<'_>,
    fields: &[SignatureField],
    name: &str,
) -> Result<Option<FieldSlot>, PdfError> {
    for field in fields {
        if field.name != name {
            continue;
        }
        if field.value.is_some() {
            return Err(PdfError::Signature {
                field: name.to_owned(),
                message:
                    "the field is already signed; sign into an empty field or choose a new name"
                        .into(),
            });
        }
        let dict = dict_of(doc, field.field, &format!("signature field {name}"))?;
        return Ok(Some(FieldSlot {
            field: field.field,
            dict,
        }));
    }
    Ok(None)
}

/// Adds an invisible signature field `name` with the value `signature` on the first page: a
/// merged field and widget with a zero rectangle, listed in `/AcroForm /Fields` and the
/// page's `/Annots`. Returns the field's object.
pub(super) fn add(
    doc: &Document<'_>,
    update: &mut IncrementalUpdate<'_, '_>,
    catalog: &mut Catalog,
    name: &str,
    signature: ObjRef,
) -> Result<ObjRef, PdfError> {
    if name.is_empty() || name.contains('.') {
        return Err(PdfError::Signature {
            field: name.to_owned(),
            message: "a new field needs a non-empty name without '.' (dots separate the parts of a full name)"
                .into(),
        });
    }
    let page = first_page(doc, &catalog.dict)?;
    let mut dict = Dict::new();
    dict.set(b"Type", name_obj(b"Annot"))
        .set(b"Subtype", name_obj(b"Widget"))
        .set(b"FT", name_obj(b"Sig"))
        .set(b"T", Object::String(text_string(name)))
        .set(b"Rect", Object::Array(vec![Object::Integer(0); 4]))
        .set(b"F", Object::Integer(ADDED_WIDGET_FLAGS))
        .set(b"P", Object::Reference(page))
        .set(b"V", Object::Reference(signature));
    let field = update.add_object(Object::Dict(dict));
    add_to_annots(doc, update, page, field)?;
    with_form(doc, update, catalog, |form| {
        let mut fields = match form.get(b"Fields") {
            None => Vec::new(),
            Some(fields) => array_of(doc, fields, "/AcroForm /Fields")?,
        };
        fields.push(Object::Reference(field));
        // An indirect /Fields array becomes direct: one object fewer to track.
        form.set(b"Fields", Object::Array(fields));
        Ok(())
    })?;
    Ok(field)
}

/// Makes sure `/AcroForm /SigFlags` is 3 (SignaturesExist, AppendOnly).
pub(super) fn set_sig_flags(
    doc: &Document<'_>,
    update: &mut IncrementalUpdate<'_, '_>,
    catalog: &mut Catalog,
) -> Result<(), PdfError> {
    let current = match catalog.dict.get(b"AcroForm") {
        Some(form) => resolve_dict(doc, form, "/AcroForm")?.get_integer(b"SigFlags"),
        None => None,
    };
    if current.is_some_and(|flags| flags & SIG_FLAGS == SIG_FLAGS) {
        return Ok(());
    }
    with_form(doc, update, catalog, |form| {
        let flags = form.get_integer(b"SigFlags").unwrap_or(0) | SIG_FLAGS;
        form.set(b"SigFlags", Object::Integer(flags));
        Ok(())
    })
}

/// Runs `edit` on the AcroForm dictionary and writes it back where it lives: its own
/// object when indirect, else inside the catalog (which is then marked changed).
fn with_form(
    doc: &Document<'_>,
    update: &mut IncrementalUpdate<'_, '_>,
    catalog: &mut Catalog,
    edit: impl FnOnce(&mut Dict) -> Result<(), PdfError>,
) -> Result<(), PdfError> {
    match catalog.dict.get(b"AcroForm") {
        Some(Object::Reference(reference)) => {
            let reference = *reference;
            let mut form = dict_of(doc, reference, "/AcroForm")?;
            edit(&mut form)?;
            update.replace_object(reference, Object::Dict(form));
        }
        Some(Object::Dict(form)) => {
            let mut form = form.clone();
            edit(&mut form)?;
            catalog.dict.set(b"AcroForm", Object::Dict(form));
            catalog.changed = true;
        }
        Some(other) => {
            return Err(PdfError::structure(
                "/Root /AcroForm",
                format!("is a {}, not a dictionary", other.type_name()),
            ));
        }
        None => {
            let mut form = Dict::new();
            form.set(b"Fields", Object::Array(Vec::new()));
            edit(&mut form)?;
            catalog.dict.set(b"AcroForm", Object::Dict(form));
            catalog.changed = true;
        }
    }
    Ok(())
}

/// Adds `annotation` to `page`'s `/Annots`, rewriting the array where it lives.
fn add_to_annots(
    doc: &Document<'_>,
    update: &mut IncrementalUpdate<'_, '_>,
    page: ObjRef,
    annotation: ObjRef,
) -> Result<(), PdfError> {
    let mut page_dict = dict_of(doc, page, "first page")?;
    match page_dict.get(b"Annots") {
        Some(Object::Reference(array_ref)) => {
            let array_ref = *array_ref;
            let mut annots = array_of(doc, &Object::Reference(array_ref), "page /Annots")?;
            annots.push(Object::Reference(annotation));
            update.replace_object(array_ref, Object::Array(annots));
        }
        existing => {
            let mut annots = match existing {
                Some(array) => array_of(doc, array, "page /Annots")?,
                None => Vec::new(),
            };
            annots.push(Object::Reference(annotation));
            page_dict.set(b"Annots", Object::Array(annots));
            update.replace_object(page, Object::Dict(page_dict));
        }
    }
    Ok(())
}

/// The first page (ISO 32000-1 §7.7.3): `/Pages`, then the first kid down to a `/Page`.
fn first_page(doc: &Document<'_>, catalog: &Dict) -> Result<ObjRef, PdfError> {
    let mut node = catalog
        .get_reference(b"Pages")
        .ok_or_else(|| PdfError::structure("/Root /Pages", "is missing or not a reference"))?;
    for _ in 0..MAX_PAGE_TREE_DEPTH {
        let dict = dict_of(doc, node, "page tree node")?;
        if dict.get_name(b"Type") == Some(b"Page".as_slice()) {
            return Ok(node);
        }
        let kids = match dict.get(b"Kids") {
            Some(kids) => array_of(doc, kids, "page tree /Kids")?,
            None => Vec::new(),
        };
        node = kids.first().and_then(Object::as_reference).ok_or_else(|| {
            PdfError::structure(format!("page tree node {node}"), "has no page under it")
        })?;
    }
    Err(PdfError::structure(
        "/Root /Pages",
        format!("the page tree is deeper than {MAX_PAGE_TREE_DEPTH} levels"),
    ))
}

/// The array `value` is or refers to.
pub(super) fn array_of(
    doc: &Document<'_>,
    value: &Object,
    what: &str,
) -> Result<Vec<Object>, PdfError> {
    match doc.resolve(value)? {
        Object::Array(items) => Ok(items),
        other => Err(PdfError::structure(
            what,
            format!("is a {}, not an array", other.type_name()),
        )),
    }
}

/// The dictionary `value` is or refers to.
pub(super) fn resolve_dict(
    doc: &Document<'_>,
    value: &Object,
    what: &str,
) -> Result<Dict, PdfError> {
    match doc.resolve(value)? {
        Object::Dict(dict) => Ok(dict),
        other => Err(PdfError::structure(
            what,
            format!("is a {}, not a dictionary", other.type_name()),
        )),
    }
}

/// A name object.
pub(super) fn name_obj(name: &[u8]) -> Object {
    Object::Name(name.to_vec())
}

/// A PDF text string (ISO 32000-1 §7.9.2.2): the bytes themselves when printable ASCII
/// (a subset of PDFDocEncoding), else UTF-16BE with a byte-order mark.
pub(super) fn text_string(text: &str) -> Vec<u8> {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text.as_bytes().to_vec();
    }
    let mut out = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}
