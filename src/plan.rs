//! The plan: plain data saying what to hide and why. Analysis writes it, the
//! live applier and the CLI read it, and it serialises to JSON for tests and
//! the popup.

use crate::snapshot::NodeId;
use serde::Serialize;

/// Why a block is hidden. The kebab-case name is what the page sees in the
/// `data-declutter` marker attribute, before the block's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// An email field with sign-up wording.
    Subscribe,
    /// A copy of a block already judged to be clutter, or a form repeated
    /// outside the article.
    Repeated,
    /// "Skip to content" and similar links for keyboard users of the site.
    SkipLink,
    /// A cookie or consent banner, hidden without answering it.
    Consent,
    /// A layer fixed over the page (a modal or pop-up).
    Overlay,
    /// A bar stuck to the bottom of the window.
    StickyBar,
    /// A "support us", membership or paywall nag.
    Nag,
    /// "More news", "Related", "Most read": lists of links to other pages.
    Rail,
    /// Share and follow buttons.
    Share,
    /// The comment section.
    Comments,
    /// An ad slot or its placeholder.
    Ad,
    /// A "listen to this article" player or generated-audio notice.
    Audio,
    /// In focus mode, everything around the article but the site header.
    OffArticle,
    /// In focus mode, menus and lists of links.
    Menu,
    /// In focus mode, what sits in the article's block but is not article:
    /// what reader mode leaves out too.
    NotArticle,
}

impl Reason {
    /// Hidden on any page, whatever its kind: a layer over the page (a
    /// modal, a bar stuck to the window, a consent banner) or a skip link,
    /// never part of the page's own content. The other reasons hide blocks
    /// in the page's flow, which only an article's page may lose.
    pub fn is_page_furniture(self) -> bool {
        matches!(
            self,
            Reason::Overlay | Reason::StickyBar | Reason::Consent | Reason::SkipLink
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Reason::Subscribe => "subscribe",
            Reason::Repeated => "repeated",
            Reason::SkipLink => "skip-link",
            Reason::Consent => "consent",
            Reason::Overlay => "overlay",
            Reason::StickyBar => "sticky-bar",
            Reason::Nag => "nag",
            Reason::Rail => "rail",
            Reason::Share => "share",
            Reason::Comments => "comments",
            Reason::Ad => "ad",
            Reason::Audio => "audio",
            Reason::OffArticle => "off-article",
            Reason::Menu => "menu",
            Reason::NotArticle => "not-article",
        }
    }
    /// The sentence shown in the popup.
    pub fn description(self) -> &'static str {
        match self {
            Reason::Subscribe => "Newsletter or sign-up box: an email field with sign-up wording.",
            Reason::Repeated => "The same block repeated on the page, outside the article.",
            Reason::SkipLink => "A \"skip to content\" link meant for the site's own navigation.",
            Reason::Consent => "Cookie or consent banner (hidden, not answered).",
            Reason::Overlay => "A layer covering the page, such as a pop-up or modal.",
            Reason::StickyBar => "A bar stuck to the bottom of the window.",
            Reason::Nag => "A support, membership or subscription nag.",
            Reason::Rail => "A list of links to other stories (more news, related, most read).",
            Reason::Share => "Share and follow buttons.",
            Reason::Comments => "The comment section.",
            Reason::Ad => "An advertisement or its empty slot.",
            Reason::Audio => "An audio player or generated-audio notice.",
            Reason::OffArticle => {
                "Outside the article (focus mode keeps only the header and the article)."
            }
            Reason::Menu => "A menu or list of links (focus mode).",
            Reason::NotArticle => {
                "Beside the article's text but not part of it; reader mode leaves it out too (focus mode)."
            }
        }
    }
}

/// One block to hide.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hide {
    pub node: NodeId,
    pub reason: Reason,
    /// The start of its text, so the popup can say what it was.
    pub text_preview: String,
    /// Names this block across reloads (reason, tag, id, class, text), so a
    /// reader's "keep this" can be remembered for the site. Identical copies
    /// share a key.
    pub key: String,
}

/// A short stable hash (FNV-1a, hex) of the parts that identify a block.
pub fn block_key(parts: &[&str]) -> String {
    let h = parts.iter().fold(crate::fnv::OFFSET, |h, part| {
        crate::fnv::extend(h, part.bytes().chain([0xff]))
    });
    format!("{:012x}", h & 0xffff_ffff_ffff)
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Plan {
    /// Outermost blocks only: nothing here is inside another entry.
    pub hide: Vec<Hide>,
    /// The block judged to hold the article, if any; the guard protects it.
    pub article: Option<NodeId>,
    /// The page blocks scrolling (an overlay's scroll-lock); apply undoes it.
    pub unlock_scroll: bool,
    /// The page was taken for an article, so blocks in its main region
    /// could go; elsewhere only what lies over or outside it (see
    /// `clutter::page_kind`). Focus takes every page for one.
    pub article_page: bool,
    /// The page's `<main>`, where it has one: what late content's analysis
    /// is given (`clutter::Given`). Not part of the plan proper.
    #[serde(skip)]
    pub main_region: Option<NodeId>,
    /// The page is one of prose, an article or not: its sign-up boxes go
    /// wherever they are. Given to late content's analysis like
    /// `main_region`.
    #[serde(skip)]
    pub prose_page: bool,
}

/// First `max` characters of `text`, cut at a word, with an ellipsis.
pub fn preview(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}
