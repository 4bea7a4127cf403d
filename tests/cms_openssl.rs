//! samad's CAdES signatures as OpenSSL sees them: `openssl cms -verify` accepts every level
//! made with the demo PKI and the demo TSA and rejects a tampered content; `openssl cms
//! -cmsout -print` shows the attributes and the embedded validation data; extension keeps
//! the signature verifying; B-LT carries an OCSP response made by `openssl ocsp`.

mod support;

use std::path::Path;

use samad::clock::FixedClock;
use samad::cms::{CmsSignature, Content, Level, LtSources, SignOptions, extend, sign};
use samad::pki::demo::DemoPki;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::SoftwareSigner;
use samad::pki::trust::TrustStore;
use samad::pki::tsp::DemoTsa;
use support::{openssl_cli, openssl_ok, openssl_status};
use time::OffsetDateTime;

const RECORD: &[u8] = b"Diploma register, University of Tehran, 1403: 1,204 graduates.\n";

/// Now, to the second: OpenSSL checks certificates and OCSP responses against its own clock.
fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

struct Setup {
    pki: DemoPki,
    tsa: DemoTsa,
    trust: TrustStore,
    revocation: OfflineRevocation,
    at: OffsetDateTime,
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let at = now();
        let pki = DemoPki::generate(&FixedClock::new(at)).expect("demo PKI");
        let tsa = DemoTsa::from_demo_pki(&pki, FixedClock::new(at)).expect("demo TSA");
        let trust = TrustStore::from_pem(&pki.root_ca.certificate).expect("trust");
        let mut revocation = OfflineRevocation::new();
        for crl in &pki.crls {
            revocation = revocation.with_crl_bytes(&crl.der).expect("CRL");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        pki.write_new_dir(&dir.path().join("pki"))
            .expect("write PKI");
        std::fs::write(dir.path().join("record.bin"), RECORD).expect("record");
        std::fs::write(
            dir.path().join("tampered.bin"),
            b"Diploma register: 1,205 graduates.\n",
        )
        .expect("tampered");
        Setup {
            pki,
            tsa,
            trust,
            revocation,
            at,
            dir,
        }
    }

    fn signer(&self) -> SoftwareSigner {
        let official = &self.pki.officials[0];
        SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain()).expect("signer")
    }

    fn options<'a>(&'a self, level: Level, revocation: &'a OfflineRevocation) -> SignOptions<'a> {
        SignOptions::new(level)
            .signing_time(self.at)
            .claimed_role("Registrar")
            .timestamp(&self.tsa)
            .lt(LtSources {
                trust: &self.trust,
                intermediates: &[],
                revocation,
                at: self.at,
            })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `openssl cms -verify` of `name` over `content`: (accepted, output).
    fn verify(&self, name: &str, content: &str) -> (bool, String) {
        openssl_status(
            self.path(),
            &[
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                name,
                "-content",
                content,
                "-CAfile",
                "pki/trust.pem",
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
        )
    }

    fn print(&self, name: &str) -> String {
        let (ok, text) = openssl_status(
            self.path(),
            &["cms", "-cmsout", "-print", "-inform", "DER", "-in", name],
        );
        assert!(ok, "openssl cms -cmsout -print {name}: {text}");
        text
    }
}

#[test]
fn openssl_verifies_every_level_and_rejects_a_tampered_content() {
    if openssl_cli().is_none() {
        return;
    }
    let s = Setup::new();
    for level in [Level::BB, Level::BT, Level::BLt, Level::BLta] {
        let der = sign(
            Content::Data(RECORD),
            &s.signer(),
            &s.options(level, &s.revocation),
        )
        .expect("sign");
        let name = format!("{}.p7s", level.as_str());
        std::fs::write(s.path().join(&name), &der).expect("write");
        let (ok, text) = s.verify(&name, "record.bin");
        assert!(ok, "{level:?}: openssl rejected our signature: {text}");
        assert!(
            text.contains("Verification successful"),
            "{level:?}: {text}"
        );
        let (ok, text) = s.verify(&name, "tampered.bin");
        assert!(
            !ok,
            "{level:?}: openssl accepted a tampered content: {text}"
        );
        assert!(text.contains("content verify error"), "{level:?}: {text}");
    }
}

#[test]
fn openssl_prints_the_attributes_and_the_evidence() {
    if openssl_cli().is_none() {
        return;
    }
    let s = Setup::new();
    let der = sign(
        Content::Data(RECORD),
        &s.signer(),
        &s.options(Level::BLta, &s.revocation),
    )
    .expect("sign");
    std::fs::write(s.path().join("lta.p7s"), &der).expect("write");
    let printed = s.print("lta.p7s");
    for expected in [
        "contentType: pkcs7-signedData",
        "eContentType: pkcs7-data",
        "eContent: <ABSENT>",
        "object: contentType (1.2.840.113549.1.9.3)",
        "object: messageDigest (1.2.840.113549.1.9.4)",
        "object: signingTime (1.2.840.113549.1.9.5)",
        "object: id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)",
        "object: undefined (0.4.0.19122.1.1)",
        ":title",
        ":Registrar",
        "object: id-smime-aa-timeStampToken (1.2.840.113549.1.9.16.2.14)",
        "object: undefined (0.4.0.1733.2.4)",
        "Samad Demo Root CA",
        "Samad Demo Time-Stamping Authority",
        "crls:",
    ] {
        assert!(
            printed.contains(expected),
            "missing {expected:?} in:\n{printed}"
        );
    }
    // A B-B signature carries no time-stamp, no signing time unless asked, and no CRLs.
    let bb = sign(
        Content::Data(RECORD),
        &s.signer(),
        &SignOptions::new(Level::BB),
    )
    .expect("sign");
    std::fs::write(s.path().join("bb.p7s"), &bb).expect("write");
    let printed = s.print("bb.p7s");
    for absent in [
        "signingTime",
        "timeStampToken",
        "0.4.0.1733.2.4",
        "0.4.0.19122.1.1",
    ] {
        assert!(
            !printed.contains(absent),
            "unexpected {absent:?} in:\n{printed}"
        );
    }
    assert!(printed.contains("crls:\n      <ABSENT>"), "{printed}");
}

#[test]
fn extension_keeps_openssl_verifying_and_the_signed_bytes() {
    if openssl_cli().is_none() {
        return;
    }
    let s = Setup::new();
    let mut der = sign(
        Content::Data(RECORD),
        &s.signer(),
        &s.options(Level::BB, &s.revocation),
    )
    .expect("sign");
    let original = CmsSignature::from_der(&der).expect("parse");
    for to in [Level::BT, Level::BLt, Level::BLta] {
        der = extend(
            &der,
            Content::Data(RECORD),
            to,
            &s.options(to, &s.revocation),
        )
        .expect("extend");
        let extended = CmsSignature::from_der(&der).expect("parse");
        assert_eq!(extended.level(), to);
        assert_eq!(extended.signature_value(), original.signature_value());
        assert_eq!(extended.message_digest(), original.message_digest());
        assert_eq!(extended.signed_attributes(), original.signed_attributes());
        // …and those exact bytes are in the file (with the [0] IMPLICIT tag for the SET).
        assert!(contains(&der, &original.signed_attributes()[1..]), "{to:?}");
        let name = format!("extended-{}.p7s", to.as_str());
        std::fs::write(s.path().join(&name), &der).expect("write");
        let (ok, text) = s.verify(&name, "record.bin");
        assert!(ok, "{to:?}: {text}");
        for stamp in extended.archive_timestamps(Content::Data(RECORD)) {
            stamp.expect("archive time-stamp");
        }
    }
}

#[test]
fn b_lt_embeds_an_ocsp_response_from_openssl_ocsp() {
    if openssl_cli().is_none() {
        return;
    }
    let s = Setup::new();
    let d = s.path();
    // openssl ocsp as a responder over one request file: the official is good.
    let official = &s.pki.officials[0];
    let serial: String = x509_serial_hex(&official.certificate);
    std::fs::write(
        d.join("index.txt"),
        format!("V\t351231000000Z\t\t{serial}\tunknown\t/CN=official-1\n"),
    )
    .expect("index");
    openssl_ok(
        d,
        &[
            "ocsp",
            "-issuer",
            "pki/university-ca.pem",
            "-cert",
            "pki/official-1.pem",
            "-no_nonce",
            "-reqout",
            "request.der",
        ],
    );
    openssl_ok(
        d,
        &[
            "ocsp",
            "-index",
            "index.txt",
            "-CA",
            "pki/university-ca.pem",
            "-rsigner",
            "pki/ocsp.pem",
            "-rkey",
            "pki/ocsp.key.pem",
            "-reqin",
            "request.der",
            "-respout",
            "response.der",
            "-nmin",
            "60",
        ],
    );
    let response = std::fs::read(d.join("response.der")).expect("response");
    let revocation = s.revocation.clone().with_ocsp_response(response.clone());
    let der = sign(
        Content::Data(RECORD),
        &s.signer(),
        &s.options(Level::BLt, &revocation),
    )
    .expect("sign B-LT");
    let signature = CmsSignature::from_der(&der).expect("parse");
    assert_eq!(signature.ocsp_responses(), &[response][..]);
    assert!(
        signature
            .certificates()
            .contains(&s.pki.ocsp_responder.certificate)
    );
    std::fs::write(d.join("ocsp-lt.p7s"), &der).expect("write");
    let (ok, text) = s.verify("ocsp-lt.p7s", "record.bin");
    assert!(ok, "{text}");
    let printed = s.print("ocsp-lt.p7s");
    assert!(printed.contains("1.3.6.1.5.5.7.16.2"), "{printed}");
    // RFC 5652 §5.1: `other` revocation info makes the SignedData version 5.
    assert!(printed.contains("version: 5"), "{printed}");
}

#[test]
fn openssl_verifies_every_key_type() {
    if openssl_cli().is_none() {
        return;
    }
    use samad::pki::algorithm::SignatureAlgorithm;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("record.bin"), RECORD).expect("record");
    let keys = support::repo_root().join("tests/data/pki/keys");
    for (name, algorithm) in [
        ("p256", SignatureAlgorithm::EcdsaP256Sha256),
        ("p384", SignatureAlgorithm::EcdsaP384Sha384),
        ("rsa2048", SignatureAlgorithm::RsaPkcs1Sha256),
        ("rsa2048", SignatureAlgorithm::RsaPssSha256),
        ("rsa4096", SignatureAlgorithm::RsaPssSha512),
        // Not Ed25519: OpenSSL 3.0's CMS can neither sign nor verify it ("invalid digest"
        // from its own `cms -sign -md sha512`); src/cms/tests.rs round-trips it with ring.
    ] {
        let key = keys.join(format!("{name}.key.pem"));
        let key = key.to_str().expect("utf-8 path");
        let cert = format!("{name}.pem");
        openssl_ok(
            d,
            &[
                "req",
                "-x509",
                "-key",
                key,
                "-subj",
                "/CN=samad CMS key test",
                "-days",
                "2",
                "-addext",
                "keyUsage=critical,digitalSignature,keyCertSign",
                "-out",
                &cert,
            ],
        );
        let cert_der =
            samad::pki::cert::parse_pem_or_der(&std::fs::read(d.join(&cert)).expect("cert"))
                .expect("parse")
                .remove(0)
                .der()
                .to_vec();
        let signer = SoftwareSigner::from_pkcs8_pem(
            &std::fs::read_to_string(key).expect("key"),
            vec![cert_der],
        )
        .expect("signer")
        .with_algorithm(algorithm)
        .expect("algorithm");
        let der = sign(Content::Data(RECORD), &signer, &SignOptions::new(Level::BB)).expect("sign");
        let file = format!("{name}-{algorithm:?}.p7s");
        std::fs::write(d.join(&file), der).expect("write");
        let (ok, text) = openssl_status(
            d,
            &[
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                &file,
                "-content",
                "record.bin",
                "-CAfile",
                &cert,
                "-purpose",
                "any",
                "-out",
                "/dev/null",
            ],
        );
        assert!(ok, "{name} {algorithm}: {text}");
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn x509_serial_hex(der: &[u8]) -> String {
    let cert = samad::pki::cert::Certificate::from_der(der).expect("certificate");
    cert.serial_hex().to_uppercase()
}
