//! Right-to-left text in logical order. A page draws Arabic and Hebrew right to left, so glyphs
//! sorted by x spell each right-to-left run backwards; the runs are turned back here with the
//! characters' bidirectional classes (`unicode-bidi`), numbers and Latin words inside them kept
//! as they read.
//!
//! Hand-written: `unicode-bidi` reorders logical text for display, not the other way round.
//! The unit of reordering is the glyph, not the character: a ligature glyph (lam-alef) maps to
//! its letters already in logical order, and reversing them would spell them backwards.

use unicode_bidi::{bidi_class, BidiClass};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Direction {
    Ltr,
    Rtl,
}

fn strong(c: char) -> Option<Direction> {
    match bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
        BidiClass::L => Some(Direction::Ltr),
        _ => None,
    }
}

/// The logical order of a line given in visual (left-to-right) order, each character one glyph;
/// `None` when the line has no right-to-left letter.
#[cfg(test)]
pub(crate) fn logical(visual: &str) -> Option<String> {
    let starts: Vec<usize> = visual.char_indices().map(|(i, _)| i).collect();
    logical_glyphs(visual, &starts)
}

/// The logical order of a line given in visual order, where `starts` are the byte offsets at
/// which each glyph's text (or an inserted space) begins; `None` when the line has no
/// right-to-left letter, which is every line of most documents.
pub(crate) fn logical_glyphs(visual: &str, starts: &[usize]) -> Option<String> {
    let mut rtl = 0usize;
    let mut ltr = 0usize;
    for c in visual.chars() {
        match strong(c) {
            Some(Direction::Rtl) => rtl += 1,
            Some(Direction::Ltr) => ltr += 1,
            None => {}
        }
    }
    if rtl == 0 {
        return None;
    }
    let paragraph = if rtl > ltr {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let mut bounds: Vec<usize> = starts
        .iter()
        .copied()
        .filter(|&i| i < visual.len() && visual.is_char_boundary(i))
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    if bounds.first() != Some(&0) {
        bounds.insert(0, 0);
    }
    let glyphs: Vec<&str> = bounds
        .iter()
        .enumerate()
        .filter_map(|(k, &a)| visual.get(a..bounds.get(k + 1).copied().unwrap_or(visual.len())))
        .collect();
    let class = |g: &str| g.chars().next().map(bidi_class);
    let is_digit = |g: &str| matches!(class(g), Some(BidiClass::EN | BidiClass::AN));
    let is_mark = |g: &str| !g.is_empty() && g.chars().all(|c| bidi_class(c) == BidiClass::NSM);
    // A glyph's own direction: its first strong letter; digits read left to right inside
    // right-to-left text, as Latin does.
    let mut dirs: Vec<Option<Direction>> = glyphs
        .iter()
        .map(|g| {
            if is_digit(g) {
                Some(Direction::Ltr)
            } else {
                g.chars().find_map(strong)
            }
        })
        .collect();
    // Separators between two digits (1,234  3.5  12/05) belong to the number.
    for i in 1..glyphs.len().saturating_sub(1) {
        let separator = matches!(class(glyphs[i]), Some(BidiClass::CS | BidiClass::ES));
        if separator && is_digit(glyphs[i - 1]) && is_digit(glyphs[i + 1]) {
            dirs[i] = Some(Direction::Ltr);
        }
    }
    // A combining mark goes with the letter before it; other neutrals take the direction of
    // the strong glyphs on both sides when they agree, else the paragraph's.
    let resolved: Vec<Direction> = (0..glyphs.len())
        .map(|i| {
            if let Some(d) = dirs[i] {
                return d;
            }
            let before = dirs[..i].iter().rev().flatten().next().copied();
            let after = dirs[i + 1..].iter().flatten().next().copied();
            if is_mark(glyphs[i]) {
                if let Some(d) = before {
                    return d;
                }
            }
            match (before, after) {
                (Some(a), Some(b)) if a == b => a,
                _ => paragraph,
            }
        })
        .collect();
    let mut runs: Vec<(Direction, Vec<&str>)> = Vec::new();
    for (&g, &d) in glyphs.iter().zip(&resolved) {
        match runs.last_mut() {
            Some((rd, run)) if *rd == d => run.push(g),
            _ => runs.push((d, vec![g])),
        }
    }
    if paragraph == Direction::Rtl {
        runs.reverse();
    }
    let mut out = String::with_capacity(visual.len());
    for (d, run) in runs {
        if d == Direction::Ltr {
            out.extend(run);
            continue;
        }
        // Reversed by cluster: a letter keeps its combining marks after it.
        let mut clusters: Vec<&[&str]> = Vec::new();
        let mut start = 0;
        for i in 1..=run.len() {
            if !run.get(i).is_some_and(|g| is_mark(g)) {
                if let Some(cluster) = run.get(start..i) {
                    clusters.push(cluster);
                }
                start = i;
            }
        }
        for cluster in clusters.into_iter().rev() {
            for g in cluster {
                out.push_str(mirrored(g).unwrap_or(g));
            }
        }
    }
    Some(out)
}

/// A bracket read right to left is drawn mirrored: the glyph at the right end of "(1) שלום"
/// shows ")" but is the opening bracket (Unicode's Bidi_Mirrored pairs, the common ones).
fn mirrored(glyph: &str) -> Option<&'static str> {
    const PAIRS: [(&str, &str); 10] = [
        ("(", ")"),
        (")", "("),
        ("[", "]"),
        ("]", "["),
        ("{", "}"),
        ("}", "{"),
        ("<", ">"),
        (">", "<"),
        ("\u{AB}", "\u{BB}"),
        ("\u{BB}", "\u{AB}"),
    ];
    PAIRS.iter().find(|(a, _)| *a == glyph).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::logical;

    #[test]
    fn latin_and_cjk_lines_are_left_alone() {
        assert_eq!(logical("Total 1,234 (2023)"), None);
        assert_eq!(logical("政府信息公开 2023年"), None);
    }

    #[test]
    fn an_arabic_line_reads_right_to_left() {
        // Drawn right to left, collected left to right: "اسمي سلطان" arrives reversed.
        let visual: String = "اسمي سلطان".chars().rev().collect();
        assert_eq!(logical(&visual).as_deref(), Some("اسمي سلطان"));
    }

    #[test]
    fn numbers_and_latin_words_keep_their_order_inside_arabic() {
        // Logical "عندي 47 قطط": visually the number stands left of the first word.
        let visual = format!(
            "{} 47 {}",
            "قطط".chars().rev().collect::<String>(),
            "عندي".chars().rev().collect::<String>()
        );
        assert_eq!(logical(&visual).as_deref(), Some("عندي 47 قطط"));
        let visual = format!(
            "Jeremy is {} in Arabic",
            "جيرمي".chars().rev().collect::<String>()
        );
        assert_eq!(
            logical(&visual).as_deref(),
            Some("Jeremy is جيرمي in Arabic")
        );
        let visual = format!("{} 1,234.5", "المجموع".chars().rev().collect::<String>());
        assert_eq!(logical(&visual).as_deref(), Some("1,234.5 المجموع"));
    }

    #[test]
    fn a_combining_mark_stays_after_its_letter() {
        // "مرحباً": the tanween U+064B follows the alef; sorted by x it comes after the alef's
        // left edge, so the visual string has alef, mark, then the rest reversed.
        let visual = "\u{627}\u{64B}\u{628}\u{62D}\u{631}\u{645}";
        assert_eq!(
            logical(visual).as_deref(),
            Some("\u{645}\u{631}\u{62D}\u{628}\u{627}\u{64B}")
        );
    }

    #[test]
    fn a_ligature_glyph_keeps_its_letters_in_order() {
        // Lam-alef is one glyph whose text is "لا" in logical order; the word "الا" drawn right
        // to left arrives as [lam-alef glyph, alef glyph] sorted by x.
        let visual = "\u{644}\u{627}\u{627}";
        assert_eq!(
            super::logical_glyphs(visual, &[0, 4]).as_deref(),
            Some("\u{627}\u{644}\u{627}")
        );
    }

    #[test]
    fn brackets_inside_right_to_left_text_are_mirrored_back() {
        // Logical "(1) תעשייה (ללא יהלומים)" is drawn, left to right, as the reversed letters
        // with the bracket shapes mirrored.
        let visual = format!(
            "({} {}) {} (1)",
            "יהלומים".chars().rev().collect::<String>(),
            "ללא".chars().rev().collect::<String>(),
            "תעשייה".chars().rev().collect::<String>()
        );
        assert_eq!(
            logical(&visual).as_deref(),
            Some("(1) תעשייה (ללא יהלומים)")
        );
    }

    #[test]
    fn hebrew_reads_right_to_left() {
        let visual: String = "שלום עולם".chars().rev().collect();
        assert_eq!(logical(&visual).as_deref(), Some("שלום עולם"));
    }
}
