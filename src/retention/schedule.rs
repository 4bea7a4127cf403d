//! Disposition schedule rows (ردیف‌های تعیین تکلیف): what happens to the records of a class,
//! and when (BRIEF §4, `spec/retention.md` §2–3).
//!
//! A [`Schedule`] is read from the CSV a records officer writes ([`Schedule::from_csv`]) or
//! from JSON ([`Schedule::from_json`]); every value is checked and a bad one is reported with
//! its line and column (or JSON element and field). A class without a row of its own follows
//! its nearest ancestor's row ([`Schedule::row_for_class`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::scheme::{parent_code, validate_class_code};
use super::{IsoDuration, Location, RetentionError, csv};

/// What starts the retention clock of a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Trigger {
    /// The record's creation date.
    Created,
    /// The date the record (or its file) was closed.
    Closed,
    /// A date held in the record's metadata, `metadata:<field>`.
    Metadata(String),
    /// A named business event outside the record, `event:<name>` (e.g. `event:graduation`).
    Event(String),
}

impl Trigger {
    /// Parses `created`, `closed`, `metadata:<field>` or `event:<name>`.
    pub fn parse(input: &str) -> Result<Trigger, String> {
        let named = |kind: &str, name: &str| {
            if is_name(name) {
                Ok(name.to_owned())
            } else {
                Err(format!(
                    "{kind} name {name:?} must be 1 to 64 letters, digits, '_', '-' or '.'"
                ))
            }
        };
        match input {
            "created" => Ok(Trigger::Created),
            "closed" => Ok(Trigger::Closed),
            _ => {
                if let Some(field) = input.strip_prefix("metadata:") {
                    named("metadata field", field).map(Trigger::Metadata)
                } else if let Some(name) = input.strip_prefix("event:") {
                    named("event", name).map(Trigger::Event)
                } else {
                    Err(format!(
                        "unknown trigger {input:?}; use created, closed, metadata:<field> or event:<name>"
                    ))
                }
            }
        }
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trigger::Created => f.write_str("created"),
            Trigger::Closed => f.write_str("closed"),
            Trigger::Metadata(field) => write!(f, "metadata:{field}"),
            Trigger::Event(name) => write!(f, "event:{name}"),
        }
    }
}

/// True for an event or metadata field name: 1–64 letters, digits, `_`, `-` or `.`.
pub(crate) fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Where the retention clock is moved forward to before the periods are counted (the DoD
/// 5015.2 "cutoff"), in the Jalali calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cutoff {
    /// No cutoff: periods count from the trigger date plus offset.
    None,
    /// The last day of that Jalali month.
    MonthEnd,
    /// The last day of that Jalali year (29 or 30 Esfand).
    YearEnd,
    /// The last day of that Iranian fiscal year, which is the Jalali year (19 or 20 March).
    FiscalYearEnd,
}

impl Cutoff {
    /// The names the schedule file uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Cutoff::None => "none",
            Cutoff::MonthEnd => "month_end",
            Cutoff::YearEnd => "year_end",
            Cutoff::FiscalYearEnd => "fiscal_year_end",
        }
    }

    fn parse(input: &str) -> Result<Cutoff, String> {
        [
            Cutoff::None,
            Cutoff::MonthEnd,
            Cutoff::YearEnd,
            Cutoff::FiscalYearEnd,
        ]
        .into_iter()
        .find(|c| c.as_str() == input)
        .ok_or_else(|| {
            format!("unknown cutoff {input:?}; use none, month_end, year_end or fiscal_year_end")
        })
    }
}

/// What happens to a record once its periods have passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FinalAction {
    /// Destroy it, with the National Documents Council's authorization.
    Destroy,
    /// Transfer it to the National Library and Archives (NLAI).
    Transfer,
    /// Keep it permanently.
    Permanent,
    /// Review it again: an appraiser decides, and may re-schedule it.
    Review,
}

impl FinalAction {
    /// The names the schedule file and the `retention due` JSON use.
    pub fn as_str(self) -> &'static str {
        match self {
            FinalAction::Destroy => "destroy",
            FinalAction::Transfer => "transfer",
            FinalAction::Permanent => "permanent",
            FinalAction::Review => "review",
        }
    }

    fn parse(input: &str) -> Result<FinalAction, String> {
        [
            FinalAction::Destroy,
            FinalAction::Transfer,
            FinalAction::Permanent,
            FinalAction::Review,
        ]
        .into_iter()
        .find(|a| a.as_str() == input)
        .ok_or_else(|| {
            format!("unknown final action {input:?}; use destroy, transfer, permanent or review")
        })
    }
}

impl fmt::Display for FinalAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One schedule row: a class's trigger, offset, cutoff, periods and final action.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScheduleRow {
    /// The row number as the schedule gives it (e.g. `12`, `3.1`).
    pub row: String,
    /// The class the row applies to (and, by inheritance, its descendants without a row).
    pub class_code: String,
    /// The row's title in Persian.
    pub title_fa: String,
    /// The row's title in English.
    pub title_en: String,
    /// What starts the clock.
    pub trigger: Trigger,
    /// Added to the trigger date before the cutoff.
    pub offset: IsoDuration,
    /// Where the clock is moved forward to.
    pub cutoff: Cutoff,
    /// The current period (in the office), counted from the cutoff.
    pub current_period: IsoDuration,
    /// The semi-current period (in the records centre), counted after the current one.
    pub semi_current_period: IsoDuration,
    /// What happens at the end.
    pub final_action: FinalAction,
    /// The authority for the row (the decision that approved the schedule).
    pub authority: String,
    /// A vital record (سند حیاتی), needed to keep the organization running.
    pub vital: bool,
}

/// The columns of the schedule CSV (BRIEF §4).
const COLUMNS: &[&str] = &[
    "row",
    "class_code",
    "title_fa",
    "title_en",
    "trigger",
    "offset",
    "cutoff",
    "current_period",
    "semi_current_period",
    "final_action",
    "authority",
    "vital",
];
const EXPECTED: &str = "row, class_code, title_fa, title_en, trigger, offset, cutoff, \
                        current_period, semi_current_period, final_action, authority, vital";

/// The most rows a schedule may hold.
const MAX_ROWS: usize = 100_000;

/// A validated set of schedule rows, at most one per class. Two schedules are equal when
/// they hold the same rows in the same order.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    /// Shared so that every disposition can point at its row without copying it.
    rows: Vec<Arc<ScheduleRow>>,
    /// The line (CSV) or position (JSON, 0-based) each row came from, for duplicate errors.
    lines: Vec<u64>,
    by_row: HashMap<String, usize>,
    by_class: HashMap<String, usize>,
}

impl PartialEq for Schedule {
    fn eq(&self, other: &Schedule) -> bool {
        self.rows == other.rows
    }
}

impl Eq for Schedule {}

impl Schedule {
    /// A schedule of `rows`; fails on a repeated row number or class code (`line` in the
    /// error is then the 1-based position in `rows`).
    pub fn new(rows: Vec<ScheduleRow>) -> Result<Schedule, RetentionError> {
        let mut schedule = Schedule::default();
        for (i, row) in rows.into_iter().enumerate() {
            schedule.push(row, i as u64 + 1, "schedule")?;
        }
        Ok(schedule)
    }

    fn push(
        &mut self,
        row: ScheduleRow,
        line: u64,
        file: &'static str,
    ) -> Result<(), RetentionError> {
        if self.rows.len() >= MAX_ROWS {
            return Err(RetentionError::TooLarge {
                file,
                what: "rows",
                limit: MAX_ROWS,
            });
        }
        let index = self.rows.len();
        for (what, key, map) in [
            ("row", row.row.clone(), &mut self.by_row),
            ("class_code", row.class_code.clone(), &mut self.by_class),
        ] {
            if let Some(&first) = map.get(&key) {
                return Err(RetentionError::Duplicate {
                    file,
                    what,
                    value: key,
                    line,
                    first_line: self.lines.get(first).copied().unwrap_or(0),
                });
            }
            map.insert(key, index);
        }
        self.rows.push(Arc::new(row));
        self.lines.push(line);
        Ok(())
    }

    /// Reads the schedule CSV of BRIEF §4 (UTF-8, header row, columns in any order).
    pub fn from_csv(input: &[u8]) -> Result<Schedule, RetentionError> {
        let mut schedule = Schedule::default();
        csv::read("schedule", input, COLUMNS, EXPECTED, |line| {
            let raw = RawRow {
                row: line.get("row").to_owned(),
                class_code: line.get("class_code").to_owned(),
                title_fa: line.get("title_fa").to_owned(),
                title_en: line.get("title_en").to_owned(),
                trigger: line.get("trigger").to_owned(),
                offset: line.get("offset").to_owned(),
                cutoff: line.get("cutoff").to_owned(),
                current_period: line.get("current_period").to_owned(),
                semi_current_period: line.get("semi_current_period").to_owned(),
                final_action: line.get("final_action").to_owned(),
                authority: line.get("authority").to_owned(),
                vital: Vital::Text(line.get("vital").to_owned()),
            };
            let row = raw.validate(|name, message| line.error(name, message))?;
            schedule.push(row, line.number(), "schedule")
        })?;
        Ok(schedule)
    }

    /// Reads a schedule as JSON: `{"rows":[{…}]}` with the CSV's column names as keys, the
    /// same text values, and `vital` as `true`/`false` or `"yes"`/`"no"`.
    pub fn from_json(input: &[u8]) -> Result<Schedule, RetentionError> {
        let file: RawFile =
            serde_json::from_slice(input).map_err(|e| RetentionError::Malformed {
                file: "schedule",
                line: e.line() as u64,
                message: format!("not a schedule JSON document (column {}): {e}", e.column()),
            })?;
        let mut schedule = Schedule::default();
        for (index, raw) in file.rows.into_iter().enumerate() {
            let row = raw.validate(|name, message| RetentionError::Field {
                file: "schedule",
                location: Location::Json { index, name },
                message,
            })?;
            schedule.push(row, index as u64, "schedule")?;
        }
        Ok(schedule)
    }

    /// The schedule as the JSON [`Schedule::from_json`] reads.
    pub fn to_json(&self) -> String {
        let rows: Vec<RawRow> = self.rows.iter().map(|r| RawRow::from(r.as_ref())).collect();
        serde_json::to_string_pretty(&RawFile { rows }).unwrap_or_default()
    }

    /// Every row, in file order.
    pub fn rows(&self) -> &[Arc<ScheduleRow>] {
        &self.rows
    }

    /// The row numbered `row`.
    pub fn row(&self, row: &str) -> Option<&ScheduleRow> {
        self.shared_row(row).map(Arc::as_ref)
    }

    pub(crate) fn shared_row(&self, row: &str) -> Option<&Arc<ScheduleRow>> {
        self.by_row.get(row).and_then(|&i| self.rows.get(i))
    }

    /// The row that governs `class_code`: its own, else its nearest ancestor's
    /// (`UNI.EDU.EXAM` → `UNI.EDU` → `UNI`).
    pub fn row_for_class(&self, class_code: &str) -> Option<&ScheduleRow> {
        self.shared_row_for_class(class_code).map(Arc::as_ref)
    }

    pub(crate) fn shared_row_for_class(&self, class_code: &str) -> Option<&Arc<ScheduleRow>> {
        let mut code = Some(class_code);
        while let Some(current) = code {
            if let Some(row) = self.by_class.get(current).and_then(|&i| self.rows.get(i)) {
                return Some(row);
            }
            code = parent_code(current);
        }
        None
    }
}

/// A row as written, before validation; also the JSON form.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    row: String,
    class_code: String,
    #[serde(default)]
    title_fa: String,
    #[serde(default)]
    title_en: String,
    trigger: String,
    offset: String,
    cutoff: String,
    current_period: String,
    semi_current_period: String,
    final_action: String,
    #[serde(default)]
    authority: String,
    vital: Vital,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Vital {
    Flag(bool),
    Text(String),
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    rows: Vec<RawRow>,
}

impl RawRow {
    fn validate(
        self,
        error: impl Fn(&'static str, String) -> RetentionError,
    ) -> Result<ScheduleRow, RetentionError> {
        let row_ok = !self.row.is_empty()
            && self.row.len() <= 32
            && self
                .row
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !row_ok {
            return Err(error(
                "row",
                format!(
                    "row number {:?} must be 1 to 32 ASCII letters, digits, '.', '-' or '_'",
                    self.row
                ),
            ));
        }
        validate_class_code(&self.class_code).map_err(|m| error("class_code", m))?;
        let duration = |name: &'static str, text: &str| {
            IsoDuration::parse(text).map_err(|e| error(name, e.to_string()))
        };
        let vital = match &self.vital {
            Vital::Flag(flag) => *flag,
            Vital::Text(text) => match text.as_str() {
                "yes" => true,
                "no" => false,
                _ => return Err(error("vital", format!("vital {text:?} must be yes or no"))),
            },
        };
        Ok(ScheduleRow {
            trigger: Trigger::parse(&self.trigger).map_err(|m| error("trigger", m))?,
            offset: duration("offset", &self.offset)?,
            cutoff: Cutoff::parse(&self.cutoff).map_err(|m| error("cutoff", m))?,
            current_period: duration("current_period", &self.current_period)?,
            semi_current_period: duration("semi_current_period", &self.semi_current_period)?,
            final_action: FinalAction::parse(&self.final_action)
                .map_err(|m| error("final_action", m))?,
            vital,
            row: self.row,
            class_code: self.class_code,
            title_fa: self.title_fa,
            title_en: self.title_en,
            authority: self.authority,
        })
    }
}

impl From<&ScheduleRow> for RawRow {
    fn from(row: &ScheduleRow) -> RawRow {
        RawRow {
            row: row.row.clone(),
            class_code: row.class_code.clone(),
            title_fa: row.title_fa.clone(),
            title_en: row.title_en.clone(),
            trigger: row.trigger.to_string(),
            offset: row.offset.to_string(),
            cutoff: row.cutoff.as_str().to_owned(),
            current_period: row.current_period.to_string(),
            semi_current_period: row.semi_current_period.to_string(),
            final_action: row.final_action.as_str().to_owned(),
            authority: row.authority.clone(),
            vital: Vital::Flag(row.vital),
        }
    }
}
