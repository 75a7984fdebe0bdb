//! Prints the paragraphs docgrid reads from a PDF, one per line (layout debugging aid).
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    match docgrid::pdf::read_paragraphs(&bytes, "") {
        Ok(bs) => bs.iter().for_each(|b| println!("{}\t{}", b.page, b.text)),
        Err(e) => eprintln!("{path}: {e:?}"),
    }
}
