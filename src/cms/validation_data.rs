//! Validation data for B-LT (EN 319 122-1 clause 6; a PDF's DSS holds the same):
//! every certificate of the signer's and the TSAs' paths, and the CRLs and OCSP responses
//! path validation actually consulted, found by running [`PathValidator`] with a recording
//! wrapper around the caller's [`RevocationSource`].

use std::sync::{Arc, Mutex, PoisonError};

use super::{CmsError, LtSources, ValidationData};
use crate::pki::cert::Certificate;
use crate::pki::crl::Crl;
use crate::pki::path::{PathError, PathValidator, Purpose};
use crate::pki::revocation::{OcspExchange, RevocationError, RevocationSource};

/// A [`RevocationSource`] that remembers every CRL and OCSP response it handed out.
struct Recording<'a> {
    inner: &'a dyn RevocationSource,
    crls: Mutex<Vec<Arc<Crl>>>,
    ocsp: Mutex<Vec<Vec<u8>>>,
}

impl RevocationSource for Recording<'_> {
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError> {
        let crls = self.inner.crls(cert)?;
        let mut seen = self.crls.lock().unwrap_or_else(PoisonError::into_inner);
        for crl in &crls {
            if !seen.iter().any(|c| c.der() == crl.der()) {
                seen.push(Arc::clone(crl));
            }
        }
        Ok(crls)
    }

    fn ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<Vec<OcspExchange>, RevocationError> {
        let exchanges = self.inner.ocsp(cert, issuer)?;
        let mut seen = self.ocsp.lock().unwrap_or_else(PoisonError::into_inner);
        for exchange in &exchanges {
            if !seen.contains(&exchange.response) {
                seen.push(exchange.response.clone());
            }
        }
        Ok(exchanges)
    }
}

/// Validates the path of every given end-entity certificate (signer, TSA, …) at
/// `sources.at` with revocation, and returns every certificate on those paths (anchor
/// included), every CRL and OCSP response used, and the OCSP responders' and CRL issuers'
/// certificates with their own validation data. `extra_certificates` (DER) are offered to
/// path building as intermediates.
///
/// A path that does not validate is an error ([`CmsError::Path`]): B-LT evidence for a
/// signer who is revoked, or whose status is unknown, would be evidence of nothing.
pub fn collect_validation_data(
    end_entities: &[Vec<u8>],
    extra_certificates: &[Vec<u8>],
    sources: &LtSources<'_>,
) -> Result<ValidationData, CmsError> {
    let path_error = |subject: String| move |source: PathError| CmsError::Path { subject, source };
    let mut pool: Vec<Certificate> = sources.intermediates.to_vec();
    for der in extra_certificates {
        // An unreadable extra certificate cannot be on a path; it is left out, not fatal.
        if let Ok(cert) = Certificate::from_der(der)
            && !pool.iter().any(|c| c.der() == cert.der())
        {
            pool.push(cert);
        }
    }
    let recording = Recording {
        inner: sources.revocation,
        crls: Mutex::new(Vec::new()),
        ocsp: Mutex::new(Vec::new()),
    };
    let mut data = ValidationData::default();
    let add_certificate = |data: &mut ValidationData, der: &[u8]| {
        if !data.certificates.iter().any(|c| c == der) {
            data.certificates.push(der.to_vec());
        }
    };

    for der in end_entities {
        let cert =
            Certificate::from_der(der).map_err(path_error("an end-entity certificate".into()))?;
        let path = PathValidator::new(sources.trust)
            .intermediates(&pool)
            .at(sources.at)
            .revocation(&recording)
            .validate_certificate(&cert)
            .map_err(path_error(cert.subject.to_string()))?;
        for cert in path.certificates() {
            add_certificate(&mut data, cert.der());
        }
    }

    // OCSP responders' certificates (RFC 6960 §4.2.2.2) and their paths; a responder with
    // id-pkix-ocsp-nocheck needs no status of its own, so its path is validated without
    // revocation when the source has none for it.
    let mut done = 0;
    loop {
        let responses: Vec<Vec<u8>> = recording
            .ocsp
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if done == responses.len() {
            break;
        }
        for response in &responses[done..] {
            let Ok(basic) = crate::pki::ocsp::parse_response(response) else {
                continue;
            };
            for embedded in basic.certs.iter().flatten() {
                let Ok(der) = der::Encode::to_der(embedded) else {
                    continue;
                };
                let Ok(responder) = Certificate::from_der(&der) else {
                    continue;
                };
                add_certificate(&mut data, &der);
                let validator = PathValidator::new(sources.trust)
                    .intermediates(&pool)
                    .at(sources.at)
                    .purpose(Purpose::OcspSigning);
                let path = match validator
                    .revocation(&recording)
                    .validate_certificate(&responder)
                {
                    Err(PathError::RevocationUnknown { .. }) if responder.ocsp_no_check => {
                        validator.validate_certificate(&responder)
                    }
                    other => other,
                }
                .map_err(path_error(responder.subject.to_string()))?;
                for cert in path.certificates() {
                    add_certificate(&mut data, cert.der());
                }
            }
        }
        done = responses.len();
    }

    // CRL issuers that are not on a path already (indirect CRLs): their certificates.
    let crls: Vec<Arc<Crl>> = recording
        .crls
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    for crl in &crls {
        data.crls.push(crl.der().to_vec());
        let known = data
            .certificates
            .iter()
            .any(|der| Certificate::from_der(der).is_ok_and(|c| c.subject == crl.issuer));
        if known {
            continue;
        }
        let issuer = pool
            .iter()
            .chain(sources.trust.anchors())
            .find(|c| c.subject == crl.issuer && crl.verify_signed_by(c.public_key_info()).is_ok());
        if let Some(issuer) = issuer {
            add_certificate(&mut data, issuer.der());
        }
    }
    data.ocsp_responses = recording
        .ocsp
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    Ok(data)
}
