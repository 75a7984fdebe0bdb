//! What steers one conversion: the same value reaches every reader.

use crate::limits::Limits;
use crate::params::LayoutParams;

/// Options that steer a conversion; one value goes from the caller to every reader.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Resource bounds applied while reading.
    pub limits: Limits,
    /// Also emit header and footer content (as blocks with `style` "header"/"footer").
    pub include_headers_footers: bool,
    /// User password for encrypted PDFs (files whose user password is empty open without it).
    pub password: Option<String>,
    /// Pages to read from a paged source (PDF); `None` reads every page.
    pub pages: Option<PageSelection>,
    /// HTML: keep the whole page (navigation, and what lies outside the main content).
    pub html_all: bool,
    /// Tolerances of layout analysis and table detection for fixed-layout sources (PDF).
    pub layout: LayoutParams,
}

/// A set of 1-based page numbers, as written on the command line: `1-3,7,10-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSelection {
    /// Inclusive ranges, 1-based; `u32::MAX` as the end means "to the last page".
    ranges: Vec<(u32, u32)>,
}

impl PageSelection {
    /// Parses `1-3,7,10-`: comma-separated pages and inclusive ranges, an open end meaning the
    /// last page. Page numbers start at 1.
    pub fn parse(text: &str) -> Result<PageSelection, String> {
        let mut ranges = Vec::new();
        for part in text.split(',').map(str::trim) {
            let number = |s: &str| -> Result<u32, String> {
                match s.trim().parse::<u32>() {
                    Ok(0) => Err("pages are numbered from 1".to_string()),
                    Ok(n) => Ok(n),
                    Err(_) => Err(format!("`{part}` is not a page or a range like 2-5")),
                }
            };
            let range = match part.split_once('-') {
                None => {
                    let n = number(part)?;
                    (n, n)
                }
                Some((a, b)) if b.trim().is_empty() => (number(a)?, u32::MAX),
                Some((a, b)) => (number(a)?, number(b)?),
            };
            if range.0 > range.1 {
                return Err(format!("`{part}` runs backwards"));
            }
            ranges.push(range);
        }
        Ok(PageSelection { ranges })
    }

    /// Whether the 1-based page `page` is selected.
    pub fn contains(&self, page: u32) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= page && page <= b)
    }

    /// The highest page selected, `None` when a range is open-ended.
    pub fn last(&self) -> Option<u32> {
        let last = self.ranges.iter().map(|r| r.1).max()?;
        (last != u32::MAX).then_some(last)
    }
}

#[cfg(test)]
mod tests {
    use super::PageSelection;

    #[test]
    fn parses_pages_and_ranges() {
        let s = PageSelection::parse("1-3,7,10-").unwrap();
        let picked: Vec<u32> = (1..=12).filter(|&p| s.contains(p)).collect();
        assert_eq!(picked, vec![1, 2, 3, 7, 10, 11, 12]);
        assert_eq!(s.last(), None);
        assert_eq!(PageSelection::parse("2,4-5").unwrap().last(), Some(5));
    }

    #[test]
    fn refuses_zero_backwards_and_junk() {
        assert!(PageSelection::parse("0").is_err());
        assert!(PageSelection::parse("5-2").is_err());
        assert!(PageSelection::parse("a").is_err());
        assert!(PageSelection::parse("").is_err());
    }
}
