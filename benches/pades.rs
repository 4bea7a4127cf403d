//! PAdES signing of one diploma: official-1 certifies, official-2 and the ministry seal
//! approve (three revisions, B-B), on a diploma rendered once outside the loop — the
//! per-diploma hot path of `samad issue`. Beside it, the raw cost of the same three keys
//! signing (three ECDSA P-256 signatures), so the PAdES overhead reads as the difference.
//! Run: `cargo bench --bench pades`.
//!
//! Target (issue 10): a diploma's three B-B signatures ≤ 3 raw signatures + 300 µs.
//! Peer figure for scale (BRIEF §5, one core): pyHanko in-process needs ~90 ms to sign one
//! small PDF at B-B; ring 0.17 makes ~25k P-256 signatures/s.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::clock::FixedClock;
use samad::diploma::{DiplomaFonts, DiplomaRecord, render};
use samad::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};
use samad::pki::demo::{DemoIdentity, DemoPki};
use samad::pki::signer::{Signer, SoftwareSigner};
use samad::time::macros::datetime;
use samad::validation::report::Level;

fn signer(who: &DemoIdentity) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8_der(&who.private_key, who.chain()).expect("demo key")
}

fn pades(c: &mut Criterion) {
    let at = datetime!(2025-03-20 10:00 UTC);
    let pki = DemoPki::generate(&FixedClock::new(at)).expect("demo PKI");
    let record = DiplomaRecord::from_json(include_str!("../tests/data/diploma/record.json"))
        .expect("record");
    let fonts = DiplomaFonts::prepare([&record]).expect("fonts");
    let diploma = render(&record, &fonts, at).expect("render");
    let (official_1, official_2, seal) = (
        signer(&pki.officials[0]),
        signer(&pki.officials[1]),
        signer(&pki.ministry_seal),
    );
    let signers = DiplomaSigners {
        official_1: &official_1,
        official_2: &official_2,
        ministry_seal: &seal,
    };
    let options = PadesOptions::new(Level::BB, at);
    let signed = sign_diploma(&diploma, &signers, &options).expect("signs");
    assert!(signed.starts_with(&diploma));

    let mut group = c.benchmark_group("pades");
    group.throughput(Throughput::Elements(1));
    group.bench_function("sign-diploma-3x-b-b", |b| {
        b.iter(|| sign_diploma(black_box(&diploma), &signers, &options).expect("signs"))
    });
    // What the three signatures cost by themselves: one signed-attributes-sized message
    // (about 200 bytes) per key.
    let message = [0x5a_u8; 200];
    group.bench_function("raw-3x-ecdsa-p256", |b| {
        b.iter(|| {
            for key in [&official_1, &official_2, &seal] {
                black_box(key.sign(black_box(&message)).expect("signs"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pades);
criterion_main!(benches);
