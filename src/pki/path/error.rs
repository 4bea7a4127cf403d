//! [`PathError`]: why a certificate path did not validate, with a stable [`PathError::code`].

use time::OffsetDateTime;

use crate::pki::revocation::RevocationError;

/// Why a certificate, a trust store or a certification path was rejected.
///
/// When several candidate paths fail, the validator reports the error with the highest
/// [`PathError::rank`]: an error found on a path whose signatures all chain to a trust
/// anchor says more than "no issuer found".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// The input is not a certificate samad can read.
    #[error("malformed certificate: {detail}")]
    BadCertificate {
        /// What was wrong.
        detail: String,
    },
    /// A PEM bundle block could not be read.
    #[error("PEM block {index} (counting from 0) is not a readable certificate: {detail}")]
    BadPem {
        /// Index of the block in the bundle.
        index: usize,
        /// What was wrong.
        detail: String,
    },
    /// The trust store has no certificates.
    #[error("the trust store is empty: give a PEM bundle with at least one CA certificate")]
    EmptyTrustStore,
    /// The validator was not given a validation time.
    #[error(
        "no validation time: call PathValidator::at (a signing time) or at_clock (now) before validating"
    )]
    NoValidationTime,
    /// No chain from the certificate to a trust anchor could be built.
    #[error(
        "no issuer found for \"{subject}\" (issuer \"{issuer}\"): add the intermediate certificates or the trust anchor"
    )]
    UnknownIssuer {
        /// The certificate whose issuer is missing.
        subject: String,
        /// The issuer name it names.
        issuer: String,
    },
    /// A certificate's signature does not verify with its issuer's key, or uses an
    /// unsupported algorithm.
    #[error("the signature on \"{subject}\" does not verify: {detail}")]
    BadSignature {
        /// The certificate whose signature failed.
        subject: String,
        /// The algorithm-level reason.
        detail: String,
    },
    /// The certificate expired before the validation time.
    #[error("\"{subject}\" expired at {not_after} (validation time {at})")]
    Expired {
        /// The certificate.
        subject: String,
        /// Its notAfter.
        not_after: OffsetDateTime,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// The certificate is not yet valid at the validation time.
    #[error("\"{subject}\" is not valid before {not_before} (validation time {at})")]
    NotYetValid {
        /// The certificate.
        subject: String,
        /// Its notBefore.
        not_before: OffsetDateTime,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// An issuing certificate is not a CA (basicConstraints absent or cA false, §6.1.4 k).
    #[error("\"{subject}\" issues certificates but is not a CA (basicConstraints cA is not true)")]
    NotCa {
        /// The certificate used as an issuer.
        subject: String,
    },
    /// The path is longer than a pathLenConstraint allows (§6.1.4 l, m).
    #[error("the path is longer than the pathLenConstraint allows at \"{subject}\"")]
    PathLenExceeded {
        /// The certificate where the remaining length ran out.
        subject: String,
    },
    /// keyUsage forbids what the certificate is used for.
    #[error("the keyUsage of \"{subject}\" does not allow {needed}")]
    KeyUsage {
        /// The certificate.
        subject: String,
        /// The bit that was needed.
        needed: &'static str,
    },
    /// extendedKeyUsage does not include the purpose.
    #[error("the extendedKeyUsage of \"{subject}\" does not allow {purpose}")]
    Eku {
        /// The certificate.
        subject: String,
        /// The purpose validated for.
        purpose: &'static str,
    },
    /// A name is outside the permitted subtrees or inside an excluded one (§4.2.1.10).
    #[error("the name {name} of \"{subject}\" violates the name constraints of its issuers")]
    NameConstraints {
        /// The certificate.
        subject: String,
        /// The name that failed.
        name: String,
    },
    /// Certificate policy processing failed (§6.1.3 f, §6.1.4 a, §6.1.5 g).
    #[error("certificate policy check failed at \"{subject}\": {detail}")]
    Policy {
        /// The certificate.
        subject: String,
        /// What failed.
        detail: String,
    },
    /// A critical extension samad does not process (§4.2).
    #[error("\"{subject}\" has the unknown critical extension {oid}")]
    UnknownCriticalExtension {
        /// The certificate.
        subject: String,
        /// The extension's OID.
        oid: String,
    },
    /// The certificate is revoked.
    #[error("\"{subject}\" (serial {serial}) was revoked at {at} (reason: {reason})")]
    Revoked {
        /// The certificate.
        subject: String,
        /// Its serial number, hex.
        serial: String,
        /// The CRL or OCSP revocation reason.
        reason: String,
        /// The revocation time.
        at: OffsetDateTime,
    },
    /// No CRL or OCSP response could establish the certificate's status.
    #[error("the revocation status of \"{subject}\" is unknown: {reason}")]
    RevocationUnknown {
        /// The certificate.
        subject: String,
        /// Why every source failed; the most specific one.
        reason: RevocationError,
    },
    /// The work budget ran out before a path was found (rustls-webpki's habit).
    #[error(
        "path building gave up after {signature_checks} signature checks and {paths} candidate paths: the certificate set is too large or loops"
    )]
    BudgetExceeded {
        /// Signature checks made.
        signature_checks: u32,
        /// Candidate paths tried.
        paths: u32,
    },
}

impl PathError {
    /// A stable code for reports (the ETSI validation report maps these to
    /// sub-indications). Never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            PathError::BadCertificate { .. } | PathError::BadPem { .. } => "FORMAT_FAILURE",
            PathError::EmptyTrustStore => "NO_TRUST_ANCHOR",
            PathError::NoValidationTime => "NO_VALIDATION_TIME",
            PathError::UnknownIssuer { .. } => "NO_CERTIFICATE_CHAIN_FOUND",
            PathError::BadSignature { .. } => "SIG_CRYPTO_FAILURE",
            PathError::Expired { .. } => "EXPIRED",
            PathError::NotYetValid { .. } => "NOT_YET_VALID",
            PathError::NotCa { .. } => "NOT_CA",
            PathError::PathLenExceeded { .. } => "PATH_LENGTH_EXCEEDED",
            PathError::KeyUsage { .. } => "KEY_USAGE",
            PathError::Eku { .. } => "EXTENDED_KEY_USAGE",
            PathError::NameConstraints { .. } => "NAME_CONSTRAINTS",
            PathError::UnknownCriticalExtension { .. } => "UNKNOWN_CRITICAL_EXTENSION",
            PathError::Policy { .. } => "POLICY_CONSTRAINTS",
            PathError::Revoked { .. } => "REVOKED",
            PathError::RevocationUnknown { .. } => "TRY_LATER",
            PathError::BudgetExceeded { .. } => "BUDGET_EXCEEDED",
        }
    }

    /// How specific the error is; among failed candidate paths the highest rank is
    /// reported. Failing to find an issuer ranks lowest, a bad signature next (a wrong
    /// candidate issuer), then errors on a path whose signatures all verified, with
    /// validity and revocation (facts about a well-formed path) highest.
    pub fn rank(&self) -> u8 {
        match self {
            PathError::UnknownIssuer { .. }
            | PathError::EmptyTrustStore
            | PathError::NoValidationTime => 0,
            PathError::BadSignature { .. } => 1,
            PathError::BadCertificate { .. } | PathError::BadPem { .. } => 2,
            PathError::NotCa { .. }
            | PathError::PathLenExceeded { .. }
            | PathError::KeyUsage { .. }
            | PathError::Eku { .. }
            | PathError::NameConstraints { .. }
            | PathError::UnknownCriticalExtension { .. }
            | PathError::Policy { .. } => 3,
            PathError::Expired { .. } | PathError::NotYetValid { .. } => 4,
            PathError::RevocationUnknown { .. } => 5,
            PathError::Revoked { .. } => 6,
            PathError::BudgetExceeded { .. } => 7,
        }
    }
}
