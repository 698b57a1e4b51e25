//! The two outputs of `citynets validate`: a human-readable listing of the problems with the
//! offending source line and a `^` under the offending column, and one JSON document shaped
//! like JSON Schema's "basic" output format.
//!
//! Both work on a [`Report`] alone, so they can be tested on hand-made reports.
//!
//! ```
//! use citynets::validate::{Code, Problem, Report};
//! use citynets_cli::output::{HumanOptions, SourceLines, write_human};
//!
//! let text = "{\"id\": \"x\", \"name\": \"X\", \"scope\": \"europe\"}\n";
//! let report = Report {
//!     problems: vec![
//!         Problem::error(Code::UnknownVariant, "\"europe\" is not a Scope value")
//!             .path(Some("a.ndjson".into()))
//!             .at(1, 35)
//!             .record(Some(1))
//!             .instance("/scope")
//!             .keyword("/properties/scope/enum")
//!             .suggest(Some("european".into())),
//!     ],
//!     errors: 1,
//!     warnings: 0,
//!     records: 1,
//! };
//! let lines = SourceLines::read(text.as_bytes(), &report).unwrap();
//! let mut out = Vec::new();
//! write_human(&mut out, "a.ndjson", &report, &lines, HumanOptions::default()).unwrap();
//! let out = String::from_utf8(out).unwrap();
//! assert!(out.starts_with("a.ndjson:1:35: error[unknown_variant]: \"europe\" is not a Scope value\n"));
//! assert!(out.contains("  = help: did you mean \"european\"?"));
//! ```

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};

use citynets::validate::{Problem, Report, Severity};
use serde::Serialize;

use crate::style::Style;

/// How many code points of a source line are kept around each problem's column.
const KEPT: u64 = 200;
/// How many code points of a source line are shown in an excerpt.
const SHOWN: u64 = 120;

/// One stretch of a source line kept for excerpts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// The 0-based code point index of the first character within its line.
    start: u64,
    /// The characters kept.
    text: Vec<char>,
    /// Whether the line goes on after the kept characters.
    more_after: bool,
}

impl Segment {
    fn end(&self) -> u64 {
        self.start + self.text.len() as u64
    }
}

/// The parts of a file's lines that a report's problems point at: for each problem with a
/// line, at most 200 code points around its column. Read once, after validation, with
/// memory bounded by the number of problems rather than the size of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLines {
    lines: BTreeMap<u64, Vec<Segment>>,
}

impl SourceLines {
    /// No source lines: problems are printed without excerpts.
    pub fn new() -> Self {
        SourceLines::default()
    }

    /// Reads from `input` the parts of the lines the problems of `report` point at. Lines
    /// are separated by `\n`; columns count Unicode code points; invalid UTF-8 is shown as
    /// U+FFFD. Stops reading after the last line needed.
    pub fn read<R: Read>(input: R, report: &Report) -> io::Result<SourceLines> {
        let wanted = wanted_intervals(report);
        let Some(&last) = wanted.keys().next_back() else {
            return Ok(SourceLines::default());
        };
        let mut collector = Collector::new(&wanted, last);
        let mut reader = BufReader::with_capacity(64 * 1024, input);
        loop {
            let chunk = match reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            let n = chunk.len();
            let more = collector.feed(chunk);
            reader.consume(n);
            if !more {
                break;
            }
        }
        Ok(collector.finish())
    }

    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The excerpt to show for a problem at `line` and `column` (1-based, code points).
    fn excerpt(&self, line: u64, column: Option<u64>) -> Option<Excerpt> {
        let segments = self.lines.get(&line)?;
        let idx = column.map_or(0, |c| c.saturating_sub(1));
        let segment = segments.iter().find(|s| s.start <= idx && idx <= s.end())?;
        Some(Excerpt::new(segment, column.map(|_| idx)))
    }
}

/// For each line that a problem points at, the merged code point intervals to keep.
fn wanted_intervals(report: &Report) -> BTreeMap<u64, Vec<(u64, u64)>> {
    let mut wanted: BTreeMap<u64, Vec<(u64, u64)>> = BTreeMap::new();
    for p in &report.problems {
        let Some(line) = p.line else { continue };
        let (lo, hi) = match p.column {
            Some(c) => {
                let idx = c.saturating_sub(1);
                let lo = idx.saturating_sub(KEPT / 2);
                (lo, lo.saturating_add(KEPT))
            }
            None => (0, KEPT),
        };
        wanted.entry(line).or_default().push((lo, hi));
    }
    for intervals in wanted.values_mut() {
        intervals.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(intervals.len());
        for &(lo, hi) in intervals.iter() {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        *intervals = merged;
    }
    wanted
}

/// Keeps the wanted bytes of the wanted lines while the input streams past.
struct Collector<'a> {
    wanted: &'a BTreeMap<u64, Vec<(u64, u64)>>,
    last: u64,
    /// The current 1-based line.
    line: u64,
    /// Code points seen so far on the current line.
    cp: u64,
    /// The intervals wanted on the current line, if any.
    current: Option<&'a [(u64, u64)]>,
    /// The first interval of the current line that is not behind us.
    k: usize,
    /// The bytes kept for each interval of the current line.
    bufs: Vec<Vec<u8>>,
    out: BTreeMap<u64, Vec<Segment>>,
}

impl<'a> Collector<'a> {
    fn new(wanted: &'a BTreeMap<u64, Vec<(u64, u64)>>, last: u64) -> Self {
        let mut c = Collector {
            wanted,
            last,
            line: 1,
            cp: 0,
            current: None,
            k: 0,
            bufs: Vec::new(),
            out: BTreeMap::new(),
        };
        c.start_line();
        c
    }

    fn start_line(&mut self) {
        self.cp = 0;
        self.k = 0;
        self.current = self.wanted.get(&self.line).map(Vec::as_slice);
        self.bufs = vec![Vec::new(); self.current.map_or(0, <[_]>::len)];
    }

    fn end_line(&mut self) {
        if let Some(intervals) = self.current {
            let segments = intervals
                .iter()
                .zip(std::mem::take(&mut self.bufs))
                .map(|(&(lo, _), bytes)| {
                    let text: Vec<char> = String::from_utf8_lossy(&bytes).chars().collect();
                    let end = lo + text.len() as u64;
                    Segment {
                        start: lo,
                        more_after: self.cp > end,
                        text,
                    }
                })
                .collect();
            self.out.insert(self.line, segments);
        }
    }

    /// Takes in the next bytes; returns whether more input is wanted.
    fn feed(&mut self, chunk: &[u8]) -> bool {
        let mut i = 0;
        while i < chunk.len() {
            let Some(intervals) = self.current else {
                // A line nobody asked for: skip to its end.
                match memchr::memchr(b'\n', chunk.get(i..).unwrap_or_default()) {
                    Some(p) => {
                        i += p + 1;
                        if !self.next_line() {
                            return false;
                        }
                    }
                    None => return true,
                }
                continue;
            };
            let b = chunk[i];
            i += 1;
            if b == b'\n' {
                self.end_line();
                if !self.next_line() {
                    return false;
                }
                continue;
            }
            // Count code points at their first byte; continuation bytes go with their lead.
            let idx = if b & 0xC0 == 0x80 {
                self.cp.saturating_sub(1)
            } else {
                self.cp += 1;
                self.cp - 1
            };
            while self.k < intervals.len() && idx >= intervals[self.k].1 {
                self.k += 1;
            }
            if let (Some(&(lo, _)), Some(buf)) = (intervals.get(self.k), self.bufs.get_mut(self.k))
                && idx >= lo
            {
                buf.push(b);
            }
        }
        true
    }

    /// Moves to the next line; returns whether any wanted line is left.
    fn next_line(&mut self) -> bool {
        self.line += 1;
        self.start_line();
        self.line <= self.last
    }

    fn finish(mut self) -> SourceLines {
        // The last line may end without a newline.
        if self.line <= self.last {
            self.end_line();
        }
        SourceLines { lines: self.out }
    }
}

/// A source line cut for display, with the place of the marker.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Excerpt {
    /// The text to show.
    text: String,
    /// How many terminal columns precede the marker, if there is a column.
    marker: Option<usize>,
}

impl Excerpt {
    /// Cuts at most [`SHOWN`] code points of a segment around `idx` (0-based code point index
    /// within the line), with `…` where the line goes on.
    fn new(segment: &Segment, idx: Option<u64>) -> Excerpt {
        let seg_end = segment.end();
        let centre = idx.unwrap_or(segment.start);
        let mut lo = centre
            .saturating_sub(SHOWN / 2)
            .max(segment.start)
            .min(seg_end);
        let hi = (lo + SHOWN).min(seg_end);
        if hi - lo < SHOWN {
            lo = hi.saturating_sub(SHOWN).max(segment.start);
        }
        let cut_before = lo > 0;
        let cut_after = hi < seg_end || segment.more_after;

        let chars = segment
            .text
            .get(to_usize(lo - segment.start)..to_usize(hi - segment.start))
            .unwrap_or_default();
        let mut text = String::new();
        let mut width = 0usize;
        if cut_before {
            text.push('…');
            width += 1;
        }
        let mut marker = None;
        for (offset, &c) in (lo..).zip(chars) {
            if Some(offset) == idx {
                marker = Some(width);
            }
            let shown = if c.is_control() { ' ' } else { c };
            text.push(shown);
            width += display_width(shown);
        }
        if let Some(idx) = idx
            && marker.is_none()
        {
            // At or past the end of the line (a missing closing bracket, say).
            marker = Some(width + to_usize(idx.saturating_sub(hi)));
        }
        if cut_after {
            text.push('…');
        }
        Excerpt {
            text: text.trim_end().to_owned(),
            marker,
        }
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// How many terminal columns a character takes: 0 for combining marks and zero-width
/// characters, 2 for East Asian wide characters and emoji, 1 otherwise. An approximation
/// of Unicode's East Asian Width that is enough to place a marker.
fn display_width(c: char) -> usize {
    match u32::from(c) {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Options of the human output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HumanOptions {
    /// Warnings make a file invalid (`--strict`); only the summary line changes.
    pub strict: bool,
    /// Use ANSI colour (`--color`; by default only on a terminal without `NO_COLOR`).
    pub colour: bool,
    /// Write only the summary line, not the problems (`-q`).
    pub quiet: bool,
}

/// Writes the problems of one file for a person, then a summary line.
///
/// Each problem is `NAME:LINE:COLUMN: SEVERITY[CODE]: MESSAGE` (`NAME:CELL:`, as
/// `book.xlsx:Sheet1!C7:`, for a problem in a workbook's cell); when `lines` holds the line,
/// the line follows (cut to about 120 characters around the column) with a `^` under the
/// column; then `  = help: did you mean "X"?` when there is a suggestion. The summary is
/// `NAME: valid (N records)` or `NAME: N errors, M warnings`.
pub fn write_human(
    out: &mut dyn Write,
    name: &str,
    report: &Report,
    lines: &SourceLines,
    options: HumanOptions,
) -> io::Result<()> {
    let style = Style::new(options.colour);
    if options.quiet {
        return write_summary(out, name, report, options.strict, style);
    }
    let shown = citynets::validate::digest::fold(&report.problems);
    for s in &shown {
        if let Some(problem) = report.problems.get(s.index) {
            write_problem(out, name, problem, lines, style, s)?;
        }
    }
    if shown.len() < report.problems.len() {
        write_tally(out, report, style)?;
    }
    write_summary(out, name, report, options.strict, style)
}

/// The problems by code and by column, when some were folded.
fn write_tally(out: &mut dyn Write, report: &Report, style: Style) -> io::Result<()> {
    let citynets::validate::digest::Tally { codes, columns } =
        citynets::validate::digest::tally(&report.problems);
    let list = |items: Vec<String>| items.join(", ");
    let codes = list(codes.iter().map(|(c, n)| format!("{c} {n}")).collect());
    writeln!(out, "{} {codes}", style.help("by code:"))?;
    if !columns.is_empty() {
        let columns = list(columns.iter().map(|(c, n)| format!("{c:?} {n}")).collect());
        writeln!(out, "{} {columns}", style.help("by column:"))?;
    }
    writeln!(out)
}

fn write_problem(
    out: &mut dyn Write,
    name: &str,
    p: &Problem,
    lines: &SourceLines,
    style: Style,
    shown: &citynets::validate::digest::Shown,
) -> io::Result<()> {
    let location = match (&p.cell, p.line, p.column) {
        (Some(cell), _, _) => format!("{name}:{cell}:"),
        (None, Some(l), Some(c)) => format!("{name}:{l}:{c}:"),
        (None, Some(l), None) => format!("{name}:{l}:"),
        _ => format!("{name}:"),
    };
    let (severity, paint): (&str, fn(Style, &str) -> String) = match p.severity {
        Severity::Error => ("error", |s, t| s.error(t).to_string()),
        Severity::Warning => ("warning", |s, t| s.warning(t).to_string()),
    };
    writeln!(
        out,
        "{} {}: {}",
        style.bold(&location),
        paint(style, &format!("{severity}[{}]", p.code)),
        p.error
    )?;

    if let Some(line) = p.line
        && let Some(excerpt) = lines.excerpt(line, p.column)
    {
        let number = line.to_string();
        let blank = " ".repeat(number.len());
        if excerpt.text.is_empty() {
            writeln!(out, " {}", style.gutter(&format!("{number} |")))?;
        } else {
            writeln!(
                out,
                " {} {}",
                style.gutter(&format!("{number} |")),
                excerpt.text
            )?;
        }
        if let Some(marker) = excerpt.marker {
            writeln!(
                out,
                " {} {}{}",
                style.gutter(&format!("{blank} |")),
                " ".repeat(marker),
                paint(style, "^")
            )?;
        }
    } else if p.line.is_none() {
        let at = match (p.record, p.instance_location.is_empty()) {
            (Some(r), false) => Some(format!("{} (record {r})", p.instance_location)),
            (Some(r), true) => Some(format!("record {r}")),
            (None, false) => Some(p.instance_location.clone()),
            (None, true) => None,
        };
        if let Some(at) = at {
            writeln!(out, "  {} {at}", style.help("= at:"))?;
        }
    }
    if let Some(column) = &p.column_name {
        // A workbook's cell names its row already; its records are not its rows.
        let row = p
            .record
            .filter(|_| p.cell.is_none())
            .map(|r| format!(", row {r}"))
            .unwrap_or_default();
        writeln!(out, "  {} column \"{column}\"{row}", style.help("= in:"))?;
    }
    match p.suggestion.as_deref() {
        Some("") => writeln!(
            out,
            "  {} {}",
            style.help("= help:"),
            citynets::validate::messages::LEAVE_OUT
        )?,
        Some(suggestion) => writeln!(
            out,
            "  {} did you mean \"{suggestion}\"?",
            style.help("= help:")
        )?,
        None => {}
    }
    if shown.more > 0 {
        let mut records: Vec<String> = shown.records.iter().map(u64::to_string).collect();
        if shown.more > records.len() as u64 {
            records.push("…".to_owned());
        }
        let what = if p.column_name.is_some() && p.cell.is_none() {
            "row"
        } else {
            "record"
        };
        let more = shown.more;
        let plural = if more == 1 { "" } else { "s" };
        writeln!(
            out,
            "  {} {more} more {what}{plural}: {}",
            style.help("= also in"),
            records.join(", ")
        )?;
    }
    writeln!(out)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn write_summary(
    out: &mut dyn Write,
    name: &str,
    report: &Report,
    strict: bool,
    style: Style,
) -> io::Result<()> {
    let errors = plural(report.errors, "error", "errors");
    let warnings = plural(report.warnings, "warning", "warnings");
    let records = plural(report.records, "record", "records");
    let head = style.bold(&format!("{name}:")).to_string();
    let mut line = if report.errors > 0 {
        if report.warnings > 0 {
            format!(
                "{head} {}, {}",
                style.error(&errors),
                style.warning(&warnings)
            )
        } else {
            format!("{head} {}", style.error(&errors))
        }
    } else if report.warnings > 0 {
        if strict {
            format!(
                "{head} {} (invalid with --strict)",
                style.warning(&warnings)
            )
        } else {
            format!(
                "{head} {} ({records}), {}",
                style.good("valid"),
                style.warning(&warnings)
            )
        }
    } else {
        format!("{head} {} ({records})", style.good("valid"))
    };
    let found = report.errors.saturating_add(report.warnings);
    let kept = report.problems.len() as u64;
    if found > kept {
        line.push_str(&format!("; the first {kept} are shown"));
    }
    writeln!(out, "{line}")
}

/// The JSON output of `citynets validate --output json`, shaped like JSON Schema's "basic"
/// output format: a verdict, then per file its problems (errors and warnings, told apart by
/// `severity`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonOutput {
    /// Whether every file is valid and could be read.
    pub valid: bool,
    /// One entry per file that could be read, in the order given.
    pub files: Vec<FileOutput>,
    /// The files that could not be read.
    pub io_errors: Vec<IoFailure>,
}

/// The result for one file in [`JsonOutput`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileOutput {
    /// The file as named on the command line (`-` for standard input).
    pub path: String,
    /// Whether the file is valid (with `--strict`, warnings make it invalid).
    pub valid: bool,
    /// How many errors were found in all, including those not kept.
    pub error_count: u64,
    /// How many warnings were found in all, including those not kept.
    pub warning_count: u64,
    /// How many records were read.
    pub record_count: u64,
    /// The problems kept, errors and warnings alike, each with its `severity`.
    pub errors: Vec<Problem>,
}

/// A file that could not be read, in [`JsonOutput`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IoFailure {
    /// The file as named on the command line.
    pub path: String,
    /// Why it could not be read.
    pub error: String,
}

impl FileOutput {
    /// The entry for one validated file.
    pub fn new(path: impl Into<String>, report: Report, strict: bool) -> FileOutput {
        FileOutput {
            path: path.into(),
            valid: report.is_valid(strict),
            error_count: report.errors,
            warning_count: report.warnings,
            record_count: report.records,
            errors: report.problems,
        }
    }
}

impl JsonOutput {
    /// The whole document; `valid` is true when every file is valid and none failed to read.
    pub fn new(files: Vec<FileOutput>, io_errors: Vec<IoFailure>) -> JsonOutput {
        JsonOutput {
            valid: io_errors.is_empty() && files.iter().all(|f| f.valid),
            files,
            io_errors,
        }
    }

    /// The document as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        // Plain structs with string keys: serializing cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
