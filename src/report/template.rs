//! Templates of the standard tables (same JSON shape as `templates.json`) and positional matching.

use std::collections::HashMap;

use serde::Deserialize;

use super::num::normalize_label;
use crate::model::Table;

/// The built-in templates: the project's own spec file, copied into the crate.
const BUILTIN: &str = include_str!("templates.json");

/// Minimum share of a template's header/label cells that must match for a table to count as that template.
const MIN_SCORE: f64 = 0.8;

/// One anchor cell of a template grid.
#[derive(Debug, Clone, Deserialize)]
pub struct TplCell {
    /// Row of the anchor.
    pub r: usize,
    /// Column of the anchor.
    pub c: usize,
    /// Column span.
    #[serde(default = "one")]
    pub cs: usize,
    /// Row span.
    #[serde(default = "one")]
    pub rs: usize,
    /// Printed text (headers and labels).
    #[serde(default)]
    pub text: String,
    /// header / label / section / value.
    pub role: String,
    /// Value key for value cells.
    #[serde(default)]
    pub key: Option<String>,
}

fn one() -> usize {
    1
}

/// One keyed cell read from a document table.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// Value key.
    pub key: String,
    /// Cell text as printed.
    pub text: String,
    /// Template row label(s) left of the cell.
    pub row_label: String,
    /// Template column header above the cell.
    pub col_label: String,
    /// Grid row of the cell in the (joined) table.
    pub row: usize,
    /// Grid column of the cell.
    pub col: usize,
    /// The row labels keying it, left to right, as printed in the document (the template's
    /// text where the document has none at that place).
    pub row_path: Vec<String>,
    /// The column headers keying it, top to bottom, as printed.
    pub col_path: Vec<String>,
}

/// One standard table.
#[derive(Debug, Clone, Deserialize)]
pub struct TplTable {
    /// Table id (t2_active, t3_requests, t4_review_litigation).
    pub id: String,
    /// Grid columns.
    pub n_cols: usize,
    /// Anchor cells.
    pub cells: Vec<TplCell>,
}

/// One format version's tables.
#[derive(Debug, Clone, Deserialize)]
pub struct Version {
    /// Tables of the version.
    pub tables: Vec<TplTable>,
    /// Result rows of table 3 summed by T3.results_sum.
    #[serde(default)]
    pub t3_result_rows: Vec<String>,
}

/// A whole templates file.
#[derive(Debug, Clone, Deserialize)]
pub struct Templates {
    /// (key, label) of the applicant columns of table 3.
    pub applicant_cols: Vec<(String, String)>,
    /// Versions by name ("2019", "2021").
    pub versions: std::collections::BTreeMap<String, Version>,
}

impl Templates {
    /// The built-in templates.
    pub fn builtin() -> Result<Self, serde_json::Error> {
        Self::parse(BUILTIN)
    }

    /// Parses a user templates file of the built-in shape.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The template (with its version) that the table's header and label text matches best, if any matches well.
    /// The version is "*" when several versions' templates match equally (table 4 is the same in both).
    pub fn best_match(&self, t: &Table) -> Option<(&str, &TplTable)> {
        let grid = text_grid(t);
        let mut best: Option<(f64, &str, &TplTable)> = None;
        for (name, v) in &self.versions {
            for tpl in &v.tables {
                if tpl.n_cols != t.cols {
                    continue;
                }
                let s = tpl.score(&grid);
                match best {
                    Some((b, _, bt)) if (s - b).abs() < 1e-9 && bt.id == tpl.id => {
                        best = Some((b, "*", bt));
                    }
                    _ if s >= MIN_SCORE && best.is_none_or(|(b, _, _)| s > b) => {
                        best = Some((s, name.as_str(), tpl));
                    }
                    _ => {}
                }
            }
        }
        best.map(|(_, n, t)| (n, t))
    }

    /// Result-row keys of table 3 for a version.
    pub fn result_rows(&self, version: &str) -> &[String] {
        self.versions
            .get(version)
            .map_or(&[], |v| &v.t3_result_rows)
    }
}

fn text_grid(t: &Table) -> HashMap<(usize, usize), &str> {
    t.cells
        .iter()
        .map(|c| ((c.row, c.col), c.text.as_str()))
        .collect()
}

impl TplTable {
    fn score(&self, grid: &HashMap<(usize, usize), &str>) -> f64 {
        let mut total = 0usize;
        let mut hit = 0usize;
        for c in self
            .cells
            .iter()
            .filter(|c| c.role != "value" && !c.text.is_empty())
        {
            total += 1;
            if grid
                .get(&(c.r, c.c))
                .is_some_and(|d| normalize_label(d) == normalize_label(&c.text))
            {
                hit += 1;
            }
        }
        if total == 0 {
            0.0
        } else {
            hit as f64 / total as f64
        }
    }

    /// Every value cell present in the table, with the template's labels for it.
    pub fn extract(&self, t: &Table) -> Vec<Extracted> {
        let grid = text_grid(t);
        self.cells
            .iter()
            .filter_map(|c| {
                let key = c.key.as_ref()?;
                let text = grid.get(&(c.r, c.c))?;
                Some(Extracted {
                    key: key.clone(),
                    text: (*text).to_string(),
                    row_label: self.row_label(c),
                    col_label: self.col_label(c),
                    row: c.r,
                    col: c.c,
                    row_path: self.row_path(c, &grid),
                    col_path: self.col_path(c, &grid),
                })
            })
            .collect()
    }

    fn row_label(&self, v: &TplCell) -> String {
        let parts: Vec<&str> = self
            .cells
            .iter()
            .filter(|c| c.r == v.r && c.c < v.c && c.role == "label")
            .map(|c| c.text.as_str())
            .collect();
        parts.join(" / ")
    }

    /// The label anchors whose rows cover the cell's row, left of it, as printed.
    fn row_path(&self, v: &TplCell, grid: &HashMap<(usize, usize), &str>) -> Vec<String> {
        let mut labels: Vec<&TplCell> = self
            .cells
            .iter()
            .filter(|c| c.role == "label" && c.c < v.c && c.r <= v.r && v.r < c.r + c.rs)
            .collect();
        labels.sort_by_key(|c| c.c);
        labels.iter().map(|c| printed(c, grid)).collect()
    }

    /// The header anchors above the cell covering its column, below the nearest section
    /// banner above it (table 2 repeats its headers under each 第二十条 banner), as printed.
    fn col_path(&self, v: &TplCell, grid: &HashMap<(usize, usize), &str>) -> Vec<String> {
        let band = self
            .cells
            .iter()
            .filter(|c| c.role == "section" && c.r < v.r)
            .map(|c| c.r + 1)
            .max()
            .unwrap_or(0);
        let mut headers: Vec<&TplCell> = self
            .cells
            .iter()
            .filter(|c| {
                c.role == "header" && c.r >= band && c.r < v.r && c.c <= v.c && v.c < c.c + c.cs
            })
            .collect();
        headers.sort_by_key(|c| c.r);
        headers.iter().map(|c| printed(c, grid)).collect()
    }

    /// The nearest header above whose span covers the cell's column.
    fn col_label(&self, v: &TplCell) -> String {
        self.cells
            .iter()
            .filter(|c| c.role == "header" && c.r < v.r && c.c <= v.c && v.c < c.c + c.cs)
            .max_by_key(|c| c.r)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
}

/// The document's text at a template anchor, else the template's.
fn printed(c: &TplCell, grid: &HashMap<(usize, usize), &str>) -> String {
    match grid.get(&(c.r, c.c)) {
        Some(t) if !t.trim().is_empty() => (*t).to_string(),
        _ => c.text.clone(),
    }
}
