//! Font and CMap decoding: the first input byte picks a stream of the fixed one-page PDF
//! (ToUnicode CMap, embedded encoding CMap, TrueType, bare CFF, Type 1, OpenType font program);
//! the rest becomes that stream. The page shows text in that font with 1- and 2-byte codes.
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "pdf_build.rs"]
#[allow(dead_code)] // the content slot is for pdf_content
mod pdf_build;

use pdf_build::Slot;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let slot = Slot::FONT_SLOTS[usize::from(which) % Slot::FONT_SLOTS.len()];
    common::check(&pdf_build::pdf(slot, rest));
});
