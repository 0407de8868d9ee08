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

use crate::snapshot::{attr_in, Snapshot};

/// Markup-level signs that an element does not render: what both builders
/// can know without layout. (`aria-hidden` is not one: see `Node::aria_hidden`.)
/// `get` looks up an attribute of the element by name.
pub fn is_hidden_by_markup<'a>(get: impl Fn(&str) -> Option<&'a str>) -> bool {
    get("hidden").is_some() || style_hides(get("style").unwrap_or(""))
}

/// An inline style that keeps the element from rendering.
pub fn style_hides(style: &str) -> bool {
    style_declares(style, &["display:none", "visibility:hidden"])
}

/// The inline style declares one of `declarations` (written lower-case,
/// without white space: `display:none` also finds `DISPLAY: none`).
/// Asked of every element with a style while the page is read, so a short
/// style is compacted on the stack, not in two new strings.
pub fn style_declares(style: &str, declarations: &[&str]) -> bool {
    if style.is_empty() {
        return false;
    }
    let mut small = [0u8; 256];
    if style.len() <= small.len() && style.is_ascii() {
        let mut len = 0;
        for &b in style.as_bytes() {
            if !matches!(b, b' ' | b'\t'..=b'\r') {
                small[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        // ASCII in, ASCII out.
        let compact = std::str::from_utf8(&small[..len]).unwrap_or_default();
        return declarations
            .iter()
            .any(|d| crate::patterns::has(compact, d));
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    declarations.iter().any(|d| compact.contains(d))
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

#[cfg(test)]
mod tests {
    use super::style_declares;

    #[test]
    fn style_declares_reads_any_case_and_spacing() {
        let hidden = ["display:none"];
        for (style, says) in [
            ("display:none", true),
            ("color: red; DISPLAY :\tNone !important", true),
            ("display:\u{a0}none; content: '\u{2019}'", true),
            ("display: block", false),
            ("", false),
        ] {
            assert_eq!(style_declares(style, &hidden), says, "{style:?}");
            // Past the stack buffer, the same answer.
            let long = format!("{}{style}", "margin: 0; ".repeat(40));
            assert_eq!(style_declares(&long, &hidden), says, "{long:?}");
        }
        assert!(style_declares(
            "Position: Fixed",
            &["overflow:hidden", "position:fixed"]
        ));
    }
}
