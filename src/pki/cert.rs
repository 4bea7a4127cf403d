//! An X.509 certificate (RFC 5280 §4.1), parsed once with `x509-parser` into the facts path
//! validation needs. Unsupported signature algorithms do not fail parsing: they fail when a
//! signature made with them has to be checked.
//!
//! ```text
//! Certificate  ::=  SEQUENCE  {
//!      tbsCertificate       TBSCertificate,
//!      signatureAlgorithm   AlgorithmIdentifier,
//!      signatureValue       BIT STRING  }
//! ```

mod name;

pub use name::{DistinguishedName, GeneralName};
pub(crate) use name::{distribution_point_names, general_name_from_x509_cert};

use der::Decode;
use time::OffsetDateTime;
use x509_parser::der_parser::asn1_rs::ToDer;
use x509_parser::extensions::{ParsedExtension, X509Extension};
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::pki::algorithm::{AlgorithmError, SignatureAlgorithm};
use crate::pki::path::PathError;

/// Certificates larger than this are refused before parsing (a bound on work, not a limit
/// any real certificate reaches).
pub const MAX_CERTIFICATE_LEN: usize = 64 * 1024;

/// The keyUsage bits (RFC 5280 §4.2.1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyUsage {
    /// `digitalSignature`.
    pub digital_signature: bool,
    /// `nonRepudiation` (contentCommitment).
    pub non_repudiation: bool,
    /// `keyCertSign`.
    pub key_cert_sign: bool,
    /// `cRLSign`.
    pub crl_sign: bool,
}

/// The extendedKeyUsage purposes samad checks (RFC 5280 §4.2.1.12).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExtendedKeyUsage {
    /// `anyExtendedKeyUsage`.
    pub any: bool,
    /// `id-kp-timeStamping`.
    pub time_stamping: bool,
    /// `id-kp-OCSPSigning`.
    pub ocsp_signing: bool,
    /// `id-kp-emailProtection`.
    pub email_protection: bool,
    /// Every other purpose OID, dotted.
    pub other: Vec<String>,
}

/// One DistributionPoint of cRLDistributionPoints (RFC 5280 §4.2.1.13).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionPoint {
    /// The distribution point's names: its fullName, or its nameRelativeToCRLIssuer made
    /// absolute; empty when absent.
    pub full_names: Vec<GeneralName>,
    /// The `reasons` bit flags (bit 0 unused … bit 8 aACompromise); `None` means all.
    pub reasons: Option<u16>,
    /// The `cRLIssuer` names, when the CRL is indirect.
    pub crl_issuer: Option<Vec<GeneralName>>,
}

/// A nameConstraints subtree set (RFC 5280 §4.2.1.10).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameConstraints {
    /// `permittedSubtrees`; `None` when absent.
    pub permitted: Option<Vec<GeneralName>>,
    /// `excludedSubtrees`.
    pub excluded: Vec<GeneralName>,
}

/// A parsed certificate.
#[derive(Debug, Clone)]
pub struct Certificate {
    der: Vec<u8>,
    tbs: Vec<u8>,
    /// The outer signatureAlgorithm, or why samad cannot check it.
    pub(crate) signature_algorithm: Result<SignatureAlgorithm, AlgorithmError>,
    /// True when the TBS `signature` field differs from the outer algorithm (§4.1.1.2).
    pub(crate) algorithm_mismatch: bool,
    pub(crate) signature: Vec<u8>,
    /// X.509 version: 1, 2 or 3.
    pub version: u32,
    /// The serial number's content octets (two's complement, big-endian).
    pub serial: Vec<u8>,
    /// The issuer name.
    pub issuer: DistinguishedName,
    /// The subject name.
    pub subject: DistinguishedName,
    /// Start of the validity period.
    pub not_before: OffsetDateTime,
    /// End of the validity period.
    pub not_after: OffsetDateTime,
    pub(crate) spki: Vec<u8>,
    /// basicConstraints: `(cA, pathLenConstraint)`, `None` when absent.
    pub basic_constraints: Option<(bool, Option<u32>)>,
    /// keyUsage, `None` when absent.
    pub key_usage: Option<KeyUsage>,
    /// extendedKeyUsage, `None` when absent.
    pub extended_key_usage: Option<ExtendedKeyUsage>,
    /// subjectKeyIdentifier.
    pub subject_key_id: Option<Vec<u8>>,
    /// The keyIdentifier of authorityKeyIdentifier.
    pub authority_key_id: Option<Vec<u8>>,
    /// subjectAltName entries.
    pub subject_alt_names: Vec<GeneralName>,
    /// nameConstraints.
    pub name_constraints: Option<NameConstraints>,
    /// cRLDistributionPoints.
    pub crl_distribution_points: Vec<DistributionPoint>,
    /// OCSP responder URIs from authorityInfoAccess (RFC 5280 §4.2.2.1).
    pub ocsp_urls: Vec<String>,
    /// True when id-pkix-ocsp-nocheck is present (RFC 6960 §4.2.2.2.1).
    pub ocsp_no_check: bool,
    /// certificatePolicies policy OIDs, dotted; `None` when absent.
    pub certificate_policies: Option<Vec<String>>,
    /// policyMappings as (issuerDomainPolicy, subjectDomainPolicy), dotted.
    pub policy_mappings: Vec<(String, String)>,
    /// policyConstraints requireExplicitPolicy.
    pub require_explicit_policy: Option<u32>,
    /// policyConstraints inhibitPolicyMapping.
    pub inhibit_policy_mapping: Option<u32>,
    /// inhibitAnyPolicy SkipCerts.
    pub inhibit_any_policy: Option<u32>,
    /// Critical extensions samad does not process (RFC 5280 §4.2: such a certificate
    /// must be rejected).
    pub unknown_critical_extensions: Vec<String>,
}

/// Extensions that may be critical and are understood.
const KNOWN_CRITICAL: &[&str] = &[
    "2.5.29.15", // keyUsage
    "2.5.29.17", // subjectAltName
    "2.5.29.18", // issuerAltName
    "2.5.29.19", // basicConstraints
    "2.5.29.30", // nameConstraints
    "2.5.29.31", // cRLDistributionPoints
    "2.5.29.32", // certificatePolicies
    "2.5.29.33", // policyMappings
    "2.5.29.36", // policyConstraints
    "2.5.29.37", // extKeyUsage
    "2.5.29.54", // inhibitAnyPolicy
    "2.5.29.14", // subjectKeyIdentifier
    "2.5.29.35", // authorityKeyIdentifier
];

const OCSP_NO_CHECK: &str = "1.3.6.1.5.5.7.48.1.5";

impl Certificate {
    /// Parse one DER certificate; trailing bytes are an error.
    pub fn from_der(der: &[u8]) -> Result<Certificate, PathError> {
        let bad = |detail: String| PathError::BadCertificate { detail };
        if der.len() > MAX_CERTIFICATE_LEN {
            return Err(bad(format!(
                "{} bytes is larger than the {MAX_CERTIFICATE_LEN}-byte limit",
                der.len()
            )));
        }
        let (rest, cert) = X509Certificate::from_der(der)
            .map_err(|e| bad(format!("not a DER certificate: {e}")))?;
        if !rest.is_empty() {
            return Err(bad(format!("{} bytes of trailing data", rest.len())));
        }
        Certificate::from_parsed(der, &cert)
    }

    fn from_parsed(der: &[u8], cert: &X509Certificate<'_>) -> Result<Certificate, PathError> {
        let bad = |detail: String| PathError::BadCertificate { detail };
        let outer = algorithm_der(&cert.signature_algorithm);
        let inner = algorithm_der(&cert.tbs_certificate.signature);
        let signature_algorithm = match &outer {
            Some(d) => SignatureAlgorithm::from_algorithm_identifier_der(d),
            None => Err(AlgorithmError::Malformed {
                what: "signatureAlgorithm",
                detail: "cannot re-encode".into(),
            }),
        };
        let time = |t: x509_parser::time::ASN1Time| {
            OffsetDateTime::from_unix_timestamp(t.timestamp())
                .map_err(|_| bad("a validity date is out of range".into()))
        };
        let validity = cert.validity();
        let mut out = Certificate {
            der: der.to_vec(),
            tbs: cert.tbs_certificate.as_ref().to_vec(),
            signature_algorithm,
            algorithm_mismatch: outer != inner,
            signature: cert.signature_value.data.to_vec(),
            version: cert.version().0 + 1,
            serial: cert.raw_serial().to_vec(),
            issuer: DistinguishedName::from_x509(cert.issuer()),
            subject: DistinguishedName::from_x509(cert.subject()),
            not_before: time(validity.not_before)?,
            not_after: time(validity.not_after)?,
            spki: cert.public_key().raw.to_vec(),
            basic_constraints: None,
            key_usage: None,
            extended_key_usage: None,
            subject_key_id: None,
            authority_key_id: None,
            subject_alt_names: Vec::new(),
            name_constraints: None,
            crl_distribution_points: Vec::new(),
            ocsp_urls: Vec::new(),
            ocsp_no_check: false,
            certificate_policies: None,
            policy_mappings: Vec::new(),
            require_explicit_policy: None,
            inhibit_policy_mapping: None,
            inhibit_any_policy: None,
            unknown_critical_extensions: Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for ext in cert.extensions() {
            let oid = ext.oid.to_id_string();
            if !seen.insert(oid.clone()) {
                return Err(bad(format!(
                    "extension {oid} appears twice (RFC 5280 §4.2)"
                )));
            }
            out.apply_extension(ext, &oid)?;
        }
        Ok(out)
    }

    fn apply_extension(&mut self, ext: &X509Extension<'_>, oid: &str) -> Result<(), PathError> {
        let unreadable = || PathError::BadCertificate {
            detail: format!("extension {oid} cannot be read"),
        };
        match ext.parsed_extension() {
            ParsedExtension::BasicConstraints(bc) => {
                self.basic_constraints = Some((bc.ca, bc.path_len_constraint))
            }
            ParsedExtension::KeyUsage(ku) => {
                self.key_usage = Some(KeyUsage {
                    digital_signature: ku.digital_signature(),
                    non_repudiation: ku.non_repudiation(),
                    key_cert_sign: ku.key_cert_sign(),
                    crl_sign: ku.crl_sign(),
                })
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                self.extended_key_usage = Some(ExtendedKeyUsage {
                    any: eku.any,
                    time_stamping: eku.time_stamping,
                    ocsp_signing: eku.ocsp_signing,
                    email_protection: eku.email_protection,
                    other: eku.other.iter().map(|o| o.to_id_string()).collect(),
                })
            }
            ParsedExtension::SubjectKeyIdentifier(id) => self.subject_key_id = Some(id.0.to_vec()),
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                self.authority_key_id = aki.key_identifier.as_ref().map(|k| k.0.to_vec())
            }
            ParsedExtension::SubjectAlternativeName(san) => {
                self.subject_alt_names = general_names(&san.general_names).ok_or_else(unreadable)?
            }
            ParsedExtension::NameConstraints(nc) => {
                let subtrees = |s: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                    s.as_ref().map(|v| {
                        v.iter()
                            .map(|t| GeneralName::from_x509(&t.base))
                            .collect::<Option<Vec<_>>>()
                    })
                };
                let permitted = match subtrees(&nc.permitted_subtrees) {
                    Some(None) => return Err(unreadable()),
                    Some(Some(v)) => Some(v),
                    None => None,
                };
                let excluded = match subtrees(&nc.excluded_subtrees) {
                    Some(None) => return Err(unreadable()),
                    Some(Some(v)) => v,
                    None => Vec::new(),
                };
                self.name_constraints = Some(NameConstraints {
                    permitted,
                    excluded,
                })
            }
            // Read with x509-cert: x509-parser 0.18 drops a nameRelativeToCRLIssuer.
            ParsedExtension::CRLDistributionPoints(_) => {
                let points = x509_cert::ext::pkix::CrlDistributionPoints::from_der(ext.value)
                    .map_err(|_| unreadable())?;
                for p in &points.0 {
                    let crl_issuer = match &p.crl_issuer {
                        Some(names) => Some(
                            names
                                .iter()
                                .map(name::general_name_from_x509_cert)
                                .collect::<Option<Vec<_>>>()
                                .ok_or_else(unreadable)?,
                        ),
                        None => None,
                    };
                    // A relative name is relative to the CRL issuer: cRLIssuer when
                    // present, else the certificate's issuer.
                    let base = crl_issuer
                        .iter()
                        .flatten()
                        .find_map(|n| match n {
                            GeneralName::Directory(d) => Some(d.clone()),
                            _ => None,
                        })
                        .unwrap_or_else(|| self.issuer.clone());
                    let full_names = match &p.distribution_point {
                        Some(dpn) => {
                            name::distribution_point_names(dpn, &base).ok_or_else(unreadable)?
                        }
                        None => Vec::new(),
                    };
                    self.crl_distribution_points.push(DistributionPoint {
                        full_names,
                        reasons: p.reasons.map(|r| r.bits()),
                        crl_issuer,
                    });
                }
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for desc in &aia.accessdescs {
                    if desc.access_method.to_id_string() == "1.3.6.1.5.5.7.48.1"
                        && let x509_parser::extensions::GeneralName::URI(u) = desc.access_location
                    {
                        self.ocsp_urls.push(u.to_owned());
                    }
                }
            }
            ParsedExtension::CertificatePolicies(policies) => {
                self.certificate_policies = Some(
                    policies
                        .iter()
                        .map(|p| p.policy_id.to_id_string())
                        .collect(),
                )
            }
            ParsedExtension::PolicyMappings(m) => {
                self.policy_mappings = m
                    .mappings
                    .iter()
                    .map(|m| {
                        (
                            m.issuer_domain_policy.to_id_string(),
                            m.subject_domain_policy.to_id_string(),
                        )
                    })
                    .collect()
            }
            ParsedExtension::PolicyConstraints(pc) => {
                self.require_explicit_policy = pc.require_explicit_policy;
                self.inhibit_policy_mapping = pc.inhibit_policy_mapping;
            }
            ParsedExtension::InhibitAnyPolicy(i) => self.inhibit_any_policy = Some(i.skip_certs),
            ParsedExtension::ParseError { .. } if ext.critical => return Err(unreadable()),
            _ => {}
        }
        if oid == OCSP_NO_CHECK {
            self.ocsp_no_check = true;
        }
        if ext.critical && !KNOWN_CRITICAL.contains(&oid) {
            self.unknown_critical_extensions.push(oid.to_owned());
        }
        Ok(())
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The DER SubjectPublicKeyInfo.
    pub fn public_key_info(&self) -> &[u8] {
        &self.spki
    }

    /// The DER TBSCertificate (what the issuer signed).
    pub fn tbs(&self) -> &[u8] {
        &self.tbs
    }

    /// The serial number in upper-case hex, as `openssl` prints it.
    pub fn serial_hex(&self) -> String {
        hex(&self.serial)
    }

    /// True when issuer and subject are the same name (RFC 5280 §6.1: "self-issued").
    pub fn is_self_issued(&self) -> bool {
        self.issuer == self.subject
    }

    /// True when basicConstraints says cA.
    pub fn is_ca(&self) -> bool {
        matches!(self.basic_constraints, Some((true, _)))
    }

    /// Check that `issuer_spki` signed this certificate.
    pub fn verify_signed_by(&self, issuer_spki: &[u8]) -> Result<(), AlgorithmError> {
        let alg = self.signature_algorithm.clone()?;
        alg.verify(issuer_spki, &self.tbs, &self.signature)
    }

    /// True when `valid_at` is within [notBefore, notAfter] (both inclusive, §4.1.2.5).
    pub fn is_valid_at(&self, valid_at: OffsetDateTime) -> bool {
        self.not_before <= valid_at && valid_at <= self.not_after
    }
}

/// Parse every certificate of a PEM bundle (`CERTIFICATE` blocks; other blocks skipped) or,
/// when the input does not look like PEM, one DER certificate.
pub fn parse_pem_or_der(input: &[u8]) -> Result<Vec<Certificate>, PathError> {
    if input.trim_ascii().is_empty() {
        return Ok(Vec::new());
    }
    if !input.starts_with(b"-----") && !input.trim_ascii_start().starts_with(b"-----BEGIN") {
        return Ok(vec![Certificate::from_der(input)?]);
    }
    let mut out = Vec::new();
    for (index, pem) in x509_parser::pem::Pem::iter_from_buffer(input).enumerate() {
        let pem = pem.map_err(|e| PathError::BadPem {
            index,
            detail: e.to_string(),
        })?;
        if pem.label == "CERTIFICATE" {
            out.push(Certificate::from_der(&pem.contents).map_err(|e| match e {
                PathError::BadCertificate { detail } => PathError::BadPem { index, detail },
                other => other,
            })?);
        }
    }
    Ok(out)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn general_names(names: &[x509_parser::extensions::GeneralName<'_>]) -> Option<Vec<GeneralName>> {
    names.iter().map(GeneralName::from_x509).collect()
}

/// Re-encode an x509-parser AlgorithmIdentifier to DER for [`SignatureAlgorithm`].
pub(crate) fn algorithm_der(id: &x509_parser::x509::AlgorithmIdentifier<'_>) -> Option<Vec<u8>> {
    let oid = der::asn1::ObjectIdentifier::from_bytes(id.algorithm.as_bytes()).ok()?;
    let parameters = match &id.parameters {
        Some(any) => {
            let bytes = any.to_der_vec().ok()?;
            Some(der::Decode::from_der(&bytes).ok()?)
        }
        None => None,
    };
    der::Encode::to_der(&spki::AlgorithmIdentifierOwned { oid, parameters }).ok()
}
