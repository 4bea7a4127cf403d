//! What each object *is* in one revision of the document: found by walking the document
//! from its catalog as a reader of the file cut at that revision would (ISO 32000-1 §7.7
//! page tree, §12.5 annotations, §12.7 interactive forms, ISO 32000-2 §12.8.4.3 DSS).
//! The modification analysis judges a changed object by the role it plays.

use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};

use crate::pdf::reader::{Dict, Document, ObjRef, Object};

/// The most objects one walk gives a role; a document with more is cut short, and the
/// modification analysis refuses what it could not classify (fail closed).
const MAX_WALK: usize = 200_000;
/// The most object loads all walks of one verification may do together (a budget against
/// documents with many large revisions).
pub(crate) const WALK_BUDGET: usize = 2_000_000;
/// How deep AcroForm field trees and page trees are followed.
const MAX_TREE_DEPTH: usize = 64;

/// The role an indirect object plays in a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The document catalog (`/Root`).
    Catalog,
    /// The document information dictionary (trailer `/Info`), metadata only.
    Info,
    /// The catalog's XMP metadata stream (`/Metadata`, ISO 32000-1 §14.3.2): not drawn.
    Metadata,
    /// A page tree node (`/Type /Pages`).
    PageTree,
    /// A page (`/Type /Page`).
    Page,
    /// A page's `/Annots` array, held as its own object.
    Annots {
        /// The page.
        page: ObjRef,
    },
    /// An annotation that is not a widget.
    Annotation,
    /// The interactive form dictionary (`/AcroForm`), held as its own object.
    AcroForm,
    /// The AcroForm's `/Fields` array, or a field's `/Kids` array, held as its own object.
    FieldArray,
    /// A signature field (`/FT /Sig`), possibly merged with its widget.
    SignatureField,
    /// The widget annotation of a signature field (not merged with it).
    SignatureWidget {
        /// The field.
        field: ObjRef,
    },
    /// A signature field's value: a signature or document time-stamp dictionary.
    SignatureValue {
        /// The field.
        field: ObjRef,
    },
    /// Part of a signature widget's appearance (`/AP` and what it draws with).
    SignatureAppearance {
        /// The field.
        field: ObjRef,
    },
    /// A form field that is not a signature field, or its widget.
    FormField,
    /// Part of a form field widget's appearance.
    FormAppearance,
    /// The Document Security Store, its arrays, streams and `/VRI` entries.
    Dss,
    /// A stream of a page's content (`/Contents`).
    PageContent,
    /// Anything else the document uses (resources, fonts, images, outlines…).
    Other,
}

/// The roles of the objects reachable in one revision.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    roles: HashMap<ObjRef, Role>,
    /// True when the walk stopped at [`MAX_WALK`] objects or ran out of budget: objects
    /// without a role may then be used by the document.
    pub truncated: bool,
}

impl Roles {
    /// The role of `id`, or `None` when nothing in the revision refers to it.
    pub fn get(&self, id: ObjRef) -> Option<Role> {
        self.roles.get(&id).copied()
    }
}

/// Walks revision `revision` of `doc` from its trailer, spending `budget` object loads.
pub(crate) fn roles_at(doc: &Document<'_>, revision: usize, budget: &Cell<usize>) -> Roles {
    let mut walk = Walk {
        doc,
        revision,
        roles: Roles::default(),
        budget,
    };
    let trailer = doc
        .revisions()
        .get(revision.saturating_sub(1))
        .map(|r| r.trailer.clone())
        .unwrap_or_default();
    if let Some(info) = trailer.get_reference(b"Info") {
        walk.mark_subtree(info, Role::Info);
    }
    let Some(root) = trailer.get_reference(b"Root") else {
        return walk.roles;
    };
    walk.set(root, Role::Catalog);
    let catalog = walk.dict(root).unwrap_or_default();
    if let Some(metadata) = catalog.get_reference(b"Metadata") {
        walk.set(metadata, Role::Metadata);
    }
    // Most specific first: the first role given to an object wins, so a font shared by a
    // page and a signature appearance stays a page resource.
    if let Some(pages) = catalog.get(b"Pages") {
        walk.page_tree(pages, 0);
    }
    if let Some(acroform) = catalog.get(b"AcroForm") {
        walk.acroform(acroform);
    }
    if let Some(dss) = catalog.get(b"DSS") {
        walk.mark_value(dss, Role::Dss);
    }
    // Everything else reachable from the trailer is used by the document.
    walk.reach_all(&Object::Dict(trailer));
    walk.roles
}

struct Walk<'d, 'a, 'b> {
    doc: &'d Document<'a>,
    revision: usize,
    roles: Roles,
    budget: &'b Cell<usize>,
}

impl Walk<'_, '_, '_> {
    /// Gives `id` a role unless it has one; true when it was new.
    fn set(&mut self, id: ObjRef, role: Role) -> bool {
        if self.roles.roles.len() >= MAX_WALK {
            self.roles.truncated = true;
            return false;
        }
        match self.roles.roles.entry(id) {
            std::collections::hash_map::Entry::Occupied(_) => false,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(role);
                true
            }
        }
    }

    fn object(&mut self, id: ObjRef) -> Object {
        let left = self.budget.get();
        if left == 0 {
            self.roles.truncated = true;
            return Object::Null;
        }
        self.budget.set(left - 1);
        self.doc
            .object_at(id, self.revision)
            .unwrap_or(Object::Null)
    }

    fn dict(&mut self, id: ObjRef) -> Option<Dict> {
        self.object(id).as_dict().cloned()
    }

    /// The direct value of `value`: itself, or the object it refers to.
    fn direct(&mut self, value: &Object) -> Object {
        match value {
            Object::Reference(r) => self.object(*r),
            other => other.clone(),
        }
    }

    fn page_tree(&mut self, node: &Object, depth: usize) {
        if depth > MAX_TREE_DEPTH {
            return;
        }
        let node_ref = node.as_reference();
        let Some(dict) = self.direct(node).as_dict().cloned() else {
            return;
        };
        let is_page = dict.get_name(b"Type") == Some(b"Page") || dict.get(b"Kids").is_none();
        if let Some(id) = node_ref {
            let role = if is_page { Role::Page } else { Role::PageTree };
            if !self.set(id, role) {
                return;
            }
        }
        if !is_page {
            for kid in self
                .direct(dict.get(b"Kids").unwrap_or(&Object::Null))
                .as_array()
                .unwrap_or(&[])
            {
                self.page_tree(kid, depth + 1);
            }
            return;
        }
        if let Some(contents) = dict.get(b"Contents") {
            match contents {
                Object::Reference(r) => match self.object(*r) {
                    Object::Array(items) => {
                        self.set(*r, Role::PageContent);
                        self.mark_all(&items, Role::PageContent);
                    }
                    _ => self.mark_subtree(*r, Role::PageContent),
                },
                other => self.mark_value(other, Role::PageContent),
            }
        }
        if let Some(resources) = dict.get(b"Resources") {
            self.mark_value(resources, Role::Other);
        }
        if let Some(annots) = dict.get(b"Annots") {
            if let (Some(id), Some(page)) = (annots.as_reference(), node_ref) {
                self.set(id, Role::Annots { page });
            }
            let items = self.direct(annots);
            for annot in items.as_array().unwrap_or(&[]) {
                self.annotation(annot);
            }
        }
    }

    fn annotation(&mut self, annot: &Object) {
        let Some(id) = annot.as_reference() else {
            return;
        };
        let Some(dict) = self.dict(id) else {
            return;
        };
        if dict.get_name(b"Subtype") == Some(b"Widget") {
            // Widgets are classified from the AcroForm side, where their field is known.
            return;
        }
        if self.set(id, Role::Annotation) {
            self.mark_value(&Object::Dict(dict), Role::Annotation);
        }
    }

    fn acroform(&mut self, acroform: &Object) {
        if let Some(id) = acroform.as_reference() {
            self.set(id, Role::AcroForm);
        }
        let Some(dict) = self.direct(acroform).as_dict().cloned() else {
            return;
        };
        if let Some(fields) = dict.get(b"Fields") {
            self.fields(fields, false, 0);
        }
        // /DR: default resources of form fields.
        if let Some(dr) = dict.get(b"DR") {
            self.mark_value(dr, Role::FormAppearance);
        }
    }

    /// A `/Fields` or `/Kids` array; `inherited_sig` when an ancestor has `/FT /Sig`.
    fn fields(&mut self, array: &Object, inherited_sig: bool, depth: usize) {
        if depth > MAX_TREE_DEPTH {
            return;
        }
        if let Some(id) = array.as_reference() {
            self.set(id, Role::FieldArray);
        }
        for field in self.direct(array).as_array().unwrap_or(&[]).to_vec() {
            self.field(&field, inherited_sig, depth + 1);
        }
    }

    fn field(&mut self, field: &Object, inherited_sig: bool, depth: usize) {
        let Some(id) = field.as_reference() else {
            return;
        };
        let Some(dict) = self.dict(id) else {
            return;
        };
        let is_sig = match dict.get_name(b"FT") {
            Some(ft) => ft == b"Sig",
            None => inherited_sig,
        };
        let is_widget_only =
            dict.get(b"T").is_none() && dict.get_name(b"Subtype") == Some(b"Widget");
        if is_widget_only {
            // A widget kid of the parent field (the parent is `id`'s /Parent).
            let parent = dict.get_reference(b"Parent").unwrap_or(id);
            let (role, appearance) = if is_sig {
                (
                    Role::SignatureWidget { field: parent },
                    Role::SignatureAppearance { field: parent },
                )
            } else {
                (Role::FormField, Role::FormAppearance)
            };
            if self.set(id, role)
                && let Some(ap) = dict.get(b"AP")
            {
                self.mark_value(ap, appearance);
            }
            return;
        }
        let role = if is_sig {
            Role::SignatureField
        } else {
            Role::FormField
        };
        if !self.set(id, role) {
            return;
        }
        if is_sig && let Some(value) = dict.get(b"V").and_then(Object::as_reference) {
            self.mark_subtree(value, Role::SignatureValue { field: id });
        }
        if let Some(ap) = dict.get(b"AP") {
            let appearance = if is_sig {
                Role::SignatureAppearance { field: id }
            } else {
                Role::FormAppearance
            };
            self.mark_value(ap, appearance);
        }
        if let Some(kids) = dict.get(b"Kids") {
            self.fields(kids, is_sig, depth);
        }
    }

    /// Gives every object reachable from `value` that has no role yet [`Role::Other`],
    /// walking through objects that already have one.
    fn reach_all(&mut self, value: &Object) {
        let mut queue: VecDeque<Object> = VecDeque::from([value.clone()]);
        let mut seen: HashSet<ObjRef> = HashSet::new();
        while let Some(item) = queue.pop_front() {
            if seen.len() >= MAX_WALK {
                self.roles.truncated = true;
                return;
            }
            match item {
                Object::Reference(r) if seen.insert(r) => {
                    self.set(r, Role::Other);
                    queue.push_back(self.object(r));
                }
                Object::Array(items) => queue.extend(items),
                Object::Dict(d) => queue.extend(d.iter().map(|(_, v)| v.clone())),
                Object::Stream(s) => queue.extend(s.dict.iter().map(|(_, v)| v.clone())),
                _ => {}
            }
        }
    }

    /// Marks everything reachable from `id` (itself included) that has no role yet.
    fn mark_subtree(&mut self, id: ObjRef, role: Role) {
        if self.set(id, role) {
            let object = self.object(id);
            self.mark_value(&object, role);
        }
    }

    fn mark_all(&mut self, items: &[Object], role: Role) {
        for item in items {
            self.mark_value(item, role);
        }
    }

    /// Marks every object referred to from `value` (not `value` itself), breadth first.
    fn mark_value(&mut self, value: &Object, role: Role) {
        let mut queue: VecDeque<Object> = VecDeque::from([value.clone()]);
        let mut seen: HashSet<ObjRef> = HashSet::new();
        while let Some(item) = queue.pop_front() {
            if self.roles.truncated {
                return;
            }
            match item {
                Object::Reference(r) if seen.insert(r) && self.set(r, role) => {
                    queue.push_back(self.object(r));
                }
                Object::Array(items) => queue.extend(items),
                Object::Dict(d) => queue.extend(d.iter().map(|(_, v)| v.clone())),
                Object::Stream(s) => queue.extend(s.dict.iter().map(|(_, v)| v.clone())),
                _ => {}
            }
        }
    }
}
