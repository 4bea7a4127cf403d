//! Trust anchors: the CA certificates a relying party trusts without a chain
//! (RFC 5280 §6.1.1 d, the "trust anchor information").

use crate::pki::cert::{Certificate, parse_pem_or_der};
use crate::pki::path::PathError;

/// A set of trust anchors, usually read from a PEM bundle.
///
/// ```no_run
/// use samad::pki::trust::TrustStore;
///
/// let bundle = std::fs::read("pki/root.pem")?;
/// let trust = TrustStore::from_pem(&bundle)?;
/// assert!(!trust.anchors().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
}

impl TrustStore {
    /// Every `CERTIFICATE` block of a PEM bundle (or one DER certificate). An empty bundle is
    /// [`PathError::EmptyTrustStore`]: trusting nothing is never what the caller meant.
    pub fn from_pem(bundle: &[u8]) -> Result<TrustStore, PathError> {
        TrustStore::from_certificates(parse_pem_or_der(bundle)?)
    }

    /// A store of already-parsed anchors.
    pub fn from_certificates(anchors: Vec<Certificate>) -> Result<TrustStore, PathError> {
        if anchors.is_empty() {
            return Err(PathError::EmptyTrustStore);
        }
        Ok(TrustStore { anchors })
    }

    /// The anchors, in bundle order.
    pub fn anchors(&self) -> &[Certificate] {
        &self.anchors
    }

    /// True when `cert` is one of the anchors (same DER).
    pub fn contains(&self, cert: &Certificate) -> bool {
        self.anchors.iter().any(|a| a.der() == cert.der())
    }
}
