//! # samad-ffi
//!
//! The C API of samad (BRIEF §4) for verifiers calling from C, PHP, Python, Java…: verify a
//! signed PDF (a diploma or any PAdES document) or a detached CAdES signature, and check an
//! Iranian identifier. The header `include/samad.h` is generated from this crate by cbindgen
//! (`cbindgen.toml`, pinned version in `run-c-tests.sh`) and committed; the C test checks
//! that it has not drifted.
//!
//! ## Rules every function keeps
//!
//! * No panic crosses into C: each body runs under `catch_unwind`; a panic returns
//!   [`samad_status::SAMAD_ERR_INTERNAL`].
//! * A NULL pointer or a zero length returns [`samad_status::SAMAD_ERR_ARGUMENT`] and sets
//!   the result pointer to NULL.
//! * A result string (`report_json`, `result_json`) is owned by the caller and released with
//!   [`samad_string_free`]; it is NULL whenever nothing was produced. Beside
//!   `SAMAD_ERR_PARSE`, and `SAMAD_ERR_ARGUMENT` for present but unusable arguments (a trust
//!   bundle without certificates, an out-of-range time), it holds
//!   `{"error":{"code":…,"message":…}}`, the document `samad --json` prints for input errors.
//! * The report is the JSON document `samad verify --json` prints (`spec/report.md`).
//! * Inputs are only read, never kept: every function is safe to call from several threads.
#![deny(missing_docs)]

use std::ffi::{CStr, c_char};

mod boundary;
mod verify;

use boundary::{Outcome, error_json, guarded, to_json};

/// The result of every C API call (BRIEF §4); the values are stable.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum samad_status {
    /// Valid: the verification ended TOTAL-PASSED, or the identifier is valid.
    SAMAD_OK = 0,
    /// Invalid: the verification ended TOTAL-FAILED, or the identifier is invalid.
    SAMAD_INVALID = 1,
    /// The verification ended INDETERMINATE: it could not conclude (missing chain,
    /// revocation data, a suspended diploma…).
    SAMAD_INDETERMINATE = 2,
    /// A NULL pointer, a zero length, or an unusable argument (trust bundle, time).
    SAMAD_ERR_ARGUMENT = 10,
    /// The PDF or the signature could not be read at all.
    SAMAD_ERR_PARSE = 11,
    /// A bug in samad (a panic was caught); please report it.
    SAMAD_ERR_INTERNAL = 99,
}

/// samad's version, e.g. `0.1.0`: a static NUL-terminated string the caller must not free.
#[unsafe(no_mangle)]
pub extern "C" fn samad_version() -> *const c_char {
    static VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(version) => version,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}

/// Releases a string returned by this library. NULL is ignored.
///
/// # Safety
/// `s` is NULL or a string this library returned that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn samad_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // Dropping cannot unwind here, but keep the promise that nothing crosses into C.
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: by the contract, `s` came from `CString::into_raw` in this library.
        drop(unsafe { std::ffi::CString::from_raw(s) });
    });
}

/// Checks an identifier (SHAMS, national code, legal-entity ID or diploma number, guessed from
/// its shape) as `samad id check VALUE --json` does, and returns that JSON document in
/// `result_json`: `{"valid","kind","canonical","parts","error":{"code","message"}}`.
///
/// Returns `SAMAD_OK` when valid, `SAMAD_INVALID` when not, `SAMAD_ERR_ARGUMENT` when
/// `value` or `result_json` is NULL, or `value` is empty or not UTF-8.
///
/// # Safety
/// `value` is NULL or a NUL-terminated string; `result_json` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn samad_id_check(
    value: *const c_char,
    result_json: *mut *mut c_char,
) -> samad_status {
    let body = || {
        if value.is_null() {
            return (samad_status::SAMAD_ERR_ARGUMENT, None);
        }
        // SAFETY: non-NULL and NUL-terminated by the caller's contract.
        let value = unsafe { CStr::from_ptr(value) };
        let Ok(value) = value.to_str() else {
            return (
                samad_status::SAMAD_ERR_ARGUMENT,
                Some(error_json("utf-8", "the value is not UTF-8")),
            );
        };
        if value.is_empty() {
            return (samad_status::SAMAD_ERR_ARGUMENT, None);
        }
        let report = samad::ids::CheckReport::new(value, None);
        let status = if report.valid {
            samad_status::SAMAD_OK
        } else {
            samad_status::SAMAD_INVALID
        };
        json_outcome(status, &report)
    };
    // SAFETY: `result_json` is NULL or writable by the caller's contract.
    unsafe { guarded(result_json, body) }
}

/// Verifies a signed PDF as `samad verify FILE.pdf --trust PEM --json` does: a diploma (a
/// PDF carrying a diploma record) gets the diploma checks as well (`spec/diploma.md`), any
/// other PDF the PAdES verification. `trust_pem` is a PEM bundle of trust anchors;
/// `at_unix` is the validation time in seconds since 1970 (0 = now).
///
/// Returns `SAMAD_OK` (TOTAL-PASSED), `SAMAD_INVALID` (TOTAL-FAILED),
/// `SAMAD_INDETERMINATE`, `SAMAD_ERR_ARGUMENT`, `SAMAD_ERR_PARSE` (not a readable PDF) or
/// `SAMAD_ERR_INTERNAL`; `report_json` receives the report (or an error document, see the
/// crate docs).
///
/// # Safety
/// Each pointer is NULL or valid for its length (`report_json`: one pointer write).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn samad_verify_pdf(
    pdf: *const u8,
    pdf_len: usize,
    trust_pem: *const u8,
    trust_len: usize,
    at_unix: i64,
    report_json: *mut *mut c_char,
) -> samad_status {
    let body = || {
        // SAFETY: each buffer is NULL or valid for its length by the caller's contract.
        let (Some(pdf), Some(trust)) = (unsafe {
            (
                boundary::input(pdf, pdf_len),
                boundary::input(trust_pem, trust_len),
            )
        }) else {
            return (samad_status::SAMAD_ERR_ARGUMENT, None);
        };
        verify::pdf(pdf, trust, at_unix, None)
    };
    // SAFETY: `report_json` is NULL or writable by the caller's contract.
    unsafe { guarded(report_json, body) }
}

/// Verifies a diploma PDF as [`samad_verify_pdf`] does and, in addition, its status in a
/// signed diploma status list (`spec/status-list.md`), as `samad verify FILE.pdf --status
/// LIST` does: a revoked diploma is `SAMAD_INVALID` (sub-indication REVOKED), a suspended one
/// `SAMAD_INDETERMINATE` (TRY_LATER). Not in BRIEF §4's list: added beside it because that
/// list has no status parameter. The status list is verified against the same trust anchors
/// at the same time; a list that does not verify is `SAMAD_ERR_ARGUMENT` with its reason.
///
/// # Safety
/// Each pointer is NULL or valid for its length (`report_json`: one pointer write).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn samad_verify_diploma(
    pdf: *const u8,
    pdf_len: usize,
    status_list: *const u8,
    status_list_len: usize,
    trust_pem: *const u8,
    trust_len: usize,
    at_unix: i64,
    report_json: *mut *mut c_char,
) -> samad_status {
    let body = || {
        // SAFETY: each buffer is NULL or valid for its length by the caller's contract.
        let (Some(pdf), Some(list), Some(trust)) = (unsafe {
            (
                boundary::input(pdf, pdf_len),
                boundary::input(status_list, status_list_len),
                boundary::input(trust_pem, trust_len),
            )
        }) else {
            return (samad_status::SAMAD_ERR_ARGUMENT, None);
        };
        verify::pdf(pdf, trust, at_unix, Some(list))
    };
    // SAFETY: `report_json` is NULL or writable by the caller's contract.
    unsafe { guarded(report_json, body) }
}

/// Verifies a detached CAdES signature `sig` (DER) over `data`, as `samad verify
/// DATA --sig SIG --trust PEM --json` does. Statuses and `report_json` as
/// [`samad_verify_pdf`]; `SAMAD_ERR_PARSE` when `sig` is not a CMS signature.
///
/// # Safety
/// Each pointer is NULL or valid for its length (`report_json`: one pointer write).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn samad_verify_detached(
    data: *const u8,
    data_len: usize,
    sig: *const u8,
    sig_len: usize,
    trust_pem: *const u8,
    trust_len: usize,
    at_unix: i64,
    report_json: *mut *mut c_char,
) -> samad_status {
    let body = || {
        // SAFETY: each buffer is NULL or valid for its length by the caller's contract.
        let (Some(data), Some(sig), Some(trust)) = (unsafe {
            (
                boundary::input(data, data_len),
                boundary::input(sig, sig_len),
                boundary::input(trust_pem, trust_len),
            )
        }) else {
            return (samad_status::SAMAD_ERR_ARGUMENT, None);
        };
        verify::detached(data, sig, trust, at_unix)
    };
    // SAFETY: `report_json` is NULL or writable by the caller's contract.
    unsafe { guarded(report_json, body) }
}

/// `status` with `value` as JSON, or SAMAD_ERR_INTERNAL when it cannot be rendered.
fn json_outcome<T: serde::Serialize>(status: samad_status, value: &T) -> Outcome {
    match to_json(value) {
        Some(json) => (status, Some(json)),
        None => (samad_status::SAMAD_ERR_INTERNAL, None),
    }
}

#[cfg(test)]
mod tests;
