//! `docgrid._docgrid`: the native half of the `docgrid` Python package.
//!
//! Uses the library's public API only (ARCHITECTURE.md). Every conversion runs with the GIL
//! released (`Python::detach`), so Python threads convert on all cores. The Python side
//! (`docgrid/__init__.py`) builds the friendly objects; this module hands it the document
//! model as contract JSON (`json.loads` is faster than building Python objects field by field
//! here) and keeps the Rust `Document` for the writers.

mod errors;
mod options;

use std::io;
use std::path::PathBuf;

use docgrid::model::Document;
use docgrid::report::{self, Templates};
use docgrid::write::{self, csv::CsvOptions};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict};

use crate::options::ReadOptions;

/// A converted document, held in Rust so the writers can run on it.
#[pyclass(frozen, module = "docgrid._docgrid")]
struct NativeDocument {
    doc: Document,
}

/// A workbook's bytes and its warnings as (code, message) pairs.
type Workbook<'py> = (Bound<'py, PyBytes>, Vec<(String, String)>);

/// The input of one conversion: bytes from the caller, or a file read here.
enum Input<'a> {
    Bytes(&'a [u8]),
    Owned(Vec<u8>),
    Path(PathBuf),
}

impl Input<'_> {
    /// The input's bytes: a file is read (within the size bound) while the GIL is released.
    fn bytes(&self, max_file_bytes: u64) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Input::Bytes(b) => Ok((*b).into()),
            Input::Owned(b) => Ok(b.as_slice().into()),
            Input::Path(path) => {
                let meta = std::fs::metadata(path)?;
                if meta.is_dir() {
                    return Err(io::Error::other("is a folder, not a document"));
                }
                if let Some(cause) = docgrid::limits::file_size_error(meta.len(), max_file_bytes) {
                    return Err(io::Error::other(cause));
                }
                Ok(std::fs::read(path)?.into())
            }
        }
    }
}

/// What a conversion failed on: reading the file, or converting its bytes.
enum Failure {
    Io(io::Error),
    Convert(docgrid::Error),
}

/// Converts a document (a path, `bytes`, `bytearray`) with the GIL released; `source` is the
/// path the document records (`source.path`), `"<bytes>"` for bytes unless given.
#[pyfunction]
#[pyo3(signature = (input, *, source=None, pages=None, password=None, headers_footers=false,
    html_all=false, limits=None, detector=None, area=None))]
#[allow(clippy::too_many_arguments)]
fn convert(
    py: Python<'_>,
    input: &Bound<'_, PyAny>,
    source: Option<String>,
    pages: Option<&str>,
    password: Option<String>,
    headers_footers: bool,
    html_all: bool,
    limits: Option<&Bound<'_, PyDict>>,
    detector: Option<&str>,
    area: Option<(f32, f32, f32, f32)>,
) -> PyResult<NativeDocument> {
    let read = ReadOptions::new(
        pages,
        password,
        headers_footers,
        html_all,
        limits,
        detector,
        area,
    )?;
    let (input, path) = if let Ok(b) = input.cast::<PyBytes>() {
        (Input::Bytes(b.as_bytes()), None)
    } else if let Ok(b) = input.cast::<PyByteArray>() {
        // A bytearray can change under us once the GIL is released: convert a copy.
        (Input::Owned(b.to_vec()), None)
    } else {
        let path: PathBuf = input.extract()?;
        let shown = path.to_string_lossy().into_owned();
        (Input::Path(path), Some(shown))
    };
    let recorded = source
        .or_else(|| path.clone())
        .unwrap_or_else(|| "<bytes>".into());
    let result = py.detach(|| {
        let bytes = input.bytes(read.max_file_bytes).map_err(Failure::Io)?;
        let mut doc = docgrid::convert_bytes(&bytes, &read.options).map_err(Failure::Convert)?;
        doc.source.path = recorded;
        Ok(doc)
    });
    match result {
        Ok(doc) => Ok(NativeDocument { doc }),
        Err(Failure::Io(e)) => Err(errors::io_error(e, path.as_deref())),
        Err(Failure::Convert(e)) => Err(errors::to_python(py, &e, path.as_deref())),
    }
}

fn io_to_py(e: io::Error) -> PyErr {
    match e.kind() {
        io::ErrorKind::InvalidInput => PyValueError::new_err(e.to_string()),
        _ => PyOSError::new_err(e.to_string()),
    }
}

#[pymethods]
impl NativeDocument {
    /// The document as contract JSON (docs/output.md).
    #[pyo3(signature = (pretty=false))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        py.detach(|| {
            let mut out = Vec::new();
            write::json::write(&self.doc, &mut out, pretty)?;
            String::from_utf8(out).map_err(io::Error::other)
        })
        .map_err(io_to_py)
    }

    /// One table (by label: `"1"`, `"2.1"`) as CSV text, through the CLI's CSV writer.
    #[pyo3(signature = (label, *, fill_merged=false, header_paths=false, tab_separated=false))]
    fn table_csv(
        &self,
        label: &str,
        fill_merged: bool,
        header_paths: bool,
        tab_separated: bool,
    ) -> PyResult<String> {
        let options = CsvOptions {
            fill_merged,
            header_paths,
            tab_separated,
            ..CsvOptions::default()
        };
        let tables = write::tables::select(write::tables::numbered(&self.doc), Some(label))
            .map_err(PyValueError::new_err)?;
        let mut out = Vec::new();
        for (_, table) in tables {
            write::csv::write_table(table, &options, &mut out).map_err(io_to_py)?;
        }
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The column names of table `label` as `--header-paths` writes them (one per column).
    fn header_names(&self, label: &str) -> PyResult<Vec<String>> {
        let tables = write::tables::select(write::tables::numbered(&self.doc), Some(label))
            .map_err(PyValueError::new_err)?;
        Ok(tables
            .first()
            .map(|(_, table)| write::csv::header_names(table))
            .unwrap_or_default())
    }

    /// The workbook (a sheet per table, or only table `label`) as XLSX bytes, and the warnings
    /// about texts cut to Excel's cell limit as (code, message) pairs.
    #[pyo3(signature = (label=None))]
    fn xlsx_bytes<'py>(&self, py: Python<'py>, label: Option<String>) -> PyResult<Workbook<'py>> {
        let options = write::xlsx::XlsxOptions { table: label };
        let (bytes, warnings) = py
            .detach(|| write::xlsx::to_bytes(&self.doc, &options))
            .map_err(io_to_py)?;
        let warnings = warnings
            .into_iter()
            .map(|w| (w.code.to_string(), w.message))
            .collect();
        Ok((PyBytes::new(py, &bytes), warnings))
    }

    /// The document as Markdown.
    fn to_markdown(&self) -> PyResult<String> {
        let mut out = Vec::new();
        write::markdown::write(&self.doc, &Default::default(), &mut out).map_err(io_to_py)?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Every cell of every table, nested ones included, as the CLI's `--to cells` rows:
    /// (table label, row, col, row_span, col_span, text).
    fn cells(&self) -> Vec<(String, usize, usize, usize, usize, String)> {
        let mut rows = Vec::new();
        for (label, table) in write::tables::numbered(&self.doc) {
            for c in &table.cells {
                rows.push((
                    label.clone(),
                    c.row,
                    c.col,
                    c.row_span,
                    c.col_span,
                    c.text.clone(),
                ));
            }
        }
        rows
    }

    /// The annual-report profile of this document (built-in templates, or a templates JSON)
    /// as JSON: `{"report": <docgrid report JSON>, "values": [rows], "checks": [rows]}`, the
    /// rows with the columns of `docgrid report --to csv`.
    #[pyo3(signature = (templates=None))]
    fn report(&self, py: Python<'_>, templates: Option<&str>) -> PyResult<String> {
        let templates = match templates {
            None => Templates::builtin(),
            Some(text) => Templates::parse(text),
        }
        .map_err(|e| PyValueError::new_err(format!("templates: {e}")))?;
        py.detach(|| {
            let built = report::build(&self.doc, &templates);
            let mut values = csv::Writer::from_writer(Vec::new());
            report::write::write_values(&built, &mut values)?;
            let mut checks = csv::Writer::from_writer(Vec::new());
            report::write::write_checks(&built, &mut checks)?;
            let text = |w: csv::Writer<Vec<u8>>| -> io::Result<String> {
                let bytes = w
                    .into_inner()
                    .map_err(|e| io::Error::other(e.to_string()))?;
                String::from_utf8(bytes).map_err(io::Error::other)
            };
            let json = serde_json::json!({
                "report": report::write::to_json(&built),
                "values_csv": text(values)?,
                "checks_csv": text(checks)?,
            });
            Ok(json.to_string())
        })
        .map_err(io_to_py)
    }
}

/// The contract version of the JSON this build writes.
#[pyfunction]
fn contract_version() -> &'static str {
    docgrid::model::CONTRACT_VERSION
}

/// The names of the resource bounds `limits=` accepts, with their defaults.
#[pyfunction]
fn default_limits() -> Vec<(&'static str, u64)> {
    let mut bounds: Vec<(&'static str, u64)> = docgrid::limits::BOUNDS
        .iter()
        .map(|b| (b.name, b.default))
        .collect();
    bounds.push((options::MAX_FILE_MIB, docgrid::limits::DEFAULT_MAX_FILE_MIB));
    bounds
}

/// The extension module.
#[pymodule]
fn _docgrid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeDocument>()?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(contract_version, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    Ok(())
}
