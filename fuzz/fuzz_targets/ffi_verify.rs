//! Arbitrary bytes → the C API's verify entry points, through the Rust side of samad-ffi:
//! `samad_verify_pdf` on the bytes as a PDF, `samad_verify_detached` on them as a signature,
//! `samad_verify_diploma` on them as a status list (and `StatusList::from_json`, the status
//! list parser). Never a panic, never SAMAD_ERR_INTERNAL, every result string freed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samad::diploma::status::StatusList;
use samad_ffi::{
    samad_status, samad_string_free, samad_verify_detached, samad_verify_diploma, samad_verify_pdf,
};

static TRUST: &[u8] = include_bytes!("../../tests/data/pades/pki/trust.pem");
static PDF: &[u8] = include_bytes!("../../tests/data/pades/pyhanko-bb.pdf");
/// 2026-01-01T00:00:00Z: a fixed validation time keeps runs reproducible.
const AT: i64 = 1_767_225_600;

fuzz_target!(|data: &[u8]| {
    let (t, n) = (TRUST.as_ptr(), TRUST.len());
    let mut report = std::ptr::null_mut();
    let status = unsafe { samad_verify_pdf(data.as_ptr(), data.len(), t, n, AT, &mut report) };
    assert_ne!(status, samad_status::SAMAD_ERR_INTERNAL);
    assert_eq!(
        report.is_null(),
        status == samad_status::SAMAD_ERR_ARGUMENT && data.is_empty()
    );
    unsafe { samad_string_free(report) };
    let content = b"content";
    let status = unsafe {
        samad_verify_detached(
            content.as_ptr(),
            7,
            data.as_ptr(),
            data.len(),
            t,
            n,
            AT,
            &mut report,
        )
    };
    assert_ne!(status, samad_status::SAMAD_ERR_INTERNAL);
    unsafe { samad_string_free(report) };
    let (p, l) = (PDF.as_ptr(), PDF.len());
    let status =
        unsafe { samad_verify_diploma(p, l, data.as_ptr(), data.len(), t, n, AT, &mut report) };
    assert_ne!(status, samad_status::SAMAD_ERR_INTERNAL);
    unsafe { samad_string_free(report) };
    if let Ok(list) = StatusList::from_json(data) {
        assert_eq!(
            StatusList::from_json(list.to_json().as_bytes()).as_ref(),
            Ok(&list)
        );
    }
});
