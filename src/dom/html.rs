//! Native snapshot builder: parses HTML with html5ever (through `scraper`),
//! the same parser family browsers follow, so the CLI, the corpus evaluation
//! and `cargo test` see the tree a browser would build.

use crate::css::style_declares;
use crate::dom::{collect_head, is_hidden_by_markup};
use crate::snapshot::{attr_in, Builder, Name, Snapshot, OPAQUE_TAGS, SKIPPED_TAGS};
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Parses a whole document. Never fails: html5ever recovers from any input.
pub fn parse(html: &str, url: Option<&str>) -> Snapshot {
    parse_keeping(html, url, None)
}

/// [`parse`], keeping only the attributes named in `keep` when given, as
/// the live read does for a standard clean (see `ANALYSIS_ATTRS`).
pub fn parse_keeping(html: &str, url: Option<&str>, keep: Option<&[&str]>) -> Snapshot {
    let doc = Html::parse_document(html);
    let mut b = Builder::new();
    for child in doc.tree.root().children() {
        walk(child, &mut b, keep);
    }
    let mut snap = b.finish();
    snap.url = url.map(str::to_owned);
    collect_head_from_tree(&doc, &mut snap);
    snap.scroll_locked = snap
        .nodes
        .iter()
        .filter(|n| n.tag == "html" || n.tag == "body")
        .any(|n| {
            style_declares(
                n.attr("style").unwrap_or(""),
                &["overflow:hidden", "position:fixed"],
            )
        });
    snap
}

fn walk(node: NodeRef<'_, Node>, b: &mut Builder, keep: Option<&[&str]>) {
    // An explicit stack, not recursion: hostile pages nest thousands deep.
    enum Step<'a> {
        Enter(NodeRef<'a, Node>),
        Leave,
    }
    let mut stack = vec![Step::Enter(node)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave => b.close(),
            Step::Enter(n) => match n.value() {
                Node::Text(t) => b.text(t),
                Node::Element(e) => {
                    let tag = e.name();
                    if SKIPPED_TAGS.contains(&tag) {
                        continue;
                    }
                    let attrs: Vec<(Name, String)> = e
                        .attrs()
                        .map(|(k, v)| (Name::new(k), v.to_owned()))
                        .filter(|(k, _)| keep.is_none_or(|keep| keep.contains(&k.as_str())))
                        .collect();
                    let hidden = is_hidden_by_markup(|name| attr_in(&attrs, name));
                    b.open(tag, attrs, hidden);
                    stack.push(Step::Leave);
                    if OPAQUE_TAGS.contains(&tag) {
                        continue;
                    }
                    let children: Vec<_> = n.children().collect();
                    for c in children.into_iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                }
                _ => {}
            },
        }
    }
}

fn collect_head_from_tree(doc: &Html, snap: &mut Snapshot) {
    let mut metas = Vec::new();
    let mut scripts = Vec::new();
    let mut title = String::new();
    let mut root_attrs = Vec::new();
    let mut base: Option<String> = None;
    for node in doc.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "html" => {
                root_attrs = e
                    .attrs()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            }
            // Relative links resolve against the first absolute <base href>, as in a browser.
            "base" if base.is_none() => {
                base = e
                    .attr("href")
                    .map(str::trim)
                    .filter(|h| h.starts_with("http://") || h.starts_with("https://"))
                    .map(str::to_owned)
            }
            "meta" => metas.push(
                e.attrs()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v.to_owned()))
                    .collect(),
            ),
            "title" if title.is_empty() => {
                title = node
                    .children()
                    .filter_map(|c| c.value().as_text())
                    .map(|t| t.to_string())
                    .collect()
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                scripts.push(
                    node.children()
                        .filter_map(|c| c.value().as_text())
                        .map(|t| t.to_string())
                        .collect(),
                )
            }
            _ => {}
        }
    }
    if base.is_some() {
        snap.url = base;
    }
    collect_head(snap, &root_attrs, &metas, scripts, title);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_body_and_head() {
        let s = parse(
            r#"<html lang="de" dir="ltr"><head><title> T </title><meta property="og:title" content="OG">
            <script type="application/ld+json">{"@type":"NewsArticle"}</script><script>var x</script></head>
            <body><p>Hi <b>there</b></p><div style="display: none">gone</div><script>no()</script></body></html>"#,
            Some("https://example.com/a"),
        );
        assert_eq!(s.title, "T");
        assert_eq!(s.lang.as_deref(), Some("de"));
        assert_eq!(s.meta, vec![("og:title".to_string(), "OG".to_string())]);
        assert_eq!(s.json_ld.len(), 1);
        let body = s.body();
        assert_eq!(s.text(body), "Hi there gone");
        let div = s.nodes.iter().position(|n| n.tag == "div").unwrap();
        assert!(s.nodes[div].hidden);
        assert!(!s.nodes.iter().any(|n| n.tag == "script"));
    }

    #[test]
    fn an_absolute_base_href_is_what_links_resolve_against() {
        let page = r#"<head><base href="https://news.example/2024/"></head><body><a href="story">x</a></body>"#;
        assert_eq!(
            parse(page, Some("http://127.0.0.1/saved.html"))
                .url
                .as_deref(),
            Some("https://news.example/2024/")
        );
        let relative = r#"<head><base href="/elsewhere/"></head><body>x</body>"#;
        assert_eq!(
            parse(relative, Some("http://127.0.0.1/a")).url.as_deref(),
            Some("http://127.0.0.1/a")
        );
    }

    #[test]
    fn survives_deep_nesting_and_garbage() {
        let deep = "<div>".repeat(3_000) + "x";
        let s = parse(&deep, None);
        assert!(s.len() > 100);
        let s = parse(
            "\u{0}<<<>>></p></table><td>&amp;&#xFFFFFF;<svg><foreignObject><p>x",
            None,
        );
        assert!(!s.is_empty());
    }
}
