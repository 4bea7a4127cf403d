//! Making the demo PKI's certificates and CRLs with `rcgen`.

use der::Encode;
use der::asn1::{Ia5String, ObjectIdentifier};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CrlDistributionPoint,
    CustomExtension, DistinguishedName, DnType, DnValue, IsCa, Issuer, KeyIdMethod, KeyPair,
    KeyUsagePurpose, RevokedCertParams, SerialNumber,
};
use ring::rand::{SecureRandom, SystemRandom};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AccessDescription, AuthorityInfoAccessSyntax, ExtendedKeyUsage};

use super::{
    DEMO_BASE_URL, DemoCrl, DemoIdentity, DemoPkiError, legal_entity_organization_identifier,
    national_code_serial,
};
use crate::ids::{LegalEntityId, NationalCode};

const OID_SERIAL_NUMBER: &[u64] = &[2, 5, 4, 5];
const OID_ORGANIZATION_IDENTIFIER: &[u64] = &[2, 5, 4, 97];
const OID_EXTENDED_KEY_USAGE: &[u64] = &[2, 5, 29, 37];
const OID_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
const OID_OCSP_NO_CHECK: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 1, 5];
const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
const ID_KP_OCSP_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.9");
const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");

/// A CA while the PKI is being made: its rcgen issuer, its identity and what it revoked.
pub(super) struct Authority {
    issuer: Issuer<'static, KeyPair>,
    pub(super) identity: DemoIdentity,
    pub(super) revoked: Vec<RevokedCertParams>,
}

/// What kind of leaf a certificate is, which decides its key usages and extensions.
pub(super) enum Leaf<'a> {
    /// A university official: national code in the subject serialNumber.
    NaturalPerson { code: &'a NationalCode },
    /// An organizational seal: legal-entity ID in organizationIdentifier.
    LegalPerson { legal_id: &'a LegalEntityId },
    /// A TSA: EKU timeStamping, critical (RFC 3161 §2.3).
    TimeStamping,
    /// A delegated OCSP responder: EKU OCSPSigning (RFC 6960 §4.2.2.2) and id-pkix-ocsp-nocheck.
    OcspSigning,
}

pub(super) fn make_root(
    start: OffsetDateTime,
    random: &SystemRandom,
) -> Result<Authority, DemoPkiError> {
    let key = new_key("root-ca")?;
    let serial = random_serial(random)?;
    let mut params = base_params("Samad Demo Root CA", start, 20, &serial)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(2));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let certificate = params
        .self_signed(&key)
        .map_err(|e| DemoPkiError::generate("root-ca certificate", e))?;
    let identity = DemoIdentity {
        name: "root-ca",
        certificate: certificate.der().to_vec(),
        private_key: key.serialize_der(),
        issuers: Vec::new(),
    };
    Ok(Authority {
        issuer: Issuer::new(params, key),
        identity,
        revoked: Vec::new(),
    })
}

pub(super) fn make_ca(
    parent: &Authority,
    name: &'static str,
    common_name: &str,
    path_len: u8,
    start: OffsetDateTime,
    random: &SystemRandom,
) -> Result<Authority, DemoPkiError> {
    let key = new_key(name)?;
    let serial = random_serial(random)?;
    let mut params = base_params(common_name, start, 10, &serial)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(path_len));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    add_distribution_points(&mut params, parent.identity.name)?;
    let certificate = params
        .signed_by(&key, &parent.issuer)
        .map_err(|e| DemoPkiError::generate(name, e))?;
    let mut issuers = vec![parent.identity.certificate.clone()];
    issuers.extend(parent.identity.issuers.iter().cloned());
    let identity = DemoIdentity {
        name,
        certificate: certificate.der().to_vec(),
        private_key: key.serialize_der(),
        issuers,
    };
    Ok(Authority {
        issuer: Issuer::new(params, key),
        identity,
        revoked: Vec::new(),
    })
}

/// Makes a leaf certificate; returns it with its serial number (for revocation).
pub(super) fn make_leaf(
    parent: &Authority,
    name: &'static str,
    common_name: &str,
    kind: Leaf<'_>,
    start: OffsetDateTime,
    random: &SystemRandom,
) -> Result<(DemoIdentity, Vec<u8>), DemoPkiError> {
    let key = new_key(name)?;
    let serial = random_serial(random)?;
    let mut params = base_params(common_name, start, 3, &serial)?;
    params.is_ca = IsCa::ExplicitNoCa;
    add_distribution_points(&mut params, parent.identity.name)?;
    match kind {
        Leaf::NaturalPerson { code } => {
            let serial_number = national_code_serial(code)
                .parse()
                .map_err(|e| DemoPkiError::generate(name, e))?;
            params.distinguished_name.push(
                DnType::CustomDnType(OID_SERIAL_NUMBER.to_vec()),
                DnValue::PrintableString(serial_number),
            );
            params.distinguished_name.push(
                DnType::OrganizationName,
                "University of Tehran (Samad demo)",
            );
            params.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ];
        }
        Leaf::LegalPerson { legal_id } => {
            params.distinguished_name.push(
                DnType::CustomDnType(OID_ORGANIZATION_IDENTIFIER.to_vec()),
                legal_entity_organization_identifier(legal_id),
            );
            params.distinguished_name.push(
                DnType::OrganizationName,
                "Ministry of Science, Research and Technology",
            );
            params.key_usages = vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ];
        }
        Leaf::TimeStamping => {
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            // rcgen marks EKU non-critical; RFC 3161 §2.3 requires it critical.
            let eku = ExtendedKeyUsage(vec![ID_KP_TIME_STAMPING])
                .to_der()
                .map_err(|e| DemoPkiError::generate(name, e))?;
            let mut extension = CustomExtension::from_oid_content(OID_EXTENDED_KEY_USAGE, eku);
            extension.set_criticality(true);
            params.custom_extensions.push(extension);
        }
        Leaf::OcspSigning => {
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
            let eku = ExtendedKeyUsage(vec![ID_KP_OCSP_SIGNING])
                .to_der()
                .map_err(|e| DemoPkiError::generate(name, e))?;
            params
                .custom_extensions
                .push(CustomExtension::from_oid_content(
                    OID_EXTENDED_KEY_USAGE,
                    eku,
                ));
            // RFC 6960 §4.2.2.2.1: clients need not check the responder's own status.
            let no_check = der::asn1::Null
                .to_der()
                .map_err(|e| DemoPkiError::generate(name, e))?;
            params
                .custom_extensions
                .push(CustomExtension::from_oid_content(
                    OID_OCSP_NO_CHECK,
                    no_check,
                ));
        }
    }
    let certificate = params
        .signed_by(&key, &parent.issuer)
        .map_err(|e| DemoPkiError::generate(name, e))?;
    let mut issuers = vec![parent.identity.certificate.clone()];
    issuers.extend(parent.identity.issuers.iter().cloned());
    let identity = DemoIdentity {
        name,
        certificate: certificate.der().to_vec(),
        private_key: key.serialize_der(),
        issuers,
    };
    Ok((identity, serial))
}

pub(super) fn make_crl(
    authority: &Authority,
    number: u64,
    start: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<DemoCrl, DemoPkiError> {
    let params = CertificateRevocationListParams {
        this_update: start,
        next_update: now + Duration::days(30),
        crl_number: SerialNumber::from(number),
        issuing_distribution_point: None,
        revoked_certs: authority.revoked.clone(),
        key_identifier_method: KeyIdMethod::Sha256,
    };
    let crl = params
        .signed_by(&authority.issuer)
        .map_err(|e| DemoPkiError::generate(authority.identity.name, e))?;
    Ok(DemoCrl {
        issuer: authority.identity.name,
        der: crl.der().to_vec(),
    })
}

pub(super) fn pem(label: &str, der: &[u8]) -> Vec<u8> {
    // Encoding fails only for a bad label; ours are constants, so an error yields an empty
    // file that every reader rejects, never a panic.
    der::pem::encode_string(label, der::pem::LineEnding::LF, der)
        .unwrap_or_default()
        .into_bytes()
}

fn new_key(name: &str) -> Result<KeyPair, DemoPkiError> {
    KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| DemoPkiError::generate(name, e))
}

fn random_serial(random: &SystemRandom) -> Result<Vec<u8>, DemoPkiError> {
    let mut serial = [0u8; 16];
    random
        .fill(&mut serial)
        .map_err(|_| DemoPkiError::generate("serial number", "no system randomness"))?;
    // Positive and non-zero, as RFC 5280 §4.1.2.2 requires.
    serial[0] = (serial[0] & 0x7f) | 0x01;
    Ok(serial.to_vec())
}

fn base_params(
    common_name: &str,
    start: OffsetDateTime,
    years: i64,
    serial: &[u8],
) -> Result<CertificateParams, DemoPkiError> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    let country = "IR"
        .parse()
        .map_err(|e| DemoPkiError::generate(common_name, e))?;
    dn.push(DnType::CountryName, DnValue::PrintableString(country));
    dn.push(DnType::CommonName, common_name);
    params.distinguished_name = dn;
    params.not_before = start;
    params.not_after = start + Duration::days(365 * years);
    params.serial_number = Some(SerialNumber::from_slice(serial));
    params.use_authority_key_identifier_extension = true;
    params.key_identifier_method = KeyIdMethod::Sha256;
    Ok(params)
}

/// CRL distribution point of the issuer and the OCSP URL in authority information access.
fn add_distribution_points(
    params: &mut CertificateParams,
    issuer: &str,
) -> Result<(), DemoPkiError> {
    params.crl_distribution_points = vec![CrlDistributionPoint {
        uris: vec![format!("{DEMO_BASE_URL}/crl/{issuer}.crl")],
    }];
    let url = Ia5String::new(&format!("{DEMO_BASE_URL}/ocsp"))
        .map_err(|e| DemoPkiError::generate(issuer, e))?;
    let aia = AuthorityInfoAccessSyntax(vec![AccessDescription {
        access_method: ID_AD_OCSP,
        access_location: GeneralName::UniformResourceIdentifier(url),
    }])
    .to_der()
    .map_err(|e| DemoPkiError::generate(issuer, e))?;
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(
            OID_AUTHORITY_INFO_ACCESS,
            aia,
        ));
    Ok(())
}
