//! Layers over the page: consent banners, sign-up modals, "support us"
//! interstitials and bars stuck to the window's edge. Judged by behaviour:
//! a fixed position (from the live page's computed style, or an inline
//! style) or a dialog role, plus what the layer says and how much of the
//! window it covers. Hiding one also undoes the scroll-lock it set.

use super::kernel::{Claimed, Context, Counted, Finding, Level};
use super::wording::Family;
use crate::plan::Reason;
use crate::snapshot::{Node, NodeId, Snapshot};
use crate::tune::clutter as tune;

pub fn detect(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let mut found: Vec<Finding> = Vec::new();
    let mut claimed = Claimed::new(s);
    for i in 0..s.len() {
        let n = &s.nodes[i];
        if n.is_text() || n.hidden || n.text_len > tune::MAX_LAYER_TEXT || claimed.covers(i) {
            continue;
        }
        if !(is_fixed(s, i) || is_dialog(s, i)) || !cx.may_hide(i) {
            continue;
        }
        if let Some(reason) = judge(cx, i) {
            claimed.claim(s, i);
            found.push(Finding { node: i, reason });
        }
    }
    found
}

/// Why a fixed layer or dialog goes, if it does.
fn judge(cx: &Context, i: NodeId) -> Option<Reason> {
    let s = cx.snap;
    if cx.words.count(i, Family::Consent) >= tune::LAYER_CONSENT_PHRASES {
        return Some(Reason::Consent);
    }
    let asks = cx.words.has(i, Family::Signup) || cx.count_below(Counted::EmailField, i) > 0;
    if asks || cx.words.has(i, Family::SupportNag) {
        return Some(if at_bottom(s, i) {
            Reason::StickyBar
        } else {
            Reason::Overlay
        });
    }
    if covers_window(s, i) {
        return Some(Reason::Overlay);
    }
    (cx.level == Level::Focus && at_bottom(s, i)).then_some(Reason::StickyBar)
}

/// `position: fixed` (or sticky at the bottom) on the live page, or an
/// inline fixed style natively.
pub fn is_fixed(s: &Snapshot, i: NodeId) -> bool {
    let n = &s.nodes[i];
    match n.layout.as_deref() {
        Some(l) => l.fixed,
        None => crate::css::style_declares(n.attr("style").unwrap_or(""), &["position:fixed"]),
    }
}

fn covers_window(s: &Snapshot, i: NodeId) -> bool {
    match (s.nodes[i].layout.as_deref(), s.viewport) {
        (Some(l), Some((w, h))) if w > 0.0 && h > 0.0 => {
            let visible_w = (l.x + l.width).min(w) - l.x.max(0.0);
            let visible_h = (l.y + l.height).min(h) - l.y.max(0.0);
            visible_w > 0.0 && visible_h > 0.0 && visible_w * visible_h / (w * h) >= tune::COVERING
        }
        _ => false,
    }
}

fn at_bottom(s: &Snapshot, i: NodeId) -> bool {
    match (s.nodes[i].layout.as_deref(), s.viewport) {
        (Some(l), Some((w, h))) if h > 0.0 => {
            l.y + l.height >= h - tune::BOTTOM_SLACK
                && l.height <= h * tune::BAR_HEIGHT
                && l.width >= w * tune::BAR_MIN_WIDTH
        }
        _ => false,
    }
}

/// Elements whose computed style the live walk reads: near the top of the
/// body (where scripts mount pop-ups), dialogs, and blocks whose names hint
/// at a layer. Reading style for every node would cost more than the
/// whole analysis.
pub fn layout_candidates(s: &Snapshot) -> Vec<NodeId> {
    let body = s.body();
    let body_depth = s.nodes[body].depth;
    (body + 1..s.len())
        .filter(|&i| {
            let n = &s.nodes[i];
            if n.is_text() || n.hidden || !is_box_tag(&n.tag) {
                return false;
            }
            n.depth <= body_depth + tune::NEAR_TOP_LEVELS || is_layer_hint(n)
        })
        .take(tune::MAX_LAYOUT_CANDIDATES)
        .collect()
}

/// A dialog role, or an id/class naming a layer ("modal", "cookie"…).
fn is_layer_hint(n: &Node) -> bool {
    use crate::text::PairIndex;
    use crate::words::markup::OVERLAY_TOKENS;
    static TOKENS: std::sync::OnceLock<PairIndex<()>> = std::sync::OnceLock::new();
    let tokens = TOKENS.get_or_init(|| PairIndex::new(OVERLAY_TOKENS.iter().map(|&t| (t, ()))));
    is_dialog_node(n) || tokens.any_in(n.id_and_class())
}

fn is_dialog(s: &Snapshot, i: NodeId) -> bool {
    is_dialog_node(&s.nodes[i])
}

fn is_dialog_node(n: &Node) -> bool {
    matches!(n.attr("role"), Some("dialog" | "alertdialog"))
        || n.attr("aria-modal") == Some("true")
        || (n.tag == "dialog" && n.attr("open").is_some())
}

fn is_box_tag(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "section"
            | "aside"
            | "dialog"
            | "form"
            | "header"
            | "footer"
            | "nav"
            | "iframe"
            | "ins"
            | "article"
    ) || tag.contains('-')
}
