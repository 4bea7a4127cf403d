//! The diploma record (`spec/diploma.md` §2): everything printed on a diploma, in one JSON
//! document whose RFC 8785 canonical form is embedded in the PDF and hashed into the QR
//! code. The page is rendered from this record and nothing else.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::DiplomaError;
use super::fields::{self, FieldCheck};
use super::status::StatusEntry;
use crate::JalaliDate;
use crate::ids::{DegreeLevel, DiplomaNumber, LegalEntityId, NationalCode, Shams};

/// The profile string of records this version writes and reads.
pub const PROFILE: &str = "samad-diploma/1";

/// The largest record JSON [`DiplomaRecord::from_json`] reads, in bytes.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// One row of the graduates CSV (BRIEF §4), as typed: the CSV header names are the field
/// names, extra columns are ignored. [`DiplomaRecord::issue`] normalizes and checks it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[allow(missing_docs)] // the fields are the CSV columns of BRIEF §4, one to one
pub struct Graduate {
    pub national_code: String,
    pub first_name_fa: String,
    pub last_name_fa: String,
    pub first_name_en: String,
    pub last_name_en: String,
    pub father_name_fa: String,
    pub birth_date: String,
    pub degree_level: String,
    pub field_fa: String,
    pub field_en: String,
    pub university_legal_id: String,
    pub university_name_fa: String,
    pub graduation_date: String,
    pub gpa: String,
    pub student_id: String,
}

/// A signer role on the diploma: one of the three signature fields of the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerRole {
    /// The signature field name: `official-1`, `official-2` or `ministry-seal`.
    pub role: String,
    /// The title printed above the box, in Persian.
    pub title_fa: String,
    /// The title printed below the box, in English.
    pub title_en: String,
}

/// The signature field names, in page order (right to left).
pub const SIGNER_ROLES: [&str; 3] = ["official-1", "official-2", "ministry-seal"];

/// The issuing university and the ministry, the same for every diploma of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// The university's legal-entity national ID (11 digits).
    pub university_legal_id: String,
    /// The university's name in Persian.
    pub university_name_fa: String,
    /// The university's name in English.
    pub university_name_en: String,
    /// The ministry's name in Persian.
    pub ministry_name_fa: String,
    /// The ministry's name in English.
    pub ministry_name_en: String,
    /// The three signers, in the order of [`SIGNER_ROLES`].
    pub signers: Vec<SignerRole>,
}

/// The graduate, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // same names and meaning as the CSV columns (BRIEF §4)
pub struct GraduateData {
    pub national_code: String,
    pub first_name_fa: String,
    pub last_name_fa: String,
    pub first_name_en: String,
    pub last_name_en: String,
    pub father_name_fa: String,
    /// Jalali `YYYY/MM/DD`, ASCII digits.
    pub birth_date: String,
    pub student_id: String,
}

/// The degree, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Degree {
    /// `associate`, `bachelor`, `master` or `doctorate`.
    pub level: String,
    /// The field of study in Persian.
    pub field_fa: String,
    /// The field of study in English.
    pub field_en: String,
    /// Jalali `YYYY/MM/DD`, ASCII digits.
    pub graduation_date: String,
    /// Out of 20, exactly two decimals, ASCII digits: `17.50`. A string, not a JSON
    /// number, so the canonical form keeps the printed precision.
    pub gpa: String,
}

/// The JSON shape of a record (`spec/diploma.schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordJson {
    profile: String,
    number: String,
    shams: String,
    graduate: GraduateData,
    degree: Degree,
    issuer: Issuer,
    /// The diploma's entry in its university's status list (`spec/status-list.md`);
    /// absent in records issued without one, so their canonical form is unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<StatusEntry>,
}

/// A checked diploma record in normalized form.
///
/// ```
/// # let record = samad::diploma::DiplomaRecord::from_json(include_str!("../../tests/data/diploma/record.json"))?;
/// let json = record.canonical_json()?;
/// assert_eq!(samad::diploma::DiplomaRecord::from_json(&json)?, record);
/// assert_eq!(record.sha256_hex()?.len(), 64);
/// # Ok::<(), samad::diploma::DiplomaError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiplomaRecord {
    json: RecordJson,
    number: DiplomaNumber,
    national_code: NationalCode,
    level: DegreeLevel,
    birth_date: JalaliDate,
    graduation_date: JalaliDate,
    shams: Shams,
}

impl DiplomaRecord {
    /// Builds the record of one graduate: every text normalized (NFKC, ي→ی, ك→ک, white
    /// space collapsed, ZWNJ kept), digits and dates read in any digit set, and the diploma
    /// number, SHAMS, university and degree checked against each other.
    pub fn issue(
        graduate: &Graduate,
        issuer: &Issuer,
        number: DiplomaNumber,
        shams: &Shams,
    ) -> Result<DiplomaRecord, DiplomaError> {
        let n = FieldCheck::Normalize;
        let g = graduate;
        if fields::ascii_digits(&g.university_legal_id)
            != fields::ascii_digits(&issuer.university_legal_id)
        {
            return Err(field(
                "graduate.university_legal_id",
                format!(
                    "{} is not the issuing university {}; issue each university's graduates \
                     in their own batch",
                    g.university_legal_id, issuer.university_legal_id
                ),
            ));
        }
        let json = RecordJson {
            profile: PROFILE.to_owned(),
            number: number.compact().to_owned(),
            shams: shams.to_string(),
            graduate: GraduateData {
                national_code: fields::ascii_digits(&g.national_code),
                first_name_fa: fields::text("graduate.first_name_fa", &g.first_name_fa, n)?,
                last_name_fa: fields::text("graduate.last_name_fa", &g.last_name_fa, n)?,
                first_name_en: fields::text("graduate.first_name_en", &g.first_name_en, n)?,
                last_name_en: fields::text("graduate.last_name_en", &g.last_name_en, n)?,
                father_name_fa: fields::text("graduate.father_name_fa", &g.father_name_fa, n)?,
                birth_date: fields::date("graduate.birth_date", &g.birth_date, n)?,
                student_id: fields::text("graduate.student_id", &g.student_id, n)?,
            },
            degree: Degree {
                level: g.degree_level.trim().to_ascii_lowercase(),
                field_fa: fields::text("degree.field_fa", &g.field_fa, n)?,
                field_en: fields::text("degree.field_en", &g.field_en, n)?,
                graduation_date: fields::date("degree.graduation_date", &g.graduation_date, n)?,
                gpa: fields::gpa("degree.gpa", &g.gpa, n)?,
            },
            issuer: Issuer {
                university_legal_id: fields::ascii_digits(&issuer.university_legal_id),
                university_name_fa: fields::text(
                    "issuer.university_name_fa",
                    &issuer.university_name_fa,
                    n,
                )?,
                university_name_en: fields::text(
                    "issuer.university_name_en",
                    &issuer.university_name_en,
                    n,
                )?,
                ministry_name_fa: fields::text(
                    "issuer.ministry_name_fa",
                    &issuer.ministry_name_fa,
                    n,
                )?,
                ministry_name_en: fields::text(
                    "issuer.ministry_name_en",
                    &issuer.ministry_name_en,
                    n,
                )?,
                signers: issuer
                    .signers
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        Ok(SignerRole {
                            role: s.role.trim().to_owned(),
                            title_fa: fields::text(
                                &format!("issuer.signers[{i}].title_fa"),
                                &s.title_fa,
                                n,
                            )?,
                            title_en: fields::text(
                                &format!("issuer.signers[{i}].title_en"),
                                &s.title_en,
                                n,
                            )?,
                        })
                    })
                    .collect::<Result<_, DiplomaError>>()?,
            },
            status: None,
        };
        let university_fa = fields::text("graduate.university_name_fa", &g.university_name_fa, n)?;
        if university_fa != json.issuer.university_name_fa {
            return Err(field(
                "graduate.university_name_fa",
                format!(
                    "{university_fa:?} differs from the issuer's name {:?}",
                    json.issuer.university_name_fa
                ),
            ));
        }
        DiplomaRecord::check(json)
    }

    /// Reads a record from its JSON (any member order and white space), rejecting unknown
    /// members, text that is not in normalized form, and inconsistent identifiers.
    pub fn from_json(input: &str) -> Result<DiplomaRecord, DiplomaError> {
        if input.len() > MAX_RECORD_BYTES {
            return Err(DiplomaError::TooLarge {
                size: input.len(),
                max: MAX_RECORD_BYTES,
            });
        }
        let json: RecordJson = serde_json::from_str(input).map_err(|e| DiplomaError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        DiplomaRecord::check(json)
    }

    /// Checks every field of `json` (already in stored form) and their agreement.
    fn check(json: RecordJson) -> Result<DiplomaRecord, DiplomaError> {
        let s = FieldCheck::Stored;
        if json.profile != PROFILE {
            return Err(field(
                "profile",
                format!(
                    "{:?} is not {PROFILE:?}, the only profile this version reads",
                    json.profile
                ),
            ));
        }
        let number =
            DiplomaNumber::parse(&json.number).map_err(|e| field("number", e.to_string()))?;
        if number.compact() != json.number {
            return Err(field(
                "number",
                "write the 24 ASCII digits without separators".into(),
            ));
        }
        let shams = Shams::parse(&json.shams).map_err(|e| field("shams", e.to_string()))?;
        if shams.to_string() != json.shams {
            return Err(field(
                "shams",
                "write the SHAMS in its canonical text form".into(),
            ));
        }
        let g = &json.graduate;
        let national_code: NationalCode = g
            .national_code
            .parse()
            .map_err(|e: crate::IdError| field("graduate.national_code", e.to_string()))?;
        if national_code.as_str() != g.national_code {
            return Err(field(
                "graduate.national_code",
                "write the 10 ASCII digits".into(),
            ));
        }
        for (name, value) in [
            ("graduate.first_name_fa", &g.first_name_fa),
            ("graduate.last_name_fa", &g.last_name_fa),
            ("graduate.father_name_fa", &g.father_name_fa),
            ("degree.field_fa", &json.degree.field_fa),
            ("issuer.university_name_fa", &json.issuer.university_name_fa),
            ("issuer.ministry_name_fa", &json.issuer.ministry_name_fa),
        ] {
            fields::text(name, value, s)?;
            fields::persian(name, value)?;
        }
        for (name, value) in [
            ("graduate.first_name_en", &g.first_name_en),
            ("graduate.last_name_en", &g.last_name_en),
            ("degree.field_en", &json.degree.field_en),
            ("issuer.university_name_en", &json.issuer.university_name_en),
            ("issuer.ministry_name_en", &json.issuer.ministry_name_en),
        ] {
            fields::text(name, value, s)?;
            fields::latin(name, value)?;
        }
        fields::text("graduate.student_id", &g.student_id, s)?;
        let birth_date = fields::parse_stored_date("graduate.birth_date", &g.birth_date)?;
        let graduation_date =
            fields::parse_stored_date("degree.graduation_date", &json.degree.graduation_date)?;
        if birth_date >= graduation_date {
            return Err(field(
                "graduate.birth_date",
                format!("{birth_date} is not before the graduation date {graduation_date}"),
            ));
        }
        fields::gpa("degree.gpa", &json.degree.gpa, s)?;
        let level: DegreeLevel = json
            .degree
            .level
            .parse()
            .map_err(|e: crate::IdError| field("degree.level", e.to_string()))?;
        if level.as_str() != json.degree.level {
            return Err(field(
                "degree.level",
                "write the level in lower case".into(),
            ));
        }
        let university: LegalEntityId = json
            .issuer
            .university_legal_id
            .parse()
            .map_err(|e: crate::IdError| field("issuer.university_legal_id", e.to_string()))?;
        if university.as_str() != json.issuer.university_legal_id {
            return Err(field(
                "issuer.university_legal_id",
                "write the 11 ASCII digits".into(),
            ));
        }
        check_signers(&json.issuer.signers)?;
        if let Some(entry) = &json.status {
            check_status_entry(entry)?;
        }
        // The number encodes university, year and level (spec/identifiers.md §3): they
        // must be the record's own.
        if number.university() != university {
            return Err(field(
                "number",
                format!(
                    "the number names university {} but the issuer is {university}",
                    number.university()
                ),
            ));
        }
        if number.level() != level {
            return Err(field(
                "number",
                format!(
                    "the number is for a {} degree but the record's level is {level}",
                    number.level()
                ),
            ));
        }
        if i32::from(number.year()) != graduation_date.year() {
            return Err(field(
                "number",
                format!(
                    "the number is for year {} but the graduation date is {graduation_date}",
                    number.year()
                ),
            ));
        }
        if shams.org_legal_id() != university {
            return Err(field(
                "shams",
                format!(
                    "the SHAMS names organization {} but the issuer is {university}",
                    shams.org_legal_id()
                ),
            ));
        }
        Ok(DiplomaRecord {
            json,
            number,
            national_code,
            level,
            birth_date,
            graduation_date,
            shams,
        })
    }

    /// The record in RFC 8785 canonical form: the bytes embedded in the PDF and hashed
    /// into the QR code.
    pub fn canonical_json(&self) -> Result<String, DiplomaError> {
        crate::records::canonical_json(&self.json).map_err(|e| DiplomaError::Canonical {
            message: e.to_string(),
        })
    }

    /// SHA-256 of [`DiplomaRecord::canonical_json`], lower-case hex.
    pub fn sha256_hex(&self) -> Result<String, DiplomaError> {
        let digest = Sha256::digest(self.canonical_json()?.as_bytes());
        Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The diploma number.
    pub fn number(&self) -> DiplomaNumber {
        self.number
    }

    /// The national document identifier.
    pub fn shams(&self) -> &Shams {
        &self.shams
    }

    /// The graduate's national code.
    pub fn national_code(&self) -> NationalCode {
        self.national_code
    }

    /// The degree level.
    pub fn level(&self) -> DegreeLevel {
        self.level
    }

    /// The graduate's date of birth.
    pub fn birth_date(&self) -> JalaliDate {
        self.birth_date
    }

    /// The graduation date.
    pub fn graduation_date(&self) -> JalaliDate {
        self.graduation_date
    }

    /// The graduate's names and identifiers, as recorded.
    pub fn graduate(&self) -> &GraduateData {
        &self.json.graduate
    }

    /// The degree, as recorded.
    pub fn degree(&self) -> &Degree {
        &self.json.degree
    }

    /// The university, the ministry and the signer roles.
    pub fn issuer(&self) -> &Issuer {
        &self.json.issuer
    }

    /// The diploma's entry in its university's status list, when it has one.
    pub fn status(&self) -> Option<&StatusEntry> {
        self.json.status.as_ref()
    }

    /// The record with its status-list entry set (usually
    /// [`StatusList::entry_for`](super::status::StatusList::entry_for) of its number).
    pub fn with_status(mut self, entry: StatusEntry) -> Result<DiplomaRecord, DiplomaError> {
        check_status_entry(&entry)?;
        self.json.status = Some(entry);
        Ok(self)
    }
}

/// A list id is a URL or URN of 1 to 512 printable ASCII characters (`spec/status-list.md` §2).
fn check_status_entry(entry: &StatusEntry) -> Result<(), DiplomaError> {
    if entry.list.is_empty()
        || entry.list.len() > 512
        || !entry.list.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err(field(
            "status.list",
            format!(
                "{:?} is not a list id; use a URL or URN of 1 to 512 printable ASCII characters",
                entry.list
            ),
        ));
    }
    Ok(())
}

fn check_signers(signers: &[SignerRole]) -> Result<(), DiplomaError> {
    if signers.len() != SIGNER_ROLES.len() {
        return Err(field(
            "issuer.signers",
            format!(
                "{} signers; a diploma has exactly three: {SIGNER_ROLES:?}",
                signers.len()
            ),
        ));
    }
    for (i, (signer, role)) in signers.iter().zip(SIGNER_ROLES).enumerate() {
        if signer.role != role {
            return Err(field(
                &format!("issuer.signers[{i}].role"),
                format!(
                    "{:?} where {role:?} belongs; the roles are {SIGNER_ROLES:?} in this order",
                    signer.role
                ),
            ));
        }
        let fa = format!("issuer.signers[{i}].title_fa");
        fields::text(&fa, &signer.title_fa, FieldCheck::Stored)?;
        fields::persian(&fa, &signer.title_fa)?;
        let en = format!("issuer.signers[{i}].title_en");
        fields::text(&en, &signer.title_en, FieldCheck::Stored)?;
        fields::latin(&en, &signer.title_en)?;
    }
    Ok(())
}

pub(super) fn field(name: &str, message: String) -> DiplomaError {
    DiplomaError::Field {
        field: name.to_owned(),
        message,
    }
}
