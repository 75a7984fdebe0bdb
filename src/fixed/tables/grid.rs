//! Rules → ruled frames → grid boundaries → cells with spans.
//!
//! Rules that touch form one frame (tabula's and pdfplumber's table areas). Every vertical rule of
//! a frame is a column boundary and every horizontal one a row boundary (outer edges missing in
//! frameless tables come from the other direction's extent); a grid cell whose right or bottom
//! edge is not drawn is merged with its neighbour there (camelot's edge flags), which gives the
//! row and column spans a person sees.

use super::rules::{Rule, Rulings};
use crate::params::LayoutParams;

/// Frames with more grid positions than this are hatching or charts, not tables (line-less
/// tables are held to it too: it bounds the memory of one table's grid).
pub(crate) const MAX_POSITIONS: usize = 250_000;
/// Pages with more rule pairs than this are drawings; their frames are not searched.
const MAX_PAIRS: usize = 40_000_000;

/// A cell of a fragment, on its grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PageCell {
    /// Top grid row.
    pub row: usize,
    /// Left grid column.
    pub col: usize,
    /// Rows covered.
    pub row_span: usize,
    /// Columns covered.
    pub col_span: usize,
    /// Text, filled by `cells::fill`.
    pub text: String,
    /// Room left on the text's last line before the cell's right padding (infinite when empty):
    /// a text cut by a page break ends on a full line.
    pub room: f32,
    /// Width of the first word of the text's first line (0 when empty).
    pub lead: f32,
}

/// One ruled table on one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PageTable {
    /// 0-based page index.
    pub page: usize,
    /// Column boundaries, ascending.
    pub xs: Vec<f32>,
    /// Row boundaries, ascending (top to bottom).
    pub ys: Vec<f32>,
    /// Cells in row-major order of their top-left corner, partitioning the grid.
    pub cells: Vec<PageCell>,
    /// Header rows the detector saw (a rule under them); 0 leaves them to the spans.
    pub header_rows: usize,
}

impl PageTable {
    /// Grid rows.
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    /// Grid columns.
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    /// Bounding box (x0, y0, x1, y1).
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        let f = |v: &[f32], last: bool| {
            if last {
                v.last().copied().unwrap_or(0.0)
            } else {
                v.first().copied().unwrap_or(0.0)
            }
        };
        (
            f(&self.xs, false),
            f(&self.ys, false),
            f(&self.xs, true),
            f(&self.ys, true),
        )
    }
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.0.get(i) {
            if p == i {
                break;
            }
            let gp = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = gp;
            }
            i = p;
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra) {
                *slot = rb;
            }
        }
    }
}

fn meets(h: &Rule, v: &Rule, tol: f32) -> bool {
    v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol
}

/// The ruled frames of a page, each as an empty-text fragment, top to bottom.
pub(crate) fn frames(r: &Rulings, page: usize, params: &LayoutParams) -> Vec<PageTable> {
    let nh = r.h.len();
    if nh.saturating_mul(r.v.len()) > MAX_PAIRS {
        return Vec::new();
    }
    let mut dsu = Dsu((0..nh + r.v.len()).collect());
    let mut met = vec![false; nh + r.v.len()];
    for (i, h) in r.h.iter().enumerate() {
        for (j, v) in r.v.iter().enumerate() {
            if meets(h, v, params.grid_tolerance) {
                dsu.union(i, nh + j);
                met[i] = true;
                met[nh + j] = true;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> =
        std::collections::BTreeMap::new();
    for (i, h) in r.h.iter().enumerate() {
        if met[i] {
            groups.entry(dsu.find(i)).or_default().0.push(*h);
        }
    }
    for (j, v) in r.v.iter().enumerate() {
        if met[nh + j] {
            groups.entry(dsu.find(nh + j)).or_default().1.push(*v);
        }
    }
    let mut out: Vec<PageTable> = groups
        .into_values()
        .filter_map(|(hs, vs)| frame(&hs, &vs, page, params))
        .collect();
    out.sort_by(|a, b| a.bbox().1.total_cmp(&b.bbox().1));
    out
}

/// Positions chained within `chain`, each cluster as its mean.
fn boundaries(mut p: Vec<f32>, chain: f32) -> Vec<f32> {
    p.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    let mut last = f32::NEG_INFINITY;
    for x in p {
        match out.last_mut() {
            Some((sum, n)) if x - last <= chain => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
        last = x;
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Adds the far extent of the crossing rules as an outer boundary when no rule draws it.
fn with_extent(mut b: Vec<f32>, crossing: &[Rule], tol: f32) -> Vec<f32> {
    let lo = crossing.iter().map(|r| r.from).fold(f32::MAX, f32::min);
    let hi = crossing.iter().map(|r| r.to).fold(f32::MIN, f32::max);
    if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        if lo < first - tol {
            b.insert(0, lo);
        }
        if hi > last + tol {
            b.push(hi);
        }
    }
    b
}

/// For each boundary, the rules within `grid_tolerance` of it merged into disjoint intervals along the
/// boundary with running lengths: whether an edge is drawn is then a binary search, not a pass
/// over every rule of the frame (which made a fuzzed page of 10,000 rules take 0.4 s).
struct Drawn {
    /// Per boundary: disjoint `(from, to)` intervals in order.
    spans: Vec<Vec<(f32, f32)>>,
    /// Per boundary: `cum[k]` is the length of the first `k` intervals.
    cum: Vec<Vec<f64>>,
}

impl Drawn {
    fn new(rules: &[Rule], bounds: &[f32], tol: f32) -> Drawn {
        let mut sorted: Vec<&Rule> = rules.iter().collect();
        sorted.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        let (mut spans, mut cum) = (Vec::new(), Vec::new());
        for &b in bounds {
            let lo = sorted.partition_point(|r| r.pos < b - tol);
            let hi = sorted.partition_point(|r| r.pos <= b + tol);
            let mut iv: Vec<(f32, f32)> = sorted
                .get(lo..hi)
                .unwrap_or_default()
                .iter()
                .map(|r| (r.from, r.to))
                .collect();
            iv.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::with_capacity(iv.len());
            for (from, to) in iv {
                match merged.last_mut() {
                    Some(last) if from <= last.1 => last.1 = last.1.max(to),
                    _ => merged.push((from, to)),
                }
            }
            let mut c = Vec::with_capacity(merged.len() + 1);
            c.push(0.0);
            let mut total = 0.0f64;
            for (from, to) in &merged {
                total += f64::from((to - from).max(0.0));
                c.push(total);
            }
            spans.push(merged);
            cum.push(c);
        }
        Drawn { spans, cum }
    }

    /// Whether the rules at boundary `i` cover at least half of `[a, b]`.
    fn at(&self, i: usize, a: f32, b: f32) -> bool {
        let (Some(sp), Some(cum)) = (self.spans.get(i), self.cum.get(i)) else {
            return false;
        };
        // Intervals k..m are the ones reaching into (a, b).
        let k = sp.partition_point(|s| s.1 <= a);
        let m = sp.partition_point(|s| s.0 < b);
        if k >= m {
            return false;
        }
        let (Some(first), Some(last)) = (sp.get(k), m.checked_sub(1).and_then(|j| sp.get(j)))
        else {
            return false;
        };
        let full = cum.get(m).copied().unwrap_or(0.0) - cum.get(k).copied().unwrap_or(0.0);
        let clipped = f64::from((a - first.0).max(0.0)) + f64::from((last.1 - b).max(0.0));
        full - clipped >= 0.5 * f64::from(b - a)
    }
}

fn frame(hs: &[Rule], vs: &[Rule], page: usize, params: &LayoutParams) -> Option<PageTable> {
    let tol = params.grid_tolerance;
    // Boundaries chain a little wider than rules snap: a snapped double border and the rule of
    // the next cell piece are one boundary.
    let chain = params.rule_snap * 1.2;
    if hs.len() < 2 && vs.len() < 2 {
        return None;
    }
    let xs = with_extent(
        boundaries(vs.iter().map(|v| v.pos).collect(), chain),
        hs,
        tol,
    );
    let ys = with_extent(
        boundaries(hs.iter().map(|h| h.pos).collect(), chain),
        vs,
        tol,
    );
    let (nr, nc) = (ys.len().checked_sub(1)?, xs.len().checked_sub(1)?);
    if nr == 0 || nc == 0 || nr.saturating_mul(nc) > MAX_POSITIONS {
        return None;
    }
    let at = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(0.0);
    // right[r][c]: edge between (r, c) and (r, c+1); bottom[r][c]: between (r, c) and (r+1, c).
    let (vd, hd) = (Drawn::new(vs, &xs, tol), Drawn::new(hs, &ys, tol));
    let right = |r: usize, c: usize| vd.at(c + 1, at(&ys, r), at(&ys, r + 1));
    let right: Vec<bool> = (0..nr * nc).map(|i| right(i / nc, i % nc)).collect();
    let bottom = |r: usize, c: usize| hd.at(r + 1, at(&xs, c), at(&xs, c + 1));
    let bottom: Vec<bool> = (0..nr * nc).map(|i| bottom(i / nc, i % nc)).collect();
    let is = |v: &[bool], r: usize, c: usize| v.get(r * nc + c).copied().unwrap_or(true);
    let mut owned = vec![false; nr * nc];
    let free = |owned: &[bool], r: usize, c: usize| !owned.get(r * nc + c).copied().unwrap_or(true);
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if !free(&owned, r, c) {
                continue;
            }
            let mut cs = 1;
            while c + cs < nc && !is(&right, r, c + cs - 1) && free(&owned, r, c + cs) {
                cs += 1;
            }
            let mut rs = 1;
            while r + rs < nr
                && (c..c + cs).all(|k| !is(&bottom, r + rs - 1, k) && free(&owned, r + rs, k))
                && (c..c + cs - 1).all(|k| !is(&right, r + rs, k))
            {
                rs += 1;
            }
            for rr in r..r + rs {
                for k in c..c + cs {
                    if let Some(o) = owned.get_mut(rr * nc + k) {
                        *o = true;
                    }
                }
            }
            cells.push(PageCell {
                row: r,
                col: c,
                row_span: rs,
                col_span: cs,
                text: String::new(),
                room: f32::INFINITY,
                lead: 0.0,
            });
        }
    }
    if cells.len() < 2 {
        return None;
    }
    Some(PageTable {
        page,
        xs,
        ys,
        cells,
        header_rows: 0,
    })
}
