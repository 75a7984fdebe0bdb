//! Paragraph-level structure: headings, style names, list markers.

use crate::common::convert;
use crate::common::{heading, item, p, para, styled, Fixture};
use docgrid::model::{Block, ListItem, Paragraph};

/// A paragraph with style `style_id`.
fn sp(style_id: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

/// A numbered paragraph (`numId`, `ilvl`).
fn np(num_id: u32, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

const NORMAL: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#;

#[test]
fn heading_by_builtin_style() {
    // Heading1 as Word writes it (outline level in the style); Heading2 known by its name only.
    let styles = format!(
        concat!(
            "{}",
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>"#
        ),
        NORMAL
    );
    let body = format!(
        "{}{}{}",
        sp("Heading1", "一、总体情况"),
        p("正文。"),
        sp("Heading2", "（一）主动公开")
    );
    let doc = convert(&Fixture::new(&body).styles(&styles).build());
    assert_eq!(
        doc.blocks,
        vec![
            heading(1, "一、总体情况"),
            para("正文。"),
            heading(2, "（一）主动公开")
        ]
    );
}

#[test]
fn heading_by_localized_style() {
    // Chinese Word numbers its built-in style ids ("1", "2"); some producers also localise the
    // name. Neither style carries an outline level, so the name decides.
    let styles = format!(
        concat!(
            "{}",
            r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/><w:basedOn w:val="Normal"/></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>"#
        ),
        NORMAL
    );
    let body = format!("{}{}", sp("1", "一、总体情况"), sp("2", "（一）主动公开"));
    let doc = convert(&Fixture::new(&body).styles(&styles).build());
    assert_eq!(
        doc.blocks,
        vec![heading(1, "一、总体情况"), heading(2, "（一）主动公开")]
    );
}

#[test]
fn heading_by_direct_outline_level() {
    // outlineLvl 0..8 are heading levels 1..9; 9 means body text.
    let lvl = |v: u8, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:outlineLvl w:val="{v}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = format!("{}{}{}", lvl(0, "甲"), lvl(1, "乙"), lvl(9, "丙"));
    let doc = convert(&Fixture::new(&body).build());
    assert_eq!(
        doc.blocks,
        vec![heading(1, "甲"), heading(2, "乙"), para("丙")]
    );
}

#[test]
fn paragraph_style_name_unless_default() {
    let styles = format!(
        r#"{NORMAL}<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/></w:style>"#
    );
    let body = format!("{}{}{}", sp("BodyText", "x"), sp("Normal", "y"), p("z"));
    let doc = convert(&Fixture::new(&body).styles(&styles).build());
    assert_eq!(
        doc.blocks,
        vec![styled("x", "Body Text"), para("y"), para("z")]
    );
}

/// numId 1: decimal `%1.` / `%1.%2`; numId 2: chineseCounting `%1、`; numId 3: the same from 10.
const NUMBERING: &str = concat!(
    r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>"#,
    r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="10"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>"#,
    r#"</w:abstractNum>"#,
    r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
    r#"<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
    r#"<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#
);

#[test]
fn list_decimal_markers() {
    let body = format!("{}{}", np(1, 0, "甲"), np(1, 0, "乙"));
    let doc = convert(&Fixture::new(&body).numbering(NUMBERING).build());
    assert_eq!(doc.blocks, vec![item("甲", 0, "1."), item("乙", 0, "2.")]);
}

#[test]
fn list_chinese_counting_markers() {
    let body = format!(
        "{}{}{}",
        np(2, 0, "总体情况"),
        np(2, 0, "主动公开政府信息情况"),
        np(2, 0, "收到和处理政府信息公开申请情况")
    );
    let doc = convert(&Fixture::new(&body).numbering(NUMBERING).build());
    assert_eq!(
        doc.blocks,
        vec![
            item("总体情况", 0, "一、"),
            item("主动公开政府信息情况", 0, "二、"),
            item("收到和处理政府信息公开申请情况", 0, "三、"),
        ]
    );
}

#[test]
fn list_chinese_counting_tens() {
    let body = format!("{}{}", np(3, 0, "第十项"), np(3, 0, "第十一项"));
    let doc = convert(&Fixture::new(&body).numbering(NUMBERING).build());
    assert_eq!(
        doc.blocks,
        vec![item("第十项", 0, "十、"), item("第十一项", 0, "十一、")]
    );
}

#[test]
fn list_two_levels_restart_below() {
    // A level-1 counter restarts after each level-0 item (lvlRestart's default).
    let body = format!(
        "{}{}{}{}{}",
        np(1, 0, "a"),
        np(1, 1, "a1"),
        np(1, 1, "a2"),
        np(1, 0, "b"),
        np(1, 1, "b1")
    );
    let doc = convert(&Fixture::new(&body).numbering(NUMBERING).build());
    assert_eq!(
        doc.blocks,
        vec![
            item("a", 0, "1."),
            item("a1", 1, "1.1"),
            item("a2", 1, "1.2"),
            item("b", 0, "2."),
            item("b1", 1, "2.1"),
        ]
    );
}

#[test]
fn heading_level_inherited_through_based_on() {
    let styles = format!(
        concat!(
            "{}",
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>"#,
            r#"<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="ChapterTitle"><w:name w:val="Chapter Title"/>"#,
            r#"<w:basedOn w:val="Heading1"/></w:style>"#
        ),
        NORMAL
    );
    let doc = convert(
        &Fixture::new(&sp("ChapterTitle", "第一章"))
            .styles(&styles)
            .build(),
    );
    assert_eq!(doc.blocks, vec![heading(1, "第一章")]);
}

#[test]
fn list_numbering_from_paragraph_style() {
    // The numbering comes from the style's numPr, not from the paragraph.
    let styles = format!(
        r#"{NORMAL}<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#
    );
    let body = format!("{}{}", sp("ListNumber", "甲"), sp("ListNumber", "乙"));
    let doc = convert(
        &Fixture::new(&body)
            .styles(&styles)
            .numbering(NUMBERING)
            .build(),
    );
    let listed = |text: &str, marker: &str| {
        Block::Paragraph(Paragraph {
            text: text.into(),
            style: Some("List Number".into()),
            list: Some(ListItem {
                level: 0,
                marker: Some(marker.into()),
            }),
            page: None,
            ocr: None,
        })
    };
    assert_eq!(doc.blocks, vec![listed("甲", "1."), listed("乙", "2.")]);
}

#[test]
fn num_id_zero_removes_numbering() {
    let body = format!("{}{}{}", np(1, 0, "甲"), np(0, 0, "plain"), np(1, 0, "乙"));
    let doc = convert(&Fixture::new(&body).numbering(NUMBERING).build());
    assert_eq!(
        doc.blocks,
        vec![item("甲", 0, "1."), para("plain"), item("乙", 0, "2.")]
    );
}

#[test]
fn numbered_headings_carry_their_label() {
    // Heading 1 and 2 styles linked to levels 0 and 1 of numId 1 ("%1." and "%1.%2"), as Word's
    // multilevel heading lists are; the number is the label, the text stays without it.
    let styles = format!(
        concat!(
            "{}",
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#
        ),
        NORMAL
    );
    // A Heading 2 before any Heading 1: its parent shows 1 and counts as used, so the first
    // Heading 1 is "2." (Microsoft KB Q197139).
    let body = [
        sp("Heading2", "Scope"),
        sp("Heading1", "Overview"),
        sp("Heading2", "Goals"),
        sp("Heading2", "Limits"),
        sp("Heading1", "Method"),
        p("Body."),
    ]
    .concat();
    let doc = convert(
        &Fixture::new(&body)
            .styles(&styles)
            .numbering(NUMBERING)
            .build(),
    );
    let labelled = |level: u8, label: &str, text: &str| {
        Block::Heading(docgrid::model::Heading {
            level,
            text: text.into(),
            label: Some(label.into()),
            page: None,
            ocr: None,
        })
    };
    assert_eq!(
        doc.blocks,
        vec![
            labelled(2, "1.1", "Scope"),
            labelled(1, "2.", "Overview"),
            labelled(2, "2.1", "Goals"),
            labelled(2, "2.2", "Limits"),
            labelled(1, "3.", "Method"),
            para("Body."),
        ]
    );
    let mut md = Vec::new();
    docgrid::write::markdown::write(&doc, &Default::default(), &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("## 2.1 Goals\n"), "{md}");
}
