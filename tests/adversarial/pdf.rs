//! The PDF half: hand-made attacks built in memory (the same kinds as scripts/adversarial_pdf.py,
//! smaller), then truncations and byte flips of a real report PDF. Everything must end in time
//! without a panic; the bounded attacks must stop at the named bound of `PageLimits`.

use super::{run, within};
use docgrid::pdf::engine::{load_bounded, LoadError, PageLimits};
use docgrid::Limits;

use super::support::{from_objects as pdf, stream};

const HELLO: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET 72 700 m 300 700 l S";
const FONT: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/// Catalog 1, Pages 2, one Page 3, font 4, `content` as object 5, `extra` from 6 on.
fn page_doc(content: Vec<u8>, resources: &str, extra: Vec<Vec<u8>>, page_extra: &str) -> Vec<u8> {
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> \
             {resources} >> /Contents 5 0 R {page_extra} >>"
        )
        .into_bytes(),
        FONT.as_bytes().to_vec(),
        content,
    ];
    objs.extend(extra);
    pdf(&objs)
}

fn simple(content: &[u8]) -> Vec<u8> {
    page_doc(stream("", content), "", vec![], "")
}

/// Raw deflate (one fixed-Huffman block, RFC 1951 3.2.6) of a space followed by `matches`
/// copies of "258 bytes at distance 1": 1 + 258 × matches spaces from 13 bits per match.
fn deflate_bomb(matches: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u32, 0u32);
    let mut put = |bits: u32, count: u32, msb_first: bool| {
        for i in 0..count {
            let bit = if msb_first {
                bits >> (count - 1 - i) & 1
            } else {
                bits >> i & 1
            };
            acc |= bit << n;
            n += 1;
            if n == 8 {
                out.push(acc as u8);
                acc = 0;
                n = 0;
            }
        }
    };
    put(1, 1, false); // BFINAL
    put(1, 2, false); // BTYPE 01: fixed codes
    put(0x30 + 0x20, 8, true); // literal ' ' (0x20): codes 0-143 are 0x30 + value, 8 bits
    for _ in 0..matches {
        put(0b1100_0101, 8, true); // length symbol 285 = 258 bytes, 8-bit code 11000000 + 5
        put(0, 5, true); // distance symbol 0 = 1
    }
    put(0, 7, true); // end of block, symbol 256
    put(0, 7, false); // flush
    out
}

fn limits(f: impl FnOnce(&mut PageLimits)) -> PageLimits {
    let mut l = PageLimits::default();
    f(&mut l);
    l
}

/// `load_bounded` on its own thread, under the time bound, with panics caught.
fn load(name: &str, bytes: Vec<u8>, limits: PageLimits) -> Result<usize, LoadError> {
    within(name, move || {
        load_bounded(&bytes, "", limits, None).map(|p| p.len())
    })
}

fn stopped_at(name: &str, r: Result<usize, LoadError>) -> (usize, &'static str, u64) {
    match r {
        Err(LoadError::Limit { page, what, limit }) => (page, what, limit),
        other => panic!("{name}: expected a limit, got {other:?}"),
    }
}

const MIB: u64 = 1 << 20;

#[test]
fn plain_page_reads_its_text() {
    let pages = load_bounded(&simple(HELLO), "", PageLimits::default(), None).unwrap();
    let text: String = pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "Hello");
    assert_eq!(pages.len(), 1);
}

#[test]
fn deflate_bombs_stop_at_the_stream_bound() {
    let small = limits(|l| l.max_stream_bytes = MIB);
    let bomb = deflate_bomb(20_000); // 5.2 MB of spaces from 32 KB
    let content = stream("/Filter /FlateDecode", &bomb);
    let r = load("content", page_doc(content, "", vec![], ""), small);
    assert_eq!(stopped_at("content", r), (0, "max_pdf_stream_bytes", MIB));
    // Hex-wrapped: invisible to the raw scan, caught through the parser.
    let hex: String = bomb.iter().map(|b| format!("{b:02X}")).collect::<String>() + ">";
    let chained = stream("/Filter [/AHx /Fl]", hex.as_bytes());
    let r = load("chain", page_doc(chained, "", vec![], ""), small);
    assert_eq!(stopped_at("chain", r), (0, "max_pdf_stream_bytes", MIB));
    // In an image it is never decoded, so it is no reason to refuse the file.
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 5000 /Height 1000 /ColorSpace /DeviceGray \
         /BitsPerComponent 8 /Filter /FlateDecode",
        &bomb,
    );
    let doc = page_doc(
        stream("", b"/Im Do"),
        "/XObject << /Im 6 0 R >>",
        vec![image],
        "",
    );
    assert_eq!(load("image", doc, small), Ok(1));
}

/// The raw scan reads a stream up to the first `endstream`; a `/Length` reaching past one inside
/// the data must not let the rest pass as measured (the parser's count is taken then).
#[test]
fn endstream_inside_the_data_hides_nothing() {
    let small = limits(|l| l.max_stream_bytes = MIB);
    // A stored block of 2,000 bytes ending in "endstream" (long enough for the scan to count
    // it), then the bomb as the next block.
    let mut payload = vec![b' '; 2_000 - 10];
    payload.extend_from_slice(b"\nendstream");
    let len = payload.len() as u16;
    let mut data = vec![0u8];
    data.extend_from_slice(&len.to_le_bytes());
    data.extend_from_slice(&(!len).to_le_bytes());
    data.extend_from_slice(&payload);
    data.extend_from_slice(&deflate_bomb(20_000));
    let hidden = stream("/Filter /FlateDecode", &data);
    let doc = page_doc(stream("", HELLO), "", vec![hidden], "");
    let r = load("hidden", doc, small);
    assert_eq!(stopped_at("hidden", r), (0, "max_pdf_stream_bytes", MIB));
}

#[test]
fn a_stream_repeated_in_contents_counts_every_time() {
    // 8,257 bytes each, listed 300 times: 2.4 MB joined, over a 1 MiB bound; each alone is fine.
    let refs = vec!["5 0 R"; 300].join(" ");
    let doc = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [{refs}] >>")
            .into_bytes(),
        FONT.as_bytes().to_vec(),
        stream("/Filter /FlateDecode", &deflate_bomb(32)),
    ]);
    let r = load("contents", doc, limits(|l| l.max_stream_bytes = MIB));
    assert_eq!(stopped_at("contents", r), (1, "max_pdf_stream_bytes", MIB));
}

/// `n` pages sharing one content stream.
fn pages_showing(n: usize, content: &[u8]) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        stream("", content),
        FONT.as_bytes().to_vec(),
    ];
    let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>";
    objs.extend((0..n).map(|_| page.as_bytes().to_vec()));
    pdf(&objs)
}

#[test]
fn glyphs_and_segments_of_the_whole_document_are_bounded() {
    // 100 glyphs a page, 1,000 for the document: ten pages fit exactly, the 11th does not.
    let text = format!("BT /F1 10 Tf 20 700 Td ({}) Tj ET", "A".repeat(100));
    let l = limits(|l| l.max_glyphs = 1_000);
    assert_eq!(load("10", pages_showing(10, text.as_bytes()), l), Ok(10));
    let r = load("20", pages_showing(20, text.as_bytes()), l);
    assert_eq!(stopped_at("glyphs", r), (11, "max_pdf_glyphs", 1_000));
    // 50 stroked lines a page, 400 for the document: the 9th page passes it.
    let lines = "0 0 m 100 100 l S ".repeat(50);
    let l = limits(|l| l.max_segments = 400);
    let r = load("lines", pages_showing(20, lines.as_bytes()), l);
    assert_eq!(stopped_at("segments", r), (9, "max_pdf_segments", 400));
}

#[test]
fn long_paths_stop_before_the_engine_builds_them() {
    let long = [b"0 0 m ".as_slice(), &b"1 1 l ".repeat(2_000), b"S"].concat();
    let bound = limits(|l| l.max_path_elements = 1_000);
    let r = load("page", simple(&long), bound);
    assert_eq!(stopped_at("page", r), (1, "max_pdf_path_elements", 1_000));
    // The same path in a form XObject is found while the objects are checked.
    let form = stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800]", &long);
    let doc = page_doc(
        stream("", b"/X Do"),
        "/XObject << /X 6 0 R >>",
        vec![form],
        "",
    );
    assert_eq!(
        stopped_at("form", load("form", doc, bound)),
        (0, "max_pdf_path_elements", 1_000)
    );
    // Painted every 500 elements, the same operators are fine.
    let painted = [b"0 0 m ".as_slice(), &b"1 1 l ".repeat(499), b"S "]
        .concat()
        .repeat(4);
    assert_eq!(load("painted", simple(&painted), bound), Ok(1));
}

/// Form k draws form k+1 twice, 40 levels: 2^40 draws without a bound.
fn form_dag() -> Vec<u8> {
    let forms = (0..40)
        .map(|k| {
            let body: &[u8] = if k < 39 { b"/N Do /N Do" } else { b"0 0 m 1 1 l S" };
            stream(
                &format!(
                    "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /N {} 0 R >> >>",
                    7 + k
                ),
                body,
            )
        })
        .collect();
    page_doc(stream("", b"/X Do"), "/XObject << /X 6 0 R >>", forms, "")
}

#[test]
fn form_dag_stops_at_draw_ops() {
    let r = load(
        "dag",
        form_dag(),
        limits(|l| l.max_draw_ops_per_page = 10_000),
    );
    assert_eq!(stopped_at("dag", r), (1, "max_pdf_draw_ops", 10_000));
}

#[test]
fn wall_time_bound_stops_what_counts_do_not() {
    let l = limits(|l| {
        l.max_draw_ops_per_page = u64::MAX;
        l.max_seconds = 1;
    });
    let start = std::time::Instant::now();
    let r = load("dag", form_dag(), l);
    assert_eq!(stopped_at("dag", r), (1, "max_pdf_seconds", 1));
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
}

#[test]
fn page_count_bound_is_an_error() {
    let many = |n: usize| {
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + i)).collect();
        let mut objs = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
            stream("", HELLO),
            FONT.as_bytes().to_vec(),
        ];
        let page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                    /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>";
        objs.extend((0..n).map(|_| page.as_bytes().to_vec()));
        pdf(&objs)
    };
    let ten = limits(|l| l.max_pages = 10);
    assert_eq!(load("10", many(10), ten), Ok(10));
    assert_eq!(
        stopped_at("12", load("12", many(12), ten)),
        (0, "max_pdf_pages", 10)
    );
}

#[test]
fn page_limits_follow_the_library_limits() {
    let l = PageLimits::from_limits(&Limits {
        max_pdf_pages: 3,
        max_pdf_stream_bytes: 4,
        max_pdf_draw_ops: 5,
        max_pdf_seconds: 6,
        ..Limits::default()
    });
    let got = (
        l.max_pages,
        l.max_stream_bytes,
        l.max_draw_ops_per_page,
        l.max_seconds,
    );
    assert_eq!(got, (3, 4, 5, 6));
}

/// Structural attacks through the whole converter: each ends, in time, without a panic.
#[test]
fn structural_attacks_end_cleanly() {
    let body = simple(HELLO);
    let xref_at = 1 + body.windows(6).position(|w| w == b"\nxref\n").unwrap();
    let text = String::from_utf8_lossy(&body).into_owned();
    let length = format!("/Length {}", HELLO.len());
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("xref-prev-self", text.replace("/Root 1 0 R", &format!("/Root 1 0 R /Prev {xref_at}")).into_bytes()),
        ("startxref-past-end", text.replace(&format!("startxref\n{xref_at}"), "startxref\n99999999").into_bytes()),
        ("length-huge", text.replace(&length, "/Length 2147483647").into_bytes()),
        ("length-negative", text.replace(&length, "/Length -5").into_bytes()),
        ("length-missing-ref", text.replace(&length, "/Length 99 0 R").into_bytes()),
        ("pages-self-kid", text.replace("/Kids [3 0 R]", "/Kids [2 0 R 3 0 R 2 0 R]").into_bytes()),
        ("q-unbalanced", simple(&b"q ".repeat(100_000))),
        ("deep-array", simple(&[b"[".repeat(100_000), b"]".repeat(100_000), b" 0 d".to_vec()].concat())),
        ("huge-numbers", simple(b"1e308 0 0 1e308 1e308 1e308 cm 0 0 m 1 1 l S BT /F1 1e38 Tf 3.4e38 0 Td (x) Tj ET")),
        ("inline-image-huge", simple(b"BI /W 100000 /H 100000 /CS /RGB /BPC 8 ID \x00\x00\x00 EI")),
    ];
    let form = |body: &[u8]| {
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /XObject << /X 6 0 R /Y 7 0 R >> >>",
            body,
        )
    };
    let res = "/XObject << /X 6 0 R /Y 7 0 R >>";
    cases.push((
        "form-self",
        page_doc(
            stream("", b"/X Do"),
            res,
            vec![form(b"/X Do"), form(b"")],
            "",
        ),
    ));
    cases.push((
        "form-mutual",
        page_doc(
            stream("", b"/X Do"),
            res,
            vec![form(b"/Y Do"), form(b"/X Do")],
            "",
        ),
    ));
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1000000 /Height 1000000 /ColorSpace /DeviceRGB /BitsPerComponent 8",
        b"\x00\x00\x00",
    );
    cases.push((
        "image-1e12",
        page_doc(
            stream("", b"500 0 0 500 0 0 cm /X Do"),
            res,
            vec![image],
            "",
        ),
    ));
    let pages_cycle = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
    ];
    cases.push(("pages-cycle", pdf(&pages_cycle)));
    for (name, bytes) in cases {
        assert!(bytes != body, "{name}: the attack was not applied");
        let _ = run(name, bytes, Limits::default());
    }
}

fn report_pdf() -> Option<Vec<u8>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/reports/v2021_ok.pdf"
    );
    let bytes = std::fs::read(path).ok();
    if bytes.is_none() {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED: ../shared/corpus not found");
    }
    bytes
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn pdf_truncations_never_panic() {
    let Some(bytes) = report_pdf() else { return };
    for cut in (0..bytes.len()).step_by(1024) {
        let _ = run(
            &format!("pdf cut {cut}"),
            bytes[..cut].to_vec(),
            Limits::default(),
        );
    }
}

#[test]
#[cfg_attr(no_corpus, ignore = "needs ../shared/corpus (see README)")]
fn pdf_byte_flips_never_panic() {
    let Some(bytes) = report_pdf() else { return };
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..150 {
        let mut mutated = bytes.clone();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % mutated.len() as u64) as usize;
            mutated[at] ^= (state >> 32) as u8 | 1;
        }
        let _ = run(&format!("pdf flip {i}"), mutated, Limits::default());
    }
}

#[test]
fn cli_pdf_overrides_reach_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three.pdf");
    std::fs::write(&path, pages_showing(3, HELLO)).unwrap();
    // Each page shows "Hello" (5 glyphs, one draw) and strokes one line (2 path elements).
    let cases = [
        (
            "--max-pdf-pages",
            "2",
            "document: limit exceeded: max_pdf_pages over 2",
        ),
        (
            "--max-pdf-draw-ops",
            "1",
            "page 1: limit exceeded: max_pdf_draw_ops over 1",
        ),
        (
            "--max-pdf-glyphs",
            "12",
            "page 3: limit exceeded: max_pdf_glyphs over 12",
        ),
        (
            "--max-pdf-segments",
            "2",
            "page 3: limit exceeded: max_pdf_segments over 2",
        ),
        (
            "--max-pdf-path-elements",
            "1",
            "page 1: limit exceeded: max_pdf_path_elements over 1",
        ),
        (
            "--max-pdf-stream-bytes",
            "10",
            "limit exceeded: max_pdf_stream_bytes over 10",
        ),
    ];
    for (option, value, expected) in cases {
        let out = assert_cmd::Command::cargo_bin("docgrid")
            .unwrap()
            .args(["convert", path.to_str().unwrap(), option, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{option}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{option}: {stderr}");
        assert!(stderr.contains(expected), "{option}: {stderr}");
        let raise = format!("(raise with {option})");
        assert!(stderr.trim_end().ends_with(&raise), "{option}: {stderr}");
    }
}
