//! The PDF object model (ISO 32000-1 §7.3): the eight basic types plus indirect references.

use std::fmt;
use std::ops::Range;

/// A reference to an indirect object (ISO 32000-1 §7.3.10): `num generation R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef {
    /// The object number (positive).
    pub num: u32,
    /// The generation number.
    pub generation: u16,
}

impl ObjRef {
    /// The reference `num generation R`.
    pub const fn new(num: u32, generation: u16) -> ObjRef {
        ObjRef { num, generation }
    }
}

impl fmt::Display for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} R", self.num, self.generation)
    }
}

/// A PDF object (ISO 32000-1 §7.3).
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A real number.
    Real(f64),
    /// A name, without the `/` and with `#xx` escapes decoded.
    Name(Vec<u8>),
    /// A string (literal or hexadecimal), as decoded bytes.
    String(Vec<u8>),
    /// An array.
    Array(Vec<Object>),
    /// A dictionary.
    Dict(Dict),
    /// A stream: its dictionary and where its data lies in the file.
    Stream(Stream),
    /// An indirect reference.
    Reference(ObjRef),
}

impl Object {
    /// The integer, if this is one.
    pub fn as_integer(&self) -> Option<i64> {
        match self {
            Object::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// The name's bytes, if this is a name.
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The string's bytes, if this is a string.
    pub fn as_string(&self) -> Option<&[u8]> {
        match self {
            Object::String(s) => Some(s),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The dictionary, if this is one, or a stream's dictionary.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// The reference, if this is one.
    pub fn as_reference(&self) -> Option<ObjRef> {
        match self {
            Object::Reference(r) => Some(*r),
            _ => None,
        }
    }

    /// The name of the object's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Object::Null => "null",
            Object::Bool(_) => "boolean",
            Object::Integer(_) => "integer",
            Object::Real(_) => "real",
            Object::Name(_) => "name",
            Object::String(_) => "string",
            Object::Array(_) => "array",
            Object::Dict(_) => "dictionary",
            Object::Stream(_) => "stream",
            Object::Reference(_) => "reference",
        }
    }
}

/// A dictionary (ISO 32000-1 §7.3.7). Entries keep their order in the file; a key given
/// twice keeps its last value (as readers commonly do). Equality ignores the order of keys,
/// as the format does.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    entries: Vec<(Vec<u8>, Object)>,
}

impl Dict {
    /// An empty dictionary.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// The value of `key` (a name without its `/`).
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Sets `key` to `value`, replacing an earlier value; chains.
    pub fn set(&mut self, key: &[u8], value: Object) -> &mut Dict {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key.to_vec(), value)),
        }
        self
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &[u8]) -> Option<Object> {
        let mut removed = None;
        self.entries.retain_mut(|(k, v)| {
            if k == key {
                removed = Some(std::mem::replace(v, Object::Null));
                false
            } else {
                true
            }
        });
        removed
    }

    /// The name value of `key`, if it is a (direct) name.
    pub fn get_name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Object::as_name)
    }

    /// The integer value of `key`, if it is a (direct) integer.
    pub fn get_integer(&self, key: &[u8]) -> Option<i64> {
        self.get(key).and_then(Object::as_integer)
    }

    /// The reference value of `key`, if it is a reference.
    pub fn get_reference(&self, key: &[u8]) -> Option<ObjRef> {
        self.get(key).and_then(Object::as_reference)
    }

    /// The entries in file order (a repeated key appears each time).
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Object)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends an entry as read from a file (no de-duplication).
    pub(crate) fn push(&mut self, key: Vec<u8>, value: Object) {
        self.entries.push((key, value));
    }
}

impl PartialEq for Dict {
    fn eq(&self, other: &Dict) -> bool {
        self.iter().all(|(k, _)| other.get(k) == self.get(k))
            && other.iter().all(|(k, _)| self.get(k).is_some())
    }
}

impl FromIterator<(Vec<u8>, Object)> for Dict {
    fn from_iter<I: IntoIterator<Item = (Vec<u8>, Object)>>(iter: I) -> Dict {
        let mut dict = Dict::new();
        for (k, v) in iter {
            dict.set(&k, v);
        }
        dict
    }
}

/// A stream (ISO 32000-1 §7.3.8): its dictionary and where its (still encoded) data lies
/// in the file; [`Document::stream_data`](super::Document::stream_data) decodes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// The stream dictionary.
    pub dict: Dict,
    /// The byte range of the encoded data in the file (between `stream` EOL and
    /// `endstream`).
    pub data_range: Range<usize>,
    /// True when `/Length` was wrong or unresolvable and the data end was found by
    /// searching for `endstream` instead.
    pub length_recovered: bool,
}
