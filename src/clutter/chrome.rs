//! Site chrome that is clearly not content: "Skip to content" links (they
//! jump into a layout the cleaned page no longer has).

use super::kernel::{Context, Finding};
use super::wording::Family;
use crate::plan::Reason;
use crate::tune::clutter as tune;

pub fn detect(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    (0..s.len())
        .filter(|&i| {
            let n = &s.nodes[i];
            n.tag == "a"
                && !n.hidden
                && n.attr("href")
                    .is_some_and(|h| h.trim_start().starts_with('#'))
                && n.text_len > 0
                && n.text_len <= tune::MAX_SKIP_LINK_TEXT
                && cx.words.has(i, Family::SkipLink)
        })
        .map(|node| Finding {
            node,
            reason: Reason::SkipLink,
        })
        .collect()
}
