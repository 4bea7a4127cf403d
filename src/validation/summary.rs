//! How certificates appear in the report: [`CertificateSummary`] and [`SignerSummary`]
//! (the natural person's national code and the legal person's legal-entity ID read from the
//! subject as `spec/pki-demo.md` §3 writes them).

use der::Decode;
use der::asn1::{PrintableStringRef, Utf8StringRef};
use x509_cert::name::Name;

use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::cert::{Certificate, DistinguishedName};
use crate::validation::report::{CertificateSummary, SignerSummary};

/// `commonName`.
const CN: &str = "2.5.4.3";
/// `serialNumber` (of the subject, not the certificate).
const SERIAL_NUMBER: &str = "2.5.4.5";
/// `organizationIdentifier`.
const ORGANIZATION_IDENTIFIER: &str = "2.5.4.97";

/// The report's view of `cert`.
pub(crate) fn certificate(cert: &Certificate) -> CertificateSummary {
    CertificateSummary {
        subject: cert.subject.to_string(),
        issuer: cert.issuer.to_string(),
        serial: cert.serial_hex(),
        not_before: cert.not_before,
        not_after: cert.not_after,
        sha256: hex(&DigestAlgorithm::Sha256.digest(cert.der())),
    }
}

/// The report's view of the signer.
pub(crate) fn signer(cert: &Certificate) -> SignerSummary {
    let national_code = attribute(&cert.subject, SERIAL_NUMBER)
        .and_then(|v| v.strip_prefix("PNOIR-").map(str::to_owned));
    let legal_entity_id = attribute(&cert.subject, ORGANIZATION_IDENTIFIER)
        .and_then(|v| v.strip_prefix("NTRIR-").map(str::to_owned));
    SignerSummary {
        certificate: certificate(cert),
        common_name: attribute(&cert.subject, CN),
        national_code,
        legal_entity_id,
    }
}

/// The first value of the attribute `oid` in `name`, when it is a UTF-8 or printable string.
fn attribute(name: &DistinguishedName, oid: &str) -> Option<String> {
    let name = Name::from_der(name.der()).ok()?;
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid.to_string() == oid)
        .find_map(|atv| {
            Utf8StringRef::try_from(&atv.value)
                .map(|s| s.as_str().to_owned())
                .or_else(|_| {
                    PrintableStringRef::try_from(&atv.value).map(|s| s.as_str().to_owned())
                })
                .ok()
        })
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
