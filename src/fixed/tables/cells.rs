//! Text into cells: each glyph goes to the cell holding its centre (full containment, as tabula
//! does, loses glyphs that touch a border); a cell's glyphs become lines as in `fixed::text`, and
//! the lines are joined with `\n`, except where CJK text merely wrapped at the cell's edge (joined
//! without a break), and one-character-per-line vertical labels (`三/、/本/年/度`) come back as one
//! string.

use super::grid::PageTable;
use crate::fixed::text::{drop_drawn_again, drop_drawn_again_within, is_cjk, LineText};
use crate::fixed::turn::{turn_counts, unturn_glyph, unturn_point};
use crate::fixed::{Glyph, Page};
use crate::params::LayoutParams;

/// The page's visible glyphs without fake-bold doubles drawn glyph by glyph
/// ([`Glyph::is_drawn_again_by`]), as `fixed::text` drops them.
pub(crate) fn glyphs(page: &Page) -> Vec<&Glyph> {
    // In content order a double follows within the next four glyphs, as in `fixed::text`.
    let visible = page.glyphs.iter().filter(|g| !g.text.trim().is_empty());
    drop_drawn_again_within(visible, 4)
}

/// Index of the interval of ascending `bounds` holding `v`, if inside.
fn slot(bounds: &[f32], v: f32) -> Option<usize> {
    let (first, last) = (*bounds.first()?, *bounds.last()?);
    if !(v >= first && v <= last) {
        return None;
    }
    Some(bounds.partition_point(|b| *b <= v).saturating_sub(1))
}

/// Fills the text of every cell of `frag` from the glyphs whose centres it holds; returns the
/// indices (into `gs`) of the glyphs used.
pub(crate) fn fill(frag: &mut PageTable, gs: &[&Glyph], params: &LayoutParams) -> Vec<usize> {
    let (nr, nc) = (frag.rows(), frag.cols());
    let mut owner = vec![usize::MAX; nr * nc];
    for (i, c) in frag.cells.iter().enumerate() {
        for r in c.row..c.row + c.row_span {
            for k in c.col..c.col + c.col_span {
                if let Some(o) = owner.get_mut(r * nc + k) {
                    *o = i;
                }
            }
        }
    }
    let mut per: Vec<Vec<&Glyph>> = vec![Vec::new(); frag.cells.len()];
    let mut used = Vec::new();
    for (gi, g) in gs.iter().enumerate() {
        let (cx, cy) = g.centre();
        let (Some(c), Some(r)) = (slot(&frag.xs, cx), slot(&frag.ys, cy)) else {
            continue;
        };
        let r = r.min(nr.saturating_sub(1));
        let c = c.min(nc.saturating_sub(1));
        if let Some(list) = owner.get(r * nc + c).and_then(|&i| per.get_mut(i)) {
            list.push(g);
            used.push(gi);
        }
    }
    let (xs, ys) = (frag.xs.clone(), frag.ys.clone());
    for (cell, list) in frag.cells.iter_mut().zip(per) {
        let x0 = xs.get(cell.col).copied().unwrap_or(0.0);
        let x1 = xs.get(cell.col + cell.col_span).copied().unwrap_or(x0);
        let y0 = ys.get(cell.row).copied().unwrap_or(0.0);
        let y1 = ys.get(cell.row + cell.row_span).copied().unwrap_or(y0);
        (cell.text, cell.room, cell.lead) = turned_text(list, (x0, y0, x1, y1), params);
    }
    used
}

/// The cell's text read in its glyphs' most common direction: a label set sideways in a narrow
/// header cell (running up, as Excel and Word rotate it, or down) is turned upright first, so
/// that its lines come out as lines rather than one character per line in reverse.
fn turned_text(
    gs: Vec<&Glyph>,
    (x0, y0, x1, y1): (f32, f32, f32, f32),
    params: &LayoutParams,
) -> (String, f32, f32) {
    let count = turn_counts(gs.iter().copied());
    // Ties go to upright text (the first of the maxima).
    let q = (1..4).fold(0, |best, q| if count[q] > count[best] { q } else { best });
    if q == 0 {
        return cell_text(gs, x0, x1, params);
    }
    let q = q as u8;
    let turned: Vec<Glyph> = gs.iter().map(|g| unturn_glyph(g, q, (0.0, 0.0))).collect();
    let (a, b) = (
        unturn_point(q, (0.0, 0.0), (x0, y0)),
        unturn_point(q, (0.0, 0.0), (x1, y1)),
    );
    cell_text(turned.iter().collect(), a.0.min(b.0), a.0.max(b.0), params)
}

/// One line of a cell.
struct CLine {
    text: String,
    x0: f32,
    x1: f32,
    /// Width of the first word (a CJK character counts as a word).
    first_word: f32,
    size: f32,
}

fn make_line(mut gs: Vec<&Glyph>, word_gap: f32) -> Option<CLine> {
    gs.sort_by(|a, b| a.bbox.0.total_cmp(&b.bbox.0));
    // Fake bold drawn as a whole second pass escapes the content-order check in `glyphs`; in
    // x order the doubles sit side by side.
    let gs = drop_drawn_again(gs);
    let first = *gs.first()?;
    let mut sizes: Vec<f32> = gs.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(first.size);
    let mut text = LineText::default();
    let mut first_word: Option<f32> = None;
    let mut prev: Option<&Glyph> = None;
    for g in &gs {
        if let Some(p) = prev {
            let gap = g.bbox.0 - p.bbox.2;
            let cjk = p.text.chars().any(is_cjk) || g.text.chars().any(is_cjk);
            if first_word.is_none() && (cjk || gap > size * word_gap) {
                first_word = Some(p.bbox.2 - first.bbox.0);
            }
            if !cjk && gap > size * word_gap {
                text.push_space();
            }
        }
        text.push_glyph(&g.text);
        prev = Some(g);
    }
    let text = text.finish();
    let x1 = gs.iter().map(|g| g.bbox.2).fold(f32::MIN, f32::max);
    Some(CLine {
        text,
        x0: first.bbox.0,
        x1,
        first_word: first_word.unwrap_or(x1 - first.bbox.0),
        size,
    })
}

/// The cell's text, the room left after its last line and its first word's width.
fn cell_text(gs: Vec<&Glyph>, x0: f32, x1: f32, params: &LayoutParams) -> (String, f32, f32) {
    let groups = crate::fixed::text::baseline_groups(gs, params.line_tolerance);
    let lines: Vec<CLine> = groups
        .into_iter()
        .filter_map(|g| make_line(g, params.word_gap))
        .collect();
    let one_char = |l: &CLine| {
        let mut cs = l.text.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
    };
    // The writer's padding: the smallest left gap of any line (the longest line fills the cell).
    // Text set flush left (WPS) still keeps a right padding, hence the floor.
    let pad = lines
        .iter()
        .map(|l| (l.x0 - x0).max(0.0))
        .fold(f32::MAX, f32::min)
        .max(params.cell_padding);
    let room = lines.last().map_or(f32::INFINITY, |l| (x1 - pad) - l.x1);
    let lead = lines.first().map_or(0.0, |l| l.first_word);
    if lines.len() > 1 && lines.iter().all(one_char) {
        return (lines.iter().map(|l| l.text.as_str()).collect(), room, lead);
    }
    let mut out = String::new();
    let mut prev: Option<&CLine> = None;
    for l in &lines {
        if let Some(p) = prev {
            out.push_str(separator(
                &p.text,
                (x1 - pad) - p.x1,
                &l.text,
                l.first_word,
                p.size,
            ));
        }
        out.push_str(l.text.trim());
        prev = Some(l);
    }
    (out.trim().to_string(), room, lead)
}

/// Whether a line ending with `room` left wrapped only because the next line's first word
/// (`lead` wide) could not fit, rather than being broken by the writer.
pub(crate) fn wraps(before: &str, room: f32, after: &str, lead: f32, size: f32) -> bool {
    let space = if cjk_junction(before, after) {
        0.0
    } else {
        size * 0.25
    };
    room < lead + space
}

fn cjk_junction(before: &str, after: &str) -> bool {
    before.trim_end().ends_with(is_cjk) || after.trim_start().starts_with(is_cjk)
}

/// What goes between two lines of a cell: nothing where CJK text merely wrapped at the cell's
/// edge (a reader of Chinese sees one run of text), else a line break, as in the contract.
pub(crate) fn separator(
    before: &str,
    room: f32,
    after: &str,
    lead: f32,
    size: f32,
) -> &'static str {
    if cjk_junction(before, after) && wraps(before, room, after, lead, size) {
        ""
    } else {
        "\n"
    }
}
