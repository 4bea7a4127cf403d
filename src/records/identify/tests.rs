//! Signature rules of `spec/formats.md` §2 on hand-made bytes, and the streaming window.

use proptest::prelude::*;

use super::*;

fn puid(bytes: &[u8]) -> &'static str {
    identify(bytes).puid
}

#[test]
fn pdf_versions_and_pdfa_claims() {
    assert_eq!(puid(b"%PDF-1.4\n"), "fmt/18");
    assert_eq!(puid(b"%PDF-2.0\n"), "fmt/1129");
    assert_eq!(puid(b"%PDF-9.9\n"), "UNKNOWN");
    assert_eq!(identify(b"%PDF-9.9\n").mime, "application/pdf");
    assert_eq!(puid(b"%PDF-"), "UNKNOWN");
    let element =
        b"%PDF-1.4\n<pdfaid:part>1</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>";
    assert_eq!(puid(element), "fmt/95");
    let attribute = b"%PDF-1.7\n<rdf:Description pdfaid:part='3' pdfaid:conformance=\"U\"/>";
    assert_eq!(puid(attribute), "fmt/481");
    // A part without a conformance letter (PDF/A-4) or a part 5 is plain PDF.
    assert_eq!(puid(b"%PDF-2.0\n<pdfaid:part>4</pdfaid:part>"), "fmt/1129");
    assert_eq!(puid(b"%PDF-1.7\n<pdfaid:part>5</pdfaid:part>"), "fmt/276");
    // A name cut at the end of the input is no claim.
    assert_eq!(puid(b"%PDF-1.7\n<pdfaid:part"), "fmt/276");
}

#[test]
fn pdfa_claim_in_the_tail_window_is_found() {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(HEAD_BYTES + 3 * TAIL_BYTES, b' ');
    pdf.extend_from_slice(
        b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>",
    );
    pdf.extend_from_slice(&[b' '; 1000]);
    assert_eq!(puid(&pdf), "fmt/477");
    // In the middle, beyond both windows: plain PDF (spec/formats.md §2, the safe direction).
    let mut middle = b"%PDF-1.7\n".to_vec();
    middle.resize(HEAD_BYTES + TAIL_BYTES, b' ');
    middle.extend_from_slice(
        b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>",
    );
    middle.resize(middle.len() + 2 * TAIL_BYTES, b' ');
    assert_eq!(puid(&middle), "fmt/276");
}

#[test]
fn images() {
    assert_eq!(puid(b"\x89PNG\r\n\x1a\n"), "fmt/13");
    assert_eq!(puid(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02"), "fmt/44");
    assert_eq!(puid(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x00"), "fmt/42");
    assert_eq!(puid(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00"), "fmt/41");
    assert_eq!(puid(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "fmt/41");
    assert_eq!(puid(b"MM\x00*\x00\x00\x00\x08"), "fmt/353");
    assert_eq!(puid(b"II*\x00"), "fmt/353");
}

#[test]
fn text_json_and_xml() {
    assert_eq!(puid(b"{\"a\": 1}"), "fmt/817");
    assert_eq!(puid(b"\xef\xbb\xbf [1, 2, 3]\n"), "fmt/817");
    assert_eq!(puid(b"{\"a\": }"), "x-fmt/111", "broken JSON is still text");
    assert_eq!(puid(b"<?xml version=\"1.0\"?><a/>"), "fmt/101");
    assert_eq!(puid(b"<a><b>t</b></a>"), "fmt/101");
    assert_eq!(
        puid(b"<a><b>t</a>"),
        "x-fmt/111",
        "mismatched tags are not XML"
    );
    assert_eq!(puid("سلام\r\n".as_bytes()), "x-fmt/111");
    assert_eq!(puid(b"a\x00b"), "UNKNOWN", "NUL is not text");
    assert_eq!(puid(b"\xff\xfe"), "UNKNOWN", "not UTF-8");
    assert_eq!(puid(b""), "UNKNOWN");
}

#[test]
fn large_json_is_judged_by_its_start() {
    let mut json = b"[".to_vec();
    while json.len() < HEAD_BYTES + 10 {
        json.extend_from_slice(b"1234567,");
    }
    json.extend_from_slice(b"0]");
    assert_eq!(puid(&json), "fmt/817");
    // A multi-byte character cut by the head window does not make it "not UTF-8".
    let mut text = "ب".repeat(HEAD_BYTES / 2 + 1).into_bytes();
    text.insert(0, b'x');
    assert_eq!(puid(&text), "x-fmt/111");
}

#[test]
fn zip_containers() {
    // A hand-made stored ODF whose mimetype says text and whose manifest says 1.3.
    let mut odf = Vec::new();
    for (name, data) in [
        (
            &b"mimetype"[..],
            &b"application/vnd.oasis.opendocument.text"[..],
        ),
        (
            b"META-INF/manifest.xml",
            b"<manifest:manifest manifest:version=\"1.3\"/>",
        ),
    ] {
        odf.extend_from_slice(b"PK\x03\x04");
        odf.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        odf.extend_from_slice(&(data.len() as u32).to_le_bytes());
        odf.extend_from_slice(&(data.len() as u32).to_le_bytes());
        odf.extend_from_slice(&(name.len() as u16).to_le_bytes());
        odf.extend_from_slice(&[0, 0]);
        odf.extend_from_slice(name);
        odf.extend_from_slice(data);
    }
    let id = identify(&odf);
    assert_eq!((id.puid, id.version.as_deref()), ("fmt/1756", Some("1.3")));
    // Truncated headers and sizes that point past the end never panic.
    for cut in 0..odf.len() {
        let _ = identify(&odf[..cut]);
    }
    assert_eq!(puid(b"PK\x03\x04"), "x-fmt/263");
}

proptest! {
    #[test]
    fn streaming_in_pieces_equals_identifying_whole(
        prefix in prop::sample::select(vec![&b"%PDF-1.7\n"[..], b"PK\x03\x04", b"{", b"", b"\xff\xd8\xff"]),
        body in prop::collection::vec(any::<u8>(), 0..5000),
        repeat in 0usize..3,
        piece in 1usize..4096,
    ) {
        let mut data = prefix.to_vec();
        // Sometimes large enough to use both windows and wrap the tail ring.
        let filler = vec![b'x'; repeat * (HEAD_BYTES + TAIL_BYTES / 2 + 17)];
        data.extend_from_slice(&filler);
        data.extend_from_slice(&body);
        let mut sniffer = Sniffer::default();
        for chunk in data.chunks(piece.max(1)) {
            sniffer.update(chunk);
        }
        prop_assert_eq!(sniffer.total(), data.len() as u64);
        prop_assert_eq!(sniffer.finish(), identify(&data));
        // The tail window holds exactly the last bytes after the head.
        let after_head = data.len().saturating_sub(HEAD_BYTES);
        let want = &data[data.len() - after_head.min(TAIL_BYTES)..];
        let mut ordered = sniffer.tail[sniffer.tail_start..].to_vec();
        ordered.extend_from_slice(&sniffer.tail[..sniffer.tail_start]);
        prop_assert_eq!(&ordered[..], want);
    }
}
