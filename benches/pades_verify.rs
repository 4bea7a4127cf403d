//! Verifying a signed diploma (what an employer or the ministry's inquiry service waits
//! for): a B-LT diploma — three signatures with signature time-stamps and a DSS — made by
//! samad from the committed demo PKI, verified with `samad::pdf::pades::verify_pdf`.
//!
//! A [`ValidationContext`] remembers the certificate and CRL signatures that verified and
//! the certificates it parsed (`validation::cache`), so two figures:
//! - `cold`: everything a one-shot verifier (`samad verify`, one C API call) does: read the
//!   trust anchor, intermediates and CRLs from their PEM/DER bytes, build the context, verify
//!   (the cache only helps within the document: its 3 signatures and 3 time-stamps share
//!   chains and CRLs);
//! - `warm`: a long-running service that built its context once and verifies the next
//!   diploma (here the same one again: chains and CRLs come from the cache; paths, validity,
//!   revocation status, the CMS signatures and time-stamp tokens are still checked).
//!
//! Run: `cargo bench --all-features --bench pades_verify`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::pdf::pades::verify_pdf;
use samad::pki::cert::parse_pem_or_der;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::trust::TrustStore;
use samad::validation::ValidationContext;
use samad::validation::report::{Indication, Level};

#[path = "../tests/pades_verify_support/mod.rs"]
#[allow(unused_imports)]
mod support;

fn bench(c: &mut Criterion) {
    let pki = support::Pki::load();
    let pdf = support::samad_signed_at(Level::BLt, &pki);
    let at = pki.at;
    let dir = support::data_dir().join("pki");
    let trust_pem = std::fs::read(dir.join("trust.pem")).expect("trust.pem");
    let intermediates_pem =
        std::fs::read(dir.join("intermediates.pem")).expect("intermediates.pem");
    let crls: Vec<Vec<u8>> = ["root-ca", "ministry-ca", "university-ca"]
        .iter()
        .map(|ca| std::fs::read(dir.join("crl").join(format!("{ca}.crl"))).expect("crl"))
        .collect();
    // Guard: a benchmark of a failing verification would measure the wrong thing.
    assert_eq!(pki.verify(&pdf).indication, Indication::TotalPassed);

    let mut group = c.benchmark_group("pades-verify");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.bench_function(
        "b-lt diploma, cold (context built from files each time)",
        |b| {
            b.iter(|| {
                let trust = TrustStore::from_pem(&trust_pem).expect("trust");
                let intermediates = parse_pem_or_der(&intermediates_pem).expect("intermediates");
                let mut revocation = OfflineRevocation::new();
                for crl in &crls {
                    revocation = revocation.with_crl_bytes(crl).expect("crl");
                }
                let ctx = ValidationContext::new(&trust, at)
                    .intermediates(intermediates)
                    .revocation(&revocation, "offline");
                black_box(verify_pdf(black_box(&pdf), &ctx).expect("report"))
            })
        },
    );
    let ctx = pki.context();
    group.bench_function("b-lt diploma, warm (context reused)", |b| {
        b.iter(|| black_box(verify_pdf(black_box(&pdf), &ctx).expect("report")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
