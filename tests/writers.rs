//! Round trips of the table writers on documents built in code: CSV re-read with the csv
//! crate, XLSX re-read with calamine, Markdown compared with hand-written output.

use calamine::{Data, Reader, Xlsx};
use docgrid::model::{Block, Cell, Document, Heading, ListItem, Paragraph, Table};
use docgrid::table::{check_partition, Holes, Place, TableBuilder};
use docgrid::write::{csv as csv_out, markdown, xlsx};
use docgrid::Limits;
use std::collections::BTreeSet;
use std::io::Cursor;

fn cell(row: usize, col: usize, row_span: usize, col_span: usize, text: &str) -> Cell {
    Cell {
        row,
        col,
        row_span,
        col_span,
        text: text.into(),
        tables: Vec::new(),
    }
}

/// The annual-report header over a body that holds every number and text case of the issue.
fn report_table() -> Table {
    let mut cells = vec![
        cell(0, 0, 3, 2, "（本列数据的勾稽关系为：第一项加第二项之和）"),
        cell(0, 2, 1, 4, "申请人情况"),
        cell(1, 2, 2, 1, "自然人"),
        cell(1, 3, 1, 2, "法人或其他组织"),
        cell(1, 5, 2, 1, "总计"),
        cell(2, 3, 1, 1, "商业企业"),
        cell(2, 4, 1, 1, "其他"),
        cell(3, 0, 3, 1, "三、本年度办理结果"),
        cell(3, 1, 1, 1, "（一）予以公开"),
    ];
    let values = [
        ["0", " 3 ", "1,234", "-5", "12.5"],
        ["增169", "45822.4584万元", "007", "1.5℅", "/"],
    ];
    for (k, v) in values[0].iter().take(4).enumerate() {
        cells.push(cell(3, 2 + k, 1, 1, v));
    }
    // Row 3 has four value columns (2..=5); 12.5 goes to row 4 with the line-broken label.
    cells.push(cell(4, 1, 1, 1, "（二）部分公开\n（区分处理的）"));
    cells.push(cell(4, 2, 1, 1, "12.5"));
    cells.push(cell(4, 3, 1, 3, "—"));
    cells.push(cell(5, 1, 1, 1, "say \"hi\", then"));
    for (k, v) in values[1].iter().take(4).enumerate() {
        cells.push(cell(5, 2 + k, 1, 1, v));
    }
    cells.push(cell(6, 0, 1, 2, "/"));
    cells.push(cell(6, 2, 1, 1, ""));
    cells.push(cell(6, 3, 1, 1, "\u{3000}7\u{3000}"));
    cells.push(cell(6, 4, 1, 1, "110101199003070012"));
    cells.push(cell(6, 5, 1, 1, "-0"));
    cells.sort_by_key(|c| (c.row, c.col));
    let t = Table {
        index: 0,
        rows: 7,
        cols: 6,
        header_rows: 3,
        cells,
        ..Table::default()
    };
    check_partition(&t).unwrap();
    t
}

/// The grid as a person reads it: `fill` puts each cell's text on every position it covers,
/// otherwise only on its top-left one.
#[allow(clippy::needless_range_loop)] // (row, col) positions read clearer than iterator chains
fn expected_grid(t: &Table, fill: bool) -> Vec<Vec<String>> {
    let mut grid = vec![vec![String::new(); t.cols]; t.rows];
    for c in &t.cells {
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                if fill || (r == c.row && k == c.col) {
                    grid[r][k] = c.text.clone();
                }
            }
        }
    }
    grid
}

fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn csv_of(t: &Table, fill_merged: bool) -> Vec<u8> {
    let options = csv_out::CsvOptions {
        fill_merged,
        ..csv_out::CsvOptions::default()
    };
    let mut out = Vec::new();
    csv_out::write_table(t, &options, &mut out).unwrap();
    out
}

#[test]
fn csv_round_trips_under_both_merge_policies() {
    let t = report_table();
    for fill in [false, true] {
        let got = read_csv(&csv_of(&t, fill));
        assert_eq!(got, expected_grid(&t, fill), "fill_merged = {fill}");
    }
    let filled = read_csv(&csv_of(&t, true));
    let column0: Vec<&str> = filled.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(&column0[3..6], ["三、本年度办理结果"; 3]);
    assert_eq!(filled[4][1], "（二）部分公开\n（区分处理的）");
    assert_eq!(filled[5][1], "say \"hi\", then");
}

#[test]
fn csv_header_paths_make_one_header_line() {
    let t = report_table();
    let options = csv_out::CsvOptions {
        header_paths: true,
        bom: true,
        ..csv_out::CsvOptions::default()
    };
    let mut out = Vec::new();
    csv_out::write_table(&t, &options, &mut out).unwrap();
    assert!(out.starts_with(b"\xEF\xBB\xBF"));
    let rows = read_csv(&out[3..]);
    assert_eq!(
        rows.len(),
        1 + 4,
        "one header line, then the four body rows"
    );
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和）";
    assert_eq!(
        rows[0],
        [
            corner,
            // The second column under the merged corner label: named apart, as pandas would.
            &format!("{corner}.1"),
            "申请人情况/自然人",
            "申请人情况/法人或其他组织/商业企业",
            "申请人情况/法人或其他组织/其他",
            "申请人情况/总计"
        ]
    );
    assert_eq!(rows[1..], expected_grid(&t, false)[3..]);
}

/// Pseudo-random tables with spans, made by the table core (a fixed-seed LCG, so failures
/// reproduce).
fn random_tables() -> Vec<Table> {
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let limits = Limits::default();
    let mut tables = Vec::new();
    for i in 0..60 {
        let cols = 1 + next(6) as usize;
        let mut b = TableBuilder::new(Place::part("table"), cols, &limits);
        let rows = 1 + next(7);
        // (start col, span, cell index) of the last row.
        let mut above: Vec<(usize, usize, usize)> = Vec::new();
        for r in 0..rows {
            let mut row_cells = Vec::new();
            let mut col = 0;
            while col < cols {
                let span = (1 + next(3) as usize).min(cols - col);
                let anchor = above
                    .iter()
                    .find(|a| (a.0, a.1) == (col, span))
                    .map(|a| a.2);
                let continues = r > 0 && anchor.is_some() && next(2) == 0;
                let text = match next(6) {
                    0 => String::new(),
                    1 => format!("{}", next(2000)),
                    2 => format!("r{r}c{col}, \"q\""),
                    3 => format!("{}.{}", next(99), 1 + next(9)),
                    4 => "增169\n第二行".to_string(),
                    _ => format!("00{}", next(9)),
                };
                let index = match anchor.filter(|_| continues) {
                    Some(i) => {
                        b.ensure_size(r as usize + 1, cols).unwrap();
                        b.cell_mut(i).unwrap().row_span += 1;
                        i
                    }
                    None => b
                        .add(Cell {
                            row: r as usize,
                            col,
                            row_span: 1,
                            col_span: span,
                            text,
                            tables: Vec::new(),
                        })
                        .unwrap(),
                };
                row_cells.push((col, span, index));
                col += span;
            }
            above = row_cells;
        }
        let (t, _) = b.finish(i, 0, Holes::Warn);
        check_partition(&t).unwrap();
        tables.push(t);
    }
    assert!(tables
        .iter()
        .any(|t| t.cells.iter().any(|c| c.row_span > 1)));
    tables
}

#[test]
fn csv_round_trips_random_tables() {
    for t in random_tables() {
        for fill in [false, true] {
            assert_eq!(read_csv(&csv_of(&t, fill)), expected_grid(&t, fill));
        }
    }
}

fn doc_with(tables: Vec<Table>) -> Document {
    let mut doc = Document::new("docx");
    doc.blocks.push(Block::Heading(Heading {
        level: 1,
        text: "一、总体情况".into(),
        ..Default::default()
    }));
    doc.blocks.push(Block::Paragraph(Paragraph {
        text: "正文".into(),
        ..Paragraph::default()
    }));
    doc.blocks.extend(tables.into_iter().map(Block::Table));
    doc
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap()
}

/// What the sheet should hold at each position: numbers for the plain numbers, text
/// otherwise, empty where nothing stands.
fn expected_value(text: &str) -> Data {
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{3000}');
    let unsigned = t.strip_prefix('-').unwrap_or(t);
    let leading_zero =
        unsigned.len() > 1 && unsigned.starts_with('0') && !unsigned.starts_with("0.");
    let value = unsigned.replace(',', "").parse::<f64>().ok();
    let plain_number = !unsigned.is_empty()
        && unsigned
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && !unsigned.starts_with('.')
        && !unsigned.ends_with('.')
        && !leading_zero
        && unsigned.len() < 16
        && value.is_some()
        && !(t.starts_with('-') && value == Some(0.0));
    if text.is_empty() {
        Data::Empty
    } else if plain_number {
        Data::Float(t.replace(',', "").parse().unwrap())
    } else {
        Data::String(text.to_string())
    }
}

fn check_sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str, t: &Table) {
    let range = book.worksheet_range(name).unwrap();
    let merged: BTreeSet<((u32, u32), (u32, u32))> = book
        .merge_cells_by_sheet_name(name)
        .unwrap()
        .into_iter()
        .map(|d| (d.start, d.end))
        .collect();
    let want: BTreeSet<((u32, u32), (u32, u32))> = t
        .cells
        .iter()
        .filter(|c| c.row_span > 1 || c.col_span > 1)
        .map(|c| {
            let (r, k) = (c.row as u32, c.col as u32);
            (
                (r, k),
                (r + c.row_span as u32 - 1, k + c.col_span as u32 - 1),
            )
        })
        .collect();
    assert_eq!(merged, want, "merged ranges of {name}");
    let grid = expected_grid(t, false);
    for (r, row) in grid.iter().enumerate() {
        for (k, text) in row.iter().enumerate() {
            let got = range
                .get_value((r as u32, k as u32))
                .cloned()
                .unwrap_or(Data::Empty);
            assert_eq!(
                got,
                expected_value(text),
                "{name} at ({r}, {k}), text {text:?}"
            );
        }
    }
}

#[test]
fn xlsx_keeps_merges_numbers_and_texts() {
    let t = report_table();
    let doc = doc_with(vec![t.clone()]);
    let (bytes, warnings) = xlsx::to_bytes(&doc, &xlsx::XlsxOptions::default()).unwrap();
    assert!(warnings.is_empty());
    let mut book = open(bytes);
    assert_eq!(book.sheet_names(), ["Table 1", "Text"]);
    check_sheet(&mut book, "Table 1", &t);
    let range = book.worksheet_range("Table 1").unwrap();
    let at = |r: u32, k: u32| range.get_value((r, k)).cloned().unwrap_or(Data::Empty);
    // The cases, spelled out.
    assert_eq!(at(3, 2), Data::Float(0.0));
    assert_eq!(at(3, 3), Data::Float(3.0));
    assert_eq!(at(3, 4), Data::Float(1234.0));
    assert_eq!(at(3, 5), Data::Float(-5.0));
    assert_eq!(at(4, 2), Data::Float(12.5));
    for (k, s) in ["增169", "45822.4584万元", "007", "1.5℅"]
        .iter()
        .enumerate()
    {
        assert_eq!(at(5, 2 + k as u32), Data::String(s.to_string()));
    }
    assert_eq!(at(6, 0), Data::String("/".into()));
    assert_eq!(at(4, 3), Data::String("—".into()));
    assert_eq!(at(6, 2), Data::Empty);
    assert_eq!(at(6, 3), Data::Float(7.0));
    assert_eq!(at(6, 4), Data::String("110101199003070012".into()));
    assert_eq!(at(6, 5), Data::String("-0".into()));
    let text = book.worksheet_range("Text").unwrap();
    let row = |r: u32| -> Vec<Data> {
        (0..4)
            .map(|k| text.get_value((r, k)).cloned().unwrap_or(Data::Empty))
            .collect()
    };
    let s = |x: &str| Data::String(x.into());
    assert_eq!(row(0), [s("kind"), s("level"), s("page"), s("text")]);
    assert_eq!(
        row(1),
        [
            s("heading"),
            Data::Float(1.0),
            Data::Empty,
            s("一、总体情况")
        ]
    );
    assert_eq!(
        row(2),
        [s("paragraph"), Data::Empty, Data::Empty, s("正文")]
    );
    assert_eq!(row(3), [s("table"), Data::Empty, Data::Empty, s("Table 1")]);
}

#[test]
fn xlsx_round_trips_random_tables_and_nested_ones() {
    let mut tables = random_tables();
    let nested = tables.pop().unwrap();
    tables[0].cells[0].tables.push(nested.clone());
    let doc = doc_with(tables.clone());
    let (bytes, _) = xlsx::to_bytes(&doc, &xlsx::XlsxOptions::default()).unwrap();
    let mut book = open(bytes);
    let names = book.sheet_names();
    assert_eq!(names.len(), tables.len() + 2);
    assert_eq!(names[1], "Table 1.1");
    check_sheet(&mut book, "Table 1.1", &nested);
    for (i, t) in tables.iter().enumerate() {
        check_sheet(&mut book, &format!("Table {}", i + 1), t);
    }
}

#[test]
fn xlsx_cuts_texts_over_excels_cell_limit_with_a_warning() {
    let t = Table {
        rows: 1,
        cols: 1,
        cells: vec![cell(0, 0, 1, 1, &"字".repeat(40_000))],
        ..Table::default()
    };
    let (bytes, warnings) =
        xlsx::to_bytes(&doc_with(vec![t]), &xlsx::XlsxOptions::default()).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "xlsx.text_truncated");
    let range = open(bytes).worksheet_range("Table 1").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("字".repeat(32_767)))
    );
}

#[test]
fn markdown_pipe_tables_html_spans_and_lists() {
    let plain = Table {
        rows: 2,
        cols: 2,
        cells: vec![
            cell(0, 0, 1, 1, "名称"),
            cell(0, 1, 1, 1, "a|b"),
            cell(1, 0, 1, 1, "x\ny"),
            cell(1, 1, 1, 1, ""),
        ],
        ..Table::default()
    };
    let spanned = Table {
        rows: 3,
        cols: 2,
        header_rows: 1,
        cells: vec![
            cell(0, 0, 1, 2, "A & <B>"),
            cell(1, 0, 2, 1, "left"),
            cell(1, 1, 1, 1, "1"),
            cell(2, 1, 1, 1, "2"),
        ],
        ..Table::default()
    };
    let mut doc = doc_with(vec![plain, spanned]);
    let item = |level, marker: Option<&str>, text: &str| {
        Block::Paragraph(Paragraph {
            text: text.into(),
            style: None,
            list: Some(ListItem {
                level,
                marker: marker.map(str::to_string),
            }),
            page: None,
            ocr: None,
        })
    };
    doc.blocks.push(item(0, Some("1."), "first"));
    doc.blocks.push(item(1, Some("•"), "inner"));
    doc.blocks.push(item(0, Some("（一）"), "third"));
    doc.blocks.push(Block::Paragraph(Paragraph {
        text: "# not a heading *really*\nsecond line".into(),
        ..Paragraph::default()
    }));
    let mut out = Vec::new();
    markdown::write(&doc, &markdown::MarkdownOptions::default(), &mut out).unwrap();
    let want = "# 一、总体情况\n\
        \n\
        正文\n\
        \n\
        | 名称 | a\\|b |\n\
        | --- | --- |\n\
        | x<br>y |  |\n\
        \n\
        <table>\n\
        <thead>\n\
        <tr><th colspan=\"2\">A &amp; &lt;B&gt;</th></tr>\n\
        </thead>\n\
        <tbody>\n\
        <tr><td rowspan=\"2\">left</td><td>1</td></tr>\n\
        <tr><td>2</td></tr>\n\
        </tbody>\n\
        </table>\n\
        \n\
        1. first\n   - inner\n- （一） third\n\
        \n\
        \\# not a heading \\*really\\*\\\nsecond line\n";
    assert_eq!(String::from_utf8(out).unwrap(), want);

    let mut one = Vec::new();
    let options = markdown::MarkdownOptions {
        table: Some("2".into()),
    };
    markdown::write(&doc, &options, &mut one).unwrap();
    assert!(String::from_utf8(one)
        .unwrap()
        .starts_with("<table>\n<thead>"));
    let missing = markdown::MarkdownOptions {
        table: Some("9".into()),
    };
    let err = markdown::write(&doc, &missing, &mut Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no table 9 (the document has 2 top-level tables)"
    );
}

#[test]
fn markdown_puts_nested_tables_inside_their_cell() {
    let inner = Table {
        rows: 1,
        cols: 1,
        cells: vec![cell(0, 0, 1, 1, "in")],
        ..Table::default()
    };
    let mut outer_cell = cell(0, 0, 1, 1, "out");
    outer_cell.tables.push(inner);
    let outer = Table {
        rows: 1,
        cols: 1,
        cells: vec![outer_cell],
        ..Table::default()
    };
    let mut doc = Document::new("docx");
    doc.blocks.push(Block::Table(outer));
    let mut out = Vec::new();
    markdown::write(&doc, &markdown::MarkdownOptions::default(), &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<table>\n<tbody>\n<tr><td>out\n<table>\n<tbody>\n<tr><td>in</td></tr>\n</tbody>\n</table>\n</td></tr>\n</tbody>\n</table>\n"
    );
}
