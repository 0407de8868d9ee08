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
