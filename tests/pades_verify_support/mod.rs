//! Shared by the PAdES verification tests: the committed demo PKI of the pyHanko fixtures
//! (`tests/data/pades/pki`, written by `samad pki demo`) and a validation context fixed in
//! time, so the fixtures keep validating after their certificates expire.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use samad::pdf::pades::verify_pdf;
use samad::pki::cert::{Certificate, parse_pem_or_der};
use samad::pki::revocation::OfflineRevocation;
use samad::pki::trust::TrustStore;
use samad::validation::ValidationContext;
use samad::validation::report::{CheckOutcome, Indication, ValidationReport};
use time::{Duration, OffsetDateTime};

/// `tests/data/pades`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pades")
}

/// The committed demo PKI: trust anchor, intermediates, CRLs.
pub struct Pki {
    pub trust: TrustStore,
    pub intermediates: Vec<Certificate>,
    pub revocation: OfflineRevocation,
    /// One day after the certificates' notBefore: when the fixtures are validated.
    pub at: OffsetDateTime,
}

impl Pki {
    pub fn load() -> Pki {
        let dir = data_dir().join("pki");
        let read =
            |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let trust = TrustStore::from_pem(&read("trust.pem")).expect("trust.pem");
        let intermediates =
            parse_pem_or_der(&read("intermediates.pem")).expect("intermediates.pem");
        let official = parse_pem_or_der(&read("official-1.pem")).expect("official-1.pem");
        let at = official[0].not_before + Duration::days(1);
        let revocation = OfflineRevocation::new()
            .with_crl_dir(&dir.join("crl"))
            .expect("crl dir");
        Pki {
            trust,
            intermediates,
            revocation,
            at,
        }
    }

    /// The context the fixtures validate in: the demo root, its intermediates and CRLs
    /// (as `samad verify --certs --crls` gives them), at [`Pki::at`].
    pub fn context(&self) -> ValidationContext<'_> {
        ValidationContext::new(&self.trust, self.at)
            .intermediates(self.intermediates.clone())
            .revocation(&self.revocation, "offline")
    }

    /// The context with trust only: revocation must come from the PDF itself.
    pub fn context_without_revocation(&self) -> ValidationContext<'_> {
        ValidationContext::new(&self.trust, self.at).intermediates(self.intermediates.clone())
    }

    pub fn verify(&self, pdf: &[u8]) -> ValidationReport {
        verify_pdf(pdf, &self.context()).expect("a readable PDF")
    }
}

/// A fixture's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(data_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The report as pretty JSON, for failure messages.
pub fn json(report: &ValidationReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// Asserts the whole report is TOTAL-PASSED, printing it when not.
pub fn assert_passed(report: &ValidationReport, what: &str) {
    assert_eq!(
        report.indication,
        Indication::TotalPassed,
        "{what}: expected TOTAL-PASSED\n{}",
        json(report)
    );
}

/// Asserts the report is not TOTAL-PASSED and that some failed check's name is `check`
/// and its detail contains `words`; returns that detail.
pub fn assert_rejected(report: &ValidationReport, check: &str, words: &str, what: &str) -> String {
    assert_ne!(
        report.indication,
        Indication::TotalPassed,
        "{what}: must not pass\n{}",
        json(report)
    );
    let found = report
        .signatures
        .iter()
        .flat_map(|s| &s.checks)
        .chain(&report.document_checks)
        .find(|c| c.name == check && c.outcome != CheckOutcome::Passed && c.detail.contains(words));
    match found {
        Some(c) => c.detail.clone(),
        None => panic!(
            "{what}: no failed check {check} mentioning {words:?}\n{}",
            json(report)
        ),
    }
}

/// A software signer from the committed PKI (`name` is `official-1`, `tsa`, …).
pub fn signer(name: &str) -> samad::pki::signer::SoftwareSigner {
    let dir = data_dir().join("pki");
    let key = std::fs::read_to_string(dir.join(format!("{name}.key.pem"))).expect("key");
    let chain =
        parse_pem_or_der(&std::fs::read(dir.join(format!("{name}.chain.pem"))).expect("chain"))
            .expect("chain certificates")
            .iter()
            .map(|c| c.der().to_vec())
            .collect();
    samad::pki::signer::SoftwareSigner::from_pkcs8_pem(&key, chain).expect("signer")
}

/// The committed unsigned diploma (`samad diploma render`), signed by samad itself:
/// official-1 certifies (P=2), official-2 and the ministry seal approve, at B-B, with
/// `/M` two hours after the PKI was made.
pub fn samad_signed_diploma(unsigned: &[u8], pki: &Pki) -> Vec<u8> {
    use samad::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};
    use samad::validation::report::Level;
    let (o1, o2, seal) = (
        signer("official-1"),
        signer("official-2"),
        signer("ministry-seal"),
    );
    let signers = DiplomaSigners {
        official_1: &o1,
        official_2: &o2,
        ministry_seal: &seal,
    };
    let signing_time = pki.at - Duration::hours(22);
    sign_diploma(
        unsigned,
        &signers,
        &PadesOptions::new(Level::BB, signing_time),
    )
    .expect("sign_diploma")
}
pub mod attacks;

/// The committed PKI's TSA, answering at `at`.
pub fn demo_tsa(at: OffsetDateTime) -> samad::pki::tsp::DemoTsa {
    samad::pki::tsp::DemoTsa::new(signer("tsa"), samad::clock::FixedClock::new(at)).expect("TSA")
}

/// The committed unsigned diploma signed by samad at `level` (three signatures, then the
/// DSS and document time-stamp the level asks for), two hours after the PKI was made.
pub fn samad_signed_at(level: samad::validation::report::Level, pki: &Pki) -> Vec<u8> {
    samad_signed_by(level, "official-2", pki)
}

/// As [`samad_signed_at`], with `second_official` (a committed identity) in the second
/// official's place.
pub fn samad_signed_by(
    level: samad::validation::report::Level,
    second_official: &str,
    pki: &Pki,
) -> Vec<u8> {
    use samad::cms::LtSources;
    use samad::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};
    let (o1, o2, seal) = (
        signer("official-1"),
        signer(second_official),
        signer("ministry-seal"),
    );
    let signers = DiplomaSigners {
        official_1: &o1,
        official_2: &o2,
        ministry_seal: &seal,
    };
    let signing_time = pki.at - Duration::hours(22);
    let tsa = demo_tsa(signing_time);
    let sources = LtSources {
        trust: &pki.trust,
        intermediates: &pki.intermediates,
        revocation: &pki.revocation,
        at: signing_time,
    };
    let options = PadesOptions::new(level, signing_time)
        .timestamp(&tsa)
        .lt(sources);
    sign_diploma(&fixture("unsigned-diploma.pdf"), &signers, &options).expect("sign_diploma")
}
