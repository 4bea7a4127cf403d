//! The page (`spec/diploma.md` §4): A4 landscape, Persian first and English below each
//! Persian block, the identifiers, three signature boxes and the QR code. Every text on
//! the page comes from [`texts`], so preparing a batch's fonts and rendering a page shape
//! exactly the same lines.

use super::DiplomaRecord;
use super::fields::gpa_fa;
use super::font::FontStyle;
use super::record::SIGNER_ROLES;
use crate::ids::DegreeLevel;
use crate::text::to_persian_digits;

/// A4 landscape, in points (ISO 216: 297 × 210 mm).
pub const PAGE_WIDTH: f32 = 841.89;
/// A4 landscape height, in points.
pub const PAGE_HEIGHT: f32 = 595.28;
/// The left edge of the content (and of the QR code).
pub(crate) const LEFT: f32 = 56.0;
/// The right edge of the content.
pub(crate) const RIGHT: f32 = PAGE_WIDTH - 56.0;
/// The QR code's square: left, bottom, side.
pub(crate) const QR_BOX: (f32, f32, f32) = (LEFT, 52.0, 104.0);
/// Signature boxes: width, height, bottom.
const BOX_W: f32 = 168.0;
const BOX_H: f32 = 74.0;
const BOX_Y: f32 = 64.0;
const BOX_GAP: f32 = 22.0;

/// Where a line's anchor `x` sits on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// One line of text on the page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    pub style: FontStyle,
    pub size: f32,
    pub text: String,
    /// Right-to-left paragraph direction (Persian lines).
    pub rtl: bool,
    pub x: f32,
    pub y: f32,
    pub align: Align,
    /// DeviceRGB fill colour (the output intent is sRGB).
    pub color: [f32; 3],
    /// The widest the line may be; a longer text is set smaller to fit.
    pub max_width: f32,
}

pub(crate) const INK: [f32; 3] = [0.10, 0.10, 0.12];
pub(crate) const NAVY: [f32; 3] = [0.09, 0.20, 0.40];
pub(crate) const GOLD: [f32; 3] = [0.62, 0.48, 0.18];
const GREY: [f32; 3] = [0.30, 0.30, 0.33];

/// A signature field's rectangle and its field name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SignatureBox {
    pub role: &'static str,
    /// Left, bottom, right, top.
    pub rect: [f32; 4],
}

/// The three signature boxes, right to left in the order of [`SIGNER_ROLES`].
pub(crate) fn signature_boxes() -> [SignatureBox; 3] {
    let mut right = RIGHT;
    SIGNER_ROLES.map(|role| {
        let rect = [right - BOX_W, BOX_Y, right, BOX_Y + BOX_H];
        right -= BOX_W + BOX_GAP;
        SignatureBox { role, rect }
    })
}

fn level_en(level: DegreeLevel) -> &'static str {
    match level {
        DegreeLevel::Associate => "Associate Degree",
        DegreeLevel::Bachelor => "Bachelor's Degree",
        DegreeLevel::Master => "Master's Degree",
        DegreeLevel::Doctorate => "Doctoral Degree",
    }
}

fn centered(style: FontStyle, size: f32, y: f32, text: String, rtl: bool) -> TextLine {
    TextLine {
        style,
        size,
        text,
        rtl,
        x: PAGE_WIDTH / 2.0,
        y,
        align: Align::Center,
        color: INK,
        max_width: RIGHT - LEFT,
    }
}

/// Every text line of the diploma of `record`, with its position.
pub(crate) fn texts(record: &DiplomaRecord) -> Vec<TextLine> {
    use FontStyle::{Bold, Regular};
    let g = record.graduate();
    let d = record.degree();
    let issuer = record.issuer();
    let level = record.level();
    let date = record.graduation_date();
    let (gy, gm, gd) = date.to_gregorian();
    let number = record.number();

    let mut lines = vec![
        TextLine {
            color: GREY,
            ..centered(Regular, 11.0, 545.0, "بسمه تعالی".into(), true)
        },
        centered(Bold, 14.0, 520.0, issuer.ministry_name_fa.clone(), true),
        TextLine {
            color: GREY,
            ..centered(Regular, 9.5, 505.0, issuer.ministry_name_en.clone(), false)
        },
        TextLine {
            color: NAVY,
            ..centered(Bold, 22.0, 474.0, issuer.university_name_fa.clone(), true)
        },
        TextLine {
            color: NAVY,
            ..centered(
                Regular,
                11.5,
                456.0,
                issuer.university_name_en.clone(),
                false,
            )
        },
        TextLine {
            color: GOLD,
            ..centered(
                Bold,
                26.0,
                414.0,
                format!("دانشنامه {}", level.name_fa()),
                true,
            )
        },
        TextLine {
            color: GOLD,
            ..centered(
                Regular,
                12.0,
                394.0,
                format!("Diploma — {}", level_en(level)),
                false,
            )
        },
        centered(Regular, 13.0, 360.0, "بدین‌وسیله گواهی می‌شود".into(), true),
        centered(
            Bold,
            22.0,
            330.0,
            format!("{} {}", g.first_name_fa, g.last_name_fa),
            true,
        ),
        centered(
            Regular,
            13.0,
            302.0,
            format!(
                "فرزند {} به کد ملی {} و شماره دانشجویی {}",
                g.father_name_fa,
                to_persian_digits(&g.national_code),
                to_persian_digits(&g.student_id)
            ),
            true,
        ),
        centered(
            Regular,
            13.0,
            279.0,
            format!(
                "دوره {} رشته {} را در تاریخ {} با معدل {} به پایان رسانده است.",
                level.name_fa(),
                d.field_fa,
                date.format_long_fa(),
                gpa_fa(&d.gpa)
            ),
            true,
        ),
        TextLine {
            color: GREY,
            ..centered(
                Regular,
                10.5,
                252.0,
                format!(
                    "This is to certify that {} {}, national code {}, student ID {},",
                    g.first_name_en, g.last_name_en, g.national_code, g.student_id
                ),
                false,
            )
        },
        TextLine {
            color: GREY,
            ..centered(
                Regular,
                10.5,
                237.0,
                format!(
                    "has completed the {} program in {} on {} ({gy:04}-{gm:02}-{gd:02}) with a GPA of {} out of 20.",
                    level_en(level),
                    d.field_en,
                    date,
                    d.gpa
                ),
                false,
            )
        },
        TextLine {
            style: Regular,
            size: 10.0,
            text: "شماره دانشنامه".into(),
            rtl: true,
            x: RIGHT,
            y: 200.0,
            align: Align::Right,
            color: INK,
            max_width: 200.0,
        },
        // Its own left-to-right line: inside a Persian paragraph the digit groups would be
        // Arabic numbers (UAX #9 rule W2) and the hyphens would reverse their order.
        TextLine {
            style: Bold,
            size: 10.0,
            text: to_persian_digits(&number.to_string()),
            rtl: false,
            x: RIGHT,
            y: 185.0,
            align: Align::Right,
            color: INK,
            max_width: 200.0,
        },
        TextLine {
            style: Regular,
            size: 10.0,
            text: format!("Diploma No. {number}"),
            rtl: false,
            x: LEFT,
            y: 200.0,
            align: Align::Left,
            color: INK,
            max_width: RIGHT - LEFT - 220.0,
        },
        TextLine {
            style: Regular,
            size: 6.5,
            text: format!("SHAMS {}", record.shams()),
            rtl: false,
            x: LEFT,
            y: 184.0,
            align: Align::Left,
            color: GREY,
            max_width: RIGHT - LEFT - 220.0,
        },
    ];
    for (signer, sig) in issuer.signers.iter().zip(signature_boxes()) {
        let [left, bottom, right, top] = sig.rect;
        let mid = (left + right) / 2.0;
        lines.push(TextLine {
            x: mid,
            max_width: BOX_W,
            ..centered(Bold, 10.5, top + 8.0, signer.title_fa.clone(), true)
        });
        lines.push(TextLine {
            x: mid,
            color: GREY,
            max_width: BOX_W,
            ..centered(Regular, 8.5, bottom - 13.0, signer.title_en.clone(), false)
        });
    }
    let (qx, qy, _) = QR_BOX;
    lines.push(TextLine {
        style: Regular,
        size: 7.0,
        text: "Scan to verify".into(),
        rtl: false,
        x: qx + QR_BOX.2 / 2.0,
        y: qy - 11.0,
        align: Align::Center,
        color: GREY,
        max_width: QR_BOX.2,
    });
    lines
}
