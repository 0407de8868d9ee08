//! What the extractor knows about every node, computed once per page in a
//! few linear passes, so that scoring and clean-up never walk a subtree
//! again.

use super::signals::{self, mark};
use crate::fnv::FnvMap;
use crate::snapshot::{NodeId, Snapshot, SubtreeCount};
use crate::tune::article as tune;
use crate::words::markup::CHROME_ROLES;
use std::cell::OnceCell;

pub struct Page<'a> {
    pub s: &'a Snapshot,
    /// Readability's class weight of each element (0 for text).
    pub class_weight: Vec<f32>,
    /// What each element's id/class says ([`signals::mark`] bits).
    pub marks: Vec<u16>,
    /// Never rendered, or inside page chrome by tag or role (`nav`, `aside`,
    /// `role=dialog`…) or in the comments: never article text.
    pub chrome: Vec<bool>,
    /// Inside an element whose id/class marks it as chrome ("sidebar",
    /// "related"), outside tables and code.
    pub unlikely: Vec<bool>,
    /// Has a block-level element below it.
    pub has_block: Vec<bool>,
    /// Visible characters and visible link characters in the subtree: the
    /// snapshot's own counts include hidden text.
    pub chars: Vec<u32>,
    pub link_chars: Vec<u32>,
    /// Inside a `table`, `pre` or `code`, where layout is content.
    pub in_table_or_code: Vec<bool>,
    /// Holds a `blockquote` with text: a quote or an embedded post, which
    /// is content even inside a "social" widget.
    pub has_quote: Vec<bool>,
    /// Holds an image, picture or video.
    pub has_media: Vec<bool>,
    /// Holds a table or preformatted text (content, never a caption).
    has_table_or_pre: Vec<bool>,
    /// Inside a figure caption, a photo credit, or a small block that is
    /// an image with a line of text: shown with the image in the reader
    /// view, but neither scored nor part of the running text.
    pub caption: Vec<bool>,
    /// The previous sibling of each node (`u32::MAX`: none).
    prev: Vec<u32>,
    /// Per subtree: tables, and [`Page::is_table_header_part`]s. Made on
    /// first use: only pages with tables in the article ask.
    table_parts: OnceCell<(SubtreeCount, SubtreeCount)>,
    /// Per subtree: links, and links with `rel="tag"` or `"category"`.
    /// Made on first use.
    link_parts: OnceCell<(SubtreeCount, SubtreeCount)>,
}

/// Block-level for the purpose of cutting text into paragraphs. `br` is not:
/// a line break inside a paragraph does not make two.
pub fn is_block(tag: &str) -> bool {
    crate::tags::splits_text(tag)
}

impl<'a> Page<'a> {
    pub fn new(s: &'a Snapshot) -> Self {
        let n = s.len();
        let mut p = Page {
            s,
            class_weight: vec![0.0; n],
            marks: vec![0; n],
            chrome: vec![false; n],
            unlikely: vec![false; n],
            has_block: vec![false; n],
            chars: vec![0; n],
            link_chars: vec![0; n],
            in_table_or_code: vec![false; n],
            has_quote: vec![false; n],
            has_media: vec![false; n],
            has_table_or_pre: vec![false; n],
            caption: vec![false; n],
            prev: vec![u32::MAX; n],
            table_parts: OnceCell::new(),
            link_parts: OnceCell::new(),
        };
        let mut last_child = vec![u32::MAX; n];
        // An id or class value → its marks. Pages repeat their class names,
        // also beside ids of their own: each distinct value is read once.
        let mut seen: FnvMap<&str, u16> =
            FnvMap::with_capacity_and_hasher(n / 4, Default::default());
        // Bottom-up: visible text and block structure.
        for i in (0..n).rev() {
            let node = &s.nodes[i];
            if node.hidden {
                continue;
            }
            if node.is_text() {
                p.chars[i] = node.text_len;
            }
            if node.tag == "a" {
                p.link_chars[i] = p.chars[i];
            }
            if node.tag == "blockquote" && p.chars[i] > 0 {
                p.has_quote[i] = true;
            }
            if matches!(node.tag.as_str(), "img" | "picture" | "video") {
                p.has_media[i] = true;
            }
            if matches!(node.tag.as_str(), "table" | "pre") {
                p.has_table_or_pre[i] = true;
            }
            if let Some(q) = node.parent {
                p.chars[q] += p.chars[i];
                p.link_chars[q] += p.link_chars[i];
                p.has_quote[q] |= p.has_quote[i];
                p.has_media[q] |= p.has_media[i];
                p.has_table_or_pre[q] |= p.has_table_or_pre[i];
                if node.is_element() && (is_block(&node.tag) || p.has_block[i]) {
                    p.has_block[q] = true;
                }
            }
        }
        // Class tokens that name the article's own blocks, whatever their
        // words say (see `neutral_classes`).
        let neutral = neutral_classes(s, &p.chars, &p.link_chars, &mut seen);
        if !neutral.is_empty() {
            // The marks read so far are the plain ones.
            for (part, bits) in seen.iter_mut() {
                if *bits & mark::ANY_NEGATIVE != 0 {
                    *bits = scan_without(part, &neutral);
                }
            }
        }
        // Top-down: inherited flags.
        for i in 0..n {
            let node = &s.nodes[i];
            let parent = node.parent;
            if let Some(q) = parent {
                p.prev[i] = last_child[q];
                last_child[q] = i as u32;
            }
            let inherit = |v: &Vec<bool>| parent.is_some_and(|q| v[q]);
            if node.is_text() {
                p.chrome[i] = inherit(&p.chrome) || node.hidden;
                p.unlikely[i] = inherit(&p.unlikely);
                p.in_table_or_code[i] = inherit(&p.in_table_or_code);
                continue;
            }
            let (marks, class_weight) = signals::read_marks_with(node, |part| {
                *seen
                    .entry(part)
                    .or_insert_with(|| scan_without(part, &neutral))
            });
            p.marks[i] = marks;
            p.class_weight[i] = class_weight;
            p.in_table_or_code[i] = inherit(&p.in_table_or_code)
                || parent
                    .is_some_and(|q| matches!(s.nodes[q].tag.as_str(), "table" | "pre" | "code"));
            // A chrome tag around a `main` or `article` and most of the
            // page's text is an unclosed `<aside>` that swallowed the page
            // (an aside of teasers may hold `<article>` cards, but not most
            // of the page), and a "comment" in code is the highlighter's
            // (`hljs-comment`).
            p.chrome[i] = inherit(&p.chrome)
                || node.hidden
                || (crate::tags::is_chrome(&node.tag)
                    && !(p.chars[i] * 2 > p.chars[s.body()]
                        && (i + 1..node.end)
                            .any(|d| matches!(s.nodes[d].tag.as_str(), "main" | "article"))))
                || node
                    .attr("role")
                    .is_some_and(|r| CHROME_ROLES.contains(&r.trim()))
                || node.attr("aria-modal") == Some("true")
                || (signals::is_comments(node, marks) && !p.in_table_or_code[i]);
            p.unlikely[i] = inherit(&p.unlikely)
                || (!p.in_table_or_code[i] && signals::is_unlikely(node, marks));
        }
        // Top-down again, now that text and media are counted.
        for i in 0..n {
            let inherited = s.nodes[i].parent.is_some_and(|q| p.caption[q]);
            p.caption[i] = inherited || (s.nodes[i].is_element() && p.is_caption_block(i));
        }
        p
    }

    fn is_caption_block(&self, i: NodeId) -> bool {
        let n = &self.s.nodes[i];
        let chars = self.chars[i];
        if n.tag == "figcaption" {
            return true;
        }
        if chars == 0 || chars > tune::CAPTION_MAX_CHARS {
            return false;
        }
        let marks = self.marks[i];
        marks & mark::CAPTION != 0
            || (self.has_media[i]
                && !self.has_quote[i]
                && (n.tag == "figure" || marks & mark::FIGURE != 0)
                && !self.has_table_or_pre[i])
    }

    /// Tables below `table` (itself not counted), and the parts below it
    /// that mark a data table (see `Page::is_table_header_part`).
    pub fn tables_and_header_parts_below(&self, table: NodeId) -> (u32, u32) {
        let s = self.s;
        let is_table = |d: NodeId| s.nodes[d].tag == "table";
        let (tables, parts) = self.table_parts.get_or_init(|| {
            (
                SubtreeCount::new(s, is_table),
                SubtreeCount::new(s, |d| self.is_table_header_part(d)),
            )
        });
        (
            tables.within(s, table) - u32::from(is_table(table)),
            parts.within(s, table) - u32::from(self.is_table_header_part(table)),
        )
    }

    /// Links in `i`'s subtree (itself included), and of them those with
    /// `rel="tag"` or `rel="category"`.
    pub fn links_and_tag_links_within(&self, i: NodeId) -> (u32, u32) {
        let s = self.s;
        let is_link = |d: NodeId| s.nodes[d].tag == "a";
        let (links, tag_links) = self.link_parts.get_or_init(|| {
            let is_tag_link = |d: NodeId| {
                is_link(d)
                    && s.nodes[d].attr("rel").is_some_and(|r| {
                        r.split_whitespace().any(|t| t == "tag" || t == "category")
                    })
            };
            (
                SubtreeCount::new(s, is_link),
                SubtreeCount::new(s, is_tag_link),
            )
        });
        (links.within(s, i), tag_links.within(s, i))
    }

    /// What makes a table a data table at once: a caption with text,
    /// `col`, `colgroup`, `thead`, `tfoot`, `th`.
    fn is_table_header_part(&self, d: NodeId) -> bool {
        match self.s.nodes[d].tag.as_str() {
            "caption" => self.chars[d] > 0,
            "col" | "colgroup" | "tfoot" | "thead" | "th" => true,
            _ => false,
        }
    }

    pub fn prev_sibling(&self, i: NodeId) -> Option<NodeId> {
        let p = self.prev[i];
        (p != u32::MAX).then_some(p as NodeId)
    }

    /// The element's own id/class marks it unlikely (not just an ancestor's).
    pub fn unlikely_here(&self, i: NodeId) -> bool {
        self.unlikely[i] && self.s.nodes[i].parent.is_none_or(|q| !self.unlikely[q])
    }

    pub fn link_density(&self, i: NodeId) -> f32 {
        if self.chars[i] == 0 {
            0.0
        } else {
            self.link_chars[i] as f32 / self.chars[i] as f32
        }
    }

    /// An inline piece of a paragraph: text, or an inline element with no
    /// block inside.
    pub fn is_inline(&self, i: NodeId) -> bool {
        let n = &self.s.nodes[i];
        n.is_text() || (!is_block(&n.tag) && !self.has_block[i])
    }
}

/// Class tokens with a negative mark whose outermost bearers together hold
/// a share of the page's unlinked text: the names a page builder or a CSS
/// framework gives the article's own blocks ("elementor-widget-container",
/// "overflow-hidden", Drupal's "field--label-hidden", "c-media-block").
/// Whatever their words say, they cannot mean "not the article". A token
/// that is the word itself ("hidden", "sidebar") keeps its meaning.
fn neutral_classes<'s>(
    s: &'s Snapshot,
    chars: &[u32],
    link_chars: &[u32],
    seen: &mut FnvMap<&'s str, u16>,
) -> Vec<String> {
    let own = |i: NodeId| chars[i].saturating_sub(link_chars[i]);
    let total = own(s.body());
    if total == 0 {
        return Vec::new();
    }
    // The negative tokens, each once; per class value that has any, theirs
    // (read once per distinct value); per token, the unlinked text of its
    // outermost bearers so far and the end of the last one counted.
    let mut tokens: FnvMap<String, usize> = FnvMap::default();
    let mut in_class: FnvMap<&str, Vec<usize>> = FnvMap::default();
    let mut held: Vec<(u32, NodeId)> = Vec::new();
    for i in 0..s.len() {
        let n = &s.nodes[i];
        let class = n.class();
        if class.is_empty()
            || !n.is_element()
            || n.hidden
            || matches!(n.tag.as_str(), "body" | "html")
        {
            continue;
        }
        // Most class values say nothing negative: one lookup, which the
        // marks' own read then reuses.
        if *seen.entry(class).or_insert_with(|| signals::scan(class)) & mark::ANY_NEGATIVE == 0 {
            continue;
        }
        let ids = in_class.entry(class).or_insert_with(|| {
            class
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .filter(|t| signals::scan(t) & mark::ANY_NEGATIVE != 0 && !is_listed_word(t))
                .map(|t| {
                    let next = tokens.len();
                    *tokens.entry(t).or_insert_with(|| {
                        held.push((0, 0));
                        next
                    })
                })
                .collect()
        });
        for &k in ids.iter() {
            let e = &mut held[k];
            if e.1 <= i {
                *e = (e.0 + own(i), n.end);
            }
        }
    }
    tokens
        .into_iter()
        .filter(|&(_, k)| held[k].0 as f32 >= tune::NEUTRAL_CLASS_SHARE * total as f32)
        .map(|(t, _)| t)
        .collect()
}

/// A class token that is one of the vocabulary's words as is.
fn is_listed_word(t: &str) -> bool {
    use crate::words::markup::{NEGATIVE, NEGATIVE_TOKENS};
    NEGATIVE
        .iter()
        .chain(NEGATIVE_TOKENS)
        .any(|w| w.trim_matches('-') == t)
}

/// The marks of an id or class value, without the negative marks that
/// only its `neutral` tokens gave it.
fn scan_without(part: &str, neutral: &[String]) -> u16 {
    let bits = signals::scan(part);
    if neutral.is_empty() || bits & mark::ANY_NEGATIVE == 0 {
        return bits;
    }
    let lower = part.to_ascii_lowercase();
    // A neutral token and its family: its BEM elements and modifiers, the
    // builder's variants ("elementor-widget" → "elementor-widget-heading").
    let is_neutral = |t: &str| {
        neutral.iter().any(|n| {
            t.strip_prefix(n.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
        })
    };
    if !lower.split_ascii_whitespace().any(is_neutral) {
        return bits;
    }
    let others = lower
        .split_ascii_whitespace()
        .filter(|t| !is_neutral(t))
        .fold(0, |acc, t| acc | signals::scan(t));
    (bits & !mark::ANY_NEGATIVE) | (others & mark::ANY_NEGATIVE)
}
