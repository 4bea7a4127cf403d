//! Retention and disposition (نگهداری و تعیین تکلیف): every record's fate follows its
//! class's schedule row (BRIEF §2, §4; MoReq2010 §8–9; `spec/retention.md`).
//!
//! | piece | module |
//! |---|---|
//! | classification scheme, class codes and inheritance | [`scheme`] |
//! | schedule rows from CSV or JSON | [`schedule`] |
//! | ISO 8601 periods (`P2Y`, `P6M`, `P0D`) | [`duration`] |
//! | records as the engine sees them, records CSV | [`record`] |
//! | holds on records and aggregations | [`holds`] |
//! | the engine: state, action, due date, explanation | [`engine`] |
//! | destruction, transfer, review | [`actions`] |
//! | the `retention due` JSON element | [`report`] |
//! | disposition list, what-if dry run | [`batch`] |
//!
//! The engine is pure and deterministic: the same record, schedule, holds and day always
//! give the same answer, and nothing reads the clock.
//!
//! ```
//! use samad::JalaliDate;
//! use samad::retention::{disposition, HoldRegister, RetentionRecord, Schedule, State};
//!
//! let schedule = Schedule::from_csv(include_bytes!("../../examples/data/retention-schedule.csv"))?;
//! let records = RetentionRecord::from_csv(include_bytes!("../../examples/data/retention-records.csv"))?;
//! let as_of = JalaliDate::parse("1404/06/01")?;
//! let diploma = records.iter().find(|r| r.class_code == "UNI.EDU.DIPLOMA").unwrap();
//! let d = disposition(diploma, &schedule, &HoldRegister::new(), as_of)?;
//! assert_eq!(d.action.as_str(), "permanent");
//! assert!(d.explanation().iter().any(|line| line.contains("trigger")));
//! # Ok::<(), samad::Error>(())
//! ```

pub mod actions;
pub mod batch;
mod csv;
pub mod duration;
pub mod engine;
mod error;
mod from_records;
pub mod holds;
pub mod record;
pub mod report;
pub mod schedule;
pub mod scheme;

pub use actions::{
    DestructionAuthorization, Disposed, DisposedHow, DispositionEvent, DispositionEventType,
    ReviewDecision, ScheduleOverride, TransferAuthorization, destroy, review, transfer,
};
pub use batch::{Change, ListEntry, Outcome, disposition_list, what_if};
pub use duration::IsoDuration;
pub use engine::{Disposition, RowChoice, State, disposition};
pub use error::{Location, RetentionError};
pub use holds::{Hold, HoldFinding, HoldRegister, HoldTarget};
pub use record::{RECORDS_CSV_HEADER, RetentionRecord};
pub use report::{DueReport, ReportError};
pub use schedule::{Cutoff, FinalAction, Schedule, ScheduleRow, Trigger};
pub use scheme::{Class, ClassificationScheme, parent_code};

#[cfg(test)]
mod tests;
