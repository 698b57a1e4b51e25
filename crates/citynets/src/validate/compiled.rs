//! The committed JSON Schemas, embedded in the crate and compiled into a table of nodes the
//! validator walks. Only the keywords the schemas use are supported; loading a schema with any
//! other keyword fails (a test loads all three), so the validator can never silently ignore a
//! constraint.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::{DocumentKind, LanguageCode, NetworkId, PartialDate, Url, WikidataId};

/// The committed schemas, as embedded in the crate (byte-identical to `schema/`; a test checks).
pub(crate) fn schema_text(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Catalogue => include_str!("../../schema/catalogue.schema.json"),
        DocumentKind::Network => include_str!("../../schema/network.schema.json"),
        DocumentKind::Membership => include_str!("../../schema/membership.schema.json"),
    }
}

/// JSON types, as a bit set.
pub(crate) mod ty {
    pub const NULL: u8 = 1;
    pub const BOOLEAN: u8 = 2;
    pub const OBJECT: u8 = 4;
    pub const ARRAY: u8 = 8;
    pub const NUMBER: u8 = 16;
    pub const STRING: u8 = 32;
    pub const INTEGER: u8 = 64;
}

/// The string forms the schemas' `pattern`s describe, each checked by hand-written code that
/// accepts exactly what the regular expression accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pattern {
    Date,
    Url,
    Id,
    Language,
    Wikidata,
}

impl Pattern {
    fn from_regex(re: &str) -> Option<Pattern> {
        Some(match re {
            r if r == PartialDate::PATTERN => Pattern::Date,
            r if r == Url::PATTERN => Pattern::Url,
            r if r == NetworkId::PATTERN => Pattern::Id,
            r if r == LanguageCode::PATTERN => Pattern::Language,
            r if r == WikidataId::PATTERN => Pattern::Wikidata,
            _ => return None,
        })
    }

    /// Whether a whole string matches.
    pub fn matches(self, s: &str) -> bool {
        match self {
            Pattern::Date => PartialDate::matches_pattern(s),
            Pattern::Url => Url::matches_pattern(s),
            Pattern::Id => NetworkId::matches_pattern(s),
            Pattern::Language => LanguageCode::matches_pattern(s),
            Pattern::Wikidata => WikidataId::matches_pattern(s),
        }
    }

    /// What the form is, in words.
    pub fn expected(self) -> &'static str {
        match self {
            Pattern::Date => PartialDate::EXPECTED,
            Pattern::Url => Url::EXPECTED,
            Pattern::Id => NetworkId::EXPECTED,
            Pattern::Language => LanguageCode::EXPECTED,
            Pattern::Wikidata => WikidataId::EXPECTED,
        }
    }
}

/// One schema, compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// JSON Pointer of this schema within the document (`/$defs/RoleHeld`), the base of every
    /// keyword location.
    pub path: String,
    /// The allowed types (`type`), or 0 for any.
    pub types: u8,
    /// The vocabulary name (`title`) when this is a vocabulary's enum.
    pub title: Option<String>,
    /// Allowed values (`enum`): strings, or `None` for null.
    pub enum_values: Option<Vec<Option<String>>>,
    /// What a value not among `enum_values` is told, after the value: "is not a Scope value;
    /// expected one of: ...". Written once, when compiling: a file can need it thousands of
    /// times.
    pub enum_message: String,
    /// Whether `enum_values` are the assigned country codes: checked with a bit set rather than
    /// one by one, and told so in a short message.
    pub country: bool,
    /// Whether the string is a reference to a network (`organization_id`): its pattern's
    /// suggestion then comes from the catalogues in use, not from a slug alone.
    pub reference: bool,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<Pattern>,
    pub pattern_text: Option<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    /// The schema of the items (`items`).
    pub items: Option<usize>,
    /// The schema of each property (`properties`), in schema order.
    pub properties: Vec<(String, usize)>,
    /// The required properties (`required`).
    pub required: Vec<String>,
    /// `additionalProperties: false`.
    pub closed: bool,
    /// The property the [`conditions`](Self::conditions) look at, by position in
    /// `properties`.
    pub discriminator: Option<usize>,
    /// Requirements that hold only for some values of the discriminator (`allOf` of
    /// `if`/`then`), in schema order.
    pub conditions: Vec<Condition>,
}

/// One branch of an `allOf`: `{"if": {"properties": {P: {"enum": [...]}}, "required": [P]},
/// "then": {"required": [...]}}`, where `P` is the node's discriminator. The `if` holds when the
/// object has `P` with one of `values`; then the object must have every field of `required`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Condition {
    /// The discriminator's values for which the requirement holds.
    pub values: Vec<String>,
    /// The fields then required.
    pub required: Vec<String>,
    /// The keyword location of that `required` (`/$defs/Member/allOf/1/then/required`).
    pub keyword: String,
}

/// A required field an object lacks, and what requires it: the node's own `required`, or a
/// condition that holds for the object.
pub(crate) type Missing<'a> = (&'a str, Option<&'a Condition>);

impl Node {
    /// The schema of a property.
    pub fn property(&self, key: &str) -> Option<usize> {
        self.property_index(key).map(|i| self.properties[i].1)
    }

    /// [`property_index`](Self::property_index) for a key given as bytes.
    #[inline]
    pub fn property_index_bytes(&self, key: &[u8]) -> Option<usize> {
        self.properties
            .iter()
            .position(|(k, _)| k.as_bytes() == key)
    }

    /// The discriminator's value as compiled that equals `value`, when a condition names it.
    #[inline]
    pub fn discriminator_value(&self, value: &str) -> Option<&str> {
        self.conditions
            .iter()
            .flat_map(|c| &c.values)
            .find(|v| *v == value)
            .map(String::as_str)
    }

    /// The required fields an object lacks, in the order they are reported: those of
    /// `required`, then those of each condition that holds for the discriminator's value
    /// `chosen` (`None`: absent, or not a value any condition names). `has` says whether the
    /// object has a field. The engine and the tables both ask this, so that they name the same
    /// fields.
    pub fn missing<'a>(
        &'a self,
        chosen: Option<&'a str>,
        has: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = Missing<'a>> + 'a {
        let own = self.required.iter().map(|r| (r.as_str(), None));
        let conditional = self
            .conditions
            .iter()
            .filter(move |c| chosen.is_some_and(|v| c.values.iter().any(|x| x == v)))
            .flat_map(|c| c.required.iter().map(move |r| (r.as_str(), Some(c))));
        own.chain(conditional).filter(move |(r, _)| !has(r))
    }

    /// The position of a property in `properties` (at most 64, checked when compiling).
    #[inline]
    pub fn property_index(&self, key: &str) -> Option<usize> {
        self.properties
            .iter()
            .position(|(k, _)| k.len() == key.len() && k == key)
    }
}

/// A compiled schema document.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub nodes: Vec<Node>,
    pub root: usize,
}

/// Keywords that carry no constraint.
const ANNOTATIONS: [&str; 6] = [
    "$schema",
    "$id",
    "title",
    "description",
    "enumDescriptions",
    "default",
];

impl Compiled {
    /// The compiled schema of one kind of document (compiled once).
    pub fn get(kind: DocumentKind) -> &'static Compiled {
        static CACHE: [OnceLock<Compiled>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = match kind {
            DocumentKind::Catalogue => 0,
            DocumentKind::Network => 1,
            DocumentKind::Membership => 2,
        };
        CACHE[i].get_or_init(|| {
            // The embedded schemas are part of the crate and compiled by its tests.
            #[allow(clippy::panic)]
            Compiled::compile(schema_text(kind))
                .unwrap_or_else(|e| panic!("embedded {kind} schema: {e}"))
        })
    }

    /// Compiles a schema document.
    pub fn compile(text: &str) -> Result<Compiled, String> {
        let doc: Value = super::json::read(text).map_err(|e| e.to_string())?;
        let mut c = Compiler {
            doc: &doc,
            nodes: Vec::new(),
            by_path: Vec::new(),
        };
        let root = c.node(&doc, String::new())?;
        Ok(Compiled {
            nodes: c.nodes,
            root,
        })
    }
}

struct Compiler<'a> {
    doc: &'a Value,
    nodes: Vec<Node>,
    by_path: Vec<(String, usize)>,
}

impl Compiler<'_> {
    fn node(&mut self, schema: &Value, path: String) -> Result<usize, String> {
        let obj = schema
            .as_object()
            .ok_or_else(|| format!("{path}: a schema must be an object"))?;
        if let Some(target) = obj.get("$ref") {
            let target = target
                .as_str()
                .ok_or_else(|| format!("{path}: $ref must be a string"))?;
            let pointer = target
                .strip_prefix('#')
                .ok_or_else(|| format!("{path}: only local $ref is supported"))?;
            if let Some(k) = obj
                .keys()
                .find(|k| *k != "$ref" && !ANNOTATIONS.contains(&k.as_str()))
            {
                return Err(format!("{path}: keyword {k} beside $ref is not supported"));
            }
            if let Some((_, n)) = self.by_path.iter().find(|(p, _)| p == pointer) {
                return Ok(*n);
            }
            let resolved = self
                .doc
                .pointer(pointer)
                .ok_or_else(|| format!("{path}: $ref {target} not found"))?;
            return self.node(resolved, pointer.to_owned());
        }
        let index = self.nodes.len();
        self.nodes.push(Node {
            path: path.clone(),
            ..Node::default()
        });
        self.by_path.push((path.clone(), index));
        let mut n = Node {
            path: path.clone(),
            ..Node::default()
        };
        let mut discriminator: Option<&str> = None;
        for (key, v) in obj {
            let bad = || format!("{path}/{key}: unexpected value {v}");
            match key.as_str() {
                k if ANNOTATIONS.contains(&k) => {
                    if k == "title" {
                        n.title = v.as_str().map(str::to_owned);
                    }
                }
                "$defs" => {}
                "type" => n.types = types(v).ok_or_else(bad)?,
                "enum" => {
                    let values = v.as_array().ok_or_else(bad)?;
                    let mut out = Vec::new();
                    for x in values {
                        match x {
                            Value::String(s) => out.push(Some(s.clone())),
                            Value::Null => out.push(None),
                            _ => return Err(bad()),
                        }
                    }
                    n.enum_values = Some(out);
                }
                "minLength" => n.min_length = Some(v.as_u64().ok_or_else(bad)?),
                "maxLength" => n.max_length = Some(v.as_u64().ok_or_else(bad)?),
                "pattern" => {
                    let re = v.as_str().ok_or_else(bad)?;
                    n.pattern = Some(
                        Pattern::from_regex(re)
                            .ok_or_else(|| format!("{path}: no checker for pattern {re}"))?,
                    );
                    n.pattern_text = Some(re.to_owned());
                }
                "minimum" => n.minimum = Some(v.as_f64().ok_or_else(bad)?),
                "maximum" => n.maximum = Some(v.as_f64().ok_or_else(bad)?),
                "minItems" => n.min_items = Some(v.as_u64().ok_or_else(bad)?),
                "maxItems" => n.max_items = Some(v.as_u64().ok_or_else(bad)?),
                "uniqueItems" => n.unique_items = v.as_bool().ok_or_else(bad)?,
                "items" => {
                    let child = self.node(v, format!("{path}/items"))?;
                    n.items = Some(child);
                }
                "properties" => {
                    let props: &Map<String, Value> = v.as_object().ok_or_else(bad)?;
                    for (name, s) in props {
                        let child = self.node(s, format!("{path}/properties/{}", escape(name)))?;
                        n.properties.push((name.clone(), child));
                    }
                }
                "required" => {
                    // `required` properties must also be listed in `properties` for the
                    // validator's bookkeeping (checked after the loop).
                    for r in v.as_array().ok_or_else(bad)? {
                        n.required.push(r.as_str().ok_or_else(bad)?.to_owned());
                    }
                }
                "allOf" => {
                    for (i, branch) in v.as_array().ok_or_else(bad)?.iter().enumerate() {
                        let at = format!("{path}/allOf/{i}");
                        let (property, condition) = condition(branch, &at)?;
                        if *discriminator.get_or_insert(property) != property {
                            return Err(format!("{at}: only one discriminator is supported"));
                        }
                        n.conditions.push(condition);
                    }
                }
                "additionalProperties" => {
                    if v != &Value::Bool(false) {
                        return Err(bad());
                    }
                    n.closed = true;
                }
                other => {
                    return Err(format!(
                        "{path}: keyword {other} is not supported by the validator"
                    ));
                }
            }
        }
        n.reference = n.pattern == Some(Pattern::Id) && path.ends_with("/organization_id");
        if let Some(values) = &n.enum_values {
            // The codes, in order, with null or not (an optional country's schema).
            let codes = values.iter().flatten();
            n.country = codes.clone().count() == crate::countries::assigned().count()
                && codes.zip(crate::countries::assigned()).all(|(v, c)| v == c);
            n.enum_message = if n.country {
                let null = values.iter().any(Option::is_none);
                format!(
                    "{}{}",
                    super::messages::NOT_A_COUNTRY,
                    if null { " (or null, for no value)" } else { "" }
                )
            } else {
                enum_message(n.title.as_deref(), values)
            };
        }
        if n.properties.len() > 64 {
            return Err(format!("{path}: more than 64 properties"));
        }
        if let Some(d) = discriminator {
            n.discriminator = Some(
                n.property_index(d)
                    .ok_or_else(|| format!("{path}: allOf looks at {d}, not in properties"))?,
            );
        }
        let conditional = n.conditions.iter().flat_map(|c| &c.required);
        if let Some(r) = n
            .required
            .iter()
            .chain(conditional)
            .find(|r| n.property_index(r).is_none())
        {
            return Err(format!(
                "{path}: required property {r} is not in properties"
            ));
        }
        self.nodes[index] = n;
        Ok(index)
    }
}

/// Compiles one branch of an `allOf` (at `at`): the only form supported is that of
/// [`Condition`]; any other is refused, so that no constraint is silently ignored. Returns the
/// discriminator's name and the condition.
fn condition<'v>(branch: &'v Value, at: &str) -> Result<(&'v str, Condition), String> {
    let unsupported = || {
        format!(
            "{at}: only {{\"if\": {{\"properties\": {{P: {{\"enum\": [...]}}}}, \"required\": [P]}}, \"then\": {{\"required\": [...]}}}} is supported in allOf"
        )
    };
    // An object with exactly the keys `keys`, their values in that order.
    let exactly = |v: &'v Value, keys: &[&str]| -> Option<Vec<&'v Value>> {
        let o = v.as_object()?;
        (o.len() == keys.len())
            .then(|| keys.iter().map(|k| o.get(*k)).collect::<Option<Vec<_>>>())
            .flatten()
    };
    let strings = |v: &Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let [when, then] = exactly(branch, &["if", "then"]).ok_or_else(unsupported)?[..] else {
        return Err(unsupported());
    };
    let [properties, required] =
        exactly(when, &["properties", "required"]).ok_or_else(unsupported)?[..]
    else {
        return Err(unsupported());
    };
    let (property, values) = match properties.as_object() {
        Some(p) if p.len() == 1 => p.iter().next().ok_or_else(unsupported)?,
        _ => return Err(unsupported()),
    };
    let [values] = exactly(values, &["enum"]).ok_or_else(unsupported)?[..] else {
        return Err(unsupported());
    };
    let values = strings(values).ok_or_else(unsupported)?;
    if strings(required) != Some(vec![property.clone()]) {
        return Err(unsupported());
    }
    let [then_required] = exactly(then, &["required"]).ok_or_else(unsupported)?[..] else {
        return Err(unsupported());
    };
    let required = strings(then_required).ok_or_else(unsupported)?;
    Ok((
        property.as_str(),
        Condition {
            values,
            required,
            keyword: format!("{at}/then/required"),
        },
    ))
}

fn types(v: &Value) -> Option<u8> {
    let one = |s: &str| -> Option<u8> {
        Some(match s {
            "null" => ty::NULL,
            "boolean" => ty::BOOLEAN,
            "object" => ty::OBJECT,
            "array" => ty::ARRAY,
            "number" => ty::NUMBER,
            "string" => ty::STRING,
            "integer" => ty::INTEGER,
            _ => return None,
        })
    };
    match v {
        Value::String(s) => one(s),
        Value::Array(a) => a
            .iter()
            .try_fold(0u8, |acc, x| Some(acc | one(x.as_str()?)?)),
        _ => None,
    }
}

/// Escapes a JSON Pointer token (kept here under its old name for the engine).
pub(crate) use super::pointer::escape;

/// The names of the types in a set, for messages: `a string or null`.
pub(crate) fn type_names(types: u8) -> String {
    let mut names = Vec::new();
    for (bit, name) in [
        (ty::OBJECT, "an object"),
        (ty::ARRAY, "an array"),
        (ty::STRING, "a string"),
        (ty::INTEGER, "an integer"),
        (ty::NUMBER, "a number"),
        (ty::BOOLEAN, "true or false"),
        (ty::NULL, "null"),
    ] {
        if types & bit != 0 {
            names.push(name);
        }
    }
    match names.as_slice() {
        [] => "any value".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// See [`Node::enum_message`].
fn enum_message(title: Option<&str>, values: &[Option<String>]) -> String {
    let allowed: Vec<String> = values.iter().flatten().map(|s| format!("{s:?}")).collect();
    let what = title.map_or_else(
        || "an allowed value".to_owned(),
        |t| {
            let article = if t.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {t} value")
        },
    );
    let null = if values.iter().any(Option::is_none) {
        " (or null, for no value)"
    } else {
        ""
    };
    format!(
        "is not {what}; expected one of: {}{null}",
        allowed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// An object schema with `kind` and `name`, and `extra` added to it.
    fn with(extra: Value) -> Result<Compiled, String> {
        let mut s = json!({
            "type": "object",
            "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
        });
        if let (Value::Object(s), Value::Object(extra)) = (&mut s, extra) {
            s.extend(extra);
        }
        Compiled::compile(&s.to_string())
    }

    fn branch(when: Value, then: Value) -> Value {
        json!({"if": when, "then": then})
    }

    /// The one form of `allOf` compiles into conditions on the discriminator.
    #[test]
    fn an_all_of_of_requirements_on_a_discriminator_compiles() {
        let c = with(json!({"allOf": [
            branch(json!({"properties": {"kind": {"enum": ["a", "b"]}}, "required": ["kind"]}),
                   json!({"required": ["name"]})),
            branch(json!({"properties": {"kind": {"enum": ["c"]}}, "required": ["kind"]}),
                   json!({"required": ["kind", "name"]})),
        ]}))
        .expect("compiles");
        let n = &c.nodes[c.root];
        assert_eq!(n.discriminator, n.property_index("kind"));
        assert_eq!(n.conditions.len(), 2);
        assert_eq!(n.conditions[0].values, ["a", "b"]);
        assert_eq!(n.conditions[1].keyword, "/allOf/1/then/required");
        assert_eq!(n.discriminator_value("b"), Some("b"));
        assert_eq!(n.discriminator_value("d"), None);
        let missing: Vec<&str> = n.missing(Some("a"), |_| false).map(|(f, _)| f).collect();
        assert_eq!(missing, ["name"]);
        assert_eq!(n.missing(Some("d"), |_| false).count(), 0);
        assert_eq!(n.missing(None, |_| false).count(), 0);
    }

    /// Any other use of `allOf`, `if` and `then` is refused, so that no constraint is ever
    /// silently ignored.
    #[test]
    fn other_uses_of_all_of_if_and_then_are_refused() {
        let when = json!({"properties": {"kind": {"enum": ["a"]}}, "required": ["kind"]});
        let then = json!({"required": ["name"]});
        let refused = [
            json!({"if": when.clone(), "then": then.clone()}),
            json!({"then": then.clone()}),
            json!({"allOf": {"if": when.clone(), "then": then.clone()}}),
            json!({"allOf": [{"type": "object"}]}),
            json!({"allOf": [{"if": when.clone()}]}),
            json!({"allOf": [{"if": when.clone(), "then": then.clone(), "else": then.clone()}]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"const": "a"}}, "required": ["kind"]}), then.clone())]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"enum": ["a"], "type": "string"}}, "required": ["kind"]}), then.clone())]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"enum": [1]}}, "required": ["kind"]}), then.clone())]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"enum": ["a"]}}}), then.clone())]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"enum": ["a"]}}, "required": ["name"]}), then.clone())]}),
            json!({"allOf": [branch(json!({"properties": {"kind": {"enum": ["a"]}, "name": {"enum": ["x"]}}, "required": ["kind"]}), then.clone())]}),
            json!({"allOf": [branch(when.clone(), json!({"required": ["name"], "properties": {}}))]}),
            json!({"allOf": [branch(when.clone(), json!({"required": ["nowhere"]}))]}),
            json!({"allOf": [branch(json!({"properties": {"nowhere": {"enum": ["a"]}}, "required": ["nowhere"]}), then.clone())]}),
            json!({"allOf": [
                branch(when.clone(), then.clone()),
                branch(json!({"properties": {"name": {"enum": ["a"]}}, "required": ["name"]}), json!({"required": ["kind"]})),
            ]}),
        ];
        for extra in refused {
            assert!(with(extra.clone()).is_err(), "compiled: {extra}");
        }
        assert!(with(json!({"allOf": [branch(when, then)]})).is_ok());
    }
}
