//! Running headers, footers and page numbers: recognised in the page margins and taken out of
//! the text; given back (with `--headers-footers`) as `header`/`footer` paragraphs.

use crate::fixed::text::{is_page_furniture, Line};
use crate::fixed::Page;
use crate::model::{Block, Paragraph};
use crate::params::LayoutParams;
use std::collections::HashMap;

/// A line taken out of a page's text as furniture.
#[derive(Debug, Clone)]
pub struct Furniture {
    /// In the top margin (a running head) rather than the bottom one (a footer, a page number).
    pub top: bool,
    /// The line.
    pub line: Line,
}

/// Removes page numbers and lines repeated in the same margin position on several pages;
/// returns what it removed, page by page, in line order. Pages left out by a page selection
/// do not count towards "several pages".
pub fn strip(
    pages: &[Page],
    lines: &mut [Vec<Line>],
    params: &LayoutParams,
) -> Vec<Vec<Furniture>> {
    let band = params.furniture_band;
    let in_band = |line: &Line, page: &Page| -> Option<bool> {
        let h = page.height;
        if h <= 0.0 {
            return None;
        }
        if line.y1 < h * band {
            Some(true)
        } else if line.y0 > h * (1.0 - band) {
            Some(false)
        } else {
            None
        }
    };
    // A running line repeats with only its numbers changed (dates, page numbers), at about
    // the same height.
    let mut seen: HashMap<(bool, String), Vec<(usize, f32)>> = HashMap::new();
    for (i, (ls, page)) in lines.iter().zip(pages).enumerate() {
        for l in ls {
            if let Some(top) = in_band(l, page) {
                seen.entry((top, key(&l.text))).or_default().push((i, l.y0));
            }
        }
    }
    let count = pages.iter().filter(|p| !p.omitted).count();
    let repeated = |top: bool, l: &Line| -> bool {
        let Some(at) = seen.get(&(top, key(&l.text))) else {
            return false;
        };
        let mut on: Vec<usize> = at
            .iter()
            .filter(|(_, y)| (y - l.y0).abs() < params.furniture_drift)
            .map(|(p, _)| *p)
            .collect();
        on.dedup();
        on.len() >= 2 && on.len() * 5 >= count * 2
    };
    let mut removed = Vec::with_capacity(lines.len());
    for (ls, page) in lines.iter_mut().zip(pages) {
        let (furniture, text): (Vec<Line>, Vec<Line>) =
            std::mem::take(ls)
                .into_iter()
                .partition(|l| match in_band(l, page) {
                    Some(top) => is_page_furniture(&l.text) || repeated(top, l),
                    None => false,
                });
        *ls = text;
        removed.push(
            furniture
                .into_iter()
                .map(|line| Furniture {
                    top: in_band(&line, page) == Some(true),
                    line,
                })
                .collect(),
        );
    }
    removed
}

/// Puts furniture back as paragraphs styled `header` and `footer`: a page's headers before the
/// first block that starts on it, its footers before the next page's headers (so a paragraph
/// running over a page break stays whole and the footer follows it).
pub fn interleave(blocks: Vec<Block>, furniture: Vec<Vec<Furniture>>) -> Vec<Block> {
    let paragraphs = |page: usize, top: bool| -> Vec<Block> {
        let number = u32::try_from(page + 1).ok();
        furniture
            .get(page)
            .into_iter()
            .flatten()
            .filter(|f| f.top == top)
            .map(|f| f.line.text.trim())
            .filter(|t| !t.is_empty())
            .map(|text| {
                Block::Paragraph(Paragraph {
                    text: text.to_string(),
                    style: Some(if top { "header" } else { "footer" }.to_string()),
                    page: number,
                    ..Paragraph::default()
                })
            })
            .collect()
    };
    let mut out = Vec::with_capacity(blocks.len());
    // The 0-based page whose headers are due next.
    let mut next = 0usize;
    let open_page = |out: &mut Vec<Block>, next: &mut usize| {
        if *next > 0 {
            out.extend(paragraphs(*next - 1, false));
        }
        out.extend(paragraphs(*next, true));
        *next += 1;
    };
    for block in blocks {
        let page = match &block {
            Block::Paragraph(p) => p.page,
            Block::Heading(h) => h.page,
            Block::Table(t) => t.page,
        };
        let index = page
            .and_then(|p| usize::try_from(p).ok())
            .map(|p| p.saturating_sub(1));
        if let Some(index) = index {
            while next <= index {
                open_page(&mut out, &mut next);
            }
        }
        out.push(block);
    }
    while next < furniture.len() {
        open_page(&mut out, &mut next);
    }
    if next > 0 {
        out.extend(paragraphs(next - 1, false));
    }
    out
}

fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
