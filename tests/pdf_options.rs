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

/// The text of every block but tables.
fn block_texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            Block::Heading(h) => Some(h.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn layout_params_reach_the_pdf_layout() {
    let bytes = pdf(&[report_page(1), report_page(2), report_page(3)]);
    // No margin band: the running heads and the page numbers stay text (a page's footer and
    // the next page's head then read as one paragraph over the page break).
    let mut options = Options::default();
    options.layout.furniture_band = 0.0;
    let texts = block_texts(&convert_bytes(&bytes, &options).unwrap());
    assert_eq!(
        texts.iter().filter(|t| t.contains(HEAD)).count(),
        3,
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "- 3 -"), "{texts:?}");
    // No slack over the usual line gap, less than none: every line is its own paragraph.
    let mut options = Options::default();
    options.layout.paragraph_gap_slack = -100.0;
    let texts = block_texts(&convert_bytes(&bytes, &options).unwrap());
    assert!(
        texts
            .iter()
            .any(|t| t == "Body text of page 1 about the figures,"),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t == "which are set out below."),
        "{texts:?}"
    );
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

/// A page with a paragraph above a ruled 3×3 table (columns 100 pt, rows 24 pt).
fn table_page() -> String {
    let mut s = text(72, 760, 11, "Table 1 shows the requests received.");
    s.push_str("0.8 w\n");
    for i in 0..=3 {
        let x = 72 + 100 * i;
        s.push_str(&format!("{x} 600 m {x} 672 l S\n"));
        let y = 600 + 24 * i;
        s.push_str(&format!("72 {y} m 372 {y} l S\n"));
    }
    let rows = [
        ["Kind", "2022", "2023"],
        ["Received", "12", "15"],
        ["Answered", "11", "14"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            let y = 672 - 24 * (r as u32 + 1) + 8;
            s.push_str(&text(80 + 100 * c as u32, y, 10, t));
        }
    }
    s
}

#[test]
fn table_limits_reach_pdf_tables() {
    let bytes = pdf(&[table_page()]);
    let doc = convert_bytes(&bytes, &Options::default()).unwrap();
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!(tables.len(), 1, "{:?}", doc.blocks);
    assert_eq!((tables[0].rows, tables[0].cols), (3, 3));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    let mut options = Options::default();
    options.limits.max_table_cells = 8;
    let doc = convert_bytes(&bytes, &options).unwrap();
    assert_eq!(doc.tables().count(), 0);
    let warnings: Vec<_> = doc
        .warnings
        .iter()
        .map(|w| (w.code, w.message.as_str(), w.page))
        .collect();
    assert_eq!(
        warnings,
        vec![(
            "pdf.table_over_limit",
            "a table of 3 rows and 3 columns is read as text: page 1: limit exceeded: \
             max_table_cells over 8 (raise with --max-table-cells)",
            Some(1)
        )]
    );
    // The rest is converted: the paragraph, and the table's text as text.
    let text: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            Block::Heading(h) => Some(h.text.as_str()),
            Block::Table(_) => None,
        })
        .collect();
    assert_eq!(
        text,
        vec![
            "Table 1 shows the requests received.",
            "Kind\t2022\t2023 Received\t12\t15 Answered\t11\t14"
        ]
    );
    let all = text.join(" ");
    for word in ["Kind", "Received", "15", "Answered", "14"] {
        assert!(all.contains(word), "{word} missing from {all:?}");
    }

    options.limits = docgrid::Limits {
        max_table_cols: 2,
        ..docgrid::Limits::default()
    };
    let doc = convert_bytes(&bytes, &options).unwrap();
    assert_eq!(doc.tables().count(), 0);
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0]
        .message
        .ends_with("max_table_cols over 2 (raise with --max-table-cols)"));
}
