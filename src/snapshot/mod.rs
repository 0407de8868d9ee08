//! The snapshot: a flat, read-only copy of the page that every heuristic reads.
//!
//! Nodes sit in document (pre-)order, so the subtree of node `i` is exactly the
//! range `i..nodes[i].end`. That makes "is X inside Y", "all text under Y" and
//! "every element under Y" plain index arithmetic, with no pointer chasing.
//! Two builders fill it: `dom::read` (the browser, through web-sys) and
//! `dom::html` (html5ever, native only). Neither the analysis nor the plan ever
//! sees a live DOM object; the live builder keeps its own handle list, indexed
//! by the same ids.

//!
//! The model lives here; [`builder`] fills it, and [`text`] holds the
//! white-space and attribute helpers both builders share.

mod builder;
mod text;

pub use crate::names::Name;
pub use builder::Builder;
use serde::Serialize;
use std::rc::Rc;
pub use text::{attr_in, fold_space};

/// Index of a node in [`Snapshot::nodes`].
pub type NodeId = usize;

/// Computed box and style, read from the live page for elements that need it.
/// Native snapshots have none, so every heuristic must also work without it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Layout {
    /// `position` is `fixed` or `sticky`.
    pub fixed: bool,
    pub sticky: bool,
    pub z_index: i32,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A piece of [`Strings`], by byte offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

/// Every string of a snapshot in one buffer (attribute values, text, the
/// lower-cased names) and every attribute in one list, shared by its nodes:
/// reading a page allocates a few times per page, not a few times per
/// node. On the live page the buffer is the very text that crossed from
/// the page, so most values and texts are not even copied.
#[derive(Debug, Default, PartialEq)]
pub struct Strings {
    buf: String,
    attrs: Vec<(Name, Span)>,
}

impl Strings {
    fn get(&self, span: Span) -> &str {
        // Read for every attribute and class test of the analysis, so
        // without the bounds and boundary checks of `&buf[..]`.
        // SAFETY: a `Span` is made only by `push`, and by `Builder::span`,
        // which checks that it lies on character boundaries of `buf`; `buf`
        // never shrinks.
        unsafe {
            self.buf
                .get_unchecked(span.start as usize..span.end as usize)
        }
    }
    /// Appends `s`; past 4 GiB of strings, nothing more is kept.
    fn push(&mut self, s: &str) -> Span {
        let start = self.buf.len();
        let (Ok(from), Ok(to)) = (u32::try_from(start), u32::try_from(start + s.len())) else {
            return Span::default();
        };
        self.buf.push_str(s);
        Span {
            start: from,
            end: to,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Lower-case tag name; empty for text nodes (no allocation per node).
    pub tag: Name,
    pub parent: Option<NodeId>,
    /// One past the last node of this subtree.
    pub end: NodeId,
    pub depth: u32,
    /// The snapshot's strings (see [`Strings`]).
    strings: Rc<Strings>,
    /// Attributes (names lower-case), in source order: a range of
    /// `strings.attrs`. Text nodes have none.
    attrs: (u32, u32),
    /// `id` and `class` lower-cased, read by most detectors: made once here.
    names: Span,
    /// Text of a text node, with runs of white space folded to one space.
    text: Span,
    /// Known not to render, or hidden by `aria-hidden` (see `aria_hidden`):
    /// `hidden`, inline `display:none` in both builders, computed
    /// `display:none` for the live page's layer candidates. Inherited by
    /// children.
    pub hidden: bool,
    /// Hidden only by `aria-hidden="true"`: gone for assistive technology,
    /// and usually, not surely, from view (the page's CSS decides). The
    /// article ignores such text; clean still looks in it for sign-up calls,
    /// since hiding what may be visible costs nothing if it was not.
    pub aria_hidden: bool,
    /// Boxed: only a few nodes have one, and every node pays for the field.
    pub layout: Option<Box<Layout>>,
    // Filled by `Snapshot::finish`:
    /// Characters of (non-white-space-only) text in the subtree.
    pub text_len: u32,
    /// Of those, characters inside links.
    pub link_text_len: u32,
    /// Hash of the subtree's tag structure, blind to text, ids and classes, so
    /// that copies of one widget with generated class names still match.
    pub shape: u64,
    /// Elements in the subtree, this one included.
    pub element_count: u32,
}

impl Node {
    pub fn is_text(&self) -> bool {
        self.tag.is_empty()
    }
    pub fn is_element(&self) -> bool {
        !self.is_text()
    }
    /// This element's entries of `strings.attrs`.
    fn attr_spans(&self) -> &[(Name, Span)] {
        let (from, to) = self.attrs;
        &self.strings.attrs[from as usize..to as usize]
    }
    /// Attributes (names lower-case), in source order.
    pub fn attrs(&self) -> impl Iterator<Item = (&Name, &str)> {
        self.attr_spans()
            .iter()
            .map(|(name, value)| (name, self.strings.get(*value)))
    }
    pub fn attr(&self, name: &str) -> Option<&str> {
        // Names first: a value is looked at only when it is the one asked.
        self.attr_spans()
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, value)| self.strings.get(*value))
    }
    /// The text of a text node, white space folded; empty for an element.
    pub fn text(&self) -> &str {
        self.strings.get(self.text)
    }
    pub fn id(&self) -> &str {
        self.attr("id").unwrap_or("")
    }
    pub fn class(&self) -> &str {
        self.attr("class").unwrap_or("")
    }
    /// `id` and `class`, lower-cased and joined by a space, for pattern
    /// tables.
    pub fn id_and_class(&self) -> &str {
        self.strings.get(self.names)
    }
    pub fn link_density(&self) -> f32 {
        if self.text_len == 0 {
            0.0
        } else {
            self.link_text_len as f32 / self.text_len as f32
        }
    }
}

/// Tags whose content is never page text.
pub const SKIPPED_TAGS: &[&str] = &["script", "style", "noscript", "template", "head"];

/// The attributes that cleaning reads (`clean` at the standard level): the
/// live read can leave the others out, which halves what crosses from the
/// page on a typical news page (`data-*`, `srcset`, tracking attributes).
/// A detector that reads a new attribute lists it here; the test
/// `analysis_attributes_are_enough` fails otherwise. (What only the
/// reader-mode selection reads, such as `src`, `dir` or a table's
/// `summary`, is not here: focus, which runs it, reads every attribute.)
pub const ANALYSIS_ATTRS: &[&str] = &[
    "id",
    "class",
    "role",
    "hidden",
    "style",
    "type",
    "href",
    "rel",
    "itemprop",
    "name",
    "value",
    "title",
    "action",
    "placeholder",
    "autocomplete",
    "aria-hidden",
    "aria-label",
    "aria-modal",
    "open",
    "datetime",
];

/// Tags kept as one node but not entered: their insides (an icon's paths)
/// are never page text, and news pages carry hundreds of them.
pub const OPAQUE_TAGS: &[&str] = &["svg"];

#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub nodes: Vec<Node>,
    /// The page's address, when known (relative links in the reader view).
    pub url: Option<String>,
    /// `<meta>` name/property → content, and JSON-LD script bodies, gathered
    /// by the builders because the skipped `head` holds them.
    pub meta: Vec<(String, String)>,
    pub json_ld: Vec<String>,
    pub title: String,
    pub lang: Option<String>,
    pub dir: Option<String>,
    /// Viewport size on the live page.
    pub viewport: Option<(f32, f32)>,
    /// The page cannot scroll: `overflow: hidden` on the root or body, or a
    /// fixed body (what modals do to the page under them).
    pub scroll_locked: bool,
    /// Where the words are, for [`Snapshot::text`].
    words: WordIndex,
}

/// The text nodes that hold more than white space, found without walking
/// the elements between them: [`Snapshot::text`] then costs the text it
/// returns, not the size of the subtree. The analysis asks for the text of
/// many blocks that hold little of it; a deep nest of empty elements made
/// each such call walk thousands of nodes, quadratic in all.
#[derive(Clone, Debug, Default)]
struct WordIndex {
    /// `next[i]`: the first such text node at `i` or after (`len` if none).
    next: Vec<u32>,
    /// For such a text node: the text before it, up to the previous such
    /// node, ends with a space (a block boundary or white space between).
    space_before: Vec<bool>,
}

impl Snapshot {
    /// Bottom-up pass: text lengths, link text, shapes, element counts.
    fn compute_aggregates(&mut self) {
        for i in (0..self.nodes.len()).rev() {
            let (text_len, shape) = if self.nodes[i].is_text() {
                let t = self.nodes[i].text().trim();
                (t.chars().count() as u32, 0x9e37_79b9_7f4a_7c15u64)
            } else {
                (0, hash_str(&self.nodes[i].tag, form_kind(&self.nodes[i])))
            };
            let mut total = text_len;
            let mut links = 0;
            let mut elements = u32::from(self.nodes[i].is_element());
            let mut h = shape;
            for c in self.children(i) {
                let child = &self.nodes[c];
                total += child.text_len;
                links += child.link_text_len;
                elements += child.element_count;
                if child.is_element() {
                    h = mix(h, child.shape);
                }
            }
            let node = &mut self.nodes[i];
            if node.tag == "a" {
                links = total;
            }
            node.text_len = total;
            node.link_text_len = links;
            node.element_count = elements;
            node.shape = h;
        }
    }

    /// Fills [`WordIndex`], in the terms of [`Snapshot::text`]: a space
    /// goes where a block element other than the subtree's root opens or
    /// closes, and where a text node holds only white space. Between two
    /// text nodes of one subtree, every element that opens or closes is
    /// inside it and not its root, so the answer is the same for every
    /// subtree: it is computed once for the whole page.
    fn index_words(&mut self) {
        let n = self.nodes.len();
        let has_words = |node: &Node| node.is_text() && node.text_len > 0;
        let mut next = vec![n as u32; n + 1];
        for i in (0..n).rev() {
            next[i] = if has_words(&self.nodes[i]) {
                i as u32
            } else {
                next[i + 1]
            };
        }
        let mut space_before = vec![false; n];
        // Ends of the open block elements, innermost last.
        let mut block_ends: Vec<NodeId> = Vec::new();
        let mut space = false;
        for (i, node) in self.nodes.iter().enumerate() {
            while block_ends.last().is_some_and(|&e| e <= i) {
                block_ends.pop();
                space = true;
            }
            if node.is_element() && crate::tags::is_block(&node.tag) {
                block_ends.push(node.end);
                space = true;
            }
            if has_words(node) {
                space_before[i] = space;
                space = false;
            } else if node.is_text() {
                space |= !node.text().is_empty();
            }
        }
        self.words = WordIndex { next, space_before };
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Direct children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            snap: self,
            next: id + 1,
            end: self.nodes[id].end,
        }
    }

    /// Every node of the subtree below `id` (excluding `id`).
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id + 1..self.nodes[id].end
    }

    pub fn contains(&self, ancestor: NodeId, node: NodeId) -> bool {
        node >= ancestor && node < self.nodes[ancestor].end
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }

    /// The text of a subtree, blocks separated by spaces (before and after
    /// each, as a browser breaks lines there), white space folded. Costs
    /// the text, not the subtree (see [`WordIndex`]).
    pub fn text(&self, id: NodeId) -> String {
        let end = self.nodes[id].end;
        let next = |i: usize| self.words.next.get(i).map_or(end, |&t| t as usize);
        let mut out = String::new();
        let mut t = next(id);
        while t < end {
            // A space before the first words would be trimmed anyway.
            if !out.is_empty() && self.words.space_before[t] && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(self.nodes[t].text());
            t = next(t + 1);
        }
        fold_space(out.trim())
    }

    /// The `<body>` element, or the root when there is none.
    pub fn body(&self) -> NodeId {
        self.nodes.iter().position(|n| n.tag == "body").unwrap_or(0)
    }
}

/// How many nodes of each subtree pass a test, answered in O(1): a prefix
/// count over the pre-order arena, where a subtree is a contiguous range.
pub struct SubtreeCount(Vec<u32>);

impl SubtreeCount {
    pub fn new(s: &Snapshot, mut test: impl FnMut(NodeId) -> bool) -> Self {
        let mut before = Vec::with_capacity(s.len() + 1);
        let mut count = 0;
        for i in 0..s.len() {
            before.push(count);
            count += u32::from(test(i));
        }
        before.push(count);
        SubtreeCount(before)
    }
    /// Passing nodes in the subtree of `id`, `id` included.
    pub fn within(&self, s: &Snapshot, id: NodeId) -> u32 {
        self.0[s.nodes[id].end] - self.0[id]
    }
}

pub struct Children<'a> {
    snap: &'a Snapshot,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.snap.nodes[id].end;
        Some(id)
    }
}

/// Form controls shape a widget more than their tag does: an email field and
/// a search field are different shapes.
fn form_kind(node: &Node) -> &str {
    match node.tag.as_str() {
        "input" | "button" => node.attr("type").unwrap_or(""),
        _ => "",
    }
}

/// The shape hash of an element: its tag, a zero byte, its form kind.
fn hash_str(a: &str, b: &str) -> u64 {
    crate::fnv::extend(crate::fnv::OFFSET, a.bytes().chain([0]).chain(b.bytes()))
}

fn mix(h: u64, child: u64) -> u64 {
    (h.rotate_left(5) ^ child).wrapping_mul(crate::fnv::PRIME)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Snapshot {
        let mut b = Builder::new();
        b.open("body", vec![], false);
        b.open("p", vec![], false);
        b.text("Hello   ");
        b.open("a", vec![("href".into(), "/x".into())], false);
        b.text("world");
        b.close();
        b.close();
        b.open("div", vec![("hidden".into(), String::new())], true);
        b.open("span", vec![], false);
        b.text("secret");
        b.finish()
    }

    #[test]
    fn aria_hidden_is_told_apart_from_surely_hidden() {
        let attr = |k: &str, v: &str| vec![(k.into(), v.to_string())];
        let mut b = Builder::new();
        b.open("body", vec![], false);
        b.open("nav", attr("aria-hidden", "true"), false); // 1
        b.open("a", vec![], false); // 2
        b.text("Subscribe"); // 3
        b.close();
        b.open("div", vec![], true); // 4: hidden by markup inside it
        b.text("gone"); // 5
        b.close();
        b.close();
        b.open("div", vec![], true); // 6
        b.open("p", attr("aria-hidden", "true"), false); // 7
        b.close();
        let s = b.finish();
        for (id, hidden, aria) in [
            (1, true, true),
            (3, true, true),
            (5, true, false),
            (7, true, false),
        ] {
            assert_eq!(
                (s.nodes[id].hidden, s.nodes[id].aria_hidden),
                (hidden, aria),
                "node {id}"
            );
        }
    }

    #[test]
    fn ranges_and_aggregates() {
        let s = tiny();
        assert_eq!(s.nodes[0].end, s.len());
        assert_eq!(s.children(0).collect::<Vec<_>>(), vec![1, 5]);
        assert_eq!(
            s.nodes[1].text_len,
            "Hello".len() as u32 + "world".len() as u32
        );
        assert_eq!(s.nodes[1].link_text_len, 5);
        assert!(s.nodes[6].hidden, "hidden is inherited");
        assert_eq!(s.text(1), "Hello world");
        assert!(s.contains(1, 3) && !s.contains(1, 5));
        assert_eq!(s.ancestors(4).collect::<Vec<_>>(), vec![3, 1, 0]);
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let mut b = Builder::new();
        b.open("pre", vec![], false);
        b.open("code", vec![], false);
        b.text("fn main() {\n    run();\n}");
        b.close();
        b.close();
        b.open("p", vec![], false);
        b.text("folded   \n  here");
        let s = b.finish();
        assert_eq!(s.nodes[2].text(), "fn main() {\n    run();\n}");
        assert_eq!(s.nodes[4].text(), "folded here");
    }

    #[test]
    fn shape_ignores_text_and_classes() {
        let build = |class: &str, text: &str| {
            let mut b = Builder::new();
            b.open("form", vec![("class".into(), class.into())], false);
            b.open("input", vec![("type".into(), "email".into())], false);
            b.close();
            b.text(text);
            b.finish()
        };
        assert_eq!(
            build("mc-embed", "Subscribe").nodes[0].shape,
            build("x7f3a", "Join").nodes[0].shape
        );
        let mut b = Builder::new();
        b.open("form", vec![], false);
        b.open("input", vec![("type".into(), "search".into())], false);
        assert_ne!(b.finish().nodes[0].shape, build("a", "b").nodes[0].shape);
    }

    /// The tags and texts of a snapshot, in order.
    #[cfg(not(target_arch = "wasm32"))]
    fn outline(s: &Snapshot) -> Vec<String> {
        s.nodes
            .iter()
            .map(|n| match n.is_text() {
                true => format!("{:?}", n.text()),
                false => n.tag.to_string(),
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn white_space_is_kept_only_between_inline_neighbours() {
        let html = "<div>\n  <p>One</p>\n  <p><a>two</a> <b>three</b>\n</p>\n  \
                    <span>four</span> <span>five</span>\n</div><pre> six\n </pre>";
        let s = crate::dom::html::parse(html, None);
        let body = s.body();
        let got = outline(&s)[body + 1..].to_vec();
        let want = [
            "div",
            "p",
            "\"One\"",
            "p",
            "a",
            "\"two\"",
            "\" \"",
            "b",
            "\"three\"",
            "span",
            "\"four\"",
            "\" \"",
            "span",
            "\"five\"",
            "pre",
            "\" six\\n \"",
        ];
        assert_eq!(got, want);
        // Words stay apart across every block boundary, before and after.
        assert_eq!(s.text(body), "One two three four five six");
        let glued = crate::dom::html::parse("<p><b>a</b><div>b</div>c</p>", None);
        assert_eq!(glued.text(glued.body()), "a b c");
    }

    /// [`Snapshot::text`] as it was before [`WordIndex`]: a walk over the
    /// whole subtree. The index must give the same text for every node.
    #[cfg(not(target_arch = "wasm32"))] // its test reads fixtures with the native parser
    fn text_by_walking(s: &Snapshot, id: NodeId) -> String {
        let mut out = String::new();
        let mut block_ends: Vec<NodeId> = Vec::new();
        for i in id..s.nodes[id].end {
            let n = &s.nodes[i];
            let mut boundary = false;
            while block_ends.last().is_some_and(|&e| e <= i) {
                block_ends.pop();
                boundary = true;
            }
            if n.is_element() && i != id && crate::tags::is_block(&n.tag) {
                block_ends.push(n.end);
                boundary = true;
            }
            if boundary && !out.ends_with(' ') {
                out.push(' ');
            }
            if n.is_text() {
                out.push_str(n.text());
            }
        }
        fold_space(out.trim())
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_word_index_gives_the_text_of_a_walk() {
        let mut pages = vec![
            "<div>\n <p>One</p> <p><a>two</a> <b>three</b>\n</p> <span>four</span> <span>five</span></div>"
                .to_string(),
            "<p><b>a</b><div>b</div>c</p><pre> six\n  <b>x</b>  \n </pre><ul><li> </li><li>y</li></ul>"
                .to_string(),
            "<div><div><div></div></div>x<br>y<span> </span><i>z</i></div><table><tr><td>1<td> <td>3</table>"
                .to_string(),
            format!("{}deep{}", "<div><span> </span>".repeat(50), "<p>end</p>"),
        ];
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut dirs = vec![std::path::PathBuf::from(fixtures)];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "html") {
                    pages.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        for page in &pages {
            let s = crate::dom::html::parse(page, None);
            for id in 0..s.len() {
                assert_eq!(
                    s.text(id),
                    text_by_walking(&s, id),
                    "node {id} of {page:.60}"
                );
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn white_space_at_the_end_of_an_inline_element_is_kept() {
        let s = crate::dom::html::parse("<p><span><b>x</b> </span>y</p>", None);
        assert_eq!(s.text(s.body()), "x y");
        let nodes = outline(&s);
        let space = nodes.iter().position(|n| n == "\" \"").unwrap();
        // Inside the span, where it was.
        assert_eq!(
            s.nodes[space].parent.map(|p| s.nodes[p].tag.as_str()),
            Some("span")
        );
    }
}
