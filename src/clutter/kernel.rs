//! The kernel every detector stands on: the [`Context`] it reads (the
//! snapshot, where the article is, the wording of every subtree, counts per
//! subtree), the [`Finding`] it returns, and the guard
//! ([`Context::may_hide`]): nothing that holds article text is hidden.

use super::elements;
use super::page_kind::PageKind;
use super::wording::{Family, Wording};
use crate::article::cleanup::Pruned;
use crate::article::page::Page;
use crate::snapshot::{Node, NodeId, Snapshot, SubtreeCount};
use crate::tune::clutter as tune;
use serde::Deserialize;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// How much to clean. `Standard`: nags, sign-ups, consent, overlays and
/// repeated blocks. `Focus`: also everything around the article but the
/// site header (rails, share bars, comments, ad slots, footers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Standard,
    Focus,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    pub level: Level,
    /// Keys of blocks the reader chose to keep on this site.
    pub keep: Vec<String>,
}

/// A block a detector wants hidden.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finding {
    pub node: NodeId,
    pub reason: crate::plan::Reason,
}

/// What every detector needs besides the snapshot: where the article is and
/// which blocks are protected.
pub struct Context<'a> {
    pub snap: &'a Snapshot,
    pub level: Level,
    pub article: Option<NodeId>,
    /// An article's page, or one whose main region is its own content.
    pub page: PageKind,
    /// At the focus level, the reader-mode selection's blocks…
    pub blocks: Vec<NodeId>,
    /// …what its clean-up left out of them, and why…
    pub pruned: Vec<(NodeId, Pruned)>,
    /// …and the article's headline, wherever it stands.
    pub headline: Option<NodeId>,
    /// Which word lists each subtree's text matches.
    pub words: Wording,
    /// Protected blocks per subtree.
    protected: SubtreeCount,
    /// Read without all its children (see [`Located::read_in_part`]).
    partial: Vec<bool>,
    /// Links and buttons per subtree.
    controls: SubtreeCount,
    /// Links and images per subtree: what the cards of a rail section hold
    /// (see [`is_rail_section`]).
    pub(crate) links_and_images: SubtreeCount,
    /// Inside one of `blocks` (focus only; empty otherwise).
    in_blocks: Vec<bool>,
    /// `blocks` in document order, for "holds one of them" by bisection.
    sorted_blocks: Vec<NodeId>,
    /// Counts per subtree that only some detectors ask for, each made on
    /// first use (see [`Counted`]): a detector that asked "is there one
    /// below?" by walking the subtree, for many nested blocks, was
    /// quadratic on deep or wide pages.
    counts: [OnceCell<SubtreeCount>; Counted::ALL.len()],
}

/// What [`Context::count_within`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// `img`, `picture`, `video`, `figure`, `svg`, `iframe`.
    Media,
    /// `<input type=password>` (any case).
    PasswordField,
    /// [`elements::is_email_field`].
    EmailField,
    /// `input`, `select`, `textarea`.
    FormField,
    /// What submits a form ([`elements::is_submit`]).
    Submit,
    /// What rules a form out as a sign-up: a text area, a password or
    /// search field.
    NotSignupField,
    /// [`elements::is_share_button`].
    ShareButton,
    /// A text area with something typed in it.
    TypedTextArea,
    /// `a` elements.
    Link,
    /// `form` or `input`.
    FormOrInput,
}

impl Counted {
    const ALL: [Counted; 10] = [
        Counted::Media,
        Counted::PasswordField,
        Counted::EmailField,
        Counted::FormField,
        Counted::Submit,
        Counted::NotSignupField,
        Counted::ShareButton,
        Counted::TypedTextArea,
        Counted::Link,
        Counted::FormOrInput,
    ];

    fn test(self, n: &Node) -> bool {
        let ty = || n.attr("type").map(str::to_ascii_lowercase);
        match self {
            Counted::Media => matches!(
                n.tag.as_str(),
                "img" | "picture" | "video" | "figure" | "svg" | "iframe"
            ),
            Counted::PasswordField => {
                n.tag == "input"
                    && n.attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("password"))
            }
            Counted::EmailField => elements::is_email_field(n),
            Counted::FormField => matches!(n.tag.as_str(), "input" | "select" | "textarea"),
            Counted::Submit => elements::is_submit(n),
            Counted::NotSignupField => match n.tag.as_str() {
                "textarea" => true,
                "input" => matches!(ty().as_deref(), Some("password" | "search")),
                _ => false,
            },
            Counted::ShareButton => elements::is_share_button(n),
            Counted::TypedTextArea => {
                n.tag == "textarea"
                    && (n.attr("value").is_some_and(|v| !v.trim().is_empty()) || n.text_len > 0)
            }
            Counted::Link => n.tag == "a",
            Counted::FormOrInput => matches!(n.tag.as_str(), "form" | "input"),
        }
    }
}

/// Blocks already claimed by a detector, asked for every candidate: "is
/// it inside one?" and "does it overlap one?" without scanning the list,
/// which was quadratic on pages with thousands of findings.
pub(crate) struct Claimed {
    /// Inside a claimed block, or one itself.
    inside: Vec<bool>,
    roots: BTreeSet<NodeId>,
}

impl Claimed {
    pub fn new(s: &Snapshot) -> Self {
        Claimed {
            inside: vec![false; s.len()],
            roots: BTreeSet::new(),
        }
    }

    pub fn claim(&mut self, s: &Snapshot, id: NodeId) {
        self.roots.insert(id);
        if self.inside[id] {
            return;
        }
        let end = s.nodes[id].end;
        let mut i = id;
        while i < end {
            // A marked node here is an earlier claim, marked whole already:
            // each node is marked once.
            if self.inside[i] {
                i = s.nodes[i].end;
            } else {
                self.inside[i] = true;
                i += 1;
            }
        }
    }

    /// `id` is a claimed block or inside one.
    pub fn covers(&self, id: NodeId) -> bool {
        self.inside[id]
    }

    /// `id` is inside a claimed block, or holds one.
    pub fn overlaps(&self, s: &Snapshot, id: NodeId) -> bool {
        self.inside[id] || self.roots.range(id..s.nodes[id].end).next().is_some()
    }
}

/// Where the article is, found on the extractor's reading of the page
/// ([`Page`]), which the context then no longer needs.
#[derive(Default)]
pub struct Located {
    article: Option<NodeId>,
    page: PageKind,
    focused: Focused,
    /// Per node, read without all its children (a scoped read's ancestors
    /// of what was added); empty for a whole read.
    partial: Vec<bool>,
}

impl Located {
    /// The article's place as `Locating` found it (`None`: no prose). One
    /// reading of the page serves the guard and, at focus, the reader-mode
    /// selection ([`Located::focus_on`]).
    pub fn at(article: Option<NodeId>) -> Self {
        Located {
            article,
            page: PageKind::default(),
            focused: Focused::default(),
            partial: Vec::new(),
        }
    }

    /// A scoped read: only the subtrees of `added` were read whole; every
    /// other node is an ancestor of theirs, read without its other
    /// children, and the guard never lets it go (see `clutter::Given`).
    pub fn read_in_part(&mut self, snap: &Snapshot, added: &[NodeId]) {
        let mut whole = Claimed::new(snap);
        for &root in added {
            whole.claim(snap, root);
        }
        self.partial = whole.inside.iter().map(|&w| !w).collect();
    }

    /// Adds what focus wants: the article's own blocks (the reader-mode
    /// selection), not just the top-scoring container, since focus isolates
    /// the article.
    pub fn focus_on(&mut self, page: &Page) {
        self.focused = article_blocks(page);
    }

    /// Adds what the standard clean wants: the page's kind, which decides
    /// whether blocks in the page's main region may go.
    pub fn kind_of(&mut self, page: &Page) {
        self.page = PageKind::of(page);
    }

    /// The page's kind as found before (late content: see `Planner::for_added`).
    pub fn set_kind(&mut self, page: PageKind) {
        self.page = page;
    }
}

impl<'a> Context<'a> {
    /// The context of a page whose article is `located`.
    pub fn new(snap: &'a Snapshot, level: Level, located: Located) -> Self {
        let Located {
            article,
            page,
            focused:
                Focused {
                    blocks,
                    pruned,
                    headline,
                },
            partial,
        } = located;
        let words = Wording::new(snap);
        let mut in_blocks = Claimed::new(snap);
        for &b in &blocks {
            in_blocks.claim(snap, b);
        }
        let in_blocks = match blocks.is_empty() {
            true => Vec::new(),
            false => in_blocks.inside,
        };
        let mut shelters = Shelters::new(snap, article);
        let links_and_images =
            SubtreeCount::new(snap, |i| matches!(snap.nodes[i].tag.as_str(), "a" | "img"));
        let mut rails = Rails {
            words: &words,
            links_and_images: &links_and_images,
            known: vec![0; snap.len()],
        };
        let protected = SubtreeCount::new(snap, |i| {
            is_protected_text(
                snap,
                &words,
                &mut rails,
                i,
                article,
                &in_blocks,
                &mut shelters,
            )
        });
        let controls = SubtreeCount::new(snap, |i| elements::is_control(&snap.nodes[i]));
        let mut sorted_blocks = blocks.clone();
        sorted_blocks.sort_unstable();
        Context {
            snap,
            level,
            article,
            page,
            blocks,
            pruned,
            headline,
            words,
            protected,
            partial,
            controls,
            links_and_images,
            in_blocks,
            sorted_blocks,
            counts: Default::default(),
        }
    }

    /// How many nodes of `id`'s subtree (itself included) are `what`.
    pub fn count_within(&self, what: Counted, id: NodeId) -> u32 {
        let slot = Counted::ALL.iter().position(|&c| c == what).unwrap_or(0);
        self.counts[slot]
            .get_or_init(|| SubtreeCount::new(self.snap, |i| what.test(&self.snap.nodes[i])))
            .within(self.snap, id)
    }

    /// `id` holds (or is) a `what`.
    pub fn has(&self, what: Counted, id: NodeId) -> bool {
        self.count_within(what, id) > 0
    }

    /// How many nodes below `id` (itself not included) are `what`.
    pub fn count_below(&self, what: Counted, id: NodeId) -> u32 {
        self.count_within(what, id) - u32::from(what.test(&self.snap.nodes[id]))
    }

    /// `id` is inside one of the reader-mode blocks (focus only).
    pub fn in_blocks(&self, id: NodeId) -> bool {
        self.in_blocks.get(id).copied().unwrap_or(false)
    }

    /// `id` is one of the reader-mode blocks or holds one.
    fn holds_a_block(&self, id: NodeId) -> bool {
        let first = self.sorted_blocks.partition_point(|&b| b < id);
        self.sorted_blocks
            .get(first)
            .is_some_and(|&b| b < self.snap.nodes[id].end)
    }

    /// Page scaffolding that is never hidden whole: the root, `<body>`,
    /// `<main>`, the article's blocks and headline, and their ancestors;
    /// in a scoped read, the ancestors of what was added.
    pub fn is_structural(&self, id: NodeId) -> bool {
        let s = self.snap;
        matches!(s.nodes[id].tag.as_str(), "html" | "body" | "main")
            || self.partial.get(id).copied().unwrap_or(false)
            || s.nodes[id].parent.is_none()
            || self.article.is_some_and(|a| s.contains(id, a))
            || self.headline.is_some_and(|h| s.contains(id, h))
            || self.holds_a_block(id)
    }

    /// The guard: `id` may be hidden only if it is not scaffolding and holds
    /// no protected article text.
    pub fn may_hide(&self, id: NodeId) -> bool {
        !self.is_structural(id) && self.protected.within(self.snap, id) == 0
    }

    /// `id` holds a link or a button (itself included).
    pub fn has_control(&self, id: NodeId) -> bool {
        self.controls.within(self.snap, id) > 0
    }

    /// `id` is inside the article block, or contains it.
    pub fn overlaps_article(&self, id: NodeId) -> bool {
        self.article
            .is_some_and(|a| self.snap.contains(a, id) || self.snap.contains(id, a))
    }
}

/// Long prose, except in forms, inside links (a teaser card's excerpt), in
/// rail sections, and in comment sections and asides outside the article
/// (readers' comments and sidebar blurbs are long too, but they are not the
/// article).
fn is_protected_text(
    s: &Snapshot,
    words: &Wording,
    rails: &mut Rails,
    i: NodeId,
    article: Option<NodeId>,
    in_blocks: &[bool],
    shelters: &mut Shelters,
) -> bool {
    let n = &s.nodes[i];
    let outside = || match in_blocks {
        [] => article.is_some_and(|a| !s.contains(a, i)),
        _ => !in_blocks[i],
    };
    // Cheapest first: this is asked of every node.
    matches!(
        n.tag.as_str(),
        "p" | "blockquote" | "pre" | "li" | "dd" | "td" | "figcaption"
    ) && !n.hidden
        && n.text_len >= tune::PROTECTED_TEXT
        && n.link_density() < tune::PROTECTED_MAX_LINK_DENSITY
        && (n.text_len >= tune::PROTECTED_EVEN_WITH_WORDING || !words.has(i, Family::Signup))
        && words.count(i, Family::Consent) < tune::PROTECTED_MAX_CONSENT_PHRASES
        && !n.parent.is_some_and(|p| shelters.within(p))
        && !s
            .ancestors(i)
            .take(tune::RAIL_SECTION_DEPTH)
            .any(|a| rails.is_rail_section(s, a))
        && !(outside() && is_teaser_excerpt(s, i))
}

/// What [`is_rail_section`] reads besides the snapshot, and its
/// answers so far. The guard asks it for the ancestors of every long
/// paragraph: thousands of paragraphs share a parent, and each answer
/// reads the parent's children.
pub(crate) struct Rails<'a> {
    pub words: &'a Wording,
    pub links_and_images: &'a SubtreeCount,
    /// Per node: 0 not known yet, 1 no, 2 yes. Empty: nothing is kept.
    pub known: Vec<u8>,
}

impl Rails<'_> {
    fn is_rail_section(&mut self, s: &Snapshot, id: NodeId) -> bool {
        match self.known.get(id) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let answer = is_rail_section(s, self, id);
                if let Some(known) = self.known.get_mut(id) {
                    *known = 1 + u8::from(answer);
                }
                answer
            }
        }
    }
}

/// Whether each element is, or is inside, a block whose long text is not
/// the article's: a form, a link, or a comment section or aside that does
/// not hold the article. Asked for the ancestors of every long paragraph,
/// which share most of them, so each answer is kept.
struct Shelters<'a> {
    s: &'a Snapshot,
    article: Option<NodeId>,
    /// Per node: 0 not known yet, 1 no, 2 yes.
    known: Vec<u8>,
}

impl<'a> Shelters<'a> {
    fn new(s: &'a Snapshot, article: Option<NodeId>) -> Self {
        Shelters {
            s,
            article,
            known: vec![0; s.len()],
        }
    }

    fn is_shelter(&self, a: NodeId) -> bool {
        let s = self.s;
        matches!(s.nodes[a].tag.as_str(), "form" | "a")
            || ((elements::is_comment_section(s, a) || elements::is_aside(&s.nodes[a]))
                && !self.article.is_some_and(|art| s.contains(a, art)))
    }

    /// `id` or one of its ancestors is a shelter.
    fn within(&mut self, id: NodeId) -> bool {
        // Climb to the first node already answered, then answer the way
        // back down.
        let mut path = Vec::new();
        let mut at = Some(id);
        let mut answer = false;
        while let Some(a) = at {
            match self.known[a] {
                0 => path.push(a),
                known => {
                    answer = known == 2;
                    break;
                }
            }
            at = self.s.nodes[a].parent;
        }
        for &a in path.iter().rev() {
            answer = answer || self.is_shelter(a);
            self.known[a] = if answer { 2 } else { 1 };
        }
        answer
    }
}

/// What the focus level knows of the article from reader mode.
#[derive(Default)]
struct Focused {
    blocks: Vec<NodeId>,
    pruned: Vec<(NodeId, Pruned)>,
    headline: Option<NodeId>,
}

/// The blocks the reader mode would show (its selection), in document
/// order, what it leaves out of them, and the headline.
fn article_blocks(page: &Page) -> Focused {
    use crate::article::{cleanup::find_headline, metadata, select, ExtractOptions};
    let s = page.s;
    let meta = metadata::read(s);
    let found = select(page, &meta, &ExtractOptions::default());
    Focused {
        blocks: found.selection.roots,
        pruned: found.pruned,
        headline: find_headline(s, &meta.title),
    }
}

/// The excerpt of a teaser card: a small block around it also holds a
/// headline link of its own. Outside the article that is a teaser for
/// another page, not prose of this one.
fn is_teaser_excerpt(s: &Snapshot, i: NodeId) -> bool {
    std::iter::once(i)
        .chain(s.ancestors(i).take(tune::TEASER_CARD_LEVELS))
        .take_while(|&a| {
            s.nodes[a].text_len <= tune::MAX_CARD_TEXT
                && s.nodes[a].element_count <= tune::MAX_CARD_ELEMENTS
        })
        .any(|card| {
            s.descendants(card).any(|d| {
                let link = &s.nodes[d];
                link.tag == "a"
                    && !s.contains(d, i)
                    && link.text_len >= tune::MIN_HEADLINE_LINK
                    && link.text_len * 5 < s.nodes[card].text_len * tune::HEADLINE_LINK_MAX_FIFTHS
            })
        })
}

/// A block that opens with a rail heading ("You may also like") followed
/// by two or more alike cards (not paragraphs), each with a link or a
/// picture: a rail even when the cards carry long excerpts.
pub(crate) fn is_rail_section(s: &Snapshot, rails: &Rails, id: NodeId) -> bool {
    let words = rails.words;
    let mut children = s.children(id).filter(|&c| s.nodes[c].is_element());
    let Some(heading) = children.next() else {
        return false;
    };
    let h = &s.nodes[heading];
    // The cheap tests first: this runs for the ancestors of every long
    // paragraph, and is_heading_like reads the class name.
    if !(h.text_len <= tune::RAIL_HEADING_MAX_TEXT
        && words.has(heading, Family::Rail)
        && elements::is_heading_like(h))
    {
        return false;
    }
    let cards: Vec<NodeId> = children.filter(|&c| s.nodes[c].text_len > 0).collect();
    let tag = cards.first().map(|&c| s.nodes[c].tag.as_str());
    cards.len() >= tune::RAIL_MIN_CARDS
        && tag != Some("p")
        && cards.iter().all(|&c| {
            // A link or picture below the card (the card itself aside).
            let itself = matches!(s.nodes[c].tag.as_str(), "a" | "img");
            Some(s.nodes[c].tag.as_str()) == tag
                && rails.links_and_images.within(s, c) > u32::from(itself)
        })
}
