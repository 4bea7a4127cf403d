//! Format identification against files made by outside programs
//! (`scripts/make-format-corpus.sh`: ghostscript, qpdf, ImageMagick, python-docx, odfpy,
//! Python's zipfile/json/xml) and against `file --mime-type`.
//!
//! Each file's PUID is compared with the one PRONOM assigns to what the program wrote; its
//! MIME type with what `file` says. Where the two MIME answers differ, the difference must
//! be one of [`KNOWN_DISAGREEMENTS`], each with its reason.

use std::path::Path;
use std::process::Command;

use samad::clock::FixedClock;
use samad::records::{Agent, CaptureFacts, RecordId, SecurityClass, capture};
use time::macros::datetime;

mod support;

/// File name → (PUID, MIME, version) samad must report.
const EXPECTED: [(&str, &str, &str, Option<&str>); 16] = [
    ("gs-1.4.pdf", "fmt/18", "application/pdf", Some("1.4")),
    ("gs-pdfa1.pdf", "fmt/354", "application/pdf", Some("1.4")),
    ("gs-pdfa2.pdf", "fmt/477", "application/pdf", Some("1.7")),
    ("gs-pdfa3.pdf", "fmt/480", "application/pdf", Some("1.7")),
    ("qpdf-1.5.pdf", "fmt/19", "application/pdf", Some("1.5")),
    ("qpdf-1.7.pdf", "fmt/276", "application/pdf", Some("1.7")),
    ("im.png", "fmt/13", "image/png", Some("1.2")),
    ("im.jpg", "fmt/43", "image/jpeg", Some("1.01")),
    ("im-le.tif", "fmt/353", "image/tiff", None),
    ("im-be.tif", "fmt/353", "image/tiff", None),
    (
        "python-docx.docx",
        "fmt/412",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("2007 onwards"),
    ),
    (
        "odfpy.odt",
        "fmt/291",
        "application/vnd.oasis.opendocument.text",
        Some("1.2"),
    ),
    ("python.zip", "x-fmt/263", "application/zip", None),
    ("python.json", "fmt/817", "application/json", None),
    ("python.xml", "fmt/101", "application/xml", Some("1.0")),
    ("python.txt", "x-fmt/111", "text/plain", None),
];

/// (file name, samad's MIME, `file`'s MIME, why they differ).
const KNOWN_DISAGREEMENTS: [(&str, &str, &str, &str); 1] = [(
    "python.xml",
    "application/xml",
    "text/xml",
    "RFC 7303 §4.1 prefers application/xml (text/xml is an alias); libmagic reports text/xml",
)];

fn make_corpus(dir: &Path) -> bool {
    let Some(python) = support::python() else {
        return false;
    };
    let tools = [
        ("ghostscript", "gs", "apt-get install ghostscript"),
        ("qpdf", "qpdf", "apt-get install qpdf"),
        (
            "ImageMagick",
            "/usr/bin/convert",
            "apt-get install imagemagick",
        ),
    ];
    for (name, exe, hint) in tools {
        if support::tool(name, &[exe], hint).is_none() {
            return false;
        }
    }
    let out = Command::new("bash")
        .arg(support::repo_root().join("scripts/make-format-corpus.sh"))
        .arg(dir)
        .arg(python)
        .output()
        .expect("run make-format-corpus.sh");
    assert!(
        out.status.success(),
        "make-format-corpus.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

fn file_mime(file: &Path, path: &Path) -> String {
    let out = Command::new(file)
        .args(["--brief", "--mime-type"])
        .arg(path)
        .output()
        .expect("run file");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn outside_programs_files_are_identified() {
    let Some(file) = support::tool("file", &["file"], "apt-get install file") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    if !make_corpus(dir.path()) {
        return;
    }
    let clock = FixedClock::new(datetime!(2025-03-20 7:00 UTC));
    let mut disagreements = Vec::new();
    for (name, puid, mime, version) in EXPECTED {
        let path = dir.path().join(name);
        let facts = CaptureFacts::new(
            RecordId::parse("REC-1").unwrap(),
            name,
            datetime!(2025-03-18 9:00 UTC),
            Agent::organization("10380284790", "دانشگاه نمونه"),
            SecurityClass::Unclassified,
            "1",
        );
        let content = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let record = capture(content, facts, &clock).unwrap();
        let format = record.format().unwrap();
        assert_eq!(
            (
                format.puid.as_str(),
                format.mime.as_str(),
                format.version.as_deref()
            ),
            (puid, mime, version),
            "{name}"
        );
        let theirs = file_mime(&file, &path);
        if theirs != format.mime {
            disagreements.push((name, format.mime.clone(), theirs));
        }
    }
    let known: Vec<(&str, String, String)> = KNOWN_DISAGREEMENTS
        .iter()
        .map(|(n, ours, theirs, _)| (*n, (*ours).to_owned(), (*theirs).to_owned()))
        .collect();
    assert_eq!(disagreements, known, "disagreements with file --mime-type");
}

#[test]
fn fixity_equals_sha256sum_on_the_corpus() {
    let Some(sha256sum) = support::tool("sha256sum", &["sha256sum"], "coreutils") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    if !make_corpus(dir.path()) {
        return;
    }
    let clock = FixedClock::new(datetime!(2025-03-20 7:00 UTC));
    for (name, ..) in EXPECTED {
        let path = dir.path().join(name);
        let facts = CaptureFacts::new(
            RecordId::parse("REC-2").unwrap(),
            name,
            datetime!(2025-03-18 9:00 UTC),
            Agent::organization("10380284790", "دانشگاه نمونه"),
            SecurityClass::Secret,
            "1",
        );
        let record = capture(std::fs::File::open(&path).unwrap(), facts, &clock).unwrap();
        let out = Command::new(&sha256sum).arg(&path).output().unwrap();
        let theirs = String::from_utf8_lossy(&out.stdout);
        let theirs = theirs.split_whitespace().next().unwrap_or_default();
        assert_eq!(record.fixity().unwrap().digest, theirs, "{name}");
        assert_eq!(record.size(), Some(std::fs::metadata(&path).unwrap().len()));
    }
}
