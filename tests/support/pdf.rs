//! A PDF writer for tests: pages written object by object (Helvetica as /F1, Helvetica-Oblique
//! as /F2, a 2×2 grey image as /Im1), exact xref table, so every position is known.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

/// One page: its content stream and extra entries of its page dictionary (`/Rotate 90`).
pub struct PageSpec {
    pub content: String,
    pub extra: String,
}

impl PageSpec {
    pub fn new(content: String) -> PageSpec {
        PageSpec {
            content,
            extra: String::new(),
        }
    }
}

/// Objects: 1 catalog, 2 pages, 3 /F1, 4 /F2, 5 /Im1, then a page and its content per page.
pub fn pdf(pages: &[PageSpec]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>"
            .to_vec(),
        stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray \
             /BitsPerComponent 8",
            &[0, 255, 255, 0],
        ),
    ];
    for (i, page) in pages.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Im1 5 0 R >> >> \
                 /Contents {} 0 R {} >>",
                7 + 2 * i,
                page.extra
            )
            .into_bytes(),
        );
        objs.push(stream("", page.content.as_bytes()));
    }
    from_objects(&objs)
}

/// Objects 1..n, the first the catalog, with an exact xref table.
pub fn from_objects(objs: &[Vec<u8>]) -> Vec<u8> {
    from_objects_with_trailer(objs, "")
}

/// [`from_objects`] with extra trailer entries (`/Info 9 0 R`).
pub fn from_objects_with_trailer(objs: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
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
        "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    out.extend_from_slice(trailer.as_bytes());
    out
}

/// A stream object with its `/Length`.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} {dict} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// Text in /F1 at (x, y), PDF coordinates (origin bottom left).
pub fn text(x: u32, y: u32, size: u32, s: &str) -> String {
    format!("BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\n")
}

/// The tables docgrid reads from one page with this content stream.
pub fn page_tables(content: String) -> Vec<docgrid::model::Table> {
    let bytes = pdf(&[PageSpec::new(content)]);
    let doc = docgrid::convert_bytes(&bytes, &docgrid::Options::default()).unwrap();
    doc.tables().cloned().collect()
}

/// Row by row, the text of each cell starting there (covered positions empty).
pub fn grid(t: &docgrid::model::Table) -> Vec<Vec<String>> {
    let mut g = vec![vec![String::new(); t.cols]; t.rows];
    for c in &t.cells {
        g[c.row][c.col] = c.text.clone();
    }
    g
}
