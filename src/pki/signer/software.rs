//! Software keys: a PKCS#8 private key in memory, signing with `ring`.

use ring::rand::SystemRandom;
use ring::signature::{self as ring_sig, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use spki::SubjectPublicKeyInfoOwned;

use super::{Signer, SignerError, check_certificate_matches};
use crate::pki::algorithm::SignatureAlgorithm;

/// A signer holding a PKCS#8 private key in memory.
///
/// The key type is found from the PKCS#8 structure: EC keys sign with ECDSA (P-256 with
/// SHA-256, P-384 with SHA-384), Ed25519 keys with Ed25519, RSA keys (2048–4096 bits) with
/// PKCS#1 v1.5 SHA-256 unless [`SoftwareSigner::with_algorithm`] picks another RSA scheme.
/// ECDSA and RSA-PSS draw their randomness from the operating system (`ring`'s
/// `SystemRandom`; `ring` accepts no other source).
pub struct SoftwareSigner {
    key: Key,
    algorithm: SignatureAlgorithm,
    chain: Vec<Vec<u8>>,
    random: SystemRandom,
}

enum Key {
    Ecdsa(EcdsaKeyPair),
    Rsa(RsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

impl std::fmt::Debug for SoftwareSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftwareSigner")
            .field("algorithm", &self.algorithm)
            .field("chain_len", &self.chain.len())
            .finish_non_exhaustive()
    }
}

impl SoftwareSigner {
    /// Loads an unencrypted PKCS#8 private key (DER) with its certificate chain (DER, signer
    /// first; may be empty). A given signer certificate must certify this key.
    pub fn from_pkcs8_der(
        pkcs8: &[u8],
        chain: Vec<Vec<u8>>,
    ) -> Result<SoftwareSigner, SignerError> {
        let random = SystemRandom::new();
        let (key, algorithm) = load(pkcs8, &random)?;
        check_certificate_matches(&chain, key.public_key())?;
        Ok(SoftwareSigner {
            key,
            algorithm,
            chain,
            random,
        })
    }

    /// Loads a PEM `PRIVATE KEY` (PKCS#8) with its certificate chain (DER, signer first).
    pub fn from_pkcs8_pem(pem: &str, chain: Vec<Vec<u8>>) -> Result<SoftwareSigner, SignerError> {
        let (label, der) =
            der::pem::decode_vec(pem.trim().as_bytes()).map_err(|e| SignerError::BadKey {
                detail: format!("not PEM: {e}"),
            })?;
        match label {
            "PRIVATE KEY" => SoftwareSigner::from_pkcs8_der(&der, chain),
            "ENCRYPTED PRIVATE KEY" => Err(SignerError::BadKey {
                detail: "the key is encrypted (decrypt it with `openssl pkcs8`)".to_owned(),
            }),
            other => Err(SignerError::BadKey {
                detail: format!("PEM label is {other:?}, expected \"PRIVATE KEY\""),
            }),
        }
    }

    /// Chooses the signature algorithm; only RSA keys have a choice (PKCS#1 v1.5 or PSS with
    /// SHA-256/384/512). Asking an EC or Ed25519 key for anything but its own algorithm fails.
    pub fn with_algorithm(
        mut self,
        algorithm: SignatureAlgorithm,
    ) -> Result<SoftwareSigner, SignerError> {
        let fits = match self.key {
            Key::Rsa(_) => is_rsa(algorithm),
            Key::Ecdsa(_) | Key::Ed25519(_) => algorithm == self.algorithm,
        };
        if !fits {
            return Err(SignerError::AlgorithmMismatch {
                requested: algorithm.to_string(),
                key: self.key.describe(),
            });
        }
        self.algorithm = algorithm;
        Ok(self)
    }

    /// The public key as a DER SubjectPublicKeyInfo, as a certificate for it would carry.
    pub fn public_key_spki(&self) -> Result<Vec<u8>, SignerError> {
        use der::Encode;
        let algorithm = match self.key {
            Key::Ecdsa(_) if self.algorithm == SignatureAlgorithm::EcdsaP384Sha384 => {
                ec_algorithm(P384)?
            }
            Key::Ecdsa(_) => ec_algorithm(P256)?,
            Key::Rsa(_) => spki::AlgorithmIdentifierOwned {
                oid: RSA_ENCRYPTION,
                parameters: Some(der::asn1::Any::null()),
            },
            Key::Ed25519(_) => spki::AlgorithmIdentifierOwned {
                oid: ED25519,
                parameters: None,
            },
        };
        let spki = SubjectPublicKeyInfoOwned {
            algorithm,
            subject_public_key: der::asn1::BitString::from_bytes(self.key.public_key()).map_err(
                |e| SignerError::BadKey {
                    detail: e.to_string(),
                },
            )?,
        };
        spki.to_der().map_err(|e| SignerError::BadKey {
            detail: e.to_string(),
        })
    }
}

const RSA_ENCRYPTION: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.112");
const P256: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.132.0.34");

fn ec_algorithm(
    curve: der::asn1::ObjectIdentifier,
) -> Result<spki::AlgorithmIdentifierOwned, SignerError> {
    Ok(spki::AlgorithmIdentifierOwned {
        oid: EC_PUBLIC_KEY,
        parameters: Some(
            der::asn1::Any::encode_from(&curve).map_err(|e| SignerError::BadKey {
                detail: e.to_string(),
            })?,
        ),
    })
}

fn is_rsa(algorithm: SignatureAlgorithm) -> bool {
    matches!(
        algorithm,
        SignatureAlgorithm::RsaPkcs1Sha256
            | SignatureAlgorithm::RsaPkcs1Sha384
            | SignatureAlgorithm::RsaPkcs1Sha512
            | SignatureAlgorithm::RsaPssSha256
            | SignatureAlgorithm::RsaPssSha384
            | SignatureAlgorithm::RsaPssSha512
    )
}

/// Tries each key type `ring` knows; the first that accepts the PKCS#8 wins.
fn load(pkcs8: &[u8], random: &SystemRandom) -> Result<(Key, SignatureAlgorithm), SignerError> {
    if let Ok(key) =
        EcdsaKeyPair::from_pkcs8(&ring_sig::ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, random)
    {
        return Ok((Key::Ecdsa(key), SignatureAlgorithm::EcdsaP256Sha256));
    }
    if let Ok(key) =
        EcdsaKeyPair::from_pkcs8(&ring_sig::ECDSA_P384_SHA384_ASN1_SIGNING, pkcs8, random)
    {
        return Ok((Key::Ecdsa(key), SignatureAlgorithm::EcdsaP384Sha384));
    }
    // OpenSSL writes Ed25519 keys as PKCS#8 v1 (no public key): accept both versions.
    if let Ok(key) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8) {
        return Ok((Key::Ed25519(key), SignatureAlgorithm::Ed25519));
    }
    match RsaKeyPair::from_pkcs8(pkcs8) {
        Ok(key) => {
            let bits = key.public().modulus_len() * 8;
            if !(2048..=4096).contains(&bits) {
                return Err(SignerError::UnsupportedKey {
                    detail: format!("RSA key of {bits} bits"),
                });
            }
            Ok((Key::Rsa(key), SignatureAlgorithm::RsaPkcs1Sha256))
        }
        // ring names keys outside its RSA size range `TooSmall` / `TooLarge`.
        Err(rsa_error) if rsa_error.to_string().starts_with("Too") => {
            Err(SignerError::UnsupportedKey {
                detail: format!(
                    "RSA key rejected by ring: {rsa_error} (fewer than 2048 bits or more than 8192)"
                ),
            })
        }
        Err(rsa_error) => Err(SignerError::BadKey {
            detail: format!(
                "not an ECDSA P-256/P-384, Ed25519 or RSA PKCS#8 key that ring accepts ({rsa_error})"
            ),
        }),
    }
}

impl Key {
    fn public_key(&self) -> &[u8] {
        match self {
            Key::Ecdsa(k) => k.public_key().as_ref(),
            Key::Rsa(k) => k.public_key().as_ref(),
            Key::Ed25519(k) => k.public_key().as_ref(),
        }
    }

    fn describe(&self) -> String {
        match self {
            Key::Ecdsa(_) => "EC".to_owned(),
            Key::Rsa(k) => format!("RSA-{}", k.public().modulus_len() * 8),
            Key::Ed25519(_) => "Ed25519".to_owned(),
        }
    }
}

impl Signer for SoftwareSigner {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        let failed = |detail: &str| SignerError::Signing {
            algorithm: self.algorithm.to_string(),
            detail: detail.to_owned(),
        };
        match &self.key {
            Key::Ecdsa(key) => key
                .sign(&self.random, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| failed("ECDSA signing failed")),
            Key::Ed25519(key) => Ok(key.sign(message).as_ref().to_vec()),
            Key::Rsa(key) => {
                let padding: &'static dyn ring_sig::RsaEncoding = match self.algorithm {
                    SignatureAlgorithm::RsaPkcs1Sha384 => &ring_sig::RSA_PKCS1_SHA384,
                    SignatureAlgorithm::RsaPkcs1Sha512 => &ring_sig::RSA_PKCS1_SHA512,
                    SignatureAlgorithm::RsaPssSha256 => &ring_sig::RSA_PSS_SHA256,
                    SignatureAlgorithm::RsaPssSha384 => &ring_sig::RSA_PSS_SHA384,
                    SignatureAlgorithm::RsaPssSha512 => &ring_sig::RSA_PSS_SHA512,
                    _ => &ring_sig::RSA_PKCS1_SHA256,
                };
                let mut signature = vec![0; key.public().modulus_len()];
                key.sign(padding, &self.random, message, &mut signature)
                    .map_err(|_| failed("RSA signing failed"))?;
                Ok(signature)
            }
        }
    }
}
