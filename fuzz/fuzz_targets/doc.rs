//! Arbitrary bytes as a whole .doc: the OLE container, FIB, piece table, property pages, style
//! sheet, tables and summary properties (seeds: tests/fixtures/doc/*.doc).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(data));
