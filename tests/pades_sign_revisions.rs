//! Signed diplomas are well-formed incremental updates: `qpdf --check` passes on every
//! level, the unsigned diploma is a prefix of the signed file, and each signature's
//! ByteRange ends exactly at its revision's end — whose bytes (a prefix of the final file)
//! are themselves a PDF qpdf accepts. Under `SAMAD_FULL=1` a missing qpdf fails the test.

mod pades_sign_fixture;
mod support;

use std::path::Path;
use std::process::Command;

use pades_sign_fixture::{LEVELS, Setup, level_name, scratch};
use samad::pdf::Document;

const FIELDS: [&str; 3] = ["official-1", "official-2", "ministry-seal"];

fn qpdf_check(qpdf: &Path, file: &Path) {
    let out = Command::new(qpdf)
        .arg("--check")
        .arg(file)
        .output()
        .expect("run qpdf");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("No syntax or stream encoding errors found"),
        "qpdf --check {}: {stdout}{stderr}",
        file.display()
    );
    assert!(
        stderr.trim().is_empty(),
        "qpdf warned on {}: {stderr}",
        file.display()
    );
}

#[test]
fn every_level_passes_qpdf_and_each_signed_revision_is_a_prefix() {
    let Some(qpdf) = support::tool("qpdf", &["qpdf"], "apt-get install qpdf") else {
        return;
    };
    let setup = Setup::new();
    let dir = scratch("revisions");
    for level in LEVELS {
        let signed = setup.signed(level);
        assert!(signed.starts_with(&setup.diploma), "{}", level.as_str());
        let file = dir.join(format!("diploma-{}.pdf", level_name(level)));
        std::fs::write(&file, &signed).expect("write");
        qpdf_check(&qpdf, &file);

        let doc = Document::parse(&signed).expect("parse");
        let revisions = doc.revisions();
        let fields = doc.signature_fields().expect("fields");
        for (i, name) in FIELDS.iter().enumerate() {
            let field = fields.iter().find(|f| f.name == *name).expect("field");
            let sig = doc
                .signature_dictionary(field.value.expect("signed"))
                .expect("signature dictionary");
            let range = sig.byte_range.expect("ByteRange");
            let end = usize::try_from(range[2] + range[3]).expect("end");
            assert_eq!(
                end,
                revisions[i + 1].end,
                "{name} covers revision {}",
                i + 2
            );
            let prefix = &signed[..end];
            let earlier = Document::parse(prefix).expect("the prefix is a PDF");
            assert_eq!(earlier.revisions().len(), i + 2);
            let path = dir.join(format!("diploma-{}-rev{}.pdf", level_name(level), i + 2));
            std::fs::write(&path, prefix).expect("write prefix");
            qpdf_check(&qpdf, &path);
        }
    }
}
