//! `citynets fix`: the arguments turned into the core's [`FixOptions`], the changes written to
//! the log and summed up for a person, and the report on the fixed file printed as `validate`
//! prints one. The fixing itself is the core's ([`citynets::fix`]).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};

use citynets::fix::{Change, ChangeLog, DateOrder, FixOptions, Rule};
use citynets::validate::csv::Decoded;
use citynets::validate::{Format, Options};

use crate::Ctx;
use crate::cli::{DateOrderArg, FixArgs};
use crate::inputs::{MAX_PROBLEMS, STDIN, open, read_catalogues};
use crate::output::{HumanOptions, SourceLines, write_human};
use crate::style::Style;

/// Examples kept per rule for the summary, and values left shown one by one: the rest are
/// counted (and all are in the log), so memory stays bounded on any input.
const EXAMPLES: usize = 3;
const LEFT_SHOWN: usize = 20;

/// What the summary keeps of the changes: per rule, a count and the first distinct examples;
/// the values left, folded by column, value and reason, at most [`LEFT_SHOWN`] groups (the
/// rest counted; all are in the log).
#[derive(Default)]
struct Summary {
    rules: BTreeMap<Rule, (u64, Vec<String>)>,
    left: Vec<(Change, u64, Vec<u64>)>,
}

/// An example of a change, cut to a readable length; spaces shown by quotes.
fn example(c: &Change) -> String {
    let cut = |s: &str| {
        if s.chars().count() > 40 {
            format!("{}…", s.chars().take(39).collect::<String>())
        } else {
            s.to_owned()
        }
    };
    match (c.rule, c.after.is_empty()) {
        (Rule::Whitespace, _) => format!("\"{}\" → \"{}\"", cut(&c.before), cut(&c.after)),
        (_, true) => format!("{} → (left out)", cut(&c.before)),
        _ => format!("{} → {}", cut(&c.before), cut(&c.after)),
    }
}

impl Summary {
    fn note(&mut self, c: &Change) {
        if c.rule == Rule::Left {
            let same = |(g, _, _): &&mut (Change, u64, Vec<u64>)| {
                g.column == c.column
                    && g.field == c.field
                    && g.before == c.before
                    && g.note == c.note
            };
            if let Some((_, n, rows)) = self.left.iter_mut().find(|g| same(g)) {
                *n += 1;
                if rows.len() < 8 {
                    rows.push(c.record);
                }
            } else if self.left.len() < LEFT_SHOWN {
                self.left.push((c.clone(), 1, vec![c.record]));
            }
            return;
        }
        let example = example(c);
        let (count, examples) = self.rules.entry(c.rule).or_default();
        *count += 1;
        if examples.len() < EXAMPLES && !examples.contains(&example) {
            examples.push(example);
        }
    }

    /// How many values left the groups shown hold.
    fn left_shown(&self) -> u64 {
        self.left.iter().map(|(_, n, _)| n).sum()
    }
}

pub(crate) fn fix(args: &FixArgs, ctx: &mut Ctx<'_>) -> io::Result<i32> {
    let name = args.file.to_string_lossy().into_owned();
    let stdin = name == "-";
    let catalogues = match read_catalogues(&args.catalogues) {
        Ok(c) => c,
        Err(message) => {
            ctx.error(format_args!("--catalogue {message}"));
            return Ok(2);
        }
    };
    let output_name = args.output.as_ref().map_or_else(
        || "<stdout>".to_owned(),
        |p| p.to_string_lossy().into_owned(),
    );
    let options = FixOptions {
        validate: Options {
            document: args.document.map(|d| d.to_core()),
            format: args.format.to_core(),
            path: (!stdin).then(|| name.clone()),
            sheet: args.sheet.clone(),
            max_problems: MAX_PROBLEMS,
            catalogues,
            ..Options::default()
        },
        delimiter: args.delimiter,
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::Dmy => DateOrder::DayFirst,
            DateOrderArg::Mdy => DateOrder::MonthFirst,
        }),
        source_fields: args.source_fields.clone(),
        output_path: Some(output_name.clone()),
        city_names: args.city_names.to_core(),
    };
    let mut log = match &args.log {
        None => None,
        Some(p) => match File::create(p) {
            Ok(f) => Some(ChangeLog::new(BufWriter::new(f))),
            Err(e) => {
                ctx.error(format_args!("{}: {e}", p.to_string_lossy()));
                return Ok(2);
            }
        },
    }
    .transpose()?;
    let mut summary = Summary::default();
    let mut note = |c: &Change| {
        summary.note(c);
        match &mut log {
            Some(log) => log.write(c),
            None => Ok(()),
        }
    };
    let fixed = match (&args.output, stdin) {
        (Some(path), _) => {
            let out = match File::create(path) {
                Ok(f) => BufWriter::new(f),
                Err(e) => {
                    drop(log);
                    ctx.error(format_args!("{output_name}: {e}"));
                    return Ok(2);
                }
            };
            if stdin {
                citynets::fix::fix(&mut *ctx.stdin, out, &options, &mut note)
            } else {
                match open(&args.file) {
                    Ok(f) => citynets::fix::fix(f, out, &options, &mut note),
                    Err(e) => Err(io::Error::other(e)),
                }
            }
        }
        (None, true) => citynets::fix::fix(&mut *ctx.stdin, &mut ctx.out, &options, &mut note),
        (None, false) => match open(&args.file) {
            Ok(f) => citynets::fix::fix(f, &mut ctx.out, &options, &mut note),
            Err(e) => Err(io::Error::other(e)),
        },
    };
    if let Some(log) = log {
        log.into_inner()?.flush()?;
    }
    let outcome = match fixed {
        Ok(o) => o,
        Err(e) => {
            ctx.error(format_args!("{}: {e}", if stdin { STDIN } else { &name }));
            return Ok(2);
        }
    };
    ctx.out.flush()?;
    let lines = match (&args.output, outcome.format) {
        (Some(path), Some(format)) if !args.quiet => match File::open(path) {
            Ok(f) if format.is_table() => SourceLines::read(Decoded::new(f), &outcome.report)?,
            Ok(f) => SourceLines::read(f, &outcome.report)?,
            Err(_) => SourceLines::new(),
        },
        _ => SourceLines::new(),
    };
    let (to, colour): (&mut dyn Write, bool) = if args.output.is_some() {
        (&mut ctx.out, ctx.colour_out)
    } else {
        (&mut *ctx.err, ctx.colour_err)
    };
    let style = Style::new(colour);
    let shown_in = if stdin { STDIN } else { &name };
    let kind = outcome.document.map_or("records", |d| d.as_str());
    let format = outcome.format.map_or("", Format::as_str);
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        to,
        "{shown_in}: {} ({format}) → {output_name}: {} changed, {} left for a person",
        plural(
            outcome.records,
            &format!("{kind} record"),
            &format!("{kind} records")
        ),
        plural(outcome.changed, "value", "values"),
        outcome.left
    )?;
    if !args.quiet {
        for (rule, (count, examples)) in &summary.rules {
            let name = format!("{:<11}", rule.as_str());
            writeln!(
                to,
                "  {} {count:>6}  {}{}",
                style.bold(&name),
                examples.join("; "),
                if *count > examples.len() as u64 {
                    "; …"
                } else {
                    ""
                }
            )?;
        }
        if !summary.left.is_empty() {
            writeln!(to, "left as they are, for a person:")?;
        }
        for (c, n, rows) in &summary.left {
            let mut at = match c.record {
                0 => "header".to_owned(),
                _ => format!(
                    "row{} {}",
                    if *n > 1 { "s" } else { "" },
                    rows.iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            if *n > rows.len() as u64 {
                at.push_str(&format!(" and {} more", *n - rows.len() as u64));
            }
            let value = if c.before.is_empty() {
                String::new()
            } else {
                format!(" \"{}\"", c.before)
            };
            writeln!(
                to,
                "  {}{value} ({at}): {}",
                c.column.as_deref().unwrap_or(&c.field),
                c.note.as_deref().unwrap_or_default()
            )?;
        }
        if outcome.left > summary.left_shown() {
            let more = outcome.left - summary.left_shown();
            let hint = if args.log.is_some() {
                "in the log"
            } else {
                "give --log FILE to see them all"
            };
            writeln!(to, "  and {more} more ({hint})")?;
        }
    }
    let options = HumanOptions {
        strict: false,
        colour,
        quiet: args.quiet,
    };
    write_human(to, &output_name, &outcome.report, &lines, options)?;
    Ok(if outcome.report.is_valid(false) { 0 } else { 1 })
}
