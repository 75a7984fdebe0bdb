//! Prints what docgrid reads from a PDF (layout debugging aid): one block per line as
//! `page kind text`, tables as their size; with `--lines`, every text line with its geometry.
use docgrid::model::Block;
use docgrid::pdf::{engine, text};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let raw = args.iter().any(|a| a == "--lines");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_dump [--lines] FILE.pdf");
        return;
    };
    let bytes = std::fs::read(path).unwrap_or_default();
    if raw {
        match engine::load(&bytes, "", engine::PageLimits::default()) {
            Ok(pages) => {
                for (i, p) in pages.iter().enumerate() {
                    println!("== page {} ({} x {})", i + 1, p.width, p.height);
                    for l in text::lines(p) {
                        println!(
                            "{:6.1} {:6.1} {:6.1} {:6.1} size {:4.1}{} row {:3} | {}",
                            l.x0,
                            l.x1,
                            l.y0,
                            l.y1,
                            l.size,
                            if l.bold { " bold" } else { "     " },
                            l.row,
                            l.text
                        );
                    }
                }
            }
            Err(e) => eprintln!("{path}: {e:?}"),
        }
        return;
    }
    match docgrid::pdf::read(&bytes, &docgrid::Options::default()) {
        Ok(doc) => {
            for b in &doc.blocks {
                match b {
                    Block::Heading(h) => {
                        println!("{}\tH{}\t{}", h.page.unwrap_or(0), h.level, h.text)
                    }
                    Block::Paragraph(p) => println!("{}\tP\t{}", p.page.unwrap_or(0), p.text),
                    Block::Table(t) => println!(
                        "{}\tT{}\t{}x{} pages {:?}",
                        t.page.unwrap_or(0),
                        t.index,
                        t.rows,
                        t.cols,
                        t.pages
                    ),
                }
            }
            for w in &doc.warnings {
                println!("warning {} page {:?}: {}", w.code, w.page, w.message);
            }
        }
        Err(e) => eprintln!("{path}: {e}"),
    }
}
