//! What is content. Never content: `script`, `style`, `noscript`, `template`, `head`, elements
//! with `hidden` or an inline style hiding them (`display:none`, `visibility:hidden`, Word's
//! `mso-hide:all`), and `nav` (unless `--html-all`).
//!
//! The main content: the first `<main>` (or `role=main`), else the first `<article>`, that holds
//! at least half the page's visible text and every one of its tables; else the whole body. What
//! lies outside it (the page's header, footer, asides) is left out and counted, never silently.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements whose content is never text.
const NEVER_TEXT: &[&str] = &["script", "style", "noscript", "template", "head", "iframe"];

/// Text left out, for the one warning that says so.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct LeftOut {
    /// Characters other than white space.
    pub chars: usize,
    /// Elements (or the page outside the main content, as one).
    pub elements: usize,
}

impl LeftOut {
    /// Both counts together.
    pub fn add(self, other: LeftOut) -> LeftOut {
        LeftOut {
            chars: self.chars + other.chars,
            elements: self.elements + other.elements,
        }
    }
}

/// The content root and what its choice left out.
pub(super) struct Chosen<'a> {
    /// Where the walk starts.
    pub root: NodeRef<'a, Node>,
    /// The text outside the root.
    pub outside: LeftOut,
}

/// The `<body>` (html5ever always makes one), or the document root of a fragment.
pub(super) fn body(page: &Html) -> Option<NodeRef<'_, Node>> {
    let root = page.tree.root();
    root.descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .or(Some(root))
}

/// Whether the element is never walked, and whether what it holds counts as text left out.
pub(super) fn skipped(node: NodeRef<'_, Node>, keep_all: bool) -> Option<bool> {
    let e = node.value().as_element()?;
    let name = e.name();
    if NEVER_TEXT.contains(&name) {
        return Some(false);
    }
    if e.attr("hidden").is_some() || (!keep_all && name == "nav") {
        return Some(true);
    }
    let style: String = e
        .attr("style")?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    ["display:none", "visibility:hidden", "mso-hide:all"]
        .iter()
        .any(|s| style.contains(s))
        .then_some(true)
}

/// Visible text characters (not white space) under `node` and its `table` elements, without
/// recursion (`traverse` yields open and close edges).
pub(super) fn measure(node: NodeRef<'_, Node>, keep_all: bool) -> (usize, usize) {
    let (mut chars, mut tables) = (0, 0);
    let mut skipping = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skipping.is_none() => {
                if skipped(n, keep_all).is_some() && n != node {
                    skipping = Some(n.id());
                } else if let Some(t) = n.value().as_text() {
                    chars += t.chars().filter(|c| !c.is_whitespace()).count();
                } else if n.value().as_element().is_some_and(|e| e.name() == "table") {
                    tables += 1;
                }
            }
            Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
            _ => {}
        }
    }
    (chars, tables)
}

/// Picks the main content under `body` (see the module comment).
pub(super) fn choose(body: NodeRef<'_, Node>, keep_all: bool) -> Chosen<'_> {
    let whole = Chosen {
        root: body,
        outside: LeftOut::default(),
    };
    if keep_all {
        return whole;
    }
    let (chars, tables) = measure(body, keep_all);
    let is = |n: &NodeRef<'_, Node>, main: bool| {
        n.value().as_element().is_some_and(|e| {
            if main {
                e.name() == "main"
                    || e.attr("role")
                        .is_some_and(|r| r.eq_ignore_ascii_case("main"))
            } else {
                e.name() == "article"
            }
        })
    };
    for main in [true, false] {
        let Some(candidate) = body.descendants().find(|n| is(n, main)) else {
            continue;
        };
        let (c_chars, c_tables) = measure(candidate, keep_all);
        if c_chars * 2 >= chars && c_tables == tables {
            return Chosen {
                root: candidate,
                outside: LeftOut {
                    chars: chars.saturating_sub(c_chars),
                    elements: usize::from(chars > c_chars),
                },
            };
        }
    }
    whole
}
