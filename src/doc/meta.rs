//! Document properties from the `\u{5}SummaryInformation` property set ([MS-OLEPS]): title,
//! subject, author, keywords, description, last author, created and modified, under the keys
//! the DOCX reader uses.

use super::le::{u16_at, u32_at};
use crate::model::Warning;
use std::collections::BTreeMap;

/// Property id → metadata key.
const KEYS: &[(u32, &str)] = &[
    (2, "title"),
    (3, "subject"),
    (4, "author"),
    (5, "keywords"),
    (6, "description"),
    (8, "last_modified_by"),
    (12, "created"),
    (13, "modified"),
];
/// The code page property.
const PID_CODEPAGE: u32 = 1;
const VT_I2: u32 = 2;
const VT_LPSTR: u32 = 0x1E;
const VT_LPWSTR: u32 = 0x1F;
const VT_FILETIME: u32 = 0x40;
/// Longest string property read (a title is a line; a damaged length must not allocate).
const MAX_STRING: usize = 64 * 1024;

/// The properties of a SummaryInformation stream; a stream that does not parse is a warning.
pub(crate) fn summary(stream: &[u8], warnings: &mut Vec<Warning>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if read(stream, &mut out).is_none() {
        warnings.push(Warning::new(
            "doc.summary_unreadable",
            "SummaryInformation stream: not a readable property set; properties left out",
        ));
    }
    out
}

fn read(stream: &[u8], out: &mut BTreeMap<String, String>) -> Option<()> {
    if u16_at(stream, 0)? != 0xFFFE {
        return None;
    }
    let section = u32_at(stream, 44)? as usize;
    let count = u32_at(stream, section.checked_add(4)?)? as usize;
    let entries: Vec<(u32, usize)> = (0..count.min(1024))
        .map_while(|i| {
            let at = section.checked_add(8 + 8 * i)?;
            Some((u32_at(stream, at)?, u32_at(stream, at + 4)? as usize))
        })
        .collect();
    let value_at = |offset: usize| section.checked_add(offset);
    let mut codepage = 1252u16;
    for &(id, offset) in &entries {
        if id == PID_CODEPAGE {
            let at = value_at(offset)?;
            if u32_at(stream, at)? & 0xFFFF == VT_I2 {
                codepage = u16_at(stream, at + 4)?;
            }
        }
    }
    let encoding = codepage::to_encoding(codepage).unwrap_or(encoding_rs::WINDOWS_1252);
    for &(id, offset) in &entries {
        let Some(&(_, key)) = KEYS.iter().find(|(k, _)| *k == id) else {
            continue;
        };
        let Some(at) = value_at(offset) else {
            continue;
        };
        let value = match u32_at(stream, at).map(|t| t & 0xFFFF) {
            Some(VT_LPSTR) => {
                let len = (u32_at(stream, at + 4).unwrap_or(0) as usize).min(MAX_STRING);
                let bytes = super::le::slice(stream, at + 8, len).unwrap_or_default();
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                text.trim_end_matches('\0').to_string()
            }
            Some(VT_LPWSTR) => {
                let len = (u32_at(stream, at + 4).unwrap_or(0) as usize).min(MAX_STRING);
                let bytes = super::le::slice(stream, at + 8, 2 * len).unwrap_or_default();
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|b| u16::from_le_bytes([b[0], b[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
                    .trim_end_matches('\0')
                    .to_string()
            }
            Some(VT_FILETIME) => {
                let (Some(lo), Some(hi)) = (u32_at(stream, at + 4), u32_at(stream, at + 8)) else {
                    continue;
                };
                match iso_time((u64::from(hi) << 32) | u64::from(lo)) {
                    Some(t) => t,
                    None => continue,
                }
            }
            _ => continue,
        };
        if !value.trim().is_empty() {
            out.insert(key.to_string(), value.trim().to_string());
        }
    }
    Some(())
}

/// A FILETIME (100 ns since 1601-01-01 UTC) in ISO 8601; `None` for 0 (never set).
pub(crate) fn iso_time(filetime: u64) -> Option<String> {
    // Seconds between 1601-01-01 and 1970-01-01.
    const EPOCH_DIFF: i64 = 11_644_473_600;
    if filetime == 0 {
        return None;
    }
    let secs = i64::try_from(filetime / 10_000_000).ok()? - EPOCH_DIFF;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::iso_time;

    #[test]
    fn filetime_to_iso() {
        // 2021-01-20T08:00:00Z is 1611129600 s after the Unix epoch.
        let ft = (1_611_129_600u64 + 11_644_473_600) * 10_000_000;
        assert_eq!(iso_time(ft).as_deref(), Some("2021-01-20T08:00:00Z"));
        assert_eq!(iso_time(0), None);
    }
}
