//! [`OfflineRevocation`]: CRLs and OCSP responses held in memory, read from files or
//! directories (BRIEF §4 `--crls DIR`, `--ocsp DIR`).

use std::path::Path;
use std::sync::Arc;

use super::{OcspExchange, RevocationError, RevocationSource};
use crate::pki::cert::Certificate;
use crate::pki::crl::Crl;

/// Revocation data supplied up front; nothing is fetched.
///
/// ```no_run
/// use samad::pki::revocation::OfflineRevocation;
///
/// let source = OfflineRevocation::new()
///     .with_crl_dir("pki/crls".as_ref())?
///     .with_ocsp_dir("pki/ocsp".as_ref())?;
/// # Ok::<(), samad::pki::revocation::RevocationError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct OfflineRevocation {
    crls: Vec<Arc<Crl>>,
    ocsp: Vec<Vec<u8>>,
}

impl OfflineRevocation {
    /// An empty source (every status is unknown).
    pub fn new() -> OfflineRevocation {
        OfflineRevocation::default()
    }

    /// Add a CRL.
    pub fn with_crl(mut self, crl: Crl) -> OfflineRevocation {
        self.crls.push(Arc::new(crl));
        self
    }

    /// Add the CRLs of a DER or PEM input.
    pub fn with_crl_bytes(mut self, input: &[u8]) -> Result<OfflineRevocation, RevocationError> {
        self.crls
            .extend(Crl::parse_pem_or_der(input)?.into_iter().map(Arc::new));
        Ok(self)
    }

    /// Add a DER OCSPResponse (checked when used, against the certificate asked about).
    pub fn with_ocsp_response(mut self, der: Vec<u8>) -> OfflineRevocation {
        self.ocsp.push(der);
        self
    }

    /// Add every file of `dir` as a DER or PEM CRL; a file that is not one is an error
    /// naming it.
    pub fn with_crl_dir(mut self, dir: &Path) -> Result<OfflineRevocation, RevocationError> {
        for (path, bytes) in read_dir(dir)? {
            let crls = Crl::parse_pem_or_der(&bytes).map_err(|e| RevocationError::BadCrl {
                detail: format!("{}: {e}", path.display()),
            })?;
            self.crls.extend(crls.into_iter().map(Arc::new));
        }
        Ok(self)
    }

    /// Add every file of `dir` as a DER OCSPResponse.
    pub fn with_ocsp_dir(mut self, dir: &Path) -> Result<OfflineRevocation, RevocationError> {
        for (path, bytes) in read_dir(dir)? {
            crate::pki::ocsp::parse_response(&bytes).map_err(|e| RevocationError::Ocsp {
                detail: format!("{}: {e}", path.display()),
            })?;
            self.ocsp.push(bytes);
        }
        Ok(self)
    }
}

fn read_dir(dir: &Path) -> Result<Vec<(std::path::PathBuf, Vec<u8>)>, RevocationError> {
    let io = |path: &Path, e: std::io::Error| RevocationError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| io(dir, e)))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.is_file());
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            std::fs::read(&p)
                .map(|b| (p.clone(), b))
                .map_err(|e| io(&p, e))
        })
        .collect()
}

impl RevocationSource for OfflineRevocation {
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError> {
        Ok(self
            .crls
            .iter()
            .filter(|crl| {
                // The issuer's own CRLs, and those of a cRLIssuer it names (indirect CRLs).
                crl.issuer == cert.issuer
                    || cert.crl_distribution_points.iter().any(|dp| {
                        dp.crl_issuer.iter().flatten().any(|n| {
                            matches!(n, crate::pki::cert::GeneralName::Directory(d) if *d == crl.issuer)
                        })
                    })
            })
            .cloned()
            .collect())
    }

    fn ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<Vec<OcspExchange>, RevocationError> {
        // Only responses that name this certificate, so one for another certificate does
        // not become the reported reason.
        let _ = issuer;
        Ok(self
            .ocsp
            .iter()
            .filter(|der| {
                crate::pki::ocsp::parse_response(der).is_ok_and(|basic| {
                    basic
                        .tbs_response_data
                        .responses
                        .iter()
                        .any(|s| s.cert_id.serial_number.as_bytes() == cert.serial.as_slice())
                })
            })
            .map(|der| OcspExchange {
                response: der.clone(),
                nonce: None,
            })
            .collect())
    }
}
