//! CAdES B-B signing and verification of a 50 KB record with a demo P-256 key, and beside
//! them the raw `ring` signature and verification of the same key over an input of the
//! signed attributes' size: the difference is what CMS costs on top of the cryptography.
//! Run: `cargo bench --bench cades`.
//!
//! * `cades/sign-b-b-50k`: hash the record, build the signed attributes
//!   (signing-certificate-v2 hashes the certificate), sign, encode the SignedData.
//! * `cades/verify-b-b-50k`: parse the signature, find the signer's certificate, check the
//!   message digest over the record and the signature value.
//! * `raw/ring-sign-p256`, `raw/ring-verify-p256`: `SoftwareSigner::sign` and
//!   `SignatureAlgorithm::verify` over the signed attributes' bytes.
//! * `raw/sha256-50k`: the record's digest alone, which both CAdES operations pay.
//!
//! Peer figure for scale (BRIEF §5, one core): ring 0.17 P-256 25k sign/s, 9k verify/s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::clock::FixedClock;
use samad::cms::{CmsSignature, Content, Level, SignOptions, sign};
use samad::pki::demo::DemoPki;
use samad::pki::signer::{Signer, SoftwareSigner};
use samad::time::macros::datetime;

const RECORD_LEN: usize = 50 * 1024;

fn verify(der: &[u8], record: &[u8]) {
    let signature = CmsSignature::from_der(der).expect("parses");
    let cert = signature.signer_certificate(&[]).expect("embedded");
    signature
        .check_message_digest(Content::Data(record))
        .expect("digest");
    signature.verify_signature_value(&cert).expect("verifies");
}

fn cades(c: &mut Criterion) {
    let at = datetime!(2025-03-20 10:00 UTC);
    let pki = DemoPki::generate(&FixedClock::new(at)).expect("demo PKI");
    let official = &pki.officials[0];
    let signer =
        SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain()).expect("key");
    let record: Vec<u8> = (0..RECORD_LEN).map(|i| (i % 251) as u8).collect();
    let options = SignOptions::new(Level::BB).signing_time(at);
    let der = sign(Content::Data(&record), &signer, &options).expect("signs");
    verify(&der, &record);

    let mut group = c.benchmark_group("cades");
    group.throughput(Throughput::Bytes(RECORD_LEN as u64));
    group.bench_function("sign-b-b-50k", |b| {
        b.iter(|| sign(Content::Data(black_box(&record)), &signer, &options).expect("signs"))
    });
    group.bench_function("verify-b-b-50k", |b| {
        b.iter(|| verify(black_box(&der), black_box(&record)))
    });
    group.finish();

    let signed_attributes = CmsSignature::from_der(&der)
        .expect("parses")
        .signed_attributes()
        .to_vec();
    let spki = signer.public_key_spki().expect("public key");
    let algorithm = signer.algorithm();
    let raw_signature = signer.sign(&signed_attributes).expect("signs");
    let mut group = c.benchmark_group("raw");
    group.throughput(Throughput::Elements(1));
    group.bench_function("ring-sign-p256", |b| {
        b.iter(|| signer.sign(black_box(&signed_attributes)).expect("signs"))
    });
    group.bench_function("ring-verify-p256", |b| {
        b.iter(|| {
            algorithm
                .verify(&spki, black_box(&signed_attributes), &raw_signature)
                .expect("verifies")
        })
    });
    group.bench_function("sha256-50k", |b| {
        b.iter(|| algorithm.digest().digest(black_box(&record)))
    });
    group.finish();
}

criterion_group!(benches, cades);
criterion_main!(benches);
