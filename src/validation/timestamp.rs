//! Validation of RFC 3161 time-stamps (EN 319 102-1 §5.4): the token's signature and
//! imprint (done by `pki::tsp`), then the TSA's certificate path for time-stamping, with
//! past certificate validation at a later proof of existence of the token (an archive or
//! document time-stamp over it), and the algorithm policy at genTime.

use time::OffsetDateTime;

use crate::pki::algorithm::DigestAlgorithm;
use crate::pki::cert::Certificate;
use crate::pki::path::Purpose;
use crate::pki::tsp::{TimestampRequest, TspError, VerifiedTimestamp, verify_token};
use crate::validation::report::{Check, Indication, SubIndication, TimestampSummary};
use crate::validation::x509::{self, PathInputs};
use crate::validation::{ExternalEvidence, ValidationContext, revocation::EvidenceRevocation};

/// A time-stamp's validation.
pub(crate) struct TimestampOutcome {
    pub summary: TimestampSummary,
    pub checks: Vec<Check>,
    /// The validated TSA chain (for the report's revocation list).
    pub chain: Vec<Certificate>,
}

impl TimestampOutcome {
    pub(crate) fn passed(&self) -> bool {
        self.summary.indication == Indication::TotalPassed
    }
}

/// Validates a token whose signature and imprint already verified: the TSA path for
/// time-stamping (at the validation time, else at `poe`, a later proof of existence of
/// the token) and the algorithm policy. Checks are named `{name}.tsa-path` and
/// `{name}.algorithms`.
pub(crate) fn validate_verified(
    name: &str,
    kind: &str,
    token: &VerifiedTimestamp,
    inputs: &PathInputs<'_>,
    poe: Option<OffsetDateTime>,
) -> TimestampOutcome {
    let mut checks = Vec::new();
    let mut pool = inputs.pool.to_vec();
    pool.extend(
        token
            .certificates
            .iter()
            .filter_map(|der| inputs.ctx.cache.certificate(der)),
    );
    let tsa = match Certificate::from_der(&token.tsa_certificate) {
        Ok(cert) => cert,
        Err(e) => {
            let sub = SubIndication::FormatFailure;
            checks.push(Check::failed(
                format!("{name}.tsa-path"),
                sub,
                e.to_string(),
            ));
            return TimestampOutcome {
                summary: summary(
                    kind,
                    token.gen_time,
                    "unreadable TSA certificate",
                    Some((Indication::TotalFailed, sub)),
                ),
                checks,
                chain: Vec::new(),
            };
        }
    };
    let local = PathInputs {
        ctx: inputs.ctx,
        pool: &pool,
        revocation: inputs.revocation,
    };
    let path = x509::validate(
        &format!("{name}.tsa-path"),
        &local,
        &tsa,
        Purpose::TimeStamping,
        poe,
        None,
    );
    let mut verdict = path.verdict;
    checks.push(path.check);
    let digest_ok = inputs
        .ctx
        .policy
        .check_digest(&token.digest.oid().to_string(), token.gen_time);
    let (algorithms, crypto) = match digest_ok {
        Err(v) => {
            let sub = x509::crypto_sub(&v);
            (
                Check::indeterminate(format!("{name}.algorithms"), sub, v.to_string()),
                Some((Indication::Indeterminate, sub)),
            )
        }
        Ok(()) => x509::check_chain_algorithms(
            &format!("{name}.algorithms"),
            inputs.ctx,
            &path.chain,
            path.validated_at,
        ),
    };
    checks.push(algorithms);
    verdict = verdict.or(crypto);
    TimestampOutcome {
        summary: summary(kind, token.gen_time, &tsa.subject.to_string(), verdict),
        checks,
        chain: path.chain,
    }
}

fn summary(
    kind: &str,
    gen_time: OffsetDateTime,
    tsa: &str,
    verdict: Option<(Indication, SubIndication)>,
) -> TimestampSummary {
    TimestampSummary {
        kind: kind.to_owned(),
        gen_time,
        tsa: tsa.to_owned(),
        indication: verdict.map_or(Indication::TotalPassed, |v| v.0),
        sub_indication: verdict.map(|v| v.1),
    }
}

/// Validates an RFC 3161 token over `hashed` (made with `digest`), e.g. a PDF document
/// time-stamp: the token's signature and imprint, the TSA path (with revocation from
/// `ctx` and `external.data`; past validation at the earliest of `external.poe`), and the
/// algorithm policy. `kind` goes into the summary (`document`, `signature`, `archive`).
///
/// A token that cannot be read or whose imprint differs gets a summary with genTime
/// 1970-01-01T00:00:00Z and TSA `unknown` (`spec/report.md`), TOTAL-FAILED, and no
/// [`VerifiedTimestamp`].
pub fn validate_timestamp(
    token: &[u8],
    digest: DigestAlgorithm,
    hashed: &[u8],
    ctx: &ValidationContext<'_>,
    external: &ExternalEvidence,
    kind: &str,
) -> (TimestampSummary, Option<VerifiedTimestamp>, Vec<Check>) {
    let name = format!("tst.{kind}");
    let extra = &external.data.certificates;
    let verified = TimestampRequest::new(digest, hashed)
        .and_then(|request| verify_token(token, &request, extra));
    let verified = match verified {
        Ok(v) => v,
        Err(e) => {
            let code = tsp_sub(&e);
            let check = Check::failed(format!("{name}.token"), code, e.to_string());
            let summary = summary(
                kind,
                OffsetDateTime::UNIX_EPOCH,
                "unknown",
                Some((Indication::TotalFailed, code)),
            );
            return (summary, None, vec![check]);
        }
    };
    let mut checks = vec![Check::passed(
        format!("{name}.token"),
        format!(
            "signed by the TSA, imprint matches, genTime {}",
            verified.gen_time
        ),
    )];
    let pool: Vec<Certificate> = ctx
        .intermediates
        .iter()
        .cloned()
        .chain(extra.iter().filter_map(|der| ctx.cache.certificate(der)))
        .collect();
    let (revocation, _) = EvidenceRevocation::new(
        (&[], &[]),
        (&external.data.crls, &external.data.ocsp_responses),
        ctx.revocation.map(|r| (r, ctx.revocation_origin)),
    );
    let inputs = PathInputs {
        ctx,
        pool: &pool,
        revocation: &revocation,
    };
    let poe = external.poe.iter().map(|p| p.time).min();
    let outcome = validate_verified(&name, kind, &verified, &inputs, poe);
    checks.extend(outcome.checks);
    (outcome.summary, Some(verified), checks)
}

/// The sub-indication of a token that does not verify (EN 319 102-1 §5.4.4: the time-stamp's
/// own basic validation).
pub(crate) fn tsp_sub(error: &TspError) -> SubIndication {
    match error {
        TspError::ImprintMismatch | TspError::ContentDigestMismatch => SubIndication::HashFailure,
        TspError::BadSignature { .. } => SubIndication::SigCryptoFailure,
        TspError::TsaCertificateNotFound | TspError::SigningCertificateMismatch { .. } => {
            SubIndication::NoSigningCertificateFound
        }
        TspError::Algorithm { .. } => SubIndication::CryptoConstraintsFailure,
        _ => SubIndication::FormatFailure,
    }
}
