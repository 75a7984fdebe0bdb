//! Tests of numbering.xml reading and marker rendering.

use super::*;
use crate::docx::package::tests::{corpus, zip_of};
use crate::limits::Limits;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const DOC: &[u8] =
    b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";

fn lvl(ilvl: u8, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}</w:lvl>"#
    )
}

/// Loads `body` (children of `w:numbering`) with `styles` (children of `w:styles`).
fn load(body: &str, styles: &str) -> (Numbering, Styles, Vec<Warning>) {
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">{body}</w:numbering>"#
    );
    let styles = format!(r#"<w:styles xmlns:w="{W}">{styles}</w:styles>"#);
    let z = zip_of(&[
        ("word/document.xml", DOC),
        ("word/numbering.xml", numbering.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ]);
    let mut pkg = Package::open(&z, &Limits::default()).unwrap();
    let rels = Rels::default();
    let mut warnings = Vec::new();
    let st = Styles::load(&mut pkg, &rels, &mut warnings).unwrap();
    let n = Numbering::load(&mut pkg, &rels, &st, &mut warnings).unwrap();
    (n, st, warnings)
}

fn markers(n: &Numbering, seq: &[(&str, u8)]) -> Vec<Option<String>> {
    let mut c = Counters::default();
    seq.iter()
        .map(|(num, ilvl)| {
            let item = n.item(&mut c, num, *ilvl).unwrap();
            assert_eq!(item.level, *ilvl);
            item.marker
        })
        .collect()
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some(s.to_string())).collect()
}

#[test]
fn multilevel_decimal_resets_deeper_levels() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, "decimal", "%1.", ""),
        lvl(1, "decimal", "%1.%2.", ""),
        lvl(2, "lowerLetter", "(%3)", ""),
    );
    let (n, _, w) = load(&body, "");
    assert!(w.is_empty());
    let seq = [
        ("1", 0),
        ("1", 0),
        ("1", 1),
        ("1", 2),
        ("1", 1),
        ("1", 2),
        ("1", 0),
        ("1", 1),
    ];
    assert_eq!(
        markers(&n, &seq),
        some(&["1.", "2.", "2.1.", "(a)", "2.2.", "(a)", "3.", "3.1."])
    );
}

#[test]
fn lvl_restart_zero_never_restarts_and_missing_parent_counts_from_start() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, "decimal", "%1.", ""),
        lvl(1, "lowerLetter", "%1%2)", r#"<w:lvlRestart w:val="0"/>"#),
    );
    let (n, _, _) = load(&body, "");
    let seq = [("1", 1), ("1", 0), ("1", 1), ("1", 0), ("1", 1)];
    // The parent never seen shows its start and is then used: Word numbers the first level-0
    // item after a level-1 one "2." (Microsoft KB Q197139).
    assert_eq!(markers(&n, &seq), some(&["1a)", "2.", "2b)", "3.", "3c)"]));
}

#[test]
fn shared_abstract_continues_and_override_restarts() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="3">{}</w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>"#,
        lvl(0, "decimal", "%1.", ""),
    );
    let (n, _, _) = load(&body, "");
    let seq = [("1", 0), ("1", 0), ("2", 0), ("2", 0), ("3", 0)];
    assert_eq!(markers(&n, &seq), some(&["1.", "2.", "5.", "6.", "3."]));
    let mut c = Counters::default();
    assert!(n.item(&mut c, "0", 0).is_none());
    assert!(n.item(&mut c, "42", 0).is_none());
}

#[test]
fn chinese_list_markers() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, "chineseCounting", "%1、", ""),
        lvl(1, "chineseCountingThousand", "（%2）", ""),
    );
    let (n, _, _) = load(&body, "");
    let mut seq = vec![("1", 0u8); 11];
    seq.push(("1", 1));
    let got = markers(&n, &seq);
    assert_eq!(got[0].as_deref(), Some("一、"));
    assert_eq!(got[9].as_deref(), Some("十、"));
    assert_eq!(got[10].as_deref(), Some("十一、"));
    assert_eq!(got[11].as_deref(), Some("（一）"));
}

#[test]
fn legal_numbering_bullets_none_and_missing_start() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum>
        <w:abstractNum w:abstractNumId="1">{}{}{}</w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#,
        lvl(0, "upperRoman", "%1.", ""),
        lvl(1, "decimal", "%1.%2", "<w:isLgl/>"),
        lvl(0, "bullet", "\u{F0B7}", ""),
        lvl(1, "bullet", "o", ""),
        lvl(2, "none", "%3", ""),
    );
    let (n, _, _) = load(&body, "");
    let seq = [
        ("1", 0),
        ("1", 0),
        ("1", 1),
        ("2", 0),
        ("2", 1),
        ("2", 2),
        ("3", 0),
    ];
    let want = [
        Some("I."),
        Some("II."),
        Some("2.1"),
        Some("•"),
        Some("o"),
        None,
        Some("0)"),
    ];
    let want: Vec<Option<String>> = want.iter().map(|m| m.map(str::to_string)).collect();
    assert_eq!(markers(&n, &seq), want);
}

#[test]
fn alternate_content_format_falls_back_from_custom() {
    let body = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
        <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>
        <mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>
        <w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let (n, _, _) = load(body, "");
    assert_eq!(markers(&n, &[("1", 0)]), some(&["01."]));
}

#[test]
fn num_style_link_and_pstyle_level_links() {
    let body = format!(
        r#"<w:abstractNum w:abstractNumId="10"><w:numStyleLink w:val="MyList"/></w:abstractNum>
        <w:abstractNum w:abstractNumId="11"><w:styleLink w:val="MyList"/>{}{}</w:abstractNum>
        <w:num w:numId="7"><w:abstractNumId w:val="11"/></w:num>
        <w:num w:numId="8"><w:abstractNumId w:val="10"/></w:num>"#,
        lvl(0, "upperLetter", "%1.", r#"<w:pStyle w:val="H1"/>"#),
        lvl(1, "decimal", "%1-%2", r#"<w:pStyle w:val="H2"/>"#),
    );
    let styles = r#"<w:style w:type="numbering" w:styleId="MyList"><w:name w:val="My List"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#;
    let (n, st, _) = load(&body, styles);
    assert_eq!(markers(&n, &[("8", 0), ("8", 1)]), some(&["A.", "A-1"]));
    assert_eq!(st.numbering("H2"), Some(("7".to_string(), 1)));
}

#[test]
fn malformed_numbering_is_a_warning() {
    let (n, _, w) = load("<w:abstractNum>", "");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "docx.bad_numbering");
    assert!(n.item(&mut Counters::default(), "1", 0).is_none());
}

#[test]
fn corpus_strict_numbering() {
    let Some(dir) = corpus() else { return };
    let bytes = std::fs::read(dir.join("docx2python/strict.docx")).unwrap();
    let mut pkg = Package::open(&bytes, &Limits::default()).unwrap();
    let rels = pkg.rels_of("word/document.xml").unwrap();
    let mut warnings = Vec::new();
    let st = Styles::load(&mut pkg, &rels, &mut warnings).unwrap();
    let n = Numbering::load(&mut pkg, &rels, &st, &mut warnings).unwrap();
    assert!(warnings.is_empty());
    assert!(!n.nums.is_empty());
}
