//! A linear pass over the markup before html5ever builds its tree, refusing pages whose tree
//! would be too deep or too large. The walker's own depth check comes too late: html5ever's
//! tree builder scans the stack of open elements for every tag, so 100,000 nested `<div>`s take
//! 16 s to parse before any check of ours runs, and its tree costs about 800 bytes per element
//! (2 million paragraphs: 1.6 GB).
//!
//! The depth is an estimate from the tags alone, modelled on the tree builder's generic rules:
//! an end tag closes the nearest open element of its name and everything opened inside it, an
//! end tag with no open element of its name is ignored, void elements never open, elements
//! whose end tag is optional (`p`, `li`, `td`, ...) are not counted (the parser closes them
//! implicitly), and the contents of raw-text elements, comments and declarations are skipped.
//! It never counts an element html5ever would not nest, except in markup no editor writes.

use crate::error::{Error, ErrorKind};
use crate::Limits;
use std::collections::HashMap;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "bgsound", "frame", "keygen",
];

/// Elements that never nest in a real tree: the parser merges or drops repeats of them.
const NEVER_NEST: &[&str] = &[
    "html", "head", "body", "caption", "colgroup", "rb", "rt", "rtc", "rp",
];

/// Start tags that close an open element first, as the tree builder's rules for elements with
/// optional end tags do: (the starting names, the names closed, the names that stop the search).
const IMPLIED_ENDS: &[(&[&str], &[&str], &[&str])] = &[
    (&["td", "th"], &["td", "th"], &["table"]),
    (&["tr"], &["tr"], &["table"]),
    (
        &["tbody", "thead", "tfoot"],
        &["tbody", "thead", "tfoot"],
        &["table"],
    ),
    (&["li"], &["li"], &["ul", "ol", "menu"]),
    (&["dd", "dt"], &["dd", "dt"], &["dl"]),
    (&["option", "optgroup"], &["option"], &["select"]),
    (&["optgroup"], &["optgroup"], &["select"]),
    (
        &[
            "p",
            "address",
            "article",
            "aside",
            "blockquote",
            "center",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hgroup",
            "hr",
            "main",
            "menu",
            "nav",
            "ol",
            "pre",
            "section",
            "summary",
            "table",
            "ul",
            "li",
            "dd",
            "dt",
        ],
        &["p"],
        &[
            "td", "th", "table", "button", "caption", "marquee", "object", "applet",
        ],
    ),
];

/// Formatting elements: the parser remembers them unclosed and reopens them in each new block.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements whose start puts a marker in the list of active formatting elements.
const MARKERS: &[&str] = &[
    "td", "th", "caption", "applet", "object", "marquee", "template",
];

/// Start tags after which the parser reopens the active formatting elements (block content).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "center",
    "address",
];

/// The tree builder's list of active formatting elements, modelled by tag text: entries after
/// the last marker (`None`), at most three identical ones (its "Noah's Ark" clause).
#[derive(Default)]
struct ActiveFormatting {
    entries: Vec<Option<(String, Vec<u8>)>>,
}

impl ActiveFormatting {
    fn open(&mut self, name: &str, tag: &[u8]) {
        let tag = tag.to_ascii_lowercase();
        let start = self.marker_index();
        let same: Vec<usize> = (start..self.entries.len())
            .filter(|&i| matches!(self.entries.get(i), Some(Some((_, t))) if *t == tag))
            .collect();
        if same.len() >= 3 {
            if let Some(&first) = same.first() {
                self.entries.remove(first);
            }
        }
        self.entries.push(Some((name.to_string(), tag)));
    }

    fn close(&mut self, name: &str) {
        let start = self.marker_index();
        if let Some(i) = (start..self.entries.len())
            .rev()
            .find(|&i| matches!(self.entries.get(i), Some(Some((n, _))) if n == name))
        {
            self.entries.remove(i);
        }
    }

    fn clear_to_marker(&mut self) {
        while let Some(entry) = self.entries.pop() {
            if entry.is_none() {
                break;
            }
        }
    }

    /// Where the entries after the last marker begin.
    fn marker_index(&self) -> usize {
        self.entries
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |i| i + 1)
    }

    fn after_marker(&self) -> usize {
        self.entries.len() - self.marker_index()
    }
}

/// Elements whose content is text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Checks the page against `max_depth` and `max_html_elements` without building a tree.
pub(super) fn check(text: &str, limits: &Limits) -> Result<(), Error> {
    let bytes = text.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many of each name are on `open`, so an unmatched end tag costs no stack scan.
    let mut open_count: HashMap<String, usize> = HashMap::new();
    let mut elements: u64 = 0;
    let mut formatting = ActiveFormatting::default();
    let mut at = 0;
    while let Some(offset) = memchr_lt(bytes, at) {
        let tag_start = offset + 1;
        let Some(&next) = bytes.get(tag_start) else {
            break;
        };
        if next == b'!' || next == b'?' {
            at = skip_declaration(bytes, tag_start);
            continue;
        }
        let closing = next == b'/';
        let name_start = tag_start + usize::from(closing);
        let name = tag_name(bytes, name_start);
        if name.is_empty() {
            at = tag_start;
            continue;
        }
        at = tag_end(bytes, name_start + name.len());
        if FORMATTING.contains(&name.as_str()) {
            if closing {
                formatting.close(&name);
            } else {
                let tag = bytes.get(offset..at).unwrap_or_default();
                formatting.open(&name, tag);
                if formatting.entries.len() > limits.max_depth {
                    return Err(limit("max_depth", limits.max_depth as u64));
                }
            }
        } else if MARKERS.contains(&name.as_str()) || name == "tr" || name == "table" {
            formatting.clear_to_marker();
            if !closing && MARKERS.contains(&name.as_str()) {
                formatting.entries.push(None);
            }
        }
        if closing {
            if open_count.get(&name).copied().unwrap_or(0) > 0 {
                while let Some(top) = open.pop() {
                    if let Some(n) = open_count.get_mut(&top) {
                        *n = n.saturating_sub(1);
                    }
                    if top == name {
                        break;
                    }
                }
            }
            continue;
        }
        elements += 1;
        if BLOCKS.contains(&name.as_str()) {
            // The parser reopens every active formatting element inside the new block.
            elements += formatting.after_marker() as u64;
        }
        if elements > limits.max_html_elements {
            return Err(limit("max_html_elements", limits.max_html_elements));
        }
        if RAW_TEXT.contains(&name.as_str()) {
            at = skip_raw_text(bytes, at, &name);
            continue;
        }
        for (starting, closed, stops) in IMPLIED_ENDS {
            if starting.contains(&name.as_str()) {
                close_nearest(&mut open, &mut open_count, closed, stops);
            }
        }
        let self_closing = at >= 2 && bytes.get(at - 2) == Some(&b'/');
        if VOID.contains(&name.as_str()) || NEVER_NEST.contains(&name.as_str()) || self_closing {
            continue;
        }
        *open_count.entry(name.clone()).or_insert(0) += 1;
        open.push(name);
        if open.len() > limits.max_depth {
            return Err(limit("max_depth", limits.max_depth as u64));
        }
    }
    Ok(())
}

/// Pops the nearest open element named in `closed`, and everything above it, unless an element
/// named in `stops` comes first.
fn close_nearest(
    open: &mut Vec<String>,
    open_count: &mut HashMap<String, usize>,
    closed: &[&str],
    stops: &[&str],
) {
    if !closed
        .iter()
        .any(|c| open_count.get(*c).copied().unwrap_or(0) > 0)
    {
        return;
    }
    let Some(index) = open
        .iter()
        .rposition(|n| closed.contains(&n.as_str()) || stops.contains(&n.as_str()))
    else {
        return;
    };
    if open
        .get(index)
        .is_some_and(|n| closed.contains(&n.as_str()))
    {
        for name in open.drain(index..) {
            if let Some(n) = open_count.get_mut(&name) {
                *n = n.saturating_sub(1);
            }
        }
    }
}

fn limit(what: &'static str, limit: u64) -> Error {
    Error::new(ErrorKind::Limit {
        part: "html".to_string(),
        what,
        limit,
    })
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&b| b == b'<')
        .map(|p| from + p)
}

/// The lower-cased tag name starting at `at` (letters first, as the tokenizer requires).
fn tag_name(bytes: &[u8], at: usize) -> String {
    let rest = bytes.get(at..).unwrap_or_default();
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return String::new();
    }
    rest.iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'/')
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// The offset just past the tag's `>`, stepping over quoted attribute values.
fn tag_end(bytes: &[u8], mut at: usize) -> usize {
    let mut quote = None;
    while let Some(&b) = bytes.get(at) {
        at += 1;
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return at,
            _ => {}
        }
    }
    at
}

/// Past a comment (`<!-- ... -->`) or another `<!...>` / `<?...>` construct.
fn skip_declaration(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    if rest.starts_with(b"!--") {
        return find(bytes, at + 3, b"-->").map_or(bytes.len(), |p| p + 3);
    }
    find(bytes, at, b">").map_or(bytes.len(), |p| p + 1)
}

/// Past the end tag of a raw-text element (`</script`), whatever its case.
fn skip_raw_text(bytes: &[u8], at: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let mut from = at;
    while let Some(p) = find(bytes, from, b"</") {
        let candidate = bytes.get(p..p + close.len()).unwrap_or_default();
        if candidate.eq_ignore_ascii_case(close.as_bytes()) {
            return p;
        }
        from = p + 2;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_limit(n: usize) -> Limits {
        Limits {
            max_depth: n,
            ..Limits::default()
        }
    }

    fn refused(text: &str, limits: &Limits) -> Option<&'static str> {
        match check(text, limits) {
            Ok(()) => None,
            Err(e) => match e.kind() {
                ErrorKind::Limit { what, .. } => Some(*what),
                _ => Some("other"),
            },
        }
    }

    #[test]
    fn nested_divs_past_the_depth_are_refused_before_parsing() {
        let page = "<div>".repeat(11);
        assert_eq!(refused(&page, &depth_limit(10)), Some("max_depth"));
        assert_eq!(refused(&"<div>".repeat(10), &depth_limit(10)), None);
    }

    #[test]
    fn closed_siblings_optional_ends_and_voids_do_not_nest() {
        let limits = depth_limit(4);
        let siblings = "<div>a</div>".repeat(1000);
        let rows = format!(
            "<table>{}</table>",
            "<tr><td><p>x<br><img src=a>".repeat(1000)
        );
        let items = format!("<ul>{}</ul>", "<li>x".repeat(1000));
        let selfclosed = "<span/>".repeat(1000);
        assert_eq!(refused(&siblings, &limits), None);
        assert_eq!(refused(&rows, &limits), None);
        assert_eq!(refused(&selfclosed, &limits), None);
        assert_eq!(refused(&items, &limits), None);
    }

    #[test]
    fn an_end_tag_closes_everything_opened_inside_its_element() {
        let unclosed_inside = "<div><font><b>x</div>";
        let cells = format!("<table><tr>{}</table>", "<td><font><b>x".repeat(1000));
        let paragraphs = "<p><span><font>x".repeat(1000);
        // The parser keeps three of each identical unclosed <font> and <b> active: six at most.
        assert_eq!(
            refused(&unclosed_inside.repeat(1000), &depth_limit(8)),
            None
        );
        assert_eq!(refused(&cells, &depth_limit(5)), None);
        assert_eq!(refused(&paragraphs, &depth_limit(4)), None);
        // A stray end tag closes nothing.
        assert_eq!(
            refused(
                &format!("{}{}", "</span>".repeat(5), "<i>".repeat(4)),
                &depth_limit(3)
            ),
            Some("max_depth")
        );
    }

    #[test]
    fn comments_scripts_and_attributes_hide_no_tags_and_count_none() {
        let limits = depth_limit(1);
        let page = "<!-- <div><div> --><script>if (a<b) { '<div><div>' }</SCRIPT>\
                    <a title='<div><div>'>x</a><?php <div> ?>";
        assert_eq!(refused(page, &limits), None);
    }

    #[test]
    fn formatting_elements_reopened_in_every_block_count_as_elements() {
        let limits = Limits {
            max_html_elements: 10_000,
            ..Limits::default()
        };
        let distinct: String = (0..50).map(|i| format!("<b id={i}>")).collect();
        let reopened = format!("<div>{distinct}</div>{}", "<p>x</p>".repeat(200));
        assert_eq!(refused(&reopened, &limits), Some("max_html_elements"));
        // Identical ones are kept three times at most; closed ones not at all.
        let identical = format!("<div>{}</div>{}", "<b>".repeat(50), "<p>x</p>".repeat(200));
        let closed = format!(
            "<div>{}</div>{}",
            "<b>x</b>".repeat(50),
            "<p>x</p>".repeat(200)
        );
        assert_eq!(refused(&identical, &limits), None);
        assert_eq!(refused(&closed, &limits), None);
        let too_many: String = (0..1001).map(|i| format!("<i id={i}></div>")).collect();
        assert_eq!(refused(&too_many, &Limits::default()), Some("max_depth"));
    }

    #[test]
    fn the_element_count_is_bounded() {
        let limits = Limits {
            max_html_elements: 100,
            ..Limits::default()
        };
        assert_eq!(refused(&"<p>x".repeat(100), &limits), None);
        assert_eq!(
            refused(&"<p>x".repeat(101), &limits),
            Some("max_html_elements")
        );
    }
}
