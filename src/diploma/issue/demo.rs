//! The embedded default's graduates (`samad issue --demo`, `spec/issue.md` §6): plausible
//! Persian graduates made from a fixed seed, so the same count always gives the same people
//! — valid national codes (unique within a batch), Jalali dates, degrees and GPAs.

use sha2::{Digest, Sha256};

use super::graduates::GraduateRow;
use crate::diploma::{Graduate, Issuer, SignerRole};
use crate::ids::NationalCode;

/// The seed every demo batch is made from.
pub const DEMO_SEED: &str = "samad-demo-graduates/1";

/// The demo university's legal-entity ID (valid: `identifiers.md` §2).
pub const DEMO_UNIVERSITY_LEGAL_ID: &str = "10380284790";

/// The most graduates one demo batch makes (the national-code scheme below numbers them).
pub const MAX_DEMO_GRADUATES: u32 = 999_999;

/// Men's first names: Persian, English.
const MEN: &[(&str, &str)] = &[
    ("محمد", "Mohammad"),
    ("علی", "Ali"),
    ("حسین", "Hossein"),
    ("رضا", "Reza"),
    ("امیر", "Amir"),
    ("مهدی", "Mahdi"),
    ("سعید", "Saeed"),
    ("حمید", "Hamid"),
    ("کاوه", "Kaveh"),
    ("بابک", "Babak"),
    ("آرش", "Arash"),
    ("سینا", "Sina"),
    ("پویا", "Pouya"),
    ("محمد‌حسین", "Mohammad Hossein"),
    ("امیرعلی", "Amirali"),
    ("کورش", "Kourosh"),
];

/// Women's first names: Persian, English.
const WOMEN: &[(&str, &str)] = &[
    ("فاطمه", "Fatemeh"),
    ("زهرا", "Zahra"),
    ("مریم", "Maryam"),
    ("سارا", "Sara"),
    ("نرگس", "Narges"),
    ("لیلا", "Leila"),
    ("شیرین", "Shirin"),
    ("نازنین", "Nazanin"),
    ("مهسا", "Mahsa"),
    ("پریسا", "Parisa"),
    ("نوش‌آفرین", "Nooshafarin"),
    ("الهام", "Elham"),
    ("کیمیا", "Kimia"),
    ("ریحانه", "Reyhaneh"),
    ("آیدا", "Aida"),
    ("سمیرا", "Samira"),
];

/// Family names: Persian, English.
const FAMILIES: &[(&str, &str)] = &[
    ("احمدی", "Ahmadi"),
    ("رضایی", "Rezaei"),
    ("محمدی", "Mohammadi"),
    ("حسینی", "Hosseini"),
    ("کریمی", "Karimi"),
    ("موسوی", "Mousavi"),
    ("جعفری", "Jafari"),
    ("صادقی", "Sadeghi"),
    ("رحیمی", "Rahimi"),
    ("کریمی‌نژاد", "Kariminejad"),
    ("نوروزی", "Nowruzi"),
    ("تهرانی", "Tehrani"),
    ("اصفهانی", "Esfahani"),
    ("شیرازی", "Shirazi"),
    ("قاسمی", "Ghasemi"),
    ("هاشمی", "Hashemi"),
    ("زارعی", "Zarei"),
    ("طاهری", "Taheri"),
    ("یزدانی", "Yazdani"),
    ("فرهادی", "Farhadi"),
];

/// Fields of study: Persian, English.
const FIELDS: &[(&str, &str)] = &[
    ("مهندسی کامپیوتر", "Computer Engineering"),
    ("مهندسی برق", "Electrical Engineering"),
    ("مهندسی عمران", "Civil Engineering"),
    ("مهندسی مکانیک", "Mechanical Engineering"),
    ("فیزیک", "Physics"),
    ("ریاضیات و کاربردها", "Mathematics and Applications"),
    ("شیمی", "Chemistry"),
    ("مدیریت کسب‌وکار", "Business Administration"),
    ("حسابداری", "Accounting"),
    ("زبان و ادبیات فارسی", "Persian Language and Literature"),
    ("حقوق", "Law"),
    ("روان‌شناسی", "Psychology"),
    ("معماری", "Architecture"),
    ("علوم اقتصادی", "Economics"),
];

/// The demo batch's issuer: the sample university of the diploma spec and the ministry.
pub fn demo_issuer() -> Issuer {
    let role = |role: &str, fa: &str, en: &str| SignerRole {
        role: role.to_owned(),
        title_fa: fa.to_owned(),
        title_en: en.to_owned(),
    };
    Issuer {
        university_legal_id: DEMO_UNIVERSITY_LEGAL_ID.to_owned(),
        university_name_fa: "دانشگاه صنعتی نمونه".to_owned(),
        university_name_en: "Sample University of Technology".to_owned(),
        ministry_name_fa: "وزارت علوم، تحقیقات و فناوری".to_owned(),
        ministry_name_en: "Ministry of Science, Research and Technology".to_owned(),
        signers: vec![
            role("official-1", "رئیس دانشگاه", "President of the University"),
            role(
                "official-2",
                "مدیر کل امور آموزشی",
                "Director General of Education",
            ),
            role(
                "ministry-seal",
                "مهر سازمانی وزارت علوم",
                "Seal of the Ministry",
            ),
        ],
    }
}

/// Demo graduate number `index` (0-based), the same on every call. `None` past
/// [`MAX_DEMO_GRADUATES`].
///
/// ```
/// use samad::diploma::issue::demo_graduate;
///
/// let first = demo_graduate(0).unwrap();
/// assert_eq!(first, demo_graduate(0).unwrap());
/// assert!(first.national_code.parse::<samad::NationalCode>().is_ok());
/// ```
pub fn demo_graduate(index: u32) -> Option<Graduate> {
    if index >= MAX_DEMO_GRADUATES {
        return None;
    }
    let draw = Draw::new(index);
    let woman = draw.below(0, 2) == 1;
    let (first_fa, first_en) = pick(if woman { WOMEN } else { MEN }, draw.below(1, 1 << 16));
    let (last_fa, last_en) = pick(FAMILIES, draw.below(2, 1 << 16));
    let (father_fa, _) = pick(MEN, draw.below(3, 1 << 16));
    let (field_fa, field_en) = pick(FIELDS, draw.below(4, 1 << 16));
    let level = match draw.below(5, 100) {
        0..8 => "associate",
        8..68 => "bachelor",
        68..93 => "master",
        _ => "doctorate",
    };
    let graduation_year = 1402 + draw.below(6, 2);
    let age = match level {
        "associate" => 20,
        "bachelor" => 22,
        "master" => 24,
        _ => 28,
    } + draw.below(7, 4);
    let gpa = 1200 + draw.below(8, 801);
    Some(Graduate {
        national_code: national_code(index, &draw)?,
        first_name_fa: first_fa.to_owned(),
        last_name_fa: last_fa.to_owned(),
        first_name_en: first_en.to_owned(),
        last_name_en: last_en.to_owned(),
        father_name_fa: father_fa.to_owned(),
        birth_date: format!(
            "{}/{:02}/{:02}",
            graduation_year - age,
            1 + draw.below(9, 12),
            1 + draw.below(10, 28)
        ),
        degree_level: level.to_owned(),
        field_fa: field_fa.to_owned(),
        field_en: field_en.to_owned(),
        university_legal_id: DEMO_UNIVERSITY_LEGAL_ID.to_owned(),
        university_name_fa: "دانشگاه صنعتی نمونه".to_owned(),
        graduation_date: format!(
            "{graduation_year}/{:02}/{:02}",
            1 + draw.below(11, 12),
            1 + draw.below(12, 29)
        ),
        gpa: format!("{}.{:02}", gpa / 100, gpa % 100),
        student_id: format!("{}{:06}", graduation_year - 4, index + 1),
    })
}

/// The first `count` demo graduates as rows, numbered as the lines of a CSV file with a
/// header would be (the first graduate on line 2).
pub fn demo_rows(count: u32) -> impl Iterator<Item = Result<GraduateRow, super::RowError>> {
    (0..count.min(MAX_DEMO_GRADUATES)).filter_map(|i| {
        demo_graduate(i).map(|graduate| {
            Ok(GraduateRow {
                line: u64::from(i) + 2,
                graduate,
            })
        })
    })
}

/// Deterministic draws for one graduate: SHA-256 of the seed, the index and the draw's slot.
struct Draw {
    index: u32,
}

impl Draw {
    fn new(index: u32) -> Draw {
        Draw { index }
    }

    /// A number in `0..bound` for draw `slot` (bound > 0; the modulo bias is irrelevant for
    /// demo data).
    fn below(&self, slot: u32, bound: u32) -> u32 {
        let digest = Sha256::digest(format!("{DEMO_SEED}:{}:{slot}", self.index).as_bytes());
        let mut word = [0u8; 4];
        word.copy_from_slice(digest.get(..4).unwrap_or(&[0; 4]));
        u32::from_be_bytes(word) % bound.max(1)
    }
}

fn pick<T: Copy>(list: &[T], draw: u32) -> T {
    // The lists are non-empty constants.
    list[draw as usize % list.len()]
}

/// A valid national code unique to `index`: three drawn digits, then `index + 1` in six
/// digits, then the check digit. A degenerate body (one repeated digit) draws again.
fn national_code(index: u32, draw: &Draw) -> Option<String> {
    let serial = index + 1;
    for attempt in 0..16 {
        let prefix = draw.below(100 + attempt, 1000);
        let mut body = [0u8; 9];
        let digits = [prefix / 100, prefix / 10 % 10, prefix % 10];
        for (slot, digit) in body.iter_mut().zip(digits) {
            *slot = digit as u8;
        }
        for (k, slot) in body.iter_mut().skip(3).enumerate() {
            *slot = (serial / 10u32.pow(5 - k as u32) % 10) as u8;
        }
        if let Ok(code) = NationalCode::from_body(body) {
            return Some(code.as_str().to_owned());
        }
    }
    None
}
