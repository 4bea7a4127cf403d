//! The file allocator never issues a serial twice, even when its process is killed at any
//! moment (`spec/identifiers.md` §4.3). The test binary re-executes itself as the child:
//! with `SAMAD_ALLOC_CHILD_DIR` set, the `child_process` test allocates in a loop and prints
//! each serial once `allocate` has returned; the parent kills it (SIGKILL on Unix) after a
//! random short delay and collects what was printed.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use samad::ids::{DegreeLevel, FileSerialAllocator, SerialAllocator, SerialKey};

const CHILD_DIR: &str = "SAMAD_ALLOC_CHILD_DIR";
/// When set, the child stops after this many allocations instead of running until killed.
const CHILD_COUNT: &str = "SAMAD_ALLOC_CHILD_COUNT";
const KILLS: usize = 200;

fn key() -> SerialKey {
    SerialKey::new("10380284790".parse().unwrap(), 1403, DegreeLevel::Bachelor)
}

/// The child's body; a no-op in a normal test run.
#[test]
fn child_process() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let limit: Option<u64> = std::env::var(CHILD_COUNT).ok().and_then(|s| s.parse().ok());
    let allocator = FileSerialAllocator::open(dir).unwrap();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut round = 0u64;
    while limit.is_none_or(|n| round < n) {
        // Mix single serials and blocks of three.
        let serials: Vec<u32> = if round % 4 == 3 {
            allocator.allocate_block(&key(), 3).unwrap().collect()
        } else {
            vec![allocator.allocate(&key()).unwrap()]
        };
        for s in serials {
            writeln!(out, "SERIAL {s}").unwrap();
        }
        out.flush().unwrap();
        round += 1;
    }
}

fn spawn_child(dir: &Path, count: Option<u64>) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut command = Command::new(exe);
    command
        .args([
            "child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "-q",
        ])
        .env(CHILD_DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(n) = count {
        command.env(CHILD_COUNT, n.to_string());
    }
    command.spawn().unwrap()
}

/// Reads `SERIAL n` lines until `until` serials are collected or the output ends; other
/// lines (the test harness's) and a line cut by the kill are ignored.
fn read_serials(reader: &mut impl BufRead, serials: &mut Vec<u32>, until: usize) {
    let mut line = String::new();
    while serials.len() < until {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if let Some(n) = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("SERIAL "))
        {
            serials.push(n.parse().unwrap());
        }
    }
}

/// Everything the child printed, after it ended.
fn collect(mut child: Child) -> Vec<u32> {
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut serials = Vec::new();
    read_serials(&mut reader, &mut serials, usize::MAX);
    child.wait().unwrap();
    serials
}

fn kill_and_collect(mut child: Child) -> Vec<u32> {
    child.kill().unwrap();
    collect(child)
}

/// Waits for the child's first serial (so it is in its allocation loop), lets it run for
/// `delay`, kills it and returns every serial it printed.
fn kill_while_allocating(mut child: Child, delay: Duration) -> Vec<u32> {
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut serials = Vec::new();
    read_serials(&mut reader, &mut serials, 1);
    std::thread::sleep(delay);
    child.kill().unwrap();
    read_serials(&mut reader, &mut serials, usize::MAX);
    child.wait().unwrap();
    serials
}

/// SplitMix64, seeded: reproducible delays.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// Adds `serials` to `seen`, failing on any serial issued before.
fn record(seen: &mut HashSet<u32>, serials: &[u32]) {
    for &s in serials {
        assert!(seen.insert(s), "serial {s} was issued twice");
    }
}

#[test]
fn killed_children_never_issue_a_serial_twice() {
    if std::env::var_os(CHILD_DIR).is_some() {
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0xA110_C470);
    let mut seen = HashSet::new();
    let mut previous_max = 0;
    let mut kills = 0;

    // One child at a time, killed 0–20 ms after its first serial.
    for _ in 0..KILLS {
        let child = spawn_child(dir.path(), None);
        let serials = kill_while_allocating(child, Duration::from_micros(rng.below(20_000)));
        kills += 1;
        assert!(
            !serials.is_empty(),
            "the child stopped before its first serial (it failed: a damaged state file?)"
        );
        // The counter keeps going: a new child starts above everything issued before.
        assert!(
            serials[0] > previous_max,
            "went back from {previous_max} to {}",
            serials[0]
        );
        assert!(serials.windows(2).all(|w| w[0] < w[1]));
        record(&mut seen, &serials);
        previous_max = *serials.last().unwrap();
    }
    let single_issued = seen.len();
    let mut both_issued = 0;

    // Two children at once on the same directory, both killed: the lock serializes them.
    for _ in 0..25 {
        let a = spawn_child(dir.path(), None);
        let b = spawn_child(dir.path(), None);
        std::thread::sleep(Duration::from_micros(5_000 + rng.below(40_000)));
        let from_a = kill_and_collect(a);
        std::thread::sleep(Duration::from_micros(rng.below(5_000)));
        let from_b = kill_and_collect(b);
        kills += 2;
        if !from_a.is_empty() && !from_b.is_empty() {
            both_issued += 1;
        }
        record(&mut seen, &from_a);
        record(&mut seen, &from_b);
    }

    // Two children that finish: no crash, so no gap either.
    let allocator = FileSerialAllocator::open(dir.path()).unwrap();
    let before = allocator.last_issued(&key()).unwrap();
    let (a, b) = (
        spawn_child(dir.path(), Some(100)),
        spawn_child(dir.path(), Some(100)),
    );
    let (from_a, from_b) = (collect(a), collect(b));
    record(&mut seen, &from_a);
    record(&mut seen, &from_b);
    let mut finished: Vec<u32> = from_a.iter().chain(&from_b).copied().collect();
    finished.sort_unstable();
    let expected_len = 2 * (75 + 25 * 3);
    assert_eq!(
        finished,
        (before + 1..=before + expected_len).collect::<Vec<_>>()
    );

    // After everything, the state is readable and above every serial printed.
    let last = allocator.last_issued(&key()).unwrap();
    let max_seen = *seen.iter().max().unwrap();
    assert!(last >= max_seen);
    assert_eq!(allocator.allocate(&key()).unwrap(), last + 1);
    let gaps = last as usize - seen.len();
    println!(
        "{kills} kills ({KILLS} of a single child while allocating), \
         {single_issued} serials issued by killed single children, {} in total \
         ({both_issued} of 25 concurrent pairs both issued), {gaps} skipped by kills, no \
         duplicates; {:.1} s",
        seen.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(kills >= KILLS);
    assert!(both_issued > 0, "the two children never both ran");
}
