use super::*;
use std::io::Write;

/// Raw deflate data of `data`, taken out of a zip written by the zip crate (an independent
/// encoder), at `level` (0 gives stored blocks).
fn deflate(data: &[u8], level: i64) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(level));
    w.start_file("x", opts).unwrap();
    w.write_all(data).unwrap();
    let z = w.finish().unwrap().into_inner();
    let size = u32::from_le_bytes(z[18..22].try_into().unwrap()) as usize;
    let name = u16::from_le_bytes(z[26..28].try_into().unwrap()) as usize;
    let extra = u16::from_le_bytes(z[28..30].try_into().unwrap()) as usize;
    z[30 + name + extra..30 + name + extra + size].to_vec()
}

/// A zlib wrapper around raw deflate data: header 78 9C, no checksum check on our side.
fn zlib(raw: &[u8]) -> Vec<u8> {
    let mut v = vec![0x78, 0x9C];
    v.extend_from_slice(raw);
    v.extend_from_slice(&[0, 0, 0, 0]);
    v
}

/// Content-stream-like bytes that change every thousand bytes, so deflate has work to do.
fn text(n: usize) -> Vec<u8> {
    let line = b"BT /F1 12 Tf 72 700 Td (Revenue) Tj ET\n";
    (0..n)
        .map(|i| line[i % line.len()] ^ (i / 1000) as u8)
        .collect()
}

#[test]
fn inflate_counts_exactly_across_block_kinds() {
    for (data, level) in [
        (text(100_000), 9),
        (text(100_000), 1),
        // Incompressible bytes: the encoder falls back to stored blocks.
        (noise(70_000), 9),
        (vec![b' '; 1_000_000], 9),
        (Vec::new(), 6),
    ] {
        let raw = deflate(&data, level);
        let n = data.len() as u64;
        assert_eq!(
            decoded_len(&raw, &[Filter::Flate], u64::MAX),
            Ok(n),
            "raw, level {level}"
        );
        let z = zlib(&raw);
        assert_eq!(
            decoded_len(&z, &[Filter::Flate], u64::MAX),
            Ok(n),
            "zlib, level {level}"
        );
        assert_eq!(
            decoded_len(&z, &[Filter::Flate], n),
            Ok(n),
            "cap equal to the size"
        );
        if n > 0 {
            assert_eq!(decoded_len(&z, &[Filter::Flate], n - 1), Err(Over));
        }
    }
}

fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn hand_made_stored_blocks() {
    // Block 1: not final, stored, 3 bytes; block 2: final, stored, 2 bytes (RFC 1951, 3.2.4).
    let raw = [
        0x00, 3, 0, 0xFC, 0xFF, b'a', b'b', b'c', 0x01, 2, 0, 0xFD, 0xFF, b'd', b'e',
    ];
    assert_eq!(decoded_len(&raw, &[Filter::Flate], u64::MAX), Ok(5));
    // Cut inside the second block: the two bytes that are there still count.
    assert_eq!(decoded_len(&raw[..14], &[Filter::Flate], u64::MAX), Ok(4));
}

#[test]
fn a_bomb_stops_at_the_cap_quickly() {
    let raw = zlib(&deflate(&vec![0u8; 16 << 20], 9));
    assert!(raw.len() < 100_000, "{}", raw.len());
    assert_eq!(decoded_len(&raw, &[Filter::Flate], 1 << 20), Err(Over));
    assert!(worst_case(raw.len() as u64, &[Filter::Flate]) >= 16 << 20);
}

#[test]
fn chained_filters_materialise_all_but_the_last() {
    // Deflate twice: the inner stream must be inflated (kept) to count the outer one.
    let data = text(50_000);
    let once = zlib(&deflate(&data, 9));
    let twice = zlib(&deflate(&once, 9));
    let chain = [Filter::Flate, Filter::Flate];
    assert_eq!(decoded_len(&twice, &chain, u64::MAX), Ok(50_000));
    assert_eq!(decoded_len(&twice, &chain, 49_999), Err(Over));
    // Hex in front of deflate.
    let hex: String = once.iter().map(|b| format!("{b:02x}")).collect::<String>() + ">";
    let chain = [Filter::AsciiHex, Filter::Flate];
    assert_eq!(decoded_len(hex.as_bytes(), &chain, u64::MAX), Ok(50_000));
}

#[test]
fn truncated_deflate_counts_what_is_there() {
    let raw = zlib(&deflate(&text(100_000), 9));
    let half = &raw[..raw.len() / 2];
    let n = decoded_len(half, &[Filter::Flate], u64::MAX).unwrap();
    assert!(n > 10_000 && n < 100_000, "{n}");
    // 'n' = 0x6E: no zlib header; first bit 0 (not last), block type 3: invalid, nothing out.
    assert_eq!(
        decoded_len(b"not deflate at all", &[Filter::Flate], 100),
        Ok(0)
    );
}

#[test]
fn lzw_spec_example() {
    // ISO 32000-1, 7.4.4.2: "-----A---B" encodes as 80 0B 60 50 22 0C 0C 85 01.
    let enc = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
    let lzw = Filter::Lzw { early_change: true };
    assert_eq!(decoded_len(&enc, &[lzw], u64::MAX), Ok(10));
    assert_eq!(decoded_len(&enc, &[lzw], 9), Err(Over));
    // Kept for a following filter, the bytes themselves must be right: hex of "-----A---B"
    // is not hex, but ASCIIHex ignores non-hex characters except the A and B.
    assert_eq!(decoded_len(&enc, &[lzw, Filter::AsciiHex], u64::MAX), Ok(1));
}

#[test]
fn run_length_ascii85_and_hex() {
    let rle = [4, 10, 11, 12, 13, 14, 253, 3, 128];
    assert_eq!(decoded_len(&rle, &[Filter::RunLength], u64::MAX), Ok(9));
    assert_eq!(decoded_len(&[129, 7], &[Filter::RunLength], 127), Err(Over));
    // "9jqo^" is "Man " (4 bytes); "z" is four zero bytes; "/c" is one byte ("." = 0x2E).
    assert_eq!(
        decoded_len(b"9jqo^z/c~>", &[Filter::Ascii85], u64::MAX),
        Ok(9)
    );
    assert_eq!(
        decoded_len(b"48 65 6C 6c 6F>", &[Filter::AsciiHex], u64::MAX),
        Ok(5)
    );
    assert_eq!(decoded_len(b"486>", &[Filter::AsciiHex], u64::MAX), Ok(2));
}

#[test]
fn other_filters_stop_the_chain() {
    assert_eq!(
        decoded_len(b"abc", &[Filter::Other, Filter::Flate], 10),
        Ok(3)
    );
    assert_eq!(decoded_len(b"abc", &[], 10), Ok(3));
    // Unfiltered (or undecodable) data is as long as it is.
    assert_eq!(decoded_len(b"abc", &[], 2), Err(Over));
    assert_eq!(decoded_len(b"abc", &[Filter::Other], 2), Err(Over));
    assert_eq!(
        worst_case(10, &[Filter::Flate, Filter::Flate]),
        10 * 1032 * 1032
    );
    assert_eq!(
        worst_case(u64::MAX / 2, &[Filter::Lzw { early_change: true }]),
        u64::MAX
    );
}
