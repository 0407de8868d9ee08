//! Pruning the chosen blocks: what inside the article is not article.
//!
//! Nothing is removed from the snapshot. The result is a `drop` mask: a set
//! node is left out with its whole subtree. Three passes:
//! 1. top-down, outright drops (`Outright::verdict`, each with a named
//!    reason): hidden nodes, chrome tags and roles, form controls, the
//!    headline, by-lines and datelines, share bars, ad labels, tag clouds,
//!    headline-long links alone between paragraphs ("Read more: …"), and
//!    short promotional or sign-up lines;
//! 2. bottom-up, Readability's "clean conditionally": a `div`, list, table
//!    or form goes when its own numbers (link density, images per paragraph,
//!    embeds) say widget rather than text. Bottom-up so that a block is
//!    judged on what remains of it, as Readability judges it after removing
//!    its children. A text-only `div` counts as a paragraph, as Readability
//!    turns it into a `p` first;
//! 3. text said twice ([`super::duplicates`]), then headings left with
//!    nothing under them.
//!
//! What never goes: data tables, code (`pre`/`code`), math, figure captions
//! and quotes (embedded posts), and anything holding them: where
//! Readability loses content.

use super::candidates::Flags;
use super::metadata::Metadata;
use super::page::Page;
use super::signals::{self, mark};
use crate::fnv::FnvMap;
use crate::snapshot::NodeId;
use crate::tags::{is_heading, is_junk};
use crate::text::{count_commas, tokens};
use crate::tune::article as tune;
use crate::words::{self, markup::VIDEO_HOSTS, List, Matcher};
use std::cell::OnceCell;
use std::sync::OnceLock;

/// Blocks judged by their numbers (Readability: form, fieldset, table, ul,
/// div; `section` and `ol` are today's `div` and `ul`).
const CONDITIONAL_TAGS: &[&str] = &[
    "div", "section", "header", "form", "fieldset", "table", "ul", "ol", "dl",
];

/// Why clean-up left a block out of the article: what the focus level
/// hides in place too (see `clutter::focus`), and what `declutter extract
/// --format candidates` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pruned {
    /// Not rendered.
    Hidden,
    /// TeX or other source beside rendered MathML: the math twice.
    MathSource,
    /// A frame that is not a known video player.
    Frame,
    /// Page chrome by tag or role, or a tag never part of an article.
    Chrome,
    /// Named as chrome by its own id or class ("sidebar", "related").
    Unlikely,
    /// The article's headline (the title is shown apart).
    Headline,
    Byline,
    Dateline,
    /// A short share or follow bar.
    Share,
    /// "Advertisement", "Loading…" alone.
    AdLabel,
    /// Links that are mostly `rel=tag`: a tag cloud.
    TagList,
    /// A headline-long link alone between paragraphs ("Read more: …").
    LoneLink,
    /// A short promotional or sign-up line.
    Promo,
    /// A block whose numbers (links, images, embeds) say widget.
    Widget,
    /// Text said twice ([`super::duplicates`]).
    Repeat,
    /// A heading with nothing left under it.
    OrphanHeading,
}

impl Pruned {
    /// Its name in words, as the CLI prints it.
    pub fn name(self) -> &'static str {
        match self {
            Pruned::Hidden => "hidden",
            Pruned::MathSource => "math source",
            Pruned::Frame => "frame",
            Pruned::Chrome => "chrome",
            Pruned::Unlikely => "unlikely",
            Pruned::Headline => "headline",
            Pruned::Byline => "byline",
            Pruned::Dateline => "dateline",
            Pruned::Share => "share",
            Pruned::AdLabel => "ad label",
            Pruned::TagList => "tag list",
            Pruned::LoneLink => "lone link",
            Pruned::Promo => "promo",
            Pruned::Widget => "widget",
            Pruned::Repeat => "repeat",
            Pruned::OrphanHeading => "orphan heading",
        }
    }
}

impl std::fmt::Display for Pruned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

pub struct Cleaned {
    pub drop: Vec<bool>,
    /// Each outermost dropped block and why, for tuning (`declutter
    /// extract --format candidates`).
    pub reasons: Vec<(NodeId, Pruned)>,
    /// The first by-line found (and dropped) inside the article.
    pub byline: Option<String>,
}

/// Prunes `roots` (the chosen blocks). `meta` gives the article's title and
/// site name, so a headline repeating them is left out.
pub fn prune(page: &Page, flags: Flags, roots: &[NodeId], meta: &Metadata) -> Cleaned {
    let s = page.s;
    let mut out = Cleaned {
        drop: vec![false; s.len()],
        reasons: Vec::new(),
        byline: None,
    };
    let mut protected = vec![false; s.len()];
    let mut cx = Outright {
        page,
        flags,
        root: 0,
        title_words: words(&meta.title),
        site_words: words(meta.site_name.as_deref().unwrap_or("")),
        seen_paragraph: false,
        byline: None,
    };
    for &root in roots {
        cx.root = root;
        let end = s.nodes[root].end;
        let mut i = root;
        while i < end {
            let n = &s.nodes[i];
            let parent_protected = i != root && n.parent.is_some_and(|q| protected[q]);
            protected[i] = parent_protected || is_protected(page, i);
            if let Some(reason) = (i != root).then(|| cx.verdict(i, protected[i])).flatten() {
                out.drop[i] = true;
                out.reasons.push((i, reason));
                i = n.end;
                continue;
            }
            if n.tag == "p" && page.chars[i] >= tune::MIN_RUN {
                cx.seen_paragraph = true;
            }
            i += 1;
        }
        if flags.clean_conditionally {
            clean_conditionally(page, flags, root, &protected, &mut out);
        }
    }
    for b in super::duplicates::drop_repeats(page, roots, &mut out.drop) {
        out.reasons.push((b, Pruned::Repeat));
    }
    drop_orphan_headings(page, roots, &mut out);
    out.byline = cx.byline;
    out
}

/// Headings left with nothing under them once clean-up took their section
/// ("Other people are reading" above a dropped list): a heading followed,
/// before the next heading of its level or above (or the end), by no text
/// or media of its own but by something dropped; or a heading whose very
/// next block was a dropped list of links ("More:" above related links).
fn drop_orphan_headings(page: &Page, roots: &[NodeId], out: &mut Cleaned) {
    let s = page.s;
    let level = |i: NodeId| {
        s.nodes[i]
            .tag
            .as_bytes()
            .get(1)
            .map_or(9, |b| b.saturating_sub(b'0'))
    };
    // The last heading with nothing under it yet, and whether something was
    // dropped since.
    let mut pending: Option<(NodeId, bool)> = None;
    let mut orphans = Orphans::default();
    for &root in roots {
        let end = s.nodes[root].end;
        let mut i = root;
        while i < end {
            let n = &s.nodes[i];
            if i != root && out.drop[i] {
                if let Some((p, dropped)) = pending.as_mut() {
                    let links = page.chars[i] >= tune::LINK_LIST_MIN_CHARS
                        && page.link_density(i) >= tune::LINK_LIST;
                    if links && !*dropped {
                        orphans.add(*p); // the list it introduced is gone
                    }
                    *dropped |= page.chars[i] > 0;
                }
                i = n.end;
                continue;
            }
            if is_heading(&n.tag) && page.chars[i] > 0 {
                if let Some((p, true)) = pending.filter(|&(p, _)| level(p) >= level(i)) {
                    orphans.add(p);
                }
                pending = Some((i, false));
                i = n.end;
                continue;
            }
            let content = (n.is_text() && !n.text().trim().is_empty())
                || matches!(
                    n.tag.as_str(),
                    "img" | "picture" | "video" | "iframe" | "table" | "pre"
                );
            if content {
                pending = None;
            }
            i += 1;
        }
    }
    if let Some((p, true)) = pending {
        orphans.add(p);
    }
    for h in orphans.order {
        out.drop[h] = true;
        out.reasons.push((h, Pruned::OrphanHeading));
    }
}

/// Orphan headings in the order found, each once: a set beside the list,
/// since a page of thousands of headings made `contains` quadratic.
#[derive(Default)]
struct Orphans {
    order: Vec<NodeId>,
    seen: std::collections::HashSet<NodeId>,
}

impl Orphans {
    fn add(&mut self, h: NodeId) {
        if self.seen.insert(h) {
            self.order.push(h);
        }
    }
}

/// Data tables, code and math keep their whole content.
fn is_protected(page: &Page, i: NodeId) -> bool {
    let n = &page.s.nodes[i];
    match n.tag.as_str() {
        "pre" | "code" | "math" => true,
        "table" => is_data_table(page, i),
        _ => false,
    }
}

/// The first, top-down pass: blocks that go whatever their numbers.
struct Outright<'a> {
    page: &'a Page<'a>,
    flags: Flags,
    root: NodeId,
    title_words: Words,
    site_words: Words,
    /// A paragraph of text has been passed: an `h1` after it is a section
    /// heading, not the headline.
    seen_paragraph: bool,
    byline: Option<String>,
}

impl Outright<'_> {
    /// Why node `i` goes, or `None` when it stays (for now: the
    /// conditional pass may still drop it).
    fn verdict(&mut self, i: NodeId, protected: bool) -> Option<Pruned> {
        let (page, s) = (self.page, self.page.s);
        let n = &s.nodes[i];
        if n.hidden {
            return Some(Pruned::Hidden);
        }
        if n.is_text() {
            return None;
        }
        let tag = n.tag.as_str();
        if matches!(tag, "annotation" | "annotation-xml") {
            return Some(Pruned::MathSource);
        }
        if tag == "iframe" {
            return (!is_video(n.attr("src").unwrap_or(""))).then_some(Pruned::Frame);
        }
        if is_junk(tag) || (page.chrome[i] && !page.chrome[self.root]) {
            return Some(Pruned::Chrome);
        }
        if protected {
            return None;
        }
        let chars = page.chars[i];
        let marks = page.marks[i];
        let quote = page.has_quote[i];
        if self.flags.strip_unlikely && page.unlikely_here(i) && !page.unlikely[self.root] && !quote
        {
            return Some(Pruned::Unlikely);
        }
        if is_heading(tag) && self.is_headline(i) {
            return Some(Pruned::Headline);
        }
        let short = chars > 0 && chars < tune::BYLINE_MAX_CHARS;
        if short && signals::is_byline_marked(n, marks) {
            if self.byline.is_none() {
                self.byline = Some(super::byline_text(s, i));
            }
            return Some(Pruned::Byline);
        }
        let in_paragraph = n.parent.is_some_and(|q| s.nodes[q].tag == "p");
        if short && !in_paragraph && is_dateline(n, marks) {
            return Some(Pruned::Dateline);
        }
        if chars < tune::SHARE_MAX_CHARS && !quote && marks & mark::SHARE != 0 {
            return Some(Pruned::Share);
        }
        if chars == 0 {
            return None;
        }
        // Reading text costs its subtree: only for small blocks, few in
        // elements and in text (hidden text included, which the gates
        // below, on visible text, do not see).
        let small = s.nodes[i].element_count <= tune::SMALL_BLOCK_ELEMENTS
            && s.nodes[i].text_len <= tune::SMALL_BLOCK_TEXT;
        if small && chars < tune::AD_LABEL_MAX_CHARS && is_ad_label(&s.text(i)) {
            return Some(Pruned::AdLabel);
        }
        let ld = page.link_density(i);
        if ld > tune::TAG_LIST_MIN_LINK_DENSITY
            && chars < tune::TAG_LIST_MAX_CHARS
            && is_tag_list(page, i)
        {
            return Some(Pruned::TagList);
        }
        let standalone = tag == "p" || (page.is_inline(i) && self.alone_in_run(i));
        if standalone && ld >= tune::ALL_LINK && chars >= tune::HEADLINE_CHARS {
            // A headline-long link alone between paragraphs is a teaser
            // ("Read more: …"); a short one ("www.site.com") is text.
            return Some(Pruned::LoneLink);
        }
        if chars <= tune::DATE_MAX_CHARS
            && !self.seen_paragraph
            && (standalone || !page.is_inline(i))
            && !in_paragraph
            && small
            && is_date_text(&s.text(i))
        {
            return Some(Pruned::Dateline);
        }
        // Lines of text: a leaf block or a lone inline element.
        let paragraph_level =
            standalone || (!page.has_block[i] && !page.is_inline(i) && tag != "li");
        (small
            && paragraph_level
            && chars <= tune::SIGNUP_MAX_CHARS
            && is_promo(&s.text(i), ld > 0.0))
        .then_some(Pruned::Promo)
    }

    /// The article's own headline (dropped: the title is shown apart): an
    /// `h1`/`h2` repeating the title, or an `h1` above the first paragraph
    /// that is half the title's words or the site's name.
    /// Section headings with negative class weights go too.
    fn is_headline(&self, i: NodeId) -> bool {
        let (page, s) = (self.page, self.page.s);
        let tag = s.nodes[i].tag.as_str();
        if !matches!(tag, "h1" | "h2") || s.nodes[i].text_len > tune::MAX_HEADLINE_TEXT {
            return false;
        }
        let text = words(&s.text(i));
        (self.flags.weight_classes && page.class_weight[i] < 0.0)
            || similar(&text, &self.title_words)
            || (tag == "h1"
                && !self.seen_paragraph
                && (unshared(&text, &self.title_words) <= tune::HEADLINE_MAX_UNSHARED
                    || similar(&text, &self.site_words)))
    }

    /// An inline element with no other text beside it in its parent.
    fn alone_in_run(&self, i: NodeId) -> bool {
        let (page, s) = (self.page, self.page.s);
        let Some(parent) = s.nodes[i].parent else {
            return false;
        };
        if !page.has_block[parent] {
            return false;
        }
        let blank = |c: NodeId| !page.is_inline(c) || page.chars[c] == 0;
        let next = s.nodes[i].end;
        page.prev_sibling(i).is_none_or(blank) && (next >= s.nodes[parent].end || blank(next))
    }
}

/// Short text with promotional wording, or with sign-up wording twice
/// ("Get the latest in your inbox. Subscribe to our newsletters"), or
/// once in a line with a link. One sign-up word alone is news ("the
/// service signed up 10 million subscribers").
fn is_promo(text: &str, has_link: bool) -> bool {
    static PHRASES: OnceLock<Matcher<2>> = OnceLock::new();
    let phrases =
        PHRASES.get_or_init(|| Matcher::new([words::all(List::Promo), words::all(List::Signup)]));
    let chars = text.chars().count() as u32;
    // Read once, and only for a short text.
    let said = OnceCell::new();
    let said = || *said.get_or_init(|| phrases.bits(text));
    (chars <= tune::PROMO_MAX_CHARS && said()[0] != 0)
        || (chars <= tune::SIGNUP_MAX_CHARS
            && said()[1].count_ones() >= if has_link { 1 } else { 2 })
}

/// Text that is only a date or time, with at most a short word beside it
/// ("Updated Feb. 21, 2019 at 3:04 PM", "22 Dec 2016", "By 10:30").
fn is_date_text(text: &str) -> bool {
    let mut numbers = 0;
    let mut other_letters = 0;
    for word in tokens(text) {
        if word.chars().all(|c| c.is_ascii_digit())
            || (word.starts_with(|c: char| c.is_ascii_digit())
                && word.len() <= tune::DATE_NUMBER_MAX_LEN)
        {
            numbers += 1;
        } else if !words::is_date_word(&word) {
            other_letters += word.chars().count();
        }
    }
    numbers > 0 && other_letters <= tune::DATE_OTHER_LETTERS
}

fn is_dateline(n: &crate::snapshot::Node, marks: u16) -> bool {
    n.attr("itemprop")
        .is_some_and(|p| p.to_ascii_lowercase().starts_with("date"))
        || marks & mark::DATE != 0
}

/// Links that are mostly `rel="tag"` or `rel="category"`: a tag cloud.
fn is_tag_list(page: &Page, i: NodeId) -> bool {
    let (links, tags) = page.links_and_tag_links_within(i);
    tags >= 2 && tags * 2 >= links
}

fn is_ad_label(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    words::all(List::AdOrLoading).contains(&t.as_str())
}

pub fn is_video(src: &str) -> bool {
    let src = src.to_ascii_lowercase();
    let host = src
        .trim_start_matches("https:")
        .trim_start_matches("http:")
        .trim_start_matches("//");
    let host = host.split(['/', '?', '#']).next().unwrap_or("");
    VIDEO_HOSTS.iter().any(|v| {
        host == *v || host.ends_with(&format!(".{v}")) || (!v.contains('.') && host.contains(v))
    })
}

/// The lower-case words of a title or heading, each with the letters it
/// accounts for: its characters plus one, per occurrence. As a map, so that
/// comparing a heading with a title costs the smaller of the two: a title
/// can be a page long (an unclosed tag in `<title>`), and comparing every
/// heading with each of its words was quadratic.
struct Words {
    letters: FnvMap<String, usize>,
    total: usize,
}

fn words(text: &str) -> Words {
    let mut letters: FnvMap<String, usize> = FnvMap::default();
    let mut total = 0;
    for word in tokens(text) {
        let n = word.chars().count() + 1;
        total += n;
        *letters.entry(word.into_owned()).or_insert(0) += n;
    }
    Words { letters, total }
}

/// The article's headline on the page: the first visible `h1` or `h2`
/// repeating the title, else the first `h1` sharing half its words with
/// it, else the page's only `h1`.
pub fn find_headline(s: &crate::snapshot::Snapshot, title: &str) -> Option<NodeId> {
    let title = words(title);
    let shown = |i: &NodeId| !s.nodes[*i].hidden && s.nodes[*i].text_len > 0;
    // Only a heading of a line's length is compared with the title.
    let line = |i: NodeId| s.nodes[i].text_len <= tune::MAX_HEADLINE_TEXT;
    let h1s: Vec<NodeId> = (0..s.len())
        .filter(|&i| s.nodes[i].tag == "h1")
        .filter(shown)
        .collect();
    (0..s.len())
        .filter(|&i| matches!(s.nodes[i].tag.as_str(), "h1" | "h2"))
        .filter(shown)
        .find(|&i| line(i) && similar(&words(&s.text(i)), &title))
        .or_else(|| {
            h1s.iter().copied().find(|&i| {
                line(i) && unshared(&words(&s.text(i)), &title) <= tune::HEADLINE_MAX_UNSHARED
            })
        })
        .or_else(|| (h1s.len() == 1).then(|| h1s[0]))
}

/// Readability's `_headerDuplicatesTitle`: at least three quarters of the
/// words agree.
fn similar(a: &Words, b: &Words) -> bool {
    a.total > 0 && b.total > 0 && unshared(a, b).max(unshared(b, a)) <= tune::SIMILAR_MAX_UNSHARED
}

/// Share of `a`'s letters in words that `b` lacks.
fn unshared(a: &Words, b: &Words) -> f32 {
    if a.total == 0 {
        return 1.0;
    }
    // The words both have, found from the side with fewer.
    let (fewer, more) = match a.letters.len() <= b.letters.len() {
        true => (a, b),
        false => (b, a),
    };
    let shared: usize = fewer
        .letters
        .keys()
        .filter(|w| more.letters.contains_key(*w))
        .map(|w| a.letters[w])
        .sum();
    (a.total - shared) as f32 / a.total as f32
}

/// Readability's `_markDataTables`.
pub fn is_data_table(page: &Page, table: NodeId) -> bool {
    let s = page.s;
    let n = &s.nodes[table];
    if n.attr("role") == Some("presentation") || n.attr("datatable") == Some("0") {
        return false;
    }
    if n.attr("summary").is_some_and(|v| !v.trim().is_empty()) {
        return true;
    }
    // Counted per subtree once for the page: a walk per table was
    // quadratic in nested tables.
    let (tables, header_parts) = page.tables_and_header_parts_below(table);
    if header_parts > 0 {
        return true;
    }
    // A table holding tables is layout.
    if tables > 0 {
        return false;
    }
    // Holding no table, this walk crosses no other table's rows: the walks
    // of all tables together cross each node at most once.
    let mut rows = 0;
    let mut max_cols = 0;
    let mut cols = 0;
    for d in s.descendants(table) {
        let dn = &s.nodes[d];
        match dn.tag.as_str() {
            "tr" => {
                rows += 1;
                max_cols = max_cols.max(cols);
                cols = 0;
            }
            "td" => {
                cols += dn
                    .attr("colspan")
                    .and_then(|c| c.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .min(tune::MAX_COLSPAN)
            }
            _ => {}
        }
    }
    max_cols = max_cols.max(cols);
    rows >= tune::DATA_TABLE_ROWS
        || max_cols > tune::DATA_TABLE_COLUMNS
        || rows * max_cols > tune::DATA_TABLE_CELLS
}

/// Counts over what remains of a block, for the conditional clean.
#[derive(Clone, Copy, Default)]
struct Counts {
    chars: u32,
    link_chars: u32,
    commas: u32,
    p: u32,
    img: u32,
    li: u32,
    embed: u32,
    heading_chars: u32,
    list_chars: u32,
    keeps: u32,
}

fn clean_conditionally(
    page: &Page,
    flags: Flags,
    root: NodeId,
    protected: &[bool],
    out: &mut Cleaned,
) {
    let s = page.s;
    let end = s.nodes[root].end;
    let len = end - root;
    // `gone[k]`: node root+k is dropped or inside a dropped block.
    let mut gone = vec![false; len];
    for i in root..end {
        let k = i - root;
        gone[k] = out.drop[i] || (i != root && s.nodes[i].parent.is_some_and(|q| gone[q - root]));
    }
    let mut counts = vec![Counts::default(); len];
    let mut para_like = vec![false; len];
    let mut in_figure = vec![false; len];
    for i in root..end {
        let inherited = i != root && s.nodes[i].parent.is_some_and(|q| in_figure[q - root]);
        in_figure[i - root] = inherited || s.nodes[i].tag == "figure";
    }
    for i in (root..end).rev() {
        let k = i - root;
        if gone[k] {
            continue;
        }
        let n = &s.nodes[i];
        let mut c = counts[k];
        if n.is_text() {
            c.chars = n.text_len;
            c.commas = count_commas(n.text());
        } else {
            let tag = n.tag.as_str();
            if tag == "a" {
                c.link_chars = c.chars;
            }
            // A `div` of text alone, or a wrapper around one such, is a
            // paragraph (Readability turns it into a `p` first): judged as
            // one, not as a widget, unless it is mostly links.
            let paragraph = tag == "p"
                || (tag == "div"
                    && c.chars > 0
                    && (!page.has_block[i] || only_child_is_paragraph(s, i, &para_like, root)));
            para_like[k] = paragraph;
            if i != root
                && !protected[i]
                && !(paragraph && c.link_chars * 2 <= c.chars)
                && c.keeps == 0
                && CONDITIONAL_TAGS.contains(&tag)
                && looks_like_widget(page, flags, i, &c, in_figure[k])
            {
                out.drop[i] = true;
                out.reasons.push((i, Pruned::Widget));
                continue;
            }
            if paragraph {
                c.p += 1;
            }
            match tag {
                "img" => c.img += 1,
                "li" => c.li += 1,
                "embed" | "object" | "iframe"
                    if !is_video(n.attr("src").or(n.attr("data")).unwrap_or("")) =>
                {
                    c.embed += 1
                }
                _ => {}
            }
            if is_heading(tag) {
                c.heading_chars = c.chars;
            }
            if tag == "li" {
                c.list_chars = c.chars;
            }
            if protected[i]
                || tag == "figcaption"
                || tag == "pre"
                || (tag == "blockquote" && c.chars > 0)
            {
                c.keeps += 1;
            }
        }
        counts[k] = c;
        if let Some(q) = n.parent.filter(|&q| q >= root && i != root) {
            let p = &mut counts[q - root];
            p.chars += c.chars;
            p.link_chars += c.link_chars;
            p.commas += c.commas;
            p.p += c.p;
            p.img += c.img;
            p.li += c.li;
            p.embed += c.embed;
            p.heading_chars += c.heading_chars;
            p.list_chars += c.list_chars;
            p.keeps += c.keeps;
        }
    }
}

/// `i` has one child element, a paragraph, and no text of its own beside it.
fn only_child_is_paragraph(
    s: &crate::snapshot::Snapshot,
    i: NodeId,
    para_like: &[bool],
    root: NodeId,
) -> bool {
    let mut kids = s
        .children(i)
        .filter(|&c| s.nodes[c].is_element() || !s.nodes[c].text().trim().is_empty());
    match (kids.next(), kids.next()) {
        (Some(only), None) => s.nodes[only].is_element() && para_like[only - root],
        _ => false,
    }
}

/// Readability's `_cleanConditionally` verdict for one block.
fn looks_like_widget(page: &Page, flags: Flags, i: NodeId, c: &Counts, in_figure: bool) -> bool {
    let s = page.s;
    let n = &s.nodes[i];
    let tag = n.tag.as_str();
    let w = if flags.weight_classes {
        page.class_weight[i]
    } else {
        0.0
    };
    if w < 0.0 {
        return true;
    }
    if c.commas >= tune::WIDGET_MAX_COMMAS {
        return false;
    }
    let chars = c.chars as f32;
    let ratio = |x: u32| if c.chars == 0 { 0.0 } else { x as f32 / chars };
    let is_list = matches!(tag, "ul" | "ol") || ratio(c.list_chars) > tune::LIST_TEXT_SHARE;
    let ld = ratio(c.link_chars);
    // Readability's numbers. (Its `li - 100` makes "more items than
    // paragraphs" fire only for huge lists; form fields are already gone.)
    let (p, img, li) = (
        c.p as f32,
        c.img as f32,
        c.li as f32 - tune::LIST_ITEM_ALLOWANCE,
    );
    let remove = (!in_figure && img > 1.0 && p / img < tune::PARAGRAPHS_PER_IMAGE)
        || (!is_list && li > p)
        || (!is_list
            && !in_figure
            && ratio(c.heading_chars) < tune::HEADING_TEXT_SHARE
            && c.chars < tune::WIDGET_MIN_CHARS
            && (c.img == 0 || c.img > tune::WIDGET_MAX_IMAGES))
        || (!is_list && w < tune::POSITIVE_WEIGHT && ld > tune::WIDGET_LINK_DENSITY)
        || (w >= tune::POSITIVE_WEIGHT && ld > tune::POSITIVE_WIDGET_LINK_DENSITY)
        || (is_list && ld >= tune::LINK_LIST && c.chars >= tune::HEADLINE_CHARS * c.li.max(1))
        || (c.embed == 1 && c.chars < tune::EMBED_MIN_CHARS)
        || c.embed > 1;
    if remove && is_list {
        // A list of images (a gallery) stays.
        let items: Vec<NodeId> = s.children(i).filter(|&k| s.nodes[k].is_element()).collect();
        let simple = items
            .iter()
            .all(|&k| s.children(k).filter(|&g| s.nodes[g].is_element()).count() <= 1);
        if simple && c.img as usize == items.len() && c.img > 0 {
            return false;
        }
    }
    remove
}
