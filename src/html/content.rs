//! What is content. Never content: `script`, `style`, `noscript`, `template`, `head`, elements
//! with `hidden` or an inline style hiding them (`display:none`, `visibility:hidden`, Word's
//! `mso-hide:all`), and `nav` (unless `--html-all`).
//!
//! The main content: the first `<main>` (or `role=main`), else the first `<article>`, that holds
//! at least half the page's visible text and every one of its tables; else the container that
//! density finds (`densest`: down from the body into the child with the most text, while it keeps
//! every table and leaves behind mostly link text); else the whole body. What lies outside it
//! (the page's header, footer, menus, asides) is left out and counted, never silently.

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

/// What a subtree holds of visible text.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Measure {
    /// Characters other than white space.
    pub chars: usize,
    /// Of them, inside links.
    pub link_chars: usize,
    /// `table` elements.
    pub tables: usize,
}

/// Measures the visible text under `node` (with `hidden`, also what hidden and navigation
/// elements hold: the text a reader could lose) without recursion (`traverse` yields open and
/// close edges).
pub(super) fn measure(node: NodeRef<'_, Node>, keep_all: bool, hidden: bool) -> Measure {
    let mut m = Measure::default();
    let mut skipping = None;
    let mut links = 0usize;
    let is_link = |n: &NodeRef<'_, Node>| n.value().as_element().is_some_and(|e| e.name() == "a");
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) if skipping.is_none() => {
                let skip = match skipped(n, keep_all) {
                    Some(text) => !(hidden && text),
                    None => false,
                };
                if skip && n != node {
                    skipping = Some(n.id());
                } else if let Some(t) = n.value().as_text() {
                    let chars = t.chars().filter(|c| !c.is_whitespace()).count();
                    m.chars += chars;
                    if links > 0 {
                        m.link_chars += chars;
                    }
                } else if n.value().as_element().is_some_and(|e| e.name() == "table") {
                    m.tables += 1;
                } else if is_link(&n) {
                    links += 1;
                }
            }
            Edge::Close(n) if skipping == Some(n.id()) => skipping = None,
            Edge::Close(n) if skipping.is_none() && is_link(&n) => links = links.saturating_sub(1),
            _ => {}
        }
    }
    m
}

/// How many levels the density descent goes down at most: real pages nest their content a
/// few divs deep, and each level costs a pass over the subtree.
const MAX_DESCENT: usize = 32;

/// Below `body`, the content container as readability-style scoring finds it: go down into the
/// child element holding the most text while that child keeps every table and what it leaves
/// behind is mostly link text (menus, link lists, breadcrumbs), never plain text such as a title.
fn densest(body: NodeRef<'_, Node>, whole: Measure) -> NodeRef<'_, Node> {
    let mut at = body;
    let mut here = whole;
    for _ in 0..MAX_DESCENT {
        let best = at
            .children()
            .filter(|c| c.value().is_element() && skipped(*c, false).is_none())
            .map(|c| (c, measure(c, false, false)))
            .max_by_key(|(_, m)| m.chars);
        let Some((child, m)) = best else { break };
        let left_chars = here.chars.saturating_sub(m.chars);
        let left_links = here.link_chars.saturating_sub(m.link_chars);
        if m.tables < whole.tables || m.chars == 0 || left_links * 2 < left_chars {
            break;
        }
        (at, here) = (child, m);
    }
    at
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
    let whole_page = measure(body, keep_all, false);
    let all_text = measure(body, keep_all, true).chars;
    let (chars, tables) = (whole_page.chars, whole_page.tables);
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
    let outside = |root: NodeRef<'_, Node>| {
        // Hidden text inside the root is counted by the walk as it skips it.
        let inside = measure(root, keep_all, true).chars;
        LeftOut {
            chars: all_text.saturating_sub(inside),
            elements: usize::from(all_text > inside),
        }
    };
    for main in [true, false] {
        let Some(candidate) = body.descendants().find(|n| is(n, main)) else {
            continue;
        };
        let m = measure(candidate, keep_all, false);
        if m.chars * 2 >= chars && m.tables == tables {
            return Chosen {
                root: candidate,
                outside: outside(candidate),
            };
        }
    }
    let root = densest(body, whole_page);
    Chosen {
        root,
        outside: outside(root),
    }
}
