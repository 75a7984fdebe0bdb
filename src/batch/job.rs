//! Running the batch: the walk streamed into a rayon pool, one input per task, a watchdog for
//! the per-input time bound.
//!
//! Time bound: a Rust thread cannot be killed, so a conversion past `timeout` is *abandoned*:
//! the watchdog records it as failed at once and hands its slot to a spare pool thread, so the
//! batch goes on at full width; when the stuck conversion ends, its result is dropped. `jobs`
//! spare threads exist, so at most `jobs` inputs can be abandoned without narrowing the pool.
//! When only abandoned conversions remain, [`drive`] returns without them; their threads end
//! with the process (the CLI exits right after).

use super::input::{
    one_line, panic_cause, panic_message, prepare, write_output, Outcome, Prepared,
};
use super::manifest::{Entry, Manifest, Previous};
use super::progress::{Kind, Reporter};
use super::walk::{self, Item, Root};
use super::{BatchConfig, BatchError, Summary};
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Progress of the run as a whole, guarded by [`Ctx::state`].
#[derive(Default)]
struct State {
    /// Inputs taken from the walk and neither recorded nor abandoned.
    active: u64,
    walk_done: bool,
    pool_done: bool,
    /// A panic outside any conversion (a bug in the batch itself).
    crashed: Option<String>,
    stop: bool,
}

/// One conversion in flight.
struct Flight {
    path: PathBuf,
    started: Instant,
    abandoned: bool,
}

/// Everything the workers share.
pub(crate) struct Ctx {
    config: BatchConfig,
    roots: Vec<Root>,
    out_canon: PathBuf,
    pub(crate) manifest: Manifest,
    previous: Previous,
    pub(crate) reporter: Reporter,
    state: Mutex<State>,
    changed: Condvar,
    /// Conversions allowed to start: `jobs` minus those running and not abandoned.
    permits: Mutex<usize>,
    permit_freed: Condvar,
    flights: Mutex<HashMap<u64, Flight>>,
    next_flight: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic is caught per input and never happens under these locks; a poisoned lock still
    // holds consistent data.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Ctx {
    /// Shared state for one run.
    pub(crate) fn new(
        config: BatchConfig,
        roots: Vec<Root>,
        out_canon: PathBuf,
        manifest: Manifest,
        previous: Previous,
        reporter: Reporter,
        jobs: usize,
    ) -> Ctx {
        Ctx {
            config,
            roots,
            out_canon,
            manifest,
            previous,
            reporter,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            permits: Mutex::new(jobs),
            permit_freed: Condvar::new(),
            flights: Mutex::new(HashMap::new()),
            next_flight: AtomicU64::new(0),
        }
    }

    fn items(&self) -> impl Iterator<Item = Item> + Send + '_ {
        let shard = self.config.shard;
        walk::walk(self.roots.clone(), self.out_canon.clone(), false)
            .filter(move |item| shard.is_none_or(|s| s.contains(item.rel())))
    }

    /// This run's inputs again, each folder's entries sorted by name: a stable order for
    /// outputs gathered after the run, whatever order the parallel conversion finished in.
    pub(crate) fn sorted_items(&self) -> impl Iterator<Item = Item> + '_ {
        let shard = self.config.shard;
        walk::walk(self.roots.clone(), self.out_canon.clone(), true)
            .filter(move |item| shard.is_none_or(|s| s.contains(item.rel())))
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        let mut state = lock(&self.state);
        f(&mut state);
        // Waiters wait for the end of the run or for `stop`: wake them only then, not twice
        // per input.
        let wake = state.stop || state.pool_done || state.walk_done && state.active == 0;
        drop(state);
        if wake {
            self.changed.notify_all();
        }
    }

    fn acquire(&self) {
        let mut n = lock(&self.permits);
        while *n == 0 {
            n = self.permit_freed.wait(n).unwrap_or_else(|p| p.into_inner());
        }
        *n -= 1;
    }

    fn release(&self) {
        *lock(&self.permits) += 1;
        self.permit_freed.notify_one();
    }

    /// Writes the manifest line and the progress for one input.
    fn record(&self, path: &Path, outcome: Outcome, ms: u64) {
        let (kind, status) = match outcome {
            Outcome::Converted { .. } => (Kind::Converted, "ok"),
            Outcome::Skipped(_) => (Kind::Skipped, "skipped"),
            Outcome::Failed(_) => (Kind::Failed, "failed"),
        };
        let mut entry = Entry::new(path, status);
        entry.ms = ms;
        match outcome {
            Outcome::Converted { tables, blocks } | Outcome::Skipped(Some((tables, blocks))) => {
                entry.tables = Some(tables);
                entry.blocks = Some(blocks);
            }
            Outcome::Skipped(None) => {}
            Outcome::Failed(cause) => entry.error = Some(one_line(&cause)),
        }
        self.manifest.record(&entry);
        self.reporter.finished(kind, path, entry.error.as_deref());
    }
}

/// Runs the batch to its end and returns the counts.
pub(crate) fn drive(ctx: &Arc<Ctx>, jobs: usize) -> Result<Summary, BatchError> {
    let spare = if ctx.config.timeout.is_some() {
        jobs
    } else {
        0
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs + spare)
        .thread_name(|i| format!("docgrid-batch-{i}"))
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;
    let spawn = |name: &str, f: Box<dyn FnOnce() + Send>| {
        std::thread::Builder::new()
            .name(name.into())
            .spawn(f)
            .map_err(|e| BatchError::Threads(e.to_string()))
    };
    let counter = if ctx.reporter.wants_total() {
        let c = Arc::clone(ctx);
        Some(spawn("docgrid-count", Box::new(move || count(&c)))?)
    } else {
        None
    };
    let watchdog = match ctx.config.timeout {
        Some(limit) => {
            let c = Arc::clone(ctx);
            Some(spawn(
                "docgrid-watchdog",
                Box::new(move || watch(&c, limit)),
            )?)
        }
        None => None,
    };
    let c = Arc::clone(ctx);
    let workers = spawn(
        "docgrid-batch",
        Box::new(move || {
            // Conversions catch their own panics; this catches one in the batch's own code, so
            // that the run ends with an error instead of waiting forever.
            let crashed = catch_unwind(AssertUnwindSafe(|| {
                pool.install(|| {
                    Tracked {
                        inner: c.items(),
                        ctx: &c,
                    }
                    .par_bridge()
                    .for_each(|item| handle(&c, item));
                })
            }))
            .err()
            .map(|p| panic_message(p.as_ref()));
            c.update(|s| {
                s.pool_done = true;
                s.crashed = crashed;
            });
        }),
    );
    let workers = match workers {
        Ok(w) => w,
        Err(e) => {
            ctx.update(|s| s.stop = true);
            return Err(e);
        }
    };
    let mut state = lock(&ctx.state);
    while !(state.pool_done || state.walk_done && state.active == 0) {
        state = ctx.changed.wait(state).unwrap_or_else(|p| p.into_inner());
    }
    let pool_done = state.pool_done;
    let crashed = state.crashed.take();
    state.stop = true;
    drop(state);
    ctx.changed.notify_all();
    for t in counter.into_iter().chain(watchdog) {
        t.join().ok();
    }
    if pool_done {
        workers.join().ok();
    }
    // else: only abandoned conversions are left; dropping the handle detaches their threads.
    match crashed {
        Some(cause) => Err(BatchError::Internal(cause)),
        None => Ok(ctx.reporter.summary()),
    }
}

/// The walk, counting what is taken (an input is active until recorded or abandoned).
struct Tracked<'a, I> {
    inner: I,
    ctx: &'a Ctx,
}

impl<I: Iterator<Item = Item>> Iterator for Tracked<'_, I> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let next = self.inner.next();
        self.ctx.update(|s| match next {
            Some(_) => s.active += 1,
            None => s.walk_done = true,
        });
        next
    }
}

/// Counts the inputs in a second walk, so the bar can show a total and an ETA.
fn count(ctx: &Ctx) {
    let mut n = 0u64;
    for _ in ctx.items() {
        n += 1;
        if n.is_multiple_of(256) {
            if lock(&ctx.state).stop {
                return;
            }
            ctx.reporter.set_total(n, false);
        }
    }
    ctx.reporter.set_total(n, true);
}

/// Abandons conversions past `limit`, recording each as failed.
fn watch(ctx: &Ctx, limit: Duration) {
    let tick = (limit / 4).clamp(Duration::from_millis(10), Duration::from_secs(1));
    loop {
        let state = lock(&ctx.state);
        let (state, _) = ctx
            .changed
            .wait_timeout_while(state, tick, |s| !s.stop)
            .unwrap_or_else(|p| p.into_inner());
        if state.stop {
            return;
        }
        drop(state);
        let mut overdue = Vec::new();
        for f in lock(&ctx.flights).values_mut() {
            if !f.abandoned && f.started.elapsed() > limit {
                f.abandoned = true;
                overdue.push((f.path.clone(), f.started.elapsed()));
            }
        }
        for (path, elapsed) in overdue {
            let cause = format!(
                "timed out: still converting after {:.1} s (limit {} s); abandoned",
                elapsed.as_secs_f64(),
                limit.as_secs_f64()
            );
            ctx.record(&path, Outcome::Failed(cause), millis(elapsed));
            ctx.release();
            ctx.update(|s| s.active = s.active.saturating_sub(1));
        }
    }
}

/// Does one input from the walk, start to finish.
fn handle(ctx: &Ctx, item: Item) {
    let started = Instant::now();
    let (path, outcome) = match item {
        Item::Unreadable { path, cause, .. } => (path, Outcome::Failed(cause)),
        Item::Input { path, rel } => {
            ctx.acquire();
            let id = ctx.next_flight.fetch_add(1, Ordering::Relaxed);
            lock(&ctx.flights).insert(
                id,
                Flight {
                    path: path.clone(),
                    started,
                    abandoned: false,
                },
            );
            let prepared = catch_unwind(AssertUnwindSafe(|| {
                prepare(&ctx.config, &ctx.previous, &path, &rel)
            }));
            let abandoned = lock(&ctx.flights).remove(&id).is_some_and(|f| f.abandoned);
            if abandoned {
                // The watchdog has recorded it and passed its permit on.
                return;
            }
            let outcome = match prepared {
                Ok(Prepared::Done(outcome)) => outcome,
                Ok(Prepared::Write(doc, out, mtime)) => catch_unwind(AssertUnwindSafe(|| {
                    write_output(&ctx.config, &doc, &out, mtime)
                }))
                .unwrap_or_else(|p| Outcome::Failed(panic_cause(p.as_ref()))),
                Err(p) => Outcome::Failed(panic_cause(p.as_ref())),
            };
            ctx.release();
            (path, outcome)
        }
    };
    ctx.record(&path, outcome, millis(started.elapsed()));
    ctx.update(|s| s.active = s.active.saturating_sub(1));
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
