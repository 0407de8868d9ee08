//! Clutter analysis: one detector per kind, each reading the snapshot and
//! returning findings, then the guard, then the plan.
//!
//! The guard is the product's promise: nothing that holds article text is
//! hidden. Every detector asks [`Context::may_hide`] before it proposes a
//! block, and [`plan`] checks every finding once more.

mod banners;
mod chrome;
pub mod elements;
mod focus;
pub mod kernel;
pub mod overlay;
mod repeated;
pub mod subscribe;
mod widget;
pub mod wording;

use crate::plan::{block_key, preview, Hide, Plan, Reason};
use crate::snapshot::{NodeId, Snapshot};
use crate::tune::clutter as tune;
pub use kernel::{Context, Finding, Level, Options};

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
    // The last block taken or kept: findings inside it are covered either way.
    let mut outer: Option<NodeId> = None;
    for f in findings {
        if outer.is_some_and(|o| snap.contains(o, f.node)) {
            continue;
        }
        outer = Some(f.node);
        let n = &snap.nodes[f.node];
        let text_preview = preview(&snap.text(f.node), tune::PREVIEW_CHARS);
        let key = block_key(&[f.reason.code(), &n.tag, n.id(), n.class(), &text_preview]);
        if !options.keep.contains(&key) {
            hide.push(Hide {
                node: f.node,
                reason: f.reason,
                text_preview,
                key,
            });
        }
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
