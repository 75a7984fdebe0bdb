//! Recognised lines to the page model's glyphs: one glyph per character, in points, so that
//! lines, reading order, paragraphs and table cells come from the same code as a PDF's text.
//!
//! The recogniser gives each character's centre along the line; its width is taken as an em
//! for wide (CJK) characters and half an em for the rest, cut at the midpoints to its
//! neighbours, so the gaps the layout reads as spaces stay where the page had them. Spaces
//! themselves are not glyphs: the gap says it.

use super::recognise::TextLine;
use crate::fixed::page::Glyph;

/// Glyphs of `lines` recognised on an image at `dpi`.
pub fn glyphs(lines: &[TextLine], dpi: f32) -> Vec<Glyph> {
    let points = 72.0 / dpi.max(1.0);
    let mut out = Vec::new();
    for line in lines {
        let (x0, y0, x1, y1) = line.bbox;
        // The unclipped box is taller than the letters: about 1.3 em.
        let size = ((y1 - y0) / 1.3).max(1.0);
        let middle = (y0 + y1) / 2.0;
        let (top, bottom) = (middle - size * 0.5, middle + size * 0.5);
        let baseline = middle + size * 0.38;
        let chars = &line.chars;
        for (k, c) in chars.iter().enumerate() {
            if c.text.trim().is_empty() {
                continue;
            }
            let width = if c.text.chars().any(is_wide) {
                size * 0.95
            } else {
                size * 0.55
            };
            // Letters of one word abut (their boxes meet halfway between centres); the layout
            // reads a space only where the recogniser read one.
            let space = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_none_or(|n| n.text.trim().is_empty())
            };
            let half = |j: usize| chars.get(j).map(|n| (n.centre + c.centre) / 2.0);
            let left = if space(k.checked_sub(1)) {
                c.centre - width / 2.0
            } else {
                k.checked_sub(1).and_then(half).unwrap_or(x0)
            };
            let right = if space(Some(k + 1)) {
                c.centre + width / 2.0
            } else {
                half(k + 1).unwrap_or(x1)
            };
            let (left, right) = (left.max(x0), right.min(x1).max(left + 0.5));
            out.push(Glyph {
                text: c.text.clone(),
                bbox: (left * points, top * points, right * points, bottom * points),
                size: size * points,
                baseline: baseline * points,
                origin: (left * points, baseline * points),
                visible: true,
                ..Glyph::default()
            });
        }
    }
    out
}

/// Whether a character takes a full em: CJK ideographs, kana, Hangul, full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::super::recognise::{Char, TextLine};

    #[test]
    fn characters_become_glyphs_with_gaps_for_spaces() {
        let c = |t: &str, x: f32| Char {
            text: t.to_string(),
            centre: x,
            confidence: 0.9,
        };
        let line = TextLine {
            bbox: (0.0, 0.0, 200.0, 26.0),
            chars: vec![c("a", 10.0), c(" ", 30.0), c("年", 60.0)],
            confidence: 0.9,
        };
        let g = super::glyphs(&[line], 72.0);
        assert_eq!(g.len(), 2);
        assert!(g[0].bbox.2 < g[1].bbox.0);
        assert!((g[1].bbox.2 - g[1].bbox.0) > (g[0].bbox.2 - g[0].bbox.0));
    }
}
