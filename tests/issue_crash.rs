//! Crash safety of `samad issue` (spec/issue.md §5): a demo batch is killed with SIGKILL at
//! random moments at least 20 times and re-run (sometimes with more graduates); the final
//! output has every graduate exactly once, no number twice, and a manifest that matches the
//! files (SHA-256), with no other PDF and no half-written file in the directory.

use std::collections::{BTreeSet, HashSet};
use std::hash::BuildHasher;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use samad::diploma::issue::demo_graduate;
use sha2::{Digest, Sha256};

mod support;
use support::{json_of, samad_binary};

const KILLS: usize = 24;

fn issue(out: &Path, count: u32) -> Command {
    let mut command = Command::new(samad_binary());
    command.args([
        "issue",
        "--demo",
        "--count",
        &count.to_string(),
        "--out",
        out.to_str().unwrap(),
        "--level",
        "B-B",
        "--json",
    ]);
    command
}

/// A random delay below `max` (the standard library's randomly keyed hasher as the source).
fn random_below(max: Duration, i: usize) -> Duration {
    let r = std::collections::hash_map::RandomState::new().hash_one(i);
    Duration::from_micros(r % max.as_micros() as u64)
}

#[test]
fn a_batch_killed_at_random_moments_ends_with_every_graduate_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut count = 40u32;
    let mut kills = 0;
    let mut mid_work = 0;
    let mut completed = 0;
    // The first run makes the demo PKI; the second, timed, gives the time per diploma, to
    // pick kill moments inside runs.
    samad_binary();
    let first = issue(&out, 4).output().unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let started = Instant::now();
    let second = issue(&out, 12).output().unwrap();
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let per_diploma = started.elapsed() / 8;
    // About a dozen diplomas of work: a resumed run with more left than that is always
    // killed mid-batch; one with less may finish, and then more graduates are added.
    let window = (per_diploma * 12).clamp(Duration::from_millis(100), Duration::from_secs(10));
    let mut round = 0;
    while kills < KILLS {
        round += 1;
        assert!(round < 200, "{kills} kills in {round} rounds");
        let mut child = issue(&out, count)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(random_below(window, round));
        match child.try_wait().unwrap() {
            Some(status) => {
                assert_eq!(status.code(), Some(0), "an uninterrupted run failed");
                completed += 1;
                count += 16; // more graduates, so later kills land in real work again
            }
            None => {
                child.kill().unwrap(); // SIGKILL on Unix
                child.wait().unwrap();
                kills += 1;
                if unfinished(&out) > 0 {
                    mid_work += 1;
                }
            }
        }
    }

    let last = issue(&out, count).output().unwrap();
    assert_eq!(
        last.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&last.stderr)
    );
    let report = json_of(&last);
    assert_eq!(report["manifest_len"], count, "{report:#}");

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let diplomas = manifest["diplomas"].as_array().unwrap();
    let expected: BTreeSet<String> = (0..count)
        .map(|i| demo_graduate(i).unwrap().national_code)
        .collect();
    let codes: Vec<String> = diplomas
        .iter()
        .map(|d| d["national_code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        codes.len(),
        count as usize,
        "a graduate issued twice or missing"
    );
    assert_eq!(codes.iter().cloned().collect::<BTreeSet<_>>(), expected);
    let numbers: HashSet<&str> = diplomas
        .iter()
        .map(|d| d["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), diplomas.len(), "a number used twice");

    let mut files = BTreeSet::new();
    for d in diplomas {
        let file = d["file"].as_str().unwrap();
        let bytes = std::fs::read(out.join(file)).unwrap();
        let digest: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(d["sha256"].as_str().unwrap(), digest, "{file}");
        assert_eq!(
            bytes.windows(10).filter(|w| *w == b"/ByteRange").count(),
            3,
            "{file} is not signed three times"
        );
        files.insert(file.to_owned());
    }
    let on_disk: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".pdf") || name.ends_with(".partial"))
        .collect();
    assert_eq!(on_disk, files, "PDFs on disk differ from the manifest");
    eprintln!(
        "{kills} kills ({mid_work} left numbers assigned but not issued), {completed} \
         uninterrupted runs, {count} graduates"
    );
    assert!(
        mid_work >= 5,
        "only {mid_work} kills landed mid-batch: the kill window is off"
    );
}

/// Numbers the journal has assigned but not (yet) issued: work a kill interrupted.
fn unfinished(out: &Path) -> usize {
    let text = std::fs::read_to_string(out.join(".samad-issue/journal.jsonl")).unwrap_or_default();
    let (mut assigned, mut issued) = (HashSet::new(), HashSet::new());
    // A torn last line is skipped, as the batch itself does.
    for entry in text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    {
        let number = entry["number"].as_str().unwrap_or_default().to_owned();
        match entry["event"].as_str() {
            Some("assigned") => assigned.insert(number),
            _ => issued.insert(number),
        };
    }
    assigned.difference(&issued).count()
}
