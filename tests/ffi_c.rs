//! The C API from C and Python (issue 9 must-show): `ffi/run-c-tests.sh` checks the header
//! for drift, builds `examples/c/test_samad.c` and `examples/c/verify.c` against the shared
//! and the static `samad-ffi` library with `-fsanitize=address,undefined` and runs them, runs
//! the plain builds under valgrind (no errors, no leaks), and runs the Python ctypes example.
//! The fixtures (a B-LTA diploma signed by `pades::sign_diploma`, a tampered copy, garbage,
//! status lists, a detached signature) are made here, at test time.

use std::process::Command;

mod ffi_support;
mod support;

#[test]
fn c_and_python_use_the_c_api_under_sanitizers_and_valgrind() {
    let dir = tempfile::tempdir().expect("tmp");
    ffi_support::Fixtures::make().write(dir.path());
    // To debug the C side by hand: SAMAD_FFI_FIXTURES=DIR keeps a copy of the fixtures.
    if let Some(keep) = std::env::var_os("SAMAD_FFI_FIXTURES") {
        std::fs::create_dir_all(&keep).expect("fixture dir");
        ffi_support::Fixtures::make().write(std::path::Path::new(&keep));
    }
    let out = Command::new("bash")
        .arg(support::repo_root().join("ffi/run-c-tests.sh"))
        .arg(dir.path())
        .current_dir(support::repo_root())
        .output()
        .expect("run ffi/run-c-tests.sh");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    assert!(out.status.success(), "ffi/run-c-tests.sh failed:\n{text}");
    assert!(text.contains("C API checks passed"), "{text}");
    if support::full_suite() {
        for step in [
            "matches ffi/src",
            "valgrind",
            "shared library",
            "static library",
        ] {
            assert!(
                text.contains(step),
                "the full suite ran no {step:?} step:\n{text}"
            );
        }
    }
}
