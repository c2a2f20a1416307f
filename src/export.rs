//! Lists exported to a file: a screen builds a [`Table`] (columns with a machine key and a shown
//! title, rows of [`Cell`]s) and [`write_table`] writes it as CSV (for spreadsheets) or JSON (for
//! scripts). The write is atomic: the file is written beside its target, synced, then renamed
//! over it, so a failure leaves an existing file as it was and no temporary file behind.
//!
//! Nothing here holds sentences for people: [`ExportError`] and [`ExportSourceError`] carry
//! typed facts, and the UI words them.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::api::ApiError;
use crate::index::IndexError;

/// The UTF-8 byte order mark a CSV file starts with, so that Excel reads it as UTF-8 (Chinese
/// text included) instead of the system's legacy code page.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A whole list as it is exported: its columns, then its rows, each with one cell per column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The columns, in the order they are written.
    pub columns: Vec<Column>,
    /// The rows, in the order they are written; each has exactly one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table of `columns` without rows yet.
    pub fn new(columns: Vec<Column>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds one row (one cell per column, in the columns' order).
    pub fn push_row(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// What makes the table unwritable: a key used by two columns, or a row whose cells do not
    /// match the columns.
    fn check(&self) -> Result<(), ExportError> {
        let mut keys = BTreeSet::new();
        for column in &self.columns {
            if !keys.insert(column.key) {
                return Err(ExportError::DuplicateKey { key: column.key });
            }
        }
        let columns = self.columns.len();
        match self
            .rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != columns)
        {
            Some((row, cells)) => Err(ExportError::RowWidth {
                row,
                cells: cells.len(),
                columns,
            }),
            None => Ok(()),
        }
    }
}

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The stable English machine key the JSON objects use (`repository`, `size_bytes`); the
    /// same whatever language is shown.
    pub key: &'static str,
    /// The title the screen shows over the column, in the user's language; the CSV header.
    pub title: String,
}

impl Column {
    /// The column keyed `key` in JSON and titled `title` in CSV.
    pub fn new(key: &'static str, title: impl Into<String>) -> Self {
        Self {
            key,
            title: title.into(),
        }
    }
}

/// One value of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text, written as it is (a CSV field quoted when it needs to be, a JSON string).
    Text(String),
    /// A whole number, written as a number (a JSON number, not a string).
    Integer(i64),
    /// No value (a pull time that never happened): an empty CSV field, JSON `null`.
    Missing,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<&String> for Cell {
    fn from(text: &String) -> Self {
        Self::Text(text.clone())
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Self {
        Self::Integer(number)
    }
}

impl From<i32> for Cell {
    fn from(number: i32) -> Self {
        Self::Integer(number.into())
    }
}

impl From<u32> for Cell {
    fn from(number: u32) -> Self {
        Self::Integer(number.into())
    }
}

impl From<u64> for Cell {
    /// A count or a size; past `i64::MAX` (never in practice) it is written as `i64::MAX`.
    fn from(number: u64) -> Self {
        Self::Integer(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    /// The value, or [`Cell::Missing`] for `None`.
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Missing, Into::into)
    }
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Comma-separated values with a header row of the column titles, for spreadsheets.
    Csv,
    /// An array of objects keyed by the column keys, for scripts.
    Json,
}

impl Format {
    /// Every format, in the order a menu offers them.
    pub const ALL: [Self; 2] = [Self::Csv, Self::Json];

    /// The file name extension, without the dot: "csv" or "json".
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    /// The format's name as people write it: "CSV" or "JSON".
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::Json => "JSON",
        }
    }
}

/// Why a table could not be written. Facts only; the UI words them.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The folder the file goes into does not exist.
    #[error("no folder {path}")]
    NoFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The path names a folder, not a file.
    #[error("{path} is a folder")]
    IsFolder {
        /// The path.
        path: PathBuf,
    },
    /// Creating, writing, syncing or renaming the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file being written (the failure may be its temporary file beside it).
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The CSV writer failed for a reason other than the disk.
    #[error("CSV: {0}")]
    Csv(csv::Error),
    /// The JSON writer failed for a reason other than the disk.
    #[error("JSON: {0}")]
    Json(serde_json::Error),
    /// Two columns share a key, so the JSON objects would be ambiguous (a bug in the screen).
    #[error("two columns are keyed {key:?}")]
    DuplicateKey {
        /// The key.
        key: &'static str,
    },
    /// A row does not have one cell per column (a bug in the screen).
    #[error("row {row} has {cells} cells for {columns} columns")]
    RowWidth {
        /// The row's index, from 0.
        row: usize,
        /// How many cells it has.
        cells: usize,
        /// How many columns the table has.
        columns: usize,
    },
}

impl ExportError {
    /// The operating system's error, when the disk is what failed.
    pub fn io_error(&self) -> Option<&io::Error> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why the rows of an export could not be gathered. Facts only; the UI words them.
#[derive(Debug, thiserror::Error)]
pub enum ExportSourceError {
    /// Reading the local registry index failed.
    #[error("index: {0}")]
    Index(#[from] IndexError),
    /// The registry's answer failed.
    #[error("registry: {0}")]
    Api(#[from] ApiError),
}

/// Writes `table` to `path` as `format`, replacing any file there, atomically: a temporary file
/// in the same folder is written, synced, then renamed over `path`. On failure an existing file
/// at `path` is left as it was and the temporary file is removed. Returns the number of rows.
pub fn write_table(path: &Path, table: &Table, format: Format) -> Result<u64, ExportError> {
    table.check()?;
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(ExportError::NoFolder {
            path: folder.to_path_buf(),
        });
    }
    if path.is_dir() {
        return Err(ExportError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    let io_error = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut temp = temp_file_in(folder).map_err(io_error)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        match format {
            Format::Csv => write_csv(&mut out, table),
            Format::Json => write_json(&mut out, table),
        }
        .map_err(|error| error.at(path))?;
        out.flush().map_err(io_error)?;
    }
    temp.as_file().sync_all().map_err(io_error)?;
    // On failure the temporary file comes back inside the error, and is removed when dropped.
    temp.persist(path).map_err(|error| io_error(error.error))?;
    sync_folder(folder);
    Ok(u64::try_from(table.rows.len()).unwrap_or(u64::MAX))
}

/// A hidden temporary file in `folder` (`.ccr-desk-export-XXXXXX.tmp`: short, so that a long
/// target name still fits the file system's limit), readable like any file the user saves (not
/// only by its owner, as temporary files are).
fn temp_file_in(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ccr-desk-export-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The umask still applies, as it does to any file the user creates.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Makes the rename itself durable where the OS allows it (best effort: the file is already
/// complete and in place).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder)
        && let Err(error) = dir.sync_all()
    {
        tracing::debug!(%error, folder = %folder.display(), "the folder could not be synced");
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// A writer's failure, before the file's path is known to it.
enum WriteFailure {
    Io(io::Error),
    Csv(csv::Error),
    Json(serde_json::Error),
}

impl WriteFailure {
    /// The error for the file at `path`; a failure of the disk becomes [`ExportError::Io`].
    fn at(self, path: &Path) -> ExportError {
        let io = |source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        };
        match self {
            Self::Io(source) => io(source),
            Self::Csv(error) if error.is_io_error() => match error.into_kind() {
                csv::ErrorKind::Io(source) => io(source),
                // Not reached: `is_io_error` said it was the disk.
                kind => io(io::Error::other(format!("{kind:?}"))),
            },
            Self::Csv(error) => ExportError::Csv(error),
            Self::Json(error) if error.is_io() => io(io::Error::from(error)),
            Self::Json(error) => ExportError::Json(error),
        }
    }
}

/// The byte order mark, the header row of titles, then one record per row (CRLF line ends, as
/// RFC 4180 and Excel expect; fields quoted when they hold a comma, a quote or a line break).
fn write_csv(out: &mut impl Write, table: &Table) -> Result<(), WriteFailure> {
    out.write_all(UTF8_BOM).map_err(WriteFailure::Io)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer
        .write_record(table.columns.iter().map(|column| column.title.as_str()))
        .map_err(WriteFailure::Csv)?;
    for row in &table.rows {
        for cell in row {
            match cell {
                Cell::Text(text) => writer.write_field(text),
                Cell::Integer(value) => writer.write_field(value.to_string()),
                Cell::Missing => writer.write_field(""),
            }
            .map_err(WriteFailure::Csv)?;
        }
        writer
            .write_record(None::<&[u8]>)
            .map_err(WriteFailure::Csv)?;
    }
    writer.flush().map_err(WriteFailure::Io)
}

/// A pretty-printed array of one object per row, keyed by the column keys in column order, and
/// a final line break.
fn write_json(out: &mut impl Write, table: &Table) -> Result<(), WriteFailure> {
    serde_json::to_writer_pretty(&mut *out, &JsonRows(table)).map_err(WriteFailure::Json)?;
    out.write_all(b"\n").map_err(WriteFailure::Io)
}

/// A table's rows as a JSON array.
struct JsonRows<'a>(&'a Table);

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut rows = serializer.serialize_seq(Some(self.0.rows.len()))?;
        for row in &self.0.rows {
            rows.serialize_element(&JsonRow {
                columns: &self.0.columns,
                cells: row,
            })?;
        }
        rows.end()
    }
}

/// One row as a JSON object.
struct JsonRow<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            match cell {
                Cell::Text(text) => object.serialize_entry(column.key, text)?,
                Cell::Integer(value) => object.serialize_entry(column.key, value)?,
                Cell::Missing => object.serialize_entry(column.key, &())?,
            }
        }
        object.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_convert_from_plain_values() {
        assert_eq!(Cell::from("a"), Cell::Text("a".to_owned()));
        assert_eq!(Cell::from(7_u64), Cell::Integer(7));
        assert_eq!(Cell::from(u64::MAX), Cell::Integer(i64::MAX));
        assert_eq!(Cell::from(None::<i64>), Cell::Missing);
        assert_eq!(Cell::from(Some("x")), Cell::Text("x".to_owned()));
    }

    #[test]
    fn a_malformed_table_is_refused_before_anything_is_written() {
        let mut table = Table::new(vec![Column::new("a", "A"), Column::new("b", "B")]);
        table.push_row(vec![Cell::Missing]);
        assert!(matches!(
            table.check(),
            Err(ExportError::RowWidth {
                row: 0,
                cells: 1,
                columns: 2
            })
        ));
        let twice = Table::new(vec![Column::new("a", "A"), Column::new("a", "B")]);
        assert!(matches!(
            twice.check(),
            Err(ExportError::DuplicateKey { key: "a" })
        ));
    }
}
