//! Offline revocation data made by the openssl CLI: a CRL from `openssl ca -gencrl` and OCSP
//! responses from `openssl ocsp -respout`, read by `OfflineRevocation` from directories
//! (BRIEF §4 `--crls DIR`, `--ocsp DIR`) during path validation.

mod support;

use std::path::Path;

use samad::pki::crl::Crl;
use samad::pki::path::{PathError, PathValidator};
use samad::pki::revocation::{OfflineRevocation, RevocationError, RevocationReason};
use samad::pki::trust::TrustStore;
use support::{cert, openssl_issue, openssl_ok};
use time::OffsetDateTime;

const CONFIG: &str = "\
[ca]
default_ca = ca_default
[ca_default]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 30
crl_extensions = crl_ext
[crl_ext]
authorityKeyIdentifier = keyid
[ee]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
authorityKeyIdentifier = keyid
[responder]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = OCSPSigning
";

/// A CA with a good and a revoked end entity, a CRL and two OCSP responses, in `dir`.
fn make_pki(d: &Path) {
    std::fs::write(d.join("ca.cnf"), CONFIG).expect("config");
    std::fs::write(d.join("crlnumber"), "01\n").expect("crlnumber");
    openssl_ok(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/C=IR/O=samad test/CN=Revocation Test CA",
            "-days",
            "30",
            "-sha256",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    for (name, serial, section) in [
        ("good", "0x51", "ee"),
        ("revoked", "0x52", "ee"),
        ("responder", "0x60", "responder"),
    ] {
        openssl_issue(
            d,
            name,
            &format!("/C=IR/O=samad test/CN={name}"),
            serial,
            "ca.cnf",
            section,
        );
    }
    std::fs::write(
        d.join("index.txt"),
        "V\t351231000000Z\t\t51\tunknown\t/C=IR/O=samad test/CN=good\n\
         R\t351231000000Z\t250301000000Z,superseded\t52\tunknown\t/C=IR/O=samad test/CN=revoked\n",
    )
    .expect("index");
    std::fs::create_dir_all(d.join("crls")).expect("crls dir");
    std::fs::create_dir_all(d.join("ocsp")).expect("ocsp dir");
    openssl_ok(
        d,
        &[
            "ca", "-config", "ca.cnf", "-gencrl", "-keyfile", "ca.key", "-cert", "ca.pem", "-out",
            "crl.pem",
        ],
    );
    openssl_ok(
        d,
        &[
            "crl",
            "-in",
            "crl.pem",
            "-outform",
            "DER",
            "-out",
            "crls/ca.crl",
        ],
    );
    for name in ["good", "revoked"] {
        openssl_ok(
            d,
            &[
                "ocsp",
                "-issuer",
                "ca.pem",
                "-cert",
                &format!("{name}.pem"),
                "-no_nonce",
                "-reqout",
                &format!("{name}.req"),
            ],
        );
        openssl_ok(
            d,
            &[
                "ocsp",
                "-index",
                "index.txt",
                "-rsigner",
                "responder.pem",
                "-rkey",
                "responder.key",
                "-CA",
                "ca.pem",
                "-reqin",
                &format!("{name}.req"),
                "-ndays",
                "7",
                "-respout",
                &format!("ocsp/{name}.der"),
            ],
        );
    }
}

#[test]
fn crls_and_ocsp_responses_from_directories() {
    if support::openssl_cli().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    make_pki(d);
    let trust = TrustStore::from_pem(&std::fs::read(d.join("ca.pem")).expect("ca")).expect("trust");
    let now = OffsetDateTime::now_utc();
    let (good, revoked) = (cert(d, "good"), cert(d, "revoked"));

    // CRL only.
    let crls = OfflineRevocation::new()
        .with_crl_dir(&d.join("crls"))
        .expect("crl dir");
    let v = PathValidator::new(&trust).at(now).revocation(&crls);
    v.validate_certificate(&good).expect("good under the CRL");
    match v.validate_certificate(&revoked) {
        Err(PathError::Revoked { reason, serial, .. }) => {
            assert_eq!(reason, RevocationReason::Superseded.name());
            assert_eq!(serial, "52");
        }
        other => panic!("expected revoked, got {other:?}"),
    }
    // The same CRL after its nextUpdate proves nothing.
    let later = now + time::Duration::days(40);
    PathValidator::new(&trust)
        .at(now + time::Duration::days(29))
        .revocation(&crls)
        .validate_certificate(&good)
        .expect("the CRL is still fresh on day 29");
    let crl = Crl::parse_pem_or_der(&std::fs::read(d.join("crl.pem")).expect("crl")).expect("crl");
    assert!(matches!(
        crl[0].check_fresh(later),
        Err(RevocationError::CrlStale { .. })
    ));

    // A CRL whose signature was tampered with is not used.
    let mut der = std::fs::read(d.join("crls/ca.crl")).expect("crl");
    let last = der.len() - 1;
    der[last] ^= 0x01;
    let tampered = OfflineRevocation::new()
        .with_crl_bytes(&der)
        .expect("still parses");
    let err = PathValidator::new(&trust)
        .at(now)
        .revocation(&tampered)
        .validate_certificate(&good)
        .expect_err("bad CRL signature");
    assert!(
        matches!(
            &err,
            PathError::RevocationUnknown {
                reason: RevocationError::CrlSignature { .. },
                ..
            }
        ),
        "{err}"
    );

    // OCSP responses only, signed by a delegated responder.
    let ocsp = OfflineRevocation::new()
        .with_ocsp_dir(&d.join("ocsp"))
        .expect("ocsp dir");
    let v = PathValidator::new(&trust).at(now).revocation(&ocsp);
    v.validate_certificate(&good).expect("good by OCSP");
    let err = v
        .validate_certificate(&revoked)
        .expect_err("revoked by OCSP");
    assert!(
        matches!(&err, PathError::Revoked { reason, .. } if reason == "superseded"),
        "{err}"
    );
    // Past the response's nextUpdate (7 days), OCSP alone cannot decide.
    let err = PathValidator::new(&trust)
        .at(now + time::Duration::days(9))
        .revocation(&ocsp)
        .validate_certificate(&good)
        .expect_err("stale OCSP");
    assert_eq!(err.code(), "TRY_LATER", "{err}");

    // No data at all: unknown, naming what to supply.
    let none = OfflineRevocation::new();
    let err = PathValidator::new(&trust)
        .at(now)
        .revocation(&none)
        .validate_certificate(&good)
        .expect_err("no data");
    assert!(err.to_string().contains("--crls DIR"), "{err}");
}

#[test]
fn a_directory_with_a_non_crl_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "not a CRL").expect("write");
    let err = OfflineRevocation::new()
        .with_crl_dir(dir.path())
        .expect_err("bad file");
    assert!(err.to_string().contains("notes.txt"), "{err}");
    let err = OfflineRevocation::new()
        .with_ocsp_dir(dir.path())
        .expect_err("bad file");
    assert!(err.to_string().contains("notes.txt"), "{err}");
}
