//! Fixtures for the diploma verification, status-list and C API tests, made with the library
//! at test time: a demo PKI, a diploma with a status entry signed at B-LTA
//! (`pades::sign_diploma`), a tampered copy, garbage, status lists (active, revoked,
//! suspended, another list) published at B-LT, and a detached CAdES B-LT signature.
#![allow(dead_code)]

use std::path::Path;

use samad::clock::FixedClock;
use samad::cms::{Content, LtSources, SignOptions};
use samad::diploma::status::{PublishOptions, StatusEntry, StatusList};
use samad::diploma::{DiplomaFonts, DiplomaRecord, render};
use samad::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};
use samad::pki::cert::Certificate;
use samad::pki::demo::{DemoIdentity, DemoPki};
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::SoftwareSigner;
use samad::pki::trust::TrustStore;
use samad::pki::tsp::DemoTsa;
use samad::validation::report::Level;
use time::{Duration, OffsetDateTime};

/// Everything the tests read, in memory; [`Fixtures::write`] puts it in a directory.
pub struct Fixtures {
    pub now: OffsetDateTime,
    pub trust_pem: Vec<u8>,
    pub valid_pdf: Vec<u8>,
    pub tampered_pdf: Vec<u8>,
    pub garbage: Vec<u8>,
    pub entry: StatusEntry,
    pub list_active: String,
    pub list_revoked: String,
    pub list_suspended: String,
    pub list_other: String,
    pub data: Vec<u8>,
    pub data_sig: Vec<u8>,
}

fn signer(identity: &DemoIdentity) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_der(&identity.private_key, identity.chain()).expect("demo key")
}

fn pem(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

impl Fixtures {
    /// Makes every fixture at the current time (the C API validates at "now").
    pub fn make() -> Fixtures {
        let now = OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .expect("whole second");
        let clock = FixedClock::new(now);
        let pki = DemoPki::generate(&clock).expect("demo PKI");
        let root = Certificate::from_der(&pki.root_ca.certificate).expect("root");
        let trust = TrustStore::from_certificates(vec![root]).expect("trust");
        let mut crls = OfflineRevocation::new();
        for crl in &pki.crls {
            crls = crls.with_crl_bytes(&crl.der).expect("demo CRL");
        }
        let tsa = DemoTsa::from_demo_pki(&pki, clock).expect("demo TSA");
        let lt = LtSources {
            trust: &trust,
            intermediates: &[],
            revocation: &crls,
            at: now,
        };

        let record = DiplomaRecord::from_json(include_str!("../data/diploma/record.json"))
            .expect("sample record");
        let entry = StatusList::entry_for(&record.number());
        let record = record.with_status(entry.clone()).expect("status entry");
        let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
        let unsigned = render(&record, &fonts, now).expect("render");
        let (o1, o2, seal) = (
            signer(&pki.officials[0]),
            signer(&pki.officials[1]),
            signer(&pki.ministry_seal),
        );
        let signers = DiplomaSigners {
            official_1: &o1,
            official_2: &o2,
            ministry_seal: &seal,
        };
        let options = PadesOptions::new(Level::BLta, now).timestamp(&tsa).lt(lt);
        let valid_pdf = sign_diploma(&unsigned, &signers, &options).expect("sign_diploma");
        let tampered_pdf = tamper(&valid_pdf);

        let publish = |list: &StatusList| {
            let mut options = PublishOptions::new(now, now + Duration::days(7));
            options.level = Level::BLt;
            options.timestamp = Some(&tsa);
            options.lt = Some(lt);
            list.publish(&o1, &options).expect("publish")
        };
        let number = record.number();
        let fresh = || StatusList::for_diplomas(number.university(), number.year(), number.level());
        let mut revoked = fresh();
        revoked.revoke(entry.index).expect("revoke");
        let mut suspended = fresh();
        suspended.suspend(entry.index).expect("suspend");
        let other = StatusList::new(
            "https://registrar.example.ac.ir/status/other",
            number.university(),
            samad::diploma::status::MIN_ENTRIES,
        )
        .expect("other list");

        let data = "a record to sign\n".as_bytes().to_vec();
        let sign_options = SignOptions::new(Level::BLt)
            .signing_time(now)
            .timestamp(&tsa)
            .lt(lt);
        let data_sig =
            samad::cms::sign(Content::Data(&data), &o1, &sign_options).expect("detached");

        Fixtures {
            now,
            trust_pem: pem(&pki.root_ca.certificate).into_bytes(),
            valid_pdf,
            tampered_pdf,
            garbage: b"%PDF-1.7\nthis is not a PDF at all \x00\xff".to_vec(),
            entry,
            list_active: publish(&fresh()),
            list_revoked: publish(&revoked),
            list_suspended: publish(&suspended),
            list_other: publish(&other),
            data,
            data_sig,
        }
    }

    /// Writes the fixtures under `dir` with the names `ffi/run-c-tests.sh` and
    /// `examples/python/verify.py` expect.
    pub fn write(&self, dir: &Path) {
        let files: [(&str, &[u8]); 10] = [
            ("trust.pem", &self.trust_pem),
            ("valid.pdf", &self.valid_pdf),
            ("tampered.pdf", &self.tampered_pdf),
            ("garbage.pdf", &self.garbage),
            ("status-active.json", self.list_active.as_bytes()),
            ("status-revoked.json", self.list_revoked.as_bytes()),
            ("status-suspended.json", self.list_suspended.as_bytes()),
            ("status-other.json", self.list_other.as_bytes()),
            ("data.txt", &self.data),
            ("data.p7s", &self.data_sig),
        ];
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).expect("write fixture");
        }
    }
}

/// The signed diploma with one byte of its first revision changed where the PDF still
/// parses: a letter of the XMP packet (stored uncompressed, `spec/diploma.md` §7), which
/// every signature covers.
pub fn tamper(pdf: &[u8]) -> Vec<u8> {
    let needle = b"<xmp:CreatorTool>samad";
    let at = pdf
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the XMP packet names the creator tool")
        + needle.len()
        - 1;
    let mut tampered = pdf.to_vec();
    tampered[at] = b'S';
    tampered
}
