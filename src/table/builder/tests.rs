use super::*;

#[test]
fn spans_make_a_partition_with_implied_header() {
    let mut b = TableBuilder::new(Place::page(2), 0, &Limits::default());
    b.add(Cell::new(0, 0, 2, 1, "项目")).unwrap();
    b.add(Cell::new(0, 1, 1, 2, "申请人")).unwrap();
    b.add(Cell::new(1, 1, 1, 1, "自然人")).unwrap();
    b.add(Cell::new(1, 2, 1, 1, "法人")).unwrap();
    b.add(Cell::new(2, 0, 1, 1, "收到")).unwrap();
    b.add(Cell::new(2, 1, 1, 1, "3")).unwrap();
    b.add(Cell::new(2, 2, 1, 1, "4")).unwrap();
    let (t, w) = b.finish(5, 0, Holes::Warn);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!((t.index, t.rows, t.cols, t.header_rows), (5, 3, 3, 2));
    assert_eq!(
        shape_of(&t),
        vec![
            (0, 0, 2, 1, "项目"),
            (0, 1, 1, 2, "申请人"),
            (1, 1, 1, 1, "自然人"),
            (1, 2, 1, 1, "法人"),
            (2, 0, 1, 1, "收到"),
            (2, 1, 1, 1, "3"),
            (2, 2, 1, 1, "4"),
        ]
    );
    check_partition(&t).unwrap();
}

#[test]
fn holes_are_filled_with_one_warning_per_run() {
    let mut b = TableBuilder::new(Place::page(4), 4, &Limits::default());
    b.add(Cell::new(0, 0, 1, 4, "title")).unwrap();
    b.add(Cell::new(1, 0, 1, 1, "a")).unwrap();
    b.add(Cell::new(2, 2, 1, 1, "b")).unwrap();
    let (t, w) = b.finish(0, 0, Holes::Warn);
    check_partition(&t).unwrap();
    assert_eq!(t.cells.len(), 1 + 1 + 3 + 1 + 3);
    let messages: Vec<(&str, &str, Option<u32>)> = w
        .iter()
        .map(|w| (w.code, w.message.as_str(), w.page))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "table.hole",
                "page 4: row 1, columns 1–3: no cell covers it; filled with empty cells",
                Some(4)
            ),
            (
                "table.hole",
                "page 4: row 2, columns 0–1: no cell covers it; filled with empty cells",
                Some(4)
            ),
            (
                "table.hole",
                "page 4: row 2, column 3: no cell covers it; filled with empty cells",
                Some(4)
            ),
        ]
    );
}

#[test]
fn expected_holes_are_filled_silently() {
    let mut b = TableBuilder::new(Place::part("table"), 3, &Limits::default());
    b.add(Cell::new(0, 1, 1, 1, "x")).unwrap();
    let (t, w) = b.finish(0, 0, Holes::Expected);
    assert!(w.is_empty());
    assert_eq!(
        shape_of(&t),
        vec![(0, 0, 1, 1, ""), (0, 1, 1, 1, "x"), (0, 2, 1, 1, "")]
    );
}

#[test]
fn an_overlapping_cell_joins_the_cell_it_overlaps() {
    let mut b = TableBuilder::new(Place::page(1), 0, &Limits::default());
    b.add(Cell::new(0, 0, 2, 2, "big")).unwrap();
    b.add(Cell::new(1, 1, 1, 2, "late")).unwrap();
    let (t, w) = b.finish(0, 0, Holes::Warn);
    check_partition(&t).unwrap();
    assert_eq!(
        shape_of(&t),
        vec![
            (0, 0, 2, 2, "big\nlate"),
            (0, 2, 1, 1, ""),
            (1, 2, 1, 1, "")
        ]
    );
    let codes: Vec<&str> = w.iter().map(|w| w.code).collect();
    assert_eq!(
        codes,
        vec!["table.overlapping_cell", "table.hole", "table.hole"]
    );
    assert_eq!(
        w[0].message,
        "page 1: row 1, column 1: a cell overlaps another; its text joins that cell"
    );
}

#[test]
fn zero_spans_read_as_one_and_marked_header_wins() {
    let mut b = TableBuilder::new(Place::part("table"), 0, &Limits::default());
    b.add(Cell::new(0, 0, 0, 0, "h")).unwrap();
    b.add(Cell::new(1, 0, 1, 1, "v")).unwrap();
    let (t, _) = b.finish(0, 1, Holes::Warn);
    assert_eq!(shape_of(&t), vec![(0, 0, 1, 1, "h"), (1, 0, 1, 1, "v")]);
    assert_eq!(t.header_rows, 1);
}

#[test]
fn limits_name_the_place_and_the_bound() {
    let limits = Limits {
        max_table_cols: 4,
        max_table_cells: 6,
        ..Limits::default()
    };
    let mut b = TableBuilder::new(Place::page(7), 0, &limits);
    let e = b.add(Cell::new(0, 2, 1, 3, "wide")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "page 7: limit exceeded: max_table_cols over 4 (raise with --max-table-cols)"
    );
    b.add(Cell::new(0, 0, 1, 3, "")).unwrap();
    b.add(Cell::new(1, 0, 1, 3, "")).unwrap();
    let e = b.add(Cell::new(2, 0, 1, 1, "")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "page 7: limit exceeded: max_table_cells over 6 (raise with --max-table-cells)"
    );
    assert!(b.add(Cell::new(usize::MAX, 0, 2, 1, "")).is_err());
    assert!(b.add(Cell::new(0, usize::MAX, 1, 2, "")).is_err());
}
