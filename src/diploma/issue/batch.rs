//! The batch pipeline (`spec/issue.md` §2): rows are read and checked in CSV order, given
//! numbers in CSV order (so the same input on the same state gives the same numbers), then
//! rendered and signed on every core, each PDF durably written and journaled as it lands.

use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

use sha2::{Digest, Sha256};
use time::{OffsetDateTime, UtcOffset};

use super::graduates::{COLUMNS, CheckedRow, GraduateRow, GraduatesReader, check_row};
use super::journal::{Entry, Journal, KeyDigest};
use super::output::{
    ManifestEntry, file_name, land, remove_partials, sha256, sync_landed, write_manifest,
};
use super::{DiplomaSealer, IssueError, RowError, io_error};
use crate::clock::Clock;
use crate::diploma::parallel::map_ordered;
use crate::diploma::{DiplomaFonts, DiplomaRecord, Issuer, render};
use crate::ids::shams::{ShamsDateTime, Uuid};
use crate::ids::{
    DiplomaNumber, FileSerialAllocator, LegalEntityId, NationalCode, SerialAllocator, SerialKey,
    Shams,
};

/// The directory under the output directory that holds the batch's state.
pub const STATE_DIR: &str = ".samad-issue";

/// Rows rendered per round: the fonts are subset once per round, and memory stays bounded
/// however long the CSV is.
const ROUND_ROWS: usize = 256;

/// The most diplomas made durable and journaled together (group commit): a group is
/// whatever has landed when the previous one is committed, up to this many.
const GROUP_MAX: usize = 64;

/// Iran's civil time since 1402 (no daylight saving): the SHAMS date-time is civil time.
const IRAN_OFFSET_SECONDS: i32 = 3 * 3600 + 30 * 60;

/// What stays the same for every diploma of a batch.
#[derive(Debug, Clone)]
pub struct BatchSettings {
    /// The university, the ministry and the signers' titles.
    pub issuer: Issuer,
    /// The university's email, a component of every diploma's SHAMS.
    pub org_email: String,
    /// The SHAMS signer: official 1's national code.
    pub signer_national_code: NationalCode,
    /// Official 1's organizational post ID in the SHAMS.
    pub signer_post_id: String,
    /// Worker threads for rendering and signing; 0 = every core.
    pub threads: usize,
}

/// Where a running batch is, reported after every row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Rows read so far.
    pub rows: u64,
    /// Diplomas issued by this run.
    pub issued: u64,
    /// Rows whose graduate an earlier run already issued.
    pub already_issued: u64,
    /// Rows reported as bad.
    pub failed: u64,
}

/// What a batch did.
#[derive(Debug, Clone, Default)]
pub struct BatchSummary {
    /// The diplomas this run issued (or re-issued), in number order.
    pub issued: Vec<ManifestEntry>,
    /// Rows whose graduate an earlier run already issued (skipped).
    pub already_issued: u64,
    /// Diplomas of earlier runs found missing or altered on disk and issued again under
    /// their number.
    pub repaired: u64,
    /// The bad rows, in CSV order.
    pub row_errors: Vec<RowError>,
    /// How many diplomas the manifest lists (this run's and every earlier run's).
    pub manifest_len: usize,
}

/// One batch issuance into an output directory.
pub struct Batch<'a> {
    out_dir: PathBuf,
    settings: BatchSettings,
    sealer: &'a dyn DiplomaSealer,
    clock: &'a dyn Clock,
    university: LegalEntityId,
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("out_dir", &self.out_dir)
            .field("university", &self.university)
            .finish_non_exhaustive()
    }
}

/// A diploma to render this round: its record and its issue time.
struct Job {
    record: DiplomaRecord,
    issued_at: OffsetDateTime,
}

/// A running batch's state on the main thread.
struct Run<'p> {
    journal: Journal,
    status: Progress,
    /// The diplomas this run committed.
    issued: Vec<ManifestEntry>,
    row_errors: Vec<RowError>,
    /// The first failure; the batch stops taking rows and finishes what is in flight.
    failure: Option<IssueError>,
    progress: &'p mut dyn FnMut(&Progress),
    /// Tells the workers to skip what is still queued.
    stop: &'p AtomicBool,
}

impl Run<'_> {
    /// Records `e` if it is the first failure and tells the workers to stop.
    fn fail(&mut self, e: IssueError) {
        self.stop.store(true, Ordering::Relaxed);
        self.failure.get_or_insert(e);
    }
}

impl<'a> Batch<'a> {
    /// A batch into `out_dir` (created if needed) with `settings`, signing with `sealer`;
    /// issue times come from `clock`. Fails when the settings cannot make a SHAMS.
    pub fn new(
        out_dir: impl Into<PathBuf>,
        settings: BatchSettings,
        sealer: &'a dyn DiplomaSealer,
        clock: &'a dyn Clock,
    ) -> Result<Batch<'a>, IssueError> {
        let university: LegalEntityId =
            settings
                .issuer
                .university_legal_id
                .parse()
                .map_err(|e: crate::IdError| IssueError::Settings {
                    what: "issuer.university_legal_id",
                    message: e.to_string(),
                })?;
        let batch = Batch {
            out_dir: out_dir.into(),
            settings,
            sealer,
            clock,
            university,
        };
        // Fail now, not on the first row, when the organization email or post ID is bad.
        batch
            .shams(
                &DiplomaNumber::new(university, 1403, crate::DegreeLevel::Bachelor, 1)
                    .map_err(|e| settings_error("issuer", e.to_string()))?,
                OffsetDateTime::UNIX_EPOCH,
            )
            .map_err(|e| settings_error("org_email / signer", e.to_string()))?;
        Ok(batch)
    }

    /// Issues the graduates of a CSV stream (BRIEF §4); see [`Batch::issue_rows`].
    pub fn issue_csv(
        &self,
        input: impl std::io::Read,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<BatchSummary, IssueError> {
        let reader = GraduatesReader::new(input)?;
        let positions = reader.positions();
        self.issue_rows(reader, &positions, progress)
    }

    /// Issues every good row of `rows` and reports the bad ones; `positions` are the CSV
    /// columns' 0-based positions, for error locations. Resumes: a graduate the output
    /// directory's journal already issued is skipped, one assigned a number but not issued
    /// (a killed run) is issued under that number. Ends by rewriting the manifest.
    pub fn issue_rows(
        &self,
        rows: impl Iterator<Item = Result<GraduateRow, RowError>>,
        positions: &[usize; COLUMNS.len()],
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<BatchSummary, IssueError> {
        let state = self.out_dir.join(STATE_DIR);
        fs::create_dir_all(&state).map_err(io_error("create", &state))?;
        let _lock = lock_dir(&state)?;
        remove_partials(&self.out_dir)?;
        let mut journal = Journal::open(&state.join("journal.jsonl"))?;
        let allocator = FileSerialAllocator::open(state.join("serials"))?;
        let repaired = self.reconcile(&mut journal)?;
        let stop = AtomicBool::new(false);
        let mut run = Run {
            journal,
            status: Progress::default(),
            issued: Vec::new(),
            row_errors: Vec::new(),
            failure: None,
            progress,
            stop: &stop,
        };
        // Workers render and sign while this thread reads, numbers and prepares the next
        // round and commits what has landed (spec/issue.md §2 step 6): at most one round
        // waits in the queue, so memory stays bounded.
        let (jobs, queue) = mpsc::sync_channel::<(Arc<DiplomaFonts>, Job)>(ROUND_ROWS);
        let queue = Mutex::new(queue);
        let (landed, arrivals) = mpsc::channel::<Result<ManifestEntry, IssueError>>();
        std::thread::scope(|scope| {
            for _ in 0..self.threads() {
                let (queue, landed, stop) = (&queue, landed.clone(), &stop);
                scope.spawn(move || {
                    loop {
                        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
                        let Ok((fonts, job)) = next else { break };
                        // After a failure the queue is drained without work.
                        if !stop.load(Ordering::Relaxed)
                            && landed.send(self.make_one(&job, &fonts)).is_err()
                        {
                            break;
                        }
                    }
                });
            }
            drop(landed);
            if let Err(e) = self.feed(rows, positions, &allocator, &jobs, &arrivals, &mut run) {
                run.fail(e);
            }
            drop(jobs);
            while let Ok(first) = arrivals.recv() {
                self.commit_arrivals(first, &arrivals, &mut run);
            }
        });
        // What was issued before a failure stays listed.
        let manifest_len = self.write_manifest_from(&run.journal)?;
        if let Some(e) = run.failure {
            return Err(e);
        }
        run.issued.sort_unstable();
        Ok(BatchSummary {
            issued: run.issued,
            already_issued: run.status.already_issued,
            repaired,
            row_errors: run.row_errors,
            manifest_len,
        })
    }

    /// Reads, checks and numbers the rows round by round, prepares each round's fonts and
    /// queues its diplomas for the workers, committing what has landed in between. Stops
    /// at the first failure, its own or a worker's.
    fn feed(
        &self,
        rows: impl Iterator<Item = Result<GraduateRow, RowError>>,
        positions: &[usize; COLUMNS.len()],
        allocator: &FileSerialAllocator,
        jobs: &mpsc::SyncSender<(Arc<DiplomaFonts>, Job)>,
        arrivals: &mpsc::Receiver<Result<ManifestEntry, IssueError>>,
        run: &mut Run<'_>,
    ) -> Result<(), IssueError> {
        let mut seen: HashMap<KeyDigest, u64> = HashMap::new();
        // Each row with its key's digest, computed once.
        let mut round: Vec<(CheckedRow, KeyDigest)> = Vec::with_capacity(ROUND_ROWS);
        let mut rows = rows.peekable();
        while rows.peek().is_some() && run.failure.is_none() {
            round.clear();
            for row in rows.by_ref() {
                run.status.rows += 1;
                let checked = row.and_then(|row| check_row(row, &self.settings.issuer, positions));
                let checked = checked.and_then(|c| {
                    let key = KeyDigest::of(&c.key);
                    match seen.get(&key) {
                        Some(first) => Err(RowError {
                            line: c.row.line,
                            column: positions.first().map_or(0, |p| p + 1),
                            name: "national_code".to_owned(),
                            message: format!(
                                "the same graduate, degree and field as line {first}; a \
                                 graduate is issued once"
                            ),
                        }),
                        None => {
                            seen.insert(key, c.row.line);
                            Ok((c, key))
                        }
                    }
                });
                match checked {
                    Ok((_, key)) if run.journal.is_issued(&key) => {
                        run.status.already_issued += 1;
                        (run.progress)(&run.status);
                    }
                    Ok(keyed) => round.push(keyed),
                    Err(e) => {
                        run.status.failed += 1;
                        run.row_errors.push(e);
                        (run.progress)(&run.status);
                    }
                }
                if round.len() == ROUND_ROWS {
                    break;
                }
            }
            if round.is_empty() {
                continue;
            }
            let round_jobs = self.assign(&round, &mut run.journal, allocator)?;
            let fonts =
                DiplomaFonts::prepare_on(round_jobs.iter().map(|j| &j.record), self.threads())
                    .map_err(|source| IssueError::Render {
                        number: "(batch fonts)".to_owned(),
                        source,
                    })?;
            let fonts = Arc::new(fonts);
            for job in round_jobs {
                if jobs.send((Arc::clone(&fonts), job)).is_err() {
                    break;
                }
            }
            while let Ok(first) = arrivals.try_recv() {
                self.commit_arrivals(first, arrivals, run);
            }
        }
        Ok(())
    }

    /// Commits `first` and whatever else has landed meanwhile (at most [`GROUP_MAX`]) as
    /// one group, and reports them; a failed diploma stops the batch.
    fn commit_arrivals(
        &self,
        first: Result<ManifestEntry, IssueError>,
        arrivals: &mpsc::Receiver<Result<ManifestEntry, IssueError>>,
        run: &mut Run<'_>,
    ) {
        let mut group = Vec::with_capacity(GROUP_MAX);
        let more = std::iter::from_fn(|| arrivals.try_recv().ok());
        for result in std::iter::once(first).chain(more).take(GROUP_MAX) {
            match result {
                Ok(entry) => group.push(entry),
                Err(e) => run.fail(e),
            }
        }
        match self.commit(&group, &mut run.journal) {
            Ok(()) => {
                for entry in group {
                    run.status.issued += 1;
                    (run.progress)(&run.status);
                    run.issued.push(entry);
                }
            }
            Err(e) => run.fail(e),
        }
    }

    /// Rewrites the manifest from every diploma the journal holds as issued; returns how
    /// many it lists.
    fn write_manifest_from(&self, journal: &Journal) -> Result<usize, IssueError> {
        write_manifest(&self.out_dir, journal.entries())?;
        Ok(journal.issued.len())
    }

    /// Checks every diploma the journal says is issued against its file; one that is
    /// missing or altered is forgotten, so its graduate is issued again under its number.
    fn reconcile(&self, journal: &mut Journal) -> Result<u64, IssueError> {
        let mut damaged = Vec::new();
        for issued in journal.entries() {
            let path = self.out_dir.join(issued.file());
            let intact = match fs::read(&path) {
                Ok(bytes) => sha256(&bytes) == issued.sha256,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
                Err(e) => return Err(io_error("read", &path)(e)),
            };
            if !intact {
                damaged.push(issued.number);
            }
        }
        for number in &damaged {
            journal.forget_issued(number);
        }
        Ok(damaged.len() as u64)
    }

    /// Gives every row of the round its number — the journal's when an earlier run
    /// assigned one, else a new serial, in CSV order — and journals the new assignments
    /// before anything is rendered.
    fn assign(
        &self,
        round: &[(CheckedRow, KeyDigest)],
        journal: &mut Journal,
        allocator: &FileSerialAllocator,
    ) -> Result<Vec<Job>, IssueError> {
        let now = self
            .clock
            .now()
            .replace_nanosecond(0)
            .unwrap_or(self.clock.now());
        let now = now.to_offset(UtcOffset::UTC);
        // New rows per serial key, in CSV order.
        let mut wanted: BTreeMap<SerialKey, u32> = BTreeMap::new();
        for (row, key) in round {
            if !journal.assigned.contains_key(key) {
                *wanted
                    .entry(SerialKey::new(self.university, row.year, row.level))
                    .or_default() += 1;
            }
        }
        let mut blocks = BTreeMap::new();
        for (key, count) in wanted {
            blocks.insert(key, allocator.allocate_block(&key, count)?);
        }
        let mut entries = Vec::new();
        let mut numbered = Vec::with_capacity(round.len());
        for (row, key) in round {
            let (number, issued_at) = match journal.assigned.get(key) {
                Some(a) => (a.number, a.issued_at),
                None => {
                    let key = SerialKey::new(self.university, row.year, row.level);
                    let serial = blocks
                        .get_mut(&key)
                        .and_then(Iterator::next)
                        .ok_or_else(|| settings_error("serials", format!("no serial for {key}")))?;
                    let number = key
                        .number(serial)
                        .map_err(|e| settings_error("serials", e.to_string()))?;
                    entries.push(Entry::Assigned {
                        key: row.key.clone(),
                        number: number.compact().to_owned(),
                        line: row.row.line,
                        issued_at: now,
                    });
                    (number, now)
                }
            };
            numbered.push((row, number, issued_at));
        }
        journal.append(entries)?;
        // The records (SHAMS, canonical form) are built on every core, in CSV order.
        map_ordered(&numbered, self.threads(), |(row, number, issued_at)| {
            let shams = self
                .shams(number, *issued_at)
                .map_err(|e| settings_error("shams", e.to_string()))?;
            let record =
                DiplomaRecord::issue(&row.row.graduate, &self.settings.issuer, *number, &shams)
                    .map_err(|source| IssueError::Render {
                        number: number.to_string(),
                        source,
                    })?;
            Ok(Job {
                record,
                issued_at: *issued_at,
            })
        })
        .into_iter()
        .collect()
    }

    /// The worker threads: the settings' count, or every core for 0.
    fn threads(&self) -> usize {
        match self.settings.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }

    /// Makes a group of landed diplomas durable, then journals them as issued: a diploma
    /// is never journaled before its file and name are on disk.
    fn commit(&self, group: &[ManifestEntry], journal: &mut Journal) -> Result<(), IssueError> {
        if group.is_empty() {
            return Ok(());
        }
        sync_landed(&self.out_dir)?;
        journal.append(group.iter().map(Entry::issued).collect())
    }

    /// Renders and signs one diploma and puts it in place (not yet durable: see
    /// [`Batch::commit`]).
    fn make_one(&self, job: &Job, fonts: &DiplomaFonts) -> Result<ManifestEntry, IssueError> {
        let number = job.record.number();
        let unsigned =
            render(&job.record, fonts, job.issued_at).map_err(|source| IssueError::Render {
                number: number.to_string(),
                source,
            })?;
        let signed = self.sealer.seal(unsigned, &job.record, job.issued_at)?;
        land(&self.out_dir, &file_name(&number), &signed)?;
        Ok(ManifestEntry {
            number,
            national_code: job.record.national_code(),
            sha256: sha256(&signed),
        })
    }

    /// The SHAMS of the diploma `number` issued at `issued_at` (`spec/issue.md` §4.2):
    /// letter number = the diploma number without the university, GUID derived from the
    /// number, so a diploma redone after a crash gets the same SHAMS.
    fn shams(
        &self,
        number: &DiplomaNumber,
        issued_at: OffsetDateTime,
    ) -> Result<Shams, crate::IdError> {
        let printed = number.to_string();
        let letter = printed
            .split_once('-')
            .map_or(printed.as_str(), |(_, rest)| rest);
        let civil = issued_at.to_offset(
            UtcOffset::from_whole_seconds(IRAN_OFFSET_SECONDS).unwrap_or(UtcOffset::UTC),
        );
        let at = ShamsDateTime::new(
            u16::try_from(civil.year()).unwrap_or(0),
            u8::from(civil.month()),
            civil.day(),
            civil.hour(),
            civil.minute(),
            civil.second(),
        )?;
        Shams::builder()
            .letter_number(letter)
            .issued_at(at)
            .guid(diploma_guid(number))
            .signer(
                self.settings.signer_national_code,
                &self.settings.signer_post_id,
            )
            .org_email(&self.settings.org_email)
            .org_legal_id(self.university)
            .build()
    }
}

/// A version-8 UUID (RFC 9562 §5.8) from SHA-256 of the diploma number: stable per number.
fn diploma_guid(number: &DiplomaNumber) -> Uuid {
    let digest = Sha256::digest(format!("samad-issue/1:{}", number.compact()).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(digest.get(..16).unwrap_or(&[0; 16]));
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Uuid::from_bytes(bytes)
}

fn settings_error(what: &'static str, message: String) -> IssueError {
    IssueError::Settings { what, message }
}

/// Takes the output directory's exclusive lock: one batch at a time per directory.
fn lock_dir(state: &Path) -> Result<File, IssueError> {
    let path = state.join("lock");
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_error("open the lock file", &path))?;
    file.try_lock().map_err(|e| IssueError::Io {
        action: "lock (is another batch writing to this directory?)",
        path: path.clone(),
        source: match e {
            std::fs::TryLockError::Error(e) => e,
            std::fs::TryLockError::WouldBlock => {
                std::io::Error::from(std::io::ErrorKind::WouldBlock)
            }
        },
    })?;
    Ok(file)
}
