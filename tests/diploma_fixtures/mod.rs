//! The diploma tests' batch: `tests/data/diploma/graduates.csv` (names with ZWNJ, Arabic
//! ي and ك, Persian digits in dates and GPA) and `issuer.json`, made into records with
//! deterministic diploma numbers and SHAMS.
#![allow(dead_code)]

use std::path::PathBuf;

use samad::DiplomaNumber;
use samad::diploma::{DiplomaRecord, Graduate, Issuer};
use samad::ids::shams::{Shams, Uuid};
use time::OffsetDateTime;
use time::macros::datetime;

pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/diploma")
        .join(name)
}

pub fn graduates() -> Vec<Graduate> {
    let mut reader = csv::Reader::from_path(data("graduates.csv")).expect("graduates.csv");
    reader
        .deserialize()
        .map(|row| row.expect("a graduate row"))
        .collect()
}

pub fn issuer() -> Issuer {
    serde_json::from_str(&std::fs::read_to_string(data("issuer.json")).expect("issuer.json"))
        .expect("issuer.json is an Issuer")
}

pub const CREATED: OffsetDateTime = datetime!(2025-03-20 10:30 UTC);

/// The record of the `i`-th graduate (serial i + 1).
pub fn record_of(graduate: &Graduate, i: usize) -> DiplomaRecord {
    let issuer = issuer();
    let university = issuer.university_legal_id.parse().expect("legal id");
    let level = graduate.degree_level.parse().expect("level");
    let year = samad::calendar::parse_date(&graduate.graduation_date)
        .expect("graduation date")
        .year();
    let serial = u32::try_from(i + 1).expect("serial");
    let number = DiplomaNumber::new(university, year as u16, level, serial).expect("number");
    let shams = Shams::builder()
        .letter_number(&format!("{year}/D/{serial}"))
        .issued_at("2025-03-20T10:30:00".parse().expect("time"))
        .guid(Uuid::from_u128(
            0x5a3d_0000_0000_4000_8000_0000_0000_0000 + i as u128,
        ))
        .signer("0076229645".parse().expect("code"), "P-REG-1")
        .org_email("registrar@example.ac.ir")
        .org_legal_id(university)
        .build()
        .expect("shams");
    DiplomaRecord::issue(graduate, &issuer, number, &shams).expect("record")
}

pub fn batch() -> Vec<DiplomaRecord> {
    graduates()
        .iter()
        .enumerate()
        .map(|(i, g)| record_of(g, i))
        .collect()
}

/// A scratch directory under the target dir for files an outside tool reads.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("diploma")
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
