//! What tags are: the tag sets the heuristics share.

/// Tags never part of an article's text.
pub const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "dialog", "menu"];

/// Tags dropped from the article however they look.
#[rustfmt::skip]
pub const JUNK_TAGS: &[&str] = &[
    "button", "input", "select", "textarea", "option", "object", "embed", "link", "meta", "svg",
    "canvas", "iframe", "noscript", "script", "style", "template", "frame", "frameset", "applet",
    "dialog", "nav",
];

/// `h1` to `h6`.
pub fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
