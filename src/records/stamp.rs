//! [`Stamp`]: how the profile writes an instant — ISO 8601 (RFC 3339) beside its Jalali
//! rendering, as `spec/metadata.md` §4 requires of every date.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::JalaliDate;

/// An instant as the profile writes it: `{"iso":"2025-03-20T10:30:00+03:30","jalali":"1403/12/30"}`.
///
/// `jalali` is the Jalali calendar date of the instant *at the offset written in `iso`*, so
/// a reader in Tehran and one in UTC agree on it. On reading, `jalali` must equal the date
/// computed from `iso`; a mismatch is an error, never silently corrected.
///
/// ```
/// use samad::records::Stamp;
/// use time::macros::datetime;
///
/// let stamp = Stamp::new(datetime!(2025-03-20 23:30 +03:30))?;
/// assert_eq!(stamp.iso(), "2025-03-20T23:30:00+03:30");
/// assert_eq!(stamp.jalali().to_string(), "1403/12/30");
/// # Ok::<(), samad::records::RecordsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    at: OffsetDateTime,
    jalali: JalaliDate,
}

impl Stamp {
    /// The stamp of `at`; fails if its date is outside the Jalali years samad supports.
    pub fn new(at: OffsetDateTime) -> Result<Stamp, super::RecordsError> {
        let jalali = jalali_of(at)?;
        // Sub-second precision is dropped: the profile's ISO form has whole seconds.
        let at = at.replace_nanosecond(0).unwrap_or(at);
        Ok(Stamp { at, jalali })
    }

    /// Parses the ISO 8601 (RFC 3339) form, e.g. `2025-03-20T10:30:00Z`.
    pub fn parse_iso(iso: &str) -> Result<Stamp, super::RecordsError> {
        let at =
            OffsetDateTime::parse(iso, &Rfc3339).map_err(|e| super::RecordsError::BadTime {
                value: iso.chars().take(40).collect(),
                reason: e.to_string(),
            })?;
        Stamp::new(at)
    }

    /// The instant.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }

    /// The Jalali date of the instant at its own offset.
    pub fn jalali(&self) -> JalaliDate {
        self.jalali
    }

    /// The ISO 8601 (RFC 3339) form with whole seconds.
    pub fn iso(&self) -> String {
        format_iso(self.at)
    }
}

impl From<Stamp> for OffsetDateTime {
    fn from(s: Stamp) -> OffsetDateTime {
        s.at
    }
}

/// RFC 3339 with whole seconds; falls back to the `time` crate's own form, which cannot
/// happen for the years [`JalaliDate`] supports.
pub(crate) fn format_iso(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_else(|_| at.to_string())
}

pub(crate) fn jalali_of(at: OffsetDateTime) -> Result<JalaliDate, super::RecordsError> {
    JalaliDate::from_gregorian(at.year(), u8::from(at.month()), at.day()).map_err(|e| {
        super::RecordsError::BadTime {
            value: format_iso(at),
            reason: e.to_string(),
        }
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    iso: String,
    jalali: String,
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Wire {
            iso: self.iso(),
            jalali: self.jalali.to_string(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let wire = Wire::deserialize(d)?;
        let stamp = Stamp::parse_iso(&wire.iso).map_err(D::Error::custom)?;
        if stamp.jalali.to_string() != wire.jalali {
            return Err(D::Error::custom(format!(
                "jalali {:?} does not match iso {:?} (expected {})",
                wire.jalali, wire.iso, stamp.jalali
            )));
        }
        Ok(stamp)
    }
}

/// `#[serde(with = "stamp")]` for an `OffsetDateTime` field written as a [`Stamp`].
pub(crate) mod as_stamp {
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::OffsetDateTime;

    use super::Stamp;

    pub fn serialize<S: Serializer>(at: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        Stamp::new(*at).map_err(S::Error::custom)?.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        Stamp::deserialize(d)
            .map(|s| s.at)
            .map_err(D::Error::custom)
    }
}
