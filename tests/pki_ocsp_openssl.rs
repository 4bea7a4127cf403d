//! samad's OCSP client against a real responder: `openssl ocsp` serving an `index.txt` on
//! 127.0.0.1, queried through `HttpRevocation` (feature `http`) during path validation.
//! The responder signs with a delegated certificate (EKU OCSPSigning) and echoes the nonce.
#![cfg(feature = "http")]

mod support;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use samad::clock::SystemClock;
use samad::pki::cert::parse_pem_or_der;
use samad::pki::path::{PathError, PathValidator};
use std::sync::Arc;

use samad::pki::cert::Certificate;
use samad::pki::crl::Crl;
use samad::pki::revocation::{HttpRevocation, OcspExchange, RevocationError, RevocationSource};
use samad::pki::trust::TrustStore;
use support::{KillOnDrop, openssl_issue, openssl_ok};

#[test]
fn openssl_ocsp_responder_good_and_revoked() {
    if support::openssl_cli().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    std::fs::write(
        d.join("ext.cnf"),
        format!(
            "[ee]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n\
             authorityInfoAccess=OCSP;URI:http://127.0.0.1:{port}/\n\
             [responder]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n\
             extendedKeyUsage=OCSPSigning\n"
        ),
    )
    .expect("ext.cnf");
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
            "/CN=samad OCSP test root",
            "-days",
            "30",
            "-sha256",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    openssl_issue(
        d,
        "good",
        "/CN=samad OCSP test good",
        "0x1001",
        "ext.cnf",
        "ee",
    );
    openssl_issue(
        d,
        "revoked",
        "/CN=samad OCSP test revoked",
        "0x1002",
        "ext.cnf",
        "ee",
    );
    openssl_issue(
        d,
        "responder",
        "/CN=samad OCSP test responder",
        "0x2001",
        "ext.cnf",
        "responder",
    );
    std::fs::write(
        d.join("index.txt"),
        "V\t351231000000Z\t\t1001\tunknown\t/CN=samad OCSP test good\n\
         R\t351231000000Z\t250101000000Z,keyCompromise\t1002\tunknown\t/CN=samad OCSP test revoked\n",
    )
    .expect("index.txt");

    let child = Command::new("openssl")
        // OpenSSL 3.0 takes only a port number (it listens on every interface); the client
        // connects through 127.0.0.1.
        .args(["ocsp", "-index", "index.txt", "-port", &port.to_string()])
        .args([
            "-rsigner",
            "responder.pem",
            "-rkey",
            "responder.key",
            "-CA",
            "ca.pem",
        ])
        .args(["-nmin", "5", "-ignore_err"])
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start openssl ocsp");
    let mut responder = KillOnDrop(child);
    // The responder serves one connection at a time, so a probe connection would block it:
    // wait for its "ACCEPT" line instead (bounded).
    let stdout = responder.0.stdout.take().expect("responder stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("ACCEPT") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("openssl ocsp did not start listening within 10 s");

    let trust = TrustStore::from_pem(&std::fs::read(d.join("ca.pem")).expect("ca")).expect("trust");
    let http =
        HttpRevocation::new(Duration::from_secs(10)).with_nonce(|| b"samad-nonce-0001".to_vec());
    let validator = PathValidator::new(&trust)
        .at_clock(&SystemClock)
        .revocation(&http);

    let good = parse_pem_or_der(&std::fs::read(d.join("good.pem")).expect("good")).expect("good");
    let path = validator
        .validate_certificate(&good[0])
        .expect("the good certificate validates");
    assert_eq!(path.certificates().len(), 2);

    let revoked =
        parse_pem_or_der(&std::fs::read(d.join("revoked.pem")).expect("revoked")).expect("revoked");
    match validator.validate_certificate(&revoked[0]) {
        Err(e @ PathError::Revoked { .. }) => {
            assert_eq!(e.code(), "REVOKED");
            let PathError::Revoked {
                reason, serial, at, ..
            } = e
            else {
                unreachable!()
            };
            assert_eq!(reason, "keyCompromise");
            assert_eq!(serial, "1002");
            assert_eq!(at.year(), 2025);
        }
        other => panic!("expected REVOKED, got {other:?}"),
    }

    // A response whose nonce is not the one this request carried (a replayed response)
    // proves nothing: the status stays unknown.
    let replay = Replayed(HttpRevocation::new(Duration::from_secs(10)));
    let err = PathValidator::new(&trust)
        .at_clock(&SystemClock)
        .revocation(&replay)
        .validate_certificate(&good[0])
        .expect_err("a nonce mismatch must not validate");
    assert_eq!(err.code(), "TRY_LATER", "{err}");
    assert!(err.to_string().contains("nonce"), "{err}");
}

/// Claims a different nonce than the one sent, as a replayed response would carry.
struct Replayed(HttpRevocation);

impl RevocationSource for Replayed {
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError> {
        self.0.crls(cert)
    }

    fn ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<Vec<OcspExchange>, RevocationError> {
        let mut exchanges = self.0.ocsp(cert, issuer)?;
        for e in &mut exchanges {
            e.nonce = Some(b"another request".to_vec());
        }
        Ok(exchanges)
    }
}
