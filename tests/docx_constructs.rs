//! One test per WordprocessingML construct, each asserting the exact output the contract
//! (`shared/spec/output.md`) and the format's semantics call for. Expectations were written
//! by hand from the specification, not taken from the reader.

mod common;

#[path = "docx_constructs/package.rs"]
mod package;
#[path = "docx_constructs/structure.rs"]
mod structure;
#[path = "docx_constructs/tables.rs"]
mod tables;
#[path = "docx_constructs/text.rs"]
mod text;
#[path = "docx_constructs/word_text.rs"]
mod word_text;
