//! Ruling lines: the page's drawn segments reduced to snapped, joined horizontal and vertical rules.
//!
//! A thin filled rectangle arrives from the engine as its centre line, so Word/Excel/WPS fills and
//! LibreOffice strokes read alike. Outlines of large fills (cell shading) and rules painted near
//! white (invisible on the page, the phantom-cell source in every peer) are left out.

use crate::fixed::{Page, SegmentPaint};
use crate::params::LayoutParams;

/// One axis-aligned rule: at `pos` across, covering `from..to` along.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// y of a horizontal rule, x of a vertical one.
    pub pos: f32,
    /// Start along the rule.
    pub from: f32,
    /// End along the rule.
    pub to: f32,
}

/// The rules of one page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rulings {
    /// Horizontal rules, sorted by y then x.
    pub h: Vec<Rule>,
    /// Vertical rules, sorted by x then y.
    pub v: Vec<Rule>,
}

/// Collects the page's visible axis-aligned rules, snapped and joined.
pub(crate) fn rulings(page: &Page, params: &LayoutParams) -> Rulings {
    let mut h = Vec::new();
    let mut v = Vec::new();
    for s in &page.segments {
        if s.paint == SegmentPaint::FillEdge
            || s.lightness > params.invisible_lightness
            || s.width > params.rule_max_width
        {
            continue;
        }
        let (x0, y0) = s.from;
        let (x1, y1) = s.to;
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
            continue;
        }
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if dy <= 0.5 && dx >= 1.0 {
            h.push(Rule {
                pos: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            });
        } else if dx <= 0.5 && dy >= 1.0 {
            v.push(Rule {
                pos: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            });
        }
    }
    Rulings {
        h: snap_join(h, params),
        v: snap_join(v, params),
    }
}

/// Snaps rules whose positions chain within `rule_snap` to their length-weighted mean position,
/// then joins collinear pieces whose gap is at most `rule_join`; drops pieces under 2 pt.
fn snap_join(mut rules: Vec<Rule>, params: &LayoutParams) -> Vec<Rule> {
    rules.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out = Vec::new();
    let mut group: Vec<Rule> = Vec::new();
    for r in rules {
        if group
            .last()
            .is_some_and(|l| r.pos - l.pos > params.rule_snap)
        {
            join_group(&mut group, &mut out, params.rule_join);
        }
        group.push(r);
    }
    join_group(&mut group, &mut out, params.rule_join);
    out.retain(|r| r.to - r.from >= 2.0);
    out
}

fn join_group(group: &mut Vec<Rule>, out: &mut Vec<Rule>, join: f32) {
    let weight: f32 = group.iter().map(|r| (r.to - r.from).max(0.01)).sum();
    let pos = group
        .iter()
        .map(|r| r.pos * (r.to - r.from).max(0.01))
        .sum::<f32>()
        / weight.max(0.01);
    group.sort_by(|a, b| a.from.total_cmp(&b.from));
    let mut cur: Option<Rule> = None;
    for r in group.drain(..) {
        match cur.as_mut() {
            Some(c) if r.from <= c.to + join => c.to = c.to.max(r.to),
            _ => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                cur = Some(Rule { pos, ..r });
            }
        }
    }
    out.extend(cur);
}
