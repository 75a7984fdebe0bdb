//! The keyword arguments of `convert` as the library's `Options`.

use docgrid::limits::BOUNDS;
use docgrid::{Options, PageSelection, TableDetector, TableSearch};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The `limits=` key of the input-size bound, which the CLI checks before reading a file
/// (`--max-file-mib`) rather than the readers.
pub const MAX_FILE_MIB: &str = "max_file_mib";

/// The library's options plus the bound on the file read.
pub struct ReadOptions {
    /// What every reader gets.
    pub options: Options,
    /// Largest file read from a path, in bytes.
    pub max_file_bytes: u64,
}

impl ReadOptions {
    /// Checks and gathers the options; unknown limit names and bad page ranges are
    /// `ValueError`s naming what was wrong.
    pub fn new(
        pages: Option<&str>,
        password: Option<String>,
        headers_footers: bool,
        html_all: bool,
        limits: Option<&Bound<'_, PyDict>>,
        detector: Option<&str>,
        area: Option<(f32, f32, f32, f32)>,
    ) -> PyResult<ReadOptions> {
        let mut options = Options {
            include_headers_footers: headers_footers,
            password,
            html_all,
            ..Options::default()
        };
        if let Some(pages) = pages {
            let selection = PageSelection::parse(pages)
                .map_err(|e| PyValueError::new_err(format!("pages: {e}")))?;
            options.pages = Some(selection);
        }
        options.tables = TableSearch {
            area,
            detector: match detector {
                None | Some("both") => TableDetector::Both,
                Some("lattice") => TableDetector::Lattice,
                Some("stream") => TableDetector::Stream,
                Some(other) => {
                    return Err(PyValueError::new_err(format!(
                        "detector: `{other}` is not one of both, lattice, stream"
                    )))
                }
            },
        };
        let mut max_file_mib = docgrid::limits::DEFAULT_MAX_FILE_MIB;
        for (key, value) in limits.into_iter().flat_map(|d| d.iter()) {
            let name: String = key.extract()?;
            let value: u64 = value.extract().map_err(|_| {
                PyTypeError::new_err(format!("limits[{name:?}]: expected a non-negative int"))
            })?;
            if name == MAX_FILE_MIB {
                max_file_mib = value;
            } else if let Some(bound) = BOUNDS.iter().find(|b| b.name == name) {
                (bound.set)(&mut options.limits, value);
            } else {
                let known: Vec<&str> = BOUNDS.iter().map(|b| b.name).collect();
                return Err(PyValueError::new_err(format!(
                    "limits: no bound `{name}` (known: {}, {MAX_FILE_MIB})",
                    known.join(", ")
                )));
            }
        }
        Ok(ReadOptions {
            options,
            max_file_bytes: max_file_mib.saturating_mul(1024 * 1024),
        })
    }
}
