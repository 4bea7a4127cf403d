//! Check-character systems. Being written.
