//! Page lines into blocks: page furniture out, reading order (one or two columns, tables at
//! their place), paragraphs (also across page breaks), headings.

mod columns;
mod furniture;
mod paragraphs;
mod rotate;

use crate::fixed::text::Line;
use crate::fixed::Page;
use crate::fixed::Region;
use crate::model::{Block, Heading, Paragraph, Table};
use crate::params::LayoutParams;

pub use furniture::{interleave as with_furniture, strip as strip_furniture};
pub(crate) use rotate::sideways_lines;
pub use rotate::{turn_upright, upright};

/// One entry of a page's reading order.
#[derive(Debug, Clone)]
pub enum Item {
    /// A text line and the bounds of the column it stands in (`None`: the page's single text
    /// column, whose bounds are measured over the whole document).
    Line {
        /// The line.
        line: Line,
        /// 0-based page.
        page: usize,
        /// Left and right edge of its column on a multi-column page.
        column: Option<(f32, f32)>,
    },
    /// A table region: `first` is where the table starts (and its block goes); a continuation
    /// on a later page only ends the paragraph before it.
    Table {
        /// Index into the tables given to [`blocks`].
        table: usize,
        /// Whether this is the table's first region.
        first: bool,
    },
}

/// The reading order of every page: lines of `lines[i]` (page `i`) and the table regions.
pub fn order(
    pages: &[Page],
    lines: Vec<Vec<Line>>,
    regions: &[(usize, Region, bool)],
    params: &LayoutParams,
) -> Vec<Item> {
    let mut out = Vec::new();
    for (i, ls) in lines.into_iter().enumerate() {
        let width = pages.get(i).map_or(0.0, |p| p.width);
        let here: Vec<(usize, Region, bool)> =
            regions.iter().filter(|r| r.1.page == i).copied().collect();
        out.extend(columns::order(i, width, ls, &here, params));
    }
    out
}

/// Adds each page's sideways lines (`side[i]` for page `i`) after that page's other lines.
pub fn with_sideways(items: Vec<Item>, side: Vec<Vec<Line>>) -> Vec<Item> {
    let lines_of = |(page, ls): (usize, Vec<Line>)| {
        ls.into_iter().map(move |line| Item::Line {
            line,
            page,
            column: None,
        })
    };
    let mut out = Vec::with_capacity(items.len());
    let mut side = side.into_iter().enumerate().peekable();
    for it in items {
        if let Item::Line { page, .. } = &it {
            while let Some(page_lines) = side.next_if(|(i, _)| i < page) {
                out.extend(lines_of(page_lines));
            }
        }
        out.push(it);
    }
    out.extend(side.flat_map(lines_of));
    out
}

/// Turns the reading order into blocks; `tables` are indexed by [`Item::Table`] and get their
/// `index` here, in the order they appear.
pub fn blocks(items: &[Item], mut tables: Vec<Option<Table>>, params: &LayoutParams) -> Vec<Block> {
    let outs = paragraphs::build(items, params);
    let style = paragraphs::BodyStyle::of(&outs);
    let mut blocks = Vec::new();
    let mut next_index = 0;
    for o in outs {
        match o {
            paragraphs::Flow::Table(t) => {
                if let Some(mut table) = tables.get_mut(t).and_then(Option::take) {
                    table.index = next_index;
                    next_index += 1;
                    blocks.push(Block::Table(table));
                }
            }
            paragraphs::Flow::Paragraph(p) => {
                let page = u32::try_from(p.page + 1).ok();
                let text = p.text.trim().to_string();
                if text.is_empty() {
                    continue;
                }
                blocks.push(match style.heading_level(&p) {
                    Some(level) => Block::Heading(Heading {
                        level,
                        text,
                        label: None,
                        page,
                        ocr: None,
                    }),
                    None => Block::Paragraph(Paragraph {
                        text,
                        page,
                        ..Paragraph::default()
                    }),
                });
            }
        }
    }
    blocks
}
