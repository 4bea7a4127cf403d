//! [`HttpTsa`] (cargo feature `http`): a TSA reached by HTTP POST (RFC 3161 §3.4), with
//! `ureq` (blocking, with one timeout for the whole exchange).

use std::time::Duration;

use super::{TimestampSource, TspError};

/// Largest response read: a token with a long chain is a few kilobytes.
const MAX_RESPONSE: u64 = 1024 * 1024;

/// A time-stamping authority at an HTTP(S) URL.
pub struct HttpTsa {
    url: String,
    agent: ureq::Agent,
}

impl std::fmt::Debug for HttpTsa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpTsa").field("url", &self.url).finish()
    }
}

impl HttpTsa {
    /// A TSA at `url` (`http://` or `https://`); every exchange ends within `timeout`.
    pub fn new(url: &str, timeout: Duration) -> Result<HttpTsa, TspError> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(TspError::Source {
                detail: format!("{url:?} is not an http:// or https:// URL"),
            });
        }
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(true)
            .build();
        Ok(HttpTsa {
            url: url.to_owned(),
            agent: config.into(),
        })
    }
}

impl TimestampSource for HttpTsa {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, TspError> {
        let failed = |e: ureq::Error| TspError::Source {
            detail: format!("{}: {e}", self.url),
        };
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/timestamp-query")
            .send(request)
            .map_err(failed)?;
        // RFC 3161 §3.4: the reply is `application/timestamp-reply`.
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !content_type.starts_with("application/timestamp-reply") {
            return Err(TspError::Source {
                detail: format!(
                    "{}: the reply is {content_type:?}, not application/timestamp-reply",
                    self.url
                ),
            });
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE)
            .read_to_vec()
            .map_err(failed)
    }
}
