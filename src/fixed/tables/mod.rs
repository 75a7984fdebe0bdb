//! PDF tables: ruling lines → grid → cells with spans (refined where the text shows structure the
//! rules leave out) → text into cells; line-less tables from text alignment; stitched across pages.
//!
//! Interface used by `pdf::mod` (the document assembly): [`detect`] returns every table found,
//! with the page regions it covers, so that assembly can keep the glyphs inside those regions
//! out of the paragraphs and place each table in the reading order.

mod cells;
mod grid;
mod refine;
mod rules;
mod slivers;
mod stitch;
mod stream;

use crate::fixed::{Glyph, Page};
use crate::limits::Limits;
use crate::options::{TableDetector, TableSearch};
use crate::params::LayoutParams;

use crate::model::{Cell, Table, Warning};
use crate::table::{Holes, Place, TableBuilder};
use grid::PageTable;

pub use crate::fixed::Region;

/// One table found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The areas it covers, one per page, in page order; the first is where it starts.
    pub regions: Vec<Region>,
    /// The grid; `index` is 0 (the assembly numbers tables), `page` is the 1-based first page
    /// and `pages` lists every page when it continues across a page break.
    pub table: Table,
}

/// Finds the tables of a document, in reading order, with the tolerances of `params`, each
/// within `limits`: a table over them is left out with a warning in `warnings` (its text is
/// then read as paragraphs).
pub fn detect(
    pages: &[Page],
    params: &LayoutParams,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Vec<Found> {
    detect_in(pages, params, &TableSearch::default(), limits, warnings)
}

/// [`detect`] with only the detectors `search` names, keeping only tables in its area.
pub fn detect_in(
    pages: &[Page],
    params: &LayoutParams,
    search: &TableSearch,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Vec<Found> {
    let mut frags: Vec<PageTable> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let rs = rules::rulings(page, params);
        let mut fs = if search.detector == TableDetector::Stream {
            Vec::new()
        } else {
            grid::frames(&rs, i, params)
        };
        let gs = cells::glyphs(page);
        // Rows and columns are read from upright text only: a sideways label is one tall
        // column of glyphs, each on its own baseline, and would cut a row at every character.
        let upright: Vec<&Glyph> = gs.iter().copied().filter(|g| g.quarter == 0).collect();
        for f in &mut fs {
            slivers::drop_slivers(f, &gs);
            refine::refine(f, &upright, params);
            cells::fill(f, &gs, params);
        }
        // Rules with no text between them are a chart or a drawing, not a table.
        fs.retain(|f| f.cells.iter().any(|c| !c.text.is_empty()));
        let claimed: Vec<(f32, f32, f32, f32)> = fs.iter().map(PageTable::bbox).collect();
        if search.detector != TableDetector::Lattice {
            fs.extend(stream::tables(i, &upright, &rs.h, &claimed, params));
        }
        // After both detectors: a ruled table outside the area still keeps the stream
        // detector from reading its text as a table of its own.
        fs.retain(|f| search.keeps(f.bbox()));
        fs.sort_by(|a, b| a.bbox().1.total_cmp(&b.bbox().1));
        frags.extend(fs);
    }
    stitch::join(pages, frags, params)
        .into_iter()
        .filter_map(|(regions, frag)| {
            let first = regions.first()?.page;
            let page = u32::try_from(first + 1).unwrap_or(u32::MAX);
            let mut table = to_table(&frag, page, limits, warnings)?;
            table.page = Some(page);
            if regions.len() > 1 {
                table.pages = regions
                    .iter()
                    .filter_map(|r| u32::try_from(r.page + 1).ok())
                    .collect();
            }
            Some(Found { regions, table })
        })
        .collect()
}

/// The fragment's cells as the model's table (header rows as the DOCX reader infers them);
/// `None`, with a warning, when it is over the limits.
fn to_table(
    frag: &PageTable,
    page: u32,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Option<Table> {
    let mut b = TableBuilder::new(Place::page(page), frag.cols(), limits);
    let mut cells: Vec<&grid::PageCell> = frag.cells.iter().collect();
    cells.sort_by_key(|c| (c.row, c.col));
    let built = b.ensure_size(frag.rows(), frag.cols()).and_then(|()| {
        cells.iter().try_for_each(|c| {
            b.add(Cell {
                row: c.row,
                col: c.col,
                row_span: c.row_span,
                col_span: c.col_span,
                text: c.text.trim().to_string(),
                tables: Vec::new(),
            })
            .map(drop)
        })
    });
    if let Err(e) = built {
        warnings.push(Warning {
            code: "pdf.table_over_limit",
            message: format!(
                "a table of {} rows and {} columns is read as text: {e}",
                frag.rows(),
                frag.cols()
            ),
            page: Some(page),
        });
        return None;
    }
    let (table, found) = b.finish(0, frag.header_rows, Holes::Warn);
    warnings.extend(found);
    Some(table)
}

fn region_of(f: &PageTable) -> Region {
    let (x0, y0, x1, y1) = f.bbox();
    Region {
        page: f.page,
        x0,
        y0,
        x1,
        y1,
    }
}
