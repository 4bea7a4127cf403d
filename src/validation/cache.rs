//! [`ValidationCache`]: what one [`ValidationContext`](super::ValidationContext) remembers
//! between the signatures and time-stamps it validates — verified certificate and CRL
//! signatures ([`SignatureMemo`]), parsed certificates and their signature algorithms.
//!
//! Only pure functions of their input bytes are cached: whether a key verifies a signed
//! object, and what a certificate's DER parses to. Nothing that depends on the validation
//! time, the policy, the trust anchors or the revocation source is remembered, so every
//! path is still built and checked (validity, constraints, revocation) in each call, the
//! revocation data used is recorded for each report as before, and a context whose fields
//! are changed after it was built stays correct.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::pki::cert::Certificate;
use crate::pki::path::SignatureMemo;
use crate::validation::policy::certificate_signature_oid;

/// Most parsed certificates remembered; past it the cache starts again empty.
const MAX_CERTIFICATES: usize = 4096;

/// How often the cache answered; see [`ValidationContext::cache_stats`](super::ValidationContext::cache_stats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CacheStats {
    /// Certificate and CRL signature checks answered from the memo.
    pub signature_hits: u64,
    /// Certificate and CRL signature checks computed.
    pub signature_misses: u64,
    /// Certificates whose DER had been parsed before.
    pub certificate_hits: u64,
    /// Certificates parsed.
    pub certificate_misses: u64,
}

/// The context's cache; see the module docs.
#[derive(Debug, Default)]
pub(crate) struct ValidationCache {
    pub(crate) signatures: SignatureMemo,
    certificates: Mutex<HashMap<Vec<u8>, Certificate>>,
    /// Certificate DER → its signature algorithm's OID, as the algorithm policy reads it.
    signature_oids: Mutex<HashMap<Vec<u8>, Result<String, String>>>,
    certificate_hits: AtomicU64,
    certificate_misses: AtomicU64,
}

impl ValidationCache {
    /// `der` parsed as a certificate (a copy of the earlier parse when there was one);
    /// `None` when it is not one (failures are not remembered).
    pub(crate) fn certificate(&self, der: &[u8]) -> Option<Certificate> {
        if let Some(cert) = self
            .certificates
            .lock()
            .ok()
            .and_then(|map| map.get(der).cloned())
        {
            self.certificate_hits.fetch_add(1, Ordering::Relaxed);
            return Some(cert);
        }
        self.certificate_misses.fetch_add(1, Ordering::Relaxed);
        let cert = Certificate::from_der(der).ok()?;
        if let Ok(mut map) = self.certificates.lock() {
            if map.len() >= MAX_CERTIFICATES {
                map.clear();
            }
            map.insert(der.to_vec(), cert.clone());
        }
        Some(cert)
    }

    /// [`certificate_signature_oid`] of `cert`, remembered by its DER.
    pub(crate) fn signature_oid(&self, cert: &Certificate) -> Result<String, String> {
        if let Some(found) = self
            .signature_oids
            .lock()
            .ok()
            .and_then(|map| map.get(cert.der()).cloned())
        {
            return found;
        }
        let oid = certificate_signature_oid(cert);
        if let Ok(mut map) = self.signature_oids.lock() {
            if map.len() >= MAX_CERTIFICATES {
                map.clear();
            }
            map.insert(cert.der().to_vec(), oid.clone());
        }
        oid
    }

    pub(crate) fn stats(&self) -> CacheStats {
        let (signature_hits, signature_misses) = self.signatures.stats();
        CacheStats {
            signature_hits,
            signature_misses,
            certificate_hits: self.certificate_hits.load(Ordering::Relaxed),
            certificate_misses: self.certificate_misses.load(Ordering::Relaxed),
        }
    }
}
