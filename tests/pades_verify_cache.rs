//! The validation context's cache (verified certificate and CRL signatures, parsed
//! certificates) never changes a result: a report from a context that has seen other
//! documents, other times or other signers is the same, field for field, as the report of
//! a fresh context — and the cache is actually used.

mod pades_verify_support;

use pades_verify_support::*;
use samad::pdf::pades::verify_pdf;
use samad::validation::ValidationContext;
use samad::validation::report::{
    Indication, Level, SignatureKind, SubIndication, ValidationReport,
};
use time::Duration;

fn verify(pdf: &[u8], ctx: &ValidationContext<'_>) -> ValidationReport {
    verify_pdf(pdf, ctx).expect("a readable PDF")
}

/// The committed diploma signed at B-T by official-1, official-3 (revoked at the demo
/// PKI's start, before it signs) and the ministry seal.
fn diploma_with_revoked_second_signer(pki: &Pki) -> Vec<u8> {
    samad_signed_by(Level::BT, "official-3", pki)
}

#[test]
fn a_reused_context_gives_the_same_report_and_uses_its_cache() {
    let pki = Pki::load();
    let pdf = samad_signed_at(Level::BLt, &pki);
    let ctx = pki.context();
    let first = verify(&pdf, &ctx);
    assert_passed(&first, "first verification");
    let after_first = ctx.cache_stats();
    // Three signatures and three time-stamps share chains and CRLs: the first document
    // already answers repeated checks from the cache.
    assert!(after_first.signature_hits > 0, "{after_first:?}");
    assert!(after_first.certificate_hits > 0, "{after_first:?}");

    let second = verify(&pdf, &ctx);
    assert_eq!(json(&first), json(&second));
    let after_second = ctx.cache_stats();
    assert_eq!(
        after_second.signature_misses, after_first.signature_misses,
        "the second verification computed no certificate or CRL signature again: {after_second:?}"
    );
    assert_eq!(
        after_second.certificate_misses,
        after_first.certificate_misses
    );

    // And a context that never saw anything says the same.
    let fresh = verify(&pdf, &pki.context());
    assert_eq!(json(&first), json(&fresh));
    // The revocation data each signature was checked with is recorded on a cache hit too.
    for signature in second
        .signatures
        .iter()
        .filter(|s| s.kind != SignatureKind::DocumentTimestamp)
    {
        assert!(!signature.revocation.is_empty(), "{}", json(&second));
    }
}

#[test]
fn a_revoked_signer_fails_after_a_valid_diploma_warmed_the_cache() {
    let pki = Pki::load();
    let ctx = pki.context();
    assert_passed(
        &verify(&samad_signed_at(Level::BLt, &pki), &ctx),
        "the valid diploma",
    );
    let pdf = diploma_with_revoked_second_signer(&pki);
    let warm = verify(&pdf, &ctx);
    let fresh = verify(&pdf, &pki.context());
    assert_eq!(json(&warm), json(&fresh));
    assert_eq!(warm.indication, Indication::TotalFailed, "{}", json(&warm));
    let revoked: Vec<_> = warm
        .signatures
        .iter()
        .filter(|s| s.sub_indication == Some(SubIndication::Revoked))
        .collect();
    assert_eq!(revoked.len(), 1, "{}", json(&warm));
    let official_3 = samad::pki::cert::parse_pem_or_der(
        &std::fs::read(data_dir().join("pki").join("official-3.pem")).expect("official-3.pem"),
    )
    .expect("official-3 certificate");
    let name = revoked[0]
        .signer
        .as_ref()
        .and_then(|s| s.common_name.clone())
        .expect("the revoked signer's name");
    assert!(
        official_3[0].subject.to_string().contains(&name),
        "{name}\n{}",
        json(&warm)
    );
    // The other two signers still pass: only the revoked one changed.
    let passed = warm
        .signatures
        .iter()
        .filter(|s| s.indication == Indication::TotalPassed)
        .count();
    assert_eq!(passed, 2, "{}", json(&warm));
}

#[test]
fn different_validation_times_do_not_share_results() {
    let pki = Pki::load();
    let pdf = samad_signed_at(Level::BB, &pki);
    let ctx = pki.context();
    assert_passed(&verify(&pdf, &ctx), "at the fixture time");
    // The same context (and so the same cache) long after every certificate expired.
    let mut later = ctx.clone();
    later.at = pki.at + Duration::days(365 * 30);
    let late = verify(&pdf, &later);
    assert_ne!(late.indication, Indication::TotalPassed, "{}", json(&late));
    let mut fresh_later = pki.context();
    fresh_later.at = later.at;
    assert_eq!(json(&late), json(&verify(&pdf, &fresh_later)));
    // And back at the fixture time, still valid.
    assert_passed(&verify(&pdf, &ctx), "again at the fixture time");
}

#[test]
fn the_context_is_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ValidationContext<'static>>();
    let pki = Pki::load();
    let pdf = samad_signed_at(Level::BB, &pki);
    let ctx = pki.context();
    let reports: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| json(&verify(&pdf, &ctx))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], json(&verify(&pdf, &pki.context())));
}
