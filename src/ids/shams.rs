//! SHAMS (شمس), the national document identifier. Being written (see spec/shams.md).
use super::IdError;
use serde::Serialize;
/// A SHAMS identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shams {}
/// Builds a [`Shams`].
#[derive(Debug, Default)]
pub struct ShamsBuilder {}
impl Shams {
    /// Parses the canonical form.
    pub fn parse(_input: &str) -> Result<Shams, IdError> {
        Err(IdError::Empty { kind: super::IdKind::Shams })
    }
}
impl std::fmt::Display for Shams {
    fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}
