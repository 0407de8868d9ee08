//! Clutter analysis: one detector per kind, each reading the snapshot and
//! returning findings, then the guard, then the plan.
//!
//! The guard is the product's promise: nothing that holds article text is
//! hidden. Every detector asks [`Context::may_hide`] before it proposes a
//! block, and [`plan`] checks every finding once more.

mod banners;
mod chrome;
mod focus;
pub mod overlay;
mod repeated;
pub mod subscribe;

use crate::patterns::{contains_any, count_distinct, CONSENT, SIGNUP};
use crate::plan::{preview, Hide, Plan, Reason};
use crate::snapshot::{NodeId, Snapshot};
use serde::Deserialize;

/// How much to clean. `Standard`: nags, sign-ups, consent, overlays and
/// repeated blocks. `Focus`: also everything around the article but the
/// site header (rails, share bars, comments, ad slots, footers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
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
}

/// A block a detector wants hidden.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finding {
    pub node: NodeId,
    pub reason: crate::plan::Reason,
}

/// A paragraph this long, with few links and no sign-up wording, is article
/// text wherever it stands, and nothing containing it is hidden.
const PROTECTED_TEXT: u32 = 150;
const PROTECTED_MAX_LINK_DENSITY: f32 = 0.3;
const PREVIEW_CHARS: usize = 80;

/// What every detector needs besides the snapshot: where the article is and
/// which blocks are protected.
pub struct Context<'a> {
    pub snap: &'a Snapshot,
    pub level: Level,
    pub article: Option<NodeId>,
    /// `protected_before[i]`: protected blocks among nodes `0..i`, so a
    /// subtree's count is one subtraction.
    protected_before: Vec<u32>,
}

impl<'a> Context<'a> {
    pub fn new(snap: &'a Snapshot, level: Level) -> Self {
        let article = crate::article::locate(snap);
        let mut protected_before = Vec::with_capacity(snap.len() + 1);
        let mut count = 0;
        for i in 0..snap.len() {
            protected_before.push(count);
            count += u32::from(is_protected_text(snap, i, article));
        }
        protected_before.push(count);
        Context {
            snap,
            level,
            article,
            protected_before,
        }
    }

    /// Page scaffolding that is never hidden whole: the root, `<body>`,
    /// `<main>`, and the article block and its ancestors.
    pub fn is_structural(&self, id: NodeId) -> bool {
        matches!(self.snap.nodes[id].tag.as_str(), "html" | "body" | "main")
            || self.snap.nodes[id].parent.is_none()
            || self.article.is_some_and(|a| self.snap.contains(id, a))
    }

    /// The guard: `id` may be hidden only if it is not scaffolding and holds
    /// no protected article text.
    pub fn may_hide(&self, id: NodeId) -> bool {
        let end = self.snap.nodes[id].end;
        !self.is_structural(id) && self.protected_before[end] == self.protected_before[id]
    }

    /// `id` is inside the article block, or contains it.
    pub fn overlaps_article(&self, id: NodeId) -> bool {
        self.article
            .is_some_and(|a| self.snap.contains(a, id) || self.snap.contains(id, a))
    }
}

/// Long prose, except in forms and in comment sections outside the article
/// (readers' comments are long too, but they are not the article).
fn is_protected_text(s: &Snapshot, i: NodeId, article: Option<NodeId>) -> bool {
    let n = &s.nodes[i];
    matches!(
        n.tag.as_str(),
        "p" | "blockquote" | "pre" | "li" | "dd" | "td" | "figcaption"
    ) && !n.hidden
        && n.text_len >= PROTECTED_TEXT
        && n.link_density() < PROTECTED_MAX_LINK_DENSITY
        && !s.ancestors(i).any(|a| {
            s.nodes[a].tag == "form"
                || (is_comment_section(s, a) && !article.is_some_and(|art| s.contains(a, art)))
        })
        && {
            let text = s.text(i);
            !contains_any(&text, SIGNUP) && count_distinct(&text, CONSENT) < 2
        }
}

fn is_comment_section(s: &Snapshot, i: NodeId) -> bool {
    crate::patterns::tokens(&s.nodes[i].id_and_class())
        .any(|t| matches!(t.as_str(), "comments" | "disqus" | "commentlist"))
}

/// Runs every detector and returns the plan: outermost blocks only, each
/// checked by the guard, in document order.
pub fn plan(snap: &Snapshot, options: &Options) -> Plan {
    let cx = Context::new(snap, options.level);
    let mut findings = overlay::detect(&cx);
    findings.extend(subscribe::detect(&cx));
    findings.extend(subscribe::detect_calls(&cx));
    findings.extend(banners::detect(&cx));
    findings.extend(repeated::detect(&cx, &findings));
    findings.extend(chrome::detect(&cx));
    if options.level == Level::Focus {
        findings.extend(focus::detect(&cx));
    }
    findings.retain(|f| cx.may_hide(f.node));
    findings.sort_by_key(|f| f.node);
    let mut hide: Vec<Hide> = Vec::new();
    for f in findings {
        if hide.last().is_some_and(|h| snap.contains(h.node, f.node)) {
            continue;
        }
        hide.push(Hide {
            node: f.node,
            reason: f.reason,
            text_preview: preview(&snap.text(f.node), PREVIEW_CHARS),
        });
    }
    // A scroll-lock is undone only with the layer that set it gone.
    let layer_hidden = hide.iter().any(|h| {
        matches!(
            h.reason,
            Reason::Overlay | Reason::Consent | Reason::StickyBar | Reason::Nag | Reason::Subscribe
        )
    });
    Plan {
        hide,
        article: cx.article,
        unlock_scroll: snap.scroll_locked && layer_hidden,
    }
}
