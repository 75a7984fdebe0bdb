//! docgrid's bounded stream decoders (src/limits/decoded.rs, inflate.rs), which measure PDF
//! streams before the engine inflates them. The first byte picks a filter chain, the rest is the
//! stream. Beyond "no panic, no hang": where flate2 (an independent inflater) decodes the bytes
//! as a whole zlib or raw deflate stream, the count must equal its output length.
#![no_main]

use docgrid::limits::decoded::{decoded_len, Filter, Over};
use std::io::Read;

const CAP: u64 = 1 << 20;

fn chain(which: u8) -> Vec<Filter> {
    let one = |k: u8| match k % 6 {
        0 => Filter::Flate,
        1 => Filter::Lzw { early_change: k & 8 == 0 },
        2 => Filter::RunLength,
        3 => Filter::Ascii85,
        4 => Filter::AsciiHex,
        _ => Filter::Other,
    };
    match which >> 6 {
        0 => vec![Filter::Flate],
        1 => vec![one(which)],
        2 => vec![one(which), one(which >> 3)],
        _ => vec![one(which), Filter::Flate],
    }
}

/// flate2's output, when it decodes `data` completely and within CAP.
fn reference(data: &[u8], zlib: bool) -> Option<usize> {
    let mut out = Vec::new();
    let r: Box<dyn Read + '_> = if zlib {
        Box::new(flate2::read::ZlibDecoder::new(data))
    } else {
        Box::new(flate2::read::DeflateDecoder::new(data))
    };
    r.take(CAP + 1).read_to_end(&mut out).ok()?;
    (out.len() as u64 <= CAP).then_some(out.len())
}

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    let Some((&which, data)) = input.split_first() else {
        return;
    };
    let filters = chain(which);
    let got = decoded_len(data, &filters, CAP);
    if let Ok(n) = got {
        assert!(n <= CAP, "{n} over the cap");
    }
    if filters == [Filter::Flate] {
        let zlib_header = matches!(data, [cmf, flg, ..]
            if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0 && flg & 0x20 == 0);
        if let Some(n) = reference(data, zlib_header) {
            assert_eq!(got, Ok(n as u64), "flate2 decodes {n} bytes");
        }
        if got == Err(Over) {
            // Over the cap here means flate2 (when it decodes at all) also passes it.
            assert!(reference(data, zlib_header).is_none());
        }
    }
});
