//! samad verifies the diplomas samad signs at every level (B-B, B-T, B-LT, B-LTA) and after
//! an LTA renewal: every signature TOTAL-PASSED at the level asked for, each covering its
//! own revision, with only allowed changes after it.

mod pades_verify_support;

use pades_verify_support::*;
use samad::pdf::pades::{PadesOptions, extend_lta, verify_pdf};
use samad::validation::report::{Indication, Level, SignatureKind};
use time::Duration;

#[test]
fn samad_signed_diplomas_pass_at_their_levels() {
    let pki = Pki::load();
    for level in [Level::BB, Level::BT, Level::BLt, Level::BLta] {
        let pdf = samad_signed_at(level, &pki);
        let report = pki.verify(&pdf);
        assert_passed(&report, level.as_str());
        let signatures: Vec<_> = report
            .signatures
            .iter()
            .filter(|s| s.kind != SignatureKind::DocumentTimestamp)
            .collect();
        assert_eq!(signatures.len(), 3, "{}", json(&report));
        for signature in signatures {
            assert_eq!(
                signature.level,
                Some(level),
                "{} {}\n{}",
                level.as_str(),
                signature.id,
                json(&report)
            );
            assert!(signature.changes_after.iter().all(|c| c.allowed));
        }
        let timestamps = report
            .signatures
            .iter()
            .filter(|s| s.kind == SignatureKind::DocumentTimestamp)
            .count();
        assert_eq!(
            timestamps,
            usize::from(level == Level::BLta),
            "{}",
            level.as_str()
        );
    }
}

#[test]
fn long_term_diplomas_need_nothing_but_the_trust_anchor() {
    let pki = Pki::load();
    let pdf = samad_signed_at(Level::BLt, &pki);
    let report = verify_pdf(&pdf, &pki.context_without_revocation()).expect("readable");
    assert_passed(&report, "B-LT with revocation from the DSS only");
}

#[test]
fn renewal_adds_a_second_document_timestamp() {
    let pki = Pki::load();
    let pdf = samad_signed_at(Level::BLta, &pki);
    let later = pki.at - Duration::hours(12);
    let tsa = demo_tsa(later);
    let sources = samad::cms::LtSources {
        trust: &pki.trust,
        intermediates: &pki.intermediates,
        revocation: &pki.revocation,
        at: later,
    };
    let renewed = extend_lta(
        &pdf,
        &PadesOptions::new(Level::BLta, later)
            .timestamp(&tsa)
            .lt(sources),
    )
    .expect("renewal");
    let report = pki.verify(&renewed);
    assert_passed(&report, "renewed B-LTA");
    let timestamps: Vec<_> = report
        .signatures
        .iter()
        .filter(|s| s.kind == SignatureKind::DocumentTimestamp)
        .collect();
    assert_eq!(timestamps.len(), 2, "{}", json(&report));
    assert!(
        timestamps
            .iter()
            .all(|t| t.indication == Indication::TotalPassed)
    );
    // The first time-stamp is covered by the second, its changes (DSS, new time-stamp) allowed.
    assert!(timestamps[0].changes_after.iter().all(|c| c.allowed));
    assert!(!timestamps[0].changes_after.is_empty());
}
