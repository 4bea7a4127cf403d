//! The bridge to the records model (`samad::records`): a captured [`Record`] as the engine's
//! input, and a disposition action as an entry of the record's event history.

use time::OffsetDateTime;

use super::RetentionError;
use super::actions::{DispositionEvent, DispositionEventType};
use super::record::RetentionRecord;
use crate::calendar::JalaliDate;
use crate::records::{Agent, Event, EventType, Record};

impl RetentionRecord {
    /// The engine's view of a captured record: its ID, class code, creation date, closing
    /// date (the last successful `close` event) and active holds (`hold` events not followed
    /// by a `release`). Days are taken in the offset each timestamp carries, so a record
    /// created at 23:00 Tehran time is dated that Tehran day. Named events and metadata
    /// dates for `event:`/`metadata:` triggers are added by the caller.
    pub fn from_record(record: &Record) -> Result<RetentionRecord, RetentionError> {
        let record_id = record.id().as_str().to_owned();
        let day = |time: OffsetDateTime| {
            JalaliDate::from_gregorian(time.year(), time.month().into(), time.day()).map_err(
                |source| RetentionError::Date {
                    record_id: record_id.clone(),
                    source,
                },
            )
        };
        let mut out = RetentionRecord::new(
            record_id.clone(),
            record.class_code(),
            day(record.created())?,
        );
        out.closed = record.closed().map(day).transpose()?;
        out.holds = record
            .active_holds()
            .into_iter()
            .map(str::to_owned)
            .collect();
        Ok(out)
    }
}

impl DispositionEvent {
    /// This action as a PREMIS event for the record's history (`destroy`, `transfer` or
    /// `review`), at `time` (from the caller's clock) by `agent`, with the parameters
    /// `authorization`, `schedule_row` and `approver`.
    pub fn to_records_event(&self, time: OffsetDateTime, agent: Agent) -> Event {
        let event_type = match self.event_type {
            DispositionEventType::Destruction => EventType::Destroy,
            DispositionEventType::Transfer => EventType::Transfer,
            DispositionEventType::Review => EventType::Review,
        };
        Event::new(event_type, time, agent)
            .with_detail(self.detail.clone())
            .with_parameter("authorization", self.authorization.clone())
            .with_parameter("schedule_row", self.row.clone())
            .with_parameter("approver", self.agent.clone())
            .with_parameter("day", self.date.to_string())
    }
}
