//! Writes the sample reports in `samples/`: each as a .docx (through docx-rs, a real writer)
//! and its `.expected.json` (docgrid contract v1) built from the same data, never by reading
//! the .docx back.
//!
//! `cargo run --example make_samples` — reruns give identical bytes (fixed core properties,
//! paragraph ids counted from 1 per document, zip entries carry the 1980 default time).

#[path = "make_samples/pingchuan.rs"]
mod pingchuan;
#[path = "make_samples/qinghe.rs"]
mod qinghe;
#[path = "make_samples/tables.rs"]
mod tables;

use docgrid::model::{Block, Cell, Document, Heading, Paragraph, Table};
use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Run, RunFonts, Style, StyleType, TableCell,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};
use std::error::Error;
use std::io::Cursor;
use std::path::Path;
use tables::Grid;

/// One block of a report as the generator writes it.
pub enum Item {
    /// A title line (style `Title`).
    Title(&'static str),
    /// A heading of the given level (style `Heading<level>`, named `heading <level>`).
    Heading(u8, &'static str),
    /// A body paragraph (no style); `go_back` puts Word's `_GoBack` bookmark before its text.
    Body {
        /// The paragraph text.
        text: &'static str,
        /// Whether the `_GoBack` bookmark opens the paragraph.
        go_back: bool,
        /// Run-in subtitles are bold.
        bold: bool,
    },
    /// An empty paragraph: layout only, absent from the JSON (top-level empties are dropped).
    Empty,
    /// A table.
    Table(Grid),
}

impl Item {
    /// A plain body paragraph.
    pub fn body(text: &'static str) -> Item {
        Item::Body {
            text,
            go_back: false,
            bold: false,
        }
    }
}

/// The core properties written to `docProps/core.xml`.
pub struct Props {
    /// `dc:title`.
    pub title: &'static str,
    /// `dc:subject`.
    pub subject: &'static str,
    /// `dc:creator`, reported as `author`.
    pub author: &'static str,
    /// `dcterms:created`.
    pub created: &'static str,
    /// `dcterms:modified`.
    pub modified: &'static str,
}

/// A whole sample: file stem, properties, blocks.
pub struct Report {
    /// `samples/<stem>.docx` and `samples/<stem>.expected.json`.
    pub stem: &'static str,
    /// Core properties.
    pub props: Props,
    /// Blocks in order.
    pub items: Vec<Item>,
}

/// East Asian fonts of Chinese government documents (LibreOffice substitutes Noto CJK).
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING_FONT: &str = "黑体";
const TITLE_FONT: &str = "方正小标宋简体";
const TABLE_FONT: &str = "宋体";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// Checks that the anchors partition the grid, so the derived `w:tc` rows are well formed.
fn check_grid(g: &Grid) -> Result<(), String> {
    let cols = g.widths.len();
    let mut seen = vec![0u8; g.rows * cols];
    for a in &g.anchors {
        if a.rs == 0 || a.cs == 0 || a.r + a.rs > g.rows || a.c + a.cs > cols {
            return Err(format!("anchor at ({}, {}) leaves the grid", a.r, a.c));
        }
        for r in a.r..a.r + a.rs {
            for c in a.c..a.c + a.cs {
                seen[r * cols + c] += 1;
            }
        }
    }
    match seen.iter().position(|&n| n != 1) {
        Some(i) => Err(format!(
            "grid position ({}, {}) covered {} times",
            i / cols,
            i % cols,
            seen[i]
        )),
        None => Ok(()),
    }
}

/// A cell paragraph; `\n` inside the text becomes a `w:br`.
fn cell_paragraph(text: &str, size: usize, align: AlignmentType) -> docx_rs::Paragraph {
    let mut run = Run::new().size(size).fonts(fonts(TABLE_FONT));
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(part);
    }
    docx_rs::Paragraph::new().align(align).add_run(run)
}

/// The Word table: one `w:tc` per region per row, as Word writes merges — the region's
/// gridSpan on every row it covers, vMerge `restart` on its first row and `continue` (an
/// empty cell) below.
fn docx_table(g: &Grid) -> Result<docx_rs::Table, String> {
    check_grid(g)?;
    let cols = g.widths.len();
    let mut rows = Vec::new();
    for r in 0..g.rows {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < cols {
            let a = g
                .anchors
                .iter()
                .find(|a| a.c == c && a.r <= r && r < a.r + a.rs)
                .ok_or_else(|| format!("no region starts at column {c} in row {r}"))?;
            let width: usize = g.widths[c..c + a.cs].iter().sum();
            let mut tc = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if a.cs > 1 {
                tc = tc.grid_span(a.cs);
            }
            if a.r == r {
                if a.rs > 1 {
                    tc = tc.vertical_merge(VMergeType::Restart);
                }
                // Long row labels (table 3, column 2) read left-aligned, all else centred.
                let align = if a.c == 2 && a.cs == 1 && cols == 10 {
                    AlignmentType::Left
                } else {
                    AlignmentType::Center
                };
                for p in &a.paras {
                    tc = tc.add_paragraph(cell_paragraph(p, g.size, align));
                }
            } else {
                tc = tc
                    .vertical_merge(VMergeType::Continue)
                    .add_paragraph(docx_rs::Paragraph::new());
            }
            cells.push(tc);
            c += a.cs;
        }
        // As Word users set it: no row breaks across a page (a label would be cut in two).
        rows.push(TableRow::new(cells).cant_split());
    }
    Ok(docx_rs::Table::new(rows)
        .set_grid(g.widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(g.widths.iter().sum(), WidthType::Dxa)
        .align(docx_rs::TableAlignmentType::Center))
}

/// Escapes text for XML element content.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `docProps/core.xml` with the report's properties (docx-rs can only set the dates).
fn core_xml(p: &Props) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        xml_escape(p.title),
        xml_escape(p.subject),
        xml_escape(p.author),
        p.created,
        p.modified
    )
}

/// The .docx bytes of a report.
fn docx_bytes(rep: &Report) -> Result<Vec<u8>, Box<dyn Error>> {
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1080)
                .right(1080),
        )
        .default_fonts(fonts(BODY_FONT))
        .default_size(32)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .align(AlignmentType::Center)
                .size(44)
                .fonts(fonts(TITLE_FONT)),
        );
    for level in 1..=2usize {
        docx = docx.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .outline_lvl(level - 1)
                .size(32)
                .fonts(fonts(if level == 1 {
                    HEADING_FONT
                } else {
                    "楷体_GB2312"
                })),
        );
    }
    for item in &rep.items {
        docx = match item {
            Item::Title(t) => docx.add_paragraph(
                docx_rs::Paragraph::new()
                    .style("Title")
                    .add_run(Run::new().add_text(*t)),
            ),
            Item::Heading(level, t) => docx.add_paragraph(
                docx_rs::Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .first_line_chars(200)
                    .add_run(Run::new().add_text(*t)),
            ),
            Item::Body {
                text,
                go_back,
                bold,
            } => {
                let mut p = docx_rs::Paragraph::new().first_line_chars(200);
                if *go_back {
                    p = p.add_bookmark_start(0, "_GoBack").add_bookmark_end(0);
                }
                let mut run = Run::new().add_text(*text);
                if *bold {
                    run = run.bold();
                }
                docx.add_paragraph(p.add_run(run))
            }
            Item::Empty => docx.add_paragraph(docx_rs::Paragraph::new()),
            Item::Table(g) => docx.add_table(docx_table(g)?),
        };
    }
    let mut xml = docx.build();
    xml.doc_props.core = core_xml(&rep.props).into_bytes();
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)?;
    Ok(out.into_inner())
}

/// The expected docgrid output, straight from the report's data.
fn expected(rep: &Report) -> Document {
    let mut doc = Document::new("docx");
    doc.source.path = format!("samples/{}.docx", rep.stem);
    let p = &rep.props;
    for (k, v) in [
        ("title", p.title),
        ("subject", p.subject),
        ("author", p.author),
        ("created", p.created),
        ("modified", p.modified),
    ] {
        doc.metadata.insert(k.to_string(), v.to_string());
    }
    let mut index = 0;
    for item in &rep.items {
        let block = match item {
            Item::Title(t) => Block::Paragraph(Paragraph {
                text: t.to_string(),
                style: Some("Title".into()),
                ..Paragraph::default()
            }),
            Item::Heading(level, t) => Block::Heading(Heading {
                level: *level,
                text: t.to_string(),
                ..Default::default()
            }),
            Item::Body { text, .. } => Block::Paragraph(Paragraph {
                text: text.to_string(),
                ..Paragraph::default()
            }),
            Item::Empty => continue,
            Item::Table(g) => {
                let mut anchors = g.anchors.clone();
                anchors.sort_by_key(|a| (a.r, a.c));
                let cells = anchors
                    .iter()
                    .map(|a| Cell {
                        row: a.r,
                        col: a.c,
                        row_span: a.rs,
                        col_span: a.cs,
                        text: a.paras.join("\n").trim().to_string(),
                        tables: Vec::new(),
                    })
                    .collect();
                index += 1;
                Block::Table(Table {
                    index: index - 1,
                    rows: g.rows,
                    cols: g.widths.len(),
                    header_rows: g.header_rows,
                    cells,
                    ..Table::default()
                })
            }
        };
        doc.blocks.push(block);
    }
    doc
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir_all(&dir)?;
    for report in [pingchuan::report()?, qinghe::report()?] {
        // docx-rs numbers paragraph ids from a thread-local counter: a fresh thread per
        // document makes each file's bytes independent of the others.
        let bytes = std::thread::scope(|s| {
            s.spawn(|| docx_bytes(&report).map_err(|e| e.to_string()))
                .join()
                .map_err(|_| "docx writer thread panicked".to_string())
        })??;
        let json = serde_json::to_string_pretty(&expected(&report))? + "\n";
        std::fs::write(dir.join(format!("{}.docx", report.stem)), bytes)?;
        std::fs::write(dir.join(format!("{}.expected.json", report.stem)), json)?;
        println!("samples/{}.docx (+ .expected.json)", report.stem);
    }
    Ok(())
}
