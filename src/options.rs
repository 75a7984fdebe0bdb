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
    /// Where and how fixed-layout sources (PDF) look for tables.
    pub tables: TableSearch,
    /// When scanned PDF pages are read by OCR, and where its models are (feature `ocr`; without
    /// it a page without text is only a `pdf.no_text_layer` warning).
    pub ocr: OcrOptions,
}

/// When pages of a PDF are read by OCR (`--ocr`), and with which models (`--ocr-models`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OcrOptions {
    /// Which pages are read by OCR.
    pub mode: OcrMode,
    /// The folder holding the detection, recognition and direction models (and, when
    /// `ORT_DYLIB_PATH` is unset, `libonnxruntime.so`); `None` reads `DOCGRID_OCR_MODELS`.
    pub models: Option<std::path::PathBuf>,
}

/// Which PDF pages OCR reads (`--ocr auto|always|never`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages with images and no text layer, or whose only text is an invisible layer that is
    /// empty or garbage; an invisible layer with real text is used as it is.
    #[default]
    Auto,
    /// Every page that draws an image; its text layer, if any, is replaced by what OCR reads.
    Always,
    /// No page: a page without text stays a `pdf.no_text_layer` warning.
    Never,
}

impl OcrMode {
    /// Parses `auto`, `always` or `never`.
    pub fn parse(text: &str) -> Result<OcrMode, String> {
        match text {
            "auto" => Ok(OcrMode::Auto),
            "always" => Ok(OcrMode::Always),
            "never" => Ok(OcrMode::Never),
            _ => Err(format!("`{text}`: expected auto, always or never")),
        }
    }
}

/// Where and how tables are looked for on fixed-layout pages (tabula's `-a`, `--lattice`,
/// `--stream`); the default looks everywhere with both detectors.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TableSearch {
    /// Only tables whose box has its centre in this area are kept, on every page: `(x0, y0, x1,
    /// y1)` in points from the top-left corner of the page as displayed (as tabula and
    /// pdfplumber measure). Text of a table left out is read as paragraphs.
    pub area: Option<(f32, f32, f32, f32)>,
    /// Which detector runs.
    pub detector: TableDetector,
}

/// The table detectors of fixed-layout pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableDetector {
    /// Ruled tables, then line-less tables from text alignment where no ruled table is.
    #[default]
    Both,
    /// Only tables drawn with ruling lines (camelot's and tabula's lattice).
    Lattice,
    /// Only tables from text alignment (and horizontal rules alone, as in three-line tables);
    /// full ruling grids are not looked for (stream).
    Stream,
}

impl TableSearch {
    /// Parses an area `x0,y0,x1,y1` (points, top-left origin; `x0 < x1`, `y0 < y1`).
    pub fn parse_area(text: &str) -> Result<(f32, f32, f32, f32), String> {
        let numbers: Vec<f32> = text
            .split(',')
            .map(|p| p.trim().parse::<f32>().ok().filter(|v| v.is_finite()))
            .collect::<Option<Vec<f32>>>()
            .ok_or_else(|| format!("`{text}`: expected four numbers x0,y0,x1,y1 in points"))?;
        match numbers[..] {
            [x0, y0, x1, y1] if x0 < x1 && y0 < y1 => Ok((x0, y0, x1, y1)),
            [_, _, _, _] => Err(format!("`{text}`: needs x0 < x1 and y0 < y1")),
            _ => Err(format!(
                "`{text}`: expected four numbers x0,y0,x1,y1 in points"
            )),
        }
    }

    /// Whether a table with box `bbox` is kept.
    pub fn keeps(&self, (x0, y0, x1, y1): (f32, f32, f32, f32)) -> bool {
        self.area.is_none_or(|(ax0, ay0, ax1, ay1)| {
            let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            cx >= ax0 && cx <= ax1 && cy >= ay0 && cy <= ay1
        })
    }
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
    use super::{PageSelection, TableSearch};

    #[test]
    fn areas_parse_and_keep_tables_by_their_centre() {
        assert_eq!(
            TableSearch::parse_area("0, 400,595.5,842"),
            Ok((0.0, 400.0, 595.5, 842.0))
        );
        for bad in ["1,2,3", "1,2,3,4,5", "a,b,c,d", "5,0,1,9", "0,0,NaN,1", ""] {
            assert!(TableSearch::parse_area(bad).is_err(), "{bad}");
        }
        let search = TableSearch {
            area: Some((0.0, 400.0, 595.0, 842.0)),
            ..TableSearch::default()
        };
        assert!(search.keeps((72.0, 380.0, 272.0, 480.0)), "centre at y 430");
        assert!(
            !search.keeps((72.0, 100.0, 272.0, 500.0)),
            "centre at y 300"
        );
        assert!(TableSearch::default().keeps((0.0, 0.0, 1.0, 1.0)));
    }

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
