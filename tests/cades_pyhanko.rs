//! samad → pyHanko (BRIEF §5): pyHanko's detached-CMS validator
//! (`async_validate_detached_cms`, through scripts/pyhanko-validate-cms.py) finds samad's
//! CAdES signatures of every level intact, valid and trusted under the demo root, with the
//! demo CRLs checked hard-fail; and it rejects one over changed content.

use std::process::Command;

use samad::cms::Level;

mod cades_support;
mod support;
use cades_support::{Fixture, SIGNED_AT};
use support::{python, repo_root};

fn pyhanko(args: &[&str]) -> serde_json::Value {
    let python = python().expect("checked by the caller");
    let out = Command::new(python)
        .arg(repo_root().join("scripts/pyhanko-validate-cms.py"))
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "pyhanko-validate-cms.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn pyhanko_accepts_samad_cades_signatures() {
    if python().is_none() {
        return;
    }
    let fx = Fixture::new();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    fx.pki.write_new_dir(&dir).unwrap();
    let record = b"graduation list 1404, faculty of engineering".to_vec();
    std::fs::write(dir.join("record.txt"), &record).unwrap();
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let at = "2026-03-01T10:10:00+00:00";
    let signer = fx.signer(&fx.pki.officials[0]);

    for level in [Level::BB, Level::BT, Level::BLt, Level::BLta] {
        let sig_name = format!("record-{}.p7s", level.as_str());
        std::fs::write(dir.join(&sig_name), fx.sign(&signer, &record, level)).unwrap();
        let base = [
            "--data".to_owned(),
            p("record.txt"),
            "--sig".to_owned(),
            p(&sig_name),
            "--trust".to_owned(),
            p("trust.pem"),
            "--certs".to_owned(),
            p("intermediates.pem"),
            "--crl".to_owned(),
            p("crl/root-ca.crl"),
            "--crl".to_owned(),
            p("crl/ministry-ca.crl"),
            "--crl".to_owned(),
            p("crl/university-ca.crl"),
            "--at".to_owned(),
            at.to_owned(),
        ];
        let args: Vec<&str> = base.iter().map(String::as_str).collect();
        let status = pyhanko(&args);
        for field in ["intact", "valid", "trusted", "bottom_line"] {
            assert_eq!(status[field], true, "{level:?} {field}: {status:#}");
        }
        assert!(
            status["signer"].as_str().unwrap().contains("Maryam Ahmadi"),
            "{status:#}"
        );
        if level >= Level::BT {
            let ts = &status["timestamp"];
            assert_eq!(ts["intact"], true, "{level:?}: {status:#}");
            assert_eq!(ts["valid"], true, "{level:?}: {status:#}");
            assert_eq!(ts["trusted"], true, "{level:?}: {status:#}");
            assert!(
                ts["gen_time"]
                    .as_str()
                    .unwrap()
                    .starts_with("2026-03-01T10:05:00"),
                "{status:#}"
            );
        } else {
            assert_eq!(status["timestamp"], serde_json::Value::Null);
        }
    }
    assert_eq!(SIGNED_AT.to_string(), "2026-03-01 10:05:00.0 +00:00:00");

    // The control: pyHanko is not saying yes to everything.
    std::fs::write(
        dir.join("changed.txt"),
        b"graduation list 1404, faculty of medicine",
    )
    .unwrap();
    let status = pyhanko(&[
        "--data",
        &p("changed.txt"),
        "--sig",
        &p("record-B-B.p7s"),
        "--trust",
        &p("trust.pem"),
        "--at",
        at,
    ]);
    assert_eq!(status["intact"], false, "{status:#}");
    assert_eq!(status["bottom_line"], false, "{status:#}");
}
