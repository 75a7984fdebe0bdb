//! Lines into paragraphs (gap, first-line indent, a short last line, a change of size or
//! weight; continued over a page break), and which paragraphs are headings.

use super::Item;
use crate::fixed::text::{is_cjk, Line};
use crate::params::LayoutParams;

/// A paragraph being built, with what heading detection needs.
#[derive(Debug, Clone)]
pub struct PageParagraph {
    /// Joined text of its lines.
    pub text: String,
    /// 0-based page it starts on.
    pub page: usize,
    /// Size of its first line.
    pub size: f32,
    /// Every line bold.
    pub bold: bool,
    /// Number of lines.
    pub lines: usize,
}

impl PageParagraph {
    /// A paragraph of one line so far.
    fn of(l: &Line, page: usize) -> PageParagraph {
        PageParagraph {
            text: l.text.clone(),
            page,
            size: l.size,
            bold: l.bold,
            lines: 1,
        }
    }
}

/// Paragraphs and tables in reading order.
#[derive(Debug, Clone)]
pub enum Flow {
    /// A paragraph.
    Paragraph(PageParagraph),
    /// The table with this index (its first region).
    Table(usize),
}

/// The document's single-column text bounds and usual gap between lines of a paragraph.
struct Measure {
    left: f32,
    right: f32,
    gap: f32,
}

fn percentile(mut v: Vec<f32>, q: f32) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    let i = ((v.len().saturating_sub(1)) as f32 * q).round() as usize;
    v.get(i).copied()
}

impl Measure {
    fn of(items: &[Item]) -> Measure {
        let single = || {
            items.iter().filter_map(|i| match i {
                Item::Line {
                    line, column: None, ..
                } if !line.sideways => Some(line),
                _ => None,
            })
        };
        let left = percentile(single().map(|l| l.x0).collect(), 0.05).unwrap_or(0.0);
        let right = percentile(single().map(|l| l.x1).collect(), 0.95).unwrap_or(0.0);
        let mut gaps = Vec::new();
        for w in items.windows(2) {
            if let [Item::Line {
                line: a, page: pa, ..
            }, Item::Line {
                line: b, page: pb, ..
            }] = w
            {
                let g = b.y0 - a.y1;
                if pa == pb
                    && !a.sideways
                    && !b.sideways
                    && g >= 0.0
                    && (a.size - b.size).abs() < 0.5
                {
                    gaps.push(g);
                }
            }
        }
        Measure {
            left,
            right,
            gap: percentile(gaps, 0.5).unwrap_or(0.0),
        }
    }
}

/// A line's column on a multi-column page (left and right edge), `None` for the single column.
type Column = Option<(f32, f32)>;

/// Left and right edge of the column a line stands in.
fn bounds(m: &Measure, column: Column) -> (f32, f32) {
    column.unwrap_or((m.left, m.right))
}

/// Whether the line stops clearly short of the right edge (a paragraph's last line).
fn short(l: &Line, right: f32, left: f32) -> bool {
    let cjk = l.text.chars().last().is_some_and(is_cjk);
    let tol = if cjk {
        1.5 * l.size
    } else {
        (0.15 * (right - left)).max(3.0 * l.size)
    };
    right - l.x1 > tol
}

/// Same size: weight alone does not split, since a bold run-in lead (`（四）…情况。` in WPS
/// reports) makes a paragraph's first line bold.
fn same_style(a: &Line, b: &Line) -> bool {
    (a.size - b.size).abs() <= (0.08 * a.size).max(0.5)
}

/// Groups the lines of the reading order into paragraphs; tables end a paragraph.
pub fn build(items: &[Item], params: &LayoutParams) -> Vec<Flow> {
    let m = Measure::of(items);
    let mut out: Vec<Flow> = Vec::new();
    // The previous line, while the paragraph it belongs to is still open.
    let mut prev: Option<(&Line, usize, Column)> = None;
    // Index in `out` of the paragraph `prev` belongs to.
    let mut open: Option<usize> = None;
    for it in items {
        let (l, page, column) = match it {
            Item::Table { table, first } => {
                if *first {
                    out.push(Flow::Table(*table));
                }
                prev = None;
                open = None;
                continue;
            }
            // A sideways line is a paragraph of its own that leaves the open one open: a
            // margin stamp between two pages must not cut a paragraph running over the break.
            Item::Line { line, page, .. } if line.sideways => {
                out.push(Flow::Paragraph(PageParagraph::of(line, *page)));
                continue;
            }
            Item::Line { line, page, column } => (line, *page, *column),
        };
        let (left, _) = bounds(&m, column);
        let indent = l.x0 - left > l.size;
        let joins = match prev {
            None => false,
            Some((p, pp, pcol)) => {
                let (pl, pr) = bounds(&m, pcol);
                let full = !short(p, pr, pl);
                if !same_style(p, l) || !full || page > pp + 1 {
                    // A paragraph runs over one page break, not over a page left out (by the
                    // page selection, or one without text).
                    false
                } else if pp != page || pcol != column {
                    // Over a page or column break: only the missing indent tells.
                    !indent
                } else {
                    let gap = l.y0 - p.y1;
                    let more_indented = indent && l.x0 > p.x0 + params.indent * l.size;
                    gap <= m.gap + params.paragraph_gap_slack * l.size && !more_indented
                }
            }
        };
        match open.and_then(|i| out.get_mut(i)) {
            Some(Flow::Paragraph(b)) if joins => {
                let space = !b.text.ends_with(is_cjk) && !l.text.starts_with(is_cjk);
                if space && !b.text.ends_with(' ') {
                    b.text.push(' ');
                }
                b.text.push_str(&l.text);
                b.lines += 1;
                b.bold &= l.bold;
            }
            _ => {
                out.push(Flow::Paragraph(PageParagraph::of(l, page)));
                open = Some(out.len() - 1);
            }
        }
        prev = Some((l, page, column));
    }
    out
}

/// The body text's size and weight, against which headings stand out.
pub struct BodyStyle {
    size: f32,
    bold: bool,
    /// Sizes clearly above the body's, largest first (heading levels by size).
    larger: Vec<f32>,
}

impl BodyStyle {
    /// Measures the most common size (by characters) and whether body text is bold.
    pub fn of(outs: &[Flow]) -> BodyStyle {
        let mut by_size: Vec<(f32, usize)> = Vec::new();
        let (mut bold, mut all) = (0usize, 0usize);
        for o in outs {
            let Flow::Paragraph(p) = o else { continue };
            let n = p.text.chars().count();
            let s = (p.size * 2.0).round() / 2.0;
            match by_size.iter_mut().find(|(k, _)| *k == s) {
                Some((_, c)) => *c += n,
                None => by_size.push((s, n)),
            }
            all += n;
            if p.bold {
                bold += n;
            }
        }
        let size = by_size
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or(0.0, |(s, _)| *s);
        let mut larger: Vec<f32> = by_size
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| *s >= size + 1.0)
            .collect();
        larger.sort_by(|a, b| b.total_cmp(a));
        BodyStyle {
            size,
            bold: bold * 2 > all,
            larger,
        }
    }

    /// The heading level of a paragraph, or `None` for body text.
    pub fn heading_level(&self, p: &PageParagraph) -> Option<u8> {
        let t = p.text.trim();
        let n = t.chars().count();
        let ends = t
            .chars()
            .last()
            .is_some_and(|c| "。；;，,！!？?".contains(c));
        if n == 0 || n > 40 || p.lines > 2 || ends || t.contains('\t') {
            return None;
        }
        let by_size = self
            .larger
            .iter()
            .position(|s| p.size >= s - 0.25)
            .and_then(|i| u8::try_from(i + 1).ok());
        let by_weight = p.bold && !self.bold && p.size >= self.size - 0.5;
        let pattern = numbered_level(t);
        match (pattern, by_size) {
            (Some(l), _) => Some(l),
            (None, Some(l)) => Some(l.min(9)),
            (None, None) if by_weight => u8::try_from(self.larger.len() + 1).ok().map(|l| l.min(9)),
            _ => None,
        }
    }
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

/// Level of a numbered heading: `一、` 1, `（一）` 2, `1.` / `1、` 3, `（1）` 4.
pub fn numbered_level(t: &str) -> Option<u8> {
    let cn = |s: &str| !s.is_empty() && s.chars().all(|c| CN_DIGITS.contains(c));
    let ar = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some((head, rest)) = t.split_once('、') {
        if cn(head) && !rest.is_empty() {
            return Some(1);
        }
        if ar(head) && !rest.is_empty() {
            return Some(3);
        }
    }
    let inner = t
        .strip_prefix('（')
        .or_else(|| t.strip_prefix('('))
        .and_then(|r| r.split_once(['）', ')']));
    if let Some((head, rest)) = inner {
        if cn(head) && !rest.is_empty() {
            return Some(2);
        }
        if ar(head) && !rest.is_empty() {
            return Some(4);
        }
    }
    let dot = t.split_once(['.', '．']);
    if let Some((head, rest)) = dot {
        // `1.5 亿元` is a number, not a heading.
        if ar(head) && !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(3);
        }
    }
    None
}
