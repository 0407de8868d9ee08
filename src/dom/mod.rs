//! The two ends of the pipeline that touch a document: building a
//! [`Snapshot`] from one, and (live only) applying a plan back to it.

#[cfg(target_arch = "wasm32")]
pub mod apply;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
#[cfg(target_arch = "wasm32")]
mod methods;
#[cfg(target_arch = "wasm32")]
pub mod read;
#[cfg(target_arch = "wasm32")]
pub mod reader;

/// The marker attribute on every hidden block. Its value is the reason code
/// and the block's key (see `plan::block_key`), for showing one block
/// again: "subscribe 3fa2…". One attribute, so marking a block is one change
/// to the page. The extension's `shared/protocol.js` names it too.
pub const MARKER: &str = "data-declutter";
/// Elements the extension adds itself (the reader view's host); never read.
pub const OWN_ELEMENT: &str = "data-declutter-own";

use crate::css::style_hides;
use crate::snapshot::{attr_in, Snapshot};

/// Markup-level signs that an element does not render: what both builders
/// can know without layout. (`aria-hidden` is not one: see `Node::aria_hidden`.)
/// `get` looks up an attribute of the element by name.
pub fn is_hidden_by_markup<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    !is_folded_panel(&get)
        && ((get("hidden").is_some() && !is_streamed_segment(get("id")))
            || style_hides(get("style").unwrap_or("")))
}

/// A folded panel of an accordion or a tab set (WAI-ARIA's `region` and
/// `tabpanel`), or `hidden="until-found"`, which find-in-page unfolds: text
/// the reader opens with a click, not text the page withholds.
pub fn is_folded_panel<'a>(get: &impl Fn(&str) -> Option<&'a str>) -> bool {
    get("hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("until-found"))
        || get("role").is_some_and(|r| matches!(r.trim(), "region" | "tabpanel"))
}

/// React's streamed server rendering sends each late part of the page as
/// `<div hidden id="S:1f">` at the end of the body, and its inline script
/// then moves the part into its place. Until that script runs (scripts
/// off, or read before it ran) the part is the page's content, often the
/// whole `<main>`, and not hidden content.
pub fn is_streamed_segment(id: Option<&str>) -> bool {
    id.and_then(|id| id.strip_prefix("S:"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Stores what `<head>` says about the page: meta tags, JSON-LD, title,
/// language and direction. Shared so both builders agree on the details.
pub fn collect_head(
    snap: &mut Snapshot,
    root_attrs: &[(String, String)],
    metas: &[Vec<(String, String)>],
    json_ld: Vec<String>,
    title: String,
) {
    let root = |name: &str| {
        root_attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    snap.lang = root("lang").filter(|v| !v.is_empty());
    snap.dir = root("dir").filter(|v| !v.is_empty());
    for attrs in metas {
        let get = |name: &str| attr_in(attrs, name);
        let key = get("property")
            .or_else(|| get("name"))
            .or_else(|| get("itemprop"));
        if let (Some(key), Some(content)) = (key, get("content")) {
            snap.meta
                .push((key.trim().to_ascii_lowercase(), content.trim().to_owned()));
        }
    }
    snap.json_ld = json_ld;
    snap.title = crate::snapshot::fold_space(title.trim());
}
