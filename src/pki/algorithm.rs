//! Signature and digest algorithms: their AlgorithmIdentifiers (RFC 5280 §4.1.1.2) and the
//! one verification path every signature in samad goes through (`ring`; RSA keys of 2048 to
//! 8192 bits).
//!
//! ```text
//! AlgorithmIdentifier  ::=  SEQUENCE  {
//!      algorithm               OBJECT IDENTIFIER,
//!      parameters              ANY DEFINED BY algorithm OPTIONAL  }
//! ```
//!
//! Identifiers and parameters follow RFC 4055 (RSA PKCS#1 v1.5 and PSS), RFC 5758 (ECDSA:
//! parameters absent) and RFC 8410 (Ed25519: parameters absent).
//!
//! ```
//! use samad::pki::algorithm::SignatureAlgorithm;
//!
//! let alg = SignatureAlgorithm::EcdsaP256Sha256;
//! assert_eq!(alg.oid().to_string(), "1.2.840.10045.4.3.2");
//! let der = alg.algorithm_identifier_der();
//! assert_eq!(SignatureAlgorithm::from_algorithm_identifier_der(&der)?, alg);
//! # Ok::<(), samad::pki::algorithm::AlgorithmError>(())
//! ```

use der::asn1::{AnyRef, ObjectIdentifier};
use der::{Decode, Encode, Sequence};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoRef};

/// `sha256WithRSAEncryption` (RFC 4055 §5).
const RSA_PKCS1_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// `sha384WithRSAEncryption` (RFC 4055 §5).
const RSA_PKCS1_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
/// `sha512WithRSAEncryption` (RFC 4055 §5).
const RSA_PKCS1_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// `id-RSASSA-PSS` (RFC 4055 §3.1).
const RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// `id-mgf1` (RFC 4055 §2.2).
const MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
/// `ecdsa-with-SHA256` (RFC 5758 §3.2).
const ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// `ecdsa-with-SHA384` (RFC 5758 §3.2).
const ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
/// `id-Ed25519` (RFC 8410 §3).
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `rsaEncryption` (RFC 8017 Appendix C).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-ecPublicKey` (RFC 5480 §2.1.1).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `secp256r1` (RFC 5480 §2.1.1.1).
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
/// `secp384r1` (RFC 5480 §2.1.1.1).
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
/// `id-sha256` (FIPS 180-4, RFC 5754 §2).
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// `id-sha384`.
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// `id-sha512`.
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// Why an algorithm identifier, a public key or a signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlgorithmError {
    /// The signature algorithm OID is not one samad supports.
    #[error(
        "unsupported signature algorithm {oid}: use ECDSA P-256/P-384, RSA PKCS#1 v1.5 or PSS with SHA-2, or Ed25519"
    )]
    UnsupportedSignatureAlgorithm {
        /// The dotted OID found.
        oid: String,
    },
    /// The digest algorithm OID is not SHA-256, SHA-384 or SHA-512.
    #[error("unsupported digest algorithm {oid}: use SHA-256, SHA-384 or SHA-512")]
    UnsupportedDigestAlgorithm {
        /// The dotted OID found.
        oid: String,
    },
    /// The parameters of a known algorithm are not the ones its RFC requires.
    #[error("bad parameters for signature algorithm {oid}: {reason}")]
    BadParameters {
        /// The dotted OID of the algorithm.
        oid: String,
        /// What was wrong.
        reason: &'static str,
    },
    /// The AlgorithmIdentifier or SubjectPublicKeyInfo is not valid DER.
    #[error("malformed {what}: {detail}")]
    Malformed {
        /// Which structure was being read.
        what: &'static str,
        /// The decoder's message.
        detail: String,
    },
    /// The public key's type or curve does not match the signature algorithm.
    #[error("a {key} public key cannot verify a {algorithm} signature")]
    KeyMismatch {
        /// The key type found in the SubjectPublicKeyInfo.
        key: String,
        /// The signature algorithm.
        algorithm: SignatureAlgorithm,
    },
    /// The signature does not verify with this key over this message.
    #[error("the {algorithm} signature does not verify with the given public key")]
    BadSignature {
        /// The signature algorithm.
        algorithm: SignatureAlgorithm,
    },
}

/// A digest algorithm of the SHA-2 family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-256 (`2.16.840.1.101.3.4.2.1`).
    Sha256,
    /// SHA-384 (`2.16.840.1.101.3.4.2.2`).
    Sha384,
    /// SHA-512 (`2.16.840.1.101.3.4.2.3`).
    Sha512,
}

impl DigestAlgorithm {
    /// The algorithm's OID.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            DigestAlgorithm::Sha256 => SHA256,
            DigestAlgorithm::Sha384 => SHA384,
            DigestAlgorithm::Sha512 => SHA512,
        }
    }

    /// The algorithm for an OID, or [`AlgorithmError::UnsupportedDigestAlgorithm`].
    pub fn from_oid(oid: &ObjectIdentifier) -> Result<DigestAlgorithm, AlgorithmError> {
        match *oid {
            SHA256 => Ok(DigestAlgorithm::Sha256),
            SHA384 => Ok(DigestAlgorithm::Sha384),
            SHA512 => Ok(DigestAlgorithm::Sha512),
            _ => Err(AlgorithmError::UnsupportedDigestAlgorithm {
                oid: oid.to_string(),
            }),
        }
    }

    /// The DER of its AlgorithmIdentifier with parameters absent (RFC 5754 §2: "SHOULD omit").
    pub fn algorithm_identifier_der(self) -> Vec<u8> {
        encode_identifier(&AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters: None,
        })
    }

    /// The digest length in bytes.
    pub fn output_len(self) -> usize {
        self.ring().output_len()
    }

    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        ring::digest::digest(self.ring(), data).as_ref().to_vec()
    }

    fn ring(self) -> &'static ring::digest::Algorithm {
        match self {
            DigestAlgorithm::Sha256 => &ring::digest::SHA256,
            DigestAlgorithm::Sha384 => &ring::digest::SHA384,
            DigestAlgorithm::Sha512 => &ring::digest::SHA512,
        }
    }
}

impl std::fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DigestAlgorithm::Sha256 => "SHA-256",
            DigestAlgorithm::Sha384 => "SHA-384",
            DigestAlgorithm::Sha512 => "SHA-512",
        })
    }
}

/// A signature algorithm samad makes and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// ECDSA on P-256 with SHA-256; signature is the DER `Ecdsa-Sig-Value` (RFC 5758).
    EcdsaP256Sha256,
    /// ECDSA on P-384 with SHA-384; signature is the DER `Ecdsa-Sig-Value` (RFC 5758).
    EcdsaP384Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2).
    RsaPkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaPkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaPkcs1Sha512,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (RFC 4055 §3.1).
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt.
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt.
    RsaPssSha512,
    /// Ed25519 (RFC 8410), pure mode over the whole message.
    Ed25519,
}

/// `RSASSA-PSS-params` (RFC 4055 §3.1); the DEFAULTs (SHA-1) are never accepted.
///
/// ```text
/// RSASSA-PSS-params  ::=  SEQUENCE  {
///     hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
///     maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
///     saltLength         [2] INTEGER DEFAULT 20,
///     trailerField       [3] INTEGER DEFAULT 1  }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer_field: Option<u32>,
}

impl SignatureAlgorithm {
    /// Every supported algorithm, in a fixed order.
    pub const ALL: [SignatureAlgorithm; 9] = [
        SignatureAlgorithm::EcdsaP256Sha256,
        SignatureAlgorithm::EcdsaP384Sha384,
        SignatureAlgorithm::RsaPkcs1Sha256,
        SignatureAlgorithm::RsaPkcs1Sha384,
        SignatureAlgorithm::RsaPkcs1Sha512,
        SignatureAlgorithm::RsaPssSha256,
        SignatureAlgorithm::RsaPssSha384,
        SignatureAlgorithm::RsaPssSha512,
        SignatureAlgorithm::Ed25519,
    ];

    /// The `algorithm` OID of its AlgorithmIdentifier.
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            SignatureAlgorithm::EcdsaP256Sha256 => ECDSA_SHA256,
            SignatureAlgorithm::EcdsaP384Sha384 => ECDSA_SHA384,
            SignatureAlgorithm::RsaPkcs1Sha256 => RSA_PKCS1_SHA256,
            SignatureAlgorithm::RsaPkcs1Sha384 => RSA_PKCS1_SHA384,
            SignatureAlgorithm::RsaPkcs1Sha512 => RSA_PKCS1_SHA512,
            SignatureAlgorithm::RsaPssSha256
            | SignatureAlgorithm::RsaPssSha384
            | SignatureAlgorithm::RsaPssSha512 => RSA_PSS,
            SignatureAlgorithm::Ed25519 => ED25519,
        }
    }

    /// The digest the algorithm hashes the message with. For Ed25519 this is SHA-512, the
    /// digest RFC 8419 §3 pairs with it in CMS.
    pub fn digest(self) -> DigestAlgorithm {
        match self {
            SignatureAlgorithm::EcdsaP256Sha256
            | SignatureAlgorithm::RsaPkcs1Sha256
            | SignatureAlgorithm::RsaPssSha256 => DigestAlgorithm::Sha256,
            SignatureAlgorithm::EcdsaP384Sha384
            | SignatureAlgorithm::RsaPkcs1Sha384
            | SignatureAlgorithm::RsaPssSha384 => DigestAlgorithm::Sha384,
            SignatureAlgorithm::RsaPkcs1Sha512
            | SignatureAlgorithm::RsaPssSha512
            | SignatureAlgorithm::Ed25519 => DigestAlgorithm::Sha512,
        }
    }

    /// The full AlgorithmIdentifier, parameters included (NULL for PKCS#1 v1.5 per RFC 4055
    /// §5, RSASSA-PSS-params for PSS, absent for ECDSA and Ed25519).
    pub fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        let parameters = match self {
            SignatureAlgorithm::RsaPkcs1Sha256
            | SignatureAlgorithm::RsaPkcs1Sha384
            | SignatureAlgorithm::RsaPkcs1Sha512 => Some(der::asn1::Any::from(der::asn1::Null)),
            SignatureAlgorithm::RsaPssSha256
            | SignatureAlgorithm::RsaPssSha384
            | SignatureAlgorithm::RsaPssSha512 => Some(self.pss_params_any()),
            SignatureAlgorithm::EcdsaP256Sha256
            | SignatureAlgorithm::EcdsaP384Sha384
            | SignatureAlgorithm::Ed25519 => None,
        };
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters,
        }
    }

    /// The DER encoding of [`Self::algorithm_identifier`].
    pub fn algorithm_identifier_der(self) -> Vec<u8> {
        encode_identifier(&self.algorithm_identifier())
    }

    fn pss_params_any(self) -> der::asn1::Any {
        let digest = self.digest();
        let hash = AlgorithmIdentifierOwned {
            oid: digest.oid(),
            parameters: Some(der::asn1::Any::from(der::asn1::Null)),
        };
        let params = PssParams {
            hash: Some(hash.clone()),
            mask_gen: Some(AlgorithmIdentifierOwned {
                oid: MGF1,
                parameters: der::asn1::Any::encode_from(&hash).ok(),
            }),
            salt_length: u32::try_from(digest.output_len()).ok(),
            trailer_field: None,
        };
        // Encoding a value built from constants cannot fail; `encode_from` only errs on
        // lengths past 256 MiB.
        der::asn1::Any::encode_from(&params).unwrap_or_else(|_| der::asn1::Any::null())
    }

    /// The algorithm an AlgorithmIdentifier names. `parameters` is the DER of the
    /// `parameters` field (tag included), `None` when absent.
    pub fn from_algorithm_identifier(
        oid: &ObjectIdentifier,
        parameters: Option<&[u8]>,
    ) -> Result<SignatureAlgorithm, AlgorithmError> {
        let bad = |reason| AlgorithmError::BadParameters {
            oid: oid.to_string(),
            reason,
        };
        let null_or_absent = |alg| match parameters {
            None => Ok(alg),
            Some(p) if AnyRef::from_der(p).is_ok_and(|a| a.is_null()) => Ok(alg),
            Some(_) => Err(bad("parameters must be NULL or absent (RFC 4055 §5)")),
        };
        let absent = |alg| match parameters {
            None => Ok(alg),
            Some(_) => Err(bad(
                "parameters must be absent (RFC 5758 §3.2, RFC 8410 §3)",
            )),
        };
        match *oid {
            RSA_PKCS1_SHA256 => null_or_absent(SignatureAlgorithm::RsaPkcs1Sha256),
            RSA_PKCS1_SHA384 => null_or_absent(SignatureAlgorithm::RsaPkcs1Sha384),
            RSA_PKCS1_SHA512 => null_or_absent(SignatureAlgorithm::RsaPkcs1Sha512),
            ECDSA_SHA256 => absent(SignatureAlgorithm::EcdsaP256Sha256),
            ECDSA_SHA384 => absent(SignatureAlgorithm::EcdsaP384Sha384),
            ED25519 => absent(SignatureAlgorithm::Ed25519),
            RSA_PSS => {
                let p = parameters.ok_or_else(|| bad("RSASSA-PSS-params are required"))?;
                let params = PssParams::from_der(p).map_err(|e| AlgorithmError::Malformed {
                    what: "RSASSA-PSS-params",
                    detail: e.to_string(),
                })?;
                let hash = params
                    .hash
                    .as_ref()
                    .ok_or_else(|| bad("SHA-1 (the default hash) is not accepted"))?;
                let digest = DigestAlgorithm::from_oid(&hash.oid)?;
                let alg = match digest {
                    DigestAlgorithm::Sha256 => SignatureAlgorithm::RsaPssSha256,
                    DigestAlgorithm::Sha384 => SignatureAlgorithm::RsaPssSha384,
                    DigestAlgorithm::Sha512 => SignatureAlgorithm::RsaPssSha512,
                };
                let mgf = params
                    .mask_gen
                    .as_ref()
                    .ok_or_else(|| bad("MGF1 with SHA-1 (the default) is not accepted"))?;
                if mgf.oid != MGF1 {
                    return Err(bad("the mask generation function must be MGF1"));
                }
                let mgf_hash = mgf
                    .parameters
                    .as_ref()
                    .and_then(|a| a.decode_as::<AlgorithmIdentifierOwned>().ok())
                    .ok_or_else(|| bad("MGF1 parameters must name its hash"))?;
                if mgf_hash.oid != hash.oid {
                    return Err(bad("MGF1 must use the same hash as the signature"));
                }
                if params.salt_length.and_then(|s| usize::try_from(s).ok())
                    != Some(digest.output_len())
                {
                    return Err(bad("the salt length must equal the hash length"));
                }
                if params.trailer_field.is_some_and(|t| t != 1) {
                    return Err(bad("the trailer field must be 1"));
                }
                Ok(alg)
            }
            _ => Err(AlgorithmError::UnsupportedSignatureAlgorithm {
                oid: oid.to_string(),
            }),
        }
    }

    /// The algorithm a DER-encoded AlgorithmIdentifier names.
    pub fn from_algorithm_identifier_der(der: &[u8]) -> Result<SignatureAlgorithm, AlgorithmError> {
        let id =
            spki::AlgorithmIdentifierRef::from_der(der).map_err(|e| AlgorithmError::Malformed {
                what: "AlgorithmIdentifier",
                detail: e.to_string(),
            })?;
        let params = match id.parameters {
            Some(p) => Some(p.to_der().map_err(|e| AlgorithmError::Malformed {
                what: "AlgorithmIdentifier parameters",
                detail: e.to_string(),
            })?),
            None => None,
        };
        SignatureAlgorithm::from_algorithm_identifier(&id.oid, params.as_deref())
    }

    /// Verify `signature` over `message` with the public key in `spki_der` (a DER
    /// SubjectPublicKeyInfo, as in a certificate). ECDSA signatures are the DER
    /// `Ecdsa-Sig-Value` used by X.509 and CMS. The key's type (and curve) must match the
    /// algorithm.
    pub fn verify(
        self,
        spki_der: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), AlgorithmError> {
        let spki =
            SubjectPublicKeyInfoRef::from_der(spki_der).map_err(|e| AlgorithmError::Malformed {
                what: "SubjectPublicKeyInfo",
                detail: e.to_string(),
            })?;
        let key_oid = spki.algorithm.oid;
        let curve = spki
            .algorithm
            .parameters
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        let key_ok = match self {
            SignatureAlgorithm::EcdsaP256Sha256 => key_oid == EC_PUBLIC_KEY && curve == Some(P256),
            SignatureAlgorithm::EcdsaP384Sha384 => key_oid == EC_PUBLIC_KEY && curve == Some(P384),
            SignatureAlgorithm::RsaPkcs1Sha256
            | SignatureAlgorithm::RsaPkcs1Sha384
            | SignatureAlgorithm::RsaPkcs1Sha512
            | SignatureAlgorithm::RsaPssSha256
            | SignatureAlgorithm::RsaPssSha384
            | SignatureAlgorithm::RsaPssSha512 => key_oid == RSA_ENCRYPTION,
            SignatureAlgorithm::Ed25519 => key_oid == ED25519,
        };
        if !key_ok {
            return Err(AlgorithmError::KeyMismatch {
                key: describe_key(&key_oid, curve.as_ref()),
                algorithm: self,
            });
        }
        let key_bytes =
            spki.subject_public_key
                .as_bytes()
                .ok_or_else(|| AlgorithmError::Malformed {
                    what: "SubjectPublicKeyInfo",
                    detail: "the public key BIT STRING has unused bits".to_owned(),
                })?;
        ring::signature::UnparsedPublicKey::new(self.ring(), key_bytes)
            .verify(message, signature)
            .map_err(|_| AlgorithmError::BadSignature { algorithm: self })
    }

    fn ring(self) -> &'static dyn ring::signature::VerificationAlgorithm {
        use ring::signature as s;
        match self {
            SignatureAlgorithm::EcdsaP256Sha256 => &s::ECDSA_P256_SHA256_ASN1,
            SignatureAlgorithm::EcdsaP384Sha384 => &s::ECDSA_P384_SHA384_ASN1,
            SignatureAlgorithm::RsaPkcs1Sha256 => &s::RSA_PKCS1_2048_8192_SHA256,
            SignatureAlgorithm::RsaPkcs1Sha384 => &s::RSA_PKCS1_2048_8192_SHA384,
            SignatureAlgorithm::RsaPkcs1Sha512 => &s::RSA_PKCS1_2048_8192_SHA512,
            SignatureAlgorithm::RsaPssSha256 => &s::RSA_PSS_2048_8192_SHA256,
            SignatureAlgorithm::RsaPssSha384 => &s::RSA_PSS_2048_8192_SHA384,
            SignatureAlgorithm::RsaPssSha512 => &s::RSA_PSS_2048_8192_SHA512,
            SignatureAlgorithm::Ed25519 => &s::ED25519,
        }
    }
}

impl std::fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SignatureAlgorithm::EcdsaP256Sha256 => "ECDSA P-256 SHA-256",
            SignatureAlgorithm::EcdsaP384Sha384 => "ECDSA P-384 SHA-384",
            SignatureAlgorithm::RsaPkcs1Sha256 => "RSA PKCS#1 v1.5 SHA-256",
            SignatureAlgorithm::RsaPkcs1Sha384 => "RSA PKCS#1 v1.5 SHA-384",
            SignatureAlgorithm::RsaPkcs1Sha512 => "RSA PKCS#1 v1.5 SHA-512",
            SignatureAlgorithm::RsaPssSha256 => "RSA-PSS SHA-256",
            SignatureAlgorithm::RsaPssSha384 => "RSA-PSS SHA-384",
            SignatureAlgorithm::RsaPssSha512 => "RSA-PSS SHA-512",
            SignatureAlgorithm::Ed25519 => "Ed25519",
        })
    }
}

fn describe_key(oid: &ObjectIdentifier, curve: Option<&ObjectIdentifier>) -> String {
    match (*oid, curve) {
        (RSA_ENCRYPTION, _) => "RSA".to_owned(),
        (EC_PUBLIC_KEY, Some(&P256)) => "EC P-256".to_owned(),
        (EC_PUBLIC_KEY, Some(&P384)) => "EC P-384".to_owned(),
        (EC_PUBLIC_KEY, Some(c)) => format!("EC curve {c}"),
        (ED25519, _) => "Ed25519".to_owned(),
        (other, _) => format!("key type {other}"),
    }
}

fn encode_identifier(id: &AlgorithmIdentifierOwned) -> Vec<u8> {
    // An AlgorithmIdentifier of constant OIDs and small parameters always encodes.
    id.to_der().unwrap_or_default()
}

#[cfg(test)]
mod tests;
