//! Errors of signers.

/// Why a signer could not be set up or could not sign.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignerError {
    /// The key file is not a PKCS#8 private key (`PRIVATE KEY` PEM or DER).
    #[error("private key: {detail}; give an unencrypted PKCS#8 key (PEM \"PRIVATE KEY\" or DER)")]
    BadKey {
        /// What was wrong.
        detail: String,
    },
    /// The key's type, curve or size is not one samad signs with.
    #[error("unsupported key: {detail}; use ECDSA P-256/P-384, RSA 2048–4096 bits or Ed25519")]
    UnsupportedKey {
        /// What the key is.
        detail: String,
    },
    /// The requested algorithm does not fit the key (e.g. RSA-PSS for an EC key).
    #[error("the {requested} algorithm cannot be used with a {key} key")]
    AlgorithmMismatch {
        /// The algorithm asked for.
        requested: String,
        /// The key's type.
        key: String,
    },
    /// A certificate of the chain is not a DER X.509 certificate.
    #[error("certificate {index} of the chain (0 = signer) is not valid DER X.509: {detail}")]
    BadCertificate {
        /// Position in the chain, 0 = the signer's certificate.
        index: usize,
        /// The decoder's message.
        detail: String,
    },
    /// The signer's certificate certifies another key.
    #[error(
        "the signer certificate's public key is not the private key's; pass the matching certificate"
    )]
    CertificateKeyMismatch,
    /// The PKCS#11 module could not be loaded or a PKCS#11 call failed.
    #[error("PKCS#11 {operation} failed: {detail}")]
    Pkcs11 {
        /// The PKCS#11 operation (`load module`, `login`, `sign`, …).
        operation: &'static str,
        /// The module's error.
        detail: String,
    },
    /// No slot has a token with this label.
    #[error("PKCS#11: no token labelled {label:?}; available: {available:?}")]
    TokenNotFound {
        /// The label asked for.
        label: String,
        /// The labels of the tokens present.
        available: Vec<String>,
    },
    /// The token has no private key with this label or ID (or several).
    #[error("PKCS#11: {found} private keys match {selector} on token {token:?}; exactly one must")]
    KeyNotFound {
        /// The token label.
        token: String,
        /// The key label or hex ID asked for.
        selector: String,
        /// How many keys matched.
        found: usize,
    },
    /// Signing failed (the key or the randomness source refused).
    #[error("signing with {algorithm} failed: {detail}")]
    Signing {
        /// The algorithm used.
        algorithm: String,
        /// What failed.
        detail: String,
    },
}
