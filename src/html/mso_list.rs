//! Word's "Save as HTML" lists: a paragraph styled `mso-list:l0 level2 lfo1` is a list item at
//! level 1, and its marker is the text of the `mso-list:Ignore` span Word writes inside a
//! `<![if !supportLists]>` block (a bullet in a Symbol-font span is that font's character).

use crate::word::symbols;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::Node;

/// An element's inline style, lower-cased, without white space around `:`.
fn style(e: &Element) -> Option<String> {
    let style = e.attr("style")?.to_ascii_lowercase();
    Some(style.replace(": ", ":"))
}

/// The `mso-list` value of an inline style (`l0 level1 lfo1`), when there is one.
fn mso_list(style: &str) -> Option<&str> {
    let at = style.find("mso-list:")? + "mso-list:".len();
    let rest = style.get(at..)?;
    Some(rest.split(';').next().unwrap_or(rest).trim())
}

/// The 0-based list level of a paragraph written as a Word list item (`levelN`, 1-based).
pub(super) fn level(e: &Element) -> Option<u8> {
    let style = style(e)?;
    let level = mso_list(&style)?
        .split_whitespace()
        .find_map(|t| t.strip_prefix("level")?.parse::<u8>().ok())?;
    Some(level.saturating_sub(1))
}

/// Whether the element is the marker span (`mso-list:Ignore`).
pub(super) fn is_marker(e: &Element) -> bool {
    style(e).is_some_and(|s| mso_list(&s).is_some_and(|v| v.starts_with("ignore")))
}

/// Whether `node` is the comment Word opens the marker with (`<![if !supportLists]>`), or
/// closes it with (`<![endif]>`).
pub(super) fn marker_bracket(node: NodeRef<'_, Node>) -> Option<bool> {
    let Node::Comment(c) = node.value() else {
        return None;
    };
    let c = c.comment.trim();
    if c.starts_with("[if !supportLists]") {
        Some(true)
    } else if c.starts_with("[endif]") {
        Some(false)
    } else {
        None
    }
}

/// The marker text of a list paragraph: what its `<![if !supportLists]>` block holds, else its
/// first `mso-list:Ignore` span's text, trimmed of the spaces (`&nbsp;`) that stand for the
/// tab after it.
pub(super) fn marker(paragraph: NodeRef<'_, Node>) -> Option<String> {
    let mut text = String::new();
    let mut inside = false;
    for child in paragraph.children() {
        match marker_bracket(child) {
            Some(true) => inside = true,
            Some(false) if inside => break,
            _ if inside => collect_text(child, &mut text),
            _ => {}
        }
    }
    if text.trim_matches(is_space).is_empty() {
        let span = paragraph
            .descendants()
            .find(|n| n.value().as_element().is_some_and(is_marker))?;
        collect_text(span, &mut text);
    }
    let marker = text.trim_matches(is_space).to_string();
    (!marker.is_empty()).then_some(marker)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}'
}

/// The text under `root`, a symbol font's characters (by the nearest inline `font-family`)
/// mapped to Unicode as the DOCX reader maps them.
fn collect_text(root: NodeRef<'_, Node>, out: &mut String) {
    for node in root.descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        // Word puts the font on a span around the marker span, so all ancestors count.
        let font = node
            .ancestors()
            .filter_map(|a| a.value().as_element().and_then(style))
            .find_map(|s| font_family(&s));
        for c in t.text.chars() {
            match &font {
                // Spaces stay: they stand for the tab after the marker, in any font.
                Some(font) if u32::from(c) < 0x100 && !is_space(c) => {
                    out.push(symbols::to_unicode(font, u32::from(c)).unwrap_or_else(|p| p));
                }
                _ => out.push(c),
            }
        }
    }
}

/// A symbol font named by an inline style's `font-family`.
fn font_family(style: &str) -> Option<String> {
    let at = style.find("font-family:")? + "font-family:".len();
    let value = style.get(at..)?.split(';').next()?;
    let first = value.split(',').next()?.trim().trim_matches(['"', '\'']);
    symbols::SymbolFont::from_name(first).map(|_| first.to_string())
}
