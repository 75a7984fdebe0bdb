//! A ruled row is bounded by its rules: the lines of a multi-line header cell stay in one cell,
//! while records stacked inside one ruled row (a body under a ruled header) become rows. The
//! PDFs are written here with known positions (Helvetica, stroked rules).

#[path = "support/pdf.rs"]
mod support;
use support::{grid, page_tables as tables, text};

/// Stroked rules: verticals at `xs` from `bottom` to `top`, horizontals at `ys` across.
fn rules(xs: &[u32], ys: &[u32]) -> String {
    let (left, right) = (xs[0], xs[xs.len() - 1]);
    let (bottom, top) = (ys[ys.len() - 1], ys[0]);
    let mut s = String::from("0.8 w\n");
    for x in xs {
        s.push_str(&format!("{x} {bottom} m {x} {top} l S\n"));
    }
    for y in ys {
        s.push_str(&format!("{left} {y} m {right} {y} l S\n"));
    }
    s
}

#[test]
fn a_header_of_labels_on_several_lines_is_one_row() {
    let xs = [72, 192, 312, 432];
    let mut s = rules(&xs, &[760, 700, 680, 660]);
    // Header cells of 2, 3 and 4 lines, top-aligned, 10 pt apart.
    let labels: [&[&str]; 3] = [
        &["Serial", "No."],
        &["Date", "signed", "Mm/dd/yr"],
        &["Estimated", "Contract", "completion", "date"],
    ];
    for (c, lines) in labels.iter().enumerate() {
        for (k, l) in lines.iter().enumerate() {
            s.push_str(&text(xs[c] + 4, 748 - 10 * k as u32, 8, l));
        }
    }
    for (r, row) in [
        ["1", "13-Sep-11", "12-Dec-11"],
        ["2", "13-Oct-11", "1-Jan-12"],
    ]
    .iter()
    .enumerate()
    {
        for (c, t) in row.iter().enumerate() {
            s.push_str(&text(xs[c] + 4, 686 - 20 * r as u32, 9, t));
        }
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        grid(&found[0]),
        vec![
            vec![
                "Serial\nNo.",
                "Date\nsigned\nMm/dd/yr",
                "Estimated\nContract\ncompletion\ndate"
            ],
            vec!["1", "13-Sep-11", "12-Dec-11"],
            vec!["2", "13-Oct-11", "1-Jan-12"],
        ]
    );
}

#[test]
fn records_stacked_in_one_ruled_row_become_rows() {
    // A ruled header, three records in one ruled body row, a ruled total row.
    let xs = [72, 232, 312, 392];
    let mut s = rules(&xs, &[560, 540, 490, 470]);
    for (c, t) in ["Answer", "Freq.", "Percent"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 547, 9, t));
    }
    let records = [
        ["kept the assets", "344", "75.2"],
        ["sold some of them", "53", "11.6"],
        ["sold all of them", "61", "13.2"],
    ];
    for (r, row) in records.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            s.push_str(&text(xs[c] + 4, 527 - 14 * r as u32, 9, t));
        }
    }
    for (c, t) in ["Total", "458", "100.0"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 477, 9, t));
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        grid(&found[0]),
        vec![
            vec!["Answer", "Freq.", "Percent"],
            vec!["kept the assets", "344", "75.2"],
            vec!["sold some of them", "53", "11.6"],
            vec!["sold all of them", "61", "13.2"],
            vec!["Total", "458", "100.0"],
        ]
    );
}

#[test]
fn a_tall_header_over_rows_ruled_one_record_each_is_one_row() {
    // Labels of 1 to 5 lines, each centred in the one ruled header row, so their lines fall
    // at eight different heights; below it, three rows ruled one record each.
    let xs = [72, 152, 232, 312, 392];
    let mut s = rules(&xs, &[760, 690, 676, 662, 648]);
    let labels: [&[&str]; 4] = [
        &["REGIONE"],
        &["COMUNI", "CAPOLUOGO", "(CAP)"],
        &["COMUNI", "SUPERIORI", "15.000", "abitanti", "(SUP)"],
        &["SEZIONI", "al 2023"],
    ];
    for (c, lines) in labels.iter().enumerate() {
        // 11 pt apart, centred on y 725: the first line of an n-line label at 725 + 5.5 (n - 1).
        let top = 725.0 + 5.5 * (lines.len() as f32 - 1.0);
        for (k, l) in lines.iter().enumerate() {
            let y = (top - 11.0 * k as f32 - 3.0).round() as u32;
            s.push_str(&text(xs[c] + 4, y, 8, l));
        }
    }
    let records = [
        ["ABRUZZO", "1", "", "3"],
        ["MOLISE", "", "1", "14"],
        ["Totale", "1", "1", "17"],
    ];
    for (r, row) in records.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                s.push_str(&text(xs[c] + 4, 680 - 14 * r as u32, 9, t));
            }
        }
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        grid(&found[0]),
        vec![
            vec![
                "REGIONE",
                "COMUNI\nCAPOLUOGO\n(CAP)",
                "COMUNI\nSUPERIORI\n15.000\nabitanti\n(SUP)",
                "SEZIONI\nal 2023"
            ],
            vec!["ABRUZZO", "1", "", "3"],
            vec!["MOLISE", "", "1", "14"],
            vec!["Totale", "1", "1", "17"],
        ]
    );
}

#[test]
fn records_under_a_header_whose_rules_alone_draw_the_columns_become_rows() {
    // Statistics tables often rule the columns in the header only: below it the frame holds
    // one wide unruled cell of labels and figures.
    let xs = [72, 232, 312, 392, 472];
    let (top, under_header, bottom) = (560, 540, 420);
    let mut s = String::from("0.8 w\n");
    for y in [top, under_header, bottom] {
        s.push_str(&format!("72 {y} m 472 {y} l S\n"));
    }
    for x in xs {
        let low = if [72, 472].contains(&x) {
            bottom
        } else {
            under_header
        };
        s.push_str(&format!("{x} {low} m {x} {top} l S\n"));
    }
    for (c, t) in ["", "2014", "2013", "2012"].iter().enumerate() {
        s.push_str(&text(xs[c] + 4, 547, 9, t));
    }
    let records: [[&str; 4]; 7] = [
        ["Gross product", "", "", ""],
        ["Total", "2.6", "3.2", "3.0"],
        ["Per head", "0.7", "1.3", "1.1"],
        ["Business sector", "2.5", "3.4", "2.9"],
        ["Building", "-1.7", "1.3", "6.8"],
        ["Consumption", "", "", ""],
        ["Public", "3.8", "3.5", "3.6"],
    ];
    for (r, row) in records.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            if !t.is_empty() {
                s.push_str(&text(xs[c] + 4, 527 - 14 * r as u32, 9, t));
            }
        }
    }
    let found = tables(s);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        grid(&found[0]),
        vec![
            vec!["", "2014", "2013", "2012"],
            vec!["Gross product", "", "", ""],
            vec!["Total", "2.6", "3.2", "3.0"],
            vec!["Per head", "0.7", "1.3", "1.1"],
            vec!["Business sector", "2.5", "3.4", "2.9"],
            vec!["Building", "-1.7", "1.3", "6.8"],
            vec!["Consumption", "", "", ""],
            vec!["Public", "3.8", "3.5", "3.6"],
        ]
    );
}
