//! Every CAdES level made with the demo PKI and the demo TSA validates TOTAL-PASSED (B-LT
//! and B-LTA also after the signer's certificate expired, with the time-stamps as proof of
//! existence) and fails where it must, each with the sub-indication EN 319 102-1 gives.

mod cades_support;

use cades_support::{Fixture, SIGNED_AT, T0};
use samad::cms::Level;
use samad::validation::report::{CheckOutcome, Indication, SubIndication, ValidationReport};
use samad::validation::validate_detached;
use time::Duration;

const RECORD: &[u8] = b"record 1404/123: the minutes of the university council";
const LEVELS: [Level; 4] = [Level::BB, Level::BT, Level::BLt, Level::BLta];

fn explain(report: &ValidationReport) -> String {
    samad::validation::render_text(report)
}

fn assert_result(report: &ValidationReport, indication: Indication, sub: Option<SubIndication>) {
    assert_eq!(
        (report.indication, report.sub_indication),
        (indication, sub),
        "{}",
        explain(report)
    );
}

#[test]
fn every_level_validates_total_passed() {
    let fx = Fixture::new();
    let signer = fx.signer(&fx.pki.officials[0]);
    for level in LEVELS {
        let sig = fx.sign(&signer, RECORD, level);
        let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
        assert_result(&report, Indication::TotalPassed, None);
        let signature = &report.signatures[0];
        assert_eq!(signature.level, Some(level), "{}", explain(&report));
        assert_eq!(
            signature.chain.len(),
            4,
            "signer, university, ministry, root"
        );
        assert!(
            signature
                .revocation
                .iter()
                .any(|r| r.kind == "crl" && r.status == "good"),
            "{:?}",
            signature.revocation
        );
        let signer = signature.signer.as_ref().expect("signer");
        assert_eq!(signer.national_code.as_deref(), Some("0076229645"));
        if level >= Level::BT {
            assert_eq!(signature.best_signature_time, SIGNED_AT);
            assert!(
                signature
                    .timestamps
                    .iter()
                    .all(|t| t.indication == Indication::TotalPassed)
            );
        }
        if level >= Level::BLt {
            assert!(
                signature.revocation.iter().any(|r| r.origin == "cms"),
                "B-LT carries its own revocation data: {:?}",
                signature.revocation
            );
        }
        if level == Level::BLta {
            assert!(signature.timestamps.iter().any(|t| t.kind == "archive"));
        }
    }
}

#[test]
fn long_term_levels_validate_after_the_signer_certificate_expired() {
    let fx = Fixture::new();
    // Expires two days after signing; the TSA's certificate (3 years) stays valid.
    let signer = fx.issue_official("Short-lived Official", T0 + Duration::days(2), None);
    let later = T0 + Duration::days(10);
    for level in LEVELS {
        let sig = fx.sign(&signer, RECORD, level);
        // Only the signature's own validation data: no revocation source from the caller.
        let bare = samad::validation::ValidationContext::new(&fx.trust, later);
        let report = validate_detached(RECORD, &sig, &bare);
        match level {
            // No proof of existence: the expired certificate decides.
            Level::BB => assert_result(
                &report,
                Indication::Indeterminate,
                Some(SubIndication::OutOfBoundsNoPoe),
            ),
            // The signature time-stamp cannot be validated either (no revocation data for
            // the TSA's chain, TRY_LATER), so there is no proof of existence.
            Level::BT => {
                assert_result(
                    &report,
                    Indication::Indeterminate,
                    Some(SubIndication::OutOfBoundsNoPoe),
                );
                let tst = &report.signatures[0].timestamps[0];
                assert_eq!(tst.sub_indication, Some(SubIndication::TryLater));
            }
            _ => {
                assert_result(&report, Indication::TotalPassed, None);
                let signature = &report.signatures[0];
                assert_eq!(signature.best_signature_time, SIGNED_AT);
                let path = signature
                    .checks
                    .iter()
                    .find(|c| c.name == "x509.path")
                    .unwrap();
                assert_eq!(path.outcome, CheckOutcome::Passed);
                assert!(
                    path.detail.contains("past certificate validation"),
                    "{}",
                    path.detail
                );
            }
        }
        // B-T passes too once the caller supplies CRLs that were current at the proof.
        if level == Level::BT {
            let report = validate_detached(RECORD, &sig, &fx.ctx(later));
            assert_result(&report, Indication::TotalPassed, None);
        }
    }
}

#[test]
fn a_signer_revoked_before_signing_fails_revoked() {
    let fx = Fixture::new();
    // official-3 was revoked (keyCompromise) at T0 − 1 h, before it signs at SIGNED_AT.
    let signer = fx.signer(&fx.pki.revoked_official);
    for level in [Level::BB, Level::BT] {
        let sig = fx.sign(&signer, RECORD, level);
        let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
        assert_result(
            &report,
            Indication::TotalFailed,
            Some(SubIndication::Revoked),
        );
        let signature = &report.signatures[0];
        assert!(
            signature.revocation.iter().any(|r| r.status == "revoked"),
            "{:?}",
            signature.revocation
        );
    }
}

#[test]
fn tampered_content_fails_hash_failure() {
    let fx = Fixture::new();
    let signer = fx.signer(&fx.pki.officials[1]);
    for level in LEVELS {
        let sig = fx.sign(&signer, RECORD, level);
        let mut changed = RECORD.to_vec();
        changed[7] ^= 0x01;
        let report = validate_detached(&changed, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
        assert_result(
            &report,
            Indication::TotalFailed,
            Some(SubIndication::HashFailure),
        );
        let check = report.signatures[0]
            .checks
            .iter()
            .find(|c| c.name == "cms.message-digest")
            .unwrap();
        assert_eq!(check.outcome, CheckOutcome::Failed);
    }
}

#[test]
fn a_wrong_trust_anchor_finds_no_chain() {
    let fx = Fixture::new();
    let other = Fixture::new();
    let signer = fx.signer(&fx.pki.officials[0]);
    let sig = fx.sign(&signer, RECORD, Level::BT);
    let ctx = other.ctx(SIGNED_AT + Duration::minutes(5));
    let report = validate_detached(RECORD, &sig, &ctx);
    assert_result(
        &report,
        Indication::Indeterminate,
        Some(SubIndication::NoCertificateChainFound),
    );
}

#[test]
fn an_unknown_critical_extension_fails_the_chain() {
    let fx = Fixture::new();
    let signer = fx.issue_official(
        "Official With A Strange Extension",
        T0 + Duration::days(365),
        Some(&[1, 3, 6, 1, 4, 1, 32473, 99, 1]),
    );
    let sig = fx.sign(&signer, RECORD, Level::BB);
    let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
    assert_result(
        &report,
        Indication::Indeterminate,
        Some(SubIndication::CertificateChainGeneralFailure),
    );
    let path = report.signatures[0]
        .checks
        .iter()
        .find(|c| c.name == "x509.path")
        .unwrap();
    assert!(
        path.detail.contains("1.3.6.1.4.1.32473.99.1"),
        "{}",
        path.detail
    );
}

#[test]
fn the_same_certificate_issued_by_the_helper_validates() {
    // The control for the two tests above: a helper-issued leaf without anything odd passes,
    // so their failures come from expiry and the extension, not from the helper.
    let fx = Fixture::new();
    let signer = fx.issue_official("Ordinary Official", T0 + Duration::days(365), None);
    let sig = fx.sign(&signer, RECORD, Level::BB);
    let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
    assert_result(&report, Indication::TotalPassed, None);
}

#[test]
fn an_unreadable_signature_is_a_format_failure() {
    let fx = Fixture::new();
    let report = validate_detached(RECORD, b"not a signature", &fx.ctx(SIGNED_AT));
    assert_result(
        &report,
        Indication::TotalFailed,
        Some(SubIndication::FormatFailure),
    );
    assert!(report.signatures.is_empty());
    assert_eq!(report.document_checks[0].name, "cms.parse");
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let fx = Fixture::new();
    let signer = fx.signer(&fx.pki.officials[0]);
    let sig = fx.sign(&signer, RECORD, Level::BLta);
    let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT + Duration::minutes(5)));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["indication"], "TOTAL-PASSED");
    assert_eq!(json["report_version"], 1);
    assert_eq!(json["policy"], "samad-2026-1");
    assert_eq!(json["document"]["kind"], "detached");
    let signature = &json["signatures"][0];
    assert_eq!(signature["id"], "signature-1");
    assert_eq!(signature["kind"], "cades");
    assert_eq!(signature["level"], "B-LTA");
    assert_eq!(signature["best_signature_time"], "2026-03-01T10:05:00Z");
    assert!(signature.get("sub_indication").is_none());
    let names: Vec<&str> = signature["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for expected in [
        "cms.algorithms",
        "cms.signer-certificate",
        "cms.signing-certificate-attribute",
        "cms.message-digest",
        "cms.signature-value",
        "tst.archive.1.token",
        "tst.archive.1.tsa-path",
        "tst.signature.1.token",
        "tst.signature.1.tsa-path",
        "poe.best-signature-time",
        "policy.signature",
        "x509.path",
        "policy.chain",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
}

#[test]
fn stale_revocation_data_is_try_later() {
    let fx = Fixture::new();
    let signer = fx.signer(&fx.pki.officials[0]);
    let sig = fx.sign(&signer, RECORD, Level::BB);
    // The demo CRLs' nextUpdate is T0 + 30 days; the certificate is still valid at T0 + 40.
    let report = validate_detached(RECORD, &sig, &fx.ctx(T0 + Duration::days(40)));
    assert_result(
        &report,
        Indication::Indeterminate,
        Some(SubIndication::TryLater),
    );
    let path = report.signatures[0]
        .checks
        .iter()
        .find(|c| c.name == "x509.path")
        .unwrap();
    assert!(path.detail.contains("stale"), "{}", path.detail);
}

#[test]
fn a_revoked_signer_without_any_time_is_revoked_no_poe() {
    let fx = Fixture::new();
    let signer = fx.signer(&fx.pki.revoked_official);
    // No signing-time attribute and no time-stamp: nothing says when it was signed.
    let options = samad::cms::SignOptions::new(Level::BB);
    let sig = samad::cms::sign(samad::cms::Content::Data(RECORD), &signer, &options).unwrap();
    let report = validate_detached(RECORD, &sig, &fx.ctx(SIGNED_AT));
    assert_result(
        &report,
        Indication::Indeterminate,
        Some(SubIndication::RevokedNoPoe),
    );
}

#[test]
fn a_year_later_the_time_stamps_prove_the_signature_with_current_data_for_the_tsa() {
    let fx = Fixture::new();
    let signer = fx.issue_official("Short-lived Official", T0 + Duration::days(2), None);
    let year_later = T0 + Duration::days(365);
    // What a verifier has a year later: current CRLs for the TSA's chain, nothing current for
    // the signer's (its certificate expired long ago; its CRLs are the ones embedded at B-LT).
    let fresh = fx.fresh_tsa_chain_crls(year_later);
    let ctx = samad::validation::ValidationContext::new(&fx.trust, year_later)
        .revocation(&fresh, "offline");
    for level in [Level::BLt, Level::BLta] {
        let sig = fx.sign(&signer, RECORD, level);
        let report = validate_detached(RECORD, &sig, &ctx);
        assert_result(&report, Indication::TotalPassed, None);
        let signature = &report.signatures[0];
        assert_eq!(signature.best_signature_time, SIGNED_AT);
        assert_eq!(signature.level, Some(level));
        // The signer's chain was checked with the CRLs inside the signature.
        assert!(
            signature
                .revocation
                .iter()
                .any(|r| r.certificate.contains("Short-lived") && r.origin == "cms"),
            "{:?}",
            signature.revocation
        );
        // Without current data for the TSA, nothing proves when the signature existed.
        let bare = samad::validation::ValidationContext::new(&fx.trust, year_later);
        let report = validate_detached(RECORD, &sig, &bare);
        assert_result(
            &report,
            Indication::Indeterminate,
            Some(SubIndication::OutOfBoundsNoPoe),
        );
    }
}
