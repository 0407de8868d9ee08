//! Banners in the page flow (not fixed): cookie and consent notices, and
//! "support us" or membership nags. Without layout (a saved page, or a
//! banner not yet positioned) they are found by wording plus a button.

use super::kernel::{Context, Finding};
use super::widget::{grow_widget, is_list_item};
use super::wording::Family;
use crate::plan::Reason;
use crate::snapshot::{Node, NodeId};
use crate::text::tokens;
use crate::tune::clutter as tune;
use crate::words::markup::CONSENT_TOKENS;

pub fn detect(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let mut found: Vec<Finding> = Vec::new();
    for i in 0..s.len() {
        let n = &s.nodes[i];
        // Cheap tests first: sizes, then a button, then wording.
        if n.is_text()
            || n.hidden
            || n.text_len == 0
            || n.text_len > tune::MAX_CONSENT_TEXT
            || !is_block(n)
        {
            continue;
        }
        if found.last().is_some_and(|f| s.contains(f.node, i)) || !cx.has_control(i) {
            continue;
        }
        if is_consent(cx, i) && cx.may_hide(i) {
            found.push(Finding {
                node: i,
                reason: Reason::Consent,
            });
        } else if is_nag(cx, i) {
            let widget = grow_widget(cx, i);
            if cx.may_hide(widget) && !is_list_item(cx, i, widget) {
                found.push(Finding {
                    node: widget,
                    reason: Reason::Nag,
                });
            }
        }
    }
    found
}

/// Consent wording, named or placed like a banner: a cookie/consent id or
/// class, a dialog or region role, or near the top of the body.
fn is_consent(cx: &Context, i: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[i];
    if n.text_len == 0 || n.text_len > tune::MAX_CONSENT_TEXT || !is_block(n) {
        return false;
    }
    let named = tokens(n.id_and_class()).any(|t| CONSENT_TOKENS.contains(&t.as_ref()))
        || matches!(n.attr("role"), Some("dialog" | "alertdialog" | "region"));
    let near_top = n.depth <= s.nodes[s.body()].depth + tune::NEAR_TOP_LEVELS;
    let hits = cx.words.count(i, Family::Consent);
    (named && hits >= tune::NAMED_CONSENT_PHRASES)
        || (near_top && hits >= tune::UNNAMED_CONSENT_PHRASES)
}

/// A short block asking for money or a membership, with a button or link.
fn is_nag(cx: &Context, i: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[i];
    is_block(n) && n.text_len > 0 && n.text_len <= tune::MAX_NAG_TEXT && cx.words.has(i, Family::SupportNag)
        // The innermost block with the wording: a parent that only repeats it is grown into later.
        && !s.children(i).any(|c| is_block(&s.nodes[c]) && s.nodes[c].text_len * 10 >= n.text_len * tune::INNER_BLOCK_TENTHS && cx.words.has(c, Family::SupportNag))
}

fn is_block(n: &Node) -> bool {
    matches!(
        n.tag.as_str(),
        "div" | "section" | "aside" | "form" | "dialog" | "footer" | "header"
    ) || n.tag.contains('-')
}
