#![no_main]
//! Format identification on arbitrary bytes never panics, and streaming the bytes in
//! pieces gives the same answer as identifying them whole.
use libfuzzer_sys::fuzz_target;
use samad::records::{Sniffer, identify};

fuzz_target!(|data: &[u8]| {
    let whole = identify(data);
    let mut sniffer = Sniffer::default();
    for piece in data.chunks(7) {
        sniffer.update(piece);
    }
    assert_eq!(sniffer.finish(), whole);
});
