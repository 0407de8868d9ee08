//! What single elements are, as more than one detector (and the guard)
//! asks: a control, an aside, a comment section, an email field, a submit
//! button, a share button, a heading. No detector imports another; they
//! share these.

use crate::snapshot::{Node, NodeId, Snapshot};
use crate::text::tokens;
use crate::tune::clutter as tune;
use crate::words::markup::{COMMENT_SECTION_TOKENS, HEADING_CLASS_TOKENS, SHARE_LINK};
use crate::words::{self, List, Matcher};
use std::sync::OnceLock;

/// Something to click: a link, a button, a submit input.
pub fn is_control(n: &Node) -> bool {
    matches!(n.tag.as_str(), "a" | "button")
        || n.attr("role") == Some("button")
        || (n.tag == "input"
            && n.attr("type").is_some_and(|t| {
                matches!(
                    t.to_ascii_lowercase().as_str(),
                    "submit" | "button" | "image"
                )
            }))
}

/// Content beside the page's main content, by its tag or its role.
pub fn is_aside(n: &Node) -> bool {
    n.tag == "aside" || n.attr("role") == Some("complementary")
}

/// Named as a comment section ("comments", "disqus").
pub fn is_comment_section(s: &Snapshot, i: NodeId) -> bool {
    tokens(s.nodes[i].id_and_class()).any(|t| COMMENT_SECTION_TOKENS.contains(&t.as_ref()))
}

/// An `<input>` meant for an email address.
pub fn is_email_field(n: &Node) -> bool {
    if n.tag != "input" || n.hidden {
        return false;
    }
    let ty = n.attr("type").unwrap_or("text").to_ascii_lowercase();
    if ty == "email" {
        return true;
    }
    if ty != "text" && !ty.is_empty() {
        return false;
    }
    [
        "name",
        "id",
        "placeholder",
        "autocomplete",
        "aria-label",
        "class",
    ]
    .iter()
    .filter_map(|a| n.attr(a))
    .any(|v| {
        tokens(v).any(|t| {
            words::all(List::EmailField)
                .iter()
                .any(|e| t == *e || t.starts_with("email"))
        })
    })
}

/// What submits a form: a button, a submit input, a `role=button`.
pub fn is_submit(n: &Node) -> bool {
    match n.tag.as_str() {
        "button" => true,
        "input" => matches!(
            n.attr("type").map(str::to_ascii_lowercase).as_deref(),
            Some("submit" | "button" | "image")
        ),
        _ => n.attr("role") == Some("button"),
    }
}

pub fn is_share_button(n: &Node) -> bool {
    static SHARE: OnceLock<Matcher<2>> = OnceLock::new();
    // Share addresses, and the word "share".
    let share = SHARE.get_or_init(|| Matcher::new([SHARE_LINK, &["share"]]));
    let says_share = |v: &str| share.has(head(v), 1);
    matches!(n.tag.as_str(), "a" | "button")
        && (n
            .attr("href")
            .is_some_and(|h| share.bits(head(h)) != [0, 0])
            || says_share(n.id_and_class())
            || n.attr("title").is_some_and(says_share)
            || n.attr("aria-label").is_some_and(says_share))
}

/// A share button says so early: in its address's host and path, or in a
/// short label. Only the first [`tune::SHARE_MARK_BYTES`] of a value are read.
fn head(value: &str) -> &str {
    let mut end = value.len().min(tune::SHARE_MARK_BYTES);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

pub fn is_heading_like(n: &Node) -> bool {
    matches!(n.tag.as_str(), "h2" | "h3" | "h4" | "h5")
        || tokens(n.class()).any(|t| HEADING_CLASS_TOKENS.contains(&t.as_ref()))
}

/// `id` is one of a row of alike siblings (the same tag and class, or the
/// same shape), [`tune::ALIKE_ITEMS`] or more: an item of a list the page
/// shows (FAQ entries, pricing cards, feature cards), not a lone box.
pub fn is_one_of_alike(s: &Snapshot, id: NodeId) -> bool {
    alike(s, id).count() >= tune::ALIKE_ITEMS
}

/// The siblings of `id` (itself included) alike to it.
pub fn alike(s: &Snapshot, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    let n = &s.nodes[id];
    let like = move |c: &NodeId| {
        let m = &s.nodes[*c];
        m.is_element()
            && m.tag == n.tag
            && (m.shape == n.shape || (!n.class().trim().is_empty() && m.class() == n.class()))
    };
    n.parent
        .into_iter()
        .flat_map(move |p| s.children(p))
        .filter(like)
}
