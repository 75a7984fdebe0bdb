//! Arbitrary bytes as a whole PDF: the file-structure parser (header, xref tables and streams,
//! repair, object streams, encryption), the page tree, and everything behind it.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(data));
