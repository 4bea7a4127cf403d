//! The date scanner shared by the Jalali (`YYYY/MM/DD`) and Gregorian (`YYYY-MM-DD`) forms
//! (grammar in `spec/calendar.md` §2).
//!
//! It reads at most ten characters after the leading white space and stops at the first
//! error, so its work is bounded whatever the input's length.

use crate::text::digit_value;

use super::CalendarError;

/// How many characters of the input a [`CalendarError::Syntax`] keeps.
const INPUT_IN_ERROR: usize = 40;

/// One numeric field of a date: its name and how many digits it may have.
struct Field {
    name: &'static str,
    min_digits: u32,
    max_digits: u32,
}

const FIELDS: [Field; 3] = [
    Field {
        name: "year",
        min_digits: 4,
        max_digits: 4,
    },
    Field {
        name: "month",
        min_digits: 1,
        max_digits: 2,
    },
    Field {
        name: "day",
        min_digits: 1,
        max_digits: 2,
    },
];

/// The three numbers of a date as typed, not yet checked against a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Numbers {
    pub(super) year: u16,
    pub(super) month: u8,
    pub(super) day: u8,
}

/// The separator between the fields and the form named in error messages.
#[derive(Debug, Clone, Copy)]
pub(super) enum Form {
    /// `YYYY/MM/DD`
    Jalali,
    /// `YYYY-MM-DD`
    Gregorian,
}

impl Form {
    fn separator(self) -> char {
        match self {
            Form::Jalali => '/',
            Form::Gregorian => '-',
        }
    }

    fn pattern(self) -> &'static str {
        match self {
            Form::Jalali => "a Jalali date YYYY/MM/DD",
            Form::Gregorian => "a Gregorian date YYYY-MM-DD",
        }
    }
}

/// Scans `input` as `YYYY<sep>M[M]<sep>D[D]` with digits in any script samad reads,
/// surrounding white space ignored.
pub(super) fn scan(input: &str, form: Form) -> Result<Numbers, CalendarError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(CalendarError::Empty);
    }
    let leading = input.chars().take_while(|c| c.is_whitespace()).count();
    let syntax = |position: usize, message: String| CalendarError::Syntax {
        input: cut(input),
        position,
        message,
    };

    let mut chars = trimmed.chars().peekable();
    // 1-based position of the character `chars` yields next.
    let mut position = leading + 1;
    let mut values = [0u16; 3];
    for (index, field) in FIELDS.iter().enumerate() {
        if index > 0 {
            let previous = FIELDS[index - 1].name;
            match chars.next() {
                Some(c) if c == form.separator() => position += 1,
                Some(c) => {
                    return Err(syntax(
                        position,
                        format!(
                            "found {c:?} after the {previous}, expected '{}' ({})",
                            form.separator(),
                            form.pattern()
                        ),
                    ));
                }
                None => {
                    return Err(syntax(
                        position,
                        format!(
                            "the input ends after the {previous}; expected '{}' and the {} ({})",
                            form.separator(),
                            field.name,
                            form.pattern()
                        ),
                    ));
                }
            }
        }
        let mut digits = 0;
        while let Some(d) = chars.peek().copied().and_then(digit_value) {
            if digits == field.max_digits {
                return Err(syntax(
                    position,
                    format!(
                        "the {} has more than {} digit{} ({})",
                        field.name,
                        field.max_digits,
                        if field.max_digits == 1 { "" } else { "s" },
                        form.pattern()
                    ),
                ));
            }
            // At most 4 digits: the value stays below 10 000.
            values[index] = values[index] * 10 + u16::from(d);
            digits += 1;
            position += 1;
            chars.next();
        }
        if digits < field.min_digits {
            let expected = if field.min_digits == field.max_digits {
                format!("{} digits", field.min_digits)
            } else {
                format!("{} or {} digits", field.min_digits, field.max_digits)
            };
            let found = match chars.peek() {
                Some(c) => format!("found {c:?}"),
                None => "the input ends".to_owned(),
            };
            return Err(syntax(
                position,
                format!(
                    "{found}; the {} has {expected} ({})",
                    field.name,
                    form.pattern()
                ),
            ));
        }
    }
    if let Some(c) = chars.next() {
        return Err(syntax(
            position,
            format!(
                "unexpected {c:?} after the day; nothing may follow {}",
                form.pattern()
            ),
        ));
    }
    let [year, month, day] = values;
    // Month and day have at most two digits, so they fit in a u8.
    Ok(Numbers {
        year,
        month: u8::try_from(month).unwrap_or(u8::MAX),
        day: u8::try_from(day).unwrap_or(u8::MAX),
    })
}

/// True when the digits that start `input` (after white space) are followed by `-`: the
/// Gregorian form. Used by [`super::parse_date`] to pick a parser.
pub(super) fn looks_gregorian(input: &str) -> bool {
    input
        .trim_start()
        .chars()
        .find(|&c| digit_value(c).is_none())
        == Some('-')
}

fn cut(input: &str) -> String {
    let mut chars = input.chars();
    let mut kept: String = chars.by_ref().take(INPUT_IN_ERROR).collect();
    if chars.next().is_some() {
        kept.push('…');
    }
    kept
}
