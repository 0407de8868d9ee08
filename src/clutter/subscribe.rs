//! Newsletter and sign-up widgets: an email field, a way to send it, and
//! sign-up wording. The hidden block is the whole widget (heading, pitch,
//! "* indicates required", thank-you message), grown outward from the form
//! only while the surrounding block adds little text of its own.

use super::elements::{is_control, is_email_field};
use super::kernel::{Claimed, Context, Counted, Finding};
use super::widget::grow_widget;
use super::wording::Family;
use crate::plan::Reason;
use crate::snapshot::NodeId;
use crate::text::tokens;
use crate::tune::clutter as tune;
use crate::words::markup::SIGNUP_EMBED_TOKENS;

pub fn detect(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let mut found: Vec<Finding> = Vec::new();
    let mut claimed = Claimed::new(s);
    let mut judged: crate::fnv::FnvSet<NodeId> = Default::default();
    for field in (0..s.len()).filter(|&i| is_email_field(&s.nodes[i])) {
        if claimed.covers(field) {
            continue;
        }
        let Some(scope) = form_scope(cx, field) else {
            continue;
        };
        // The verdict depends on the scope alone: a form of thousands of
        // fields is judged once, not once per field (found by the fuzzer,
        // 0.9 s for 200 KB).
        if !judged.insert(scope) {
            continue;
        }
        if !is_signup_form(cx, scope) {
            continue;
        }
        let widget = grow_widget(cx, scope);
        if !cx.may_hide(widget) {
            continue;
        }
        if !has_signup_wording(cx, widget) {
            continue;
        }
        claimed.claim(s, widget);
        found.push(Finding {
            node: widget,
            reason: Reason::Subscribe,
        });
    }
    found
}

fn is_menu(cx: &Context, i: NodeId) -> bool {
    let s = cx.snap;
    let in_link = |d: NodeId| {
        s.ancestors(d)
            .take_while(|&a| a != i)
            .any(|a| s.nodes[a].tag == "a")
    };
    s.nodes[i].link_density() >= tune::MENU_LINK_DENSITY
        && cx.count_below(Counted::Link, i) as usize >= tune::MENU_LINKS
        && !s
            .descendants(i)
            .any(|d| s.nodes[d].is_text() && cx.words.has(d, Family::SignupCall) && !in_link(d))
}

/// Sign-up calls without a form: a "Subscribe" or "Newsletters" link or
/// button, or a short promo box that pitches a subscription and links to it.
pub fn detect_calls(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let mut found: Vec<Finding> = Vec::new();
    for i in 0..s.len() {
        let n = &s.nodes[i];
        if n.is_text()
            || (n.hidden && !n.aria_hidden)
            || n.text_len == 0
            || n.text_len > tune::MAX_PROMO_TEXT
            || found.last().is_some_and(|f| s.contains(f.node, i))
        {
            continue;
        }
        let target = if is_control(&s.nodes[i])
            && n.text_len <= tune::MAX_CALL_TEXT
            && cx.words.has(i, Family::SignupCall)
        {
            // A lone link in a list item or span goes with its wrapper.
            let mut t = i;
            while let Some(p) = s.nodes[t].parent.filter(|&p| {
                matches!(
                    s.nodes[p].tag.as_str(),
                    "li" | "span" | "strong" | "em" | "b"
                )
            }) {
                if s.nodes[p].text_len != s.nodes[t].text_len {
                    break;
                }
                t = p;
            }
            t
        } else if cx.has_control(i) && is_promo_box(cx, i) {
            grow_widget(cx, i)
        } else {
            continue;
        };
        if cx.may_hide(target)
            && !near_login(cx, target)
            && !cx.words.has(target, Family::NotASignup)
        {
            found.push(Finding {
                node: target,
                reason: Reason::Subscribe,
            });
        }
    }
    found
}

/// "Sign up" beside a log-in form is the page's account creation, which the
/// reader came for.
fn near_login(cx: &Context, i: NodeId) -> bool {
    std::iter::once(i)
        .chain(cx.snap.ancestors(i).take(tune::LOGIN_LEVELS))
        .any(|a| cx.has(Counted::PasswordField, a))
}

/// The innermost short block with sign-up wording and a link or button.
fn is_promo_box(cx: &Context, i: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[i];
    matches!(
        n.tag.as_str(),
        "div" | "section" | "aside" | "p" | "li" | "header" | "footer"
    ) && n.text_len <= if matches!(n.tag.as_str(), "p" | "li") { tune::MAX_PROMO_LINE } else { tune::MAX_PROMO_TEXT }
        && cx.words.has(i, Family::SignupCall)
        // Several links whose only sign-up wording is in a link is a menu
        // (a header's "Subscribe" among its sections), not a pitch: its
        // sign-up link goes alone.
        && !is_menu(cx, i)
        // A child that holds nearly all of it, its own link included, is
        // the tighter box.
        && !s.children(i).any(|c| {
            s.nodes[c].is_element()
                && !is_control(&s.nodes[c])
                && cx.has_control(c)
                && s.nodes[c].text_len * 10 >= n.text_len * tune::INNER_BLOCK_TENTHS
        })
}

/// The form around an email field: its `<form>`, or for script-driven embeds
/// without one, the nearest ancestor that also holds a button.
fn form_scope(cx: &Context, field: NodeId) -> Option<NodeId> {
    let s = cx.snap;
    if let Some(form) = s.ancestors(field).find(|&a| s.nodes[a].tag == "form") {
        return Some(form);
    }
    s.ancestors(field)
        .take(tune::MAX_SCOPE_CLIMB)
        .find(|&a| cx.count_below(Counted::Submit, a) > 0)
}

/// Rules out the forms a page needs: log-in (password), comments and contact
/// (a text area), and search.
fn is_signup_form(cx: &Context, scope: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[scope];
    if n.attr("role") == Some("search")
        || tokens(n.attr("action").unwrap_or("")).any(|t| t == "search")
    {
        return false;
    }
    if cx.count_below(Counted::NotSignupField, scope) > 0 {
        return false;
    }
    !cx.words.has(scope, Family::Search) || cx.words.has(scope, Family::Signup)
}

/// Sign-up wording in the widget's text, its controls' labels and values,
/// or a known embed's id/class tokens.
fn has_signup_wording(cx: &Context, widget: NodeId) -> bool {
    let s = cx.snap;
    if cx.words.has(widget, Family::Signup) {
        return true;
    }
    (widget..s.nodes[widget].end).any(|i| {
        let n = &s.nodes[i];
        [
            "placeholder",
            "value",
            "aria-label",
            "title",
            "action",
            "name",
        ]
        .iter()
        .filter_map(|a| n.attr(a))
        .any(|v| super::wording::says(v, Family::Signup))
            || {
                let marks = n.id_and_class();
                SIGNUP_EMBED_TOKENS
                    .iter()
                    .any(|e| crate::text::has(marks, e))
            }
    })
}
