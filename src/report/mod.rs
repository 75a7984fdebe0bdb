//! Annual-report profile: keyed values and 勾稽关系 checks from the standard tables of a
//! 政府信息公开工作年度报告, read from the model's table grids only.

mod extract;
mod json;
pub mod locate;
pub mod meta;
pub mod num;
mod rules;
pub mod series;
pub mod template;
pub mod write;
pub mod xlsx;

use std::collections::BTreeMap;

use serde::Serialize;

pub use extract::build;
pub use meta::Found;
pub use num::{normalize_label, parse_cell, CellValue};
pub use rules::{describe, CellRef, Check};
pub use template::Templates;

/// Where a value was printed: the table (as `--table` labels it), its pages, the cell's place
/// in that table's grid, and the labels that key it.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, PartialEq)]
pub struct Provenance {
    /// The table's 1-based label in the document (`3`; `2.1` for a nested table).
    pub table_no: String,
    /// The pages the table lies on (PDF; empty for flow formats).
    pub pages: Vec<u32>,
    /// Grid row of the cell in that table (0-based, as the JSON cells count).
    pub row: usize,
    /// Grid column of the cell (0-based).
    pub col: usize,
    /// The row labels keying it, left to right, as printed.
    pub row_path: Vec<String>,
    /// The column headers keying it, top to bottom, as printed.
    pub col_path: Vec<String>,
}

/// One keyed value: the cell text as printed, plus the parsed number when there is one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Value {
    /// Cell text exactly as in the document.
    pub text: String,
    /// Parsed number (None for blank, placeholders and text).
    pub num: Option<f64>,
    /// Unit word printed after the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Template table id the value came from.
    #[serde(skip)]
    pub table: String,
    /// Row label from the template.
    #[serde(skip)]
    pub row_label: String,
    /// Column header from the template.
    #[serde(skip)]
    pub col_label: String,
    /// Where it was printed.
    pub at: Provenance,
}

/// A standard table of one report and the document tables it was read from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FoundTable {
    /// Template table id.
    pub id: String,
    /// Labels of the document tables joined into it (more than one: continued over a break).
    pub table_nos: Vec<String>,
    /// Every page they lie on.
    pub pages: Vec<u32>,
}

/// A recovery or doubt found while building the reports, as in the document's warnings.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    /// Stable code (`report.duplicate_table`).
    pub code: &'static str,
    /// One line.
    pub message: String,
}

/// One report instance: the tables of one organisation's report for one year.
#[derive(Debug, Clone, Serialize)]
pub struct Instance {
    /// 1-based number in the document.
    pub instance: usize,
    /// Issuing body, with where it was read.
    pub org: Option<Found<String>>,
    /// Report year, with where it was read.
    pub year: Option<Found<u32>>,
    /// "2019", "2021", "hybrid" or "unknown".
    pub format: String,
    /// Template table ids found.
    pub tables_found: Vec<String>,
    /// The document tables each standard table was read from.
    pub tables: Vec<FoundTable>,
    /// Values by key.
    pub values: BTreeMap<String, Value>,
    /// Rule outcomes.
    pub checks: Vec<Check>,
}

/// The reports extracted from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Source path.
    pub source: String,
    /// Issuing body of the first instance (as in 1.4).
    pub org: Option<String>,
    /// Report year of the first instance.
    pub year: Option<u32>,
    /// Format of the first instance ("2019", "2021", "hybrid" or "unknown").
    pub format: String,
    /// Template table ids found in the first instance.
    pub tables_found: Vec<String>,
    /// Indexes (0-based) of top-level document tables that matched no template and hold none.
    pub unmatched: Vec<usize>,
    /// Every report instance found, in document order.
    pub instances: Vec<Instance>,
    /// Duplicates and other doubts.
    pub warnings: Vec<Warning>,
}

/// What a report with no instance has for values.
static NO_VALUES: BTreeMap<String, Value> = BTreeMap::new();

impl Report {
    /// Values of the first instance by key (the top-level `values` of the JSON, as in 1.4).
    ///
    /// Read from the instance rather than kept as a copy: copying them (and dropping the copy)
    /// was about 6 % of `batch --to report`'s instructions.
    pub fn values(&self) -> &BTreeMap<String, Value> {
        self.instances.first().map_or(&NO_VALUES, |i| &i.values)
    }

    /// Rule outcomes of the first instance (the top-level `checks`, as in 1.4).
    pub fn checks(&self) -> &[Check] {
        self.instances.first().map_or(&[], |i| &i.checks)
    }
}
