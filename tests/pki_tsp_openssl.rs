//! RFC 3161 interop with OpenSSL (BRIEF §5): samad's client verifies replies from
//! `openssl ts -reply` (a real TSA: ECDSA with the demo PKI's TSA, RSA with a TSA certificate
//! made by `openssl req`, ESSCertIDv2 and the older SHA-1 ESSCertID), and
//! `openssl ts -verify` accepts tokens from samad's demo TSA, for queries made by either side.

use std::path::Path;

use samad::clock::FixedClock;
use samad::pki::algorithm::DigestAlgorithm;
use samad::pki::demo::DemoPki;
use samad::pki::signer::SoftwareSigner;
use samad::pki::tsp::{DemoTsa, TimestampRequest, TspError, verify_response};
use samad::time::OffsetDateTime;

mod support;
use support::{openssl_cli, openssl_status};

const DATA: &[u8] = b"University of Tehran, diploma 1403-0001, SHAMS ...";

/// An OpenSSL TSA configuration (`openssl ts -reply -config`) signing with `cert`/`key`.
fn tsa_config(dir: &Path, cert: &str, key: &str, chain: &str, ess_alg: &str) -> String {
    let name = format!("tsa-{ess_alg}-{cert}.cnf");
    std::fs::write(dir.join("serial"), "01\n").unwrap();
    std::fs::write(
        dir.join(&name),
        format!(
            "[ tsa ]\n\
             default_tsa = tsa_config1\n\
             [ tsa_config1 ]\n\
             dir = {dir}\n\
             serial = $dir/serial\n\
             crypto_device = builtin\n\
             signer_cert = $dir/{cert}\n\
             certs = $dir/{chain}\n\
             signer_key = $dir/{key}\n\
             signer_digest = sha256\n\
             default_policy = 1.3.6.1.4.1.32473.1.1\n\
             other_policies = 1.3.6.1.4.1.32473.1.2\n\
             digests = sha256, sha384, sha512\n\
             accuracy = secs:1, millisecs:500, microsecs:100\n\
             clock_precision_digits = 0\n\
             ordering = yes\n\
             tsa_name = yes\n\
             ess_cert_id_chain = no\n\
             ess_cert_id_alg = {ess_alg}\n",
            dir = dir.display()
        ),
    )
    .unwrap();
    name
}

fn demo_pki(dir: &Path) -> DemoPki {
    let pki = DemoPki::generate(&FixedClock::new(OffsetDateTime::now_utc())).unwrap();
    pki.write_new_dir(dir).unwrap();
    pki
}

#[test]
fn samad_verifies_openssl_tsa_replies() {
    if openssl_cli().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    demo_pki(&dir);
    // An RSA TSA from OpenSSL itself, so the rsaEncryption SignerInfo form is covered too.
    let (ok, text) = openssl_status(
        &dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "rsa-tsa.key.pem",
            "-out",
            "rsa-tsa.pem",
            "-days",
            "2",
            "-subj",
            "/C=IR/CN=OpenSSL RSA TSA",
            "-addext",
            "extendedKeyUsage=critical,timeStamping",
            "-addext",
            "keyUsage=critical,digitalSignature",
        ],
    );
    assert!(ok, "{text}");

    for (cert, key, chain, ess) in [
        ("tsa.pem", "tsa.key.pem", "tsa.chain.pem", "sha256"),
        ("tsa.pem", "tsa.key.pem", "tsa.chain.pem", "sha1"),
        ("rsa-tsa.pem", "rsa-tsa.key.pem", "rsa-tsa.pem", "sha256"),
    ] {
        let config = tsa_config(&dir, cert, key, chain, ess);
        for digest in [DigestAlgorithm::Sha256, DigestAlgorithm::Sha512] {
            let request = TimestampRequest::for_data(digest, DATA)
                .with_random_nonce()
                .unwrap()
                .with_policy("1.3.6.1.4.1.32473.1.2")
                .unwrap();
            std::fs::write(dir.join("query.tsq"), request.to_der().unwrap()).unwrap();
            let (ok, text) = openssl_status(
                &dir,
                &[
                    "ts",
                    "-reply",
                    "-config",
                    &config,
                    "-queryfile",
                    "query.tsq",
                    "-out",
                    "reply.tsr",
                ],
            );
            assert!(ok, "{cert} {ess}: {text}");
            let reply = std::fs::read(dir.join("reply.tsr")).unwrap();
            let stamp = verify_response(&reply, &request, &[])
                .unwrap_or_else(|e| panic!("{cert} {ess} {digest:?}: {e}"));
            assert_eq!(stamp.policy, "1.3.6.1.4.1.32473.1.2");
            assert_eq!(stamp.nonce.as_deref(), request.nonce());
            assert_eq!(
                stamp.tsa_certificate,
                std::fs::read(dir.join(cert)).map(pem_to_der).unwrap()
            );
            let age = OffsetDateTime::now_utc() - stamp.gen_time;
            assert!(
                age.whole_seconds().abs() < 300,
                "genTime {}",
                stamp.gen_time
            );
            assert_eq!(
                stamp.accuracy,
                Some(
                    samad::time::Duration::milliseconds(1500)
                        + samad::time::Duration::microseconds(100)
                )
            );

            // The same reply does not verify for other data.
            let other =
                TimestampRequest::for_data(digest, b"other").with_nonce(request.nonce().unwrap());
            let err = verify_response(&reply, &other, &[]).unwrap_err();
            assert!(matches!(err, TspError::ImprintMismatch), "{err}");
        }
    }

    // OpenSSL's own query (with -cert and a nonce) parses, and its rejection is reported.
    let data_file = dir.join("data.bin");
    std::fs::write(&data_file, DATA).unwrap();
    let (ok, text) = openssl_status(
        &dir,
        &[
            "ts",
            "-query",
            "-data",
            "data.bin",
            "-sha256",
            "-cert",
            "-out",
            "openssl.tsq",
        ],
    );
    assert!(ok, "{text}");
    let request =
        TimestampRequest::from_der(&std::fs::read(dir.join("openssl.tsq")).unwrap()).unwrap();
    assert_eq!(
        request.hashed_message(),
        DigestAlgorithm::Sha256.digest(DATA)
    );
    assert!(request.cert_req() && request.nonce().is_some());

    let refused = TimestampRequest::for_data(DigestAlgorithm::Sha256, DATA)
        .with_policy("1.3.6.1.4.1.32473.9")
        .unwrap();
    std::fs::write(dir.join("refused.tsq"), refused.to_der().unwrap()).unwrap();
    let config = tsa_config(&dir, "tsa.pem", "tsa.key.pem", "tsa.chain.pem", "sha256");
    let (ok, text) = openssl_status(
        &dir,
        &[
            "ts",
            "-reply",
            "-config",
            &config,
            "-queryfile",
            "refused.tsq",
            "-out",
            "refused.tsr",
        ],
    );
    assert!(ok, "{text}");
    let err = verify_response(
        &std::fs::read(dir.join("refused.tsr")).unwrap(),
        &refused,
        &[],
    )
    .unwrap_err();
    match err {
        TspError::Rejected {
            status,
            failure_info,
            ..
        } => {
            assert_eq!(status, "rejection");
            assert_eq!(failure_info, ["unacceptedPolicy"]);
        }
        other => panic!("{other}"),
    }
}

fn pem_to_der(pem: Vec<u8>) -> Vec<u8> {
    der::pem::decode_vec(&pem).unwrap().1
}

#[test]
fn openssl_ts_verify_accepts_samad_demo_tsa_tokens() {
    if openssl_cli().is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pki");
    let pki = demo_pki(&dir);
    let signer = SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain()).unwrap();
    let tsa = DemoTsa::new(signer, FixedClock::new(OffsetDateTime::now_utc())).unwrap();
    std::fs::write(dir.join("data.bin"), DATA).unwrap();
    std::fs::write(dir.join("other.bin"), b"other data").unwrap();

    // A query made by OpenSSL, and one made by samad.
    let (ok, text) = openssl_status(
        &dir,
        &[
            "ts",
            "-query",
            "-data",
            "data.bin",
            "-sha256",
            "-cert",
            "-out",
            "openssl.tsq",
        ],
    );
    assert!(ok, "{text}");
    let samad_query = TimestampRequest::for_data(DigestAlgorithm::Sha384, DATA)
        .with_random_nonce()
        .unwrap();
    std::fs::write(dir.join("samad.tsq"), samad_query.to_der().unwrap()).unwrap();

    for query in ["openssl.tsq", "samad.tsq"] {
        let reply = tsa
            .respond(&std::fs::read(dir.join(query)).unwrap())
            .unwrap();
        std::fs::write(dir.join("reply.tsr"), &reply).unwrap();
        let (ok, text) = openssl_status(
            &dir,
            &[
                "ts",
                "-verify",
                "-queryfile",
                query,
                "-in",
                "reply.tsr",
                "-CAfile",
                "trust.pem",
                "-untrusted",
                "intermediates.pem",
            ],
        );
        assert!(ok && text.contains("Verification: OK"), "{query}: {text}");
        let (ok, text) = openssl_status(
            &dir,
            &[
                "ts",
                "-verify",
                "-data",
                "data.bin",
                "-in",
                "reply.tsr",
                "-CAfile",
                "trust.pem",
                "-untrusted",
                "intermediates.pem",
            ],
        );
        assert!(
            ok && text.contains("Verification: OK"),
            "{query} -data: {text}"
        );
        let (ok, text) = openssl_status(
            &dir,
            &[
                "ts",
                "-verify",
                "-data",
                "other.bin",
                "-in",
                "reply.tsr",
                "-CAfile",
                "trust.pem",
                "-untrusted",
                "intermediates.pem",
            ],
        );
        assert!(
            !ok,
            "{query}: OpenSSL accepted the token for other data: {text}"
        );
        // The reply as OpenSSL reads it.
        let (ok, text) = openssl_status(&dir, &["ts", "-reply", "-in", "reply.tsr", "-text"]);
        assert!(
            ok && text.contains("Status: Granted.") && text.contains("1.3.6.1.4.1.32473.3161.1"),
            "{text}"
        );
    }
}
