//! RFC 5280 path validation of a 3-certificate RSA-2048 chain (root → intermediate →
//! signer), what every signature verification pays before revocation.
//! Run: `cargo bench --bench path`. The chain is made by scripts/make-path-bench-chain.sh.
//!
//! Recorded 2026-11-23 on a 2-core AMD EPYC VM (other builds running): 97.6 µs per
//! validation (≈10,200 paths/s), parsing the end entity included. Peer figure on the same
//! machine: `openssl speed rsa2048` verifies in 20 µs, so the two RSA-2048 signature checks
//! alone cost ≈40 µs in OpenSSL.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::pki::cert::parse_pem_or_der;
use samad::pki::path::{PathValidator, Purpose};
use samad::pki::trust::TrustStore;
use time::macros::datetime;

fn path_validation(c: &mut Criterion) {
    let trust = TrustStore::from_pem(include_bytes!("data/path/root.pem")).expect("root");
    let intermediates =
        parse_pem_or_der(include_bytes!("data/path/intermediate.pem")).expect("intermediate");
    let ee = parse_pem_or_der(include_bytes!("data/path/ee.pem")).expect("end entity");
    let ee_der = ee[0].der().to_vec();
    let validator = PathValidator::new(&trust)
        .intermediates(&intermediates)
        .at(datetime!(2030-01-01 0:00 UTC))
        .purpose(Purpose::DocumentSigning);

    let mut group = c.benchmark_group("path");
    group.throughput(Throughput::Elements(1));
    group.bench_function(
        "validate 3-cert chain (parse + 2 RSA-2048 signatures)",
        |b| b.iter(|| validator.validate(black_box(&ee_der)).expect("valid")),
    );
    group.finish();
}

criterion_group!(benches, path_validation);
criterion_main!(benches);
