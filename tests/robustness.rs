#![cfg(not(target_arch = "wasm32"))]
//! Hostile page shapes through the whole analysis (both plans, the
//! article, the reader view): deep nesting, huge element counts, a huge
//! text node, an attribute flood, thousands of widgets. Each must finish on
//! the wasm build's 1 MiB stack and in time that grows with the page, not
//! with its square: every case here took seconds to minutes before its
//! pass was made linear.
//!
//! The deepest shapes are built with the snapshot builder, as the browser's
//! read does: html5ever itself is quadratic in nesting depth, and the
//! extension never runs it.

#[path = "../src/bin/fuzz/pipeline.rs"]
#[allow(dead_code)] // the fuzzer reads more of it than these tests
mod pipeline;

mod common;

use declutter::snapshot::{Builder, Snapshot};
use std::time::Duration;

/// Analysis time allowed per case, in CPU time where the system tells it
/// (a busy machine stretches wall time many times over): generous for an
/// unoptimised test build (release builds take a tenth of it at most), far
/// below what the quadratic passes took.
fn budget() -> Duration {
    common::budget(30, 2)
}

const PARAGRAPH: &str = "This is a sentence of article prose, with commas, long enough to \
                         count as a paragraph of the story itself.";

/// Runs `make` and then the analysis on a wasm-sized stack, and checks the
/// time the analysis took.
fn check(name: &str, make: impl FnOnce() -> Snapshot + Send + 'static) {
    let took = common::on_wasm_stack(move || {
        let snap = make();
        pipeline::analyse(&snap).timings.analysis()
    })
    .unwrap_or_else(|_| panic!("{name}: the analysis panicked"));
    // Shown with `--nocapture`.
    println!("{name}: {:.0} ms", took.as_secs_f64() * 1000.0);
    assert!(
        took < budget(),
        "{name}: {:.2} s for the analysis",
        took.as_secs_f64()
    );
}

fn html(body: String) -> Snapshot {
    let page = format!(
        "<!DOCTYPE html><html><head><title>Stress page | Site</title></head><body>{body}</body></html>"
    );
    declutter::dom::html::parse(&page, Some(pipeline::PAGE_URL))
}

/// `depth` nested openings of `tags` (e.g. `["table", "tr", "td"]`), words
/// at the bottom, then a few paragraphs.
fn nested(tags: &'static [&'static str], depth: usize) -> Snapshot {
    nested_around(tags, depth, "Deep text here, with words.")
}

/// [`nested`] with `text` at the bottom, beside a short article.
fn nested_around(tags: &'static [&'static str], depth: usize, text: &str) -> Snapshot {
    let mut b = Builder::new();
    b.open("html", vec![], false);
    b.open("body", vec![], false);
    b.open("article", vec![], false);
    for _ in 0..2 {
        b.open("p", vec![], false);
        b.text(&format!("{PARAGRAPH} {PARAGRAPH} {PARAGRAPH}"));
        b.close();
    }
    b.close();
    for _ in 0..depth {
        for tag in tags {
            b.open(tag, vec![], false);
        }
    }
    b.text(text);
    for _ in 0..3 {
        b.open("p", vec![], false);
        b.text(PARAGRAPH);
        b.close();
    }
    b.finish()
}

#[test]
fn deep_nesting_of_every_kind() {
    const KINDS: &[&[&str]] = &[
        &["div"],
        &["table", "tr", "td"],
        &["ul", "li"],
        &["a"],
        &["form"],
        &["aside"],
        &["p", "span"],
        &["h2", "div"],
    ];
    for &tags in KINDS {
        check(&format!("5,000 x {tags:?}"), move || nested(tags, 5_000));
    }
    // The deepest, on the shapes that were quadratic (tables, links,
    // headings) and the plainest.
    for tags in [&["div"][..], &["table", "tr", "td"], &["a"], &["h2", "div"]] {
        check(&format!("20,000 x {tags:?}"), move || nested(tags, 20_000));
    }
    // Found by the fuzzer: every cell of the nest holds the same long
    // paragraph, so every cell is a long paragraph outside the article
    // for the guard.
    for tags in [&["table", "tr", "td"][..], &["li"], &["blockquote"]] {
        check(&format!("20,000 x {tags:?} around prose"), move || {
            nested_around(tags, 20_000, &format!("{PARAGRAPH} {PARAGRAPH}"))
        });
    }
}

/// Each of thousands of nested headings holds the same long text: reading
/// it once per heading was quadratic.
#[test]
fn nested_headings_over_a_long_text() {
    check("5,000 nested headings over 200 KB", || {
        let mut b = Builder::new();
        b.open("body", vec![], false);
        for _ in 0..5_000 {
            b.open("h2", vec![], false);
            b.open("div", vec![], false);
        }
        for _ in 0..2_000 {
            b.open("p", vec![], false);
            b.text(PARAGRAPH);
            b.close();
        }
        b.finish()
    });
}

/// The native parser on a deep page: html5ever's tree is walked without
/// recursion.
#[test]
fn deep_nesting_through_the_parser() {
    check("5,000 divs, parsed", || {
        html("<div>".repeat(5_000) + PARAGRAPH)
    });
    check("5,000 tables, parsed", || {
        html("<table><tr><td>".repeat(5_000) + PARAGRAPH)
    });
}

#[test]
fn a_hundred_thousand_elements() {
    for element in [
        "<p>x</p>".to_string(),
        "<a href=\"/s\">Subscribe</a>".to_string(),
        "<div><form><input type=\"email\"><button>Subscribe</button></form></div>".to_string(),
    ] {
        let name = format!("100,000 x {element}");
        check(&name, move || {
            html(format!(
                "<article>{}{}</article>",
                format!("<p>{PARAGRAPH}</p>").repeat(5),
                element.repeat(100_000)
            ))
        });
    }
}

/// Headings over lists of links that clean-up drops: each heading is an
/// orphan. 100,000 elements.
#[test]
fn twenty_five_thousand_orphan_headings() {
    check("25,000 headings over link lists", || {
        html(format!(
            "<article>{}{}</article>",
            format!("<p>{PARAGRAPH}</p>").repeat(5),
            "<h2>Related stories</h2><ul><li><a href=\"/r\">A related story</a></li></ul>"
                .repeat(25_000)
        ))
    });
}

#[test]
fn twenty_thousand_paragraphs_of_prose() {
    check("20,000 paragraphs", || {
        html(format!(
            "<article>{}</article>",
            format!("<p>{PARAGRAPH}</p>").repeat(20_000)
        ))
    });
}

#[test]
fn a_five_megabyte_text_node() {
    check("5 MB of words", || {
        html(format!(
            "<article><p>{}</p></article>",
            "word, ".repeat(900_000)
        ))
    });
    check("5 MB without a space", || {
        html(format!(
            "<article><p>{}</p></article>",
            "x".repeat(5_000_000)
        ))
    });
}

#[test]
fn ten_thousand_attributes_on_one_element() {
    check("10,000 attributes", || {
        let attrs: String = (0..10_000)
            .map(|i| format!(" data-a{i}=\"v{i}\" class=\"c{i}\""))
            .collect();
        html(format!(
            "<article><div{attrs}>{}</div></article>",
            format!("<p>{PARAGRAPH}</p>").repeat(5)
        ))
    });
}

#[test]
fn thousands_of_widgets() {
    check("5,000 sign-up forms", || {
        html(format!(
            "<article>{}</article>{}",
            format!("<p>{PARAGRAPH}</p>").repeat(5),
            "<div><form><input type=\"email\" name=\"email\"><button>Subscribe</button></form></div>"
                .repeat(5_000)
        ))
    });
    check("5,000 rail sections", || {
        html(
            format!(
                "<section><h2>You may also like</h2>{}</section>",
                "<div><a href=\"/a\">Story headline link here</a><img src=\"x.jpg\"></div>"
                    .repeat(3)
            )
            .repeat(5_000),
        )
    });
    check("a rail heading over 10,000 long paragraphs", || {
        let long = format!("<p>{PARAGRAPH} {PARAGRAPH}</p>");
        html(format!(
            "<section><h2>You may also like</h2>{}</section>",
            long.repeat(10_000)
        ))
    });
    check("2,000 fixed layers", || {
        html(
            "<div style=\"position:fixed\">Subscribe to our newsletter <a href=\"/s\">Sign up</a></div>"
                .repeat(2_000),
        )
    });
}
