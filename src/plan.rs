//! The plan: plain data saying what to hide and why. Analysis writes it, the
//! live applier and the CLI read it, and it serialises to JSON for tests and
//! the popup.

use crate::snapshot::NodeId;
use serde::Serialize;

/// Why a block is hidden. The kebab-case name is what the page sees in the
/// `data-declutter` marker attribute.
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
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Subscribe => "subscribe",
            Reason::Repeated => "repeated",
            Reason::SkipLink => "skip-link",
        }
    }
    /// The sentence shown in the popup.
    pub fn description(self) -> &'static str {
        match self {
            Reason::Subscribe => "Newsletter or sign-up box: an email field with sign-up wording.",
            Reason::Repeated => "The same block repeated on the page, outside the article.",
            Reason::SkipLink => "A \"skip to content\" link meant for the site's own navigation.",
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
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Plan {
    /// Outermost blocks only: nothing here is inside another entry.
    pub hide: Vec<Hide>,
    /// The block judged to hold the article, if any; the guard protects it.
    pub article: Option<NodeId>,
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
