//! The verification calls behind `samad_verify_*`: the same library functions `samad verify`
//! uses, with the report mapped to a [`samad_status`].

use samad::clock::{Clock, SystemClock};
use samad::diploma::status::VerifiedStatusList;
use samad::pki::trust::TrustStore;
use samad::time::OffsetDateTime;
use samad::validation::report::{Indication, ValidationReport};
use samad::validation::{ValidationContext, validate_detached};

use crate::boundary::{Outcome, error_json};
use crate::{json_outcome, samad_status};

/// A PDF (a diploma when it carries a diploma record), optionally with a status list.
pub(crate) fn pdf(pdf: &[u8], trust: &[u8], at_unix: i64, status_list: Option<&[u8]>) -> Outcome {
    let (trust, at) = match setup(trust, at_unix) {
        Ok(setup) => setup,
        Err(outcome) => return outcome,
    };
    let ctx = ValidationContext::new(&trust, at);
    let status = match status_list.map(|list| VerifiedStatusList::verify(list, &ctx)) {
        None => None,
        Some(Ok(list)) => Some(list),
        Some(Err(e)) => {
            return (
                samad_status::SAMAD_ERR_ARGUMENT,
                Some(error_json(e.code(), &e.to_string())),
            );
        }
    };
    match samad::diploma::verify::verify_pdf_document(pdf, &ctx, status.as_ref()) {
        Ok(report) => report_outcome(&report),
        Err(e) => (
            samad_status::SAMAD_ERR_PARSE,
            Some(error_json("pdf", &e.to_string())),
        ),
    }
}

/// A detached CAdES signature (DER) over `data`.
pub(crate) fn detached(data: &[u8], sig: &[u8], trust: &[u8], at_unix: i64) -> Outcome {
    let (trust, at) = match setup(trust, at_unix) {
        Ok(setup) => setup,
        Err(outcome) => return outcome,
    };
    // The report would say FORMAT_FAILURE; the C API promises SAMAD_ERR_PARSE for bytes that
    // are no signature at all.
    if let Err(e) = samad::cms::CmsSignature::from_der(sig) {
        return (
            samad_status::SAMAD_ERR_PARSE,
            Some(error_json("signature", &e.to_string())),
        );
    }
    let ctx = ValidationContext::new(&trust, at);
    report_outcome(&validate_detached(data, sig, &ctx))
}

/// The trust anchors and the validation time, or the argument error to return.
fn setup(trust: &[u8], at_unix: i64) -> Result<(TrustStore, OffsetDateTime), Outcome> {
    let trust = TrustStore::from_pem(trust).map_err(|e| {
        (
            samad_status::SAMAD_ERR_ARGUMENT,
            Some(error_json("trust", &e.to_string())),
        )
    })?;
    let at = if at_unix == 0 {
        SystemClock.now()
    } else {
        OffsetDateTime::from_unix_timestamp(at_unix).map_err(|_| {
            (
                samad_status::SAMAD_ERR_ARGUMENT,
                Some(error_json(
                    "at",
                    &format!("at_unix {at_unix} is not a time samad can use; pass 0 for now"),
                )),
            )
        })?
    };
    Ok((trust, at))
}

/// TOTAL-PASSED ⇒ SAMAD_OK, TOTAL-FAILED ⇒ SAMAD_INVALID, INDETERMINATE ⇒
/// SAMAD_INDETERMINATE, with the report as JSON.
fn report_outcome(report: &ValidationReport) -> Outcome {
    let status = match report.indication {
        Indication::TotalPassed => samad_status::SAMAD_OK,
        Indication::TotalFailed => samad_status::SAMAD_INVALID,
        Indication::Indeterminate => samad_status::SAMAD_INDETERMINATE,
    };
    json_outcome(status, report)
}
