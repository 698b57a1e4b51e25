//! The command line's grammar (clap).

use std::path::PathBuf;

use citynets::{DocumentKind, Focus, Kind, Orientation, PolicyArea, Scope, Vocabulary};
use clap::{Args, Parser, Subcommand, ValueEnum};

const MAIN_EXAMPLES: &str = "\
Examples:
  citynets validate networks.json          Check a list of network records
  citynets list --policy-area climate      Ghent's networks working on climate
  citynets show ECCAR                      Everything the catalogue says about one network
  citynets export --format ndjson          The Ghent catalogue, one network per line
  citynets validate networks.csv           Check a CSV table (semicolons, Excel encodings)
  citynets validate networks.xlsx          Check a workbook's first sheet (.xlsx .xls .ods)
  citynets convert --from wide table.csv   A wide research table as membership records
  citynets convert --from list --city Rotterdam --country NL --source URL list.csv
                                           A city's list of networks as a catalogue

Exit status: 0 success, 1 invalid data or no such network, 2 usage or I/O error.";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  citynets validate networks.json
  citynets validate --document membership memberships.ndjson
  citynets validate --output json --strict a.json b.ndjson
  some-export-command | citynets validate --format ndjson -
  citynets validate --document membership memberships.csv
  citynets validate --format csv --delimiter ';' excel-export.txt
  citynets validate --document membership-wide research-table.csv
  citynets validate --document membership --sheet 'Members 2025' members.xlsx

CSV: one record per row; nested fields as dotted columns (parent.relation), lists of values
joined by | (climate|energy), lists of objects as a JSON cell. The delimiter (, ; or tab) and
the encoding (UTF-8, UTF-16, Windows-1252) are detected. A file is CSV with --format csv or
when its name ends in .csv or .tsv.

Workbooks (.xlsx, .xlsm, .xls, .ods, or --format workbook): one sheet (the first, or
--sheet NAME) is read as a CSV table would be, its first row that holds a cell being the
header; problems are placed at their cells (file.xlsx:Sheet1!C7). .xls and .ods files, and
workbooks on standard input, are read whole, up to 64 MiB.

Exit status: 0 every file valid, 1 some file invalid, 2 usage or I/O error.";

const FIX_EXAMPLES: &str = "\
Examples:
  citynets fix members.csv -o members-fixed.csv --log changes.csv
  citynets fix --document membership --date-order dmy export.csv > fixed.csv
  citynets fix -c other-city-networks.json memberships.ndjson -o fixed.ndjson
  citynets fix --sheet Members members.xlsx -o members.csv

fix changes only what one meaning makes certain: column names (city -> member.city), country
names (Belgium -> BE), network names and acronyms the catalogues know (Eurocities ->
eurocities), vocabulary spellings (Full -> full), status words that say nothing (member),
dates as spreadsheets write them (2015.0, 18/11/2016), a source address column (-> sources),
spaces around values. Typing mistakes, dates like 01/02/2015 (without --date-order) and names
that fit several networks are left as they are and listed. The output has the input's format,
delimiter and rows; it is then validated, and what remains is reported.

Exit status: 0 the fixed file is valid, 1 problems remain, 2 usage or I/O error.";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  citynets schema > catalogue.schema.json
  citynets schema --document membership";

const EXPORT_EXAMPLES: &str = "\
Examples:
  citynets export > ghent.json
  citynets export --format ndjson | head -n 3
  citynets export --format csv > ghent.csv
  citynets export --format csv --delimiter ';' --bom > ghent-excel.csv";

const CONVERT_EXAMPLES: &str = "\
Examples:
  citynets convert --from wide research-table.csv > memberships.ndjson
  citynets convert --from wide --to csv research-table.csv > memberships.csv

A wide table has one row per city and one column per network: the columns city and country
(ISO code), optionally member_name, member_kind (default city) and source (the dataset's
address); every other column is a network, named by its id or by a name, acronym or alias the
catalogue knows (columns starting with # are ignored). A cell holds 0 or empty (not a member),
1, x, yes or true (a member), a status (full, observer…) or a status and roles joined by +
(full+founding_member). Grades above 1 are refused: they are ambiguous.

Valid records are written to standard output; problems go to standard error.
Exit status: 0 no problem, 1 some cells or rows had errors (their records are left out),
2 usage or I/O error.";

const LIST_EXAMPLES: &str = "\
Examples:
  citynets list
  citynets list --policy-area climate --orientation advocacy
  citynets list --scope european --kind city_network --format json";

const SHOW_EXAMPLES: &str = "\
Examples:
  citynets show ECCAR
  citynets show eurocities
  citynets show \"Covenant of Mayors\"
  citynets show Geintegreerde";

const CITY_EXAMPLES: &str = "\
Examples:
  citynets city Genf --country CH
  citynets city \"Stad Gent\" --country Belgium
  citynets city Vienna";

/// The citynets command line: check city-network data against the citynets model, and
/// browse the catalogue of the 38 international networks the City of Ghent belongs to.
#[derive(Debug, Parser)]
#[command(
    name = "citynets",
    version,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true,
    after_help = MAIN_EXAMPLES
)]
pub(crate) struct Cli {
    /// When to colour the output: auto on a terminal unless the NO_COLOR environment
    /// variable is set, always, or never
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set to a non-empty value
    Auto,
    /// Always
    Always,
    /// Never
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check files of networks, memberships or catalogues against the citynets schema
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// Apply the fixes that are certain to a file (column names, country names, network
    /// names, spellings, dates) and report what remains
    #[command(after_help = FIX_EXAMPLES)]
    Fix(FixArgs),
    /// Print the committed JSON Schema of a kind of document
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema(SchemaArgs),
    /// Print the embedded Ghent catalogue
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// List the networks of the Ghent catalogue, optionally filtered
    #[command(after_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Show one network, found by id, acronym, name or alias
    #[command(after_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Find the place a city's name means, in any language or form (Gent, Gand, City of
    /// Ghent), read with its country: its GeoNames id, names and population
    #[command(after_help = CITY_EXAMPLES)]
    City(CityArgs),
    /// Turn a wide research table (one row per city, one column per network) into membership
    /// records
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
    /// Print the completion script of a shell (citynets completions bash > citynets.bash)
    Completions(CompletionsArgs),
    /// Print the manual page, in roff (citynets man > citynets.1)
    Man,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// The layout of the input; auto guesses from the file name, then from the first bytes
    #[arg(short, long, value_enum, default_value_t = InputFormat::Auto)]
    pub(crate) format: InputFormat,
    /// What each file holds; by default a JSON object is a catalogue and the records of a
    /// JSON array, NDJSON or CSV file are networks; membership-wide is a wide CSV table
    /// (one row per city, one column per network)
    #[arg(short, long, value_enum)]
    pub(crate) document: Option<ValidateDocument>,
    /// The delimiter of CSV input (,, ;, tab…); by default the one the header line uses
    /// most
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub(crate) delimiter: Option<u8>,
    /// The sheet of a workbook to read, by its name; by default the first
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// How to report the problems
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub(crate) output: OutputFormat,
    /// Treat warnings as errors
    #[arg(short, long)]
    pub(crate) strict: bool,
    /// Print only each file's summary line, not its problems (human output)
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Stop at the Nth error: the report shows the problems up to it, and a table or NDJSON
    /// file is not read much further (its counts then cover only the part read)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_errors: Option<u64>,
    /// Print the records read, the time taken and the peak memory to standard error
    #[arg(long)]
    pub(crate) stats: bool,
    /// Threads for NDJSON, CSV and lists of records (0: one per core, up to 4)
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub(crate) threads: usize,
    /// A catalogue of the networks that memberships may refer to, besides the embedded one: a
    /// catalogue document, a list of network records (JSON or NDJSON), or a CSV table or a
    /// workbook (its first sheet) of them; repeat for several
    #[arg(short, long = "catalogue", value_name = "FILE")]
    pub(crate) catalogues: Vec<PathBuf>,
    /// The files to check; - reads standard input
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct FixArgs {
    /// The layout of the input; auto guesses from the file name, then from the first bytes
    #[arg(short, long, value_enum, default_value_t = InputFormat::Auto)]
    pub(crate) format: InputFormat,
    /// What the file holds; by default a table's columns say (membership or network), a JSON
    /// object is a catalogue and other JSON records are networks
    #[arg(short, long, value_enum)]
    pub(crate) document: Option<DocumentArg>,
    /// The delimiter of CSV input (,, ;, tab…); by default the one the header line uses
    /// most. The output uses the same
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub(crate) delimiter: Option<u8>,
    /// The sheet of a workbook to read, by its name; by default the first. A workbook is
    /// written back as CSV
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// A catalogue whose network names become ids, besides the embedded one; repeat for
    /// several
    #[arg(short, long = "catalogue", value_name = "FILE")]
    pub(crate) catalogues: Vec<PathBuf>,
    /// How to read a date such as 01/02/2015: dmy (1 February) or mdy (2 January);
    /// without it such dates are left as they are
    #[arg(long, value_enum, value_name = "ORDER")]
    pub(crate) date_order: Option<DateOrderArg>,
    /// Which form of a member's city to write where the gazetteer knows the place: as-written
    /// (only its geonames_id is added), english (Ghent) or local (Gent); what was written
    /// is kept in the member's name
    #[arg(long, value_enum, value_name = "FORM", default_value_t = CityNamesArg::AsWritten)]
    pub(crate) city_names: CityNamesArg,
    /// The facts a source address column supports, comma-separated (default: member)
    #[arg(long, value_name = "FIELDS", value_delimiter = ',', value_parser = vocabulary::<citynets::Fact>)]
    pub(crate) source_fields: Vec<citynets::Fact>,
    /// Where to write the fixed file (default: standard output, with the report on standard
    /// error)
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Write every change, and every value left for a person, to this CSV file (record, line,
    /// column, field, before, after, rule, note)
    #[arg(short, long, value_name = "FILE")]
    pub(crate) log: Option<PathBuf>,
    /// Print only the summary lines, not the changes and the problems that remain
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// The file to fix; - reads standard input
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
}

/// Which form of a city's name `fix` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CityNamesArg {
    /// As the input writes it
    AsWritten,
    /// The place's English name (GeoNames' preferred English name)
    English,
    /// The place's name in its country's language
    Local,
}

impl CityNamesArg {
    pub(crate) fn to_core(self) -> citynets::gazetteer::CityNames {
        use citynets::gazetteer::CityNames;
        match self {
            CityNamesArg::AsWritten => CityNames::AsWritten,
            CityNamesArg::English => CityNames::English,
            CityNamesArg::Local => CityNames::Local,
        }
    }
}

/// Which number of 01/02/2015 is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DateOrderArg {
    /// Day, month, year (most of Europe)
    Dmy,
    /// Month, day, year (the United States)
    Mdy,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which schema
    #[arg(long, value_enum, default_value_t = DocumentArg::Catalogue)]
    pub(crate) document: DocumentArg,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// json: one catalogue document; ndjson: one network record per line; csv: one
    /// network per row
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub(crate) format: ExportFormat,
    /// The delimiter of the CSV (,, ;, tab…); ; suits Excel where the decimal mark
    /// is a comma
    #[arg(long, value_name = "CHAR", value_parser = delimiter, default_value = ",")]
    pub(crate) delimiter: u8,
    /// Start the CSV with a UTF-8 byte-order mark, which Excel needs to read accented letters
    #[arg(long)]
    pub(crate) bom: bool,
    /// The registry's networks (every network third-party data refers to, without
    /// memberships) rather than Ghent's catalogue; json is then an array of network records
    #[arg(long)]
    pub(crate) registry: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// The layout of the input
    #[arg(long, value_enum)]
    pub(crate) from: ConvertFrom,
    /// ndjson: one membership record per line; csv: one membership per row
    #[arg(long, value_enum, default_value_t = ConvertTo::Ndjson)]
    pub(crate) to: ConvertTo,
    /// The delimiter of the input (,, ;, tab…); by default the one its header line uses
    /// most
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub(crate) delimiter: Option<u8>,
    /// With --from list: the city whose list it is, in English
    #[arg(long, value_name = "NAME", required_if_eq("from", "list"))]
    pub(crate) city: Option<String>,
    /// With --from list: the city's country, as an ISO 3166-1 alpha-2 code (BE)
    #[arg(long, value_name = "CC", required_if_eq("from", "list"))]
    pub(crate) country: Option<String>,
    /// With --from list: the address of the page that publishes the list (the source of
    /// every membership)
    #[arg(long, value_name = "URL", required_if_eq("from", "list"))]
    pub(crate) source: Option<String>,
    /// Files of networks that names may refer to, besides the embedded catalogue and registry
    #[arg(long = "catalogue", value_name = "FILE")]
    pub(crate) catalogues: Vec<PathBuf>,
    /// The table; - reads standard input
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ConvertFrom {
    /// One row per city, one column per network, 0/1 or a status in each cell
    Wide,
    /// A city's own list of networks, one per row (a name, perhaps a role, a status, a year):
    /// written as a catalogue document
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ConvertTo {
    /// One membership record per line
    Ndjson,
    /// One membership per row, in the CSV shape validate --document membership reads
    Csv,
}

/// Parses a delimiter: one ASCII character, or tab.
pub(crate) fn delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    citynets::validate::csv::parse_delimiter(c).map_err(str::to_owned)
                }
                _ => Err("expected one ASCII character, such as , or ; (or tab)".to_owned()),
            }
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only networks working on this policy area (e.g. climate, mobility, culture)
    #[arg(long, value_name = "AREA", value_parser = vocabulary::<PolicyArea>)]
    pub(crate) policy_area: Option<PolicyArea>,
    /// Only networks with this orientation (advocacy, awareness_raising, knowledge_exchange,
    /// project_partnering, recognition)
    #[arg(long, value_name = "ORIENTATION", value_parser = vocabulary::<Orientation>)]
    pub(crate) orientation: Option<Orientation>,
    /// Only networks of this scope (e.g. european, global)
    #[arg(long, value_name = "SCOPE", value_parser = vocabulary::<Scope>)]
    pub(crate) scope: Option<Scope>,
    /// Only networks of this kind (e.g. city_network)
    #[arg(long, value_name = "KIND", value_parser = vocabulary::<Kind>)]
    pub(crate) kind: Option<Kind>,
    /// Only networks with this focus (broad or focused)
    #[arg(long, value_name = "FOCUS", value_parser = vocabulary::<Focus>)]
    pub(crate) focus: Option<Focus>,
    /// table: aligned plain-text columns; json: an array of network records
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub(crate) format: ListFormat,
    /// List the registry's networks (every network third-party data refers to) rather than
    /// Ghent's catalogue
    #[arg(long)]
    pub(crate) registry: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// An id, acronym, name or alias; case, accents and punctuation do not matter. Ghent's
    /// catalogue is searched first (with the City's memberships), then the registry
    #[arg(value_name = "ID|ACRONYM|NAME|ALIAS")]
    pub(crate) query: String,
}

#[derive(Debug, Args)]
pub(crate) struct CityArgs {
    /// The city's name as a list writes it
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// Its country: an ISO 3166-1 code or a country's name
    #[arg(short, long, value_name = "COUNTRY")]
    pub(crate) country: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// Guess from the file name, then from the first bytes
    Auto,
    /// One JSON document: a catalogue object or an array of records
    Json,
    /// One JSON record per line
    Ndjson,
    /// A table with a header line and one record per row
    Csv,
    /// An Excel or OpenDocument workbook (.xlsx, .xlsm, .xls, .ods): one sheet, read as a table
    Workbook,
}

impl InputFormat {
    /// The core's format of that name (None for auto: detect it).
    pub(crate) fn to_core(self) -> Option<citynets::validate::Format> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Json => Some(citynets::validate::Format::Json),
            InputFormat::Ndjson => Some(citynets::validate::Format::Ndjson),
            InputFormat::Csv => Some(citynets::validate::Format::Csv),
            InputFormat::Workbook => Some(citynets::validate::Format::Workbook),
        }
    }
}

/// What validate reads each file as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValidateDocument {
    /// A catalogue document (one city's networks)
    Catalogue,
    /// Network records
    Network,
    /// Membership records
    Membership,
    /// A wide CSV table: one row per city, one column per network
    MembershipWide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DocumentArg {
    /// A catalogue document (one city's networks)
    Catalogue,
    /// Network records
    Network,
    /// Membership records
    Membership,
}

impl DocumentArg {
    pub(crate) fn to_core(self) -> DocumentKind {
        match self {
            DocumentArg::Catalogue => DocumentKind::Catalogue,
            DocumentArg::Network => DocumentKind::Network,
            DocumentArg::Membership => DocumentKind::Membership,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Problems with the offending line, for people
    Human,
    /// One JSON document (JSON Schema "basic" output format)
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormat {
    /// One pretty-printed catalogue document
    Json,
    /// One network record per line
    Ndjson,
    /// One network per row; nested objects as dotted columns, lists of objects as JSON cells
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// Aligned plain-text columns
    Table,
    /// An array of network records
    Json,
}

/// Parses the canonical spelling of a vocabulary value; otherwise the core's error, which
/// names the allowed values and the one probably meant.
pub(crate) fn vocabulary<V: Vocabulary + Send + Sync>(s: &str) -> Result<V, String> {
    V::parse_or_suggest(s).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn grammar_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn delimiters_are_one_character_or_tab() {
        assert_eq!(delimiter(";"), Ok(b';'));
        assert_eq!(delimiter("tab"), Ok(b'\t'));
        assert_eq!(delimiter("\t"), Ok(b'\t'));
        assert!(delimiter(";;").is_err());
        assert!(delimiter("\"").is_err());
        assert!(delimiter("é").is_err());
    }

    #[test]
    fn vocabulary_values_suggest_the_value_meant() {
        assert_eq!(vocabulary::<PolicyArea>("climate"), Ok(PolicyArea::Climate));
        let e = vocabulary::<Orientation>("file management").unwrap_err();
        assert!(e.contains("did you mean \"advocacy\"?"), "{e}");
        assert!(e.contains("knowledge_exchange"), "{e}");
        let e = vocabulary::<PolicyArea>("climte").unwrap_err();
        assert!(e.contains("did you mean \"climate\"?"), "{e}");
        let e = vocabulary::<Scope>("zzzzzzzz").unwrap_err();
        assert!(!e.contains("did you mean"), "{e}");
    }
}
