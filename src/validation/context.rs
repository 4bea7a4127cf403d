//! What a validation runs against: the [`ValidationContext`] (trust anchors, extra
//! certificates, revocation, the validation time, the algorithm policy) and
//! [`ProofOfExistence`] from outside the signature.

use std::sync::Arc;

use time::OffsetDateTime;

use crate::cms::ValidationData;
use crate::pki::cert::Certificate;
use crate::pki::revocation::RevocationSource;
use crate::pki::trust::TrustStore;
use crate::validation::cache::{CacheStats, ValidationCache};
use crate::validation::policy::AlgorithmPolicy;

/// The inputs of a validation (EN 319 102-1 §5.1.2: the validation policy, trust anchors,
/// the validation time and the validation data the caller supplies).
///
/// A context remembers, across the signatures and documents it validates, the
/// certificate and CRL signatures that verified and the certificates it parsed (pure
/// functions of their bytes, so results are the same as without it); clones share that
/// cache. Build one context per set of inputs and reuse it to verify many documents.
///
/// ```no_run
/// use samad::pki::trust::TrustStore;
/// use samad::validation::ValidationContext;
/// use time::macros::datetime;
///
/// let trust = TrustStore::from_pem(&std::fs::read("pki/trust.pem")?)?;
/// let ctx = ValidationContext::new(&trust, datetime!(2026-03-01 0:00 UTC));
/// assert_eq!(ctx.policy.id(), "samad-2026-1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct ValidationContext<'a> {
    /// The trust anchors every chain must end at.
    pub trust: &'a TrustStore,
    /// Extra certificates for path building (`--certs`), untrusted.
    pub intermediates: Vec<Certificate>,
    /// CRLs and OCSP responses the caller supplies (`--crls`, `--ocsp`) or fetches online;
    /// used together with the data inside the signature and the [`ExternalEvidence`](super::ExternalEvidence).
    pub revocation: Option<&'a dyn RevocationSource>,
    /// How the report names [`Self::revocation`]'s data: `offline` (files given, the
    /// default) or `online`.
    pub revocation_origin: &'static str,
    /// The validation time (`--at`, or now from the caller's clock).
    pub at: OffsetDateTime,
    /// The algorithm policy.
    pub policy: AlgorithmPolicy,
    /// Verified signatures and parsed certificates (module `cache`).
    pub(crate) cache: Arc<ValidationCache>,
}

impl std::fmt::Debug for ValidationContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidationContext")
            .field("anchors", &self.trust.anchors().len())
            .field("intermediates", &self.intermediates.len())
            .field("revocation", &self.revocation.is_some())
            .field("revocation_origin", &self.revocation_origin)
            .field("at", &self.at)
            .field("policy", &self.policy.id())
            .field("cache", &self.cache.stats())
            .finish()
    }
}

impl<'a> ValidationContext<'a> {
    /// A context anchored in `trust` validating at `at`, with no extra certificates, no
    /// revocation source of its own and the default [`AlgorithmPolicy`].
    pub fn new(trust: &'a TrustStore, at: OffsetDateTime) -> ValidationContext<'a> {
        ValidationContext {
            trust,
            intermediates: Vec::new(),
            revocation: None,
            revocation_origin: "offline",
            at,
            policy: AlgorithmPolicy::default(),
            cache: Arc::default(),
        }
    }

    /// How often this context's cache (shared with its clones) answered so far.
    pub fn cache_stats(&self) -> CacheStats {
        self.cache.stats()
    }

    /// Extra (untrusted) certificates for path building.
    pub fn intermediates(mut self, certs: Vec<Certificate>) -> ValidationContext<'a> {
        self.intermediates = certs;
        self
    }

    /// A revocation source; `origin` is `offline` or `online` in the report.
    pub fn revocation(
        mut self,
        source: &'a dyn RevocationSource,
        origin: &'static str,
    ) -> ValidationContext<'a> {
        self.revocation = Some(source);
        self.revocation_origin = origin;
        self
    }

    /// The algorithm policy.
    pub fn policy(mut self, policy: AlgorithmPolicy) -> ValidationContext<'a> {
        self.policy = policy;
        self
    }
}

/// A proof that the signature (and everything the evidence covers) existed at `time`
/// (EN 319 102-1 §5.6.2.3), established outside the CMS — e.g. a validated PDF document
/// time-stamp over the revision holding the signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofOfExistence {
    /// When it proves existence.
    pub time: OffsetDateTime,
    /// What proves it, for the report (e.g. `document time-stamp rev 5`).
    pub source: String,
}

/// Evidence from outside the CMS signature (PAdES: the DSS and the document time-stamps
/// over the signature's revision), used together with what the signature carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExternalEvidence {
    /// Certificates, CRLs and OCSP responses (the PDF's `/DSS`); origin `dss` in the report.
    pub data: ValidationData,
    /// Proofs that the signature existed at a time, each already validated by the caller.
    pub poe: Vec<ProofOfExistence>,
}
