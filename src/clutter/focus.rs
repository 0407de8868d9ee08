//! The focus level: the site header and the article remain, nothing else.
//!
//! Two passes. Around the article, every block beside the path from the
//! article up to `<body>` goes, except the site header and blocks that hold
//! article text. Inside (and anywhere else), the furniture that rides along
//! with articles goes too: share bars, audio notices, ad slots, rails of
//! links and the comment section.

use super::{Context, Finding};
use crate::patterns::{
    contains_any, tokens, AD_LABEL, AUDIO_NOTICE, COMMENTS, RAIL_HEADING, SHARE_LINK,
};
use crate::plan::Reason;
use crate::snapshot::{NodeId, Snapshot};

const MAX_SHARE_TEXT: u32 = 200;
const MAX_NOTICE_TEXT: u32 = 200;
const MAX_AD_TEXT: u32 = 100;
const MIN_RAIL_LINK_DENSITY: f32 = 0.5;
const MAX_RAIL_TEXT: u32 = 4000;

pub fn detect(cx: &Context) -> Vec<Finding> {
    let mut found = around_article(cx);
    let s = cx.snap;
    for i in 0..s.len() {
        if s.nodes[i].is_text() || s.nodes[i].hidden || found.iter().any(|f| s.contains(f.node, i))
        {
            continue;
        }
        let reason = if is_share_bar(s, i) {
            Reason::Share
        } else if is_audio_notice(s, i) {
            Reason::Audio
        } else if is_ad_slot(s, i) {
            Reason::Ad
        } else if is_comments(s, i) {
            Reason::Comments
        } else if is_rail(s, i) {
            Reason::Rail
        } else {
            continue;
        };
        if cx.may_hide(i) {
            found.push(Finding { node: i, reason });
        }
    }
    found
}

/// Siblings of each block on the way from the article up to `<body>`.
fn around_article(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let Some(article) = cx.article else {
        return Vec::new();
    };
    let body = s.body();
    let mut found = Vec::new();
    let mut node = article;
    while node != body {
        let Some(parent) = s.nodes[node].parent else {
            break;
        };
        for sibling in s.children(parent).filter(|&c| c != node) {
            let n = &s.nodes[sibling];
            if n.is_text() || n.hidden || n.text_len == 0 && !has_media(s, sibling) {
                continue;
            }
            if is_site_header(s, sibling, article)
                || introduces_article(s, sibling, article)
                || !cx.may_hide(sibling)
            {
                continue;
            }
            found.push(Finding {
                node: sibling,
                reason: Reason::OffArticle,
            });
        }
        node = parent;
    }
    found
}

/// The page's own header: `<header>`, `role=banner`, or a leading block
/// with the navigation, before the article.
fn is_site_header(s: &Snapshot, id: NodeId, article: NodeId) -> bool {
    let n = &s.nodes[id];
    id < article
        && (n.tag == "header"
            || n.attr("role") == Some("banner")
            || tokens(&n.id_and_class())
                .any(|t| matches!(t.as_str(), "header" | "masthead" | "topbar" | "navbar")))
}

/// Before the article, a block with its headline, by-line or lead picture:
/// articles often keep these beside the body rather than inside it.
fn introduces_article(s: &Snapshot, id: NodeId, article: NodeId) -> bool {
    if id > article {
        return false;
    }
    let n = &s.nodes[id];
    let has_headline = s
        .descendants(id)
        .chain([id])
        .any(|d| s.nodes[d].tag == "h1");
    let is_figure = matches!(n.tag.as_str(), "figure" | "picture" | "img")
        || (has_media(s, id) && n.text_len < 300);
    let is_byline = n.text_len <= 300
        && n.link_density() < 0.6
        && (s.ancestors(id).any(|a| s.nodes[a].tag == "article")
            || (id..n.end).any(|d| {
                s.nodes[d].tag == "time"
                    || tokens(&s.nodes[d].id_and_class()).any(|t| {
                        matches!(
                            t.as_str(),
                            "byline"
                                | "author"
                                | "date"
                                | "dateline"
                                | "meta"
                                | "credit"
                                | "published"
                        )
                    })
            }));
    (has_headline && n.link_density() < 0.5) || is_figure || is_byline
}

fn has_media(s: &Snapshot, id: NodeId) -> bool {
    (id..s.nodes[id].end).any(|d| {
        matches!(
            s.nodes[d].tag.as_str(),
            "img" | "picture" | "video" | "figure" | "svg" | "iframe"
        )
    })
}

/// Two or more share links (Facebook sharer, X intent, WhatsApp…) in a
/// block with little text of its own.
fn is_share_bar(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    if n.text_len > MAX_SHARE_TEXT || n.tag == "a" {
        return false;
    }
    let share_links = s
        .descendants(id)
        .filter(|&d| {
            s.nodes[d].tag == "a"
                && s.nodes[d]
                    .attr("href")
                    .is_some_and(|h| contains_any(h, SHARE_LINK))
        })
        .count();
    share_links >= 2
}

fn is_audio_notice(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    n.text_len > 0
        && n.text_len <= MAX_NOTICE_TEXT
        && contains_any(&s.text(id), AUDIO_NOTICE)
        && n.parent.is_some_and(|p| {
            s.nodes[p].text_len > MAX_NOTICE_TEXT || !contains_any(&s.text(p), AUDIO_NOTICE)
        })
}

/// An ad label alone ("Advertisement"), or a block named as an ad slot with
/// little text.
fn is_ad_slot(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    if n.text_len > MAX_AD_TEXT {
        return false;
    }
    let named = tokens(&n.id_and_class()).any(|t| {
        matches!(
            t.as_str(),
            "ad" | "ads"
                | "advert"
                | "adslot"
                | "dfp"
                | "advertisement"
                | "sponsored"
                | "adunit"
                | "ad_slot"
        )
    });
    let label = s.text(id);
    named
        || (!label.is_empty()
            && AD_LABEL
                .iter()
                .any(|l| label.trim().eq_ignore_ascii_case(l)))
}

/// A comment section: named so, or headed so, and not where the reader is
/// typing a comment.
fn is_comments(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    let named = tokens(&n.id_and_class()).any(|t| {
        matches!(
            t.as_str(),
            "comments" | "disqus" | "commentlist" | "comment-list"
        )
    });
    let headed =
        first_heading(s, id).is_some_and(|h| h.chars().count() <= 40 && contains_any(&h, COMMENTS));
    (named || (headed && matches!(n.tag.as_str(), "section" | "div" | "aside")))
        && !someone_is_typing(s, id)
}

fn someone_is_typing(s: &Snapshot, id: NodeId) -> bool {
    s.descendants(id).any(|d| {
        let n = &s.nodes[d];
        n.tag == "textarea"
            && (n.attr("value").is_some_and(|v| !v.trim().is_empty()) || s.nodes[d].text_len > 0)
    })
}

/// A list of links under a rail heading ("More news", "Most read").
fn is_rail(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    if n.text_len == 0 || n.text_len > MAX_RAIL_TEXT || n.link_density() < MIN_RAIL_LINK_DENSITY {
        return false;
    }
    matches!(
        n.tag.as_str(),
        "section" | "aside" | "div" | "nav" | "ul" | "ol"
    ) && first_heading(s, id)
        .is_some_and(|h| h.chars().count() <= 50 && contains_any(&h, RAIL_HEADING))
}

/// Text of the first heading in a block (h2–h5, or an element whose class
/// says it is a title).
fn first_heading(s: &Snapshot, id: NodeId) -> Option<String> {
    s.descendants(id)
        .take(12)
        .find(|&d| {
            let n = &s.nodes[d];
            matches!(n.tag.as_str(), "h2" | "h3" | "h4" | "h5")
                || (n.is_element()
                    && tokens(&n.class())
                        .any(|t| matches!(t.as_str(), "title" | "heading" | "header"))
                    && n.text_len <= 50)
        })
        .map(|d| s.text(d))
}
