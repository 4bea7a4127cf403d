//! Shared by the integration tests: finding the outside reference tools, and running
//! `openssl` for the PKI interop tests.
//!
//! The full suite (`scripts/test-all.sh`, which sets `SAMAD_FULL=1`) installs every tool
//! and a missing one is a failure there. Plain `cargo test` skips a test whose tool is
//! missing and prints why.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::sync::OnceLock;

pub mod softhsm;

use samad::pki::cert::{Certificate, parse_pem_or_der};

/// The repository root.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// True when running under the full suite, where every outside tool must be present.
pub fn full_suite() -> bool {
    std::env::var_os("SAMAD_FULL").is_some_and(|v| v == "1")
}

/// `found` if the tool was found; otherwise fails the test under the full suite, or prints
/// the reason and returns `None` so the caller can return early.
pub fn require(tool: &str, found: Option<PathBuf>, install_hint: &str) -> Option<PathBuf> {
    match found {
        Some(path) => Some(path),
        None if full_suite() => {
            panic!("{tool} is missing in the full suite (SAMAD_FULL=1); {install_hint}")
        }
        None => {
            eprintln!("SKIPPED: {tool} not found ({install_hint}); run scripts/test-all.sh");
            None
        }
    }
}

/// The Python of the reference venv (`$SAMAD_PYTHON`, else `.venv/bin/python`).
pub fn python() -> Option<PathBuf> {
    let path = std::env::var_os("SAMAD_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/python"));
    let found = path.is_file().then_some(path);
    require(
        "the reference Python venv",
        found,
        "scripts/test-all.sh makes it from scripts/reference/requirements.txt",
    )
}

/// The npm packages of `scripts/reference/package.json`, installed under
/// `scripts/reference/node_modules`; returns the directory to run `node` in.
pub fn node_reference_dir(package: &str) -> Option<PathBuf> {
    let dir = repo_root().join("scripts/reference");
    let node_ok = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let found = (node_ok && dir.join("node_modules").join(package).is_dir()).then_some(dir);
    require(
        &format!("node with the npm package {package}"),
        found,
        "scripts/test-all.sh runs `npm ci --prefix scripts/reference`",
    )
}

/// The `samad` example binary, built once per test process: `cargo test --test X` alone
/// does not rebuild examples, and a stale binary would test old code.
pub fn samad_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--all-features", "--example", "samad"])
            .current_dir(repo_root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build --example samad failed");
        let exe = std::env::current_exe().expect("test binary path");
        // target/<profile>/deps/<test>-… → target/<profile>/examples/samad
        let profile_dir = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("target profile dir");
        profile_dir
            .join("examples")
            .join(format!("samad{}", std::env::consts::EXE_SUFFIX))
    })
}

/// Runs `samad ARGS…` and returns its output.
pub fn samad(args: &[&str]) -> Output {
    Command::new(samad_binary())
        .args(args)
        .output()
        .expect("run samad")
}

/// Parses stdout as the one JSON document `--json` promises, or fails saying what came.
pub fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// The first of `candidates` that runs with `--version`; for outside tools found on PATH.
pub fn tool(name: &str, candidates: &[&str], install_hint: &str) -> Option<PathBuf> {
    let found = candidates.iter().map(PathBuf::from).find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    require(name, found, install_hint)
}

/// `node` (ECMAScript), for the RFC 8785 number check in tests/records_jcs.rs.
pub fn node() -> Option<PathBuf> {
    tool(
        "node",
        &["node"],
        "apt-get install nodejs (scripts/apt-packages.txt)",
    )
}

/// `name` in a `PATH` directory, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The `openssl` command (Debian `openssl`): `verify`, `crl`, `ts` for the PKI interop tests.
pub fn openssl_cli() -> Option<PathBuf> {
    require(
        "openssl",
        on_path("openssl"),
        "apt-get install openssl (scripts/apt-packages.txt)",
    )
}

/// Runs the `openssl` of [`openssl_cli`] with `args` in `dir`; returns whether it succeeded
/// and its stdout followed by its stderr. The test must have called [`openssl_cli`] first
/// and returned on `None`.
pub fn openssl_status(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = openssl_output(dir, args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Runs the `openssl` of [`openssl_cli`] with `args` in `dir` and fails the test, showing its
/// stderr, unless it succeeds. The test must have called [`openssl_cli`] first and returned
/// on `None`.
pub fn openssl_ok(dir: &Path, args: &[&str]) {
    let out = openssl_output(dir, args);
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The output of the `openssl` of [`openssl_cli`] run with `args` in `dir`.
fn openssl_output(dir: &Path, args: &[&str]) -> Output {
    let openssl =
        openssl_cli().expect("openssl: call support::openssl_cli() first and return on None");
    Command::new(openssl)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl")
}

/// Issues `NAME.pem` in `dir` with the openssl CLI: a new RSA 2048 key `NAME.key` and CSR
/// `NAME.csr` for `subject` (`openssl req`), signed by `ca.pem`/`ca.key` in `dir`
/// (`openssl x509 -req`) with `serial`, 30 days, SHA-256 and the extensions of section
/// `section` of the config file `extfile`.
pub fn openssl_issue(
    dir: &Path,
    name: &str,
    subject: &str,
    serial: &str,
    extfile: &str,
    section: &str,
) {
    openssl_ok(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &format!("{name}.key"),
            "-out",
            &format!("{name}.csr"),
            "-subj",
            subject,
        ],
    );
    openssl_ok(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-set_serial",
            serial,
            "-days",
            "30",
            "-sha256",
            "-extfile",
            extfile,
            "-extensions",
            section,
            "-out",
            &format!("{name}.pem"),
        ],
    );
}

/// The first certificate of `NAME.pem` in `dir`.
pub fn cert(dir: &Path, name: &str) -> Certificate {
    parse_pem_or_der(&std::fs::read(dir.join(format!("{name}.pem"))).expect("pem"))
        .expect("certificate")
        .remove(0)
}

/// A child process (a server the test started) that is killed and reaped when this is
/// dropped, however the test ends.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// SoftHSM2's PKCS#11 module and its `softhsm2-util` (Debian `softhsm2`).
pub fn softhsm2() -> Option<(PathBuf, PathBuf)> {
    let module = [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|path| path.is_file());
    let found = module.zip(on_path("softhsm2-util"));
    let hint = "apt-get install softhsm2 (scripts/apt-packages.txt)";
    let _ = require("SoftHSM2", found.as_ref().map(|(m, _)| m.clone()), hint)?;
    found
}

/// OpenSC's `pkcs11-tool` (Debian `opensc`), to make and read keys on a PKCS#11 token.
pub fn pkcs11_tool() -> Option<PathBuf> {
    require(
        "pkcs11-tool",
        on_path("pkcs11-tool"),
        "apt-get install opensc (scripts/apt-packages.txt)",
    )
}

/// A poppler-utils program (`pdftotext`, `pdftoppm`, `pdfdetach`, `pdffonts`) on PATH: they
/// exit non-zero for `--version`, so they are looked up by name; for the diploma tests.
pub fn poppler(name: &str) -> Option<PathBuf> {
    require(
        name,
        on_path(name),
        "apt-get install poppler-utils (scripts/apt-packages.txt)",
    )
}

/// poppler's `pdfsig` (Debian `poppler-utils`) and NSS's `certutil` (Debian
/// `libnss3-tools`) for its trust database, for tests/pades_pdfsig.rs; `pdfsig` has no
/// `--version` that exits 0, so both are looked up on `PATH`.
pub fn pdfsig_and_certutil() -> Option<(PathBuf, PathBuf)> {
    let pdfsig = require(
        "pdfsig",
        on_path("pdfsig"),
        "apt-get install poppler-utils (scripts/apt-packages.txt)",
    )?;
    let certutil = require(
        "certutil",
        on_path("certutil"),
        "apt-get install libnss3-tools (scripts/apt-packages.txt)",
    )?;
    Some((pdfsig, certutil))
}
