//! Finding and loading the models and ONNX Runtime: one clear error naming what to install,
//! never a panic (ort panics at dlopen when the library is missing, so the path is checked and
//! loaded through `ort::init_from`, which returns its failure).

use ort::session::Session;
use ort::value::Tensor;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The environment variable naming the models folder when `--ocr-models` is not given.
pub const MODELS_ENV: &str = "DOCGRID_OCR_MODELS";
/// The environment variable naming `libonnxruntime.so` (ort's own name for it).
pub const RUNTIME_ENV: &str = "ORT_DYLIB_PATH";
/// What every "missing" error tells the reader to do.
const INSTALL: &str = "run scripts/ocr_setup.sh and set the two paths it prints";

/// The three PP-OCRv4 sessions and the recogniser's dictionary.
pub struct Engine {
    /// Text detection (DBNet): a probability map of text pixels.
    pub detector: Session,
    /// Text recognition (SVTR/CRNN with CTC): class probabilities per time step.
    pub recogniser: Session,
    /// Direction classification (0° or 180°), when the model is there.
    pub classifier: Option<Session>,
    /// The recogniser's characters: class `i + 1` is `dictionary[i]` (class 0 is CTC's blank).
    pub dictionary: Vec<String>,
}

/// Where the models and the runtime are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The detection model.
    pub detector: PathBuf,
    /// The recognition model.
    pub recogniser: PathBuf,
    /// The direction classifier, optional.
    pub classifier: Option<PathBuf>,
    /// `libonnxruntime.so`.
    pub runtime: PathBuf,
}

/// Finds the models in `models` (or `DOCGRID_OCR_MODELS`) and the runtime at `ORT_DYLIB_PATH`
/// (or in the models folder): the first `.onnx` file whose name contains `det`, `rec`, `cls`.
pub fn find(models: Option<&Path>) -> Result<Paths, String> {
    let dir = match models {
        Some(d) => d.to_path_buf(),
        None => match std::env::var_os(MODELS_ENV) {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => {
                return Err(format!(
                    "no OCR models: give --ocr-models DIR or set {MODELS_ENV} ({INSTALL})"
                ))
            }
        },
    };
    let listing = std::fs::read_dir(&dir)
        .map_err(|e| format!("OCR models folder {}: {e} ({INSTALL})", dir.display()))?;
    let mut names: Vec<PathBuf> = listing.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    let model = |part: &str| {
        names
            .iter()
            .find(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.ends_with(".onnx") && name.to_ascii_lowercase().contains(part)
            })
            .cloned()
    };
    let missing = |what: &str| {
        format!(
            "no {what} model (*{what}*.onnx) in {} ({INSTALL})",
            dir.display()
        )
    };
    let detector = model("det").ok_or_else(|| missing("det"))?;
    let recogniser = model("rec").ok_or_else(|| missing("rec"))?;
    let classifier = model("cls");
    let runtime = match std::env::var_os(RUNTIME_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => names
            .iter()
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("libonnxruntime.so"))
            })
            .cloned()
            .ok_or_else(|| {
                format!(
                    "no ONNX Runtime: set {RUNTIME_ENV} to libonnxruntime.so (pip's onnxruntime wheel has it; {INSTALL})"
                )
            })?,
    };
    if !runtime.is_file() {
        return Err(format!(
            "ONNX Runtime {} does not exist ({RUNTIME_ENV}; {INSTALL})",
            runtime.display()
        ));
    }
    Ok(Paths {
        detector,
        recogniser,
        classifier,
        runtime,
    })
}

/// The engine of this process, loaded on first use. ONNX Runtime allows one environment per
/// process, so the first models folder asked for is the one every later page uses.
/// A failure is not kept: a later call (with the models installed meanwhile) tries again.
pub fn shared(models: Option<&Path>) -> Result<&'static Mutex<Engine>, String> {
    static ENGINE: OnceLock<Mutex<Engine>> = OnceLock::new();
    static LOADING: Mutex<()> = Mutex::new(());
    if let Some(engine) = ENGINE.get() {
        return Ok(engine);
    }
    let _one_at_a_time = LOADING
        .lock()
        .map_err(|_| "OCR engine loading failed".to_string())?;
    if let Some(engine) = ENGINE.get() {
        return Ok(engine);
    }
    let engine = load(&find(models)?)?;
    Ok(ENGINE.get_or_init(|| Mutex::new(engine)))
}

/// Threads ONNX Runtime uses inside one session (`DOCGRID_OCR_THREADS`, default 1: `batch`
/// already runs one file per core).
fn threads() -> usize {
    std::env::var("DOCGRID_OCR_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
}

fn load(paths: &Paths) -> Result<Engine, String> {
    let runtime = paths.runtime.display().to_string();
    // init_from dlopens and checks the version; a failure is returned, not panicked.
    let environment = ort::init_from(&paths.runtime)
        .map_err(|e| format!("ONNX Runtime {runtime}: {e} ({INSTALL})"))?
        .with_name("docgrid-ocr")
        .build()
        .map_err(|e| format!("ONNX Runtime {runtime}: {e}"))?;
    let open = |path: &Path| -> Result<Session, String> {
        let fail = |e: &dyn std::fmt::Display| format!("OCR model {}: {e}", path.display());
        Session::builder(&environment)
            .map_err(|e| fail(&e))?
            .with_intra_threads(threads())
            .map_err(|e| fail(&e))?
            .with_inter_threads(1)
            .map_err(|e| fail(&e))?
            .commit_from_file(path)
            .map_err(|e| fail(&e))
    };
    let detector = open(&paths.detector)?;
    let recogniser = open(&paths.recogniser)?;
    let classifier = paths.classifier.as_deref().map(open).transpose()?;
    let dictionary = dictionary(&recogniser).ok_or_else(|| {
        format!(
            "OCR model {} has no `character` dictionary in its metadata (expected PP-OCR's rec model)",
            paths.recogniser.display()
        )
    })?;
    Ok(Engine {
        detector,
        recogniser,
        classifier,
        dictionary,
    })
}

/// The recogniser's dictionary from its ONNX metadata (`character`: one character a line), with
/// the space PP-OCR appends (`use_space_char`).
fn dictionary(recogniser: &Session) -> Option<Vec<String>> {
    let text = recogniser.metadata().ok()?.custom("character")?;
    let mut chars: Vec<String> = text.lines().map(str::to_string).collect();
    chars.push(" ".to_string());
    (chars.len() > 1).then_some(chars)
}

/// Runs `session` on one f32 input of `shape` and hands its first output's dimensions and values
/// to `read`: each model here (detector, classifier, recogniser) takes one image batch and gives
/// one tensor. `model` names it in the errors.
pub fn run_first_output<R>(
    session: &mut Session,
    shape: [usize; 4],
    input: Vec<f32>,
    model: &str,
    read: impl FnOnce(&[i64], &[f32]) -> Result<R, String>,
) -> Result<R, String> {
    let tensor = Tensor::from_array((shape, input)).map_err(|e| e.to_string())?;
    let outputs = session
        .run(ort::inputs![tensor])
        .map_err(|e| e.to_string())?;
    let first = outputs
        .values()
        .next()
        .ok_or_else(|| format!("the {model} gave no output"))?;
    let (dims, values) = first
        .try_extract_tensor::<f32>()
        .map_err(|e| e.to_string())?;
    read(dims, values)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_missing_folder_is_one_line_naming_the_setup_script() {
        let e = super::find(Some(std::path::Path::new("/nonexistent/models"))).unwrap_err();
        assert!(e.contains("scripts/ocr_setup.sh"), "{e}");
        assert!(!e.contains('\n'), "{e}");
    }

    #[test]
    fn a_folder_without_models_names_the_missing_model() {
        let dir = std::env::temp_dir();
        let e = super::find(Some(&dir)).unwrap_err();
        assert!(e.contains("det"), "{e}");
    }
}
