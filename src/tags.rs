//! What tags are, in one table: [`kind`] says, for each tag the heuristics
//! treat apart, which sets it belongs to. Every other tag (`span`, `a`,
//! custom elements…) belongs to none.

/// Renders as a block: the snapshot breaks words at its edges.
pub const BLOCK: u16 = 1;
/// Cuts running text into paragraphs for the extractor: the blocks, but
/// not a line break or a form control inside a paragraph, and `hgroup`.
pub const SPLITS_TEXT: u16 = 1 << 1;
/// A blank line in plain text before and after it.
pub const PARAGRAPH: u16 = 1 << 2;
/// A line break in plain text before and after it.
pub const LINE: u16 = 1 << 3;
/// A space in plain text between it and the next (table cells).
pub const CELL: u16 = 1 << 4;
/// `h1` to `h6`.
pub const HEADING: u16 = 1 << 5;
/// Never part of an article's text: navigation, asides, footers, dialogs,
/// menus.
pub const CHROME: u16 = 1 << 6;
/// Dropped from the article however it looks: form controls, embeds,
/// scripts, frames.
pub const JUNK: u16 = 1 << 7;

/// The sets `tag` (lower-case) belongs to, as bits.
#[rustfmt::skip]
pub fn kind(tag: &str) -> u16 {
    match tag {
        "address" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "applet" => JUNK,
        "article" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "aside" => BLOCK | SPLITS_TEXT | PARAGRAPH | CHROME,
        "blockquote" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "br" => BLOCK,
        "button" => BLOCK | JUNK,
        "canvas" => JUNK,
        "caption" => BLOCK | SPLITS_TEXT | LINE,
        "center" => PARAGRAPH,
        "dd" => BLOCK | SPLITS_TEXT | LINE,
        "details" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "dialog" => BLOCK | SPLITS_TEXT | CHROME | JUNK,
        "div" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "dl" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "dt" => BLOCK | SPLITS_TEXT | LINE,
        "embed" => JUNK,
        "fieldset" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "figcaption" => BLOCK | SPLITS_TEXT | LINE,
        "figure" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "footer" => BLOCK | SPLITS_TEXT | PARAGRAPH | CHROME,
        "form" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "frame" => JUNK,
        "frameset" => JUNK,
        "h1" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "h2" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "h3" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "h4" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "h5" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "h6" => BLOCK | SPLITS_TEXT | PARAGRAPH | HEADING,
        "header" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "hgroup" => SPLITS_TEXT | PARAGRAPH,
        "hr" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "iframe" => JUNK,
        "input" => JUNK,
        "label" => BLOCK,
        "li" => BLOCK | SPLITS_TEXT | LINE,
        "link" => JUNK,
        "main" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "menu" => CHROME,
        "meta" => JUNK,
        "nav" => BLOCK | SPLITS_TEXT | PARAGRAPH | CHROME | JUNK,
        "noscript" => JUNK,
        "object" => JUNK,
        "ol" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "option" => BLOCK | LINE | JUNK,
        "p" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "pre" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "script" => JUNK,
        "section" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "select" => JUNK,
        "style" => JUNK,
        "summary" => BLOCK | SPLITS_TEXT | LINE,
        "svg" => JUNK,
        "table" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        "td" => BLOCK | SPLITS_TEXT | CELL,
        "template" => JUNK,
        "textarea" => JUNK,
        "th" => BLOCK | SPLITS_TEXT | CELL,
        "tr" => BLOCK | SPLITS_TEXT | LINE,
        "ul" => BLOCK | SPLITS_TEXT | PARAGRAPH,
        _ => 0,
    }
}

/// A block element (see [`BLOCK`]).
pub fn is_block(tag: &str) -> bool {
    kind(tag) & BLOCK != 0
}

/// See [`SPLITS_TEXT`].
pub fn splits_text(tag: &str) -> bool {
    kind(tag) & SPLITS_TEXT != 0
}

/// `h1` to `h6`.
pub fn is_heading(tag: &str) -> bool {
    kind(tag) & HEADING != 0
}

/// See [`CHROME`].
pub fn is_chrome(tag: &str) -> bool {
    kind(tag) & CHROME != 0
}

/// See [`JUNK`].
pub fn is_junk(tag: &str) -> bool {
    kind(tag) & JUNK != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sets as they were written before the table, one by one.
    #[rustfmt::skip]
    const WRITTEN: [(u16, &[&str]); 8] = [
        (BLOCK, &["address", "article", "aside", "blockquote", "br", "dd", "details", "dialog",
            "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
            "section", "table", "td", "th", "tr", "ul", "caption", "summary", "button", "label",
            "option"]),
        (SPLITS_TEXT, &["address", "article", "aside", "blockquote", "dd", "details", "dialog",
            "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
            "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
            "section", "table", "td", "th", "tr", "ul", "caption", "summary", "hgroup"]),
        (PARAGRAPH, &["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul",
            "ol", "dl", "table", "figure", "section", "article", "header", "footer", "main",
            "aside", "hr", "details", "address", "form", "fieldset", "hgroup", "nav", "center"]),
        (LINE, &["li", "tr", "dt", "dd", "caption", "summary", "option", "figcaption"]),
        (CELL, &["td", "th"]),
        (HEADING, &["h1", "h2", "h3", "h4", "h5", "h6"]),
        (CHROME, &["nav", "aside", "footer", "dialog", "menu"]),
        (JUNK, &["button", "input", "select", "textarea", "option", "object", "embed", "link",
            "meta", "svg", "canvas", "iframe", "noscript", "script", "style", "template", "frame",
            "frameset", "applet", "dialog", "nav"]),
    ];

    fn names() -> impl Iterator<Item = &'static str> {
        crate::names::COMMON
            .iter()
            .copied()
            .chain(WRITTEN.iter().flat_map(|(_, tags)| tags.iter().copied()))
            .chain([
                "center", "menu", "applet", "frame", "frameset", "x-widget", "",
            ])
    }

    #[test]
    fn the_table_is_the_sets_it_replaced() {
        for name in names() {
            for (bit, tags) in WRITTEN {
                assert_eq!(kind(name) & bit != 0, tags.contains(&name), "{name} {bit}");
            }
        }
    }
}
