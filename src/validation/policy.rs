//! The algorithm policy (EN 319 102-1 §5.2.8 "cryptographic verification" constraints, in the
//! spirit of ETSI TS 119 312): which digest algorithms, signature algorithms and public keys
//! samad accepts, and until when. ONE table, [`AlgorithmPolicy::rules`], the same table as
//! `spec/report.md` §"Algorithm policy".
//!
//! An algorithm is judged at the time that matters for the object that uses it: the best
//! signature time for a signature, the validation time for a certificate on the chain (or an
//! earlier proof of existence, EN 319 102-1 §5.6.2.5). A rule without `until` has no end.
//!
//! ```
//! use samad::validation::policy::{AlgorithmPolicy, PolicyViolation};
//! use time::macros::datetime;
//!
//! let policy = AlgorithmPolicy::default();
//! assert_eq!(policy.id(), "samad-2026-1");
//! // sha1WithRSAEncryption: accepted for signatures proven to exist before 2016.
//! let sha1_rsa = "1.2.840.113549.1.1.5";
//! assert!(policy.check_signature_algorithm(sha1_rsa, datetime!(2015-06-01 0:00 UTC)).is_ok());
//! let late = policy.check_signature_algorithm(sha1_rsa, datetime!(2025-06-01 0:00 UTC));
//! assert!(matches!(late, Err(PolicyViolation::Expired { .. })));
//! ```

use der::Decode;
use der::asn1::{ObjectIdentifier, UintRef};
use spki::SubjectPublicKeyInfoRef;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::pki::cert::Certificate;

#[cfg(test)]
mod tests;

/// What a rule of the table is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// A digest algorithm (message digest, time-stamp imprint, ESS certificate hash).
    Digest,
    /// A signature algorithm (signature value, certificate and CRL/OCSP signatures).
    Signature,
    /// A public key type, with a minimum size in bits.
    PublicKey,
}

impl RuleKind {
    /// The kind as the spec's table prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Digest => "digest",
            RuleKind::Signature => "signature",
            RuleKind::PublicKey => "public key",
        }
    }
}

/// One row of the policy table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmRule {
    /// What the row is about.
    pub kind: RuleKind,
    /// The algorithm's name, e.g. `SHA-256`, `sha1WithRSAEncryption`, `RSA`.
    pub name: &'static str,
    /// The OID (digest, signature) or the key algorithm OID (public key), dotted.
    pub oid: &'static str,
    /// Public keys only: the smallest size in bits this row covers (RSA modulus, EC field).
    pub min_bits: u32,
    /// The instant from which the row no longer accepts the algorithm; `None`: no end.
    pub until: Option<OffsetDateTime>,
}

/// `rsaEncryption`.
const RSA: &str = "1.2.840.113549.1.1.1";
/// `id-ecPublicKey`.
const EC: &str = "1.2.840.10045.2.1";
/// `id-Ed25519`.
const ED25519: &str = "1.3.101.112";
/// When SHA-1 stops being accepted (signatures and digests): its first practical collision
/// attacks made every major PKI stop SHA-1 signatures by 1 January 2016.
const SHA1_CUT_OFF: OffsetDateTime = datetime!(2016-01-01 0:00 UTC);

const fn rule(kind: RuleKind, name: &'static str, oid: &'static str) -> AlgorithmRule {
    AlgorithmRule {
        kind,
        name,
        oid,
        min_bits: 0,
        until: None,
    }
}

const fn key(
    name: &'static str,
    oid: &'static str,
    min_bits: u32,
    until: Option<OffsetDateTime>,
) -> AlgorithmRule {
    AlgorithmRule {
        kind: RuleKind::PublicKey,
        name,
        oid,
        min_bits,
        until,
    }
}

const fn until(mut r: AlgorithmRule, at: OffsetDateTime) -> AlgorithmRule {
    r.until = Some(at);
    r
}

/// The table of `samad-2026-1` (keep it identical to `spec/report.md`).
const SAMAD_2026_1: &[AlgorithmRule] = &[
    until(
        rule(RuleKind::Digest, "SHA-1", "1.3.14.3.2.26"),
        SHA1_CUT_OFF,
    ),
    rule(RuleKind::Digest, "SHA-256", "2.16.840.1.101.3.4.2.1"),
    rule(RuleKind::Digest, "SHA-384", "2.16.840.1.101.3.4.2.2"),
    rule(RuleKind::Digest, "SHA-512", "2.16.840.1.101.3.4.2.3"),
    until(
        rule(
            RuleKind::Signature,
            "sha1WithRSAEncryption",
            "1.2.840.113549.1.1.5",
        ),
        SHA1_CUT_OFF,
    ),
    until(
        rule(RuleKind::Signature, "ecdsa-with-SHA1", "1.2.840.10045.4.1"),
        SHA1_CUT_OFF,
    ),
    rule(
        RuleKind::Signature,
        "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.11",
    ),
    rule(
        RuleKind::Signature,
        "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.12",
    ),
    rule(
        RuleKind::Signature,
        "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.13",
    ),
    rule(
        RuleKind::Signature,
        "id-RSASSA-PSS",
        "1.2.840.113549.1.1.10",
    ),
    rule(
        RuleKind::Signature,
        "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.2",
    ),
    rule(
        RuleKind::Signature,
        "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.3",
    ),
    rule(
        RuleKind::Signature,
        "ecdsa-with-SHA512",
        "1.2.840.10045.4.3.4",
    ),
    rule(RuleKind::Signature, "Ed25519", ED25519),
    key("RSA", RSA, 3072, None),
    key("RSA", RSA, 2048, Some(datetime!(2031-01-01 0:00 UTC))),
    key("RSA", RSA, 1024, Some(datetime!(2014-01-01 0:00 UTC))),
    key("EC", EC, 256, None),
    key("Ed25519", ED25519, 256, None),
];

/// Why the policy refused an algorithm or key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyViolation {
    /// The algorithm (or key type) is not in the table at all.
    #[error(
        "the {kind} algorithm {algorithm} is not accepted by the algorithm policy {policy}: use SHA-2 with RSA (2048 bits or more), ECDSA P-256/P-384 or Ed25519"
    )]
    NotAllowed {
        /// `digest`, `signature` or `public key`.
        kind: &'static str,
        /// The OID or key description.
        algorithm: String,
        /// The policy's identifier.
        policy: String,
    },
    /// The algorithm was accepted only until an instant before the time of use.
    #[error(
        "{name} is accepted only until {until} and was used at {at} with no earlier proof of existence"
    )]
    Expired {
        /// The algorithm's name.
        name: &'static str,
        /// When the policy stopped accepting it.
        until: OffsetDateTime,
        /// The time it was judged at.
        at: OffsetDateTime,
    },
    /// The key is smaller than any row accepts.
    #[error("the {name} key has {bits} bits; the policy {policy} needs at least {min} bits")]
    KeyTooSmall {
        /// The key type.
        name: &'static str,
        /// Its size.
        bits: u32,
        /// The smallest size any row accepts.
        min: u32,
        /// The policy's identifier.
        policy: String,
    },
    /// The public key could not be read to learn its size.
    #[error("the public key cannot be read: {detail}")]
    UnreadableKey {
        /// What was wrong.
        detail: String,
    },
}

impl PolicyViolation {
    /// Whether the algorithm was acceptable at some earlier time, so that a proof of
    /// existence before then could rescue it (EN 319 102-1 §5.6.2.5):
    /// CRYPTO_CONSTRAINTS_FAILURE_NO_POE rather than CRYPTO_CONSTRAINTS_FAILURE.
    pub fn acceptable_before(&self) -> Option<OffsetDateTime> {
        match self {
            PolicyViolation::Expired { until, .. } => Some(*until),
            _ => None,
        }
    }
}

/// A set of accepted algorithms with their time limits; see the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlgorithmPolicy {
    id: String,
    rules: Vec<AlgorithmRule>,
}

impl Default for AlgorithmPolicy {
    /// `samad-2026-1`, the table of `spec/report.md`.
    fn default() -> AlgorithmPolicy {
        AlgorithmPolicy {
            id: "samad-2026-1".to_owned(),
            rules: SAMAD_2026_1.to_vec(),
        }
    }
}

impl AlgorithmPolicy {
    /// A policy with its own identifier and table (e.g. a stricter one for an agency).
    pub fn new(id: impl Into<String>, rules: Vec<AlgorithmRule>) -> AlgorithmPolicy {
        AlgorithmPolicy {
            id: id.into(),
            rules,
        }
    }

    /// The identifier reports carry in `policy`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The table, in order.
    pub fn rules(&self) -> &[AlgorithmRule] {
        &self.rules
    }

    /// Checks a digest algorithm (dotted OID) used at `at`.
    pub fn check_digest(&self, oid: &str, at: OffsetDateTime) -> Result<(), PolicyViolation> {
        self.check_named(RuleKind::Digest, oid, at)
    }

    /// Checks a signature algorithm (dotted OID of its AlgorithmIdentifier) used at `at`.
    pub fn check_signature_algorithm(
        &self,
        oid: &str,
        at: OffsetDateTime,
    ) -> Result<(), PolicyViolation> {
        self.check_named(RuleKind::Signature, oid, at)
    }

    /// Checks a public key (DER SubjectPublicKeyInfo) used at `at`: its type and size.
    pub fn check_public_key(&self, spki: &[u8], at: OffsetDateTime) -> Result<(), PolicyViolation> {
        let (oid, name, bits) = key_size(spki).map_err(|e| match e {
            PolicyViolation::NotAllowed {
                kind, algorithm, ..
            } => PolicyViolation::NotAllowed {
                kind,
                algorithm,
                policy: self.id.clone(),
            },
            other => other,
        })?;
        let rows: Vec<&AlgorithmRule> = self
            .rules
            .iter()
            .filter(|r| r.kind == RuleKind::PublicKey && r.oid == oid)
            .collect();
        let Some(min) = rows.iter().map(|r| r.min_bits).min() else {
            return Err(self.not_allowed(RuleKind::PublicKey, name.to_owned()));
        };
        // The row of the largest min_bits the key reaches decides.
        let row = rows
            .iter()
            .filter(|r| bits >= r.min_bits)
            .max_by_key(|r| r.min_bits)
            .ok_or_else(|| PolicyViolation::KeyTooSmall {
                name,
                bits,
                min,
                policy: self.id.clone(),
            })?;
        check_until(row, at)
    }

    /// Checks a certificate as used at `at`: the algorithm of the signature on it and its
    /// public key.
    pub fn check_certificate(
        &self,
        cert: &Certificate,
        at: OffsetDateTime,
    ) -> Result<(), PolicyViolation> {
        self.check_certificate_algorithm(&certificate_signature_oid(cert), cert, at)
    }

    /// [`Self::check_certificate`] with the certificate's signature algorithm already read
    /// by [`certificate_signature_oid`] (the validation cache remembers it per DER).
    pub(crate) fn check_certificate_algorithm(
        &self,
        signature_oid: &Result<String, String>,
        cert: &Certificate,
        at: OffsetDateTime,
    ) -> Result<(), PolicyViolation> {
        let oid = signature_oid
            .as_ref()
            .map_err(|detail| PolicyViolation::UnreadableKey {
                detail: detail.clone(),
            })?;
        self.check_signature_algorithm(oid, at)?;
        self.check_public_key(cert.public_key_info(), at)
    }

    fn check_named(
        &self,
        kind: RuleKind,
        oid: &str,
        at: OffsetDateTime,
    ) -> Result<(), PolicyViolation> {
        let row = self
            .rules
            .iter()
            .find(|r| r.kind == kind && r.oid == oid)
            .ok_or_else(|| self.not_allowed(kind, oid.to_owned()))?;
        check_until(row, at)
    }

    fn not_allowed(&self, kind: RuleKind, algorithm: String) -> PolicyViolation {
        PolicyViolation::NotAllowed {
            kind: kind.as_str(),
            algorithm,
            policy: self.id.clone(),
        }
    }
}

/// The OID of the algorithm that signed `cert` (its outer signatureAlgorithm), or why the
/// certificate cannot be read as RFC 5280 DER.
pub(crate) fn certificate_signature_oid(cert: &Certificate) -> Result<String, String> {
    x509_cert::Certificate::from_der(cert.der())
        .map(|parsed| parsed.signature_algorithm.oid.to_string())
        .map_err(|e| e.to_string())
}

fn check_until(row: &AlgorithmRule, at: OffsetDateTime) -> Result<(), PolicyViolation> {
    match row.until {
        Some(until) if at >= until => Err(PolicyViolation::Expired {
            name: row.name,
            until,
            at,
        }),
        _ => Ok(()),
    }
}

/// `secp256r1`, `secp384r1`, `secp521r1` and their field sizes.
const CURVES: [(&str, u32); 3] = [
    ("1.2.840.10045.3.1.7", 256),
    ("1.3.132.0.34", 384),
    ("1.3.132.0.35", 521),
];

/// The key algorithm OID, a name and the size in bits of a SubjectPublicKeyInfo.
fn key_size(spki: &[u8]) -> Result<(&'static str, &'static str, u32), PolicyViolation> {
    let unreadable = |detail: String| PolicyViolation::UnreadableKey { detail };
    let info = SubjectPublicKeyInfoRef::from_der(spki).map_err(|e| unreadable(e.to_string()))?;
    let oid = info.algorithm.oid.to_string();
    match oid.as_str() {
        RSA => {
            let key = info
                .subject_public_key
                .as_bytes()
                .ok_or_else(|| unreadable("the RSA key BIT STRING has unused bits".into()))?;
            let (modulus, _exponent) = RsaPublicKey::from_der(key)
                .map(|k| (k.modulus, k.public_exponent))
                .map_err(|e| unreadable(format!("RSAPublicKey: {e}")))?;
            // UintRef strips leading zeros: the size is the bytes less the top byte's zeros.
            let bytes = modulus.as_bytes();
            let top = bytes.first().copied().unwrap_or(0);
            let bits = u32::try_from(bytes.len())
                .unwrap_or(u32::MAX)
                .saturating_mul(8)
                .saturating_sub(top.leading_zeros());
            Ok((RSA, "RSA", bits))
        }
        EC => {
            let curve = info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                .map(|c| c.to_string())
                .unwrap_or_default();
            match CURVES.iter().find(|(c, _)| *c == curve) {
                Some((_, bits)) => Ok((EC, "EC", *bits)),
                None => Err(PolicyViolation::NotAllowed {
                    kind: RuleKind::PublicKey.as_str(),
                    algorithm: format!("EC on curve {curve}"),
                    policy: String::new(),
                }),
            }
        }
        ED25519 => Ok((ED25519, "Ed25519", 256)),
        _ => Err(PolicyViolation::NotAllowed {
            kind: RuleKind::PublicKey.as_str(),
            algorithm: oid,
            policy: String::new(),
        }),
    }
}

/// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` (RFC 8017 A.1.1).
#[derive(der::Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}
