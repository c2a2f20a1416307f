//! One pass over an answer's bytes that reads the envelope (`code`, `message`, `requestId`) and
//! the shape of its list (missing, null, how many entries, or of the wrong type), without
//! building a JSON tree: everything else is skipped as it is read.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Where a list answer keeps its items and its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ListFields {
    /// The field holding the items (`projects`, `data`, …).
    pub items: &'static str,
    /// The field holding the total (`total`, `totalCount`).
    pub total: &'static str,
    /// The page size asked for (or, for a request of everything, the most items accepted).
    pub page_size: u32,
    /// The most entries accepted before the answer is refused (the page size and some slack).
    pub most_items: u64,
}

/// What the list field of an answer looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum ListShape {
    /// No such field.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// A list of this many entries (of any kind).
    Entries(u64),
    /// An object, a string, a number or a boolean.
    WrongType,
}

/// The envelope and the list's shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// `code`, when it is a string.
    pub code: Option<String>,
    /// `message` (a number or boolean as its text; empty when missing or unreadable).
    pub message: String,
    /// `requestId` (string or number), when present.
    pub request_id: Option<String>,
    /// The list field's shape (`Absent` when no list was asked about).
    pub list: ListShape,
    /// The total, when readable as an integer.
    pub total: Option<i64>,
}

/// Reads the shape of `body`; `None` when it is not JSON or not an object.
pub(super) fn read_shape(body: &[u8], list: Option<ListFields>) -> Option<Shape> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let shape = ShapeSeed { list }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(shape)
}

struct ShapeSeed {
    list: Option<ListFields>,
}

impl<'de> DeserializeSeed<'de> for ShapeSeed {
    type Value = Shape;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shape, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ShapeSeed {
    type Value = Shape;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut shape = Shape::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" => shape.code = map.next_value::<Scalar>()?.text_if_string(),
                "message" => shape.message = map.next_value::<Scalar>()?.text().unwrap_or_default(),
                "requestId" => shape.request_id = map.next_value::<Scalar>()?.text(),
                _ => match self.list {
                    Some(list) if key == list.items => {
                        shape.list = map.next_value::<ListProbe>()?.0;
                    }
                    Some(list) if key == list.total => {
                        shape.total = map.next_value::<Scalar>()?.int();
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(shape)
    }
}

/// Any JSON value, kept only when it is a string, a number or a boolean.
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Other,
}

impl Scalar {
    fn text_if_string(self) -> Option<String> {
        match self {
            Self::Text(text) => Some(text),
            _ => None,
        }
    }

    fn text(self) -> Option<String> {
        match self {
            Self::Text(text) => Some(text),
            Self::Int(n) => Some(n.to_string()),
            Self::Float(f) => Some(f.to_string()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Other => None,
        }
    }

    fn int(self) -> Option<i64> {
        match self {
            Self::Int(n) => Some(n),
            Self::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
            Self::Text(text) => {
                let text = text.trim();
                text.parse().ok().or_else(|| {
                    text.parse::<f64>()
                        .ok()
                        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                        .map(|f| f as i64)
                })
            }
            _ => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Other, Scalar::Int))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A list field's shape: its entries are counted and skipped, never kept.
struct ListProbe(ListShape);

impl<'de> de::Deserialize<'de> for ListProbe {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProbeVisitor;
        impl<'de> Visitor<'de> for ProbeVisitor {
            type Value = ListProbe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListProbe, A::Error> {
                let mut entries = 0_u64;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    entries += 1;
                }
                Ok(ListProbe(ListShape::Entries(entries)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::Null))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListProbe, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(ListProbe(ListShape::WrongType))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::WrongType))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::WrongType))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::WrongType))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::WrongType))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ListProbe, E> {
                Ok(ListProbe(ListShape::WrongType))
            }
        }
        deserializer.deserialize_any(ProbeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROJECTS: Option<ListFields> = Some(ListFields {
        items: "projects",
        total: "total",
        page_size: 10,
        most_items: 110,
    });

    #[test]
    fn the_envelope_and_the_list_shape_are_read() {
        let shape = read_shape(
            br#"{"code":"CCR.Success","message":"ok","requestId":7,"total":"3","projects":[{},1,"x"],"x":{"y":[1]}}"#,
            PROJECTS,
        )
        .unwrap();
        assert_eq!(shape.code.as_deref(), Some("CCR.Success"));
        assert_eq!(shape.message, "ok");
        assert_eq!(shape.request_id.as_deref(), Some("7"));
        assert_eq!(shape.total, Some(3));
        assert_eq!(shape.list, ListShape::Entries(3));
        for (body, list) in [
            (&br#"{"code":"x"}"#[..], ListShape::Absent),
            (br#"{"projects":null}"#, ListShape::Null),
            (br#"{"projects":{"a":[1]}}"#, ListShape::WrongType),
            (br#"{"projects":"a"}"#, ListShape::WrongType),
        ] {
            assert_eq!(read_shape(body, PROJECTS).unwrap().list, list);
        }
        assert_eq!(read_shape(br#"{"code":5}"#, None).unwrap().code, None);
        for not_an_object in [&b"[1]"[..], b"", b"{\"code\":", b"\"x\"", b"{} trailing"] {
            assert_eq!(read_shape(not_an_object, PROJECTS), None);
        }
    }
}
