//! Writer tests: the original bytes stay a prefix, the new revision reads back with the
//! kind of cross-reference the previous one had, placeholders patch in place, and every
//! object kind serializes to what the reader reads. `qpdf --check` and `qpdf --show-object`
//! judge the output in `tests/pdf_outside_tools.rs`.

use super::*;
use crate::pdf::reader::tests::{minimal, signed_form, xref_stream_file};
use crate::pdf::reader::{Dict, Document, ObjRef, Object, XrefKind};

fn dict(entries: &[(&[u8], Object)]) -> Dict {
    entries
        .iter()
        .map(|(k, v)| (k.to_vec(), v.clone()))
        .collect()
}

#[test]
fn update_appends_one_table_revision_and_keeps_the_prefix() {
    let pdf = minimal();
    let doc = Document::parse(&pdf).unwrap();
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    let added = update.add_object(Object::String(b"hello".to_vec()));
    assert_eq!(added, ObjRef::new(5, 0));
    let stream = update
        .add_flate_stream(Dict::new(), b"q 1 0 0 1 0 0 cm Q")
        .unwrap();
    let mut page = doc
        .object(ObjRef::new(3, 0))
        .unwrap()
        .as_dict()
        .unwrap()
        .clone();
    page.set(b"Contents", Object::Reference(stream));
    update.replace_object(ObjRef::new(3, 0), Object::Dict(page));
    let bytes = update.finish().unwrap();
    assert_eq!(&bytes[..pdf.len()], &pdf[..]);

    let updated = Document::parse(&bytes).unwrap();
    let revisions = updated.revisions();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].kind, XrefKind::Table);
    assert_eq!(
        (revisions[1].start, revisions[1].end),
        (pdf.len(), bytes.len())
    );
    assert_eq!(
        revisions[1].trailer.get_integer(b"Prev"),
        Some(doc.last_revision().xref_offset as i64)
    );
    assert_eq!(revisions[1].trailer.get_integer(b"Size"), Some(7));
    assert_eq!(
        revisions[1].trailer.get_reference(b"Root"),
        Some(ObjRef::new(1, 0))
    );
    let mut changed: Vec<u32> = revisions[1].objects.iter().map(|(r, _)| r.num).collect();
    changed.sort();
    assert_eq!(changed, [3, 5, 6]);
    assert_eq!(
        updated.object(added).unwrap(),
        Object::String(b"hello".to_vec())
    );
    let Object::Stream(s) = updated.object(stream).unwrap() else {
        panic!("a stream")
    };
    assert_eq!(updated.stream_data(&s).unwrap(), b"q 1 0 0 1 0 0 cm Q");
    // The old revision still sees the old page.
    let old = updated.object_at(ObjRef::new(3, 0), 1).unwrap();
    assert_eq!(
        old.as_dict().unwrap().get_reference(b"Contents"),
        Some(ObjRef::new(4, 0))
    );
}

#[test]
fn update_after_an_xref_stream_writes_an_xref_stream() {
    let pdf = xref_stream_file();
    let doc = Document::parse(&pdf).unwrap();
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    let mut catalog = doc.catalog().unwrap();
    catalog.set(b"Lang", Object::String(b"fa-IR".to_vec()));
    update.replace_object(ObjRef::new(1, 0), Object::Dict(catalog));
    let bytes = update.finish().unwrap();
    assert!(bytes.starts_with(&pdf));
    assert!(!bytes[pdf.len()..].windows(7).any(|w| w == b"trailer"));
    let updated = Document::parse(&bytes).unwrap();
    assert_eq!(updated.revisions().len(), 2);
    assert_eq!(updated.last_revision().kind, XrefKind::Stream);
    assert_eq!(
        updated.catalog().unwrap().get(b"Lang"),
        Some(&Object::String(b"fa-IR".to_vec()))
    );
    // Objects inside the old object stream still resolve through the new revision.
    let pages = updated.object(ObjRef::new(2, 0)).unwrap();
    assert_eq!(pages.as_dict().unwrap().get_integer(b"Count"), Some(0));
    assert_eq!(updated.trailer().get_integer(b"Size"), Some(6));
}

#[test]
fn signature_placeholder_is_patched_in_place() {
    let pdf = signed_form();
    let doc = Document::parse(&pdf).unwrap();
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    let sig = update
        .add_signature_placeholder(
            dict(&[
                (b"Type", Object::Name(b"Sig".to_vec())),
                (b"Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
                (b"SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
            ]),
            SignaturePlaceholder::new(64),
        )
        .unwrap();
    assert!(
        update
            .add_signature_placeholder(Dict::new(), SignaturePlaceholder::new(8))
            .is_err()
    );
    let mut prepared = update.finish_with_signature().unwrap();
    let len = prepared.bytes.len();
    assert_eq!(&prepared.bytes[prepared.contents.clone()][..3], b"<00");
    prepared.patch_byte_range().unwrap();
    let range = prepared.byte_range();
    assert_eq!(
        range,
        [
            0,
            prepared.contents.start,
            prepared.contents.end,
            len - prepared.contents.end
        ]
    );
    let [head, tail] = prepared.signed_parts();
    assert_eq!(head.len() + tail.len() + prepared.contents.len(), len);
    assert!(prepared.patch_contents(&[0xab; 65]).is_err());
    prepared
        .patch_contents(&[0x30, 0x03, 0x02, 0x01, 0x05])
        .unwrap();
    assert_eq!(prepared.bytes.len(), len);

    let signed = Document::parse(&prepared.bytes).unwrap();
    let read = signed.signature_dictionary(sig).unwrap();
    assert_eq!(
        read.byte_range,
        Some(range.iter().map(|v| *v as i64).collect())
    );
    assert_eq!(
        read.contents_span,
        Some((prepared.contents.start, prepared.contents.end))
    );
    let contents = read.contents.unwrap();
    assert_eq!(contents.len(), 64);
    assert_eq!(&contents[..5], &[0x30, 0x03, 0x02, 0x01, 0x05]);
    assert!(contents[5..].iter().all(|b| *b == 0));
}

#[test]
fn finish_refuses_misuse() {
    let pdf = minimal();
    let doc = Document::parse(&pdf).unwrap();
    assert!(matches!(
        IncrementalUpdate::new(&doc).unwrap().finish(),
        Err(PdfError::Write { .. })
    ));
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    update
        .add_signature_placeholder(Dict::new(), SignaturePlaceholder::new(16))
        .unwrap();
    assert!(matches!(update.finish(), Err(PdfError::Write { .. })));
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    update.add_object(Object::Null);
    assert!(update.finish_with_signature().is_err());
    let mut bytes = pdf.clone();
    assert!(patch_byte_range(&mut bytes, 0..5, [0, 1, 2, 3]).is_err());
    assert!(patch_contents(&mut bytes, 0..4, &[1]).is_err());
}

#[test]
fn every_object_kind_round_trips() {
    let objects = [
        Object::Null,
        Object::Bool(true),
        Object::Bool(false),
        Object::Integer(-42),
        Object::Real(3.25),
        Object::Real(-0.001),
        Object::Name(b"A B#/(x)\xd8".to_vec()),
        Object::Name(Vec::new()),
        Object::String(b"plain (nested) \\ text".to_vec()),
        Object::String(vec![0xfe, 0xff, 0x06, 0x33, b')']),
        Object::String(Vec::new()),
        Object::Reference(ObjRef::new(12, 3)),
        Object::Array(vec![
            Object::Integer(1),
            Object::Array(vec![]),
            Object::Name(b"N".to_vec()),
        ]),
        Object::Dict(dict(&[
            (b"K y", Object::Integer(1)),
            (b"Sub", Object::Dict(Dict::new())),
        ])),
    ];
    for object in objects {
        let mut out = Vec::new();
        write_object(&mut out, &object, &[]).unwrap();
        let mut parser = crate::pdf::reader::parser::Parser::new(&out, 0, 64);
        let read = parser.object().unwrap();
        assert_eq!(read, object, "{}", String::from_utf8_lossy(&out));
    }
    let nested = Object::Array(vec![Object::Stream(crate::pdf::reader::Stream {
        dict: Dict::new(),
        data_range: 0..0,
        length_recovered: false,
    })]);
    assert!(write_object(&mut Vec::new(), &nested, &[]).is_err());
}

#[test]
fn replaced_stream_keeps_its_encoded_data() {
    let pdf = minimal();
    let doc = Document::parse(&pdf).unwrap();
    let Object::Stream(mut stream) = doc.object(ObjRef::new(4, 0)).unwrap() else {
        panic!("a stream")
    };
    stream.dict.set(b"Marked", Object::Bool(true));
    let mut update = IncrementalUpdate::new(&doc).unwrap();
    update.replace_object(ObjRef::new(4, 0), Object::Stream(stream));
    let bytes = update.finish().unwrap();
    let updated = Document::parse(&bytes).unwrap();
    let Object::Stream(read) = updated.object(ObjRef::new(4, 0)).unwrap() else {
        panic!("a stream")
    };
    assert_eq!(read.dict.get(b"Marked"), Some(&Object::Bool(true)));
    assert_eq!(updated.stream_data(&read).unwrap(), b"BT ET q Q");
    assert!(read.data_range.start > pdf.len());
}

#[test]
fn size_covers_an_object_replaced_past_the_old_size() {
    for pdf in [minimal(), xref_stream_file()] {
        let doc = Document::parse(&pdf).unwrap();
        let size = doc.trailer().get_integer(b"Size").unwrap();
        let mut update = IncrementalUpdate::new(&doc).unwrap();
        let far = ObjRef::new(size as u32 + 3, 0);
        update.replace_object(far, Object::Integer(7));
        let bytes = update.finish().unwrap();
        let updated = Document::parse(&bytes).unwrap();
        assert!(updated.trailer().get_integer(b"Size").unwrap() > i64::from(far.num));
        assert_eq!(updated.object(far).unwrap(), Object::Integer(7));
    }
}
