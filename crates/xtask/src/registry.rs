//! `cargo xtask registry`: builds the registry of city networks from two inputs, and writes
//! `crates/citynets/data/registry.json` (the networks beyond Ghent's):
//!
//! - the 38 networks of the Ghent catalogue (`crates/citynets/data/ghent.json`), taken with
//!   exactly the facts they have there, without Ghent's memberships: the catalogue stays the
//!   one place where their facts are kept, and they are not written again (the crate's
//!   `registry()` takes them from the catalogue; they are built here so that parents and
//!   names resolve against them);
//! - the registry research (`research/registry/networks.json`), one record per network with
//!   every fact as `{value, source, note?}`, read into the model here.
//!
//! A research fact goes into the registry only with its source address. The scope and kind are
//! the researcher's reading of the cited pages, and the policy areas and orientations are the
//! registry's own reading: each network's `classification` says so. Facts listed in
//! `tests/fixtures/registry-exclusions.json` (each with its reason) are left out. The same run
//! writes the registry ledger (`ledger::registry_ledger`), `tests/fixtures/registry-ledger.json`:
//! every non-null research fact as one flat record, which
//! `crates/citynets/tests/registry_data.rs` checks against the registry. The reading of parents
//! is in `registry/parent.rs`, that of the classification and conflicts in
//! `registry/classify.rs`.

use std::collections::{BTreeMap, BTreeSet};

use citynets::{
    AlternativeDate, AlternativeSecretariat, Catalogue, Caveat, CaveatKind, Fact, LanguageCode,
    List, NameKind, Network, NetworkId, OtherName, Parent, PartialDate, Remark, Secretariat,
    Source, Url, WikidataId, fold,
};
use serde_json::{Value, json};

mod classify;
mod parent;

use classify::{classify, conflict_kind};
use parent::{ParentReading, read_parent};

use crate::import::{country, member_count, str_of, text, url, url_text, website, year};

/// A research fact left out of the registry on purpose. `value` narrows the match where the
/// network, the kind of fact and the source are not enough (a conflict has no source).
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    /// The network's id.
    pub network: String,
    /// The kind of fact, as in the ledger (`conflict`, `website_alternative`…).
    pub fact: String,
    /// The fact's source address, if it has one.
    pub source: Option<String>,
    /// The fact's value, when the exclusion names one.
    pub value: Option<Value>,
}

impl Exclusion {
    /// Reads one entry of the exclusions file; it must give a reason.
    pub fn from_json(v: &Value) -> Result<Exclusion, String> {
        let field = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("an exclusion has no {k:?}: {v}"))
        };
        if field("reason")?.trim().len() < 20 {
            return Err(format!("an exclusion needs a reason in a sentence: {v}"));
        }
        Ok(Exclusion {
            network: field("network")?.to_owned(),
            fact: field("fact")?.to_owned(),
            source: v.get("source").and_then(Value::as_str).map(url_text),
            value: v.get("value").cloned(),
        })
    }

    fn covers(&self, network: &str, fact: &str, source: Option<&str>, value: &Value) -> bool {
        self.network == network
            && self.fact == fact
            && self.source.as_deref() == source
            && self.value.as_ref().is_none_or(|v| v == value)
    }
}

/// Decisions of the registry that the research does not hold: caveats with their source.
/// (network, kind, note, source)
const DECIDED_CAVEATS: &[(&str, CaveatKind, &str, &str)] = &[
    (
        "cities-of-migration",
        CaveatKind::NameCollision,
        "The acronym CoM is also used for the Covenant of Mayors (covenant-of-mayors), a \
         different network; read CoM in third-party data with care.",
        "https://www.energy-observer.org/partners/covenant-of-mayors?lang=en",
    ),
    (
        "european-green-capital-award",
        CaveatKind::NameCollision,
        "This entry is the award itself, given by the European Commission since 2008. The network \
     of its winners and finalists is a separate entry, European Green Capital Network (egcn), \
     set up in 2014.",
        "https://ec.europa.eu/environment/europeangreencapital/applying-for-the-award/egc-network/index.html",
    ),
];

/// Builds the registry: the Ghent networks without memberships and every research network,
/// sorted by id.
pub fn build(
    ghent: &Catalogue,
    research: &Value,
    excluded: &[Exclusion],
) -> Result<Vec<Network>, String> {
    let entries = research
        .as_array()
        .ok_or("the registry research must hold a JSON array")?;
    let mut out: Vec<Network> = ghent
        .networks
        .iter()
        .cloned()
        .map(|mut n| {
            n.memberships = List::empty();
            n
        })
        .collect();
    let index = NameIndex::new(&out, entries)?;
    let mut errors = Vec::new();
    for e in entries {
        let id = str_of(e, "id").map_err(|e| format!("the registry research: {e}"))?;
        if out.iter().any(|n| n.id == id) {
            errors.push(format!(
                "{id}: already in the Ghent catalogue; its facts live there"
            ));
            continue;
        }
        let skip = Skip { id, excluded };
        match network(e, &index, &skip) {
            Ok(n) => out.push(n),
            Err(err) => errors.push(format!("{id}: {err}")),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(w) = out.windows(2).find(|w| w[0].id == w[1].id) {
        return Err(format!("{}: two networks have this id", w[0].id));
    }
    Ok(out)
}

/// The exclusions of one network.
struct Skip<'a> {
    id: &'a str,
    excluded: &'a [Exclusion],
}

impl Skip<'_> {
    fn has(&self, fact: &str, v: &Value) -> bool {
        let source = v.get("source").and_then(Value::as_str).map(url_text);
        let value = v.get("value").unwrap_or(v);
        self.excluded
            .iter()
            .any(|x| x.covers(self.id, fact, source.as_deref(), value))
    }
}

/// Which network a name, acronym or id means, when exactly one does.
struct NameIndex {
    ids: BTreeSet<String>,
    names: BTreeMap<String, BTreeSet<String>>,
    display: BTreeMap<String, String>,
}

impl NameIndex {
    fn new(ghent: &[Network], research: &[Value]) -> Result<NameIndex, String> {
        let mut index = NameIndex {
            ids: BTreeSet::new(),
            names: BTreeMap::new(),
            display: BTreeMap::new(),
        };
        for n in ghent {
            index.ids.insert(n.id.to_string());
            index.display.insert(n.id.to_string(), n.name.to_string());
            let mut names = vec![n.name.as_str()];
            names.extend(n.acronym.as_deref());
            names.extend(
                n.other_names
                    .iter()
                    .filter(|o| o.kind != NameKind::Confusable)
                    .map(|o| o.name.as_str()),
            );
            for name in names {
                index.add(name, &n.id);
            }
        }
        for e in research {
            let id = str_of(e, "id")?;
            index.ids.insert(id.to_owned());
            if let Some(name) = e.pointer("/official_name_en/value").and_then(Value::as_str) {
                index.display.insert(id.to_owned(), name.to_owned());
            }
            let mut names: Vec<&str> = ["official_name_en", "official_name_native", "acronym"]
                .iter()
                .filter_map(|k| e.get(*k)?.get("value")?.as_str())
                .collect();
            names.extend(
                e["other_names"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|o| o["value"].as_str()),
            );
            for name in names {
                index.add(name, id);
            }
        }
        Ok(index)
    }

    fn add(&mut self, name: &str, id: &str) {
        self.names
            .entry(fold(name))
            .or_default()
            .insert(id.to_owned());
    }

    /// The id a text names: an id as written, or a name or acronym only one network has.
    fn resolve(&self, text: &str) -> Option<&str> {
        if let Some(id) = self.ids.get(text) {
            return Some(id);
        }
        match self.names.get(&fold(text)) {
            Some(ids) if ids.len() == 1 => ids.first().map(String::as_str),
            _ => None,
        }
    }
}

/// Source entries, one per address, each with the fields it supports.
#[derive(Default)]
struct Sources(Vec<Source>);

impl Sources {
    fn add(&mut self, address: &str, fact: Fact, note: Option<String>) -> Result<(), String> {
        let u = url(address)?;
        let i = match self.0.iter().position(|s| s.url == u) {
            Some(i) => i,
            None => {
                self.0.push(Source::new(u));
                self.0.len() - 1
            }
        };
        let s = &mut self.0[i];
        if !s.fields.contains(&fact) {
            s.fields.push(fact).map_err(|e| e.to_string())?;
        }
        if let Some(note) = note {
            let joined = match s.note.take() {
                Some(old) if old.contains(note.as_str()) => old.to_string(),
                Some(old) => format!("{old} {note}"),
                None => note,
            };
            s.note = Some(text(&joined)?);
        }
        Ok(())
    }
}

/// Whether a research fact names the page it comes from: a fact without one stays out.
fn sourced(v: &Value) -> bool {
    v.get("source")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

/// The research fact at `key`, unless it is null, has no source or is excluded.
fn fact<'a>(e: &'a Value, key: &str, skip: &Skip) -> Option<&'a Value> {
    e.get(key)
        .filter(|v| !v.is_null() && sourced(v) && !skip.has(key, v))
}

/// The alternatives the merged research keeps beside the fact at `key`, less the excluded and
/// those without a source.
fn alternatives<'a>(e: &'a Value, key: &str, skip: &Skip) -> Vec<&'a Value> {
    let fact_name = format!("{key}_alternative");
    e[format!("{key}_alternatives")]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| sourced(v) && !skip.has(&fact_name, v))
        .collect()
}

/// The items of the list at `key`, less those without a source and the excluded ones (each
/// excluded as `fact`).
fn items<'a>(e: &'a Value, key: &str, fact: &str, skip: &Skip) -> Vec<&'a Value> {
    e[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| sourced(v) && !skip.has(fact, v))
        .collect()
}

fn src(v: &Value) -> Result<&str, String> {
    str_of(v, "source")
}

/// The research's note on a fact, as a sentence for the source that supports it.
fn labelled_note(label: &str, v: &Value) -> Option<String> {
    let note = v.get("note")?.as_str()?.trim();
    if note.is_empty() {
        return None;
    }
    let end = if note.ends_with('.') { "" } else { "." };
    Some(format!("{label}: {note}{end}"))
}

fn plain_note<const N: usize>(v: &Value) -> Result<Option<citynets::Text<N>>, String> {
    v.get("note")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(text)
        .transpose()
}

/// The language of a name, `None` for English (the model records only other languages).
fn language(code: Option<&str>) -> Result<Option<LanguageCode>, String> {
    match code {
        None | Some("en") => Ok(None),
        Some(c) => c
            .parse()
            .map(Some)
            .map_err(|e: citynets::ValueError| format!("language {c:?}: {e}")),
    }
}

/// A date the research gives as a year number or as ISO text.
fn date(v: &Value) -> Result<Option<PartialDate>, String> {
    match v {
        Value::Null => Ok(None),
        Value::Number(_) => year(v).map(Some),
        Value::String(s) => s
            .parse()
            .map(Some)
            .map_err(|e: citynets::ValueError| format!("date {s:?}: {e}")),
        other => Err(format!("a date must be a year or text, found {other}")),
    }
}

/// The language the research says a non-English `official_name_en` is in ("official_name_en
/// holds the Spanish name").
fn stated_name_language(conflicts: &[&str]) -> Option<&'static str> {
    const LANGUAGES: [(&str, &str); 6] = [
        ("Dutch", "nl"),
        ("French", "fr"),
        ("German", "de"),
        ("Italian", "it"),
        ("Portuguese", "pt"),
        ("Spanish", "es"),
    ];
    conflicts.iter().find_map(|c| {
        let rest = c.split("official_name_en holds the ").nth(1)?;
        let word = rest.split(' ').next()?;
        LANGUAGES
            .iter()
            .find(|(name, _)| *name == word)
            .map(|(_, code)| *code)
    })
}

/// Adds a name unless the same name from the same page is there already; then the one there
/// takes the acronym the new one brings, if it has none.
fn push_name(names: &mut Vec<OtherName>, name: OtherName) {
    let key = fold(&name.name);
    match names
        .iter_mut()
        .find(|o| fold(&o.name) == key && o.source == name.source)
    {
        Some(there) => {
            if there.acronym.is_none() {
                there.acronym = name.acronym;
            }
        }
        None => names.push(name),
    }
}

/// The acronym a research name carries beside it (`"acronym": "CGLU"`, read on the same page
/// as the name), if any.
fn name_acronym(v: &Value) -> Result<Option<citynets::Label>, String> {
    v.get("acronym")
        .and_then(Value::as_str)
        .map(text)
        .transpose()
}

fn other_name(name: &str, kind: NameKind, source: &str) -> Result<OtherName, String> {
    Ok(OtherName {
        name: text(name)?,
        kind,
        lang: None,
        acronym: None,
        start_date: None,
        end_date: None,
        source: Some(url(source)?),
        note: None,
    })
}

fn name_kind(kind: &str) -> Result<NameKind, String> {
    match kind {
        "translation" => Ok(NameKind::Translation),
        "former" => Ok(NameKind::Former),
        "short" | "alias" => Ok(NameKind::Short),
        other => Err(format!("unknown kind of name {other:?}")),
    }
}

/// Host and path of an address, for telling whether two addresses are one website.
fn site_key(u: &Url) -> String {
    let rest = u.as_str().split_once("://").map_or(u.as_str(), |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    format!("{}/{}", u.host(), path.trim_end_matches('/')).to_lowercase()
}

fn parse_vocab<T: std::str::FromStr>(what: &str, s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("{what}: unknown value {s:?}"))
}

fn list<T, const N: usize>(what: &str, items: Vec<T>) -> Result<List<T, N>, String> {
    List::new(items).map_err(|e| format!("{what}: {e}"))
}

/// What the readers of one record gather beside the fields they return.
#[derive(Default)]
struct Gathered {
    sources: Sources,
    names: Vec<OtherName>,
    notes: Vec<Remark>,
    caveats: Vec<Caveat>,
}

impl Gathered {
    fn remark(&mut self, note: &str, source: &str) -> Result<(), String> {
        self.notes.push(Remark {
            note: text(note)?,
            date: None,
            source: Some(url(source)?),
        });
        Ok(())
    }
}

/// Labels an error with the research fact it concerns.
fn about<T>(fact: &str, r: Result<T, String>) -> Result<T, String> {
    r.map_err(|e| format!("{fact}: {e}"))
}

/// Reads one research record into a network; an error names the fact it concerns.
fn network(e: &Value, index: &NameIndex, skip: &Skip) -> Result<Network, String> {
    let id: NetworkId = about(
        "id",
        str_of(e, "id")?
            .parse()
            .map_err(|e: citynets::ValueError| e.to_string()),
    )?;
    let conflicts: Vec<&str> = e["conflicts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut g = Gathered::default();
    let name = names(e, skip, &conflicts, &mut g)?;
    let acronym = about("acronym", acronym(e, skip, &mut g))?;
    let (founding_date, founding_alternatives) = about("founded", founding(e, skip, &mut g))?;
    let (secretariat, seats) = about("secretariat", secretariat(e, skip, &mut g))?;
    let site = about("website", site(e, skip, &mut g))?;
    let mut counts = Vec::new();
    for m in items(e, "members", "members", skip) {
        let mut c = about("members", member_count(m))?;
        c.note = about("members", plain_note(m))?;
        counts.push(c);
    }
    let (classification, scope, kind) = about("classification", classify(e, skip, &mut g.caveats))?;
    let parent = about("parent", parent(e, skip, index, &id, &mut g))?;
    let wikidata = match e.get("wikidata").filter(|v| !v.is_null()) {
        Some(w) => {
            let v = w.get("value").unwrap_or(w);
            let s = v.as_str().ok_or("wikidata: not text")?;
            Some(about(
                "wikidata",
                s.parse::<WikidataId>().map_err(|e| format!("{s:?}: {e}")),
            )?)
        }
        None => None,
    };
    for c in conflicts
        .iter()
        .filter(|c| !skip.has("conflict", &json!(c)))
    {
        let note = about("conflicts", text(c))?;
        match conflict_kind(c) {
            Some(kind) => g.caveats.push(Caveat {
                kind,
                note,
                source: None,
            }),
            None => g.notes.push(Remark {
                note,
                date: None,
                source: None,
            }),
        }
    }
    for (_, kind, note, source) in DECIDED_CAVEATS.iter().filter(|d| d.0 == id.as_str()) {
        g.caveats.push(Caveat {
            kind: *kind,
            note: text(note)?,
            source: Some(url(source)?),
        });
    }

    Ok(Network {
        id,
        name,
        acronym,
        other_names: list("other_names", g.names)?,
        description: None,
        policy_areas: classification.policy_areas,
        orientations: classification.orientations,
        focus: None,
        scope,
        kind,
        classification: classification.basis,
        website: site,
        wikidata,
        founding_date,
        founding_date_alternatives: list("founded_alternatives", founding_alternatives)?,
        dissolution_date: None,
        secretariat,
        secretariat_alternatives: list("secretariat_alternatives", seats)?,
        member_counts: list("members", counts)?,
        parent,
        caveats: list("caveats", g.caveats)?,
        notes: list("notes", g.notes)?,
        memberships: List::empty(),
        sources: list("sources", g.sources.0)?,
    })
}

/// The network's own name, with every other name the research gives. The research writes a
/// name in another language as `official_name_en` when it found no English one, and says so
/// among its conflicts; such a name is recorded as the network's name in its own language.
fn names(
    e: &Value,
    skip: &Skip,
    conflicts: &[&str],
    g: &mut Gathered,
) -> Result<citynets::Name, String> {
    let name_fact = fact(e, "official_name_en", skip)
        .ok_or("official_name_en: the registry needs the network's own name, with its source")?;
    let name_value = about("official_name_en", str_of(name_fact, "value"))?;
    let native = fact(e, "official_name_native", skip);
    let name_language = stated_name_language(conflicts).or_else(|| {
        native
            .filter(|n| n["value"].as_str() == Some(name_value))
            .and_then(|n| n["language"].as_str())
    });
    about(
        "official_name_en",
        (|| -> Result<(), String> {
            let kind = if name_language.is_some() {
                NameKind::OwnLanguage
            } else {
                NameKind::Official
            };
            g.sources.add(src(name_fact)?, Fact::Name, None)?;
            let mut own = other_name(name_value, kind, src(name_fact)?)?;
            own.lang = language(name_language)?;
            push_name(&mut g.names, own);
            Ok(())
        })(),
    )?;
    for alt in alternatives(e, "official_name_en", skip) {
        about(
            "official_name_en_alternatives",
            (|| -> Result<(), String> {
                let v = str_of(alt, "value")?;
                if v == name_value {
                    g.sources.add(src(alt)?, Fact::Name, None)
                } else {
                    push_name(&mut g.names, other_name(v, NameKind::Short, src(alt)?)?);
                    Ok(())
                }
            })(),
        )?;
    }
    for n in native
        .into_iter()
        .chain(alternatives(e, "official_name_native", skip))
    {
        about(
            "official_name_native",
            (|| -> Result<(), String> {
                let mut o = other_name(str_of(n, "value")?, NameKind::OwnLanguage, src(n)?)?;
                o.lang = language(n["language"].as_str())?;
                o.acronym = name_acronym(n)?;
                push_name(&mut g.names, o);
                Ok(())
            })(),
        )?;
    }
    for o in items(e, "other_names", "other_name", skip) {
        about(
            "other_names",
            (|| -> Result<(), String> {
                let kind = name_kind(str_of(o, "kind")?)?;
                let mut n = other_name(str_of(o, "value")?, kind, src(o)?)?;
                n.lang = language(o["language"].as_str())?;
                n.acronym = name_acronym(o)?;
                n.start_date = date(&o["from"])?;
                n.end_date = date(&o["until"])?;
                push_name(&mut g.names, n);
                Ok(())
            })(),
        )?;
    }
    about("official_name_en", text(name_value))
}

/// The acronym; a different one another page gives becomes a short name.
fn acronym(e: &Value, skip: &Skip, g: &mut Gathered) -> Result<Option<citynets::Label>, String> {
    let acronym = match fact(e, "acronym", skip) {
        Some(a) => {
            g.sources.add(src(a)?, Fact::Acronym, None)?;
            Some(text(str_of(a, "value")?)?)
        }
        None => None,
    };
    for alt in alternatives(e, "acronym", skip) {
        let v = str_of(alt, "value")?;
        if acronym.as_deref() == Some(v) {
            g.sources.add(src(alt)?, Fact::Acronym, None)?;
        } else {
            push_name(&mut g.names, other_name(v, NameKind::Short, src(alt)?)?);
        }
    }
    Ok(acronym)
}

/// The founding year and the years other pages give.
fn founding(
    e: &Value,
    skip: &Skip,
    g: &mut Gathered,
) -> Result<(Option<PartialDate>, Vec<AlternativeDate>), String> {
    let founding_date = match fact(e, "founded", skip) {
        Some(f) => {
            let note = labelled_note("Founding date", f);
            g.sources.add(src(f)?, Fact::FoundingDate, note)?;
            Some(year(&f["value"])?)
        }
        None => None,
    };
    let mut alternatives = Vec::new();
    for alt in items(e, "founded_alternatives", "founded_alternative", skip) {
        alternatives.push(AlternativeDate {
            value: year(&alt["value"])?,
            source: url(src(alt)?)?,
            note: plain_note(alt)?,
        });
    }
    Ok((founding_date, alternatives))
}

/// The seat of the secretariat and the seats other pages give.
fn secretariat(
    e: &Value,
    skip: &Skip,
    g: &mut Gathered,
) -> Result<(Option<Secretariat>, Vec<AlternativeSecretariat>), String> {
    let secretariat = match fact(e, "secretariat", skip) {
        Some(s) => {
            let note = labelled_note("Secretariat", s);
            g.sources.add(src(s)?, Fact::Secretariat, note)?;
            let v = &s["value"];
            Some(Secretariat {
                city: v["city"].as_str().map(text).transpose()?,
                country: country(v.get("country"))?,
                body: v["body"].as_str().map(text).transpose()?,
                other_offices: List::empty(),
            })
        }
        None => None,
    };
    let mut seats = Vec::new();
    for alt in items(
        e,
        "secretariat_alternatives",
        "secretariat_alternative",
        skip,
    ) {
        let v = &alt["value"];
        seats.push(AlternativeSecretariat {
            city: v["city"].as_str().map(text).transpose()?,
            country: country(v.get("country"))?,
            date: date(alt.get("year").unwrap_or(&Value::Null))?,
            source: url(src(alt)?)?,
            note: plain_note(alt)?,
        });
    }
    Ok((secretariat, seats))
}

/// The website; another page's address for the same site is a further source, a different
/// address a remark.
fn site(e: &Value, skip: &Skip, g: &mut Gathered) -> Result<Option<Url>, String> {
    let site = match fact(e, "website", skip) {
        Some(w) => {
            let (site, remark) = website(str_of(w, "value")?)?;
            let note = labelled_note("Website", w)
                .or_else(|| remark.map(|r| format!("Website: also given: {r}.")));
            g.sources.add(src(w)?, Fact::Website, note)?;
            Some(site)
        }
        None => None,
    };
    for alt in alternatives(e, "website", skip) {
        let (other, _) = website(str_of(alt, "value")?)?;
        match &site {
            Some(s) if site_key(s) == site_key(&other) => {
                g.sources
                    .add(src(alt)?, Fact::Website, labelled_note("Website", alt))?;
            }
            _ => g.remark(
                &format!("Another page gives the website as {other}."),
                src(alt)?,
            )?,
        }
    }
    Ok(site)
}

/// The parent organisation; a successor where the research puts a parent, and the parents
/// other pages name, become remarks.
fn parent(
    e: &Value,
    skip: &Skip,
    index: &NameIndex,
    id: &NetworkId,
    g: &mut Gathered,
) -> Result<Option<Parent>, String> {
    let mut parent = None;
    if let Some(p) = fact(e, "parent", skip) {
        match read_parent(str_of(p, "value")?, src(p)?, index, id)? {
            ParentReading::Parent(found) => parent = Some(found),
            ParentReading::Successor(remark) => g.notes.push(remark),
        }
    }
    for alt in alternatives(e, "parent", skip) {
        let page = url_text(src(alt)?);
        if parent
            .as_ref()
            .is_some_and(|p: &Parent| p.source == page.as_str())
        {
            continue;
        }
        let named = match read_parent(str_of(alt, "value")?, src(alt)?, index, id)? {
            ParentReading::Parent(p) => p.name.to_string(),
            ParentReading::Successor(r) => r.note.to_string(),
        };
        g.remark(
            &format!("Another page also names {named} as the organisation behind it."),
            src(alt)?,
        )?;
    }
    Ok(parent)
}

impl NameIndex {
    /// A network's name for an id, as the research or the catalogue writes it; the id itself
    /// when no name is known.
    fn display_name(&self, id: &str) -> String {
        self.display
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_the_research_says_is_not_english_gets_its_language() {
        assert_eq!(
            stated_name_language(&[
                "No English name found; official_name_en holds the Spanish name."
            ]),
            Some("es")
        );
        assert_eq!(stated_name_language(&["Founded 1990."]), None);
    }

    fn record() -> Value {
        json!({
            "id": "test-network",
            "official_name_en": {"value": "Test Network", "source": "https://example.org/name"},
            "official_name_native": null,
            "other_names": [],
            "acronym": {"value": "TN", "source": "https://example.org/name"},
            "founded": {"value": 1990, "source": "https://example.org/founded", "note": "first meeting"},
            "founded_alternatives": [{"value": 1991, "source": "https://example.org/alt"}],
            "secretariat": {"value": {"city": "Ghent", "country": "BE"}, "source": "https://example.org/seat"},
            "website": {"value": "https://example.org", "source": "https://example.org/name"},
            "members": [{"value": "over 40 cities", "year": 2020, "source": "https://example.org/m"}],
            "scope": {"value": "european", "source": "https://example.org/name"},
            "kind": {"value": "city_network", "source": "https://example.org/name"},
            "parent": {"value": "uclg (regional section)", "source": "https://example.org/p"},
            "wikidata": null,
            "policy_areas": ["climate"],
            "orientations": ["advocacy"],
            "conflicts": ["Founding: 1990 (one page) vs 1991 (another page)."],
            "spellings": []
        })
    }

    fn build_one(r: Value) -> Result<Network, String> {
        let research = json!([r, {
            "id": "uclg",
            "official_name_en": {"value": "United Cities and Local Governments", "source": "https://example.org/u"},
            "kind": {"value": "city_network", "source": "https://example.org/u"}
        }]);
        let networks = build(citynets::ghent(), &research, &[])?;
        networks
            .into_iter()
            .find(|n| n.id == "test-network")
            .ok_or_else(|| "missing".to_owned())
    }

    #[test]
    fn a_research_record_becomes_a_sourced_network() {
        let n = build_one(record()).unwrap();
        assert_eq!(n.name, "Test Network");
        assert_eq!(
            n.official_name().map(|o| o.name.as_str()),
            Some("Test Network")
        );
        assert_eq!(n.founding_date.as_deref(), Some("1990"));
        assert!(
            n.sources_for(Fact::FoundingDate)
                .any(|s| s.url == "https://example.org/founded"
                    && s.note.as_deref() == Some("Founding date: first meeting."))
        );
        assert_eq!(n.founding_date_alternatives[0].value, "1991");
        assert_eq!(
            n.secretariat
                .as_ref()
                .and_then(|s| s.country.clone())
                .as_deref(),
            Some("BE")
        );
        assert_eq!(n.member_counts[0].count, 40);
        let p = n.parent.as_ref().unwrap();
        assert_eq!(p.organization_id.as_deref(), Some("uclg"));
        assert_eq!(p.relation, citynets::Relation::RegionalChapterOf);
        assert!(
            n.classification
                .as_ref()
                .is_some_and(|c| c.basis.contains("registry's own reading"))
        );
        assert_eq!(n.caveats[0].kind, CaveatKind::SourcesDisagree);
        assert!(n.memberships.is_empty());
        // A parent the registry does not hold keeps the research's wording, without an id.
        let alone = build(citynets::ghent(), &json!([record()]), &[]).unwrap();
        let n = alone.iter().find(|n| n.id == "test-network").unwrap();
        let p = n.parent.as_ref().unwrap();
        assert_eq!(
            (p.organization_id.as_ref(), p.name.as_str()),
            (None, "uclg")
        );
    }

    #[test]
    fn a_fact_without_a_source_stays_out_and_errors_name_network_and_fact() {
        let mut r = record();
        r["founded"] = json!({"value": 1990});
        r["members"] = json!([{"value": 12, "year": null}]);
        let n = build_one(r).unwrap();
        assert_eq!(n.founding_date, None);
        assert!(n.member_counts.is_empty());

        let mut r = record();
        r["secretariat"]["value"]["country"] = json!("Atlantis");
        let err = build_one(r).unwrap_err();
        assert!(err.starts_with("test-network: secretariat:"), "{err}");

        let mut r = record();
        r["official_name_en"] = json!({"value": "Nameless"});
        let err = build_one(r).unwrap_err();
        assert!(err.contains("test-network: official_name_en"), "{err}");

        let mut r = record();
        r["other_names"] = json!([{"value": "X", "kind": "nickname", "language": "en", "from": null, "until": null, "source": "https://example.org/x"}]);
        let err = build_one(r).unwrap_err();
        assert!(err.starts_with("test-network: other_names:"), "{err}");
    }

    #[test]
    fn a_name_carries_the_acronym_the_research_gives_beside_it() {
        let mut r = record();
        r["official_name_native"] = json!({"value": "Réseau d'essai", "language": "fr", "source": "https://example.org/fr"});
        r["other_names"] = json!([
            {"value": "Old Test Network", "kind": "former", "language": "en", "from": "1980", "until": "1990", "acronym": "OTN", "source": "https://example.org/old"},
            {"value": "Réseau d'essai", "kind": "translation", "language": "fr", "from": null, "until": null, "acronym": "RE", "source": "https://example.org/fr"}
        ]);
        let n = build_one(r).unwrap();
        let named = |name: &str| {
            n.other_names
                .iter()
                .filter(|o| o.name.as_str() == name)
                .map(|o| o.acronym.as_deref())
                .collect::<Vec<_>>()
        };
        assert_eq!(named("Old Test Network"), [Some("OTN")]);
        // The same name from the same page stays one name, and takes the acronym.
        assert_eq!(named("Réseau d'essai"), [Some("RE")]);
    }

    #[test]
    fn an_excluded_fact_stays_out() {
        let excluded = [Exclusion {
            network: "test-network".into(),
            fact: "founded".into(),
            source: Some("https://example.org/founded".into()),
            value: None,
        }];
        let research = json!([record(), {
            "id": "uclg",
            "official_name_en": {"value": "United Cities and Local Governments", "source": "https://example.org/u"}
        }]);
        let networks = build(citynets::ghent(), &research, &excluded).unwrap();
        let n = networks.iter().find(|n| n.id == "test-network").unwrap();
        assert_eq!(n.founding_date, None);
        assert_eq!(networks.len(), 40);
        let eurocities = networks.iter().find(|n| n.id == "eurocities").unwrap();
        let mut want = citynets::ghent().by_id("eurocities").unwrap().clone();
        want.memberships = List::empty();
        assert_eq!(*eurocities, want);
    }
}
