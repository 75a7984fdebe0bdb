//! Glyphs → lines: baseline clustering, fake-bold merge, radical folding, spaces from gaps.

use crate::fixed::{Glyph, Page};
use crate::params::LayoutParams;

/// A run of text on one baseline with no wide gap in it (a line, or one column's part of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Text with spaces from gaps between Latin glyphs; radicals folded.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y0: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Median glyph size.
    pub size: f32,
    /// Most of its glyphs are bold (a bold face, fill-and-stroke, or a WPS double draw).
    pub bold: bool,
    /// Lines sharing a baseline share this number (per call of [`lines`]), so that pieces split
    /// at a wide gap can be put back together outside multi-column text.
    pub row: usize,
    /// Set sideways on an upright page (a margin stamp, a rotated caption): its text reads in
    /// its own direction and its box is the page's; a paragraph of its own.
    pub sideways: bool,
}

/// The text of one line under construction, in visual (left-to-right) order: glyph texts
/// folded as the page shows them and the spaces between words, with each glyph's start kept so
/// that a right-to-left line is turned into logical order glyph by glyph when it is finished.
#[derive(Default, Debug)]
pub(crate) struct LineText {
    text: String,
    starts: Vec<usize>,
}

impl LineText {
    /// Appends one glyph's text, folded ([`push_folded`]).
    pub(crate) fn push_glyph(&mut self, text: &str) {
        self.starts.push(self.text.len());
        push_folded(&mut self.text, text);
    }

    /// Appends a word space unless the text already ends with one.
    pub(crate) fn push_space(&mut self) {
        if !self.text.ends_with(' ') {
            self.starts.push(self.text.len());
            self.text.push(' ');
        }
    }

    /// True when the text ends with a word space.
    pub(crate) fn ends_with_space(&self) -> bool {
        self.text.ends_with(' ')
    }

    /// The line's text in reading order.
    pub(crate) fn finish(self) -> String {
        crate::fixed::bidi::logical_glyphs(&self.text, &self.starts).unwrap_or(self.text)
    }
}

/// Appends `text` with every character folded as the page shows it: Kangxi radicals to
/// ideographs ([`fold_radical`]), and presentation forms (the ligatures ﬁ ﬂ ﬀ, Arabic and Hebrew
/// contextual and ligature forms) to the letters they are drawn from, by NFKC. Other
/// compatibility characters (full-width forms, vertical punctuation) are kept as written.
pub fn push_folded(out: &mut String, text: &str) {
    use unicode_normalization::UnicodeNormalization;
    for c in text.chars() {
        let cp = c as u32;
        // U+FB00–U+FDFF: alphabetic presentation forms and Arabic forms A; U+FE70–U+FEFC:
        // Arabic forms B (U+FEFF, the byte-order mark, is no letter).
        if (0xFB00..=0xFDFF).contains(&cp) || (0xFE70..=0xFEFC).contains(&cp) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(fold_radical(c));
        }
    }
}

/// Folds Kangxi radicals (U+2F00–U+2FD5, Chromium's mapping for common ideographs) and a few
/// CJK radical supplement forms to the unified ideographs they stand for.
pub fn fold_radical(c: char) -> char {
    let cp = c as u32;
    // Chromium writes ⼾ (U+2F3E) for 户 in simplified text; NFKC would give the traditional 戶.
    if cp == 0x2F3E {
        return '户';
    }
    if (0x2F00..=0x2FD5).contains(&cp) {
        if let Some(&u) = KANGXI.get((cp - 0x2F00) as usize) {
            return u;
        }
    }
    // Only radicals that are whole simplified characters; component-only forms (纟 讠 钅 饣) stay.
    match c {
        '\u{2EA0}' => '民',
        '\u{2EC5}' => '见',
        '\u{2EC6}' => '角',
        '\u{2EC9}' => '贝',
        '\u{2ECB}' => '车',
        '\u{2ED3}' => '长',
        '\u{2ED4}' => '门',
        '\u{2ED8}' => '青',
        '\u{2EDA}' => '页',
        '\u{2EDB}' => '风',
        '\u{2EDC}' => '飞',
        '\u{2EE2}' => '马',
        '\u{2EE5}' => '鱼',
        '\u{2EE6}' => '鸟',
        '\u{2EE7}' => '卤',
        '\u{2EE8}' => '麦',
        '\u{2EE9}' => '黄',
        '\u{2EEC}' => '齐',
        '\u{2EEE}' => '齿',
        '\u{2EF0}' => '龙',
        '\u{2EF3}' => '龟',
        _ => c,
    }
}

/// NFKC targets of U+2F00..=U+2FD5 in order (the 214 Kangxi radicals).
const KANGXI: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几',
    '凵', '刀', '力', '勹', '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土',
    '士', '夂', '夊', '夕', '大', '女', '子', '宀', '寸', '小', '尢', '尸', '屮', '山', '巛', '工',
    '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓', '彐', '彡', '彳', '心', '戈', '戶', '手',
    '支', '攴', '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠', '止', '歹', '殳', '毋',
    '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿', '片', '牙', '牛', '犬', '玄', '玉',
    '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛', '矢', '石',
    '示', '禸', '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳',
    '聿', '肉', '臣', '自', '至', '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行',
    '衣', '襾', '見', '角', '言', '谷', '豆', '豕', '豸', '貝', '赤', '走', '足', '身', '車', '辛',
    '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶', '隹', '雨', '靑', '非', '面',
    '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟', '鬥', '鬯',
    '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠',
    '鼻', '齊', '齒', '龍', '龜', '龠',
];

/// Whether a character belongs to a script written without spaces between characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Drops fake-bold doubles ([`Glyph::is_drawn_again_by`]) and marks the glyph kept as bold.
/// In content order a double drawn glyph by glyph follows its first pass; in x order (the
/// glyphs of one baseline sorted) a double drawn as a whole second pass of a run sits beside
/// it. Both orders are checked, so every producer's way of faking bold is caught.
fn dedup(glyphs: &mut Vec<Glyph>) {
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs.drain(..) {
        let dup = kept
            .iter_mut()
            .rev()
            .take(4)
            .find(|k| k.is_drawn_again_by(&g));
        match dup {
            Some(k) => k.bold = true,
            None => kept.push(g),
        }
    }
    *glyphs = kept;
}

/// [`dedup`] for glyphs of one baseline sorted by x: a double stands within the last two kept.
pub(crate) fn drop_drawn_again<G: std::borrow::Borrow<Glyph>>(sorted: Vec<G>) -> Vec<G> {
    drop_drawn_again_within(sorted, 2)
}

/// Drops every glyph that one of the last `window` kept glyphs draws again, without marking
/// the kept one bold ([`dedup`] does, for the page text).
pub(crate) fn drop_drawn_again_within<G: std::borrow::Borrow<Glyph>>(
    glyphs: impl IntoIterator<Item = G>,
    window: usize,
) -> Vec<G> {
    let mut kept: Vec<G> = Vec::new();
    for g in glyphs {
        let dup = kept
            .iter()
            .rev()
            .take(window)
            .any(|k| k.borrow().is_drawn_again_by(g.borrow()));
        if !dup {
            kept.push(g);
        }
    }
    kept
}

/// All lines of a page, as [`lines_of`] cuts them.
pub fn lines(page: &Page, params: &LayoutParams) -> Vec<Line> {
    lines_of(&page.glyphs, params)
}

/// Clusters glyphs into lines by baseline; a line is cut where the gap between two glyphs is
/// wider than `params.wide_gap` em (a column gutter or a tab stop).
pub fn lines_of<'g>(
    glyphs: impl IntoIterator<Item = &'g Glyph>,
    params: &LayoutParams,
) -> Vec<Line> {
    let mut gs: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|g| !g.text.trim().is_empty())
        .cloned()
        .collect();
    dedup(&mut gs);
    let groups = baseline_groups(gs, params.line_tolerance);
    let mut out = Vec::new();
    for (row, mut gs) in groups.into_iter().enumerate() {
        gs.sort_by(|a, b| a.bbox.0.total_cmp(&b.bbox.0));
        let gs = drop_drawn_again(gs);
        let mut piece: Vec<Glyph> = Vec::new();
        let mut right = f32::MIN;
        for g in gs {
            if !piece.is_empty() && g.bbox.0 - right > g.size.max(1.0) * params.wide_gap {
                out.extend(make_line(&piece, row, params.word_gap));
                piece.clear();
            }
            right = right.max(g.bbox.2);
            piece.push(g);
        }
        out.extend(make_line(&piece, row, params.word_gap));
    }
    out
}

/// Glyphs grouped by baseline, top to bottom, each group left to right: a glyph joins the
/// current group when its baseline is within `tolerance` em (at least 1 pt) of the group's
/// first glyph. Shared by page lines, cell lines and stream-table rows.
pub(crate) fn baseline_groups<G: std::borrow::Borrow<Glyph>>(
    mut gs: Vec<G>,
    tolerance: f32,
) -> Vec<Vec<G>> {
    gs.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.bbox.0.total_cmp(&b.bbox.0))
    });
    let mut groups: Vec<Vec<G>> = Vec::new();
    for g in gs {
        let (size, baseline) = (g.borrow().size, g.borrow().baseline);
        let tol = (size * tolerance).max(1.0);
        match groups.last_mut() {
            Some(cur)
                if cur
                    .first()
                    .is_some_and(|f| (f.borrow().baseline - baseline).abs() <= tol) =>
            {
                cur.push(g)
            }
            _ => groups.push(vec![g]),
        }
    }
    groups
}

fn make_line(gs: &[Glyph], row: usize, word_gap: f32) -> Option<Line> {
    let first = gs.first()?;
    let mut sizes: Vec<f32> = gs.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(first.size);
    let mut text = LineText::default();
    let mut prev: Option<&Glyph> = None;
    for g in gs {
        if let Some(p) = prev {
            let gap = g.bbox.0 - p.bbox.2;
            let cjk = p.text.chars().any(is_cjk) || g.text.chars().any(is_cjk);
            if !cjk && gap > size * word_gap {
                text.push_space();
            }
        }
        text.push_glyph(&g.text);
        prev = Some(g);
    }
    let text = text.finish();
    let bold = gs.iter().filter(|g| g.bold).count() * 2 > gs.len();
    Some(Line {
        text,
        x0: first.bbox.0,
        x1: gs.iter().map(|g| g.bbox.2).fold(f32::MIN, f32::max),
        y0: gs.iter().map(|g| g.bbox.1).fold(f32::MAX, f32::min),
        y1: gs.iter().map(|g| g.bbox.3).fold(f32::MIN, f32::max),
        size,
        bold,
        row,
        sideways: false,
    })
}

/// Page numbers and running footers such as `- 3 -`, `第3页`, `第 3 页 共 9 页`, `3/9` or a bare number.
pub fn is_page_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c| c == '-' || c == '—' || c == '–');
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    let lower = core.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let n = rest.split("of").all(|p| digits(p.trim()));
        if n {
            return true;
        }
    }
    t.starts_with('第')
        && t.contains('页')
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().count() <= 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_and_presentation_forms_read_as_letters() {
        let mut line = LineText::default();
        line.push_glyph("\u{FB01}");
        line.push_glyph("le");
        line.push_space();
        line.push_glyph("\u{FB00}");
        assert_eq!(line.finish(), "file ff");
        // Full-width forms and the byte-order mark are not presentation forms: kept as drawn.
        let mut kept = String::new();
        push_folded(&mut kept, "（１）\u{FEFF}");
        assert_eq!(kept, "（１）\u{FEFF}");
        // Arabic contextual forms (final noon, medial alef-maksura...) read as the letters;
        // the line drawn right to left comes out in logical order: "سلطان".
        let mut line = LineText::default();
        for glyph in ["\u{FEE5}", "\u{FE8E}", "\u{FEC4}", "\u{FEE0}", "\u{FEB3}"] {
            line.push_glyph(glyph);
        }
        assert_eq!(line.finish(), "\u{633}\u{644}\u{637}\u{627}\u{646}");
    }

    #[test]
    fn radicals_fold_to_ideographs() {
        // U+2F2F KANGXI RADICAL WORK is NFKC-equivalent to 工; U+2EA0 ⺠ is 民 with no NFKC mapping.
        assert_eq!(fold_radical('\u{2F2F}'), '工');
        assert_eq!(fold_radical('\u{2F00}'), '一');
        assert_eq!(fold_radical('\u{2FD5}'), '龠');
        assert_eq!(fold_radical('\u{2EA0}'), '民');
        assert_eq!(fold_radical('\u{2ED4}'), '门');
        assert_eq!(fold_radical('工'), '工');
    }

    #[test]
    fn page_numbers_are_furniture() {
        for t in ["- 3 -", "— 12 —", "第3页", "第 3 页 共 9 页", "7"] {
            assert!(is_page_furniture(t), "{t}");
        }
        for t in ["第三章", "2023年", "（一）主动公开"] {
            assert!(!is_page_furniture(t), "{t}");
        }
    }
}
