//! Writes the fixed PDF of the `pdf_content` / `pdf_cmap` targets with a given input in place,
//! so that a crash artifact becomes a PDF to open with `cargo run --example pdf_dump`.
//!
//! usage: cargo run --manifest-path fuzz/Cargo.toml --example pdf_fixture -- \
//!            pdf_content|pdf_cmap INPUT OUT.pdf

#[path = "../fuzz_targets/pdf_build.rs"]
#[allow(dead_code)] // the fixed content is the seed tools' business
mod pdf_build;

use pdf_build::Slot;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target, input, out] = args.as_slice() else {
        return Err("usage: pdf_fixture pdf_content|pdf_cmap INPUT OUT.pdf".into());
    };
    let data = std::fs::read(input)?;
    let pdf = match target.as_str() {
        "pdf_content" => pdf_build::pdf(Slot::Content, &data),
        "pdf_cmap" => {
            let Some((&which, rest)) = data.split_first() else {
                return Err("empty input".into());
            };
            let slot = Slot::FONT_SLOTS[usize::from(which) % Slot::FONT_SLOTS.len()];
            eprintln!("slot: {slot:?}");
            pdf_build::pdf(slot, rest)
        }
        other => return Err(format!("unknown target {other}").into()),
    };
    std::fs::write(out, pdf)?;
    Ok(())
}
