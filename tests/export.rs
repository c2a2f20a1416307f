//! Lists exported to CSV and JSON: what a spreadsheet or a script reads back, and the atomic
//! write (an existing file is replaced whole or left alone, and no temporary file stays behind).

#![allow(clippy::expect_used)] // a test that cannot go on says why, and fails

use std::path::Path;

use ccr_desk::export::{Cell, Column, ExportError, Format, Table, UTF8_BOM, write_table};

/// A table with the awkward cases: Chinese text, commas, quotes, line breaks, missing cells.
fn awkward_table() -> Table {
    let mut table = Table::new(vec![
        Column::new("repository", "镜像仓库"),
        Column::new("description", "Description, in full"),
        Column::new("size_bytes", "大小"),
        Column::new("pulled", "拉取时间"),
    ]);
    table.push_row(vec![
        "team/app/api".into(),
        "前端服务，带 \"quotes\", commas\nand a second line\r\nand a third".into(),
        Cell::from(1_234_567_u64),
        Cell::Missing,
    ]);
    table.push_row(vec![
        "演示/镜像".into(),
        Cell::from(""),
        Cell::from(-3_i64),
        "2024-05-01T10:00:00Z".into(),
    ]);
    table
}

/// Every entry of `folder`, by name, sorted.
fn entries(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the folder lists")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn csv_reads_back_with_a_bom_the_titles_and_every_awkward_cell() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("repositories.csv");
    let rows = write_table(&path, &awkward_table(), Format::Csv).expect("written");
    assert_eq!(rows, 2);

    let bytes = std::fs::read(&path).expect("the file reads");
    assert!(bytes.starts_with(UTF8_BOM), "starts with the UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[UTF8_BOM.len()..]);
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["镜像仓库", "Description, in full", "大小", "拉取时间"]
    );
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|record| {
            record
                .expect("a record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    assert_eq!(
        records,
        [
            vec![
                "team/app/api".to_owned(),
                "前端服务，带 \"quotes\", commas\nand a second line\r\nand a third".to_owned(),
                "1234567".to_owned(),
                String::new(),
            ],
            vec![
                "演示/镜像".to_owned(),
                String::new(),
                "-3".to_owned(),
                "2024-05-01T10:00:00Z".to_owned(),
            ],
        ]
    );
    // Records end in CRLF, as RFC 4180 and Excel expect.
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("拉取时间\r\n"), "{text:?}");
}

#[test]
fn json_keeps_numbers_as_numbers_and_missing_cells_as_null() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("repositories.json");
    let rows = write_table(&path, &awkward_table(), Format::Json).expect("written");
    assert_eq!(rows, 2);

    let text = std::fs::read_to_string(&path).expect("the file reads");
    assert!(
        text.ends_with("]\n"),
        "pretty-printed, with a final line break"
    );
    assert!(
        text.contains("\n  {\n    \"repository\""),
        "pretty-printed: {text}"
    );
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(
        value,
        serde_json::json!([
            {
                "repository": "team/app/api",
                "description": "前端服务，带 \"quotes\", commas\nand a second line\r\nand a third",
                "size_bytes": 1_234_567,
                "pulled": null,
            },
            {
                "repository": "演示/镜像",
                "description": "",
                "size_bytes": -3,
                "pulled": "2024-05-01T10:00:00Z",
            },
        ])
    );
    assert!(value[0]["size_bytes"].is_i64(), "a number, not a string");
    // Keys are written in column order, not sorted.
    let first = text.find("\"repository\"").expect("repository key");
    let last = text.find("\"pulled\"").expect("pulled key");
    assert!(first < text.find("\"description\"").expect("description key"));
    assert!(text.find("\"size_bytes\"").expect("size key") < last);
}

#[test]
fn zero_rows_write_the_header_or_an_empty_array() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let empty = Table::new(vec![Column::new("project", "项目"), Column::new("n", "N")]);

    let csv_path = folder.path().join("none.csv");
    assert_eq!(write_table(&csv_path, &empty, Format::Csv).expect("csv"), 0);
    let bytes = std::fs::read(&csv_path).expect("reads");
    let mut expected = UTF8_BOM.to_vec();
    expected.extend_from_slice("项目,N\r\n".as_bytes());
    assert_eq!(bytes, expected);

    let json_path = folder.path().join("none.json");
    assert_eq!(
        write_table(&json_path, &empty, Format::Json).expect("json"),
        0
    );
    assert_eq!(std::fs::read_to_string(&json_path).expect("reads"), "[]\n");
}

#[test]
fn an_existing_file_is_replaced_whole_and_nothing_else_stays() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("projects.json");
    // Longer than what replaces it: a file rewritten in place would keep its tail.
    std::fs::write(&path, "x".repeat(100_000)).expect("an old file");

    let mut table = Table::new(vec![Column::new("project", "Project")]);
    table.push_row(vec!["demo".into()]);
    write_table(&path, &table, Format::Json).expect("written");

    let text = std::fs::read_to_string(&path).expect("reads");
    assert_eq!(text, "[\n  {\n    \"project\": \"demo\"\n  }\n]\n");
    assert_eq!(entries(folder.path()), ["projects.json"]);
}

#[test]
fn a_missing_folder_is_an_error_and_leaves_nothing() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let missing = folder.path().join("not-there");
    let path = missing.join("projects.csv");
    let error = write_table(&path, &awkward_table(), Format::Csv).expect_err("no folder");
    assert!(
        matches!(&error, ExportError::NoFolder { path } if *path == missing),
        "{error:?}"
    );
    assert!(!missing.exists());
    assert!(entries(folder.path()).is_empty());
}

#[test]
fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("projects.csv");
    std::fs::write(&path, "old contents").expect("an old file");
    // A row that does not match the columns is refused before anything is written.
    let mut table = Table::new(vec![Column::new("a", "A"), Column::new("b", "B")]);
    table.push_row(vec!["only one".into()]);
    let error = write_table(&path, &table, Format::Csv).expect_err("a malformed table");
    assert!(
        matches!(
            error,
            ExportError::RowWidth {
                row: 0,
                cells: 1,
                columns: 2
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("reads"),
        "old contents"
    );
    assert_eq!(entries(folder.path()), ["projects.csv"]);

    // The target is a folder: refused, and nothing is written into it or beside it.
    let target = folder.path().join("taken");
    std::fs::create_dir(&target).expect("a folder in the way");
    let error = write_table(&target, &awkward_table(), Format::Json).expect_err("a folder");
    assert!(matches!(error, ExportError::IsFolder { .. }), "{error:?}");
    assert_eq!(entries(folder.path()), ["projects.csv", "taken"]);
    assert!(entries(&target).is_empty());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_an_io_error_that_leaves_the_old_file_and_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt as _;

    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("projects.csv");
    std::fs::write(&path, "old contents").expect("an old file");
    let read_only = std::fs::Permissions::from_mode(0o555);
    std::fs::set_permissions(folder.path(), read_only).expect("made read-only");
    // Root writes anyway: there is nothing to check then.
    let probe = folder.path().join("probe");
    let writable = std::fs::write(&probe, "").is_ok();
    let result = write_table(&path, &awkward_table(), Format::Csv);
    if writable {
        let _ = std::fs::remove_file(&probe);
    }
    std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755))
        .expect("writable again");
    if writable {
        eprintln!("the folder is writable anyway (root?): skipped");
        return;
    }
    let error = result.expect_err("a read-only folder");
    assert_eq!(
        error.io_error().map(std::io::Error::kind),
        Some(std::io::ErrorKind::PermissionDenied),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("reads"),
        "old contents"
    );
    assert_eq!(entries(folder.path()), ["projects.csv"]);
}

#[test]
fn formats_name_their_extension() {
    assert_eq!(Format::Csv.extension(), "csv");
    assert_eq!(Format::Json.extension(), "json");
}

#[test]
fn a_long_file_name_still_fits_beside_its_temporary_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join(format!("{}.csv", "n".repeat(240)));
    let table = Table::new(vec![Column::new("project", "Project")]);
    write_table(&path, &table, Format::Csv).expect("written");
    assert_eq!(entries(folder.path()).len(), 1);
}

#[cfg(unix)]
#[test]
fn an_export_gets_the_permissions_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt as _;

    let folder = tempfile::tempdir().expect("a temporary folder");
    let plain = folder.path().join("plain.txt");
    std::fs::write(&plain, "").expect("a plain file");
    let path = folder.path().join("projects.csv");
    write_table(&path, &awkward_table(), Format::Csv).expect("written");
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&path), mode(&plain), "the umask's mode, like any file");
}
