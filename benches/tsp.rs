//! RFC 3161 time-stamp tokens: verifying one (what every B-T signature check pays) and
//! issuing one with the demo TSA (ECDSA P-256). Run: `cargo bench --bench tsp`.
//!
//! Peer figure for scale (BRIEF §5, one core): ring 0.17 verifies ~9k P-256 signatures/s;
//! a token verification is one signature plus DER parsing and hashing.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::clock::FixedClock;
use samad::pki::algorithm::DigestAlgorithm;
use samad::pki::demo::DemoPki;
use samad::pki::signer::SoftwareSigner;
use samad::pki::tsp::{DemoTsa, TimestampRequest, verify_response};
use samad::time::macros::datetime;

fn tsp(c: &mut Criterion) {
    let clock = FixedClock::new(datetime!(2025-03-20 10:00 UTC));
    let pki = DemoPki::generate(&clock).expect("demo PKI");
    let signer =
        SoftwareSigner::from_pkcs8_der(&pki.tsa.private_key, pki.tsa.chain()).expect("TSA key");
    let tsa = DemoTsa::new(signer, clock).expect("demo TSA");
    let request = TimestampRequest::for_data(DigestAlgorithm::Sha256, b"a signed diploma")
        .with_nonce(&[0x5a; 16]);
    let request_der = request.to_der().expect("request");
    let response = tsa.respond(&request_der).expect("response");
    verify_response(&response, &request, &[]).expect("the token verifies");

    let mut group = c.benchmark_group("tsp");
    group.throughput(Throughput::Elements(1));
    group.bench_function("verify-token-p256", |b| {
        b.iter(|| verify_response(black_box(&response), &request, &[]).expect("verifies"))
    });
    group.bench_function("issue-token-p256", |b| {
        b.iter(|| tsa.respond(black_box(&request_der)).expect("issues"))
    });
    group.finish();
}

criterion_group!(benches, tsp);
criterion_main!(benches);
