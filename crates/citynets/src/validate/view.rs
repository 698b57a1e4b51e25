//! Views of the records for the [fast path](super::fast): types that accept exactly what
//! [`Network`](crate::Network) and [`Membership`](crate::Membership) accept, but keep only what
//! the warnings need (ids, names, dates), borrowed from the input where it can be.
//!
//! Reading a record into the model's types builds every string and list it holds, only for
//! the fast path to drop them again: most of the cost of a clean record. A view reads the same
//! fields with the same serde attributes; a string value is checked by its type's own check
//! ([`Accepts`]) and not kept ([`Valid`]), and a list is read item by item without being
//! collected ([`Each`], [`Distinct`]).
//!
//! Three things keep the views and the model from drifting apart: each view has the fields,
//! attributes and schema of its model type (a test compares the JSON Schema of the views with
//! the committed one, `views_have_the_schema_of_the_model`), each leaf value is checked by the
//! model type's own check, and a test reads thousands of mutated records both ways
//! (`views_accept_what_the_model_accepts`). Besides, `tests/differential.rs` and
//! `tests/fast_path.rs` compare the whole reports with an independent validator and with the
//! engine.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::rules::facts;
use crate::checked::Accepts;
use crate::{
    CaveatKind, CountQualifier, CountryCode, Fact, Focus, Kind, Label, LanguageCode, List,
    MemberKind, Name, NameKind, Needs, NetworkId, Note, Orientation, PartialDate, PolicyArea,
    Relation, Role, Scope, Status, Text, Url, WikidataId,
};

/// A string value that `T` accepts, not kept.
pub(crate) struct Valid<T>(PhantomData<T>);

/// A string value that `T` accepts, kept as it was read: borrowed from the input when it has
/// no escape.
pub(crate) struct Kept<'a, T>(Cow<'a, str>, PhantomData<T>);

impl<T> Kept<'_, T> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `String` accepts: a string, or bytes that are UTF-8.
fn utf8<'v, E: de::Error>(v: &'v [u8], expected: &dyn de::Expected) -> Result<&'v str, E> {
    std::str::from_utf8(v).map_err(|_| E::invalid_value(de::Unexpected::Bytes(v), expected))
}

/// The error of a string that `T` refuses (its text does not matter: the record then goes to
/// the engine, which says what is wrong).
fn refused<E: de::Error>() -> E {
    E::custom("refused by the type")
}

struct ValidVisitor<T>(PhantomData<T>);

impl<T: Accepts> Visitor<'_> for ValidVisitor<T> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if T::accepts(v) {
            Ok(())
        } else {
            Err(refused())
        }
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        {
            let s = utf8(v, &self)?;
            self.visit_str(s)
        }
    }
}

impl<'de, T: Accepts> Deserialize<'de> for Valid<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `String`'s request, as the model's string types make it.
        d.deserialize_string(ValidVisitor::<T>(PhantomData))?;
        Ok(Valid(PhantomData))
    }
}

struct KeptVisitor<T>(PhantomData<T>);

impl<'de, T: Accepts> Visitor<'de> for KeptVisitor<T> {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        if T::accepts(v) {
            Ok(Cow::Borrowed(v))
        } else {
            Err(refused())
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if T::accepts(v) {
            Ok(Cow::Owned(v.to_owned()))
        } else {
            Err(refused())
        }
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        {
            let s = utf8(v, &self)?;
            self.visit_borrowed_str(s)
        }
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        {
            let s = utf8(v, &self)?;
            self.visit_str(s)
        }
    }
}

impl<'de: 'a, 'a, T: Accepts> Deserialize<'de> for Kept<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Kept(
            d.deserialize_string(KeptVisitor::<T>(PhantomData))?,
            PhantomData,
        ))
    }
}

/// A list of at most `MAX` items of `T`, each read and dropped: what [`List`] accepts.
pub(crate) struct Each<T, const MAX: usize>(PhantomData<T>);

impl<T, const MAX: usize> Default for Each<T, MAX> {
    fn default() -> Self {
        Each(PhantomData)
    }
}

struct EachVisitor<T, const MAX: usize>(PhantomData<T>);

impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for EachVisitor<T, MAX> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a list of at most {MAX} items")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while seq.next_element::<T>()?.is_some() {
            if n >= MAX {
                return Err(de::Error::custom("too many items"));
            }
            n += 1;
        }
        Ok(())
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for Each<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(EachVisitor::<T, MAX>(PhantomData))?;
        Ok(Each(PhantomData))
    }
}

/// A list of 1 to `MAX` distinct values of `T` (a closed vocabulary), read without
/// allocating: what [`Set`](crate::Set) accepts.
pub(crate) struct Distinct<T, const MAX: usize>(PhantomData<T>);

struct DistinctVisitor<T, const MAX: usize>(PhantomData<T>);

impl<'de, T, const MAX: usize> Visitor<'de> for DistinctVisitor<T, MAX>
where
    T: Deserialize<'de> + Copy + PartialEq,
{
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a list of 1 to {MAX} distinct items")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut seen = [None::<T>; MAX];
        let mut n = 0;
        while let Some(item) = seq.next_element::<T>()? {
            let (before, rest) = seen.split_at_mut(n);
            let Some(slot) = rest.first_mut() else {
                return Err(de::Error::custom("too many items"));
            };
            if before.contains(&Some(item)) {
                return Err(de::Error::custom("an item repeated"));
            }
            *slot = Some(item);
            n += 1;
        }
        if n == 0 {
            return Err(de::Error::custom("no item"));
        }
        Ok(())
    }
}

impl<'de, T, const MAX: usize> Deserialize<'de> for Distinct<T, MAX>
where
    T: Deserialize<'de> + Copy + PartialEq,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(DistinctVisitor::<T, MAX>(PhantomData))?;
        Ok(Distinct(PhantomData))
    }
}

/// Defines a view: a struct that reads what the model type named after `as` reads, under
/// that type's schema name, and keeps none of its fields but those the warnings use.
macro_rules! view {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident $(<$lt:lifetime>)? as $model:literal { $($fields:tt)* }
    ) => {
        #[derive(Deserialize)]
        #[allow(dead_code, reason = "fields are read for their checks, and most are not kept")]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "schema", schemars(rename = $model))]
        #[serde(deny_unknown_fields)]
        $(#[$attr])*
        $vis struct $name $(<$lt>)? { $($fields)* }
    };
}

view! {
    /// The view of a [`Network`](crate::Network).
    pub(crate) struct NetworkView<'a> as "Network" {
        #[serde(borrow)]
        id: Kept<'a, NetworkId>,
        #[serde(borrow)]
        name: Kept<'a, Name>,
        #[serde(default, borrow)]
        acronym: Option<Kept<'a, Label>>,
        #[serde(default)]
        other_names: Each<OtherNameView, 24>,
        #[serde(default)]
        description: Option<Valid<Note>>,
        #[serde(default)]
        policy_areas: Option<Distinct<PolicyArea, 24>>,
        #[serde(default)]
        orientations: Option<Distinct<Orientation, 5>>,
        #[serde(default)]
        focus: Option<Focus>,
        #[serde(default)]
        scope: Option<Scope>,
        #[serde(default)]
        kind: Option<Kind>,
        #[serde(default)]
        classification: Option<ClassificationView>,
        #[serde(default)]
        website: Option<Valid<Url>>,
        #[serde(default)]
        wikidata: Option<Valid<WikidataId>>,
        #[serde(default)]
        founding_date: Option<PartialDate>,
        #[serde(default)]
        founding_date_alternatives: Each<AlternativeDateView, 8>,
        #[serde(default)]
        dissolution_date: Option<Valid<PartialDate>>,
        #[serde(default)]
        secretariat: Option<SecretariatView>,
        #[serde(default)]
        secretariat_alternatives: Each<AlternativeSecretariatView, 8>,
        #[serde(default)]
        member_counts: Each<MemberCountView, 32>,
        #[serde(default)]
        parent: Option<ParentView>,
        #[serde(default)]
        caveats: Each<CaveatView, 16>,
        #[serde(default)]
        notes: Each<RemarkView, 16>,
        #[serde(default, borrow)]
        memberships: List<MembershipView<'a>, 16>,
        #[serde(default)]
        sources: Each<SourceView, 32>,
    }
}

view! {
    /// The view of an [`OtherName`](crate::OtherName).
    struct OtherNameView as "OtherName" {
        name: Valid<Name>,
        kind: NameKind,
        #[serde(default)]
        lang: Option<Valid<LanguageCode>>,
        #[serde(default)]
        acronym: Option<Valid<Label>>,
        #[serde(default)]
        start_date: Option<Valid<PartialDate>>,
        #[serde(default)]
        end_date: Option<Valid<PartialDate>>,
        #[serde(default)]
        source: Option<Valid<Url>>,
        #[serde(default)]
        note: Option<Valid<Note>>,
    }
}

view! {
    /// The view of a [`Classification`](crate::Classification).
    #[cfg_attr(feature = "schema", schemars(inline))]
    struct ClassificationView as "Classification" {
        basis: Valid<Note>,
        #[serde(default)]
        sources: Each<Valid<Url>, 8>,
    }
}

view! {
    /// The view of a [`Secretariat`](crate::Secretariat).
    #[cfg_attr(feature = "schema", schemars(inline))]
    struct SecretariatView as "Secretariat" {
        #[serde(default)]
        city: Option<Valid<Name>>,
        #[serde(default)]
        country: Option<Valid<CountryCode>>,
        #[serde(default)]
        body: Option<Valid<Text<300>>>,
        #[serde(default)]
        other_offices: Each<Valid<Name>, 8>,
    }
}

view! {
    /// The view of an [`AlternativeDate`](crate::AlternativeDate).
    struct AlternativeDateView as "AlternativeDate" {
        value: Valid<PartialDate>,
        source: Valid<Url>,
        #[serde(default)]
        note: Option<Valid<Note>>,
    }
}

view! {
    /// The view of an [`AlternativeSecretariat`](crate::AlternativeSecretariat).
    struct AlternativeSecretariatView as "AlternativeSecretariat" {
        #[serde(default)]
        city: Option<Valid<Name>>,
        #[serde(default)]
        country: Option<Valid<CountryCode>>,
        #[serde(default)]
        date: Option<Valid<PartialDate>>,
        source: Valid<Url>,
        #[serde(default)]
        note: Option<Valid<Note>>,
    }
}

view! {
    /// The view of a [`MemberCount`](crate::MemberCount).
    struct MemberCountView as "MemberCount" {
        count: u32,
        #[serde(default)]
        qualifier: CountQualifier,
        #[serde(default)]
        unit: Option<Valid<Text<120>>>,
        #[serde(default)]
        countries: Option<u16>,
        #[serde(default)]
        date: Option<Valid<PartialDate>>,
        #[serde(default)]
        as_stated: Option<Valid<Text<200>>>,
        source: Valid<Url>,
        #[serde(default)]
        note: Option<Valid<Note>>,
    }
}

view! {
    /// The view of a [`Parent`](crate::Parent).
    #[cfg_attr(feature = "schema", schemars(inline))]
    struct ParentView as "Parent" {
        #[serde(default)]
        organization_id: Option<Valid<NetworkId>>,
        name: Valid<Name>,
        relation: Relation,
        #[serde(default)]
        start_date: Option<Valid<PartialDate>>,
        source: Valid<Url>,
    }
}

view! {
    /// The view of a [`Caveat`](crate::Caveat).
    struct CaveatView as "Caveat" {
        kind: CaveatKind,
        note: Valid<Note>,
        #[serde(default)]
        source: Option<Valid<Url>>,
    }
}

view! {
    /// The view of a [`Remark`](crate::Remark).
    struct RemarkView as "Remark" {
        note: Valid<Note>,
        #[serde(default)]
        date: Option<Valid<PartialDate>>,
        #[serde(default)]
        source: Option<Valid<Url>>,
    }
}

view! {
    /// The view of a [`Membership`](crate::Membership).
    pub(crate) struct MembershipView<'a> as "Membership" {
        #[serde(borrow)]
        organization_id: Kept<'a, NetworkId>,
        member: MemberView,
        #[serde(default)]
        status: Option<Status>,
        #[serde(default)]
        start_date: Option<PartialDate>,
        #[serde(default)]
        end_date: Option<PartialDate>,
        #[serde(default)]
        roles: List<RoleHeldView, 32>,
        #[serde(default)]
        note: Option<Valid<Note>>,
        #[serde(default)]
        sources: Each<SourceView, 16>,
    }
}

view! {
    /// The fields of a [`Member`](crate::Member) as read, before the needs of its kind are
    /// checked ([`MemberView`]).
    #[cfg_attr(feature = "schema", schemars(transform = crate::membership::member_needs))]
    struct MemberFields as "Member" {
        kind: MemberKind,
        #[serde(default)]
        name: Option<Valid<Name>>,
        #[serde(default, deserialize_with = "crate::membership::present")]
        #[cfg_attr(feature = "schema", schemars(with = "Valid<Name>"))]
        city: Option<Valid<Name>>,
        #[serde(default, deserialize_with = "crate::membership::present")]
        #[cfg_attr(feature = "schema", schemars(with = "Valid<CountryCode>"))]
        country: Option<Valid<CountryCode>>,
        #[serde(default, deserialize_with = "crate::membership::present")]
        #[cfg_attr(feature = "schema", schemars(with = "std::num::NonZeroU32"))]
        geonames_id: Option<std::num::NonZeroU32>,
    }
}

/// The view of a [`Member`](crate::Member): its fields, with the needs of its kind
/// ([`MemberKind::needs`]) met, as the model's own `Deserialize` requires.
/// Nothing of it is kept: the identity of a membership record's member is read from the
/// record's bytes or cells when it is needed (`fast.rs`, the table mapping), so that the
/// memberships of a network record cost nothing more.
pub(crate) struct MemberView;

impl super::book::Identity for MemberView {
    fn identity(&self) -> Option<u64> {
        None
    }
    fn city_and_country(&self) -> Option<(&str, &str)> {
        None
    }
}

impl<'de> Deserialize<'de> for MemberView {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = MemberFields::deserialize(d)?;
        let present = Needs {
            city: f.city.is_some(),
            country: f.country.is_some(),
            name: f.name.is_some(),
        };
        if f.kind.needs().met_by(present) {
            Ok(MemberView)
        } else {
            Err(refused())
        }
    }
}

view! {
    /// The view of a [`RoleHeld`](crate::RoleHeld).
    pub(crate) struct RoleHeldView as "RoleHeld" {
        role: Role,
        #[serde(default)]
        body: Option<Valid<Text<200>>>,
        #[serde(default)]
        holder: Option<Valid<Name>>,
        #[serde(default)]
        start_date: Option<PartialDate>,
        #[serde(default)]
        end_date: Option<PartialDate>,
        #[serde(default)]
        note: Option<Valid<Note>>,
        source: Valid<Url>,
    }
}

view! {
    /// The view of a [`Source`](crate::Source).
    struct SourceView as "Source" {
        url: Valid<Url>,
        #[serde(default)]
        title: Option<Valid<Text<300>>>,
        #[serde(default)]
        fields: Each<Fact, 16>,
        #[serde(default)]
        accessed: Option<Valid<PartialDate>>,
        #[serde(default)]
        note: Option<Valid<Note>>,
    }
}

facts!(['a] NetworkView<'a>, MembershipView<'a>);

impl NetworkView<'_> {
    /// The record's network id.
    pub(crate) fn id(&self) -> &str {
        self.id.as_str()
    }
}

#[cfg(feature = "schema")]
mod schema {
    //! The views' schemas are their model types': [`Valid`] and [`Kept`] that of the string
    //! type, [`Each`] that of a [`List`](crate::List), [`Distinct`] that of a [`Set`](crate::Set).

    use super::{Distinct, Each, Kept, Valid};
    use schemars::{JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    /// `impl JsonSchema for $view` as for `$model`.
    macro_rules! schema_of {
        ([$($generics:tt)*] $view:ty => $model:ty) => {
            impl<$($generics)*> JsonSchema for $view {
                fn inline_schema() -> bool {
                    <$model>::inline_schema()
                }
                fn schema_name() -> Cow<'static, str> {
                    <$model>::schema_name()
                }
                fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                    <$model>::json_schema(generator)
                }
            }
        };
    }

    schema_of!([T: JsonSchema] Valid<T> => T);
    schema_of!([T: JsonSchema] Kept<'_, T> => T);
    schema_of!([T: JsonSchema, const MAX: usize] Each<T, MAX> => crate::List<T, MAX>);
    schema_of!([T: JsonSchema, const MAX: usize] Distinct<T, MAX> => crate::Set<T, MAX>);
    schema_of!([] super::MemberView => super::MemberFields);
}

#[cfg(test)]
mod tests {
    use super::super::json;
    use super::{MembershipView, NetworkView};
    use serde_json::{Value, json};
    use std::collections::HashSet;

    /// The paths of every value in `v`, the root included.
    fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(at.clone());
        let children: Vec<(String, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        };
        for (k, child) in children {
            at.push(k);
            paths(child, at, out);
            at.pop();
        }
    }

    fn at_mut<'v>(v: &'v mut Value, path: &[String]) -> &'v mut Value {
        path.iter().fold(v, |v, k| match v {
            Value::Object(m) => m.get_mut(k).expect("a key of the record"),
            Value::Array(a) => &mut a[k.parse::<usize>().expect("an index")],
            _ => panic!("no child {k}"),
        })
    }

    /// Values that target each kind of check: types, lengths around the bounds, patterns,
    /// vocabularies, number ranges.
    fn replacements() -> Vec<Value> {
        let long = |c: &str, n: usize| Value::from(c.repeat(n));
        let mut out = vec![
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(70000),
            json!(5_000_000_000u64),
            json!(""),
            json!("x"),
            json!("eurocities"),
            json!("Eurocities"),
            json!("a b"),
            json!("2016"),
            json!("2016-02"),
            json!("2016-13"),
            json!("16"),
            json!("BE"),
            json!("be"),
            json!("nl"),
            json!("https://example.org/"),
            json!("http://x"),
            json!("ftp://example.org/"),
            json!("climate"),
            json!("full"),
            json!("official"),
            json!("more_than"),
            json!([]),
            json!(["climate"]),
            json!(["climate", "climate"]),
            json!({}),
            json!({"zz": 1}),
        ];
        for n in [60, 61, 120, 121, 200, 201, 300, 301, 1000, 1001] {
            out.push(long("é", n));
            out.push(long("a", n));
        }
        out
    }

    /// Every way `record` is changed: each value replaced, each key dropped, an unknown key
    /// added to each object, and each list emptied, with an item repeated, and grown past
    /// its bound.
    /// Places mutated in an earlier record (`seen`) are left alone.
    fn mutants(record: &Value, seen: &mut HashSet<Vec<String>>) -> Vec<Value> {
        let mut all = Vec::new();
        paths(record, &mut Vec::new(), &mut all);
        let mut out = Vec::new();
        // The items of a list after the first have the first's schema.
        all.retain(|p| p.iter().all(|k| k == "0" || k.parse::<usize>().is_err()));
        all.retain(|p| seen.insert(p.clone()));
        for path in &all {
            for r in replacements() {
                let mut m = record.clone();
                *at_mut(&mut m, path) = r;
                out.push(m);
            }
            let mut m = record.clone();
            match at_mut(&mut m, path).clone() {
                Value::Object(o) => {
                    for k in o.keys() {
                        let mut d = record.clone();
                        if let Value::Object(o) = at_mut(&mut d, path) {
                            o.remove(k);
                        }
                        out.push(d);
                    }
                    if let Value::Object(o) = at_mut(&mut m, path) {
                        o.insert("zz".into(), json!(1));
                    }
                    out.push(m);
                }
                Value::Array(a) if !a.is_empty() => {
                    for n in [0, a.len() + 1, 5, 6, 8, 9, 16, 17, 24, 25, 32, 33] {
                        let mut g = record.clone();
                        *at_mut(&mut g, path) =
                            Value::Array(a.iter().cycle().take(n).cloned().collect());
                        out.push(g);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Reads `text` as the model's type `M` and as its view (`view` gives the answers of
    /// both JSON readers); the answers must agree. Returns whether the model accepted it.
    fn agree<M: serde::de::DeserializeOwned>(
        text: &str,
        view: impl Fn(&str) -> (bool, bool),
    ) -> bool {
        let model = json::read_fast::<M>(text).is_ok();
        let model_json = serde_json::from_str::<M>(text).is_ok();
        assert_eq!(view(text), (model, model_json), "{text}");
        model
    }

    fn network_view(text: &str) -> (bool, bool) {
        (
            json::read_fast::<NetworkView>(text).is_ok(),
            serde_json::from_str::<NetworkView>(text).is_ok(),
        )
    }

    fn membership_view(text: &str) -> (bool, bool) {
        (
            json::read_fast::<MembershipView>(text).is_ok(),
            serde_json::from_str::<MembershipView>(text).is_ok(),
        )
    }

    /// The views accept exactly the records the model's types accept, on every mutant of the
    /// embedded catalogue's networks and of their memberships.
    #[test]
    fn views_accept_what_the_model_accepts() {
        let (mut accepted, mut refused) = (0, 0);
        let mut count = |ok: bool| {
            if ok {
                accepted += 1;
            } else {
                refused += 1;
            }
        };
        let (mut networks, mut memberships) = (HashSet::new(), HashSet::new());
        for network in crate::ghent().iter() {
            let record = serde_json::to_value(network).expect("a network serializes");
            for m in mutants(&record, &mut networks) {
                count(agree::<crate::Network>(&m.to_string(), network_view));
            }
            for membership in network.memberships.iter() {
                let record = serde_json::to_value(membership).expect("a membership serializes");
                for m in mutants(&record, &mut memberships) {
                    count(agree::<crate::Membership>(&m.to_string(), membership_view));
                }
            }
        }
        // Both answers are given many times.
        assert!(
            accepted > 1_000 && refused > 4_000,
            "{accepted} accepted, {refused} refused"
        );
    }

    /// For every kind of member, with each field left out or written as null in turn, the view
    /// and the model agree: both refuse a member without a field its kind needs, and a null.
    #[test]
    fn views_need_what_each_kind_of_member_needs() {
        use crate::{MemberKind, Vocabulary};
        let (mut accepted, mut refused) = (0, 0);
        for kind in MemberKind::all() {
            for field in ["", "city", "country", "name"] {
                for null in [false, true] {
                    let mut member = json!({"kind": kind.as_str(), "name": "Kent County Council",
                                            "city": "Maidstone", "country": "GB"});
                    let m = member.as_object_mut().expect("an object");
                    if null && !field.is_empty() {
                        m.insert(field.into(), Value::Null);
                    } else {
                        m.remove(field);
                    }
                    let record = json!({"organization_id": "polis", "member": member});
                    if agree::<crate::Membership>(&record.to_string(), membership_view) {
                        accepted += 1;
                    } else {
                        refused += 1;
                    }
                }
            }
        }
        assert!(
            accepted > 40 && refused > 40,
            "{accepted} accepted, {refused} refused"
        );
    }

    /// Strings borrowed from the input stay borrowed; a string with an escape is copied.
    #[test]
    fn kept_strings_are_borrowed_when_they_can_be() {
        use std::borrow::Cow;
        let plain = r#"{"id": "eurocities", "name": "Eurocities"}"#;
        let n: NetworkView = json::read_fast(plain).expect("a valid record");
        assert!(matches!(n.id.0, Cow::Borrowed("eurocities")));
        let escaped = r#"{"id": "eurociti\u0065s", "name": "Eurocities"}"#;
        let n: NetworkView = json::read_fast(escaped).expect("a valid record");
        assert!(matches!(n.id.0, Cow::Owned(ref s) if s == "eurocities"));
    }

    /// With descriptions, titles and defaults set aside (annotations: the committed schemas
    /// leave defaults out, and schemars writes them for the views, which serialize nothing), the views' schemas are the committed ones: the
    /// same fields, required or not, of the same types, with the same bounds.
    #[cfg(feature = "schema")]
    #[test]
    fn views_have_the_schema_of_the_model() {
        use crate::schema::generated;

        fn bare(v: Value) -> Value {
            match v {
                Value::Object(m) => Value::Object(
                    m.into_iter()
                        // Annotations, not property names (whose values are schemas).
                        .filter(|(k, v)| {
                            !(matches!(k.as_str(), "description" | "title") && v.is_string()
                                || k == "default" && !v.is_object())
                        })
                        .map(|(k, v)| (k, bare(v)))
                        .collect(),
                ),
                Value::Array(a) => Value::Array(a.into_iter().map(bare).collect()),
                other => other,
            }
        }
        /// Where two values first differ, as a JSON pointer and the two values there.
        fn difference(a: &Value, b: &Value, at: String) -> Option<String> {
            match (a, b) {
                (Value::Object(x), Value::Object(y)) => {
                    x.keys()
                        .chain(y.keys())
                        .find_map(|k| match (x.get(k), y.get(k)) {
                            (Some(u), Some(v)) => difference(u, v, format!("{at}/{k}")),
                            (u, v) => Some(format!("{at}/{k}: {u:?} against {v:?}")),
                        })
                }
                (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
                    .iter()
                    .zip(y)
                    .enumerate()
                    .find_map(|(i, (u, v))| difference(u, v, format!("{at}/{i}"))),
                _ => (a != b).then(|| format!("{at}: {a} against {b}")),
            }
        }
        let network = bare(generated::<crate::Network>());
        let pairs = [
            (bare(generated::<NetworkView>()), network.clone()),
            (
                bare(generated::<MembershipView>()),
                bare(generated::<crate::Membership>()),
            ),
        ];
        for (view, model) in pairs {
            assert_eq!(difference(&view, &model, String::new()), None);
        }
        // The comparison sees the fields: the network schema names all of them.
        assert_eq!(network["properties"].as_object().map(|p| p.len()), Some(24));
    }
}
