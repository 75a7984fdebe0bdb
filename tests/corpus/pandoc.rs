//! pandoc `Table` blocks (from a parsed `.native` file) as expected grids, and the plain
//! text of pandoc blocks.

use super::native::V;
use super::util::{ExpCell, ExpTable};

/// Block constructors: their text is separated from what follows by a line break.
const BLOCKS: [&str; 13] = [
    "Plain",
    "Para",
    "LineBlock",
    "CodeBlock",
    "BlockQuote",
    "OrderedList",
    "BulletList",
    "DefinitionList",
    "Header",
    "Table",
    "Figure",
    "Div",
    "HorizontalRule",
];

/// The plain text of a value: `Str` text, spaces and breaks; notes, images and raw
/// content contribute nothing (they are not cell text in docgrid's contract either).
pub fn plain_text(v: &V, out: &mut String) {
    match v {
        V::Con(name, args) => match name.as_str() {
            "Str" => {
                if let Some(V::Str(s)) = args.first() {
                    out.push_str(s);
                }
            }
            "Space" | "SoftBreak" => out.push(' '),
            "LineBreak" => out.push('\n'),
            "Code" | "Math" => {
                if let Some(V::Str(s)) = args.get(1) {
                    out.push_str(s);
                }
            }
            "Note" | "Image" | "RawInline" | "RawBlock" => {}
            "Quoted" => {
                out.push('"');
                args.iter().for_each(|a| plain_text(a, out));
                out.push('"');
            }
            _ => args.iter().for_each(|a| plain_text(a, out)),
        },
        V::List(items) => {
            for item in items {
                plain_text(item, out);
                let block = match item {
                    V::Con(n, _) => BLOCKS.contains(&n.as_str()),
                    V::List(_) => true,
                    _ => false,
                };
                if block {
                    out.push('\n');
                }
            }
        }
        // Tuples are attributes, link targets, list attributes: never visible text.
        V::Tuple(_) | V::Str(_) | V::Num(_) => {}
    }
}

/// The top-level `Table` blocks (tables nested in a table's cells are not listed).
pub fn top_tables(v: &V) -> Vec<&V> {
    let mut out = Vec::new();
    collect(v, &mut out);
    out
}

fn collect<'a>(v: &'a V, out: &mut Vec<&'a V>) {
    match v {
        V::Con(name, _) if name == "Table" => out.push(v),
        V::Con(_, args) => args.iter().for_each(|a| collect(a, out)),
        V::List(items) | V::Tuple(items) => items.iter().for_each(|a| collect(a, out)),
        V::Str(_) | V::Num(_) => {}
    }
}

fn con<'a>(v: &'a V, name: &str) -> Result<&'a [V], String> {
    match v {
        V::Con(n, args) if n == name => Ok(args),
        other => Err(format!("expected {name}, found {}", short(other))),
    }
}

fn list(v: &V) -> Result<&[V], String> {
    match v {
        V::List(items) => Ok(items),
        other => Err(format!("expected a list, found {}", short(other))),
    }
}

fn short(v: &V) -> String {
    let s = format!("{v:?}");
    s.chars().take(80).collect()
}

fn num_arg(v: &V, name: &str) -> Result<usize, String> {
    match con(v, name)?.first() {
        Some(V::Num(n)) => n.parse().map_err(|e| format!("{name} {n}: {e}")),
        _ => Err(format!("{name} without a number")),
    }
}

/// A pandoc `Table attr caption colspecs head bodies foot` placed on a grid the HTML way:
/// rows are head rows, then each body's head and body rows, then foot rows; each cell goes
/// to the first column not taken by a row span from above.
pub fn table_grid(t: &V) -> Result<ExpTable, String> {
    let args = con(t, "Table")?;
    let [_, _, colspecs, head, bodies, foot] = args else {
        return Err(format!(
            "Table with {} arguments (pandoc < 2.10 shape?)",
            args.len()
        ));
    };
    let cols = list(colspecs)?.len();
    let mut rows: Vec<&V> = Vec::new();
    let h = con(head, "TableHead")?;
    rows.extend(list(h.get(1).ok_or("TableHead without rows")?)?);
    for b in list(bodies)? {
        let b = con(b, "TableBody")?;
        let [_, _, hrows, brows] = b else {
            return Err("TableBody without 4 arguments".into());
        };
        rows.extend(list(hrows)?);
        rows.extend(list(brows)?);
    }
    let f = con(foot, "TableFoot")?;
    rows.extend(list(f.get(1).ok_or("TableFoot without rows")?)?);

    let mut taken: Vec<Vec<bool>> = vec![vec![false; cols]; rows.len()];
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let ra = con(row, "Row")?;
        let mut col = 0;
        for cell in list(ra.get(1).ok_or("Row without cells")?)? {
            let ca = con(cell, "Cell")?;
            let [_, _, rs, cs, blocks] = ca else {
                return Err("Cell without 5 arguments".into());
            };
            let row_span = num_arg(rs, "RowSpan")?.max(1);
            let col_span = num_arg(cs, "ColSpan")?.max(1);
            while col < cols && taken[r][col] {
                col += 1;
            }
            if col + col_span > cols || r + row_span > rows.len() {
                return Err(format!(
                    "cell at ({r},{col}) leaves the {}x{cols} grid",
                    rows.len()
                ));
            }
            for line in taken.iter_mut().skip(r).take(row_span) {
                for slot in line.iter_mut().skip(col).take(col_span) {
                    *slot = true;
                }
            }
            let mut text = String::new();
            plain_text(blocks, &mut text);
            cells.push(ExpCell {
                row: r,
                col,
                row_span,
                col_span,
                text,
            });
            col += col_span;
        }
    }
    Ok(ExpTable {
        rows: rows.len(),
        cols,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::native::parse;

    /// Row 1's only cell must skip column 0, which row 0's row span still covers.
    #[test]
    fn places_cells_past_row_spans() {
        let cell = |rs: u32, cs: u32, t: &str| {
            format!(
                r#"Cell ( "" , [] , [] ) AlignDefault (RowSpan {rs}) (ColSpan {cs}) [ Plain [ Str "{t}" , Space , Str "x" ] ]"#
            )
        };
        let row = |cells: Vec<String>| format!(r#"Row ( "" , [] , [] ) [ {} ]"#, cells.join(" , "));
        let src = format!(
            r#"[ Para [ Str "before" ] , Table ( "" , [] , [] ) (Caption Nothing []) [ ( AlignDefault , ColWidthDefault ) , ( AlignDefault , ColWidthDefault ) ] (TableHead ( "" , [] , [] ) [ {} ]) [ TableBody ( "" , [] , [] ) (RowHeadColumns 0) [] [ {} ] ] (TableFoot ( "" , [] , [] ) []) ]"#,
            row(vec![cell(2, 1, "a"), cell(1, 1, "b")]),
            row(vec![cell(1, 1, "c")])
        );
        let v = parse(&src).unwrap();
        let tables = top_tables(&v);
        assert_eq!(tables.len(), 1);
        let g = table_grid(tables[0]).unwrap();
        assert_eq!((g.rows, g.cols), (2, 2));
        let placed: Vec<_> = g
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.trim()))
            .collect();
        assert_eq!(
            placed,
            [
                (0, 0, 2, 1, "a x"),
                (0, 1, 1, 1, "b x"),
                (1, 1, 1, 1, "c x")
            ]
        );
    }
}
