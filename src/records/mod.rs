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
mod capture;
mod classification;
mod dublin_core;
mod error;
mod event;
mod formats;
mod identify;
mod model;
mod stamp;
pub mod validate;
mod xmp;

pub use canonical::canonical_json;
pub use capture::{CaptureFacts, capture, capture_with};
pub use classification::{Security, SecurityClass, page_marking};
pub use dublin_core::DublinCore;
pub use error::RecordsError;
pub use event::{Agent, AgentKind, Event, EventOutcome, EventType};
pub use formats::{FormatPolicy, FormatTier, PolicyEntry};
pub use identify::{HEAD_BYTES, Identification, Sniffer, TAIL_BYTES, identify};
pub use model::{
    Access, AccessRights, Description, EventPlan, Fixity, Format, Identity, PROFILE, Producer,
    Record, RecordId, Relation, RelationType, Use,
};
pub use stamp::Stamp;
pub use validate::Violation;
pub use xmp::SAMAD_XMP_NAMESPACE;

#[cfg(test)]
mod tests;
