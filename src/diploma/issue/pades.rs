//! The batch's PAdES signing step: [`PadesSealer`] puts the three diploma signatures on each
//! rendered PDF with [`sign_diploma`] (`spec/pades.md` §5) at the batch's level.

use time::OffsetDateTime;

use super::{DiplomaSealer, IssueError};
use crate::diploma::DiplomaRecord;
use crate::ids::NationalCode;
use crate::pdf::pades::{DiplomaSigners, PadesOptions, sign_diploma};

/// Signs every diploma of a batch with the same signers and options; only the signing time
/// (`/M`) changes per diploma.
///
/// ```
/// use samad::clock::FixedClock;
/// use samad::diploma::issue::PadesSealer;
/// use samad::pdf::pades::{DiplomaSigners, Level, PadesOptions};
/// use samad::pki::demo::DemoPki;
/// use samad::pki::signer::SoftwareSigner;
/// use time::macros::datetime;
///
/// let pki = DemoPki::generate(&FixedClock::new(datetime!(2025-03-20 10:00 UTC)))?;
/// let key = |who: &samad::pki::demo::DemoIdentity| SoftwareSigner::from_pkcs8_der(&who.private_key, who.chain());
/// let (a, b, seal) = (key(&pki.officials[0])?, key(&pki.officials[1])?, key(&pki.ministry_seal)?);
/// let signers = DiplomaSigners { official_1: &a, official_2: &b, ministry_seal: &seal };
/// let sealer = PadesSealer::new(signers, PadesOptions::new(Level::BB, datetime!(2025-03-20 10:00 UTC)));
/// # let _ = sealer;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct PadesSealer<'a> {
    signers: DiplomaSigners<'a>,
    options: PadesOptions<'a>,
}

impl std::fmt::Debug for PadesSealer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PadesSealer")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'a> PadesSealer<'a> {
    /// A sealer with these signers and options (`options.signing_time` is replaced by each
    /// diploma's issue time).
    pub fn new(signers: DiplomaSigners<'a>, options: PadesOptions<'a>) -> PadesSealer<'a> {
        PadesSealer { signers, options }
    }
}

impl DiplomaSealer for PadesSealer<'_> {
    fn seal(
        &self,
        unsigned_pdf: Vec<u8>,
        record: &DiplomaRecord,
        signing_time: OffsetDateTime,
    ) -> Result<Vec<u8>, IssueError> {
        let mut options = self.options;
        options.signing_time = signing_time;
        sign_diploma(&unsigned_pdf, &self.signers, &options).map_err(|e| IssueError::Sign {
            number: record.number().to_string(),
            message: e.to_string(),
        })
    }
}

/// The national code in a natural person's certificate: its subject `serialNumber` in the
/// ETSI EN 319 412-1 §5.1.3 form `PNOIR-<code>` (as the demo PKI writes it). The batch's
/// SHAMS names official 1 by it.
pub fn national_code_of_certificate(der: &[u8]) -> Result<NationalCode, IssueError> {
    use x509_parser::prelude::FromDer;
    let bad = |message: String| IssueError::Settings {
        what: "official-1 certificate",
        message,
    };
    let (_, cert) = x509_parser::certificate::X509Certificate::from_der(der)
        .map_err(|e| bad(format!("not a certificate: {e}")))?;
    let serial = cert
        .subject()
        .iter_by_oid(&x509_parser::oid_registry::OID_X509_SERIALNUMBER)
        .find_map(|attribute| attribute.as_str().ok())
        .ok_or_else(|| bad("the subject has no serialNumber (PNOIR-<national code>)".into()))?;
    let code = serial.strip_prefix("PNOIR-").ok_or_else(|| {
        bad(format!(
            "subject serialNumber {serial:?} is not PNOIR-<national code> (ETSI EN 319 412-1)"
        ))
    })?;
    code.parse()
        .map_err(|e: crate::IdError| bad(format!("serialNumber {serial:?}: {e}")))
}
