//! Text rows for line-less tables: glyphs clustered by baseline, each row cut into chunks at
//! gaps wider than any word space (a column gutter), each chunk knowing its words.

use crate::fixed::text::{drop_drawn_again, is_cjk, LineText};
use crate::fixed::Glyph;
use crate::params::LayoutParams;

/// A run of words on one baseline with no gutter inside.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chunk {
    /// Text, spaces from gaps between Latin glyphs, radicals folded.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Words in the text (a CJK character counts as a word).
    pub words: usize,
}

/// One baseline of text, its chunks left to right.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// Top of the tallest glyph.
    pub y0: f32,
    /// Bottom of the lowest glyph.
    pub y1: f32,
    /// Median glyph size.
    pub size: f32,
    /// Chunks, ascending x.
    pub chunks: Vec<Chunk>,
}

impl Row {
    /// Left edge of the first chunk.
    pub fn x0(&self) -> f32 {
        self.chunks.first().map_or(0.0, |c| c.x0)
    }
    /// Right edge of the last chunk.
    pub fn x1(&self) -> f32 {
        self.chunks.last().map_or(0.0, |c| c.x1)
    }
    /// Runs of chunks closer than `run_gap` em (justified prose stretches its spaces):
    /// (x0, x1, words).
    pub fn runs(&self, run_gap: f32) -> Vec<(f32, f32, usize)> {
        let mut out: Vec<(f32, f32, usize)> = Vec::new();
        for c in &self.chunks {
            match out.last_mut() {
                Some(r) if c.x0 - r.1 <= run_gap * self.size.max(1.0) => {
                    r.1 = c.x1;
                    r.2 += c.words;
                }
                _ => out.push((c.x0, c.x1, c.words)),
            }
        }
        out
    }
}

fn median(mut v: Vec<f32>) -> f32 {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The usual size of the rows (their median), against which a heading stands out.
pub(crate) fn median_size<'r>(rows: impl IntoIterator<Item = &'r Row>) -> f32 {
    median(rows.into_iter().map(|r| r.size).collect())
}

/// The rows of the given glyphs, top to bottom.
pub(crate) fn rows(gs: &[&Glyph], params: &LayoutParams) -> Vec<Row> {
    let groups = crate::fixed::text::baseline_groups(gs.to_vec(), params.line_tolerance);
    groups.into_iter().filter_map(|g| row(g, params)).collect()
}

fn row(mut gs: Vec<&Glyph>, params: &LayoutParams) -> Option<Row> {
    gs.sort_by(|a, b| a.bbox.0.total_cmp(&b.bbox.0));
    // Fake bold drawn as a second pass sits on the first one.
    let gs = drop_drawn_again(gs);
    let size = median(gs.iter().map(|g| g.size).collect());
    let y0 = gs.iter().map(|g| g.bbox.1).fold(f32::MAX, f32::min);
    let y1 = gs.iter().map(|g| g.bbox.3).fold(f32::MIN, f32::max);
    // Each chunk's text is built glyph by glyph and finished (RTL runs reordered) at the end.
    let mut chunks: Vec<(Chunk, LineText)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in gs {
        let gap = prev.map_or(f32::MAX, |p| g.bbox.0 - p.bbox.2);
        let em = prev.map_or(size, |p| p.size.min(g.size)).max(1.0);
        match chunks.last_mut() {
            Some((c, text)) if gap <= em * params.chunk_gap => {
                let cjk =
                    prev.is_some_and(|p| p.text.chars().any(is_cjk)) || g.text.chars().any(is_cjk);
                if cjk {
                    c.words += 1;
                } else if gap > em * params.word_gap && !text.ends_with_space() {
                    text.push_space();
                    c.words += 1;
                }
                text.push_glyph(&g.text);
                c.x1 = c.x1.max(g.bbox.2);
            }
            _ => {
                let mut text = LineText::default();
                text.push_glyph(&g.text);
                chunks.push((
                    Chunk {
                        text: String::new(),
                        x0: g.bbox.0,
                        x1: g.bbox.2,
                        words: 1,
                    },
                    text,
                ));
            }
        }
        prev = Some(g);
    }
    if chunks.is_empty() {
        return None;
    }
    let chunks = chunks
        .into_iter()
        .map(|(chunk, text)| Chunk {
            text: text.finish(),
            ..chunk
        })
        .collect();
    Some(Row {
        y0,
        y1,
        size,
        chunks,
    })
}
