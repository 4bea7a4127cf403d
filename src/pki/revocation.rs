//! Revocation checking (RFC 5280 §6.3 for CRLs, RFC 6960 for OCSP) through an injectable
//! [`RevocationSource`]: [`OfflineRevocation`] reads CRLs and OCSP responses from files or
//! memory; `HttpRevocation` (cargo feature `http`) fetches them.
//!
//! For each certificate, OCSP responses are tried first, then CRLs; the first source that
//! establishes a status decides it. A certificate no source covers fails with
//! [`PathError::RevocationUnknown`] carrying the most useful reason.

#[cfg(feature = "http")]
mod http;
mod offline;

#[cfg(feature = "http")]
pub use http::HttpRevocation;
pub use offline::OfflineRevocation;

use std::sync::Arc;

use time::OffsetDateTime;

use crate::pki::cert::{Certificate, GeneralName};
use crate::pki::crl::Crl;
use crate::pki::ocsp;
use crate::pki::path::verify::Context;
use crate::pki::path::{PathError, Purpose};

/// A CRL's or OCSP response's revocation reason (RFC 5280 §5.3.1 CRLReason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RevocationReason {
    /// unspecified (0)
    Unspecified,
    /// keyCompromise (1)
    KeyCompromise,
    /// cACompromise (2)
    CaCompromise,
    /// affiliationChanged (3)
    AffiliationChanged,
    /// superseded (4)
    Superseded,
    /// cessationOfOperation (5)
    CessationOfOperation,
    /// certificateHold (6)
    CertificateHold,
    /// removeFromCRL (8)
    RemoveFromCrl,
    /// privilegeWithdrawn (9)
    PrivilegeWithdrawn,
    /// aACompromise (10)
    AaCompromise,
    /// A value RFC 5280 does not define.
    Other(u8),
}

impl RevocationReason {
    /// The reason for a CRLReason code.
    pub fn from_code(code: u8) -> RevocationReason {
        match code {
            0 => RevocationReason::Unspecified,
            1 => RevocationReason::KeyCompromise,
            2 => RevocationReason::CaCompromise,
            3 => RevocationReason::AffiliationChanged,
            4 => RevocationReason::Superseded,
            5 => RevocationReason::CessationOfOperation,
            6 => RevocationReason::CertificateHold,
            8 => RevocationReason::RemoveFromCrl,
            9 => RevocationReason::PrivilegeWithdrawn,
            10 => RevocationReason::AaCompromise,
            other => RevocationReason::Other(other),
        }
    }

    /// The RFC 5280 name.
    pub fn name(self) -> &'static str {
        match self {
            RevocationReason::Unspecified => "unspecified",
            RevocationReason::KeyCompromise => "keyCompromise",
            RevocationReason::CaCompromise => "cACompromise",
            RevocationReason::AffiliationChanged => "affiliationChanged",
            RevocationReason::Superseded => "superseded",
            RevocationReason::CessationOfOperation => "cessationOfOperation",
            RevocationReason::CertificateHold => "certificateHold",
            RevocationReason::RemoveFromCrl => "removeFromCRL",
            RevocationReason::PrivilegeWithdrawn => "privilegeWithdrawn",
            RevocationReason::AaCompromise => "aACompromise",
            RevocationReason::Other(_) => "unknown reason code",
        }
    }
}

impl std::fmt::Display for RevocationReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a CRL or OCSP response could not establish a certificate's status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RevocationError {
    /// No CRL or OCSP response covers the certificate.
    #[error(
        "no CRL or OCSP response from \"{issuer}\" covers it: supply one (--crls DIR, --ocsp DIR)"
    )]
    NoSource {
        /// The certificate's issuer.
        issuer: String,
    },
    /// A CRL could not be parsed.
    #[error("malformed CRL: {detail}")]
    BadCrl {
        /// What was wrong.
        detail: String,
    },
    /// The CRL's signature does not verify with any authorized CRL signer.
    #[error("the CRL from \"{issuer}\" is not signed by an authorized CRL signer: {detail}")]
    CrlSignature {
        /// The CRL issuer.
        issuer: String,
        /// Why each candidate signer failed (the most specific).
        detail: String,
    },
    /// The CRL is past its nextUpdate (or has none).
    #[error(
        "the CRL from \"{issuer}\" is stale: nextUpdate {next_update:?} is before {at}; fetch a fresh CRL"
    )]
    CrlStale {
        /// The CRL issuer.
        issuer: String,
        /// Its nextUpdate.
        next_update: Option<OffsetDateTime>,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// The CRL's thisUpdate is after the validation time.
    #[error(
        "the CRL from \"{issuer}\" was issued at {this_update}, after the validation time {at}"
    )]
    CrlNotYetValid {
        /// The CRL issuer.
        issuer: String,
        /// Its thisUpdate.
        this_update: OffsetDateTime,
        /// The validation time.
        at: OffsetDateTime,
    },
    /// A critical CRL or CRL-entry extension samad does not process.
    #[error("the CRL from \"{issuer}\" has the unknown critical extension {oid}")]
    CrlUnknownCriticalExtension {
        /// The CRL issuer.
        issuer: String,
        /// The extension.
        oid: String,
    },
    /// The CRL does not cover this certificate (scope, distribution point, delta, indirect).
    #[error("the CRL from \"{issuer}\" does not cover the certificate: {why}")]
    CrlOutOfScope {
        /// The CRL issuer.
        issuer: String,
        /// Which §6.3.3 check excluded it.
        why: &'static str,
    },
    /// An OCSP response or request failed (parse, status, signature, responder, nonce,
    /// freshness).
    #[error("OCSP: {detail}")]
    Ocsp {
        /// What was wrong.
        detail: String,
    },
    /// The OCSP responder says it does not know the certificate.
    #[error("the OCSP responder answered \"unknown\" for serial {serial}")]
    OcspUnknown {
        /// The serial, hex.
        serial: String,
    },
    /// A file or directory of revocation data could not be read.
    #[error("cannot read {path}: {detail}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error's message.
        detail: String,
    },
    /// Fetching a CRL or an OCSP response over HTTP failed.
    #[error("fetching {url} failed: {detail}")]
    Http {
        /// The URL.
        url: String,
        /// What went wrong.
        detail: String,
    },
}

impl RevocationError {
    /// How informative the error is when no source established a status.
    fn rank(&self) -> u8 {
        match self {
            RevocationError::NoSource { .. } => 0,
            RevocationError::CrlOutOfScope { .. } => 1,
            RevocationError::Io { .. } | RevocationError::Http { .. } => 2,
            _ => 3,
        }
    }
}

/// An OCSP response and the nonce the request carried (if any), as a source returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcspExchange {
    /// The DER OCSPResponse.
    pub response: Vec<u8>,
    /// The nonce sent in the request; the response must echo it (RFC 8954).
    pub nonce: Option<Vec<u8>>,
}

/// Where revocation data comes from. Implementations must not read the clock: the
/// validation time is the caller's.
pub trait RevocationSource: Send + Sync {
    /// CRLs that may cover `cert` (the validator checks issuer, scope, signature and
    /// freshness).
    fn crls(&self, cert: &Certificate) -> Result<Vec<Arc<Crl>>, RevocationError>;

    /// OCSP responses that may cover `cert`, issued by `issuer`.
    fn ocsp(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Result<Vec<OcspExchange>, RevocationError>;
}

/// A certificate's status as a CRL or OCSP response states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertStatus {
    /// Not revoked.
    Good,
    /// Revoked at `at` for `reason`.
    Revoked {
        /// The revocation time.
        at: OffsetDateTime,
        /// The reason, when given.
        reason: Option<RevocationReason>,
    },
}

/// Every reason bit of ReasonFlags (§4.2.1.13): keyCompromise (1) … aACompromise (8).
const ALL_REASONS: u16 = 0b1_1111_1110;

/// Establish `cert`'s status (issued by `issuer`) or fail the path.
pub(crate) fn check(
    ctx: &Context<'_, '_>,
    source: &dyn RevocationSource,
    cert: &Certificate,
    issuer: &Certificate,
) -> Result<(), PathError> {
    let mut best: Option<RevocationError> = None;
    let keep = |e: RevocationError, best: &mut Option<RevocationError>| {
        if best.as_ref().is_none_or(|b| e.rank() > b.rank()) {
            *best = Some(e);
        }
    };
    let revoked = |at, reason: Option<RevocationReason>| PathError::Revoked {
        subject: cert.subject.to_string(),
        serial: cert.serial_hex(),
        reason: reason.map_or_else(|| "not given".to_owned(), |r| r.to_string()),
        at,
    };

    match source.ocsp(cert, issuer) {
        Ok(exchanges) => {
            for exchange in exchanges {
                match ocsp::evaluate(ctx, &exchange, cert, issuer)? {
                    Ok(CertStatus::Good) => return Ok(()),
                    Ok(CertStatus::Revoked { at, reason }) => return Err(revoked(at, reason)),
                    Err(e) => keep(e, &mut best),
                }
            }
        }
        Err(e) => keep(e, &mut best),
    }

    let crls = match source.crls(cert) {
        Ok(crls) => crls,
        Err(e) => {
            keep(e, &mut best);
            Vec::new()
        }
    };
    let (deltas, completes): (Vec<&Arc<Crl>>, Vec<&Arc<Crl>>) =
        crls.iter().partition(|crl| crl.is_delta);
    if completes.is_empty() && !deltas.is_empty() {
        keep(
            RevocationError::CrlOutOfScope {
                issuer: cert.issuer.to_string(),
                why: "only delta CRLs were found, and a delta needs its complete CRL",
            },
            &mut best,
        );
    }
    let mut covered = 0u16;
    for crl in completes {
        let mask = match scope(cert, crl) {
            Ok(mask) => mask,
            Err(e) => {
                keep(e, &mut best);
                continue;
            }
        };
        if mask & !covered == 0 {
            continue;
        }
        if let Err(e) = crl.check_fresh(ctx.at) {
            keep(e, &mut best);
            continue;
        }
        if let Err(e) = verify_crl_signer(ctx, crl, issuer)? {
            keep(e, &mut best);
            continue;
        }
        let delta = match current_delta(ctx, cert, crl, issuer, &deltas)? {
            Ok(delta) => delta,
            Err(e) => {
                keep(e, &mut best);
                continue;
            }
        };
        // §5.3.1: the delta's entry overrides the complete CRL's; removeFromCRL clears it.
        let entry = match delta.and_then(|d| d.entry(&cert.issuer, &cert.serial)) {
            Some(e) if e.reason == Some(RevocationReason::RemoveFromCrl) => None,
            Some(e) => Some((delta.unwrap_or(crl.as_ref()), e)),
            None => crl
                .entry(&cert.issuer, &cert.serial)
                .map(|e| (crl.as_ref(), e)),
        };
        if let Some((from, entry)) = entry {
            if let Some(oid) = &entry.unknown_critical_extension {
                keep(
                    RevocationError::CrlUnknownCriticalExtension {
                        issuer: from.issuer.to_string(),
                        oid: oid.clone(),
                    },
                    &mut best,
                );
                continue;
            }
            return Err(revoked(entry.revocation_date, entry.reason));
        }
        covered |= mask;
        if covered & ALL_REASONS == ALL_REASONS {
            return Ok(());
        }
    }
    Err(PathError::RevocationUnknown {
        subject: cert.subject.to_string(),
        reason: best.unwrap_or_else(|| RevocationError::NoSource {
            issuer: cert.issuer.to_string(),
        }),
    })
}

/// §6.3.3 c–d: the delta CRL to apply on top of `complete`: the newest fresh, verified delta
/// from the same issuer with the same scope whose base is no newer than `complete`. When
/// deltas exist for it but none is usable, the complete CRL cannot be relied on alone.
fn current_delta<'d>(
    ctx: &Context<'_, '_>,
    cert: &Certificate,
    complete: &Crl,
    issuer: &Certificate,
    deltas: &[&'d Arc<Crl>],
) -> Result<Result<Option<&'d Crl>, RevocationError>, PathError> {
    let Some(number) = &complete.crl_number else {
        return Ok(Ok(None));
    };
    let mut best: Option<&Crl> = None;
    let mut last_error = None;
    for delta in deltas {
        let fits = delta.issuer == complete.issuer
            && delta.issuing_distribution_point == complete.issuing_distribution_point
            && delta
                .base_crl_number
                .as_ref()
                .is_some_and(|base| crate::pki::crl::number_at_least(number, base))
            && scope(cert, delta).is_ok();
        if !fits {
            continue;
        }
        if let Err(e) = delta.check_fresh(ctx.at) {
            last_error = Some(e);
            continue;
        }
        if let Err(e) = verify_crl_signer(ctx, delta, issuer)? {
            last_error = Some(e);
            continue;
        }
        let newer = |b: &Crl| match (&delta.crl_number, &b.crl_number) {
            (Some(d), Some(b)) => !crate::pki::crl::number_at_least(b, d),
            _ => false,
        };
        if best.is_none_or(newer) {
            best = Some(delta);
        }
    }
    Ok(match (best, last_error) {
        (Some(delta), _) => Ok(Some(delta)),
        (None, Some(e)) => Err(e),
        (None, None) => Ok(None),
    })
}

/// §6.3.3 b: whether a CRL covers `cert`, and for which reasons.
fn scope(cert: &Certificate, crl: &Crl) -> Result<u16, RevocationError> {
    let out = |why| RevocationError::CrlOutOfScope {
        issuer: crl.issuer.to_string(),
        why,
    };
    if let Some(oid) = &crl.unknown_critical_extension {
        return Err(RevocationError::CrlUnknownCriticalExtension {
            issuer: crl.issuer.to_string(),
            oid: oid.clone(),
        });
    }
    let indirect = crl
        .issuing_distribution_point
        .as_ref()
        .is_some_and(|idp| idp.indirect);
    // §6.3.3 b 1: a DP with cRLIssuer names the CRL issuer, and that CRL must be indirect;
    // without one the CRL issuer is the certificate issuer.
    let crl_issuer_name = GeneralName::Directory(crl.issuer.clone());
    let dps_with_issuer: Vec<_> = cert
        .crl_distribution_points
        .iter()
        .filter(|dp| dp.crl_issuer.is_some())
        .collect();
    if dps_with_issuer.is_empty() {
        if crl.issuer != cert.issuer {
            return Err(out("its issuer is not the certificate's issuer"));
        }
    } else {
        let named = dps_with_issuer.iter().any(|dp| {
            dp.crl_issuer
                .iter()
                .flatten()
                .any(|n| *n == crl_issuer_name)
        });
        if !named {
            return Err(out("it is not from a cRLIssuer the certificate names"));
        }
        if !indirect {
            return Err(out("a cRLIssuer's CRL must be an indirect CRL"));
        }
    }
    let mut dp_reasons = ALL_REASONS;
    if let Some(idp) = &crl.issuing_distribution_point {
        if let Some(names) = &idp.full_names {
            // §6.3.3 b 2 i: against the DP's names, or its cRLIssuer when it has none.
            let matched = cert.crl_distribution_points.iter().find(|dp| {
                let dp_names = match (&dp.full_names[..], &dp.crl_issuer) {
                    ([], Some(issuers)) => &issuers[..],
                    (full, _) => full,
                };
                dp_names.iter().any(|n| names.contains(n))
            });
            match matched {
                Some(dp) => dp_reasons = dp.reasons.unwrap_or(ALL_REASONS),
                None if names.contains(&GeneralName::Directory(cert.issuer.clone()))
                    && cert.crl_distribution_points.is_empty() =>
                {
                    // The CRL names its own issuer as the distribution point.
                }
                None => return Err(out("its distribution point is not the certificate's")),
            }
        }
        if idp.only_user_certs && cert.is_ca() {
            return Err(out("it covers only end-entity certificates"));
        }
        if idp.only_ca_certs && !cert.is_ca() {
            return Err(out("it covers only CA certificates"));
        }
        if idp.only_attribute_certs {
            return Err(out("it covers only attribute certificates"));
        }
        if let Some(reasons) = idp.only_some_reasons {
            dp_reasons &= reasons;
        }
    }
    Ok(dp_reasons)
}

/// §6.3.3 f–g: the CRL must be signed by the certificate's issuer (with cRLSign) or by
/// another certificate of the same name that itself validates for CRL signing.
fn verify_crl_signer(
    ctx: &Context<'_, '_>,
    crl: &Crl,
    issuer: &Certificate,
) -> Result<Result<(), RevocationError>, PathError> {
    let fail = |detail: String| {
        Ok(Err(RevocationError::CrlSignature {
            issuer: crl.issuer.to_string(),
            detail,
        }))
    };
    let mut detail = String::from("no certificate with its issuer's name and key signed it");
    if crl.issuer == issuer.subject {
        ctx.work.count_signature()?;
        if ctx
            .validator
            .verify_crl_signature(crl, issuer.public_key_info())
            .is_ok()
        {
            if issuer.key_usage.is_some_and(|ku| !ku.crl_sign) {
                detail = "the issuer's keyUsage does not include cRLSign".into();
            } else {
                return Ok(Ok(()));
            }
        }
    }
    let validator = ctx.validator;
    let pool = validator
        .trust
        .anchors()
        .iter()
        .chain(validator.intermediates.iter());
    for candidate in pool {
        if candidate.subject != crl.issuer || candidate.der() == issuer.der() {
            continue;
        }
        ctx.work.count_signature()?;
        if validator
            .verify_crl_signature(crl, candidate.public_key_info())
            .is_err()
        {
            continue;
        }
        if candidate.key_usage.is_some_and(|ku| !ku.crl_sign) {
            detail = "the CRL signer's keyUsage does not include cRLSign".into();
            continue;
        }
        if validator.trust.contains(candidate)
            || ctx.work.crl_signer_in_progress(crl.der(), candidate.der())
        {
            return Ok(Ok(()));
        }
        if ctx.nesting >= crate::pki::path::MAX_NESTED_VALIDATIONS {
            detail = "CRL signer paths nest too deeply".into();
            continue;
        }
        ctx.work.push_crl_signer(crl.der(), candidate.der());
        let signer_path = validator.validate_nested(
            candidate,
            Purpose::CrlSigning,
            ctx.at,
            ctx.work,
            ctx.nesting + 1,
        );
        ctx.work.pop_crl_signer();
        match signer_path {
            Ok(_) => return Ok(Ok(())),
            Err(e @ PathError::BudgetExceeded { .. }) => return Err(e),
            Err(e) => detail = format!("the CRL signer's path is invalid: {e}"),
        }
    }
    fail(detail)
}
