//! The walk from the content root into blocks. Text is collapsed as a browser renders it
//! (runs of white space are one space, none at a line's ends; `pre` keeps its white space);
//! `<br>` is a `\n` in the paragraph, as the DOCX reader writes Word's line break; U+00A0
//! (`&nbsp;`) is kept as the character, as DOCX keeps it. The walk recurses, bounded by
//! `Limits::max_depth`.

use super::content::{self, LeftOut};
use super::{mso_list, table};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::model::{Block, Heading, ListItem, Paragraph, Warning};
use crate::Options;
use ego_tree::NodeRef;
use scraper::Node;

/// Elements that end the paragraph before them and start a new one.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "address",
    "center",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
    "body",
    "html",
    "details",
    "summary",
    "legend",
    "menu",
];

/// What the text being collected becomes.
#[derive(Debug, Clone)]
enum Kind {
    Paragraph,
    /// A heading and its label (Word's list number, as the DOCX reader gives it).
    Heading(u8, Option<String>),
    /// A list item; its marker goes on its first paragraph only.
    Item(u8, Option<String>),
}

/// Blocks being collected for the top level or a cell, with the open paragraph's text.
pub(super) struct Flow {
    pub blocks: Vec<Block>,
    text: String,
    space: bool,
    kinds: Vec<Kind>,
    /// A block element opened since the last paragraph ended: an empty `<p></p>` is a paragraph,
    /// the gap between two block elements is none.
    opened: bool,
    /// Cells keep empty paragraphs (they separate lines of the joined text, as in DOCX).
    keep_empty: bool,
}

impl Flow {
    pub(super) fn new(keep_empty: bool) -> Flow {
        Flow {
            blocks: Vec::new(),
            text: String::new(),
            space: false,
            kinds: Vec::new(),
            opened: false,
            keep_empty,
        }
    }

    fn push_text(&mut self, s: &str, pre: bool) {
        if pre {
            self.text.push_str(&s.replace("\r\n", "\n"));
            return;
        }
        for c in s.chars() {
            if c.is_ascii_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
        }
    }

    fn line_break(&mut self) {
        self.text.push('\n');
        self.space = false;
    }

    /// Ends the open paragraph as the innermost kind says.
    pub(super) fn flush(&mut self) {
        self.space = false;
        let text = std::mem::take(&mut self.text).trim().to_string();
        let kind = self.kinds.last_mut();
        let is_item = matches!(kind, Some(Kind::Item(..)));
        let opened = std::mem::take(&mut self.opened);
        if text.is_empty() && !(self.keep_empty && opened) && !is_item {
            return;
        }
        let block = match kind {
            Some(Kind::Heading(level, label)) => Block::Heading(Heading {
                level: *level,
                text,
                label: label.take(),
                page: None,
                ocr: None,
            }),
            Some(Kind::Item(level, marker)) => {
                let marker = marker.take();
                if text.is_empty() && marker.is_none() {
                    return;
                }
                Block::Paragraph(Paragraph {
                    text,
                    list: Some(ListItem {
                        level: *level,
                        marker,
                    }),
                    ..Paragraph::default()
                })
            }
            Some(Kind::Paragraph) | None => Block::Paragraph(Paragraph {
                text,
                ..Paragraph::default()
            }),
        };
        self.blocks.push(block);
    }
}

/// An open `ul`/`ol`: ordered, and the next item's number.
struct List {
    ordered: bool,
    next: i64,
}

/// Walks elements into blocks.
pub(super) struct Walker<'o> {
    limits: &'o Limits,
    keep_all: bool,
    lists: Vec<List>,
    pre: usize,
    tables: usize,
    /// Recovered problems, for the document.
    pub warnings: Vec<Warning>,
    /// Hidden and navigation text skipped.
    pub left_out: LeftOut,
}

impl<'o> Walker<'o> {
    /// A walker for one page.
    pub(super) fn new(options: &'o Options) -> Walker<'o> {
        Walker {
            limits: &options.limits,
            keep_all: options.html_all,
            lists: Vec::new(),
            pre: 0,
            tables: 0,
            warnings: Vec::new(),
            left_out: LeftOut::default(),
        }
    }

    /// The blocks of everything under `root`.
    pub(super) fn read(&mut self, root: NodeRef<'_, Node>) -> Result<Vec<Block>, Error> {
        let mut flow = Flow::new(false);
        self.node(root, &mut flow, 0)?;
        flow.flush();
        Ok(flow.blocks)
    }

    /// The bounds this page is read within.
    pub(super) fn limits(&self) -> Limits {
        *self.limits
    }

    pub(super) fn limit(what: &'static str, limit: u64) -> Error {
        Error::new(ErrorKind::Limit {
            part: "html".to_string(),
            what,
            limit,
        })
    }

    /// Walks the children of `node` into `flow`.
    pub(super) fn children(
        &mut self,
        node: NodeRef<'_, Node>,
        flow: &mut Flow,
        depth: usize,
    ) -> Result<(), Error> {
        // A Word list paragraph's marker (between `<![if !supportLists]>` and `<![endif]>`)
        // is its list item's marker, taken with the paragraph, never its text.
        let word_list = node
            .value()
            .as_element()
            .and_then(mso_list::level)
            .is_some();
        let mut in_marker = false;
        for child in node.children() {
            if word_list {
                match mso_list::marker_bracket(child) {
                    Some(open) => {
                        in_marker = open;
                        continue;
                    }
                    None if in_marker => continue,
                    None => {}
                }
            }
            self.node(child, flow, depth + 1)?;
        }
        Ok(())
    }

    fn node(
        &mut self,
        node: NodeRef<'_, Node>,
        flow: &mut Flow,
        depth: usize,
    ) -> Result<(), Error> {
        if depth > self.limits.max_depth {
            return Err(Self::limit("max_depth", self.limits.max_depth as u64));
        }
        let e = match node.value() {
            Node::Text(t) => {
                flow.push_text(&t.text, self.pre > 0);
                return Ok(());
            }
            Node::Element(e) => e,
            // Comments (Word's `<!--[if …]>` blocks too), doctype, processing instructions.
            _ => return Ok(()),
        };
        if let Some(counts) = content::skipped(node, self.keep_all) {
            if counts {
                let chars = content::measure(node, true, true).chars;
                if chars > 0 {
                    self.left_out.chars += chars;
                    self.left_out.elements += 1;
                }
            }
            return Ok(());
        }
        if mso_list::is_marker(e) {
            // Word's list marker: taken by its paragraph (below), never text.
            return Ok(());
        }
        let name = e.name();
        let word_list = mso_list::level(e);
        match name {
            "br" => flow.line_break(),
            "table" => {
                flow.flush();
                if self.tables >= self.limits.max_table_nesting {
                    return Err(Self::limit(
                        "max_table_nesting",
                        self.limits.max_table_nesting as u64,
                    ));
                }
                self.tables += 1;
                let read = table::read(self, node, depth);
                self.tables -= 1;
                let (caption, table) = read?;
                if let Some(caption) = caption.filter(|c| !c.is_empty()) {
                    flow.blocks.push(Block::Paragraph(Paragraph {
                        text: caption,
                        style: Some("caption".to_string()),
                        ..Paragraph::default()
                    }));
                }
                if let Some(table) = table {
                    flow.blocks.push(Block::Table(table));
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.get(1..).and_then(|l| l.parse().ok()).unwrap_or(1);
                let label = word_list.and_then(|_| mso_list::marker(node));
                self.block(node, flow, depth, Some(Kind::Heading(level, label)))?;
            }
            "ul" | "ol" | "dir" => {
                let start = e.attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    ordered: name == "ol",
                    next: start.unwrap_or(1),
                });
                let walked = self.block(node, flow, depth, None);
                self.lists.pop();
                walked?;
            }
            "li" => {
                let level = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(u8::MAX);
                let marker = match self.lists.last_mut() {
                    Some(l) if l.ordered => {
                        let n = l.next;
                        l.next = n.saturating_add(1);
                        format!("{n}.")
                    }
                    _ => "•".to_string(),
                };
                self.block(node, flow, depth, Some(Kind::Item(level, Some(marker))))?;
            }
            "pre" | "listing" | "xmp" => {
                self.pre += 1;
                let walked = self.block(node, flow, depth, Some(Kind::Paragraph));
                self.pre -= 1;
                walked?;
            }
            "p" => {
                let item = word_list.map(|level| Kind::Item(level, mso_list::marker(node)));
                self.block(node, flow, depth, item)?;
            }
            _ if BLOCK_ELEMENTS.contains(&name) => self.block(node, flow, depth, None)?,
            _ => self.children(node, flow, depth)?,
        }
        Ok(())
    }

    /// A block element: the paragraph before it ends, its content is collected as `kind`
    /// (or as its parent's), and it ends its last paragraph.
    fn block(
        &mut self,
        node: NodeRef<'_, Node>,
        flow: &mut Flow,
        depth: usize,
        kind: Option<Kind>,
    ) -> Result<(), Error> {
        flow.flush();
        flow.opened = true;
        let pushed = kind.is_some();
        if let Some(kind) = kind {
            flow.kinds.push(kind);
        }
        let walked = self.children(node, flow, depth);
        flow.flush();
        if pushed {
            flow.kinds.pop();
        }
        walked
    }
}
