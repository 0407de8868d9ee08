//! Scoring: which block holds the article.
//!
//! Readability's method, on the snapshot: every paragraph of running text
//! earns points (one, plus one per comma, plus one per 100 characters up to
//! three) and hands them to its nearest ancestors, fully to the first and in
//! shrinking shares further up. The best-scoring block, discounted by its
//! link text, is the article; blocks beside it that score well or read as
//! prose join it.
//!
//! Three differences matter. A "paragraph" is any run of inline text
//! between blocks, so text sitting straight in a `div` (or after a `<br>`)
//! counts; Readability only sees `p`, `td`, `pre` and text-only `div`s.
//! Blocks beside the top block, and beside its parent and grandparent, join
//! when most of their text is prose, so an article split into two blocks or
//! interrupted by a wide embed is not cut in half. And a list of teasers
//! ("More stories": alike items led by links) is never the article, however
//! well its summaries score.

use super::page::Page;
use crate::fnv::hash;
use crate::snapshot::NodeId;
use crate::text::count_commas;
use crate::tune::article as tune;

/// Readability's three switches, turned off one by one when the result is
/// too short.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flags {
    /// Leave out blocks whose id/class says chrome ("sidebar", "comments").
    pub strip_unlikely: bool,
    /// Add the ±25 id/class weights to scores.
    pub weight_classes: bool,
    /// Drop link-heavy, image-heavy or form-heavy blocks inside the article.
    pub clean_conditionally: bool,
}

impl Flags {
    pub const ALL: Flags = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    };

    /// The retry sequence: each step trusts page markup less.
    pub fn passes() -> [Flags; 4] {
        let mut f = Flags::ALL;
        let mut out = [f; 4];
        f.strip_unlikely = false;
        out[1] = f;
        f.weight_classes = false;
        out[2] = f;
        f.clean_conditionally = false;
        out[3] = f;
        out
    }

    pub fn excludes(&self, page: &Page, i: NodeId) -> bool {
        page.chrome[i] || (self.strip_unlikely && page.unlikely[i])
    }
}

/// A run of inline text and what it is worth.
#[derive(Clone, Copy, Debug)]
pub struct Paragraph {
    /// The first block to receive its points: the parent of a paragraph
    /// element, or the block that directly holds a loose run of text.
    pub holder: NodeId,
    /// Where its text lives: a `p`-like element, or the holder for a loose run.
    pub element: NodeId,
    pub chars: u32,
    pub link_chars: u32,
    pub commas: u32,
}

impl Paragraph {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
    /// Readability's points, discounted by link text so menus earn nothing.
    pub fn points(&self) -> f32 {
        let length = (self.chars as f32 / tune::CHARS_PER_POINT).min(tune::MAX_LENGTH_POINTS);
        (1.0 + self.commas as f32 + length) * (1.0 - self.link_density())
    }
}

/// Every paragraph of the page outside excluded blocks, in document order.
/// Each visible text node belongs to exactly one, so this is linear.
pub fn paragraphs(page: &Page, flags: Flags) -> Vec<Paragraph> {
    let s = page.s;
    let mut out = Vec::new();
    // Commas only matter in paragraphs long enough to score.
    let commas = |range: std::ops::Range<NodeId>, chars: u32| -> u32 {
        if chars < tune::MIN_RUN {
            return 0;
        }
        range
            .filter(|&t| s.nodes[t].is_text() && !s.nodes[t].hidden)
            .map(|t| count_commas(s.nodes[t].text()))
            .sum()
    };
    for e in 0..s.len() {
        let n = &s.nodes[e];
        if n.is_text() || page.is_inline(e) || flags.excludes(page, e) || page.caption[e] {
            continue;
        }
        if !page.has_block[e] {
            if let Some(parent) = n.parent {
                out.push(Paragraph {
                    holder: parent,
                    element: e,
                    chars: page.chars[e],
                    link_chars: page.link_chars[e],
                    commas: commas(e..n.end, page.chars[e]),
                });
            }
            continue;
        }
        // Loose runs of inline content between the blocks of `e`.
        let mut run: Option<Paragraph> = None;
        let flush = |run: &mut Option<Paragraph>, out: &mut Vec<Paragraph>| {
            if let Some(p) = run.take() {
                if p.chars > 0 {
                    out.push(p);
                }
            }
        };
        for c in s.children(e) {
            if !page.is_inline(c) {
                flush(&mut run, &mut out);
                continue;
            }
            if flags.excludes(page, c) {
                continue;
            }
            let p = run.get_or_insert(Paragraph {
                holder: e,
                element: e,
                chars: 0,
                link_chars: 0,
                commas: 0,
            });
            p.chars += page.chars[c];
            p.link_chars += page.link_chars[c];
            p.commas += commas(c..s.nodes[c].end, u32::MAX);
        }
        flush(&mut run, &mut out);
    }
    out
}

pub struct Scores {
    /// Final score (after the link-density discount); meaningful where
    /// `candidate` is set.
    pub score: Vec<f32>,
    pub candidate: Vec<bool>,
    /// Characters of prose paragraphs in each subtree.
    pub prose: Vec<u32>,
}

/// Readability's `grabArticle` scoring pass.
pub fn score_candidates(page: &Page, flags: Flags, paras: &[Paragraph]) -> Scores {
    let s = page.s;
    let n = s.len();
    let mut score = vec![0f32; n];
    let mut candidate = vec![false; n];
    let mut prose = vec![0u32; n];
    for p in paras {
        if p.chars < tune::MIN_RUN {
            continue;
        }
        prose[p.element] += (p.chars as f32 * (1.0 - p.link_density())) as u32;
        let points = p.points();
        let ancestors = std::iter::once(p.holder).chain(s.ancestors(p.holder));
        for (level, a) in ancestors.take(tune::ANCESTOR_SHARE.len()).enumerate() {
            if s.nodes[a].parent.is_none() {
                break; // the root (`html`) is never a candidate
            }
            if !candidate[a] {
                candidate[a] = true;
                score[a] = tune::tag_score(&s.nodes[a].tag)
                    + if flags.weight_classes {
                        page.class_weight[a]
                    } else {
                        0.0
                    };
            }
            score[a] += points * tune::ANCESTOR_SHARE[level];
        }
    }
    for i in (0..n).rev() {
        if candidate[i] {
            score[i] *= 1.0 - page.link_density(i);
        }
        if let Some(q) = s.nodes[i].parent {
            prose[q] += prose[i];
        }
    }
    Scores {
        score,
        candidate,
        prose,
    }
}

/// The chosen article: its best block, and the blocks that make it up (the
/// best block and any siblings that join it), in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub top: NodeId,
    pub roots: Vec<NodeId>,
}

/// Picks the top candidate, climbs to a better parent where Readability
/// would, then gathers the blocks that belong with it. `None` when no
/// paragraph scored anywhere.
pub fn choose(page: &Page, flags: Flags, sc: &Scores) -> Option<Choice> {
    let s = page.s;
    let body = s.body();
    let ranked = best_candidates(page, sc);
    let &best = ranked.first()?;
    if best == body || !s.contains(body, best) {
        return Some(Choice {
            top: body,
            roots: vec![body],
        });
    }
    let top = climb(page, sc, best, &ranked[1..]);
    Some(Choice {
        top,
        roots: gather(page, flags, sc, top),
    })
}

/// The best-scored candidates, best first, leaving out teaser lists and the
/// teasers in them: however well a grid of "more posts" scores, it is never
/// the article (a short post above one).
fn best_candidates(page: &Page, sc: &Scores) -> Vec<NodeId> {
    let s = page.s;
    let mut ranked: Vec<NodeId> = (0..s.len()).filter(|&i| sc.candidate[i]).collect();
    ranked.sort_by(|&a, &b| sc.score[b].total_cmp(&sc.score[a]).then(a.cmp(&b)));
    let mut viable = Vec::with_capacity(tune::TOP_CANDIDATES);
    let mut seen = Vec::new();
    for &c in ranked.iter().take(tune::MAX_CANDIDATES_CHECKED) {
        if !in_teaser_list(page, c, &mut seen) {
            viable.push(c);
            if viable.len() == tune::TOP_CANDIDATES {
                break;
            }
        }
    }
    if viable.is_empty() {
        ranked.truncate(tune::TOP_CANDIDATES);
        return ranked;
    }
    viable
}

/// Readability's climb from the best candidate to the block that holds the
/// whole article.
fn climb(page: &Page, sc: &Scores, best: NodeId, others: &[NodeId]) -> NodeId {
    let s = page.s;
    let body = s.body();
    let mut top = best;

    // Several near-equal candidates under one ancestor: the article is that
    // ancestor (its paragraphs were split among them).
    let alternatives: Vec<NodeId> = others
        .iter()
        .copied()
        .filter(|&c| sc.score[c] >= tune::ALTERNATIVE_RATIO * sc.score[best])
        .collect();
    if alternatives.len() >= tune::MIN_ALTERNATIVES {
        let mut p = s.nodes[top].parent;
        while let Some(a) = p.filter(|&a| a != body) {
            if alternatives.iter().filter(|&&c| s.contains(a, c)).count() >= tune::MIN_ALTERNATIVES
            {
                top = a;
                break;
            }
            p = s.nodes[a].parent;
        }
    }

    // A parent that scores higher than its best child holds more of it.
    let mut last = if sc.candidate[top] {
        sc.score[top]
    } else {
        0.0
    };
    let threshold = last / tune::CLIMB_DIVISOR;
    let mut p = s.nodes[top].parent;
    while let Some(a) = p.filter(|&a| a != body) {
        if sc.candidate[a] {
            if sc.score[a] < threshold {
                break;
            }
            if sc.score[a] > last {
                top = a;
                break;
            }
            last = sc.score[a];
        }
        p = s.nodes[a].parent;
    }

    // A block far above holds the article when it holds several times the
    // best block's prose and either scores nearly as well (`near`) or holds
    // a good part of the page's prose, whatever it scores (`wide`): the best
    // block was one section of a long article (a FAQ box inside a guide, one
    // card of a listicle), and deep nesting thinned the points that reached
    // the block holding it all. Teasers' summaries are prose too, and never
    // the article's: they are not counted.
    let page_prose = sc.prose[body] as f32;
    let mut teasers = 0;
    let (mut below, mut p) = (top, s.nodes[top].parent);
    while let Some(a) = p.filter(|&a| a != body) {
        teasers += s
            .children(a)
            .filter(|&c| c != below && is_teaser_list(page, c))
            .map(|c| sc.prose[c])
            .sum::<u32>();
        let prose = sc.prose[a].saturating_sub(teasers) as f32;
        let more = prose / sc.prose[top].max(1) as f32;
        let near = sc.candidate[a]
            && sc.score[a] >= tune::PROSE_CLIMB_SCORE * sc.score[best]
            && more >= tune::PROSE_CLIMB_FACTOR;
        let wide = more >= tune::PROSE_CLIMB_WIDE_FACTOR
            && prose >= tune::PROSE_CLIMB_WIDE_SHARE * page_prose;
        if (near || wide) && page.link_density(a) <= tune::PROSE_CLIMB_LINK_DENSITY {
            top = a;
        }
        (below, p) = (a, s.nodes[a].parent);
    }

    // Only-child wrappers add nothing: take the wrapper.
    while let Some(a) = s.nodes[top].parent.filter(|&a| a != body) {
        if s.children(a).filter(|&c| s.nodes[c].is_element()).count() != 1 {
            break;
        }
        top = a;
    }
    top
}

/// The top block plus the blocks that belong with it: its siblings by
/// Readability's rules, and prose blocks beside its ancestors, long ones or
/// ones with the top block's class (an article split into two columns or
/// interrupted by a wide embed has its other half there).
fn gather(page: &Page, flags: Flags, sc: &Scores, top: NodeId) -> Vec<NodeId> {
    let s = page.s;
    let body = s.body();
    let Some(parent) = s.nodes[top].parent else {
        return vec![top];
    };
    let mut trailers = Trailers::new(page, sc, top);
    let mut roots: Vec<NodeId> = s
        .children(parent)
        .filter(|&c| {
            let admitted = trailers.admits(c);
            c == top || is_sibling(page, flags, sc, top, c, admitted)
        })
        .collect();
    let mut current = parent;
    for _ in 0..tune::COUSIN_LEVELS {
        match s.nodes[current].parent {
            Some(a) if current != body && a != body => {
                let mut trailers = Trailers::new(page, sc, top);
                roots.extend(s.children(a).filter(|&c| {
                    let admitted = trailers.admits(c);
                    c != current
                        && (sc.prose[c] >= tune::COUSIN_PROSE_CHARS || shares_class(page, top, c))
                        && is_prose_block(page, flags, sc, c)
                        && admitted
                }));
                current = a;
            }
            _ => break,
        }
    }
    roots.sort_unstable();
    roots
}

/// Blocks after the top one that join only as prose (not by score) must
/// hold a tenth of its prose: a smaller one is a box after the article (an
/// author's bio, a disclaimer, a call to action, a comment), not its other
/// half. One of a run of alike blocks (the sections of a body split in
/// blocks) is vouched for by an earlier one of its kind big enough.
/// Fed the children of one parent in order.
struct Trailers<'a> {
    page: &'a Page<'a>,
    sc: &'a Scores,
    top: NodeId,
    /// (tag, first class) of the blocks seen holding enough prose.
    vouched: crate::fnv::FnvSet<(&'a str, Option<&'a str>)>,
}

impl<'a> Trailers<'a> {
    fn new(page: &'a Page<'a>, sc: &'a Scores, top: NodeId) -> Self {
        Trailers {
            page,
            sc,
            top,
            vouched: Default::default(),
        }
    }

    /// May `c` join as prose? Call once per child, in document order.
    fn admits(&mut self, c: NodeId) -> bool {
        let n = &self.page.s.nodes[c];
        if !n.is_element() {
            return true;
        }
        let kind = (n.tag.as_str(), n.class().split_whitespace().next());
        let minor =
            (self.sc.prose[c] as f32) < tune::TRAILER_PROSE_SHARE * self.sc.prose[self.top] as f32;
        if !minor && c != self.top {
            self.vouched.insert(kind);
        }
        c < self.top || !minor || self.vouched.contains(&kind)
    }
}

/// `c`, or a block just inside it, has the top block's first class: the
/// other half of the same article body ("story-body-1", "story-body-2").
fn shares_class(page: &Page, top: NodeId, c: NodeId) -> bool {
    let s = page.s;
    let Some(class) = s.nodes[top].class().split_whitespace().next() else {
        return false;
    };
    let same = |k: NodeId| s.nodes[k].class().split_whitespace().next() == Some(class);
    same(c) || s.children(c).any(|k| same(k) || s.children(k).any(same))
}

/// Readability's sibling test, plus [`is_prose_block`] when `as_prose`.
fn is_sibling(
    page: &Page,
    flags: Flags,
    sc: &Scores,
    top: NodeId,
    c: NodeId,
    as_prose: bool,
) -> bool {
    let s = page.s;
    let n = &s.nodes[c];
    if n.is_text() || flags.excludes(page, c) || page.chars[c] == 0 || is_teaser_list(page, c) {
        return false;
    }
    let top_score = if sc.candidate[top] {
        sc.score[top]
    } else {
        0.0
    };
    let threshold = tune::SIBLING_MIN.max(top_score * tune::SIBLING_RATIO);
    let top_class = s.nodes[top].class().trim();
    let bonus = if !top_class.is_empty() && n.class().trim() == top_class {
        top_score * tune::SIBLING_RATIO
    } else {
        0.0
    };
    if sc.candidate[c] && sc.score[c] + bonus >= threshold {
        return true;
    }
    let ld = page.link_density(c);
    let chars = page.chars[c];
    if !page.has_block[c] && (n.tag == "p" || crate::tags::is_block(&n.tag)) {
        // A lone paragraph: long with few links, or a short sentence.
        return (chars > tune::SIBLING_PARAGRAPH && ld < tune::SIBLING_MAX_LINK_DENSITY)
            || (chars <= tune::SIBLING_PARAGRAPH
                && ld == 0.0
                && n.tag == "p"
                && ends_sentence(&s.text(c)));
    }
    as_prose && is_prose_block(page, flags, sc, c)
}

/// A block that is mostly prose paragraphs with few links.
fn is_prose_block(page: &Page, flags: Flags, sc: &Scores, c: NodeId) -> bool {
    let n = &page.s.nodes[c];
    !n.is_text()
        && !flags.excludes(page, c)
        && !is_teaser_list(page, c)
        && (!flags.weight_classes || page.class_weight[c] >= 0.0)
        && sc.prose[c] >= tune::SIBLING_PROSE_CHARS
        && sc.prose[c] as f32 >= tune::SIBLING_PROSE_SHARE * page.chars[c] as f32
        && page.link_density(c) < tune::SIBLING_MAX_LINK_DENSITY
}

/// A list or grid of teasers ("Other opinion columns", "More news"): most
/// of the block's text sits in three or more short items alike in class or
/// shape, most of which lead with a link or carry a linked heading. Each
/// teaser may read as prose; together they are not the article. (A
/// listicle's items are alike too, but their headings are not links.)
pub fn is_teaser_list(page: &Page, c: NodeId) -> bool {
    holds_teasers(page, c, true)
}

/// `c` is a teaser list: its children are the teasers, or with `descend`,
/// the children of the wrapper inside it that holds most of its text.
fn holds_teasers(page: &Page, c: NodeId, descend: bool) -> bool {
    let s = page.s;
    let mut list = c;
    for _ in 0..if descend {
        tune::TEASER_WRAPPER_LEVELS
    } else {
        0
    } {
        let biggest = s
            .children(list)
            .filter(|&k| s.nodes[k].is_element())
            .max_by_key(|&k| page.chars[k]);
        match biggest {
            Some(k)
                if page.chars[k] as f32 >= tune::TEASER_WRAPPER_SHARE * page.chars[list] as f32 =>
            {
                list = k
            }
            _ => break,
        }
    }
    if descend && holds_teaser_rows(page, c, list) {
        return true;
    }
    let mut items: Vec<(u64, u32, NodeId)> = s
        .children(list)
        .filter(|&k| s.nodes[k].is_element() && s.nodes[k].tag != "p" && page.chars[k] > 0)
        .map(|k| {
            // Alike: the same first class (the rest often numbers the
            // item), or the same shape when there is no class.
            let kind = match s.nodes[k].class().split_whitespace().next() {
                Some(class) => hash(class.as_bytes()) ^ hash(s.nodes[k].tag.as_bytes()),
                None => s.nodes[k].shape,
            };
            (kind, page.chars[k], k)
        })
        .collect();
    if items.len() < tune::TEASER_MIN_ITEMS {
        return false;
    }
    items.sort_unstable();
    let mut best = 0u32;
    for group in items.chunk_by(|a, b| a.0 == b.0) {
        let total: u32 = group.iter().map(|&(_, chars, _)| chars).sum();
        if group.len() < tune::TEASER_MIN_ITEMS
            || total <= best
            || group
                .iter()
                .any(|&(_, chars, _)| chars > tune::TEASER_MAX_CHARS)
        {
            continue;
        }
        let teasers = group
            .iter()
            .filter(|&&(_, _, k)| is_teaser(page, k))
            .count();
        if teasers * 3 >= group.len() * tune::TEASER_MIN_THIRDS {
            best = total;
        }
    }
    best as f32 >= tune::TEASER_SHARE * page.chars[c] as f32
}

/// `list` (inside `c`) is rows of teaser lists ("More stories" laid out
/// as several rows of cards): two or more of its children are teaser
/// lists, together holding most of `c`'s text, none of them most of it.
fn holds_teaser_rows(page: &Page, c: NodeId, list: NodeId) -> bool {
    let s = page.s;
    let (mut rows, mut chars) = (0, 0);
    for k in s.children(list) {
        if s.nodes[k].is_element() && page.chars[k] > 0 && holds_teasers(page, k, false) {
            rows += 1;
            chars += page.chars[k];
        }
    }
    rows >= 2 && chars as f32 >= tune::TEASER_SHARE * page.chars[c] as f32
}

/// One teaser: mostly link text, or its first words or its heading are a
/// link (to the story it advertises).
fn is_teaser(page: &Page, k: NodeId) -> bool {
    let s = page.s;
    if page.link_density(k) >= tune::TEASER_LINK_DENSITY {
        return true;
    }
    let internal = |a: NodeId| is_internal(s.url.as_deref(), s.nodes[a].attr("href").unwrap_or(""));
    // It opens with a link (a headline or a picture) to another page of this
    // site, before any sentence of its own. (A roundup of products links
    // out to shops instead.)
    let first_link =
        (k..s.nodes[k].end).find(|&d| s.nodes[d].tag == "a" && s.nodes[d].attr("href").is_some());
    let first_sentence =
        (k..s.nodes[k].end).find(|&d| s.nodes[d].is_text() && page.chars[d] >= tune::MIN_RUN);
    let opens_with_link = match (first_link, first_sentence) {
        (Some(a), Some(t)) => (a < t || s.contains(a, t)) && internal(a),
        (Some(a), None) => internal(a),
        _ => false,
    };
    if opens_with_link {
        return true;
    }
    // Or a heading of it is such a link. The item's internal links, found
    // once: a walk below each heading was quadratic in nested headings.
    let links: Vec<NodeId> = (k..s.nodes[k].end)
        .filter(|&a| s.nodes[a].tag == "a" && internal(a))
        .collect();
    let holds_link = |d: NodeId| {
        let first = links.partition_point(|&a| a < d);
        links.get(first).is_some_and(|&a| a < s.nodes[d].end)
    };
    (k..s.nodes[k].end).any(|d| {
        crate::tags::is_heading(&s.nodes[d].tag)
            && page.chars[d] > 0
            && page.link_chars[d] * 2 >= page.chars[d]
            && holds_link(d)
    })
}

/// A link to the page's own site: relative, or to the same host.
fn is_internal(page_url: Option<&str>, href: &str) -> bool {
    let host = |u: &str| {
        let rest = u.split_once("//").map_or("", |(_, r)| r);
        rest.split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_ascii_lowercase()
    };
    let href = href.trim();
    if !href.contains("//") {
        return !href.is_empty() && !href.starts_with('#') && !href.contains(':');
    }
    page_url.is_some_and(|p| !host(p).is_empty() && host(p) == host(href))
}

/// A list of teasers, or inside one (a few levels down at most). `seen`
/// remembers verdicts on ancestors, since candidates share them.
fn in_teaser_list(page: &Page, c: NodeId, seen: &mut Vec<(NodeId, bool)>) -> bool {
    if is_teaser_list(page, c) {
        return true;
    }
    // A teaser, or a block inside one: a near ancestor's children are teasers.
    page.s.ancestors(c).take(tune::TEASER_LEVELS).any(|a| {
        if let Some(&(_, v)) = seen.iter().find(|(n, _)| *n == a) {
            return v;
        }
        let v = holds_teasers(page, a, false);
        seen.push((a, v));
        v
    })
}

/// Has a full stop followed by a space or the end, as Readability checks.
fn ends_sentence(text: &str) -> bool {
    text.contains(". ") || text.ends_with('.')
}
