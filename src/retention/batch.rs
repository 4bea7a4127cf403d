//! Many records at once: the disposition list as of a day, and the what-if dry run that
//! shows which records a schedule change would affect (`spec/retention.md` §7).

use super::engine::{Disposition, State, disposition};
use super::holds::HoldRegister;
use super::record::RetentionRecord;
use super::{FinalAction, RetentionError, Schedule};
use crate::calendar::JalaliDate;

/// One record's line of a disposition list: its disposition, or why none could be computed.
pub type ListEntry = Result<Disposition, RetentionError>;

/// The disposition of every record as of `as_of`, in input order. A record that cannot be
/// computed (no row, trigger not recorded) gets its error and does not stop the others.
pub fn disposition_list(
    records: &[RetentionRecord],
    schedule: &Schedule,
    holds: &HoldRegister,
    as_of: JalaliDate,
) -> Vec<ListEntry> {
    records
        .iter()
        .map(|record| disposition(record, schedule, holds, as_of))
        .collect()
}

/// The facts a what-if run compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The governing row.
    pub row: String,
    /// The state.
    pub state: State,
    /// The final action.
    pub action: FinalAction,
    /// The due date (`None` for permanent retention).
    pub due: Option<JalaliDate>,
}

/// How one record's disposition changes between two schedules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The record.
    pub record_id: String,
    /// Under the current schedule (`Err` holds the error code and message).
    pub before: Result<Outcome, String>,
    /// Under the proposed schedule.
    pub after: Result<Outcome, String>,
}

impl Change {
    /// True when the due date differs.
    pub fn due_changed(&self) -> bool {
        self.before.as_ref().map(|o| o.due).ok() != self.after.as_ref().map(|o| o.due).ok()
    }

    /// True when the final action differs.
    pub fn action_changed(&self) -> bool {
        self.before.as_ref().map(|o| o.action).ok() != self.after.as_ref().map(|o| o.action).ok()
    }
}

fn outcome(entry: ListEntry) -> Result<Outcome, String> {
    entry
        .map(|d| Outcome {
            due: d.due(),
            row: d.row().to_owned(),
            state: d.state,
            action: d.action,
        })
        .map_err(|e| format!("{}: {e}", e.code()))
}

/// A dry run: the records whose row, state, action or due date as of `as_of` would differ
/// if `proposed` replaced `current`. Nothing is changed.
pub fn what_if(
    records: &[RetentionRecord],
    current: &Schedule,
    proposed: &Schedule,
    holds: &HoldRegister,
    as_of: JalaliDate,
) -> Vec<Change> {
    records
        .iter()
        .filter_map(|record| {
            let before = outcome(disposition(record, current, holds, as_of));
            let after = outcome(disposition(record, proposed, holds, as_of));
            (before != after).then(|| Change {
                record_id: record.record_id.clone(),
                before,
                after,
            })
        })
        .collect()
}
