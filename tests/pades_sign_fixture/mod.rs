//! The PAdES signing tests' setup: a fresh demo PKI (valid now, so outside tools that
//! validate at the current time accept it), the three diploma signers, the demo TSA, the
//! demo CRLs as the revocation source, and a rendered diploma from the test batch.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use samad::clock::{Clock, SystemClock};
use samad::cms::LtSources;
use samad::diploma::{DiplomaFonts, render};
use samad::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};
use samad::pki::cert::Certificate;
use samad::pki::demo::{DemoIdentity, DemoPki};
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::SoftwareSigner;
use samad::pki::trust::TrustStore;
use samad::pki::tsp::DemoTsa;
use samad::validation::report::Level;
use time::OffsetDateTime;

#[path = "../diploma_fixtures/mod.rs"]
mod diploma_fixtures;

/// Every level, lowest first.
pub const LEVELS: [Level; 4] = [Level::BB, Level::BT, Level::BLt, Level::BLta];

/// A demo PKI, its signers and TSA, and one rendered (unsigned) diploma.
pub struct Setup {
    pub now: OffsetDateTime,
    pub pki: DemoPki,
    pub official_1: SoftwareSigner,
    pub official_2: SoftwareSigner,
    pub seal: SoftwareSigner,
    pub tsa: DemoTsa,
    pub trust: TrustStore,
    pub intermediates: Vec<Certificate>,
    pub revocation: OfflineRevocation,
    pub diploma: Vec<u8>,
}

fn signer(who: &DemoIdentity) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_der(&who.private_key, who.chain()).expect("demo key")
}

impl Setup {
    /// A PKI valid at the system time (outside tools validate "now").
    pub fn new() -> Setup {
        let now = SystemClock.now();
        let pki = DemoPki::generate(&SystemClock).expect("demo PKI");
        let tsa = DemoTsa::from_demo_pki(&pki, SystemClock).expect("demo TSA");
        let trust = TrustStore::from_certificates(vec![
            Certificate::from_der(&pki.root_ca.certificate).expect("root"),
        ])
        .expect("trust store");
        let intermediates = [&pki.ministry_ca, &pki.university_ca]
            .iter()
            .map(|ca| Certificate::from_der(&ca.certificate).expect("CA"))
            .collect();
        let mut revocation = OfflineRevocation::new();
        for crl in &pki.crls {
            revocation = revocation.with_crl_bytes(&crl.der).expect("demo CRL");
        }
        let records = diploma_fixtures::batch();
        let record = records.first().expect("a record");
        let fonts = DiplomaFonts::prepare([record]).expect("fonts");
        let diploma = render(record, &fonts, now).expect("render");
        Setup {
            now,
            official_1: signer(&pki.officials[0]),
            official_2: signer(&pki.officials[1]),
            seal: signer(&pki.ministry_seal),
            pki,
            tsa,
            trust,
            intermediates,
            revocation,
            diploma,
        }
    }

    /// The long-term sources (trust, intermediates, the demo CRLs) at the current time.
    pub fn lt(&self) -> LtSources<'_> {
        LtSources {
            trust: &self.trust,
            intermediates: &self.intermediates,
            revocation: &self.revocation,
            at: self.now,
        }
    }

    /// Options for `level` with every source it may need.
    pub fn options(&self, level: Level) -> PadesOptions<'_> {
        PadesOptions::new(level, self.now)
            .timestamp(&self.tsa)
            .lt(self.lt())
    }

    /// The diploma signed by official-1 (certification), official-2 and the seal at `level`.
    pub fn signed(&self, level: Level) -> Vec<u8> {
        let signers = DiplomaSigners {
            official_1: &self.official_1,
            official_2: &self.official_2,
            ministry_seal: &self.seal,
        };
        sign_diploma(&self.diploma, &signers, &self.options(level)).expect("sign diploma")
    }

    /// Writes the demo PKI's `trust.pem` (the root certificate) into `dir`; returns its path.
    pub fn write_root_pem(&self, dir: &Path) -> PathBuf {
        let (_, pem) = self
            .pki
            .files()
            .into_iter()
            .find(|(path, _)| path == Path::new("trust.pem"))
            .expect("the demo PKI has trust.pem");
        let path = dir.join("trust.pem");
        std::fs::write(&path, pem).expect("write trust.pem");
        path
    }
}

/// A scratch directory under the target dir for files an outside tool reads.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("pades")
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The file name of `level` (`B-LTA` → `b-lta`).
pub fn level_name(level: Level) -> String {
    level.as_str().to_ascii_lowercase()
}
