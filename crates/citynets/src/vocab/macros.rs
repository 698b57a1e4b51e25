//! The `vocabulary!` macro that defines one closed vocabulary: the enum, its serde and strum
//! traits with one spelling per value, labels, aliases and (with the `schema` feature) a JSON
//! Schema that is a plain `enum` with per-value descriptions.

macro_rules! vocabulary {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                $variant:ident = $value:literal {
                    en: $en:literal,
                    nl: $nl:literal,
                    fr: $fr:literal
                    $(, aliases: [$($alias:literal),* $(,)?])?
                    $(,)?
                }
            ),+ $(,)?
        }
        $(unstated: [$($unstated:literal),* $(,)?])?
    ) => {
        $(#[doc = $doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            strum::Display,
            strum::EnumString,
            strum::EnumIter,
            strum::IntoStaticStr,
        )]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[doc = $vdoc])*
                #[serde(rename = $value)]
                #[strum(serialize = $value)]
                $variant,
            )+
        }

        impl $crate::vocab::Vocabulary for $name {
            const NAME: &'static str = stringify!($name);

            fn all() -> &'static [Self] {
                &[$($name::$variant),+]
            }

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $value,)+
                }
            }

            fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $en,)+
                }
            }

            fn label_nl(self) -> &'static str {
                match self {
                    $($name::$variant => $nl,)+
                }
            }

            fn label_fr(self) -> &'static str {
                match self {
                    $($name::$variant => $fr,)+
                }
            }

            fn description(self) -> String {
                match self {
                    $($name::$variant => $crate::vocab::one_line(concat!($($vdoc, "\n"),*)),)+
                }
            }

            fn vocabulary_description() -> String {
                $crate::vocab::one_line(concat!($($doc, "\n"),*))
            }

            fn aliases() -> &'static [(&'static str, Self)] {
                &[$($($(($alias, $name::$variant),)*)?)+]
            }

            fn unstated() -> &'static [&'static str] {
                &[$($($unstated,)*)?]
            }

            fn folded_spellings() -> &'static [(String, Self)] {
                static FOLDED: std::sync::OnceLock<Vec<(String, $name)>> = std::sync::OnceLock::new();
                FOLDED.get_or_init($crate::vocab::build_folded::<$name>)
            }
        }

        /// Read from its spelling only. (serde's derive would also read an enum from an
        /// object, `{"full": null}`, which the schema refuses.)
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Spelling;
                impl serde::de::Visitor<'_> for Spelling {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " spelling"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        // strum's `FromStr`: the one spelling of each value, nothing else.
                        v.parse().map_err(|_| E::unknown_variant(v, &[$($value),+]))
                    }
                }
                d.deserialize_str(Spelling)
            }
        }

        impl $name {
            /// The canonical snake_case spelling (same as `Display` and serde).
            pub fn as_str(self) -> &'static str {
                <Self as $crate::vocab::Vocabulary>::as_str(self)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::schema::vocabulary_schema::<$name>()
            }
        }
    };
}
