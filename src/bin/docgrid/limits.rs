//! Command-line overrides for every bound of [`docgrid::Limits`], built from its one
//! declaration ([`docgrid::limits::BOUNDS`]), and the reading options every subcommand takes.

use clap::{value_parser, Arg, ArgMatches, Args, Command, FromArgMatches};
use docgrid::limits::BOUNDS;
use docgrid::{Limits, Options, PageSelection, TableDetector, TableSearch};

/// Resource bounds; an input that exceeds one fails with an error naming it. One flag per
/// entry of `BOUNDS`, so a new bound is declared once, in the library.
#[derive(Debug, Clone, Copy)]
pub struct LimitArgs(Limits);

impl Args for LimitArgs {
    fn augment_args(mut cmd: Command) -> Command {
        for b in BOUNDS {
            let arg = Arg::new(b.name)
                .long(b.flag().trim_start_matches('-').to_string())
                .value_name(b.value_name)
                .value_parser(value_parser!(u64))
                .help(format!("{} [default: {}]", b.help, b.default))
                .help_heading("Limits");
            cmd = cmd.arg(arg);
        }
        cmd
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for LimitArgs {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut limits = Limits::default();
        for b in BOUNDS {
            if let Some(v) = matches.get_one::<u64>(b.name) {
                (b.set)(&mut limits, *v);
            }
        }
        Ok(LimitArgs(limits))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl LimitArgs {
    /// The library bounds these options describe.
    pub fn limits(&self) -> Limits {
        self.0
    }
}

/// The reading options `convert`, `batch` and `report` all take: what reaches every reader.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Also emit header and footer content as blocks (style `header` / `footer`); for PDF the
    /// running heads and page numbers, at their pages.
    #[arg(long)]
    headers_footers: bool,
    /// User password for encrypted PDFs (not needed when the user password is empty).
    #[arg(long, value_name = "PW")]
    password: Option<String>,
    /// PDF pages to read, from 1: `1-3,7,10-` (an open range runs to the last page).
    #[arg(long, value_name = "PAGES", value_parser = PageSelection::parse)]
    pages: Option<PageSelection>,
    /// HTML: keep the whole page (navigation, headers, footers and asides outside the main
    /// content); by default they are left out with one warning counting their text.
    #[arg(long)]
    html_all: bool,
    /// PDF: keep only tables whose centre lies in this area, in points from the page's top-left
    /// corner as displayed (tabula's -a order is top,left,bottom,right; this is x0,y0,x1,y1).
    #[arg(long, value_name = "X0,Y0,X1,Y1", value_parser = TableSearch::parse_area, allow_hyphen_values = true)]
    area: Option<(f32, f32, f32, f32)>,
    /// PDF: only tables drawn with ruling lines.
    #[arg(long, conflicts_with = "stream")]
    lattice: bool,
    /// PDF: only tables from text alignment; ruling grids are not looked for.
    #[arg(long)]
    stream: bool,
    /// PDF: which pages OCR reads: `auto` (pages without a text layer, or whose only text is
    /// an invisible layer that is empty or garbage), `always` (every page with an image) or
    /// `never`.
    #[cfg(feature = "ocr")]
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = docgrid::OcrMode::parse)]
    ocr: docgrid::OcrMode,
    /// PDF: the folder of the OCR models (scripts/ocr_setup.sh prints it); by default
    /// $DOCGRID_OCR_MODELS. ONNX Runtime is $ORT_DYLIB_PATH or libonnxruntime.so in it.
    #[cfg(feature = "ocr")]
    #[arg(long, value_name = "DIR")]
    ocr_models: Option<std::path::PathBuf>,
    /// Inputs larger than this fail without being read (each is read whole into memory).
    #[arg(long, value_name = "MIB", default_value_t = docgrid::limits::DEFAULT_MAX_FILE_MIB, help_heading = "Limits")]
    max_file_mib: u64,
    #[command(flatten)]
    limits: LimitArgs,
}

impl ReadArgs {
    /// `--max-file-mib` in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mib.saturating_mul(1024 * 1024)
    }

    /// How a command that reads inputs one by one reads them.
    pub fn reading(&self, chatter: crate::input::Chatter) -> crate::input::Reading {
        crate::input::Reading {
            options: self.options(),
            max_file_bytes: self.max_file_bytes(),
            chatter,
        }
    }

    /// The library options these arguments describe.
    pub fn options(&self) -> Options {
        Options {
            limits: self.limits.limits(),
            include_headers_footers: self.headers_footers,
            password: self.password.clone(),
            pages: self.pages.clone(),
            html_all: self.html_all,
            layout: docgrid::LayoutParams::default(),
            tables: TableSearch {
                area: self.area,
                detector: match (self.lattice, self.stream) {
                    (true, _) => TableDetector::Lattice,
                    (_, true) => TableDetector::Stream,
                    _ => TableDetector::Both,
                },
            },
            #[cfg(feature = "ocr")]
            ocr: docgrid::OcrOptions {
                mode: self.ocr,
                models: self.ocr_models.clone(),
            },
            #[cfg(not(feature = "ocr"))]
            ocr: docgrid::OcrOptions::default(),
        }
    }
}
