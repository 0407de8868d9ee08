#![cfg(not(target_arch = "wasm32"))]
//! Every page in `tests/fixtures/` states what cleaning must do to it, with
//! `data-expect` attributes that the detectors never read:
//! - `data-expect="hidden"`: all its text and form controls end up hidden;
//! - `data-expect="visible"`: it and its ancestors stay visible (blocks inside
//!   it marked `hidden` may still go, like a newsletter box in an article).
//!
//! `data-expect-focus` says the same for the focus level only, where it
//! overrides `data-expect`. Adding a case is adding a page.

mod common;
use declutter::clutter::{plan, Level, Options};
use declutter::dom::html::parse;
use declutter::snapshot::Snapshot;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    common::html_pages("fixtures")
}

fn hidden_mask(s: &Snapshot, hide: &[usize]) -> Vec<bool> {
    let mut mask = vec![false; s.len()];
    for &h in hide {
        for m in &mut mask[h..s.nodes[h].end] {
            *m = true;
        }
    }
    mask
}

#[test]
fn every_fixture_meets_its_expectations() {
    let pages = fixtures();
    assert!(pages.len() >= 6, "the fixture pages are missing");
    let mut failures = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let s = parse(&std::fs::read_to_string(page).unwrap(), None);
        let mut expectations = 0;
        for level in [Level::Standard, Level::Focus] {
            let p = plan(
                &s,
                &Options {
                    level,
                    ..Default::default()
                },
            );
            let mask = hidden_mask(&s, &p.hide.iter().map(|h| h.node).collect::<Vec<_>>());
            let name = format!("{name} ({level:?})");
            for (i, n) in s.nodes.iter().enumerate() {
                let expected = match level {
                    Level::Focus => n.attr("data-expect-focus").or(n.attr("data-expect")),
                    Level::Standard => n.attr("data-expect"),
                };
                match expected {
                    Some("hidden") => {
                        expectations += 1;
                        let leaked: Vec<usize> = (i..n.end)
                            // aria-hidden text may still show (the page's CSS decides).
                            .filter(|&d| !mask[d] && (!s.nodes[d].hidden || s.nodes[d].aria_hidden))
                            .filter(|&d| {
                                (s.nodes[d].is_text() && !s.nodes[d].text().trim().is_empty())
                                    || s.nodes[d].tag == "input"
                            })
                            .collect();
                        if !leaked.is_empty() {
                            failures.push(format!(
                                "{name}: node {i} <{}> should be hidden but shows {:?}",
                                n.tag,
                                s.text(leaked[0]).chars().take(60).collect::<String>()
                            ));
                        }
                    }
                    Some("visible") => {
                        expectations += 1;
                        if mask[i] {
                            let by = p.hide.iter().find(|h| s.contains(h.node, i)).unwrap();
                            failures.push(format!(
                                "{name}: node {i} <{}> {:?} should stay visible; hidden as {:?} with <{}> (article at {:?})",
                                n.tag,
                                s.text(i).chars().take(60).collect::<String>(),
                                by.reason,
                                s.nodes[by.node].tag,
                                p.article.map(|a| &s.nodes[a].tag)
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(expectations > 0, "{name} states no expectations");
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn seed_page_hides_all_ten_signups_and_no_article_word() {
    let html = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-news.html"),
    )
    .unwrap();
    let s = parse(&html, None);
    let p = plan(&s, &Options::default());
    let reasons: Vec<&str> = p.hide.iter().map(|h| h.reason.code()).collect();
    assert_eq!(
        reasons
            .iter()
            .filter(|r| **r == "subscribe" || **r == "repeated")
            .count(),
        10,
        "{reasons:?}"
    );
    assert_eq!(
        reasons.iter().filter(|r| **r == "skip-link").count(),
        1,
        "{reasons:?}"
    );
    let article = s.nodes.iter().position(|n| n.tag == "article").unwrap();
    assert!(p
        .hide
        .iter()
        .all(|h| !s.contains(h.node, article) && !s.contains(article, h.node)));
    assert!(
        p.article
            .is_some_and(|a| s.contains(article, a) || s.contains(a, article)),
        "article located"
    );
}

#[test]
fn a_kept_block_stays_and_so_does_everything_inside_it() {
    let html = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-news.html"),
    )
    .unwrap();
    let s = parse(&html, None);
    let all = plan(&s, &Options::default());
    let first = &all.hide[1];
    assert_eq!(first.reason.code(), "subscribe");
    let kept = plan(
        &s,
        &Options {
            keep: vec![first.key.clone()],
            ..Default::default()
        },
    );
    assert!(kept
        .hide
        .iter()
        .all(|h| h.key != first.key && !s.contains(first.node, h.node)));
    // Identical copies share a key, so keeping one keeps its twins.
    let twins = all.hide.iter().filter(|h| h.key == first.key).count();
    assert_eq!(kept.hide.len(), all.hide.len() - twins);
    assert!(twins >= 1);
}

/// The live read of a standard clean keeps only `ANALYSIS_ATTRS`: on every
/// fixture page, the plan made from that must be the plan made from all
/// attributes. (A detector reading an unlisted attribute fails here.)
#[test]
fn analysis_attributes_are_enough() {
    use declutter::dom::html::parse_keeping;
    use declutter::snapshot::ANALYSIS_ATTRS;
    let mut pages = fixtures();
    pages.extend(common::html_pages("fixtures/article"));
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let all = parse(&html, None);
        let some = parse_keeping(&html, None, Some(ANALYSIS_ATTRS));
        assert!(
            some.nodes.iter().map(|n| n.attrs().count()).sum::<usize>()
                < all.nodes.iter().map(|n| n.attrs().count()).sum::<usize>(),
            "{page:?}: nothing was left out"
        );
        assert_eq!(
            plan(&some, &Options::default()),
            plan(&all, &Options::default()),
            "{page:?}"
        );
    }
}
