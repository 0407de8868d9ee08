//! [`Builder`]: the snapshot, built in document order. Both builders (the
//! browser's read and html5ever's) drive it, so they agree on every detail.

use super::text::{fold_space, is_ascii_break, is_folded};
use super::*;

/// Incremental construction in document order, shared by both builders.
///
/// White space between blocks is left out: a third of a typical page's
/// nodes are the indentation between `<div>`s, which renders as nothing,
/// and every pass of the analysis would step over them. A white-space-only
/// text node is kept (as one space) only between two inline neighbours,
/// where it separates words; `Snapshot::text` puts a space at every block
/// boundary itself.
#[derive(Default)]
pub struct Builder {
    snap: Snapshot,
    strings: Strings,
    /// Where the attributes of the next element begin in `strings.attrs`.
    attrs_from: usize,
    /// The attributes of the next element that the builder itself reads.
    noted: Noted,
    /// Stands in for the strings until `finish` shares them.
    unshared: Rc<Strings>,
    /// The open elements, innermost last, with what `close` needs to know.
    open: Vec<Open>,
    /// Open elements whose white space is content (`<pre>`, `<textarea>`).
    preformatted: usize,
    /// The last node added to the open element is a block, or there is
    /// none yet and the open element is a block: white space here is
    /// at a block boundary.
    after_block: bool,
    /// White space seen after an inline node, kept if an inline node
    /// follows in the same parent.
    pending_space: bool,
}

/// `id`, `class` and `aria-hidden` of the next element, noted as they are
/// added: the builder reads them for every element, which then needs no
/// search of its attributes by name.
#[derive(Default, Clone, Copy)]
struct Noted {
    id: Option<Span>,
    class: Option<Span>,
    aria_hidden: Option<Span>,
}

/// An open element in [`Builder`].
#[derive(Clone, Copy)]
struct Open {
    id: NodeId,
    block: bool,
    preformatted: bool,
}

/// Tags whose text keeps its white space: code keeps its lines.
const PREFORMATTED_TAGS: &[&str] = &["pre", "textarea", "listing", "plaintext", "xmp"];

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }
    /// Room for `nodes` nodes without growing (a hint; more still fit).
    pub fn reserve(&mut self, nodes: usize) {
        self.snap.nodes.reserve(nodes);
    }
    /// Starts from a buffer that already holds the page's strings: the
    /// live read's text, which [`Builder::attr`] and [`Builder::text_at`]
    /// then refer to by span.
    pub fn over(buf: String) -> Self {
        Builder {
            strings: Strings {
                buf,
                attrs: Vec::new(),
            },
            ..Self::default()
        }
    }
    /// The buffer so far (see [`Builder::over`]).
    pub fn buffer(&self) -> &str {
        &self.strings.buf
    }
    /// A span of the buffer by byte range; empty if `range` is not a piece
    /// of the buffer.
    pub fn span(&self, range: std::ops::Range<usize>) -> Span {
        match (
            self.strings.buf.get(range.clone()),
            u32::try_from(range.start),
            u32::try_from(range.end),
        ) {
            (Some(_), Ok(start), Ok(end)) => Span { start, end },
            _ => Span::default(),
        }
    }
    /// An attribute of the next element opened with [`Builder::open_with_attrs`].
    pub fn attr(&mut self, name: Name, value: Span) {
        let slot = match name.as_str() {
            "id" => Some(&mut self.noted.id),
            "class" => Some(&mut self.noted.class),
            "aria-hidden" => Some(&mut self.noted.aria_hidden),
            _ => None,
        };
        // Of two same-named attributes the first counts, as in a search.
        if let Some(slot) = slot {
            slot.get_or_insert(value);
        }
        self.strings.attrs.push((name, value));
    }
    fn push(&mut self, tag: Name, text: Span, hidden: bool) -> NodeId {
        let id = self.snap.nodes.len();
        let parent = self.open.last().map(|o| o.id);
        let parent_hidden = parent.map(|p| self.snap.nodes[p].hidden).unwrap_or(false);
        let parent_aria = parent.is_some_and(|p| self.snap.nodes[p].aria_hidden);
        // A text node takes none of the pending attributes.
        let element = !tag.is_empty();
        let aria = element && self.noted.aria_hidden.map(|v| self.strings.get(v)) == Some("true");
        // Hidden for sure (by markup, here or above) outranks aria-hidden.
        let hard = hidden || (parent_hidden && !parent_aria);
        let aria_hidden = !hard && (aria || parent_aria);
        let (names, attrs) = match element {
            true => {
                let names = self.names();
                let attrs = (self.attrs_from as u32, self.strings.attrs.len() as u32);
                self.attrs_from = self.strings.attrs.len();
                self.noted = Noted::default();
                (names, attrs)
            }
            false => (Span::default(), (0, 0)),
        };
        self.snap.nodes.push(Node {
            tag,
            parent,
            end: id + 1,
            depth: self.open.len() as u32,
            strings: self.unshared.clone(),
            attrs,
            names,
            text,
            hidden: hard || aria_hidden,
            aria_hidden,
            layout: None,
            text_len: 0,
            link_text_len: 0,
            shape: 0,
            element_count: 0,
        });
        id
    }
    /// `id` and `class` of the pending attributes, lower-cased: the class
    /// itself when there is no id and it is lower-case already, as most are.
    fn names(&mut self) -> Span {
        let present = |span: Option<Span>| span.filter(|v| v.end > v.start);
        let (id, class) = (present(self.noted.id), present(self.noted.class));
        if let (None, Some(class)) = (id, class) {
            let value = self.strings.get(class);
            if !value
                .bytes()
                .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
            {
                return class;
            }
        }
        if id.is_none() && class.is_none() {
            return Span::default();
        }
        let get = |span: Option<Span>| span.map_or("", |s| self.strings.get(s));
        let mut names = String::with_capacity(get(id).len() + 1 + get(class).len());
        names.extend([get(id), " ", get(class)]);
        let names = match names.is_ascii() {
            true => names.to_ascii_lowercase(),
            false => names.to_lowercase(),
        };
        self.strings.push(&names)
    }
    /// Opens an element; its children follow until [`Builder::close`].
    pub fn open(&mut self, tag: &str, attrs: Vec<(Name, String)>, hidden: bool) -> NodeId {
        for (name, value) in attrs {
            let value = self.strings.push(&value);
            self.attr(name, value);
        }
        self.open_with_attrs(Name::new(tag), hidden)
    }
    /// Opens an element with the attributes given by [`Builder::attr`]
    /// since the last open.
    pub fn open_with_attrs(&mut self, tag: Name, hidden: bool) -> NodeId {
        let block = crate::tags::is_block(&tag);
        let preformatted = PREFORMATTED_TAGS.contains(&tag.as_str());
        self.flush_space(!block);
        let id = self.push(tag, Span::default(), hidden);
        self.preformatted += usize::from(preformatted);
        self.open.push(Open {
            id,
            block,
            preformatted,
        });
        self.after_block = block;
        id
    }
    pub fn close(&mut self) {
        if let Some(&Open {
            id,
            block,
            preformatted,
        }) = self.open.last()
        {
            // Trailing white space in an inline element may separate it
            // from what follows; in a block it is nothing (and it stays
            // inside the element).
            self.flush_space(!block);
            self.open.pop();
            self.snap.nodes[id].end = self.snap.nodes.len();
            self.preformatted -= usize::from(preformatted);
            self.after_block = block;
        }
    }
    /// Adds a text node; white space is folded (kept as it is inside
    /// `<pre>`), empty text is dropped, and white space alone waits to see
    /// whether it stands between inline neighbours.
    pub fn text(&mut self, raw: &str) {
        let span = self.strings.push(raw);
        self.text_at(span);
    }
    /// [`Builder::text`] for text already in the buffer; kept in place
    /// unless its white space needs folding.
    pub fn text_at(&mut self, span: Span) {
        let raw = self.strings.get(span);
        if raw.is_empty() {
            return;
        }
        if self.preformatted > 0 {
            self.push_text(span);
            return;
        }
        // Indentation between tags, most of a page's text nodes.
        let blank = raw.bytes().all(|b| b == b' ' || is_ascii_break(b));
        if blank || raw == " " {
            // Only white space: it waits.
            self.pending_space |= !self.after_block;
            return;
        }
        let folded = match is_folded(raw) {
            true => span,
            false => {
                let folded = fold_space(raw);
                if folded == " " {
                    self.pending_space |= !self.after_block;
                    return;
                }
                self.strings.push(&folded)
            }
        };
        self.flush_space(true);
        self.push_text(folded);
    }
    /// Adds the pending white space as one space if `keep`; forgets it
    /// either way.
    fn flush_space(&mut self, keep: bool) {
        if std::mem::take(&mut self.pending_space) && keep {
            let space = self.strings.push(" ");
            self.push_text(space);
        }
    }
    fn push_text(&mut self, text: Span) {
        self.push(Name::default(), text, false);
        self.after_block = false;
    }
    pub fn set_layout(&mut self, id: NodeId, layout: Layout) {
        self.snap.nodes[id].layout = Some(Box::new(layout));
    }
    /// Nodes added so far.
    pub fn added(&self) -> usize {
        self.snap.nodes.len()
    }
    pub fn finish(mut self) -> Snapshot {
        while !self.open.is_empty() {
            self.close();
        }
        self.pending_space = false;
        // The strings are complete: every node now shares them.
        let shared = Rc::new(std::mem::take(&mut self.strings));
        for node in &mut self.snap.nodes {
            node.strings = Rc::clone(&shared);
        }
        self.snap.compute_aggregates();
        self.snap.index_words();
        self.snap
    }
}
