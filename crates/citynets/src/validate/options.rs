//! What a caller asks of the validator ([`Options`]) and the limits readers share
//! ([`MAX_DEPTH`], [`MAX_FILE_BYTES`]). They sit at the bottom of the validator, below every reader, so that any
//! stage can take them without reaching up to the module that dispatches between readers.

use std::sync::Arc;

use super::catalogues::Catalogues;
use super::format::Format;
use crate::DocumentKind;

/// The deepest nesting the validator reads. The model itself never nests deeper than 8 levels;
/// deeper input is reported as `too_deep` before any further reading.
pub const MAX_DEPTH: usize = 64;

/// The largest input read whole into memory: a catalogue file (`--catalogue FILE`), an
/// `.xls` or `.ods` workbook (which calamine reads whole), and a workbook of any kind that
/// arrives as a stream (standard input), since a workbook is read with seeks. Far more than
/// any real list of networks (the embedded catalogue of 38 networks is about 300 KB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads an input whole, up to [`MAX_FILE_BYTES`]: `None` when it is larger (each caller says
/// why it reads whole, in its own message). Reads at most one byte past the limit.
pub(crate) fn read_whole<R: std::io::Read>(input: R) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    input.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// What to validate and how to report it.
#[derive(Debug, Clone)]
pub struct Options {
    /// The record type: for a JSON array or NDJSON, the type of each record (default
    /// `network`); for a top-level JSON object, `None` means a catalogue document.
    pub document: Option<DocumentKind>,
    /// The layout, or `None` to detect it from `path` and the first bytes.
    pub format: Option<Format>,
    /// The file name to put in each problem's `path` (and to detect the format from).
    pub path: Option<String>,
    /// How many problems to keep; the counts in the report include the rest.
    pub max_problems: usize,
    /// Stop at this many errors (`--max-errors N`): the report keeps the problems up to the
    /// Nth error and says that it stopped (a `too_many_problems` warning). Tables, workbooks
    /// and NDJSON also stop reading soon after it, so their counts cover only the part read
    /// (on several threads, up to a chunk per thread past the Nth error); a JSON document is
    /// read to its end. `None`: no limit.
    pub max_errors: Option<u64>,
    /// Threads for NDJSON, CSV and lists of records: 0 uses every core (up to 4) for inputs
    /// of 60 KiB or more and the calling thread for shorter ones ([`thread_count`](super::thread_count)); 1
    /// validates on the calling thread. Results are the same either way.
    pub threads: usize,
    /// Whether records the typed model accepts may skip the schema walk (the default). The
    /// report is the same either way; turning it off is for testing that claim.
    pub fast_path: bool,
    /// The sheet of a workbook to read, by name; `None` reads the first sheet. Other formats
    /// do not use it.
    pub sheet: Option<String>,
    /// The networks that membership records may refer to: the embedded catalogue, plus
    /// those added (`--catalogue FILE`). A membership whose `organization_id` none of them
    /// knows gets an `unknown_network` warning.
    pub catalogues: Arc<Catalogues>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            document: None,
            format: None,
            path: None,
            max_problems: 10_000,
            max_errors: None,
            threads: 0,
            fast_path: true,
            sheet: None,
            catalogues: Arc::default(),
        }
    }
}
