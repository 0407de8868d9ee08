//! The read: the live page becomes a [`Snapshot`] in one pass, plus the
//! computed style of the few elements the analysis asks about.
//!
//! Crossing the JS/WebAssembly boundary is the main cost. A web-sys walk
//! crosses five to ten times per node (navigation, tag, each attribute's
//! name and value, text, a handle kept per element): 3.2 ms of a 5 ms
//! `clean` on the median news page. So the tree is read by `page.js` in one
//! call that returns flat records, and this module builds the snapshot from
//! them (1.5 ms).
//!
//! The read knows no detector: which elements need layout is the
//! analysis's question (`clutter::overlay::layout_candidates`), and the caller hands
//! its answer to [`read_layout`].

use crate::dom::methods::root_of;
use crate::dom::{
    collect_head, is_folded_panel, is_hidden_by_markup, is_streamed_segment, MARKER, OWN_ELEMENT,
};
use crate::names::common_index;
use crate::snapshot::{
    Builder, Layout, Name, NodeId, Snapshot, ANALYSIS_ATTRS, OPAQUE_TAGS, SKIPPED_TAGS,
};
use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

/// The records the walk writes (see `page.js`), by the same names there.
/// [`protocol_mismatch`] checks that both ends agree (tests/web.rs).
pub mod record {
    /// `OPEN tag attrCount (name valueLen)*`: an element opens.
    pub const OPEN: usize = 1;
    /// `TEXT textLen`: a text node.
    pub const TEXT: usize = 2;
    /// `CLOSE`: the open element closes.
    pub const CLOSE: usize = 3;
    /// Set on a tag or attribute name sent by its letters (its length in
    /// the low bits), not by its number in the common names.
    pub const NAMED: usize = 0x8000_0000;
}

/// The numbers `readLayout` gives per candidate, in this order.
pub const LAYOUT_FIELDS: [&str; 7] = [
    "displayNone",
    "position",
    "zIndex",
    "x",
    "y",
    "width",
    "height",
];
/// The `position` field's values (0: any other position).
const POSITION_FIXED: f64 = 1.0;
const POSITION_STICKY: f64 = 2.0;

/// A snapshot plus the live element behind each node id.
pub struct LiveSnapshot {
    pub snap: Snapshot,
    live: LiveElements,
}

/// The live side of a [`LiveSnapshot`]: the elements behind its node ids,
/// kept apart while the analysis borrows the snapshot.
pub struct LiveElements {
    /// The elements in walk order (see `page.js`).
    elements: js_sys::Array,
    /// Per node id, its index in `elements`; `NOT_ELEMENT` for text.
    element_index: Vec<u32>,
    /// The shadow roots the read went into, in walk order.
    shadow_roots: js_sys::Array,
    /// A scoped read's added elements, by their index in `elements`.
    added_at: Vec<u32>,
}

const NOT_ELEMENT: u32 = u32::MAX;

impl LiveSnapshot {
    /// The snapshot and the elements behind it, apart.
    pub fn into_parts(self) -> (Snapshot, LiveElements) {
        (self.snap, self.live)
    }

    /// Puts back together what [`LiveSnapshot::into_parts`] took apart.
    pub fn from_parts(snap: Snapshot, live: LiveElements) -> Self {
        LiveSnapshot { snap, live }
    }

    /// The live element behind a node id, if it is an element.
    pub fn element(&self, id: usize) -> Option<Element> {
        let index = *self.live.element_index.get(id)?;
        if index == NOT_ELEMENT {
            return None;
        }
        // `page.js` puts only elements in the list: no type check needed.
        Some(self.live.elements.get(index).unchecked_into::<Element>())
    }

    /// The node id of a live element, if the read took it.
    pub fn node_of(&self, el: &Element) -> Option<usize> {
        let index = u32::try_from(self.live.elements.index_of(el, 0)).ok()?;
        self.live.element_index.iter().position(|&i| i == index)
    }

    /// A scoped read's added elements, as node ids (see
    /// [`Reading::start_added`]); none for a whole read.
    pub fn added_nodes(&self) -> Vec<usize> {
        let mut node_of = vec![usize::MAX; self.live.elements.length() as usize];
        for (id, &index) in self.live.element_index.iter().enumerate() {
            if let Some(slot) = node_of.get_mut(index as usize) {
                *slot = id;
            }
        }
        let found = self
            .live
            .added_at
            .iter()
            .filter_map(|&i| node_of.get(i as usize));
        found.copied().filter(|&id| id != usize::MAX).collect()
    }

    /// Whether the read went into any shadow tree.
    pub fn has_shadow_roots(&self) -> bool {
        self.live.shadow_roots.length() > 0
    }
}

#[wasm_bindgen(module = "/src/dom/page.js")]
extern "C" {
    /// A walk and, once done, its records: see `startWalk` in `page.js`.
    type Tree;
    fn configure(
        skipped: Vec<String>,
        opaque: Vec<String>,
        own: &str,
        analysis: Vec<String>,
        common: Vec<String>,
    );
    /// A walk in steps (`startWalk` in page.js).
    /// `added`: null for the whole page, or an array of elements whose
    /// subtrees alone are read, under their ancestors.
    #[wasm_bindgen(js_name = startWalk)]
    fn start_walk(root: &Element, analysis: bool, added: &JsValue) -> Tree;
    /// Walks on until `deadline`; true once the walk is done.
    #[wasm_bindgen(method)]
    fn step(this: &Tree, deadline: f64) -> bool;
    #[wasm_bindgen(method)]
    fn cancel(this: &Tree);
    #[wasm_bindgen(method, getter, js_name = shadowRoots)]
    fn shadow_roots(this: &Tree) -> js_sys::Array;
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
    /// A scoped walk's added elements, by their index in `elements`.
    #[wasm_bindgen(method, getter, js_name = addedAt)]
    fn added_at(this: &Tree) -> Vec<u32>;
    /// Fallible: it asks the page's window for computed style, and a
    /// throw in an import that is not `catch` would trap the whole core.
    #[wasm_bindgen(catch, js_name = readLayout)]
    fn read_layout_facts(
        document: &Document,
        elements: &js_sys::Array,
        indices: &[u32],
    ) -> Result<Vec<f64>, wasm_bindgen::JsValue>;
    /// The record codes and layout fields as `page.js` has them.
    #[wasm_bindgen(js_name = protocol)]
    fn walk_protocol() -> wasm_bindgen::JsValue;
    #[wasm_bindgen(js_name = readHead)]
    fn read_head_json(document: &Document) -> String;
    /// Milliseconds on the page's clock (`performance.now()`).
    pub fn now() -> f64;
}

thread_local! {
    /// The elements of the last read, kept referenced until the next one:
    /// the browser then keeps their JavaScript wrappers, which the next
    /// read (the observer's, when content arrives) would otherwise build
    /// again, one per element: a tenth of the walk. And the shadow roots
    /// it went into, which the observer watches.
    static LAST_READ: RefCell<Option<(js_sys::Array, js_sys::Array)>> = const { RefCell::new(None) };
    static WALK_CONFIGURED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The shadow roots the last read went into (none before the first).
pub fn last_shadow_roots() -> js_sys::Array {
    LAST_READ.with(|last| {
        last.borrow()
            .as_ref()
            .map_or_else(js_sys::Array::new, |(_, roots)| roots.clone())
    })
}

/// Hands `page.js` its lists, once per instance.
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
/// The article's metadata and the page's kind (what the page declares
/// itself) use them; `isProbablyReaderable` skips them.
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
    Reading::start(document, head, attrs).into_snapshot()
}

/// A read in steps, so that a huge page's main thread is never held for
/// long: the walk, in slices that end at a deadline, then the build, then
/// the finish. Between steps the page runs (see `startWalk` in page.js).
pub struct Reading {
    document: Document,
    head: Head,
    /// Only some subtrees are read (see [`Reading::start_added`]).
    scoped: bool,
    state: ReadState,
}

enum ReadState {
    Walking(Tree),
    /// The records, being fed to the builder; `live.element_index` fills
    /// as they go in.
    Building {
        building: Box<Building>,
        live: LiveElements,
    },
    Built {
        builder: Builder,
        live: LiveElements,
    },
    Done(LiveSnapshot),
    Taken,
}

impl Reading {
    pub fn start(document: &Document, head: Head, attrs: Attrs) -> Self {
        Self::walk(document, head, attrs, &JsValue::NULL)
    }

    /// A read of the `added` elements' subtrees only, each under its
    /// ancestors (which are read without their other children): what the
    /// observer saw arrive, at a cost in proportion to it. The head is not
    /// read, and the last whole read's elements stay referenced.
    pub fn start_added(document: &Document, added: &js_sys::Array, attrs: Attrs) -> Self {
        Self::walk(document, Head::Skip, attrs, added)
    }

    fn walk(document: &Document, head: Head, attrs: Attrs, added: &JsValue) -> Self {
        let state = match root_of(document) {
            Some(root) => {
                configure_walk();
                ReadState::Walking(start_walk(&root, attrs == Attrs::Analysis, added))
            }
            None => ReadState::Built {
                builder: Builder::new(),
                live: LiveElements {
                    elements: js_sys::Array::new(),
                    element_index: Vec::new(),
                    shadow_roots: js_sys::Array::new(),
                    added_at: Vec::new(),
                },
            },
        };
        Reading {
            document: document.clone(),
            head,
            scoped: !added.is_null(),
            state,
        }
    }

    /// Does the next piece of the read: the walk until `deadline` (on
    /// [`now`]'s clock), or the build, or the finish. True once the
    /// snapshot is ready.
    pub fn step(&mut self, deadline: f64) -> bool {
        self.state = match std::mem::replace(&mut self.state, ReadState::Taken) {
            ReadState::Walking(walker) => match walker.step(deadline) {
                false => ReadState::Walking(walker),
                true => building(&walker, self.scoped),
            },
            ReadState::Building {
                mut building,
                mut live,
            } => match building.step(deadline) {
                false => ReadState::Building { building, live },
                true => {
                    live.element_index = std::mem::take(&mut building.element_index);
                    ReadState::Built {
                        builder: building.b,
                        live,
                    }
                }
            },
            ReadState::Built { builder, live } => {
                let mut snap = builder.finish();
                debug_assert_eq!(snap.nodes.len(), live.element_index.len());
                // What relative links resolve against: the page's address, or its <base href>.
                snap.url = self
                    .document
                    .base_uri()
                    .ok()
                    .flatten()
                    .or_else(|| self.document.url().ok());
                if self.head == Head::Read {
                    read_head(&self.document, &mut snap);
                }
                ReadState::Done(LiveSnapshot { snap, live })
            }
            done => done,
        };
        matches!(self.state, ReadState::Done(_))
    }

    /// What the next step does, for diagnostics.
    pub fn next_step(&self) -> &'static str {
        match self.state {
            ReadState::Walking(_) => "walk",
            ReadState::Building { .. } => "build the snapshot",
            ReadState::Built { .. } => "finish the snapshot",
            ReadState::Done(_) | ReadState::Taken => "done",
        }
    }

    /// The snapshot, after whatever steps are left.
    pub fn into_snapshot(mut self) -> LiveSnapshot {
        while !self.step(f64::INFINITY) {}
        match std::mem::replace(&mut self.state, ReadState::Taken) {
            ReadState::Done(live) => live,
            _ => unreachable!("a finished read holds its snapshot"),
        }
    }
}

impl Drop for Reading {
    /// A read given up half way frees the walk's shared buffer.
    fn drop(&mut self) {
        if let ReadState::Walking(walker) = &self.state {
            walker.cancel();
        }
    }
}

/// The walk's records, ready to be built into a snapshot, with the
/// elements behind them. A whole read is kept as the last; a scoped one
/// only adds the shadow roots it went into.
fn building(walker: &Tree, scoped: bool) -> ReadState {
    let mut chars = Vec::new();
    let markup = append_utf8(&mut chars, &walker.chars());
    append_utf8(&mut chars, &walker.texts());
    // Checked all the same: the page's realm could have patched
    // TextEncoder. Then the page reads as empty, and nothing is hidden.
    let (chars, markup) = match String::from_utf8(chars) {
        Ok(chars) => (chars, markup),
        Err(_) => (String::new(), 0),
    };
    let live = LiveElements {
        elements: walker.elements(),
        element_index: Vec::new(),
        shadow_roots: walker.shadow_roots(),
        added_at: walker.added_at(),
    };
    LAST_READ.with(|last| {
        let mut last = last.borrow_mut();
        match (scoped, last.as_ref()) {
            (true, Some((_, roots))) => live.shadow_roots.for_each(&mut |root, _, _| {
                if !roots.includes(&root, 0) {
                    roots.push(&root);
                }
            }),
            _ => *last = Some((live.elements.clone(), live.shadow_roots.clone())),
        }
    });
    ReadState::Building {
        building: Box::new(Building::new(walker.ops().to_vec(), chars, markup)),
        live,
    }
}

/// Computed style and boxes of `candidates`, the few elements the analysis
/// asks about (those that can be layers), plus the window size and whether
/// the page is scroll-locked: one call to `readLayout` (page.js).
pub fn read_layout(document: &Document, live: &mut LiveSnapshot, candidates: &[NodeId]) {
    const FIELDS: usize = LAYOUT_FIELDS.len();
    let indices: Vec<u32> = candidates
        .iter()
        .map(|&id| live.live.element_index[id])
        .filter(|&i| i != NOT_ELEMENT)
        .collect();
    if indices.len() != candidates.len() {
        return; // Candidates are elements; a text node here is a bug upstream.
    }
    // Without layout (the read threw), the detectors go by markup alone,
    // as they do natively.
    let Ok(facts) = read_layout_facts(document, &live.live.elements, &indices) else {
        return;
    };
    if facts.len() != candidates.len() * FIELDS + 3 {
        return;
    }
    let page_text = live.snap.nodes.first().map_or(0, |n| n.text_len);
    let snap = &mut live.snap;
    for (&id, f) in candidates.iter().zip(facts.chunks_exact(FIELDS)) {
        let Some(f) = Facts::from(f) else {
            return;
        };
        // Not rendered, so not content. Four exceptions: `visibility` can be
        // undone by a descendant; a block holding most of the page, or a
        // streamed part of it (`is_streamed_segment`), is a "hide until our
        // script runs" state, not clutter; and a folded panel
        // (`is_folded_panel`) is text the reader unfolds.
        let n = &snap.nodes[id];
        if f.display_none
            && n.text_len * 2 <= page_text
            && !is_streamed_segment(n.attr("id"))
            && !is_folded_panel(&|name| n.attr(name))
        {
            let end = snap.nodes[id].end;
            snap.nodes[id..end].iter_mut().for_each(|n| {
                n.hidden = true;
                n.aria_hidden = false;
            });
            continue;
        }
        if f.fixed || f.sticky {
            snap.nodes[id].layout = Some(Box::new(Layout {
                fixed: f.fixed,
                sticky: f.sticky,
                z_index: f.z_index,
                x: f.x,
                y: f.y,
                width: f.width,
                height: f.height,
            }));
        }
    }
    let window = &facts[candidates.len() * FIELDS..];
    snap.viewport = Some((window[0] as f32, window[1] as f32));
    snap.scroll_locked = window[2] == 1.0;
}

/// What `readLayout` says of one candidate, by the names of
/// [`LAYOUT_FIELDS`].
struct Facts {
    display_none: bool,
    fixed: bool,
    sticky: bool,
    z_index: i32,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

impl Facts {
    /// One candidate's numbers, in the order of [`LAYOUT_FIELDS`].
    fn from(f: &[f64]) -> Option<Self> {
        let &[display_none, position, z_index, x, y, width, height] = f else {
            return None;
        };
        Some(Facts {
            display_none: display_none == 1.0,
            fixed: position == POSITION_FIXED,
            sticky: position == POSITION_STICKY,
            z_index: z_index as i32,
            x: x as f32,
            y: y as f32,
            width: width as f32,
            height: height as f32,
        })
    }
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

/// Feeds the walk's records to the builder (see `page.js` for the format),
/// in slices that end at a deadline. The builder starts from `chars`
/// itself: values and text stay where they crossed, and nodes refer to
/// them by span. `chars` holds the markup (tags and attributes) up to byte
/// `markup`, then the text of the text nodes.
struct Building {
    b: Builder,
    ops: Vec<u32>,
    /// The next record.
    at: usize,
    markup: usize,
    read: usize,
    markup_reader: Utf16Reader,
    text_reader: Utf16Reader,
    /// The next element's index in the walk's elements.
    element: u32,
    element_index: Vec<u32>,
}

/// How many records the build feeds between two looks at the clock.
const RECORDS_PER_CLOCK: usize = 4096;

impl Building {
    fn new(ops: Vec<u32>, chars: String, markup: usize) -> Self {
        let read = chars.len();
        let markup = markup.min(read);
        let mut b = Builder::over(chars);
        // About four records a node on news pages (text: two; an element: three,
        // two per attribute, and its close).
        b.reserve(ops.len() / 4);
        let markup_reader = Utf16Reader::new(&b.buffer()[..markup], 0);
        let text_reader = Utf16Reader::new(&b.buffer()[..read], markup);
        Building {
            element_index: Vec::with_capacity(ops.len() / 4),
            b,
            ops,
            at: 0,
            markup,
            read,
            markup_reader,
            text_reader,
            element: 0,
        }
    }

    /// Feeds records until `deadline`; true once all are in.
    fn step(&mut self, deadline: f64) -> bool {
        const HIDDEN: usize = common_index("hidden");
        const STYLE: usize = common_index("style");
        const MARKED: usize = common_index(MARKER);
        const ID: usize = common_index("id");
        const ROLE: usize = common_index("role");
        let Building {
            b,
            ops,
            at,
            markup,
            read,
            markup_reader,
            text_reader,
            element,
            element_index,
        } = self;
        let (markup, read) = (*markup, *read);
        let mut take = |b: &Builder, units: usize| markup_reader.take(&b.buffer()[..markup], units);
        let next = |at: &mut usize| {
            let op = ops.get(*at).map_or(0, |&n| n as usize);
            *at += 1;
            op
        };
        let mut until_clock = RECORDS_PER_CLOCK;
        while *at < ops.len() {
            until_clock -= 1;
            if until_clock == 0 {
                until_clock = RECORDS_PER_CLOCK;
                if now() >= deadline {
                    return false;
                }
            }
            match next(at) {
                record::OPEN => {
                    let tag = name(&mut take, b, next(at));
                    let count = next(at);
                    // Hidden by markup (see `is_hidden_by_markup`), told by the
                    // names' numbers. Blocks already hidden by an earlier clean
                    // stay out of later ones.
                    // What `is_hidden_by_markup` asks of the element.
                    let mut marked = false;
                    let (mut hidden_attr, mut style, mut id, mut role) = (None, None, None, None);
                    for _ in 0..count {
                        let sent = next(at);
                        let name = name(&mut take, b, sent);
                        let value = take(b, next(at));
                        match sent {
                            MARKED => marked = true,
                            HIDDEN => hidden_attr = Some(value.clone()),
                            STYLE => style = Some(value.clone()),
                            ID => id = Some(value.clone()),
                            ROLE => role = Some(value.clone()),
                            _ => {}
                        }
                        b.attr(name, b.span(value));
                    }
                    let buffer = b.buffer();
                    let hidden = marked
                        || is_hidden_by_markup(|name| {
                            let value = match name {
                                "hidden" => &hidden_attr,
                                "style" => &style,
                                "id" => &id,
                                "role" => &role,
                                _ => return None,
                            };
                            value.clone().map(|r| &buffer[r])
                        });
                    let id = b.open_with_attrs(tag, hidden);
                    // The builder may have added a space before the element.
                    element_index.resize(id, NOT_ELEMENT);
                    element_index.push(*element);
                    *element += 1;
                }
                record::TEXT => {
                    let units = next(at);
                    let text = text_reader.take(&b.buffer()[..read], units);
                    b.text_at(b.span(text));
                }
                // record::CLOSE; anything else too, so a bad record cannot
                // leave elements open.
                _ => b.close(),
            }
            // Text nodes (a space kept at a close, or text) have no element.
            element_index.resize(b.added(), NOT_ELEMENT);
        }
        true
    }
}

/// A tag or attribute name as the walk sends it: its number in
/// [`crate::names::COMMON`], or `NAMED` plus the length of its letters.
fn name(
    take: &mut impl FnMut(&Builder, usize) -> std::ops::Range<usize>,
    b: &Builder,
    sent: usize,
) -> Name {
    match sent & record::NAMED {
        // Never out of range: the walk numbers names from this very list.
        0 => Name::common(sent).unwrap_or_else(|| Name::new("x-unknown")),
        _ => Name::new(&b.buffer()[take(b, sent & !record::NAMED)]),
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

/// The head as `readHead` (page.js) gives it, in one crossing.
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

/// Where `page.js` and this module disagree on the records or the layout
/// fields, a description of it; `None` when they agree. Only tests call it:
/// a mismatch would otherwise read every page as garbage, silently.
#[doc(hidden)]
pub fn protocol_mismatch() -> Option<String> {
    #[derive(serde::Deserialize, PartialEq, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Protocol {
        open: usize,
        text: usize,
        close: usize,
        named: usize,
        layout_fields: Vec<String>,
        position_fixed: f64,
        position_sticky: f64,
    }
    let js: Protocol = match serde_wasm_bindgen::from_value(walk_protocol()) {
        Ok(js) => js,
        Err(e) => return Some(format!("page.js protocol(): {e}")),
    };
    let rust = Protocol {
        open: record::OPEN,
        text: record::TEXT,
        close: record::CLOSE,
        named: record::NAMED,
        layout_fields: LAYOUT_FIELDS.iter().map(|f| f.to_string()).collect(),
        position_fixed: POSITION_FIXED,
        position_sticky: POSITION_STICKY,
    };
    (js != rust).then(|| format!("page.js says {js:?}, read.rs {rust:?}"))
}
