//! Column boundaries of a line-less table: the whitespace rivers running down a block of rows.
//!
//! A river is an x range that (almost) no chunk of the block covers; a few chunks may cross it
//! (header cells spanning columns), so the coverage need not drop to zero, and the boundary is
//! put in the middle of the river's least covered part.

use super::rows::Row;

/// Column boundaries, ascending, outer edges included; None when the block has no chunks.
pub(crate) fn boundaries(block: &[Row], min_river: f32) -> Option<Vec<f32>> {
    let rich = block.iter().filter(|r| r.chunks.len() > 1).count();
    let allowed = rich / 8;
    let mut ev: Vec<(f32, i32)> = Vec::new();
    for r in block {
        for c in &r.chunks {
            ev.push((c.x0, 1));
            ev.push((c.x1, -1));
        }
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let left = ev.first()?.0;
    let right = ev.iter().map(|e| e.0).fold(f32::MIN, f32::max);
    // Coverage as steps: (from, to, count).
    let mut steps: Vec<(f32, f32, i32)> = Vec::new();
    let mut count = 0;
    for w in ev.windows(2) {
        if let [a, b] = w {
            count += a.1;
            if b.0 > a.0 {
                steps.push((a.0, b.0, count));
            }
        }
    }
    let mut xs = vec![left];
    let mut i = 0;
    while i < steps.len() {
        let low = |s: &(f32, f32, i32)| s.2 <= allowed as i32;
        if !steps.get(i).is_some_and(low) {
            i += 1;
            continue;
        }
        let j = (i..steps.len())
            .find(|&j| !steps.get(j).is_some_and(low))
            .unwrap_or(steps.len());
        let seg = steps.get(i..j).unwrap_or(&[]);
        i = j;
        // Not a river: the block's right margin.
        if j == steps.len() {
            break;
        }
        let min = seg.iter().map(|s| s.2).min().unwrap_or(0);
        // The widest least-covered run of steps inside the low stretch.
        let mut best: Option<(f32, f32)> = None;
        let mut cur: Option<(f32, f32)> = None;
        for s in seg {
            if s.2 == min {
                cur = Some(cur.map_or((s.0, s.1), |(a, _)| (a, s.1)));
            } else {
                cur = None;
            }
            if let Some(c) = cur {
                if best.is_none_or(|b| c.1 - c.0 > b.1 - b.0) {
                    best = Some(c);
                }
            }
        }
        // A spanning header may leave the least covered part a sliver: the whole low stretch is
        // then the river.
        let whole = match (seg.first(), seg.last()) {
            (Some(f), Some(l)) => Some((f.0, l.1)),
            _ => None,
        };
        let pick = best.filter(|(a, b)| b - a >= min_river).or(whole);
        if let Some((a, b)) = pick.filter(|(a, b)| b - a >= min_river) {
            xs.push((a + b) / 2.0);
        }
    }
    xs.push(right);
    Some(xs)
}

/// The first and last column a chunk from `x0` to `x1` reaches into.
pub(crate) fn span(xs: &[f32], x0: f32, x1: f32) -> (usize, usize) {
    let n = xs.len().saturating_sub(1);
    let reach = |k: usize| {
        let (a, b) = (
            xs.get(k).copied().unwrap_or(0.0),
            xs.get(k + 1).copied().unwrap_or(0.0),
        );
        x1.min(b) - x0.max(a) > 0.5
    };
    // Only columns from the first ending past x0 + 0.5 to the last starting before x1 - 0.5 can
    // reach (boundaries ascend); a binary search finds them, as a page may have thousands of
    // columns. Columns are at least a river apart, so the scans inside stop at once.
    let lo = xs
        .partition_point(|b| *b <= x0 + 0.5)
        .saturating_sub(1)
        .min(n);
    let hi = xs.partition_point(|b| *b < x1 - 0.5).min(n);
    let first = (lo..hi).find(|&k| reach(k));
    let last = (lo..hi).rev().find(|&k| reach(k));
    match (first, last) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let k = xs
                .partition_point(|b| *b <= x0)
                .saturating_sub(1)
                .min(n.saturating_sub(1));
            (k, k)
        }
    }
}
