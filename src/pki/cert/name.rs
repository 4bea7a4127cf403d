//! Names as RFC 5280 compares them: distinguished names (§4.1.2.4, matched per §7.1 with
//! case folding and whitespace compression of string attributes) and the general names of
//! subjectAltName, name constraints and distribution points (§4.2.1.6).

use x509_parser::der_parser::asn1_rs::Tag;
use x509_parser::x509::{AttributeTypeAndValue, RelativeDistinguishedName, X509Name};

/// `emailAddress` (PKCS #9), which §4.2.1.10 subjects to rfc822Name constraints.
pub(crate) const EMAIL_ADDRESS_OID: &str = "1.2.840.113549.1.9.1";

/// One attribute value, prepared for comparison.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum AttributeValue {
    /// A directory string: case-folded, leading/trailing space removed, inner runs of
    /// spaces compressed to one (RFC 5280 §7.1, the RFC 4518 insignificant-space rule).
    Text(String),
    /// Any other value: its DER content octets.
    Raw(Vec<u8>),
}

/// A distinguished name: its DER and the form §7.1 compares.
#[derive(Debug, Clone)]
pub struct DistinguishedName {
    der: Vec<u8>,
    rdns: Vec<Vec<(String, AttributeValue)>>,
    display: String,
}

impl DistinguishedName {
    pub(crate) fn from_x509(name: &X509Name<'_>) -> DistinguishedName {
        let rdns = name.iter_rdn().map(prepare_rdn).collect();
        DistinguishedName {
            der: name.as_raw().to_vec(),
            rdns,
            display: name.to_string(),
        }
    }

    /// The DER encoding of the Name, as it appeared in the certificate.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// True for the empty sequence (allowed in a subject when subjectAltName is critical).
    pub fn is_empty(&self) -> bool {
        self.rdns.is_empty()
    }

    /// True when `self` is within the subtree rooted at `base` (RDN-wise prefix, §4.2.1.10).
    pub fn is_within(&self, base: &DistinguishedName) -> bool {
        base.rdns.len() <= self.rdns.len() && self.rdns.iter().zip(&base.rdns).all(|(a, b)| a == b)
    }

    /// The values of every `emailAddress` attribute.
    pub(crate) fn email_addresses(&self) -> Vec<String> {
        self.rdns
            .iter()
            .flatten()
            .filter(|(oid, _)| oid == EMAIL_ADDRESS_OID)
            .filter_map(|(_, v)| match v {
                AttributeValue::Text(s) => Some(s.clone()),
                AttributeValue::Raw(_) => None,
            })
            .collect()
    }
}

impl PartialEq for DistinguishedName {
    fn eq(&self, other: &DistinguishedName) -> bool {
        self.rdns == other.rdns
    }
}

impl Eq for DistinguishedName {}

impl std::fmt::Display for DistinguishedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.display.is_empty() {
            f.write_str("(empty name)")
        } else {
            f.write_str(&self.display)
        }
    }
}

fn prepare_rdn(rdn: &RelativeDistinguishedName<'_>) -> Vec<(String, AttributeValue)> {
    // A multi-valued RDN is a SET: compare it in a canonical order.
    let mut attrs: Vec<_> = rdn.iter().map(prepare_attribute).collect();
    attrs.sort();
    attrs
}

fn prepare_attribute(attr: &AttributeTypeAndValue<'_>) -> (String, AttributeValue) {
    let oid = attr.attr_type().to_id_string();
    let value = attr.attr_value();
    let text = match value.tag() {
        Tag::PrintableString | Tag::Utf8String | Tag::Ia5String | Tag::NumericString => {
            std::str::from_utf8(value.data).ok().map(str::to_owned)
        }
        Tag::BmpString => decode_bmp(value.data),
        _ => None,
    };
    let prepared = match text {
        Some(s) => AttributeValue::Text(fold(&s)),
        None => AttributeValue::Raw(value.data.to_vec()),
    };
    (oid, prepared)
}

fn decode_bmp(data: &[u8]) -> Option<String> {
    let units: Vec<u16> = data
        .chunks(2)
        .map(|c| match c {
            [hi, lo] => Some(u16::from_be_bytes([*hi, *lo])),
            _ => None,
        })
        .collect::<Option<_>>()?;
    String::from_utf16(&units).ok()
}

/// Case-fold and compress insignificant spaces.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A GeneralName (RFC 5280 §4.2.1.6), kept for the forms samad constrains and matches.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GeneralName {
    /// `rfc822Name`: an e-mail address (or, in a constraint, a host or domain).
    Email(String),
    /// `dNSName`.
    Dns(String),
    /// `uniformResourceIdentifier`.
    Uri(String),
    /// `directoryName`.
    Directory(DistinguishedName),
    /// `iPAddress`: 4 or 16 octets (in a constraint, address then mask).
    Ip(Vec<u8>),
    /// Any other form (otherName, x400Address, ediPartyName, registeredID).
    Other,
}

impl GeneralName {
    pub(crate) fn from_x509(
        name: &x509_parser::extensions::GeneralName<'_>,
    ) -> Option<GeneralName> {
        use x509_parser::extensions::GeneralName as G;
        Some(match name {
            G::RFC822Name(s) => GeneralName::Email((*s).to_owned()),
            G::DNSName(s) => GeneralName::Dns((*s).to_owned()),
            G::URI(s) => GeneralName::Uri((*s).to_owned()),
            G::DirectoryName(n) => GeneralName::Directory(DistinguishedName::from_x509(n)),
            G::IPAddress(b) => GeneralName::Ip(b.to_vec()),
            // A name the parser could not read must not silently pass a constraint check.
            G::Invalid(..) => return None,
            _ => GeneralName::Other,
        })
    }
}

impl DistinguishedName {
    /// Read a DER Name.
    pub(crate) fn from_der(der: &[u8]) -> Option<DistinguishedName> {
        use x509_parser::prelude::FromDer;
        match X509Name::from_der(der) {
            Ok(([], name)) => Some(DistinguishedName::from_x509(&name)),
            _ => None,
        }
    }

    /// This name with one more RDN appended: how a nameRelativeToCRLIssuer becomes a full
    /// name (RFC 5280 §4.2.1.13).
    pub(crate) fn with_rdn(
        &self,
        rdn: &x509_cert::name::RelativeDistinguishedName,
    ) -> Option<DistinguishedName> {
        use der::{Decode, Encode};
        let mut name = x509_cert::name::Name::from_der(&self.der).ok()?;
        name.0.push(rdn.clone());
        DistinguishedName::from_der(&name.to_der().ok()?)
    }
}

/// A GeneralName read with `x509-cert` (used where `x509-parser` drops information).
pub(crate) fn general_name_from_x509_cert(
    name: &x509_cert::ext::pkix::name::GeneralName,
) -> Option<GeneralName> {
    use der::Encode;
    use x509_cert::ext::pkix::name::GeneralName as G;
    Some(match name {
        G::Rfc822Name(s) => GeneralName::Email(s.to_string()),
        G::DnsName(s) => GeneralName::Dns(s.to_string()),
        G::UniformResourceIdentifier(s) => GeneralName::Uri(s.to_string()),
        G::DirectoryName(n) => {
            GeneralName::Directory(DistinguishedName::from_der(&n.to_der().ok()?)?)
        }
        G::IpAddress(o) => GeneralName::Ip(o.as_bytes().to_vec()),
        _ => GeneralName::Other,
    })
}

/// The names of a DistributionPointName: its fullName, or its nameRelativeToCRLIssuer
/// appended to `crl_issuer` (§4.2.1.13, §5.2.5).
pub(crate) fn distribution_point_names(
    name: &x509_cert::ext::pkix::name::DistributionPointName,
    crl_issuer: &DistinguishedName,
) -> Option<Vec<GeneralName>> {
    use x509_cert::ext::pkix::name::DistributionPointName as D;
    match name {
        D::FullName(names) => names.iter().map(general_name_from_x509_cert).collect(),
        D::NameRelativeToCRLIssuer(rdn) => {
            Some(vec![GeneralName::Directory(crl_issuer.with_rdn(rdn)?)])
        }
    }
}

#[cfg(test)]
mod tests;
