//! Tag and attribute names. A news page has hundreds of `div`s, `a`s and
//! `class`es: the common names are static strings, so reading a page does
//! not allocate one string per element and per attribute.

use crate::fnv::FnvSet;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

/// A lower-case tag or attribute name; empty for a text node's tag.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Name(Cow<'static, str>);

/// The names that are static: HTML's tags and the attributes news pages
/// use most. Any other name works too; it is just allocated.
pub(crate) const COMMON: &[&str] = &[
    // Tags.
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    // Attributes (some are tag names too).
    "action",
    "align",
    "alt",
    "aria-controls",
    "aria-describedby",
    "aria-expanded",
    "aria-haspopup",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "aria-live",
    "aria-modal",
    "autocomplete",
    "charset",
    "class",
    "colspan",
    "content",
    "datatable",
    "datetime",
    "decoding",
    "dir",
    "download",
    "draggable",
    "fetchpriority",
    "for",
    "frameborder",
    "height",
    "hidden",
    "href",
    "hreflang",
    "id",
    "itemprop",
    "itemscope",
    "itemtype",
    "lang",
    "loading",
    "method",
    "name",
    "open",
    "placeholder",
    "property",
    "referrerpolicy",
    "rel",
    "required",
    "role",
    "rowspan",
    "scope",
    "sizes",
    "src",
    "srcset",
    "tabindex",
    "target",
    "type",
    "value",
    "width",
    "xmlns",
    "data-declutter",
    "data-src",
    "data-srcset",
    "data-id",
    "data-testid",
];

/// The number of a common name, worked out when compiling: a name that
/// is not one fails the build. (Only the live read uses it.)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) const fn common_index(name: &str) -> usize {
    let mut i = 0;
    while i < COMMON.len() {
        if eq_bytes(COMMON[i].as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("not a common name");
}

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

fn common_set() -> &'static FnvSet<&'static str> {
    static SET: OnceLock<FnvSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.iter().copied().collect())
}

impl Name {
    /// `name` in lower case (HTML names are ASCII case-insensitive).
    pub fn new(name: &str) -> Self {
        if let Some(&known) = common_set().get(name) {
            return Name(Cow::Borrowed(known));
        }
        if !name.bytes().any(|b| b.is_ascii_uppercase()) {
            return Name(Cow::Owned(name.to_owned()));
        }
        let lower = name.to_ascii_lowercase();
        match common_set().get(lower.as_str()) {
            Some(&known) => Name(Cow::Borrowed(known)),
            None => Name(Cow::Owned(lower)),
        }
    }
    /// The `index`th of the common names (how the live walk sends them).
    pub fn common(index: usize) -> Option<Self> {
        COMMON.get(index).map(|&name| Name(Cow::Borrowed(name)))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Self {
        Name::new(name)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_static_and_all_names_lower_case() {
        assert!(matches!(Name::new("div").0, Cow::Borrowed("div")));
        assert!(matches!(Name::new("DIV").0, Cow::Borrowed("div")));
        assert!(matches!(Name::new("aria-hidden").0, Cow::Borrowed(_)));
        let custom = Name::new("My-Widget");
        assert!(matches!(custom.0, Cow::Owned(_)));
        assert_eq!(custom, "my-widget");
        assert_eq!(Name::default(), "");
        assert!(COMMON.iter().all(|n| *n == n.to_ascii_lowercase()));
        // The live walk sends these by number (id and class unasked).
        for name in crate::snapshot::ANALYSIS_ATTRS
            .iter()
            .chain(&["id", "class"])
        {
            assert!(COMMON.contains(name), "{name}");
        }
        assert_eq!(Name::common(COMMON.len()), None);
    }
}
