//! Label normalisation and number parsing for report cells.

/// A number read from a value cell; the cell text itself is kept elsewhere, unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Signed value (a 减 sign word makes it negative).
    pub num: f64,
    /// Sign word printed before the number (增 / 减), if any.
    pub sign_word: Option<String>,
    /// Unit printed after the number (万元, 件, …), if any.
    pub unit: Option<String>,
}

/// What a value cell holds, as far as the arithmetic rules are concerned.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Nothing printed: counts as 0 in a sum.
    Blank,
    /// A number.
    Number(Parsed),
    /// A placeholder (`/`, `-`, `—`, `无`) or other text: never a number.
    Other,
}

/// Folds full-width ASCII, U+3000 and other whitespace, quote styles and `1、`/`1.` so labels compare equal.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_whitespace() || ch == '\u{3000}' || ch == '\u{200b}' {
            continue;
        }
        let ch = match ch {
            '、' | '。' => '.',
            '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '\'' | '‘' | '’'
            | '\u{FF02}' | '\u{FF07}' => '"',
            '〔' => '[',
            '〕' => ']',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            other => other,
        };
        out.push(ch);
    }
    out
}

/// Classifies a value cell's text: blank, a number (with sign word and unit), or other text.
pub fn parse_cell(text: &str) -> CellValue {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF0E}' | '\u{FF0C}' | '\u{FF0D}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            o => o,
        })
        .collect();
    if t.is_empty() {
        return CellValue::Blank;
    }
    let (sign_word, rest) = if let Some(r) = t.strip_prefix('增') {
        (Some("增"), r)
    } else if let Some(r) = t.strip_prefix('减') {
        (Some("减"), r)
    } else {
        (None, t.as_str())
    };
    let split = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (digits, unit) = rest.split_at(split);
    let digits: String = digits.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return CellValue::Other;
    }
    let Ok(mut num) = digits.parse::<f64>() else {
        return CellValue::Other;
    };
    // A unit must be a short word, not trailing prose: anything longer is treated as text.
    if unit.chars().count() > 3 || unit.chars().any(|c| c.is_ascii_digit()) {
        return CellValue::Other;
    }
    if sign_word == Some("减") {
        num = -num;
    }
    CellValue::Number(Parsed {
        num,
        sign_word: sign_word.map(str::to_string),
        unit: (!unit.is_empty()).then(|| unit.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        match parse_cell(s) {
            CellValue::Number(p) => Some(p.num),
            _ => None,
        }
    }

    #[test]
    fn numbers_signs_units() {
        assert_eq!(num("0"), Some(0.0));
        assert_eq!(num(" 3 "), Some(3.0));
        assert_eq!(num("增169"), Some(169.0));
        assert_eq!(num("减5"), Some(-5.0));
        let CellValue::Number(p) = parse_cell("45822.4584万元") else {
            panic!("not a number")
        };
        assert_eq!(p.num, 45822.4584);
        assert_eq!(p.unit.as_deref(), Some("万元"));
        assert_eq!(num("１２"), Some(12.0));
    }

    #[test]
    fn placeholders_are_not_zero() {
        assert_eq!(parse_cell(""), CellValue::Blank);
        assert_eq!(parse_cell(" \u{3000}"), CellValue::Blank);
        for s in ["/", "-", "—", "无", "不适用"] {
            assert_eq!(parse_cell(s), CellValue::Other, "{s}");
        }
    }

    #[test]
    fn labels_fold() {
        assert_eq!(
            normalize_label("1、行政许可"),
            normalize_label("1.行政许可")
        );
        assert_eq!(
            normalize_label("（一）予以 公开"),
            normalize_label("(一)予以\n公开")
        );
        assert_eq!(
            normalize_label("“三安全\u{3000}一稳定”"),
            normalize_label("\"三安全一稳定\"")
        );
    }
}
