//! samad verifies PDFs signed by pyHanko (issue 8 must-show): the fixtures of
//! `scripts/make-pyhanko-fixtures.py` — B-B, B-T, B-LT, B-LTA and a certification with two
//! approvals, all on samad's unsigned diploma — are TOTAL-PASSED at the level they carry;
//! modified afterwards (bytes flipped inside a signed range, a page content change appended
//! with samad's writer) they are TOTAL-FAILED. The committed copies are checked by plain
//! `cargo test`; the full suite also re-runs the script into a temporary directory, so the
//! fixtures are reproducible from the committed PKI and unsigned diploma.

mod pades_verify_support;
mod support;

use std::path::Path;
use std::process::Command;

use pades_verify_support::attacks;
use pades_verify_support::*;
use samad::pdf::pades::verify_pdf;
use samad::validation::report::{
    Indication, Level, SignatureKind, SubIndication, ValidationReport,
};

/// The fixtures and the level each one's signature reaches.
const LEVELS: [(&str, Level); 4] = [
    ("pyhanko-bb.pdf", Level::BB),
    ("pyhanko-bt.pdf", Level::BT),
    ("pyhanko-blt.pdf", Level::BLt),
    ("pyhanko-blta.pdf", Level::BLta),
];

fn check_levels(pki: &Pki, read: impl Fn(&str) -> Vec<u8>) {
    for (name, level) in LEVELS {
        let report = pki.verify(&read(name));
        assert_passed(&report, name);
        let signature = report
            .signatures
            .iter()
            .find(|s| s.id == "official-1")
            .expect("official-1");
        assert_eq!(signature.level, Some(level), "{name}\n{}", json(&report));
        assert_eq!(
            signature.role.as_deref(),
            Some("official-1"),
            "{name}: role from /Reason"
        );
        assert!(signature.claimed_signing_time.is_some(), "{name}: /M read");
        let coverage = signature.coverage.as_ref().expect("coverage");
        assert_eq!(
            coverage.revision, 2,
            "{name}: the signature covers the revision pyHanko appended"
        );
        assert!(
            signature.changes_after.iter().all(|c| c.allowed),
            "{name}: {:?}",
            signature.changes_after
        );
    }
}

fn check_certified(pki: &Pki, pdf: &[u8]) {
    let report = pki.verify(pdf);
    assert_passed(&report, "pyhanko-certified.pdf");
    let summary: Vec<(&str, SignatureKind, usize)> = report
        .signatures
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.kind,
                s.coverage.as_ref().map_or(0, |c| c.revision),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "official-1",
                SignatureKind::Certification { permissions: 2 },
                2
            ),
            ("official-2", SignatureKind::Approval, 3),
            ("ministry-seal", SignatureKind::Approval, 4),
        ]
    );
    // The certification sees both approvals after it, each allowed by P=2.
    let certification = &report.signatures[0];
    assert!(
        certification
            .changes_after
            .iter()
            .any(|c| c.revision == 4 && c.description.contains("signature added"))
    );
    assert!(certification.changes_after.iter().all(|c| c.allowed));
}

#[test]
fn committed_pyhanko_fixtures_pass_at_their_levels() {
    let pki = Pki::load();
    check_levels(&pki, fixture);
    check_certified(&pki, &fixture("pyhanko-certified.pdf"));
}

#[test]
fn long_term_fixtures_validate_from_the_dss_alone() {
    // No revocation source in the context: B-LT and B-LTA carry their own CRLs in the DSS.
    let pki = Pki::load();
    let ctx = pki.context_without_revocation();
    for name in ["pyhanko-blt.pdf", "pyhanko-blta.pdf"] {
        let report = verify_pdf(&fixture(name), &ctx).expect("readable");
        assert_passed(&report, name);
        let signature = &report.signatures[0];
        assert!(
            signature.revocation.iter().all(|r| r.origin == "dss"),
            "{name}: {:?}",
            signature.revocation
        );
    }
    // B-B has nothing of its own: without revocation data it cannot pass.
    let report = verify_pdf(&fixture("pyhanko-bb.pdf"), &ctx).expect("readable");
    assert_ne!(
        report.indication,
        Indication::TotalPassed,
        "{}",
        json(&report)
    );
}

#[test]
fn document_timestamp_is_a_proof_of_existence() {
    let pki = Pki::load();
    let report = pki.verify(&fixture("pyhanko-blta.pdf"));
    let timestamp = report
        .signatures
        .iter()
        .find(|s| s.kind == SignatureKind::DocumentTimestamp)
        .expect("a document time-stamp");
    assert_eq!(timestamp.indication, Indication::TotalPassed);
    assert_eq!(
        timestamp.coverage.as_ref().map(|c| c.revision),
        Some(3),
        "covers the DSS revision"
    );
    let signature = &report.signatures[0];
    assert!(
        signature.timestamps.iter().any(|t| t.kind == "document"),
        "{}",
        json(&report)
    );
}

/// Flips one byte inside the first signed range (in the page content of the original
/// diploma), keeping the length.
fn flip_inside_signed_range(pdf: &[u8]) -> Vec<u8> {
    let mut out = pdf.to_vec();
    // A byte of the original file's body, well inside range 1 of every signature.
    let at = out
        .windows(6)
        .position(|w| w == b"stream")
        .expect("a stream")
        + 20;
    out[at] ^= 0x01;
    out
}

fn assert_failed(report: &ValidationReport, what: &str) {
    assert_eq!(
        report.indication,
        Indication::TotalFailed,
        "{what}\n{}",
        json(report)
    );
}

#[test]
fn pyhanko_fixtures_modified_afterwards_fail() {
    let pki = Pki::load();
    for name in [
        "pyhanko-bb.pdf",
        "pyhanko-blta.pdf",
        "pyhanko-certified.pdf",
    ] {
        let signed = fixture(name);

        let flipped = pki.verify(&flip_inside_signed_range(&signed));
        assert_failed(&flipped, &format!("{name} with a flipped byte"));
        assert_eq!(
            flipped.signatures[0].sub_indication,
            Some(SubIndication::HashFailure),
            "{name}"
        );

        let appended = pki.verify(&attacks::incremental_saving(&signed));
        assert_failed(&appended, &format!("{name} with a page change appended"));
        assert_rejected(
            &appended,
            "pdf.modifications",
            "page /Contents changed",
            name,
        );
    }
}

#[test]
fn regenerated_pyhanko_fixtures_pass() {
    let Some(python) = samad_support_python() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let data = data_dir();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/make-pyhanko-fixtures.py");
    let output = Command::new(python)
        .arg(&script)
        .arg("--pki")
        .arg(data.join("pki"))
        .arg("--input")
        .arg(data.join("unsigned-diploma.pdf"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("run the fixture script");
    assert!(
        output.status.success(),
        "make-pyhanko-fixtures.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pki = Pki::load();
    let read = |name: &str| std::fs::read(dir.path().join(name)).expect(name);
    check_levels(&pki, read);
    check_certified(&pki, &read("pyhanko-certified.pdf"));
    // Fresh signatures, not copies of the committed ones.
    assert_ne!(read("pyhanko-bb.pdf"), fixture("pyhanko-bb.pdf"));
}

/// The reference venv's Python with pyHanko: required in the full suite, skipped otherwise.
fn samad_support_python() -> Option<std::path::PathBuf> {
    let python = support::python()?;
    let has_pyhanko = Command::new(&python)
        .args(["-c", "import pyhanko.sign"])
        .output()
        .is_ok_and(|o| o.status.success());
    support::require(
        "pyHanko in the reference venv",
        has_pyhanko.then_some(python),
        "pip install -r scripts/reference/requirements.txt",
    )
}
