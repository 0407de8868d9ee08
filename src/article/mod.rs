//! Finding the article: the reader mode's brain.
//!
//! [`find`] runs, on a snapshot:
//! 1. [`metadata`]: title, by-line, date, site, image from JSON-LD and meta;
//! 2. [`candidates`]: Readability-style scoring to pick the blocks holding
//!    the article's paragraphs;
//! 3. [`cleanup`]: what inside those blocks is not article;
//! 4. [`completeness`]: when the page states its own text (JSON-LD
//!    `articleBody`), a check that nothing big was lost;
//! 5. the plain text ([`selection`]) and what it says about itself
//!    (excerpt, direction, reading time, confidence).
//!
//! Writing the selection out as sanitised HTML is the next stage,
//! `crate::reader`, whose `extract` makes the [`Article`] of both: this
//! module never imports it.
//!
//! Like Readability it retries with looser rules when the result is short.
//! Unlike it, it never modifies anything: the snapshot is read-only.

pub mod candidates;
pub mod cleanup;
pub mod completeness;
pub mod dates;
pub mod duplicates;
pub mod metadata;
pub mod page;
pub mod selection;
pub mod signals;

use crate::snapshot::{NodeId, Snapshot};
use crate::tune::article as tune;
use candidates::Flags;
use page::Page;
use selection::Selection;
use serde::{Deserialize, Serialize};

/// Options of [`find`] (and so of `crate::reader::extract`), as the JS API passes them.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExtractOptions {
    /// An article shorter than this (characters) makes the extractor retry
    /// with looser rules. Readability's `charThreshold`.
    pub char_threshold: u32,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            char_threshold: tune::CHAR_THRESHOLD,
        }
    }
}

/// The extracted article: `@mozilla/readability`'s fields plus ours. Plain
/// data: [`find`] finds it, `crate::reader::extract` writes it out.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: String,
    pub byline: Option<String>,
    pub dir: Option<String>,
    pub lang: Option<String>,
    /// Sanitised HTML of the article body (`crate::reader::render`).
    pub content: String,
    /// The article's text, a blank line between paragraphs.
    pub text_content: String,
    /// Length of `text_content` in UTF-16 units, as JS counts.
    pub length: usize,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lead_image: Option<String>,
    pub reading_minutes: u32,
    /// How sure we are that this page is an article, 0 to 1.
    pub confidence: f32,
}

/// The article as found, before it is written out: its blocks, its text
/// and what the page and the text say about it.
pub struct Extracted {
    pub meta: metadata::Metadata,
    pub selection: Selection,
    /// The article's text, a blank line between paragraphs.
    pub text_content: String,
    pub byline: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub reading_minutes: u32,
    pub confidence: f32,
}

/// Finds the article, or `None` when the page has no text at all.
pub fn find(s: &Snapshot, opts: &ExtractOptions) -> Option<Extracted> {
    if s.is_empty() {
        return None;
    }
    let meta = metadata::read(s);
    let page = Page::new(s);
    let found = select(&page, &meta, opts);
    let text_content = article_text(&page, &found.selection);
    if text_content.is_empty() {
        return None;
    }
    let words = text_content.split_whitespace().count();
    let excerpt = meta
        .excerpt
        .clone()
        .or_else(|| first_paragraph(s, &found.selection));
    Some(Extracted {
        byline: byline(&page, &meta, found.byline.as_deref()),
        dir: direction(s, &found.selection),
        excerpt,
        reading_minutes: words.div_ceil(tune::WORDS_PER_MINUTE).max(1) as u32,
        confidence: confidence(&page, &meta, &found.selection, text_content.chars().count()),
        meta,
        selection: found.selection,
        text_content,
    })
}

/// The node holding the article's main text, for the clutter guard: the top
/// block of the first scoring pass that finds one (the same scorer as
/// [`find`], without clean-up), or `None` when nothing reads as prose.
pub fn locate(s: &Snapshot) -> Option<NodeId> {
    if s.is_empty() {
        return None;
    }
    locate_on(&Page::new(s))
}

/// [`locate`] on a page already read, for callers that also select.
pub fn locate_on(page: &Page) -> Option<NodeId> {
    let mut locating = Locating::default();
    loop {
        if let Some(found) = locating.step(page) {
            return found;
        }
    }
}

/// [`locate_on`] one phase at a time (a pass's paragraphs, its scores, its
/// choice), so that a caller working in steps (`clutter::Planner`) never
/// runs a whole scoring of a huge page in one go.
#[derive(Default)]
pub struct Locating {
    /// The pass of [`Flags::passes`] being tried.
    pass: usize,
    phase: LocatePhase,
}

#[derive(Default)]
enum LocatePhase {
    #[default]
    Paragraphs,
    Score(Vec<candidates::Paragraph>),
    Choose(candidates::Scores),
}

impl Locating {
    /// Does the next phase; `Some` with the answer once there is one.
    pub fn step(&mut self, page: &Page) -> Option<Option<NodeId>> {
        let passes = Flags::passes();
        let Some(&flags) = passes.get(self.pass) else {
            return Some(None);
        };
        self.phase = match std::mem::take(&mut self.phase) {
            LocatePhase::Paragraphs => LocatePhase::Score(candidates::paragraphs(page, flags)),
            LocatePhase::Score(paras) => {
                LocatePhase::Choose(candidates::score_candidates(page, flags, &paras))
            }
            LocatePhase::Choose(scores) => {
                if let Some(choice) = candidates::choose(page, flags, &scores) {
                    return Some(Some(choice.top));
                }
                self.pass += 1;
                if self.pass == passes.len() {
                    return Some(None);
                }
                LocatePhase::Paragraphs
            }
        };
        None
    }

    /// What the next phase is, for diagnostics.
    pub fn next_step(&self) -> &'static str {
        match self.phase {
            LocatePhase::Paragraphs => "locate: paragraphs",
            LocatePhase::Score(_) => "locate: score",
            LocatePhase::Choose(_) => "locate: choose",
        }
    }
}

/// What the passes settle on.
pub struct Found {
    pub selection: Selection,
    /// A by-line met (and left out) inside the article.
    pub byline: Option<String>,
    /// What clean-up left out of the blocks, and why (outermost first),
    /// as long as it is still left out after the completeness check.
    pub pruned: Vec<(NodeId, cleanup::Pruned)>,
}

/// Scores, chooses and prunes, retrying with looser rules until the text is
/// long enough; keeps the longest result otherwise.
pub fn select(page: &Page, meta: &metadata::Metadata, opts: &ExtractOptions) -> Found {
    let s = page.s;
    let mut best: Option<(Found, usize)> = None;
    for flags in Flags::passes() {
        let paras = candidates::paragraphs(page, flags);
        let scores = candidates::score_candidates(page, flags, &paras);
        // No paragraph outside the excluded blocks: the next, looser pass.
        let Some(choice) = candidates::choose(page, flags, &scores) else {
            continue;
        };
        let found = prune_and_check(page, flags, meta, choice.roots);
        let len = article_text(page, &found.selection).chars().count();
        if len >= opts.char_threshold as usize {
            return found;
        }
        if best.as_ref().is_none_or(|(_, l)| len > *l) {
            best = Some((found, len));
        }
    }
    match best {
        Some((found, _)) => found,
        // Nothing reads as prose anywhere: the whole body, cleaned.
        None => {
            let flags = Flags::passes()[3];
            prune_and_check(page, flags, meta, vec![s.body()])
        }
    }
}

/// Clean-up, then the completeness check, of one choice of blocks.
fn prune_and_check(
    page: &Page,
    flags: Flags,
    meta: &metadata::Metadata,
    roots: Vec<NodeId>,
) -> Found {
    let cleaned = cleanup::prune(page, flags, &roots, meta);
    let mut selection = Selection {
        roots,
        drop: cleaned.drop,
    };
    completeness::complete(page, flags, meta, &mut selection);
    let mut pruned = cleaned.reasons;
    pruned.retain(|&(i, _)| selection.is_dropped(i));
    Found {
        selection,
        byline: cleaned.byline,
        pruned,
    }
}

/// The running text: figure captions and photo credits stay in `content`
/// beside their image, but are not part of the text one reads through.
pub fn article_text(page: &Page, sel: &Selection) -> String {
    sel.text_without(page.s, |i| page.caption[i])
}

/// The article's by-line, cleaned: the metadata's author, else the by-line
/// met inside the article, the one under the headline, the page's first;
/// an author that is the publisher comes after those.
fn byline(page: &Page, meta: &metadata::Metadata, in_article: Option<&str>) -> Option<String> {
    let from_meta = || meta.byline.as_deref().and_then(metadata::clean_byline);
    let from_page = || {
        in_article
            .and_then(metadata::clean_byline)
            .or_else(|| shown_byline(page, meta))
    };
    match meta.byline_is_publisher {
        false => from_meta().or_else(from_page),
        true => from_page().or_else(from_meta),
    }
}

/// The by-line the page shows: under the headline, else its first by-line
/// element.
fn shown_byline(page: &Page, meta: &metadata::Metadata) -> Option<String> {
    let headline = metadata::headline_node(page.s, meta.headline, &meta.title);
    metadata::shown_byline(page.s, headline).or_else(|| {
        page_byline(page)
            .as_deref()
            .and_then(metadata::clean_byline)
    })
}

/// The page names who wrote it and when: a publication date, and a by-line
/// that names a writer (an organisation as the metadata's author names no
/// one). This is how an article presents itself, and what documentation, a
/// service's pages and a shop's lack, even where their markup calls every
/// page an article and stamps it with a date.
pub fn is_signed(page: &Page, meta: &metadata::Metadata) -> bool {
    meta.published
        && if meta.author_is_organization {
            shown_byline(page, meta).is_some()
        } else {
            byline(page, meta, None).is_some()
        }
}

/// The page's first visible by-line element ("By Ann Writer"), wherever it
/// sits: Readability's fallback when neither metadata nor the article has
/// one.
fn page_byline(page: &Page) -> Option<String> {
    let s = page.s;
    (0..s.len())
        .find(|&i| {
            let n = &s.nodes[i];
            n.is_element()
                && !page.chrome[i]
                && page.chars[i] > 0
                && page.chars[i] < tune::BYLINE_MAX_CHARS
                && n.element_count <= tune::SMALL_BLOCK_ELEMENTS
                && signals::is_byline_marked(n, page.marks[i])
        })
        .map(|i| byline_text(s, i))
}

/// A by-line element's text; its `itemprop="name"` part when it marks one
/// (Readability does the same), else its links to writers' pages when it
/// has some, leaving out dates, job titles and categories.
pub fn byline_text(s: &Snapshot, i: NodeId) -> String {
    let name = (i..s.nodes[i].end).find(|&d| {
        s.nodes[d]
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|t| t == "name"))
    });
    if let Some(name) = name {
        return s.text(name);
    }
    let mut names: Vec<String> = Vec::new();
    for d in i..s.nodes[i].end {
        if metadata::is_author_link(&s.nodes[d]) {
            let text = s.text(d).trim().to_owned();
            if !text.is_empty() && !names.contains(&text) {
                names.push(text);
            }
        }
    }
    match names.is_empty() {
        true => s.text(i),
        false => names.join(", "),
    }
}

/// The first paragraph of the article with some substance, for `excerpt`.
fn first_paragraph(s: &Snapshot, sel: &Selection) -> Option<String> {
    let mut found = None;
    sel.walk(s, |step| {
        if let selection::Step::Open(i) = step {
            if found.is_none() && s.nodes[i].tag == "p" && s.nodes[i].text_len >= tune::MIN_RUN {
                found = Some(s.text(i));
            }
        }
    });
    found
}

/// Text direction: a `dir` on the article or its ancestors, else the page's.
fn direction(s: &Snapshot, sel: &Selection) -> Option<String> {
    let root = *sel.roots.first()?;
    std::iter::once(root)
        .chain(s.ancestors(root))
        .find_map(|a| s.nodes[a].attr("dir"))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .or_else(|| s.dir.clone())
}

/// How sure we are the page is an article: long prose, few links, and the
/// page saying so itself.
fn confidence(page: &Page, meta: &metadata::Metadata, sel: &Selection, chars: usize) -> f32 {
    let length = (chars as f32 / tune::CONFIDENT_CHARS).min(1.0);
    let readerable = (readerable_score(page.s) / tune::CONFIDENT_READERABLE).min(1.0);
    let (mut text, mut links) = (0u32, 0u32);
    for &r in &sel.roots {
        text += page.chars[r];
        links += page.link_chars[r];
    }
    let prose = if text == 0 {
        0.0
    } else {
        1.0 - links as f32 / text as f32
    };
    let declared = if meta.declares_article { 1.0 } else { 0.0 };
    (tune::CONFIDENCE_LENGTH * length
        + tune::CONFIDENCE_READERABLE * readerable
        + tune::CONFIDENCE_PROSE * prose
        + tune::CONFIDENCE_DECLARED * declared)
        .clamp(0.0, 1.0)
}

/// Readability's `isProbablyReaderable`: enough long, visible paragraphs
/// outside page chrome. Cheap: no scoring.
pub fn is_probably_readerable(s: &Snapshot) -> bool {
    readerable_score(s) > tune::READERABLE_MIN_SCORE
}

fn readerable_score(s: &Snapshot) -> f32 {
    let mut score = 0.0;
    for (i, n) in s.nodes.iter().enumerate() {
        let counts = match n.tag.as_str() {
            "p" | "pre" | "article" => true,
            // A `div` of text broken by `<br>`s reads as paragraphs.
            "div" => s.children(i).any(|c| s.nodes[c].tag == "br"),
            _ => false,
        };
        if !counts
            || n.hidden
            || n.text_len < tune::READERABLE_MIN_LENGTH
            || signals::is_unlikely(n, signals::read_marks(n).0)
        {
            continue;
        }
        if n.tag == "p" && s.ancestors(i).any(|a| s.nodes[a].tag == "li") {
            continue;
        }
        score += ((n.text_len - tune::READERABLE_MIN_LENGTH) as f32).sqrt();
        if score > tune::READERABLE_MIN_SCORE * 2.0 {
            break;
        }
    }
    score
}
