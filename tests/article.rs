#![cfg(not(target_arch = "wasm32"))]
//! Article extraction on fixtures, one per known failure mode of the peers
//! (readability#776 text in divs, #660 split articles, #653 embeds, #490
//! hidden consent text, #374 short `<pre>`, #743 captions, #775 tables,
//! KaTeX twice) plus metadata, comments and in-article clutter.
//!
//! Each page in `tests/fixtures/article/` starts with a comment stating what
//! extraction must give, one expectation per line:
//!
//! ```text
//! <!-- expect
//! present: a fragment of textContent
//! absent: text that must not be in textContent
//! html-present: a fragment of the sanitised content
//! html-absent: …
//! count: FRAGMENT N        (occurrences in textContent)
//! title: …   byline: …   published: …   site: …   lang: …   dir: …
//! excerpt: …   lead-image: …   min-confidence: 0.5
//! -->
//! ```
//! Adding a case is adding a page.

mod common;
use declutter::article::selection::Selection;
use declutter::article::{is_probably_readerable, locate, Article, ExtractOptions};
use declutter::dom::html::parse;
use declutter::reader::extract;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const FIXTURE_URL: &str = "https://news.example.com/2024/05/story.html";

fn fixture_pages() -> Vec<PathBuf> {
    common::html_pages("fixtures/article")
}

/// The `key: value` lines of the page's leading `<!-- expect … -->`.
fn expectations(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<!-- expect")
        .expect("fixture has an expect comment");
    let end = html[start..].find("-->").expect("expect comment is closed") + start;
    html[start + "<!-- expect".len()..end]
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

fn check(article: &Article, key: &str, value: &str) -> Result<(), String> {
    let text = &article.text_content;
    let html = &article.content;
    let eq = |got: Option<&str>| {
        if got == Some(value) {
            Ok(())
        } else {
            Err(format!("{key}: expected {value:?}, got {got:?}"))
        }
    };
    match key {
        "present" if text.contains(value) => Ok(()),
        "present" => Err(format!("missing from text: {value:?}")),
        "absent" if !text.contains(value) => Ok(()),
        "absent" => Err(format!("should not be in text: {value:?}")),
        "html-present" if html.contains(value) => Ok(()),
        "html-present" => Err(format!("missing from content: {value:?}")),
        "html-absent" if !html.contains(value) => Ok(()),
        "html-absent" => Err(format!("should not be in content: {value:?}")),
        "count" => {
            let (fragment, n) = value.rsplit_once(' ').expect("count: FRAGMENT N");
            let found = text.matches(fragment).count();
            if found == n.parse::<usize>().unwrap() {
                Ok(())
            } else {
                Err(format!("{fragment:?} appears {found} times, expected {n}"))
            }
        }
        "title" => eq(Some(&article.title)),
        "byline" => eq(article.byline.as_deref()),
        "published" => eq(article.published_time.as_deref()),
        "site" => eq(article.site_name.as_deref()),
        "lang" => eq(article.lang.as_deref()),
        "dir" => eq(article.dir.as_deref()),
        "excerpt" => eq(article.excerpt.as_deref()),
        "lead-image" => eq(article.lead_image.as_deref()),
        "min-confidence" if article.confidence >= value.parse::<f32>().unwrap() => Ok(()),
        "min-confidence" => Err(format!("confidence {} below {value}", article.confidence)),
        other => Err(format!("unknown expectation {other:?}")),
    }
}

#[test]
fn every_fixture_meets_its_expectations() {
    let pages = fixture_pages();
    assert!(pages.len() >= 12, "the article fixtures are missing");
    let mut failures = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let html = std::fs::read_to_string(page).unwrap();
        let snap = parse(&html, Some(FIXTURE_URL));
        let Some(article) = extract(&snap, &ExtractOptions::default()) else {
            failures.push(format!("{name}: no article"));
            continue;
        };
        for (key, value) in expectations(&html) {
            if let Err(e) = check(&article, &key, &value) {
                failures.push(format!("{name}: {e}"));
            }
        }
        assert!(
            is_probably_readerable(&snap) || article.length < 1000,
            "{name} is readerable"
        );
        let main = locate(&snap).expect("every fixture has an article block");
        // The block the clutter guard protects holds article paragraphs.
        let block = snap.text(main);
        assert!(
            article
                .text_content
                .split("\n\n")
                .any(|p| block.contains(&p.chars().take(25).collect::<String>())),
            "{name}: locate() and extract() disagree on the article"
        );
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn text_content_breaks_between_blocks() {
    let html = std::fs::read_to_string(
        fixture_pages()
            .into_iter()
            .find(|p| p.ends_with("data-table.html"))
            .unwrap(),
    )
    .unwrap();
    let article = extract(&parse(&html, None), &ExtractOptions::default()).unwrap();
    assert!(
        article.text_content.contains(".\n\n"),
        "paragraphs are separated by a blank line"
    );
    assert!(
        article.text_content.contains("\nRiver 2 "),
        "table rows start lines: {}",
        article.text_content
    );
    assert_eq!(article.length, article.text_content.encode_utf16().count());
    let words = article.text_content.split_whitespace().count();
    assert_eq!(article.reading_minutes as usize, words.div_ceil(230).max(1));
}

#[test]
fn article_serialises_with_readability_field_names() {
    let html = "<html><head><title>T</title></head><body><article><p>Some words, a few more, and then a full stop to end it all.</p></article></body></html>";
    let article = extract(&parse(html, None), &ExtractOptions::default()).unwrap();
    let json = serde_json::to_value(&article).unwrap();
    for field in [
        "title",
        "byline",
        "dir",
        "lang",
        "content",
        "textContent",
        "length",
        "excerpt",
        "siteName",
        "publishedTime",
        "leadImage",
        "readingMinutes",
        "confidence",
    ] {
        assert!(json.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn readerable_needs_real_paragraphs() {
    let long = "A sentence of reasonable length that goes on, with commas, for a while. ".repeat(4);
    let page = format!("<body><article><p>{long}</p><p>{long}</p><p>{long}</p></article></body>");
    assert!(is_probably_readerable(&parse(&page, None)));
    assert!(!is_probably_readerable(&parse(
        "<body><p>Hello.</p><nav>a b c</nav></body>",
        None
    )));
    let hidden = format!("<body><div hidden><p>{long}</p><p>{long}</p><p>{long}</p></div></body>");
    assert!(!is_probably_readerable(&parse(&hidden, None)));
}

/// Script, handlers, `javascript:`/`data:` URLs, frames, SVG, forms, styles
/// and `<base>` inside an article: none of it reaches the reader view.
#[test]
fn content_is_sanitised() {
    let payloads = [
        r#"<img src=x onerror="alert(1)">"#,
        r#"<img src="javascript:alert(1)">"#,
        r#"<img src="data:image/svg+xml;base64,PHN2Zz4=">"#,
        r#"<a href="javascript:alert(1)">click</a>"#,
        r#"<a href=" JaVaScRiPt:alert(1)">click</a>"#,
        r#"<a href="java&#x09;script:alert(1)">click</a>"#,
        r#"<a href="data:text/html,<script>alert(1)</script>">click</a>"#,
        r#"<a href="vbscript:msgbox(1)">click</a>"#,
        r#"<svg onload="alert(1)"><script>alert(1)</script></svg>"#,
        r#"<math><mi xlink:href="javascript:alert(1)">x</mi></math>"#,
        r#"<iframe src="javascript:alert(1)"></iframe>"#,
        r#"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#,
        r#"<iframe src="https://evil.example/"></iframe>"#,
        r#"<object data="evil.swf"></object>"#,
        r#"<embed src="evil.swf">"#,
        r#"<form action="javascript:alert(1)"><button>go</button></form>"#,
        r#"<input autofocus onfocus="alert(1)">"#,
        r#"<base href="javascript:alert(1)//">"#,
        r#"<p style="background:url(javascript:alert(1))">styled</p>"#,
        r#"<div style="behavior:url(x.htc)">styled</div>"#,
        r#"<style>*{background:url(javascript:alert(1))}</style>"#,
        r#"<script>alert(1)</script>"#,
        r#"<noscript><img src=x onerror=alert(1)></noscript>"#,
        r#"<video poster="javascript:alert(1)" src="x.mp4" onplay="alert(1)"></video>"#,
        r#"<audio src="x.mp3" onloadstart="alert(1)"></audio>"#,
        r#"<details open ontoggle="alert(1)"><summary>s</summary>d</details>"#,
        r#"<blockquote cite="javascript:alert(1)">quoted</blockquote>"#,
        r#"<img srcset="javascript:alert(1) 1x, x.png 2x">"#,
        r##"<a href="#" onclick="alert(1)">hash</a>"##,
        r#"<table background="javascript:alert(1)"><tr><td onmouseover="alert(1)">cell</td></tr></table>"#,
        r#"<template><script>alert(1)</script></template>"#,
        r#"<p><a href="https://ok.example/" target="_top" ping="https://track.example/">fine</a></p>"#,
    ];
    let filler = "<p>An honest paragraph of article text, with commas, clauses, and enough length to count.</p>".repeat(4);
    let page = format!(
        "<body><article>{filler}{}{filler}</article></body>",
        payloads.join("\n")
    );
    let snap = parse(&page, Some("https://site.example/a/"));
    // The renderer alone, over the whole body (no clean-up to hide behind),
    // then the full extraction.
    let everything = Selection {
        roots: vec![snap.body()],
        drop: vec![false; snap.len()],
    };
    let rendered = declutter::reader::render(&snap, &everything);
    let extracted = extract(&snap, &ExtractOptions::default()).unwrap().content;
    for html in [rendered.to_lowercase(), extracted.to_lowercase()] {
        assert_safe(&html);
    }
    assert!(
        rendered.contains(r#"href="https://ok.example/""#),
        "safe links stay: {rendered}"
    );
    assert!(
        rendered.contains("<blockquote>quoted</blockquote>") && rendered.contains("<td>cell</td>")
    );
}

fn assert_safe(html: &str) {
    for bad in [
        "javascript:",
        "vbscript:",
        "data:",
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onfocus",
        "onplay",
        "ontoggle",
        "onmouseover",
        "onloadstart",
        "srcdoc",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<base",
        "style=",
        "<style",
        "evil",
        "xlink",
        "ping=",
        "target=",
        "background=",
    ] {
        assert!(!html.contains(bad), "{bad:?} reached the content:\n{html}");
    }
}

#[test]
fn no_input_panics_or_stalls() {
    // Sizes keep the debug-build parse (quadratic in depth inside html5ever)
    // fast; the extractor itself is linear.
    let deep = "<div>".repeat(2_500) + "deep text, with a comma, in the middle of nowhere.";
    let wide = "<p>Paragraph of text, with a comma, and some more words to make it count.</p>"
        .repeat(5_000);
    let tables = "<table><tr><td>".repeat(500) + "x";
    let inline = "<span><a href='/x'>link text</a> ".repeat(3_000);
    // Every block a class word of its own: the page's vocabulary of class
    // words is read in one pass, not compared word by word.
    let classes: String = (0..20_000)
        .map(|i| format!("<div class='x-widget-{i}'><p>Words, and words, item {i}.</p></div>"))
        .collect();
    let inputs: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("whitespace", " \n\t ".into()),
        ("text only", "just some text".into()),
        ("garbage", "\u{0}<<<>>></p></table><td>&amp;&#xFFFFFF;<svg><foreignObject><p>x<math><mi>".into()),
        ("broken json-ld", r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":</script><p>x</p>"#.into()),
        (
            "nested json-ld",
            format!(r#"<script type="application/ld+json">{}{}</script><p>x</p>"#, "[".repeat(5_000), "]".repeat(5_000)),
        ),
        ("deep", deep),
        ("wide", wide),
        ("nested tables", tables),
        ("inline flood", inline),
        ("a class word per block", classes),
        ("only hidden", "<body><div hidden><p>secret text, with commas, that nobody sees at all.</p></div></body>".into()),
        ("frameset", "<frameset><frame src='x'></frameset>".into()),
        ("unicode", "<p>ﷺ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 👩‍👩‍👧‍👦, עִבְרִית, 中文，标点。</p>".repeat(50)),
    ];
    for (name, html) in inputs {
        let start = Instant::now();
        let snap = parse(&html, Some("not a url"));
        let parsed = start.elapsed();
        let article = extract(&snap, &ExtractOptions::default());
        let _ = is_probably_readerable(&snap);
        let _ = locate(&snap);
        if let Some(a) = &article {
            assert!((0.0..=1.0).contains(&a.confidence), "{name}: confidence");
        }
        let took = start.elapsed() - parsed;
        assert!(
            took < Duration::from_secs(3),
            "{name}: extraction took {took:?}"
        );
    }
}
