//! Running headers, footers and page numbers: recognised in the page margins and taken out.

use crate::pdf::engine::Page;
use crate::pdf::text::{is_page_furniture, Line};
use std::collections::HashMap;

/// Share of the page height, from the top and from the bottom, where furniture may stand.
const BAND: f32 = 0.12;

/// Removes page numbers and lines repeated in the same margin position on several pages.
pub fn strip(pages: &[Page], lines: &mut [Vec<Line>]) {
    let in_band = |line: &Line, page: &Page| -> Option<bool> {
        let h = page.height;
        if h <= 0.0 {
            return None;
        }
        if line.y1 < h * BAND {
            Some(true)
        } else if line.y0 > h * (1.0 - BAND) {
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
    let count = lines.len();
    let repeated = |top: bool, l: &Line| -> bool {
        let Some(at) = seen.get(&(top, key(&l.text))) else {
            return false;
        };
        let mut on: Vec<usize> = at
            .iter()
            .filter(|(_, y)| (y - l.y0).abs() < 6.0)
            .map(|(p, _)| *p)
            .collect();
        on.dedup();
        on.len() >= 2 && on.len() * 5 >= count * 2
    };
    for (ls, page) in lines.iter_mut().zip(pages) {
        ls.retain(|l| match in_band(l, page) {
            Some(top) => !(is_page_furniture(&l.text) || repeated(top, l)),
            None => true,
        });
    }
}

fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
