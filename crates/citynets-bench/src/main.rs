//! Benchmark helpers, driven by `benches/bench.py`:
//!
//! ```text
//! citynets-bench gen DIR RECORDS            # write the benchmark data
//! citynets-bench jsonschema-lines KIND FILE # the jsonschema crate, one record per line
//! citynets-bench jsonschema-doc KIND FILE   # the jsonschema crate, one document loaded whole
//! citynets-bench serde-typed FILE           # serde into the Rust types, first error per record
//! citynets-bench read FILE                  # reading the file, nothing else
//! citynets-bench gazetteer SPELLINGS        # names resolved per second (tab-separated
//!                                           # spelling and country, a header line first)
//! ```
//!
//! Each prints one line: the number of records and of errors found.

#![forbid(unsafe_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::ExitCode;

use citynets::{DocumentKind, Network};
use serde_json::{Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["gen", dir, n] => n.parse().map_err(|e| format!("{e}")).and_then(|n| generate(dir, n)),
        ["jsonschema-lines", kind, file] => jsonschema_lines(kind, file),
        ["jsonschema-doc", kind, file] => jsonschema_doc(kind, file),
        ["serde-typed", file] => serde_typed(file),
        ["read", file] => read(file),
        ["gazetteer", file] => gazetteer(file),
        _ => Err("usage: citynets-bench gen DIR RECORDS | jsonschema-lines KIND FILE | jsonschema-doc KIND FILE | serde-typed FILE | read FILE | gazetteer SPELLINGS".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("citynets-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn validator(kind: &str) -> Result<jsonschema::Validator, String> {
    let kind: DocumentKind = kind.parse().map_err(|e| format!("{e}"))?;
    let schema: Value =
        serde_json::from_str(&citynets::schema::schema_json(kind)).map_err(|e| e.to_string())?;
    jsonschema::draft202012::new(&schema).map_err(|e| e.to_string())
}

fn jsonschema_lines(kind: &str, file: &str) -> Result<(), String> {
    let v = validator(kind)?;
    let reader = BufReader::new(std::fs::File::open(file).map_err(|e| e.to_string())?);
    let (mut records, mut errors) = (0u64, 0u64);
    for line in reader.lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        match serde_json::from_str::<Value>(&line) {
            Ok(value) => errors += v.iter_errors(&value).count() as u64,
            Err(_) => errors += 1,
        }
    }
    println!("{records} records, {errors} errors");
    Ok(())
}

fn jsonschema_doc(kind: &str, file: &str) -> Result<(), String> {
    let v = validator(kind)?;
    let text = std::fs::read(file).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&text).map_err(|e| e.to_string())?;
    let errors = v.iter_errors(&value).count();
    let records = value
        .get("networks")
        .and_then(Value::as_array)
        .map_or(1, Vec::len);
    println!("{records} records, {errors} errors");
    Ok(())
}

fn serde_typed(file: &str) -> Result<(), String> {
    let reader = BufReader::new(std::fs::File::open(file).map_err(|e| e.to_string())?);
    let (mut records, mut errors) = (0u64, 0u64);
    for line in reader.lines() {
        let line = line.map_err(|e| e.to_string())?;
        records += 1;
        if serde_json::from_str::<Network>(&line).is_err() {
            errors += 1;
        }
    }
    println!("{records} records, {errors} errors");
    Ok(())
}

fn read(file: &str) -> Result<(), String> {
    let mut f = std::fs::File::open(file).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut bytes, mut lines) = (0u64, 0u64);
    loop {
        let n = f.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
    }
    println!("{lines} records, 0 errors ({bytes} bytes)");
    Ok(())
}

/// One network record of about 430 bytes, varied by `i`; every 100th is invalid when `bad`.
/// How a generated record differs from a clean one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// Valid, and no warning.
    Clean,
    /// One record in a hundred (the 8th) has an unknown policy area.
    OnePercentInvalid,
    /// Valid, but named as the embedded catalogue's network it is modelled on, under another
    /// id: one `id_mismatch` warning each.
    Warned,
}

fn record(i: u64, variant: Variant) -> Value {
    let ghent = citynets::ghent();
    let base = &ghent.networks[(i % ghent.networks.len() as u64) as usize];
    let areas: Vec<&str> = base
        .policy_areas
        .iter()
        .flatten()
        .take(2)
        .map(|a| a.as_str())
        .collect();
    let orientations: Vec<&str> = base
        .orientations
        .iter()
        .flatten()
        .take(2)
        .map(|o| o.as_str())
        .collect();
    let mut r = json!({
        "id": format!("{}-{i}", base.id),
        "name": if variant == Variant::Warned { base.name.to_string() } else { format!("{} {i}", base.name) },
        "policy_areas": areas,
        "orientations": orientations,
        "focus": base.focus,
        "scope": base.scope,
        "kind": base.kind,
        "website": format!("https://network{i}.example.org/"),
        "founding_date": format!("{}", 1950 + i % 40),
        "member_counts": [{"count": 10 + i % 5000, "qualifier": "more_than", "unit": "cities", "date": "2023", "source": format!("https://network{i}.example.org/members")}],
        "memberships": [{"organization_id": format!("{}-{i}", base.id), "member": {"kind": "city", "city": "Ghent", "country": "BE"}, "status": "full", "start_date": format!("{}", 1990 + i % 30)}],
    });
    if variant == Variant::OnePercentInvalid && i % 100 == 7 {
        r["policy_areas"] = json!(["mobilty"]);
    }
    r
}

fn generate(dir: &str, n: u64) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let open = |name: &str| -> Result<std::io::BufWriter<std::fs::File>, String> {
        Ok(std::io::BufWriter::new(
            std::fs::File::create(format!("{dir}/{name}")).map_err(|e| e.to_string())?,
        ))
    };
    let mut nd = open("networks.ndjson")?;
    let mut bad = open("networks-1pct-invalid.ndjson")?;
    let mut warned = open("networks-warned.ndjson")?;
    let mut cat = open("catalogue.json")?;
    let mut csv = citynets::validate::csv::CsvWriter::new(
        open("networks.csv")?,
        citynets::DocumentKind::Network,
        b',',
    )
    .map_err(|e| e.to_string())?;
    let mut doc = json!(citynets::ghent());
    if let Some(m) = doc.as_object_mut() {
        m.remove("networks");
    }
    let head = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    let head = head.strip_suffix('}').unwrap_or(&head).to_owned();
    write!(cat, "{head},\"networks\":[").map_err(|e| e.to_string())?;
    for i in 0..n {
        let r = serde_json::to_string(&record(i, Variant::Clean)).map_err(|e| e.to_string())?;
        writeln!(nd, "{r}").map_err(|e| e.to_string())?;
        let b = serde_json::to_string(&record(i, Variant::OnePercentInvalid))
            .map_err(|e| e.to_string())?;
        writeln!(bad, "{b}").map_err(|e| e.to_string())?;
        let w = serde_json::to_string(&record(i, Variant::Warned)).map_err(|e| e.to_string())?;
        writeln!(warned, "{w}").map_err(|e| e.to_string())?;
        write!(cat, "{}{r}", if i == 0 { "" } else { ",\n" }).map_err(|e| e.to_string())?;
        csv.write_value(&record(i, Variant::Clean))
            .map_err(|e| e.to_string())?;
    }
    csv.flush().map_err(|e| e.to_string())?;
    write!(cat, "]}}").map_err(|e| e.to_string())?;
    for w in [&mut nd, &mut bad, &mut warned, &mut cat] {
        w.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Names per second: the gazetteer resolving real spellings with their country (each name
/// asked afresh: the identity cache of the validator is not used), the same for names it does
/// not hold (each spelling with a number after it, as a village would be), and, as the
/// baseline of the same run, folding the same names (`citynets::fold`: the least any lookup
/// by name does).
/// Each figure is the best of five rounds of at least 200,000 names.
fn gazetteer(file: &str) -> Result<(), String> {
    use citynets::gazetteer::resolve_city;
    use std::time::Instant;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let names: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.to_owned(), f.next()?.to_owned()))
        })
        .collect();
    if names.is_empty() {
        return Err(format!("{file}: no names"));
    }
    let unknown: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, (n, c))| (format!("{n} {i}"), c.clone()))
        .collect();
    let rounds = 200_000usize.div_ceil(names.len());
    let rate = |f: &dyn Fn(&str, &str) -> bool, set: &[(String, String)]| -> (f64, usize) {
        let mut best = f64::INFINITY;
        let mut hits = 0;
        for _ in 0..5 {
            hits = 0;
            let start = Instant::now();
            for _ in 0..rounds {
                for (n, c) in set {
                    hits += usize::from(f(n, c));
                }
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        ((rounds * set.len()) as f64 / best, hits / rounds)
    };
    let city = |n: &str, c: &str| resolve_city(n, Some(c)).is_ok_and(|m| m.found().is_some());
    let folded = |n: &str, _: &str| !citynets::fold(n).is_empty();
    let (base, _) = rate(&folded, &names);
    println!("what\tnames/s\tx fold\tfound of {}", names.len());
    println!("fold of the same names (baseline)\t{base:.0}\t1.00\t-");
    for (what, set) in [
        ("resolve_city, real spellings", &names),
        ("resolve_city, names it does not hold", &unknown),
    ] {
        let (r, hits) = rate(&city, set);
        println!("{what}\t{r:.0}\t{:.2}\t{hits}", r / base);
    }
    Ok(())
}
