//! Writes the article selection as HTML, element by element through the
//! allow-list. Only what [`sanitize`](super::sanitize) names gets out.

use super::sanitize::{
    attr_kind, clean_value, escape_attr, escape_text, policy, resolve_url, Policy,
};
use crate::article::cleanup::is_video;
use crate::article::selection::{Selection, Step};
use crate::snapshot::{Node, NodeId, Snapshot};
use crate::tune::reader::MAX_DIV_NESTING;

/// Elements without an end tag.
const VOID: &[&str] = &["br", "hr", "img", "col", "source", "wbr"];

/// What the open-element stack holds for a `div` left out of the view (a
/// lone wrapper, or one past the nesting cap): no tag is written, only a
/// line break at each end, so that its text stays apart from its
/// neighbours'.
const LEFT_OUT_BLOCK: &str = "";

/// Attributes that hold an image's real address on lazy-loading pages.
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset"];

/// Sandbox of embedded video players: they may run their own scripts in
/// their own origin, and nothing else.
const PLAYER_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";

/// The selection as sanitised HTML.
pub fn render(s: &Snapshot, sel: &Selection) -> String {
    let base = s.url.as_deref();
    let mut out = String::new();
    let mut skip_until: NodeId = 0;
    let mut open: Vec<Option<&'static str>> = Vec::new();
    // How many `div`s are open: past the cap, a wrapper is unwrapped.
    let mut divs = 0usize;
    sel.walk(s, |step| match step {
        Step::Text(i) if i >= skip_until => escape_text(s.nodes[i].text(), &mut out),
        Step::Open(i) if i >= skip_until => {
            let n = &s.nodes[i];
            let tag = match policy(&n.tag) {
                Policy::Drop => None,
                Policy::Unwrap => Some(None),
                Policy::Keep("div") if divs >= MAX_DIV_NESTING || wraps_one_div(s, i) => {
                    break_line(&mut out);
                    Some(Some(LEFT_OUT_BLOCK))
                }
                Policy::Keep(t) => open_tag(n, t, base, &mut out).map(Some),
            };
            if tag == Some(Some("div")) {
                divs += 1;
            }
            match tag {
                None => skip_until = n.end,
                Some(t) => open.push(t),
            }
        }
        Step::Close(i) if i >= skip_until => {
            if let Some(Some(t)) = open.pop() {
                if t == "div" {
                    divs -= 1;
                }
                if t == LEFT_OUT_BLOCK {
                    break_line(&mut out);
                } else if !VOID.contains(&t) {
                    out.push_str("</");
                    out.push_str(t);
                    out.push('>');
                }
            }
        }
        _ => {}
    });
    out
}

/// Ends the text written so far with a line break, once.
fn break_line(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Whether element `i` holds nothing but one element that the view writes
/// as a `div`: a link in a chain of wrappers, which the view leaves out (its
/// child's block keeps the text apart from its neighbours').
fn wraps_one_div(s: &Snapshot, i: NodeId) -> bool {
    let child = i + 1;
    child < s.len()
        && s.nodes[child].end == s.nodes[i].end
        && s.nodes[child].is_element()
        && matches!(policy(&s.nodes[child].tag), Policy::Keep("div"))
}

/// Writes `<tag attrs>`; `None` when the element cannot be kept safely (an
/// image without a usable source, a frame that is not a known player).
fn open_tag(
    n: &Node,
    tag: &'static str,
    base: Option<&str>,
    out: &mut String,
) -> Option<&'static str> {
    let mut attrs: Vec<(&str, String)> = Vec::new();
    match tag {
        "img" => {
            let src = std::iter::once("src")
                .chain(LAZY_SRC.iter().copied())
                .filter_map(|a| n.attr(a))
                .find_map(|v| resolve_url(base, v, false));
            let srcset = std::iter::once("srcset")
                .chain(LAZY_SRCSET.iter().copied())
                .filter_map(|a| n.attr(a))
                .find_map(|v| clean_value(super::sanitize::AttrKind::SrcSet, v, base));
            if src.is_none() && srcset.is_none() {
                return None;
            }
            attrs.extend(src.map(|v| ("src", v)));
            attrs.extend(srcset.map(|v| ("srcset", v)));
        }
        "iframe" => {
            let src = n
                .attr("src")
                .and_then(|v| resolve_url(base, v, false))
                .filter(|v| is_video(v))?;
            attrs.push(("src", src));
            attrs.push(("sandbox", PLAYER_SANDBOX.to_owned()));
            attrs.push(("allowfullscreen", String::new()));
            attrs.push(("loading", "lazy".to_owned()));
            attrs.push((
                "referrerpolicy",
                "strict-origin-when-cross-origin".to_owned(),
            ));
        }
        "video" | "audio" => attrs.push(("controls", String::new())),
        "a" => attrs.push(("rel", "noopener noreferrer".to_owned())),
        "code" | "pre" => {
            attrs.extend(code_language(n).map(|l| ("class", format!("language-{l}"))))
        }
        _ => {}
    }
    for (name, value) in n.attrs() {
        if attrs.iter().any(|(a, _)| *a == name.as_str())
            || (matches!(tag, "img" | "iframe") && matches!(name.as_str(), "src" | "srcset"))
        {
            continue;
        }
        if let Some(v) = attr_kind(tag, name).and_then(|k| clean_value(k, value, base)) {
            attrs.push((name.as_str(), v));
        }
    }
    out.push('<');
    out.push_str(tag);
    for (name, value) in attrs {
        out.push(' ');
        out.push_str(name);
        if !value.is_empty() {
            out.push_str("=\"");
            escape_attr(&value, out);
            out.push('"');
        }
    }
    out.push('>');
    Some(tag)
}

/// The language a code block names in its class (`language-rust`,
/// `lang-js`), kept so an export can fence it: letters, digits and `+#-`
/// only, so it cannot match the view's own classes (`dc-…`).
fn code_language(n: &Node) -> Option<String> {
    let classes = n.attr("class")?;
    classes.split_whitespace().find_map(|c| {
        let lang = c
            .strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))?
            .to_ascii_lowercase();
        let ok = !lang.is_empty()
            && lang.len() <= 20
            && lang
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+#-".contains(&b));
        ok.then_some(lang)
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::dom::html::parse;

    fn render_body(html: &str) -> String {
        let s = parse(html, Some("https://site.test/news/story.html"));
        let body = s.body();
        render(
            &s,
            &Selection {
                roots: vec![body],
                drop: vec![false; s.len()],
            },
        )
    }

    #[test]
    fn keeps_structure_drops_danger() {
        let html = render_body(
            r#"<body><h1 onclick="x()">T</h1><p style="color:red" class="c">Hi <a href="/a" onmouseover="x()">there</a>
            <img src="javascript:alert(1)" data-src="img/p.jpg" alt="A"></p><script>alert(1)</script>
            <iframe src="https://evil.test/"></iframe><iframe src="https://www.youtube.com/embed/xyz"></iframe>
            <svg><script>alert(1)</script></svg><span>inline</span></body>"#,
        );
        assert!(html.contains("<h2>T</h2>"), "{html}");
        assert!(
            html.contains(r#"<a rel="noopener noreferrer" href="https://site.test/a">there</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<img src="https://site.test/news/img/p.jpg" alt="A">"#),
            "{html}"
        );
        assert!(html.contains(r#"sandbox="allow-scripts"#), "{html}");
        assert!(
            !html.contains("evil")
                && !html.contains("script>")
                && !html.contains("onclick")
                && !html.contains("style"),
            "{html}"
        );
        assert!(html.contains("inline") && !html.contains("<span"), "{html}");
        let code = render_body(
            r#"<body><pre class="x language-Rust"><code class="lang-js dc-root">a</code></pre><pre class="language-&quot;x"><code class="language-">b</code></pre></body>"#,
        );
        assert!(
            code.contains(r#"<pre class="language-rust"><code class="language-js">a</code></pre><pre><code>b</code></pre>"#),
            "{code}"
        );
    }

    #[test]
    fn wrappers_nested_past_the_cap_are_unwrapped_and_their_text_kept() {
        let depth = 2_000;
        let html = render_body(&format!(
            "<body>{}<p>Deep text</p>{}<p>After</p></body>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ));
        assert_eq!(html.trim(), "<div><p>Deep text</p></div>\n<p>After</p>");
    }

    #[test]
    fn wrappers_with_text_at_every_level_stop_at_the_cap_with_their_text_kept() {
        let depth = 100;
        let html = render_body(&format!(
            "<body>{}<p>Deep text</p>{}</body>",
            (0..depth)
                .map(|d| format!("<div>level {d} "))
                .collect::<String>(),
            "</div>".repeat(depth)
        ));
        assert_eq!(html.matches("<div>").count(), MAX_DIV_NESTING, "{html}");
        assert_eq!(html.matches("</div>").count(), MAX_DIV_NESTING, "{html}");
        assert!(
            html.contains("level 0 ") && html.contains("level 98 \nlevel 99 <p>Deep text</p>"),
            "{html}"
        );
    }
}
