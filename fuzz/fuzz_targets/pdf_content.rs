//! The input becomes the content stream of a fixed one-page PDF with a standard font, a
//! predefined-CMap CJK font, an Identity-H font with a ToUnicode CMap, a simple font with
//! /Differences and a form XObject: mutations reach the content interpreter, text state,
//! paths and our glyph, line and table code.
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "pdf_build.rs"]
#[allow(dead_code)] // the font slots are for pdf_cmap
mod pdf_build;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check(&pdf_build::pdf(pdf_build::Slot::Content, data));
});
