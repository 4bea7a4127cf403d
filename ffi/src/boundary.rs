//! The panic boundary and the pointer rules every exported function shares.
//!
//! No Rust panic may unwind into C (that is undefined behaviour): each exported function runs
//! its body in [`guarded`], which turns a panic into [`samad_status::SAMAD_ERR_INTERNAL`].
//! Input buffers are read with [`input`], which refuses NULL and zero lengths, and results go
//! out through [`Output`], which clears the caller's pointer first so that it is NULL on
//! every path that produces no string.

use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::samad_status;

/// What an exported function's body produces: a status and, optionally, a JSON string the
/// caller must release with `samad_string_free`.
pub(crate) type Outcome = (samad_status, Option<String>);

/// Runs `body` so that no panic crosses into C. `out` is the caller's result pointer; it is
/// set to NULL before `body` runs, so a panic or an argument error leaves it NULL.
///
/// # Safety
/// `out` is NULL or valid for one pointer-sized write.
pub(crate) unsafe fn guarded(
    out: *mut *mut c_char,
    body: impl FnOnce() -> Outcome,
) -> samad_status {
    if out.is_null() {
        return samad_status::SAMAD_ERR_ARGUMENT;
    }
    // SAFETY: `out` is non-NULL and, by the caller's contract, writable.
    unsafe { out.write(std::ptr::null_mut()) };
    let result = catch_unwind(AssertUnwindSafe(body));
    let (status, json) = match result {
        Ok(outcome) => outcome,
        Err(_) => return samad_status::SAMAD_ERR_INTERNAL,
    };
    let Some(json) = json else {
        return status;
    };
    // JSON escapes every control character, so an interior NUL means a bug, not input.
    match CString::new(json) {
        Ok(text) => {
            // SAFETY: as above; ownership passes to the caller, who frees it with
            // `samad_string_free`.
            unsafe { out.write(text.into_raw()) };
            status
        }
        Err(_) => samad_status::SAMAD_ERR_INTERNAL,
    }
}

/// The bytes of a caller's buffer, or `None` for NULL, a zero length, or a length no Rust
/// slice can have.
///
/// # Safety
/// When `ptr` is non-NULL it points to `len` readable bytes that stay unchanged for `'a`.
pub(crate) unsafe fn input<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if ptr.is_null() || len == 0 || len > isize::MAX as usize {
        return None;
    }
    // SAFETY: non-NULL, non-zero, within isize::MAX, and readable by the caller's contract.
    Some(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `{"error":{"code":…,"message":…}}`: the document `samad --json` prints for an input
/// error, returned beside SAMAD_ERR_PARSE and SAMAD_ERR_ARGUMENT when the arguments were
/// present but unusable.
pub(crate) fn error_json(code: &str, message: &str) -> String {
    let value = serde_json::json!({ "error": { "code": code, "message": message } });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The JSON text of `value`, pretty-printed as the CLI prints it.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string_pretty(value).ok()
}
