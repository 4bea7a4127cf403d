//! Keys on a PKCS#11 token (HSM, smart card, SoftHSM2), through `cryptoki`.
//!
//! The private key never leaves the token: samad finds it by label or ID, logs in with the
//! PIN the caller gives, and asks the token to sign. For ECDSA the message is hashed in
//! software and signed with `CKM_ECDSA`, because SoftHSM2 2.6 rejects `CKM_ECDSA_SHA256`;
//! the token's raw `r || s` is re-encoded as a DER `Ecdsa-Sig-Value` for CMS.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use cryptoki::context::{CInitializeArgs, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::Mechanism;
use cryptoki::mechanism::MechanismType;
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::asn1::{ObjectIdentifier, UintRef};
use der::{Decode, Encode, Sequence};

use super::{Signer, SignerError};
use crate::pki::algorithm::SignatureAlgorithm;

/// Which private key on the token to use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeySelector {
    /// The key whose `CKA_LABEL` is this.
    Label(String),
    /// The key whose `CKA_ID` is these bytes.
    Id(Vec<u8>),
}

impl std::fmt::Display for KeySelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySelector::Label(label) => write!(f, "label {label:?}"),
            KeySelector::Id(id) => {
                f.write_str("id ")?;
                id.iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
        }
    }
}

/// A signer whose private key lives on a PKCS#11 token.
pub struct Pkcs11Signer {
    // One logged-in session, used by one signing call at a time (a PKCS#11 session is not
    // safe for concurrent use).
    session: Mutex<Session>,
    key: ObjectHandle,
    algorithm: SignatureAlgorithm,
    chain: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("algorithm", &self.algorithm)
            .field("chain_len", &self.chain.len())
            .finish_non_exhaustive()
    }
}

/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5480 §2.2.3).
#[derive(Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

impl Pkcs11Signer {
    /// Loads the PKCS#11 `module` (a shared library such as
    /// `/usr/lib/softhsm/libsofthsm2.so`; loaded once per process), finds the token labelled
    /// `token_label`, logs in as the user with `pin` and selects the one private key
    /// matching `key`. PKCS#11 logins are per process and token: while another signer of
    /// this process is logged in to the same token, the new one shares its login.
    ///
    /// `chain` is the signer's certificate chain (DER, signer first; may be empty). EC keys
    /// sign with ECDSA and the curve's hash; RSA keys with PKCS#1 v1.5 SHA-256 unless
    /// [`Pkcs11Signer::with_algorithm`] says otherwise.
    pub fn open(
        module: &Path,
        token_label: &str,
        key: &KeySelector,
        pin: &str,
        chain: Vec<Vec<u8>>,
    ) -> Result<Pkcs11Signer, SignerError> {
        let fail = |operation| {
            move |e: cryptoki::error::Error| SignerError::Pkcs11 {
                operation,
                detail: e.to_string(),
            }
        };
        let context = loaded_module(module)?;
        let mut available = Vec::new();
        let mut found = None;
        for slot in context
            .get_slots_with_token()
            .map_err(fail("C_GetSlotList"))?
        {
            let info = context
                .get_token_info(slot)
                .map_err(fail("C_GetTokenInfo"))?;
            // Token labels are blank-padded to 32 bytes; cryptoki trims them.
            if info.label() == token_label {
                found = Some(slot);
                break;
            }
            available.push(info.label().to_owned());
        }
        let slot = found.ok_or_else(|| SignerError::TokenNotFound {
            label: token_label.to_owned(),
            available,
        })?;
        let session = context
            .open_ro_session(slot)
            .map_err(fail("C_OpenSession"))?;
        // PKCS#11 logs in per application and token (v2.40 §5.6): when another signer of
        // this process is logged in to the token, this session shares that login.
        match session.login(UserType::User, Some(&AuthPin::new(pin.into()))) {
            Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(e) => return Err(fail("C_Login")(e)),
        }
        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        template.push(match key {
            KeySelector::Label(label) => Attribute::Label(label.as_bytes().to_vec()),
            KeySelector::Id(id) => Attribute::Id(id.clone()),
        });
        let keys = session
            .find_objects(&template)
            .map_err(fail("C_FindObjects"))?;
        let [handle] = keys.as_slice() else {
            return Err(SignerError::KeyNotFound {
                token: token_label.to_owned(),
                selector: key.to_string(),
                found: keys.len(),
            });
        };
        let algorithm = key_algorithm(&session, *handle)?;
        Ok(Pkcs11Signer {
            session: Mutex::new(session),
            key: *handle,
            algorithm,
            chain,
        })
    }

    /// Chooses the RSA scheme (PKCS#1 v1.5 or PSS, SHA-256/384/512) for an RSA key; an EC key
    /// accepts only its own algorithm.
    pub fn with_algorithm(
        mut self,
        algorithm: SignatureAlgorithm,
    ) -> Result<Pkcs11Signer, SignerError> {
        let rsa = |a| mechanism(a).is_some_and(|m| !matches!(m, Mechanism::Ecdsa));
        let fits = if rsa(self.algorithm) {
            rsa(algorithm)
        } else {
            algorithm == self.algorithm
        };
        if !fits {
            return Err(SignerError::AlgorithmMismatch {
                requested: algorithm.to_string(),
                key: self.algorithm.to_string(),
            });
        }
        self.algorithm = algorithm;
        Ok(self)
    }
}

/// The module loaded and initialized once per process and path: a second `C_Initialize`
/// fails, and dropping a context calls `C_Finalize`, which would close every other
/// signer's session on the same module.
fn loaded_module(module: &Path) -> Result<Pkcs11, SignerError> {
    static MODULES: OnceLock<Mutex<HashMap<PathBuf, Pkcs11>>> = OnceLock::new();
    let mut modules =
        MODULES
            .get_or_init(Default::default)
            .lock()
            .map_err(|_| SignerError::Pkcs11 {
                operation: "load module",
                detail: "the module registry lock is poisoned".to_owned(),
            })?;
    if let Some(context) = modules.get(module) {
        return Ok(context.clone());
    }
    let context = Pkcs11::new(module).map_err(|e| SignerError::Pkcs11 {
        operation: "load module",
        detail: format!("{}: {e}", module.display()),
    })?;
    context
        .initialize(CInitializeArgs::OsThreads)
        .map_err(|e| SignerError::Pkcs11 {
            operation: "C_Initialize",
            detail: e.to_string(),
        })?;
    modules.insert(module.to_path_buf(), context.clone());
    Ok(context)
}

/// The default algorithm for the key's type and curve.
fn key_algorithm(session: &Session, key: ObjectHandle) -> Result<SignatureAlgorithm, SignerError> {
    let attributes = session
        .get_attributes(key, &[AttributeType::KeyType, AttributeType::EcParams])
        .map_err(|e| SignerError::Pkcs11 {
            operation: "C_GetAttributeValue",
            detail: e.to_string(),
        })?;
    let mut key_type = None;
    let mut ec_params = None;
    for attribute in attributes {
        match attribute {
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::EcParams(p) => ec_params = Some(p),
            _ => {}
        }
    }
    match key_type {
        Some(KeyType::RSA) => Ok(SignatureAlgorithm::RsaPkcs1Sha256),
        Some(KeyType::EC) => {
            let curve = ec_params
                .as_deref()
                .and_then(|p| ObjectIdentifier::from_der(p).ok());
            match curve {
                Some(P256) => Ok(SignatureAlgorithm::EcdsaP256Sha256),
                Some(P384) => Ok(SignatureAlgorithm::EcdsaP384Sha384),
                other => Err(SignerError::UnsupportedKey {
                    detail: match other {
                        Some(oid) => format!("EC key on curve {oid}"),
                        None => "EC key with unreadable CKA_EC_PARAMS".to_owned(),
                    },
                }),
            }
        }
        Some(other) => Err(SignerError::UnsupportedKey {
            detail: format!("PKCS#11 key type {other}"),
        }),
        None => Err(SignerError::UnsupportedKey {
            detail: "the token did not report CKA_KEY_TYPE".to_owned(),
        }),
    }
}

/// The PKCS#11 mechanism for `algorithm`; ECDSA is hashed in software first.
fn mechanism(algorithm: SignatureAlgorithm) -> Option<Mechanism<'static>> {
    let pss = |hash_alg, mgf, s_len: u64| PkcsPssParams {
        hash_alg,
        mgf,
        s_len: s_len.into(),
    };
    Some(match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 | SignatureAlgorithm::EcdsaP384Sha384 => {
            Mechanism::Ecdsa
        }
        SignatureAlgorithm::RsaPkcs1Sha256 => Mechanism::Sha256RsaPkcs,
        SignatureAlgorithm::RsaPkcs1Sha384 => Mechanism::Sha384RsaPkcs,
        SignatureAlgorithm::RsaPkcs1Sha512 => Mechanism::Sha512RsaPkcs,
        SignatureAlgorithm::RsaPssSha256 => {
            Mechanism::Sha256RsaPkcsPss(pss(MechanismType::SHA256, PkcsMgfType::MGF1_SHA256, 32))
        }
        SignatureAlgorithm::RsaPssSha384 => {
            Mechanism::Sha384RsaPkcsPss(pss(MechanismType::SHA384, PkcsMgfType::MGF1_SHA384, 48))
        }
        SignatureAlgorithm::RsaPssSha512 => {
            Mechanism::Sha512RsaPkcsPss(pss(MechanismType::SHA512, PkcsMgfType::MGF1_SHA512, 64))
        }
        _ => return None,
    })
}

impl Signer for Pkcs11Signer {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        let failed = |detail: String| SignerError::Signing {
            algorithm: self.algorithm.to_string(),
            detail,
        };
        let mechanism = mechanism(self.algorithm)
            .ok_or_else(|| failed("no PKCS#11 mechanism for this algorithm".to_owned()))?;
        let is_ecdsa = matches!(mechanism, Mechanism::Ecdsa);
        let input = if is_ecdsa {
            self.algorithm.digest().digest(message)
        } else {
            message.to_vec()
        };
        let session = self
            .session
            .lock()
            .map_err(|_| failed("the session lock is poisoned".to_owned()))?;
        let signature = session
            .sign(&mechanism, self.key, &input)
            .map_err(|e| failed(format!("C_Sign: {e}")))?;
        drop(session);
        if !is_ecdsa {
            return Ok(signature);
        }
        // CKM_ECDSA returns r || s, each as long as the curve order (PKCS#11 v2.40 §2.3.1).
        if signature.len() % 2 != 0 || signature.is_empty() {
            return Err(failed(format!(
                "the token returned a {}-byte ECDSA signature, not r || s",
                signature.len()
            )));
        }
        let (r, s) = signature.split_at(signature.len() / 2);
        let value = EcdsaSigValue {
            r: UintRef::new(r).map_err(|e| failed(e.to_string()))?,
            s: UintRef::new(s).map_err(|e| failed(e.to_string()))?,
        };
        value.to_der().map_err(|e| failed(e.to_string()))
    }
}
