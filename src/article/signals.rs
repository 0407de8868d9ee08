//! What an element's `id` and `class` say to the extractor, read once per
//! element: Readability's class weight and its "unlikely candidate" test.
//! The fragments are in [`crate::words::markup`], plain lower-case
//! substrings (no regex engine: it would weigh more in the wasm than the
//! whole extractor).

use crate::snapshot::Node;
use crate::text::PairIndex;
use crate::tune::article as tune;
use crate::words::markup::{
    BYLINE, CAPTION, CHROME_ROLES, COMMENTS_CLASS, DATE, FIGURE, MAYBE_CANDIDATE, NEGATIVE,
    NEGATIVE_TOKENS, POSITIVE, SHARE, UNLIKELY,
};

/// What an element's `id` and `class` say, as bits: which of the
/// [`crate::words::markup`] tables match. Computed once per element by [`read_marks`].
pub mod mark {
    pub const UNLIKELY: u16 = 1;
    pub const MAYBE: u16 = 1 << 1;
    pub const POSITIVE: u16 = 1 << 2;
    pub const NEGATIVE: u16 = 1 << 3;
    pub const COMMENTS: u16 = 1 << 4;
    pub const BYLINE: u16 = 1 << 5;
    pub const CAPTION: u16 = 1 << 6;
    pub const FIGURE: u16 = 1 << 7;
    pub const DATE: u16 = 1 << 8;
    /// A whole token of `NEGATIVE_TOKENS`.
    pub const NEGATIVE_TOKEN: u16 = 1 << 9;
    /// A token starting with one of `SHARE`.
    pub const SHARE: u16 = 1 << 10;
    /// Either negative mark: what the class weight counts against.
    pub const ANY_NEGATIVE: u16 = NEGATIVE | NEGATIVE_TOKEN;
}

/// How a needle of the class-name index must stand to count.
#[derive(Clone, Copy, PartialEq)]
enum Fit {
    /// Anywhere, as part of a longer name ("sidebar" in "left-sidebar").
    Within,
    /// As a whole class token, between white space or `_` ("ad", not "head").
    Token,
    /// At the start of an alphanumeric word ("share" in "social-share-bar").
    WordStart,
}

/// The substring tables, each needle with its mark bit and fit, built
/// once: one pass over an id or class then tests every table at once.
fn pattern_index() -> &'static PairIndex<(u16, Fit)> {
    static INDEX: std::sync::OnceLock<PairIndex<(u16, Fit)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let tables: [(&[&'static str], u16, Fit); 11] = [
            (UNLIKELY, mark::UNLIKELY, Fit::Within),
            (MAYBE_CANDIDATE, mark::MAYBE, Fit::Within),
            (POSITIVE, mark::POSITIVE, Fit::Within),
            (NEGATIVE, mark::NEGATIVE, Fit::Within),
            (COMMENTS_CLASS, mark::COMMENTS, Fit::Within),
            (BYLINE, mark::BYLINE, Fit::Within),
            (CAPTION, mark::CAPTION, Fit::Within),
            (FIGURE, mark::FIGURE, Fit::Within),
            (DATE, mark::DATE, Fit::Within),
            (NEGATIVE_TOKENS, mark::NEGATIVE_TOKEN, Fit::Token),
            (SHARE, mark::SHARE, Fit::WordStart),
        ];
        PairIndex::new(
            tables
                .into_iter()
                .flat_map(|(table, bit, fit)| table.iter().map(move |&p| (p, (bit, fit)))),
        )
    })
}

/// The mark bits of one `id` or `class` value (any case), in one pass.
pub fn scan(text: &str) -> u16 {
    let index = pattern_index();
    let mut small = [0u8; 96];
    let mut large = Vec::new();
    let lower: &mut [u8] = if text.len() <= small.len() {
        &mut small[..text.len()]
    } else {
        large.resize(text.len(), 0);
        &mut large
    };
    lower.copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    let lower: &[u8] = lower;
    // Bytes, not chars: class names split on ASCII white space (HTML's
    // rule), and the tokens sought are ASCII.
    let token_edge = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii_whitespace() || b == b'_');
    let mut bits = 0;
    index.scan_at(lower, |at, (bit, fit)| {
        let before = at.start.checked_sub(1).and_then(|i| lower.get(i));
        let fits = match fit {
            Fit::Within => true,
            Fit::Token => token_edge(before) && token_edge(lower.get(at.end)),
            Fit::WordStart => before.is_none_or(|b| !b.is_ascii_alphanumeric()),
        };
        if fits {
            bits |= bit;
        }
        true
    });
    bits
}

/// An element's mark bits (class and id together) and Readability's class
/// weight: ±25 for the class and again for the id.
pub fn read_marks(n: &Node) -> (u16, f32) {
    read_marks_with(n, scan)
}

/// [`read_marks`] with the scan of one value given: a page memoizes it,
/// since its class names repeat.
pub fn read_marks_with<'n>(n: &'n Node, mut scan_part: impl FnMut(&'n str) -> u16) -> (u16, f32) {
    let (mut bits, mut w) = (0, 0.0);
    for part in [n.class(), n.id()] {
        if part.is_empty() {
            continue;
        }
        let b = scan_part(part);
        if b & mark::ANY_NEGATIVE != 0 {
            w -= tune::CLASS;
        }
        if b & mark::POSITIVE != 0 {
            w += tune::CLASS;
        }
        bits |= b;
    }
    (bits, w)
}

/// The element is page chrome by its own id/class or role: a menu, a
/// sidebar, a cookie banner. Readability's "unlikely candidate".
pub fn is_unlikely(n: &Node, marks: u16) -> bool {
    if matches!(n.tag.as_str(), "body" | "html" | "a" | "article" | "main") {
        return false;
    }
    if n.attr("role")
        .is_some_and(|r| CHROME_ROLES.contains(&r.trim()))
    {
        return true;
    }
    marks & mark::UNLIKELY != 0 && marks & mark::MAYBE == 0
}

/// A comment thread or a comment, by id/class.
pub fn is_comments(n: &Node, marks: u16) -> bool {
    !matches!(n.tag.as_str(), "body" | "html" | "article" | "main")
        && marks & mark::COMMENTS != 0
        && marks & mark::MAYBE == 0
}

pub fn is_byline_marked(n: &Node, marks: u16) -> bool {
    n.attr("rel") == Some("author")
        || n.attr("itemprop").is_some_and(|p| p.contains("author"))
        || marks & mark::BYLINE != 0
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::snapshot::Builder;

    fn node(attrs: &[(&str, &str)]) -> Node {
        let mut b = Builder::new();
        b.open(
            "div",
            attrs
                .iter()
                .map(|&(k, v)| (k.into(), v.to_string()))
                .collect(),
            false,
        );
        b.finish().nodes.remove(0)
    }

    fn weight(attrs: &[(&str, &str)]) -> f32 {
        read_marks(&node(attrs)).1
    }

    fn unlikely(attrs: &[(&str, &str)]) -> bool {
        let n = node(attrs);
        is_unlikely(&n, read_marks(&n).0)
    }

    #[test]
    fn weights_and_unlikely() {
        assert_eq!(weight(&[("class", "article-body")]), 25.0);
        assert_eq!(weight(&[("class", "Sidebar"), ("id", "post")]), 0.0);
        assert_eq!(weight(&[("class", "ad")]), -25.0);
        assert_eq!(weight(&[("class", "head")]), 0.0);
        assert!(unlikely(&[("class", "related-links")]));
        assert!(!unlikely(&[("class", "header-content")]));
        assert!(unlikely(&[("role", "navigation")]));
        assert_ne!(scan("social-share") & mark::SHARE, 0);
        assert_eq!(
            scan("shared") & mark::SHARE,
            mark::SHARE,
            "a prefix of the token"
        );
        assert_eq!(scan("comments-area") & mark::COMMENTS, mark::COMMENTS);
        assert_eq!(scan("sub-share") & mark::SHARE, mark::SHARE);
        assert_eq!(scan("timeshare") & mark::SHARE, 0, "not at a word start");
    }

    #[test]
    fn negative_tokens_are_whole_class_tokens() {
        for (name, token) in [
            ("ad", true),
            ("top_ad box", true),
            ("box inline-ad", true),
            ("Ads", true),
            ("head", false),
            ("load-ads", false),
            ("adsense", false),
        ] {
            assert_eq!(scan(name) & mark::NEGATIVE_TOKEN != 0, token, "{name}");
        }
    }
}
