//! The PKCS#11 signer against SoftHSM2 (BRIEF §5): this test initializes its own token in a
//! temporary directory, generates keys on it with OpenSC's `pkcs11-tool` (an EC P-256 key
//! and an RSA-2048 key), signs through samad, and verifies each signature with the public
//! key `pkcs11-tool` reads back from the token — the private keys never leave it.
//!
//! One test function on purpose: SoftHSM2 reads `SOFTHSM2_CONF` from the process
//! environment, which is set before any other thread of this test binary exists.

use std::path::Path;
use std::process::Command;

use samad::pki::algorithm::SignatureAlgorithm;
use samad::pki::signer::{KeySelector, Pkcs11Signer, Signer, SignerError};

mod support;
use support::{pkcs11_tool, softhsm2};

const TOKEN: &str = "samad-test";
const PIN: &str = "123456";
const SO_PIN: &str = "87654321";

fn run(program: &Path, args: &[&str], conf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .env("SOFTHSM2_CONF", conf)
        .output()
        .expect("run tool");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{} {args:?}: {text}",
        program.display()
    );
    text
}

#[test]
fn signatures_made_on_a_softhsm2_token_verify_with_its_public_keys() {
    let (Some((module, softhsm2_util)), Some(pkcs11_tool)) = (softhsm2(), pkcs11_tool()) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let tokens = tmp.path().join("tokens");
    std::fs::create_dir(&tokens).unwrap();
    let conf = tmp.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    // SAFETY: no other thread of this process reads or writes the environment now (this
    // binary has a single test, and cryptoki has not been loaded yet).
    unsafe { std::env::set_var("SOFTHSM2_CONF", &conf) };

    run(
        &softhsm2_util,
        &[
            "--init-token",
            "--free",
            "--label",
            TOKEN,
            "--so-pin",
            SO_PIN,
            "--pin",
            PIN,
        ],
        &conf,
    );
    let module_arg = module.to_str().unwrap();
    for (key_type, label, id) in [
        ("EC:prime256v1", "samad-ec", "01"),
        ("rsa:2048", "samad-rsa", "02"),
    ] {
        run(
            &pkcs11_tool,
            &[
                "--module",
                module_arg,
                "--token-label",
                TOKEN,
                "--login",
                "--pin",
                PIN,
                "--keypairgen",
                "--key-type",
                key_type,
                "--label",
                label,
                "--id",
                id,
            ],
            &conf,
        );
    }
    let public_key = |label: &str| {
        let file = tmp.path().join(format!("{label}.spki.der"));
        run(
            &pkcs11_tool,
            &[
                "--module",
                module_arg,
                "--token-label",
                TOKEN,
                "--read-object",
                "--type",
                "pubkey",
                "--label",
                label,
                "--output-file",
                file.to_str().unwrap(),
            ],
            &conf,
        );
        std::fs::read(file).unwrap()
    };
    let ec_spki = public_key("samad-ec");
    let rsa_spki = public_key("samad-rsa");

    // A wrong PIN is refused (checked first: PKCS#11 logins are shared per process).
    let err = Pkcs11Signer::open(
        &module,
        TOKEN,
        &KeySelector::Label("samad-ec".into()),
        "000000",
        vec![],
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            SignerError::Pkcs11 {
                operation: "C_Login",
                ..
            }
        ),
        "{err}"
    );
    let message = b"DER of the signed attributes of a diploma signature";
    let ec = Pkcs11Signer::open(
        &module,
        TOKEN,
        &KeySelector::Label("samad-ec".into()),
        PIN,
        vec![],
    )
    .unwrap();
    assert_eq!(ec.algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
    let signature = ec.sign(message).unwrap();
    ec.algorithm()
        .verify(&ec_spki, message, &signature)
        .unwrap();
    assert!(
        ec.algorithm()
            .verify(&ec_spki, b"another message", &signature)
            .is_err()
    );
    // ECDSA is randomized: a second signature differs and verifies too.
    let again = ec.sign(message).unwrap();
    assert_ne!(again, signature);
    ec.algorithm().verify(&ec_spki, message, &again).unwrap();

    let by_id =
        Pkcs11Signer::open(&module, TOKEN, &KeySelector::Id(vec![0x02]), PIN, vec![]).unwrap();
    assert_eq!(by_id.algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
    for algorithm in [
        SignatureAlgorithm::RsaPkcs1Sha256,
        SignatureAlgorithm::RsaPkcs1Sha512,
        SignatureAlgorithm::RsaPssSha256,
        SignatureAlgorithm::RsaPssSha384,
    ] {
        let rsa = Pkcs11Signer::open(
            &module,
            TOKEN,
            &KeySelector::Label("samad-rsa".into()),
            PIN,
            vec![],
        )
        .unwrap()
        .with_algorithm(algorithm)
        .unwrap();
        let signature = rsa.sign(message).unwrap();
        algorithm
            .verify(&rsa_spki, message, &signature)
            .unwrap_or_else(|e| panic!("{algorithm}: {e}"));
    }

    // Other mistakes are named too.
    let err = Pkcs11Signer::open(
        &module,
        "no-such-token",
        &KeySelector::Label("samad-ec".into()),
        PIN,
        vec![],
    )
    .unwrap_err();
    match &err {
        SignerError::TokenNotFound { available, .. } => {
            assert!(available.iter().any(|l| l == TOKEN), "{err}")
        }
        other => panic!("{other}"),
    }
    let err = Pkcs11Signer::open(
        &module,
        TOKEN,
        &KeySelector::Label("missing".into()),
        PIN,
        vec![],
    )
    .unwrap_err();
    assert!(
        matches!(err, SignerError::KeyNotFound { found: 0, .. }),
        "{err}"
    );
    let err = ec
        .with_algorithm(SignatureAlgorithm::RsaPssSha256)
        .unwrap_err();
    assert!(
        matches!(err, SignerError::AlgorithmMismatch { .. }),
        "{err}"
    );
}
