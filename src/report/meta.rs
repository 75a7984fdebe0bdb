//! The issuing body and the year of a report: from the title line, else from body text and the
//! file name, each with where it was read and how sure the reading is.

use serde::Serialize;

use super::locate::{year_in, Source};
use crate::model::{Block, Document};

/// A value read from the document, with where and how surely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<T> {
    /// What was read.
    pub value: T,
    /// Where it was read.
    pub source: Source,
    /// 1.0 for a full title line, lower for headings, body text and file names.
    pub confidence: f64,
}

/// Confidence of a value read from the title line `<org><year>年…报告`.
pub const TITLE: f64 = 1.0;
/// Confidence of a year read from a heading above the tables (side-by-side layouts).
pub const HEADING: f64 = 0.9;
/// Confidence of an organisation read from a body line naming an issuing body.
pub const BODY: f64 = 0.6;
/// Confidence of a value read from the file name: a guess, used only when nothing better exists.
pub const FILE_NAME: f64 = 0.3;

/// Organisation and year of the whole document.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// The issuing body.
    pub org: Option<Found<String>>,
    /// The report year.
    pub year: Option<Found<u32>>,
}

/// Endings of the name of an issuing body (人民政府, 办公室, …), to find it in body text.
const ORG_ENDINGS: [&str; 8] = [
    "人民政府",
    "办公室",
    "委员会",
    "管理局",
    "局",
    "厅",
    "街道办事处",
    "政府",
];

/// File-name words that mark a template or sample, whose digits are no report year.
const NOT_A_REPORT: [&str; 8] = [
    "template", "blank", "sample", "format", "模板", "模版", "格式", "样",
];

fn squeeze(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Organisation and year from the title (`<org><year>年政府信息公开工作年度报告`, `<org><year>年度…`,
/// a two-line title with the organisation alone above), else a body line naming an issuing
/// body, else the file name (year only when the name is not that of a template).
pub fn read(doc: &Document) -> Meta {
    let mut meta = title(doc);
    if meta.org.is_none() {
        meta.org = body_org(doc).map(|value| Found {
            value,
            source: Source::Body,
            confidence: BODY,
        });
    }
    let name = file_name(&doc.source.path);
    if meta.year.is_none() {
        meta.year = file_year(&name).map(|value| Found {
            value,
            source: Source::FileName,
            confidence: FILE_NAME,
        });
    }
    if meta.org.is_none() {
        meta.org = file_org(&name).map(|value| Found {
            value,
            source: Source::FileName,
            confidence: FILE_NAME,
        });
    }
    meta
}

/// The title line: the first heading or paragraph that holds `年(度)…报告` with a year, or
/// `政府信息公开`.
fn title(doc: &Document) -> Meta {
    let mut prev = String::new();
    for b in doc.blocks.iter().take(40) {
        let text = match b {
            Block::Heading(h) => &h.text,
            Block::Paragraph(p) => &p.text,
            _ => continue,
        };
        let t = squeeze(text);
        let Some(pos) = t
            .find("年度政府信息公开")
            .or_else(|| t.find("年政府信息公开"))
            .or_else(|| t.find("年度报告").filter(|_| t.chars().count() <= 60))
        else {
            if !t.is_empty() {
                prev = t;
            }
            continue;
        };
        let mut head = t.get(..pos).unwrap_or("");
        // `…政府信息公开工作年度报告` without a year: the organisation comes before the subject.
        if let Some(i) = head.find("政府信息公开") {
            head = head.get(..i).unwrap_or("");
        }
        let digits: String = {
            let mut d: Vec<char> = head
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            d.reverse();
            d.into_iter().collect()
        };
        let year = digits
            .parse::<u32>()
            .ok()
            .filter(|y| (1990..=2099).contains(y));
        let org = head.get(..head.len() - digits.len()).unwrap_or("").trim();
        // A two-line title: the organisation alone on the line above.
        let org = if org.is_empty() { prev.as_str() } else { org };
        return Meta {
            org: (!org.is_empty()).then(|| Found {
                value: org.to_string(),
                source: Source::Title,
                confidence: TITLE,
            }),
            year: year.map(|value| Found {
                value,
                source: Source::Title,
                confidence: TITLE,
            }),
        };
    }
    Meta::default()
}

fn looks_like_org(t: &str) -> bool {
    let n = t.chars().count();
    (2..=30).contains(&n) && ORG_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// A short body line that is the name of an issuing body (the signature line, or a line
/// under a title that names none).
fn body_org(doc: &Document) -> Option<String> {
    doc.blocks.iter().find_map(|b| {
        let text = match b {
            Block::Heading(h) => &h.text,
            Block::Paragraph(p) => &p.text,
            _ => return None,
        };
        let t = squeeze(text);
        looks_like_org(&t).then_some(t)
    })
}

/// The last component of a path, without its extension.
fn file_name(path: &str) -> String {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match base.rfind('.') {
        Some(i) if i > 0 => base.get(..i).unwrap_or(base).to_string(),
        _ => base.to_string(),
    }
}

fn is_template_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    NOT_A_REPORT.iter().any(|w| lower.contains(w))
}

/// A year in the file name: four digits 2000–2099 not inside a longer number; never in the
/// name of a template (`template_2021_format_blank`: 2021 is the format, not a year).
fn file_year(name: &str) -> Option<u32> {
    if is_template_name(name) {
        return None;
    }
    if let Some(y) = year_in(name) {
        return Some(y);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut found = None;
    for i in 0..chars.len() {
        let Some(w) = chars.get(i..i + 4) else { break };
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 4);
        if w.iter().all(char::is_ascii_digit)
            && !before.is_some_and(char::is_ascii_digit)
            && !after.is_some_and(char::is_ascii_digit)
        {
            let y: u32 = w.iter().collect::<String>().parse().ok()?;
            if (2000..=2099).contains(&y) {
                found = Some(y);
            }
        }
    }
    found
}

/// An organisation in the file name: the Chinese text before the year, when it names a body.
fn file_org(name: &str) -> Option<String> {
    if is_template_name(name) {
        return None;
    }
    let head: String = name.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let head = squeeze(&head);
    looks_like_org(&head).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(file_year("template_2021_format_blank"), None);
        assert_eq!(file_year("qinghe_2023_annual_report"), Some(2023));
        assert_eq!(file_year("某区人民政府2022年年报"), Some(2022));
        assert_eq!(file_year("scan_20230101"), None);
        assert_eq!(
            file_org("某市某区人民政府2022年年报").as_deref(),
            Some("某市某区人民政府")
        );
        assert_eq!(file_name("/a/b/x.y.docx"), "x.y");
    }
}
