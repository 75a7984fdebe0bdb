//! Reading options reach the PDF reader: `--headers-footers`, `--pages`, the table limits. The
//! PDFs are written here object by object (Helvetica text, stroked rules), so every position is
//! known.

use docgrid::model::{Block, Document};
use docgrid::{convert_bytes, Options, PageSelection};

#[path = "support/pdf.rs"]
mod support;
use support::text;

fn pdf(pages: &[String]) -> Vec<u8> {
    let specs: Vec<support::PageSpec> = pages.iter().cloned().map(support::PageSpec::new).collect();
    support::pdf(&specs)
}

/// Page `n` of a report: a running head, a paragraph naming the page (its last line short, so
/// it ends on its page), a page-number footer.
fn report_page(n: u32) -> String {
    text(72, 800, 9, "Municipal Statistics Annual Report 2023")
        + &text(
            72,
            700,
            11,
            &format!("Body text of page {n} about the figures,"),
        )
        + &text(72, 686, 11, "which are set out below.")
        + &text(290, 30, 9, &format!("- {n} -"))
}

/// (text, style, page) of every paragraph.
fn paragraphs(doc: &Document) -> Vec<(String, Option<String>, Option<u32>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.text.clone(), p.style.clone(), p.page)),
            _ => None,
        })
        .collect()
}

fn body(n: u32) -> (String, Option<String>, Option<u32>) {
    let text = format!("Body text of page {n} about the figures, which are set out below.");
    (text, None, Some(n))
}

fn furniture(text: &str, style: &str, n: u32) -> (String, Option<String>, Option<u32>) {
    (text.to_string(), Some(style.to_string()), Some(n))
}

const HEAD: &str = "Municipal Statistics Annual Report 2023";

#[test]
fn running_heads_and_page_numbers_only_with_headers_footers() {
    let bytes = pdf(&[report_page(1), report_page(2), report_page(3)]);
    let plain = convert_bytes(&bytes, &Options::default()).unwrap();
    assert_eq!(paragraphs(&plain), vec![body(1), body(2), body(3)]);

    let options = Options {
        include_headers_footers: true,
        ..Options::default()
    };
    let doc = convert_bytes(&bytes, &options).unwrap();
    let mut expected = Vec::new();
    for n in 1..=3 {
        expected.push(furniture(HEAD, "header", n));
        expected.push(body(n));
        expected.push(furniture(&format!("- {n} -"), "footer", n));
    }
    assert_eq!(paragraphs(&doc), expected);
}

#[test]
fn page_selection_keeps_the_documents_page_numbers() {
    let pages: Vec<String> = (1..=5).map(report_page).collect();
    let bytes = pdf(&pages);
    let options = Options {
        pages: Some(PageSelection::parse("2,4-").unwrap()),
        include_headers_footers: true,
        ..Options::default()
    };
    let doc = convert_bytes(&bytes, &options).unwrap();
    assert_eq!(doc.source.pages, Some(5));
    let mut expected = Vec::new();
    for n in [2, 4, 5] {
        expected.push(furniture(HEAD, "header", n));
        expected.push(body(n));
        expected.push(furniture(&format!("- {n} -"), "footer", n));
    }
    assert_eq!(paragraphs(&doc), expected);
}

#[test]
fn page_selection_past_the_end_reads_nothing() {
    let bytes = pdf(&[report_page(1), report_page(2)]);
    let options = Options {
        pages: Some(PageSelection::parse("7-9").unwrap()),
        ..Options::default()
    };
    let doc = convert_bytes(&bytes, &options).unwrap();
    assert_eq!(doc.source.pages, Some(2));
    assert!(doc.blocks.is_empty(), "{:?}", doc.blocks);
}
