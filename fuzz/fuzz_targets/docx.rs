//! Arbitrary bytes as a whole input file: exercises sniffing, zip handling and every part reader.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::check(data));
