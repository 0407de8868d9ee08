//! The live page, through web-sys: the one-pass walk that builds a
//! [`Snapshot`], and the applier that hides and restores blocks.
//!
//! Crossing into JavaScript is the main cost, so the walk reads each node
//! once (tag, attributes, text) and nothing from layout; the analysis works
//! from structure.

use crate::dom::{collect_head, is_hidden_by_markup};
use crate::plan::Plan;
use crate::snapshot::{Builder, Snapshot, SKIPPED_TAGS};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node};

/// The marker attribute on every hidden block; its value is the reason code.
pub const MARKER: &str = "data-declutter";
/// The `<style>` element holding the one rule that hides marked blocks.
const STYLE_MARKER: &str = "data-declutter-style";
const HIDE_RULE: &str = "[data-declutter]{display:none!important}";
/// Elements the extension adds itself (the reader view's host); never read.
pub const OWN_ELEMENT: &str = "data-declutter-own";

/// A snapshot plus the live node behind each id.
pub struct LiveSnapshot {
    pub snap: Snapshot,
    pub handles: Vec<Node>,
}

/// Walks `document` once, in document order.
pub fn snapshot(document: &Document) -> LiveSnapshot {
    let mut b = Builder::new();
    let mut handles = Vec::new();
    if let Some(root) = document.document_element() {
        walk(&root, &mut b, &mut handles);
    }
    let mut snap = b.finish();
    debug_assert_eq!(snap.nodes.len(), handles.len());
    snap.url = document.url().ok();
    read_head(document, &mut snap);
    LiveSnapshot { snap, handles }
}

fn walk(root: &Element, b: &mut Builder, handles: &mut Vec<Node>) {
    // first_child/next_sibling with an explicit depth count: no recursion
    // (hostile pages nest deeply) and no NodeList allocations.
    let root_node: &Node = root.as_ref();
    let mut current: Option<Node> = Some(root_node.clone());
    let mut depth = 0usize;
    while let Some(node) = current {
        let mut descend = false;
        match node.node_type() {
            Node::ELEMENT_NODE => {
                let el: &Element = node.unchecked_ref();
                let tag = el.local_name();
                if !SKIPPED_TAGS.contains(&tag.as_str()) && !el.has_attribute(OWN_ELEMENT) {
                    let attrs = read_attrs(el);
                    // Blocks already hidden by an earlier clean stay out of later ones.
                    let hidden = is_hidden_by_markup(&attrs, None) || el.has_attribute(MARKER);
                    b.open(&tag, attrs, hidden);
                    handles.push(node.clone());
                    descend = true;
                }
            }
            Node::TEXT_NODE => {
                let before = b_len(b);
                b.text(&node.node_value().unwrap_or_default());
                if b_len(b) > before {
                    handles.push(node.clone());
                }
            }
            _ => {}
        }
        if descend {
            if let Some(child) = node.first_child() {
                depth += 1;
                current = Some(child);
                continue;
            }
            b.close();
        }
        // Climb until a node has a next sibling, closing elements on the way.
        let mut n = node;
        loop {
            if depth == 0 {
                current = None;
                break;
            }
            if let Some(next) = n.next_sibling() {
                current = Some(next);
                break;
            }
            match n.parent_node() {
                Some(p) => {
                    depth -= 1;
                    b.close();
                    n = p;
                }
                None => {
                    current = None;
                    break;
                }
            }
        }
    }
}

fn b_len(b: &mut Builder) -> usize {
    b.snapshot_mut().nodes.len()
}

fn read_attrs(el: &Element) -> Vec<(String, String)> {
    let map = el.attributes();
    (0..map.length()).filter_map(|i| map.item(i)).map(|a| (a.name().to_ascii_lowercase(), a.value())).collect()
}

fn read_head(document: &Document, snap: &mut Snapshot) {
    let root_attrs = document.document_element().map(|r| read_attrs(&r)).unwrap_or_default();
    let metas: Vec<Vec<(String, String)>> = query_all(document, "meta").iter().map(read_attrs).collect();
    let json_ld = query_all(document, r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|s| s.text_content())
        .collect();
    collect_head(snap, &root_attrs, &metas, json_ld, document.title());
}

/// `querySelectorAll` as elements; an invalid selector yields nothing.
pub fn query_all(document: &Document, selector: &str) -> Vec<Element> {
    let Ok(list) = document.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

thread_local! {
    /// Blocks hidden by inline style because the page's CSP blocked our
    /// stylesheet, with their original `style` attribute for restore.
    static INLINE_HIDDEN: RefCell<Vec<(Element, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

/// Marks every planned block hidden. Returns the ids actually marked.
pub fn apply(document: &Document, live: &LiveSnapshot, plan: &Plan) -> Vec<usize> {
    let mut marked = Vec::new();
    for h in &plan.hide {
        let Some(el) = live.handles.get(h.node).and_then(|n| n.dyn_ref::<Element>()) else { continue };
        if el.set_attribute(MARKER, h.reason.code()).is_ok() {
            marked.push(h.node);
        }
    }
    if !marked.is_empty() {
        ensure_style(document);
        // Where our rule does not take (a strict style-src CSP blocked the
        // <style>, or a page rule beats it), hide by inline style, which CSP
        // allows from script, and remember what was there.
        for &id in &marked {
            let el: &Element = live.handles[id].unchecked_ref();
            if !is_display_none(el) {
                hide_inline(el);
            }
        }
    }
    marked
}

fn ensure_style(document: &Document) {
    if document.query_selector(&format!("style[{STYLE_MARKER}]")).ok().flatten().is_some() {
        return;
    }
    let Ok(style) = document.create_element("style") else { return };
    let _ = style.set_attribute(STYLE_MARKER, "");
    style.set_text_content(Some(HIDE_RULE));
    let parent: Option<Element> = document.head().map(Into::into).or_else(|| document.document_element());
    if let Some(parent) = parent {
        let _ = parent.append_child(&style);
    }
}

fn is_display_none(el: &Element) -> bool {
    let Some(window) = web_sys::window() else { return true };
    match window.get_computed_style(el) {
        Ok(Some(style)) => style.get_property_value("display").map(|d| d == "none").unwrap_or(true),
        _ => true,
    }
}

fn hide_inline(el: &Element) {
    let Some(html) = el.dyn_ref::<HtmlElement>() else { return };
    let before = el.get_attribute("style");
    if html.style().set_property_with_priority("display", "none", "important").is_ok() {
        INLINE_HIDDEN.with(|list| list.borrow_mut().push((el.clone(), before)));
    }
}

/// Shows every hidden block again and removes all trace of cleaning.
/// Returns how many blocks were shown.
pub fn restore(document: &Document) -> u32 {
    INLINE_HIDDEN.with(|list| {
        for (el, before) in list.borrow_mut().drain(..) {
            // Reading the attribute first makes Chromium write back our
            // CSSOM change now; otherwise it re-adds `style=""` after we
            // remove the attribute, and restore is no longer exact.
            let _ = el.get_attribute("style");
            let _ = match before {
                Some(style) => el.set_attribute("style", &style),
                None => el.remove_attribute("style"),
            };
        }
    });
    let marked = query_all(document, &format!("[{MARKER}]"));
    for el in &marked {
        let _ = el.remove_attribute(MARKER);
    }
    for style in query_all(document, &format!("style[{STYLE_MARKER}]")) {
        style.remove();
    }
    marked.len() as u32
}
