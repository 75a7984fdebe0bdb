//! A tolerant reader for pandoc's `native` output (Haskell `show` syntax of the pandoc AST).
//!
//! Only the shape matters here: constructors applied to arguments, lists, tuples, strings
//! and numbers. Record braces (`Meta { … }`) are skipped.

/// A parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    /// A constructor with its arguments (`Str "a"`, `Space`, `RowSpan 2`).
    Con(String, Vec<V>),
    List(Vec<V>),
    Tuple(Vec<V>),
    Str(String),
    Num(String),
}

/// Parses a whole `.native` file (a list of blocks, or one value).
pub fn parse(src: &str) -> Result<V, String> {
    let mut p = Parser {
        s: src.chars().collect(),
        i: 0,
    };
    let v = p.expr()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("trailing input at char {}", p.i));
    }
    Ok(v)
}

struct Parser {
    s: Vec<char>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        let ctx: String = self.s[self.i.min(self.s.len())..].iter().take(40).collect();
        Err(format!("{what} at char {}: {ctx:?}", self.i))
    }

    /// An application: a constructor followed by its argument atoms, or a lone atom.
    fn expr(&mut self) -> Result<V, String> {
        let head = self.atom()?;
        let V::Con(name, mut args) = head else {
            return Ok(head);
        };
        if !args.is_empty() {
            return Ok(V::Con(name, args));
        }
        loop {
            self.ws();
            match self.peek() {
                None | Some(',') | Some(']') | Some(')') | Some('}') => break,
                Some('{') => self.skip_braces()?,
                _ => args.push(self.atom()?),
            }
        }
        Ok(V::Con(name, args))
    }

    fn atom(&mut self) -> Result<V, String> {
        self.ws();
        match self.peek() {
            Some('"') => self.string().map(V::Str),
            Some('[') => self.seq(']').map(V::List),
            Some('(') => {
                let mut items = self.seq(')')?;
                match items.len() {
                    // `( x )` is grouping; `()` is the unit value.
                    1 => Ok(items.remove(0)),
                    _ => Ok(V::Tuple(items)),
                }
            }
            Some(c) if c.is_ascii_digit() || c == '-' => Ok(V::Num(self.number())),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'' || c == '.')
                {
                    self.i += 1;
                }
                Ok(V::Con(self.s[start..self.i].iter().collect(), Vec::new()))
            }
            _ => self.err("unexpected character"),
        }
    }

    /// A comma-separated sequence after the opening bracket, up to `close`.
    fn seq(&mut self, close: char) -> Result<Vec<V>, String> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(close) {
            self.i += 1;
            return Ok(items);
        }
        loop {
            items.push(self.expr()?);
            self.ws();
            match self.peek() {
                Some(',') => self.i += 1,
                Some(c) if c == close => {
                    self.i += 1;
                    return Ok(items);
                }
                _ => return self.err("expected ',' or closing bracket"),
            }
        }
    }

    fn number(&mut self) -> String {
        let start = self.i;
        if self.peek() == Some('-') {
            self.i += 1;
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+')
        {
            // Stop a `-` that is not an exponent sign.
            let c = self.s[self.i];
            if (c == '-' || c == '+') && !matches!(self.s.get(self.i - 1), Some('e' | 'E')) {
                break;
            }
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    fn skip_braces(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    self.string()?;
                    continue;
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return Ok(());
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
        self.err("unclosed brace")
    }

    /// A Haskell string literal with its escapes.
    fn string(&mut self) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return self.err("unterminated string");
            };
            self.i += 1;
            match c {
                '"' => return Ok(out),
                '\\' => self.escape(&mut out)?,
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let Some(c) = self.peek() else {
            return self.err("dangling escape");
        };
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '\\' | '"' | '\'' => Some(c),
            _ => None,
        };
        if let Some(ch) = simple {
            self.i += 1;
            out.push(ch);
            return Ok(());
        }
        if c == '&' {
            self.i += 1;
            return Ok(());
        }
        if c.is_whitespace() {
            // A string gap: `\   \`.
            while self.peek().is_some_and(char::is_whitespace) {
                self.i += 1;
            }
            if self.peek() == Some('\\') {
                self.i += 1;
                return Ok(());
            }
            return self.err("bad string gap");
        }
        let (radix, skip) = match c {
            'x' => (16, 1),
            'o' => (8, 1),
            d if d.is_ascii_digit() => (10, 0),
            '^' => {
                self.i += 1;
                let Some(k) = self.peek() else {
                    return self.err("bad control escape");
                };
                self.i += 1;
                out.push(char::from_u32((k as u32) ^ 0x40).unwrap_or('\u{fffd}'));
                return Ok(());
            }
            _ => return self.ascii_name(out),
        };
        self.i += skip;
        let start = self.i;
        while self.peek().is_some_and(|d| d.is_digit(radix)) {
            self.i += 1;
        }
        let digits: String = self.s[start..self.i].iter().collect();
        let n = u32::from_str_radix(&digits, radix).map_err(|e| format!("escape {digits}: {e}"))?;
        out.push(char::from_u32(n).unwrap_or('\u{fffd}'));
        Ok(())
    }

    /// `\NUL`, `\SOH`, … `\DEL`; longest name first so `\SOH` is not read as `\SO` + `H`.
    fn ascii_name(&mut self, out: &mut String) -> Result<(), String> {
        const NAMES: [&str; 34] = [
            "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
            "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
            "SUB", "ESC", "FS", "GS", "RS", "US", "SP", "DEL",
        ];
        let mut best: Option<(usize, u32)> = None;
        for (code, name) in NAMES.iter().enumerate() {
            let n = name.chars().count();
            let here: String = self.s[self.i..].iter().take(n).collect();
            if here == *name && best.is_none_or(|(l, _)| n > l) {
                let code = match *name {
                    "SP" => 32,
                    "DEL" => 127,
                    _ => code as u32,
                };
                best = Some((n, code));
            }
        }
        let Some((n, code)) = best else {
            return self.err("unknown escape");
        };
        self.i += n;
        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_escapes_and_shapes() {
        let v =
            parse(r#"[ Str "a\20013\&1\SOH\SO\&H" , Cell ( "" , [] ) (RowSpan 2) [] ]"#).unwrap();
        let V::List(items) = v else { panic!("{v:?}") };
        assert_eq!(
            items[0],
            V::Con("Str".into(), vec![V::Str("a\u{4e2d}1\u{1}\u{e}H".into())])
        );
        let V::Con(name, args) = &items[1] else {
            panic!()
        };
        assert_eq!(name, "Cell");
        assert_eq!(args.len(), 3);
        assert_eq!(args[1], V::Con("RowSpan".into(), vec![V::Num("2".into())]));
    }
}
