//! samad's diploma number. Being written (see spec/identifiers.md).
use super::IdError;
use serde::Serialize;
/// A diploma number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiplomaNumber {}
/// Degree level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DegreeLevel {
    /// Associate.
    Associate,
}
impl DiplomaNumber {
    /// Parses the typed form.
    pub fn parse(_input: &str) -> Result<DiplomaNumber, IdError> {
        Err(IdError::Empty { kind: super::IdKind::DiplomaNumber })
    }
}
impl std::fmt::Display for DiplomaNumber {
    fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}
