//! Ruling lines: the page's drawn segments reduced to snapped, joined horizontal and vertical rules.
//!
//! A thin filled rectangle arrives from the engine as its centre line, so Word/Excel/WPS fills and
//! LibreOffice strokes read alike. Outlines of large fills (cell shading) and rules painted near
//! white (invisible on the page, the phantom-cell source in every peer) are left out, unless
//! they run between clearly darker fills: white lines between shaded cells (a spreadsheet's
//! bands, a Word table style) are the rules a reader sees.

use crate::fixed::{FilledRect, Page, Segment, SegmentPaint};
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
    let (mut h, mut v) = (Vec::new(), Vec::new());
    // Light pieces, weighed by the length of each with a darker fill on both sides of it and on
    // at least one side: see `light_rules`.
    let (mut light_h, mut light_v) = (Vec::new(), Vec::new());
    let mut shaded = OnShade::new(&page.fills, params);
    for s in &page.segments {
        if s.paint == SegmentPaint::FillEdge || s.width > params.rule_max_width {
            continue;
        }
        let Some((horizontal, rule)) = axis_rule(s) else {
            continue;
        };
        if s.lightness <= params.invisible_lightness {
            if horizontal { &mut h } else { &mut v }.push(rule);
        } else {
            let len = rule.to - rule.from;
            let [both, one] = shaded.dark_shares(s);
            let weight = [both * len, one * len];
            if horizontal {
                &mut light_h
            } else {
                &mut light_v
            }
            .push((rule, weight));
        }
    }
    let (kept_h, kept_v) = light_rules(light_h, light_v, params);
    h.extend(kept_h);
    v.extend(kept_v);
    let weighed = |rules: Vec<Rule>| rules.into_iter().map(|r| (r, [0.0; 2])).collect();
    let joined = |rules: Vec<Rule>| {
        snap_join(weighed(rules), params)
            .into_iter()
            .map(|(r, _)| r)
    };
    Rulings {
        h: joined(h).collect(),
        v: joined(v).collect(),
    }
}

/// The chains of light pieces that are rules a reader sees. A chain is one when most of its
/// length runs between darker fills (a white grid over shaded cells runs on through the
/// unshaded ones; white borders of a table shaded only in its header stay invisible below it).
/// A chain along the edge of shading, with paper on one side, is one only where it meets two
/// light chains across, one of them a rule (the edge of a banded row inside a white grid), not
/// on its own (white gaps between the groups of a striped list).
fn light_rules(
    h: Vec<(Rule, [f32; 2])>,
    v: Vec<(Rule, [f32; 2])>,
    params: &LayoutParams,
) -> (Vec<Rule>, Vec<Rule>) {
    let share = params.light_rule_share;
    let (mut strong_h, mut weak_h, mut strong_v, mut weak_v) = (vec![], vec![], vec![], vec![]);
    for (chains, strong, weak) in [
        (snap_join(h, params), &mut strong_h, &mut weak_h),
        (snap_join(v, params), &mut strong_v, &mut weak_v),
    ] {
        for (r, [both, one]) in chains {
            let len = r.to - r.from;
            if both >= share * len {
                strong.push(r);
            } else if one >= share * len {
                weak.push(r);
            }
        }
    }
    let tol = params.rule_join;
    let crosses = |a: &Rule, b: &Rule| {
        b.pos >= a.from - tol && b.pos <= a.to + tol && a.pos >= b.from - tol && a.pos <= b.to + tol
    };
    // Met by two light rules across, one of them between shading: the outer edge of a shaded
    // table meets the rules of the unshaded rows too.
    let met = |r: &Rule, strong: &[Rule], weak: &[Rule]| {
        let n = |set: &[Rule]| set.iter().filter(|c| crosses(r, c)).count();
        let strong = n(strong);
        strong >= 1 && strong + n(weak) >= 2
    };
    let keep_h: Vec<Rule> = weak_h
        .iter()
        .filter(|r| met(r, &strong_v, &weak_v))
        .copied()
        .collect();
    let keep_v: Vec<Rule> = weak_v
        .iter()
        .filter(|r| met(r, &strong_h, &weak_h))
        .copied()
        .collect();
    strong_h.extend(keep_h);
    strong_v.extend(keep_v);
    (strong_h, strong_v)
}

/// A segment as a horizontal (`true`) or vertical rule; `None` when it is neither or not finite.
fn axis_rule(s: &Segment) -> Option<(bool, Rule)> {
    let ((x0, y0), (x1, y1)) = (s.from, s.to);
    if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()) {
        return None;
    }
    let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
    if dy <= 0.5 && dx >= 1.0 {
        let rule = Rule {
            pos: (y0 + y1) / 2.0,
            from: x0.min(x1),
            to: x0.max(x1),
        };
        Some((true, rule))
    } else if dx <= 0.5 && dy >= 1.0 {
        let rule = Rule {
            pos: (x0 + x1) / 2.0,
            from: y0.min(y1),
            to: y0.max(y1),
        };
        Some((false, rule))
    } else {
        None
    }
}

/// Points sampled along a light segment: a white line drawn once down a whole banded table
/// crosses shaded and unshaded rows.
const LIGHT_RULE_SAMPLES: u32 = 8;

/// Finds whether a light segment lies on a fill darker than itself, within a budget of
/// comparisons: a page of many fills and many light segments must not turn quadratic (past the
/// budget, light segments stay invisible, as they were before this check).
struct OnShade<'a> {
    /// Fills with their lightness, the darker ones only.
    fills: Vec<(&'a FilledRect, f32)>,
    budget: usize,
    params: &'a LayoutParams,
}

impl<'a> OnShade<'a> {
    fn new(fills: &'a [FilledRect], params: &'a LayoutParams) -> OnShade<'a> {
        let fills = fills
            .iter()
            .map(|f| {
                let [r, g, b, a] = f.rgba;
                let lum = (0.299 * r + 0.587 * g + 0.114 * b).clamp(0.0, 1.0);
                (f, 1.0 - a.clamp(0.0, 1.0) * (1.0 - lum))
            })
            .filter(|(_, l)| *l <= params.invisible_lightness)
            .collect();
        OnShade {
            fills,
            budget: params.light_rule_checks,
            params,
        }
    }

    /// The shares of the segment's length (sampled along it) with a fill at least
    /// `light_rule_contrast` darker than the segment on both sides (a white line between
    /// shaded cells, or through one) and on at least one side (also along the edge of shading).
    fn dark_shares(&mut self, s: &Segment) -> [f32; 2] {
        let ((x0, y0), (x1, y1)) = (s.from, s.to);
        // Just past the painted line on each side.
        let off = s.width / 2.0 + 0.5;
        let horizontal = (y1 - y0).abs() <= (x1 - x0).abs();
        let (mut both, mut one) = (0u32, 0u32);
        let samples = LIGHT_RULE_SAMPLES;
        for k in 0..samples {
            let t = (k as f32 + 0.5) / samples as f32;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            let (a, b) = if horizontal {
                ((x, y - off), (x, y + off))
            } else {
                ((x - off, y), (x + off, y))
            };
            match u8::from(self.darker_at(a, s.lightness))
                + u8::from(self.darker_at(b, s.lightness))
            {
                2 => (both, one) = (both + 1, one + 1),
                1 => one += 1,
                _ => {}
            }
        }
        [both as f32 / samples as f32, one as f32 / samples as f32]
    }

    fn darker_at(&mut self, (x, y): (f32, f32), lightness: f32) -> bool {
        for (f, light) in &self.fills {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            let (x0, y0, x1, y1) = f.bbox;
            if lightness - light >= self.params.light_rule_contrast
                && x >= x0
                && x <= x1
                && y >= y0
                && y <= y1
            {
                return true;
            }
        }
        false
    }
}

/// Snaps rules whose positions chain within `rule_snap` to their length-weighted mean position,
/// then joins collinear pieces whose gap is at most `rule_join`; drops pieces under 2 pt. A
/// joined rule carries the sums of its pieces' weights.
fn snap_join(mut rules: Vec<(Rule, [f32; 2])>, params: &LayoutParams) -> Vec<(Rule, [f32; 2])> {
    rules.sort_by(|a, b| a.0.pos.total_cmp(&b.0.pos));
    let mut out = Vec::new();
    let mut group: Vec<(Rule, [f32; 2])> = Vec::new();
    for r in rules {
        if group
            .last()
            .is_some_and(|l| r.0.pos - l.0.pos > params.rule_snap)
        {
            join_group(&mut group, &mut out, params.rule_join);
        }
        group.push(r);
    }
    join_group(&mut group, &mut out, params.rule_join);
    out.retain(|(r, _)| r.to - r.from >= 2.0);
    out
}

type Weighed = (Rule, [f32; 2]);

fn join_group(group: &mut Vec<Weighed>, out: &mut Vec<Weighed>, join: f32) {
    let weight: f32 = group.iter().map(|(r, _)| (r.to - r.from).max(0.01)).sum();
    let pos = group
        .iter()
        .map(|(r, _)| r.pos * (r.to - r.from).max(0.01))
        .sum::<f32>()
        / weight.max(0.01);
    group.sort_by(|a, b| a.0.from.total_cmp(&b.0.from));
    let mut cur: Option<Weighed> = None;
    for (r, weight) in group.drain(..) {
        match cur.as_mut() {
            Some((c, seen)) if r.from <= c.to + join => {
                c.to = c.to.max(r.to);
                seen[0] += weight[0];
                seen[1] += weight[1];
            }
            _ => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                cur = Some((Rule { pos, ..r }, weight));
            }
        }
    }
    out.extend(cur);
}
