//! One [`RevocationSource`] over every place validation data can come from — the signature
//! itself (`cms`), the evidence outside it (`dss`) and the caller's source (`offline` or
//! `online`) — that remembers what it handed out, so the report can list the revocation
//! data each certificate of the chain was checked with.

use std::sync::{Arc, Mutex};

use time::OffsetDateTime;

use crate::pki::cert::Certificate;
use crate::pki::crl::Crl;
use crate::pki::revocation::{OcspExchange, OfflineRevocation, RevocationError, RevocationSource};
use crate::validation::report::RevocationSummary;

/// What one CRL or OCSP response said about one certificate, as handed to the validator.
#[derive(Debug, Clone)]
struct Seen {
    issuer: String,
    serial: Vec<u8>,
    summary: RevocationSummary,
    /// The DER of the CRL or response, to list each once per certificate.
    der_hash: Vec<u8>,
}

/// The combined, recording source; see the module docs.
pub(crate) struct EvidenceRevocation<'a> {
    embedded: OfflineRevocation,
    external: OfflineRevocation,
    given: Option<(&'a dyn RevocationSource, &'static str)>,
    seen: Mutex<Vec<Seen>>,
}

/// Skipped items (unreadable CRLs) are returned for the report's checks.
pub(crate) struct Unreadable {
    pub origin: &'static str,
    pub detail: String,
}

impl<'a> EvidenceRevocation<'a> {
    /// `embedded` and `external` are `(CRLs, OCSP responses)` in DER.
    pub(crate) fn new(
        embedded: (&[Vec<u8>], &[Vec<u8>]),
        external: (&[Vec<u8>], &[Vec<u8>]),
        given: Option<(&'a dyn RevocationSource, &'static str)>,
    ) -> (EvidenceRevocation<'a>, Vec<Unreadable>) {
        let mut unreadable = Vec::new();
        let mut build = |origin: &'static str, (crls, ocsps): (&[Vec<u8>], &[Vec<u8>])| {
            let mut source = OfflineRevocation::new();
            for (i, der) in crls.iter().enumerate() {
                match Crl::from_der(der) {
                    Ok(crl) => source = source.with_crl(crl),
                    Err(e) => unreadable.push(Unreadable {
                        origin,
                        detail: format!("CRL {} (counting from 1): {e}", i + 1),
                    }),
                }
            }
            for der in ocsps {
                source = source.with_ocsp_response(der.clone());
            }
            source
        };
        let embedded = build("cms", embedded);
        let external = build("dss", external);
        (
            EvidenceRevocation {
                embedded,
                external,
                given,
                seen: Mutex::new(Vec::new()),
            },
            unreadable,
        )
    }

    fn sources(&self) -> Vec<(&dyn RevocationSource, &'static str)> {
        let mut out: Vec<(&dyn RevocationSource, &'static str)> =
            vec![(&self.embedded, "cms"), (&self.external, "dss")];
        if let Some((source, origin)) = self.given {
            out.push((source, origin));
        }
        out
    }

    fn remember(&self, cert: &Certificate, summary: RevocationSummary, der: &[u8]) {
        let der_hash = crate::pki::algorithm::DigestAlgorithm::Sha256.digest(der);
        if let Ok(mut seen) = self.seen.lock() {
            let issuer = cert.issuer.to_string();
            let duplicate = seen
                .iter()
                .any(|s| s.der_hash == der_hash && s.serial == cert.serial && s.issuer == issuer);
            if !duplicate {
                seen.push(Seen {
                    issuer,
                    serial: cert.serial.clone(),
                    summary,
                    der_hash,
                });
            }
        }
    }

    /// What was consulted for the certificates of `chain`, in chain order.
    pub(crate) fn used_for(&self, chain: &[&Certificate]) -> Vec<RevocationSummary> {
        let Ok(seen) = self.seen.lock() else {
            return Vec::new();
        };
        chain
            .iter()
            .flat_map(|cert| {
                let issuer = cert.issuer.to_string();
                seen.iter()
                    .filter(move |s| s.serial == cert.serial && s.issuer == issuer)
                    .map(|s| s.summary.clone())
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

impl RevocationSource for EvidenceRevocation<'_> {
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError> {
        let mut out = Vec::new();
        let mut last_error = None;
        for (source, origin) in self.sources() {
            match source.crls(cert) {
                Ok(crls) => {
                    for crl in crls {
                        let revoked = crl.entry(&cert.issuer, &cert.serial).is_some();
                        self.remember(
                            cert,
                            RevocationSummary {
                                certificate: cert.subject.to_string(),
                                kind: "crl".to_owned(),
                                origin: origin.to_owned(),
                                status: if revoked { "revoked" } else { "good" }.to_owned(),
                                issued_at: Some(crl.this_update),
                            },
                            crl.der(),
                        );
                        out.push(crl);
                    }
                }
                Err(e) => last_error = Some(e),
            }
        }
        match (out.is_empty(), last_error) {
            (true, Some(e)) => Err(e),
            _ => Ok(out),
        }
    }

    fn ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<Vec<OcspExchange>, RevocationError> {
        let mut out = Vec::new();
        let mut last_error = None;
        for (source, origin) in self.sources() {
            match source.ocsp(cert, issuer) {
                Ok(exchanges) => {
                    for exchange in exchanges {
                        let (status, issued_at) = ocsp_status(&exchange.response, &cert.serial);
                        self.remember(
                            cert,
                            RevocationSummary {
                                certificate: cert.subject.to_string(),
                                kind: "ocsp".to_owned(),
                                origin: origin.to_owned(),
                                status: status.to_owned(),
                                issued_at,
                            },
                            &exchange.response,
                        );
                        out.push(exchange);
                    }
                }
                Err(e) => last_error = Some(e),
            }
        }
        match (out.is_empty(), last_error) {
            (true, Some(e)) => Err(e),
            _ => Ok(out),
        }
    }
}

/// The status an OCSP response gives `serial` (`good`, `revoked`, `unknown`, or
/// `unreadable`), and its producedAt.
fn ocsp_status(der: &[u8], serial: &[u8]) -> (&'static str, Option<OffsetDateTime>) {
    let Ok(basic) = crate::pki::ocsp::parse_response(der) else {
        return ("unreadable", None);
    };
    let produced = basic.tbs_response_data.produced_at.0.to_unix_duration();
    let issued_at = i64::try_from(produced.as_secs())
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok());
    let status = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|r| r.cert_id.serial_number.as_bytes() == serial)
        .map_or("unknown", |r| match r.cert_status {
            x509_ocsp::CertStatus::Good(_) => "good",
            x509_ocsp::CertStatus::Revoked(_) => "revoked",
            x509_ocsp::CertStatus::Unknown(_) => "unknown",
        });
    (status, issued_at)
}
