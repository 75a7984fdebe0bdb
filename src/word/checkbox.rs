//! The glyphs a checkbox is given in text, whatever glyph or field result the file shows:
//! a content control (`w14:checkbox`) or a legacy form field (`FORMCHECKBOX`) alike.

/// ☒: a checked box.
pub(crate) const CHECKED: char = '\u{2612}';
/// ☐: an unchecked box.
pub(crate) const UNCHECKED: char = '\u{2610}';

/// The glyph of a box in state `checked`.
pub(crate) fn glyph(checked: bool) -> char {
    if checked {
        CHECKED
    } else {
        UNCHECKED
    }
}

/// Whether an on/off value (`w14:val`, `w:val`) means on: an absent value is on, as in
/// ECMA-376's `ST_OnOff`; `0`, `false` and `off` are off.
pub(crate) fn on(value: Option<&str>) -> bool {
    !matches!(value.map(str::trim), Some("0" | "false" | "off"))
}
