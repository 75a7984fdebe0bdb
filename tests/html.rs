//! The HTML reader: grids, text, encodings, what is left out, metadata, MHTML, and the three
//! fixture shapes (scripts/make_html_fixtures.py) read the same as the DOCX LibreOffice made of
//! each. Expected values are written from the fixture content by hand.

use docgrid::model::{Block, Document, Heading, ListItem, Paragraph, Table};
use docgrid::report::{build, Report, Templates};
use docgrid::table::check_partition;
use docgrid::{convert_bytes, Options};
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    std::fs::read(path.join(name)).unwrap()
}

fn read(html: &str) -> Document {
    convert_bytes(html.as_bytes(), &Options::default()).unwrap()
}

fn tables(doc: &Document) -> Vec<&Table> {
    let t: Vec<&Table> = doc.tables().collect();
    for table in &t {
        check_partition(table).unwrap();
    }
    t
}

fn grid(t: &Table) -> Vec<(usize, usize, usize, usize, &str)> {
    t.cells.iter().map(|c| c.shape()).collect()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Heading(h) => format!("h{}:{}", h.level, h.text),
            Block::Paragraph(p) => match &p.list {
                Some(l) => format!(
                    "li{}{}:{}",
                    l.level,
                    l.marker.clone().unwrap_or_default(),
                    p.text
                ),
                None => format!("p:{}", p.text),
            },
            Block::Table(t) => format!("table {}x{}", t.rows, t.cols),
        })
        .collect()
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.warnings.iter().map(|w| w.code).collect()
}

#[test]
fn headings_lists_breaks_and_white_space() {
    let doc = read(
        "<!DOCTYPE html><body><h2> 一、总体情况 </h2><p>a \n  b<br>\n c&nbsp;&nbsp;d</p>\
         <ul><li>one</li><li>two<ol start=3><li>x</li><li>y</li></ol></li></ul>\
         <pre>  keep   this\n  line</pre><div>div text<blockquote>quoted</blockquote></div>",
    );
    assert_eq!(doc.source.format, "html");
    assert_eq!(
        texts(&doc),
        [
            "h2:一、总体情况",
            "p:a b\nc\u{a0}\u{a0}d",
            "li0•:one",
            "li0•:two",
            "li13.:x",
            "li14.:y",
            "p:keep   this\n  line",
            "p:div text",
            "p:quoted",
        ]
    );
}

#[test]
fn spans_as_browsers_read_them() {
    // rowspan=0 reaches the end of its row group (tbody), junk colspan is 1, "2px" is 2,
    // a rowspan past the group's end stops there.
    let doc = read(
        "<table><tbody><tr><td rowspan=0>a</td><td colspan=x>b</td><td>c</td></tr>\
         <tr><td colspan=\"2px\">d</td></tr><tr><td>e</td><td rowspan=9>f</td></tr></tbody>\
         <tbody><tr><td>g</td><td>h</td><td>i</td></tr></tbody></table>",
    );
    let t = tables(&doc);
    assert_eq!(
        (t[0].rows, t[0].cols, t[0].header_rows),
        (4, 3, 3),
        "header inferred from the row-0 span, as for DOCX"
    );
    assert_eq!(
        grid(t[0]),
        [
            (0, 0, 3, 1, "a"),
            (0, 1, 1, 1, "b"),
            (0, 2, 1, 1, "c"),
            (1, 1, 1, 2, "d"),
            (2, 1, 1, 1, "e"),
            (2, 2, 1, 1, "f"),
            (3, 0, 1, 1, "g"),
            (3, 1, 1, 1, "h"),
            (3, 2, 1, 1, "i"),
        ]
    );
    assert!(codes(&doc).is_empty(), "{:?}", doc.warnings);
}

#[test]
fn thead_rows_are_header_rows_and_holes_are_warned() {
    let doc = read(
        "<table><caption>表一 说明</caption><thead><tr><th>A</th><th>B</th></tr>\
         <tr><th colspan=2>C</th></tr></thead><tr><td>1</td></tr></table>",
    );
    assert_eq!(texts(&doc), ["p:表一 说明", "table 3x2"]);
    let t = tables(&doc);
    assert_eq!(t[0].header_rows, 2);
    assert_eq!(
        grid(t[0]),
        [
            (0, 0, 1, 1, "A"),
            (0, 1, 1, 1, "B"),
            (1, 0, 1, 2, "C"),
            (2, 0, 1, 1, "1"),
            (2, 1, 1, 1, ""),
        ]
    );
    assert_eq!(codes(&doc), ["table.hole"]);
}

#[test]
fn nested_tables_and_multi_paragraph_cells() {
    let doc = read(
        "<table><tr><td><p>first</p><p>second</p></td><td>outer<table><tr><td>in1</td>\
         <td>in2</td></tr></table></td></tr></table><table><tr><td>next</td></tr></table>",
    );
    let t = tables(&doc);
    assert_eq!(t.len(), 2);
    assert_eq!((t[0].index, t[1].index), (0, 1));
    assert_eq!(
        grid(t[0]),
        [
            (0, 0, 1, 1, "first\nsecond"),
            (0, 1, 1, 1, "outer\nin1\nin2")
        ]
    );
    let inner = &t[0].cells[1].tables;
    assert_eq!(inner.len(), 1);
    assert_eq!(grid(&inner[0]), [(0, 0, 1, 1, "in1"), (0, 1, 1, 1, "in2")]);
}

#[test]
fn hidden_script_and_nav_are_left_out_and_counted() {
    let page = "<html><head><title>t</title><style>p{}</style></head><body>\
        <nav>首页 导航</nav><script>var x = 1;</script><noscript>请启用</noscript>\
        <p hidden>隐藏</p><p style='DISPLAY : none'>不见</p><span style='mso-hide:all'>藏</span>\
        <!-- 注释 --><p>正文</p></body></html>";
    let doc = read(page);
    assert_eq!(texts(&doc), ["p:正文"]);
    let left: Vec<&str> = doc
        .warnings
        .iter()
        .filter(|w| w.code == "html.content_left_out")
        .map(|w| w.message.as_str())
        .collect();
    // 首页导航 4 + 隐藏 2 + 不见 2 + 藏 1 characters.
    assert_eq!(left.len(), 1);
    assert!(
        left[0].starts_with("9 characters of text in 1 element(s) left out"),
        "{}",
        left[0]
    );
    let all = Options {
        html_all: true,
        ..Options::default()
    };
    let doc = convert_bytes(page.as_bytes(), &all).unwrap();
    assert_eq!(texts(&doc), ["p:首页 导航", "p:正文"]);
}

#[test]
fn main_content_drops_page_furniture_but_never_a_table() {
    let page = "<body><header>站点名称</header><main><h1>报告</h1><p>这是很长的正文内容，比页眉页脚长得多。</p></main>\
        <footer>版权</footer></body>";
    assert_eq!(
        texts(&read(page)),
        ["h1:报告", "p:这是很长的正文内容，比页眉页脚长得多。"]
    );
    let with_table_outside = "<body><main><p>这是很长的正文内容，比页眉页脚长得多。</p></main>\
        <aside><table><tr><td>1</td></tr></table></aside></body>";
    assert_eq!(
        texts(&read(with_table_outside)),
        ["p:这是很长的正文内容，比页眉页脚长得多。", "table 1x1"]
    );
}

#[test]
fn malformed_markup_recovers_as_browsers_do() {
    let doc = read("<table><tr><td>a<td>b<tr><td>c</table><p>after<b>bold</p>");
    assert_eq!(
        grid(tables(&doc)[0]),
        [
            (0, 0, 1, 1, "a"),
            (0, 1, 1, 1, "b"),
            (1, 0, 1, 1, "c"),
            (1, 1, 1, 1, "")
        ]
    );
    assert_eq!(texts(&doc).last().unwrap(), "p:afterbold");
}

#[test]
fn bad_bytes_become_replacement_characters_with_a_warning() {
    let doc = convert_bytes(b"<meta charset=utf-8><p>ok\xff</p>", &Options::default()).unwrap();
    assert_eq!(texts(&doc), ["p:ok\u{FFFD}"]);
    assert_eq!(codes(&doc), ["html.malformed_bytes"]);
}

#[test]
fn gbk_page_reads_the_same_chinese_as_the_utf8_page() {
    let utf8 = convert_bytes(&fixture("report_html5.html"), &Options::default()).unwrap();
    let gbk = convert_bytes(&fixture("report_gbk.htm"), &Options::default()).unwrap();
    assert_eq!(gbk.blocks, utf8.blocks);
    assert_eq!(texts(&gbk)[0], "p:白银市平川区2020年政府信息公开工作");
    assert!(texts(&gbk).contains(&"h2:三、政府信息依申请公开办理情况".to_string()));
    // Without its meta, GBK bytes are not UTF-8: read as GB18030.
    let (bytes, _, _) = encoding_rs::GBK.encode("<html><p>依申请公开</p>");
    let bare = convert_bytes(&bytes, &Options::default()).unwrap();
    assert_eq!(texts(&bare), ["p:依申请公开"]);
}

#[test]
fn metadata_from_title_meta_and_office_properties() {
    let word = convert_bytes(&fixture("report_word.htm"), &Options::default()).unwrap();
    let m = &word.metadata;
    assert_eq!(m["title"], "白银市平川区2020年政府信息公开工作年度报告");
    assert_eq!(m["author"], "平川区电子政务办公室");
    assert_eq!(m["last_modified_by"], "王五");
    assert_eq!(m["created"], "2021-01-20T08:00:00Z");
    assert_eq!(m["modified"], "2021-01-25T09:30:00Z");
    assert_eq!(m["creator"], "Microsoft Word 15");
    let html5 = convert_bytes(&fixture("report_html5.html"), &Options::default()).unwrap();
    assert_eq!(html5.metadata["keywords"], "政府信息公开,年度报告");
}

#[test]
fn word_mso_list_paragraphs_are_list_items() {
    let html = r#"<html><body>
<h1 style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]>Scope</h1>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]>First</p>
<p class=MsoListParagraph style='margin-left:36pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>a.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]>Sub <b>step</b></p>
<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span></span><![endif]>Bullet</p>
<h2 style='mso-list:none'>Plain heading</h2>
<p>After</p>
</body></html>"#;
    let doc = read(html);
    let li = |level, marker: &str, text: &str| {
        Block::Paragraph(Paragraph {
            text: text.to_string(),
            list: Some(ListItem {
                level,
                marker: Some(marker.to_string()),
            }),
            ..Paragraph::default()
        })
    };
    let heading = |level, label: Option<&str>, text: &str| {
        Block::Heading(Heading {
            level,
            text: text.to_string(),
            label: label.map(str::to_string),
            page: None,
            ocr: None,
        })
    };
    assert_eq!(
        doc.blocks,
        [
            heading(1, Some("1."), "Scope"),
            li(0, "1.", "First"),
            li(1, "a.", "Sub step"),
            li(0, "•", "Bullet"),
            heading(2, None, "Plain heading"),
            Block::Paragraph(Paragraph {
                text: "After".to_string(),
                ..Paragraph::default()
            }),
        ]
    );
}

#[test]
fn word_page_keeps_list_bullets_and_drops_office_leftovers() {
    let word = convert_bytes(&fixture("report_word.htm"), &Options::default()).unwrap();
    let t = texts(&word);
    // A Word list paragraph (mso-list level1) is a list item with the marker Word wrote.
    assert_eq!(t.last().unwrap(), "li01.:附件清单");
    assert!(!t
        .iter()
        .any(|s| s.contains("隐藏的修订说明") || s.contains("PAGE")));
    assert!(
        !t.iter().any(|s| s == "p:" || s == "p:\u{a0}"),
        "empty o:p paragraphs"
    );
}

/// Table 3 of the seed, as written in the fixture: 26×10 with the 3-row header.
#[test]
fn table_3_grid_and_values() {
    for name in ["report_html5.html", "report_word.htm", "report_gbk.htm"] {
        let doc = convert_bytes(&fixture(name), &Options::default()).unwrap();
        let t = tables(&doc);
        assert_eq!(t.len(), 3, "{name}");
        let shapes: Vec<(usize, usize, usize)> =
            t.iter().map(|t| (t.rows, t.cols, t.header_rows)).collect();
        assert_eq!(shapes, [(18, 4, 0), (26, 10, 3), (4, 15, 3)], "{name}");
        let t3 = grid(t[1]);
        assert_eq!(
            t3[..3],
            [
                (
                    0,
                    0,
                    3,
                    3,
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
                ),
                (0, 3, 1, 7, "申请人情况"),
                (1, 3, 2, 1, "自然人"),
            ],
            "{name}"
        );
        let at = |r: usize, c: usize| t[1].cells.iter().find(|x| (x.row, x.col) == (r, c));
        assert_eq!(at(3, 3).unwrap().text, "3", "{name}: 一、自然人");
        assert_eq!(at(3, 9).unwrap().text, "3", "{name}: 一、总计");
        assert_eq!(
            at(5, 0).unwrap().shape(),
            (5, 0, 20, 1, "三、本年度办理结果")
        );
        assert_eq!(at(24, 9).unwrap().text, "0", "{name}: (七)总计 left at 0");
        assert_eq!(grid(t[0])[0], (0, 0, 1, 4, "第二十条第（一）项"));
    }
}

fn report(doc: &Document) -> Report {
    build(doc, &Templates::builtin().unwrap())
}

fn failing(rep: &Report) -> Vec<(String, String)> {
    rep.checks()
        .iter()
        .filter(|c| c.status != "pass")
        .map(|c| (c.rule.clone(), c.scope.clone()))
        .collect()
}

#[test]
fn each_fixture_reads_as_its_libreoffice_docx() {
    for name in ["report_html5.html", "report_word.htm", "report_gbk.htm"] {
        let html = convert_bytes(&fixture(name), &Options::default()).unwrap();
        let docx = convert_bytes(&fixture(&format!("{name}.docx")), &Options::default()).unwrap();
        assert_eq!(docx.source.format, "docx");
        let (h, d) = (tables(&html), tables(&docx));
        assert_eq!(h.len(), d.len(), "{name}");
        for (a, b) in h.iter().zip(&d) {
            assert_eq!(
                (a.rows, a.cols, a.header_rows),
                (b.rows, b.cols, b.header_rows)
            );
            assert_eq!(grid(a), grid(b), "{name}: table {}", a.index);
        }
        let (rh, rd) = (report(&html), report(&docx));
        assert_eq!(rh.format, "2019", "{name}");
        assert_eq!(rh.values().len(), rd.values().len(), "{name}");
        for (key, v) in rd.values() {
            assert_eq!(rh.values()[key].text, v.text, "{name}: {key}");
        }
        // The seed's error, flagged the same way as the seed DOCX (tests/report.rs).
        let want: Vec<(String, String)> = [
            ("T3.balance", "natural_person"),
            ("T3.results_sum", "natural_person"),
            ("T3.balance", "total"),
            ("T3.results_sum", "total"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(failing(&rh), want, "{name}");
        assert_eq!(failing(&rd), want, "{name}.docx");
    }
}

#[test]
fn mhtml_quoted_printable_gb2312() {
    let (gbk, _, _) = encoding_rs::GBK.encode("<html><body><h1>年度报告</h1><table><tr><td colspan=2>申请</td></tr></table></body></html>");
    let qp: String = gbk
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() && b != b'=' {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            }
        })
        .collect();
    let mht = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n\
         ------=_NextPart_01\r\nContent-Location: file:///C:/report.htm\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n\
         {qp}\r\n------=_NextPart_01\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         iVBORw0KGgo=\r\n------=_NextPart_01--\r\n"
    );
    let doc = convert_bytes(mht.as_bytes(), &Options::default()).unwrap();
    assert_eq!(doc.source.format, "mhtml");
    assert_eq!(texts(&doc), ["h1:年度报告", "table 1x2"]);
    assert_eq!(grid(tables(&doc)[0]), [(0, 0, 1, 2, "申请")]);
}

#[test]
fn limits_and_odd_inputs_fail_or_read_without_panic() {
    let deep = "<html>".to_string() + &"<div>".repeat(5000) + "x";
    let small = Options {
        limits: docgrid::Limits {
            max_depth: 100,
            ..docgrid::Limits::default()
        },
        ..Options::default()
    };
    let err = convert_bytes(deep.as_bytes(), &small).unwrap_err();
    assert!(err.to_string().contains("max_depth"), "{err}");
    let nested = "<html>".to_string() + &"<table><tr><td>".repeat(80);
    let err = convert_bytes(nested.as_bytes(), &Options::default()).unwrap_err();
    assert!(err.to_string().contains("max_table_nesting"), "{err}");
    let wide = "<table><tr><td colspan=1000>a</td><td colspan=1000>b</td></tr></table>";
    let narrow = Options {
        limits: docgrid::Limits {
            max_table_cols: 1500,
            ..docgrid::Limits::default()
        },
        ..Options::default()
    };
    assert!(convert_bytes(wide.as_bytes(), &narrow).is_err());
    assert!(read("<table></table>").blocks.is_empty());
    assert!(read("<html>").blocks.is_empty());
}

#[test]
fn without_main_the_densest_container_drops_link_menus_only() {
    let menu =
        "<div class=nav><a href=/>首页</a> <a href=/a>机构概况</a> <a href=/b>政务公开</a></div>";
    let page = format!(
        "<html><body>{menu}<div class=wrap><div class=content><h1>年度报告</h1>\
         <p>本报告依据条例编制。</p><table><tr><td>1</td></tr></table></div>\
         <div class=links><a href=/c>相关链接</a></div></div></body></html>"
    );
    let doc = read(&page);
    assert_eq!(
        texts(&doc),
        ["h1:年度报告", "p:本报告依据条例编制。", "table 1x1"]
    );
    let left = doc
        .warnings
        .iter()
        .find(|w| w.code == "html.content_left_out");
    // 首页 机构概况 政务公开 相关链接: 14 characters, outside the container.
    assert!(
        left.is_some_and(|w| w.message.starts_with("14 characters")),
        "{:?}",
        doc.warnings
    );
    // Plain text beside the content (a title, a date line) keeps the whole body.
    let titled = "<html><body><div>白银市平川区人民政府办公室发布</div><div><p>正文很长很长很长很长很长很长很长很长。</p></div></body></html>";
    assert_eq!(
        texts(&read(titled)),
        [
            "p:白银市平川区人民政府办公室发布",
            "p:正文很长很长很长很长很长很长很长很长。"
        ]
    );
}

/// The tree html5ever would build is bounded before it is built: 100,000 nested elements (16 s
/// of parsing before the prescan), formatting elements reopened in every paragraph (a tree of
/// 900 × 2,000 elements), and fragments without `<html>` reach the reader at all.
#[test]
fn hostile_trees_are_refused_before_parsing() {
    let limit_of = |bytes: &[u8]| match convert_bytes(bytes, &Options::default()) {
        Err(e) => e.to_string(),
        Ok(_) => "converted".to_string(),
    };
    let deep = format!("<div>{}x", "<div>".repeat(100_000));
    assert_eq!(
        limit_of(deep.as_bytes()),
        "html: limit exceeded: max_depth over 1000 (raise with --max-depth)"
    );
    let distinct: String = (0..900).map(|i| format!("<b id={i}>")).collect();
    let reopened = format!("<html><div>{distinct}</div>{}", "<p>x</p>".repeat(2000));
    assert_eq!(
        limit_of(reopened.as_bytes()),
        "html: limit exceeded: max_html_elements over 1000000 (raise with --max-html-elements)"
    );
    let doc = read("<p>a fragment</p><table><tr><td>1</td></tr></table>");
    assert_eq!(texts(&doc), ["p:a fragment", "table 1x1"]);
}
