//! Signers: whatever holds a private key and can sign with it.
//!
//! Signature code (CMS, PAdES, the demo TSA) talks only to the [`Signer`] trait, so software
//! keys, HSMs and remote signers plug in without touching it (STYLE habit 6). Two
//! implementations ship:
//!
//! * [`SoftwareSigner`] — a PKCS#8 key (PEM or DER) in memory, signing with `ring`: ECDSA
//!   P-256/P-384, RSA PKCS#1 v1.5 and PSS with 2048–4096-bit keys, Ed25519.
//! * [`Pkcs11Signer`] — a key on a PKCS#11 token (an HSM, a smart card, SoftHSM2) through
//!   `cryptoki`; the key never leaves the token.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::pki::demo::DemoPki;
//! use samad::pki::signer::{Signer, SoftwareSigner};
//! use time::macros::datetime;
//!
//! let pki = DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC)))?;
//! let official = &pki.officials[0];
//! let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain())?;
//! let signature = signer.sign(b"signed attributes")?;
//!
//! let spki = signer.public_key_spki()?;
//! signer.algorithm().verify(&spki, b"signed attributes", &signature).expect("verifies");
//! # Ok::<(), samad::Error>(())
//! ```

use std::sync::Arc;

use crate::pki::algorithm::SignatureAlgorithm;

mod error;
mod pkcs11;
mod software;
#[cfg(test)]
mod tests;

pub use error::SignerError;
pub use pkcs11::{KeySelector, Pkcs11Signer};
pub use software::SoftwareSigner;

/// Something that signs with one private key and presents its certificate chain.
///
/// `sign` receives the bytes to be signed (for CMS, the DER of the signed attributes) and
/// hashes them itself as [`Signer::algorithm`] says. ECDSA signatures come back as a DER
/// `Ecdsa-Sig-Value` (RFC 5480 §2.2.3 / RFC 5753), the form X.509 and CMS carry.
pub trait Signer: Send + Sync {
    /// The algorithm of the signatures `sign` makes.
    fn algorithm(&self) -> SignatureAlgorithm;

    /// The signer's certificate followed by its issuers (DER), signer first; empty when the
    /// signer was set up without certificates.
    fn certificate_chain(&self) -> &[Vec<u8>];

    /// Signs `message`.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError>;
}

impl<S: Signer + ?Sized> Signer for &S {
    fn algorithm(&self) -> SignatureAlgorithm {
        (**self).algorithm()
    }
    fn certificate_chain(&self) -> &[Vec<u8>] {
        (**self).certificate_chain()
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        (**self).sign(message)
    }
}

impl<S: Signer + ?Sized> Signer for Box<S> {
    fn algorithm(&self) -> SignatureAlgorithm {
        (**self).algorithm()
    }
    fn certificate_chain(&self) -> &[Vec<u8>] {
        (**self).certificate_chain()
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        (**self).sign(message)
    }
}

impl<S: Signer + ?Sized> Signer for Arc<S> {
    fn algorithm(&self) -> SignatureAlgorithm {
        (**self).algorithm()
    }
    fn certificate_chain(&self) -> &[Vec<u8>] {
        (**self).certificate_chain()
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        (**self).sign(message)
    }
}

/// Checks that the first certificate of `chain` (if any) is for the key whose raw public key
/// (the SubjectPublicKeyInfo BIT STRING contents) is `public_key`.
fn check_certificate_matches(chain: &[Vec<u8>], public_key: &[u8]) -> Result<(), SignerError> {
    use der::Decode;
    let Some(first) = chain.first() else {
        return Ok(());
    };
    let cert =
        x509_cert::Certificate::from_der(first).map_err(|e| SignerError::BadCertificate {
            index: 0,
            detail: e.to_string(),
        })?;
    for (index, der) in chain.iter().enumerate().skip(1) {
        x509_cert::Certificate::from_der(der).map_err(|e| SignerError::BadCertificate {
            index,
            detail: e.to_string(),
        })?;
    }
    let certified = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    if certified != public_key {
        return Err(SignerError::CertificateKeyMismatch);
    }
    Ok(())
}
