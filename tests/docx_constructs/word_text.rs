//! Word's drawn characters and document roles (issue 17 §3): symbol fonts, drop caps,
//! checkboxes, hyphens, and the title, subtitle and author paragraphs. The expected characters
//! were looked up by hand in the fonts' Unicode mappings, not taken from the reader.

use crate::common::{self, convert, docx, para, styled, tbl, tr, Fixture};
use std::collections::BTreeMap;

/// A run of `text`.
fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A `w:sym` run.
fn sym(font: &str, code: &str) -> String {
    format!(r#"<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>"#)
}

/// A cell holding one paragraph made of `runs`.
fn cell(runs: &str) -> String {
    format!("<w:tc><w:p>{runs}</w:p></w:tc>")
}

#[test]
fn sym_characters_of_symbol_fonts_become_unicode() {
    let body = format!(
        "<w:p>{}{}{}{}{}{}</w:p>{}",
        sym("Symbol", "F0B7"),
        run(" a"),
        sym("Symbol", "F067"),
        sym("Wingdings", "F0FC"),
        sym("Wingdings 2", "F054"),
        sym("Webdings", "F061"),
        tbl(
            1,
            &tr(&[cell(&format!("{}{}", sym("Symbol", "F0A3"), run("5")))])
        )
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks[0], para("• aγ✔☒✔"));
    // In Office Math too (a subscript γ, as mineru_docx_01.docx has it).
    let math = r#"<w:p><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:sSub><m:e><m:r><m:t>E</m:t></m:r></m:e><m:sub><m:r><w:rPr><w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/></w:rPr><w:sym w:font="Symbol" w:char="F067"/></m:r></m:sub></m:sSub></m:oMath></w:p>"#;
    assert_eq!(convert(&docx(math)).blocks, vec![para("Eγ")]);
    crate::table_eq!(common::only_table(&doc), [["≤5"]], []);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn symbol_font_runs_map_their_private_use_text() {
    let wingdings = r#"<w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr><w:t xml:space="preserve">&#xF0FC; </w:t></w:r>"#;
    // Only the symbol area is the font's codes: plain letters of a Symbol run stay letters.
    let symbol = "<w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr><w:t>\u{F061}b</w:t></w:r>";
    let body = format!(
        "<w:p>{wingdings}{}{symbol}{}</w:p>",
        run("done "),
        run("\u{F061}")
    );
    let doc = convert(&docx(&body));
    // The last run has no symbol font: its private-use character is somebody's own.
    assert_eq!(doc.blocks, vec![para("✔ done αb\u{F061}")]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn unmapped_symbols_keep_their_code_point_with_one_warning_per_font() {
    let body = format!(
        "<w:p>{}{}{}</w:p>{}",
        sym("Marlett", "F061"),
        sym("Marlett", "F062"),
        sym("Symbol", "F0E6"),
        tbl(1, &tr(&[cell(&sym("Marlett", "F061"))]))
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks[0], para("\u{F061}\u{F062}\u{F0E6}"));
    crate::table_eq!(common::only_table(&doc), [["\u{F061}"]], []);
    let warnings: Vec<(&str, &str)> = doc
        .warnings
        .iter()
        .map(|w| (w.code, w.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("docx.symbol_unmapped", "3 symbol character(s) (font \"Marlett\") have no Unicode mapping and were kept as private-use code points"),
            ("docx.symbol_unmapped", "1 symbol character(s) (font \"Symbol\") have no Unicode mapping and were kept as private-use code points"),
        ]
    );
}

#[test]
fn drop_caps_join_the_paragraph_they_start() {
    let frame = |kind: &str, letter: &str| {
        format!(
            r#"<w:p><w:pPr><w:keepNext/><w:framePr w:dropCap="{kind}" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:position w:val="-7"/><w:sz w:val="98"/></w:rPr><w:t>{letter}</w:t></w:r></w:p>"#
        )
    };
    // A frame that is not a drop cap is a paragraph of its own.
    let plain_frame = r#"<w:p><w:pPr><w:framePr w:w="2000" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/></w:pPr><w:r><w:t>Framed</w:t></w:r></w:p>"#;
    let in_cell = format!(
        "<w:tc>{}<w:p>{}</w:p></w:tc>",
        frame("margin", "本"),
        run("年度报告")
    );
    let body = format!(
        "{}{}{}{}{}",
        frame("drop", "T"),
        common::p("he year began."),
        plain_frame,
        common::p("After."),
        tbl(1, &tr(&[in_cell]))
    );
    let doc = convert(&docx(&body));
    assert_eq!(
        doc.blocks[..3],
        [para("The year began."), para("Framed"), para("After.")]
    );
    crate::table_eq!(common::only_table(&doc), [["本年度报告"]], []);
}

/// A checkbox content control in state `checked` (`None`: no `w14:checked`), showing `shown`.
fn checkbox_sdt(checked: Option<&str>, shown: &str) -> String {
    let state = checked
        .map(|v| format!(r#"<w14:checked w14:val="{v}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<w:sdt><w:sdtPr><w:id w:val="-1"/><w14:checkbox>{state}<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>{shown}</w:t></w:r></w:sdtContent></w:sdt>"#
    )
}

#[test]
fn checkbox_content_controls_give_their_state() {
    // The state decides, not the glyph the content happens to show.
    let body = format!(
        "<w:p>{}{}</w:p><w:p>{}{}</w:p><w:p>{}{}</w:p><w:p>{}{}</w:p>{}",
        checkbox_sdt(Some("1"), "☐"),
        run(" Design"),
        checkbox_sdt(Some("0"), "☒"),
        run(" Documentation"),
        checkbox_sdt(Some("true"), "X"),
        run(" Tests"),
        checkbox_sdt(None, "☒"),
        run(" Release"),
        tbl(
            1,
            &tr(&[cell(&format!(
                "{}{}",
                checkbox_sdt(Some("1"), "☒"),
                run(" Tea")
            ))])
        )
    );
    let doc = convert(&docx(&body));
    assert_eq!(
        doc.blocks[..4],
        [
            para("☒ Design"),
            para("☐ Documentation"),
            para("☒ Tests"),
            para("☐ Release")
        ]
    );
    crate::table_eq!(common::only_table(&doc), [["☒ Tea"]], []);
    // A content control that is not a checkbox keeps its content.
    let plain = r#"<w:p><w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent><w:r><w:t>Zhang</w:t></w:r></w:sdtContent></w:sdt></w:p>"#;
    assert_eq!(convert(&docx(plain)).blocks, vec![para("Zhang")]);
}

/// A legacy checkbox form field with `state` in its `w:checkBox`, and `result` runs if any.
fn form_checkbox(state: &str, result: Option<&str>) -> String {
    let begin = format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{state}</w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>"#
    );
    let result = result
        .map(|r| {
            format!(
                r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>{}"#,
                run(r)
            )
        })
        .unwrap_or_default();
    format!(r#"{begin}{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#)
}

#[test]
fn legacy_checkbox_fields_give_their_state() {
    let body = format!(
        "<w:p>{}{}</w:p><w:p>{}{}</w:p><w:p>{}{}</w:p><w:p>{}{}</w:p>{}",
        form_checkbox(r#"<w:default w:val="1"/>"#, None),
        run(" Yes"),
        form_checkbox(r#"<w:default w:val="1"/><w:checked w:val="0"/>"#, None),
        run(" No"),
        form_checkbox(r#"<w:default w:val="0"/><w:checked/>"#, Some("x")),
        run(" Checked, result replaced"),
        form_checkbox("", None),
        run(" Neither"),
        tbl(
            1,
            &tr(&[cell(&format!(
                "{}{}",
                form_checkbox(r#"<w:default w:val="0"/>"#, None),
                run(" 否")
            ))])
        )
    );
    let doc = convert(&docx(&body));
    assert_eq!(
        doc.blocks[..4],
        [
            para("☒ Yes"),
            para("☐ No"),
            para("☒ Checked, result replaced"),
            para("☐ Neither")
        ]
    );
    crate::table_eq!(common::only_table(&doc), [["☐ 否"]], []);
    // A text form field still shows its result.
    let text_field = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>typed</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    assert_eq!(convert(&docx(text_field)).blocks, vec![para("typed")]);
}

#[test]
fn soft_hyphens_vanish_and_non_breaking_hyphens_are_hyphens() {
    let runs = r#"<w:r><w:t>Rechnungs</w:t><w:softHyphen/><w:t>prüfung 2023</w:t><w:noBreakHyphen/><w:t>24</w:t></w:r>"#;
    let body = format!("<w:p>{runs}</w:p>{}", tbl(1, &tr(&[cell(runs)])));
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks[0], para("Rechnungsprüfung 2023-24"));
    crate::table_eq!(common::only_table(&doc), [["Rechnungsprüfung 2023-24"]], []);
}

const ROLE_STYLES: &str = concat!(
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
    // A localised Word gives the built-in style a translated id; its name stays English.
    r#"<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Author"><w:name w:val="Author"/><w:basedOn w:val="Normal"/></w:style>"#
);

/// A paragraph in style `id`.
fn sp(id: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{id}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn title_subtitle_and_author_paragraphs_complete_the_metadata() {
    let body = format!(
        "{}{}{}{}",
        sp("a3", "2023年政府信息公开工作年度报告"),
        sp("Subtitle", "清河区人民政府"),
        sp("Author", "区政府办公室"),
        common::p("正文。")
    );
    let doc = convert(&Fixture::new(&body).styles(ROLE_STYLES).build());
    assert_eq!(
        doc.blocks,
        vec![
            styled("2023年政府信息公开工作年度报告", "Title"),
            styled("清河区人民政府", "Subtitle"),
            styled("区政府办公室", "Author"),
            para("正文。"),
        ]
    );
    let want: BTreeMap<String, String> = [
        ("author", "区政府办公室"),
        ("subtitle", "清河区人民政府"),
        ("title", "2023年政府信息公开工作年度报告"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(doc.metadata, want);

    // The core properties win where they say something.
    let core = "<dc:title>Annual report</dc:title><dc:creator>Office</dc:creator>";
    let doc = convert(&Fixture::new(&body).styles(ROLE_STYLES).core(core).build());
    assert_eq!(
        doc.metadata.get("title").map(String::as_str),
        Some("Annual report")
    );
    assert_eq!(
        doc.metadata.get("author").map(String::as_str),
        Some("Office")
    );
    assert_eq!(
        doc.metadata.get("subtitle").map(String::as_str),
        Some("清河区人民政府")
    );
}
