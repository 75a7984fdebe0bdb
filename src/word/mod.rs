//! What the two Word readers (DOCX in `docx`, Word 97-2003 in `doc`) share about Word's text:
//! the symbol fonts' characters (`symbols`), the glyphs checkboxes are given (`checkbox`) and the
//! document title, subtitle and author paragraphs that complete the metadata (`roles`).
//! It sees only the model: both readers call it with what they read.

pub(crate) mod checkbox;
pub(crate) mod roles;
pub(crate) mod symbols;
