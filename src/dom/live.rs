//! The live page: the one-pass read that builds a [`Snapshot`], the few
//! layout reads, and the applier that hides and restores blocks.
//!
//! Crossing the JS/WebAssembly boundary is the main cost. A web-sys walk
//! crosses five to ten times per node (navigation, tag, each attribute's
//! name and value, text, a handle kept per element): 3.2 ms of a 5 ms
//! `clean` on the median news page. So the tree is read by `walk.js` in one
//! call that returns flat records, and this module builds the snapshot from
//! them (1.5 ms). Everything after that goes through web-sys: computed style
//! for the few layer candidates, markers, restore, the reader view.

use crate::names::common_index;
use crate::plan::Plan;
use crate::snapshot::{Builder, Layout, Name, Snapshot, ANALYSIS_ATTRS, OPAQUE_TAGS, SKIPPED_TAGS};
use crate::{css::style_hides, dom::collect_head};
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The marker attribute on every hidden block. Its value is the reason code
/// and the block's key (see `plan::block_key`), for showing one block
/// again: "subscribe 3fa2…". One attribute, so marking a block is one change
/// to the page.
pub const MARKER: &str = "data-declutter";
/// The one rule that hides marked blocks, in a sheet the document adopts
/// (`hide_rule.js`).
const HIDE_RULE: &str = "[data-declutter]{display:none!important}";
/// Elements the extension adds itself (the reader view's host); never read.
pub const OWN_ELEMENT: &str = "data-declutter-own";

/// A snapshot plus the live element behind each node id.
pub struct LiveSnapshot {
    pub snap: Snapshot,
    /// The elements in walk order (see `walk.js`).
    elements: js_sys::Array,
    /// Per node id, its index in `elements`; `NOT_ELEMENT` for text.
    element_index: Vec<u32>,
}

const NOT_ELEMENT: u32 = u32::MAX;

impl LiveSnapshot {
    /// The live element behind a node id, if it is an element.
    pub fn element(&self, id: usize) -> Option<Element> {
        let index = *self.element_index.get(id)?;
        if index == NOT_ELEMENT {
            return None;
        }
        // `walk.js` puts only elements in the list: no type check needed.
        Some(self.elements.get(index).unchecked_into::<Element>())
    }
}

#[wasm_bindgen(module = "/src/dom/walk.js")]
extern "C" {
    /// What `readTree` returns: see `walk.js`.
    type Tree;
    fn configure(
        skipped: Vec<String>,
        opaque: Vec<String>,
        own: &str,
        analysis: Vec<String>,
        common: Vec<String>,
    );
    #[wasm_bindgen(js_name = readTree)]
    fn read_tree(root: &Element, analysis: bool) -> Tree;
    #[wasm_bindgen(method, getter)]
    fn ops(this: &Tree) -> js_sys::Uint32Array;
    #[wasm_bindgen(method, getter)]
    fn chars(this: &Tree) -> js_sys::JsString;
    #[wasm_bindgen(method, getter)]
    fn texts(this: &Tree) -> js_sys::JsString;
    #[wasm_bindgen(js_name = encodeUtf8)]
    fn encode_utf8(text: &js_sys::JsString, into: &js_sys::Uint8Array) -> u32;
    #[wasm_bindgen(method, getter)]
    fn elements(this: &Tree) -> js_sys::Array;
    /// Fallible: it asks the page's window for computed style, and a
    /// throw in an import that is not `catch` would trap the whole core.
    #[wasm_bindgen(catch, js_name = readLayout)]
    fn read_layout_facts(
        document: &Document,
        elements: &js_sys::Array,
        indices: &[u32],
    ) -> Result<Vec<f64>, wasm_bindgen::JsValue>;
    #[wasm_bindgen(js_name = readHead)]
    fn read_head_json(document: &Document) -> String;
    /// Milliseconds on the page's clock (`performance.now()`).
    pub fn now() -> f64;
}

/// Calls on elements and the document through the DOM's own methods
/// (`dom_methods.js`): a page's named form controls and images shadow the
/// properties (`<img name="documentElement">`, `<input
/// name="setAttribute">`), which web-sys reads and calls plainly.
#[wasm_bindgen(module = "/src/dom/dom_methods.js")]
extern "C" {
    #[wasm_bindgen(js_name = rootOf)]
    pub fn root_of(document: &Document) -> Option<Element>;
    #[wasm_bindgen(js_name = bodyOf)]
    fn body_of(document: &Document) -> Option<Element>;
    #[wasm_bindgen(js_name = attributeOf)]
    fn attribute_of(el: &Element, name: &str) -> Option<String>;
    #[wasm_bindgen(catch, js_name = setAttributeOf)]
    fn set_attribute_of(el: &Element, name: &str, value: &str)
        -> Result<(), wasm_bindgen::JsValue>;
    #[wasm_bindgen(js_name = removeAttributeOf)]
    fn remove_attribute_of(el: &Element, name: &str);
    #[wasm_bindgen(js_name = isConnected)]
    fn is_connected(el: &Element) -> bool;
    #[wasm_bindgen(js_name = inlineStyleOf)]
    fn inline_style_of(el: &HtmlElement) -> web_sys::CssStyleDeclaration;
    #[wasm_bindgen(catch, js_name = queryAll)]
    fn query_all_of(
        document: &Document,
        selector: &str,
    ) -> Result<Vec<Element>, wasm_bindgen::JsValue>;
}

#[wasm_bindgen(module = "/src/dom/hide_rule.js")]
extern "C" {
    /// Adopts [`HIDE_RULE`] into the document; false where it cannot.
    #[wasm_bindgen(js_name = adoptRule)]
    fn adopt_rule(document: &Document, css: &str) -> bool;
    #[wasm_bindgen(js_name = dropRule)]
    fn drop_rule(document: &Document);
}

thread_local! {
    /// The elements of the last read, kept referenced until the next one:
    /// the browser then keeps their JavaScript wrappers, which the next
    /// read (the observer's, when content arrives) would otherwise build
    /// again, one per element: a tenth of the walk.
    static LAST_READ: RefCell<Option<js_sys::Array>> = const { RefCell::new(None) };
    static WALK_CONFIGURED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Hands `walk.js` its lists, once per instance.
fn configure_walk() {
    if WALK_CONFIGURED.with(|c| c.replace(true)) {
        return;
    }
    let list = |items: &[&str]| -> Vec<String> { items.iter().map(|t| t.to_string()).collect() };
    let mut analysis = list(ANALYSIS_ATTRS);
    analysis.push(MARKER.to_owned());
    configure(
        list(SKIPPED_TAGS),
        list(OPAQUE_TAGS),
        OWN_ELEMENT,
        analysis,
        list(crate::names::COMMON),
    );
}

/// Whether a snapshot reads `<head>`: meta tags, JSON-LD and the title.
/// Only the article's metadata uses them, so a standard `clean` skips them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Read,
    Skip,
}

/// Which attributes a snapshot keeps: all of them (the reader view copies
/// some, and the article's clean-up reads many), or only those that
/// cleaning reads ([`ANALYSIS_ATTRS`]), for a cheaper read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Attrs {
    All,
    Analysis,
}

/// Reads `document` once, in document order.
pub fn snapshot(document: &Document, head: Head, attrs: Attrs) -> LiveSnapshot {
    let mut b = Builder::new();
    let mut element_index = Vec::new();
    let mut elements = js_sys::Array::new();
    if let Some(root) = root_of(document) {
        configure_walk();
        let tree = read_tree(&root, attrs == Attrs::Analysis);
        let mut chars = Vec::new();
        let markup = append_utf8(&mut chars, &tree.chars());
        append_utf8(&mut chars, &tree.texts());
        // Checked all the same: the page's realm could have patched
        // TextEncoder. Then the page reads as empty, and nothing is hidden.
        let (chars, markup) = match String::from_utf8(chars) {
            Ok(chars) => (chars, markup),
            Err(_) => (String::new(), 0),
        };
        b = build(&tree.ops().to_vec(), chars, markup, &mut element_index);
        elements = tree.elements();
        LAST_READ.with(|last| *last.borrow_mut() = Some(elements.clone()));
    }
    let mut snap = b.finish();
    debug_assert_eq!(snap.nodes.len(), element_index.len());
    // What relative links resolve against: the page's address, or its <base href>.
    snap.url = document
        .base_uri()
        .ok()
        .flatten()
        .or_else(|| document.url().ok());
    if head == Head::Read {
        read_head(document, &mut snap);
    }
    let mut live = LiveSnapshot {
        snap,
        elements,
        element_index,
    };
    read_layout(document, &mut live);
    live
}

/// Computed style and boxes, only for the few elements that can be layers
/// (see `overlay::layout_candidates`), plus the window size and whether the
/// page is scroll-locked: one call to `readLayout` (walk.js).
fn read_layout(document: &Document, live: &mut LiveSnapshot) {
    const FIELDS: usize = 7;
    let candidates = crate::clutter::overlay::layout_candidates(&live.snap);
    let indices: Vec<u32> = candidates
        .iter()
        .map(|&id| live.element_index[id])
        .filter(|&i| i != NOT_ELEMENT)
        .collect();
    if indices.len() != candidates.len() {
        return; // Candidates are elements; a text node here is a bug upstream.
    }
    // Without layout (the read threw), the detectors go by markup alone,
    // as they do natively.
    let Ok(facts) = read_layout_facts(document, &live.elements, &indices) else {
        return;
    };
    if facts.len() != candidates.len() * FIELDS + 3 {
        return;
    }
    let page_text = live.snap.nodes.first().map_or(0, |n| n.text_len);
    let snap = &mut live.snap;
    for (&id, f) in candidates.iter().zip(facts.chunks_exact(FIELDS)) {
        // Not rendered, so not content. Two exceptions: `visibility` can be
        // undone by a descendant, and a block holding most of the page is a
        // "hide until our script runs" state, not clutter.
        if f[0] == 1.0 && snap.nodes[id].text_len * 2 <= page_text {
            let end = snap.nodes[id].end;
            snap.nodes[id..end].iter_mut().for_each(|n| {
                n.hidden = true;
                n.aria_hidden = false;
            });
            continue;
        }
        if f[1] != 0.0 {
            snap.nodes[id].layout = Some(Box::new(Layout {
                fixed: f[1] == 1.0,
                sticky: f[1] == 2.0,
                z_index: f[2] as i32,
                x: f[3] as f32,
                y: f[4] as f32,
                width: f[5] as f32,
                height: f[6] as f32,
            }));
        }
    }
    let window = &facts[candidates.len() * FIELDS..];
    snap.viewport = Some((window[0] as f32, window[1] as f32));
    snap.scroll_locked = window[2] == 1.0;
}

/// Appends a JavaScript string to `buf` as UTF-8, encoded by the browser
/// straight into room reserved once for its longest form; returns the
/// length of `buf` after it. (Returning a `String` through wasm-bindgen
/// copies ASCII by hand and grows its buffer as it goes.)
fn append_utf8(buf: &mut Vec<u8>, text: &js_sys::JsString) -> usize {
    let room = text.length() as usize * 3;
    buf.reserve(room);
    let at = buf.len();
    // SAFETY: the view covers reserved, unused capacity of `buf`, and
    // nothing allocates (so wasm memory cannot move) while JavaScript
    // writes to it.
    let view = unsafe { js_sys::Uint8Array::view_mut_raw(buf.as_mut_ptr().add(at), room) };
    let written = (encode_utf8(text, &view) as usize).min(room);
    // SAFETY: `encodeUtf8` wrote these bytes (their UTF-8 is checked later).
    unsafe { buf.set_len(at + written) };
    buf.len()
}

/// Feeds `readTree`'s records to the builder (see `walk.js` for the format).
/// The builder starts from `chars` itself: values and text stay where they
/// crossed, and nodes refer to them by span.
/// `chars` holds the markup (tags and attributes) up to byte `markup`, then
/// the text of the text nodes.
fn build(ops: &[u32], chars: String, markup: usize, element_index: &mut Vec<u32>) -> Builder {
    const HIDDEN: usize = common_index("hidden");
    const STYLE: usize = common_index("style");
    const MARKED: usize = common_index(MARKER);
    let read = chars.len();
    let markup = markup.min(read);
    let mut b = Builder::over(chars);
    // About four records a node on news pages (text: two; an element: three,
    // two per attribute, and its close).
    b.reserve(ops.len() / 4);
    element_index.reserve(ops.len() / 4);
    let mut markup_reader = Utf16Reader::new(&b.buffer()[..markup], 0);
    let mut text_reader = Utf16Reader::new(&b.buffer()[..read], markup);
    let mut ops = ops.iter().map(|&n| n as usize);
    let mut take = |b: &Builder, units: usize| markup_reader.take(&b.buffer()[..markup], units);
    let mut element = 0u32;
    while let Some(op) = ops.next() {
        match op {
            1 => {
                let tag = name(&mut take, &b, ops.next().unwrap_or(0));
                let count = ops.next().unwrap_or(0);
                // Hidden by markup (see `is_hidden_by_markup`), told by the
                // names' numbers. Blocks already hidden by an earlier clean
                // stay out of later ones.
                let mut hidden = false;
                for _ in 0..count {
                    let sent = ops.next().unwrap_or(0);
                    let name = name(&mut take, &b, sent);
                    let value = take(&b, ops.next().unwrap_or(0));
                    match sent {
                        HIDDEN | MARKED => hidden = true,
                        STYLE => hidden |= style_hides(&b.buffer()[value.clone()]),
                        _ => {}
                    }
                    b.attr(name, b.span(value));
                }
                let id = b.open_with_attrs(tag, hidden);
                // The builder may have added a space before the element.
                element_index.resize(id, NOT_ELEMENT);
                element_index.push(element);
                element += 1;
            }
            2 => {
                let units = ops.next().unwrap_or(0);
                let text = text_reader.take(&b.buffer()[..read], units);
                b.text_at(b.span(text));
            }
            _ => b.close(),
        }
        // Text nodes (a space kept at a close, or text) have no element.
        element_index.resize(b.added(), NOT_ELEMENT);
    }
    b
}

/// A tag or attribute name as `readTree` sends it: its number in
/// [`crate::names::COMMON`], or `NAMED` plus the length of its letters.
fn name(
    take: &mut impl FnMut(&Builder, usize) -> std::ops::Range<usize>,
    b: &Builder,
    sent: usize,
) -> Name {
    const NAMED: usize = 0x8000_0000;
    match sent & NAMED {
        // Never out of range: the walk numbers names from this very list.
        0 => Name::common(sent).unwrap_or_else(|| Name::new("x-unknown")),
        _ => Name::new(&b.buffer()[take(b, sent & !NAMED)]),
    }
}

/// Cuts consecutive pieces of a string by their length in UTF-16 units
/// (JavaScript's `length`), as byte ranges.
struct Utf16Reader {
    at: usize,
    /// Where the next non-ASCII byte is (at or after `at`): a piece before
    /// it is one byte per unit, and is cut without looking at it.
    ascii_until: usize,
}

impl Utf16Reader {
    /// A reader of `text` from byte `at`.
    fn new(text: &str, at: usize) -> Self {
        let mut reader = Utf16Reader { at, ascii_until: 0 };
        reader.find_non_ascii(text);
        reader
    }
    fn find_non_ascii(&mut self, text: &str) {
        let rest = &text.as_bytes()[self.at..];
        self.ascii_until = self.at
            + rest
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
    }
    /// The next `units` of `text` (always the same text).
    fn take(&mut self, text: &str, units: usize) -> std::ops::Range<usize> {
        let start = self.at;
        let len = if start + units <= self.ascii_until {
            units
        } else {
            let rest = &text[start..];
            let mut seen = 0;
            rest.char_indices()
                .find_map(|(i, c)| {
                    let found = (seen >= units).then_some(i);
                    seen += c.len_utf16();
                    found
                })
                .unwrap_or(rest.len())
        };
        self.at += len;
        if self.at > self.ascii_until {
            self.find_non_ascii(text);
        }
        start..self.at
    }
}

/// The head as `readHead` (walk.js) gives it, in one crossing.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct HeadRecords {
    root: Vec<(String, String)>,
    metas: Vec<Vec<(String, String)>>,
    json_ld: Vec<String>,
    title: String,
}

fn read_head(document: &Document, snap: &mut Snapshot) {
    let head: HeadRecords = serde_json::from_str(&read_head_json(document)).unwrap_or_default();
    collect_head(snap, &head.root, &head.metas, head.json_ld, head.title);
}

/// `document.querySelectorAll` as elements, through Document's own method;
/// an invalid selector yields nothing.
pub fn query_all(document: &Document, selector: &str) -> Vec<Element> {
    query_all_of(document, selector).unwrap_or_default()
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
        let marked = marked.iter().filter_map(|&id| live.element(id));
        if adopt_rule(document, HIDE_RULE) {
            TO_CHECK.with(|list| list.borrow_mut().extend(marked));
            schedule_check();
        } else {
            marked.for_each(|el| set_inline(&el, &[("display", "none")]));
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
    let marked = query_all(document, &format!("[{MARKER}]"));
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
    let marked = query_all(document, &format!("[{MARKER}~=\"{key}\"]"));
    undo_inline_edits(|el| {
        attribute_of(el, MARKER).is_some_and(|marks| marks.split_whitespace().any(|k| k == key))
    });
    for el in &marked {
        unmark(el);
    }
    !marked.is_empty()
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
