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

use super::engine::{Glyph, Page};
use crate::limits::Limits;
use crate::model::Table;
use crate::table::grid::{CellSpec, GridBuilder, VMerge};
use grid::Frag;

/// A rectangle on one page, top-left origin, points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// 0-based index into the page list given to [`detect`].
    pub page: usize,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Region {
    /// Whether the point lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// One table found in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The areas it covers, one per page, in page order; the first is where it starts.
    pub regions: Vec<Region>,
    /// The grid; `index` is 0 (the assembly numbers tables), `page` is the 1-based first page
    /// and `pages` lists every page when it continues across a page break.
    pub table: Table,
}

/// Finds the tables of a document, in reading order.
pub fn detect(pages: &[Page]) -> Vec<Found> {
    let mut frags: Vec<Frag> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let rs = rules::rulings(page);
        let mut fs = grid::frames(&rs, i);
        let gs = cells::glyphs(page);
        // Rows and columns are read from upright text only: a sideways label is one tall
        // column of glyphs, each on its own baseline, and would cut a row at every character.
        let upright: Vec<&Glyph> = gs.iter().copied().filter(|g| g.quarter == 0).collect();
        for f in &mut fs {
            slivers::drop_slivers(f, &gs);
            refine::refine(f, &upright);
            cells::fill(f, &gs);
        }
        // Rules with no text between them are a chart or a drawing, not a table.
        fs.retain(|f| f.cells.iter().any(|c| !c.text.is_empty()));
        let claimed: Vec<(f32, f32, f32, f32)> = fs.iter().map(Frag::bbox).collect();
        fs.extend(stream::tables(i, &upright, &claimed));
        fs.sort_by(|a, b| a.bbox().1.total_cmp(&b.bbox().1));
        frags.extend(fs);
    }
    stitch::join(pages, frags)
        .into_iter()
        .filter_map(|(regions, frag)| {
            let mut table = to_table(&frag)?;
            let first = regions.first()?.page;
            table.page = u32::try_from(first + 1).ok();
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

/// The fragment's cells as the model's table (header rows as the DOCX reader infers them).
fn to_table(frag: &Frag) -> Option<Table> {
    let mut rows: Vec<Vec<&grid::FCell>> = vec![Vec::new(); frag.rows()];
    for c in &frag.cells {
        for r in c.row..c.row + c.row_span {
            rows.get_mut(r)?.push(c);
        }
    }
    let mut b = GridBuilder::new(frag.cols(), &Limits::default());
    for (r, row) in rows.iter_mut().enumerate() {
        row.sort_by_key(|c| c.col);
        let specs = row
            .iter()
            .map(|c| CellSpec {
                span: c.col_span,
                vmerge: match (c.row_span, c.row == r) {
                    (1, _) => VMerge::None,
                    (_, true) => VMerge::Restart,
                    (_, false) => VMerge::Continue,
                },
                text: if c.row == r {
                    c.text.clone()
                } else {
                    String::new()
                },
                ..CellSpec::default()
            })
            .collect();
        b.push_row(0, specs, 0).ok()?;
    }
    Some(b.finish(0).0)
}

fn region_of(f: &Frag) -> Region {
    let (x0, y0, x1, y1) = f.bbox();
    Region {
        page: f.page,
        x0,
        y0,
        x1,
        y1,
    }
}
