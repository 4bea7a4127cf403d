//! Modification analysis (`spec/pades.md` §Verification): every object a revision after the
//! signed one defines is compared with its version as of the signed revision and judged by
//! the role it plays ([`super::roles`]) and the DocMDP permissions (ISO 32000-1 §12.8.2.2,
//! Table 254). Adding signatures, filling prepared signature fields, DSS and document
//! time-stamps are allowed; anything that can change what the document shows is not.

use std::cell::{Cell, OnceCell};
use std::collections::HashSet;

use super::roles::{Role, Roles};
use crate::pdf::reader::{Dict, Document, ObjRef, Object, Revision, XrefEntry};
use crate::validation::report::Change;

/// How deep two objects are compared before they are taken as different.
const MAX_COMPARE_DEPTH: usize = 32;

/// What a change amounts to; which of these a document allows depends on DocMDP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// Nothing the document uses (an unreferenced object, the information dictionary).
    Unused,
    /// Long-term validation data: DSS, VRI, document time-stamps (allowed even at P=1).
    LongTerm,
    /// A further signature: filling a signature field, an invisible new signature field.
    Signing,
    /// Filling a form field that is not a signature field.
    FormFilling,
    /// Adding or changing a (non-widget) annotation.
    Annotation,
    /// Anything else: it can change what the document shows.
    Forbidden,
}

impl Kind {
    /// Whether the DocMDP permissions `p` (`None`: no certification signature) allow it.
    /// Without a certification, a document is held to P=2: later signatures and form
    /// filling, no annotations (`spec/pades.md` §Verification).
    pub(crate) fn allowed(self, p: Option<u8>) -> bool {
        match self {
            Kind::Unused | Kind::LongTerm => true,
            Kind::Signing | Kind::FormFilling => p != Some(1),
            Kind::Annotation => p == Some(3),
            Kind::Forbidden => false,
        }
    }
}

/// The document and the roles of its objects in each revision, each computed once, when
/// first needed, within one budget of object loads.
pub(crate) struct History<'d, 'a> {
    doc: &'d Document<'a>,
    /// `roles[k - 1]`: the roles in revision `k`.
    roles: Vec<OnceCell<Roles>>,
    budget: Cell<usize>,
}

impl<'d, 'a> History<'d, 'a> {
    /// The history of `doc`; nothing is walked yet.
    pub(crate) fn new(doc: &'d Document<'a>) -> History<'d, 'a> {
        History {
            doc,
            roles: doc.revisions().iter().map(|_| OnceCell::new()).collect(),
            budget: Cell::new(super::roles::WALK_BUDGET),
        }
    }

    /// The history with a smaller budget of object loads, to test running out of it.
    #[cfg(test)]
    pub(crate) fn with_budget(doc: &'d Document<'a>, budget: usize) -> History<'d, 'a> {
        let history = History::new(doc);
        history.budget.set(budget);
        history
    }

    fn roles(&self, k: usize) -> Option<&Roles> {
        let cell = self.roles.get(k.checked_sub(1)?)?;
        Some(cell.get_or_init(|| super::roles::roles_at(self.doc, k, &self.budget)))
    }

    /// The objects revision `revision` can change: those its cross-reference lists, and
    /// those an earlier cross-reference places in an object stream this revision rewrites
    /// (a rewritten object stream changes its objects without listing them).
    fn touched(&self, revision: &Revision) -> Vec<ObjRef> {
        let k = revision.number;
        let mut touched: Vec<ObjRef> = revision.objects.iter().map(|(id, _)| *id).collect();
        let listed: HashSet<u32> = touched.iter().map(|id| id.num).collect();
        let earlier: HashSet<u32> = self
            .doc
            .revisions()
            .iter()
            .take(k.saturating_sub(1))
            .flat_map(|r| r.objects.iter().map(|(id, _)| id.num))
            .filter(|num| !listed.contains(num))
            .collect();
        let mut hidden: Vec<u32> = earlier
            .into_iter()
            .filter(|num| {
                matches!(self.doc.entry_at(*num, k), Some(XrefEntry::InStream { stream, .. }) if listed.contains(&stream))
            })
            .collect();
        hidden.sort_unstable();
        touched.extend(hidden.into_iter().map(|num| ObjRef::new(num, 0)));
        touched
    }

    /// Every change made after revision `covered`, judged under DocMDP `p`.
    pub(crate) fn changes_after(&self, covered: usize, p: Option<u8>) -> Vec<Change> {
        let mut changes = Vec::new();
        for revision in self.doc.revisions().iter().skip(covered) {
            let k = revision.number;
            let mut judge = Judge {
                doc: self.doc,
                covered,
                k,
                roles: self.roles(k),
                parts: Vec::new(),
            };
            for (object, description, allowed) in judge.trailer(&revision.trailer) {
                changes.push(Change {
                    revision: k,
                    object,
                    description,
                    allowed: allowed.allowed(p),
                });
            }
            for id in self.touched(revision) {
                if id.num == 0 {
                    continue;
                }
                judge.parts.clear();
                if !judge.object(id) {
                    continue;
                }
                let allowed = judge.parts.iter().all(|(_, kind)| kind.allowed(p));
                let description = judge
                    .parts
                    .iter()
                    .map(|(text, _)| text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                changes.push(Change {
                    revision: k,
                    object: format!("{} {}", id.num, id.generation),
                    description,
                    allowed,
                });
            }
        }
        changes
    }
}

/// Judges the objects of revision `k` against revision `covered`.
struct Judge<'d, 'a, 'r> {
    doc: &'d Document<'a>,
    covered: usize,
    k: usize,
    roles: Option<&'r Roles>,
    /// What the object under judgement changed, part by part.
    parts: Vec<(String, Kind)>,
}

impl Judge<'_, '_, '_> {
    fn old(&self, id: ObjRef) -> Object {
        self.doc.object_at(id, self.covered).unwrap_or(Object::Null)
    }

    fn current(&self, id: ObjRef) -> Object {
        self.doc.object_at(id, self.k).unwrap_or(Object::Null)
    }

    fn note(&mut self, text: impl Into<String>, kind: Kind) {
        self.parts.push((text.into(), kind));
    }

    /// The trailer: `/Root` must name the same catalog, `/Encrypt` must not appear.
    fn trailer(&mut self, trailer: &Dict) -> Vec<(String, String, Kind)> {
        let mut found = Vec::new();
        let old = self
            .doc
            .revisions()
            .get(self.covered.saturating_sub(1))
            .map(|r| r.trailer.clone())
            .unwrap_or_default();
        if old.get_reference(b"Root") != trailer.get_reference(b"Root") {
            found.push((
                "trailer".to_string(),
                "the trailer's /Root names another catalog: the whole document was replaced"
                    .to_string(),
                Kind::Forbidden,
            ));
        }
        if !same(self.doc, old.get(b"Encrypt"), trailer.get(b"Encrypt"), 0) {
            found.push((
                "trailer".to_string(),
                "/Encrypt changed".to_string(),
                Kind::Forbidden,
            ));
        }
        found
    }

    /// Judges object `id`; false when it did not change (written again unchanged, or
    /// bookkeeping such as cross-reference and object streams).
    fn object(&mut self, id: ObjRef) -> bool {
        let (old, new) = (self.old(id), self.current(id));
        if same(self.doc, Some(&old), Some(&new), 0) {
            return false;
        }
        let role = self.roles.and_then(|r| r.get(id));
        if role.is_none()
            && matches!(
                new.as_dict().and_then(|d| d.get_name(b"Type")),
                Some(b"XRef" | b"ObjStm")
            )
        {
            return false;
        }
        let added = matches!(old, Object::Null);
        if matches!(new, Object::Null) {
            let kind = if role.is_some() {
                Kind::Forbidden
            } else {
                Kind::Unused
            };
            self.note(format!("object deleted ({})", describe(&old)), kind);
            return true;
        }
        let walked = self.roles.is_some_and(|r| !r.truncated);
        match role {
            None if !walked => self.note(
                "not analysed: the document is too large to walk within samad's limits",
                Kind::Forbidden,
            ),
            None if added => self.note("object added but not used by the document", Kind::Unused),
            None => self.note(
                "object changed but no longer used by the document",
                Kind::Unused,
            ),
            Some(Role::Catalog) => self.catalog(&old, &new),
            Some(Role::Info) => self.note(
                "document information dictionary changed (metadata)",
                Kind::Unused,
            ),
            Some(Role::Metadata) => self.note(
                "document XMP metadata updated (not displayed)",
                Kind::Unused,
            ),
            Some(Role::PageTree) => self.note(
                "page tree changed (pages added, removed or reordered)",
                Kind::Forbidden,
            ),
            Some(Role::Page) => self.page(&old, &new, added),
            Some(Role::Annots { page }) => {
                // A new array object is compared with the page's annotations before.
                let before =
                    match added {
                        true => self.doc.object_at(page, self.covered).ok().and_then(|p| {
                            self.direct_array(p.as_dict()?.get(b"Annots"), self.covered)
                        }),
                        false => old.as_array().map(<[Object]>::to_vec),
                    };
                self.annots(before.as_deref(), new.as_array(), "page /Annots array")
            }
            Some(Role::Annotation) if added => self.note(
                format!("annotation added ({})", describe(&new)),
                Kind::Annotation,
            ),
            Some(Role::Annotation) => self.note(
                format!("annotation changed ({})", describe(&new)),
                Kind::Annotation,
            ),
            Some(Role::AcroForm) if added => {
                let before = self.covered_acroform();
                self.acroform(before.as_ref(), new.as_dict())
            }
            Some(Role::AcroForm) => self.acroform(old.as_dict(), new.as_dict()),
            Some(Role::FieldArray) if added => {
                // A new array object: compared with the form's fields before (for a /Kids
                // array of a new field there were none).
                let before = self
                    .covered_acroform()
                    .and_then(|form| self.direct_array(form.get(b"Fields"), self.covered));
                self.fields(before.as_deref(), new.as_array(), "form field array")
            }
            Some(Role::FieldArray) => {
                self.fields(old.as_array(), new.as_array(), "form field array")
            }
            Some(Role::SignatureField) => self.signature_field(id, &old, &new, added),
            Some(Role::SignatureWidget { field }) => {
                self.signature_widget(field, &old, &new, added)
            }
            Some(Role::SignatureValue { field }) if added => {
                let kind = value_kind(&new);
                let what = if kind == Kind::LongTerm {
                    "document time-stamp added"
                } else {
                    "signature added"
                };
                self.note(
                    format!("{what} (value of field {} {})", field.num, field.generation),
                    kind,
                );
            }
            Some(Role::SignatureValue { .. }) => self.note(
                "signature dictionary changed after it was signed",
                Kind::Forbidden,
            ),
            Some(Role::SignatureAppearance { field }) => {
                if self.field_signed_at_covered(field) {
                    self.note(
                        "appearance of an already-signed signature field changed",
                        Kind::Forbidden,
                    );
                } else if !added || self.existed_at_covered(field) {
                    self.note(
                        "appearance of a signature field being signed",
                        Kind::Signing,
                    );
                } else {
                    self.note("appearance of a new signature field", Kind::Signing);
                }
            }
            Some(Role::FormField) if added => self.note("form field added", Kind::Forbidden),
            Some(Role::FormField) => self.form_field(&old, &new),
            Some(Role::FormAppearance) => self.note(
                "form field appearance changed (form filling)",
                Kind::FormFilling,
            ),
            Some(Role::Dss) => self.note(
                "Document Security Store (validation data) updated",
                Kind::LongTerm,
            ),
            Some(Role::PageContent) if added => {
                self.note("page content stream added", Kind::Forbidden)
            }
            Some(Role::PageContent) => self.note("page content stream changed", Kind::Forbidden),
            Some(Role::Other) if added => self.note(
                format!("object added and used by the document ({})", describe(&new)),
                Kind::Forbidden,
            ),
            Some(Role::Other) => self.note(format!("{} changed", describe(&new)), Kind::Forbidden),
        }
        true
    }

    fn existed_at_covered(&self, id: ObjRef) -> bool {
        !matches!(self.old(id), Object::Null)
    }

    /// Whether field `id` already had a value (`/V`) in the signed revision.
    fn field_signed_at_covered(&self, id: ObjRef) -> bool {
        match self.old(id).as_dict().and_then(|d| d.get(b"V")) {
            None | Some(Object::Null) => false,
            Some(Object::Reference(r)) => !matches!(self.old(*r), Object::Null),
            Some(_) => true,
        }
    }

    fn catalog(&mut self, old: &Object, new: &Object) {
        let (Some(old), Some(new)) = (old.as_dict(), new.as_dict()) else {
            self.note("catalog replaced by a non-dictionary", Kind::Forbidden);
            return;
        };
        for key in changed_keys(self.doc, old, new) {
            match key.as_slice() {
                b"DSS" => self.note("catalog /DSS set (validation data)", Kind::LongTerm),
                b"Extensions" => self.note(
                    "catalog /Extensions changed (developer extensions)",
                    Kind::LongTerm,
                ),
                b"AcroForm" => {
                    // Compare the forms themselves, wherever they are held: a form moved to
                    // another object must not lose fields unnoticed.
                    let old_form = self.direct_dict(old.get(b"AcroForm"), self.covered);
                    let new_form = self.direct_dict(new.get(b"AcroForm"), self.k);
                    self.acroform(old_form.as_ref(), new_form.as_ref());
                }
                b"Perms" => self.note(
                    "catalog /Perms changed after signing (certification can only come first)",
                    Kind::Forbidden,
                ),
                other => self.note(
                    format!("catalog /{} changed", String::from_utf8_lossy(other)),
                    Kind::Forbidden,
                ),
            }
        }
    }

    fn acroform(&mut self, old: Option<&Dict>, new: Option<&Dict>) {
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (None, Some(_)) => {
                return self.note("interactive form (/AcroForm) added", Kind::Signing);
            }
            (Some(_), None) => {
                return self.note("interactive form (/AcroForm) removed", Kind::Forbidden);
            }
            (None, None) => return,
        };
        for key in changed_keys(self.doc, old, new) {
            match key.as_slice() {
                b"Fields" => {
                    let old_fields = self.direct_array(old.get(b"Fields"), self.covered);
                    let new_fields = self.direct_array(new.get(b"Fields"), self.k);
                    self.fields(
                        old_fields.as_deref(),
                        new_fields.as_deref(),
                        "/AcroForm /Fields",
                    );
                }
                b"SigFlags" => self.note("/AcroForm /SigFlags set", Kind::LongTerm),
                b"DA" | b"DR" | b"NeedAppearances" => self.note(
                    format!(
                        "/AcroForm /{} changed (form filling)",
                        String::from_utf8_lossy(&key)
                    ),
                    Kind::FormFilling,
                ),
                other => self.note(
                    format!("/AcroForm /{} changed", String::from_utf8_lossy(other)),
                    Kind::Forbidden,
                ),
            }
        }
    }

    /// The AcroForm dictionary as of the covered revision.
    fn covered_acroform(&self) -> Option<Dict> {
        let catalog = self.doc.catalog_at(self.covered).ok()?;
        self.direct_dict(catalog.get(b"AcroForm"), self.covered)
    }

    fn direct_dict(&self, value: Option<&Object>, revision: usize) -> Option<Dict> {
        match value? {
            Object::Reference(r) => self.doc.object_at(*r, revision).ok()?.as_dict().cloned(),
            Object::Dict(d) => Some(d.clone()),
            _ => None,
        }
    }

    fn direct_array(&self, value: Option<&Object>, revision: usize) -> Option<Vec<Object>> {
        match value? {
            Object::Reference(r) => self
                .doc
                .object_at(*r, revision)
                .ok()?
                .as_array()
                .map(<[Object]>::to_vec),
            Object::Array(a) => Some(a.clone()),
            _ => None,
        }
    }

    /// A field array may only grow by new fields; what they are decides the kind.
    fn fields(&mut self, old: Option<&[Object]>, new: Option<&[Object]>, what: &str) {
        let (old, new) = (old.unwrap_or(&[]), new.unwrap_or(&[]));
        let removed: Vec<&Object> = old.iter().filter(|o| !new.contains(o)).collect();
        if !removed.is_empty() {
            self.note(
                format!("{what}: {} field(s) removed", removed.len()),
                Kind::Forbidden,
            );
            return;
        }
        for added in new.iter().filter(|n| !old.contains(n)) {
            let kind = self.added_field_kind(added);
            self.note(
                format!("{what}: field {} added", reference_text(added)),
                kind,
            );
        }
    }

    /// A field added to the form: a signature field (its kind from its value), or not.
    fn added_field_kind(&self, field: &Object) -> Kind {
        let Some(id) = field.as_reference() else {
            return Kind::Forbidden;
        };
        match self.roles.and_then(|r| r.get(id)) {
            Some(Role::SignatureField) => {
                let value = self
                    .current(id)
                    .as_dict()
                    .and_then(|d| d.get_reference(b"V"));
                value.map_or(Kind::Signing, |v| value_kind(&self.current(v)))
            }
            _ => Kind::Forbidden,
        }
    }

    /// A page's `/Annots` may only grow by widgets of signature fields (and annotations at
    /// P=3).
    fn annots(&mut self, old: Option<&[Object]>, new: Option<&[Object]>, what: &str) {
        let (old, new) = (old.unwrap_or(&[]), new.unwrap_or(&[]));
        if old.iter().any(|o| !new.contains(o)) {
            self.note(format!("{what}: annotation(s) removed"), Kind::Forbidden);
            return;
        }
        for added in new.iter().filter(|n| !old.contains(n)) {
            let role = added
                .as_reference()
                .and_then(|id| self.roles.and_then(|r| r.get(id)));
            let kind = match role {
                Some(Role::SignatureField) => added.as_reference().map_or(Kind::Signing, |id| {
                    let value = self
                        .current(id)
                        .as_dict()
                        .and_then(|d| d.get_reference(b"V"));
                    value.map_or(Kind::Signing, |v| value_kind(&self.current(v)))
                }),
                Some(Role::SignatureWidget { .. }) => Kind::Signing,
                Some(Role::Annotation) => Kind::Annotation,
                _ => Kind::Forbidden,
            };
            self.note(
                format!("{what}: annotation {} added", reference_text(added)),
                kind,
            );
        }
    }

    fn page(&mut self, old: &Object, new: &Object, added: bool) {
        let (Some(old), Some(new), false) = (old.as_dict(), new.as_dict(), added) else {
            self.note("page added or replaced", Kind::Forbidden);
            return;
        };
        for key in changed_keys(self.doc, old, new) {
            match key.as_slice() {
                b"Annots" => {
                    let old_annots = self.direct_array(old.get(b"Annots"), self.covered);
                    let new_annots = self.direct_array(new.get(b"Annots"), self.k);
                    self.annots(old_annots.as_deref(), new_annots.as_deref(), "page /Annots");
                }
                b"Contents" => self.note(
                    "page /Contents changed: the page shows other content",
                    Kind::Forbidden,
                ),
                b"Resources" => {
                    self.note("page /Resources changed (fonts, images)", Kind::Forbidden)
                }
                other => self.note(
                    format!("page /{} changed", String::from_utf8_lossy(other)),
                    Kind::Forbidden,
                ),
            }
        }
    }

    fn signature_field(&mut self, id: ObjRef, old: &Object, new: &Object, added: bool) {
        let Some(new_dict) = new.as_dict() else {
            self.note(
                "signature field replaced by a non-dictionary",
                Kind::Forbidden,
            );
            return;
        };
        let value_kind = new_dict
            .get_reference(b"V")
            .map_or(Kind::Signing, |v| value_kind(&self.current(v)));
        if added {
            if let Some(rect) = visible_rect(new_dict) {
                self.note(
                    format!("signature field added with a visible widget at {rect}: it can draw over signed content"),
                    Kind::Forbidden,
                );
            } else {
                self.note("invisible signature field added", value_kind);
            }
            return;
        }
        if self.field_signed_at_covered(id) {
            self.note(
                "signature field that was already signed changed",
                Kind::Forbidden,
            );
            return;
        }
        let Some(old_dict) = old.as_dict() else {
            self.note("signature field replaced", Kind::Forbidden);
            return;
        };
        for key in changed_keys(self.doc, old_dict, new_dict) {
            match key.as_slice() {
                b"V" => self.note("signature field filled (/V)", value_kind),
                b"AP" => self.note("signature field appearance set", Kind::Signing),
                other => self.note(
                    format!(
                        "signature field /{} changed",
                        String::from_utf8_lossy(other)
                    ),
                    Kind::Forbidden,
                ),
            }
        }
    }

    fn signature_widget(&mut self, field: ObjRef, old: &Object, new: &Object, added: bool) {
        let Some(new_dict) = new.as_dict() else {
            self.note(
                "signature widget replaced by a non-dictionary",
                Kind::Forbidden,
            );
            return;
        };
        if added {
            match visible_rect(new_dict) {
                Some(rect) => self.note(
                    format!(
                        "signature widget added, visible at {rect}: it can draw over signed content"
                    ),
                    Kind::Forbidden,
                ),
                None => self.note("invisible signature widget added", Kind::Signing),
            }
            return;
        }
        if self.field_signed_at_covered(field) {
            self.note(
                "widget of an already-signed signature field changed",
                Kind::Forbidden,
            );
            return;
        }
        let Some(old_dict) = old.as_dict() else {
            self.note("signature widget replaced", Kind::Forbidden);
            return;
        };
        for key in changed_keys(self.doc, old_dict, new_dict) {
            match key.as_slice() {
                b"AP" => self.note("signature widget appearance set", Kind::Signing),
                other => self.note(
                    format!(
                        "signature widget /{} changed",
                        String::from_utf8_lossy(other)
                    ),
                    Kind::Forbidden,
                ),
            }
        }
    }

    fn form_field(&mut self, old: &Object, new: &Object) {
        let (Some(old), Some(new)) = (old.as_dict(), new.as_dict()) else {
            self.note("form field replaced", Kind::Forbidden);
            return;
        };
        for key in changed_keys(self.doc, old, new) {
            match key.as_slice() {
                b"V" | b"AP" | b"AS" => self.note(
                    format!(
                        "form field /{} changed (form filling)",
                        String::from_utf8_lossy(&key)
                    ),
                    Kind::FormFilling,
                ),
                other => self.note(
                    format!("form field /{} changed", String::from_utf8_lossy(other)),
                    Kind::Forbidden,
                ),
            }
        }
    }
}

/// A signature field's value: a document time-stamp is long-term data, anything else a
/// signature.
fn value_kind(value: &Object) -> Kind {
    match value.as_dict().and_then(|d| d.get_name(b"Type")) {
        Some(b"DocTimeStamp") => Kind::LongTerm,
        _ => Kind::Signing,
    }
}

/// The `/Rect` of a widget that shows something: a non-empty rectangle, not hidden
/// (annotation flags Hidden 2, NoView 32), with a normal appearance.
fn visible_rect(widget: &Dict) -> Option<String> {
    let rect: Vec<f64> = widget
        .get(b"Rect")?
        .as_array()?
        .iter()
        .filter_map(|v| match v {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect();
    let [x1, y1, x2, y2] = rect.as_slice() else {
        return None;
    };
    let flags = widget.get_integer(b"F").unwrap_or(0);
    let shown = flags & (2 | 32) == 0;
    let has_appearance = widget
        .get(b"AP")
        .and_then(Object::as_dict)
        .is_some_and(|ap| ap.get(b"N").is_some())
        || widget.get_reference(b"AP").is_some();
    ((x2 - x1).abs() > 0.0 && (y2 - y1).abs() > 0.0 && shown && has_appearance)
        .then(|| format!("[{x1} {y1} {x2} {y2}]"))
}

/// The keys whose values differ between two dictionaries, in first-seen order.
fn changed_keys(doc: &Document<'_>, old: &Dict, new: &Dict) -> Vec<Vec<u8>> {
    let mut keys: Vec<Vec<u8>> = Vec::new();
    for (key, _) in old.iter().chain(new.iter()) {
        if !keys.iter().any(|k| k == key) && !same(doc, old.get(key), new.get(key), 0) {
            keys.push(key.to_vec());
        }
    }
    keys
}

/// Whether two values are the same PDF value (streams: same dictionary, same raw bytes).
fn same(doc: &Document<'_>, a: Option<&Object>, b: Option<&Object>, depth: usize) -> bool {
    if depth > MAX_COMPARE_DEPTH {
        return false;
    }
    match (a, b) {
        (None | Some(Object::Null), None | Some(Object::Null)) => true,
        (Some(Object::Array(x)), Some(Object::Array(y))) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| same(doc, Some(p), Some(q), depth + 1))
        }
        (Some(Object::Dict(x)), Some(Object::Dict(y))) => same_dict(doc, x, y, depth),
        (Some(Object::Stream(x)), Some(Object::Stream(y))) => {
            same_dict(doc, &x.dict, &y.dict, depth)
                && doc.bytes().get(x.data_range.clone()) == doc.bytes().get(y.data_range.clone())
        }
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn same_dict(doc: &Document<'_>, x: &Dict, y: &Dict, depth: usize) -> bool {
    x.iter()
        .chain(y.iter())
        .all(|(key, _)| same(doc, x.get(key), y.get(key), depth + 1))
}

/// `N G` for a reference, else the value's type.
fn reference_text(value: &Object) -> String {
    match value.as_reference() {
        Some(r) => format!("{} {}", r.num, r.generation),
        None => format!("(direct {})", value.type_name()),
    }
}

/// A short description of what an object is, from its `/Type` and `/Subtype`.
fn describe(object: &Object) -> String {
    let Some(dict) = object.as_dict() else {
        return object.type_name().to_string();
    };
    let name = |key: &[u8]| {
        dict.get_name(key)
            .map(|n| String::from_utf8_lossy(n).into_owned())
    };
    let kind = if matches!(object, Object::Stream(_)) {
        "stream"
    } else {
        "dictionary"
    };
    match (name(b"Type"), name(b"Subtype")) {
        (Some(t), Some(s)) => format!("{t} {s} {kind}"),
        (Some(t), None) => format!("{t} {kind}"),
        (None, Some(s)) => format!("{s} {kind}"),
        (None, None) => kind.to_string(),
    }
}
