//! X.509 certificate validation (EN 319 102-1 §5.2.6) on top of [`PathValidator`], with
//! past certificate validation at a proof of existence (§5.6.2.1, §5.6.2.4), and the
//! mapping of [`PathError`] to sub-indications, documented in `spec/report.md`
//! §"Sub-indications".

use time::OffsetDateTime;

use crate::pki::cert::Certificate;
use crate::pki::path::{PathError, PathValidator, Purpose, ValidatedPath};
use crate::pki::revocation::RevocationSource;
use crate::validation::ValidationContext;
use crate::validation::policy::PolicyViolation;
use crate::validation::report::{Check, Indication, SubIndication};

/// A decisive result of one step: its indication and sub-indication.
pub(crate) type Verdict = (Indication, SubIndication);

/// What certificate validation found.
pub(crate) struct PathOutcome {
    /// The chain, end entity first, anchor last; also when it failed on revocation or
    /// validity, so the report shows what was looked at. Empty when none was built.
    pub chain: Vec<Certificate>,
    /// The one `x509.path…` check.
    pub check: Check,
    /// `None` when the path validated.
    pub verdict: Option<Verdict>,
    /// The time the path validated at (the validation time, or the proof of existence).
    pub validated_at: OffsetDateTime,
}

/// The inputs that do not change between the end entities of one signature.
pub(crate) struct PathInputs<'a> {
    pub ctx: &'a ValidationContext<'a>,
    /// Untrusted certificates: the caller's, the signature's and the external evidence's.
    pub pool: &'a [Certificate],
    pub revocation: &'a dyn RevocationSource,
}

/// Validates `cert` for `purpose` at the validation time; when that fails on validity or
/// revocation and `poe` (an earlier proof of existence of what the certificate signed)
/// is given, validates it again at `poe` (past certificate validation). `claimed` is the
/// signer's own claim of the signing time (signing-time attribute), used only to turn
/// REVOKED_NO_POE into REVOKED when the signer claims to have signed after revocation.
pub(crate) fn validate(
    name: &str,
    inputs: &PathInputs<'_>,
    cert: &Certificate,
    purpose: Purpose,
    poe: Option<OffsetDateTime>,
    claimed: Option<OffsetDateTime>,
) -> PathOutcome {
    let ctx = inputs.ctx;
    let base = PathValidator::new(ctx.trust)
        .signature_memo(&ctx.cache.signatures)
        .intermediates(inputs.pool)
        .purpose(purpose);
    let with_revocation = base.revocation(inputs.revocation);
    let now = ctx.at;
    let first = match with_revocation.at(now).validate_certificate(cert) {
        Ok(path) => {
            return passed(
                name,
                &path,
                now,
                format!(
                    "valid for {} at the validation time {now}, anchored at \"{}\"",
                    purpose.name(),
                    path.anchor().subject
                ),
            );
        }
        Err(e) => e,
    };
    let retry = matches!(
        first,
        PathError::Expired { .. }
            | PathError::NotYetValid { .. }
            | PathError::Revoked { .. }
            | PathError::RevocationUnknown { .. }
    );
    let Some(t) = poe.filter(|t| *t < now && retry) else {
        let chain = chain_without_revocation(&base, cert, now);
        return failed(
            name,
            chain,
            now,
            &first,
            map_error(&first, cert, None, claimed),
        );
    };
    match with_revocation.at(t).validate_certificate(cert) {
        Ok(path) => passed(
            name,
            &path,
            t,
            format!(
                "not valid at the validation time ({first}); valid for {} at {t}, proven by a proof of existence (past certificate validation, EN 319 102-1 §5.6.2.4)",
                purpose.name()
            ),
        ),
        Err(PathError::Revoked { subject, at, .. }) if at > t => {
            // Revoked after the proof of existence: what was signed before stays valid.
            match base.at(t).validate_certificate(cert) {
                Ok(path) => passed(
                    name,
                    &path,
                    t,
                    format!(
                        "\"{subject}\" was revoked at {at}, after the proof of existence at {t} (EN 319 102-1 §5.6.2.4)"
                    ),
                ),
                Err(e) => {
                    let chain = chain_without_revocation(&base, cert, t);
                    failed(name, chain, t, &e, map_error(&e, cert, Some(t), claimed))
                }
            }
        }
        Err(e) => {
            let chain = chain_without_revocation(&base, cert, t);
            failed(name, chain, t, &e, map_error(&e, cert, Some(t), claimed))
        }
    }
}

fn chain_without_revocation(
    base: &PathValidator<'_>,
    cert: &Certificate,
    at: OffsetDateTime,
) -> Vec<Certificate> {
    base.at(at)
        .validate_certificate(cert)
        .map(|p| p.certificates().into_iter().cloned().collect())
        .unwrap_or_default()
}

fn passed(name: &str, path: &ValidatedPath, at: OffsetDateTime, detail: String) -> PathOutcome {
    PathOutcome {
        chain: path.certificates().into_iter().cloned().collect(),
        check: Check::passed(name, detail),
        verdict: None,
        validated_at: at,
    }
}

fn failed(
    name: &str,
    chain: Vec<Certificate>,
    at: OffsetDateTime,
    error: &PathError,
    verdict: Verdict,
) -> PathOutcome {
    let detail = format!("{error} [{}]", error.code());
    let check = match verdict.0 {
        Indication::TotalFailed => Check::failed(name, verdict.1, detail),
        _ => Check::indeterminate(name, verdict.1, detail),
    };
    PathOutcome {
        chain,
        check,
        verdict: Some(verdict),
        validated_at: at,
    }
}

/// The sub-indication of a path error (`spec/report.md` §"Sub-indications"). `poe` is the
/// proof-of-existence time the path was validated at, `None` at the validation time.
pub(crate) fn map_error(
    error: &PathError,
    end_entity: &Certificate,
    poe: Option<OffsetDateTime>,
    claimed: Option<OffsetDateTime>,
) -> Verdict {
    use Indication::{Indeterminate, TotalFailed};
    let is_end_entity = |subject: &str| subject == end_entity.subject.to_string();
    match error {
        // §5.2.6: outside the validity period with no POE inside it; with a POE after it
        // the signature was made with an expired (or not yet valid) certificate.
        PathError::Expired { subject, .. } if poe.is_some() && is_end_entity(subject) => {
            (TotalFailed, SubIndication::Expired)
        }
        PathError::NotYetValid { subject, .. } if poe.is_some() && is_end_entity(subject) => {
            (TotalFailed, SubIndication::NotYetValid)
        }
        PathError::Expired { .. } | PathError::NotYetValid { .. } => {
            (Indeterminate, SubIndication::OutOfBoundsNoPoe)
        }
        PathError::Revoked { subject, at, .. } if is_end_entity(subject) => {
            let proven_after = poe.is_some_and(|t| *at <= t);
            let claimed_after = claimed.is_some_and(|t| *at <= t);
            if proven_after || claimed_after {
                (TotalFailed, SubIndication::Revoked)
            } else {
                (Indeterminate, SubIndication::RevokedNoPoe)
            }
        }
        PathError::Revoked { .. } => (Indeterminate, SubIndication::RevokedCaNoPoe),
        PathError::RevocationUnknown { .. } => (Indeterminate, SubIndication::TryLater),
        // A candidate issuer (or anchor) of the right name whose key does not verify the
        // signature is not the issuer: no chain to a trust anchor was found.
        PathError::UnknownIssuer { .. }
        | PathError::EmptyTrustStore
        | PathError::BadSignature { .. } => (Indeterminate, SubIndication::NoCertificateChainFound),
        PathError::NotCa { .. }
        | PathError::PathLenExceeded { .. }
        | PathError::KeyUsage { .. }
        | PathError::Eku { .. }
        | PathError::NameConstraints { .. }
        | PathError::Policy { .. } => (Indeterminate, SubIndication::ChainConstraintsFailure),
        // Unknown critical extensions, unreadable certificates, an exhausted budget: RFC 5280 rejects the path for a reason that is not one of the
        // validation policy's constraints.
        _ => (Indeterminate, SubIndication::CertificateChainGeneralFailure),
    }
}

/// Checks every certificate of `chain` (end entity first, anchor last) against the
/// algorithm policy at `at`; the anchor's key only (its self-signature is not relied on).
pub(crate) fn check_chain_algorithms(
    name: &str,
    ctx: &ValidationContext<'_>,
    chain: &[Certificate],
    at: OffsetDateTime,
) -> (Check, Option<Verdict>) {
    let last = chain.len().saturating_sub(1);
    for (i, cert) in chain.iter().enumerate() {
        let result = if i == last {
            ctx.policy.check_public_key(cert.public_key_info(), at)
        } else {
            ctx.policy
                .check_certificate_algorithm(&ctx.cache.signature_oid(cert), cert, at)
        };
        if let Err(violation) = result {
            let sub = crypto_sub(&violation);
            let detail = format!("\"{}\": {violation}", cert.subject);
            return (
                Check::indeterminate(name, sub, detail),
                Some((Indication::Indeterminate, sub)),
            );
        }
    }
    if chain.is_empty() {
        return (Check::skipped(name, "no chain was built"), None);
    }
    (
        Check::passed(
            name,
            format!(
                "{} certificates accepted by {} at {at}",
                chain.len(),
                ctx.policy.id()
            ),
        ),
        None,
    )
}

/// CRYPTO_CONSTRAINTS_FAILURE_NO_POE when the algorithm was acceptable earlier (a proof of
/// existence before then would have rescued it), CRYPTO_CONSTRAINTS_FAILURE otherwise.
pub(crate) fn crypto_sub(violation: &PolicyViolation) -> SubIndication {
    if violation.acceptable_before().is_some() {
        SubIndication::CryptoConstraintsFailureNoPoe
    } else {
        SubIndication::CryptoConstraintsFailure
    }
}
