//! Our signed diplomas checked by pyHanko (BRIEF §5), the outside PAdES validator: `pyhanko
//! sign validate` must find every signature INTACT and TRUSTED at every level (trust = the
//! demo root), `pyhanko sign adesverify` must agree, and pyHanko's AdES validation
//! (`ades_lta_validation`, the code behind adesverify) must reach the level we signed at.
//! Under `SAMAD_FULL=1` a missing venv fails the test.

mod pades_sign_fixture;
mod support;

use std::path::Path;
use std::process::Command;

use pades_sign_fixture::{LEVELS, Setup, level_name, scratch};
use samad::validation::report::Level;

/// Prints the level pyHanko's AdES validation reaches for each signature (one JSON line each).
const LEVEL_SCRIPT: &str = include_str!("data/pades_sign/pades_level.py");

/// The signature fields of a diploma, in signing order.
const FIELDS: [&str; 3] = ["official-1", "official-2", "ministry-seal"];

fn run(program: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .expect("run pyHanko");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// B-B and B-T carry no revocation data (the demo PKI's URLs never resolve), so pyHanko
/// checks them without revocation; B-LT and up must validate from the DSS alone.
fn offline(level: Level) -> bool {
    matches!(level, Level::BLt | Level::BLta)
}

#[test]
fn pyhanko_finds_every_signature_intact_and_trusted_at_every_level() {
    let Some(python) = support::python() else {
        return;
    };
    let pyhanko = python.with_file_name("pyhanko");
    let setup = Setup::new();
    let dir = scratch("pyhanko");
    let trust = setup.write_root_pem(&dir);
    let script = dir.join("pades_level.py");
    std::fs::write(&script, LEVEL_SCRIPT).expect("write script");
    let crls: Vec<String> = setup
        .pki
        .crls
        .iter()
        .map(|crl| {
            let path = dir.join(format!("{}.crl", crl.issuer));
            std::fs::write(&path, &crl.der).expect("write CRL");
            s(&path).to_owned()
        })
        .collect();
    for level in LEVELS {
        let file = dir.join(format!("diploma-{}.pdf", level_name(level)));
        std::fs::write(&file, setup.signed(level)).expect("write pdf");
        for command in ["validate", "adesverify"] {
            let mut args = vec!["sign", command, "--trust-replace", "--trust", s(&trust)];
            // `validate` checks revocation online only (the demo URLs never resolve);
            // `adesverify` requires revocation data and finds it in the DSS from B-LT on.
            if command == "validate" || !offline(level) {
                args.push("--no-revocation-check");
            }
            args.push(s(&file));
            let (ok, text) = run(&pyhanko, &args);
            assert!(
                ok,
                "pyhanko sign {command} failed on {}: {text}",
                level.as_str()
            );
            let lines: Vec<&str> = text
                .lines()
                .filter(|l| FIELDS.iter().any(|f| l.starts_with(&format!("{f}:"))))
                .collect();
            assert_eq!(lines.len(), 3, "{command} {}: {text}", level.as_str());
            for (line, field) in lines.iter().zip(FIELDS) {
                assert!(line.starts_with(field), "{line}");
                assert!(
                    line.contains(":INTACT:TRUSTED"),
                    "{command} {}: {line}",
                    level.as_str()
                );
            }
        }

        // B-B and B-T get the demo CRLs from files; B-LT and up must do with the DSS.
        let local_crls: &[String] = if offline(level) { &[] } else { &crls };
        let out = Command::new(&python)
            .args([s(&script), s(&file), s(&trust)])
            .args(local_crls)
            .output()
            .expect("run the level script");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "level script: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reports: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect();
        assert_eq!(reports.len(), 3, "{stdout}");
        for (report, field) in reports.iter().zip(FIELDS) {
            assert_eq!(report["field"], field, "{report}");
            assert_eq!(
                report["level"],
                level.as_str(),
                "{}: {report}",
                level.as_str()
            );
            if level == Level::BLta {
                assert_eq!(report["indication"], "AdESPassed.OK", "{report}");
            }
        }
    }
}

/// A diploma rewritten by qpdf with object streams and a cross-reference stream, then
/// signed: our update must append an xref stream of its own, and pyHanko must still find
/// the three signatures intact and trusted and qpdf the file clean.
#[test]
fn pyhanko_accepts_signatures_on_a_pdf_with_xref_and_object_streams() {
    let Some(python) = support::python() else {
        return;
    };
    let Some(qpdf) = support::tool("qpdf", &["qpdf"], "apt-get install qpdf") else {
        return;
    };
    let pyhanko = python.with_file_name("pyhanko");
    let setup = Setup::new();
    let dir = scratch("pyhanko-object-streams");
    let trust = setup.write_root_pem(&dir);
    let plain = dir.join("diploma.pdf");
    let packed = dir.join("diploma-object-streams.pdf");
    std::fs::write(&plain, &setup.diploma).expect("write diploma");
    let out = Command::new(&qpdf)
        .args(["--object-streams=generate", s(&plain), s(&packed)])
        .output()
        .expect("run qpdf");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let packed_bytes = std::fs::read(&packed).expect("read");
    assert!(
        packed_bytes
            .windows(10)
            .any(|w| w == b"/Type /XRe" || w == b"/Type/XRef"),
        "qpdf wrote an xref stream"
    );

    let signers = samad::pdf::pades::DiplomaSigners {
        official_1: &setup.official_1,
        official_2: &setup.official_2,
        ministry_seal: &setup.seal,
    };
    let signed =
        samad::pdf::pades::sign_diploma(&packed_bytes, &signers, &setup.options(Level::BLta))
            .expect("sign a PDF with object streams");
    assert!(signed.starts_with(&packed_bytes));
    let file = dir.join("signed.pdf");
    std::fs::write(&file, &signed).expect("write signed");

    let check = Command::new(&qpdf)
        .arg("--check")
        .arg(&file)
        .output()
        .expect("qpdf");
    assert!(
        check.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let (ok, text) = run(
        &pyhanko,
        &[
            "sign",
            "adesverify",
            "--trust-replace",
            "--trust",
            s(&trust),
            s(&file),
        ],
    );
    assert!(ok, "adesverify: {text}");
    let intact = text
        .lines()
        .filter(|l| l.contains(":INTACT:TRUSTED"))
        .count();
    assert_eq!(intact, 3, "{text}");
}
