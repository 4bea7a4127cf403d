//! The PKCS#11 signer against SoftHSM2 (BRIEF §5): this test initializes its own token in a
//! temporary directory, generates keys on it with OpenSC's `pkcs11-tool` (an EC P-256 key
//! and an RSA-2048 key), signs through samad, and verifies each signature with the public
//! key `pkcs11-tool` reads back from the token — the private keys never leave it.
//!
//! One test function on purpose: SoftHSM2 reads `SOFTHSM2_CONF` from the process
//! environment, which is set before any other thread of this test binary exists.

use samad::pki::algorithm::SignatureAlgorithm;
use samad::pki::signer::{KeySelector, Pkcs11Signer, Signer, SignerError};

mod support;
use support::pkcs11_tool;
use support::softhsm::SoftHsmToken;

const TOKEN: &str = "samad-test";
const PIN: &str = "123456";

#[test]
fn signatures_made_on_a_softhsm2_token_verify_with_its_public_keys() {
    let Some(pkcs11_tool) = pkcs11_tool() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let Some(token) = SoftHsmToken::init(tmp.path(), TOKEN, PIN) else {
        return;
    };
    // SAFETY: no other thread of this process reads or writes the environment now (this
    // binary has a single test, and cryptoki has not been loaded yet).
    unsafe { std::env::set_var("SOFTHSM2_CONF", &token.conf) };
    let module = token.module.clone();
    token.generate_key(&pkcs11_tool, "EC:prime256v1", "samad-ec", "01");
    token.generate_key(&pkcs11_tool, "rsa:2048", "samad-rsa", "02");
    let ec_spki = token.public_key(&pkcs11_tool, "samad-ec");
    let rsa_spki = token.public_key(&pkcs11_tool, "samad-rsa");

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
