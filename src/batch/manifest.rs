//! `OUTDIR/manifest.jsonl`: one JSON line per input, written whole by one `write` call, so a
//! killed run leaves at most its last line cut short.
//!
//! A line promises that its output is on disk. Outputs are written and renamed without an
//! fsync each (about 5 ms a file here, which would cap a batch near 200 files/s); instead the
//! lines are written in groups ([`GROUP_LINES`] lines, or the first input to finish after
//! [`GROUP_WAIT`]), each group after one `syncfs` of the output's file system, so what a line
//! names survives a power loss. A line still waiting when the machine stops is simply redone
//! (or found up to date) by the rerun.
//!
//! Each run rewrites the manifest, so that it holds exactly one line per input. Before it is
//! truncated, the previous run's counts are read back: a rerun's `skipped` lines keep the
//! `tables` and `blocks` of the run that converted them (a cut-short last line is ignored).
//! So that a run killed before it re-listed every input loses none of them, what is known is
//! first saved to `.<manifest>.prev` (merged with an older one), removed when a run completes.

use super::BatchError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Lines written by one durability barrier at most.
pub(crate) const GROUP_LINES: usize = 256;
/// How long a finished input's line may wait for its group.
pub(crate) const GROUP_WAIT: Duration = Duration::from_millis(200);

/// Previous counts by raw path bytes: `(tables, blocks)`.
pub(crate) type Previous = HashMap<Vec<u8>, (u64, u64)>;

/// One manifest line.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The input path as walked; lossy when the name is not UTF-8 (then see `path_hex`).
    pub(crate) path: String,
    /// The path's raw bytes in hex, only when they are not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) path_hex: Option<String>,
    /// `ok`, `failed` or `skipped`.
    pub(crate) status: String,
    /// The cause of a failure, one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
    /// Top-level tables; `null` when unknown.
    #[serde(default)]
    pub(crate) tables: Option<u64>,
    /// Blocks; `null` when unknown.
    #[serde(default)]
    pub(crate) blocks: Option<u64>,
    /// Wall time spent on this input, in milliseconds.
    #[serde(default)]
    pub(crate) ms: u64,
}

impl Entry {
    /// A line for `path` with the given status.
    pub(crate) fn new(path: &Path, status: &str) -> Entry {
        let raw = path.as_os_str().as_encoded_bytes();
        let (path, path_hex) = match path.to_str() {
            Some(s) => (s.to_string(), None),
            None => (path.to_string_lossy().into_owned(), Some(hex(raw))),
        };
        Entry {
            path,
            path_hex,
            status: status.to_string(),
            error: None,
            tables: None,
            blocks: None,
            ms: 0,
        }
    }

    /// The raw path bytes this line names.
    fn key(&self) -> Option<Vec<u8>> {
        match &self.path_hex {
            Some(h) => unhex(h),
            None => Some(self.path.as_bytes().to_vec()),
        }
    }
}

/// Lines of finished inputs not yet written: they wait for the barrier that makes their
/// outputs durable.
#[derive(Default)]
struct Pending {
    lines: Vec<u8>,
    count: usize,
    since: Option<Instant>,
}

/// The manifest file and the lines waiting for it.
struct Writer {
    file: File,
    pending: Pending,
}

impl Writer {
    /// Makes the outputs of the waiting lines durable, then appends the lines.
    fn write_group(&mut self) -> io::Result<()> {
        if self.pending.count == 0 {
            return Ok(());
        }
        outputs_durable(&self.file)?;
        let lines = std::mem::take(&mut self.pending);
        self.file.write_all(&lines.lines)
    }
}

/// Every file written so far on the manifest's file system is on disk (the outputs live under
/// the manifest's folder): one `syncfs`, whatever the number of outputs.
#[cfg(target_os = "linux")]
fn outputs_durable(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor belongs to `file`, open for the whole call; syncfs reads nothing
    // through it but the file system it names.
    if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Without syncfs (other Unixes): sync(2) flushes every file system, the outputs' among them.
#[cfg(all(unix, not(target_os = "linux")))]
fn outputs_durable(_file: &File) -> io::Result<()> {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
    Ok(())
}

/// Elsewhere no barrier is made: the outputs are atomic (renamed into place) but their
/// durability is left to the system, as docs/batch.md says.
#[cfg(not(unix))]
fn outputs_durable(_file: &File) -> io::Result<()> {
    Ok(())
}

/// The manifest being written; shared by all workers.
pub(crate) struct Manifest {
    file: Mutex<Writer>,
    /// Counts known before this run, kept until this run has re-listed every input.
    prev_path: PathBuf,
    /// The first write error: reported once the run ends (the run itself goes on).
    error: Mutex<Option<io::Error>>,
    /// [`GROUP_WAIT`] (a test waits forever, so only the line count closes a group).
    group_wait: Duration,
}

impl Manifest {
    /// Opens and locks the manifest, reads and saves the counts of earlier runs, and empties it.
    pub(crate) fn open(path: &Path) -> Result<(Manifest, Previous), BatchError> {
        let io_err = |e| BatchError::io(path, e);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(BatchError::Usage(format!(
                    "{}: another docgrid batch is writing this manifest",
                    path.display()
                )))
            }
            Err(TryLockError::Error(e)) => return Err(io_err(e)),
        }
        let prev_path = sibling(path, ".", ".prev");
        let mut previous = match File::open(&prev_path) {
            Ok(f) => load(&f).map_err(|e| BatchError::io(&prev_path, e))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Previous::new(),
            Err(e) => return Err(BatchError::io(&prev_path, e)),
        };
        previous.extend(load(&file).map_err(io_err)?);
        if !previous.is_empty() {
            save(&previous, &prev_path).map_err(|e| BatchError::io(&prev_path, e))?;
        }
        file.set_len(0).map_err(io_err)?;
        file.seek(SeekFrom::Start(0)).map_err(io_err)?;
        let manifest = Manifest {
            file: Mutex::new(Writer {
                file,
                pending: Pending::default(),
            }),
            prev_path,
            error: Mutex::new(None),
            group_wait: GROUP_WAIT,
        };
        Ok((manifest, previous))
    }

    /// Adds one line to the waiting group, and writes the group once it is full or old enough.
    pub(crate) fn record(&self, entry: &Entry) {
        let result = serde_json::to_vec(entry)
            .map_err(io::Error::other)
            .and_then(|mut line| {
                line.push(b'\n');
                let mut writer = self.file.lock().unwrap_or_else(|p| p.into_inner());
                let pending = &mut writer.pending;
                pending.lines.extend_from_slice(&line);
                pending.count += 1;
                let since = *pending.since.get_or_insert_with(Instant::now);
                if pending.count >= GROUP_LINES || since.elapsed() >= self.group_wait {
                    writer.write_group()
                } else {
                    Ok(())
                }
            });
        if let Err(e) = result {
            let mut first = self.error.lock().unwrap_or_else(|p| p.into_inner());
            first.get_or_insert(e);
        }
    }

    /// Releases the lock and returns the first write error, if any. `complete`: every input
    /// has its line, so the saved counts of earlier runs are no longer needed.
    pub(crate) fn finish(&self, complete: bool) -> io::Result<()> {
        let mut writer = self.file.lock().unwrap_or_else(|p| p.into_inner());
        writer.write_group()?;
        let file = &writer.file;
        file.sync_all()?;
        if complete {
            match fs::remove_file(&self.prev_path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        file.unlock()?;
        let mut first = self.error.lock().unwrap_or_else(|p| p.into_inner());
        first.take().map_or(Ok(()), Err)
    }
}

/// Reads `(tables, blocks)` of every complete `ok` or `skipped` line.
fn load(file: &File) -> io::Result<Previous> {
    let mut previous = Previous::new();
    let mut reader = BufReader::new(file);
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(previous);
        }
        // A line without its newline was cut short by a kill: ignore it.
        if line.last() != Some(&b'\n') {
            return Ok(previous);
        }
        let Ok(entry) = serde_json::from_slice::<Entry>(&line) else {
            continue;
        };
        if let (Some(t), Some(b), Some(key)) = (entry.tables, entry.blocks, entry.key()) {
            if entry.status != "failed" {
                previous.insert(key, (t, b));
            }
        }
    }
}

/// Writes `previous` as manifest lines (raw path always in `path_hex`), atomically.
fn save(previous: &Previous, path: &Path) -> io::Result<()> {
    let tmp = sibling(path, "", ".docgrid-tmp");
    let mut w = BufWriter::new(File::create(&tmp)?);
    for (key, &(tables, blocks)) in previous {
        let entry = Entry {
            path: String::from_utf8_lossy(key).into_owned(),
            path_hex: Some(hex(key)),
            status: "ok".into(),
            error: None,
            tables: Some(tables),
            blocks: Some(blocks),
            ms: 0,
        };
        serde_json::to_writer(&mut w, &entry)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    drop(w);
    fs::rename(&tmp, path)
}

/// `<dir>/<prefix><name of path><suffix>`.
fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let mut name = OsString::from(prefix);
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    path.with_file_name(name)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn previous_counts_survive_a_cut_short_last_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.jsonl");
        std::fs::write(
            &path,
            concat!(
                r#"{"path":"in/a.docx","status":"ok","tables":2,"blocks":9,"ms":3}"#,
                "\n",
                r#"{"path":"in/b.docx","status":"failed","error":"x","tables":null,"blocks":null,"ms":1}"#,
                "\n",
                r#"{"path":"in/c.docx","status":"skipped","tables":1,"blocks":4,"ms":0}"#,
                "\n",
                r#"{"path":"in/d.docx","status":"ok","tab"#,
            ),
        )
        .unwrap();
        let (manifest, previous) = Manifest::open(&path).unwrap();
        assert_eq!(previous.len(), 2);
        assert_eq!(previous.get(b"in/a.docx".as_slice()), Some(&(2, 9)));
        assert_eq!(previous.get(b"in/c.docx".as_slice()), Some(&(1, 4)));
        let mut e = Entry::new(&PathBuf::from("in/e.docx"), "ok");
        e.tables = Some(0);
        e.blocks = Some(1);
        manifest.record(&e);
        manifest.finish(true).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"path\":\"in/e.docx\",\"status\":\"ok\",\"tables\":0,\"blocks\":1,\"ms\":0}\n"
        );
    }

    #[test]
    fn counts_survive_a_run_killed_before_relisting_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.jsonl");
        let prev = dir.path().join(".manifest.jsonl.prev");
        std::fs::write(
            &path,
            "{\"path\":\"a.docx\",\"status\":\"ok\",\"tables\":3,\"blocks\":5,\"ms\":1}\n",
        )
        .unwrap();
        // A run that is killed before it writes a.docx's line again.
        let (killed, previous) = Manifest::open(&path).unwrap();
        assert_eq!(previous.get(b"a.docx".as_slice()), Some(&(3, 5)));
        drop(killed);
        assert_eq!(std::fs::read(&path).unwrap(), b"");
        let (complete, previous) = Manifest::open(&path).unwrap();
        assert_eq!(previous.get(b"a.docx".as_slice()), Some(&(3, 5)));
        assert!(prev.exists());
        complete.finish(true).unwrap();
        assert!(!prev.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_second_writer_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.jsonl");
        let (first, _) = Manifest::open(&path).unwrap();
        assert!(matches!(Manifest::open(&path), Err(BatchError::Usage(_))));
        first.finish(true).unwrap();
        assert!(Manifest::open(&path).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_paths_round_trip_through_hex() {
        use std::os::unix::ffi::OsStrExt;
        let raw = b"in/r\xe9port.docx";
        let e = Entry::new(Path::new(std::ffi::OsStr::from_bytes(raw)), "ok");
        assert_eq!(e.path, "in/r\u{fffd}port.docx");
        assert_eq!(e.path_hex.as_deref(), Some("696e2f72e9706f72742e646f6378"));
        assert_eq!(e.key().as_deref(), Some(raw.as_slice()));
    }

    #[test]
    fn lines_are_written_in_groups_after_their_barrier() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.jsonl");
        let (mut manifest, _) = Manifest::open(&path).unwrap();
        manifest.group_wait = Duration::MAX;
        let line_count = || std::fs::read_to_string(&path).unwrap().lines().count();
        for k in 0..GROUP_LINES + 3 {
            manifest.record(&Entry::new(&PathBuf::from(format!("in/{k}.docx")), "ok"));
        }
        // The full group went out together; the three after it wait for the next barrier.
        assert_eq!(line_count(), GROUP_LINES);
        manifest.finish(true).unwrap();
        assert_eq!(line_count(), GROUP_LINES + 3);
    }
}
