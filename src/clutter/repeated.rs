//! Repetition: a widget that appears again and again is furniture, not
//! content. Two cases, both outside the article:
//! - copies of a sign-up widget another detector already flagged (same
//!   shape), such as the tenth Mailchimp embed whose wording was trimmed to
//!   "Subscribe";
//! - forms repeated with the same shape, which no article needs twice.

use super::kernel::{Claimed, Context, Counted, Finding};
use crate::fnv::FnvMap;
use crate::plan::Reason;
use crate::snapshot::NodeId;
use crate::tune::clutter as tune;

pub fn detect(cx: &Context, flagged: &[Finding]) -> Vec<Finding> {
    let s = cx.snap;
    let mut by_shape: FnvMap<u64, Vec<NodeId>> = FnvMap::default();
    for (i, n) in s.nodes.iter().enumerate() {
        if n.is_element() && !n.hidden && n.element_count >= tune::MIN_ELEMENTS {
            by_shape.entry(n.shape).or_default().push(i);
        }
    }
    let mut found: Vec<Finding> = Vec::new();
    // What is flagged or found so far: a copy inside or around one of them
    // is covered.
    let mut claimed = Claimed::new(s);
    for f in flagged {
        claimed.claim(s, f.node);
    }
    let mut take = |node: NodeId, found: &mut Vec<Finding>| {
        if !claimed.overlaps(s, node) && cx.may_hide(node) && !cx.overlaps_article(node) {
            claimed.claim(s, node);
            found.push(Finding {
                node,
                reason: Reason::Repeated,
            });
        }
    };
    // Each shape once: a thousand flagged copies of one widget would
    // otherwise each look at the thousand copies again.
    let mut shapes_seen: Vec<u64> = Vec::new();
    // Copies of a sign-up widget (one with a form field): a lone "Subscribe"
    // link's shape is every other link of its menu.
    let widgets = flagged
        .iter()
        .filter(|f| f.reason == Reason::Subscribe && cx.has(Counted::FormOrInput, f.node));
    for f in widgets {
        let shape = s.nodes[f.node].shape;
        if shapes_seen.contains(&shape) {
            continue;
        }
        shapes_seen.push(shape);
        for &copy in by_shape.get(&shape).into_iter().flatten() {
            take(copy, &mut found);
        }
    }
    for copies in by_shape.values().filter(|c| c.len() >= 2) {
        let forms: Vec<NodeId> = copies
            .iter()
            .copied()
            .filter(|&c| is_entry_form(cx, c))
            .collect();
        if forms.len() >= 2 {
            for c in forms {
                take(c, &mut found);
            }
        }
    }
    found
}

/// A `<form>` with a field to type into that is neither search nor log-in:
/// sign-ups, polls, "get the app" boxes.
fn is_entry_form(cx: &Context, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    if n.tag != "form" || n.attr("role") == Some("search") {
        return false;
    }
    let mut has_field = false;
    for d in s.descendants(id) {
        let d = &s.nodes[d];
        match (
            d.tag.as_str(),
            d.attr("type").map(str::to_ascii_lowercase).as_deref(),
        ) {
            ("input", Some("search" | "password")) | ("textarea", _) => return false,
            ("input", Some("hidden" | "submit" | "button" | "checkbox" | "radio" | "image")) => {}
            ("input", _) => has_field = true,
            _ => {}
        }
    }
    has_field && !cx.words.has(id, super::wording::Family::Search)
}
