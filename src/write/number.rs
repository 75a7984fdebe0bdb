//! Which cell texts are plainly numbers, for spreadsheet writers.
//!
//! The grammar, after trimming ASCII whitespace, U+3000 (ideographic space) and U+00A0
//! (no-break space) at both ends:
//!
//! ```text
//! number   = ["-"] integer ["." digit+]
//! integer  = "0" | nonzero digit* | nonzero [digit [digit]] ("," digit digit digit)+
//! ```
//!
//! and further: at most 15 significant digits (more would not survive an IEEE double, so
//! ID numbers stay text), and no negative zero (`-0` would read back as `0`). Everything
//! else stays text exactly as written: leading zeros (`007`), a plus sign, `.5`, `5.`,
//! exponents, percent signs, currency, full-width digits, units (`45822.4584万元`).
//!
//! A number carries the Excel number format that shows it as it was written:
//! thousands separators and the count of decimals (`12.50` → `0.00`).

/// A cell text recognised as a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// The Excel number format that displays `value` as the text was written.
    pub format: String,
}

/// The number `text` plainly is, if any (see the module docs for the grammar).
pub fn parse(text: &str) -> Option<Number> {
    let s =
        text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{3000}' || c == '\u{a0}');
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, decimals) = match body.split_once('.') {
        Some((i, d)) => (i, Some(d)),
        None => (body, None),
    };
    let grouped = int_part.contains(',');
    if !valid_integer(int_part) {
        return None;
    }
    if let Some(d) = decimals {
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let digits: String = int_part
        .chars()
        .filter(char::is_ascii_digit)
        .chain(decimals.unwrap_or("").chars())
        .collect();
    let significant = digits.trim_start_matches('0');
    if significant.len() > 15 {
        return None;
    }
    if negative && significant.is_empty() {
        return None;
    }
    let plain: String = body.chars().filter(|&c| c != ',').collect();
    let magnitude: f64 = plain.parse().ok()?;
    let mut format = String::from(if grouped { "#,##0" } else { "0" });
    if let Some(d) = decimals {
        format.push('.');
        format.extend(std::iter::repeat_n('0', d.len()));
    }
    Some(Number {
        value: if negative { -magnitude } else { magnitude },
        format,
    })
}

/// `0`, or digits without a leading zero, or such digits in comma-separated groups of three.
fn valid_integer(s: &str) -> bool {
    if s == "0" {
        return true;
    }
    let mut groups = s.split(',');
    let Some(first) = groups.next() else {
        return false;
    };
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(first) || first.starts_with('0') {
        return false;
    }
    let rest: Vec<&str> = groups.collect();
    if rest.is_empty() {
        return true;
    }
    first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && all_digits(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<(f64, String)> {
        parse(text).map(|n| (n.value, n.format))
    }

    #[test]
    fn plain_numbers_are_numbers() {
        assert_eq!(num("0"), Some((0.0, "0".into())));
        assert_eq!(num(" 3 "), Some((3.0, "0".into())));
        assert_eq!(num("\u{3000}3\u{3000}"), Some((3.0, "0".into())));
        assert_eq!(num("1,234"), Some((1234.0, "#,##0".into())));
        assert_eq!(num("12,345,678"), Some((12345678.0, "#,##0".into())));
        assert_eq!(num("-5"), Some((-5.0, "0".into())));
        assert_eq!(num("12.5"), Some((12.5, "0.0".into())));
        assert_eq!(num("12.50"), Some((12.5, "0.00".into())));
        assert_eq!(num("0.25"), Some((0.25, "0.00".into())));
        assert_eq!(num("-1,234.5"), Some((-1234.5, "#,##0.0".into())));
        assert_eq!(
            num("123456789012345"),
            Some((123456789012345.0, "0".into()))
        );
    }

    #[test]
    fn everything_else_stays_text() {
        for text in [
            "增169",
            "45822.4584万元",
            "007",
            "00",
            "00.5",
            "1.5℅",
            "12%",
            "/",
            "—",
            "",
            "   ",
            "-",
            "+5",
            ".5",
            "5.",
            "1e5",
            "1,23",
            "1234,567",
            "1,2345",
            ",123",
            "0,123",
            "1,,234",
            "1.2.3",
            "-0",
            "-0.00",
            "１２",
            "¥100",
            "1 234",
            "12-5",
            "2021-01-20",
            "3\n4",
            "1234567890123456",
            "110101199003070012",
        ] {
            assert_eq!(parse(text), None, "{text:?} must stay text");
        }
    }

    #[test]
    fn significant_digits_ignore_leading_zeros_of_a_fraction() {
        assert_eq!(
            num("0.000000000000001"),
            Some((1e-15, "0.000000000000000".into()))
        );
        assert_eq!(num("0.1234567890123456"), None);
    }
}
