//! Input discovery: a streaming recursive walk that selects `.docx`/`.pdf`/`.htm(l)`/`.mht(ml)` by name, follows
//! symbolic links but reports loops, and maps each input to its path mirrored under OUTDIR.

use super::BatchError;
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Component, Path, PathBuf};
use walkdir::WalkDir;

/// One input root as given on the command line.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    path: PathBuf,
    /// The root's own name: the relative path of a file root, the prefix of a folder root's
    /// inputs when several roots share OUTDIR.
    name: Option<OsString>,
    /// Whether a folder root is mirrored under its own name (several roots) or directly.
    nested: bool,
}

impl Root {
    /// `path` (as walked under this root) relative to OUTDIR.
    fn rel(&self, path: &Path) -> PathBuf {
        let stripped = path.strip_prefix(&self.path).unwrap_or(path);
        let name = self.name.as_deref().map(Path::new);
        match (stripped.as_os_str().is_empty(), name) {
            (true, Some(name)) => name.to_path_buf(),
            (true, None) => path.to_path_buf(),
            (false, Some(name)) if self.nested => name.join(stripped),
            (false, _) => stripped.to_path_buf(),
        }
    }
}

/// One thing the walk found.
#[derive(Debug)]
pub(crate) enum Item {
    /// A regular file selected by its extension.
    Input {
        /// The path as walked (root as given, joined with the relative part).
        path: PathBuf,
        /// The path mirrored under OUTDIR, also what the shard hash reads.
        rel: PathBuf,
    },
    /// A path that should have been an input or a folder but cannot be read: a failure.
    Unreadable {
        /// The path as walked.
        path: PathBuf,
        /// Its mirrored path.
        rel: PathBuf,
        /// One line.
        cause: String,
    },
}

impl Item {
    /// The path mirrored under OUTDIR.
    pub(crate) fn rel(&self) -> &Path {
        match self {
            Item::Input { rel, .. } | Item::Unreadable { rel, .. } => rel,
        }
    }
}

/// Checks the roots: several roots are mirrored under their own names, which must differ.
pub(crate) fn roots(inputs: &[PathBuf]) -> Result<Vec<Root>, BatchError> {
    if inputs.is_empty() {
        return Err(BatchError::Usage("no input folder or file given".into()));
    }
    let nested = inputs.len() > 1;
    let mut seen = HashSet::new();
    let mut roots = Vec::with_capacity(inputs.len());
    for input in inputs {
        // `.` or `dir/..` have no name of their own; their canonical form does.
        let name = input.file_name().map(OsStr::to_os_string).or_else(|| {
            fs::canonicalize(input)
                .ok()
                .and_then(|p| p.file_name().map(OsStr::to_os_string))
        });
        if nested {
            let Some(name) = &name else {
                return Err(BatchError::Usage(format!(
                    "{}: an input without a name cannot be mirrored beside other inputs",
                    input.display()
                )));
            };
            if !seen.insert(name.clone()) {
                return Err(BatchError::Usage(format!(
                    "two inputs are named {:?}: their outputs would collide under the output \
                     folder; convert them in separate runs",
                    name
                )));
            }
        }
        roots.push(Root {
            path: input.clone(),
            name,
            nested,
        });
    }
    Ok(roots)
}

/// Whether a file name ends in `.docx`, `.doc`, `.pdf`, `.htm`, `.html`, `.mht` or `.mhtml`, in any case (non-UTF-8 names too). Word's
/// owner files (`~$report.docx`, left beside a document open in Word) are not documents: an
/// archive copied from a shared drive is full of them, and each would be a failure.
pub(crate) fn is_selected(name: &OsStr) -> bool {
    let b = name.as_encoded_bytes();
    if b.starts_with(b"~$") {
        return false;
    }
    let ends = |ext: &[u8]| {
        b.len()
            .checked_sub(ext.len())
            .and_then(|start| b.get(start..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(ext))
    };
    [".docx", ".doc", ".pdf", ".htm", ".html", ".mht", ".mhtml"]
        .iter()
        .any(|ext| ends(ext.as_bytes()))
}

/// Walks all roots lazily, in directory order (or each folder sorted by name, which reads a
/// folder's entries at once), skipping the folder `skip` (OUTDIR, when it lies inside an input
/// folder).
pub(crate) fn walk(
    roots: Vec<Root>,
    skip: PathBuf,
    sorted: bool,
) -> impl Iterator<Item = Item> + Send {
    roots.into_iter().flat_map(move |root| {
        let skip = skip.clone();
        let walker = WalkDir::new(&root.path).follow_links(true);
        let walker = if sorted {
            walker.sort_by_file_name()
        } else {
            walker
        };
        walker
            .into_iter()
            .filter_entry(move |e| {
                !(e.depth() > 0
                    && e.file_type().is_dir()
                    && fs::canonicalize(e.path()).is_ok_and(|p| p == skip))
            })
            .filter_map(move |entry| classify(&root, entry))
    })
}

fn classify(root: &Root, entry: walkdir::Result<walkdir::DirEntry>) -> Option<Item> {
    match entry {
        Ok(e) => {
            let kind = e.file_type();
            // A file named on the command line is an input whatever its name.
            if kind.is_dir() || (e.depth() > 0 && !is_selected(e.file_name())) {
                return None;
            }
            let rel = root.rel(e.path());
            let path = e.into_path();
            if kind.is_file() {
                Some(Item::Input { path, rel })
            } else {
                Some(Item::Unreadable {
                    path,
                    rel,
                    cause: "not a regular file (device, pipe or socket)".into(),
                })
            }
        }
        Err(err) => {
            let path = err.path().unwrap_or(&root.path).to_path_buf();
            // Report what may hide inputs (a root, a loop, an unreadable folder) or was one;
            // a broken link named notes.txt is none of our business.
            let relevant = err.depth() == 0
                || err.loop_ancestor().is_some()
                || path.file_name().is_some_and(is_selected)
                || fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
            if !relevant {
                return None;
            }
            let cause = match (err.loop_ancestor(), err.io_error()) {
                (Some(ancestor), _) => format!(
                    "symbolic link loop: leads back to {}; not followed",
                    ancestor.display()
                ),
                (None, Some(io)) => io.to_string(),
                (None, None) => err.to_string(),
            };
            Some(Item::Unreadable {
                rel: root.rel(&path),
                path,
                cause,
            })
        }
    }
}

/// FNV-1a (64-bit) of the relative path, components joined by `/` whatever the platform:
/// stable across runs, machines and Rust versions, unlike std's randomised hasher.
pub(crate) fn stable_hash(rel: &Path) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    };
    let mut first = true;
    for c in rel.components() {
        let part = match c {
            Component::Normal(s) => s.as_encoded_bytes(),
            Component::CurDir => continue,
            other => other.as_os_str().as_encoded_bytes(),
        };
        if !first {
            eat(b"/");
        }
        first = false;
        eat(part);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_published_vectors() {
        // Test vectors of the FNV reference (Fowler/Noll/Vo): "" , "a", "foobar".
        assert_eq!(stable_hash(Path::new("")), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(Path::new("a")), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(Path::new("foobar")), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hash_joins_components_with_slash() {
        assert_eq!(
            stable_hash(Path::new("a/b.docx")),
            stable_hash(Path::new("a//b.docx"))
        );
        assert_eq!(
            stable_hash(Path::new("./a/b.docx")),
            stable_hash(Path::new("a/b.docx"))
        );
    }

    #[test]
    fn skips_word_owner_files() {
        assert!(!is_selected(OsStr::new("~$report.docx")));
        assert!(is_selected(OsStr::new("report~$.docx")));
    }

    #[test]
    fn selects_by_extension_in_any_case() {
        for yes in [
            "a.docx", "A.DOCX", "b.Pdf", "x.y.docx", ".docx", "a.doc", "OLD.DOC", "r.htm",
            "r.HTML", "w.mht", "w.mhtml",
        ] {
            assert!(is_selected(OsStr::new(yes)), "{yes}");
        }
        for no in [
            "a.doc.json",
            "a.docx.json",
            "docx",
            "a.pdfx",
            "a_pdf",
            "",
            "a.html.json",
        ] {
            assert!(!is_selected(OsStr::new(no)), "{no}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn selects_non_utf8_names() {
        use std::os::unix::ffi::OsStrExt;
        assert!(is_selected(OsStr::from_bytes(b"r\xe9port.DocX")));
    }

    #[test]
    fn relative_paths_mirror_one_or_several_roots() {
        let one = roots(&[PathBuf::from("in/archive")]).unwrap();
        assert_eq!(
            one[0].rel(Path::new("in/archive/2021/a.docx")),
            Path::new("2021/a.docx")
        );
        let file = roots(&[PathBuf::from("in/a.docx")]).unwrap();
        assert_eq!(file[0].rel(Path::new("in/a.docx")), Path::new("a.docx"));
        let two = roots(&[PathBuf::from("x/archive"), PathBuf::from("y/b.docx")]).unwrap();
        assert_eq!(
            two[0].rel(Path::new("x/archive/2021/a.docx")),
            Path::new("archive/2021/a.docx")
        );
        assert_eq!(two[1].rel(Path::new("y/b.docx")), Path::new("b.docx"));
    }

    #[test]
    fn roots_with_one_name_are_refused() {
        let err = roots(&[PathBuf::from("x/archive"), PathBuf::from("y/archive")]).unwrap_err();
        assert!(matches!(err, BatchError::Usage(_)), "{err}");
        assert!(matches!(roots(&[]), Err(BatchError::Usage(_))));
    }
}
