//! Injected time (STYLE habit 6): nothing in samad reads the system clock directly, so every
//! test is deterministic and a validation can be run "as of" any instant.
//!
//! ```
//! use samad::clock::{Clock, FixedClock};
//! use time::macros::datetime;
//!
//! let clock = FixedClock::new(datetime!(2025-03-20 10:30 UTC));
//! assert_eq!(clock.now().year(), 2025);
//! ```

use time::OffsetDateTime;

/// A source of the current instant.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The operating system's clock, for production use.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock stopped at one instant, for tests and for validation at a past time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(OffsetDateTime);

impl FixedClock {
    /// A clock that always answers `at` (converted to UTC).
    pub fn new(at: OffsetDateTime) -> FixedClock {
        FixedClock(at.to_offset(time::UtcOffset::UTC))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> OffsetDateTime {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> OffsetDateTime {
        (**self).now()
    }
}
