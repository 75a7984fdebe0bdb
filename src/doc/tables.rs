//! Paragraphs into blocks: table depth (sprmPItap, or sprmPFInTable for depth 1) opens and
//! closes tables, cell marks end cells, row-end marks (sprmPFTtp / sprmPFInnerTtp) end rows
//! and carry each row's cell boundaries. The boundaries of all rows together are the table's
//! grid columns, as `w:tblGrid` is in DOCX; each cell spans the columns between its two
//! boundaries, and Word's merge marks go through the DOCX reader's adapter.

use super::fkp::RowDef;
use super::styles::{heading_level, StyleSheet};
use super::text::{Mark, Paragraph};
use crate::docx::numbering::{Counters, Numbering};
use crate::docx::table_grid::{CellSpec, VMerge, WordTableBuilder};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::model::{Block, Heading, ListItem, Paragraph as ParagraphBlock, Table, Warning};

/// Boundaries closer than this (twips, 1/20 pt) are one grid line: Word rounds each row's
/// widths separately.
const SAME_LINE: i32 = 3;

/// A cell being read: its lines (paragraphs and the non-empty cell texts of nested tables,
/// as the DOCX reader joins them) and its nested tables.
#[derive(Debug, Default)]
struct CellText {
    lines: Vec<String>,
    tables: Vec<Table>,
}

/// A row whose row-end mark has been read.
#[derive(Debug)]
struct Row {
    cells: Vec<CellText>,
    def: Option<RowDef>,
}

/// A table being read.
#[derive(Debug, Default)]
struct OpenTable {
    rows: Vec<Row>,
    cells: Vec<CellText>,
    cell: CellText,
}

/// What paragraphs are styled and numbered by.
pub(crate) struct Lists<'a> {
    /// The style sheet.
    pub styles: &'a StyleSheet,
    /// The list definitions, keyed by `ilfo`.
    pub numbering: &'a Numbering,
}

/// Turns the main story's paragraphs into blocks.
pub(crate) fn blocks(
    paragraphs: Vec<Paragraph>,
    lists: &Lists,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Block>, Error> {
    let mut counters = Counters::default();
    let mut out = Vec::new();
    let mut stack: Vec<OpenTable> = Vec::new();
    let mut tables = 0usize;
    // The text of drop cap paragraphs, waiting for the paragraph whose first letters it is.
    let mut drop_cap = String::new();
    for mut p in paragraphs {
        if p.props.drop_cap && p.raw.mark == Mark::Paragraph && !p.props.ttp {
            drop_cap.push_str(p.raw.text.trim());
            continue;
        }
        if !drop_cap.is_empty() && !p.props.ttp && !p.props.inner_ttp {
            p.raw.text.insert_str(0, &std::mem::take(&mut drop_cap));
        }
        let depth = match p.props.itap {
            Some(n) => n as usize,
            None => usize::from(p.props.in_table),
        };
        if depth > limits.max_table_nesting.saturating_add(1) {
            return Err(Error::new(ErrorKind::Limit {
                part: "WordDocument stream".into(),
                what: "max_table_nesting",
                limit: limits.max_table_nesting as u64,
            }));
        }
        while stack.len() > depth {
            close(&mut stack, &mut out, &mut tables, limits, warnings)?;
        }
        while stack.len() < depth {
            stack.push(OpenTable::default());
        }
        let Some(table) = stack.last_mut() else {
            if let Some(b) = block(p, lists, &mut counters) {
                out.push(b);
            }
            continue;
        };
        let row_end = if depth == 1 {
            p.props.ttp
        } else {
            p.props.inner_ttp
        };
        if row_end {
            if !table.cell.lines.is_empty() {
                table.cells.push(std::mem::take(&mut table.cell));
            }
            let cells = std::mem::take(&mut table.cells);
            table.rows.push(Row {
                cells,
                def: p.props.row,
            });
            continue;
        }
        table.cell.lines.push(p.raw.text);
        if p.raw.mark == Mark::Cell || (depth > 1 && p.props.inner_cell) {
            table.cells.push(std::mem::take(&mut table.cell));
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut out, &mut tables, limits, warnings)?;
    }
    // A drop cap with no paragraph after it stands alone rather than vanish.
    if !drop_cap.is_empty() {
        out.push(Block::Paragraph(ParagraphBlock {
            text: drop_cap,
            ..ParagraphBlock::default()
        }));
    }
    Ok(out)
}

/// A paragraph outside tables as a heading, a list item or a paragraph; empty ones that are
/// not list items are layout, as in the DOCX reader.
fn block(p: Paragraph, lists: &Lists, counters: &mut Counters) -> Option<Block> {
    let styles = lists.styles;
    let text = p.raw.text.trim().to_string();
    // A paragraph's own sprmPIlfo (0 removes numbering), else its style's; its own sprmPIlvl,
    // else its style's level, as the DOCX reader takes w:numPr.
    let numbered = match (p.props.ilfo, styles.list(p.props.istd)) {
        (Some(0), _) | (None, None) => None,
        (Some(ilfo), _) => Some((ilfo, p.props.ilvl.unwrap_or(0))),
        (None, Some((ilfo, ilvl))) => Some((ilfo, p.props.ilvl.unwrap_or(ilvl))),
    };
    let list = numbered.map(|(ilfo, ilvl)| {
        lists
            .numbering
            .item(counters, &ilfo.to_string(), ilvl)
            // An ilfo with no LFO: the level alone, as before list definitions were read.
            .unwrap_or(ListItem {
                level: ilvl,
                marker: None,
            })
    });
    if let Some(level) = heading_level(&p.props, styles) {
        return (!text.is_empty()).then_some(Block::Heading(Heading {
            level,
            text,
            label: list.and_then(|l| l.marker).map(|m| m.trim().to_string()),
            page: None,
            ocr: None,
        }));
    }
    if text.is_empty() && list.is_none() {
        return None;
    }
    let style = (p.props.istd != 0)
        .then(|| styles.name(p.props.istd).map(str::to_string))
        .flatten();
    Some(Block::Paragraph(ParagraphBlock {
        text,
        style,
        list,
        page: None,
        ocr: None,
    }))
}

/// Finishes the innermost open table into its parent cell, or into the blocks.
fn close(
    stack: &mut Vec<OpenTable>,
    out: &mut Vec<Block>,
    tables: &mut usize,
    limits: &Limits,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let Some(mut open) = stack.pop() else {
        return Ok(());
    };
    if !open.cell.lines.is_empty() {
        open.cells.push(std::mem::take(&mut open.cell));
    }
    if !open.cells.is_empty() {
        warnings.push(Warning::new(
            "doc.row_without_end",
            "WordDocument stream: a table row has no row-end mark; its cells kept as a row",
        ));
        let cells = std::mem::take(&mut open.cells);
        open.rows.push(Row { cells, def: None });
    }
    if open.rows.is_empty() {
        return Ok(());
    }
    match stack.last_mut() {
        Some(parent) => {
            let (mut t, w) = build(open.rows, limits)?;
            warnings.extend(w);
            t.index = parent.cell.tables.len();
            for c in t.cells.iter().filter(|c| !c.text.is_empty()) {
                parent.cell.lines.push(c.text.clone());
            }
            parent.cell.tables.push(t);
        }
        None => {
            let (mut t, w) = build(open.rows, limits)?;
            warnings.extend(w);
            t.index = *tables;
            *tables += 1;
            out.push(Block::Table(t));
        }
    }
    Ok(())
}

/// The grid lines of a table: every row's boundaries, sorted, near ones joined.
fn grid_lines(rows: &[Row]) -> Vec<i32> {
    let mut xs: Vec<i32> = rows
        .iter()
        .filter_map(|r| r.def.as_ref())
        .flat_map(|d| d.centers.iter().map(|&x| i32::from(x)))
        .collect();
    xs.sort_unstable();
    let mut lines: Vec<i32> = Vec::with_capacity(xs.len());
    for x in xs {
        if lines.last().is_none_or(|&last| x - last > SAME_LINE) {
            lines.push(x);
        }
    }
    lines
}

/// The grid column a boundary lies on.
fn column(lines: &[i32], x: i16) -> usize {
    let x = i32::from(x);
    let i = lines.partition_point(|&l| l < x - SAME_LINE);
    i.min(lines.len().saturating_sub(1))
}

/// Builds one table from its rows.
fn build(rows: Vec<Row>, limits: &Limits) -> Result<(Table, Vec<Warning>), Error> {
    let lines = grid_lines(&rows);
    let cols = lines.len().saturating_sub(1);
    let mut b = WordTableBuilder::new(cols, limits);
    let mut warnings = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        let def = row.def.unwrap_or_default();
        let mut specs: Vec<CellSpec> = Vec::with_capacity(row.cells.len());
        let mut before = 0usize;
        let mut end = 0usize;
        if def.cells.len() != row.cells.len() && def.centers.len() > 1 {
            warnings.push(Warning::new(
                "doc.row_cell_count",
                format!(
                    "table row {r}: {} cells but the row definition has {}; extra cells are one column wide",
                    row.cells.len(),
                    def.cells.len()
                ),
            ));
        }
        for (i, cell) in row.cells.into_iter().enumerate() {
            let text = cell.lines.join("\n");
            let bounds = def.centers.get(i).zip(def.centers.get(i + 1));
            let (start, span) = match bounds {
                Some((&x0, &x1)) => {
                    let (a, z) = (column(&lines, x0), column(&lines, x1));
                    (a, z.saturating_sub(a))
                }
                None => (end, 1),
            };
            if i == 0 {
                before = start;
                end = start;
            }
            if span == 0 {
                // A cell of no width: its text joins the cell on its left, as Word shows it.
                if let Some(left) = specs.last_mut() {
                    if !text.trim().is_empty() {
                        left.text.push('\n');
                        left.text.push_str(&text);
                    }
                    left.tables.extend(cell.tables);
                    continue;
                }
            }
            let span = span.max(1);
            let merge = def.cells.get(i).copied().unwrap_or_default();
            end = end.saturating_add(span);
            specs.push(CellSpec {
                span,
                vmerge: match merge.vert_merge {
                    3 => VMerge::Restart,
                    1 | 2 => VMerge::Continue,
                    _ => VMerge::None,
                },
                hmerge_continue: merge.horz_merge >= 2,
                text,
                tables: cell.tables,
            });
        }
        b.push_row(before, specs, cols.saturating_sub(end))?;
        if def.header {
            b.mark_header_row();
        }
    }
    let (t, w) = b.finish(0);
    warnings.extend(w);
    Ok((t, warnings))
}
