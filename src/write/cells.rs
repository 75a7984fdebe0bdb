//! Long-form cells writer (`--to cells`): one CSV for all tables of all inputs, one row per
//! cell, `source,table,row,col,row_span,col_span,text`, for databases and pivot tables.
//!
//! `table` is the label used for CSV file names and sheet names: 1-based, `3.1` for the
//! first table nested in table 3. `row` and `col` are 0-based, as in the JSON.

use super::tables::{numbered, select};
use crate::model::Document;
use std::io::{self, Write};

/// The header line's field names.
pub const HEADER: [&str; 7] = [
    "source", "table", "row", "col", "row_span", "col_span", "text",
];

/// Streams the cells of one document after another into one CSV.
pub struct CellsWriter<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> CellsWriter<W> {
    /// Starts the CSV: the byte-order mark when `bom`, then the header line.
    pub fn new(mut out: W, bom: bool) -> io::Result<CellsWriter<W>> {
        if bom {
            out.write_all(super::csv::BOM)?;
        }
        let mut csv = csv::WriterBuilder::new().flexible(false).from_writer(out);
        csv.write_record(HEADER)?;
        Ok(CellsWriter { csv })
    }

    /// Adds every cell of the selected tables of `doc` (all, or the one labelled `table`),
    /// with `doc.source.path` as `source`. A label naming no table is an `InvalidInput` error.
    pub fn write_document(&mut self, doc: &Document, table: Option<&str>) -> io::Result<()> {
        let tables = select(numbered(doc), table)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        for (label, t) in tables {
            for c in &t.cells {
                self.csv.write_record([
                    doc.source.path.as_str(),
                    &label,
                    &c.row.to_string(),
                    &c.col.to_string(),
                    &c.row_span.to_string(),
                    &c.col_span.to_string(),
                    &c.text,
                ])?;
            }
        }
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        // The flush's own error, so a closed pipe stays a `BrokenPipe` the caller can tell.
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Cell, Table};

    #[test]
    fn one_row_per_cell_across_documents() {
        let table = Table {
            rows: 2,
            cols: 2,
            header_rows: 0,
            cells: vec![
                Cell {
                    row: 0,
                    col: 0,
                    row_span: 1,
                    col_span: 2,
                    text: "合计, total".into(),
                    tables: Vec::new(),
                },
                Cell {
                    row: 1,
                    col: 0,
                    row_span: 1,
                    col_span: 1,
                    text: "1".into(),
                    tables: Vec::new(),
                },
                Cell {
                    row: 1,
                    col: 1,
                    row_span: 1,
                    col_span: 1,
                    text: String::new(),
                    tables: Vec::new(),
                },
            ],
            ..Table::default()
        };
        let mut a = Document::new("docx");
        a.source.path = "a.docx".into();
        a.blocks.push(Block::Table(table.clone()));
        let mut b = Document::new("docx");
        b.source.path = "dir/b.docx".into();
        b.blocks.push(Block::Table(Table::default()));
        b.blocks.push(Block::Table(table));
        let mut w = CellsWriter::new(Vec::new(), false).unwrap();
        w.write_document(&a, None).unwrap();
        w.write_document(&b, Some("2")).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            out,
            "source,table,row,col,row_span,col_span,text\n\
             a.docx,1,0,0,1,2,\"合计, total\"\n\
             a.docx,1,1,0,1,1,1\n\
             a.docx,1,1,1,1,1,\n\
             dir/b.docx,2,0,0,1,2,\"合计, total\"\n\
             dir/b.docx,2,1,0,1,1,1\n\
             dir/b.docx,2,1,1,1,1,\n"
        );
    }
}
