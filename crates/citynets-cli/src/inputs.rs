//! What every command reads its input with: files opened the one way, the catalogues of
//! `--catalogue`, the name of standard input, and the number of problems a report keeps.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// How many problems a report keeps per file.
pub(crate) const MAX_PROBLEMS: usize = 10_000;

/// The name of standard input in every output, human and JSON.
pub(crate) const STDIN: &str = "<stdin>";

/// Opens a file to read, refusing a directory.
pub(crate) fn open(path: &Path) -> Result<File, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot open: {e}"))?;
    if metadata.is_dir() {
        return Err("is a directory, not a file".to_owned());
    }
    File::open(path).map_err(|e| format!("cannot open: {e}"))
}

/// The catalogues given with `--catalogue`, read, besides the embedded one.
pub(crate) fn read_catalogues(
    files: &[std::path::PathBuf],
) -> Result<std::sync::Arc<citynets::validate::Catalogues>, String> {
    let mut catalogues = citynets::validate::Catalogues::default();
    for file in files {
        let name = file.to_string_lossy();
        open(file)
            .map_err(|e| format!("{name}: {e}"))
            .and_then(|f| catalogues.read(BufReader::new(f), &name))?;
    }
    Ok(std::sync::Arc::new(catalogues))
}
