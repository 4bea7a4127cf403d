use std::fs;
use std::sync::Arc;

use super::*;

fn key(year: u16, level: DegreeLevel) -> SerialKey {
    SerialKey::new("10380284790".parse().unwrap(), year, level)
}

fn bachelor() -> SerialKey {
    key(1403, DegreeLevel::Bachelor)
}

fn open() -> (tempfile::TempDir, FileSerialAllocator) {
    let dir = tempfile::tempdir().unwrap();
    let allocator = FileSerialAllocator::open(dir.path()).unwrap();
    (dir, allocator)
}

#[test]
fn state_file_example_of_the_spec() {
    // The checksum from Python's zlib.crc32 of the first three lines.
    let text = state::encode("10380284790-1403-2", 123);
    assert_eq!(
        text,
        "samad-serial-state 1\nkey 10380284790-1403-2\nlast 123\ncrc32 30ab7a54\n"
    );
    assert_eq!(
        state::decode(text.as_bytes(), "10380284790-1403-2"),
        Ok(123)
    );
}

#[test]
fn crc32_check_value() {
    // The catalogue check value of CRC-32/ISO-HDLC.
    assert_eq!(state::crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(state::crc32(b""), 0);
}

#[test]
fn counts_from_one_per_key() {
    let (_dir, a) = open();
    let master = key(1403, DegreeLevel::Master);
    let next_year = key(1404, DegreeLevel::Bachelor);
    assert_eq!(a.allocate(&bachelor()).unwrap(), 1);
    assert_eq!(a.allocate(&bachelor()).unwrap(), 2);
    assert_eq!(a.allocate(&master).unwrap(), 1);
    assert_eq!(a.allocate(&next_year).unwrap(), 1);
    assert_eq!(a.allocate_block(&bachelor(), 5).unwrap(), 3..8);
    assert_eq!(a.allocate_block(&bachelor(), 0).unwrap(), 8..8);
    assert_eq!(a.allocate(&bachelor()).unwrap(), 8);
    assert_eq!(a.last_issued(&bachelor()).unwrap(), 8);
    assert_eq!(a.last_issued(&master).unwrap(), 1);
    let state = fs::read_to_string(a.state_path(&bachelor())).unwrap();
    assert_eq!(state, state::encode("10380284790-1403-2", 8));
    assert!(
        a.state_path(&bachelor())
            .ends_with("10380284790-1403-2.state")
    );
}

#[test]
fn survives_reopening() {
    let (dir, a) = open();
    a.allocate_block(&bachelor(), 41).unwrap();
    drop(a);
    let again = FileSerialAllocator::open(dir.path()).unwrap();
    assert_eq!(again.allocate(&bachelor()).unwrap(), 42);
}

#[test]
fn a_stale_temporary_file_is_ignored() {
    let (dir, a) = open();
    a.allocate(&bachelor()).unwrap();
    // As if killed while writing the temporary file.
    fs::write(
        dir.path().join("10380284790-1403-2.state.tmp"),
        "samad-serial-st",
    )
    .unwrap();
    assert_eq!(a.allocate(&bachelor()).unwrap(), 2);
}

fn corrupt_with(content: &[u8]) -> (AllocatorError, Vec<u8>) {
    let (_dir, a) = open();
    a.allocate_block(&bachelor(), 10).unwrap();
    let path = a.state_path(&bachelor());
    fs::write(&path, content).unwrap();
    let err = a.allocate(&bachelor()).unwrap_err();
    // The damaged file is left as it was: nothing is reset.
    let after = fs::read(&path).unwrap();
    assert_eq!(after, content);
    assert!(matches!(
        a.last_issued(&bachelor()),
        Err(AllocatorError::CorruptState { .. })
    ));
    (err, after)
}

fn reason_of(err: AllocatorError) -> String {
    match err {
        AllocatorError::CorruptState { reason, path } => {
            assert!(path.ends_with("10380284790-1403-2.state"));
            reason
        }
        other => panic!("expected CorruptState, got {other:?}"),
    }
}

#[test]
fn corrupted_state_files_are_reported_not_reset() {
    let good = state::encode("10380284790-1403-2", 10);
    let other_key = state::encode("10380284790-1403-3", 10);
    let edited = good.replace("last 10", "last 19");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "empty"),
        (good.as_bytes()[..good.len() / 2].to_vec(), "cut short"),
        (good.as_bytes()[..good.len() - 1].to_vec(), "cut short"),
        (edited.into_bytes(), "checksum mismatch"),
        (other_key.into_bytes(), "line 2"),
        (b"last 10\n".to_vec(), "expected 4 lines"),
        (vec![0xff, b'\n'], "not UTF-8"),
        (format!("{good}{good}").into_bytes(), "expected 4 lines"),
        (vec![b'\n'; 300], "longer than"),
        (
            state::encode("10380284790-1403-2", 10)
                .replace("crc32 ", "crc32 0x")
                .into_bytes(),
            "line 4",
        ),
    ];
    for (content, wanted) in cases {
        let (err, _) = corrupt_with(&content);
        let message = err.to_string();
        let reason = reason_of(err);
        assert!(
            reason.contains(wanted),
            "{reason:?} should mention {wanted:?}"
        );
        assert!(message.contains("recover"), "{message}");
    }
}

#[test]
fn strict_decoding_of_fields_behind_a_valid_checksum() {
    let stem = "10380284790-1403-2";
    let with_crc = |body: &str| format!("{body}crc32 {:08x}\n", state::crc32(body.as_bytes()));
    for (body, wanted) in [
        (
            "samad-serial-state 2\nkey 10380284790-1403-2\nlast 1\n",
            "line 1",
        ),
        (
            "samad-serial-state 1\nkey 10380284790-1403-2\nlast 01\n",
            "line 3",
        ),
        (
            "samad-serial-state 1\nkey 10380284790-1403-2\nlast 1000000\n",
            "line 3",
        ),
        (
            "samad-serial-state 1\nkey 10380284790-1403-2\nlast -1\n",
            "line 3",
        ),
        (
            "samad-serial-state 1\nkey 10380284790-1403-2\nlast \n",
            "line 3",
        ),
    ] {
        let reason = state::decode(with_crc(body).as_bytes(), stem).unwrap_err();
        assert!(reason.contains(wanted), "{body:?}: {reason}");
    }
    let zero = with_crc("samad-serial-state 1\nkey 10380284790-1403-2\nlast 0\n");
    assert_eq!(state::decode(zero.as_bytes(), stem), Ok(0));
}

#[test]
fn recover_overwrites_damage_but_never_lowers() {
    let (_dir, a) = open();
    a.allocate_block(&bachelor(), 10).unwrap();
    assert!(matches!(
        a.recover(&bachelor(), 5),
        Err(AllocatorError::WouldLower {
            last: 10,
            requested: 5,
            ..
        })
    ));
    a.recover(&bachelor(), 10).unwrap();
    a.recover(&bachelor(), 20).unwrap();
    assert_eq!(a.allocate(&bachelor()).unwrap(), 21);
    fs::write(a.state_path(&bachelor()), "garbage").unwrap();
    a.recover(&bachelor(), 30).unwrap();
    assert_eq!(a.allocate(&bachelor()).unwrap(), 31);
    assert!(matches!(
        a.recover(&bachelor(), DiplomaNumber::MAX_SERIAL + 1),
        Err(AllocatorError::Exhausted { .. })
    ));
}

#[test]
fn exhaustion() {
    let (_dir, a) = open();
    let max = DiplomaNumber::MAX_SERIAL;
    a.recover(&bachelor(), max - 3).unwrap();
    assert!(matches!(
        a.allocate_block(&bachelor(), 4),
        Err(AllocatorError::Exhausted { last, requested: 4, .. }) if last == max - 3
    ));
    // All or nothing: the failed block used nothing.
    assert_eq!(a.allocate_block(&bachelor(), 3).unwrap(), max - 2..max + 1);
    let err = a.allocate(&bachelor()).unwrap_err();
    assert!(matches!(err, AllocatorError::Exhausted { last, requested: 1, .. } if last == max));
    assert!(
        err.to_string().contains("10380284790/1403/bachelor"),
        "{err}"
    );
    assert!(matches!(
        a.allocate_block(&bachelor(), u32::MAX),
        Err(AllocatorError::Exhausted { .. })
    ));
    // Other keys are unaffected.
    assert_eq!(a.allocate(&key(1403, DegreeLevel::Master)).unwrap(), 1);
    let memory = MemorySerialAllocator::new();
    assert!(matches!(
        memory.allocate_block(&bachelor(), max + 1),
        Err(AllocatorError::Exhausted { last: 0, .. })
    ));
    assert_eq!(memory.allocate_block(&bachelor(), max).unwrap(), 1..max + 1);
}

#[test]
fn invalid_key() {
    let (dir, a) = open();
    let bad = key(2000, DegreeLevel::Bachelor);
    let err = a.allocate(&bad).unwrap_err();
    assert!(matches!(err, AllocatorError::InvalidKey { .. }));
    assert!(std::error::Error::source(&err).is_some());
    assert!(MemorySerialAllocator::new().allocate(&bad).is_err());
    // Nothing was created for it.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn io_errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-directory");
    fs::write(&file, "").unwrap();
    let err = FileSerialAllocator::open(&file).unwrap_err();
    assert!(matches!(err, AllocatorError::Io { .. }));
    assert!(err.to_string().contains("not-a-directory"), "{err}");
}

#[test]
fn threads_never_share_a_serial() {
    let (_dir, a) = open();
    let a = Arc::new(a);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let a = Arc::clone(&a);
            std::thread::spawn(move || {
                (0..25)
                    .flat_map(|i| {
                        if i % 5 == 0 {
                            a.allocate_block(&bachelor(), 3)
                                .unwrap()
                                .collect::<Vec<_>>()
                        } else {
                            vec![a.allocate(&bachelor()).unwrap()]
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<u32> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    all.sort_unstable();
    // No crash here, so no gaps either: exactly 1..=n.
    assert_eq!(all, (1..=all.len() as u32).collect::<Vec<_>>());
    assert_eq!(all.len(), 4 * (20 + 5 * 3));
}

#[test]
fn memory_allocator_and_trait_objects() {
    let memory = MemorySerialAllocator::new();
    let by_ref: &dyn SerialAllocator = &memory;
    assert_eq!(by_ref.allocate(&bachelor()).unwrap(), 1);
    // The blanket impl for references: a `&MemorySerialAllocator` is an allocator too.
    fn block_of_two(a: impl SerialAllocator) -> std::ops::Range<u32> {
        a.allocate_block(&bachelor(), 2).unwrap()
    }
    assert_eq!(block_of_two(&memory), 2..4);
    let shared: Arc<dyn SerialAllocator> = Arc::new(MemorySerialAllocator::new());
    assert_eq!(shared.allocate(&bachelor()).unwrap(), 1);
}

#[test]
fn key_display_and_number() {
    let k = bachelor();
    assert_eq!(k.to_string(), "10380284790/1403/bachelor");
    let n = k.number(123).unwrap();
    assert_eq!(n.to_string(), "10380284790-1403-2-000123-87");
    assert_eq!(SerialKey::from(&n), k);
}
