//! Field adapters for the server's loose typing: numbers and booleans sent as strings and back,
//! labels as a string or a list. Used with `serde_with`'s `DefaultOnError`, so a field of the wrong type costs
//! that field and never the whole answer.

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_with::DeserializeAs;
use std::fmt;

/// Reads a string, or a number or boolean written as its text (`requestId` is documented as both).
pub struct TextOrNumber;

impl<'de> DeserializeAs<'de, String> for TextOrNumber {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
        }
        deserializer.deserialize_any(Text)
    }
}

/// Reads an integer, or a string holding one (`projectId` is documented as both).
pub struct IntOrText;

impl<'de> DeserializeAs<'de, i64> for IntOrText {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        struct Int;
        impl Visitor<'_> for Int {
            type Value = i64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
                Ok(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
                i64::try_from(v).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    Ok(v as i64)
                } else {
                    Err(E::custom("not a whole number"))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
                let v = v.trim();
                match v.parse::<i64>() {
                    Ok(n) => Ok(n),
                    // "3.0": a whole number written as a decimal.
                    Err(error) => match v.parse::<f64>() {
                        Ok(f) => self.visit_f64(f),
                        Err(_) => Err(E::custom(error)),
                    },
                }
            }
        }
        deserializer.deserialize_any(Int)
    }
}

/// Reads a boolean in the encodings servers use: `true`/`false`, `1`/`0`, and the same as text
/// (`"true"`, `"False"`, `"1"`, `"0"`, spaces around ignored). Anything else is an error, which
/// `DefaultOnError` turns into `false` for that field alone.
pub struct BoolOrText;

impl<'de> DeserializeAs<'de, bool> for BoolOrText {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
        struct Flag;
        impl Visitor<'_> for Flag {
            type Value = bool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean, 0 or 1, or one of them as text")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
                Ok(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
                match v {
                    0 => Ok(false),
                    1 => Ok(true),
                    _ => Err(E::custom("a number other than 0 or 1")),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
                i64::try_from(v).map_or_else(
                    |_| Err(E::custom("a number other than 0 or 1")),
                    |v| self.visit_i64(v),
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
                let v = v.trim();
                if v.eq_ignore_ascii_case("true") || v == "1" {
                    Ok(true)
                } else if v.eq_ignore_ascii_case("false") || v == "0" {
                    Ok(false)
                } else {
                    Err(E::custom("text that is not a boolean"))
                }
            }
        }
        deserializer.deserialize_any(Flag)
    }
}

/// Reads `labels`: the document's table says string, Harbor sends a list of label objects.
/// A string becomes its comma-separated parts (empty string: no labels); a list keeps each
/// string or each object's `name`.
pub struct Labels;

impl<'de> DeserializeAs<'de, Vec<String>> for Labels {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
        struct LabelList;
        impl<'de> Visitor<'de> for LabelList {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of labels")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Vec<String>, E> {
                Ok(Vec::new())
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
                Ok(v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<serde_json::Value>()? {
                    match item {
                        serde_json::Value::String(name) => out.push(name),
                        serde_json::Value::Object(fields) => {
                            if let Some(serde_json::Value::String(name)) = fields.get("name") {
                                out.push(name.clone());
                            }
                        }
                        _ => {}
                    }
                }
                Ok(out)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Vec::new())
            }
        }
        deserializer.deserialize_any(LabelList)
    }
}

/// A list read leniently, one entry at a time: an entry that is not an object (or does not read
/// as one) is skipped, `null` is an empty list, and a value that is not a list at all is an
/// empty list marked [`ListField::unreadable`], so "could not be read" is not mistaken for
/// "none". Missing, it is its `Default`: empty and not unreadable.
#[derive(Debug, Clone, PartialEq)]
pub struct ListField<T> {
    /// The entries that read.
    pub items: Vec<T>,
    /// True when the value was there but not a list.
    pub unreadable: bool,
    /// True when the value was a list (possibly empty).
    pub was_list: bool,
}

impl<T> Default for ListField<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            unreadable: false,
            was_list: false,
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ListField<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for ListVisitor<T> {
            type Value = ListField<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListField<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(entry) = seq.next_element::<Entry<T>>()? {
                    items.extend(entry.0);
                }
                Ok(ListField {
                    items,
                    unreadable: false,
                    was_list: true,
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<ListField<T>, E> {
                Ok(ListField::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListField<T>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(unreadable())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ListField<T>, E> {
                Ok(unreadable())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ListField<T>, E> {
                Ok(unreadable())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ListField<T>, E> {
                Ok(unreadable())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ListField<T>, E> {
                Ok(unreadable())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ListField<T>, E> {
                Ok(unreadable())
            }
        }
        fn unreadable<T>() -> ListField<T> {
            ListField {
                unreadable: true,
                ..ListField::default()
            }
        }
        deserializer.deserialize_any(ListVisitor(std::marker::PhantomData))
    }
}

/// One list entry: kept when it is an object that reads as `T`, skipped otherwise. Only this
/// entry is held as a JSON value while it is read, never the whole list.
struct Entry<T>(Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Entry<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Self(if value.is_object() {
            T::deserialize(value).ok()
        } else {
            None
        }))
    }
}

/// `serde_as` adapter: a `Vec<T>` read like [`ListField`], entry by entry (the marks dropped).
pub struct LenientList;

impl<'de, T: DeserializeOwned> DeserializeAs<'de, Vec<T>> for LenientList {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        ListField::deserialize(deserializer).map(|list| list.items)
    }
}
