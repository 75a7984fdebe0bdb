//! Reading options reach the PDF reader: `--headers-footers`, `--pages`, the table limits. The
//! PDFs are written here object by object (Helvetica text, stroked rules), so every position is
//! known.

use docgrid::model::{Block, Document};
use docgrid::{convert_bytes, Options, PageSelection};

/// A PDF with one page per content stream (A4, Helvetica as /F1), exact xref table.
fn pdf(pages: &[String]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        s.extend_from_slice(content.as_bytes());
        s.extend_from_slice(b"\nendstream");
        objs.push(s);
    }
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

fn text(x: u32, y: u32, size: u32, s: &str) -> String {
    format!("BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\n")
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
