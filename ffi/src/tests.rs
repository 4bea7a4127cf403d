//! The boundary's promises, checked from Rust: a panic becomes SAMAD_ERR_INTERNAL with a
//! NULL result, NULL and zero lengths are argument errors, returned strings round-trip
//! through `samad_string_free`.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use super::*;

fn sentinel() -> *mut c_char {
    ptr::dangling_mut::<c_char>()
}

#[test]
fn a_panic_is_an_internal_error_and_leaves_the_result_null() {
    let mut out = sentinel();
    let status = unsafe {
        boundary::guarded(&mut out, || -> boundary::Outcome {
            panic!("a bug in samad")
        })
    };
    assert_eq!(status, samad_status::SAMAD_ERR_INTERNAL);
    assert!(out.is_null());
}

#[test]
fn null_result_pointers_are_argument_errors() {
    let status = unsafe { boundary::guarded(ptr::null_mut(), || (samad_status::SAMAD_OK, None)) };
    assert_eq!(status, samad_status::SAMAD_ERR_ARGUMENT);
}

#[test]
fn null_and_empty_inputs_are_refused() {
    let byte = [1u8];
    unsafe {
        assert!(boundary::input(ptr::null(), 5).is_none());
        assert!(boundary::input(byte.as_ptr(), 0).is_none());
        assert!(boundary::input(byte.as_ptr(), usize::MAX).is_none());
        assert_eq!(boundary::input(byte.as_ptr(), 1), Some(&byte[..]));
    }
    let mut out = sentinel();
    let status = unsafe { samad_verify_pdf(ptr::null(), 10, byte.as_ptr(), 1, 0, &mut out) };
    assert_eq!(status, samad_status::SAMAD_ERR_ARGUMENT);
    assert!(out.is_null());
}

#[test]
fn id_check_returns_the_cli_json() {
    let value = CString::new("۰۰۷۶۲۲۹۶۴۵").expect("no NUL");
    let mut out = sentinel();
    let status = unsafe { samad_id_check(value.as_ptr(), &mut out) };
    assert_eq!(status, samad_status::SAMAD_OK);
    let json = unsafe { CStr::from_ptr(out) }
        .to_str()
        .expect("UTF-8")
        .to_owned();
    unsafe { samad_string_free(out) };
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let cli = serde_json::to_value(samad::ids::CheckReport::new("۰۰۷۶۲۲۹۶۴۵", None)).expect("json");
    assert_eq!(v, cli);

    let not_utf8 = [0xffu8, 0];
    let mut out = sentinel();
    let status = unsafe { samad_id_check(not_utf8.as_ptr().cast(), &mut out) };
    assert_eq!(status, samad_status::SAMAD_ERR_ARGUMENT);
    assert!(!out.is_null(), "an error document says why");
    unsafe { samad_string_free(out) };
}

#[test]
fn a_bundle_without_certificates_is_an_argument_error_with_a_reason() {
    let pdf = b"%PDF-1.7\n";
    let trust = b"not a certificate";
    let mut out = sentinel();
    let status = unsafe {
        samad_verify_pdf(
            pdf.as_ptr(),
            pdf.len(),
            trust.as_ptr(),
            trust.len(),
            0,
            &mut out,
        )
    };
    assert_eq!(status, samad_status::SAMAD_ERR_ARGUMENT);
    let json = unsafe { CStr::from_ptr(out) }
        .to_str()
        .expect("UTF-8")
        .to_owned();
    unsafe { samad_string_free(out) };
    assert!(json.contains("\"code\": \"trust\""), "{json}");
}

#[test]
fn the_version_is_samads() {
    let version = unsafe { CStr::from_ptr(samad_version()) };
    assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
}
