//! The validation report (ETSI EN 319 102-1 §5.1.3 indications, §4 report contents): one
//! model for detached CAdES, PAdES documents and the C API. Its JSON form is specified in
//! `spec/report.md`; `samad verify --json` and `samad_verify_*` print exactly this document.

use serde::Serialize;
use time::OffsetDateTime;

/// The main status indication of EN 319 102-1 §5.1.3 (Table 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Indication {
    /// Every check passed.
    #[serde(rename = "TOTAL-PASSED")]
    TotalPassed,
    /// A check failed in a way no later evidence can repair (tampering, revoked before signing…).
    #[serde(rename = "TOTAL-FAILED")]
    TotalFailed,
    /// The checks could not conclude (missing chain, revocation data, proof of existence…).
    #[serde(rename = "INDETERMINATE")]
    Indeterminate,
}

impl Indication {
    /// How bad the indication is, for combining several: passed < indeterminate < failed.
    pub fn severity(self) -> u8 {
        match self {
            Indication::TotalPassed => 0,
            Indication::Indeterminate => 1,
            Indication::TotalFailed => 2,
        }
    }

    /// The indication as printed (`TOTAL-PASSED`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Indication::TotalPassed => "TOTAL-PASSED",
            Indication::TotalFailed => "TOTAL-FAILED",
            Indication::Indeterminate => "INDETERMINATE",
        }
    }
}

/// The sub-indications of EN 319 102-1 §5.1.3 (Tables 6 and 7), spelled as the standard
/// spells them. Stable: programs match on these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum SubIndication {
    // --- with TOTAL-FAILED (Table 6)
    /// The signature is not conformant to its format (ASN.1, ByteRange, disallowed PDF changes…).
    FormatFailure,
    /// The hash of the signed data does not match (the content was changed).
    HashFailure,
    /// The signature value does not verify with the signer's public key.
    SigCryptoFailure,
    /// The signing certificate was revoked before the best signature time.
    Revoked,
    /// The signing certificate expired before the best signature time.
    Expired,
    /// The best signature time is before the signing certificate's notBefore.
    NotYetValid,
    // --- with INDETERMINATE (Table 7)
    /// A signature constraint (of the validation policy) is not met.
    SigConstraintsFailure,
    /// A chain constraint (of the validation policy) is not met.
    ChainConstraintsFailure,
    /// The chain is invalid for a reason not covered by another sub-indication.
    CertificateChainGeneralFailure,
    /// An algorithm or key size is not accepted by the algorithm policy at the relevant time.
    CryptoConstraintsFailure,
    /// The validation policy could not be processed.
    PolicyProcessingError,
    /// The signature policy the signature names is not available.
    SignaturePolicyNotAvailable,
    /// Time-stamps are in an impossible order (e.g. archive before signature time-stamp).
    TimestampOrderFailure,
    /// The signing certificate could not be identified.
    NoSigningCertificateFound,
    /// No chain from the signing certificate to a trust anchor.
    NoCertificateChainFound,
    /// The certificate is revoked and there is no proof of existence before the revocation.
    RevokedNoPoe,
    /// A CA certificate in the chain is revoked and there is no proof of existence before.
    RevokedCaNoPoe,
    /// The certificate is outside its validity and there is no proof of existence within it.
    OutOfBoundsNoPoe,
    /// As above, but the certificate is known not to be revoked.
    OutOfBoundsNotRevoked,
    /// An algorithm became unreliable and there is no proof of existence before that.
    CryptoConstraintsFailureNoPoe,
    /// No proof of existence where one is needed.
    NoPoe,
    /// Revocation data is not yet available; validating later may conclude.
    TryLater,
    /// The signed data could not be obtained (e.g. a detached signature without its content).
    SignedDataNotFound,
}

impl SubIndication {
    /// The sub-indication as printed (`HASH_FAILURE`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            SubIndication::FormatFailure => "FORMAT_FAILURE",
            SubIndication::HashFailure => "HASH_FAILURE",
            SubIndication::SigCryptoFailure => "SIG_CRYPTO_FAILURE",
            SubIndication::Revoked => "REVOKED",
            SubIndication::Expired => "EXPIRED",
            SubIndication::NotYetValid => "NOT_YET_VALID",
            SubIndication::SigConstraintsFailure => "SIG_CONSTRAINTS_FAILURE",
            SubIndication::ChainConstraintsFailure => "CHAIN_CONSTRAINTS_FAILURE",
            SubIndication::CertificateChainGeneralFailure => "CERTIFICATE_CHAIN_GENERAL_FAILURE",
            SubIndication::CryptoConstraintsFailure => "CRYPTO_CONSTRAINTS_FAILURE",
            SubIndication::PolicyProcessingError => "POLICY_PROCESSING_ERROR",
            SubIndication::SignaturePolicyNotAvailable => "SIGNATURE_POLICY_NOT_AVAILABLE",
            SubIndication::TimestampOrderFailure => "TIMESTAMP_ORDER_FAILURE",
            SubIndication::NoSigningCertificateFound => "NO_SIGNING_CERTIFICATE_FOUND",
            SubIndication::NoCertificateChainFound => "NO_CERTIFICATE_CHAIN_FOUND",
            SubIndication::RevokedNoPoe => "REVOKED_NO_POE",
            SubIndication::RevokedCaNoPoe => "REVOKED_CA_NO_POE",
            SubIndication::OutOfBoundsNoPoe => "OUT_OF_BOUNDS_NO_POE",
            SubIndication::OutOfBoundsNotRevoked => "OUT_OF_BOUNDS_NOT_REVOKED",
            SubIndication::CryptoConstraintsFailureNoPoe => "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
            SubIndication::NoPoe => "NO_POE",
            SubIndication::TryLater => "TRY_LATER",
            SubIndication::SignedDataNotFound => "SIGNED_DATA_NOT_FOUND",
        }
    }
}

/// A baseline level (ETSI EN 319 122-1 / 319 142-1 §6): what evidence the signature carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// Basic signature.
    #[serde(rename = "B-B")]
    BB,
    /// With a signature time-stamp.
    #[serde(rename = "B-T")]
    BT,
    /// With all validation data (certificates, revocation) needed to validate it later.
    #[serde(rename = "B-LT")]
    BLt,
    /// With an archive (CAdES) or document (PAdES) time-stamp over all of it.
    #[serde(rename = "B-LTA")]
    BLta,
}

impl Level {
    /// The level as printed (`B-B`, `B-T`, `B-LT`, `B-LTA`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::BB => "B-B",
            Level::BT => "B-T",
            Level::BLt => "B-LT",
            Level::BLta => "B-LTA",
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Level, String> {
        match s {
            "B-B" => Ok(Level::BB),
            "B-T" => Ok(Level::BT),
            "B-LT" => Ok(Level::BLt),
            "B-LTA" => Ok(Level::BLta),
            other => Err(format!(
                "unknown level \"{other}\": use B-B, B-T, B-LT or B-LTA"
            )),
        }
    }
}

/// What kind of signature a [`SignatureReport`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SignatureKind {
    /// A detached CAdES signature over a file.
    Cades,
    /// A PAdES certification signature (the first signature, with `/DocMDP` permissions P).
    Certification {
        /// The DocMDP permission level P (1, 2 or 3).
        permissions: u8,
    },
    /// A PAdES approval signature.
    Approval,
    /// A PDF document time-stamp (`/Type /DocTimeStamp`, ETSI.RFC3161).
    DocumentTimestamp,
}

/// Result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckOutcome {
    /// The check passed.
    Passed,
    /// The check failed.
    Failed,
    /// The check could not conclude.
    Indeterminate,
    /// The check did not apply (e.g. no time-stamp to check).
    Skipped,
}

/// One named check of the validation, in the order it ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable dotted name, e.g. `cms.message-digest`, `x509.path`, `pdf.byte-range`.
    pub name: String,
    /// Its outcome.
    pub outcome: CheckOutcome,
    /// The sub-indication a failure or indeterminate outcome maps to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_indication: Option<SubIndication>,
    /// What was found, in one sentence (empty when there is nothing to add).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl Check {
    /// A passed check.
    pub fn passed(name: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            outcome: CheckOutcome::Passed,
            sub_indication: None,
            detail: detail.into(),
        }
    }

    /// A failed check with its sub-indication.
    pub fn failed(name: impl Into<String>, sub: SubIndication, detail: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            outcome: CheckOutcome::Failed,
            sub_indication: Some(sub),
            detail: detail.into(),
        }
    }

    /// An indeterminate check with its sub-indication.
    pub fn indeterminate(
        name: impl Into<String>,
        sub: SubIndication,
        detail: impl Into<String>,
    ) -> Check {
        Check {
            name: name.into(),
            outcome: CheckOutcome::Indeterminate,
            sub_indication: Some(sub),
            detail: detail.into(),
        }
    }

    /// A check that did not apply.
    pub fn skipped(name: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            name: name.into(),
            outcome: CheckOutcome::Skipped,
            sub_indication: None,
            detail: detail.into(),
        }
    }
}

/// A certificate as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateSummary {
    /// Subject DN (RFC 4514 string).
    pub subject: String,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number, hex.
    pub serial: String,
    /// notBefore.
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    /// notAfter.
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
}

/// The signer as identified by its certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerSummary {
    /// The signing certificate.
    pub certificate: CertificateSummary,
    /// The subject's common name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    /// A natural person's national code (from `serialNumber` `PNOIR-…`, spec `pki-demo.md` §3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national_code: Option<String>,
    /// A legal person's legal-entity ID (from `organizationIdentifier` `NTRIR-…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_entity_id: Option<String>,
}

/// Revocation evidence that was used for one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevocationSummary {
    /// Subject of the certificate whose status this is.
    pub certificate: String,
    /// `crl` or `ocsp`.
    pub kind: String,
    /// Where it came from: `cms` (in the signature), `dss` (PDF), `offline` (files given),
    /// `online`.
    pub origin: String,
    /// `good` or `revoked`.
    pub status: String,
    /// thisUpdate (CRL) or producedAt (OCSP).
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_at: Option<OffsetDateTime>,
}

/// A time-stamp found on or over the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimestampSummary {
    /// `signature` (CAdES signature-time-stamp), `archive` (archive-time-stamp-v3) or
    /// `document` (PDF document time-stamp).
    pub kind: String,
    /// genTime.
    #[serde(with = "time::serde::rfc3339")]
    pub gen_time: OffsetDateTime,
    /// The TSA certificate's subject.
    pub tsa: String,
    /// The time-stamp's own validation result.
    pub indication: Indication,
    /// Its sub-indication when not passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_indication: Option<SubIndication>,
}

/// For a PDF signature: which revision it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The revision (1 = the original file) whose end the ByteRange reaches.
    pub revision: usize,
    /// `/ByteRange` as in the file.
    pub byte_range: Vec<u64>,
    /// Whether the ByteRange covers that revision completely, to its `%%EOF`.
    pub whole_revision: bool,
}

/// One change made in a revision after a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The revision that made the change.
    pub revision: usize,
    /// The object, `N G` (or `trailer`, `xref`).
    pub object: String,
    /// What changed, e.g. `added signature field value`, `page content stream replaced`.
    pub description: String,
    /// Whether the signature's DocMDP level / PAdES rules allow it.
    pub allowed: bool,
}

/// The validation of one signature or document time-stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignatureReport {
    /// Stable identifier within the report: the PDF field name, or `signature-1` for CAdES.
    pub id: String,
    /// What kind of signature this is.
    pub kind: SignatureKind,
    /// The signer's role: a signed claimed role (signer-attributes-v2) or the PDF `/Reason`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The signer, when its certificate was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<SignerSummary>,
    /// The highest baseline level whose evidence is present and valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The time the signer claims (signing-time attribute or PDF `/M`); not proven.
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub claimed_signing_time: Option<OffsetDateTime>,
    /// The best signature time (EN 319 102-1 §5.6.2.1): the earliest proof of existence of
    /// the signature, or the validation time when there is none.
    #[serde(with = "time::serde::rfc3339")]
    pub best_signature_time: OffsetDateTime,
    /// The certification path used, signer first, anchor last.
    pub chain: Vec<CertificateSummary>,
    /// Revocation evidence used.
    pub revocation: Vec<RevocationSummary>,
    /// Time-stamps on or over this signature.
    pub timestamps: Vec<TimestampSummary>,
    /// PDF only: the revision the signature covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Coverage>,
    /// PDF only: every change made after the covered revision.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes_after: Vec<Change>,
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// The signature's indication.
    pub indication: Indication,
    /// Its sub-indication when not TOTAL-PASSED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_indication: Option<SubIndication>,
}

/// What was validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    /// `pdf` or `detached`.
    pub kind: String,
    /// The file name when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// SHA-256 of the document (the PDF, or the detached signature's content), hex.
    pub sha256: String,
    /// PDF only: the number of revisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revisions: Option<usize>,
}

/// The whole report: every signature and the document's overall indication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    /// The report format version (`spec/report.md`).
    pub report_version: u32,
    /// samad's version that made it.
    pub generator: String,
    /// What was validated.
    pub document: DocumentSummary,
    /// The validation time (`--at`, or now).
    #[serde(with = "time::serde::rfc3339")]
    pub validation_time: OffsetDateTime,
    /// The algorithm policy's identifier (`spec/report.md` §policy).
    pub policy: String,
    /// One entry per signature and document time-stamp, in file order.
    pub signatures: Vec<SignatureReport>,
    /// Document-level checks (e.g. diploma record, QR hash, roles, status list).
    pub document_checks: Vec<Check>,
    /// The overall indication: the worst of the signatures' and the document checks'.
    pub indication: Indication,
    /// Its sub-indication when not TOTAL-PASSED.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_indication: Option<SubIndication>,
}

/// The version of the report JSON this code writes.
pub const REPORT_VERSION: u32 = 1;
