//! `samad issue --pkcs11-module SO --token LABEL` (spec/issue.md §1): the three diploma keys
//! live on a SoftHSM2 token (BRIEF §5), labelled by role; the PKI directory keeps only the
//! certificates (the key files are removed, so nothing can sign in software), and the issued
//! diploma validates in pyHanko.

use std::path::Path;
use std::process::Command;

mod support;
use support::softhsm::SoftHsmToken;
use support::{json_of, python, repo_root, samad, samad_binary};

const TOKEN: &str = "samad-issue";
const PIN: &str = "123456";
const ROLES: [&str; 3] = ["official-1", "official-2", "ministry-seal"];

#[test]
fn a_batch_signs_with_keys_on_a_softhsm2_token() {
    let tmp = tempfile::tempdir().unwrap();
    let pki = tmp.path().join("pki");
    let made = samad(&["pki", "demo", "--out", pki.to_str().unwrap()]);
    assert_eq!(made.status.code(), Some(0));

    let Some(token) = SoftHsmToken::init(tmp.path(), TOKEN, PIN) else {
        return;
    };
    for (i, role) in ROLES.iter().enumerate() {
        let key = pki.join(format!("{role}.key.pem"));
        token.import_key(&key, role, &format!("{:02x}", i + 1));
        std::fs::remove_file(&key).unwrap();
    }

    let csv = tmp.path().join("graduates.csv");
    std::fs::write(
        &csv,
        "national_code,first_name_fa,last_name_fa,first_name_en,last_name_en,father_name_fa,\
         birth_date,degree_level,field_fa,field_en,university_legal_id,university_name_fa,\
         graduation_date,gpa,student_id\n\
         0076229645,علی,رضایی,Ali,Rezaei,حسن,1380/05/12,bachelor,فیزیک,Physics,10380284790,\
         دانشگاه صنعتی نمونه,1403/06/31,17.5,981\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let issue = |pin: Option<&str>| {
        let mut command = token.command(samad_binary());
        command
            .args([
                "issue",
                "--csv",
                csv.to_str().unwrap(),
                "--pki",
                pki.to_str().unwrap(),
            ])
            .args(["--out", out.to_str().unwrap(), "--level", "B-B", "--json"])
            .args([
                "--pkcs11-module",
                token.module.to_str().unwrap(),
                "--token",
                TOKEN,
            ])
            .env_remove("SAMAD_PKCS11_PIN");
        if let Some(pin) = pin {
            command.env("SAMAD_PKCS11_PIN", pin);
        }
        command.output().unwrap()
    };

    // Without the PIN: an input error, nothing written.
    let refused = issue(None);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("SAMAD_PKCS11_PIN"));
    assert!(!out.exists());

    let run = issue(Some(PIN));
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(json_of(&run)["issued"], 1);

    let Some(python) = python() else { return };
    validate(&python, &out, &pki);
}

fn validate(python: &Path, out: &Path, pki: &Path) {
    let output = Command::new(python)
        .arg(repo_root().join("scripts/pyhanko-validate-batch.py"))
        .args(["--dir", out.to_str().unwrap(), "--expect-level", "B-B"])
        .args(["--trust", pki.join("trust.pem").to_str().unwrap()])
        .args(["--crls", pki.join("crl").to_str().unwrap()])
        .args([
            "--intermediates",
            pki.join("intermediates.pem").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let summary = json_of(&output);
    assert_eq!(output.status.code(), Some(0), "{summary:#}");
    assert_eq!(
        (summary["files"].as_u64(), summary["signatures"].as_u64()),
        (Some(1), Some(3))
    );
}
