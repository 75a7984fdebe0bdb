//! Prints what docgrid reads from a PDF (layout debugging aid): one block per line as
//! `page kind text`, tables as their size; with `--glyphs`, every glyph of the page model with
//! its geometry; with `--segments`, every straight segment (rule candidate) and filled
//! rectangle.
use docgrid::model::Block;
use docgrid::pdf::engine;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let raw = args.iter().any(|a| a == "--glyphs");
    let shapes = args.iter().any(|a| a == "--segments");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: pdf_dump [--glyphs | --segments] FILE.pdf");
        return;
    };
    let bytes = std::fs::read(path).unwrap_or_default();
    if shapes {
        match engine::load(&bytes, "", engine::PageLimits::default()) {
            Ok(pages) => {
                for (i, p) in pages.iter().enumerate() {
                    println!("== page {} ({} x {})", i + 1, p.width, p.height);
                    for s in &p.segments {
                        println!(
                            "seg {:7.2} {:7.2} -> {:7.2} {:7.2} width {:4.2} {:?} light {:.2}{}",
                            s.from.0,
                            s.from.1,
                            s.to.0,
                            s.to.1,
                            s.width,
                            s.paint,
                            s.lightness,
                            if s.dashed { " dashed" } else { "" }
                        );
                    }
                    for f in &p.fills {
                        println!("fill {:?}", f);
                    }
                }
            }
            Err(e) => eprintln!("{path}: {e:?}"),
        }
        return;
    }
    if raw {
        match engine::load(&bytes, "", engine::PageLimits::default()) {
            Ok(pages) => {
                for (i, p) in pages.iter().enumerate() {
                    println!("== page {} ({} x {})", i + 1, p.width, p.height);
                    for g in &p.glyphs {
                        println!(
                            "{:6.1} {:6.1} {:6.1} {:6.1} size {:4.1}{}{} turn {} | {}",
                            g.bbox.0,
                            g.bbox.2,
                            g.bbox.1,
                            g.bbox.3,
                            g.size,
                            if g.bold { " bold" } else { "     " },
                            if g.visible { "" } else { " hidden" },
                            g.quarter,
                            g.text
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
