//! Text as a person reads it from glyphs drawn in ways other than one glyph per character:
//! fake bold drawn twice. The PDFs are written here with known positions (Helvetica).

use docgrid::model::{Block, Table};
use docgrid::{convert_bytes, Options};

#[path = "support/pdf.rs"]
mod support;

fn blocks(content: String) -> Vec<Block> {
    let bytes = support::pdf(&[support::PageSpec::new(content)]);
    convert_bytes(&bytes, &Options::default()).unwrap().blocks
}

fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.text.clone()),
            Block::Paragraph(p) => Some(p.text.clone()),
            Block::Table(_) => None,
        })
        .collect()
}

/// The same run drawn again at (x + dx, y): how most producers paint fake bold.
fn twice(x: u32, y: u32, dx: f32, size: u32, s: &str) -> String {
    format!(
        "BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\nBT /F1 {size} Tf {} {y} Td ({s}) Tj ET\n",
        x as f32 + dx
    )
}

#[test]
fn a_run_drawn_twice_reads_once_and_repeated_letters_stay() {
    let mut s = twice(72, 700, 0.6, 12, "Les Blancs");
    // Glyph by glyph doubles (WPS): each letter drawn again 0.5 pt (42 thousandths of 12 pt)
    // to the right of itself, then the pen moves on to the next letter's place.
    let widths = [('T', 611), ('o', 556), ('t', 278), ('a', 556), ('l', 222)];
    let mut tj = String::new();
    for (c, w) in widths {
        tj.push_str(&format!("({c}) {} ({c}) 42 ", w - 42));
    }
    s.push_str(&format!("BT /F1 12 Tf 72 660 Td [{tj}] TJ ET\n"));
    // Repeated letters are a whole advance apart: kept.
    s.push_str(&support::text(72, 620, 12, "Hello llama 1100 iii"));
    assert_eq!(
        texts(&blocks(s)),
        ["Les Blancs", "Total", "Hello llama 1100 iii"]
    );
}

#[test]
fn a_cell_drawn_twice_reads_once() {
    let mut s = String::from("0.8 w\n");
    for x in [72, 232, 392] {
        s.push_str(&format!("{x} 640 m {x} 720 l S\n"));
    }
    for y in [640, 680, 720] {
        s.push_str(&format!("72 {y} m 392 {y} l S\n"));
    }
    s.push_str(&twice(80, 700, 0.5, 10, "Les Blancs"));
    s.push_str(&support::text(240, 700, 10, "Total"));
    s.push_str(&support::text(80, 660, 10, "Apples"));
    s.push_str(&twice(240, 660, 0.4, 10, "1100"));
    let tables: Vec<Table> = blocks(s)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    let cells: Vec<&str> = tables[0].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, ["Les Blancs", "Total", "Apples", "1100"]);
}
