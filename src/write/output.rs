//! Where writers put files: atomic writes (temporary name, then rename) and output names
//! derived from input names that cannot leave the output folder.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes to a temporary file beside `path`, then renames it, so `path` is never half-written;
/// the file and its folder are synced, so it is on disk once this returns.
pub fn write_atomically(
    path: &Path,
    f: impl FnOnce(&mut AtomicFile) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    f(&mut file)?;
    file.commit()
}

/// [`write_atomically`] under the caller's fixed temporary name (see [`AtomicFile::create_at`]).
pub fn write_atomically_at(
    path: &Path,
    tmp: PathBuf,
    f: impl FnOnce(&mut AtomicFile) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create_at(path, tmp)?;
    f(&mut file)?;
    file.commit()
}

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`];
/// dropped without a commit, the temporary file is removed.
#[derive(Debug)]
pub struct AtomicFile {
    tmp: PathBuf,
    path: PathBuf,
    /// Present until `commit` takes it.
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file beside `path`.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        // `-o /dev/null` or a named pipe: there is nothing to replace atomically, and a
        // rename would replace the device node itself.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let out = BufWriter::new(File::options().write(true).open(path)?);
            return Ok(AtomicFile {
                tmp: PathBuf::new(),
                path: PathBuf::new(),
                out: Some(out),
            });
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // A dot-name, so a half-written file never matches `*.csv` and the like.
        let mut tmp_name = OsString::from(".");
        tmp_name.push(path.file_name().unwrap_or_default());
        tmp_name.push(format!(".tmp{}", std::process::id()));
        AtomicFile::create_at(path, dir.join(tmp_name))
    }

    /// Creates the file under the temporary name `tmp`, truncating what is there: a writer that
    /// may be killed and rerun (a batch) names one fixed per output, so the rerun replaces what
    /// the killed run left instead of leaving it beside the output.
    pub fn create_at(path: &Path, tmp: PathBuf) -> io::Result<AtomicFile> {
        let out = BufWriter::new(File::create(&tmp)?);
        Ok(AtomicFile {
            tmp,
            path: path.to_path_buf(),
            out: Some(out),
        })
    }

    /// Flushes, syncs and renames the temporary file to its final name, then syncs the folder
    /// so the rename is on disk too: two fsyncs, the least that makes a new file durable.
    pub fn commit(self) -> io::Result<()> {
        let dir = self.finish()?;
        dir.map_or(Ok(()), |d| sync_dir(&d))
    }

    /// [`AtomicFile::commit`] without the folder sync, for a writer of several files in one
    /// folder that syncs the folder once after the last ([`sync_dir`]). Returns that folder
    /// (none for a device or pipe written in place).
    pub fn commit_file(self) -> io::Result<Option<PathBuf>> {
        self.finish()
    }

    fn finish(mut self) -> io::Result<Option<PathBuf>> {
        let mut out = self.out.take().ok_or_else(closed)?;
        out.flush()?;
        if self.tmp.as_os_str().is_empty() {
            // Written in place (a device or pipe): nothing to sync or rename.
            return Ok(None);
        }
        out.get_ref().sync_all()?;
        // Closed before the rename, which some systems refuse on an open file.
        drop(out);
        std::fs::rename(&self.tmp, &self.path)?;
        self.tmp = PathBuf::new();
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Ok(Some(dir.to_path_buf()))
    }
}

/// Syncs a folder, so the names renamed into it survive a power loss.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    // Only Unix can open and fsync a directory; Windows makes a rename durable with the
    // file's own flush (and refuses to open a folder as a file).
    if cfg!(unix) {
        File::open(dir)?.sync_all()
    } else {
        Ok(())
    }
}

fn closed() -> io::Error {
    io::Error::other("output file already committed")
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.as_mut().ok_or_else(closed)?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.as_mut().ok_or_else(closed)?.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.as_mut().ok_or_else(closed)?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // An empty `tmp` means it was renamed into place, or written in place.
        if !self.tmp.as_os_str().is_empty() {
            drop(self.out.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// The output formats, with what the naming rule appends to an input's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The document model as JSON.
    Json,
    /// Markdown.
    Markdown,
    /// A CSV per table (`.table-<N>.csv`).
    Csv,
    /// One long CSV of every cell.
    Cells,
    /// A workbook.
    Xlsx,
}

impl OutputFormat {
    /// What follows the input's whole file name: `a.docx` → `a.docx.json`. For CSV, per table:
    /// see [`crate::write::csv::file_name`].
    pub fn suffix(self) -> &'static str {
        match self {
            OutputFormat::Json => ".json",
            OutputFormat::Markdown => ".md",
            OutputFormat::Csv => ".csv",
            OutputFormat::Cells => ".cells.csv",
            OutputFormat::Xlsx => ".xlsx",
        }
    }

    /// The format an output file's extension names (`.json`, `.md`/`.markdown`, `.csv`,
    /// `.xlsx`), case-insensitively; `None` for any other or no extension.
    pub fn of_extension(path: &Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => OutputFormat::Json,
            "md" | "markdown" => OutputFormat::Markdown,
            "csv" => OutputFormat::Csv,
            "xlsx" => OutputFormat::Xlsx,
            _ => return None,
        })
    }
}

/// The input's whole file name, made safe as an output file name: no path separators or
/// characters Windows refuses, never empty, `.` or `..`; `-` (stdin) is `stdin`. Outputs are
/// this plus the format's suffix, so `a.pdf` and `a.docx` never collide.
pub fn output_name(input: &Path) -> String {
    if input == Path::new("-") {
        return "stdin".into();
    }
    let raw = input
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cleaned: String = raw
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "document".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_whole_input_name() {
        assert_eq!(output_name(Path::new("dir/a.docx")), "a.docx");
        assert_eq!(output_name(Path::new("-")), "stdin");
        assert_eq!(output_name(Path::new("x/..")), "document");
        assert_eq!(output_name(Path::new("a:b?.pdf")), "a_b_.pdf");
        assert_eq!(
            OutputFormat::of_extension(Path::new("R.XLSX")),
            Some(OutputFormat::Xlsx)
        );
        assert_eq!(OutputFormat::of_extension(Path::new("notes.txt")), None);
    }
}
