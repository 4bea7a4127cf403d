//! Reader tests on hand-made files whose offsets the helper computes; the outside-tool
//! comparisons (qpdf, diplomas) are in `tests/pdf_outside_tools.rs`.

use std::io::Write;

use super::lexer::{Lexer, Token};
use super::*;
use crate::pdf::PdfError;

/// Builds a classic-xref PDF from `(num, body)` objects; returns the bytes.
pub(crate) fn classic(objects: &[(u32, &str)], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        write!(out, "{num} 0 obj\n{body}\nendobj\n").unwrap();
    }
    let size = objects.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    let xref = out.len();
    write!(out, "xref\n0 {size}\n0000000000 65535 f \n").unwrap();
    for n in 1..size {
        match offsets.iter().find(|(m, _)| *m == n) {
            Some((_, o)) => writeln!(out, "{o:010} 00000 n ").unwrap(),
            None => writeln!(out, "0000000000 00000 f ").unwrap(),
        }
    }
    write!(
        out,
        "trailer\n<< /Size {size} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .unwrap();
    out
}

pub(crate) fn minimal() -> Vec<u8> {
    classic(
        &[
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (
                3,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            ),
            (4, "<< /Length 9 >>\nstream\nBT ET q Q\nendstream"),
        ],
        "",
    )
}

fn tokens(input: &[u8]) -> Vec<Token<'_>> {
    let mut lexer = Lexer::new(input, 0);
    let mut out = Vec::new();
    while let Some((t, _)) = lexer.next_token().unwrap() {
        out.push(t);
    }
    out
}

#[test]
fn lexer_reads_every_token_kind() {
    let t = tokens(b"% comment\n/A#42c /#23 (a(b)c\\)\\n\\101\\\nd) <48 65 6c6> 12 -3 +4 .5 -2. true R [ ] << >>");
    assert_eq!(
        t,
        vec![
            Token::Name(b"ABc".to_vec()),
            Token::Name(b"#".to_vec()),
            Token::String(b"a(b)c)\nAd".to_vec()),
            Token::String(b"Hel`".to_vec()),
            Token::Integer(12),
            Token::Integer(-3),
            Token::Integer(4),
            Token::Real(0.5),
            Token::Real(-2.0),
            Token::Keyword(b"true"),
            Token::Keyword(b"R"),
            Token::ArrayStart,
            Token::ArrayEnd,
            Token::DictStart,
            Token::DictEnd,
        ]
    );
}

#[test]
fn lexer_errors_name_the_offset() {
    let mut lexer = Lexer::new(b"  /A#4", 0);
    assert!(matches!(
        lexer.next_token(),
        Err(PdfError::Syntax { offset: 4, .. })
    ));
    let mut lexer = Lexer::new(b"(unclosed", 0);
    assert!(matches!(
        lexer.next_token(),
        Err(PdfError::Truncated { offset: 0, .. })
    ));
    let mut lexer = Lexer::new(b"<4G>", 0);
    assert!(matches!(
        lexer.next_token(),
        Err(PdfError::Syntax { offset: 2, .. })
    ));
    let mut lexer = Lexer::new(b"99999999999999999999", 0);
    assert!(matches!(lexer.next_token(), Err(PdfError::Syntax { .. })));
}

#[test]
fn classic_file_parses_objects_and_streams() {
    let pdf = minimal();
    let doc = Document::parse(&pdf).unwrap();
    assert_eq!(doc.revisions().len(), 1);
    let rev = &doc.revisions()[0];
    assert_eq!(
        (rev.start, rev.end, rev.kind),
        (0, pdf.len(), XrefKind::Table)
    );
    assert_eq!(rev.objects.len(), 5);
    let page = doc.object(ObjRef::new(3, 0)).unwrap();
    let page = page.as_dict().unwrap();
    assert_eq!(page.get_reference(b"Parent"), Some(ObjRef::new(2, 0)));
    assert_eq!(
        page.get(b"MediaBox"),
        Some(&Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Integer(612),
            Object::Integer(792)
        ]))
    );
    let Object::Stream(stream) = doc.object(ObjRef::new(4, 0)).unwrap() else {
        panic!("a stream")
    };
    assert!(!stream.length_recovered);
    assert_eq!(doc.stream_data(&stream).unwrap(), b"BT ET q Q");
    // An undefined object is null (§7.3.10); a wrong generation is an error.
    assert_eq!(doc.object(ObjRef::new(40, 0)).unwrap(), Object::Null);
    assert!(matches!(
        doc.object(ObjRef::new(3, 1)),
        Err(PdfError::MissingObject { .. })
    ));
}

#[test]
fn wrong_or_indirect_length_is_recovered_and_flagged() {
    let pdf = classic(
        &[
            (1, "<< /Type /Catalog >>"),
            (2, "<< /Length 3 0 R >>\nstream\nhello\nendstream"),
            (3, "5"),
            (4, "<< /Length 999999 >>\nstream\nworld\nendstream"),
        ],
        "",
    );
    let doc = Document::parse(&pdf).unwrap();
    let Object::Stream(s2) = doc.object(ObjRef::new(2, 0)).unwrap() else {
        panic!()
    };
    assert!(!s2.length_recovered);
    assert_eq!(doc.stream_data(&s2).unwrap(), b"hello");
    let Object::Stream(s4) = doc.object(ObjRef::new(4, 0)).unwrap() else {
        panic!()
    };
    assert!(s4.length_recovered);
    assert_eq!(doc.stream_data(&s4).unwrap(), b"world");
}

fn flate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A file with an object stream and a cross-reference stream using the PNG Up predictor.
pub(crate) fn xref_stream_file() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let objstm_body =
        b"1 0 2 34 << /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [] /Count 0 >>";
    let header_len = 9; // "1 0 2 32 "
    assert_eq!(&objstm_body[header_len + 34..header_len + 36], b"<<");
    let data = flate(objstm_body);
    let objstm_at = out.len();
    write!(out, "3 0 obj\n<< /Type /ObjStm /N 2 /First {header_len} /Filter /FlateDecode /Length {} >>\nstream\n", data.len()).unwrap();
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref_at = out.len();
    // Rows: type(1) field2(4) field3(1), PNG Up predicted (row type 2).
    let rows: Vec<[u8; 6]> = vec![
        [0, 0, 0, 0, 0, 255],
        [2, 0, 0, 0, 3, 0],
        [2, 0, 0, 0, 3, 1],
        [1, 0, 0, 0, objstm_at as u8, 0],
        [1, 0, 0, (xref_at >> 8) as u8, xref_at as u8, 0],
    ];
    let mut predicted = Vec::new();
    let mut prev = [0u8; 6];
    for row in &rows {
        predicted.push(2);
        for i in 0..6 {
            predicted.push(row[i].wrapping_sub(prev[i]));
        }
        prev = *row;
    }
    let data = flate(&predicted);
    write!(out, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 >> /Length {} >>\nstream\n", data.len()).unwrap();
    out.extend_from_slice(&data);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").unwrap();
    out
}

#[test]
fn xref_stream_and_object_stream() {
    let pdf = xref_stream_file();
    let doc = Document::parse(&pdf).unwrap();
    assert_eq!(doc.last_revision().kind, XrefKind::Stream);
    assert_eq!(
        doc.entry_at(2, 1),
        Some(XrefEntry::InStream {
            stream: 3,
            index: 1
        })
    );
    assert_eq!(
        doc.catalog().unwrap().get_reference(b"Pages"),
        Some(ObjRef::new(2, 0))
    );
    let pages = doc.object(ObjRef::new(2, 0)).unwrap();
    assert_eq!(pages.as_dict().unwrap().get_integer(b"Count"), Some(0));
    // The stream keys are not part of the trailer.
    assert!(doc.trailer().get(b"W").is_none());
    assert_eq!(doc.trailer().get_integer(b"Size"), Some(5));
}

/// `base` plus one appended revision holding `objects`, a classic table with /Prev.
fn append(base: &[u8], objects: &[(u32, &str)], size: u32) -> Vec<u8> {
    let doc = Document::parse(base).unwrap();
    let prev = doc.last_revision().xref_offset;
    let mut out = base.to_vec();
    let mut offsets = Vec::new();
    for (num, body) in objects {
        offsets.push((*num, out.len()));
        write!(out, "{num} 0 obj\n{body}\nendobj\n").unwrap();
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n");
    for (num, offset) in &offsets {
        write!(out, "{num} 1\n{offset:010} 00000 n \n").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\r\n"
    )
    .unwrap();
    out
}

#[test]
fn incremental_revisions_have_spans_and_views() {
    let v1 = minimal();
    let v2 = append(&v1, &[(3, "<< /Type /Page /Parent 2 0 R /Rotate 90 >>")], 5);
    let v3 = append(&v2, &[(5, "(new)")], 6);
    let doc = Document::parse(&v3).unwrap();
    let revs = doc.revisions();
    assert_eq!(revs.len(), 3);
    assert_eq!((revs[0].start, revs[0].end), (0, v1.len()));
    assert_eq!((revs[1].start, revs[1].end), (v1.len(), v2.len()));
    assert_eq!((revs[2].start, revs[2].end), (v2.len(), v3.len()));
    assert_eq!(
        revs[1].objects.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        vec![ObjRef::new(3, 0)]
    );
    let page = ObjRef::new(3, 0);
    assert!(
        doc.object_at(page, 1)
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"Rotate")
            .is_none()
    );
    assert_eq!(
        doc.object_at(page, 2)
            .unwrap()
            .as_dict()
            .unwrap()
            .get_integer(b"Rotate"),
        Some(90)
    );
    assert_eq!(doc.object_at(ObjRef::new(5, 0), 2).unwrap(), Object::Null);
    assert_eq!(
        doc.object(ObjRef::new(5, 0)).unwrap(),
        Object::String(b"new".to_vec())
    );
}

#[test]
fn bad_inputs_give_clear_errors() {
    let pdf = minimal();
    // Truncated: no startxref.
    let cut = &pdf[..pdf.len() / 2];
    assert!(matches!(Document::parse(cut), Err(PdfError::Xref { .. })));
    // Not a PDF.
    assert!(matches!(
        Document::parse(b"hello"),
        Err(PdfError::Syntax { offset: 0, .. })
    ));
    // startxref past the end.
    let mut bad = pdf.clone();
    let at = bad.windows(9).rposition(|w| w == b"startxref").unwrap();
    bad.truncate(at);
    bad.extend_from_slice(b"startxref\n999999\n%%EOF\n");
    assert!(matches!(Document::parse(&bad), Err(PdfError::Xref { .. })));
    // Broken table entry.
    let broken = replace(&pdf, b"00000 n", b"00000 x");
    assert!(matches!(
        Document::parse(&broken),
        Err(PdfError::Xref { .. })
    ));
    // A /Prev loop.
    let xref = doc_xref(&pdf);
    let looped = replace(
        &pdf,
        b"/Root 1 0 R  >>",
        format!("/Root 1 0 R /Prev {xref} >>").as_bytes(),
    );
    let result = Document::parse(&looped);
    assert!(
        matches!(result, Err(PdfError::PrevLoop { .. })),
        "{result:?}"
    );
    // Deep nesting.
    let deep = classic(
        &[(1, &format!("{}{}", "[".repeat(100), "]".repeat(100)))],
        "",
    );
    let doc = Document::parse(&deep).unwrap();
    assert!(matches!(
        doc.object(ObjRef::new(1, 0)),
        Err(PdfError::Limit { limit: 64, .. })
    ));
    // Size limit.
    let limits = Limits {
        max_file_size: 10,
        ..Limits::default()
    };
    assert!(matches!(
        Document::parse_with(&pdf, limits),
        Err(PdfError::TooLarge { .. })
    ));
    // A reference cycle through /Length.
    let cyc = classic(
        &[
            (1, "<< /Type /Catalog >>"),
            (2, "<< /Length 2 0 R >>\nstream\nab\nendstream"),
        ],
        "",
    );
    let doc = Document::parse(&cyc).unwrap();
    let Object::Stream(s) = doc.object(ObjRef::new(2, 0)).unwrap() else {
        panic!()
    };
    assert!(s.length_recovered);
}

fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

fn doc_xref(pdf: &[u8]) -> usize {
    Document::parse(pdf).unwrap().last_revision().xref_offset
}

#[test]
fn decoded_stream_size_is_bounded() {
    let big = flate(&vec![0u8; 1 << 20]);
    let mut out = minimal();
    // Reuse the helper with a binary stream: build it by hand.
    out.clear();
    let pdf = {
        let mut objects: Vec<(u32, String)> = vec![(1, "<< /Type /Catalog >>".into())];
        objects.push((
            2,
            format!("<< /Filter /FlateDecode /Length {} >>\nstream\n", big.len()),
        ));
        let mut bytes = b"%PDF-1.7\n".to_vec();
        let o1 = bytes.len();
        bytes.extend_from_slice(b"1 0 obj\n<< /Type /Catalog >>\nendobj\n");
        let o2 = bytes.len();
        bytes.extend_from_slice(b"2 0 obj\n");
        bytes.extend_from_slice(objects[1].1.as_bytes());
        bytes.extend_from_slice(&big);
        bytes.extend_from_slice(b"\nendstream\nendobj\n");
        let x = bytes.len();
        write!(bytes, "xref\n0 3\n0000000000 65535 f \n{o1:010} 00000 n \n{o2:010} 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n").unwrap();
        bytes
    };
    let limits = Limits {
        max_stream_size: 1000,
        ..Limits::default()
    };
    let doc = Document::parse_with(&pdf, limits).unwrap();
    let Object::Stream(s) = doc.object(ObjRef::new(2, 0)).unwrap() else {
        panic!()
    };
    assert!(matches!(
        doc.stream_data(&s),
        Err(PdfError::Limit { limit: 1000, .. })
    ));
}

pub(crate) fn signed_form() -> Vec<u8> {
    classic(
        &[
            (
                1,
                "<< /Type /Catalog /AcroForm 2 0 R /Perms << /DocMDP 6 0 R >> /DSS 8 0 R >>",
            ),
            (2, "<< /Fields [3 0 R] /SigFlags 3 >>"),
            (3, "<< /T (parent) /FT /Sig /Kids [4 0 R 5 0 R] >>"),
            (4, "<< /T (a) /Subtype /Widget /P 7 0 R /V 6 0 R >>"),
            (5, "<< /T (b) /Kids [10 0 R] >>"),
            (
                6,
                "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30] /Contents <3082 01> /Reason (\\376\\377\\000o\\000k) /M (D:20250320103000Z) /Reference [<< /TransformMethod /DocMDP /TransformParams << /P 2 >> >>] >>",
            ),
            (7, "<< /Type /Page >>"),
            (8, "<< /Certs [9 0 R] /VRI << /ABC << >> >> >>"),
            (9, "<< /Length 3 >>\nstream\nabc\nendstream"),
            (10, "<< /Subtype /Widget /P 7 0 R >>"),
        ],
        "",
    )
}

#[test]
fn signature_fields_dictionaries_docmdp_and_dss() {
    let pdf = signed_form();
    let doc = Document::parse(&pdf).unwrap();
    let fields = doc.signature_fields().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["parent.a", "parent.b"]);
    assert_eq!(fields[0].widgets, vec![ObjRef::new(4, 0)]);
    assert_eq!(fields[0].pages, vec![ObjRef::new(7, 0)]);
    assert_eq!(fields[0].value, Some(ObjRef::new(6, 0)));
    assert_eq!(fields[1].widgets, vec![ObjRef::new(10, 0)]);
    assert_eq!(fields[1].value, None);

    let sig = doc.signature_dictionary(ObjRef::new(6, 0)).unwrap();
    assert_eq!(sig.type_, SignatureType::Sig);
    assert_eq!(sig.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert_eq!(sig.byte_range, Some(vec![0, 10, 20, 30]));
    assert_eq!(sig.contents.as_deref(), Some(&[0x30, 0x82, 0x01][..]));
    let (start, end) = sig.contents_span.unwrap();
    assert_eq!(&pdf[start..end], b"<3082 01>");
    assert_eq!(sig.reason.as_deref(), Some("ok"));
    assert_eq!(sig.m.as_deref(), Some("D:20250320103000Z"));
    assert_eq!(sig.docmdp, Some(2));
    assert_eq!(
        doc.docmdp_permissions().unwrap(),
        Some(DocMdp {
            signature: ObjRef::new(6, 0),
            permissions: 2
        })
    );
    let dss = doc.dss().unwrap().unwrap();
    assert_eq!(dss.certs, vec![b"abc".to_vec()]);
    assert!(dss.crls.is_empty() && dss.ocsps.is_empty());
    assert_eq!(dss.vri_entries, 1);
}

#[test]
fn field_cycles_are_refused() {
    let pdf = classic(
        &[
            (1, "<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>"),
            (2, "<< /T (x) /FT /Sig /Kids [3 0 R] >>"),
            (3, "<< /T (y) /Kids [2 0 R] >>"),
        ],
        "",
    );
    let doc = Document::parse(&pdf).unwrap();
    assert!(matches!(
        doc.signature_fields(),
        Err(PdfError::Structure { .. })
    ));
}

#[test]
fn text_strings_decode() {
    assert_eq!(decode_text_string(b"\xfe\xff\x06\x33\x06\x45"), "سم");
    assert_eq!(decode_text_string(b"\xef\xbb\xbfok"), "ok");
    assert_eq!(decode_text_string(b"a\x80\xa0"), "a\u{2022}\u{20AC}");
}

/// A hybrid file (§7.5.8.4): a classic table for old readers, and an `/XRefStm` stream
/// listing the objects kept in an object stream.
#[test]
fn hybrid_file_reads_the_hidden_xref_stream() {
    let mut out = b"%PDF-1.5\n".to_vec();
    let body = b"1 0 2 34 << /Type /Catalog /Pages 2 0 R >> << /Type /Pages /Kids [] /Count 0 >>";
    let objstm_at = out.len();
    write!(
        out,
        "3 0 obj\n<< /Type /ObjStm /N 2 /First 9 /Length {} >>\nstream\n",
        body.len()
    )
    .unwrap();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let stm_at = out.len();
    let rows = [2u8, 0, 3, 0, 2, 0, 3, 1];
    write!(
        out,
        "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Index [1 2] /Length {} >>\nstream\n",
        rows.len()
    )
    .unwrap();
    out.extend_from_slice(&rows);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    write!(
        out,
        "xref\n0 1\n0000000000 65535 f \n3 2\n{objstm_at:010} 00000 n \n{stm_at:010} 00000 n \ntrailer\n<< /Size 5 /Root 1 0 R /XRefStm {stm_at} >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .unwrap();
    let doc = Document::parse(&out).unwrap();
    assert_eq!(doc.revisions().len(), 1);
    assert_eq!(doc.last_revision().kind, XrefKind::Table);
    assert_eq!(
        doc.entry_at(1, 1),
        Some(XrefEntry::InStream {
            stream: 3,
            index: 0
        })
    );
    let pages = doc.object(ObjRef::new(2, 0)).unwrap();
    assert_eq!(
        pages.as_dict().unwrap().get_name(b"Type"),
        Some(&b"Pages"[..])
    );
    assert!(doc.trailer().get_integer(b"XRefStm").is_some());
}

/// An object stream whose `/Filter` is a reference into itself: a cycle, reported.
#[test]
fn object_stream_filter_cycle_is_an_error() {
    let mut out = b"%PDF-1.7\n".to_vec();
    let body = b"1 0 2 20 << /Type /Catalog >>      /FlateDecode";
    let objstm_at = out.len();
    write!(
        out,
        "3 0 obj\n<< /Type /ObjStm /N 2 /First 9 /Filter 2 0 R /Length {} >>\nstream\n",
        body.len()
    )
    .unwrap();
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    let rows = [
        2u8,
        0,
        3,
        0,
        2,
        0,
        3,
        1,
        1,
        0,
        objstm_at as u8,
        0,
        1,
        0,
        0,
        0,
    ];
    let xref_row = [1u8, (xref >> 8) as u8, xref as u8, 0];
    write!(out, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Index [1 4] /Root 1 0 R /Length 16 >>\nstream\n").unwrap();
    out.extend_from_slice(&rows[..12]);
    out.extend_from_slice(&xref_row);
    write!(out, "\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").unwrap();
    let doc = Document::parse(&out).unwrap();
    assert!(
        matches!(
            doc.catalog(),
            Err(PdfError::ReferenceCycle { .. })
                | Err(PdfError::MissingObject { .. })
                | Err(PdfError::Structure { .. })
        ),
        "{:?}",
        doc.catalog()
    );
}

/// Walks everything the reader offers, as the fuzz target does; errors are fine, panics
/// are not.
fn walk(bytes: &[u8]) {
    let Ok(doc) = Document::parse(bytes) else {
        return;
    };
    for revision in doc.revisions() {
        for (id, _) in &revision.objects {
            if let Ok(Object::Stream(stream)) = doc.object_at(*id, revision.number) {
                let _ = doc.stream_data(&stream);
            }
        }
    }
    if let Ok(fields) = doc.signature_fields() {
        for field in fields {
            if let Some(value) = field.value {
                let _ = doc.signature_dictionary(value);
            }
        }
    }
    let _ = (doc.docmdp_permissions(), doc.dss());
}

/// Every truncation of the test files, and every byte replaced by a delimiter, a digit or
/// a space: the reader answers each with a value or an error (the fuzz target explores
/// further; this runs under plain `cargo test`).
#[test]
fn truncated_and_corrupted_files_never_panic() {
    for file in [minimal(), signed_form(), xref_stream_file()] {
        for end in 0..file.len() {
            walk(&file[..end]);
        }
        for at in 0..file.len() {
            for replacement in [b'<', b'(', b'9', b' ', b'[', 0xff] {
                let mut corrupted = file.clone();
                corrupted[at] = replacement;
                walk(&corrupted);
            }
        }
    }
}

/// A /Prev pointing forward outside a linearized file would merge two revisions into one
/// and hide a boundary: refused.
#[test]
fn forward_prev_outside_linearized_files_is_refused() {
    let v1 = minimal();
    let v2 = append(&v1, &[(5, "(second)")], 6);
    let xref1 = doc_xref(&v1);
    let xref2 = doc_xref(&v2);
    // A third section placed between: its /Prev points forward to revision 2's section.
    let mut v3 = v2.clone();
    let obj = v3.len();
    v3.extend_from_slice(b"6 0 obj\n(third)\nendobj\n");
    let xref3 = v3.len();
    write!(v3, "xref\n6 1\n{obj:010} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev {xref1} >>\nstartxref\n{xref3}\n%%EOF\n").unwrap();
    // Sanity: a well-formed chain.
    assert_eq!(Document::parse(&v3).unwrap().revisions().len(), 2);
    let forward = replace(
        &v3,
        format!("/Prev {xref1} >>\nstartxref\n{xref3}").as_bytes(),
        format!("/Prev {xref2} >>\nstartxref\n{xref3}").as_bytes(),
    );
    assert_eq!(Document::parse(&forward).unwrap().revisions().len(), 3);
    // Now make revision 2's section point forward to revision 3's.
    let mut hijacked = replace(
        &v2,
        format!("/Prev {xref1} >>").as_bytes(),
        format!("/Prev {xref3} >>").as_bytes(),
    );
    hijacked.extend_from_slice(&v3[v2.len()..]);
    let hijacked = replace(
        &hijacked,
        format!("startxref\n{xref3}\n%%EOF\n").as_bytes(),
        format!("startxref\n{xref2}\n%%EOF\n").as_bytes(),
    );
    let result = Document::parse(&hijacked);
    assert!(matches!(result, Err(PdfError::Xref { .. })), "{result:?}");
}

/// Two cross-reference sections sharing one `%%EOF`: the newer one lies inside the older
/// revision's span, so the spans would overlap. Refused.
#[test]
fn update_inside_earlier_revision_span_is_refused() {
    let v1 = minimal();
    let xref1 = doc_xref(&v1);
    let tail = v1.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut bytes = v1[..tail].to_vec();
    let second = bytes.len();
    write!(
        bytes,
        "xref\n5 0\ntrailer\n<< /Size 5 /Root 1 0 R /Prev {xref1} >>\nstartxref\n{second}\n%%EOF\n"
    )
    .unwrap();
    let result = Document::parse(&bytes);
    assert!(matches!(result, Err(PdfError::Xref { .. })), "{result:?}");
}

/// Error messages say where (a byte offset) and what; the crate-wide error carries them.
#[test]
fn error_messages_name_the_place() {
    let pdf = minimal();
    let cut = &pdf[..pdf.len() / 2];
    let message = Document::parse(cut).unwrap_err().to_string();
    assert!(
        message.contains("startxref") && message.contains("byte"),
        "{message}"
    );
    let broken = replace(&pdf, b"00000 n", b"00000 x");
    let message = Document::parse(&broken).unwrap_err().to_string();
    assert!(
        message.contains("expected 'n' or 'f'") && message.contains("byte"),
        "{message}"
    );
    let deep = classic(
        &[(1, &format!("{}{}", "[".repeat(100), "]".repeat(100)))],
        "",
    );
    let doc = Document::parse(&deep).unwrap();
    let error: crate::Error = doc.object(ObjRef::new(1, 0)).unwrap_err().into();
    assert!(error.to_string().contains("more than 64 levels"), "{error}");
}
