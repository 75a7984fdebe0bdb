//! Number formats of `w:numFmt` (ST_NumberFormat), rendered as Word renders them.

/// Renders `n` in the number format `fmt`; unknown formats fall back to decimal digits.
pub(crate) fn format_number(fmt: &str, n: u32) -> String {
    match fmt {
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n).unwrap_or_else(|| n.to_string()),
        "lowerRoman" => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        "upperLetter" => letters(n, b'A'),
        "lowerLetter" => letters(n, b'a'),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n, &CHINESE, true),
        "chineseLegalSimplified" => chinese(n, &CHINESE_LEGAL, true),
        "japaneseCounting" => chinese(n, &JAPANESE, false),
        "ideographDigital" | "taiwaneseDigital" => n
            .to_string()
            .bytes()
            .map(|d| CHINESE.digits[usize::from(d - b'0')])
            .collect(),
        "ideographTraditional" => cycle(
            n,
            &["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"],
        ),
        "ideographZodiac" => cycle(
            n,
            &[
                "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
            ],
        ),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            enclosed(n, 0x2460).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => enclosed(n, 0x2474).unwrap_or_else(|| format!("({n})")),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488).unwrap_or_else(|| format!("{n}.")),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(u32::from(d) - u32::from('0') + 0xFF10).unwrap_or(d))
            .collect(),
        "ordinal" => ordinal(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

/// Word's letter numbering: A…Z, then AA…ZZ, AAA… (the letter repeated, not base 26).
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(base + ((n - 1) % 26) as u8);
    // Word stops repeating at some point; 780 repetitions keep a hostile value cheap.
    let times = ((n - 1) / 26 + 1).min(780) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn cycle(n: u32, symbols: &[&str]) -> String {
    if n == 0 || symbols.is_empty() {
        return n.to_string();
    }
    let i = (n as usize - 1) % symbols.len();
    symbols
        .get(i)
        .map_or_else(|| n.to_string(), |s| s.to_string())
}

fn enclosed(n: u32, first: u32) -> Option<String> {
    if (1..=20).contains(&n) {
        char::from_u32(first + n - 1).map(String::from)
    } else {
        None
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Digits and unit words of an East Asian counting system.
struct Counting {
    digits: [&'static str; 10],
    /// 十, 百, 千.
    units: [&'static str; 3],
    /// 万, 亿.
    myriads: [&'static str; 2],
}

const CHINESE: Counting = Counting {
    digits: ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    units: ["十", "百", "千"],
    myriads: ["万", "亿"],
};

const CHINESE_LEGAL: Counting = Counting {
    digits: ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"],
    units: ["拾", "佰", "仟"],
    myriads: ["万", "亿"],
};

const JAPANESE: Counting = Counting {
    digits: ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"],
    units: ["十", "百", "千"],
    myriads: ["万", "億"],
};

/// Counting numerals. `chinese_style`: gaps are marked with 零 and 一 is written before
/// 百/千 (一百零一); Japanese style omits both (百一), and 一 before 十 always.
fn chinese(n: u32, c: &Counting, chinese_style: bool) -> String {
    if n == 0 {
        return c.digits[0].to_string();
    }
    let zero = if chinese_style { "零" } else { "" };
    // Groups of four digits, most significant first: 亿, 万, units.
    let groups = [n / 100_000_000, n / 10_000 % 10_000, n % 10_000];
    let mut out = String::new();
    let mut pending_zero = false;
    for (gi, &g) in groups.iter().enumerate() {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
        for (di, &d) in digits.iter().enumerate() {
            if d == 0 {
                pending_zero = !out.is_empty();
                continue;
            }
            if pending_zero {
                out.push_str(zero);
                pending_zero = false;
            }
            let unit = match di {
                0 => Some(c.units[2]),
                1 => Some(c.units[1]),
                2 => Some(c.units[0]),
                _ => None,
            };
            // 一 before 十 only when something precedes it (十一, but 一百一十); Japanese
            // never writes 一 before 十, 百 or 千.
            let omit_one = d == 1
                && unit.is_some()
                && if chinese_style {
                    di == 2 && out.is_empty()
                } else {
                    true
                };
            if !omit_one {
                out.push_str(c.digits[d as usize]);
            }
            if let Some(u) = unit {
                out.push_str(u);
            }
        }
        match gi {
            0 => out.push_str(c.myriads[1]),
            1 => out.push_str(c.myriads[0]),
            _ => {}
        }
        pending_zero = false;
        // A zero between groups (一万零一) is marked when the next group lacks its top digit.
        if gi < 2 {
            pending_zero = groups
                .get(gi + 1)
                .is_some_and(|&next| next > 0 && next < 1000);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_number as f;

    #[test]
    fn western_formats() {
        assert_eq!(f("decimal", 7), "7");
        assert_eq!(f("decimalZero", 7), "07");
        assert_eq!(f("decimalZero", 12), "12");
        assert_eq!(f("upperRoman", 1994), "MCMXCIV");
        assert_eq!(f("lowerRoman", 4), "iv");
        assert_eq!(f("lowerRoman", 0), "0");
        assert_eq!(f("upperLetter", 1), "A");
        assert_eq!(f("upperLetter", 26), "Z");
        assert_eq!(f("upperLetter", 27), "AA");
        assert_eq!(f("lowerLetter", 54), "bbb");
        assert_eq!(f("ordinal", 1), "1st");
        assert_eq!(f("ordinal", 12), "12th");
        assert_eq!(f("ordinal", 23), "23rd");
        assert_eq!(f("none", 3), "");
        assert_eq!(f("someFutureFormat", 42), "42");
    }

    #[test]
    fn enclosed_and_full_width() {
        assert_eq!(f("decimalEnclosedCircle", 1), "①");
        assert_eq!(f("decimalEnclosedCircle", 20), "⑳");
        assert_eq!(f("decimalEnclosedCircle", 21), "21");
        assert_eq!(f("decimalEnclosedParen", 3), "⑶");
        assert_eq!(f("decimalEnclosedParen", 30), "(30)");
        assert_eq!(f("decimalEnclosedFullstop", 2), "⒉");
        assert_eq!(f("decimalFullWidth", 10), "１０");
    }

    #[test]
    fn chinese_counting() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (10000, "一万"),
            (10001, "一万零一"),
            (10100, "一万零一百"),
            (11000, "一万一千"),
            (100000, "十万"),
            (100000000, "一亿"),
        ];
        for (n, want) in cases {
            assert_eq!(f("chineseCounting", n), want, "{n}");
            assert_eq!(f("chineseCountingThousand", n), want, "{n}");
        }
        assert_eq!(f("chineseLegalSimplified", 101), "壹佰零壹");
        assert_eq!(f("ideographDigital", 105), "一〇五");
    }

    #[test]
    fn japanese_counting() {
        assert_eq!(f("japaneseCounting", 10), "十");
        assert_eq!(f("japaneseCounting", 11), "十一");
        assert_eq!(f("japaneseCounting", 20), "二十");
        assert_eq!(f("japaneseCounting", 101), "百一");
        assert_eq!(f("japaneseCounting", 110), "百十");
        assert_eq!(f("japaneseCounting", 2000), "二千");
    }

    #[test]
    fn cyclic_ideographs() {
        assert_eq!(f("ideographTraditional", 1), "甲");
        assert_eq!(f("ideographTraditional", 10), "癸");
        assert_eq!(f("ideographTraditional", 11), "甲");
        assert_eq!(f("ideographZodiac", 12), "亥");
        assert_eq!(f("ideographZodiac", 13), "子");
    }
}
