//! [`SignatureMemo`]: certificate and CRL signatures that already verified, so that chains
//! and CRLs shared by several signatures and time-stamps of one document (or by the
//! documents a long-running verifier sees) are checked cryptographically once.
//!
//! Whether a key verifies a signed object is a pure function of the object's DER (its
//! to-be-signed part, algorithm and signature value) and the key (SubjectPublicKeyInfo
//! DER): it depends on no validation time, policy, anchor set or revocation source. The
//! memo is keyed by exactly those bytes, compared in full (no digest), and remembers only
//! successes, so a hit returns what a fresh verification would.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::pki::algorithm::AlgorithmError;

/// Most signed objects remembered; past it the memo starts again empty (bounded memory
/// for a service fed arbitrary documents).
const MAX_ENTRIES: usize = 4096;

/// Signatures over certificates and CRLs already verified; see the [module docs](self).
/// Shared between threads (`Send + Sync`).
///
/// ```
/// use samad::pki::path::SignatureMemo;
///
/// let memo = SignatureMemo::new();
/// assert_eq!(memo.stats(), (0, 0));
/// ```
#[derive(Debug, Default)]
pub struct SignatureMemo {
    /// Signed object DER → the SubjectPublicKeyInfo DERs that verified it.
    verified: Mutex<HashMap<Vec<u8>, Vec<Vec<u8>>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl SignatureMemo {
    /// An empty memo.
    pub fn new() -> SignatureMemo {
        SignatureMemo::default()
    }

    /// `(hits, misses)`: verifications answered from the memo, and those computed.
    pub fn stats(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Whether `spki` verified `signed_der` before; otherwise runs `verify` (which must
    /// check exactly that pair) and remembers a success.
    pub(crate) fn verify(
        &self,
        signed_der: &[u8],
        spki: &[u8],
        verify: impl FnOnce() -> Result<(), AlgorithmError>,
    ) -> Result<(), AlgorithmError> {
        let known = self.verified.lock().is_ok_and(|map| {
            map.get(signed_der)
                .is_some_and(|keys| keys.iter().any(|k| k.as_slice() == spki))
        });
        if known {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        verify()?;
        if let Ok(mut map) = self.verified.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            let keys = map.entry(signed_der.to_vec()).or_default();
            if !keys.iter().any(|k| k.as_slice() == spki) {
                keys.push(spki.to_vec());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "memo_tests.rs"]
mod tests;
