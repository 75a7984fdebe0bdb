//! The characters Word draws rather than stores: symbol-font codes (`w:sym`, runs in a symbol
//! font) mapped to Unicode, and checkboxes, a content control's (`w14:checkbox`) or a legacy
//! form field's (`FORMCHECKBOX`), given ☒ or ☐ in place of whatever glyph or result they show.
//! Also the property elements those are read from (`w:rPr`, `w:sdtPr`, `w:ffData`).

use super::{Step, Tag, Walker};
use crate::docx::xml::{Ns, XmlReader};
use crate::error::Error;
use crate::word::checkbox;
use crate::word::symbols::{is_symbol_area, to_unicode, SymbolFont};
use quick_xml::events::BytesStart;
use std::io::BufRead;

/// An open complex field.
#[derive(Debug, Default)]
pub(super) struct OpenField {
    /// Past `separate`: the field shows its result.
    pub in_result: bool,
    /// A legacy checkbox form field (`w:ffData/w:checkBox`): its glyph replaces the result.
    pub checkbox: Option<FormCheckbox>,
}

/// A `w:checkBox` form field's state: `w:checked` when present, else `w:default`.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct FormCheckbox {
    default: Option<bool>,
    checked: Option<bool>,
}

impl FormCheckbox {
    fn is_checked(self) -> bool {
        self.checked.or(self.default).unwrap_or(false)
    }
}

/// The content of a checkbox content control being read: its text is replaced by one glyph.
#[derive(Debug)]
pub(super) struct CheckboxContent {
    glyph: char,
    /// The glyph went into a paragraph already.
    emitted: bool,
}

impl Walker<'_, '_> {
    /// Children of the property elements read here; `None` for any other parent.
    pub(super) fn open_in_properties<R: BufRead>(
        &mut self,
        xr: &XmlReader<R>,
        e: &BytesStart,
        ns: Ns,
        local: &str,
        parent: Tag,
    ) -> Result<Option<Step>, Error> {
        let step = match (parent, ns, local) {
            (Tag::RunRPr, Ns::W, "rFonts") => {
                // The first of the run's fonts that is a symbol font decides; Word draws
                // symbol-area characters in it whichever slot names it.
                for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
                    if let Some(name) = xr.attr(e, Ns::W, slot)? {
                        if SymbolFont::from_name(&name).is_some() {
                            self.run_symbol_font = Some(name.trim().to_string());
                            break;
                        }
                    }
                }
                Step::Nothing
            }
            (Tag::SdtPr, Ns::W14, "checkbox") => {
                if let Some(top) = self.sdts.last_mut() {
                    *top = Some(false);
                }
                Step::Push(Tag::SdtCheckbox)
            }
            (Tag::SdtCheckbox, Ns::W14, "checked") => {
                let on = checkbox::on(xr.attr(e, Ns::W14, "val")?.as_deref());
                if let Some(top) = self.sdts.last_mut() {
                    *top = Some(on);
                }
                Step::Nothing
            }
            (Tag::FldChar, Ns::W, "ffData") => Step::Push(Tag::FfData),
            (Tag::FfData, Ns::W, "checkBox") => {
                if let Some(f) = self.fields.last_mut() {
                    f.checkbox.get_or_insert_with(FormCheckbox::default);
                }
                Step::Push(Tag::FfCheckBox)
            }
            (Tag::FfCheckBox, Ns::W, "default" | "checked") => {
                let on = checkbox::on(xr.attr(e, Ns::W, "val")?.as_deref());
                if let Some(cb) = self.fields.last_mut().and_then(|f| f.checkbox.as_mut()) {
                    if local == "default" {
                        cb.default = Some(on);
                    } else {
                        cb.checked = Some(on);
                    }
                }
                Step::Nothing
            }
            // Everything else inside these holds no text and nothing read.
            (
                Tag::RunRPr
                | Tag::SdtPr
                | Tag::SdtCheckbox
                | Tag::FldChar
                | Tag::FfData
                | Tag::FfCheckBox,
                _,
                _,
            ) => Step::Skip,
            _ => return Ok(None),
        };
        Ok(Some(step))
    }

    /// `w:sdtContent`: a checkbox's content is replaced by its glyph (nested ones inside it
    /// are part of what is replaced).
    pub(super) fn open_sdt_content(&mut self) -> Step {
        match self.sdts.last() {
            Some(Some(checked)) if self.checkbox.is_none() => {
                self.checkbox = Some(CheckboxContent {
                    glyph: checkbox::glyph(*checked),
                    emitted: false,
                });
                Step::Push(Tag::CheckboxContent)
            }
            _ => Step::Push(Tag::Other),
        }
    }

    /// Whether text is being replaced by a checkbox glyph: the first text of the content
    /// puts the glyph in its paragraph, all of the content's text is dropped.
    pub(super) fn replacing_checkbox(&mut self) -> bool {
        let Some(glyph) = self.checkbox.as_ref().map(|c| c.glyph) else {
            return false;
        };
        if self.checkbox.as_ref().is_some_and(|c| !c.emitted) {
            self.put_glyph(glyph);
        }
        true
    }

    /// The end of a checkbox's content: an empty one still shows its box.
    pub(super) fn close_checkbox_content(&mut self) {
        if let Some(c) = self.checkbox.take() {
            if !c.emitted {
                self.put_glyph(c.glyph);
            }
        }
    }

    /// Puts a checkbox glyph into the open paragraph, marking the content's glyph emitted.
    fn put_glyph(&mut self, glyph: char) {
        if let Some(p) = self.para() {
            p.text.push(glyph);
            if let Some(c) = self.checkbox.as_mut() {
                c.emitted = true;
            }
        }
    }

    /// Text of a `w:t` (or `m:t`): in a run whose font is a symbol font, symbol-area
    /// characters are that font's codes and are mapped.
    pub(super) fn push_text(&mut self, text: &str) {
        let Some(font) = self.run_symbol_font.as_deref() else {
            return self.push_str(text);
        };
        if !text.chars().any(is_symbol_area) {
            return self.push_str(text);
        }
        let mut mapped = String::with_capacity(text.len());
        for c in text.chars() {
            if !is_symbol_area(c) {
                mapped.push(c);
                continue;
            }
            match to_unicode(font, u32::from(c)) {
                Ok(u) => mapped.push(u),
                Err(kept) => {
                    mapped.push(kept);
                    self.out.unmapped_symbols.count(font);
                }
            }
        }
        self.push_str(&mapped);
    }

    /// A `w:sym`: code `code` of font `font` (the run's symbol font when it names none).
    pub(super) fn push_symbol(&mut self, font: Option<String>, code: u32) {
        let font = font
            .filter(|f| !f.is_empty())
            .or_else(|| self.run_symbol_font.clone())
            .unwrap_or_default();
        match to_unicode(&font, code) {
            Ok(c) => self.push_char(c),
            Err(kept) => {
                self.push_char(kept);
                self.out.unmapped_symbols.count(&font);
            }
        }
    }

    /// A `w:fldChar` of type `ty`: field codes are hidden, results shown, except that a
    /// checkbox form field shows its glyph, after hiding whatever result it has.
    pub(super) fn field(&mut self, ty: Option<&str>) {
        match ty {
            Some("begin") => {
                self.fields.push(OpenField::default());
                self.fields_in_code += 1;
            }
            Some("separate") => {
                if let Some(top) = self.fields.last_mut() {
                    if !top.in_result {
                        top.in_result = true;
                        if top.checkbox.is_none() {
                            self.fields_in_code = self.fields_in_code.saturating_sub(1);
                        }
                    }
                }
            }
            Some("end") => {
                let Some(f) = self.fields.pop() else { return };
                if !f.in_result || f.checkbox.is_some() {
                    self.fields_in_code = self.fields_in_code.saturating_sub(1);
                }
                if let Some(cb) = f.checkbox {
                    if self.fields_in_code == 0 {
                        self.push_char(checkbox::glyph(cb.is_checked()));
                    }
                }
            }
            _ => {}
        }
    }
}
