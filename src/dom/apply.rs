//! The applier: marks the planned blocks hidden, undoes scroll-locks, and
//! puts everything back on restore or show. Every change it makes is
//! remembered or marked, so that it can be undone exactly.

use crate::dom::methods::{
    attribute_of, body_of, inline_style_of, is_connected, query_all, remove_attribute_of, root_of,
    set_attribute_of,
};
use crate::dom::read::LiveSnapshot;
use crate::dom::MARKER;
use crate::plan::Plan;
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The one rule that hides marked blocks, in a sheet the document adopts
/// (`page.js`).
const HIDE_RULE: &str = "[data-declutter]{display:none!important}";

#[wasm_bindgen(module = "/src/dom/page.js")]
extern "C" {
    /// Adopts [`HIDE_RULE`] into the document; false where it cannot.
    #[wasm_bindgen(js_name = adoptRule)]
    fn adopt_rule(document: &Document, css: &str) -> bool;
    /// Takes [`HIDE_RULE`] out of the document and every shadow root.
    #[wasm_bindgen(js_name = dropRule)]
    fn drop_rule(document: &Document);
    /// Adopts [`HIDE_RULE`] into the shadow roots of these blocks; returns
    /// those it could not cover.
    #[wasm_bindgen(js_name = adoptRuleInShadows)]
    fn adopt_rule_in_shadows(elements: Vec<Element>, css: &str) -> Vec<Element>;
    /// Matches in the document and in the shadow roots the rule went into.
    #[wasm_bindgen(catch, js_name = selectMarked)]
    fn select_marked(
        document: &Document,
        selector: &str,
    ) -> Result<Vec<Element>, wasm_bindgen::JsValue>;
}

thread_local! {
    /// Blocks marked hidden whose computed style is checked at the next
    /// frame, when the browser has computed it anyway: asking right away
    /// would force a style pass over the whole page inside `clean`.
    static TO_CHECK: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    static CHECK_SCHEDULED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn schedule_check() {
    if CHECK_SCHEDULED.with(|s| s.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(check_hidden);
    if window
        .request_animation_frame(callback.unchecked_ref())
        .is_err()
    {
        check_hidden();
    }
}

/// Where our rule did not take (a page rule beats it: `!important` and
/// more specific), hides by inline style instead, remembering what was
/// there.
fn check_hidden() {
    CHECK_SCHEDULED.with(|s| s.set(false));
    let pending = TO_CHECK.with(|list| std::mem::take(&mut *list.borrow_mut()));
    for el in pending
        .iter()
        .filter(|el| is_connected(el) && attribute_of(el, MARKER).is_some())
    {
        if !is_display_none(el) {
            set_inline(el, &[("display", "none")]);
        }
    }
}

thread_local! {
    /// Every `style` attribute we changed (blocks hidden inline because our
    /// stylesheet did not take, a scroll-lock undone), with its original
    /// value for restore.
    static INLINE_EDITS: RefCell<Vec<(Element, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

/// Marks every planned block hidden. Returns the ids actually marked.
pub fn apply(document: &Document, live: &LiveSnapshot, plan: &Plan) -> Vec<usize> {
    let mut marked = Vec::new();
    for h in &plan.hide {
        let Some(el) = live.element(h.node) else {
            continue;
        };
        let value = format!("{} {}", h.reason.code(), h.key);
        if set_attribute_of(&el, MARKER, &value).is_ok() {
            marked.push(h.node);
        }
    }
    if !marked.is_empty() {
        let marked: Vec<Element> = marked.iter().filter_map(|&id| live.element(id)).collect();
        // Blocks inside shadow trees need the rule in their own root.
        let uncovered = match live.has_shadow_roots() {
            true => adopt_rule_in_shadows(marked.clone(), HIDE_RULE),
            false => Vec::new(),
        };
        uncovered
            .iter()
            .for_each(|el| set_inline(el, &[("display", "none")]));
        if adopt_rule(document, HIDE_RULE) {
            TO_CHECK.with(|list| list.borrow_mut().extend(marked));
            schedule_check();
        } else {
            marked
                .iter()
                .for_each(|el| set_inline(el, &[("display", "none")]));
        }
    }
    if plan.unlock_scroll {
        for el in [root_of(document), body_of(document)].into_iter().flatten() {
            set_inline(
                &el,
                &[
                    ("overflow", "visible"),
                    ("overflow-y", "auto"),
                    ("position", "static"),
                ],
            );
        }
    }
    marked
}

fn is_display_none(el: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    match window.get_computed_style(el) {
        Ok(Some(style)) => style
            .get_property_value("display")
            .map(|d| d == "none")
            .unwrap_or(true),
        _ => true,
    }
}

/// Sets `!important` inline properties, which beat page rules and which
/// CSP allows from script, remembering the attribute for restore.
fn set_inline(el: &Element, props: &[(&str, &str)]) {
    let Some(html) = el.dyn_ref::<HtmlElement>() else {
        return;
    };
    let before = attribute_of(el, "style");
    let style = inline_style_of(html);
    for (name, value) in props {
        let _ = style.set_property_with_priority(name, value, "important");
    }
    INLINE_EDITS.with(|list| list.borrow_mut().push((el.clone(), before)));
}

/// Shows every hidden block again and removes all trace of cleaning.
/// Returns how many blocks were shown.
pub fn restore(document: &Document) -> u32 {
    TO_CHECK.with(|list| list.borrow_mut().clear());
    undo_inline_edits(|_| true);
    let marked = marked_blocks(document, &format!("[{MARKER}]"));
    for el in &marked {
        unmark(el);
    }
    drop_rule(document);
    marked.len() as u32
}

/// Shows the blocks with this key again (identical copies share one).
/// Returns whether any was hidden.
pub fn show(document: &Document, key: &str) -> bool {
    // Keys are hex; anything else cannot name a block and is no selector.
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_hexdigit()) {
        return false;
    }
    let marked = marked_blocks(document, &format!("[{MARKER}~=\"{key}\"]"));
    undo_inline_edits(|el| {
        attribute_of(el, MARKER).is_some_and(|marks| marks.split_whitespace().any(|k| k == key))
    });
    for el in &marked {
        unmark(el);
    }
    !marked.is_empty()
}

/// The blocks matching `selector`, in the page and in its shadow trees.
fn marked_blocks(document: &Document, selector: &str) -> Vec<Element> {
    select_marked(document, selector).unwrap_or_else(|_| query_all(document, selector))
}

fn unmark(el: &Element) {
    remove_attribute_of(el, MARKER);
}

/// Puts back the original `style` attribute of the edited elements that
/// `which` selects, newest edit first so a twice-edited element ends with
/// its original.
fn undo_inline_edits(which: impl Fn(&Element) -> bool) {
    INLINE_EDITS.with(|list| {
        let mut list = list.borrow_mut();
        let mut kept = Vec::new();
        for (el, before) in list.drain(..).rev() {
            if !which(&el) {
                kept.push((el, before));
                continue;
            }
            // Reading the attribute first makes Chromium write back our
            // CSSOM change now; otherwise it re-adds `style=""` after we
            // remove the attribute, and restore is no longer exact.
            let _ = attribute_of(&el, "style");
            match before {
                Some(style) => {
                    let _ = set_attribute_of(&el, "style", &style);
                }
                None => remove_attribute_of(&el, "style"),
            }
        }
        kept.reverse();
        *list = kept;
    });
}
