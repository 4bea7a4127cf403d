//! A CAdES signature made on a SoftHSM2 token through `samad sign --pkcs11-module` verifies
//! TOTAL-PASSED (`samad verify` and the library): the key is generated on the token by
//! OpenSC's `pkcs11-tool` and never leaves it; its certificate is issued under the demo
//! university CA for the public key read back from the token.
//!
//! The token's configuration (`SOFTHSM2_CONF`) and the PIN go to the child processes only.

use std::path::Path;
use std::process::Output;

use samad::clock::{Clock, SystemClock};
use samad::validation::report::Indication;
use samad::validation::validate_detached;

mod cades_support;
mod support;
use cades_support::Fixture;
use support::softhsm::SoftHsmToken;
use support::{json_of, pkcs11_tool, samad_binary};

const TOKEN: &str = "samad-cades";
const PIN: &str = "246810";
const KEY_LABEL: &str = "registrar";

/// `program args` with the token's configuration and the PIN in its environment.
fn run(token: &SoftHsmToken, program: &Path, args: &[&str]) -> Output {
    token
        .command(program)
        .args(args)
        .env("SAMAD_PKCS11_PIN", PIN)
        .output()
        .expect("run tool")
}

#[test]
fn a_signature_made_on_a_softhsm2_token_verifies() {
    let Some(pkcs11_tool) = pkcs11_tool() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let Some(token) = SoftHsmToken::init(dir, TOKEN, PIN) else {
        return;
    };
    token.generate_key(&pkcs11_tool, "EC:prime256v1", KEY_LABEL, "07");
    let spki = token.public_key(&pkcs11_tool, KEY_LABEL);
    let module_arg = token.module.to_str().unwrap();

    // The PKI is made now: `samad sign` stamps the signing time from the system clock.
    let fx = Fixture::at(SystemClock.now());
    fx.pki.write_new_dir(&dir.join("pki")).unwrap();
    let cert = fx.certify_public_key("Registrar On A Token", &spki);
    std::fs::write(dir.join("registrar.der"), &cert).unwrap();
    let record = dir.join("record.txt");
    std::fs::write(&record, "transcript 1404-0042, signed on a token").unwrap();

    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let sign = run(
        &token,
        samad_binary(),
        &[
            "sign",
            &p("record.txt"),
            "--cert",
            &p("registrar.der"),
            "--chain",
            &p("pki/university-ca.chain.pem"),
            "--pkcs11-module",
            module_arg,
            "--token",
            TOKEN,
            "--key-label",
            KEY_LABEL,
            "--out",
            &p("record.p7s"),
        ],
    );
    assert_eq!(
        sign.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&sign.stderr)
    );

    let verify = run(
        &token,
        samad_binary(),
        &[
            "verify",
            &p("record.txt"),
            "--sig",
            &p("record.p7s"),
            "--trust",
            &p("pki/trust.pem"),
            "--crls",
            &p("pki/crl"),
            "--json",
        ],
    );
    let report = json_of(&verify);
    assert_eq!(report["indication"], "TOTAL-PASSED", "{report:#}");
    assert_eq!(verify.status.code(), Some(0));
    assert_eq!(
        report["signatures"][0]["signer"]["common_name"],
        "Registrar On A Token"
    );

    // The library agrees, and the signature is bound to the content.
    let signature = std::fs::read(dir.join("record.p7s")).unwrap();
    let content = std::fs::read(&record).unwrap();
    let ctx = fx.ctx(SystemClock.now());
    assert_eq!(
        validate_detached(&content, &signature, &ctx).indication,
        Indication::TotalPassed
    );
    assert_eq!(
        validate_detached(b"another transcript", &signature, &ctx).indication,
        Indication::TotalFailed
    );

    // A wrong PIN is an input error, and nothing is written.
    let wrong = token
        .command(samad_binary())
        .args([
            "sign",
            &p("record.txt"),
            "--cert",
            &p("registrar.der"),
            "--pkcs11-module",
            module_arg,
            "--token",
            TOKEN,
            "--key-label",
            KEY_LABEL,
            "--out",
            &p("wrong.p7s"),
        ])
        .env("SAMAD_PKCS11_PIN", "000000")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(!dir.join("wrong.p7s").exists());
}
