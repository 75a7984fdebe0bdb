//! Little-endian reads that return `None` past the end, so no offset from the file can panic.

/// The byte at `at`.
pub(super) fn u8_at(bytes: &[u8], at: usize) -> Option<u8> {
    bytes.get(at).copied()
}

/// The `u16` at `at`.
pub(super) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// The `i16` at `at`.
pub(super) fn i16_at(bytes: &[u8], at: usize) -> Option<i16> {
    u16_at(bytes, at).map(|v| v as i16)
}

/// The `u32` at `at`.
pub(super) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// `len` bytes from `at`, when they are all there.
pub(super) fn slice(bytes: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    bytes.get(at..at.checked_add(len)?)
}

/// The CPs of a PLC (a sorted array of `u32` followed by fixed-size data items): the item count
/// and the CP array, given the item size; `None` when the length fits no count.
/// The distinct FKP page numbers a PlcBtePapx or PlcBteChpx names, in its order (a page named
/// twice would only repeat its runs); `None` when the PLC is unreadable.
pub(super) fn bte_pages(bte: &[u8]) -> Option<Vec<usize>> {
    let (n, _) = plc(bte, 4)?;
    let mut seen = std::collections::HashSet::new();
    let pages = (0..n)
        .map_while(|i| u32_at(bte, 4 * (n + 1) + 4 * i))
        .map(|pn| (pn & 0x003F_FFFF) as usize)
        .filter(|pn| seen.insert(*pn))
        .collect();
    Some(pages)
}

pub(super) fn plc(bytes: &[u8], item_size: usize) -> Option<(usize, Vec<u32>)> {
    let len = bytes.len();
    if len < 4 {
        return None;
    }
    let n = (len - 4) / (4 + item_size);
    if 4 * (n + 1) + item_size * n != len {
        return None;
    }
    let cps = (0..=n)
        .map(|i| u32_at(bytes, 4 * i))
        .collect::<Option<Vec<u32>>>()?;
    Some((n, cps))
}
