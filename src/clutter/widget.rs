//! The frame around a form or a pitch: a block grows outward while what it
//! adds is widget furniture (a heading, a label, the pitch, the fine
//! print). Shared by the detectors that hide whole widgets (sign-ups,
//! nags).

use super::kernel::{Context, Counted};
use super::wording::Family;
use crate::snapshot::NodeId;
use crate::tune::clutter as tune;

/// Climbs from the form to the widget that frames it: a parent joins the
/// widget only if everything else in it is widget furniture.
pub fn grow_widget(cx: &Context, scope: NodeId) -> NodeId {
    let s = cx.snap;
    let mut cur = scope;
    while let Some(parent) = s.nodes[cur].parent {
        let p = &s.nodes[parent];
        let extra = p.text_len.saturating_sub(s.nodes[cur].text_len);
        if cx.is_structural(parent)
            || extra > tune::MAX_EXTRA_TEXT
            || p.text_len > tune::MAX_WIDGET_TEXT
            || has_other_email_field(cx, parent, cur)
            || !s
                .children(parent)
                .filter(|&c| c != cur)
                .all(|c| is_furniture(cx, c))
            || !cx.may_hide(parent)
        {
            break;
        }
        cur = parent;
    }
    cur
}

/// A pitch (the block from `inner` up to its `widget`) that is an item of a
/// list the page shows, such as one FAQ entry that mentions signing up or
/// one pricing card among its siblings, or that is the list itself (a row
/// of such cards, each with its own button): the page's own content, not a
/// box pushed into it.
pub fn is_list_item(cx: &Context, inner: NodeId, widget: NodeId) -> bool {
    let s = cx.snap;
    let of_a_list = std::iter::once(inner)
        .chain(s.ancestors(inner))
        .take_while(|&a| s.contains(widget, a))
        .any(|a| super::elements::is_one_of_alike(s, a));
    let a_row = s
        .children(inner)
        .find(|&c| s.nodes[c].is_element() && cx.has_control(c))
        .is_some_and(|c| {
            super::elements::is_one_of_alike(s, c)
                && super::elements::alike(s, c).all(|m| cx.has_control(m))
        });
    of_a_list || a_row
}

/// What a sign-up widget holds besides its form: a heading, a short label or
/// icon, the pitch ("in your inbox every morning"), the fine print.
fn is_furniture(cx: &Context, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    if n.hidden || (n.text_len == 0 && !cx.has(Counted::FormField, id)) {
        return true;
    }
    if cx.has(Counted::FormField, id) {
        // Another form (a search box) is a neighbour, not part of the widget.
        return false;
    }
    if n.text_len <= tune::MAX_LABEL_TEXT && n.link_density() < tune::LABEL_MAX_LINK_DENSITY {
        return true;
    }
    if (crate::tags::is_heading(&n.tag) || matches!(n.tag.as_str(), "header" | "legend"))
        && n.text_len <= tune::MAX_HEADING_TEXT
    {
        return true;
    }
    // Fine print links to the privacy policy and terms, so it may be link-heavy.
    n.text_len <= tune::MAX_PITCH_TEXT
        && n.link_density() < tune::PITCH_MAX_LINK_DENSITY
        && (cx.words.has(id, Family::Signup) || cx.words.has(id, Family::FinePrint))
}

/// An email field below `outer` but outside `inner` (a node inside it).
fn has_other_email_field(cx: &Context, outer: NodeId, inner: NodeId) -> bool {
    cx.count_below(Counted::EmailField, outer) > cx.count_within(Counted::EmailField, inner)
}
