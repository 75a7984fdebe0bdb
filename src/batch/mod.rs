//! `docgrid batch`: converts whole archives in parallel and resumably; one bad file never stops
//! the rest. Design notes, the CLI glue and benchmarks are in `docs/batch.md`.
//!
//! The walk is streamed into a rayon pool (`par_bridge`), so memory does not grow with the number
//! of inputs; each finished input appends one line to the manifest; every output is written under
//! a temporary name and renamed, so a killed run leaves no partial output and a rerun resumes.

mod formats;
mod input;
mod job;
mod manifest;
mod progress;
mod report_format;
mod walk;

pub use formats::{Cells, Csv, Markdown, Xlsx};
pub use progress::ProgressMode;
pub use report_format::Report;

use crate::model::Document;
use crate::{Error, Options};
use std::fmt;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Default bound on the size of one input file (it is read whole into memory).
pub const DEFAULT_MAX_FILE_BYTES: u64 = crate::limits::DEFAULT_MAX_FILE_MIB * 1024 * 1024;
/// Default wall-time bound for converting one input.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Converts one document held in memory: [`crate::convert_bytes`] unless a caller swaps it.
pub type ConvertFn = fn(&[u8], &Options) -> Result<Document, Error>;

/// A per-input output format: one output named `<input file name><suffix>` per input.
pub trait OutputFormat: Send + Sync {
    /// Appended to the input's whole file name (`a.docx` → `a.docx.json`), so `a.docx` and
    /// `a.pdf` never collide.
    fn suffix(&self) -> &str;
    /// Writes `doc` as a new file at `path`, a temporary name that the batch then renames.
    fn write(&self, doc: &Document, path: &Path) -> io::Result<()>;
    /// Whether the existing output at `path` was written completely. By default: a non-empty
    /// file, or for folder outputs any folder (they are only ever renamed into place whole).
    fn is_complete(&self, path: &Path) -> bool {
        if self.is_dir() {
            fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
        } else {
            fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0)
        }
    }
    /// `(tables, blocks)` of an existing output, for an up-to-date input whose counts no
    /// earlier manifest holds.
    fn counts(&self, _path: &Path) -> Option<(u64, u64)> {
        None
    }
    /// Whether the output is a folder (written as a whole under a temporary name, then
    /// renamed into place) rather than a file.
    fn is_dir(&self) -> bool {
        false
    }
    /// Called once after every input is done with the outputs of this run's inputs (converted
    /// or up to date) in a stable order, for formats that also write one file for the whole
    /// batch (`cells.csv`).
    fn gather(
        &self,
        _out_dir: &Path,
        _shard: Option<Shard>,
        _outputs: &mut dyn Iterator<Item = PathBuf>,
    ) -> io::Result<()> {
        Ok(())
    }
}

/// JSON of contract v1, one file per input.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json {
    /// Indent with two spaces (as `convert` does) instead of one line.
    pub pretty: bool,
}

impl OutputFormat for Json {
    fn suffix(&self) -> &str {
        crate::write::output::OutputFormat::Json.suffix()
    }

    fn write(&self, doc: &Document, path: &Path) -> io::Result<()> {
        let mut w = io::BufWriter::new(fs::File::create(path)?);
        crate::write::json::write(doc, &mut w, self.pretty)
    }

    fn is_complete(&self, path: &Path) -> bool {
        // The writer ends every document with "}\n": an output cut short (a crash of the
        // machine after the rename, a copy interrupted by hand) does not.
        let tail = || -> io::Result<[u8; 2]> {
            let mut f = fs::File::open(path)?;
            f.seek(SeekFrom::End(-2))?;
            let mut tail = [0u8; 2];
            f.read_exact(&mut tail)?;
            Ok(tail)
        };
        fs::metadata(path).is_ok_and(|m| m.is_file()) && tail().is_ok_and(|t| &t == b"}\n")
    }

    fn counts(&self, path: &Path) -> Option<(u64, u64)> {
        #[derive(serde::Deserialize)]
        struct Blocks {
            blocks: Vec<Kind>,
        }
        #[derive(serde::Deserialize)]
        struct Kind {
            kind: String,
        }
        let f = io::BufReader::new(fs::File::open(path).ok()?);
        let doc: Blocks = serde_json::from_reader(f).ok()?;
        let tables = doc.blocks.iter().filter(|b| b.kind == "table").count();
        Some((tables as u64, doc.blocks.len() as u64))
    }
}

/// `--shard K/N`: this process converts the inputs whose relative path hashes to K (1-based)
/// out of N, so N machines split one archive with no coordination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Shard `index` (1-based) of `count`.
    pub fn new(index: u64, count: u64) -> Result<Shard, BatchError> {
        if count == 0 || index == 0 || index > count {
            return Err(BatchError::Usage(format!(
                "shard {index}/{count}: K/N needs 1 <= K <= N"
            )));
        }
        Ok(Shard { index, count })
    }

    /// K, counting from 1.
    pub fn index(&self) -> u64 {
        self.index
    }

    /// N.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether the input at `rel` (its path as mirrored under OUTDIR) belongs to this shard.
    pub fn contains(&self, rel: &Path) -> bool {
        walk::stable_hash(rel) % self.count == self.index - 1
    }
}

impl FromStr for Shard {
    type Err = BatchError;

    fn from_str(s: &str) -> Result<Shard, BatchError> {
        let bad = || BatchError::Usage(format!("shard {s:?}: expected K/N, e.g. 2/8"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k = k.trim().parse().map_err(|_| bad())?;
        let n = n.trim().parse().map_err(|_| bad())?;
        Shard::new(k, n)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Everything one batch run needs; [`BatchConfig::new`] gives the CLI defaults.
#[derive(Clone)]
pub struct BatchConfig {
    /// Folders (walked recursively) and files.
    pub inputs: Vec<PathBuf>,
    /// Output folder, created if missing; holds the mirrored tree and the manifest.
    pub out_dir: PathBuf,
    /// How each input's output is written.
    pub format: Arc<dyn OutputFormat>,
    /// Conversions at once; 0 means one per core.
    pub jobs: usize,
    /// Redo inputs whose outputs are already complete and up to date.
    pub force: bool,
    /// Convert only this shard of the inputs.
    pub shard: Option<Shard>,
    /// How progress is shown on stderr.
    pub progress: ProgressMode,
    /// Reader options, including the per-document [`crate::Limits`].
    pub options: Options,
    /// Inputs larger than this fail without being read.
    pub max_file_bytes: u64,
    /// Wall time after which an input is recorded as failed and abandoned; `None`: no bound.
    pub timeout: Option<Duration>,
    /// The converter; tests swap it to inject panics and stalls.
    pub convert: ConvertFn,
}

impl BatchConfig {
    /// The defaults of `docgrid batch INPUTS -o OUT_DIR`.
    pub fn new(inputs: Vec<PathBuf>, out_dir: PathBuf) -> BatchConfig {
        BatchConfig {
            inputs,
            out_dir,
            format: Arc::new(Json { pretty: true }),
            jobs: 0,
            force: false,
            shard: None,
            progress: ProgressMode::Auto,
            options: Options::default(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            timeout: Some(DEFAULT_TIMEOUT),
            convert: crate::convert_bytes,
        }
    }
}

/// What a finished run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Inputs converted in this run.
    pub converted: u64,
    /// Inputs whose outputs were already complete and up to date.
    pub skipped: u64,
    /// Inputs that failed (each has a manifest line and a stderr line with its cause).
    pub failed: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// Files converted or attempted per second of wall time (skipped ones are not counted).
    pub fn files_per_sec(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64().max(1e-6);
        (self.converted + self.failed) as f64 / secs
    }

    /// The process exit status: 0 when nothing failed, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.failed > 0)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} converted, {} skipped, {} failed in {:.1} s ({:.0} files/s)",
            self.converted,
            self.skipped,
            self.failed,
            self.elapsed.as_secs_f64(),
            self.files_per_sec()
        )
    }
}

/// Why a batch could not run at all (per-input failures are not errors: see [`Summary`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The arguments cannot be honoured.
    #[error("{0}")]
    Usage(String),
    /// The output folder or the manifest is unusable.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// Worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// A bug in the batch itself (outside any conversion) stopped the run.
    #[error("internal error in the batch runner: {0}; please report it")]
    Internal(String),
}

impl BatchError {
    /// The process exit status for this error: 2 (usage, or nothing could run).
    pub fn exit_code(&self) -> u8 {
        2
    }

    fn io(path: &Path, source: io::Error) -> BatchError {
        BatchError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The name of a file written once per run (`stem.ext`): shards sharing one OUTDIR each write
/// their own (`stem.shard-K-of-N.ext`), to be concatenated.
pub fn run_file_name(stem: &str, ext: &str, shard: Option<Shard>) -> String {
    match shard {
        None => format!("{stem}.{ext}"),
        Some(s) => format!("{stem}.shard-{}-of-{}.{ext}", s.index, s.count),
    }
}

/// The manifest's file name (see [`run_file_name`]).
pub fn manifest_name(shard: Option<Shard>) -> String {
    run_file_name("manifest", "jsonl", shard)
}

/// Converts every `.docx`/`.pdf` under `config.inputs` into `config.out_dir`; returns when all
/// inputs are done (or abandoned after their time bound). Per-input failures are counted in the
/// [`Summary`]; an `Err` means the batch could not run at all.
pub fn run(config: &BatchConfig) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let roots = walk::roots(&config.inputs)?;
    fs::create_dir_all(&config.out_dir).map_err(|e| BatchError::io(&config.out_dir, e))?;
    let out_canon =
        fs::canonicalize(&config.out_dir).map_err(|e| BatchError::io(&config.out_dir, e))?;
    let manifest_path = config.out_dir.join(manifest_name(config.shard));
    let (manifest, previous) = manifest::Manifest::open(&manifest_path)?;
    let jobs = match config.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let ctx = Arc::new(job::Ctx::new(
        config.clone(),
        roots,
        out_canon,
        manifest,
        previous,
        progress::Reporter::new(config.progress),
        jobs,
    ));
    let mut summary = job::drive(&ctx, jobs)?;
    ctx.manifest
        .finish(true)
        .map_err(|e| BatchError::io(&manifest_path, e))?;
    if let Err(cause) = gather(config, &ctx) {
        // The per-input outputs are all in place; only the combined file is missing.
        progress::say(format_args!("docgrid: {cause}"));
        summary.failed += 1;
    }
    let summary = Summary {
        elapsed: started.elapsed(),
        ..summary
    };
    ctx.reporter.finish(&summary);
    io::stderr().flush().ok();
    Ok(summary)
}

/// Hands the outputs of this run's inputs, in sorted walk order, to the format's `gather`.
fn gather(config: &BatchConfig, ctx: &job::Ctx) -> Result<(), String> {
    let suffix = config.format.suffix();
    let mut outputs = ctx.sorted_items().filter_map(|item| match item {
        walk::Item::Input { rel, .. } => {
            let out = input::output_path(&config.out_dir, &rel, suffix);
            out.exists().then_some(out)
        }
        walk::Item::Unreadable { .. } => None,
    });
    config
        .format
        .gather(&config.out_dir, config.shard, &mut outputs)
        .map_err(|e| {
            format!(
                "{}: cannot write the combined output: {e}",
                config.out_dir.display()
            )
        })
}
