//! Public-key infrastructure: the trust machinery under every signature samad makes or
//! checks (signers, certificates, RFC 5280 path validation, CRLs, OCSP, RFC 3161
//! time-stamps, a demo PKI).
//!
//! | module | what | standard |
//! |---|---|---|
//! | [`algorithm`] | signature and digest algorithms, AlgorithmIdentifiers, `ring` verification | RFC 4055, 5758, 8410 |

pub mod algorithm;
