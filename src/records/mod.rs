//! Records: the SAMAD essential metadata profile (`spec/metadata.md`) mapped to ISO 23081
//! groups, capture with fixity and format identification (`spec/formats.md`), security
//! classification, event history, canonical form (RFC 8785) and export.
//!
//! | concept | where | standard |
//! |---|---|---|
//! | [`Record`] and its groups ([`Identity`], [`Description`], [`Use`], [`EventPlan`], [`Relation`]) | `model` | ISO 23081-2, the SAMAD directive's list |
//! | [`Event`], [`EventType`], [`Agent`], [`EventOutcome`] | `event` | PREMIS 3 events |
//! | [`Stamp`]: ISO 8601 with the Jalali date | `stamp` | ISO 8601, `spec/calendar.md` |
//! | [`capture()`]: streaming SHA-256 fixity, format, policy verdict | `capture` | PREMIS fixity |
//! | [`identify()`], [`Sniffer`]: signatures → PRONOM PUIDs | `identify` | PRONOM / DROID |
//! | [`FormatPolicy`]: PUID → preferred / acceptable / not accepted | `formats` | SAMAD file-format priorities |
//! | [`SecurityClass`], [`page_marking`] | `classification` | law 1353/11/29, regulation 1354/10/01 |
//! | [`canonical_json()`], [`Record::metadata_digest`] | `canonical` | RFC 8785 (JCS) |
//! | [`validate`]: every violation, JSON pointer + code | `validate` | `spec/metadata.md` §8 |
//! | [`Record::to_xmp`], [`Record::dublin_core`] | `xmp`, `dublin_core` | ISO 16684-1, ISO 15836-1, ISO 19005 |
//!
//! Point-of-capture metadata is fixed: [`Record`] has getters only, and the two ways it
//! changes, [`Record::append_event`] and [`Record::reclassify`], add to its history.
//!
//! ```
//! use samad::clock::FixedClock;
//! use samad::records::{capture, Agent, CaptureFacts, Event, EventType, RecordId, SecurityClass};
//! use time::macros::datetime;
//!
//! let agency = Agent::organization("10380284790", "دانشگاه نمونه");
//! let facts = CaptureFacts::new(
//!     RecordId::parse("REC-1403-000018")?,
//!     "صورتجلسه کمیته",
//!     datetime!(2025-03-18 9:00 +03:30),
//!     agency.clone(),
//!     SecurityClass::Confidential,
//!     "12.3.4",
//! );
//! let clock = FixedClock::new(datetime!(2025-03-20 7:00 UTC));
//! let mut record = capture(&b"%PDF-1.7\n%%EOF\n"[..], facts, &clock)?;
//! assert_eq!(record.format().unwrap().puid, "fmt/276");
//!
//! record.append_event(Event::new(EventType::Close, datetime!(2025-04-01 8:00 UTC), agency.clone()))?;
//! record.reclassify(SecurityClass::Unclassified, &agency, datetime!(2026-01-01 8:00 UTC), "tender closed")?;
//! assert_eq!(record.events().len(), 3);
//! assert!(record.validate().is_empty());
//! # Ok::<(), samad::records::RecordsError>(())
//! ```

mod canonical;
pub(crate) use canonical::hex;
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
