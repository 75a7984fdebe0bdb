//! Resource bounds, so that no input can exhaust memory or time.

pub mod content;
pub mod decoded;
mod inflate;

/// Declares every bound once: its default (with why), its field, the value name and help of
/// its command-line flag. The struct, its `Default`, and [`BOUNDS`] (from which the CLI builds
/// its flags and the docs table is checked) all come from this one list.
macro_rules! bounds {
    ($( $(#[doc = $why:literal])* $konst:ident, $field:ident: $ty:ty = $default:expr,
        $value_name:literal, $help:literal; )*) => {
        $( $(#[doc = $why])* pub const $konst: $ty = $default; )*

        /// The bounds applied while reading one document.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Limits {
            $( #[doc = $help] pub $field: $ty, )*
        }

        impl Default for Limits {
            fn default() -> Self {
                Limits { $( $field: $konst, )* }
            }
        }

        /// Every bound, in declaration order.
        pub const BOUNDS: &[Bound] = &[ $( Bound {
            name: stringify!($field),
            value_name: $value_name,
            help: $help,
            default: $konst as u64,
            get: |l| l.$field as u64,
            set: |l, v| l.$field = <$ty>::try_from(v).unwrap_or(<$ty>::MAX),
        }, )* ];
    };
}

/// One bound of [`Limits`], as the command line and the docs show it.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The field name, as errors name it (`max_depth`).
    pub name: &'static str,
    /// The flag's value name (`BYTES`, `N`, `SECS`).
    pub value_name: &'static str,
    /// What it bounds, one line.
    pub help: &'static str,
    /// Its default.
    pub default: u64,
    /// Reads it from a `Limits`.
    pub get: fn(&Limits) -> u64,
    /// Sets it in a `Limits` (saturating to the field's type).
    pub set: fn(&mut Limits, u64),
}

impl Bound {
    /// The command-line flag: `--max-depth`.
    pub fn flag(&self) -> String {
        format!("--{}", self.name.replace('_', "-"))
    }
}

bounds! {
    /// Default bound on the inflated size of one package part (the largest real document.xml
    /// seen in the corpus is 52.5 MB).
    DEFAULT_MAX_PART_BYTES, max_part_bytes: u64 = 512 * 1024 * 1024,
        "BYTES", "Inflated bytes of any one part of a package.";
    /// Default bound on the inflated size of all parts read from one package.
    DEFAULT_MAX_TOTAL_BYTES, max_total_bytes: u64 = 1024 * 1024 * 1024,
        "BYTES", "Inflated bytes of all parts of one document.";
    /// Default bound on XML element nesting depth (real documents stay under 100).
    DEFAULT_MAX_DEPTH, max_depth: usize = 1_000,
        "N", "XML element nesting depth.";
    /// Default bound on nested tables inside tables.
    DEFAULT_MAX_TABLE_NESTING, max_table_nesting: usize = 64,
        "N", "Tables nested inside table cells.";
    /// Default bound on grid positions (rows × columns) of one table.
    DEFAULT_MAX_TABLE_CELLS, max_table_cells: u64 = 20_000_000,
        "N", "Grid positions (rows × columns) of one table.";
    /// Default bound on grid columns of one table (Word itself allows 63).
    DEFAULT_MAX_TABLE_COLS, max_table_cols: usize = 16_384,
        "N", "Grid columns of one table.";
    /// Default bound on pages read from one PDF (the largest corpus PDF has a few hundred).
    DEFAULT_MAX_PDF_PAGES, max_pdf_pages: usize = 10_000,
        "N", "Pages of one PDF.";
    /// Default bound on the decoded bytes of one PDF stream, and of one page's content streams
    /// together: the engine holds a decoded stream whole (the largest content stream in the
    /// corpus is 0.4 MB, the largest embedded font a few MB).
    DEFAULT_MAX_PDF_STREAM_BYTES, max_pdf_stream_bytes: u64 = 64 * 1024 * 1024,
        "BYTES", "Decoded bytes of one PDF stream, and of one page's content.";
    /// Default bound on the elements of one path (`re` counts 5): the engine and docgrid hold a
    /// path whole until it is painted, at up to 180 bytes per element.
    DEFAULT_MAX_PDF_PATH_ELEMENTS, max_pdf_path_elements: u64 = 1_000_000,
        "N", "Elements of one PDF path (a rectangle counts 5).";
    /// Default bound on drawing operations per PDF page (paths painted, text shows, images,
    /// form and pattern invocations, clips), nested forms included: an exponential form-XObject
    /// DAG stops here. Dense real pages (maps, charts) stay under a few hundred thousand.
    DEFAULT_MAX_PDF_DRAW_OPS, max_pdf_draw_ops: u64 = 2_000_000,
        "N", "Drawing operations of one PDF page, nested forms included.";
    /// Default wall-time bound, in seconds, on interpreting one PDF (0: none); the last line of
    /// defence against constructs the other bounds do not count.
    DEFAULT_MAX_PDF_SECONDS, max_pdf_seconds: u64 = 60,
        "SECS", "Wall time for interpreting one PDF (0: no bound).";
    /// Default bound on the glyphs kept from one PDF: every page's glyphs are held until the
    /// whole document is read, at about 250 bytes each with the text built from them (a dense
    /// page has 1,500 to 3,000; a page keeps at most 200,000).
    DEFAULT_MAX_PDF_GLYPHS, max_pdf_glyphs: u64 = 1_000_000,
        "N", "Glyphs kept from one PDF.";
    /// Default bound on the path segments kept from one PDF (held like glyphs, 32 bytes each; a
    /// page keeps at most 200,000).
    DEFAULT_MAX_PDF_SEGMENTS, max_pdf_segments: u64 = 2_000_000,
        "N", "Path segments kept from one PDF.";
    /// Default bound on the pixels of one decoded PDF image, and of a page's OCR canvas
    /// (feature `ocr`): an A4 page at 600 dpi is 35 million; decoded whole, at 3 bytes each.
    DEFAULT_MAX_PDF_IMAGE_PIXELS, max_pdf_image_pixels: u64 = 64_000_000,
        "N", "Pixels of one decoded PDF image, and of a page's OCR canvas.";
    /// Default bound on the elements (start tags) of one HTML page, counted before parsing:
    /// html5ever's tree costs about 800 bytes per element, so this holds a page's tree under
    /// about 800 MiB; a 500-page report saved as HTML by Word has about 400,000.
    DEFAULT_MAX_HTML_ELEMENTS, max_html_elements: u64 = 1_000_000,
        "N", "Elements (start tags) of one HTML page.";
}

/// Default bound on the size of one input file, in MiB (`--max-file-mib`): inputs are read
/// whole into memory, so the size is checked from the file's metadata before reading.
pub const DEFAULT_MAX_FILE_MIB: u64 = 256;

/// The one-line cause for an input of `len` bytes over `max_bytes`, naming the flag that
/// raises the bound; `None` when it fits.
pub fn file_size_error(len: u64, max_bytes: u64) -> Option<String> {
    const MIB: f64 = 1024.0 * 1024.0;
    (len > max_bytes).then(|| {
        format!(
            "file is {:.1} MiB ({len} bytes), over the limit of {} MiB; raise it with --max-file-mib",
            len as f64 / MIB,
            max_bytes / (1024 * 1024)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_size_error_names_its_flag() {
        assert_eq!(file_size_error(10, 10), None);
        assert_eq!(
            file_size_error(3 * 1024 * 1024 + 1, 2 * 1024 * 1024).as_deref(),
            Some("file is 3.0 MiB (3145729 bytes), over the limit of 2 MiB; raise it with --max-file-mib")
        );
    }

    /// RELIABILITY.md's table of limits has one row per bound, with its flag and default.
    #[test]
    fn the_docs_table_lists_every_bound_with_its_default() {
        let doc = include_str!("../RELIABILITY.md");
        let rows: Vec<(String, String)> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `--max-"))
            .filter_map(|l| {
                let (flag, rest) = l.split_once("` | ")?;
                let default = rest.split([' ', '|']).next()?;
                Some((format!("--max-{flag}"), default.to_string()))
            })
            .collect();
        let mut want: Vec<(String, String)> = BOUNDS
            .iter()
            .map(|b| (b.flag(), b.default.to_string()))
            .collect();
        let mut got = rows.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn bounds_read_and_write_their_fields() {
        let mut l = Limits::default();
        for (i, b) in BOUNDS.iter().enumerate() {
            assert_eq!((b.get)(&l), b.default, "{}", b.name);
            (b.set)(&mut l, i as u64 + 1);
        }
        assert_eq!(l.max_part_bytes, 1);
        assert_eq!(l.max_pdf_segments, BOUNDS.len() as u64 - 2);
        assert_eq!(l.max_html_elements, BOUNDS.len() as u64);
        (BOUNDS[2].set)(&mut l, u64::MAX);
        assert_eq!(l.max_depth, usize::try_from(u64::MAX).unwrap_or(usize::MAX));
    }
}
