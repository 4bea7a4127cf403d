use time::macros::datetime;

use super::report::{Check, DocumentSummary, Indication, SignatureKind, SubIndication};
use super::*;
use crate::pki::path::PathError;
use crate::pki::trust::TrustStore;

fn document() -> DocumentSummary {
    DocumentSummary {
        kind: "detached".into(),
        name: None,
        sha256: "00".into(),
        revisions: None,
    }
}

fn signature(indication: Indication, sub: Option<SubIndication>) -> report::SignatureReport {
    report::SignatureReport {
        id: "signature-1".into(),
        kind: SignatureKind::Cades,
        role: None,
        signer: None,
        level: None,
        claimed_signing_time: None,
        best_signature_time: datetime!(2026-01-01 0:00 UTC),
        chain: Vec::new(),
        revocation: Vec::new(),
        timestamps: Vec::new(),
        coverage: None,
        changes_after: Vec::new(),
        checks: Vec::new(),
        indication,
        sub_indication: sub,
    }
}

fn trust() -> TrustStore {
    let pki = crate::pki::demo::DemoPki::generate(&crate::clock::FixedClock::new(datetime!(
        2026-01-01 0:00 UTC
    )))
    .unwrap();
    TrustStore::from_certificates(vec![
        crate::pki::cert::Certificate::from_der(&pki.root_ca.certificate).unwrap(),
    ])
    .unwrap()
}

#[test]
fn the_worst_indication_wins() {
    let trust = trust();
    let ctx = ValidationContext::new(&trust, datetime!(2026-02-01 0:00 UTC));
    let report = finish_report(
        document(),
        &ctx,
        vec![
            signature(Indication::TotalPassed, None),
            signature(Indication::Indeterminate, Some(SubIndication::TryLater)),
            signature(Indication::TotalFailed, Some(SubIndication::HashFailure)),
        ],
        Vec::new(),
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::HashFailure));
    assert_eq!(report.policy, "samad-2026-1");
    assert_eq!(report.validation_time, datetime!(2026-02-01 0:00 UTC));
}

#[test]
fn a_failed_document_check_fails_the_report() {
    let trust = trust();
    let ctx = ValidationContext::new(&trust, datetime!(2026-02-01 0:00 UTC));
    let report = finish_report(
        document(),
        &ctx,
        vec![signature(Indication::TotalPassed, None)],
        vec![
            Check::passed("diploma.qr", ""),
            Check::failed("diploma.status", SubIndication::Revoked, "revoked"),
        ],
    );
    assert_eq!(report.indication, Indication::TotalFailed);
    assert_eq!(report.sub_indication, Some(SubIndication::Revoked));
}

#[test]
fn no_signature_proves_nothing() {
    let trust = trust();
    let ctx = ValidationContext::new(&trust, datetime!(2026-02-01 0:00 UTC));
    let report = finish_report(document(), &ctx, Vec::new(), Vec::new());
    assert_eq!(report.indication, Indication::Indeterminate);
    assert_eq!(
        report.sub_indication,
        Some(SubIndication::SignedDataNotFound)
    );
    assert!(render_text(&report).ends_with("INDETERMINATE (SIGNED_DATA_NOT_FOUND)\n"));
}

#[test]
fn path_errors_map_to_the_documented_sub_indications() {
    let pki = crate::pki::demo::DemoPki::generate(&crate::clock::FixedClock::new(datetime!(
        2026-01-01 0:00 UTC
    )))
    .unwrap();
    let leaf = crate::pki::cert::Certificate::from_der(&pki.officials[0].certificate).unwrap();
    let me = leaf.subject.to_string();
    let t = datetime!(2026-02-01 0:00 UTC);
    let revoked = |subject: &str, at| PathError::Revoked {
        subject: subject.into(),
        serial: "01".into(),
        reason: "keyCompromise".into(),
        at,
    };
    let expired = PathError::Expired {
        subject: me.clone(),
        not_after: t,
        at: t,
    };
    use Indication::{Indeterminate, TotalFailed};
    use SubIndication as S;
    let cases = [
        (
            x509::map_error(&expired, &leaf, None, None),
            (Indeterminate, S::OutOfBoundsNoPoe),
        ),
        (
            x509::map_error(&expired, &leaf, Some(t), None),
            (TotalFailed, S::Expired),
        ),
        (
            x509::map_error(&revoked(&me, t), &leaf, None, None),
            (Indeterminate, S::RevokedNoPoe),
        ),
        // The signer claims to have signed after the revocation.
        (
            x509::map_error(&revoked(&me, t), &leaf, None, Some(t)),
            (TotalFailed, S::Revoked),
        ),
        (
            x509::map_error(&revoked(&me, t), &leaf, Some(t), None),
            (TotalFailed, S::Revoked),
        ),
        (
            x509::map_error(&revoked("C=IR, CN=Some CA", t), &leaf, None, None),
            (Indeterminate, S::RevokedCaNoPoe),
        ),
        (
            x509::map_error(
                &PathError::UnknownCriticalExtension {
                    subject: me.clone(),
                    oid: "1.2.3".into(),
                },
                &leaf,
                None,
                None,
            ),
            (Indeterminate, S::CertificateChainGeneralFailure),
        ),
        (
            x509::map_error(
                &PathError::NotCa {
                    subject: me.clone(),
                },
                &leaf,
                None,
                None,
            ),
            (Indeterminate, S::ChainConstraintsFailure),
        ),
    ];
    for (i, (got, want)) in cases.into_iter().enumerate() {
        assert_eq!(got, want, "case {i}");
    }
}

#[test]
fn a_document_time_stamp_validates_with_its_tsa_path() {
    use crate::clock::FixedClock;
    use crate::pki::algorithm::DigestAlgorithm;
    use crate::pki::revocation::OfflineRevocation;
    use crate::pki::tsp::{DemoTsa, TimestampRequest, request_timestamp};

    let t0 = datetime!(2026-03-01 10:00 UTC);
    let pki = crate::pki::demo::DemoPki::generate(&FixedClock::new(t0)).unwrap();
    let trust = TrustStore::from_certificates(vec![
        crate::pki::cert::Certificate::from_der(&pki.root_ca.certificate).unwrap(),
    ])
    .unwrap();
    let mut crls = OfflineRevocation::new();
    for crl in &pki.crls {
        crls = crls.with_crl_bytes(&crl.der).unwrap();
    }
    let tsa = DemoTsa::from_demo_pki(&pki, FixedClock::new(t0)).unwrap();
    let revision = b"the bytes of a PDF revision";
    let hashed = DigestAlgorithm::Sha256.digest(revision);
    let request = TimestampRequest::new(DigestAlgorithm::Sha256, &hashed).unwrap();
    let token = request_timestamp(&tsa, &request, &[]).unwrap().token;

    let ctx =
        ValidationContext::new(&trust, t0 + time::Duration::hours(1)).revocation(&crls, "offline");
    let external = ExternalEvidence::default();
    let (summary, verified, checks) = validate_timestamp(
        &token,
        DigestAlgorithm::Sha256,
        &hashed,
        &ctx,
        &external,
        "document",
    );
    assert_eq!(summary.indication, Indication::TotalPassed, "{checks:?}");
    assert_eq!(summary.kind, "document");
    assert_eq!(summary.gen_time, t0);
    assert!(summary.tsa.contains("Time-Stamping Authority"));
    assert!(verified.is_some());
    let names: Vec<&str> = checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tst.document.token",
            "tst.document.tsa-path",
            "tst.document.algorithms"
        ]
    );

    // Another revision's hash: the imprint differs.
    let other = DigestAlgorithm::Sha256.digest(b"a later revision");
    let (summary, verified, _) = validate_timestamp(
        &token,
        DigestAlgorithm::Sha256,
        &other,
        &ctx,
        &external,
        "document",
    );
    assert_eq!(summary.indication, Indication::TotalFailed);
    assert_eq!(summary.sub_indication, Some(SubIndication::HashFailure));
    assert!(verified.is_none());

    // Without revocation data for the TSA's chain: TRY_LATER, not passed.
    let bare = ValidationContext::new(&trust, t0 + time::Duration::hours(1));
    let (summary, _, _) = validate_timestamp(
        &token,
        DigestAlgorithm::Sha256,
        &hashed,
        &bare,
        &external,
        "document",
    );
    assert_eq!(summary.indication, Indication::Indeterminate);
    assert_eq!(summary.sub_indication, Some(SubIndication::TryLater));
}
