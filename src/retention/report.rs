//! The JSON element `samad retention due --json` prints for each record (BRIEF §4;
//! `spec/retention.md` §7).

use serde::Serialize;

use super::batch::ListEntry;
use super::record::RetentionRecord;

/// One record's line of the disposition list, in the contract's shape:
/// `{"record_id","state","action","due","due_jalali","row","holds","explanation"}` plus
/// `"error"` when the disposition could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DueReport {
    /// The record.
    pub record_id: String,
    /// `active`, `semi-current`, `due`, `held` or `permanent`; null on error.
    pub state: Option<&'static str>,
    /// `destroy`, `transfer`, `permanent` or `review`; null on error.
    pub action: Option<&'static str>,
    /// ISO `YYYY-MM-DD`; null for permanent retention and on error.
    pub due: Option<String>,
    /// Jalali `YYYY/MM/DD`; null when `due` is.
    pub due_jalali: Option<String>,
    /// The governing row; null on error.
    pub row: Option<String>,
    /// The active holds.
    pub holds: Vec<String>,
    /// The chain of reasoning, or the reason it could not be computed.
    pub explanation: Vec<String>,
    /// Why it could not be computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ReportError>,
}

/// The `error` member of a [`DueReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportError {
    /// [`super::RetentionError::code`].
    pub code: &'static str,
    /// The error's message.
    pub message: String,
}

impl DueReport {
    /// The report line for `record` and its list entry.
    pub fn new(record: &RetentionRecord, entry: &ListEntry) -> DueReport {
        match entry {
            Ok(d) => DueReport {
                record_id: d.record_id.clone(),
                state: Some(d.state.as_str()),
                action: Some(d.action.as_str()),
                due: d.due().map(|date| date.to_gregorian_string()),
                due_jalali: d.due().map(|date| date.to_string()),
                row: Some(d.row().to_owned()),
                holds: d.holds.clone(),
                explanation: d.explanation(),
                error: None,
            },
            Err(e) => DueReport {
                record_id: record.record_id.clone(),
                state: None,
                action: None,
                due: None,
                due_jalali: None,
                row: None,
                holds: Vec::new(),
                explanation: vec![e.to_string()],
                error: Some(ReportError {
                    code: e.code(),
                    message: e.to_string(),
                }),
            },
        }
    }
}
