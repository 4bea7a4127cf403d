//! File helpers shared by the subcommands that write results or load demo PKI keys.

use std::io::Write;
use std::path::Path;

use samad::clock::SystemClock;
use samad::pki::cert::parse_pem_or_der;
use samad::pki::revocation::OfflineRevocation;
use samad::pki::signer::SoftwareSigner;
use samad::pki::tsp::DemoTsa;

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`:
/// a reader sees the old file or the whole new one, never a part. The old file's
/// permissions are kept; a new file gets the usual rw-r--r-- (the temporary file starts
/// private).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    let permissions = match std::fs::metadata(path) {
        Ok(old) => old.permissions(),
        Err(_) => new_file_permissions(tmp.as_file())?,
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions(_: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// The demo TSA of a `samad pki demo` directory (`tsa.key.pem`, `tsa.chain.pem`),
/// answering offline with the system clock; the error names the file that failed.
pub fn demo_tsa(dir: &Path) -> Result<DemoTsa, String> {
    let read = |name: &str| {
        std::fs::read(dir.join(name))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
    };
    let key =
        String::from_utf8(read("tsa.key.pem")?).map_err(|_| "tsa.key.pem is not PEM".to_owned())?;
    let chain = parse_pem_or_der(&read("tsa.chain.pem")?)
        .map_err(|e| format!("tsa.chain.pem: {e}"))?
        .iter()
        .map(|c| c.der().to_vec())
        .collect();
    let signer = SoftwareSigner::from_pkcs8_pem(&key, chain)
        .map_err(|e| format!("the demo TSA key: {e}"))?;
    DemoTsa::new(signer, SystemClock).map_err(|e| e.to_string())
}

/// The offline revocation data named by `--crls DIR` and `--ocsp DIR`; an unreadable
/// directory or file is an error naming the flag (`crls` or `ocsp`) and the reason.
pub fn offline_revocation(
    crls: Option<&Path>,
    ocsp: Option<&Path>,
) -> Result<OfflineRevocation, (&'static str, String)> {
    let mut offline = OfflineRevocation::new();
    if let Some(dir) = crls {
        offline = offline
            .with_crl_dir(dir)
            .map_err(|e| ("crls", e.to_string()))?;
    }
    if let Some(dir) = ocsp {
        offline = offline
            .with_ocsp_dir(dir)
            .map_err(|e| ("ocsp", e.to_string()))?;
    }
    Ok(offline)
}
