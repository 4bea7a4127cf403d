//! [`HttpRevocation`] (cargo feature `http`): OCSP over HTTP POST (RFC 6960 Appendix A) to
//! the certificate's authorityInfoAccess responders, and CRLs by HTTP GET from its
//! cRLDistributionPoints, with `ureq` (blocking, with timeouts).

use std::sync::Arc;
use std::time::Duration;

use super::{OcspExchange, RevocationError, RevocationSource};
use crate::pki::cert::{Certificate, GeneralName};
use crate::pki::crl::Crl;

/// Fetches revocation data over HTTP. Randomness (the OCSP nonce) is injected.
pub struct HttpRevocation {
    agent: ureq::Agent,
    nonce: Box<dyn Fn() -> Vec<u8> + Send + Sync>,
    max_body: u64,
}

impl std::fmt::Debug for HttpRevocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRevocation")
            .field("max_body", &self.max_body)
            .finish()
    }
}

impl HttpRevocation {
    /// A fetcher whose every request ends within `timeout`; nonces are 16 random bytes from
    /// the operating system (use [`Self::with_nonce`] to inject them).
    pub fn new(timeout: Duration) -> HttpRevocation {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(true)
            .build();
        HttpRevocation {
            agent: config.into(),
            nonce: Box::new(|| {
                let mut n = vec![0u8; 16];
                // SystemRandom only fails when the OS has no entropy source at all.
                let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut n);
                n
            }),
            max_body: 16 * 1024 * 1024,
        }
    }

    /// Use `nonce` to make each OCSP request's nonce (1 to 32 bytes).
    pub fn with_nonce(mut self, nonce: impl Fn() -> Vec<u8> + Send + Sync + 'static) -> Self {
        self.nonce = Box::new(nonce);
        self
    }

    fn fetch(&self, url: &str, body: Option<&[u8]>) -> Result<Vec<u8>, RevocationError> {
        let err = |e: ureq::Error| RevocationError::Http {
            url: url.to_owned(),
            detail: e.to_string(),
        };
        let mut response = match body {
            Some(b) => self
                .agent
                .post(url)
                .header("Content-Type", "application/ocsp-request")
                .send(b)
                .map_err(err)?,
            None => self.agent.get(url).call().map_err(err)?,
        };
        response
            .body_mut()
            .with_config()
            .limit(self.max_body)
            .read_to_vec()
            .map_err(err)
    }
}

fn http_uris(names: &[GeneralName]) -> impl Iterator<Item = &str> {
    names.iter().filter_map(|n| match n {
        GeneralName::Uri(u) if u.starts_with("http://") || u.starts_with("https://") => {
            Some(u.as_str())
        }
        _ => None,
    })
}

impl RevocationSource for HttpRevocation {
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError> {
        let mut out = Vec::new();
        let mut last_error = None;
        for dp in &cert.crl_distribution_points {
            for url in http_uris(&dp.full_names) {
                match self
                    .fetch(url, None)
                    .and_then(|b| Crl::parse_pem_or_der(&b))
                {
                    Ok(crls) => out.extend(crls.into_iter().map(Arc::new)),
                    Err(e) => last_error = Some(e),
                }
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
        for url in cert.ocsp_urls.iter().filter(|u| u.starts_with("http")) {
            let nonce = (self.nonce)();
            let request = crate::pki::ocsp::request(cert, issuer, Some(&nonce))?;
            match self.fetch(url, Some(&request)) {
                Ok(response) => out.push(OcspExchange {
                    response,
                    nonce: Some(nonce),
                }),
                Err(e) => last_error = Some(e),
            }
        }
        match (out.is_empty(), last_error) {
            (true, Some(e)) => Err(e),
            _ => Ok(out),
        }
    }
}
