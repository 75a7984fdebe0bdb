//! The style sheet (STSH, [MS-DOC] 2.9.271): each style's name, built-in identifier (`sti`
//! 1–9 are Heading 1–9), base style and the outline level its paragraph properties set.

use super::fkp::ParaProps;
use super::le::{u16_at, u8_at};
use super::sprm::{self, sprms};

/// Longest `istdBase` chain followed (cycles exist in damaged files).
const MAX_CHAIN: usize = 32;
/// `istdBase` of a style based on nothing.
const NO_BASE: u16 = 0x0FFF;

/// One paragraph or character style.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    sti: u16,
    base: u16,
    /// sprmPOutLvl of the style's own paragraph properties.
    outline: Option<u8>,
    /// sprmPIlfo and sprmPIlvl of the style's own paragraph properties: its list, if any.
    list: Option<(u16, u8)>,
}

/// The styles, by `istd`.
#[derive(Debug, Default)]
pub(crate) struct StyleSheet {
    styles: Vec<Option<Style>>,
}

impl StyleSheet {
    /// Reads an STSH; what does not parse is left out (paragraphs then have no style).
    pub fn parse(stsh: &[u8]) -> StyleSheet {
        let mut styles = Vec::new();
        let Some(cb_stshi) = u16_at(stsh, 0) else {
            return StyleSheet::default();
        };
        let cstd = u16_at(stsh, 2).unwrap_or(0);
        let cb_base = usize::from(u16_at(stsh, 4).unwrap_or(10));
        let mut at = 2 + usize::from(cb_stshi);
        for _ in 0..cstd {
            let Some(cb_std) = u16_at(stsh, at) else {
                break;
            };
            let std = super::le::slice(stsh, at + 2, usize::from(cb_std));
            at += 2 + usize::from(cb_std);
            styles.push(
                std.filter(|s| !s.is_empty())
                    .and_then(|s| parse_std(s, cb_base)),
            );
        }
        StyleSheet { styles }
    }

    fn get(&self, istd: u16) -> Option<&Style> {
        self.styles.get(usize::from(istd))?.as_ref()
    }

    /// The style's name.
    pub fn name(&self, istd: u16) -> Option<&str> {
        self.get(istd)
            .map(|s| s.name.as_str())
            .filter(|n| !n.is_empty())
    }

    /// Heading level 1–9 of a paragraph style, through its base styles: its outline level
    /// (9 is body text and ends the search), else built-in Heading 1–9.
    pub fn heading_level(&self, istd: u16) -> Option<u8> {
        let mut istd = istd;
        for _ in 0..MAX_CHAIN {
            let style = self.get(istd)?;
            if let Some(level) = style.outline {
                return (level < 9).then(|| level + 1);
            }
            if (1..=9).contains(&style.sti) {
                return Some(style.sti as u8);
            }
            if style.base == NO_BASE {
                return None;
            }
            istd = style.base;
        }
        None
    }

    /// The list (ilfo, ilvl) a paragraph style gives its paragraphs, through its base styles;
    /// ilfo 0 (numbering removed) ends the search with none.
    pub fn list(&self, istd: u16) -> Option<(u16, u8)> {
        let mut istd = istd;
        for _ in 0..MAX_CHAIN {
            let style = self.get(istd)?;
            if let Some(list) = style.list {
                return (list.0 != 0).then_some(list);
            }
            if style.base == NO_BASE {
                return None;
            }
            istd = style.base;
        }
        None
    }
}

/// One STD: the fixed StdfBase (its size from the STSHI), the name (Xstz), then the UPXs.
fn parse_std(std: &[u8], cb_base: usize) -> Option<Style> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_base = u16_at(std, 2)?;
    let (stk, base) = (kind_base & 0x000F, kind_base >> 4);
    let cch = usize::from(u16_at(std, cb_base)?);
    let name_bytes = super::le::slice(std, cb_base + 2, cch * 2)?;
    let units: Vec<u16> = name_bytes
        .chunks_exact(2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
        .collect();
    let name = String::from_utf16_lossy(&units);
    // The name's terminating zero, then the first UPX on an even offset.
    let mut upx = cb_base + 2 + cch * 2 + 2;
    upx += upx % 2;
    let mut outline = None;
    let (mut ilfo, mut ilvl) = (None, None);
    if stk == 1 {
        let cb = usize::from(u16_at(std, upx).unwrap_or(0));
        if let Some(papx) = super::le::slice(std, upx + 2, cb) {
            // UpxPapx: istd, then the grpprl.
            for s in sprms(papx.get(2..).unwrap_or_default()) {
                match s.code {
                    sprm::P_OUT_LVL => outline = u8_at(s.operand, 0),
                    sprm::P_ILFO => ilfo = u16_at(s.operand, 0),
                    sprm::P_ILVL => ilvl = u8_at(s.operand, 0),
                    _ => {}
                }
            }
        }
    }
    Some(Style {
        name,
        sti,
        base,
        outline,
        list: ilfo.map(|i| (i, ilvl.unwrap_or(0))),
    })
}

/// The heading level of a paragraph: a direct outline level decides on its own (9 = body text
/// even in a heading style), else its style's.
pub(crate) fn heading_level(props: &ParaProps, styles: &StyleSheet) -> Option<u8> {
    match props.outline {
        Some(l) if l < 9 => Some(l + 1),
        Some(_) => None,
        None => styles.heading_level(props.istd),
    }
}
