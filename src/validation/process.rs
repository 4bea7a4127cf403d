//! [`validate_cms_signature`]: EN 319 102-1 validation of one CMS signature — the basic
//! validation (§5.3: format, identification of the signing certificate, cryptographic
//! verification, X.509 validation), validation with time-stamps (§5.5: the best signature
//! time from validated signature time-stamps) and long-term validation (§5.6: past
//! certificate validation at the best signature time, proofs of existence from archive
//! time-stamps and the caller's [`ExternalEvidence`]). Every step appends a [`Check`]; the
//! check names are listed in `spec/report.md` §"Checks".

use time::OffsetDateTime;

use crate::cms::{CmsError, CmsSignature, Content};
use crate::pki::cert::Certificate;
use crate::pki::path::Purpose;
use crate::pki::tsp::VerifiedTimestamp;
use crate::validation::report::{
    Check, Indication, Level, SignatureKind, SignatureReport, SubIndication, TimestampSummary,
};
use crate::validation::revocation::EvidenceRevocation;
use crate::validation::timestamp::{self, TimestampOutcome};
use crate::validation::x509::{self, PathInputs, Verdict};
use crate::validation::{ExternalEvidence, ValidationContext, summary};

/// The checks and decisive results of a validation, in the order the steps ran.
#[derive(Default)]
struct Steps {
    checks: Vec<Check>,
    verdicts: Vec<Verdict>,
}

impl Steps {
    fn pass(&mut self, name: &str, detail: impl Into<String>) {
        self.checks.push(Check::passed(name, detail));
    }

    fn fail(&mut self, name: &str, indication: Indication, sub: SubIndication, detail: String) {
        let check = match indication {
            Indication::TotalFailed => Check::failed(name, sub, detail),
            _ => Check::indeterminate(name, sub, detail),
        };
        self.checks.push(check);
        self.verdicts.push((indication, sub));
    }

    fn push(&mut self, check: Check, verdict: Option<Verdict>) {
        self.checks.push(check);
        self.verdicts.extend(verdict);
    }

    /// §5.3.4: a TOTAL-FAILED of any step wins over an INDETERMINATE of another (e.g. a
    /// changed content with an unknown chain is TOTAL-FAILED / HASH_FAILURE); among equals
    /// the first step decides.
    fn verdict(&self) -> Option<Verdict> {
        self.verdicts
            .iter()
            .find(|v| v.0 == Indication::TotalFailed)
            .or_else(|| self.verdicts.first())
            .copied()
    }
}

/// A CmsError as a failed step: TOTAL-FAILED for hash, signature and format failures,
/// INDETERMINATE for the rest.
fn cms_failure(steps: &mut Steps, name: &str, error: &CmsError) {
    let sub = error.sub_indication();
    let indication = match sub {
        SubIndication::HashFailure
        | SubIndication::SigCryptoFailure
        | SubIndication::FormatFailure => Indication::TotalFailed,
        _ => Indication::Indeterminate,
    };
    steps.fail(name, indication, sub, error.to_string());
}

/// EN 319 102-1 validation of one CMS signature over `content`, the building block of
/// [`validate_detached`](super::validate_detached) and of PAdES. `id` and `kind` go into
/// the report as given; the role is the signed claimed role (signer-attributes-v2), if any.
///
/// Revocation data comes from the signature itself (origin `cms`), `external.data`
/// (`dss`) and `ctx.revocation` (`offline`/`online`); `external.poe` are proofs of
/// existence of the signature established by the caller (e.g. document time-stamps).
pub fn validate_cms_signature(
    sig: &CmsSignature,
    content: Content<'_>,
    ctx: &ValidationContext<'_>,
    external: &ExternalEvidence,
    id: &str,
    kind: SignatureKind,
) -> SignatureReport {
    let mut steps = Steps::default();

    // Format: the algorithms must be ones samad implements.
    let algorithms = sig
        .digest_algorithm()
        .and_then(|d| sig.signature_algorithm().map(|s| (d, s)));
    let algorithms = match algorithms {
        Ok((digest, signature)) => {
            steps.pass(
                "cms.algorithms",
                format!("digest {digest}, signature {signature}"),
            );
            Some((digest, signature))
        }
        Err(e) => {
            cms_failure(&mut steps, "cms.algorithms", &e);
            None
        }
    };

    // Identification of the signing certificate (§5.2.3).
    let embedded: Vec<Certificate> = sig
        .certificates()
        .iter()
        .filter_map(|der| ctx.cache.certificate(der))
        .collect();
    let external_certs: Vec<Certificate> = external
        .data
        .certificates
        .iter()
        .filter_map(|der| ctx.cache.certificate(der))
        .collect();
    let extra: Vec<Certificate> = ctx
        .intermediates
        .iter()
        .cloned()
        .chain(external_certs.iter().cloned())
        .collect();
    let pool: Vec<Certificate> = extra.iter().cloned().chain(embedded).collect();
    let signer = sig.signer_certificate(&extra);
    match &signer {
        Some(cert) => {
            steps.pass(
                "cms.signer-certificate",
                format!("\"{}\", serial {}", cert.subject, cert.serial_hex()),
            );
            match sig.check_signing_certificate(cert) {
                Ok(()) => steps.pass(
                    "cms.signing-certificate-attribute",
                    "the ESS signing-certificate attribute names this certificate",
                ),
                Err(e) => cms_failure(&mut steps, "cms.signing-certificate-attribute", &e),
            }
        }
        None => steps.fail(
            "cms.signer-certificate",
            Indication::Indeterminate,
            SubIndication::NoSigningCertificateFound,
            "the signer's certificate is neither in the signature nor among the given certificates; pass it with --certs".to_owned(),
        ),
    }

    // Cryptographic verification (§5.2.7).
    match sig.check_message_digest(content) {
        Ok(()) => steps.pass(
            "cms.message-digest",
            "the content's digest equals the signed message-digest",
        ),
        Err(e) => cms_failure(&mut steps, "cms.message-digest", &e),
    }
    // Validation data and the combined revocation source.
    let (revocation, unreadable) = EvidenceRevocation::new(
        (sig.crls(), sig.ocsp_responses()),
        (&external.data.crls, &external.data.ocsp_responses),
        ctx.revocation.map(|r| (r, ctx.revocation_origin)),
    );
    for item in unreadable {
        steps.checks.push(Check::skipped(
            "revocation.data",
            format!("ignored from {}: {}", item.origin, item.detail),
        ));
    }
    let inputs = PathInputs {
        ctx,
        pool: &pool,
        revocation: &revocation,
    };

    // Time-stamps (§5.4, §5.5): archive time-stamps first, as they are proofs of existence
    // for the signature time-stamps under them.
    let external_poe = external.poe.iter().min_by_key(|p| p.time);
    let mut timestamps: Vec<TimestampSummary> = Vec::new();
    let mut tsa_chains: Vec<Vec<Certificate>> = Vec::new();
    let archive = validate_tokens(
        "archive",
        sig.archive_timestamps(content),
        &inputs,
        external_poe.map(|p| p.time),
        &mut steps,
    );
    let archive_poe = archive
        .iter()
        .filter(|(_, o)| o.passed())
        .map(|(t, _)| t.gen_time)
        .min();
    let signature_poe = [archive_poe, external_poe.map(|p| p.time)]
        .into_iter()
        .flatten()
        .min();
    let signature_tsts = validate_tokens(
        "signature",
        sig.signature_timestamps(),
        &inputs,
        signature_poe,
        &mut steps,
    );
    let first_tst = signature_tsts
        .iter()
        .filter(|(_, o)| o.passed())
        .map(|(t, _)| t.gen_time)
        .min();
    if let (Some(tst), Some(ats)) = (first_tst, archive_poe)
        && ats < tst
    {
        steps.fail(
            "tst.order",
            Indication::Indeterminate,
            SubIndication::TimestampOrderFailure,
            format!("an archive time-stamp ({ats}) predates the signature time-stamp ({tst})"),
        );
    }
    for (_, outcome) in signature_tsts.iter().chain(archive.iter()) {
        timestamps.push(outcome.summary.clone());
        tsa_chains.push(outcome.chain.clone());
    }

    // The best signature time (§5.6.2.1): the earliest proof of existence of the signature.
    let mut best = (
        ctx.at,
        "the validation time (no proof of existence)".to_owned(),
    );
    let candidates = [
        first_tst.map(|t| (t, "a signature time-stamp".to_owned())),
        archive_poe.map(|t| (t, "an archive time-stamp".to_owned())),
        external_poe.map(|p| (p.time, p.source.clone())),
    ];
    for (time, source) in candidates.into_iter().flatten() {
        if time < best.0 {
            best = (time, source);
        }
    }
    let best_signature_time = best.0;
    let poe = (best_signature_time < ctx.at).then_some(best_signature_time);
    steps.pass(
        "poe.best-signature-time",
        format!("{best_signature_time}, from {}", best.1),
    );
    if let Some(claimed) = sig.signing_time()
        && claimed > best_signature_time + time::Duration::minutes(5)
    {
        steps.checks.push(Check::skipped(
            "poe.claimed-signing-time",
            format!(
                "the claimed signing time {claimed} is after the best signature time {best_signature_time}; the claim is not relied on"
            ),
        ));
    }

    // Algorithm policy for the signature itself, at the best signature time (§5.2.8).
    if let Some((digest, signature)) = algorithms {
        let policy = &ctx.policy;
        let result = policy
            .check_digest(&digest.oid().to_string(), best_signature_time)
            .and_then(|()| {
                policy.check_signature_algorithm(&signature.oid().to_string(), best_signature_time)
            });
        match result {
            Ok(()) => steps.pass(
                "policy.signature",
                format!(
                    "{digest} and {signature} accepted by {} at {best_signature_time}",
                    policy.id()
                ),
            ),
            Err(v) => steps.fail(
                "policy.signature",
                Indication::Indeterminate,
                x509::crypto_sub(&v),
                v.to_string(),
            ),
        }
    }

    // The signature value (§5.2.7), unless the policy refuses the signer's key at the best
    // signature time (§5.2.8): a value made with a refused key is not relied on, and keys
    // samad cannot verify (RSA below 2048 bits) are all refused.
    let key_refused = signer.as_ref().and_then(|cert| {
        ctx.policy
            .check_public_key(cert.public_key_info(), best_signature_time)
            .err()
    });
    match (&signer, key_refused) {
        (Some(_), Some(violation)) => {
            steps.fail(
                "policy.signer-key",
                Indication::Indeterminate,
                x509::crypto_sub(&violation),
                violation.to_string(),
            );
            steps.checks.push(Check::skipped(
                "cms.signature-value",
                "not verified: the algorithm policy refuses the signer's key",
            ));
        }
        (Some(cert), None) => match sig.verify_signature_value(cert) {
            Ok(()) => steps.pass(
                "cms.signature-value",
                "the signature value verifies with the signer's public key",
            ),
            Err(e) => cms_failure(&mut steps, "cms.signature-value", &e),
        },
        (None, _) => steps.checks.push(Check::skipped(
            "cms.signature-value",
            "no signing certificate",
        )),
    }

    // X.509 validation of the signing certificate (§5.2.6), in the past when needed (§5.6).
    let mut chain: Vec<Certificate> = Vec::new();
    if let Some(cert) = &signer {
        let outcome = x509::validate(
            "x509.path",
            &inputs,
            cert,
            Purpose::DocumentSigning,
            poe,
            sig.signing_time(),
        );
        steps.push(outcome.check, outcome.verdict);
        let (check, verdict) =
            x509::check_chain_algorithms("policy.chain", ctx, &outcome.chain, outcome.validated_at);
        steps.push(check, verdict);
        chain = outcome.chain;
    }

    let mut revocation_used = revocation.used_for(&chain.iter().collect::<Vec<_>>());
    for tsa_chain in &tsa_chains {
        for item in revocation.used_for(&tsa_chain.iter().collect::<Vec<_>>()) {
            if !revocation_used.contains(&item) {
                revocation_used.push(item);
            }
        }
    }

    let verdict = steps.verdict();
    let level = level_reached(sig, external, first_tst.is_some(), archive_poe.is_some());
    SignatureReport {
        id: id.to_owned(),
        kind,
        role: sig.claimed_role(),
        signer: signer.as_ref().map(summary::signer),
        level: Some(level),
        claimed_signing_time: sig.signing_time(),
        best_signature_time,
        chain: chain.iter().map(summary::certificate).collect(),
        revocation: revocation_used,
        timestamps,
        coverage: None,
        changes_after: Vec::new(),
        checks: steps.checks,
        indication: verdict.map_or(Indication::TotalPassed, |v| v.0),
        sub_indication: verdict.map(|v| v.1),
    }
}

/// Validates the tokens `cms` handed back (imprint already checked), numbering them from 1.
fn validate_tokens(
    kind: &str,
    tokens: Vec<Result<VerifiedTimestamp, CmsError>>,
    inputs: &PathInputs<'_>,
    poe: Option<OffsetDateTime>,
    steps: &mut Steps,
) -> Vec<(VerifiedTimestamp, TimestampOutcome)> {
    let mut out = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let name = format!("tst.{kind}.{}", i + 1);
        match token {
            Ok(token) => {
                steps.checks.push(Check::passed(
                    format!("{name}.token"),
                    format!(
                        "signed by the TSA, imprint matches, genTime {}",
                        token.gen_time
                    ),
                ));
                let outcome = timestamp::validate_verified(&name, kind, &token, inputs, poe);
                // A time-stamp that does not validate is not a proof of existence; it does
                // not decide the signature's indication by itself (§5.6.2.1).
                steps.checks.extend(outcome.checks.iter().cloned());
                out.push((token, outcome));
            }
            Err(e) => {
                let sub = e.sub_indication();
                steps
                    .checks
                    .push(Check::failed(format!("{name}.token"), sub, e.to_string()));
            }
        }
    }
    out
}

/// The highest baseline level whose evidence is present and valid (EN 319 122-1 §6):
/// B-T needs a validated signature time-stamp; B-LT validation data in the signature (or
/// outside it); B-LTA a validated archive time-stamp (or an external proof of existence).
fn level_reached(
    sig: &CmsSignature,
    external: &ExternalEvidence,
    signature_tst: bool,
    archive_tst: bool,
) -> Level {
    let structural = sig.level();
    let has_data = structural >= Level::BLt || external.data != Default::default();
    match (
        signature_tst,
        has_data,
        archive_tst || !external.poe.is_empty(),
    ) {
        (false, _, _) => Level::BB,
        (true, false, _) => Level::BT,
        (true, true, false) => Level::BLt,
        (true, true, true) => Level::BLta,
    }
}
