//! Persian diplomas as PDF/A-3b (`spec/diploma.md`): the diploma record and its canonical
//! JSON, the page layout, shaped and searchable Persian text, the embedded record, the QR
//! code and empty signature fields for the signing step.
//!
//! The journey: a graduates CSV row ([`Graduate`]) and the batch's [`Issuer`] become a
//! [`DiplomaRecord`]; [`DiplomaFonts::prepare`] subsets the fonts once for the whole batch;
//! [`render`] makes each PDF.
//!
//! ```
//! use samad::diploma::{DiplomaFonts, DiplomaRecord, Graduate, Issuer, SignerRole, render};
//! use samad::ids::shams::{Shams, Uuid};
//! use samad::DiplomaNumber;
//! use time::macros::datetime;
//!
//! let graduate = Graduate {
//!     national_code: "۰۰۷۶۲۲۹۶۴۵".into(),
//!     first_name_fa: "محمدحسين".into(), // Arabic yeh, normalized to ی
//!     last_name_fa: "رضايی".into(),
//!     first_name_en: "Mohammad Hossein".into(),
//!     last_name_en: "Rezaei".into(),
//!     father_name_fa: "علی".into(),
//!     birth_date: "1380/05/12".into(),
//!     degree_level: "bachelor".into(),
//!     field_fa: "مهندسی كامپيوتر".into(),
//!     field_en: "Computer Engineering".into(),
//!     university_legal_id: "10380284790".into(),
//!     university_name_fa: "دانشگاه نمونه".into(),
//!     graduation_date: "۱۴۰۳/۰۶/۳۱".into(),
//!     gpa: "17.5".into(),
//!     student_id: "9812345".into(),
//! };
//! let role = |role: &str, fa: &str, en: &str| SignerRole {
//!     role: role.into(), title_fa: fa.into(), title_en: en.into(),
//! };
//! let issuer = Issuer {
//!     university_legal_id: "10380284790".into(),
//!     university_name_fa: "دانشگاه نمونه".into(),
//!     university_name_en: "Sample University".into(),
//!     ministry_name_fa: "وزارت علوم، تحقیقات و فناوری".into(),
//!     ministry_name_en: "Ministry of Science, Research and Technology".into(),
//!     signers: vec![
//!         role("official-1", "رئیس دانشگاه", "President"),
//!         role("official-2", "مدیر کل امور آموزشی", "Director of Education"),
//!         role("ministry-seal", "مهر وزارت علوم", "Ministry Seal"),
//!     ],
//! };
//! let number = DiplomaNumber::new("10380284790".parse()?, 1403, samad::DegreeLevel::Bachelor, 17)?;
//! let shams = Shams::builder()
//!     .letter_number("1403/17")
//!     .issued_at("2024-09-21T10:00:00".parse()?)
//!     .guid(Uuid::from_u128(7))
//!     .signer("0076229645".parse()?, "P-1")
//!     .org_email("registrar@example.ac.ir")
//!     .org_legal_id("10380284790".parse()?)
//!     .build()?;
//! let record = DiplomaRecord::issue(&graduate, &issuer, number, &shams)?;
//! assert_eq!(record.graduate().first_name_fa, "محمدحسین");
//! assert_eq!(record.degree().gpa, "17.50");
//!
//! let fonts = DiplomaFonts::prepare([&record])?;
//! let pdf = render(&record, &fonts, datetime!(2024-09-21 10:00 UTC))?;
//! assert!(pdf.len() > 10_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod fields;
mod font;
pub mod issue;
mod layout;
mod parallel;
mod pdfa;
mod qr;
mod record;
mod render;
pub mod status;
pub mod verify;

pub use error::DiplomaError;
pub use fields::MAX_TEXT_CHARS;
pub use font::{DiplomaFonts, FontStyle};
pub use layout::{PAGE_HEIGHT, PAGE_WIDTH};
pub use pdfa::{RECORD_FILE_NAME, xmp_packet};
pub use qr::{QR_PREFIX, parse_qr_payload, qr_payload};
pub use record::{
    Degree, DiplomaRecord, Graduate, GraduateData, Issuer, MAX_RECORD_BYTES, PROFILE, SIGNER_ROLES,
    SignerRole,
};
pub use render::render;

#[cfg(test)]
mod tests;
