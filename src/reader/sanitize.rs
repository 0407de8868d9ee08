//! The allow-list the reader view is built from. Anything not named here is
//! unwrapped (its text stays) or dropped (with its subtree): no scripts, no
//! event handlers, no styles, no `javascript:` or `data:` URLs, no frames
//! except sandboxed players from known video hosts.

/// What becomes of an element in the reader view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Written out under this tag name, with allowed attributes only.
    Keep(&'static str),
    /// Left out, its children kept.
    Unwrap,
    /// Left out with everything inside.
    Drop,
}

/// Elements kept as themselves.
const KEEP: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "q",
    "cite",
    "abbr",
    "time",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "colgroup",
    "col",
    "kbd",
    "samp",
    "var",
    "details",
    "summary",
    "video",
    "audio",
    "source",
    "iframe",
    "div",
    "address",
    "wbr",
    "bdi",
    "bdo",
    "dfn",
    // MathML presentation markup, rendered natively by browsers.
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mrow",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "mspace",
    "mtable",
    "mtr",
    "mtd",
    "munder",
    "mover",
    "munderover",
    "mpadded",
    "mphantom",
    "menclose",
    "semantics",
    "mmultiscripts",
    "mprescripts",
    "none",
];

/// Elements dropped with their content: active content, forms, metadata,
/// and graphics that can carry script (SVG).
const DROP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "object",
    "embed",
    "applet",
    "svg",
    "canvas",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "option",
    "base",
    "link",
    "meta",
    "frame",
    "frameset",
    "title",
    "head",
    "annotation",
    "annotation-xml",
    "dialog",
    "nav",
    "aside",
    "footer",
    "map",
    "area",
    "portal",
    "slot",
    "param",
    "track",
    "xml",
    "xmp",
    "plaintext",
    "listing",
    "noembed",
    "noframes",
    "marquee",
    "isindex",
    "keygen",
];

pub fn policy(tag: &str) -> Policy {
    match tag {
        "h1" => Policy::Keep("h2"),
        "section" | "article" | "main" | "header" | "center" | "hgroup" => Policy::Keep("div"),
        "tt" => Policy::Keep("code"),
        "strike" => Policy::Keep("s"),
        _ if DROP.contains(&tag) => Policy::Drop,
        _ => match KEEP.iter().find(|&&k| k == tag) {
            Some(k) => Policy::Keep(k),
            None => Policy::Unwrap,
        },
    }
}

/// How an attribute's value is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    /// Plain text, escaped.
    Text,
    /// A URL, resolved and limited to http(s).
    Url,
    /// A link target: http(s) or mailto.
    Link,
    /// An image candidate list (`srcset`).
    SrcSet,
    /// A small whole number.
    Number,
    /// One of a few words.
    Word(&'static [&'static str]),
}

/// Attributes allowed on any kept element.
const GLOBAL: &[(&str, AttrKind)] = &[
    ("lang", AttrKind::Text),
    ("dir", AttrKind::Word(&["ltr", "rtl", "auto"])),
    ("title", AttrKind::Text),
];

/// MathML layout attributes (none of them take URLs or script).
const MATH_ATTRS: &[&str] = &[
    "display",
    "mathvariant",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "accent",
    "accentunder",
    "columnalign",
    "rowalign",
    "scriptlevel",
    "displaystyle",
    "linethickness",
    "form",
    "largeop",
    "movablelimits",
    "symmetric",
    "notation",
    "width",
    "height",
    "depth",
    "columnspan",
    "rowspan",
    "minsize",
    "maxsize",
];

/// The allowed attributes of a kept element, by its output tag.
pub fn attr_kind(tag: &str, attr: &str) -> Option<AttrKind> {
    use AttrKind::*;
    if let Some((_, k)) = GLOBAL.iter().find(|(a, _)| *a == attr) {
        return Some(*k);
    }
    let kind = match (tag, attr) {
        ("a", "href") => Link,
        ("img", "src")
        | ("video", "src")
        | ("video", "poster")
        | ("audio", "src")
        | ("source", "src")
        | ("iframe", "src") => Url,
        ("img" | "source", "srcset") => SrcSet,
        ("img", "alt")
        | ("abbr", "title")
        | ("source", "type")
        | ("source", "media")
        | ("img", "sizes") => Text,
        ("img" | "video" | "iframe", "width" | "height") => Number,
        ("td" | "th", "colspan" | "rowspan")
        | ("col" | "colgroup", "span")
        | ("ol", "start")
        | ("li", "value") => Number,
        ("th", "scope") => Word(&["row", "col", "rowgroup", "colgroup"]),
        ("ol", "type") => Word(&["1", "a", "A", "i", "I"]),
        ("ol", "reversed") | ("details", "open") => Word(&["", "reversed", "open"]),
        ("time", "datetime") | ("del" | "ins", "datetime") => Text,
        ("blockquote" | "q" | "del" | "ins", "cite") => Url,
        _ if is_math(tag) && MATH_ATTRS.contains(&attr) => Text,
        _ => return None,
    };
    Some(kind)
}

pub fn is_math(tag: &str) -> bool {
    tag == "math"
        || tag == "semantics"
        || tag == "none"
        || (tag.starts_with('m') && KEEP.contains(&tag) && tag != "mark")
}

/// Checks a value against its kind; `None` drops the attribute.
pub fn clean_value(kind: AttrKind, value: &str, base: Option<&str>) -> Option<String> {
    match kind {
        AttrKind::Text => Some(value.to_owned()),
        AttrKind::Url => resolve_url(base, value, false),
        AttrKind::Link => resolve_url(base, value, true),
        AttrKind::SrcSet => {
            let parts: Vec<String> = value
                .split(',')
                .filter_map(|cand| {
                    let mut it = cand.split_whitespace();
                    let url = resolve_url(base, it.next()?, false)?;
                    let descriptor: Vec<&str> = it
                        .filter(|d| d.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
                        .collect();
                    Some(if descriptor.is_empty() {
                        url
                    } else {
                        format!("{url} {}", descriptor.join(" "))
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        AttrKind::Number => {
            let v = value.trim();
            (!v.is_empty() && v.len() <= 6 && v.chars().all(|c| c.is_ascii_digit()))
                .then(|| v.to_owned())
        }
        AttrKind::Word(words) => words
            .iter()
            .find(|w| w.eq_ignore_ascii_case(value.trim()))
            .map(|w| (*w).to_owned()),
    }
}

/// Resolves `href` against `base` (RFC 3986) and keeps it only if it is
/// http(s), or also mailto for links. Tabs, newlines and control characters
/// are removed first, as browsers do, so "java\tscript:" is caught. An
/// address over `tune::reader::MAX_URL_BYTES` is dropped unread.
pub fn resolve_url(base: Option<&str>, href: &str, link: bool) -> Option<String> {
    if href.len() > crate::tune::reader::MAX_URL_BYTES {
        return None;
    }
    let href: String = href
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some(scheme) = scheme_of(&href) {
        let scheme = scheme.to_ascii_lowercase();
        let ok = scheme == "http" || scheme == "https" || (link && scheme == "mailto");
        return ok.then_some(href);
    }
    let Some(base) = base.filter(|b| {
        scheme_of(b)
            .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
    }) else {
        // No usable base: a relative URL stays relative (the page resolves
        // it); without a scheme it cannot be `javascript:`.
        return Some(href);
    };
    let scheme = scheme_of(base).unwrap_or("https");
    let after_scheme = &base[scheme.len() + 1..];
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{rest}"));
    }
    let (authority, base_path) = match after_scheme.strip_prefix("//") {
        Some(r) => {
            let cut = r.find(['/', '?', '#']).unwrap_or(r.len());
            (&r[..cut], &r[cut..])
        }
        None => ("", after_scheme),
    };
    let base_path_only = &base_path[..base_path.find(['?', '#']).unwrap_or(base_path.len())];
    let prefix = format!("{scheme}://{authority}");
    if href.starts_with('?') {
        return Some(format!("{prefix}{base_path_only}{href}"));
    }
    let (ref_path, suffix) = href.split_at(href.find(['?', '#']).unwrap_or(href.len()));
    let merged = if ref_path.starts_with('/') {
        ref_path.to_owned()
    } else {
        let dir = &base_path_only[..base_path_only.rfind('/').map_or(0, |k| k + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{ref_path}")
    };
    Some(format!("{prefix}{}{suffix}", remove_dot_segments(&merged)))
}

/// `scheme:` at the start, per RFC 3986 (letter, then letters, digits, + - .).
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (k, seg) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

pub fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

pub fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;

    /// An address up to the limit is kept; one byte more, and it is dropped.
    #[test]
    fn an_address_over_the_limit_is_dropped() {
        let max = crate::tune::reader::MAX_URL_BYTES;
        let at_limit = format!("https://news.test/{}", "a".repeat(max - 18));
        assert_eq!(at_limit.len(), max);
        assert_eq!(resolve_url(None, &at_limit, true), Some(at_limit.clone()));
        assert_eq!(resolve_url(None, &format!("{at_limit}b"), true), None);
    }

    #[test]
    fn urls_resolve_and_unsafe_schemes_go() {
        let base = Some("https://news.test/a/b/page.html?x=1");
        assert_eq!(
            resolve_url(base, "img/x.png", false).as_deref(),
            Some("https://news.test/a/b/img/x.png")
        );
        assert_eq!(
            resolve_url(base, "../up.png", false).as_deref(),
            Some("https://news.test/a/up.png")
        );
        assert_eq!(
            resolve_url(base, "/root.png", false).as_deref(),
            Some("https://news.test/root.png")
        );
        assert_eq!(
            resolve_url(base, "//cdn.test/x.png", false).as_deref(),
            Some("https://cdn.test/x.png")
        );
        assert_eq!(
            resolve_url(base, "?y=2", true).as_deref(),
            Some("https://news.test/a/b/page.html?y=2")
        );
        assert_eq!(
            resolve_url(base, "HTTP://other.test/", false).as_deref(),
            Some("HTTP://other.test/")
        );
        assert_eq!(
            resolve_url(base, "mailto:a@b.test", true).as_deref(),
            Some("mailto:a@b.test")
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "mailto:a@b",
        ] {
            assert_eq!(resolve_url(base, bad, false), None, "{bad}");
        }
        assert_eq!(resolve_url(None, "java\nscript:alert(1)", true), None);
        assert_eq!(
            resolve_url(None, "rel/x.png", false).as_deref(),
            Some("rel/x.png")
        );
        assert_eq!(resolve_url(base, "#top", true), None);
    }

    #[test]
    fn policies() {
        assert_eq!(policy("script"), Policy::Drop);
        assert_eq!(policy("svg"), Policy::Drop);
        assert_eq!(policy("span"), Policy::Unwrap);
        assert_eq!(policy("h1"), Policy::Keep("h2"));
        assert_eq!(attr_kind("a", "onclick"), None);
        assert_eq!(attr_kind("img", "style"), None);
        assert_eq!(attr_kind("math", "href"), None);
        assert_eq!(clean_value(AttrKind::Number, "100\" onload=x", None), None);
    }
}
