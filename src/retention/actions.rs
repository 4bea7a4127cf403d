//! Disposition actions: destruction, transfer to NLAI and review (MoReq2010 §9;
//! `spec/retention.md` §6).
//!
//! Each action checks everything first and changes the record only when every check
//! passes: a refused action returns the reason and leaves the record exactly as it was.
//! Destruction and transfer need the record due, unheld, its row prescribing that action,
//! and an authorization; both record an event and keep the record's metadata. A review
//! needs a reviewer and a decision reference, records an event, and may re-schedule the
//! record to another row.

use serde::Serialize;

use super::engine::{State, disposition};
use super::holds::HoldRegister;
use super::record::RetentionRecord;
use super::{FinalAction, RetentionError, Schedule};
use crate::calendar::JalaliDate;

/// The authorization a destruction needs: a decision of the National Documents Council
/// (شورای ملی اسناد) and the person who approved carrying it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestructionAuthorization {
    /// The Council decision's reference, e.g. `NDC-1404/112`.
    pub decision_ref: String,
    /// Who approved the destruction (name or national code).
    pub approver: String,
}

/// The authorization a transfer needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferAuthorization {
    /// The receiving archive; NLAI (سازمان اسناد و کتابخانه ملی) for permanent records.
    pub receiver: String,
    /// The transfer agreement or list's reference.
    pub reference: String,
    /// Who approved the transfer.
    pub approver: String,
}

/// A review's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewDecision {
    /// Who reviewed (name or national code).
    pub reviewer: String,
    /// The decision's reference.
    pub decision_ref: String,
    /// The day of the decision.
    pub date: JalaliDate,
}

/// A schedule row chosen for one record by a review, in place of its class's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleOverride {
    /// The row number now governing the record.
    pub row: String,
    /// The review that authorized it.
    pub review: ReviewDecision,
}

/// How a record left the records system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DisposedHow {
    /// Its content was destroyed; the metadata remains.
    Destroyed,
    /// It was transferred to another archive.
    Transferred,
}

impl DisposedHow {
    /// `destroyed` or `transferred`.
    pub fn as_str(self) -> &'static str {
        match self {
            DisposedHow::Destroyed => "destroyed",
            DisposedHow::Transferred => "transferred",
        }
    }
}

/// That a record was destroyed or transferred, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Disposed {
    /// Destroyed or transferred.
    pub how: DisposedHow,
    /// The day.
    pub date: JalaliDate,
}

/// The kind of a disposition event (PREMIS eventType).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DispositionEventType {
    /// Content destroyed under an authorization.
    Destruction,
    /// Custody transferred.
    Transfer,
    /// A disposition review.
    Review,
}

/// What a disposition action leaves in the record's history: who, when, under which
/// authorization and schedule row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DispositionEvent {
    /// What happened.
    pub event_type: DispositionEventType,
    /// The record.
    pub record_id: String,
    /// The day.
    pub date: JalaliDate,
    /// Who approved or reviewed.
    pub agent: String,
    /// The authorization: Council decision, transfer reference or review decision.
    pub authorization: String,
    /// The schedule row in force when it happened.
    pub row: String,
    /// One line of detail (the receiver, the new row, …).
    pub detail: String,
}

fn require(
    record: &RetentionRecord,
    action: &'static str,
    needed: &'static str,
    parts: &[(&'static str, &str)],
) -> Result<(), RetentionError> {
    match parts.iter().find(|(_, value)| value.trim().is_empty()) {
        Some((missing, _)) => Err(RetentionError::NotAuthorized {
            record_id: record.record_id.clone(),
            action,
            missing,
            needed,
        }),
        None => Ok(()),
    }
}

/// Checks that `record` may undergo `action` (`destroy` or `transfer`) on `on`, and returns
/// the governing row's number.
fn check_due(
    record: &RetentionRecord,
    schedule: &Schedule,
    holds: &HoldRegister,
    on: JalaliDate,
    action: &'static str,
    wanted: FinalAction,
) -> Result<String, RetentionError> {
    let d = disposition(record, schedule, holds, on)?;
    if d.state == State::Held {
        return Err(RetentionError::Held {
            record_id: record.record_id.clone(),
            action,
            holds: d.holds,
        });
    }
    if d.action != wanted {
        return Err(RetentionError::WrongAction {
            record_id: record.record_id.clone(),
            action,
            row: d.row().to_owned(),
            scheduled: d.action.as_str(),
        });
    }
    if d.state != State::Due {
        return Err(RetentionError::NotDue {
            record_id: record.record_id.clone(),
            action,
            due: d.periods_end,
            as_of: on,
        });
    }
    Ok(d.row().to_owned())
}

/// Destroys `record` on `on`: the record must be due for destruction under its row, no
/// hold may be active, and `authorization` must name the Council decision and the approver.
/// On success the record is marked destroyed and keeps its metadata and a destruction
/// event; on refusal it is unchanged.
pub fn destroy(
    record: &mut RetentionRecord,
    schedule: &Schedule,
    holds: &HoldRegister,
    on: JalaliDate,
    authorization: &DestructionAuthorization,
) -> Result<DispositionEvent, RetentionError> {
    const NEEDED: &str = "a National Documents Council decision reference and an approver";
    require(
        record,
        "destruction",
        NEEDED,
        &[
            (
                "the Council decision reference",
                &authorization.decision_ref,
            ),
            ("the approver", &authorization.approver),
        ],
    )?;
    let row = check_due(
        record,
        schedule,
        holds,
        on,
        "destruction",
        FinalAction::Destroy,
    )?;
    let event = DispositionEvent {
        event_type: DispositionEventType::Destruction,
        record_id: record.record_id.clone(),
        date: on,
        agent: authorization.approver.clone(),
        authorization: authorization.decision_ref.clone(),
        row,
        detail: "content destroyed; metadata kept".to_owned(),
    };
    record.disposed = Some(Disposed {
        how: DisposedHow::Destroyed,
        date: on,
    });
    record.history.push(event.clone());
    Ok(event)
}

/// Transfers `record` on `on` to `authorization.receiver`, under the same conditions as
/// [`destroy`] but for rows whose final action is `transfer`.
pub fn transfer(
    record: &mut RetentionRecord,
    schedule: &Schedule,
    holds: &HoldRegister,
    on: JalaliDate,
    authorization: &TransferAuthorization,
) -> Result<DispositionEvent, RetentionError> {
    const NEEDED: &str = "a receiver, a transfer reference and an approver";
    require(
        record,
        "transfer",
        NEEDED,
        &[
            ("the receiver", &authorization.receiver),
            ("the transfer reference", &authorization.reference),
            ("the approver", &authorization.approver),
        ],
    )?;
    let row = check_due(
        record,
        schedule,
        holds,
        on,
        "transfer",
        FinalAction::Transfer,
    )?;
    let event = DispositionEvent {
        event_type: DispositionEventType::Transfer,
        record_id: record.record_id.clone(),
        date: on,
        agent: authorization.approver.clone(),
        authorization: authorization.reference.clone(),
        row,
        detail: format!("custody transferred to {}", authorization.receiver),
    };
    record.disposed = Some(Disposed {
        how: DisposedHow::Transferred,
        date: on,
    });
    record.history.push(event.clone());
    Ok(event)
}

/// Reviews `record`: records a review event and, with `reschedule_to`, puts the record
/// under that row from now on (an authorized override of its class's row). A review may
/// happen at any time, also under a hold: it changes the plan, never the content.
pub fn review(
    record: &mut RetentionRecord,
    schedule: &Schedule,
    decision: &ReviewDecision,
    reschedule_to: Option<&str>,
) -> Result<DispositionEvent, RetentionError> {
    if let Some(done) = &record.disposed {
        return Err(RetentionError::AlreadyDisposed {
            record_id: record.record_id.clone(),
            how: done.how.as_str(),
            date: done.date,
        });
    }
    require(
        record,
        "review",
        "a reviewer and a decision reference",
        &[
            ("the reviewer", &decision.reviewer),
            ("the decision reference", &decision.decision_ref),
        ],
    )?;
    // A record whose class has no row can still be given one by review.
    let current = match super::engine::governing_row(record, schedule) {
        Ok((row, _)) => row.row.clone(),
        Err(RetentionError::NoScheduleRow { .. }) => "(none)".to_owned(),
        Err(e) => return Err(e),
    };
    let new_row = match reschedule_to {
        Some(row) => Some(
            schedule
                .row(row)
                .ok_or_else(|| RetentionError::UnknownRow {
                    row: row.to_owned(),
                })?
                .row
                .clone(),
        ),
        None => None,
    };
    let detail = match &new_row {
        Some(row) => format!("re-scheduled from row {current} to row {row}"),
        None => format!("kept under row {current}"),
    };
    let event = DispositionEvent {
        event_type: DispositionEventType::Review,
        record_id: record.record_id.clone(),
        date: decision.date,
        agent: decision.reviewer.clone(),
        authorization: decision.decision_ref.clone(),
        row: current,
        detail,
    };
    if let Some(row) = new_row {
        record.schedule_override = Some(ScheduleOverride {
            row,
            review: decision.clone(),
        });
    }
    record.history.push(event.clone());
    Ok(event)
}
