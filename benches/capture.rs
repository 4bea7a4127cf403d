//! Capture throughput (MB/s) against raw `sha2` hashing of the same bytes: what capture's
//! format sniffing, buffering and record building cost on top of the SHA-256 every fixity
//! needs. Run: `cargo bench --bench capture`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samad::clock::FixedClock;
use samad::records::{Agent, CaptureFacts, RecordId, SecurityClass, capture, identify};
use sha2::{Digest, Sha256};
use time::macros::datetime;

/// 64 MiB of pseudo-random bytes behind a PDF header, so identification does its PDF work
/// (header, XMP search in the head and tail windows) rather than stopping at "unknown".
fn content() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 << 20);
    bytes.extend_from_slice(b"%PDF-1.7\n");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    while bytes.len() < 64 << 20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes
}

fn facts() -> CaptureFacts {
    CaptureFacts::new(
        RecordId::parse("REC-BENCH").expect("valid id"),
        "bench",
        datetime!(2025-03-18 9:00 UTC),
        Agent::organization("10380284790", "دانشگاه نمونه"),
        SecurityClass::Unclassified,
        "1",
    )
}

fn bench_capture(c: &mut Criterion) {
    let bytes = content();
    let clock = FixedClock::new(datetime!(2025-03-20 7:00 UTC));
    let mut group = c.benchmark_group("capture-64MiB");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.bench_function("samad capture (sha256 + identify + record)", |b| {
        b.iter(|| capture(black_box(&bytes[..]), facts(), &clock).expect("capture"))
    });
    group.bench_function("raw sha2 Sha256 (peer)", |b| {
        b.iter(|| {
            let mut hasher = Sha256::new();
            for chunk in black_box(&bytes[..]).chunks(256 * 1024) {
                hasher.update(chunk);
            }
            hasher.finalize()
        })
    });
    group.bench_function("identify only", |b| {
        b.iter(|| identify(black_box(&bytes[..])))
    });
    group.finish();
}

criterion_group!(benches, bench_capture);
criterion_main!(benches);
