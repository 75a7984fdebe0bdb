//! Unit tests of the streaming walker on hand-written `document.xml` snippets (no zip).
//! Expected values are reasoned from the WordprocessingML rules and the output contract.

use super::walk::{walk, PartKind, Walked};
use super::{number_tables, Context};
use crate::docx::numbering::{Counters, Numbering};
use crate::docx::styles::Styles;
use crate::docx::xml::XmlReader;
use crate::error::ErrorKind;
use crate::model::{Block, Cell, Table};
use crate::table::check_partition;
use crate::Options;

const NS: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#,
);

fn run_kind(xml: &str, kind: PartKind, options: &Options) -> Result<Walked, crate::Error> {
    let styles = Styles::default();
    let numbering = Numbering::default();
    let ctx = Context {
        styles: &styles,
        numbering: &numbering,
        options,
    };
    let mut counters = Counters::default();
    let mut xr = XmlReader::new(xml.as_bytes(), "word/document.xml", &options.limits);
    walk(&mut xr, &ctx, kind, &mut counters)
}

fn body(inner: &str) -> Walked {
    let xml = format!("<w:document {NS}><w:body>{inner}</w:body></w:document>");
    let mut w = run_kind(&xml, PartKind::Main, &Options::default()).unwrap();
    number_tables(&mut w.blocks);
    w
}

fn texts(inner: &str) -> Vec<String> {
    body(inner)
        .blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text,
            Block::Heading(h) => format!("H{}:{}", h.level, h.text),
            Block::Table(t) => format!("T{}", t.index),
        })
        .collect()
}

fn tables(inner: &str) -> Vec<Table> {
    body(inner)
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn runs_tabs_breaks_and_symbols() {
    let x = p(concat!(
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type=\"page\"/>",
        "<w:t>d</w:t><w:cr/><w:t>e</w:t><w:noBreakHyphen/><w:softHyphen/><w:t>f</w:t>",
        "<w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t>&amp;&#x4E2D;</w:t></w:r>"
    ));
    // Symbol's 0xB7 is the bullet (issue 17 §3: symbol fonts are mapped to Unicode).
    assert_eq!(texts(&x), vec!["a\tb\ncd\ne-f•&中"]);
}

#[test]
fn elements_written_with_end_tags_keep_the_stack_in_step() {
    let x = concat!(
        "<w:p><w:pPr><w:pStyle w:val=\"X\"></w:pStyle></w:pPr><w:r><w:t>a</w:t><w:tab></w:tab>",
        "<w:br></w:br><w:fldChar w:fldCharType=\"begin\"></w:fldChar><w:fldChar w:fldCharType=\"end\"></w:fldChar>",
        "<w:t>b</w:t></w:r></w:p><w:p><w:r><w:t>c</w:t></w:r></w:p>"
    );
    let w = body(x);
    assert!(w.warnings.is_empty(), "{:?}", w.warnings);
    assert_eq!(texts(x), vec!["a\t\nb", "c"]);
}

#[test]
fn tab_stops_in_properties_are_not_text() {
    let x = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>x</w:t></w:r></w:p>";
    assert_eq!(texts(x), vec!["x"]);
}

#[test]
fn revisions_bookmarks_and_wrappers() {
    let x = p(&format!(
        concat!(
            "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>{}<w:ins w:id=\"1\">{}</w:ins>",
            "<w:del w:id=\"2\"><w:r><w:delText>gone</w:delText></w:r></w:del>",
            "<w:moveFrom w:id=\"3\">{}</w:moveFrom><w:moveTo w:id=\"4\">{}</w:moveTo>",
            "<w:bookmarkEnd w:id=\"0\"/><w:proofErr w:type=\"spellStart\"/>",
            "<w:hyperlink r:id=\"rId9\">{}</w:hyperlink><w:smartTag w:uri=\"u\" w:element=\"e\">",
            "<w:smartTagPr><w:attr w:name=\"n\" w:val=\"v\"/></w:smartTagPr>{}</w:smartTag>",
            "<w:sdt><w:sdtPr><w:alias w:val=\"alias\"/><w:placeholder><w:docPart w:val=\"X\"/></w:placeholder></w:sdtPr>",
            "<w:sdtContent>{}</w:sdtContent></w:sdt><w:fldSimple w:instr=\"FILENAME\">{}</w:fldSimple>"
        ),
        r("A"),
        r("B"),
        r("old"),
        r("C"),
        r("D"),
        r("E"),
        r("F"),
        r("G")
    ));
    assert_eq!(texts(&x), vec!["ABCDEFG"]);
}

#[test]
fn complex_fields_keep_only_results() {
    let fc = |t: &str| format!("<w:r><w:fldChar w:fldCharType=\"{t}\"/></w:r>");
    let instr = |t: &str| format!("<w:r><w:instrText> {t} </w:instrText></w:r>");
    // Outer field whose code holds a nested field, then a result containing another field.
    let x = p(&[
        r("a"),
        fc("begin"),
        instr("IF"),
        fc("begin"),
        instr("MERGEFIELD x"),
        fc("separate"),
        r("hidden-nested-code-result"),
        fc("end"),
        fc("separate"),
        r("b"),
        fc("begin"),
        instr("PAGE"),
        fc("separate"),
        r("1"),
        fc("end"),
        fc("end"),
        r("c"),
        fc("begin"),
        instr("NOSEP"),
        r("x"),
        fc("end"),
        r("d"),
    ]
    .concat());
    assert_eq!(texts(&x), vec!["ab1cd"]);
}

#[test]
fn field_result_spans_paragraphs() {
    let x = [
        p("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>TOC</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>one</w:t></w:r>"),
        p(&r("two")),
        p("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"),
    ]
    .concat();
    assert_eq!(texts(&x), vec!["one", "two"]);
}

#[test]
fn empty_paragraphs_dropped_and_text_trimmed_at_top_level() {
    let x = [p(""), p(&r("  ")), p(&r(" x ")), "<w:p/>".to_string()].concat();
    assert_eq!(texts(&x), vec!["x"]);
}

#[test]
fn outline_level_makes_headings() {
    let x = [
        "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>Top</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Third</w:t></w:r></w:p>",
        "<w:p><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>Body</w:t></w:r></w:p>",
        // Old properties of a tracked change must not count.
        "<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Was</w:t></w:r></w:p>",
    ]
    .concat();
    assert_eq!(texts(&x), vec!["H1:Top", "H3:Third", "Body", "Was"]);
}

#[test]
fn alternate_content_reads_exactly_one_branch() {
    let x = p(concat!(
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>",
        "<w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>",
        "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p>",
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "<w:r><w:t>anchor</w:t></w:r>",
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"w16se\"><w16se:symEx xmlns:w16se=\"urn:x\" w16se:char=\"1F60A\"/></mc:Choice>",
        "<mc:Fallback><w:t>!</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    ));
    assert_eq!(texts(&x), vec!["anchor!", "boxed"]);
}

#[test]
fn vml_text_box_with_table_follows_anchor() {
    let x = [
        p(&format!(
            "{}<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{}</w:tc></w:tr></w:tbl></w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
            r("anchor"),
            p(&r("in box")),
            p(&r("cell"))
        )),
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>".to_string(),
    ]
    .concat();
    assert_eq!(texts(&x), vec!["anchor", "in box", "T0", "T1"]);
}

#[test]
fn math_text_inline() {
    let x = p(&format!(
        "{}<m:oMath><m:r><w:rPr/><m:t>x=1</m:t></m:r></m:oMath>{}",
        r("a "),
        r(" b")
    ));
    assert_eq!(texts(&x), vec!["a x=1 b"]);
}

#[test]
fn table_spans_merges_and_grid_before() {
    let x = concat!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>",
        "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>",
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>",
        "<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr>",
        "<w:customXml><w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:trPrChange w:id=\"1\"><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr></w:trPrChange></w:trPr>",
        "<w:tc><w:tcPr><w:tcPrChange w:id=\"2\"><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr></w:tcPrChange></w:tcPr><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc></w:tr></w:customXml></w:tbl>"
    );
    let t = tables(x);
    assert_eq!(t.len(), 1);
    let t = &t[0];
    check_partition(t).unwrap();
    assert_eq!((t.rows, t.cols, t.header_rows), (3, 3, 1));
    assert_eq!(
        t.cells,
        vec![
            Cell::new(0, 0, 2, 2, "A"),
            Cell::new(0, 2, 1, 1, "B"),
            Cell::new(1, 2, 1, 1, "C"),
            Cell::new(2, 0, 1, 1, ""),
            Cell::new(2, 1, 1, 1, "D"),
            Cell::new(2, 2, 1, 1, "E"),
        ]
    );
}

#[test]
fn hmerge_joins_left_neighbour() {
    let x = concat!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>",
        "<w:tc><w:tcPr><w:hMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>wide</w:t></w:r></w:p></w:tc>",
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
    );
    assert_eq!(tables(x)[0].cells, vec![Cell::new(0, 0, 1, 2, "wide")]);
}

#[test]
fn cell_paragraphs_join_and_nested_table_text_stays() {
    let inner = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>n1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>n2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let x = format!(
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{}<w:p/>{}{inner}<w:p/></w:tc></w:tr></w:tbl>{}",
        p(&r("one")),
        p(&r("two")),
        p(&r("after"))
    );
    let t = tables(&x);
    assert_eq!(t.len(), 1);
    let c = &t[0].cells[0];
    assert_eq!(c.text, "one\n\ntwo\nn1\nn2");
    assert_eq!(c.tables.len(), 1);
    assert_eq!(c.tables[0].index, 0);
    assert_eq!(
        c.tables[0].cells,
        vec![Cell::new(0, 0, 1, 1, "n1"), Cell::new(0, 1, 1, 1, "n2")]
    );
    assert_eq!(texts(&x), vec!["T0", "after"]);
}

#[test]
fn table_nesting_limit_is_an_error_naming_it() {
    let mut options = Options::default();
    options.limits.max_table_nesting = 1;
    let tbl = |inner: &str| {
        format!("<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p/>{inner}</w:tc></w:tr></w:tbl>")
    };
    let x = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        tbl(&tbl(&tbl("")))
    );
    let err = run_kind(&x, PartKind::Main, &options).unwrap_err();
    assert!(
        matches!(
            err.kind(),
            ErrorKind::Limit {
                what: "max_table_nesting",
                limit: 1,
                ..
            }
        ),
        "{err}"
    );
    // Two levels are within the bound.
    let x = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        tbl(&tbl(""))
    );
    let w = run_kind(&x, PartKind::Main, &options).unwrap();
    assert_eq!(w.blocks.len(), 1);
}

#[test]
fn notes_skip_separators() {
    let x = format!(
        concat!(
            "<w:footnotes {}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>",
            "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:t>sep</w:t></w:r></w:p></w:footnote>",
            "<w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> First</w:t></w:r></w:p><w:p><w:r><w:t>second</w:t></w:r></w:p></w:footnote>",
            "</w:footnotes>"
        ),
        NS
    );
    let w = run_kind(&x, PartKind::Notes, &Options::default()).unwrap();
    assert_eq!(w.notes.len(), 1);
    assert_eq!(
        (
            w.notes[0].kind,
            w.notes[0].id.as_str(),
            w.notes[0].text.as_str()
        ),
        ("footnote", "1", "First\nsecond")
    );
}

#[test]
fn malformed_and_dtd_and_depth_are_errors() {
    let o = Options::default();
    let bad = format!("<w:document {NS}><w:body><w:p></w:body></w:document>");
    assert!(matches!(
        run_kind(&bad, PartKind::Main, &o).unwrap_err().kind(),
        ErrorKind::Xml { .. }
    ));
    let truncated = format!("<w:document {NS}><w:body><w:p>");
    assert!(matches!(
        run_kind(&truncated, PartKind::Main, &o).unwrap_err().kind(),
        ErrorKind::Xml { .. }
    ));
    let dtd = "<!DOCTYPE x [<!ENTITY e \"boom\">]><w:document/>";
    assert!(matches!(
        run_kind(dtd, PartKind::Main, &o).unwrap_err().kind(),
        ErrorKind::Dtd { .. }
    ));
    let deep = format!(
        "<w:document {NS}><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(5000),
        "</w:sdt>".repeat(5000)
    );
    assert!(matches!(
        run_kind(&deep, PartKind::Main, &o).unwrap_err().kind(),
        ErrorKind::Limit { .. }
    ));
}

#[test]
fn header_references_collected_in_order() {
    let o = Options {
        include_headers_footers: true,
        ..Options::default()
    };
    let x = format!(
        "<w:document {NS}><w:body><w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId8\"/><w:footerReference w:type=\"default\" r:id=\"rId9\"/><w:headerReference w:type=\"first\" r:id=\"rId8\"/></w:sectPr></w:body></w:document>"
    );
    let w = run_kind(&x, PartKind::Main, &o).unwrap();
    assert_eq!(w.header_refs, vec!["rId8", "rId9"]);
}

#[test]
fn deleted_paragraph_mark_joins_next_paragraph() {
    let del = "<w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>";
    let x = [
        format!(
            "<w:p><w:pPr><w:rPr><w:ins w:id=\"0\"/></w:rPr></w:pPr>{}</w:p>",
            r("This is a")
        ),
        format!("<w:p>{del}{}</w:p>", r(" split")),
        p(&r("Paragraph.")),
        // A deleted mark before a table cannot join across it: the text stands alone.
        format!("<w:p>{del}{}</w:p>", r("lone")),
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
            .to_string(),
        format!("<w:p>{del}{}</w:p>", r("last")),
    ]
    .concat();
    assert_eq!(
        texts(&x),
        vec!["This is a", "splitParagraph.", "lone", "T0", "last"]
    );
}

#[test]
fn a_table_without_rows_is_left_out_with_a_warning() {
    // Open-Xml-PowerTools' RP051-Arabic-Rejected.docx has two such tables.
    let w = body(&format!(
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid></w:tbl>{}",
        p(&r("after"))
    ));
    assert!(!w.blocks.iter().any(|b| matches!(b, Block::Table(_))));
    let codes: Vec<_> = w.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, vec!["docx.empty_table"]);
}
