//! The article as chosen: a few blocks of the page, minus the subtrees
//! clean-up dropped. Both renderings (plain text here, sanitised HTML in
//! `reader`) walk it the same way.

use crate::snapshot::{NodeId, Snapshot};

#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The blocks that make up the article, in document order, none inside
    /// another.
    pub roots: Vec<NodeId>,
    /// `drop[i]`: node `i` and its subtree are left out.
    pub drop: Vec<bool>,
}

/// One step of a walk over the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Open(NodeId),
    Close(NodeId),
    Text(NodeId),
}

impl Selection {
    pub fn is_dropped(&self, i: NodeId) -> bool {
        self.drop.get(i).copied().unwrap_or(false)
    }

    /// Visits the kept nodes in document order, opening and closing elements.
    /// Iterative: no recursion however deep the page nests.
    pub fn walk(&self, s: &Snapshot, mut visit: impl FnMut(Step)) {
        for &root in &self.roots {
            let mut open: Vec<NodeId> = Vec::new();
            let end = s.nodes[root].end;
            let mut i = root;
            while i < end {
                while let Some(&top) = open.last() {
                    if s.nodes[top].end > i {
                        break;
                    }
                    open.pop();
                    visit(Step::Close(top));
                }
                let n = &s.nodes[i];
                if self.is_dropped(i) && i != root {
                    i = n.end;
                    continue;
                }
                if n.is_text() {
                    visit(Step::Text(i));
                } else {
                    visit(Step::Open(i));
                    open.push(i);
                }
                i += 1;
            }
            while let Some(top) = open.pop() {
                visit(Step::Close(top));
            }
        }
    }

    /// The kept text, blocks separated by line breaks: a blank line between
    /// paragraphs, a line break between list items, rows and `<br>`s, a
    /// space between table cells. Readability's `textContent` glues blocks
    /// ("1Measure"); this reads as the page does.
    pub fn text(&self, s: &Snapshot) -> String {
        self.text_without(s, |_| false)
    }

    /// [`Selection::text`] without the subtrees `skip` names.
    pub fn text_without(&self, s: &Snapshot, skip: impl Fn(NodeId) -> bool) -> String {
        let mut out = TextWriter::default();
        let mut skip_until = 0;
        self.walk(s, |step| match step {
            Step::Open(i) if i >= skip_until && skip(i) => skip_until = s.nodes[i].end,
            _ if step_id(step) < skip_until => {}
            Step::Text(i) => out.push(s.nodes[i].text()),
            Step::Open(i) | Step::Close(i) => {
                out.brk(break_of(&s.nodes[i].tag, matches!(step, Step::Open(_))))
            }
        });
        out.finish()
    }
}

fn step_id(step: Step) -> NodeId {
    match step {
        Step::Open(i) | Step::Close(i) | Step::Text(i) => i,
    }
}

/// How much space an element's edge puts in running text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    None,
    Space,
    Line,
    Paragraph,
}

fn break_of(tag: &str, opening: bool) -> Break {
    use crate::tags::{kind, CELL, LINE, PARAGRAPH};
    let kind = kind(tag);
    if tag == "br" && opening || kind & LINE != 0 {
        Break::Line
    } else if kind & CELL != 0 {
        Break::Space
    } else if kind & PARAGRAPH != 0 {
        Break::Paragraph
    } else {
        Break::None
    }
}

/// Joins text nodes, folding space and placing breaks, never two in a row.
#[derive(Default)]
pub struct TextWriter {
    out: String,
    pending: Option<Break>,
}

impl TextWriter {
    pub fn brk(&mut self, b: Break) {
        if b != Break::None {
            self.pending = Some(self.pending.map_or(b, |p| p.max(b)));
        }
    }

    pub fn push(&mut self, text: &str) {
        if text.trim().is_empty() {
            if !self.out.is_empty() && !self.out.ends_with([' ', '\n']) {
                self.brk(Break::Space);
            }
            return;
        }
        if let Some(b) = self.pending.take() {
            if !self.out.is_empty() {
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                self.out.push_str(match b {
                    Break::Paragraph => "\n\n",
                    Break::Line => "\n",
                    _ => " ",
                });
            }
        }
        let text = if self.out.is_empty() || self.out.ends_with(['\n', ' ']) {
            text.trim_start()
        } else {
            text
        };
        self.out.push_str(text);
    }

    pub fn finish(self) -> String {
        self.out.trim_end().to_owned()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::dom::html::parse;

    #[test]
    fn text_breaks_blocks() {
        let s = parse("<body><div><p>One <b>two</b></p><p>Three</p><ul><li>a</li><li>b<br>c</li></ul>x<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table></div></body>", None);
        let div = s.nodes.iter().position(|n| n.tag == "div").unwrap();
        let sel = Selection {
            roots: vec![div],
            drop: vec![false; s.len()],
        };
        assert_eq!(sel.text(&s), "One two\n\nThree\n\na\nb\nc\n\nx\n\n1 2\n3");
    }

    #[test]
    fn dropped_subtrees_vanish() {
        let s = parse(
            "<body><div><p>Keep</p><p>Drop <i>me</i></p><p>Too</p></div></body>",
            None,
        );
        let div = s.nodes.iter().position(|n| n.tag == "div").unwrap();
        let mut drop = vec![false; s.len()];
        drop[s.nodes.iter().position(|n| n.text() == "Drop ").unwrap() - 1] = true;
        let sel = Selection {
            roots: vec![div],
            drop,
        };
        assert_eq!(sel.text(&s), "Keep\n\nToo");
    }
}
