//! A story's characters into paragraphs: the marks that end paragraphs and cells, the special
//! characters turned into the text the DOCX reader gives (tab, line break, hyphen), and fields
//! (0x13 code 0x14 result 0x15, nested): codes hidden, results kept.

use super::chars::CharMarks;
use super::fkp::ParaProps;
use crate::word::checkbox;

/// Deepest field nesting followed; deeper field marks are read as ordinary (dropped) marks.
const MAX_FIELD_DEPTH: usize = 64;

/// What ended a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// 0x0D, or a section break (0x0C at a section end).
    Paragraph,
    /// 0x07: a cell mark, or the row-end mark of a depth-1 table.
    Cell,
    /// The story ended without a mark.
    End,
}

/// A paragraph as stored: its visible text, what ended it and the CP of that mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawParagraph {
    /// Visible text (fields' codes left out).
    pub text: String,
    /// What ended it.
    pub mark: Mark,
    /// The CP of its last character (the mark), for its properties.
    pub mark_cp: u32,
}

/// A paragraph with its properties.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    /// Text and mark.
    pub raw: RawParagraph,
    /// Properties of its mark.
    pub props: ParaProps,
}

/// Splits `units` (the CPs `[start, start + units.len())`) into paragraphs. `section_ends`
/// are the sorted CPs just after each section's last character: a 0x0C there is a section
/// break, which ends a paragraph; elsewhere it is a page break, which Word's DOCX drops.
/// `marks` gives the symbol characters drawn in place of the stored ones, and the checkbox
/// form fields, whose glyph (☒/☐) replaces their result.
pub(crate) fn paragraphs(
    units: &[u16],
    start: u32,
    section_ends: &[u32],
    marks: &CharMarks,
) -> Vec<RawParagraph> {
    let mut out = Vec::new();
    let mut text: Vec<u16> = Vec::new();
    // One entry per open field: whether its result has begun, and a checkbox's state.
    let mut fields: Vec<(bool, Option<bool>)> = Vec::new();
    let mut in_code = 0usize;
    for (i, &u) in units.iter().enumerate() {
        let cp = start.saturating_add(i as u32);
        let mark = match u {
            0x0D => Some(Mark::Paragraph),
            0x07 => Some(Mark::Cell),
            0x0C if section_ends.binary_search(&cp.saturating_add(1)).is_ok() => {
                Some(Mark::Paragraph)
            }
            _ => None,
        };
        if let Some(mark) = mark {
            out.push(RawParagraph {
                text: String::from_utf16_lossy(&text),
                mark,
                mark_cp: cp,
            });
            text.clear();
            continue;
        }
        match u {
            0x13 if fields.len() < MAX_FIELD_DEPTH => {
                fields.push((false, None));
                in_code += 1;
            }
            0x14 => {
                // A checkbox's result stays hidden: its glyph is shown at the field's end.
                if let Some((result, state)) = fields.last_mut().filter(|(r, _)| !*r) {
                    *result = true;
                    if state.is_none() {
                        in_code -= 1;
                    }
                }
            }
            0x15 => {
                if let Some((result, state)) = fields.pop() {
                    if !result || state.is_some() {
                        in_code -= 1;
                    }
                    if let (Some(checked), 0) = (state, in_code) {
                        text.push(checkbox::glyph(checked) as u16);
                    }
                }
            }
            0x01 if in_code > 0 && marks.checkboxes.contains_key(&cp) => {
                if let (Some((false, state)), Some(&checked)) =
                    (fields.last_mut(), marks.checkboxes.get(&cp))
                {
                    *state = Some(checked);
                }
            }
            _ if in_code > 0 => {}
            _ if marks.symbols.contains_key(&cp) => {
                if let Some(c) = marks.symbols.get(&cp) {
                    text.extend(c.encode_utf16(&mut [0; 2]).iter());
                }
            }
            0x09 => text.push(u16::from(b'\t')),
            0x0B => text.push(u16::from(b'\n')),
            0x1E => text.push(u16::from(b'-')),
            // Soft hyphens (0x1F), pictures (0x01), drawn objects (0x08), note references
            // (0x02), annotation marks (0x05), page breaks and other controls: no text.
            0..=0x1F => {}
            _ => text.push(u),
        }
    }
    if !text.is_empty() {
        out.push(RawParagraph {
            text: String::from_utf16_lossy(&text),
            mark: Mark::End,
            mark_cp: start.saturating_add(units.len() as u32).saturating_sub(1),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn texts(s: &str) -> Vec<(String, Mark)> {
        paragraphs(&units(s), 0, &[], &CharMarks::default())
            .into_iter()
            .map(|p| (p.text, p.mark))
            .collect()
    }

    #[test]
    fn field_codes_are_hidden_and_results_kept_even_nested() {
        let s = "See \u{13} HYPERLINK \"x\" \u{14}the \u{13}PAGE\u{14}3\u{15} site\u{15}.\r";
        assert_eq!(
            texts(s),
            vec![("See the 3 site.".to_string(), Mark::Paragraph)]
        );
        // A field without a result shows nothing; text after it is visible again.
        assert_eq!(texts("a\u{13}TOC\u{15}b\r")[0].0, "ab");
    }

    #[test]
    fn special_characters_become_the_docx_text() {
        let s = "a\tb\u{0B}c\u{1E}d\u{1F}e\u{01}\u{08}\u{A0}f\u{07}g";
        assert_eq!(
            texts(s),
            vec![
                ("a\tb\nc-de\u{A0}f".to_string(), Mark::Cell),
                ("g".to_string(), Mark::End)
            ]
        );
    }

    #[test]
    fn a_section_break_ends_a_paragraph_and_a_page_break_does_not() {
        let p = paragraphs(
            &units("one\u{0C}two\u{0C}"),
            10,
            &[18],
            &CharMarks::default(),
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "onetwo");
        assert_eq!(p[0].mark_cp, 17);
    }

    #[test]
    fn symbol_characters_replace_the_stored_ones_and_soft_hyphens_vanish() {
        // CP 2 holds Word's placeholder; sprmCSymbol draws Symbol's bullet there, and CP 4
        // a Wingdings character outside the basic plane.
        let marks = CharMarks {
            symbols: BTreeMap::from([(2, '•'), (4, '\u{1F589}')]),
            ..CharMarks::default()
        };
        let p = paragraphs(&units("a (b(c\u{1F}d\r"), 0, &[], &marks);
        assert_eq!(p[0].text, "a •b\u{1F589}cd");
        assert_eq!(p[0].mark_cp, 8);
    }

    #[test]
    fn a_checkbox_form_field_shows_its_glyph_instead_of_its_result() {
        // The field code's 0x01 (CP 15 and 37) carries the form data.
        let s =
            "\u{13} FORMCHECKBOX \u{01}\u{15} Yes\r\u{13} FORMCHECKBOX \u{01}\u{14}x\u{15} No\r";
        let marks = CharMarks {
            checkboxes: BTreeMap::from([(15, true), (37, false)]),
            ..CharMarks::default()
        };
        let p = paragraphs(&units(s), 0, &[], &marks);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["☒ Yes", "☐ No"]);
        // Without its form data it is an ordinary field: its result (if any) shows.
        assert_eq!(texts_of(s), [" Yes", "x No"]);
    }

    fn texts_of(s: &str) -> Vec<String> {
        paragraphs(&units(s), 0, &[], &CharMarks::default())
            .into_iter()
            .map(|p| p.text)
            .collect()
    }
}
