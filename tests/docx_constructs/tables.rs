//! Tables: every merge and row-shape construct, each with its exact grid and merges.

use crate::common::{
    self, convert, docx, only_table, p, para, tbl, tc, tc_pr, tr, tr_pr, warning_codes,
};
use crate::table_eq;
use docgrid::model::Block;

const SPAN2: &str = r#"<w:gridSpan w:val="2"/>"#;
const SPAN3: &str = r#"<w:gridSpan w:val="3"/>"#;
const RESTART: &str = r#"<w:vMerge w:val="restart"/>"#;
const CONT: &str = "<w:vMerge/>";
const CONT_EXPLICIT: &str = r#"<w:vMerge w:val="continue"/>"#;

fn one_table(body: &str) -> docgrid::Document {
    let doc = convert(&docx(body));
    assert_eq!(doc.blocks.len(), 1, "{:#?}", doc.blocks);
    doc
}

#[test]
fn plain_2x2() {
    let doc = one_table(&tbl(
        2,
        &(tr(&[tc("a"), tc("b")]) + &tr(&[tc("c"), tc("d")])),
    ));
    let t = only_table(&doc);
    assert_eq!(t.index, 0);
    table_eq!(t, [["a", "b"], ["c", "d"]], []);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn grid_span() {
    let rows = tr(&[tc_pr(SPAN3, "head")]) + &tr(&[tc("a"), tc("b"), tc("c")]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(
        only_table(&doc),
        [["head", _, _], ["a", "b", "c"]],
        [(0, 0, 1, 3)]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn vmerge_restart_then_bare_continue() {
    let rows = tr(&[tc_pr(RESTART, "m"), tc("b")])
        + &tr(&[tc_pr(CONT, ""), tc("c")])
        + &tr(&[tc("d"), tc("e")]);
    let doc = one_table(&tbl(2, &rows));
    table_eq!(
        only_table(&doc),
        [["m", "b"], [_, "c"], ["d", "e"]],
        [(0, 0, 2, 1)]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn vmerge_explicit_continue() {
    // LibreOffice and WPS write w:val="continue"; it means the same as the bare element.
    let rows = tr(&[tc("a"), tc_pr(RESTART, "m")])
        + &tr(&[tc("b"), tc_pr(CONT_EXPLICIT, "")])
        + &tr(&[tc("c"), tc_pr(CONT_EXPLICIT, "")]);
    let doc = one_table(&tbl(2, &rows));
    table_eq!(
        only_table(&doc),
        [["a", "m"], ["b", _], ["c", _]],
        [(0, 1, 3, 1)]
    );
}

#[test]
fn vmerge_chain_under_grid_span() {
    let rows = tr(&[tc_pr(&format!("{SPAN2}{RESTART}"), "big"), tc("r0")])
        + &tr(&[tc_pr(&format!("{SPAN2}{CONT}"), ""), tc("r1")])
        + &tr(&[tc_pr(&format!("{SPAN2}{CONT}"), ""), tc("r2")])
        + &tr(&[tc("a"), tc("b"), tc("c")]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(
        only_table(&doc),
        [
            ["big", _, "r0"],
            [_, _, "r1"],
            [_, _, "r2"],
            ["a", "b", "c"]
        ],
        [(0, 0, 3, 2)]
    );
}

#[test]
fn grid_before() {
    let rows = tr(&[tc("a"), tc("b"), tc("c")])
        + &tr_pr(
            r#"<w:gridBefore w:val="1"/><w:wBefore w:w="1000" w:type="dxa"/>"#,
            &[tc("d"), tc("e")],
        );
    let doc = one_table(&tbl(3, &rows));
    table_eq!(only_table(&doc), [["a", "b", "c"], ["", "d", "e"]], []);
}

#[test]
fn grid_after() {
    let rows = tr(&[tc("a"), tc("b"), tc("c")])
        + &tr_pr(
            r#"<w:gridAfter w:val="1"/><w:wAfter w:w="1000" w:type="dxa"/>"#,
            &[tc("d"), tc("e")],
        );
    let doc = one_table(&tbl(3, &rows));
    table_eq!(only_table(&doc), [["a", "b", "c"], ["d", "e", ""]], []);
}

#[test]
fn grid_before_and_after_on_one_row() {
    let rows = tr(&[tc("a"), tc("b"), tc("c"), tc("d")])
        + &tr_pr(
            r#"<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>"#,
            &[tc_pr(SPAN2, "e")],
        );
    let doc = one_table(&tbl(4, &rows));
    table_eq!(
        only_table(&doc),
        [["a", "b", "c", "d"], ["", "e", _, ""]],
        [(1, 1, 1, 2)]
    );
}

#[test]
fn grid_before_with_vmerge_stays_in_its_column() {
    // The merge belongs to the cell at grid column 1, not to the first w:tc of the row below.
    let rows = tr_pr(
        r#"<w:gridBefore w:val="1"/>"#,
        &[tc_pr(RESTART, "x"), tc("y")],
    ) + &tr(&[tc("z"), tc_pr(CONT, ""), tc("w")]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(
        only_table(&doc),
        [["", "x", "y"], ["z", _, "w"]],
        [(0, 1, 2, 1)]
    );
}

#[test]
fn ragged_short_row_padded() {
    let rows = tr(&[tc("a"), tc("b"), tc("c")]) + &tr(&[tc("d"), tc("e")]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(only_table(&doc), [["a", "b", "c"], ["d", "e", ""]], []);
}

#[test]
fn ragged_long_row_widens_table() {
    let rows = tr(&[tc("a"), tc("b")]) + &tr(&[tc("c"), tc("d"), tc("e")]);
    let doc = one_table(&tbl(2, &rows));
    table_eq!(only_table(&doc), [["a", "b", ""], ["c", "d", "e"]], []);
}

#[test]
fn legacy_hmerge() {
    // hMerge without w:val means continue (ST_Merge's default), like vMerge.
    let rows = tr(&[
        tc_pr(r#"<w:hMerge w:val="restart"/>"#, "ab"),
        tc_pr("<w:hMerge/>", ""),
        tc("c"),
    ]) + &tr(&[
        tc("d"),
        tc_pr(r#"<w:hMerge w:val="restart"/>"#, "ef"),
        tc_pr(r#"<w:hMerge w:val="continue"/>"#, ""),
    ]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(
        only_table(&doc),
        [["ab", _, "c"], ["d", "ef", _]],
        [(0, 0, 1, 2), (1, 1, 1, 2)]
    );
}

#[test]
fn cells_and_rows_wrapped_in_sdt_and_custom_xml() {
    let sdt = |alias: &str, inner: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"#
        )
    };
    let custom = |inner: &str| {
        format!(r#"<w:customXml w:uri="urn:example" w:element="x">{inner}</w:customXml>"#)
    };
    let rows = tr(&[tc("a"), tc("b")])
        + &custom(&tr(&[tc("c"), tc("d")]))
        + &sdt("RowControl", &tr(&[tc("e"), tc("f")]))
        + &tr(&[custom(&tc("g")), sdt("CellControl", &tc("h"))]);
    let doc = convert(&docx(&sdt("TableControl", &tbl(2, &rows))));
    assert_eq!(doc.blocks.len(), 1, "{:#?}", doc.blocks);
    table_eq!(
        only_table(&doc),
        [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]],
        []
    );
    let json = common::to_json(&doc);
    assert!(!json.contains("Control"), "{json}");
}

#[test]
fn nested_table() {
    let inner = tbl(2, &(tr(&[tc_pr(SPAN2, "a")]) + &tr(&[tc("b"), tc("c2")])));
    let outer_cell = format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{}{inner}<w:p/></w:tc>"#,
        p("outer")
    );
    let outer = tbl(
        2,
        &(tr(&[outer_cell, tc("right")]) + &tr(&[tc("c"), tc("d")])),
    );
    let body = format!("{outer}{}{}", p("after"), tbl(1, &tr(&[tc("second")])));
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks.len(), 3, "{:#?}", doc.blocks);
    assert_eq!(doc.blocks[1], para("after"));
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!((tables[0].index, tables[1].index), (0, 1));
    // The outer cell's text is all its paragraphs, the nested table's included.
    table_eq!(tables[0], [["outer\na\nb\nc2", "right"], ["c", "d"]], []);
    table_eq!(tables[1], [["second"]], []);
    let holder = &tables[0].cells[0];
    assert_eq!(holder.tables.len(), 1);
    assert_eq!(holder.tables[0].index, 0);
    table_eq!(&holder.tables[0], [["a", _], ["b", "c2"]], [(0, 0, 1, 2)]);
    assert!(tables[0].cells[1..].iter().all(|c| c.tables.is_empty()));
}

#[test]
fn vmerge_continue_in_first_row_is_own_cell_with_warning() {
    let rows = tr(&[tc_pr(CONT, "orphan"), tc("b")]) + &tr(&[tc("c"), tc("d")]);
    let doc = one_table(&tbl(2, &rows));
    table_eq!(only_table(&doc), [["orphan", "b"], ["c", "d"]], []);
    assert_eq!(warning_codes(&doc), vec!["docx.vmerge_without_anchor"]);
}

#[test]
fn vmerge_continue_under_short_row_is_own_cell_with_warning() {
    let rows = tr(&[tc("a"), tc("b")]) + &tr(&[tc("c"), tc("d"), tc_pr(CONT, "e")]);
    let doc = one_table(&tbl(3, &rows));
    table_eq!(only_table(&doc), [["a", "b", ""], ["c", "d", "e"]], []);
    assert_eq!(warning_codes(&doc), vec!["docx.vmerge_without_anchor"]);
}

#[test]
fn cell_paragraphs_joined_and_trimmed() {
    let cell = format!(r#"<w:tc>{}{}<w:p/></w:tc>"#, p("  本年新"), p("制作数量  "));
    let doc = one_table(&tbl(2, &tr(&[cell, tc("x")])));
    table_eq!(only_table(&doc), [["本年新\n制作数量", "x"]], []);
}

#[test]
fn two_tables_indexed_in_order() {
    let body = format!(
        "{}{}{}",
        tbl(1, &tr(&[tc("first")])),
        p("between"),
        tbl(2, &tr(&[tc("x"), tc("y")]))
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks.len(), 3, "{:#?}", doc.blocks);
    let tables: Vec<_> = doc.tables().collect();
    assert_eq!(tables.len(), 2);
    assert_eq!((tables[0].index, tables[1].index), (0, 1));
    table_eq!(tables[0], [["first"]], []);
    table_eq!(tables[1], [["x", "y"]], []);
}

#[test]
fn table_between_paragraphs_keeps_reading_order() {
    let body = format!(
        "{}{}{}",
        p("before"),
        tbl(1, &tr(&[tc("cell")])),
        p("after")
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks.len(), 3, "{:#?}", doc.blocks);
    assert_eq!(doc.blocks[0], para("before"));
    assert!(
        matches!(&doc.blocks[1], Block::Table(t) if t.index == 0 && t.cells.len() == 1 && t.cells[0].text == "cell")
    );
    assert_eq!(doc.blocks[2], para("after"));
}

#[test]
fn two_row_header_as_in_contract_example() {
    // shared/spec/output.md's example: 信息内容 over two rows, 申请人情况 over three columns.
    let rows = tr(&[tc_pr(RESTART, "信息内容"), tc_pr(SPAN3, "申请人情况")])
        + &tr(&[
            tc_pr(CONT, ""),
            tc("自然人"),
            tc("法人或其他组织"),
            tc("总计"),
        ])
        + &tr(&[
            tc("本年新收政府信息公开申请数量"),
            tc("5"),
            tc("1"),
            tc("6"),
        ]);
    let doc = one_table(&tbl(4, &rows));
    table_eq!(
        only_table(&doc),
        [
            ["信息内容", "申请人情况", _, _],
            [_, "自然人", "法人或其他组织", "总计"],
            ["本年新收政府信息公开申请数量", "5", "1", "6"],
        ],
        [(0, 0, 2, 1), (0, 1, 1, 3)]
    );
}

#[test]
fn annual_report_table3_header() {
    // shared/spec/cn-annual-report.md, table 3: three header rows on a 10-column grid,
    // one w:tc per row per region (2, 4, 8 per header row), continuations empty.
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let span = |n: usize, extra: &str| format!(r#"<w:gridSpan w:val="{n}"/>{extra}"#);
    let rows = tr(&[
        tc_pr(&span(3, RESTART), corner),
        tc_pr(&span(7, ""), "申请人情况"),
    ]) + &tr(&[
        tc_pr(&span(3, CONT), ""),
        tc_pr(RESTART, "自然人"),
        tc_pr(&span(5, ""), "法人或其他组织"),
        tc_pr(RESTART, "总计"),
    ]) + &tr(&[
        tc_pr(&span(3, CONT), ""),
        tc_pr(CONT, ""),
        tc("商业企业"),
        tc("科研机构"),
        tc("社会公益组织"),
        tc("法律服务机构"),
        tc("其他"),
        tc_pr(CONT, ""),
    ]) + &tr(&[
        tc_pr(&span(3, ""), "一、本年新收政府信息公开申请数量"),
        tc("5"),
        tc("1"),
        tc("0"),
        tc("0"),
        tc("0"),
        tc("2"),
        tc("8"),
    ]);
    let doc = one_table(&tbl(10, &rows));
    table_eq!(
        only_table(&doc),
        [
            [
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                _,
                _,
                "申请人情况",
                _,
                _,
                _,
                _,
                _,
                _
            ],
            [_, _, _, "自然人", "法人或其他组织", _, _, _, _, "总计"],
            [
                _,
                _,
                _,
                _,
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                _
            ],
            [
                "一、本年新收政府信息公开申请数量",
                _,
                _,
                "5",
                "1",
                "0",
                "0",
                "0",
                "2",
                "8"
            ],
        ],
        [
            (0, 0, 3, 3),
            (0, 3, 1, 7),
            (1, 3, 2, 1),
            (1, 4, 1, 5),
            (1, 9, 2, 1),
            (3, 0, 1, 3)
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn table_without_tbl_grid_takes_widest_row() {
    let body = format!(
        "<w:tbl><w:tblPr/>{}{}</w:tbl>",
        tr(&[tc_pr(SPAN2, "ab"), tc("c")]),
        tr(&[tc("d"), tc("e")])
    );
    let doc = one_table(&body);
    table_eq!(
        only_table(&doc),
        [["ab", _, "c"], ["d", "e", ""]],
        [(0, 0, 1, 2)]
    );
}
