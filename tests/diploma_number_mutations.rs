//! Every single-character substitution and every adjacent transposition of ≥ 10,000 valid
//! diploma numbers is rejected (or, in the typed form, is the same number typed
//! differently). The claim of `spec/identifiers.md` §3.4, checked exhaustively per number.

use samad::LegalEntityId;
use samad::ids::{DegreeLevel, DiplomaNumber};

const NUMBERS: usize = 10_000;

/// SplitMix64: a small seeded generator, so every run checks the same numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn valid_numbers(seed: u64, count: usize) -> Vec<DiplomaNumber> {
    let mut rng = Rng(seed);
    let mut numbers = Vec::with_capacity(count);
    while numbers.len() < count {
        let mut body = [0u8; 10];
        for d in &mut body {
            *d = rng.below(10) as u8;
        }
        let Ok(university) = LegalEntityId::from_body(body) else {
            continue;
        };
        let year = 1300 + rng.below(700) as u16;
        let level = DegreeLevel::ALL[rng.below(4) as usize];
        // Mostly small serials, as issued; some anywhere in range.
        let serial = match rng.below(4) {
            0 => 1 + rng.below(999_999) as u32,
            _ => 1 + rng.below(5_000) as u32,
        };
        numbers.push(DiplomaNumber::new(university, year, level, serial).unwrap());
    }
    numbers
}

/// What became of the mutants.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    mutants: u64,
    rejected: u64,
    /// Parsed to the very same number (e.g. a Persian digit for the same ASCII digit).
    same_number: u64,
    /// Parsed to another valid number: the check failed to catch the error.
    different_number: u64,
}

impl Tally {
    fn record(&mut self, original: &DiplomaNumber, mutant: &str) {
        self.mutants += 1;
        match DiplomaNumber::parse(mutant) {
            Err(_) => self.rejected += 1,
            Ok(n) if n == *original => self.same_number += 1,
            Ok(n) => {
                self.different_number += 1;
                eprintln!("ACCEPTED MUTANT {mutant:?} of {original} → {n}");
            }
        }
    }

    fn add(&mut self, other: Tally) {
        self.mutants += other.mutants;
        self.rejected += other.rejected;
        self.same_number += other.same_number;
        self.different_number += other.different_number;
    }
}

/// Characters substituted into the printed form: ASCII, Persian and Arabic-Indic digits,
/// every separator, and a few look-alike letters and punctuation.
fn alphabet() -> Vec<char> {
    let mut chars: Vec<char> = ('0'..='9').collect();
    chars.extend('\u{06F0}'..='\u{06F9}');
    chars.extend('\u{0660}'..='\u{0669}');
    chars.extend([
        '-', ' ', '\u{2010}', '\u{2011}', '\u{2013}', '/', '.', 'O', 'l', 'x',
    ]);
    chars
}

#[derive(Debug, Default, Clone, Copy)]
struct Tallies {
    compact_substitutions: Tally,
    compact_swaps: Tally,
    printed_substitutions: Tally,
    printed_swaps: Tally,
}

fn mutate(numbers: &[DiplomaNumber], alphabet: &[char]) -> Tallies {
    let mut t = Tallies::default();
    let mut buf = String::with_capacity(128);
    for n in numbers {
        // Compact form: every position × every other digit; every swap of unequal neighbours.
        let mut compact = n.compact().as_bytes().to_vec();
        for i in 0..compact.len() {
            let original = compact[i];
            for d in b'0'..=b'9' {
                if d == original {
                    continue;
                }
                compact[i] = d;
                t.compact_substitutions
                    .record(n, std::str::from_utf8(&compact).unwrap());
            }
            compact[i] = original;
        }
        for i in 0..compact.len() - 1 {
            if compact[i] == compact[i + 1] {
                continue;
            }
            compact.swap(i, i + 1);
            t.compact_swaps
                .record(n, std::str::from_utf8(&compact).unwrap());
            compact.swap(i, i + 1);
        }

        // Printed form: every position × every alphabet character; every swap.
        let mut printed: Vec<char> = n.to_string().chars().collect();
        for i in 0..printed.len() {
            let original = printed[i];
            for &c in alphabet {
                if c == original {
                    continue;
                }
                printed[i] = c;
                buf.clear();
                buf.extend(printed.iter());
                t.printed_substitutions.record(n, &buf);
            }
            printed[i] = original;
        }
        for i in 0..printed.len() - 1 {
            if printed[i] == printed[i + 1] {
                continue;
            }
            printed.swap(i, i + 1);
            buf.clear();
            buf.extend(printed.iter());
            t.printed_swaps.record(n, &buf);
            printed.swap(i, i + 1);
        }
    }
    t
}

#[test]
fn no_single_substitution_or_adjacent_transposition_is_accepted() {
    let started = std::time::Instant::now();
    let numbers = valid_numbers(0x5A3A_D001, NUMBERS);
    let alphabet = alphabet();
    // The two halves on two threads: the suite runs unoptimized.
    let (a, b) = numbers.split_at(NUMBERS / 2);
    let (ta, tb) = std::thread::scope(|s| {
        let ha = s.spawn(|| mutate(a, &alphabet));
        let hb = s.spawn(|| mutate(b, &alphabet));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    let mut t = ta;
    t.compact_substitutions.add(tb.compact_substitutions);
    t.compact_swaps.add(tb.compact_swaps);
    t.printed_substitutions.add(tb.printed_substitutions);
    t.printed_swaps.add(tb.printed_swaps);

    let distinct: std::collections::HashSet<_> = numbers.iter().collect();
    println!(
        "{} valid numbers ({} distinct), {:.1} s",
        numbers.len(),
        distinct.len(),
        started.elapsed().as_secs_f64()
    );
    for (name, tally) in [
        ("compact substitutions", t.compact_substitutions),
        ("compact adjacent swaps", t.compact_swaps),
        ("printed substitutions", t.printed_substitutions),
        ("printed adjacent swaps", t.printed_swaps),
    ] {
        println!(
            "{name:>24}: {:>9} mutants, {:>9} rejected, {:>8} same number, {} different number",
            tally.mutants, tally.rejected, tally.same_number, tally.different_number
        );
        assert_eq!(tally.different_number, 0, "{name}: accepted mutants");
        assert_eq!(tally.rejected + tally.same_number, tally.mutants);
    }

    // The compact form has no other spelling of the same number: every mutant is rejected.
    assert_eq!(t.compact_substitutions.mutants, NUMBERS as u64 * 24 * 9);
    assert_eq!(
        t.compact_substitutions.rejected,
        t.compact_substitutions.mutants
    );
    assert_eq!(t.compact_swaps.rejected, t.compact_swaps.mutants);
    assert!(t.compact_swaps.mutants > NUMBERS as u64 * 15);
    // In the printed form, only a digit for itself in another script (2 per digit) and a
    // separator for another separator (4 per dash) keep the number; swaps never do.
    assert_eq!(
        t.printed_substitutions.same_number,
        NUMBERS as u64 * (24 * 2 + 4 * 4)
    );
    assert_eq!(t.printed_swaps.same_number, 0);
    assert_eq!(distinct.len(), NUMBERS);
}
