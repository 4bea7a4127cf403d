//! The PDF reader and writer judged by tools nobody here wrote: `qpdf` (cross-reference
//! entries, objects, stream data, `--check` of our updates), `pdftotext` (the diploma's
//! text survives an update) and poppler's `pdfsig` (signature fields and byte ranges of
//! PDFs signed by pyHanko). Inputs: our rendered diplomas, their `qpdf --object-streams=
//! generate` and `qpdf --qdf` rewrites, chains of incremental updates, and the pyHanko-signed
//! files under `tests/data/pades/`.

mod diploma_fixtures;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use samad::pdf::reader::{Dict, Document, ObjRef, Object, XrefEntry};
use samad::pdf::writer::IncrementalUpdate;

fn diploma() -> Vec<u8> {
    let records = diploma_fixtures::batch();
    let fonts = samad::diploma::DiplomaFonts::prepare(&records).expect("fonts");
    samad::diploma::render(&records[0], &fonts, diploma_fixtures::CREATED).expect("render")
}

/// A scratch directory per test: the tests run in parallel.
fn scratch(test: &str) -> PathBuf {
    diploma_fixtures::scratch(&format!("pdf-reader/{test}"))
}

fn qpdf() -> Option<PathBuf> {
    support::tool(
        "qpdf",
        &["qpdf"],
        "apt-get install qpdf (scripts/apt-packages.txt)",
    )
}

fn run(tool: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(tool).args(args).output().expect("run tool");
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}",
        tool.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn write(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(test).join(name);
    std::fs::write(&path, bytes).expect("write scratch file");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The diploma as rendered, rewritten by qpdf with object and xref streams, as QDF, and
/// linearized.
fn variants(test: &str, qpdf: &Path) -> Vec<(String, Vec<u8>)> {
    let original = write(test, "diploma.pdf", &diploma());
    let objstm = scratch(test).join("diploma-objstm.pdf");
    run(
        qpdf,
        &["--object-streams=generate", s(&original), s(&objstm)],
    );
    let qdf = scratch(test).join("diploma-qdf.pdf");
    run(qpdf, &["--qdf", s(&original), s(&qdf)]);
    // Linearized: a first-page cross-reference whose /Prev points forward to the main one.
    let linearized = scratch(test).join("diploma-linearized.pdf");
    run(
        qpdf,
        &[
            "--linearize",
            "--object-streams=generate",
            s(&original),
            s(&linearized),
        ],
    );
    [original, objstm, qdf, linearized]
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("read variant"),
            )
        })
        .collect()
}

/// Parses one object as qpdf prints it (`--show-object`), with our own parser of the text.
fn parse_qpdf_object(text: &[u8]) -> (bool, Object) {
    let (is_stream, body) = match text.strip_prefix(b"Object is stream.  Dictionary:\n") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // Wrap the object in a one-object file so the public reader parses it.
    let mut pdf = b"%PDF-1.7\n1 0 obj\n".to_vec();
    pdf.extend_from_slice(body);
    pdf.extend_from_slice(b"\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    let doc = Document::parse(&pdf).expect("qpdf's object text parses");
    (
        is_stream,
        doc.object(ObjRef::new(1, 0)).expect("qpdf's object"),
    )
}

/// Compares our reading of `pdf` with qpdf's: every cross-reference entry, the trailer's
/// /Root, every object (dictionaries and values) and decoded stream data.
fn compare_with_qpdf(test: &str, qpdf: &Path, name: &str, pdf: &[u8]) {
    let path = write(test, "compare.pdf", pdf);
    let doc = Document::parse(pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
    let last = doc.revisions().len();
    let xref = String::from_utf8(run(qpdf, &["--show-xref", s(&path)])).expect("utf-8");
    let mut in_use = 0;
    for line in xref.lines() {
        let (id, rest) = line.split_once(": ").expect("N/G: ...");
        let (num, generation) = id.split_once('/').expect("N/G");
        let num: u32 = num.parse().expect("num");
        let generation: u16 = generation.parse().expect("generation");
        let entry = doc.entry_at(num, last);
        if let Some(offset) = rest.strip_prefix("uncompressed; offset = ") {
            let offset: usize = offset.parse().expect("offset");
            assert_eq!(
                entry,
                Some(XrefEntry::InFile { offset, generation }),
                "{name}: {line}"
            );
            in_use += 1;
        } else if let Some(place) = rest.strip_prefix("compressed; stream = ") {
            let (stream, index) = place.split_once(", index = ").expect("stream, index");
            let expected = XrefEntry::InStream {
                stream: stream.parse().expect("stream"),
                index: index.parse().expect("index"),
            };
            assert_eq!(entry, Some(expected), "{name}: {line}");
            in_use += 1;
        }
    }
    let ours = doc
        .revisions()
        .iter()
        .flat_map(|r| r.objects.iter().map(|(id, _)| id.num))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|n| !matches!(doc.entry_at(*n, last), Some(XrefEntry::Free { .. }) | None))
        .count();
    assert_eq!(ours, in_use, "{name}: in-use object count");
    assert!(in_use > 10, "{name}: a diploma has more than 10 objects");

    let (_, trailer) = parse_qpdf_object(&run(qpdf, &["--show-object=trailer", s(&path)]));
    assert_eq!(
        trailer.as_dict().and_then(|t| t.get_reference(b"Root")),
        doc.trailer().get_reference(b"Root"),
        "{name}: /Root"
    );

    for line in xref.lines() {
        let id = line.split_once(':').map(|(id, _)| id).unwrap_or(line);
        let (num, generation) = id.split_once('/').expect("N/G");
        let object_ref = ObjRef::new(num.parse().expect("num"), generation.parse().expect("gen"));
        let shown = run(qpdf, &[&format!("--show-object={num}"), s(&path)]);
        let (is_stream, theirs) = parse_qpdf_object(shown.trim_ascii_end());
        let ours = doc
            .object(object_ref)
            .unwrap_or_else(|e| panic!("{name} {object_ref}: {e}"));
        match (&ours, is_stream) {
            (Object::Stream(stream), true) => {
                assert_eq!(
                    Some(&stream.dict),
                    theirs.as_dict(),
                    "{name}: {object_ref} dictionary"
                );
                assert!(
                    !stream.length_recovered,
                    "{name}: {object_ref} /Length is right"
                );
                let raw = run(
                    qpdf,
                    &[
                        &format!("--show-object={num}"),
                        "--raw-stream-data",
                        s(&path),
                    ],
                );
                assert!(
                    pdf[stream.data_range.clone()] == raw[..],
                    "{name}: {object_ref} raw data differs"
                );
                if matches!(stream.dict.get(b"Filter"), None | Some(Object::Name(_)))
                    && stream
                        .dict
                        .get_name(b"Filter")
                        .is_none_or(|f| f == b"FlateDecode")
                {
                    let filtered = run(
                        qpdf,
                        &[
                            &format!("--show-object={num}"),
                            "--filtered-stream-data",
                            s(&path),
                        ],
                    );
                    let decoded = doc
                        .stream_data(stream)
                        .unwrap_or_else(|e| panic!("{name}: {object_ref}: {e}"));
                    assert!(
                        decoded == filtered,
                        "{name}: {object_ref} decoded data differs"
                    );
                }
            }
            (ours, false) => assert_eq!(ours, &theirs, "{name}: {object_ref}"),
            (ours, true) => panic!(
                "{name}: {object_ref} is a stream for qpdf, {} for us",
                ours.type_name()
            ),
        }
    }
}

#[test]
fn reader_agrees_with_qpdf_on_diplomas_and_their_rewrites() {
    let Some(qpdf) = qpdf() else { return };
    let test = "agree";
    for (name, pdf) in variants(test, &qpdf) {
        compare_with_qpdf(test, &qpdf, &name, &pdf);
        let doc = Document::parse(&pdf).expect("parse");
        // A linearized file's two cross-reference sections are one revision.
        assert_eq!(doc.revisions().len(), 1, "{name}");
        assert_eq!(doc.last_revision().end, pdf.len(), "{name}");
        let fields: Vec<String> = doc
            .signature_fields()
            .expect("fields")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(
            fields,
            ["official-1", "official-2", "ministry-seal"],
            "{name}"
        );
    }
}

/// One incremental update: a new info-like object, a new compressed stream, and the
/// catalog replaced (a `/Lang` added).
fn update(pdf: &[u8], marker: &str) -> (Vec<u8>, ObjRef) {
    let doc = Document::parse(pdf).expect("parse before update");
    let mut update = IncrementalUpdate::new(&doc).expect("update");
    let mut dict = Dict::new();
    dict.set(b"Marker", Object::String(marker.as_bytes().to_vec()));
    dict.set(
        b"Numbers",
        Object::Array(vec![Object::Integer(-7), Object::Real(2.5)]),
    );
    let added = update.add_object(Object::Dict(dict));
    update
        .add_flate_stream(Dict::new(), marker.as_bytes())
        .expect("stream");
    let root = doc.trailer().get_reference(b"Root").expect("root");
    let mut catalog = doc.catalog().expect("catalog");
    catalog.set(b"Lang", Object::String(b"fa-IR".to_vec()));
    update.replace_object(root, Object::Dict(catalog));
    let bytes = update.finish().expect("finish");
    assert!(bytes.starts_with(pdf), "the original bytes are a prefix");
    (bytes, added)
}

#[test]
fn updates_pass_qpdf_check_and_keep_the_text() {
    let Some(qpdf) = qpdf() else { return };
    let Some(pdftotext) = support::poppler("pdftotext") else {
        return;
    };
    let test = "updates";
    for (name, pdf) in variants(test, &qpdf) {
        let before = Document::parse(&pdf).expect("parse");
        let kind = before.last_revision().kind;
        // Three updates in a row: a chain of four revisions.
        let mut current = pdf.clone();
        let mut added = Vec::new();
        for i in 0..3 {
            let (next, id) = update(&current, &format!("update {i}"));
            current = next;
            added.push(id);
        }
        let path = write(test, "updated.pdf", &current);
        let check = Command::new(&qpdf)
            .args(["--check", s(&path)])
            .output()
            .expect("qpdf");
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(
            check.status.success() && stderr.trim().is_empty(),
            "{name}: qpdf --check: {stderr}"
        );

        let doc = Document::parse(&current).expect("parse updated");
        assert_eq!(
            doc.revisions().len(),
            before.revisions().len() + 3,
            "{name}"
        );
        for (revision, next) in doc.revisions().iter().zip(doc.revisions().iter().skip(1)) {
            assert_eq!(revision.end, next.start, "{name}: revisions are contiguous");
        }
        assert_eq!(doc.last_revision().end, current.len());
        assert!(
            doc.revisions()
                .iter()
                .skip(before.revisions().len())
                .all(|r| r.kind == kind),
            "{name}: same xref kind"
        );
        for (i, id) in added.iter().enumerate() {
            let shown = run(&qpdf, &[&format!("--show-object={}", id.num), s(&path)]);
            let (_, theirs) = parse_qpdf_object(shown.trim_ascii_end());
            let dict = theirs.as_dict().expect("a dictionary");
            assert_eq!(
                dict.get(b"Marker"),
                Some(&Object::String(format!("update {i}").into_bytes())),
                "{name}"
            );
            assert_eq!(doc.object(*id).expect("ours"), theirs, "{name}");
        }
        compare_with_qpdf(test, &qpdf, &name, &current);

        let original_path = write(test, "original.pdf", &pdf);
        let text_before = run(&pdftotext, &[s(&original_path), "-"]);
        let text_after = run(&pdftotext, &[s(&path), "-"]);
        assert!(!text_before.trim_ascii().is_empty());
        assert_eq!(
            text_before, text_after,
            "{name}: pdftotext sees the same text"
        );
    }
}

#[test]
fn pyhanko_signed_files_read_like_pdfsig_sees_them() {
    let Some(pdfsig) = support::poppler("pdfsig") else {
        return;
    };
    let dir = support::repo_root().join("tests/data/pades");
    let mut seen = 0;
    for name in [
        "pyhanko-bb.pdf",
        "pyhanko-bt.pdf",
        "pyhanko-blt.pdf",
        "pyhanko-blta.pdf",
        "pyhanko-certified.pdf",
    ] {
        let path = dir.join(name);
        let Ok(pdf) = std::fs::read(&path) else {
            continue;
        };
        seen += 1;
        let doc = Document::parse(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        // pdfsig lists the filled signature fields with their signed ranges.
        let out = Command::new(&pdfsig)
            .args(["-nocert", s(&path)])
            .output()
            .expect("pdfsig");
        let report = String::from_utf8_lossy(&out.stdout);
        let names: Vec<&str> = report
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- Signature Field Name: "))
            .collect();
        let ranges: Vec<&str> = report
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- Signed Ranges: "))
            .collect();
        // pdfsig lists every signature field, signed or not, document time-stamps included,
        // and the signed ranges of the signed ones, in field order.
        let fields = doc.signature_fields().expect("fields");
        let ours: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            ours, names,
            "{name}: signature fields, as pdfsig lists them"
        );
        let signatures: Vec<_> = fields
            .iter()
            .filter_map(|f| f.value)
            .map(|v| doc.signature_dictionary(v).expect("signature dictionary"))
            .collect();
        assert_eq!(signatures.len(), ranges.len(), "{name}: signed fields");
        for (sig, range) in signatures.iter().zip(&ranges) {
            let br = sig.byte_range.as_ref().expect("ByteRange");
            assert_eq!(
                *range,
                format!("[{} - {}], [{} - {}]", br[0], br[1], br[2], br[2] + br[3]),
                "{name}"
            );
            let (start, end) = sig.contents_span.expect("contents span");
            assert_eq!(
                (start as i64, end as i64),
                (br[1], br[2]),
                "{name}: /Contents is the hole"
            );
            // The signature covers its revision up to that revision's %%EOF.
            let covered = (br[2] + br[3]) as usize;
            assert!(
                doc.revisions().iter().any(|r| r.end == covered),
                "{name}: a revision ends at {covered}"
            );
        }
        assert!(doc.revisions().len() >= 2, "{name}: incremental");
        if name.contains("blt") {
            let dss = doc.dss().expect("dss").expect("a DSS");
            assert!(!dss.certs.is_empty(), "{name}: DSS certificates");
        }
        if name.contains("certified") {
            assert_eq!(
                doc.docmdp_permissions()
                    .expect("docmdp")
                    .map(|d| d.permissions),
                Some(2)
            );
        }
    }
    assert!(
        seen > 0 || !support::full_suite(),
        "the pyHanko fixtures are missing"
    );
}

/// The view "as of revision k" checked against qpdf reading the file cut at revision k's
/// `%%EOF`: for every revision of the pyHanko-signed diplomas (several incremental updates
/// made by another tool), qpdf's entries and objects of the cut file are what
/// `object_at(_, k)` answers on the whole file.
#[test]
fn revision_views_match_qpdf_on_the_cut_file() {
    let Some(qpdf) = qpdf() else { return };
    let test = "as-of";
    let dir = support::repo_root().join("tests/data/pades");
    for name in ["pyhanko-certified.pdf", "pyhanko-blta.pdf"] {
        let Ok(pdf) = std::fs::read(dir.join(name)) else {
            assert!(!support::full_suite(), "{name} is missing");
            continue;
        };
        let doc = Document::parse(&pdf).expect("parse");
        assert!(doc.revisions().len() >= 3, "{name}: several revisions");
        for revision in doc.revisions() {
            let cut = &pdf[..revision.end];
            let label = format!("{name} cut at revision {}", revision.number);
            compare_with_qpdf(test, &qpdf, &label, cut);
            let view = Document::parse(cut).expect("the cut file parses");
            assert_eq!(view.revisions().len(), revision.number, "{label}");
            let path = write(test, "cut.pdf", cut);
            let xref = String::from_utf8(run(&qpdf, &["--show-xref", s(&path)])).expect("utf-8");
            for line in xref.lines() {
                let (id, _) = line.split_once(':').expect("N/G:");
                let (num, generation) = id.split_once('/').expect("N/G");
                let id = ObjRef::new(num.parse().expect("num"), generation.parse().expect("gen"));
                assert_eq!(
                    doc.object_at(id, revision.number).expect("as of"),
                    view.object(id).expect("cut"),
                    "{label}: {id}"
                );
            }
        }
    }
}
