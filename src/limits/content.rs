//! Path sizes in a PDF content stream. The engine keeps a path's elements until a painting
//! operator, and docgrid's device copies them once more, so `0 0 m` followed by five million
//! `1 1 l` (30 MB, 40 KB deflated) costs about 900 MB. This tokenizer knows just enough syntax
//! (strings, hex strings, names, comments, inline images) not to mistake data for operators.

/// Whether some path in `content` is built from more than `max` elements (`re` counts 5, every
/// other construction operator 1) before a painting or `n` operator ends it. A stream shorter
/// than `2 × max` bytes cannot (an operator and its separator take two bytes) and is not read.
pub fn path_over(content: &[u8], max: u64) -> bool {
    if (content.len() as u64) < max.saturating_mul(2) {
        return false;
    }
    let mut n: u64 = 0;
    let mut i = 0;
    while let Some(&c) = content.get(i) {
        match c {
            b'%' => i = skip_until(content, i, |b| b == b'\n' || b == b'\r'),
            b'(' => i = skip_string(content, i + 1),
            b'<' if content.get(i + 1) == Some(&b'<') => i += 2,
            b'<' => i = skip_until(content, i, |b| b == b'>') + 1,
            b'/' => i = skip_until(content, i + 1, |b| !regular(b)),
            _ if !regular(c) => i += 1,
            _ => {
                let end = skip_until(content, i, |b| !regular(b));
                let token = content.get(i..end).unwrap_or_default();
                match token {
                    b"m" | b"l" | b"c" | b"v" | b"y" | b"h" => n += 1,
                    b"re" => n += 5,
                    b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => n = 0,
                    b"ID" => {
                        // Inline image data runs to the next "EI" between white space.
                        let data = content.get(end..).unwrap_or_default();
                        let at = data.windows(4).position(|w| {
                            w[0].is_ascii_whitespace() && &w[1..3] == b"EI" && !regular(w[3])
                        });
                        i = at.map_or(content.len(), |p| end + p + 3);
                        continue;
                    }
                    _ => {}
                }
                if n > max {
                    return true;
                }
                i = end;
            }
        }
    }
    false
}

/// PDF regular characters: neither white space nor a delimiter.
fn regular(b: u8) -> bool {
    !b.is_ascii_whitespace()
        && b != 0
        && !matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

/// The first index at or after `from` where `stop` holds (or the end).
fn skip_until(data: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    data.get(from..)
        .and_then(|rest| rest.iter().position(|&b| stop(b)))
        .map_or(data.len(), |p| from + p)
}

/// Past the `)` closing a literal string whose body starts at `from` (nesting and escapes).
fn skip_string(data: &[u8], from: usize) -> usize {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(&b) = data.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

#[cfg(test)]
mod tests {
    use super::path_over;

    #[test]
    fn counts_elements_until_a_path_ends() {
        let path = |n: usize, end: &str| format!("0 0 m {}{end}\n", "1 1 l ".repeat(n));
        // 1 + 3 elements per path, three paths: never more than 4 at once.
        let three = path(3, "S").repeat(3);
        assert!(!path_over(three.as_bytes(), 4));
        assert!(path_over(three.as_bytes(), 3));
        // Without an ending operator the paths run together: 12 elements.
        let open = path(3, "").repeat(3);
        assert!(path_over(open.as_bytes(), 11));
        assert!(!path_over(open.as_bytes(), 12));
        // `re` is five elements; `n` ends a path too.
        assert!(path_over(b"0 0 1 1 re 0 0 1 1 re W n 0 0 m 1 1 l S", 9));
        assert!(!path_over(
            b"0 0 1 1 re 0 0 1 1 re n 0 0 1 1 re n 0 0 m 1 1 l S",
            10
        ));
    }

    #[test]
    fn operators_inside_data_are_not_counted() {
        let tricky = "BT (l l l l \\) l l l (l l) l) Tj <6c 6c> Tj /l 1 Tf ET % l l l l l l\n\
                      BI /W 4 /H 1 ID \x00l l l l l l\x01 EI 0 0 m S\n"
            .repeat(3);
        assert!(!path_over(tricky.as_bytes(), 1));
        assert!(path_over(format!("{tricky} 0 0 m 1 1 l").as_bytes(), 1));
    }

    #[test]
    fn short_streams_are_not_read() {
        // Three elements in 11 bytes: under 2 × 6, so not even looked at.
        assert!(!path_over(b"0 0 m l l l", 6));
        assert!(path_over(b"0 0 m l l l", 2));
    }
}
