//! The focus level: the site header and the article remain, nothing else.
//!
//! Two passes. Around the article, every block beside the path from the
//! article up to `<body>` goes, except the site header and blocks that hold
//! article text. Inside (and anywhere else), the furniture that rides along
//! with articles goes too: share bars, audio notices, ad slots, rails of
//! links and the comment section.

use super::elements::{is_aside, is_comment_section, is_heading_like};
use super::kernel::{is_rail_section, Claimed, Context, Counted, Finding, Rails};
use super::wording::Family;
use crate::article::cleanup::Pruned;
use crate::plan::Reason;
use crate::snapshot::{NodeId, Snapshot, SubtreeCount};
use crate::text::tokens;
use crate::tune::clutter as tune;
use crate::words::markup::{AD_SLOT_TOKENS, BYLINE_TOKENS, SITE_HEADER_TOKENS};
use crate::words::{self, List};

pub fn detect(cx: &Context) -> Vec<Finding> {
    let mut found = around_article(cx);
    found.extend(left_out_by_reader(cx));
    let s = cx.snap;
    let mut claimed = Claimed::new(s);
    for f in &found {
        claimed.claim(s, f.node);
    }
    let links = SubtreeCount::new(s, |i| s.nodes[i].tag == "a");
    for i in 0..s.len() {
        let n = &s.nodes[i];
        if n.is_text() || n.hidden || n.text_len == 0 && !cx.has(Counted::Media, i) {
            continue;
        }
        if claimed.covers(i) {
            continue;
        }
        let reason = if is_share_bar(cx, i) {
            Reason::Share
        } else if is_rail_section(
            s,
            &Rails {
                words: &cx.words,
                links_and_images: &cx.links_and_images,
                // Asked once per node here: nothing to keep.
                known: Vec::new(),
            },
            i,
        ) {
            Reason::Rail
        } else if is_sidebar(cx, i) {
            Reason::OffArticle
        } else if is_audio_notice(cx, i) {
            Reason::Audio
        } else if is_ad_slot(s, i) {
            Reason::Ad
        } else if is_comments(cx, i) {
            Reason::Comments
        } else if is_rail(cx, i) {
            Reason::Rail
        } else if is_menu(cx, &links, i) {
            Reason::Menu
        } else if is_teaser_list(cx, &links, i) {
            Reason::Rail
        } else {
            continue;
        };
        if cx.may_hide(i) {
            claimed.claim(s, i);
            found.push(Finding { node: i, reason });
        }
    }
    found
}

/// Outside the article, a block of three or more alike cards (the same
/// shape), each with a link: a list of teasers, even when their excerpts
/// keep the link density low.
fn is_teaser_list(cx: &Context, links: &SubtreeCount, id: NodeId) -> bool {
    let s = cx.snap;
    if cx.overlaps_article(id) || s.nodes[id].text_len > tune::MAX_TEASER_LIST_TEXT {
        return false;
    }
    let cards: Vec<NodeId> = s
        .children(id)
        .filter(|&c| s.nodes[c].is_element() && s.nodes[c].text_len > 0)
        .collect();
    if cards.len() < tune::MIN_TEASER_CARDS {
        return false;
    }
    let mut shapes: Vec<(u64, usize)> = Vec::new();
    for &c in &cards {
        match shapes
            .iter_mut()
            .find(|(shape, _)| *shape == s.nodes[c].shape)
        {
            Some((_, count)) => *count += 1,
            None => shapes.push((s.nodes[c].shape, 1)),
        }
    }
    let alike = shapes.iter().map(|(_, count)| *count).max().unwrap_or(0);
    alike >= tune::MIN_TEASER_CARDS
        && alike * 2 > cards.len()
        && cards
            .iter()
            .all(|&c| s.nodes[c].text_len <= tune::MAX_TEASER_TEXT)
        && cards.iter().filter(|&&c| links.within(s, c) > 0).count() >= alike
}

/// Menus and link lists: mostly link text, several links. Outside the
/// article any such block goes (the header's own block stays, so its logo
/// does); inside, only plain lists of links (related stories, tags).
fn is_menu(cx: &Context, links: &SubtreeCount, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    if !matches!(
        n.tag.as_str(),
        "nav"
            | "ul"
            | "ol"
            | "div"
            | "section"
            | "aside"
            | "header"
            | "footer"
            | "menu"
            | "p"
            | "table"
    ) {
        return false;
    }
    if cx.article.is_some_and(|a| is_site_header(s, id, a))
        || links.within(s, id) < tune::MIN_MENU_LINKS
    {
        return false;
    }
    let inside = match cx.blocks.as_slice() {
        [] => cx.article.is_some_and(|a| s.contains(a, id)),
        _ => cx.in_blocks(id),
    };
    if inside {
        n.link_density() >= tune::INLINE_LIST_MIN_LINK_DENSITY
            && n.text_len <= tune::MAX_INLINE_LIST_TEXT
            && n.tag != "p"
    } else {
        n.link_density() >= tune::MIN_MENU_LINK_DENSITY
    }
}

/// Inside the article's blocks, what reader mode's clean-up leaves out as
/// not article: widgets by their numbers, blocks named as unlikely to be
/// content, ad labels, tag lists, lone teaser links. Not the headline,
/// by-line or dates (they belong with the article on the page), nor frames,
/// embeds and galleries (they keep working in place), nor repeated text (a
/// pull quote is layout). Not its guesses from wording or class names
/// either (promotional lines, "social" blocks): on the live page a login
/// form or an article about newsletters must keep working, and the
/// detectors here judge those from behaviour.
fn left_out_by_reader(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    cx.pruned
        .iter()
        .filter_map(|&(node, why)| {
            let n = &s.nodes[node];
            let reason = match why {
                Pruned::AdLabel => Reason::Ad,
                Pruned::Widget | Pruned::Unlikely | Pruned::TagList | Pruned::LoneLink => {
                    Reason::NotArticle
                }
                // A line, not a paragraph that talks about newsletters, and
                // not one beside a form ("No account? Sign up").
                Pruned::Promo if n.text_len < tune::PROTECTED_TEXT && !beside_form(cx, node) => {
                    Reason::NotArticle
                }
                _ => return None,
            };
            // A gallery or embed judged a widget by its numbers stays: in
            // place, media keep working.
            let media = cx.has(Counted::Media, node);
            let keep = n.hidden || (why == Pruned::Widget && media) || (n.text_len == 0 && !media);
            (!keep).then_some(Finding { node, reason })
        })
        .collect()
}

/// A form or a field shares `id`'s parent.
fn beside_form(cx: &Context, id: NodeId) -> bool {
    cx.snap.nodes[id]
        .parent
        .is_some_and(|p| cx.count_below(Counted::FormOrInput, p) > 0)
}

/// Everything beside the paths from the article's blocks up to `<body>`.
fn around_article(cx: &Context) -> Vec<Finding> {
    let s = cx.snap;
    let blocks: Vec<NodeId> = if cx.blocks.is_empty() {
        cx.article.into_iter().collect()
    } else {
        cx.blocks.clone()
    };
    let Some(&first) = blocks.first() else {
        return Vec::new();
    };
    let mut is_block = vec![false; s.len()];
    for &b in &blocks {
        is_block[b] = true;
    }
    // The article's blocks and every ancestor of one: the paths to keep.
    // A climb stops at the first node already on a path, whose own path
    // is marked: each node is marked once, however many blocks share it.
    let mut on_path = vec![false; s.len()];
    for &b in &blocks {
        let mut at = Some(b);
        while let Some(a) = at.filter(|&a| !on_path[a]) {
            on_path[a] = true;
            at = s.nodes[a].parent;
        }
    }
    let body = s.body();
    let mut found = Vec::new();
    for parent in (0..s.len()).filter(|&p| on_path[p] && !is_block[p] && s.contains(body, p)) {
        for sibling in s.children(parent).filter(|&c| !on_path[c]) {
            let n = &s.nodes[sibling];
            if n.is_text() || n.hidden || n.text_len == 0 && !cx.has(Counted::Media, sibling) {
                continue;
            }
            if is_site_header(s, sibling, first)
                || introduces_article(cx, sibling, first)
                || !cx.may_hide(sibling)
            {
                continue;
            }
            found.push(Finding {
                node: sibling,
                reason: Reason::OffArticle,
            });
        }
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
            || tokens(n.id_and_class()).any(|t| SITE_HEADER_TOKENS.contains(&t.as_ref())))
}

/// Before the article, a block with its headline, by-line or lead picture:
/// articles often keep these beside the body rather than inside it.
fn introduces_article(cx: &Context, id: NodeId, article: NodeId) -> bool {
    let s = cx.snap;
    if id > article {
        return false;
    }
    let n = &s.nodes[id];
    let has_headline = s
        .descendants(id)
        .chain([id])
        .any(|d| s.nodes[d].tag == "h1");
    let is_figure = matches!(n.tag.as_str(), "figure" | "picture" | "img")
        || (cx.has(Counted::Media, id) && n.text_len < tune::INTRO_MAX_TEXT);
    let is_byline = n.text_len <= tune::INTRO_MAX_TEXT
        && n.link_density() < tune::INTRO_BYLINE_MAX_LINK_DENSITY
        && (s.ancestors(id).any(|a| s.nodes[a].tag == "article")
            || (id..n.end).any(|d| {
                s.nodes[d].tag == "time"
                    || tokens(s.nodes[d].id_and_class())
                        .any(|t| BYLINE_TOKENS.contains(&t.as_ref()))
            }));
    (has_headline && n.link_density() < tune::INTRO_HEADLINE_MAX_LINK_DENSITY)
        || is_figure
        || is_byline
}

/// An `<aside>` (or `role=complementary`) beside the article, or inside its
/// block with links in it: a sidebar. A link-less aside inside the article
/// is a pull quote or fact box, and stays.
fn is_sidebar(cx: &Context, id: NodeId) -> bool {
    let n = &cx.snap.nodes[id];
    is_aside(n) && (!cx.overlaps_article(id) || n.link_density() >= tune::MIN_SIDEBAR_LINK_DENSITY)
}

/// Two or more share buttons (Facebook sharer, X intent, WhatsApp, or a
/// link or button that says "share" in its address, class or title) in a
/// block with little text of its own.
fn is_share_bar(cx: &Context, id: NodeId) -> bool {
    let n = &cx.snap.nodes[id];
    if n.text_len > tune::MAX_SHARE_TEXT || n.tag == "a" {
        return false;
    }
    cx.count_below(Counted::ShareButton, id) >= tune::MIN_SHARE_BUTTONS
}

fn is_audio_notice(cx: &Context, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    n.text_len > 0
        && n.text_len <= tune::MAX_NOTICE_TEXT
        && cx.words.has(id, Family::Audio)
        && n.parent.is_some_and(|p| {
            s.nodes[p].text_len > tune::MAX_NOTICE_TEXT || !cx.words.has(p, Family::Audio)
        })
}

/// An ad label alone ("Advertisement"), or a block named as an ad slot with
/// little text.
fn is_ad_slot(s: &Snapshot, id: NodeId) -> bool {
    let n = &s.nodes[id];
    if n.text_len > tune::MAX_AD_TEXT {
        return false;
    }
    let named = tokens(n.id_and_class()).any(|t| AD_SLOT_TOKENS.contains(&t.as_ref()));
    let label = s.text(id);
    named
        || (!label.is_empty()
            && words::all(List::AdLabel)
                .iter()
                .any(|l| label.trim().eq_ignore_ascii_case(l)))
}

/// A comment section: named so, or headed so, and not where the reader is
/// typing a comment.
fn is_comments(cx: &Context, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    let named = is_comment_section(s, id);
    let headed = first_heading(s, id).is_some_and(|h| {
        s.nodes[h].text_len <= tune::COMMENTS_HEADING_MAX_TEXT && cx.words.has(h, Family::Comments)
    });
    (named || (headed && matches!(n.tag.as_str(), "section" | "div" | "aside")))
        && cx.count_below(Counted::TypedTextArea, id) == 0
}

/// A list of links under a rail heading ("More news", "Most read").
fn is_rail(cx: &Context, id: NodeId) -> bool {
    let s = cx.snap;
    let n = &s.nodes[id];
    if n.text_len == 0
        || n.text_len > tune::MAX_RAIL_TEXT
        || n.link_density() < tune::MIN_RAIL_LINK_DENSITY
    {
        return false;
    }
    matches!(
        n.tag.as_str(),
        "section" | "aside" | "div" | "nav" | "ul" | "ol"
    ) && first_heading(s, id).is_some_and(|h| {
        s.nodes[h].text_len <= tune::RAIL_HEADING_MAX_TEXT && cx.words.has(h, Family::Rail)
    })
}

/// The first heading in a block (h2–h5, or an element whose class
/// says it is a title).
fn first_heading(s: &Snapshot, id: NodeId) -> Option<NodeId> {
    s.descendants(id)
        .take(tune::HEADING_SEARCH_NODES)
        .find(|&d| {
            let n = &s.nodes[d];
            matches!(n.tag.as_str(), "h2" | "h3" | "h4" | "h5")
                || (n.is_element()
                    && is_heading_like(n)
                    && n.text_len <= tune::HEADING_LIKE_MAX_TEXT)
        })
}
