//! National codes and legal-entity IDs checked against `@persian-tools/persian-tools`
//! (pinned in `scripts/reference/package.json`, driven by `scripts/reference/ids.mjs`).
//!
//! Over 20,000 deterministic random and adversarial inputs per kind; every disagreement
//! must be one of the named [`Difference`]s, each listed with its reason in
//! `spec/identifiers.md` §1.5 and §2.5, and each must actually occur (so the list cannot rot).

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use samad::{IdError, LegalEntityId, NationalCode};

/// Inputs generated per kind, before derived (normalized) inputs are added.
const PER_KIND: usize = 20_000;

/// The intentional differences from persian-tools (spec/identifiers.md §1.5, §2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Difference {
    /// NC: persian-tools (default `checkPrefix: true`) refuses a first-three-digit group
    /// missing from its prefix table; samad checks no prefix table.
    NcCityPrefix,
    /// NC: persian-tools reads only the last ten characters of a longer input.
    NcReadsLastTen,
    /// NC: samad reads Persian and Arabic-Indic digits; persian-tools wants ASCII.
    NcNonAsciiDigits,
    /// NC: samad reads the printed `DDD-DDDDDD-D` grouping; persian-tools does not.
    NcSeparators,
    /// NC, strict `parse` only: 8–9 digits are refused (`parse_lenient`, which is compared,
    /// pads them as persian-tools does).
    NcStrictRefusesPadding,
    /// Legal ID: `33333333333` passes the check; samad refuses it as degenerate.
    LegalRepeatedDigit,
    /// Legal ID: persian-tools reads only the first eleven characters of a longer input.
    LegalReadsFirstEleven,
    /// Legal ID: samad reads Persian and Arabic-Indic digits; persian-tools wants ASCII.
    LegalNonAsciiDigits,
    /// Legal ID: samad ignores surrounding white space; persian-tools does not trim.
    LegalSurroundingWhiteSpace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NationalCode,
    LegalId,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::NationalCode => "national-code",
            Kind::LegalId => "legal-id",
        }
    }
}

struct Case {
    kind: Kind,
    input: String,
    /// How the generator made it, for the mismatch report.
    origin: &'static str,
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn digit(&mut self) -> u8 {
        self.below(10) as u8
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.digit())).collect()
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SEPARATORS: [char; 5] = ['-', ' ', '\u{2010}', '\u{2011}', '\u{2013}'];
/// White space that JavaScript's `trim` and Rust's `trim` both remove.
const WHITE_SPACE: [&str; 7] = [" ", "\t", "\n", "\r\n", "\u{a0}", "\u{2003}", "\u{3000}"];
/// Characters for the random-junk inputs: digits of three scripts, separators, letters,
/// signs and dots (all in the BMP, so JavaScript's UTF-16 indices are character indices).
const JUNK: [char; 22] = [
    '0', '1', '5', '9', '۰', '۳', '۹', '٠', '٧', '-', ' ', '\u{2013}', 'a', 'x', 'E', '+', '.',
    ',', '_', '/', 'ی', '\u{200c}',
];

fn to_digit_script(ascii: &str, zero: u32) -> String {
    ascii
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Each digit in one of the three scripts at random.
fn mixed_scripts(rng: &mut Rng, ascii: &str) -> String {
    ascii
        .chars()
        .map(|c| {
            let zero = *rng.pick(&[0x30u32, 0x06F0, 0x0660]);
            match c.to_digit(10) {
                Some(d) => char::from_u32(zero + d).unwrap_or(c),
                None => c,
            }
        })
        .collect()
}

fn substitute(rng: &mut Rng, s: &str) -> String {
    let mut b = s.as_bytes().to_vec();
    let i = rng.below(b.len());
    let old = b[i];
    while b[i] == old {
        b[i] = b'0' + rng.digit();
    }
    String::from_utf8(b).unwrap_or_default()
}

fn transpose(rng: &mut Rng, s: &str, gap: usize) -> String {
    let mut b = s.as_bytes().to_vec();
    let i = rng.below(b.len() - gap);
    b.swap(i, i + gap);
    String::from_utf8(b).unwrap_or_default()
}

fn valid_national_code(rng: &mut Rng) -> String {
    loop {
        let mut body = [0u8; 9];
        body.iter_mut().for_each(|d| *d = rng.digit());
        // Leading zeros are common in real codes (Tehran's 001–008); make them common here.
        if rng.below(4) == 0 {
            body[0] = 0;
            if rng.below(2) == 0 {
                body[1] = 0;
            }
        }
        if let Ok(code) = NationalCode::from_body(body) {
            return code.as_str().to_owned();
        }
    }
}

fn valid_legal_id(rng: &mut Rng) -> String {
    loop {
        let mut body = [0u8; 10];
        body.iter_mut().for_each(|d| *d = rng.digit());
        if let Ok(id) = LegalEntityId::from_body(body) {
            return id.as_str().to_owned();
        }
    }
}

/// The generator, shared by both kinds: `valid` makes a valid identifier of `len` digits.
fn generate(kind: Kind, seed: u64) -> Vec<Case> {
    let mut rng = Rng(seed);
    let len = match kind {
        Kind::NationalCode => 10,
        Kind::LegalId => 11,
    };
    let valid = |rng: &mut Rng| match kind {
        Kind::NationalCode => valid_national_code(rng),
        Kind::LegalId => valid_legal_id(rng),
    };
    let mut cases = Vec::new();
    let mut push = |input: String, origin: &'static str| {
        cases.push(Case {
            kind,
            input,
            origin,
        })
    };
    for _ in 0..4000 {
        push(valid(&mut rng), "valid");
    }
    for _ in 0..3000 {
        push(rng.digits(len), "random digits");
    }
    for _ in 0..3000 {
        let v = valid(&mut rng);
        push(substitute(&mut rng, &v), "one digit substituted");
    }
    for _ in 0..1500 {
        let v = valid(&mut rng);
        push(transpose(&mut rng, &v, 1), "adjacent transposition");
    }
    for _ in 0..500 {
        let v = valid(&mut rng);
        push(transpose(&mut rng, &v, 2), "jump transposition");
    }
    for _ in 0..1500 {
        let n = 7 + rng.below(6);
        push(rng.digits(n), "random digits, length 7-12");
    }
    for _ in 0..1000 {
        // Valid with leading zeros dropped (a spreadsheet cell), or a digit dropped or added.
        let v = valid(&mut rng);
        let input = match rng.below(4) {
            0 => v.trim_start_matches('0').to_owned(),
            1 => v[1..].to_owned(),
            2 => format!("{}{}", rng.digit(), v),
            _ => format!("{}{}", v, rng.digit()),
        };
        push(input, "valid, shortened or lengthened");
    }
    for d in 0..10u8 {
        for n in 7..=12 {
            let c = char::from(b'0' + d);
            push(std::iter::repeat_n(c, n).collect(), "repeated digit");
        }
    }
    for _ in 0..1000 {
        // Digits 4-9 zero, every possible last digit(s).
        let mut s = rng.digits(3);
        s.push_str("000000");
        s.push_str(&rng.digits(len - 9));
        push(s, "zero digits 4-9");
    }
    for _ in 0..1500 {
        let v = if rng.below(3) == 0 {
            rng.digits(len)
        } else {
            valid(&mut rng)
        };
        let input = match rng.below(3) {
            0 => to_digit_script(&v, 0x06F0),
            1 => to_digit_script(&v, 0x0660),
            _ => mixed_scripts(&mut rng, &v),
        };
        push(input, "Persian / Arabic-Indic digits");
    }
    for _ in 0..1000 {
        let v = valid(&mut rng);
        let sep = *rng.pick(&SEPARATORS);
        let input = match (kind, rng.below(4)) {
            (Kind::NationalCode, 0) => format!("{}{sep}{}{sep}{}", &v[..3], &v[3..9], &v[9..]),
            (Kind::NationalCode, 1) => format!("{}{sep}{}", &v[..3], &v[3..]),
            (_, 2) => {
                let i = 1 + rng.below(len - 1);
                format!("{}{sep}{}", &v[..i], &v[i..])
            }
            _ => format!("{}{sep}{sep}{}", &v[..3], &v[3..]),
        };
        push(input, "separators");
    }
    for _ in 0..800 {
        let v = valid(&mut rng);
        let (a, b) = (*rng.pick(&WHITE_SPACE), *rng.pick(&WHITE_SPACE));
        let input = match rng.below(3) {
            0 => format!("{a}{v}"),
            1 => format!("{v}{b}"),
            _ => format!("{a}{v}{b}"),
        };
        push(input, "surrounding white space");
    }
    for _ in 0..1000 {
        // A valid identifier with something before or after it.
        let v = valid(&mut rng);
        let extra: String = (0..1 + rng.below(3)).map(|_| *rng.pick(&JUNK)).collect();
        let input = if rng.below(2) == 0 {
            format!("{extra}{v}")
        } else {
            format!("{v}{extra}")
        };
        push(input, "valid with extra characters");
    }
    for _ in 0..2000 {
        let n = rng.below(15);
        let input: String = (0..n).map(|_| *rng.pick(&JUNK)).collect();
        push(input, "random characters");
    }
    for fixed in [
        "",
        " ",
        "0",
        "-",
        "0076229645",
        "10380284790",
        "33333333333",
    ] {
        push(fixed.to_owned(), "fixed");
    }
    cases
}

/// What samad would accept after the normalization persian-tools leaves to its caller:
/// surrounding white space trimmed, digits mapped to ASCII, separators dropped.
fn normalized(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !SEPARATORS.contains(c))
        .map(|c| match samad::text::digit_value(c) {
            Some(d) => char::from(b'0' + d),
            None => c,
        })
        .collect()
}

fn has_non_ascii_digit(input: &str) -> bool {
    input
        .chars()
        .any(|c| !c.is_ascii() && samad::text::digit_value(c).is_some())
}

fn national_code_ok(input: &str) -> bool {
    NationalCode::parse_lenient(input).is_ok()
}

/// Runs `scripts/reference/ids.mjs` once over all inputs; one verdict array per input.
fn persian_tools_verdicts(dir: &std::path::Path, cases: &[Case]) -> Vec<Vec<bool>> {
    let mut child = Command::new("node")
        .arg("ids.mjs")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start node scripts/reference/ids.mjs");
    let mut stdin = child.stdin.take().expect("node stdin");
    let lines: Vec<String> = cases
        .iter()
        .map(|c| serde_json::json!({ "kind": c.kind.name(), "input": c.input }).to_string())
        .collect();
    let writer = std::thread::spawn(move || {
        for line in lines {
            writeln!(stdin, "{line}").expect("write to node");
        }
    });
    let stdout = child.stdout.take().expect("node stdout");
    let verdicts: Vec<Vec<bool>> = BufReader::new(stdout)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("read node output")).expect("verdict JSON"))
        .collect();
    writer.join().expect("writer thread");
    assert!(child.wait().expect("node exit").success(), "ids.mjs failed");
    assert_eq!(verdicts.len(), cases.len(), "one verdict per input");
    verdicts
}

/// Why samad and persian-tools disagree on a national code, or `None` if unexplained.
/// `verdict_of` looks up persian-tools' `[default, checkPrefix: false]` verdict of another
/// input (the normalized form, which is always among the inputs).
fn explain_national_code(
    input: &str,
    ours: bool,
    theirs: &[bool],
    verdict_of: &dyn Fn(&str) -> Option<Vec<bool>>,
) -> Option<Difference> {
    let (default, no_prefix) = (theirs[0], theirs[1]);
    if ours && no_prefix && !default {
        return Some(Difference::NcCityPrefix);
    }
    let trimmed: Vec<char> = input.trim().chars().collect();
    if !ours && no_prefix && trimmed.len() > 10 {
        let last_ten = &trimmed[trimmed.len() - 10..];
        // persian-tools applies its repeated-digit list to the whole input, so a repeated
        // digit in the last ten slips past it there.
        let repeated = last_ten.iter().all(|&c| c == last_ten[0]);
        let passes = national_code_ok(&last_ten.iter().collect::<String>()) || repeated;
        return passes.then_some(Difference::NcReadsLastTen);
    }
    if ours && !no_prefix && verdict_of(&normalized(input)).is_some_and(|v| v[1]) {
        return Some(if has_non_ascii_digit(input) {
            Difference::NcNonAsciiDigits
        } else {
            Difference::NcSeparators
        });
    }
    None
}

/// Why samad and persian-tools disagree on a legal-entity ID, or `None` if unexplained.
fn explain_legal_id(
    input: &str,
    ours: bool,
    verdict_of: &dyn Fn(&str) -> Option<Vec<bool>>,
) -> Option<Difference> {
    let chars: Vec<char> = input.chars().collect();
    if !ours {
        if chars.len() == 11 && chars.iter().all(|&c| c == '3') {
            let degenerate = matches!(LegalEntityId::parse(input), Err(IdError::Degenerate { .. }));
            return degenerate.then_some(Difference::LegalRepeatedDigit);
        }
        if chars.len() > 11 {
            let first: String = chars[..11].iter().collect();
            let passes = LegalEntityId::parse(&first).is_ok() || first == "33333333333";
            return passes.then_some(Difference::LegalReadsFirstEleven);
        }
        return None;
    }
    if !verdict_of(&normalized(input)).is_some_and(|v| v[0]) {
        return None;
    }
    if has_non_ascii_digit(input) {
        Some(Difference::LegalNonAsciiDigits)
    } else if input.trim() != input {
        Some(Difference::LegalSurroundingWhiteSpace)
    } else {
        None
    }
}

#[test]
fn national_codes_and_legal_ids_agree_with_persian_tools() {
    let Some(dir) = support::node_reference_dir("@persian-tools/persian-tools") else {
        return;
    };
    let mut cases = generate(Kind::NationalCode, 0x5eed_0001);
    cases.extend(generate(Kind::LegalId, 0x5eed_0002));
    let generated = cases.len();
    // The normalized form of every input is an input too, so a difference blamed on
    // normalization is checked against persian-tools' own verdict on the normalized form.
    let derived: Vec<Case> = cases
        .iter()
        .filter(|c| normalized(&c.input) != c.input)
        .map(|c| Case {
            kind: c.kind,
            input: normalized(&c.input),
            origin: "normalized form of another input",
        })
        .collect();
    cases.extend(derived);
    let verdicts = persian_tools_verdicts(&dir, &cases);

    let index: std::collections::HashMap<(&str, &str), &Vec<bool>> = cases
        .iter()
        .zip(&verdicts)
        .map(|(c, v)| ((c.kind.name(), c.input.as_str()), v))
        .collect();

    let mut differences: BTreeMap<Difference, (usize, String)> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mut counted = [0usize; 2];
    let mut agreed = [0usize; 2];
    for (case, theirs) in cases.iter().zip(&verdicts) {
        let kind = case.kind;
        let input = case.input.as_str();
        let verdict_of = |other: &str| index.get(&(kind.name(), other)).map(|v| (*v).clone());
        let (ours, explained) = match kind {
            Kind::NationalCode => {
                let ours = national_code_ok(input);
                // Strict parse = lenient parse, except that it refuses 8-9 digits.
                let strict = NationalCode::parse(input);
                let lenient = NationalCode::parse_lenient(input).map(|(c, _)| c);
                if strict.as_ref().ok() != lenient.as_ref().ok() {
                    assert!(
                        matches!(strict, Err(IdError::WrongLength { found: 8 | 9, .. })),
                        "strict and lenient parse differ on {input:?}: {strict:?} vs {lenient:?}"
                    );
                    if lenient.is_ok() {
                        let entry = differences.entry(Difference::NcStrictRefusesPadding);
                        entry.or_insert((0, input.to_owned())).0 += 1;
                    }
                }
                let explained = (ours != theirs[0])
                    .then(|| explain_national_code(input, ours, theirs, &verdict_of));
                (ours, explained)
            }
            Kind::LegalId => {
                let ours = LegalEntityId::parse(input).is_ok();
                let explained =
                    (ours != theirs[0]).then(|| explain_legal_id(input, ours, &verdict_of));
                (ours, explained)
            }
        };
        let slot = usize::from(kind == Kind::LegalId);
        counted[slot] += 1;
        match explained {
            None => agreed[slot] += 1,
            Some(Some(difference)) => {
                differences
                    .entry(difference)
                    .or_insert((0, input.to_owned()))
                    .0 += 1;
            }
            Some(None) => mismatches.push(format!(
                "{} {input:?} ({}): samad {}, persian-tools {:?}",
                kind.name(),
                case.origin,
                if ours { "accepts" } else { "rejects" },
                theirs
            )),
        }
    }

    eprintln!(
        "persian-tools comparison: {generated} generated + {} normalized inputs; \
         national codes {} compared, {} agree; legal IDs {} compared, {} agree",
        cases.len() - generated,
        counted[0],
        agreed[0],
        counted[1],
        agreed[1]
    );
    for (difference, (count, example)) in &differences {
        eprintln!("  intentional difference {difference:?}: {count} inputs, e.g. {example:?}");
    }
    assert!(counted.iter().all(|&n| n >= PER_KIND), "{counted:?}");
    assert!(
        mismatches.is_empty(),
        "{} unexplained disagreements with persian-tools:\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(50)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every named difference must still occur: a stale entry would hide a real change.
    let all = [
        Difference::NcCityPrefix,
        Difference::NcReadsLastTen,
        Difference::NcNonAsciiDigits,
        Difference::NcSeparators,
        Difference::NcStrictRefusesPadding,
        Difference::LegalRepeatedDigit,
        Difference::LegalReadsFirstEleven,
        Difference::LegalNonAsciiDigits,
        Difference::LegalSurroundingWhiteSpace,
    ];
    for difference in all {
        let count = differences.get(&difference).map_or(0, |d| d.0);
        assert!(count > 0, "named difference {difference:?} never occurred");
    }
}
