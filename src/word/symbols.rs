//! Word's symbol fonts to Unicode. Word stores a symbol-font character (`w:sym`, a run in the
//! Symbol font, .doc's sprmCSymbol) as the font's own code, usually moved to the private-use
//! area (U+F020–U+F0FF) so that no other font claims it. Read as such it is no character at
//! all; mapped through the font's table it is the character the reader sees. A code the table
//! lacks keeps Word's private-use code point and is counted, so that the document says so.

#[path = "symbol_tables.rs"]
mod tables;

use crate::model::Warning;
use std::collections::BTreeMap;

/// A symbol font whose codes have a Unicode table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SymbolFont {
    Symbol,
    Wingdings,
    Wingdings2,
    Wingdings3,
    Webdings,
}

impl SymbolFont {
    /// The font of a font name as Word writes it (`Symbol`, `Wingdings 2`), any case.
    pub fn from_name(name: &str) -> Option<SymbolFont> {
        let squeezed: String = name
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match squeezed.as_str() {
            "symbol" => SymbolFont::Symbol,
            "wingdings" => SymbolFont::Wingdings,
            "wingdings2" => SymbolFont::Wingdings2,
            "wingdings3" => SymbolFont::Wingdings3,
            "webdings" => SymbolFont::Webdings,
            _ => return None,
        })
    }

    fn table(self) -> &'static [u32; 224] {
        match self {
            SymbolFont::Symbol => &tables::SYMBOL,
            SymbolFont::Wingdings => &tables::WINGDINGS,
            SymbolFont::Wingdings2 => &tables::WINGDINGS_2,
            SymbolFont::Wingdings3 => &tables::WINGDINGS_3,
            SymbolFont::Webdings => &tables::WEBDINGS,
        }
    }
}

/// Whether `c` is where Word puts a symbol font's codes (U+F020–U+F0FF).
pub(crate) fn is_symbol_area(c: char) -> bool {
    ('\u{F020}'..='\u{F0FF}').contains(&c)
}

/// The Unicode character for `code` of font `font_name`: `Ok` when it is one (a mapped
/// symbol-font code, or a code outside the symbol area, which is a character already),
/// `Err` with Word's private-use code point when the font or its table has none.
pub(crate) fn to_unicode(font_name: &str, code: u32) -> Result<char, char> {
    let low = match code {
        0xF000..=0xF0FF => code - 0xF000,
        0..=0xFF => code,
        // Not a symbol-font code: a character of its own (an invalid one is a miss).
        _ => return char::from_u32(code).ok_or(char::REPLACEMENT_CHARACTER),
    };
    let private = char::from_u32(0xF000 + low).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mapped = SymbolFont::from_name(font_name)
        .and_then(|font| low.checked_sub(0x20).map(|i| (font, i as usize)))
        .and_then(|(font, i)| font.table().get(i).copied())
        .filter(|&u| u != 0)
        .and_then(char::from_u32);
    mapped.ok_or(private)
}

/// Symbol-font codes left as private-use code points, counted per font for the warning.
#[derive(Debug, Default)]
pub(crate) struct UnmappedSymbols {
    by_font: BTreeMap<String, usize>,
}

impl UnmappedSymbols {
    /// Counts one code of `font_name` that stayed private-use.
    pub fn count(&mut self, font_name: &str) {
        *self.by_font.entry(font_name.to_string()).or_default() += 1;
    }

    /// Adds the counts of `other` to these.
    pub fn merge(&mut self, other: UnmappedSymbols) {
        for (font, n) in other.by_font {
            *self.by_font.entry(font).or_default() += n;
        }
    }

    /// One warning `code` per font: how many of its characters stayed private-use.
    pub fn into_warnings(self, code: &'static str) -> impl Iterator<Item = Warning> {
        self.by_font.into_iter().map(move |(font, n)| {
            let font = if font.is_empty() {
                "no font named".to_string()
            } else {
                format!("font {font:?}")
            };
            Warning::new(
                code,
                format!(
                    "{n} symbol character(s) ({font}) have no Unicode mapping and were kept as private-use code points"
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_and_dingbat_codes_become_unicode() {
        assert_eq!(to_unicode("Symbol", 0xF0B7), Ok('•'));
        assert_eq!(to_unicode("Symbol", 0xF067), Ok('γ'));
        assert_eq!(to_unicode("Symbol", 0xF02A), Ok('∗'));
        assert_eq!(to_unicode("Symbol", 0xF0D2), Ok('®'));
        assert_eq!(to_unicode("Symbol", 0x61), Ok('α'));
        assert_eq!(to_unicode("Wingdings", 0xF0FC), Ok('✔'));
        assert_eq!(to_unicode("Wingdings", 0xF094), Ok('❾'));
        assert_eq!(to_unicode("wingdings", 0xF06F), Ok('□'));
        assert_eq!(to_unicode("Wingdings 2", 0xF052), Ok('☑'));
        assert_eq!(to_unicode("Wingdings 2", 0xF054), Ok('☒'));
        assert_eq!(to_unicode("Wingdings 3", 0xF070), Ok('▲'));
        assert_eq!(to_unicode("Webdings", 0xF061), Ok('✔'));
        assert_eq!(to_unicode("Webdings", 0xF0F6), Ok('\u{1F408}'));
    }

    #[test]
    fn misses_keep_the_private_use_code_point() {
        // Symbol 0xE6 is a bracket piece with no Unicode character of its own.
        assert_eq!(to_unicode("Symbol", 0xF0E6), Err('\u{F0E6}'));
        assert_eq!(to_unicode("Symbol", 0x80), Err('\u{F080}'));
        assert_eq!(to_unicode("Marlett", 0xF061), Err('\u{F061}'));
        assert_eq!(to_unicode("Wingdings", 0xF010), Err('\u{F010}'));
        // Outside the symbol area a code is a character already.
        assert_eq!(to_unicode("Symbol", 0x2022), Ok('•'));
        assert_eq!(to_unicode("Symbol", 0xD800), Err('\u{FFFD}'));
    }

    #[test]
    fn one_warning_per_font_with_its_count() {
        let mut misses = UnmappedSymbols::default();
        misses.count("Marlett");
        let mut more = UnmappedSymbols::default();
        more.count("Marlett");
        more.count("Symbol");
        misses.merge(more);
        let messages: Vec<String> = misses
            .into_warnings("docx.symbol_unmapped")
            .map(|w| w.message)
            .collect();
        assert_eq!(
            messages,
            [
                "2 symbol character(s) (font \"Marlett\") have no Unicode mapping and were kept as private-use code points",
                "1 symbol character(s) (font \"Symbol\") have no Unicode mapping and were kept as private-use code points",
            ]
        );
    }
}
