//! One input's work: the up-to-date test, reading, converting, and writing the output under a
//! temporary name that is then renamed.

use super::manifest::Previous;
use super::BatchConfig;
use crate::model::Document;
use std::any::Any;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What became of one input.
pub(crate) enum Outcome {
    /// Written, with its counts.
    Converted { tables: u64, blocks: u64 },
    /// Up to date; `(tables, blocks)` when known.
    Skipped(Option<(u64, u64)>),
    /// Failed, with its cause.
    Failed(String),
}

/// The first half of an input's work, done under the time bound.
pub(crate) enum Prepared {
    /// Skipped or failed: nothing to write.
    Done(Outcome),
    /// Converted: the document, its output path and the input's mtime.
    Write(Box<Document>, PathBuf, SystemTime),
}

/// Skip test, read, convert: everything before the output is written.
pub(crate) fn prepare(
    config: &BatchConfig,
    previous: &Previous,
    path: &Path,
    rel: &Path,
) -> Prepared {
    let out = output_path(&config.out_dir, rel, config.format.suffix());
    // A temporary output left by a killed run is removed whatever happens to this input now.
    remove_temp(&temp_path(&out));
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Prepared::Done(Outcome::Failed(e.to_string())),
    };
    let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    if !config.force && is_up_to_date(mtime, &out, config) {
        // Counts from an earlier manifest; failing that (killed between rename and manifest
        // line, or manifest deleted), read back from the output.
        let key = path.as_os_str().as_encoded_bytes();
        let counts = previous.get(key).copied();
        return Prepared::Done(Outcome::Skipped(
            counts.or_else(|| config.format.counts(&out)),
        ));
    }
    if let Some(cause) = crate::limits::file_size_error(meta.len(), config.max_file_bytes) {
        return Prepared::Done(Outcome::Failed(cause));
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return Prepared::Done(Outcome::Failed(e.to_string())),
    };
    match (config.convert)(&bytes, &config.options) {
        Ok(mut doc) => {
            doc.source.path = path.to_string_lossy().into_owned();
            Prepared::Write(Box::new(doc), out, mtime)
        }
        Err(e) => Prepared::Done(Outcome::Failed(e.to_string())),
    }
}

/// Whether `out` is complete and no older than the input.
fn is_up_to_date(input_mtime: SystemTime, out: &Path, config: &BatchConfig) -> bool {
    let newer = fs::metadata(out)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= input_mtime);
    newer && config.format.is_complete(out)
}

/// Writes under the temporary name, then renames.
pub(crate) fn write_output(
    config: &BatchConfig,
    doc: &Document,
    out: &Path,
    input_mtime: SystemTime,
) -> Outcome {
    let tmp = temp_path(out);
    let is_dir = config.format.is_dir();
    let result = (|| {
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent)?;
        }
        config.format.write(doc, &tmp)?;
        // An input dated in the future (clock skew, unpacked archives) would otherwise look
        // newer than its output forever and be redone on every rerun.
        if input_mtime > SystemTime::now() {
            let handle = if is_dir {
                fs::File::open(&tmp)?
            } else {
                fs::File::options().write(true).open(&tmp)?
            };
            handle.set_modified(input_mtime)?;
        }
        if is_dir && fs::symlink_metadata(out).is_ok_and(|m| m.is_dir()) {
            // A folder cannot be renamed over a non-empty one. Killed between the two steps,
            // the input simply has no output and the rerun redoes it.
            fs::remove_dir_all(out)?;
        }
        fs::rename(&tmp, out)
    })();
    match result {
        Ok(()) => Outcome::Converted {
            tables: doc.tables().count() as u64,
            blocks: doc.blocks.len() as u64,
        },
        Err(e) => {
            remove_temp(&tmp);
            Outcome::Failed(format!("cannot write {}: {e}", out.display()))
        }
    }
}

/// `OUTDIR/<rel><suffix>`: the whole input file name plus the suffix.
pub(crate) fn output_path(out_dir: &Path, rel: &Path, suffix: &str) -> PathBuf {
    let mut name = rel.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    out_dir.join(rel).with_file_name(name)
}

/// `.<output name>.docgrid-tmp` beside the output: fixed per output, so a rerun (the only
/// writer of that output, since shards are disjoint and the manifest lock keeps one run per
/// shard) overwrites or removes what a killed run left.
pub(crate) fn temp_path(out: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(out.file_name().unwrap_or_default());
    name.push(".docgrid-tmp");
    out.with_file_name(name)
}

/// Removes a temporary output, file or folder, if there is one.
fn remove_temp(tmp: &Path) {
    match fs::symlink_metadata(tmp) {
        Ok(m) if m.is_dir() => {
            let _ = fs::remove_dir_all(tmp);
        }
        Ok(_) => {
            let _ = fs::remove_file(tmp);
        }
        Err(_) => {}
    }
}

/// Joins the lines of a cause into one.
pub(crate) fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The failure cause for a panic caught while converting.
pub(crate) fn panic_cause(payload: &(dyn Any + Send)) -> String {
    format!(
        "internal error (converter panicked: {}); please report this file",
        panic_message(payload)
    )
}

/// The message a panic was raised with.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_keep_the_whole_input_name() {
        let out = output_path(Path::new("out"), Path::new("2021/a.docx"), ".json");
        assert_eq!(out, Path::new("out/2021/a.docx.json"));
        assert_eq!(
            temp_path(&out),
            Path::new("out/2021/.a.docx.json.docgrid-tmp")
        );
    }

    #[test]
    fn causes_are_one_line() {
        assert_eq!(one_line("a\nb\r\n c "), "a b c");
    }
}
