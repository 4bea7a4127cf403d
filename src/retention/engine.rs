//! The disposition engine: a record's state, next action and due date as of a day, with the
//! chain of reasoning that led there (`spec/retention.md` §4).
//!
//! The computation, in the Jalali calendar:
//! trigger date → + offset → cutoff → + current period (end of current) → + semi-current
//! period (end of periods = due date). The state then follows from the day asked about and
//! the holds.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::actions::ReviewDecision;
use super::holds::{HoldFinding, HoldRegister};
use super::record::RetentionRecord;
use super::{Cutoff, FinalAction, RetentionError, Schedule, ScheduleRow, Trigger};
use crate::calendar::JalaliDate;

/// Where a record stands in its life cycle (BRIEF §4; `spec/retention.md` §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// Before the end of the current period: kept in the office.
    Active,
    /// After the current period, before the semi-current one ends: kept in the records centre.
    SemiCurrent,
    /// Both periods have passed and the final action (destroy, transfer, review) is due.
    Due,
    /// An active hold applies: nothing may be destroyed or transferred.
    Held,
    /// Both periods have passed and the final action is to keep it permanently.
    Permanent,
}

impl State {
    /// The name the `retention due` JSON uses.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::SemiCurrent => "semi-current",
            State::Due => "due",
            State::Held => "held",
            State::Permanent => "permanent",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the governing row was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChoice {
    /// The row of the record's own class.
    OwnClass,
    /// The row of an ancestor class (the row's `class_code`): class determines destiny.
    Inherited,
    /// A row chosen for this record by an authorized review.
    Override(ReviewDecision),
}

/// The engine's answer for one record. It holds the facts of the computation; the
/// explanation is rendered from them on demand ([`Disposition::explanation`]), so a list of
/// a million dispositions stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Disposition {
    /// The record.
    pub record_id: String,
    /// The record's class.
    pub class_code: String,
    /// Its state on the day asked about.
    pub state: State,
    /// The final action of its row (what happens, or happened, when the periods end).
    pub action: FinalAction,
    /// The row that governs it (shared with the schedule).
    pub schedule_row: Arc<ScheduleRow>,
    /// How that row was chosen.
    pub choice: RowChoice,
    /// The trigger date.
    pub trigger_date: JalaliDate,
    /// The trigger date plus offset.
    pub start: JalaliDate,
    /// The start moved to the cutoff.
    pub cutoff_date: JalaliDate,
    /// The end of the current period (the record is semi-current from then).
    pub current_end: JalaliDate,
    /// The day both periods have run: the final action is due from this day.
    pub periods_end: JalaliDate,
    /// The day asked about.
    pub as_of: JalaliDate,
    /// The active holds on the day asked about.
    pub holds: Vec<String>,
    /// Every hold bearing on the record, active or not, with the reason.
    pub hold_findings: Vec<HoldFinding>,
}

impl Disposition {
    /// The governing row's number.
    pub fn row(&self) -> &str {
        &self.schedule_row.row
    }

    /// True when the row marks the record vital.
    pub fn vital(&self) -> bool {
        self.schedule_row.vital
    }

    /// The day the final action is due: [`Disposition::periods_end`], or `None` when the
    /// record is kept permanently (nothing ever falls due).
    pub fn due(&self) -> Option<JalaliDate> {
        (self.action != FinalAction::Permanent).then_some(self.periods_end)
    }

    /// The chain of reasoning, one step a line (`spec/retention.md` §4.4).
    pub fn explanation(&self) -> Vec<String> {
        let row = self.schedule_row.as_ref();
        let mut lines = Vec::with_capacity(8 + self.hold_findings.len());
        lines.push(match &self.choice {
            RowChoice::OwnClass => format!(
                "row {} ({}) applies to class {}",
                row.row, row.title_en, row.class_code
            ),
            RowChoice::Inherited => format!(
                "row {} ({}) applies: class {} has no row of its own and inherits it from {}",
                row.row, row.title_en, self.class_code, row.class_code
            ),
            RowChoice::Override(review) => format!(
                "row {} ({}) applies by review override: decision {} by {} on {}",
                row.row, row.title_en, review.decision_ref, review.reviewer, review.date
            ),
        });
        let dual = |d: JalaliDate| format!("{d} ({})", d.to_gregorian_string());
        lines.push(format!(
            "trigger {}: {}",
            row.trigger,
            dual(self.trigger_date)
        ));
        if !row.offset.is_zero() {
            lines.push(format!("+ offset {}: {}", row.offset, self.start));
        }
        if row.cutoff != Cutoff::None {
            lines.push(format!(
                "cutoff {}: {}",
                row.cutoff.as_str(),
                dual(self.cutoff_date)
            ));
        }
        lines.push(format!(
            "+ current period {}: {}",
            row.current_period,
            dual(self.current_end)
        ));
        lines.push(format!(
            "+ semi-current period {}: {} → {}",
            row.semi_current_period,
            dual(self.periods_end),
            match row.final_action {
                FinalAction::Permanent => "kept permanently from then".to_owned(),
                action => format!("{action} due"),
            }
        ));
        if row.vital {
            lines.push("vital record (row marks it vital)".to_owned());
        }
        lines.extend(self.hold_findings.iter().map(|f| f.reason.clone()));
        let (current_end, periods_end) = (self.current_end, self.periods_end);
        let why = match self.state {
            State::Held => format!("held by {}", self.holds.join(", ")),
            State::Active => format!("before {current_end}, the end of the current period"),
            State::SemiCurrent => format!("from {current_end} until {periods_end}"),
            State::Permanent => format!("both periods ended {periods_end}"),
            State::Due => format!("both periods ended {periods_end}; {} due", self.action),
        };
        lines.push(format!("as of {}: {} ({why})", self.as_of, self.state));
        lines
    }
}

/// The schedule row that governs `record`, and how it was chosen.
pub fn governing_row<'s>(
    record: &RetentionRecord,
    schedule: &'s Schedule,
) -> Result<(&'s Arc<ScheduleRow>, RowChoice), RetentionError> {
    if let Some(chosen) = &record.schedule_override {
        if chosen.review.reviewer.trim().is_empty() || chosen.review.decision_ref.trim().is_empty()
        {
            return Err(RetentionError::UnauthorizedOverride {
                record_id: record.record_id.clone(),
                row: chosen.row.clone(),
            });
        }
        let row = schedule
            .shared_row(&chosen.row)
            .ok_or_else(|| RetentionError::UnknownRow {
                row: chosen.row.clone(),
            })?;
        return Ok((row, RowChoice::Override(chosen.review.clone())));
    }
    let row = schedule
        .shared_row_for_class(&record.class_code)
        .ok_or_else(|| RetentionError::NoScheduleRow {
            record_id: record.record_id.clone(),
            class_code: record.class_code.clone(),
        })?;
    let choice = if row.class_code == record.class_code {
        RowChoice::OwnClass
    } else {
        RowChoice::Inherited
    };
    Ok((row, choice))
}

/// The disposition of `record` under `schedule` and `holds` as of `as_of`.
///
/// Fails when the record's class has no row (not even inherited), when the trigger's date is
/// not recorded ("cannot compute: event graduation not recorded"), when an override lacks
/// its review, when the record was already disposed of, or when the dates leave the calendar.
///
/// ```
/// use samad::JalaliDate;
/// use samad::retention::{disposition, HoldRegister, RetentionRecord, Schedule, State};
///
/// let schedule = Schedule::from_csv(
///     "row,class_code,title_fa,title_en,trigger,offset,cutoff,current_period,semi_current_period,final_action,authority,vital\n\
///      7,FIN,اسناد مالی,Financial records,created,P0D,fiscal_year_end,P1Y,P4Y,destroy,NDC 1402/15,no\n"
///         .as_bytes(),
/// )?;
/// let voucher = RetentionRecord::new("V-1", "FIN.VOUCHER", JalaliDate::parse("1403/12/30")?);
/// let d = disposition(&voucher, &schedule, &HoldRegister::new(), JalaliDate::parse("1405/06/01")?)?;
/// assert_eq!(d.state, State::SemiCurrent);
/// assert_eq!(d.due().unwrap().to_string(), "1408/12/29"); // 1403/12/30 + 1 year + 4 years
/// assert!(d.explanation()[0].contains("inherits it from FIN"));
/// # Ok::<(), samad::Error>(())
/// ```
pub fn disposition(
    record: &RetentionRecord,
    schedule: &Schedule,
    holds: &HoldRegister,
    as_of: JalaliDate,
) -> Result<Disposition, RetentionError> {
    if let Some(done) = &record.disposed {
        return Err(RetentionError::AlreadyDisposed {
            record_id: record.record_id.clone(),
            how: done.how.as_str(),
            date: done.date,
        });
    }
    let (row, choice) = governing_row(record, schedule)?;
    let date_error = |source| RetentionError::Date {
        record_id: record.record_id.clone(),
        source,
    };
    let trigger_date = trigger_date(record, row)?;
    let start = row.offset.after(&trigger_date).map_err(date_error)?;
    let cutoff_date = match row.cutoff {
        Cutoff::None => start,
        Cutoff::MonthEnd => start.end_of_month(),
        Cutoff::YearEnd => start.end_of_year(),
        Cutoff::FiscalYearEnd => start.end_of_fiscal_year(),
    };
    let current_end = row.current_period.after(&cutoff_date).map_err(date_error)?;
    let periods_end = row
        .semi_current_period
        .after(&current_end)
        .map_err(date_error)?;

    let hold_findings = holds.findings(record, as_of);
    let active: Vec<String> = hold_findings
        .iter()
        .filter(|f| f.active)
        .map(|f| f.id.clone())
        .collect();
    let state = if !active.is_empty() {
        State::Held
    } else if as_of < current_end {
        State::Active
    } else if as_of < periods_end {
        State::SemiCurrent
    } else if row.final_action == FinalAction::Permanent {
        State::Permanent
    } else {
        State::Due
    };
    Ok(Disposition {
        record_id: record.record_id.clone(),
        class_code: record.class_code.clone(),
        state,
        action: row.final_action,
        schedule_row: Arc::clone(row),
        choice,
        trigger_date,
        start,
        cutoff_date,
        current_end,
        periods_end,
        as_of,
        holds: active,
        hold_findings,
    })
}

/// The date `row`'s trigger names, taken from `record`.
fn trigger_date(record: &RetentionRecord, row: &ScheduleRow) -> Result<JalaliDate, RetentionError> {
    let (found, what) = match &row.trigger {
        Trigger::Created => (Some(record.created), String::new()),
        Trigger::Closed => (
            record.closed,
            "closing date (the record is still open)".to_owned(),
        ),
        Trigger::Metadata(field) => (
            record.metadata_dates.get(field).copied(),
            format!("metadata date {field}"),
        ),
        Trigger::Event(name) => (record.events.get(name).copied(), format!("event {name}")),
    };
    found.ok_or_else(|| RetentionError::TriggerNotRecorded {
        record_id: record.record_id.clone(),
        row: row.row.clone(),
        trigger: what,
    })
}
