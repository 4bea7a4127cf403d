//! Public-key infrastructure: the trust machinery under every signature samad makes or
//! checks (signers, certificates, RFC 5280 path validation, CRLs, OCSP, RFC 3161
//! time-stamps, a demo PKI).
//!
//! | module | what | standard |
//! |---|---|---|
//! | [`algorithm`] | signature and digest algorithms, AlgorithmIdentifiers, `ring` verification | RFC 4055, 5758, 8410 |
//! | [`cert`] | X.509 certificates parsed once (`x509-parser`); names compared per §7.1 | RFC 5280 §4 |
//! | [`trust`] | trust anchors from a PEM bundle | RFC 5280 §6.1.1 |
//! | [`path`] | path building and validation with a work budget; [`path::PathError`] codes | RFC 5280 §6 |
//! | [`crl`] | CRLs: parse, signature, freshness, scope | RFC 5280 §5, §6.3 |
//! | [`ocsp`] | OCSP requests and response checking (signature, responder, nonce, freshness) | RFC 6960, 8954 |
//! | [`revocation`] | the injectable [`revocation::RevocationSource`]: offline files, HTTP (feature `http`) | RFC 5280 §6.3, RFC 6960 |
//! | [`signer`] | the [`signer::Signer`] trait; software keys (`ring`) and PKCS#11 tokens (`cryptoki`) | PKCS#8, PKCS#11 |
//! | [`demo`] | a demo PKI (root, ministry and university CAs, officials, seal, TSA, OCSP responder, CRLs) | RFC 5280, ETSI EN 319 412-1 |
//! | [`tsp`] | RFC 3161 time-stamps: requests, token verification, [`tsp::TimestampSource`], a demo TSA | RFC 3161, 5816 |

pub mod algorithm;
pub mod cert;
pub mod crl;
pub mod demo;
pub mod ocsp;
pub mod path;
pub mod revocation;
pub mod signer;
pub mod trust;
pub mod tsp;
