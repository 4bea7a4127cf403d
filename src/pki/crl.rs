//! Certificate revocation lists (RFC 5280 §5), parsed once with `x509-parser`.
//!
//! ```text
//! CertificateList  ::=  SEQUENCE  {
//!      tbsCertList          TBSCertList,
//!      signatureAlgorithm   AlgorithmIdentifier,
//!      signatureValue       BIT STRING  }
//! ```
//!
//! Complete CRLs, direct and indirect (§5.2.5 indirectCRL with certificateIssuer entries),
//! and delta CRLs (§5.2.4) applied on top of a complete CRL they extend.

use der::Decode;
use time::OffsetDateTime;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;
use x509_parser::revocation_list::CertificateRevocationList;

use crate::pki::algorithm::{AlgorithmError, SignatureAlgorithm};
use crate::pki::cert::{DistinguishedName, GeneralName, algorithm_der, distribution_point_names};
use crate::pki::revocation::{RevocationError, RevocationReason};

/// CRLs larger than this are refused before parsing.
pub const MAX_CRL_LEN: usize = 16 * 1024 * 1024;

/// CRL extensions samad understands when critical (§5.2).
const KNOWN_CRITICAL: &[&str] = &[
    "2.5.29.20", // cRLNumber
    "2.5.29.27", // deltaCRLIndicator
    "2.5.29.28", // issuingDistributionPoint
    "2.5.29.35", // authorityKeyIdentifier
    "2.5.29.18", // issuerAltName
    "2.5.29.46", // freshestCRL
];

/// `id-ce-certificateIssuer` (§5.3.3).
const CERTIFICATE_ISSUER: &str = "2.5.29.29";

/// The directory name of a certificateIssuer extension value (GeneralNames).
fn certificate_issuer(value: &[u8]) -> Option<DistinguishedName> {
    let names = x509_cert::ext::pkix::name::GeneralNames::from_der(value).ok()?;
    names.iter().find_map(
        |n| match crate::pki::cert::general_name_from_x509_cert(n)? {
            GeneralName::Directory(d) => Some(d),
            _ => None,
        },
    )
}

/// A cRLNumber or BaseCRLNumber value, big-endian without leading zeros (so that longer
/// means larger).
fn crl_integer(value: &[u8]) -> Option<Vec<u8>> {
    let n = der::asn1::Uint::from_der(value).ok()?;
    let bytes = n.as_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(first..).map(<[u8]>::to_vec)
}

/// True when the CRL number `a` ≥ `b` (both from [`crl_integer`]).
pub(crate) fn number_at_least(a: &[u8], b: &[u8]) -> bool {
    (a.len(), a) >= (b.len(), b)
}

/// CRL entry extensions samad understands when critical (§5.3).
const KNOWN_ENTRY_CRITICAL: &[&str] = &[
    "2.5.29.21", // reasonCode
    "2.5.29.24", // invalidityDate
    "2.5.29.29", // certificateIssuer
];

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrlEntry {
    /// The serial number's content octets.
    pub serial: Vec<u8>,
    /// `revocationDate`.
    pub revocation_date: OffsetDateTime,
    /// `reasonCode`, when present.
    pub reason: Option<RevocationReason>,
    /// A critical entry extension samad does not process (the entry cannot be trusted).
    pub unknown_critical_extension: Option<String>,
    /// The issuer of the revoked certificate: the CRL issuer unless a certificateIssuer
    /// entry extension (here or on an earlier entry) names another (§5.3.3, indirect CRLs).
    pub certificate_issuer: DistinguishedName,
}

/// The issuingDistributionPoint extension (§5.2.5).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssuingDistributionPoint {
    /// `distributionPoint` names (a nameRelativeToCRLIssuer made absolute); `None` when
    /// absent.
    pub full_names: Option<Vec<GeneralName>>,
    /// `onlyContainsUserCerts`.
    pub only_user_certs: bool,
    /// `onlyContainsCACerts`.
    pub only_ca_certs: bool,
    /// `onlySomeReasons` bit flags.
    pub only_some_reasons: Option<u16>,
    /// `indirectCRL`.
    pub indirect: bool,
    /// `onlyContainsAttributeCerts`.
    pub only_attribute_certs: bool,
}

/// A parsed CRL.
#[derive(Debug, Clone)]
pub struct Crl {
    der: Vec<u8>,
    tbs: Vec<u8>,
    signature_algorithm: Result<SignatureAlgorithm, AlgorithmError>,
    algorithm_mismatch: bool,
    signature: Vec<u8>,
    /// The CRL issuer.
    pub issuer: DistinguishedName,
    /// `thisUpdate`.
    pub this_update: OffsetDateTime,
    /// `nextUpdate`.
    pub next_update: Option<OffsetDateTime>,
    /// The revoked certificates.
    pub entries: Vec<CrlEntry>,
    /// issuingDistributionPoint.
    pub issuing_distribution_point: Option<IssuingDistributionPoint>,
    /// True for a delta CRL (deltaCRLIndicator present).
    pub is_delta: bool,
    /// cRLNumber (§5.2.3), big-endian without leading zeros.
    pub crl_number: Option<Vec<u8>>,
    /// A delta CRL's BaseCRLNumber (§5.2.4), big-endian without leading zeros.
    pub base_crl_number: Option<Vec<u8>>,
    /// A critical CRL extension samad does not process.
    pub unknown_critical_extension: Option<String>,
}

impl Crl {
    /// Parse one DER CRL; trailing bytes are an error.
    pub fn from_der(der: &[u8]) -> Result<Crl, RevocationError> {
        let bad = |detail: String| RevocationError::BadCrl { detail };
        if der.len() > MAX_CRL_LEN {
            return Err(bad(format!(
                "{} bytes is over the {MAX_CRL_LEN}-byte limit",
                der.len()
            )));
        }
        let (rest, crl) = CertificateRevocationList::from_der(der)
            .map_err(|e| bad(format!("not a DER CRL: {e}")))?;
        if !rest.is_empty() {
            return Err(bad(format!("{} bytes of trailing data", rest.len())));
        }
        let time = |t: x509_parser::time::ASN1Time| {
            OffsetDateTime::from_unix_timestamp(t.timestamp())
                .map_err(|_| bad("a date is out of range".into()))
        };
        let outer = algorithm_der(&crl.signature_algorithm);
        let inner = algorithm_der(&crl.tbs_cert_list.signature);
        let mut out = Crl {
            der: der.to_vec(),
            tbs: crl.tbs_cert_list.as_ref().to_vec(),
            signature_algorithm: match &outer {
                Some(d) => SignatureAlgorithm::from_algorithm_identifier_der(d),
                None => Err(AlgorithmError::Malformed {
                    what: "signatureAlgorithm",
                    detail: "cannot re-encode".into(),
                }),
            },
            algorithm_mismatch: outer != inner,
            signature: crl.signature_value.data.to_vec(),
            issuer: DistinguishedName::from_x509(crl.issuer()),
            this_update: time(crl.last_update())?,
            next_update: crl.next_update().map(time).transpose()?,
            entries: Vec::new(),
            issuing_distribution_point: None,
            is_delta: false,
            crl_number: None,
            base_crl_number: None,
            unknown_critical_extension: None,
        };
        let mut current_issuer = out.issuer.clone();
        for entry in crl.iter_revoked_certificates() {
            for ext in entry.extensions() {
                if ext.oid.to_id_string() == CERTIFICATE_ISSUER {
                    current_issuer = certificate_issuer(ext.value).ok_or_else(|| {
                        bad("an entry's certificateIssuer names no directory name".into())
                    })?;
                }
            }
            let unknown = entry
                .extensions()
                .iter()
                .map(|e| e.oid.to_id_string())
                .zip(entry.extensions().iter().map(|e| e.critical))
                .find(|(oid, critical)| *critical && !KNOWN_ENTRY_CRITICAL.contains(&oid.as_str()))
                .map(|(oid, _)| oid);
            out.entries.push(CrlEntry {
                serial: entry.raw_serial().to_vec(),
                revocation_date: time(entry.revocation_date)?,
                reason: entry
                    .reason_code()
                    .map(|(_, code)| RevocationReason::from_code(code.0)),
                unknown_critical_extension: unknown,
                certificate_issuer: current_issuer.clone(),
            });
        }
        for ext in crl.extensions() {
            let oid = ext.oid.to_id_string();
            match ext.parsed_extension() {
                // Read with x509-cert: x509-parser 0.18 drops a nameRelativeToCRLIssuer.
                ParsedExtension::IssuingDistributionPoint(_) => {
                    let idp = x509_cert::ext::pkix::crl::dp::IssuingDistributionPoint::from_der(
                        ext.value,
                    )
                    .map_err(|e| bad(format!("issuingDistributionPoint: {e}")))?;
                    let full_names = match &idp.distribution_point {
                        Some(dpn) => Some(
                            distribution_point_names(dpn, &out.issuer)
                                .ok_or_else(|| bad("unreadable distribution point".into()))?,
                        ),
                        None => None,
                    };
                    out.issuing_distribution_point = Some(IssuingDistributionPoint {
                        full_names,
                        only_user_certs: idp.only_contains_user_certs,
                        only_ca_certs: idp.only_contains_ca_certs,
                        only_some_reasons: idp.only_some_reasons.map(|r| r.bits()),
                        indirect: idp.indirect_crl,
                        only_attribute_certs: idp.only_contains_attribute_certs,
                    });
                }
                ParsedExtension::ParseError { .. } if ext.critical => {
                    return Err(bad(format!("critical extension {oid} cannot be read")));
                }
                _ => {}
            }
            if oid == "2.5.29.27" {
                out.is_delta = true;
                out.base_crl_number = Some(
                    crl_integer(ext.value)
                        .ok_or_else(|| bad("deltaCRLIndicator is not an INTEGER".into()))?,
                );
            }
            if oid == "2.5.29.20" {
                out.crl_number = Some(
                    crl_integer(ext.value)
                        .ok_or_else(|| bad("cRLNumber is not an INTEGER".into()))?,
                );
            }
            if ext.critical
                && !KNOWN_CRITICAL.contains(&oid.as_str())
                && out.unknown_critical_extension.is_none()
            {
                out.unknown_critical_extension = Some(oid);
            }
        }
        Ok(out)
    }

    /// Parse a PEM (`X509 CRL` blocks) or DER input into its CRLs.
    pub fn parse_pem_or_der(input: &[u8]) -> Result<Vec<Crl>, RevocationError> {
        if !input.trim_ascii_start().starts_with(b"-----BEGIN") {
            return Ok(vec![Crl::from_der(input)?]);
        }
        let mut out = Vec::new();
        for pem in x509_parser::pem::Pem::iter_from_buffer(input) {
            let pem = pem.map_err(|e| RevocationError::BadCrl {
                detail: format!("bad PEM: {e}"),
            })?;
            if pem.label == "X509 CRL" {
                out.push(Crl::from_der(&pem.contents)?);
            }
        }
        Ok(out)
    }

    /// The DER encoding.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Check that the key in `spki` signed this CRL.
    pub fn verify_signed_by(&self, spki: &[u8]) -> Result<(), AlgorithmError> {
        if self.algorithm_mismatch {
            return Err(AlgorithmError::Malformed {
                what: "CRL",
                detail: "the TBS signature algorithm differs from the outer one".into(),
            });
        }
        self.signature_algorithm
            .clone()?
            .verify(spki, &self.tbs, &self.signature)
    }

    /// The entry for the certificate `issuer` issued with `serial` (content octets), if
    /// revoked.
    pub fn entry(&self, issuer: &DistinguishedName, serial: &[u8]) -> Option<&CrlEntry> {
        self.entries
            .iter()
            .find(|e| e.serial == serial && &e.certificate_issuer == issuer)
    }

    /// Whether the CRL is usable at `at`: thisUpdate ≤ at ≤ nextUpdate (§6.3.3 a; a CRL
    /// without nextUpdate is not relied on, since §5.1.2.5 makes it mandatory).
    pub fn check_fresh(&self, at: OffsetDateTime) -> Result<(), RevocationError> {
        if at < self.this_update {
            return Err(RevocationError::CrlNotYetValid {
                issuer: self.issuer.to_string(),
                this_update: self.this_update,
                at,
            });
        }
        match self.next_update {
            Some(next) if at <= next => Ok(()),
            next_update => Err(RevocationError::CrlStale {
                issuer: self.issuer.to_string(),
                next_update,
                at,
            }),
        }
    }
}

#[cfg(test)]
mod tests;
