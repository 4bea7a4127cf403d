//! Certification path validation (RFC 5280 §6): building chains from an end-entity
//! certificate through untrusted intermediates to a [`TrustStore`] anchor, and checking
//! each candidate path — signatures, validity at a given time, name chaining, basic
//! constraints and path length, key usage and extended key usage for a [`Purpose`], name
//! constraints, unknown critical extensions and, when a [`RevocationSource`] is given,
//! revocation through CRLs and OCSP — within a work [`Budget`].
//!
//! Certificate policies are processed (§6.1.3 d–f, policy mappings, requireExplicitPolicy,
//! inhibitPolicyMapping, inhibitAnyPolicy) with the initial settings any-policy and no
//! explicit policy required; see `spec/pki-path.md`.
//!
//! ```no_run
//! use samad::pki::path::{PathValidator, Purpose};
//! use samad::pki::trust::TrustStore;
//! use time::macros::datetime;
//!
//! let trust = TrustStore::from_pem(&std::fs::read("pki/root.pem")?)?;
//! let intermediates = samad::pki::cert::parse_pem_or_der(&std::fs::read("pki/cas.pem")?)?;
//! let signer = std::fs::read("pki/official.der")?;
//! let path = PathValidator::new(&trust)
//!     .intermediates(&intermediates)
//!     .at(datetime!(2025-06-01 0:00 UTC))
//!     .purpose(Purpose::DocumentSigning)
//!     .validate(&signer)?;
//! println!("anchored at {}", path.anchor().subject);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod budget;
mod error;
mod memo;
mod name_constraints;
mod policy;
pub(crate) mod verify;

pub use budget::Budget;
pub use error::PathError;
pub use memo::SignatureMemo;

use time::OffsetDateTime;

use crate::pki::cert::Certificate;
use crate::pki::revocation::RevocationSource;
use crate::pki::trust::TrustStore;

/// Longest chain (certificates, anchor included) the builder explores.
const MAX_PATH_DEPTH: usize = 12;
/// How deeply CRL-signer and OCSP-responder paths may themselves be validated.
pub(crate) const MAX_NESTED_VALIDATIONS: u8 = 3;

/// What the end-entity certificate is validated for (its keyUsage and extendedKeyUsage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Purpose {
    /// Signing documents: keyUsage digitalSignature or nonRepudiation; extendedKeyUsage,
    /// when present, includes anyExtendedKeyUsage, emailProtection, id-kp-documentSigning
    /// (RFC 9336) or the Adobe/Microsoft document-signing purposes.
    DocumentSigning,
    /// A time-stamping authority (RFC 3161 §2.3): extendedKeyUsage id-kp-timeStamping.
    TimeStamping,
    /// An OCSP responder (RFC 6960 §4.2.2.2): extendedKeyUsage id-kp-OCSPSigning.
    OcspSigning,
    /// A CRL issuer's signing key: keyUsage cRLSign when keyUsage is present.
    CrlSigning,
    /// No end-entity usage check (RFC 5280 §6 alone, as PKITS runs it).
    Any,
}

impl Purpose {
    /// The purpose's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::DocumentSigning => "document signing",
            Purpose::TimeStamping => "time-stamping",
            Purpose::OcspSigning => "OCSP signing",
            Purpose::CrlSigning => "CRL signing",
            Purpose::Any => "any purpose",
        }
    }
}

/// A validated path, end-entity first, trust anchor last.
#[derive(Debug, Clone)]
pub struct ValidatedPath {
    end_entity: Certificate,
    /// Intermediates (nearest the end entity first), then the anchor last.
    above: Vec<Certificate>,
    anchor: Certificate,
}

impl ValidatedPath {
    /// The certificates, end-entity first, trust anchor last.
    pub fn certificates(&self) -> Vec<&Certificate> {
        std::iter::once(&self.end_entity)
            .chain(&self.above)
            .chain(std::iter::once(&self.anchor))
            .collect()
    }

    /// The end-entity certificate.
    pub fn end_entity(&self) -> &Certificate {
        &self.end_entity
    }

    /// The intermediate certificates, nearest the end entity first.
    pub fn intermediates(&self) -> &[Certificate] {
        &self.above
    }

    /// The trust anchor the path ends at.
    pub fn anchor(&self) -> &Certificate {
        &self.anchor
    }
}

/// Validates certification paths; see the [module documentation](self).
#[derive(Clone, Copy)]
pub struct PathValidator<'a> {
    pub(crate) trust: &'a TrustStore,
    pub(crate) intermediates: &'a [Certificate],
    at: Option<OffsetDateTime>,
    purpose: Purpose,
    budget: Budget,
    pub(crate) revocation: Option<&'a dyn RevocationSource>,
    memo: Option<&'a SignatureMemo>,
}

impl std::fmt::Debug for PathValidator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathValidator")
            .field("anchors", &self.trust.anchors().len())
            .field("intermediates", &self.intermediates.len())
            .field("at", &self.at)
            .field("purpose", &self.purpose)
            .field("budget", &self.budget)
            .field("revocation", &self.revocation.is_some())
            .field("memo", &self.memo.is_some())
            .finish()
    }
}

impl<'a> PathValidator<'a> {
    /// A validator anchored in `trust`, for [`Purpose::Any`], with the default budget, no
    /// revocation checking. Set the validation time with [`Self::at`] or [`Self::at_clock`]:
    /// without one, validation fails with [`PathError::NoValidationTime`] (time is always
    /// the caller's choice, from a clock or a signing time).
    pub fn new(trust: &'a TrustStore) -> PathValidator<'a> {
        PathValidator {
            trust,
            intermediates: &[],
            at: None,
            purpose: Purpose::Any,
            budget: Budget::default(),
            revocation: None,
            memo: None,
        }
    }

    /// Untrusted certificates the builder may use as intermediates.
    pub fn intermediates(mut self, certs: &'a [Certificate]) -> PathValidator<'a> {
        self.intermediates = certs;
        self
    }

    /// The validation time.
    pub fn at(mut self, at: OffsetDateTime) -> PathValidator<'a> {
        self.at = Some(at);
        self
    }

    /// The time read from an injected clock.
    pub fn at_clock(self, clock: &dyn crate::clock::Clock) -> PathValidator<'a> {
        self.at(clock.now())
    }

    /// What the end entity is validated for.
    pub fn purpose(mut self, purpose: Purpose) -> PathValidator<'a> {
        self.purpose = purpose;
        self
    }

    /// The work budget.
    pub fn budget(mut self, budget: Budget) -> PathValidator<'a> {
        self.budget = budget;
        self
    }

    /// Check every certificate's revocation status through `source`; a certificate whose
    /// status cannot be established fails with [`PathError::RevocationUnknown`].
    pub fn revocation(mut self, source: &'a dyn RevocationSource) -> PathValidator<'a> {
        self.revocation = Some(source);
        self
    }

    /// Remember certificate and CRL signatures that verified in `memo` and answer repeated
    /// checks from it (same result, no second verification; the budget still counts them).
    pub fn signature_memo(mut self, memo: &'a SignatureMemo) -> PathValidator<'a> {
        self.memo = Some(memo);
        self
    }

    /// `cert`'s signature checked with `spki`, through the memo when there is one.
    pub(crate) fn verify_certificate_signature(
        &self,
        cert: &Certificate,
        spki: &[u8],
    ) -> Result<(), crate::pki::algorithm::AlgorithmError> {
        match self.memo {
            Some(memo) => memo.verify(cert.der(), spki, || cert.verify_signed_by(spki)),
            None => cert.verify_signed_by(spki),
        }
    }

    /// `crl`'s signature checked with `spki`, through the memo when there is one.
    pub(crate) fn verify_crl_signature(
        &self,
        crl: &crate::pki::crl::Crl,
        spki: &[u8],
    ) -> Result<(), crate::pki::algorithm::AlgorithmError> {
        match self.memo {
            Some(memo) => memo.verify(crl.der(), spki, || crl.verify_signed_by(spki)),
            None => crl.verify_signed_by(spki),
        }
    }

    /// Validate a DER end-entity certificate.
    pub fn validate(&self, end_entity_der: &[u8]) -> Result<ValidatedPath, PathError> {
        let cert = Certificate::from_der(end_entity_der)?;
        self.validate_certificate(&cert)
    }

    /// Validate an already-parsed end-entity certificate.
    pub fn validate_certificate(&self, cert: &Certificate) -> Result<ValidatedPath, PathError> {
        let work = budget::Work::new(self.budget);
        let at = self.at.ok_or(PathError::NoValidationTime)?;
        self.validate_nested(cert, self.purpose, at, &work, 0)
    }

    pub(crate) fn validate_nested(
        &self,
        cert: &Certificate,
        purpose: Purpose,
        at: OffsetDateTime,
        work: &budget::Work,
        nesting: u8,
    ) -> Result<ValidatedPath, PathError> {
        let ctx = verify::Context {
            validator: self,
            purpose,
            at,
            work,
            nesting,
        };
        let mut chain = vec![cert];
        let (certs, anchor) = self.extend(&ctx, &mut chain)?;
        Ok(ValidatedPath {
            end_entity: cert.clone(),
            above: certs.into_iter().skip(1).cloned().collect(),
            anchor: anchor.clone(),
        })
    }

    /// Depth-first search from `chain`'s last certificate towards an anchor.
    fn extend<'c>(
        &'c self,
        ctx: &verify::Context<'_, 'c>,
        chain: &mut Vec<&'c Certificate>,
    ) -> Result<(Vec<&'c Certificate>, &'c Certificate), PathError> {
        let Some(current) = chain.last().copied() else {
            return Err(PathError::EmptyTrustStore);
        };
        let mut best: Option<PathError> = None;
        let keep = |e: PathError, best: &mut Option<PathError>| {
            if best.as_ref().is_none_or(|b| e.rank() > b.rank()) {
                *best = Some(e);
            }
        };
        for anchor in ordered(self.trust.anchors(), current) {
            ctx.work.count_path()?;
            match verify::check_path(ctx, anchor, chain) {
                Ok(()) => return Ok((chain.clone(), anchor)),
                Err(e @ PathError::BudgetExceeded { .. }) => return Err(e),
                Err(e) => keep(e, &mut best),
            }
        }
        if chain.len() + 1 < MAX_PATH_DEPTH {
            for next in ordered(self.intermediates, current) {
                let seen = chain.iter().any(|c| c.der() == next.der())
                    || self.trust.anchors().iter().any(|a| a.der() == next.der());
                if seen {
                    continue;
                }
                chain.push(next);
                let result = self.extend(ctx, chain);
                chain.pop();
                match result {
                    Ok(path) => return Ok(path),
                    Err(e @ PathError::BudgetExceeded { .. }) => return Err(e),
                    Err(e) => keep(e, &mut best),
                }
            }
        }
        Err(best.unwrap_or_else(|| PathError::UnknownIssuer {
            subject: current.subject.to_string(),
            issuer: current.issuer.to_string(),
        }))
    }
}

/// Candidates whose subject is `cert`'s issuer, those whose subjectKeyIdentifier matches
/// its authorityKeyIdentifier first.
fn ordered<'c>(pool: &'c [Certificate], cert: &Certificate) -> Vec<&'c Certificate> {
    let mut out: Vec<&Certificate> = pool.iter().filter(|c| c.subject == cert.issuer).collect();
    out.sort_by_key(|c| {
        let matches = cert.authority_key_id.is_some() && c.subject_key_id == cert.authority_key_id;
        !matches
    });
    out
}
