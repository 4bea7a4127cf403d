//! CRLs fetched over HTTP by `HttpRevocation` (feature `http`) from the certificates'
//! cRLDistributionPoints: the CRL is made by `openssl ca -gencrl` and served on 127.0.0.1 by
//! Python's `http.server` (the reference venv's Python).
#![cfg(feature = "http")]

mod support;

use std::io::BufRead;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use samad::pki::path::{PathError, PathValidator};
use samad::pki::revocation::HttpRevocation;
use samad::pki::trust::TrustStore;
use support::{KillOnDrop, cert, openssl_issue, openssl_ok};
use time::OffsetDateTime;

#[test]
fn crls_from_distribution_points_over_http() {
    let (Some(_), Some(python)) = (support::openssl_cli(), support::python()) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    std::fs::create_dir_all(d.join("www")).expect("www");
    std::fs::write(d.join("crlnumber"), "01\n").expect("crlnumber");
    std::fs::write(
        d.join("ca.cnf"),
        format!(
            "[ca]\ndefault_ca = ca_default\n[ca_default]\ndatabase = index.txt\n\
             crlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n\
             [ee]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n\
             crlDistributionPoints = URI:http://127.0.0.1:{port}/ca.crl\n"
        ),
    )
    .expect("config");
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
            "/CN=samad HTTP CRL test CA",
            "-days",
            "30",
            "-sha256",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    for (name, serial) in [("good", "0x71"), ("revoked", "0x72")] {
        openssl_issue(d, name, &format!("/CN={name}"), serial, "ca.cnf", "ee");
    }
    std::fs::write(
        d.join("index.txt"),
        "R\t351231000000Z\t250601000000Z,cessationOfOperation\t72\tunknown\t/CN=revoked\n",
    )
    .expect("index");
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
            "www/ca.crl",
        ],
    );

    let child = Command::new(python)
        .args([
            "-u",
            "-m",
            "http.server",
            "--bind",
            "127.0.0.1",
            &port.to_string(),
        ])
        .current_dir(d.join("www"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start http.server");
    let mut server = KillOnDrop(child);
    let stdout = server.0.stdout.take().expect("server stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.starts_with("Serving HTTP") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("http.server did not start within 10 s");

    let trust = TrustStore::from_pem(&std::fs::read(d.join("ca.pem")).expect("ca")).expect("trust");
    let http = HttpRevocation::new(Duration::from_secs(10));
    let v = PathValidator::new(&trust)
        .at(OffsetDateTime::now_utc())
        .revocation(&http);
    v.validate_certificate(&cert(d, "good")).expect("good");
    match v.validate_certificate(&cert(d, "revoked")) {
        Err(PathError::Revoked { reason, serial, .. }) => {
            assert_eq!(reason, "cessationOfOperation");
            assert_eq!(serial, "72");
        }
        other => panic!("expected revoked, got {other:?}"),
    }
    drop(server);
    // With the server gone the status cannot be fetched: unknown, naming the URL.
    let err = v
        .validate_certificate(&cert(d, "good"))
        .expect_err("no server");
    assert_eq!(err.code(), "TRY_LATER", "{err}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}
