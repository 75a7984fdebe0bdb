//! Prints a workbook as text: each sheet's merged ranges, then every non-empty cell with its
//! type. `scripts/same_output.sh` diffs these dumps, because two XLSX files with the same cells
//! differ in bytes (zip timestamps, shared-string order).
//!
//! `cargo run --example xlsx_dump -- FILE.xlsx`

use calamine::{open_workbook, Data, Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: xlsx_dump FILE.xlsx")?;
    let mut book: Xlsx<_> = open_workbook(&path)?;
    for name in book.sheet_names() {
        println!("sheet {name}");
        let mut merges: Vec<String> = book
            .merge_cells_by_sheet_name(&name)?
            .iter()
            .map(|d| format!("{:?}-{:?}", d.start, d.end))
            .collect();
        merges.sort();
        for range in merges {
            println!("  merge {range}");
        }
        let range = book.worksheet_range(&name)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let shown = match value {
                    Data::Empty => continue,
                    Data::String(s) => format!("s {s:?}"),
                    Data::Float(f) => format!("f {f}"),
                    Data::Int(i) => format!("i {i}"),
                    Data::Bool(b) => format!("b {b}"),
                    other => format!("o {other:?}"),
                };
                println!("  ({},{}) {shown}", top as usize + r, left as usize + c);
            }
        }
    }
    Ok(())
}
