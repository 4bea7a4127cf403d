//! [`RetentionError`]: everything that can go wrong reading a schedule, a scheme, records or
//! holds, computing a disposition, or carrying one out.

use crate::calendar::{CalendarError, JalaliDate};

/// Where a bad value was found: a CSV line and column, or a JSON array element and field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// 1-based line of a CSV file and the column's 1-based number and header name.
    Csv {
        /// 1-based line (the header is line 1).
        line: u64,
        /// 1-based column number.
        column: usize,
        /// The column's header name.
        name: &'static str,
    },
    /// Element `index` (0-based) of the JSON `rows` array, field `name`.
    Json {
        /// 0-based position in the array.
        index: usize,
        /// The field name.
        name: &'static str,
    },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Csv { line, column, name } => {
                write!(f, "line {line}, column {column} ({name})")
            }
            Location::Json { index, name } => write!(f, "rows[{index}].{name}"),
        }
    }
}

/// Why a retention input was rejected or a disposition could not be computed or carried out.
///
/// Input errors name the file kind (`schedule`, `records`, `scheme`, `holds`) and the place;
/// engine errors name the record; action refusals say what is missing and leave the record
/// unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RetentionError {
    /// A field holds a value that is not allowed there.
    #[error("{file} {location}: {message}")]
    Field {
        /// Which input: `schedule`, `records`, `scheme` or `holds`.
        file: &'static str,
        /// Where the value is.
        location: Location,
        /// What was wrong and what is expected.
        message: String,
    },
    /// A retention period or offset is not an ISO 8601 duration samad accepts.
    #[error("duration {input:?}: {message}; write it as P2Y, P6M, P1Y6M, P30D or P0D")]
    Duration {
        /// The input, cut to its first 40 characters.
        input: String,
        /// What was wrong.
        message: String,
    },
    /// The file is not well-formed CSV or JSON, or a line has the wrong number of fields.
    #[error("{file} line {line}: {message}")]
    Malformed {
        /// Which input.
        file: &'static str,
        /// 1-based line (0 when the reader could not tell).
        line: u64,
        /// What the reader found.
        message: String,
    },
    /// A required column is missing from the header row.
    #[error("{file}: the header has no column {column:?}; expected the columns {expected}")]
    MissingColumn {
        /// Which input.
        file: &'static str,
        /// The missing column.
        column: &'static str,
        /// Every column the file must have, comma-separated.
        expected: &'static str,
    },
    /// The same key (row number, class code, record ID, hold ID) appears twice.
    #[error("{file} line {line}: {what} {value:?} already appears on line {first_line}")]
    Duplicate {
        /// Which input.
        file: &'static str,
        /// What is duplicated: `row`, `class_code`, `record_id` or `hold id`.
        what: &'static str,
        /// The duplicated value.
        value: String,
        /// Where it appears again.
        line: u64,
        /// Where it first appeared.
        first_line: u64,
    },
    /// The input is larger than samad reads in one go.
    #[error("{file}: more than {limit} {what}; split the input")]
    TooLarge {
        /// Which input.
        file: &'static str,
        /// What was counted.
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A class of the classification scheme names a parent that is not in the scheme.
    #[error(
        "scheme line {line}: class {class_code:?} has no parent {parent:?} in the scheme; add the parent class first"
    )]
    MissingParent {
        /// The class.
        class_code: String,
        /// The parent code derived from it.
        parent: String,
        /// Where the class is.
        line: u64,
    },
    /// Neither the record's class nor any ancestor class has a schedule row.
    #[error(
        "record {record_id:?}: no schedule row for class {class_code:?} or any parent class; add a row for the class or one of its parents"
    )]
    NoScheduleRow {
        /// The record.
        record_id: String,
        /// Its class.
        class_code: String,
    },
    /// A record, hold or action names a schedule row that does not exist.
    #[error("no schedule row {row:?}; the schedule has no such row number")]
    UnknownRow {
        /// The row number asked for.
        row: String,
    },
    /// The row's trigger needs a fact the record does not have.
    #[error(
        "record {record_id:?}: cannot compute: {trigger} not recorded (row {row}); record the {trigger} date first"
    )]
    TriggerNotRecorded {
        /// The record.
        record_id: String,
        /// The row whose trigger it is.
        row: String,
        /// The trigger, as `event graduation`, `metadata date_of_birth` or `closed`.
        trigger: String,
    },
    /// Date arithmetic for the record left the supported calendar range.
    #[error("record {record_id:?}: {source}")]
    Date {
        /// The record.
        record_id: String,
        /// The calendar's own error.
        #[source]
        source: CalendarError,
    },
    /// A schedule override without an authorized review event.
    #[error(
        "record {record_id:?}: a schedule override to row {row} needs an authorized review event (reviewer and decision reference)"
    )]
    UnauthorizedOverride {
        /// The record.
        record_id: String,
        /// The row the override names.
        row: String,
    },
    /// A disposition action lacks the authorization it needs.
    #[error(
        "record {record_id:?}: {action} refused: {missing} is missing; {action} needs {needed}"
    )]
    NotAuthorized {
        /// The record.
        record_id: String,
        /// `destruction`, `transfer` or `review`.
        action: &'static str,
        /// The missing part of the authorization.
        missing: &'static str,
        /// What the action needs.
        needed: &'static str,
    },
    /// A disposition action on a record under an active hold.
    #[error("record {record_id:?}: {action} refused: held by {holds:?}; lift the holds first")]
    Held {
        /// The record.
        record_id: String,
        /// `destruction` or `transfer`.
        action: &'static str,
        /// The active holds.
        holds: Vec<String>,
    },
    /// A disposition action before the record is due.
    #[error("record {record_id:?}: {action} refused: not due until {due} (as of {as_of})")]
    NotDue {
        /// The record.
        record_id: String,
        /// `destruction` or `transfer`.
        action: &'static str,
        /// When it becomes due.
        due: JalaliDate,
        /// The date of the attempt.
        as_of: JalaliDate,
    },
    /// A disposition action other than the one the record's schedule row prescribes.
    #[error("record {record_id:?}: {action} refused: row {row} prescribes {scheduled}")]
    WrongAction {
        /// The record.
        record_id: String,
        /// The action attempted.
        action: &'static str,
        /// The row.
        row: String,
        /// The row's final action.
        scheduled: &'static str,
    },
    /// The record was already destroyed or transferred.
    #[error(
        "record {record_id:?}: already disposed of ({how} on {date}); nothing more can be done"
    )]
    AlreadyDisposed {
        /// The record.
        record_id: String,
        /// `destroyed` or `transferred`.
        how: &'static str,
        /// When.
        date: JalaliDate,
    },
}

impl RetentionError {
    /// A stable, machine-readable code for the error (the CLI's JSON prints it).
    pub fn code(&self) -> &'static str {
        match self {
            RetentionError::Field { .. } => "field",
            RetentionError::Duration { .. } => "duration",
            RetentionError::Malformed { .. } => "malformed",
            RetentionError::MissingColumn { .. } => "missing-column",
            RetentionError::Duplicate { .. } => "duplicate",
            RetentionError::TooLarge { .. } => "too-large",
            RetentionError::MissingParent { .. } => "missing-parent",
            RetentionError::NoScheduleRow { .. } => "no-schedule-row",
            RetentionError::UnknownRow { .. } => "unknown-row",
            RetentionError::TriggerNotRecorded { .. } => "trigger-not-recorded",
            RetentionError::Date { .. } => "date",
            RetentionError::UnauthorizedOverride { .. } => "unauthorized-override",
            RetentionError::NotAuthorized { .. } => "not-authorized",
            RetentionError::Held { .. } => "held",
            RetentionError::NotDue { .. } => "not-due",
            RetentionError::WrongAction { .. } => "wrong-action",
            RetentionError::AlreadyDisposed { .. } => "already-disposed",
        }
    }
}
