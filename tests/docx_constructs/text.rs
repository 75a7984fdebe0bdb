//! Run-level constructs: what text a paragraph carries and what it must never carry.

use crate::common::{self, convert, docx, para, to_json, Fixture};
use docgrid::model::Note;

/// A complex field: `begin`, instruction, `separate`, result runs, `end`.
fn field(instr: &str, result_runs: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{result_runs}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

/// One run of text, space-preserving.
fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn assert_absent(json: &str, needles: &[&str]) {
    for n in needles {
        assert!(
            !json.contains(n),
            "{n:?} must not appear in the output: {json}"
        );
    }
}

#[test]
fn tab_br_and_cr_become_tab_and_newline() {
    let doc = convert(&docx(
        r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r></w:p>"#,
    ));
    assert_eq!(doc.blocks, vec![para("a\tb\nc\nd")]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn bookmarks_never_in_text() {
    let cell = r#"<w:tc><w:p><w:bookmarkStart w:id="3" w:name="_GoBack"/><w:bookmarkEnd w:id="3"/><w:r><w:t>单元格</w:t></w:r></w:p></w:tc>"#;
    let body = format!(
        r#"<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:t>本报告由</w:t></w:r><w:bookmarkStart w:id="1" w:name="_Toc123456"/><w:r><w:t>办公室编制</w:t></w:r><w:bookmarkEnd w:id="1"/><w:bookmarkStart w:id="2" w:name="MyAnchor"/><w:bookmarkEnd w:id="2"/></w:p>{}"#,
        common::tbl(1, &format!("<w:tr>{cell}</w:tr>"))
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks.len(), 2);
    assert_eq!(doc.blocks[0], para("本报告由办公室编制"));
    crate::table_eq!(common::only_table(&doc), [["单元格"]], []);
    assert_absent(
        &to_json(&doc),
        &["_GoBack", "_Toc123456", "MyAnchor", "bookmark"],
    );
}

#[test]
fn insertions_kept_deletions_dropped() {
    let body = format!(
        r#"<w:p>{}<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">{}</w:ins><w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">deleted </w:delText></w:r></w:del>{}</w:p>"#,
        run("keep "),
        run("inserted "),
        run("end.")
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("keep inserted end.")]);
    assert_absent(&to_json(&doc), &["deleted"]);
}

#[test]
fn move_to_kept_move_from_dropped() {
    let d = r#"w:author="A" w:date="2024-01-01T00:00:00Z""#;
    let body = format!(
        r#"<w:p><w:moveFromRangeStart w:id="10" {d} w:name="move1"/><w:moveFrom w:id="11" {d}>{}</w:moveFrom><w:moveFromRangeEnd w:id="10"/>{}<w:moveToRangeStart w:id="12" {d} w:name="move1"/><w:moveTo w:id="13" {d}>{}</w:moveTo><w:moveToRangeEnd w:id="12"/></w:p>"#,
        run("old place "),
        run("stays "),
        run("new place")
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("stays new place")]);
    assert_absent(&to_json(&doc), &["old place", "move1"]);
}

#[test]
fn content_controls_block_run_and_nested() {
    let body = format!(
        concat!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="封面标题"/><w:tag w:val="TitleTag"/><w:id w:val="1"/>"#,
            r#"<w:placeholder><w:docPart w:val="DefaultPlaceholder_1081868574"/></w:placeholder><w:text/></w:sdtPr>"#,
            r#"<w:sdtEndPr/><w:sdtContent><w:p>{}</w:p></w:sdtContent></w:sdt>"#,
            r#"<w:p>{}<w:sdt><w:sdtPr><w:alias w:val="RunAlias"/><w:dropDownList>"#,
            r#"<w:listItem w:displayText="Option A" w:value="A"/></w:dropDownList></w:sdtPr>"#,
            r#"<w:sdtContent>{}</w:sdtContent></w:sdt></w:p>"#,
            r#"<w:sdt><w:sdtPr><w:alias w:val="OuterAlias"/></w:sdtPr><w:sdtContent>"#,
            r#"<w:sdt><w:sdtPr><w:alias w:val="InnerAlias"/></w:sdtPr><w:sdtContent>"#,
            r#"<w:p>{}<w:sdt><w:sdtPr><w:tag w:val="DeepTag"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:p>"#,
            r#"</w:sdtContent></w:sdt></w:sdtContent></w:sdt>"#
        ),
        run("block control"),
        run("Name: "),
        run("张三"),
        run("nested "),
        run("deep")
    );
    let doc = convert(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![
            para("block control"),
            para("Name: 张三"),
            para("nested deep")
        ]
    );
    assert_absent(
        &to_json(&doc),
        &[
            "封面标题",
            "TitleTag",
            "DefaultPlaceholder",
            "RunAlias",
            "Option A",
            "OuterAlias",
            "DeepTag",
        ],
    );
}

#[test]
fn smart_tags_nested_and_custom_xml() {
    let body = format!(
        concat!(
            r#"<w:p>{}<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">"#,
            r#"<w:smartTagPr><w:attr w:name="Country" w:val="SMARTATTR"/></w:smartTagPr>"#,
            r#"<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">{}</w:smartTag>"#,
            r#"</w:smartTag>{}</w:p>"#,
            r#"<w:customXml w:uri="urn:example" w:element="block"><w:customXmlPr><w:attr w:name="k" w:val="CUSTOMATTR"/></w:customXmlPr>"#,
            r#"<w:p><w:customXml w:uri="urn:example" w:element="inline">{}</w:customXml></w:p></w:customXml>"#
        ),
        run("Meet in "),
        run("Beijing"),
        run("."),
        run("custom text")
    );
    let doc = convert(&docx(&body));
    assert_eq!(
        doc.blocks,
        vec![para("Meet in Beijing."), para("custom text")]
    );
    assert_absent(&to_json(&doc), &["SMARTATTR", "CUSTOMATTR"]);
}

#[test]
fn hyperlink_text_kept() {
    let body = format!(
        r#"<w:p>{}<w:hyperlink r:id="rId9" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>the site</w:t></w:r></w:hyperlink>{}<w:hyperlink w:anchor="_Toc1"><w:r><w:t>section 2</w:t></w:r></w:hyperlink>{}</w:p>"#,
        run("See "),
        run(" and "),
        run(".")
    );
    let bytes = Fixture::new(&body)
        .rel("rId9", "hyperlink", "https://example.com/", true)
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("See the site and section 2.")]);
}

#[test]
fn fld_simple_result_kept() {
    let body = format!(
        r#"<w:p>{}<w:fldSimple w:instr=" FILENAME \* MERGEFORMAT "><w:r><w:t>report.docx</w:t></w:r></w:fldSimple></w:p>"#,
        run("File: ")
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("File: report.docx")]);
    assert_absent(&to_json(&doc), &["FILENAME", "MERGEFORMAT"]);
}

#[test]
fn complex_field_only_result() {
    let body = format!(
        "<w:p>{}{}{}{}</w:p>",
        run("Page "),
        field(" PAGE ", &run("7")),
        run(" of "),
        field(" NUMPAGES \\* MERGEFORMAT ", &run("12"))
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("Page 7 of 12")]);
    assert_absent(&to_json(&doc), &["NUMPAGES", "PAGE ", "MERGEFORMAT"]);
}

#[test]
fn nested_complex_fields() {
    // A field nested in the outer field's instruction is part of that instruction: its result
    // ("1") is code, not text. A field nested in the result (a TOC's PAGEREF) shows its result.
    let inner_in_code = format!(
        concat!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>"#,
            "{}",
            r#"<w:r><w:instrText xml:space="preserve"> = "1" "yes" "no" </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        ),
        field(" MERGEFIELD flag ", &run("1")),
        run("yes")
    );
    let toc_result = format!(
        r#"{}<w:r><w:tab/></w:r>{}"#,
        run("Chapter 1"),
        field(" PAGEREF _Toc1 \\h ", &run("3"))
    );
    let body = format!(
        "<w:p>{}{}{}</w:p><w:p>{}</w:p>",
        run("A "),
        inner_in_code,
        run(" B"),
        field(r#" TOC \o "1-3" \h \z \u "#, &toc_result)
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("A yes B"), para("Chapter 1\t3")]);
    assert_absent(&to_json(&doc), &["MERGEFIELD", "PAGEREF", "TOC", "_Toc1"]);
}

#[test]
fn field_without_separate_has_no_text() {
    let body = format!(
        r#"<w:p>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY CODEONLY </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p>"#,
        run("before "),
        run("after")
    );
    let doc = convert(&docx(&body));
    assert_eq!(doc.blocks, vec![para("before after")]);
    assert_absent(&to_json(&doc), &["CODEONLY", "DOCPROPERTY"]);
}

#[test]
fn text_box_in_alternate_content_appears_once() {
    let txbx =
        r#"<w:txbxContent><w:p><w:r><w:t>文本框内容UNIQUE</w:t></w:r></w:p></w:txbxContent>"#;
    let body = format!(
        concat!(
            r#"<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>"#,
            r#"<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">"#,
            r#"<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>"#,
            r#"<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>"#,
            r#"<wp:extent cx="1828800" cy="457200"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>"#,
            r#"<wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#,
            r#"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{txbx}</wps:txbx><wps:bodyPr/></wps:wsp>"#,
            r#"</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"#,
            r##"<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"##,
            r##"<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;width:144pt;height:36pt">"##,
            r#"<v:textbox>{txbx}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
        ),
        txbx = txbx
    );
    let doc = convert(&docx(&body));
    let json = to_json(&doc);
    assert_eq!(json.matches("文本框内容UNIQUE").count(), 1, "{json}");
    assert_eq!(json.matches("锚定段落").count(), 1, "{json}");
    assert_absent(&json, &["_x0000", "文本框 1"]);
}

#[test]
fn comment_anchors_absent() {
    let body = format!(
        r#"<w:p><w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>{}</w:p>"#,
        run("commented"),
        run(" text")
    );
    let bytes = Fixture::new(&body)
        .comments(r#"<w:comment w:id="0" w:author="Reviewer" w:date="2024-01-01T00:00:00Z" w:initials="R"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>COMMENT BODY</w:t></w:r></w:p></w:comment>"#)
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("commented text")]);
}

const NOTE_SEPARATORS: &str = concat!(
    r#"<w:{k} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{k}>"#,
    r#"<w:{k} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{k}>"#
);

fn notes_part(kind: &str, body: &str) -> String {
    let reference = if kind == "footnote" {
        "<w:footnoteRef/>"
    } else {
        "<w:endnoteRef/>"
    };
    format!(
        r#"{}<w:{kind} w:id="1"><w:p><w:r>{reference}</w:r><w:r><w:t>{body}</w:t></w:r></w:p></w:{kind}>"#,
        NOTE_SEPARATORS.replace("{k}", kind)
    )
}

#[test]
fn footnote_reference_not_in_text_note_in_notes() {
    let body = format!(
        r#"<w:p>{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>{}</w:p>"#,
        run("正文"),
        run("结束。")
    );
    let bytes = Fixture::new(&body)
        .footnotes(&notes_part("footnote", "脚注内容。"))
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("正文结束。")]);
    assert_eq!(
        doc.notes,
        vec![Note {
            kind: "footnote",
            id: "1".into(),
            text: "脚注内容。".into()
        }]
    );
}

#[test]
fn endnote_reference_not_in_text_note_in_notes() {
    let body = format!(
        r#"<w:p>{}<w:r><w:endnoteReference w:id="1"/></w:r></w:p>"#,
        run("see the end")
    );
    let bytes = Fixture::new(&body)
        .endnotes(&notes_part("endnote", "End note."))
        .build();
    let doc = convert(&bytes);
    assert_eq!(doc.blocks, vec![para("see the end")]);
    assert_eq!(
        doc.notes,
        vec![Note {
            kind: "endnote",
            id: "1".into(),
            text: "End note.".into()
        }]
    );
}

#[test]
fn field_spanning_paragraphs_shows_results_only() {
    // A TOC field begins in its first paragraph and ends in its last; each entry holds a nested
    // PAGEREF. The field state must carry from one paragraph to the next.
    let begin = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-3" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#;
    let entry = |title: &str, page: &str| {
        format!(
            r#"<w:hyperlink w:anchor="_Toc{page}" w:history="1">{}<w:r><w:tab/></w:r>{}</w:hyperlink>"#,
            run(title),
            field(&format!(" PAGEREF _Toc{page} \\h "), &run(page))
        )
    };
    let end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let body = format!(
        "<w:p>{begin}{}</w:p><w:p>{}</w:p><w:p>{end}</w:p>{}",
        entry("一、总体情况", "1"),
        entry("二、主动公开", "2"),
        common::p("正文")
    );
    let doc = convert(&docx(&body));
    let texts: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            docgrid::model::Block::Paragraph(p) if !p.text.is_empty() => Some(p.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec!["一、总体情况\t1", "二、主动公开\t2", "正文"]);
    assert_absent(&to_json(&doc), &["PAGEREF", "TOC", "_Toc"]);
}

#[test]
fn vml_text_box_without_alternate_content() {
    let body = r##"<w:p><w:r><w:t>前</w:t></w:r><w:r><w:pict><v:shape id="_x0000_s1026" type="#_x0000_t202" style="width:144pt;height:36pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>VMLBOX</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"##;
    let doc = convert(&docx(body));
    let json = to_json(&doc);
    assert_eq!(json.matches("VMLBOX").count(), 1, "{json}");
    assert_absent(&json, &["_x0000"]);
}
