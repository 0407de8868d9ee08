//! What kind of page this is, for the standard clean: an article, or a page
//! whose content is not one text (a shop's product, a list, a service's
//! offer, a forum thread, documentation). On an article, a sign-up box, a
//! nag or a repeated block in the page's flow is clutter around the story.
//! Elsewhere the same blocks are often the page's own content (pricing
//! cards that say "free trial", FAQ items that mention signing up, feature
//! cards alike), and the article guard does not protect them: it finds a
//! container on any page. So there the page's main region is its content,
//! and only what lies over the page or outside that region is hidden.
//!
//! Told from structure and what the page declares of itself, never from
//! its address. First, a page of prose: it declares no other kind (a
//! product, a list of items, a forum thread…) and holds a run of long
//! paragraphs side by side, as prose does; a longer run when it neither
//! says it is an article (`og:type` article, or an `<article>` element
//! around the run) nor is dated. Article JSON-LD says so outright: then the
//! reader's own test (`isProbablyReaderable`) decides. Documentation is
//! prose too, but it shows code examples and carries no date; a post about
//! code is dated.
//!
//! Then an article is a page of prose that is signed: it names a writer
//! and a publication date (`article::is_signed`). Service pages, docs and
//! shops write prose and many call every page an article in their markup,
//! but they sign none. A page of prose that is unsigned still loses its
//! sign-up boxes: an email field with sign-up wording is never the prose.

use super::elements;
use crate::article::metadata;
use crate::article::page::Page;
use crate::fnv::FnvMap;
use crate::plan::Reason;
use crate::snapshot::{Node, NodeId, Snapshot};
use crate::tune::clutter as tune;

/// The page's kind, and where its own content is when it is no article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageKind {
    /// A signed page of prose: every in-flow detector applies.
    pub article: bool,
    /// A page of prose, signed or not.
    pub prose: bool,
    /// The page's `<main>` (or `role="main"`) element, if it has one.
    pub main_region: Option<NodeId>,
}

impl PageKind {
    pub fn of(page: &Page) -> Self {
        let s = page.s;
        let ld = metadata::json_ld(s);
        let declared = metadata::declared(s, &ld);
        let run = longest_prose_run(s);
        // The markup's own word for it counts as saying so: a card of a
        // listing may be an `<article>`, but it holds no run of prose.
        let prose_needed = if declared.og_article || declared.dated || run.in_article {
            tune::ARTICLE_PARAGRAPHS
        } else {
            tune::UNDECLARED_ARTICLE_PARAGRAPHS
        };
        // Article JSON-LD is the plainest statement, even beside a product
        // or an event the article is about: then the reader's own test
        // decides (paragraphs may be short or split).
        let prose = if declared.article {
            crate::article::is_probably_readerable(s)
        } else {
            !declared.other
                && !run.in_post
                && run.paragraphs >= prose_needed
                && (declared.dated || !shows_code_examples(s))
        };
        PageKind {
            article: prose && crate::article::is_signed(page, &metadata::read_with(s, &ld)),
            prose,
            main_region: (0..s.len()).find(|&i| {
                let n = &s.nodes[i];
                !n.hidden && (n.tag == "main" || n.attr("role") == Some("main"))
            }),
        }
    }

    /// The page keeps block `id`, found in its flow for `reason`: on a page
    /// that is no article, the page's own content stays, unless it is a
    /// sign-up box on a page of prose.
    pub fn keeps(&self, s: &Snapshot, id: NodeId, reason: Reason) -> bool {
        !(self.prose && reason == Reason::Subscribe) && self.holds_content(s, id)
    }

    /// `id` is (or holds, or lies in) the page's own content, which an
    /// in-flow detector must leave alone on a page that is no article: its
    /// main region, or, when it marks none, all but its header, footer,
    /// navigation and asides.
    fn holds_content(&self, s: &Snapshot, id: NodeId) -> bool {
        !self.article
            && match self.main_region {
                Some(m) => s.contains(m, id) || s.contains(id, m),
                None => !std::iter::once(id)
                    .chain(s.ancestors(id))
                    .any(|a| is_page_landmark(&s.nodes[a])),
            }
    }
}

/// The page's header, footer, navigation or an aside, by tag or role: the
/// frame around a page's content when it marks no main region.
fn is_page_landmark(n: &Node) -> bool {
    matches!(n.tag.as_str(), "header" | "footer" | "nav")
        || matches!(
            n.attr("role"),
            Some("banner" | "contentinfo" | "navigation")
        )
        || elements::is_aside(n)
}

/// Code examples (visible `<pre>` blocks), as many as documentation shows;
/// undated, such a page is documentation.
fn shows_code_examples(s: &Snapshot) -> bool {
    s.nodes
        .iter()
        .filter(|n| n.tag == "pre" && !n.hidden)
        .nth(tune::DOCUMENTATION_CODE_BLOCKS - 1)
        .is_some()
}

/// `i` is one of several blocks alike (tag and class) under one parent, and
/// that many of them each hold a `<time>`: the posts of a thread, where an
/// article's text stands alone (its comments, alike and dated, come after
/// it, not around it).
fn in_dated_repeat(s: &Snapshot, i: NodeId) -> bool {
    let n = &s.nodes[i];
    let Some(parent) = n.parent.filter(|_| n.is_element() && !n.class().is_empty()) else {
        return false;
    };
    let dated = |k: NodeId| (k..s.nodes[k].end).any(|d| s.nodes[d].tag == "time");
    s.children(parent)
        .filter(|&k| s.nodes[k].tag == n.tag && s.nodes[k].class() == n.class() && dated(k))
        .nth(tune::THREAD_POSTS - 1)
        .is_some()
}

/// A run of long paragraphs side by side, and whether an `<article>`
/// element holds it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProseRun {
    pub paragraphs: usize,
    pub in_article: bool,
    /// The run is one post of a thread: it lies in one of several alike
    /// blocks that each carry a time (`in_dated_repeat`).
    pub in_post: bool,
}

/// The most long paragraphs (`<p>` of [`tune::ARTICLE_PARAGRAPH_CHARS`] or
/// more) side by side: prose runs on in one block, where a service page's
/// pitches and a shop's descriptions stand one per section. A paragraph
/// alone in its wrapper (`<div class="para"><p>…`) stands where its
/// wrapper does.
pub fn longest_prose_run(s: &Snapshot) -> ProseRun {
    let only_child = |i: NodeId, p: NodeId| {
        s.children(p)
            .filter(|&c| s.nodes[c].is_element())
            .all(|c| c == i)
    };
    let mut runs: FnvMap<NodeId, usize> = FnvMap::default();
    for (i, n) in s.nodes.iter().enumerate() {
        if n.tag == "p" && !n.hidden && n.text_len >= tune::ARTICLE_PARAGRAPH_CHARS {
            let mut at = i;
            while let Some(p) = s.nodes[at].parent.filter(|&p| only_child(at, p)) {
                at = p;
            }
            if let Some(block) = s.nodes[at].parent {
                *runs.entry(block).or_default() += 1;
            }
        }
    }
    runs.into_iter()
        .max_by_key(|&(block, n)| (n, block))
        .map(|(block, paragraphs)| ProseRun {
            paragraphs,
            in_article: std::iter::once(block)
                .chain(s.ancestors(block))
                .any(|a| s.nodes[a].tag == "article"),
            in_post: std::iter::once(block)
                .chain(s.ancestors(block))
                .any(|a| in_dated_repeat(s, a)),
        })
        .unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::dom::html::parse;

    const PROSE: &str = "A paragraph long enough to be prose, as an article's paragraphs are, with a sentence or two.";

    fn page(head: &str, body: &str) -> PageKind {
        PageKind::of(&Page::new(&parse(
            &format!("<html><head>{head}</head><body>{body}</body></html>"),
            None,
        )))
    }

    /// A writer and a date under the headline.
    const SIGNED: &str = "<h1>A story</h1><p class=\"byline\">By Ann Writer</p>\
        <time datetime=\"2025-01-02\">2 January 2025</time>";

    fn prose(n: usize) -> String {
        format!("<div>{}</div>", format!("<p>{PROSE}</p>").repeat(n))
    }

    #[test]
    fn a_declared_or_dated_run_of_prose_is_a_page_of_prose() {
        let og = r#"<meta property="og:type" content="article">"#;
        assert!(page(og, &prose(4)).prose);
        let wrapped = format!(
            "<div>{}</div>",
            format!("<div class=\"para\"><p>{PROSE}</p></div>").repeat(4)
        );
        assert!(
            page(og, &wrapped).prose,
            "each paragraph in a wrapper of its own"
        );
        let about_a_product = r#"<script type="application/ld+json">[{"@type":"NewsArticle"},{"@type":"Product"}]</script>"#;
        let long = format!("<div>{}</div>", format!("<p>{PROSE} {PROSE}</p>").repeat(4));
        assert!(page(about_a_product, &long).prose);
        let dated = r#"<script type="application/ld+json">{"@type":"WebPage","datePublished":"2025-01-02"}</script>"#;
        assert!(page(dated, &prose(4)).prose);
        assert!(
            page(
                "",
                &format!("<time datetime=\"2025-01-02\">2 Jan</time>{}", prose(4))
            )
            .prose
        );
    }

    #[test]
    fn a_page_without_a_run_of_prose_or_declaring_another_kind_is_not() {
        let og = r#"<meta property="og:type" content="article">"#;
        // The same paragraphs one per section under a heading: a service
        // page's pitches.
        let sections = format!("<section><h2>Fast</h2><p>{PROSE}</p></section>").repeat(6);
        assert!(!page(og, &sections).prose);
        // Prose, but undeclared and undated: a short run is a service
        // page's, a longer one an article's.
        assert!(!page("", &prose(tune::UNDECLARED_ARTICLE_PARAGRAPHS - 1)).prose);
        assert!(page("", &prose(tune::UNDECLARED_ARTICLE_PARAGRAPHS)).prose);
        let product = r#"<meta property="og:type" content="article"><script type="application/ld+json">{"@graph":[{"@type":"Product","name":"A lamp"}]}</script>"#;
        assert!(!page(product, &prose(6)).prose);
        // schema.org files a forum post under Article; a thread it stays.
        let thread = r#"<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"A question","datePublished":"2025-01-02"}</script>"#;
        let posts = format!("<div>{}</div>", format!("<p>{PROSE} {PROSE}</p>").repeat(6));
        assert!(!page(thread, &posts).prose);
        // And a "technical article" (how-to, procedures, specifications)
        // is documentation.
        let how_to = r#"<script type="application/ld+json">{"@type":"TechArticle","headline":"Install","datePublished":"2025-01-02"}</script>"#;
        assert!(!page(how_to, &posts).prose);
    }

    #[test]
    fn a_thread_of_dated_posts_is_no_article_but_an_article_with_comments_is() {
        let og = r#"<meta property="og:type" content="article">"#;
        let post = |n: usize| {
            format!(
                "<div class=\"post\"><span>by someone</span> <time datetime=\"2025-01-02\">2 Jan</time>{}</div>",
                prose(n)
            )
        };
        let thread = format!(
            "<div class=\"thread\">{}{}</div>",
            post(4),
            post(1).repeat(4)
        );
        assert!(!page(og, &thread).prose);
        let comments = format!("<div class=\"comments\">{}</div>", post(1).repeat(4));
        assert!(page(og, &format!("<article>{}</article>{comments}", prose(4))).prose);
    }

    #[test]
    fn undated_prose_with_code_examples_is_documentation() {
        let og = r#"<meta property="og:type" content="article">"#;
        let code = "<pre><code>npm install</code></pre>".repeat(tune::DOCUMENTATION_CODE_BLOCKS);
        let docs = format!("{}{code}", prose(6));
        assert!(!page(og, &docs).prose);
        let fewer =
            "<pre><code>npm install</code></pre>".repeat(tune::DOCUMENTATION_CODE_BLOCKS - 1);
        assert!(page(og, &format!("{}{fewer}", prose(6))).prose);
        // A dated post about code is an article.
        let dated = r#"<meta property="og:type" content="article"><meta property="article:published_time" content="2025-01-02">"#;
        assert!(page(dated, &docs).prose);
    }

    #[test]
    fn a_page_of_prose_is_an_article_when_it_names_its_writer_and_date() {
        let og = r#"<meta property="og:type" content="article">"#;
        let unsigned = page(og, &prose(4));
        assert!(unsigned.prose && !unsigned.article);
        assert!(page(og, &format!("{SIGNED}{}", prose(4))).article);
        // Metadata signs too, when its author is a writer.
        let ld = |author: &str| {
            format!(
                r#"<script type="application/ld+json">{{"@type":"Article","headline":"A story","datePublished":"2025-01-02","author":{author}}}</script>"#
            )
        };
        let long = format!(
            "<h1>A story</h1><div>{}</div>",
            format!("<p>{PROSE} {PROSE}</p>").repeat(6)
        );
        assert!(page(&ld(r#"{"@type":"Person","name":"Ann Writer"}"#), &long).article);
        // An author that is the publisher names no writer: the page must
        // show one.
        let publisher = ld(r#"{"@type":"Organization","name":"Acme"}"#);
        assert!(!page(&publisher, &long).article);
        assert!(page(&publisher, &format!("{SIGNED}{long}")).article);
        // A personal site is named after its writer: its name signs.
        let personal = r#"<meta property="og:type" content="article"><meta property="og:site_name" content="Ann Writer"><meta name="author" content="Ann Writer"><meta property="article:published_time" content="2025-01-02">"#;
        assert!(page(personal, &prose(4)).article);
        // Only the date it was last changed is no publication date.
        let modified = r#"<meta property="og:type" content="article"><meta name="author" content="Ann Writer"><meta property="article:modified_time" content="2025-01-02">"#;
        assert!(!page(modified, &prose(4)).article);
        let published = modified.replace("modified", "published");
        assert!(page(&published, &prose(4)).article);
    }

    #[test]
    fn only_the_main_region_is_content_when_the_page_marks_one() {
        let s = parse("<html><body><header><a>Home</a></header><main><p>Offer</p></main><footer><p>Newsletter</p></footer></body></html>", None);
        let find = |tag: &str| (0..s.len()).find(|&i| s.nodes[i].tag == tag).unwrap();
        let kind = PageKind::of(&Page::new(&s));
        assert_eq!(kind.main_region, Some(find("main")));
        assert!(kind.holds_content(&s, find("p")));
        assert!(kind.holds_content(&s, find("body")));
        assert!(!kind.holds_content(&s, find("footer")));
        assert!(!kind.holds_content(&s, find("header")));
        let article = PageKind {
            article: true,
            ..kind
        };
        assert!(!article.holds_content(&s, find("p")));
    }

    #[test]
    fn without_a_main_region_all_but_the_landmarks_is_content() {
        let s = parse("<html><body><div><p>Offer</p></div><div role=\"contentinfo\"><p>Newsletter</p></div></body></html>", None);
        let kind = PageKind::of(&Page::new(&s));
        assert_eq!(kind.main_region, None);
        let text = |t: &str| {
            (0..s.len())
                .find(|&i| s.nodes[i].tag == "p" && s.text(i) == t)
                .unwrap()
        };
        assert!(kind.holds_content(&s, text("Offer")));
        assert!(!kind.holds_content(&s, text("Newsletter")));
    }

    /// The text of every block a standard clean hides on `html`.
    fn hidden(html: &str) -> Vec<String> {
        let s = parse(html, None);
        let plan = crate::clutter::plan(&s, &crate::clutter::Options::default());
        plan.hide.iter().map(|h| s.text(h.node)).collect()
    }

    fn shows(hidden: &[String], words: &str) -> bool {
        !hidden.iter().any(|t| t.contains(words))
    }

    const PRODUCT: &str = r#"<head><meta property="og:type" content="product"></head>"#;

    #[test]
    fn a_product_page_keeps_its_row_of_free_trial_pricing_cards() {
        // Three plans, the middle one flagged as the popular pick: not
        // alike enough to read as a list, each a nag by its wording.
        let card = |name: &str, badge: &str| {
            format!(
                "<div class=\"plan\">{badge}<h3>{name}</h3><p>Everything a team needs to \
                 ship, billed monthly.</p><p>Start your 14-day free trial today, no \
                 credit card needed.</p><a class=\"btn\" href=\"/trial\">Start free trial</a></div>"
            )
        };
        let html = format!(
            "<html>{PRODUCT}<body><header><a href=\"/\">Shop</a></header><main><h1>Plans</h1>\
             <div class=\"plans\">{}{}{}</div></main></body></html>",
            card("Basic", ""),
            card("Pro", "<span>Most popular</span>"),
            card("Team", "")
        );
        let hidden = hidden(&html);
        for plan in ["Basic", "Pro", "Team"] {
            assert!(shows(&hidden, plan), "{plan} hidden: {hidden:?}");
        }
    }

    #[test]
    fn an_article_still_loses_its_sign_up_box() {
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>\
             <article><h1>A story</h1>{}<div class=\"newsletter\"><h3>Get the morning \
             briefing</h3><p>Sign up for our newsletter.</p><form><input type=\"email\" \
             name=\"email\"><button>Subscribe</button></form></div>{}</article></main></body></html>",
            prose(3),
            prose(2)
        );
        let hidden = hidden(&html);
        assert!(!shows(&hidden, "Sign up for our newsletter"), "{hidden:?}");
        assert!(shows(&hidden, PROSE));
    }

    #[test]
    fn an_unsigned_page_of_prose_loses_its_sign_up_box_but_no_other_block_of_its_flow() {
        let nag = "<div class=\"donate\"><h3>Support our journalism</h3><p>Become a member \
            today and keep independent reporting free for all.</p><a href=\"/join\">Become a member</a></div>";
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>\
             <h1>A guide</h1>{}{nag}<div class=\"newsletter\"><h3>Get the morning \
             briefing</h3><p>Sign up for our newsletter.</p><form><input type=\"email\" \
             name=\"email\"><button>Subscribe</button></form></div>{}</main></body></html>",
            prose(3),
            prose(2)
        );
        let s = parse(&html, None);
        let plan = crate::clutter::plan(&s, &crate::clutter::Options::default());
        assert!(!plan.article_page);
        let gone: Vec<String> = plan.hide.iter().map(|h| s.text(h.node)).collect();
        assert!(!shows(&gone, "Sign up for our newsletter"), "{gone:?}");
        assert!(
            shows(&gone, PROSE) && shows(&gone, "Become a member"),
            "{gone:?}"
        );
        // Signed, the page is an article and its nag goes too.
        let signed = html.replace("<h1>A guide</h1>", SIGNED);
        assert!(!shows(&hidden(&signed), "Become a member"));
    }

    #[test]
    fn a_page_that_is_no_article_still_loses_its_consent_bar_and_footer_sign_up() {
        // No main region: the page's content is all but its landmarks.
        let html = format!(
            "<html>{PRODUCT}<body><div class=\"product\"><h1>A lamp</h1><p>Brass, 40 cm.</p>\
             <p>Subscribe and save 10 % on every refill.</p><button>Add to cart</button></div>\
             <footer><h4>Newsletter</h4><p>Sign up for our newsletter.</p><form><input \
             type=\"email\" name=\"email\"><button>Subscribe</button></form></footer>\
             <div class=\"cookie-banner\"><p>We use cookies to improve your experience and \
             for personalised ads. By clicking Accept you consent to our use of cookies.</p>\
             <button>Accept</button><button>Reject</button></div></body></html>"
        );
        let hidden = hidden(&html);
        assert!(!shows(&hidden, "We use cookies"), "{hidden:?}");
        assert!(!shows(&hidden, "Sign up for our newsletter"), "{hidden:?}");
        assert!(shows(&hidden, "Subscribe and save"), "{hidden:?}");
    }

    #[test]
    fn the_plan_says_whether_the_page_was_taken_for_an_article() {
        use crate::clutter::{plan, Level, Options};
        let article = parse(
            &format!("<html><head><meta property=\"og:type\" content=\"article\"></head><body>{SIGNED}{}</body></html>", prose(4)),
            None,
        );
        let product = parse(
            &format!("<html>{PRODUCT}<body>{}</body></html>", prose(4)),
            None,
        );
        assert!(plan(&article, &Options::default()).article_page);
        assert!(!plan(&product, &Options::default()).article_page);
        let focus = Options {
            level: Level::Focus,
            ..Options::default()
        };
        assert!(
            plan(&product, &focus).article_page,
            "focus takes every page for an article"
        );
    }
}
