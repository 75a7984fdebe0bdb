//! PDF layout on synthetic pages, where the expected blocks follow from how the page is built:
//! page furniture, paragraphs over page breaks, two columns, sideways pages, warnings.

use docgrid::model::Block;
use docgrid::pdf::engine::{Glyph, Page};

/// One line of CJK glyphs, one em wide each, starting at `x` on `baseline`.
fn cjk_line(text: &str, x: f32, baseline: f32, size: f32) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let x0 = x + i as f32 * size;
            Glyph {
                text: c.to_string(),
                bbox: (
                    x0,
                    baseline - 0.88 * size,
                    x0 + size,
                    baseline + 0.12 * size,
                ),
                size,
                baseline,
                font: None,
                bold: false,
                origin: (x0, baseline),
                quarter: 0,
                ..Glyph::default()
            }
        })
        .collect()
}

fn page(lines: Vec<Vec<Glyph>>) -> Page {
    Page {
        width: 595.0,
        height: 842.0,
        glyphs: lines.into_iter().flatten().collect(),
        ..Page::default()
    }
}

fn texts(doc: &docgrid::Document) -> Vec<(String, String)> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => (format!("h{}", h.level), h.text.clone()),
            Block::Paragraph(p) => ("p".into(), p.text.clone()),
            Block::Table(_) => ("table".into(), String::new()),
        })
        .collect()
}

#[test]
fn furniture_out_and_paragraph_joined_over_page_break() {
    // Body 12 pt from x 90 to 510 (35 characters); a running header and `- N -` / `第N页`
    // footers on each page; the paragraph of page 1 runs on into page 2 without an indent.
    let full = "甲".repeat(35);
    let mut pages = Vec::new();
    for n in 1..=3 {
        let mut ls = vec![
            cjk_line("某市人民政府办公室", 200.0, 50.0, 10.0),
            cjk_line(&format!("- {n} -"), 280.0, 800.0, 10.0),
        ];
        match n {
            1 => {
                ls.push(cjk_line("一、总体情况", 90.0, 120.0, 12.0));
                ls.push(cjk_line(&"乙".repeat(33), 114.0, 150.0, 12.0));
                for k in 0..3 {
                    ls.push(cjk_line(&full, 90.0, 170.0 + 20.0 * k as f32, 12.0));
                }
            }
            2 => {
                ls.push(cjk_line(&full, 90.0, 120.0, 12.0));
                ls.push(cjk_line("丙丙丙。", 90.0, 140.0, 12.0));
                ls.push(cjk_line(&"丁".repeat(33), 114.0, 160.0, 12.0));
                ls.push(cjk_line("丁丁。", 90.0, 180.0, 12.0));
            }
            _ => {
                ls.push(cjk_line(&format!("第{n}页"), 90.0, 810.0, 10.0));
                ls.push(cjk_line("（一）主动公开", 90.0, 120.0, 12.0));
                ls.push(cjk_line(&"戊".repeat(33), 114.0, 150.0, 12.0));
            }
        }
        pages.push(page(ls));
    }
    let doc = docgrid::fixed::assemble(&pages, &docgrid::Options::default());
    let first = format!("{}{}{}丙丙丙。", "乙".repeat(33), full.repeat(3), full);
    assert_eq!(
        texts(&doc),
        vec![
            ("h1".to_string(), "一、总体情况".to_string()),
            ("p".into(), first),
            ("p".into(), format!("{}丁丁。", "丁".repeat(33))),
            ("h2".into(), "（一）主动公开".into()),
            ("p".into(), "戊".repeat(33)),
        ]
    );
    let pages_of: Vec<Option<u32>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => h.page,
            Block::Paragraph(p) => p.page,
            Block::Table(t) => t.page,
        })
        .collect();
    assert_eq!(pages_of, vec![Some(1), Some(1), Some(2), Some(3), Some(3)]);
    assert_eq!(doc.source.pages, Some(3));
}

#[test]
fn two_columns_read_column_by_column() {
    // A full-width title, then two 12-character columns (x 60–204 and 320–464) of 10 lines.
    let mut ls = vec![cjk_line("标题", 270.0, 80.0, 18.0)];
    for k in 0..10 {
        let y = 130.0 + 18.0 * k as f32;
        let (l, r) = if k == 9 {
            ("左左。", "右右。")
        } else {
            (
                "左".repeat(12).leak() as &str,
                "右".repeat(12).leak() as &str,
            )
        };
        ls.push(cjk_line(l, 60.0, y, 12.0));
        ls.push(cjk_line(r, 320.0, y, 12.0));
    }
    let doc = docgrid::fixed::assemble(&[page(ls)], &docgrid::Options::default());
    let left = format!("{}左左。", "左".repeat(12 * 9));
    let right = format!("{}右右。", "右".repeat(12 * 9));
    assert_eq!(
        texts(&doc),
        vec![
            ("h1".to_string(), "标题".to_string()),
            ("p".into(), left),
            ("p".into(), right)
        ]
    );
}

#[test]
fn sideways_page_is_turned_upright() {
    // A line whose glyphs run down the page (a quarter turn clockwise), as on a landscape
    // table printed on a portrait page: read as one upright line.
    let glyphs = "横排文字"
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let y0 = 100.0 + 12.0 * i as f32;
            Glyph {
                text: c.to_string(),
                bbox: (300.0, y0, 312.0, y0 + 12.0),
                size: 12.0,
                baseline: y0,
                font: None,
                bold: false,
                origin: (301.5, y0),
                quarter: 1,
                ..Glyph::default()
            }
        })
        .collect();
    let p = Page {
        width: 595.0,
        height: 842.0,
        glyphs,
        ..Page::default()
    };
    let doc = docgrid::fixed::assemble(&[p], &docgrid::Options::default());
    assert_eq!(texts(&doc), vec![("p".to_string(), "横排文字".to_string())]);
}

#[test]
fn warnings_for_scanned_pages_and_unmapped_glyphs_not_for_blank_pages() {
    let mut bad = cjk_line("甲乙", 90.0, 100.0, 12.0);
    bad[1].text = "\u{FFFD}".into();
    let scan = Page {
        images: vec![docgrid::fixed::ImageBox {
            bbox: (0.0, 0.0, 595.0, 842.0),
            pixels: (2480, 3508),
        }],
        ..page(vec![])
    };
    let blank = page(vec![]);
    let doc = docgrid::fixed::assemble(
        &[page(vec![bad]), scan, blank],
        &docgrid::Options::default(),
    );
    let w: Vec<(&str, Option<u32>)> = doc.warnings.iter().map(|w| (w.code, w.page)).collect();
    assert_eq!(
        w,
        vec![
            ("pdf.unmapped_glyphs", Some(1)),
            ("pdf.no_text_layer", Some(2))
        ]
    );
}

/// One line of glyphs turned a quarter (`quarter` 3: running up the page, the glyphs' tops to
/// the left, as Excel and Word rotate header text; 1: running down, tops to the right), the
/// first glyph's origin at (`ox`, `oy`), each glyph `advance` long.
fn sideways(text: &str, (ox, oy): (f32, f32), size: f32, advance: f32, quarter: u8) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let step = advance * i as f32;
            let (origin, bbox) = if quarter == 3 {
                let y = oy - step;
                (
                    (ox, y),
                    (ox - 0.88 * size, y - advance, ox + 0.12 * size, y),
                )
            } else {
                let y = oy + step;
                (
                    (ox, y),
                    (ox - 0.12 * size, y, ox + 0.88 * size, y + advance),
                )
            };
            Glyph {
                text: c.to_string(),
                bbox,
                size,
                baseline: origin.1,
                font: None,
                bold: false,
                origin,
                quarter,
                ..Glyph::default()
            }
        })
        .collect()
}

/// A stroked segment from `a` to `b`.
fn rule(a: (f32, f32), b: (f32, f32)) -> docgrid::pdf::engine::Segment {
    docgrid::pdf::engine::Segment {
        from: a,
        to: b,
        width: 0.5,
        paint: docgrid::pdf::engine::SegmentPaint::Stroke,
        lightness: 0.0,
        dashed: false,
    }
}

#[test]
fn sideways_header_text_reads_as_lines_and_cuts_no_rows() {
    // A ruled 2 × 2 table (x 100 | 160 | 220, y 100 | 200 | 230): the first header cell holds
    // two lines running up the page ("Total" left of "(tonnes)"), the second one CJK line running
    // down; the body row is upright. The header is one row, whatever the glyphs' baselines.
    // Most of the page's text (a paragraph above) is upright, so the page itself is not turned.
    let note = "本表按年度统计各类申请的数量和办理结果情况";
    let mut glyphs = cjk_line(note, 60.0, 60.0, 10.0);
    glyphs.extend(sideways("Total", (125.0, 190.0), 10.0, 6.0, 3));
    glyphs.extend(sideways("(tonnes)", (137.0, 190.0), 10.0, 6.0, 3));
    glyphs.extend(sideways("本年度", (185.0, 110.0), 10.0, 10.0, 1));
    glyphs.extend(cjk_line("1", 125.0, 220.0, 10.0));
    glyphs.extend(cjk_line("2", 185.0, 220.0, 10.0));
    let mut segments = Vec::new();
    for y in [100.0, 200.0, 230.0] {
        segments.push(rule((100.0, y), (220.0, y)));
    }
    for x in [100.0, 160.0, 220.0] {
        segments.push(rule((x, 100.0), (x, 230.0)));
    }
    let p = Page {
        width: 595.0,
        height: 842.0,
        glyphs,
        segments,
        ..Page::default()
    };
    let doc = docgrid::fixed::assemble(&[p], &docgrid::Options::default());
    let tables: Vec<&docgrid::model::Table> = doc.tables().collect();
    assert_eq!(tables.len(), 1, "{:?}", texts(&doc));
    let t = tables[0];
    let grid: Vec<Vec<&str>> = (0..t.rows)
        .map(|r| {
            (0..t.cols)
                .map(|c| {
                    t.cells
                        .iter()
                        .find(|x| x.row == r && x.col == c)
                        .map_or("", |x| x.text.as_str())
                })
                .collect()
        })
        .collect();
    assert_eq!(
        grid,
        vec![vec!["Total\n(tonnes)", "本年度"], vec!["1", "2"]]
    );
    assert!(t.cells.iter().all(|c| c.row_span == 1 && c.col_span == 1));
    // Sideways glyphs in a table are the table's, not paragraphs.
    assert_eq!(
        texts(&doc),
        vec![
            ("p".to_string(), note.to_string()),
            ("table".to_string(), String::new())
        ]
    );
}

#[test]
fn sideways_margin_text_is_a_paragraph_of_its_own() {
    // Page 1: a 35-character body line and one running on into page 2 (full width, no
    // indent there); an arXiv-style stamp runs up the left margin of page 1. The stamp is read
    // in its own direction and is a paragraph of its own; the body paragraph still joins over
    // the page break.
    let full = "甲".repeat(35);
    let mut p1 = cjk_line(&full, 90.0, 100.0, 12.0);
    p1.extend(cjk_line(&full, 90.0, 118.0, 12.0));
    p1.extend(sideways("arXiv:2401.00001v1", (40.0, 600.0), 10.0, 6.0, 3));
    let p2 = cjk_line("乙乙。", 90.0, 100.0, 12.0);
    let doc = docgrid::fixed::assemble(
        &[page(vec![p1]), page(vec![p2])],
        &docgrid::Options::default(),
    );
    assert_eq!(
        texts(&doc),
        vec![
            ("p".to_string(), format!("{full}{full}乙乙。")),
            ("p".to_string(), "arXiv:2401.00001v1".to_string()),
        ]
    );
}
