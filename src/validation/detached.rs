//! [`validate_detached`]: the whole report for a detached CAdES signature.

use crate::cms::{CmsSignature, Content};
use crate::pki::algorithm::DigestAlgorithm;
use crate::validation::report::{
    Check, DocumentSummary, Indication, SignatureKind, SignatureReport, ValidationReport,
};
use crate::validation::{ExternalEvidence, ValidationContext, finish_report, summary};

/// Validates the detached CAdES signature `signature` (DER) over `content` and returns the
/// whole report: one [`SignatureReport`] with id `signature-1`. A signature that cannot be
/// parsed gives a report whose document check `cms.parse` failed with FORMAT_FAILURE and
/// no signature.
///
/// ```
/// use samad::clock::FixedClock;
/// use samad::cms::{Content, Level, SignOptions, sign};
/// use samad::pki::demo::DemoPki;
/// use samad::pki::revocation::OfflineRevocation;
/// use samad::pki::signer::SoftwareSigner;
/// use samad::pki::trust::TrustStore;
/// use samad::validation::report::Indication;
/// use samad::validation::{ValidationContext, validate_detached};
/// use time::macros::datetime;
///
/// let now = datetime!(2026-03-01 10:00 UTC);
/// let pki = DemoPki::generate(&FixedClock::new(now))?;
/// let official = &pki.officials[0];
/// let signer = SoftwareSigner::from_pkcs8_der(&official.private_key, official.chain())?;
/// let record = b"a record";
/// let sig = sign(Content::Data(record), &signer, &SignOptions::new(Level::BB).signing_time(now))?;
///
/// let trust = TrustStore::from_certificates(vec![
///     samad::pki::cert::Certificate::from_der(&pki.root_ca.certificate)?,
/// ])?;
/// let mut crls = OfflineRevocation::new();
/// for crl in &pki.crls {
///     crls = crls.with_crl_bytes(&crl.der)?;
/// }
/// let ctx = ValidationContext::new(&trust, now).revocation(&crls, "offline");
/// let report = validate_detached(record, &sig, &ctx);
/// assert_eq!(report.indication, Indication::TotalPassed);
/// # Ok::<(), samad::Error>(())
/// ```
pub fn validate_detached(
    content: &[u8],
    signature: &[u8],
    ctx: &ValidationContext<'_>,
) -> ValidationReport {
    let document = DocumentSummary {
        kind: "detached".to_owned(),
        name: None,
        sha256: summary::hex(&DigestAlgorithm::Sha256.digest(content)),
        revisions: None,
    };
    match CmsSignature::from_der(signature) {
        Ok(sig) => {
            let report = crate::validation::validate_cms_signature(
                &sig,
                Content::Data(content),
                ctx,
                &ExternalEvidence::default(),
                "signature-1",
                SignatureKind::Cades,
            );
            finish_report(document, ctx, vec![report], Vec::new())
        }
        Err(e) => {
            let sub = e.sub_indication();
            let check = Check::failed("cms.parse", sub, e.to_string());
            let mut report =
                finish_report(document, ctx, Vec::<SignatureReport>::new(), vec![check]);
            // Not "signed data not found": the signature is there but unreadable.
            report.indication = Indication::TotalFailed;
            report.sub_indication = Some(sub);
            report
        }
    }
}
