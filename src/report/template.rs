//! Templates of the standard tables (same JSON shape as `templates.json`) and positional matching.

use std::collections::HashMap;
use std::sync::OnceLock;

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
    /// Worked out from `cells` on first use (see [`Anchors`]).
    #[serde(skip)]
    anchors: OnceLock<Anchors>,
}

/// What matching and extraction need of a template's cells, worked out once per template
/// rather than per document: scanning every anchor for each of 200 value cells, and
/// normalising the template's own labels at each match, were most of `report::build`.
#[derive(Debug, Clone)]
struct Anchors {
    /// (cell index, normalised text) of the header and label cells with text, which `score` compares.
    scored: Vec<(usize, String)>,
    /// One entry per value cell with a key, in cell order.
    values: Vec<ValueAnchors>,
}

#[derive(Debug, Clone)]
struct ValueAnchors {
    /// Index of the value cell in `cells`.
    cell: usize,
    /// The template's row label(s) left of it, ` / ` between them.
    row_label: String,
    /// The template's nearest header above it.
    col_label: String,
    /// Label anchors covering its row, left to right (indexes in `cells`).
    row_path: Vec<usize>,
    /// Header anchors covering its column, below the nearest section banner, top to bottom.
    col_path: Vec<usize>,
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
        let scored = &self.anchors().scored;
        let hit = scored
            .iter()
            .filter(|(k, want)| {
                self.cells.get(*k).is_some_and(|c| {
                    grid.get(&(c.r, c.c))
                        .is_some_and(|d| normalize_label(d) == *want)
                })
            })
            .count();
        if scored.is_empty() {
            0.0
        } else {
            hit as f64 / scored.len() as f64
        }
    }

    fn anchors(&self) -> &Anchors {
        self.anchors.get_or_init(|| Anchors {
            scored: self
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.role != "value" && !c.text.is_empty())
                .map(|(k, c)| (k, normalize_label(&c.text)))
                .collect(),
            values: self
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| c.key.is_some())
                .map(|(k, c)| ValueAnchors {
                    cell: k,
                    row_label: self.row_label(c),
                    col_label: self.col_label(c),
                    row_path: self.row_path(c),
                    col_path: self.col_path(c),
                })
                .collect(),
        })
    }

    /// Every value cell present in the table, with the template's labels for it.
    pub fn extract(&self, t: &Table) -> Vec<Extracted> {
        let grid = text_grid(t);
        let as_printed = |path: &[usize]| -> Vec<String> {
            path.iter()
                .filter_map(|k| self.cells.get(*k))
                .map(|c| printed(c, &grid))
                .collect()
        };
        self.anchors()
            .values
            .iter()
            .filter_map(|a| {
                let c = self.cells.get(a.cell)?;
                let key = c.key.as_ref()?;
                let text = grid.get(&(c.r, c.c))?;
                Some(Extracted {
                    key: key.clone(),
                    text: (*text).to_string(),
                    row_label: a.row_label.clone(),
                    col_label: a.col_label.clone(),
                    row: c.r,
                    col: c.c,
                    row_path: as_printed(&a.row_path),
                    col_path: as_printed(&a.col_path),
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

    /// The label anchors whose rows cover the cell's row, left of it, left to right.
    fn row_path(&self, v: &TplCell) -> Vec<usize> {
        self.anchors_where(
            |c| c.role == "label" && c.c < v.c && c.r <= v.r && v.r < c.r + c.rs,
            |c| c.c,
        )
    }

    /// Indexes of the cells `keep` selects, ordered by `order` (ties in cell order).
    fn anchors_where(
        &self,
        keep: impl Fn(&TplCell) -> bool,
        order: impl Fn(&TplCell) -> usize,
    ) -> Vec<usize> {
        let mut found: Vec<(usize, usize)> = self
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| keep(c))
            .map(|(k, c)| (order(c), k))
            .collect();
        found.sort_by_key(|&(o, _)| o);
        found.into_iter().map(|(_, k)| k).collect()
    }

    /// The header anchors above the cell covering its column, below the nearest section
    /// banner above it (table 2 repeats its headers under each 第二十条 banner), top to bottom.
    fn col_path(&self, v: &TplCell) -> Vec<usize> {
        let band = self
            .cells
            .iter()
            .filter(|c| c.role == "section" && c.r < v.r)
            .map(|c| c.r + 1)
            .max()
            .unwrap_or(0);
        self.anchors_where(
            |c| c.role == "header" && c.r >= band && c.r < v.r && c.c <= v.c && v.c < c.c + c.cs,
            |c| c.r,
        )
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
