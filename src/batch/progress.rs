//! Progress on stderr: an indicatif bar on a terminal, a plain line every few seconds otherwise
//! (logs of a scheduler), nothing but failures with `--quiet`. Also keeps the run's counts.

use super::Summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Seconds between two plain progress lines.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// How progress is shown on stderr. Failure lines (`docgrid: <path>: <cause>`) are printed in
/// every mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, plain lines otherwise.
    #[default]
    Auto,
    /// Always the bar.
    Bar,
    /// A plain line every few seconds, and the summary line.
    Plain,
    /// No progress and no summary line.
    Quiet,
}

/// One line on stderr. `eprintln!` panics when stderr is a closed pipe (`2>&1 | head`); a
/// progress line nobody reads is no reason to stop converting.
pub(crate) fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The bar's template: `done/total` only once the counting walk has found every input, so it
/// never shows `1/0 files` while the walk is still counting (then it shows `done files`).
fn bar_template(total_known: bool) -> &'static str {
    if total_known {
        "{elapsed_precise} [{wide_bar}] {pos}/{len} files  {per_sec:0}  ETA {eta}  {msg}"
    } else {
        "{elapsed_precise} {pos} files  {per_sec:0}  {msg}"
    }
}

fn bar_style(total_known: bool) -> ProgressStyle {
    ProgressStyle::with_template(bar_template(total_known))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Converted,
    Skipped,
    Failed,
}

/// Counts and shows progress; shared by all workers.
pub(crate) struct Reporter {
    bar: Option<ProgressBar>,
    plain: bool,
    quiet: bool,
    started: Instant,
    /// Milliseconds since `started` of the last plain line.
    last_line: AtomicU64,
    total: AtomicU64,
    total_known: AtomicBool,
    converted: AtomicU64,
    skipped: AtomicU64,
    failed: AtomicU64,
}

impl Reporter {
    /// A reporter for `mode`, resolving `Auto` against stderr.
    pub(crate) fn new(mode: ProgressMode) -> Reporter {
        let mode = match mode {
            ProgressMode::Auto if std::io::stderr().is_terminal() => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::Plain,
            m => m,
        };
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(bar_style(false));
            bar.set_message("counting inputs…");
            bar
        });
        Reporter {
            bar,
            plain: mode == ProgressMode::Plain,
            quiet: mode == ProgressMode::Quiet,
            started: Instant::now(),
            last_line: AtomicU64::new(0),
            total: AtomicU64::new(0),
            total_known: AtomicBool::new(false),
            converted: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        }
    }

    /// Whether a counting walk is worth running (something shows a total).
    pub(crate) fn wants_total(&self) -> bool {
        !self.quiet
    }

    /// Inputs counted so far; `known` once the counting walk has finished.
    pub(crate) fn set_total(&self, total: u64, known: bool) {
        self.total.store(total, Ordering::Relaxed);
        self.total_known.store(known, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(total.max(bar.position()));
            if known {
                bar.set_style(bar_style(true));
            }
            self.update_message(bar);
        }
    }

    /// One input finished; prints its failure line.
    pub(crate) fn finished(&self, kind: Kind, path: &Path, cause: Option<&str>) {
        let counter = match kind {
            Kind::Converted => &self.converted,
            Kind::Skipped => &self.skipped,
            Kind::Failed => &self.failed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        if let Some(cause) = cause {
            let line = format!("docgrid: {}: {}", path.display(), cause);
            match &self.bar {
                Some(bar) => bar.println(line),
                None => say(format_args!("{line}")),
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if kind == Kind::Failed {
                self.update_message(bar);
            }
        } else if self.plain {
            self.maybe_plain_line();
        }
    }

    fn update_message(&self, bar: &ProgressBar) {
        let failed = self.failed.load(Ordering::Relaxed);
        let counting = if self.total_known.load(Ordering::Relaxed) {
            ""
        } else {
            "(still counting) "
        };
        bar.set_message(format!("{counting}{failed} failed"));
    }

    fn maybe_plain_line(&self) {
        let now = self.started.elapsed();
        let now_ms = u64::try_from(now.as_millis()).unwrap_or(u64::MAX);
        let last = self.last_line.load(Ordering::Relaxed);
        let due = now_ms.saturating_sub(last) >= PLAIN_EVERY.as_millis() as u64;
        // One worker wins the right to print; the others carry on.
        if !due
            || self
                .last_line
                .compare_exchange(last, now_ms, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        let done = self.done();
        let failed = self.failed.load(Ordering::Relaxed);
        let total = self.total.load(Ordering::Relaxed).max(done);
        let known = self.total_known.load(Ordering::Relaxed);
        let rate = done as f64 / now.as_secs_f64().max(1e-3);
        let eta = if known && rate > 0.0 {
            format!(", ETA {:.0} s", (total - done) as f64 / rate)
        } else {
            String::new()
        };
        let plus = if known { "" } else { "+" };
        say(format_args!(
            "docgrid: batch: {done}/{total}{plus} inputs, {failed} failed, {rate:.0} files/s{eta}"
        ));
    }

    fn done(&self) -> u64 {
        self.converted.load(Ordering::Relaxed)
            + self.skipped.load(Ordering::Relaxed)
            + self.failed.load(Ordering::Relaxed)
    }

    /// The counts so far (elapsed is filled in by the caller).
    pub(crate) fn summary(&self) -> Summary {
        Summary {
            converted: self.converted.load(Ordering::Relaxed),
            skipped: self.skipped.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        }
    }

    /// Clears the bar and prints the summary line (not with `--quiet`).
    pub(crate) fn finish(&self, summary: &Summary) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if !self.quiet {
            say(format_args!("docgrid: batch: {summary}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_a_total_only_once_it_is_known() {
        assert!(!bar_template(false).contains("{len}"));
        assert!(bar_template(true).contains("{pos}/{len} files"));
        // Both templates parse (a typo would fall back to indicatif's default silently).
        for known in [false, true] {
            assert!(ProgressStyle::with_template(bar_template(known)).is_ok());
        }
    }
}
