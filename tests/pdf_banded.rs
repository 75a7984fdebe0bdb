//! Tables ruled across only (horizontal rules, no vertical ones): the rules bound the table, two
//! such tables side by side stay two, and where rules are drawn between the rows a wrapped cell
//! is one cell. The PDFs are written here with known positions (Helvetica, stroked rules).

#[path = "support/pdf.rs"]
mod support;
use support::{grid, page_tables as tables, text};

/// Stroked horizontal rules from `x0` to `x1` at each of `ys`.
fn rules(x0: u32, x1: u32, ys: &[u32]) -> String {
    let mut s = String::from("0.6 w\n");
    for y in ys {
        s.push_str(&format!("{x0} {y} m {x1} {y} l S\n"));
    }
    s
}

/// Lines of a cell: `lines` from `y` down, 10 pt apart, at `x`, 9 pt.
fn cell(x: u32, y: u32, lines: &[&str]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(k, l)| text(x, y - 10 * k as u32, 9, l))
        .collect()
}

fn rows(g: &[&[&str]]) -> Vec<Vec<String>> {
    g.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn two_tables_side_by_side_ruled_between_rows_keep_their_wrapped_cells() {
    // Left: a rule under the header and none above it (LibreOffice's "AnimalSounds" layout).
    let mut s = rules(72, 290, &[755, 738, 691, 654]);
    for (x, t) in [(72, "Animal"), (160, "Action"), (210, "Result")] {
        s.push_str(&text(x, 760, 9, t));
    }
    s.push_str(&cell(72, 743, &["Cat"]));
    s.push_str(&cell(160, 743, &["Says"]));
    s.push_str(&cell(210, 743, &["Meow"]));
    s.push_str(&cell(
        72,
        726,
        &["Parastratiosph", "ecomyiastratio", "sphecomyioid", "es"],
    ));
    s.push_str(&cell(160, 726, &["Says"]));
    s.push_str(&cell(210, 726, &["bzzzzzzz"]));
    s.push_str(&cell(72, 679, &["Fox"]));
    s.push_str(&cell(160, 679, &["Says"]));
    s.push_str(&cell(
        210,
        679,
        &["Ring-", "dingdingdingd", "ingeringeding"],
    ));
    // Right: ruled above the header too, its rows on other baselines.
    s.push_str(&rules(310, 520, &[770, 755, 728, 701]));
    for (x, t) in [(310, "Animal"), (398, "Action"), (448, "Result")] {
        s.push_str(&text(x, 760, 9, t));
    }
    s.push_str(&cell(310, 743, &["Dogs/wolves/", "More dogs"]));
    s.push_str(&cell(398, 743, &["Says"]));
    s.push_str(&cell(448, 743, &["Bow-wow/", "ruff-ruff"]));
    s.push_str(&cell(310, 716, &["Donkey"]));
    s.push_str(&cell(398, 716, &["Says"]));
    s.push_str(&cell(448, 716, &["Hee-Haw Hee-", "Haw"]));
    let found = tables(s);
    let mut grids: Vec<Vec<Vec<String>>> = found.iter().map(grid).collect();
    grids.sort_by_key(|g| g.len());
    assert_eq!(grids.len(), 2, "{grids:?}");
    assert_eq!(
        grids[0],
        rows(&[
            &["Animal", "Action", "Result"],
            &["Dogs/wolves/\nMore dogs", "Says", "Bow-wow/\nruff-ruff"],
            &["Donkey", "Says", "Hee-Haw Hee-\nHaw"],
        ])
    );
    assert_eq!(
        grids[1],
        rows(&[
            &["Animal", "Action", "Result"],
            &["Cat", "Says", "Meow"],
            &[
                "Parastratiosph\necomyiastratio\nsphecomyioid\nes",
                "Says",
                "bzzzzzzz"
            ],
            &["Fox", "Says", "Ring-\ndingdingdingd\ningeringeding"],
        ])
    );
}

#[test]
fn records_between_two_rules_stay_rows_and_figures_never_wrap() {
    // Top rule, a rule under the header, one over the total, one under it: the body's records
    // share one band, and "Beta" (no second figure) is a record, not a wrapped line.
    let mut s = rules(72, 400, &[770, 752, 708, 692]);
    let body: [[&str; 3]; 5] = [
        ["Region", "Sites", "Closed"],
        ["Alpha", "12", "7"],
        ["Beta", "3", ""],
        ["Gamma", "40", "1"],
        ["Total", "55", "8"],
    ];
    for (r, row) in body.iter().enumerate() {
        let y = [758, 740, 728, 716, 697][r];
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                s.push_str(&text([72, 220, 330][c], y, 9, t));
            }
        }
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    let want: Vec<&[&str]> = body.iter().map(|r| &r[..]).collect();
    assert_eq!(grid(&found[0]), rows(&want));
}

#[test]
fn rules_under_section_headings_are_no_table() {
    // A résumé: a larger heading over each rule, two-part lines between.
    let mut s = rules(72, 520, &[748, 680, 612]);
    for (y, heading) in [(752, "Certificates"), (684, "Languages"), (616, "Skills")] {
        s.push_str(&text(72, y, 14, heading));
    }
    for (k, (what, when)) in [
        ("Network master", "2019-05"),
        ("Cloud architect", "2019-11"),
    ]
    .iter()
    .enumerate()
    {
        s.push_str(&text(72, 730 - 14 * k as u32, 10, what));
        s.push_str(&text(440, 730 - 14 * k as u32, 10, when));
    }
    for (k, (what, level)) in [("English", "fluent"), ("Italian", "basic")]
        .iter()
        .enumerate()
    {
        s.push_str(&text(72, 662 - 14 * k as u32, 10, what));
        s.push_str(&text(440, 662 - 14 * k as u32, 10, level));
    }
    s.push_str(&text(72, 594, 10, "Rust, SQL and technical writing."));
    for t in tables(s) {
        for c in &t.cells {
            assert!(
                !["Certificates", "Languages", "Skills"].contains(&c.text.as_str()),
                "a heading read as a cell: {t:?}"
            );
        }
    }
}

#[test]
fn a_stacked_header_over_a_group_rule_is_header_rows_with_spans() {
    // Top rule, header rule, bottom rule; a short rule under "Race" over its three columns,
    // and under it a sub-heading wrapped onto a second line.
    let mut s = rules(72, 400, &[772, 724, 690]);
    s.push_str("0.4 w 150 756 m 400 756 l S\n");
    s.push_str(&text(72, 760, 9, "Age"));
    s.push_str(&text(250, 760, 9, "Race"));
    for (x, t) in [(72, "group"), (150, "No."), (230, "Rate"), (320, "CI")] {
        s.push_str(&text(x, 742, 9, t));
    }
    s.push_str(&text(230, 732, 9, "per 1000"));
    for (y, row) in [
        (716, ["45-54", "19", "10.4", "(8.4-12.3)"]),
        (704, ["55-64", "27", "12.1", "(9.0-15.2)"]),
    ] {
        for (x, t) in [72, 150, 230, 320].into_iter().zip(row) {
            s.push_str(&text(x, y, 9, t));
        }
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    let t = &found[0];
    assert_eq!((t.rows, t.cols, t.header_rows), (4, 4, 2));
    let shape: Vec<(usize, usize, usize, usize, &str)> = t
        .cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.as_str()))
        .collect();
    assert_eq!(
        shape[..5],
        [
            (0, 0, 2, 1, "Age\ngroup"),
            (0, 1, 1, 3, "Race"),
            (1, 1, 1, 1, "No."),
            (1, 2, 1, 1, "Rate\nper 1000"),
            (1, 3, 1, 1, "CI"),
        ]
    );
    assert_eq!(
        grid(t)[2..],
        rows(&[
            &["45-54", "19", "10.4", "(8.4-12.3)"],
            &["55-64", "27", "12.1", "(9.0-15.2)"],
        ])
    );
}
