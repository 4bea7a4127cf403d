//! Unit tests of the verification parts that need no signature: ByteRange sanity, the
//! `/Contents` padding, PDF dates, DocMDP kinds and the modification analysis on small
//! hand-made documents. Whole signed documents and the attacks are in
//! `tests/pades_verify_pyhanko.rs` and `tests/pades_attacks.rs`.

use time::macros::datetime;

use super::byte_range::{RevisionEnd, check_byte_range};
use super::changes::{History, Kind};
use super::signature::{der_without_padding, parse_pdf_date};
use crate::pdf::reader::{Dict, Document, ObjRef, Object};
use crate::pdf::writer::IncrementalUpdate;

/// A ByteRange case: the range, the /Contents span, the words the problem must contain.
type Case<'a> = (Option<&'a [i64]>, Option<(usize, usize)>, &'a str);

const REVISIONS: [RevisionEnd; 2] = [
    RevisionEnd {
        number: 1,
        end: 1000,
    },
    RevisionEnd {
        number: 2,
        end: 3000,
    },
];

#[test]
fn sound_byte_range_covers_its_revision() {
    let (coverage, ranges) = check_byte_range(
        Some(&[0, 1200, 1500, 1500]),
        Some((1200, 1500)),
        &REVISIONS,
        3000,
    )
    .expect("sound");
    assert_eq!(coverage.revision, 2);
    assert_eq!(coverage.byte_range, [0, 1200, 1500, 1500]);
    assert!(coverage.whole_revision);
    assert_eq!((ranges.first, ranges.second), ((0, 1200), (1500, 3000)));
    // Covering the first revision of a longer file is sound too: what came after is judged
    // by the modification analysis.
    let (coverage, _) = check_byte_range(
        Some(&[0, 100, 300, 700]),
        Some((100, 300)),
        &REVISIONS,
        3000,
    )
    .expect("sound");
    assert_eq!(coverage.revision, 1);
}

#[test]
fn unsound_byte_ranges_name_their_problem() {
    let cases: [Case<'_>; 9] = [
        (None, Some((1200, 1500)), "no /ByteRange"),
        (Some(&[0, 1200, 1500]), Some((1200, 1500)), "has 3 entries"),
        (
            Some(&[0, 1200, 1500, 1500, 0, 0]),
            Some((1200, 1500)),
            "has 6 entries",
        ),
        (Some(&[0, 1200, -1, 1500]), Some((1200, 1500)), "negative"),
        (
            Some(&[10, 1190, 1500, 1500]),
            Some((1200, 1500)),
            "starts at byte 10",
        ),
        (
            Some(&[0, 1200, 1200, 1800]),
            Some((1200, 1200)),
            "not after the first",
        ),
        (
            Some(&[0, 1200, 1500, 1600]),
            Some((1200, 1500)),
            "past the end of the file",
        ),
        (
            Some(&[0, 1200, 1500, 1400]),
            Some((1200, 1500)),
            "not the end of a revision",
        ),
        (
            Some(&[0, 1100, 1500, 1500]),
            Some((1200, 1500)),
            "not this signature's",
        ),
    ];
    for (range, span, words) in cases {
        let problem = check_byte_range(range, span, &REVISIONS, 3000).expect_err(words);
        assert!(problem.contains(words), "{range:?}: {problem}");
    }
    let problem = check_byte_range(Some(&[0, 1200, 1500, 1500]), None, &REVISIONS, 3000)
        .expect_err("no span");
    assert!(problem.contains("no /Contents"), "{problem}");
    let huge = check_byte_range(
        Some(&[0, 1, i64::MAX, i64::MAX]),
        Some((1, i64::MAX as usize)),
        &REVISIONS,
        3000,
    );
    assert!(huge.is_err());
}

#[test]
fn contents_may_be_zero_padded_but_nothing_else() {
    let der = [0x30, 0x03, 0x02, 0x01, 0x05];
    let mut padded = der.to_vec();
    padded.extend([0; 16]);
    assert_eq!(der_without_padding(&padded).expect("padded"), der);
    assert_eq!(der_without_padding(&der).expect("exact"), der);
    padded.push(1);
    assert!(
        der_without_padding(&padded)
            .expect_err("junk")
            .contains("non-zero")
    );
    assert!(
        der_without_padding(&[])
            .expect_err("empty")
            .contains("empty")
    );
    assert!(
        der_without_padding(&[0x30, 0x10, 0x02])
            .expect_err("short")
            .contains("claims")
    );
    assert!(der_without_padding(&[0x30, 0x84, 0xff]).is_err());
}

#[test]
fn pdf_dates() {
    assert_eq!(
        parse_pdf_date("D:20261123080647+00'00'"),
        Some(datetime!(2026-11-23 08:06:47 UTC))
    );
    assert_eq!(
        parse_pdf_date("D:20261123080647+03'30'"),
        Some(datetime!(2026-11-23 08:06:47 +03:30))
    );
    assert_eq!(
        parse_pdf_date("D:20261123080647-05'00"),
        Some(datetime!(2026-11-23 08:06:47 -05:00))
    );
    assert_eq!(
        parse_pdf_date("D:20261123080647Z"),
        Some(datetime!(2026-11-23 08:06:47 UTC))
    );
    assert_eq!(
        parse_pdf_date("D:2026"),
        Some(datetime!(2026-01-01 00:00 UTC))
    );
    assert_eq!(
        parse_pdf_date("D:202611"),
        Some(datetime!(2026-11-01 00:00 UTC))
    );
    for bad in [
        "",
        "D:",
        "D:20261301",
        "D:2026113",
        "D:20261123250000",
        "x",
        "D:20261123080647+0",
        "D:2026112308064799",
    ] {
        assert_eq!(parse_pdf_date(bad), None, "{bad}");
    }
}

#[test]
fn docmdp_permissions_decide_what_is_allowed() {
    use Kind::*;
    let table = [
        // kind, P=1, P=2, P=3, no certification
        (Unused, [true, true, true, true]),
        (LongTerm, [true, true, true, true]),
        (Signing, [false, true, true, true]),
        (FormFilling, [false, true, true, true]),
        (Annotation, [false, false, true, false]),
        (Forbidden, [false, false, false, false]),
    ];
    for (kind, expected) in table {
        let found = [Some(1), Some(2), Some(3), None].map(|p| kind.allowed(p));
        assert_eq!(found, expected, "{kind:?}");
    }
}

/// A one-page PDF: catalog 1, pages 2, page 3 with content stream 4, written with exact
/// cross-reference offsets.
fn one_page_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>"
            .to_owned(),
        "<< /Length 17 >>\nstream\n0 0 100 100 re f\nendstream".to_owned(),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(b"xref\n0 5\n0000000000 65535 f \n");
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

fn changes_of(pdf: &[u8], covered: usize, p: Option<u8>) -> Vec<crate::validation::report::Change> {
    let doc = Document::parse(pdf).expect("parse");
    History::new(&doc).changes_after(covered, p)
}

#[test]
fn a_changed_page_content_stream_is_not_allowed() {
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_stream(ObjRef::new(4, 0), Dict::new(), b"0 0 200 200 re f".to_vec());
    let changed = update.finish().expect("finish");
    let changes = changes_of(&changed, 1, None);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].object, "4 0");
    assert_eq!(changes[0].description, "page content stream changed");
    assert!(!changes[0].allowed);
}

#[test]
fn an_object_written_again_unchanged_is_no_change() {
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let page = doc.object(ObjRef::new(3, 0)).expect("page");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_object(ObjRef::new(3, 0), page);
    let rewritten = update.finish().expect("finish");
    assert!(changes_of(&rewritten, 1, Some(1)).is_empty());
}

#[test]
fn unreferenced_objects_are_allowed_referenced_ones_are_not() {
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.add_object(Object::Dict(Dict::from_iter([(
        b"Orphan".to_vec(),
        Object::Bool(true),
    )])));
    let orphan = update.finish().expect("finish");
    let changes = changes_of(&orphan, 1, Some(1));
    assert!(changes.iter().all(|c| c.allowed), "{changes:?}");

    // An object the page now uses (a font in its resources) is not allowed.
    let doc = Document::parse(&base).expect("parse");
    let mut page = doc
        .object(ObjRef::new(3, 0))
        .expect("page")
        .as_dict()
        .cloned()
        .expect("dict");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let font = update.add_object(Object::Dict(Dict::from_iter([
        (b"Type".to_vec(), Object::Name(b"Font".to_vec())),
        (b"Subtype".to_vec(), Object::Name(b"Type1".to_vec())),
    ])));
    let fonts = Dict::from_iter([(b"F9".to_vec(), Object::Reference(font))]);
    page.set(
        b"Resources",
        Object::Dict(Dict::from_iter([(b"Font".to_vec(), Object::Dict(fonts))])),
    );
    update.replace_object(ObjRef::new(3, 0), Object::Dict(page));
    let with_font = update.finish().expect("finish");
    let changes = changes_of(&with_font, 1, None);
    let page_change = changes
        .iter()
        .find(|c| c.object == "3 0")
        .expect("page changed");
    assert!(
        page_change.description.contains("/Resources"),
        "{page_change:?}"
    );
    assert!(!page_change.allowed);
    let font_change = changes
        .iter()
        .find(|c| c.object == format!("{} 0", font.num))
        .expect("font");
    assert!(font_change.description.contains("Font"), "{font_change:?}");
    assert!(!font_change.allowed);
}

#[test]
fn a_new_catalog_is_refused() {
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let catalog = doc.object(ObjRef::new(1, 0)).expect("catalog");
    let new_root = update.add_object(catalog);
    let mut bytes = update.finish().expect("finish");
    // Point the new trailer's /Root at the copy.
    let at = bytes
        .windows(8)
        .rposition(|w| w == b"/Root 1 ")
        .expect("/Root in the new trailer");
    let replacement = format!("/Root {} ", new_root.num);
    assert_eq!(replacement.len(), 8, "same length keeps the offsets");
    bytes.splice(at..at + 8, replacement.bytes());
    let changes = changes_of(&bytes, 1, None);
    assert!(
        changes.iter().any(|c| c.object == "trailer" && !c.allowed),
        "{changes:?}"
    );
}

#[test]
fn running_out_of_walk_budget_fails_closed() {
    // An orphan object is allowed when the walk is complete, refused when the walk could
    // not finish: it might be used by what was not walked.
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.add_object(Object::Dict(Dict::from_iter([(
        b"Orphan".to_vec(),
        Object::Bool(true),
    )])));
    let orphan = update.finish().expect("finish");
    let doc = Document::parse(&orphan).expect("parse");
    let complete = History::new(&doc).changes_after(1, None);
    assert!(complete.iter().all(|c| c.allowed), "{complete:?}");
    let starved = History::with_budget(&doc, 2).changes_after(1, None);
    assert!(
        starved
            .iter()
            .any(|c| !c.allowed && c.description.contains("too large")),
        "{starved:?}"
    );
}

/// [`one_page_pdf`] with an AcroForm (object 5) holding one signature field (object 6).
fn one_page_with_form() -> Vec<u8> {
    let base = one_page_pdf();
    let doc = Document::parse(&base).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let field = update.add_object(Object::Dict(Dict::from_iter([
        (b"FT".to_vec(), Object::Name(b"Sig".to_vec())),
        (b"T".to_vec(), Object::String(b"sig".to_vec())),
    ])));
    let form = update.add_object(Object::Dict(Dict::from_iter([(
        b"Fields".to_vec(),
        Object::Array(vec![Object::Reference(field)]),
    )])));
    let mut catalog = doc.catalog().expect("catalog");
    catalog.set(b"AcroForm", Object::Reference(form));
    update.replace_object(ObjRef::new(1, 0), Object::Dict(catalog));
    update.finish().expect("finish")
}

#[test]
fn a_form_moved_to_a_new_object_without_its_fields_is_refused() {
    let with_form = one_page_with_form();
    let doc = Document::parse(&with_form).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let empty_form = update.add_object(Object::Dict(Dict::from_iter([(
        b"Fields".to_vec(),
        Object::Array(Vec::new()),
    )])));
    let mut catalog = doc.catalog().expect("catalog");
    catalog.set(b"AcroForm", Object::Reference(empty_form));
    update.replace_object(ObjRef::new(1, 0), Object::Dict(catalog));
    let moved = update.finish().expect("finish");
    let changes = changes_of(&moved, 2, None);
    assert!(
        changes
            .iter()
            .any(|c| !c.allowed && c.description.contains("removed")),
        "{changes:?}"
    );

    // Removing the form altogether is refused too.
    let doc = Document::parse(&with_form).expect("parse");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let mut catalog = doc.catalog().expect("catalog");
    catalog.remove(b"AcroForm");
    update.replace_object(ObjRef::new(1, 0), Object::Dict(catalog));
    let removed = update.finish().expect("finish");
    let changes = changes_of(&removed, 2, None);
    assert!(
        changes
            .iter()
            .any(|c| !c.allowed && c.description.contains("removed")),
        "{changes:?}"
    );
}

#[test]
fn a_rewritten_object_stream_changes_the_objects_inside() {
    // One page, its catalog, page tree and page in an object stream (object 1), made by
    // `qpdf --object-streams=generate --compress-streams=n` from `one_page_pdf()`.
    let base: &[u8] = include_bytes!("../../../../tests/data/pades/objstm-one-page.pdf");
    let doc = Document::parse(base).expect("parse");
    let objstm = ObjRef::new(1, 0);
    let Object::Stream(stream) = doc.object(objstm).expect("object stream") else {
        panic!("object 1 is the object stream");
    };
    let data = doc.stream_data(&stream).expect("decoded");
    let text = String::from_utf8(data).expect("text");
    assert!(
        text.contains("[0 0 200 200]") || text.contains("[ 0 0 200 200 ]"),
        "{text}"
    );
    // Same length, so the stream's offsets stay right: the page grows.
    let changed = text.replace("200 200", "900 900");
    let mut dict = stream.dict.clone();
    dict.remove(b"Filter");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    update.replace_stream(objstm, dict, changed.into_bytes());
    let attacked = update.finish().expect("finish");
    let doc = Document::parse(&attacked).expect("parse");
    // The new revision lists only the object stream.
    let listed: Vec<u32> = doc.revisions()[1]
        .objects
        .iter()
        .map(|(id, _)| id.num)
        .collect();
    assert!(
        !listed.iter().any(|n| *n != objstm.num && *n != 0 && *n < 7),
        "{listed:?}"
    );
    let changes = History::new(&doc).changes_after(1, None);
    assert!(
        changes
            .iter()
            .any(|c| !c.allowed && c.description.contains("/MediaBox")),
        "{changes:?}"
    );
}
