//! Records: the SAMAD essential metadata profile (`spec/metadata.md`) mapped to ISO 23081
//! groups, capture with fixity and format identification, security classification, event
//! history, canonical form (RFC 8785) and export.
//!
//! ```
//! use samad::records::{Agent, Event, EventType};
//! use time::macros::datetime;
//!
//! let e = Event::new(EventType::Close, datetime!(2025-03-20 10:30 UTC), Agent::system("samad"));
//! assert_eq!(e.event_type.as_str(), "close");
//! ```

mod canonical;
mod classification;
mod error;
mod event;
mod formats;
mod model;
mod stamp;
pub mod validate;

pub use canonical::canonical_json;
pub use classification::{Security, SecurityClass, page_marking};
pub use error::RecordsError;
pub use event::{Agent, AgentKind, Event, EventOutcome, EventType};
pub use formats::FormatTier;
pub use model::{
    Access, AccessRights, Description, EventPlan, Fixity, Format, Identity, PROFILE, Producer,
    Record, RecordId, Relation, RelationType, Use,
};
pub use stamp::Stamp;
pub use validate::Violation;

#[cfg(test)]
mod tests;
