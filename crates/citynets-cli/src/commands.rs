//! The subcommands.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

use citynets::validate::csv::{CsvOptions, CsvWriter, Decoded};
use citynets::validate::wide::convert_wide;
use citynets::validate::{Format, Options, Report};
use citynets::{DocumentKind, Error, Filter, Network, Vocabulary};

use crate::Ctx;
use crate::cli::{
    CityArgs, Command, ConvertArgs, ConvertFrom, ConvertTo, ExportArgs, ExportFormat, InputFormat,
    ListArgs, ListFormat, OutputFormat, SchemaArgs, ShowArgs, ValidateArgs, ValidateDocument,
};
use crate::inputs::{MAX_PROBLEMS, STDIN, open, read_catalogues};
use crate::output::{FileOutput, HumanOptions, IoFailure, JsonOutput, SourceLines, write_human};

/// Runs one subcommand. An `Err` is a failure to write the output; everything else is
/// reported on stderr and in the exit status.
pub(crate) fn run(command: Command, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    match command {
        Command::Validate(args) => validate(&args, ctx),
        Command::Fix(args) => crate::fix::fix(&args, ctx),
        Command::Schema(args) => schema(&args, ctx),
        Command::Export(args) => export(&args, ctx),
        Command::List(args) => list(&args, ctx),
        Command::Show(args) => show(&args, ctx),
        Command::City(args) => city(&args, ctx),
        Command::Convert(args) => convert(&args, ctx),
        Command::Completions(args) => {
            let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "citynets", &mut ctx.out);
            Ok(0)
        }
        Command::Man => {
            let command = <crate::cli::Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut ctx.out)?;
            Ok(0)
        }
    }
}

/// The format `validate` reads a file in (`None`: the core detects it from the first bytes),
/// or why the arguments do not fit. The names and the guess from the file's extension are
/// the core's.
fn input_format(args: &ValidateArgs, name: &str) -> Result<Option<Format>, String> {
    let wide = args.document == Some(ValidateDocument::MembershipWide);
    if wide && matches!(args.format, InputFormat::Json | InputFormat::Ndjson) {
        return Err("--document membership-wide reads a CSV table, not JSON".to_owned());
    }
    let named = args.format.to_core().or_else(|| Format::from_path(name));
    if wide && named == Some(Format::Workbook) {
        return Err(format!(
            "{name}: --document membership-wide reads a CSV table; save the sheet as CSV"
        ));
    }
    let format = if wide {
        Some(Format::MembershipWide)
    } else {
        named
    };
    let table = matches!(format, Some(Format::Csv | Format::Workbook));
    if table && args.document == Some(ValidateDocument::Catalogue) {
        return Err(format!(
            "{name}: a table holds network or membership records, one per row, not a catalogue document"
        ));
    }
    let text = matches!(args.format, InputFormat::Json | InputFormat::Ndjson);
    if args.delimiter.is_some() && (text || format == Some(Format::Workbook)) {
        return Err("--delimiter applies to CSV input only".to_owned());
    }
    if args.sheet.is_some() && format != Some(Format::Workbook) {
        return Err(format!(
            "{name}: --sheet applies to workbooks only (.xlsx, .xlsm, .xls, .ods, or --format workbook)"
        ));
    }
    Ok(format)
}

/// Validates one input in its format (in `options`), tables included: the core dispatches.
fn check_input<R: Read>(input: R, options: &Options, csv: &CsvOptions) -> io::Result<Report> {
    citynets::validate::validate_input(input, options, csv)
}

/// The lines of an input to show with its problems: the decoded text for a table, none for a
/// workbook (its problems name their cells).
fn lines_of<R: Read>(format: Option<Format>, input: R, report: &Report) -> io::Result<SourceLines> {
    if format == Some(Format::Workbook) {
        Ok(SourceLines::new())
    } else if format.is_some_and(Format::is_table) {
        SourceLines::read(Decoded::new(input), report)
    } else {
        SourceLines::read(input, report)
    }
}

fn validate(args: &ValidateArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        ctx.error(format_args!("standard input (-) can be given only once"));
        return Ok(2);
    }
    let mut formats = Vec::with_capacity(args.files.len());
    for file in &args.files {
        match input_format(args, &file.to_string_lossy()) {
            Ok(f) => formats.push(f),
            Err(message) => {
                ctx.error(format_args!("{message}"));
                return Ok(2);
            }
        }
    }
    let catalogues = match read_catalogues(&args.catalogues) {
        Ok(c) => c,
        Err(message) => {
            ctx.error(format_args!("--catalogue {message}"));
            return Ok(2);
        }
    };
    let human = args.output == OutputFormat::Human;
    let started = std::time::Instant::now();
    let mut records_read = 0u64;
    let csv = CsvOptions {
        delimiter: args.delimiter,
    };
    let mut status = 0;
    let mut files = Vec::new();
    let mut io_errors = Vec::new();
    for (file, format) in args.files.iter().zip(formats) {
        let name = file.to_string_lossy().into_owned();
        let document = match args.document {
            Some(ValidateDocument::Catalogue) => Some(DocumentKind::Catalogue),
            Some(ValidateDocument::Network) => Some(DocumentKind::Network),
            Some(ValidateDocument::Membership | ValidateDocument::MembershipWide) => {
                Some(DocumentKind::Membership)
            }
            None => None,
        };
        // Standard input has one name in every output: `<stdin>`.
        let shown = if name == "-" { STDIN } else { name.as_str() }.to_owned();
        let options = Options {
            document,
            format,
            path: Some(shown.clone()),
            max_problems: MAX_PROBLEMS,
            max_errors: args.max_errors,
            threads: args.threads,
            catalogues: catalogues.clone(),
            sheet: args.sheet.clone(),
            ..Options::default()
        };
        let checked = if name == "-" {
            check_stdin(ctx.stdin, &options, &csv, human)
        } else {
            check_file(file, &options, &csv, human, ctx.terminal.stderr)
        };
        match checked {
            Ok((report, lines)) => {
                records_read += report.records;
                let valid = report.is_valid(args.strict);
                status = status.max(if valid { 0 } else { 1 });
                if human {
                    let options = HumanOptions {
                        strict: args.strict,
                        colour: ctx.colour_out,
                        quiet: args.quiet,
                    };
                    write_human(&mut ctx.out, &shown, &report, &lines, options)?;
                    // One file at a time, so that a long run shows its progress.
                    ctx.out.flush()?;
                } else {
                    files.push(FileOutput::new(shown, report, args.strict));
                }
            }
            Err(error) => {
                status = 2;
                ctx.error(format_args!("{shown}: {error}"));
                if !human {
                    io_errors.push(IoFailure { path: shown, error });
                }
            }
        }
    }
    if !human {
        ctx.out
            .write_all(JsonOutput::new(files, io_errors).to_json().as_bytes())?;
    }
    if args.stats {
        let seconds = started.elapsed().as_secs_f64();
        let peak =
            peak_memory_kib().map_or_else(|| "unknown".to_owned(), |k| format!("{} MiB", k / 1024));
        let _ = ctx.out.flush();
        let _ = writeln!(
            ctx.err,
            "stats: {records_read} records in {seconds:.3} s ({:.0} records/s); peak memory {peak}",
            records_read as f64 / seconds.max(1e-9)
        );
    }
    Ok(status)
}

/// The process's peak resident memory so far, in KiB (`VmHWM` on Linux; `None` elsewhere).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a report has a problem whose line can be shown.
fn has_lines(report: &Report) -> bool {
    report.problems.iter().any(|p| p.line.is_some())
}

/// Validates standard input, read whole into memory so that its lines can be shown.
fn check_stdin(
    stdin: &mut dyn Read,
    options: &Options,
    csv: &CsvOptions,
    want_lines: bool,
) -> Result<(Report, SourceLines), String> {
    // Validated as a stream; the first megabytes are kept to show the lines of problems, so
    // memory stays bounded however much is piped in.
    let mut tee = Tee {
        inner: stdin,
        kept: Vec::new(),
        // A workbook's problems name their cells: no lines are shown.
        overflow: !want_lines || options.format == Some(Format::Workbook),
        error: None,
    };
    let report = check_input(&mut tee, options, csv);
    if let Some(e) = tee.error.take() {
        return Err(format!("cannot read standard input: {e}"));
    }
    let report = report.map_err(|e| refused("cannot read standard input", &e))?;
    let lines = if want_lines && !tee.overflow && has_lines(&report) {
        lines_of(options.format, tee.kept.as_slice(), &report).unwrap_or_default()
    } else {
        SourceLines::new()
    };
    Ok((report, lines))
}

/// How much of standard input is kept to show the lines of problems.
const STDIN_KEPT: usize = 8 << 20;

/// Passes standard input through, keeping its first [`STDIN_KEPT`] bytes.
struct Tee<'a> {
    inner: &'a mut dyn Read,
    kept: Vec<u8>,
    overflow: bool,
    error: Option<io::Error>,
}

impl Read for Tee<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) => {
                let kind = e.kind();
                let message = e.to_string();
                self.error = Some(e);
                return Err(io::Error::new(kind, message));
            }
        };
        if !self.overflow {
            if self.kept.len() + n <= STDIN_KEPT {
                self.kept.extend_from_slice(&buf[..n]);
            } else {
                self.overflow = true;
                self.kept = Vec::new();
            }
        }
        Ok(n)
    }
}

/// Files above this size show a progress bar on a terminal.
const PROGRESS_FROM: u64 = 50_000_000;

/// Counts the bytes read into a progress bar.
struct Progress<R> {
    inner: R,
    bar: indicatif::ProgressBar,
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

/// Validates a file as a stream, then reads it once more for the lines to show.
fn check_file(
    path: &Path,
    options: &Options,
    csv: &CsvOptions,
    want_lines: bool,
    stderr_is_terminal: bool,
) -> Result<(Report, SourceLines), String> {
    let file = open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let report = if options.format == Some(Format::Workbook) {
        // Read with seeks, from the file itself: not through the progress bar.
        citynets::validate::workbook::validate_workbook(BufReader::new(file), options)
    } else if stderr_is_terminal && size > PROGRESS_FROM {
        let bar = indicatif::ProgressBar::new(size);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        ) {
            bar.set_style(style);
        }
        bar.set_message(path.display().to_string());
        let reader = Progress {
            inner: BufReader::new(file),
            bar: bar.clone(),
        };
        let report = check_input(reader, options, csv);
        bar.finish_and_clear();
        report
    } else {
        check_input(BufReader::new(file), options, csv)
    }
    .map_err(|e| refused("cannot read", &e))?;
    let lines = if want_lines && has_lines(&report) {
        // Without the lines the problems are still reported, only without excerpts.
        File::open(path)
            .and_then(|f| lines_of(options.format, BufReader::new(f), &report))
            .unwrap_or_default()
    } else {
        SourceLines::new()
    };
    Ok((report, lines))
}

/// What is said of an input that could not be validated: `failed` and the error, or the
/// error alone when the input was refused rather than unreadable (a workbook's sheet that is
/// not there, a workbook too large to read whole).
fn refused(failed: &str, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::InvalidInput | io::ErrorKind::FileTooLarge => e.to_string(),
        _ => format!("{failed}: {e}"),
    }
}

fn convert(args: &ConvertArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    if args.from == ConvertFrom::List {
        return convert_list(args, ctx);
    }
    let name = args.file.to_string_lossy().into_owned();
    let shown = if name == "-" { STDIN } else { name.as_str() }.to_owned();
    // Standard input is kept, to show the lines of its problems.
    let mut kept = Vec::new();
    let input: Box<dyn Read> = if name == "-" {
        if let Err(e) = ctx.stdin.read_to_end(&mut kept) {
            ctx.error(format_args!("cannot read standard input: {e}"));
            return Ok(2);
        }
        Box::new(kept.as_slice())
    } else {
        match open(&args.file) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                ctx.error(format_args!("{name}: {e}"));
                return Ok(2);
            }
        }
    };
    let options = Options {
        path: Some(name.clone()),
        max_problems: MAX_PROBLEMS,
        ..Options::default()
    };
    let csv = CsvOptions {
        delimiter: args.delimiter,
    };
    // A failure to write is told apart from a failure to read the input.
    let mut write_error: Option<io::Error> = None;
    let mut written = 0u64;
    let result = match args.to {
        ConvertTo::Ndjson => {
            let out = &mut ctx.out;
            convert_wide(input, &options, &csv, |m| {
                let mut line = serde_json::to_vec(m).map_err(io::Error::other)?;
                line.push(b'\n');
                out.write_all(&line).inspect_err(|e| {
                    write_error = Some(io::Error::new(e.kind(), e.to_string()));
                })?;
                written += 1;
                Ok(())
            })
        }
        ConvertTo::Csv => {
            let mut table = CsvWriter::new(&mut ctx.out, DocumentKind::Membership, b',')?;
            let result = convert_wide(input, &options, &csv, |m| {
                table.write_value(m).inspect_err(|e| {
                    write_error = Some(io::Error::new(e.kind(), e.to_string()));
                })?;
                written += 1;
                Ok(())
            });
            match table.flush() {
                Err(e) if result.is_ok() => Err(e),
                _ => result,
            }
        }
    };
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            if let Some(w) = write_error {
                return Err(w);
            }
            if matches!(e.kind(), io::ErrorKind::BrokenPipe) {
                return Err(e);
            }
            ctx.error(format_args!("{name}: cannot read: {e}"));
            return Ok(2);
        }
    };
    ctx.out.flush()?;
    if report.problems.is_empty() && report.errors == 0 && report.warnings == 0 {
        return Ok(0);
    }
    let lines = if has_lines(&report) {
        if name == "-" {
            lines_of(Some(Format::MembershipWide), kept.as_slice(), &report).unwrap_or_default()
        } else {
            File::open(&args.file)
                .and_then(|f| lines_of(Some(Format::MembershipWide), BufReader::new(f), &report))
                .unwrap_or_default()
        }
    } else {
        SourceLines::new()
    };
    let human = HumanOptions {
        strict: false,
        colour: ctx.colour_err,
        quiet: false,
    };
    // Problems go to stderr: stdout holds the records. A failure to write there is ignored,
    // as for every message on stderr.
    let _ = write_human(ctx.err, &shown, &report, &lines, human);
    if report.errors > 0 {
        ctx.note(format_args!(
            "{written} of {} membership records written; the records with errors were left out",
            report.records
        ));
        return Ok(1);
    }
    Ok(0)
}

fn schema(args: &SchemaArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    let text = citynets::schema::schema_json(args.document.to_core());
    ctx.out.write_all(text.as_bytes())?;
    Ok(0)
}

/// `convert --from list`: a city's list of networks as a catalogue document on standard
/// output; the names and cells left for a person on standard error (status 1 when any).
fn convert_list(args: &ConvertArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    let (Some(city), Some(country), Some(source)) = (&args.city, &args.country, &args.source)
    else {
        ctx.error(format_args!(
            "--from list needs --city, --country and --source"
        ));
        return Ok(2);
    };
    let catalogues = match read_catalogues(&args.catalogues) {
        Ok(c) => c,
        Err(message) => {
            ctx.error(format_args!("{message}"));
            return Ok(2);
        }
    };
    let name = args.file.to_string_lossy().into_owned();
    let input: Box<dyn Read> = if name == "-" {
        Box::new(&mut *ctx.stdin)
    } else {
        match open(&args.file) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                ctx.error(format_args!("{name}: {e}"));
                return Ok(2);
            }
        }
    };
    let list = citynets::city_list::CityList {
        city: city.clone(),
        country: country.clone(),
        source: source.clone(),
        delimiter: args.delimiter,
    };
    let made = match citynets::city_list::catalogue_from_list(input, &list, &catalogues) {
        Ok(made) => made,
        Err(e) => {
            ctx.error(format_args!("{name}: {e}"));
            return Ok(2);
        }
    };
    writeln!(ctx.out, "{}", made.catalogue.to_json_pretty())?;
    for l in &made.left {
        let mut line = format!("row {}: {:?}: {}", l.row, l.text, l.reason);
        if !l.candidates.is_empty() {
            let shown: Vec<String> = l
                .candidates
                .iter()
                .take(3)
                .map(|(id, n, score)| format!("{id} ({n}, {score:.2})"))
                .collect();
            line.push_str(&format!("; candidates: {}", shown.join(", ")));
        }
        ctx.note(format_args!("{line}"));
    }
    ctx.note(format_args!(
        "{name}: {} of {} rows became networks; {} left for a person",
        made.catalogue.networks.len(),
        made.rows,
        made.left.len()
    ));
    Ok(i32::from(!made.left.is_empty()))
}

fn export(args: &ExportArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    if args.format != ExportFormat::Csv && (args.bom || args.delimiter != b',') {
        ctx.error(format_args!(
            "--delimiter and --bom apply to --format csv only"
        ));
        return Ok(2);
    }
    let networks: Vec<&Network> = if args.registry {
        citynets::registry().iter().collect()
    } else {
        citynets::ghent().iter().collect()
    };
    match args.format {
        ExportFormat::Json if args.registry => {
            let text = serde_json::to_string_pretty(&networks).map_err(io::Error::other)?;
            writeln!(ctx.out, "{text}")?;
        }
        ExportFormat::Json => writeln!(ctx.out, "{}", citynets::ghent().to_json_pretty())?,
        ExportFormat::Ndjson => {
            for network in networks {
                let line = serde_json::to_string(network).map_err(io::Error::other)?;
                writeln!(ctx.out, "{line}")?;
            }
        }
        ExportFormat::Csv => {
            if args.bom {
                ctx.out.write_all("\u{FEFF}".as_bytes())?;
            }
            let mut table = CsvWriter::new(&mut ctx.out, DocumentKind::Network, args.delimiter)?;
            for network in networks {
                table.write(network)?;
            }
            table.flush()?;
        }
    }
    Ok(0)
}

fn list(args: &ListArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    let filter = Filter {
        policy_area: args.policy_area,
        orientation: args.orientation,
        scope: args.scope,
        kind: args.kind,
        focus: args.focus,
    };
    let networks: Vec<&Network> = if args.registry {
        citynets::registry().filter(&filter).collect()
    } else {
        citynets::ghent().filter(&filter).collect()
    };
    match args.format {
        ListFormat::Json => {
            let text = serde_json::to_string_pretty(&networks).map_err(io::Error::other)?;
            writeln!(ctx.out, "{text}")?;
        }
        ListFormat::Table => {
            write_table(&mut ctx.out, &networks)?;
            if networks.is_empty() {
                ctx.note(format_args!("no network matches these filters"));
            }
        }
    }
    Ok(0)
}

fn or_dash<T: Vocabulary>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.as_str().to_owned())
}

fn write_table(out: &mut dyn Write, networks: &[&Network]) -> io::Result<()> {
    let mut rows: Vec<[String; 6]> = vec![[
        "ID".into(),
        "ACRONYM".into(),
        "NAME".into(),
        "SCOPE".into(),
        "KIND".into(),
        "POLICY AREAS".into(),
    ]];
    for n in networks {
        let areas = n.policy_areas.as_ref().map_or_else(
            || "-".to_owned(),
            |a| a.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
        );
        rows.push([
            n.id.to_string(),
            n.acronym
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string),
            n.name.to_string(),
            or_dash(n.scope),
            or_dash(n.kind),
            areas,
        ]);
    }
    let mut widths = [0usize; 6];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &rows {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = width - cell.chars().count() + 2;
                line.push_str(&" ".repeat(pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn show(args: &ShowArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    let ghent = citynets::ghent();
    let registry = citynets::registry();
    // One lookup over every embedded network (the registry holds Ghent's too); a network of
    // Ghent's list is shown from the catalogue, with the City's memberships.
    match registry.lookup(&args.query) {
        Ok(found) => {
            let network = ghent.by_id(&found.id).unwrap_or(found);
            write_network(&mut ctx.out, network)?;
            if ghent.by_id(&network.id).is_none() {
                ctx.note(format_args!(
                    "from the registry: the City of Ghent's list does not have this network"
                ));
            }
            Ok(0)
        }
        Err(e @ Error::NotFound { .. }) => {
            ctx.error(format_args!("{e}"));
            let related: Vec<&str> = registry
                .search(&args.query)
                .iter()
                .map(|n| n.id.as_str())
                .collect();
            if related.is_empty() {
                ctx.note(format_args!(
                    "help: `citynets list` shows the id, acronym and name of every network"
                ));
            } else {
                ctx.note(format_args!(
                    "help: networks these words may be about: {}",
                    related.join(", ")
                ));
            }
            Ok(1)
        }
        Err(e @ Error::Ambiguous { .. }) => {
            ctx.error(format_args!("{e}"));
            ctx.note(format_args!(
                "help: give one of the ids, as in `citynets show ID`"
            ));
            Ok(1)
        }
        Err(e) => {
            ctx.error(format_args!("{e}"));
            Ok(2)
        }
    }
}

/// `citynets city`: the gazetteer's answer for one name. Exit status 0 when one place is
/// found, 1 when none or several are, 2 for a country that names none.
fn city(args: &CityArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    use citynets::gazetteer::{CityMatch, Place, resolve_city};
    let line = |p: &Place| {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            p.geonames_id, p.country, p.english, p.local, p.population, p.name
        )
    };
    let found = match resolve_city(&args.name, args.country.as_deref()) {
        Ok(found) => found,
        Err(e) => {
            ctx.error(format_args!("{e}"));
            return Ok(2);
        }
    };
    let listed = |places: &[Place], out: &mut dyn Write| -> io::Result<()> {
        writeln!(
            out,
            "geonames_id\tcountry\tenglish\tlocal\tpopulation\tname"
        )?;
        for p in places {
            writeln!(out, "{}", line(p))?;
        }
        Ok(())
    };
    match &found {
        CityMatch::Found { place, .. } => {
            listed(std::slice::from_ref(place), &mut ctx.out)?;
            Ok(0)
        }
        CityMatch::Ambiguous(places) => {
            listed(places, &mut ctx.out)?;
            ctx.note(format_args!(
                "{:?} is several places; give its country, or write the geonames_id that says which",
                args.name
            ));
            Ok(1)
        }
        CityMatch::Elsewhere(places) => {
            listed(places, &mut ctx.out)?;
            ctx.note(format_args!(
                "no place {:?} in {}; these are in other countries",
                args.name,
                args.country.as_deref().unwrap_or_default()
            ));
            Ok(1)
        }
        CityMatch::Unknown => {
            ctx.error(format_args!(
                "no place of at least 5,000 inhabitants is called {:?}{}",
                args.name,
                args.country
                    .as_deref()
                    .map(|c| format!(" in {c}"))
                    .unwrap_or_default()
            ));
            Ok(1)
        }
    }
}

fn labels<V: Vocabulary>(values: &[V]) -> String {
    values
        .iter()
        .map(|v| v.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `2016-11-18 – 2018`, `since 2021`, `until 2018`, `2013` or nothing.
fn period(start: Option<&citynets::PartialDate>, end: Option<&citynets::PartialDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => s.to_string(),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => String::new(),
    }
}

/// Writes `label:` padded to a common width, then the value.
fn field(out: &mut dyn Write, label: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "  {:<15}{value}", format!("{label}:"))
}

fn write_network(out: &mut dyn Write, n: &Network) -> io::Result<()> {
    match &n.acronym {
        Some(acronym) => writeln!(out, "{} ({acronym})", n.name)?,
        None => writeln!(out, "{}", n.name)?,
    }
    field(out, "id", &n.id)?;
    if let Some(acronym) = &n.acronym {
        field(out, "acronym", acronym)?;
    }
    if !n.other_names.is_empty() {
        writeln!(out, "  other names:")?;
        for other in n.other_names.iter() {
            let mut line = format!("    - {}", other.name);
            if let Some(acronym) = &other.acronym {
                line.push_str(&format!(" ({acronym})"));
            }
            line.push_str(&format!(" [{}", other.kind.label().to_lowercase()));
            if let Some(lang) = &other.lang {
                line.push_str(&format!(", {lang}"));
            }
            let when = period(other.start_date.as_ref(), other.end_date.as_ref());
            if !when.is_empty() {
                line.push_str(&format!(", {when}"));
            }
            line.push(']');
            writeln!(out, "{line}")?;
        }
    }
    if let Some(description) = &n.description {
        field(out, "description", description)?;
    }
    if let Some(areas) = &n.policy_areas {
        field(out, "policy areas", labels(areas))?;
    }
    if let Some(orientations) = &n.orientations {
        field(out, "orientations", labels(orientations))?;
    }
    if let Some(focus) = n.focus {
        field(out, "focus", focus.label())?;
    }
    if let Some(scope) = n.scope {
        field(out, "scope", scope.label())?;
    }
    if let Some(kind) = n.kind {
        field(out, "kind", kind.label())?;
    }
    if let Some(website) = &n.website {
        field(out, "website", website)?;
    }
    if let Some(founded) = &n.founding_date {
        let mut value = founded.to_string();
        let others: Vec<String> = n
            .founding_date_alternatives
            .iter()
            .map(|a| format!("{} ({})", a.value, a.source.host()))
            .collect();
        if !others.is_empty() {
            value.push_str(&format!("; other sources: {}", others.join(", ")));
        }
        field(out, "founded", value)?;
    }
    if let Some(dissolved) = &n.dissolution_date {
        field(out, "dissolved", dissolved)?;
    }
    if let Some(s) = &n.secretariat {
        let mut parts: Vec<String> = Vec::new();
        if let Some(body) = &s.body {
            parts.push(body.to_string());
        }
        match (&s.city, &s.country) {
            (Some(city), Some(country)) => parts.push(format!("{city} ({country})")),
            (Some(city), None) => parts.push(city.to_string()),
            (None, Some(country)) => parts.push(country.to_string()),
            (None, None) => {}
        }
        if !s.other_offices.is_empty() {
            let offices: Vec<&str> = s.other_offices.iter().map(|o| o.as_str()).collect();
            parts.push(format!("other offices: {}", offices.join(", ")));
        }
        field(out, "secretariat", parts.join(", "))?;
    }
    if let Some(count) = n.latest_member_count() {
        let mut value = match &count.as_stated {
            Some(stated) => stated.to_string(),
            None => {
                let mut v = count.count.to_string();
                if let Some(unit) = &count.unit {
                    v.push_str(&format!(" {unit}"));
                }
                if let Some(countries) = count.countries {
                    v.push_str(&format!(", {countries} countries"));
                }
                v
            }
        };
        if let Some(date) = &count.date {
            value.push_str(&format!(" ({date})"));
        }
        value.push_str(&format!(" [{}]", count.source.host()));
        field(out, "members", value)?;
    }
    if let Some(parent) = &n.parent {
        field(
            out,
            "parent",
            format!(
                "{} ({})",
                parent.name,
                parent.relation.label().to_lowercase()
            ),
        )?;
    }
    if !n.caveats.is_empty() {
        writeln!(out, "  caveats:")?;
        for caveat in n.caveats.iter() {
            writeln!(out, "    - {}: {}", caveat.kind.label(), caveat.note)?;
        }
    }
    if !n.memberships.is_empty() {
        writeln!(out, "  memberships:")?;
        for m in n.memberships.iter() {
            let member = &m.member;
            // Where the member is: its city, else its country (an international body, an NGO
            // or a company may state neither).
            let place = member
                .city
                .as_ref()
                .map(|c| c.to_string())
                .or_else(|| member.country.as_ref().map(|c| c.to_string()));
            let kind = member.kind.label().to_lowercase();
            let mut who = match (&member.name, &member.city, place) {
                (Some(name), _, Some(place)) => format!("{name} ({kind}, {place})"),
                (Some(name), _, None) => format!("{name} ({kind})"),
                (None, Some(city), _) => match &member.country {
                    Some(country) => format!("{city} ({country})"),
                    None => city.to_string(),
                },
                (None, None, _) => kind,
            };
            match m.status {
                Some(status) => who.push_str(&format!(": {}", status.label().to_lowercase())),
                None => who.push_str(": status not known"),
            }
            let when = period(m.start_date.as_ref(), m.end_date.as_ref());
            if !when.is_empty() {
                who.push_str(&format!(", {when}"));
            }
            writeln!(out, "    - {who}")?;
            for role in m.roles.iter() {
                let mut line = role.role.label().to_owned();
                if let Some(body) = &role.body {
                    line.push_str(&format!(", {body}"));
                }
                if let Some(holder) = &role.holder {
                    line.push_str(&format!(" ({holder})"));
                }
                let when = period(role.start_date.as_ref(), role.end_date.as_ref());
                if !when.is_empty() {
                    line.push_str(&format!(", {when}"));
                }
                writeln!(out, "        {line}")?;
            }
        }
    }
    field(out, "sources", source_summary(n))?;
    Ok(())
}

/// `N pages support the single-valued facts; M distinct pages cited in all`.
fn source_summary(n: &Network) -> String {
    let mut urls = std::collections::BTreeSet::new();
    if let Ok(value) = serde_json::to_value(n) {
        collect_urls(&value, None, &mut urls);
    }
    format!(
        "{} for the single-valued facts, {} distinct pages cited in all",
        plural_pages(n.sources.len()),
        urls.len()
    )
}

fn plural_pages(n: usize) -> String {
    if n == 1 {
        "1 page".to_owned()
    } else {
        format!("{n} pages")
    }
}

/// Collects the addresses a record cites: every `source` and `url`, and the items of a list
/// of addresses named `sources`.
fn collect_urls(
    value: &serde_json::Value,
    key: Option<&str>,
    urls: &mut std::collections::BTreeSet<String>,
) {
    use serde_json::Value;
    match value {
        Value::String(s) if matches!(key, Some("source" | "url" | "sources")) => {
            urls.insert(s.clone());
        }
        Value::Array(items) => {
            for item in items {
                collect_urls(item, key, urls);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                collect_urls(v, Some(k), urls);
            }
        }
        _ => {}
    }
}
