//! What the page says about itself: JSON-LD, OpenGraph and other meta tags,
//! and the `<title>`. Readability's `_getJSONLD` and `_getArticleMetadata`,
//! in its order of preference.

use super::dates::{self, Day};
use crate::fnv::FnvSet;
use crate::snapshot::{fold_space, NodeId, Snapshot};
use crate::text::tokens;
use crate::tune::article as tune;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub byline: Option<String>,
    /// The metadata's author is the publisher (an organisation, the site's
    /// name): a by-line on the page comes first.
    pub byline_is_publisher: bool,
    /// The JSON-LD author is an organisation: the by-line names no writer.
    /// (A by-line that repeats the site's name may: a personal site is
    /// named after its writer.)
    pub author_is_organization: bool,
    /// The `<h1>` the title was read from, if it was: the headline, where
    /// its by-line and dateline are ([`headline_node`] finds it otherwise).
    pub headline: Option<NodeId>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    /// `published_time` is a publication date (declared, or shown by the
    /// headline), not only the date the page was last modified: sites
    /// stamp every page with the latter.
    pub published: bool,
    pub lead_image: Option<String>,
    pub lang: Option<String>,
    /// The JSON-LD article's own text and word count, when it gives them:
    /// a check that the extraction is complete.
    pub article_body: Option<String>,
    pub word_count: Option<u32>,
    /// The page declares itself an article (JSON-LD type or `og:type`).
    pub declares_article: bool,
}

/// JSON-LD `@type`s of articles (schema.org's Article family and postings).
fn is_article_type(t: &str) -> bool {
    let t = t
        .trim_start_matches("http://schema.org/")
        .trim_start_matches("https://schema.org/");
    t.ends_with("Article") || t.ends_with("Posting") || matches!(t, "Report" | "APIReference")
}

/// The first article object in the page's JSON-LD, searching `@graph`s and
/// arrays.
fn json_ld_article(ld: &[Value]) -> Option<Value> {
    ld.iter().find_map(|v| find_article(v, 0).cloned())
}

/// The page's JSON-LD blocks that parse. Parsed once for all that reads
/// them: [`declared`] and [`read_with`] on the clean's path.
pub fn json_ld(s: &Snapshot) -> Vec<Value> {
    s.json_ld
        .iter()
        .filter_map(|raw| {
            // Script bodies come wrapped in comment and CDATA markers.
            let cleaned = raw
                .replace("/*<![CDATA[*/", "")
                .replace("/*]]>*/", "")
                .replace("//<![CDATA[", "")
                .replace("//]]>", "")
                .replace("<![CDATA[", "")
                .replace("]]>", "");
            let cleaned = cleaned
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->");
            serde_json::from_str::<Value>(cleaned.trim()).ok()
        })
        .collect()
}

/// The first JSON-LD object with a `datePublished`, of any type.
fn json_ld_dated(ld: &[Value]) -> Option<Value> {
    ld.iter().find_map(|v| find_dated(v, 0).cloned())
}

fn find_dated(v: &Value, depth: usize) -> Option<&Value> {
    if depth > tune::JSON_LD_MAX_DEPTH {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|x| find_dated(x, depth + 1)),
        Value::Object(map) if map.get("datePublished").is_some_and(Value::is_string) => Some(v),
        Value::Object(map) => map
            .get("@graph")
            .or_else(|| map.get("mainEntity"))
            .and_then(|g| find_dated(g, depth + 1)),
        _ => None,
    }
}

fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|x| find_article(x, depth + 1)),
        Value::Object(map) => {
            let typed = match map.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if typed {
                return Some(v);
            }
            map.get("@graph")
                .or_else(|| map.get("mainEntity"))
                .and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

/// What a page says of itself in its metadata, for telling an article from
/// other pages: cheap, read without the rest of [`read`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Declared {
    /// JSON-LD of the Article family: it says so outright, even beside a
    /// product or an event it is about. Not a forum post or a job posting:
    /// schema.org files them under Article, but they are a thread and an
    /// offer, the page's own kind, and count in `other`.
    pub article: bool,
    /// `og:type` article, which many sites give every page.
    pub og_article: bool,
    /// JSON-LD of a kind that is no article (a product, a list of items, a
    /// forum thread, questions and answers, an app, a course, an event, a
    /// job), or `og:type` product.
    pub other: bool,
    /// A publication date: JSON-LD `datePublished`, an
    /// `article:published_time` meta or `itemprop`, or a `<time datetime>`.
    pub dated: bool,
}

/// JSON-LD `@type`s of pages that are not articles.
fn is_other_type(t: &str) -> bool {
    let t = t
        .trim_start_matches("http://schema.org/")
        .trim_start_matches("https://schema.org/");
    matches!(
        t,
        "Product"
            | "ProductGroup"
            | "Offer"
            | "AggregateOffer"
            | "ItemList"
            | "CollectionPage"
            | "SearchResultsPage"
            | "DiscussionForumPosting"
            | "QAPage"
            | "FAQPage"
            | "SoftwareApplication"
            | "WebApplication"
            | "Course"
            | "Event"
            | "JobPosting"
            // schema.org's "how-to topics, step-by-step procedures,
            // specifications": documentation, though filed under Article.
            | "TechArticle"
    )
}

/// Every object in a JSON-LD value, however deep (within bounds).
fn each_object(v: &Value, depth: usize, visit: &mut impl FnMut(&serde_json::Map<String, Value>)) {
    if depth > tune::JSON_LD_MAX_DEPTH {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|x| each_object(x, depth + 1, visit)),
        Value::Object(map) => {
            visit(map);
            map.values().for_each(|x| each_object(x, depth + 1, visit));
        }
        _ => {}
    }
}

/// What the page declares itself to be, and whether it is dated (`ld`:
/// its [`json_ld`]).
pub fn declared(s: &Snapshot, ld: &[Value]) -> Declared {
    let mut d = Declared::default();
    for v in ld {
        each_object(v, 0, &mut |map| {
            let types: Vec<&str> = match map.get("@type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            d.article |= types
                .iter()
                .any(|t| is_article_type(t) && !is_other_type(t));
            d.other |= types.iter().any(|t| is_other_type(t));
            d.dated |= map.get("datePublished").is_some_and(Value::is_string);
        });
    }
    match meta(s, &["og:type"])
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("article") => d.og_article = true,
        Some(t) if t.starts_with("product") => d.other = true,
        _ => {}
    }
    d.dated |= meta(s, &["article:published_time", "datePublished"]).is_some()
        || s.nodes.iter().any(|n| {
            n.attr("itemprop") == Some("datePublished")
                || (n.tag == "time" && n.attr("datetime").is_some())
        });
    d
}

/// A name from a JSON-LD person, organisation, string or list of them.
fn names(v: &Value) -> Option<String> {
    let one = |x: &Value| match x {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Object(m) => m
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_owned()),
        _ => None,
    };
    let list: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// An image URL from a JSON-LD string, `ImageObject` or list.
fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m
            .get("url")
            .or_else(|| m.get("contentUrl"))
            .and_then(image_url),
        Value::Array(items) => items.first().and_then(image_url),
        _ => None,
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| unescape(s.trim()))
        .filter(|s| !s.is_empty())
}

/// Meta values by key. A `property` may list several keys
/// ("og:title twitter:title").
fn meta<'a>(s: &'a Snapshot, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        s.meta
            .iter()
            .find(|(name, value)| {
                !value.trim().is_empty() && name.split_whitespace().any(|n| n == *k)
            })
            .map(|(_, v)| v.trim())
    })
}

pub fn read(s: &Snapshot) -> Metadata {
    read_with(s, &json_ld(s))
}

/// [`read`], with the page's [`json_ld`] parsed already.
pub fn read_with(s: &Snapshot, json_ld: &[Value]) -> Metadata {
    let ld = json_ld_article(json_ld);
    // Without an article object, the page's own (a `WebPage`) still dates it.
    let ld_page = ld.is_none().then(|| json_ld_dated(json_ld)).flatten();
    let ld_str = |key: &str| ld.as_ref().and_then(|v| str_field(v, key));
    let m = |keys: &[&str]| meta(s, keys).map(unescape);

    let doc_title = s.title.trim();
    let ld_title = {
        let (name, headline) = (ld_str("name"), ld_str("headline"));
        match (name, headline) {
            // Readability: prefer whichever matches the document title.
            (Some(n), Some(h)) if n != h => {
                Some(if doc_title.contains(&h) && !doc_title.contains(&n) {
                    h
                } else {
                    n
                })
            }
            (n, h) => h.or(n),
        }
    };
    let site_name = m(&["og:site_name"])
        .or_else(|| ld.as_ref().and_then(|v| v.get("publisher")).and_then(names))
        .or_else(|| m(&["application-name"]));
    let title = ld_title
        .or_else(|| {
            m(&[
                "dc:title",
                "dcterm:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .map(|t| strip_site_name(&t, site_name.as_deref(), s.url.as_deref()))
        .unwrap_or_else(|| title_from_document(s, doc_title));
    let (title, shown_h1) = match headline(s, &title, doc_title, site_name.as_deref()) {
        Some((i, text)) => (text, Some(i)),
        None => (title, None),
    };
    let title = without_tail(&title);
    let ld_author = ld
        .as_ref()
        .and_then(|v| v.get("author").or_else(|| v.get("creator")));
    let byline = ld_author.and_then(names).map(|b| unescape(&b)).or_else(|| {
        m(&[
            "dc:creator",
            "dcterm:creator",
            "author",
            "parsely-author",
            "article:author",
        ])
        .filter(|a| !a.starts_with("http"))
    });
    // The site's own name, or an organisation, is the publisher standing
    // in for the writer: a by-line on the page names the writer better.
    let publisher = ld.as_ref().and_then(|v| v.get("publisher")).and_then(names);
    let fold = |t: &str| fold_space(t.trim()).to_lowercase();
    let author_is_organization = ld_author.is_some_and(is_organization);
    let byline_is_publisher = author_is_organization
        || byline.as_deref().is_some_and(|b| {
            [site_name.as_deref(), publisher.as_deref()]
                .into_iter()
                .flatten()
                .any(|p| fold(p) == fold(b))
        });
    let excerpt = ld_str("description").or_else(|| {
        m(&[
            "dc:description",
            "dcterm:description",
            "og:description",
            "weibo:article:description",
            "weibo:webpage:description",
            "description",
            "twitter:description",
        ])
    });
    let month_first = month_first(s.lang.as_deref());
    let published = ld_str("datePublished")
        .or_else(|| {
            m(&[
                "article:published_time",
                "parsely-pub-date",
                "datepublished",
                "date",
                "dc.date",
                "dc.date.issued",
                "pubdate",
                "sailthru.date",
            ])
        })
        .or_else(|| ld_page.as_ref().and_then(|v| str_field(v, "datePublished")))
        .map(|d| dates::normalise(&d, month_first));
    let modified = ld_str("dateModified")
        .or_else(|| m(&["article:modified_time", "og:updated_time", "datemodified"]))
        .or_else(|| ld_page.as_ref().and_then(|v| str_field(v, "dateModified")))
        .map(|d| dates::normalise(&d, month_first));
    // The publication date, else the day the page shows nearest its
    // headline, else the modification date (a page that dates itself
    // only as "Updated …").
    let published =
        published.or_else(|| shown_date(s, headline_node(s, shown_h1, &title), month_first));
    let is_published = published.is_some();
    let published_time = published.or(modified);
    let lead_image = ld
        .as_ref()
        .and_then(|v| v.get("image"))
        .and_then(image_url)
        .or_else(|| {
            m(&[
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
                "twitter:image:src",
            ])
        });
    let lang = s
        .lang
        .clone()
        .or_else(|| m(&["content-language", "language", "dc.language"]))
        .or_else(|| ld_str("inLanguage"))
        .or_else(|| m(&["og:locale"]).map(|l| l.replace('_', "-")));
    let word_count = ld
        .as_ref()
        .and_then(|v| v.get("wordCount"))
        .and_then(|w| match w {
            Value::Number(n) => n.as_u64().map(|n| n as u32),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        });
    let declares_article =
        ld.is_some() || m(&["og:type"]).is_some_and(|t| t.eq_ignore_ascii_case("article"));
    Metadata {
        title,
        byline,
        byline_is_publisher,
        author_is_organization,
        headline: shown_h1,
        excerpt,
        site_name,
        published_time,
        published: is_published,
        lead_image,
        lang,
        article_body: ld.as_ref().and_then(|v| str_field(v, "articleBody")),
        word_count,
        declares_article,
    }
}

/// A by-line as a list of names: without the label before them ("Written
/// by", "Posted by:") and the date, time or reading time after them
/// ("– June 12, 2025", "Last updated on 17 December 2025"). `None` when
/// nothing is left ("By", a date alone, a number).
pub fn clean_byline(text: &str) -> Option<String> {
    let mut rest = fold_space(text.trim());
    // A long list of names (a paper's authors) is taken as it is: reading
    // it word by word for a date would cost the square of its length.
    if rest.len() > tune::BYLINE_CLEAN_MAX_BYTES {
        return Some(rest);
    }
    // A date may stand before the label ("Mar 6 Written By Ann Lee").
    if let Some(after) = after_leading_date(&rest).and_then(strip_label) {
        rest = after.to_owned();
    }
    // A label may be glued to the name ("Written byAnn Lee"), and more
    // than one may stand in front ("Author: By Ann Lee").
    while let Some(after) = strip_label(&rest) {
        rest = after.to_owned();
    }
    // A spaced dash ends the names: a job title or a team follows ("Ann
    // Lee - Product marketer").
    let cut = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| rest.find(d))
        .chain(date_start(&rest))
        .min()
        .unwrap_or(rest.len());
    // Separators and bullets around the name ("Ann Lee ●", "· Ann Lee").
    let name = rest[..cut]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | ')'))
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let name = once(name);
    // A name is a few words; more is a sentence ("By batching, we …").
    let names_are_short = name
        .split([',', '&'])
        .all(|n| n.split_whitespace().count() <= tune::BYLINE_NAME_MAX_WORDS);
    // An address is a contact, not a name; a trail of pages ("Home »
    // Services » …") is the page's breadcrumbs.
    let breadcrumbs = name.contains(['»', '›']);
    (names_are_short
        && !name.contains('@')
        && !breadcrumbs
        && name.chars().any(char::is_alphabetic))
    .then(|| name.to_owned())
}

/// The page's headline: the `<h1>` the title was read from, else the
/// heading that repeats the title (looked for only when asked: most pages
/// date and sign the article in the metadata).
pub fn headline_node(s: &Snapshot, h1: Option<NodeId>, title: &str) -> Option<NodeId> {
    h1.or_else(|| super::cleanup::find_headline(s, title))
}

/// A JSON-LD author that is an organisation (or a list of only those).
fn is_organization(v: &Value) -> bool {
    let typed = |x: &Value| {
        x.get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| matches!(t, "Organization" | "NewsMediaOrganization" | "Corporation"))
    };
    match v {
        Value::Array(items) => !items.is_empty() && items.iter().all(typed),
        other => typed(other),
    }
}

/// The by-line under the headline: the first short line after it that
/// starts with a by-line's label ("By Ann Lee", "Written by" and the name
/// in the next element).
pub fn shown_byline(s: &Snapshot, headline: Option<NodeId>) -> Option<String> {
    let start = s.nodes[headline?].end;
    let end = s.len().min(start + tune::SHOWN_DATE_AFTER);
    let mut i = start;
    while i < end {
        let n = &s.nodes[i];
        if n.is_element()
            && !n.hidden
            && n.text_len > 0
            && n.text_len <= tune::BYLINE_LINE_MAX_CHARS
            && !matches!(n.tag.as_str(), "nav" | "footer" | "aside")
        {
            let text = fold_space(s.text(i).trim());
            if let Some(rest) = strip_label(&text) {
                let next = n.end;
                let name = match rest.is_empty() {
                    false if rest.starts_with(char::is_uppercase) => {
                        clean_byline(&super::byline_text(s, i))
                    }
                    false => None,
                    // The label alone: the name is the next element.
                    true => (next < s.len()
                        && s.nodes[next].text_len <= tune::BYLINE_LINE_MAX_CHARS)
                        .then(|| clean_byline(&super::byline_text(s, next)))
                        .flatten(),
                };
                if name.is_some() {
                    return name;
                }
            }
            // A link to the writer's page names the writer.
            if is_author_link(n) {
                if let Some(name) = clean_byline(&text) {
                    return Some(name);
                }
            }
        }
        // A line that is no by-line may hold one ("Updated May 2 · Written
        // by Ann Lee"): its parts are read next.
        i += 1;
    }
    None
}

/// A link to a writer's page: `rel="author"`, or an address with an
/// author's path segment ("/authors/ann-lee", "/people/ann-lee").
pub fn is_author_link(n: &crate::snapshot::Node) -> bool {
    n.tag == "a"
        && (n
            .attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|t| t == "author"))
            || n.attr("href").is_some_and(|h| {
                let path = h.split(['?', '#']).next().unwrap_or("");
                let mut segments = path.split('/').filter(|p| !p.is_empty());
                // The segment must lead somewhere: "/authors/" alone lists them.
                segments.any(|p| {
                    crate::words::markup::AUTHOR_PATHS.contains(&p.to_ascii_lowercase().as_str())
                }) && segments.next().is_some()
            }))
}

/// What follows a by-line's label, if it starts with one. A short label
/// ("di", "von", "par") counts only as written, in lower case, so that it
/// is not a name's first part ("Di Maria", "Von Trapp").
fn strip_label(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    crate::words::byline_labels().iter().find_map(|label| {
        let exact = text.starts_with(label);
        if !(exact || (label.len() > 3 || *label == "by") && lower.starts_with(label)) {
            return None;
        }
        // `to_lowercase` keeps the length of what labels are made of.
        let after = text.get(label.len()..)?;
        // The label alone ("Written by") leaves nothing.
        let Some(next) = after.chars().next() else {
            return Some(after);
        };
        (next.is_whitespace() || next == ':' || next.is_uppercase())
            .then(|| after.trim_start_matches(|c: char| c.is_whitespace() || c == ':'))
    })
}

/// A name said once: some pages repeat the by-line's name for each
/// layout ("Ann Lee Ann Lee").
fn once(text: &str) -> &str {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    let repeats = (1..n)
        .filter(|k| n % k == 0)
        .find(|&k| words.chunks(k).all(|c| c == &words[..k]));
    match repeats {
        // The unit's last word is a slice of `text`: it ends there.
        Some(k) => {
            &text[..words[k - 1].as_ptr() as usize - text.as_ptr() as usize + words[k - 1].len()]
        }
        None => text,
    }
}

/// What follows the date words and numbers a text starts with, if it
/// starts with some.
fn after_leading_date(text: &str) -> Option<&str> {
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let datey =
            w.starts_with(|c: char| c.is_ascii_digit()) || crate::words::month(&w).is_some();
        if !datey {
            break;
        }
        at += word.len();
    }
    (at > 0).then(|| &text[at..])
}

/// Where the date in a by-line starts: the first word from which on the
/// text holds a date, when that word is a date word, a month or a number
/// ("on Friday December 19, 2025", "Jul 18, 2025 7 min").
fn date_start(text: &str) -> Option<usize> {
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let datey = w.starts_with(|c: char| c.is_ascii_digit())
            || crate::words::is_date_word(&w)
            || crate::words::month(&w).is_some();
        let rest = &text[at..];
        if datey && (dates::find(rest, true).is_some() || is_reading_time(rest) || is_day(rest)) {
            return Some(at);
        }
        at += word.len();
    }
    None
}

/// A month and a day without a year ("December 8", "Mar 6th").
fn is_day(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.next().is_some_and(|m| {
        crate::words::month(
            &m.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase(),
        )
        .is_some()
    }) && words
        .next()
        .is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit()))
}

/// "5 min read", "11 Min": a reading time.
fn is_reading_time(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words
        .next()
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        && words
            .next()
            .is_some_and(|m| m.to_lowercase().starts_with("min"))
}

/// American pages (and those that do not say) write the month first:
/// 09/25/2025.
fn month_first(lang: Option<&str>) -> bool {
    lang.is_none_or(|l| {
        let l = l.trim().to_ascii_lowercase();
        l == "en" || l.starts_with("en-us") || l.is_empty()
    })
}

/// The date the page shows beside its headline: the first `<time>` or
/// short line with a date ("Updated on July 9, 2025") after the headline,
/// in its by-line and dateline, else just above it. With its `datetime`
/// when a `<time>` gives one.
fn shown_date(s: &Snapshot, headline: Option<NodeId>, month_first: bool) -> Option<String> {
    let start = headline.map_or(s.body(), |h| s.nodes[h].end);
    let after = start..s.len().min(start + tune::SHOWN_DATE_AFTER);
    let before = headline
        .map_or(0..0, |h| h.saturating_sub(tune::SHOWN_DATE_BEFORE)..h)
        .rev();
    after
        .chain(before)
        .find_map(|i| date_at(s, i, month_first))
        .map(|(_, text)| text)
}

fn date_at(s: &Snapshot, i: NodeId, month_first: bool) -> Option<(Day, String)> {
    let n = &s.nodes[i];
    if !n.is_element() || n.hidden || n.text_len > tune::DATE_LINE_MAX_CHARS {
        return None;
    }
    let found = if n.tag == "time" {
        let attr = n.attr("datetime").map(str::trim).unwrap_or("");
        match dates::iso_day(attr) {
            Some(day) => Some((day, attr.to_owned())),
            None => dates::find(&s.text(i), month_first).map(|d| (d, d.iso())),
        }
    } else {
        if n.text_len == 0 || n.element_count > tune::DATE_LINE_MAX_ELEMENTS {
            return None;
        }
        // A short line with a date beside the headline is its dateline,
        // whatever else it says ("Jun 08, 2023 • 11 min read").
        dates::find(&s.text(i), month_first).map(|d| (d, d.iso()))
    };
    // A date in the navigation or the footer is not the article's.
    found.filter(|_| {
        !std::iter::once(i)
            .chain(s.ancestors(i))
            .any(|a| matches!(s.nodes[a].tag.as_str(), "nav" | "footer" | "aside"))
    })
}

/// Characters that separate a title from the site's name.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»', '·', '•', ':'];

/// Drops a " - Site Name" suffix or "Site Name | " prefix when it names the
/// site: its `og:site_name`, or its host ("Shopwise.com", "PixelForge" on
/// pixelforge.io) when the page names no site.
fn strip_site_name(title: &str, site: Option<&str>, url: Option<&str>) -> String {
    let title = title.trim();
    let site = site.map(str::trim).filter(|s| !s.is_empty());
    let hosts = host_names(url);
    let letters = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let norm = |t: &str| t.trim().to_lowercase();
    let is_site = |part: &str| {
        site.is_some_and(|site| norm(part) == norm(site))
            || (!hosts.is_empty() && hosts.contains(&letters(part)))
    };
    for sep in SEPARATORS {
        let pat = format!(" {sep} ");
        if let Some((head, tail)) = title.rsplit_once(&pat) {
            if is_site(tail) && !head.trim().is_empty() {
                return head.trim().to_owned();
            }
        }
        if let Some((head, tail)) = title.split_once(&pat) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// The title without a short tail after a bar ("… | Opinion", "… | Top
/// 19 Companies") or a one-word one after a dash ("… – Artline"): a
/// section, a site or a pitch, which the page's headline leaves out. A
/// dash before more words is the title's own ("Best Bread Machines – My
/// Favorites!").
fn without_tail(title: &str) -> String {
    let cuts = [
        (" | ", tune::TITLE_TAIL_AFTER_BAR_WORDS),
        (" – ", 1),
        (" — ", 1),
        (" - ", 1),
    ];
    for (sep, max_words) in cuts {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.split_whitespace().count() <= max_words
                && head.split_whitespace().count() >= tune::TITLE_MIN_WORDS
            {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// How a site's name may be written from its host, in lower-case letters
/// and digits: "www.shopwise.com" gives "shopwise" and "shopwisecom".
fn host_names(url: Option<&str>) -> Vec<String> {
    let Some(url) = url else {
        return Vec::new();
    };
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let Some((tld, rest)) = labels.split_last() else {
        return Vec::new();
    };
    let clean = |l: &str| -> String { l.chars().filter(char::is_ascii_alphanumeric).collect() };
    let mut out: Vec<String> = rest
        .iter()
        .map(|l| clean(l))
        .filter(|l| l.len() >= tune::SITE_NAME_MIN_CHARS)
        .collect();
    if let Some(name) = rest.last() {
        out.push(clean(name) + &clean(tld));
    }
    out
}

/// The headline the page shows its reader: the visible `<h1>` that agrees
/// best with the title the metadata gives, or with the `<title>`. Sites
/// often write one title for search engines and share cards ("Top 11 SEO
/// Strategies for 2025") and another for the reader ("11 SEO Strategies
/// for 2025 to Boost Rankings"), and the reader sees the `<h1>`. An `<h1>`
/// that shares little with either title is a logo, the site's name or a
/// section label ("Webcams" under "Webcams - Yosemite National Park"),
/// and the title stays.
fn headline(
    s: &Snapshot,
    title: &str,
    doc_title: &str,
    site: Option<&str>,
) -> Option<(NodeId, String)> {
    let refs: Vec<FnvSet<String>> = [title, doc_title]
        .iter()
        .map(|t| {
            tokens(t)
                .map(|w| w.into_owned())
                .collect::<FnvSet<String>>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    let site = site.map(|t| fold_space(t.trim()).to_lowercase());
    let mut best: Option<(f32, NodeId, String)> = None;
    for i in 0..s.len() {
        let n = &s.nodes[i];
        if n.tag != "h1" || n.hidden || n.text_len == 0 || n.text_len > tune::HEADLINE_MAX_CHARS {
            continue;
        }
        // Navigation and footers hold the site's name, not the article's.
        if s.ancestors(i)
            .any(|a| matches!(s.nodes[a].tag.as_str(), "nav" | "footer" | "aside"))
        {
            continue;
        }
        let text = fold_space(s.text(i).trim());
        if site.as_deref() == Some(text.to_lowercase().as_str()) {
            continue;
        }
        let words: FnvSet<String> = tokens(&text).map(|w| w.into_owned()).collect();
        let agreement = refs
            .iter()
            .filter_map(|r| agreement(&words, r))
            .fold(0.0, f32::max);
        if agreement > 0.0 && best.as_ref().is_none_or(|(b, _, _)| agreement > *b) {
            best = Some((agreement, i, text));
        }
    }
    best.map(|(_, i, text)| (i, text))
}

/// How well a heading's words agree with a title's: the F-measure of the
/// words they share, or `None` when either side shares less than
/// [`tune::HEADLINE_MIN_SHARED`] of its own words.
fn agreement(heading: &FnvSet<String>, title: &FnvSet<String>) -> Option<f32> {
    let shared = heading.iter().filter(|w| title.contains(*w)).count() as f32;
    let (precision, recall) = (
        shared / heading.len().max(1) as f32,
        shared / title.len().max(1) as f32,
    );
    (precision >= tune::HEADLINE_MIN_SHARED && recall >= tune::HEADLINE_MIN_SHARED)
        .then(|| 2.0 * precision * recall / (precision + recall))
}

fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}

/// Readability's `_getArticleTitle`: the `<title>` without its site-name
/// part, or the page's only `<h1>` when the title is odd.
fn title_from_document(s: &Snapshot, orig: &str) -> String {
    let is_sep = |c: char| matches!(c, '|' | '-' | '–' | '—' | '\\' | '/' | '>' | '»');
    let has_spaced_sep = |t: &str, hierarchical: bool| {
        let chars: Vec<char> = t.chars().collect();
        chars.windows(3).any(|w| {
            w[0] == ' '
                && w[2] == ' '
                && if hierarchical {
                    matches!(w[1], '\\' | '/' | '>' | '»')
                } else {
                    is_sep(w[1])
                }
        })
    };
    let mut cur = orig.to_owned();
    let mut hierarchical = false;
    if has_spaced_sep(orig, false) {
        hierarchical = has_spaced_sep(orig, true);
        // Everything before the last " <sep> ".
        let chars: Vec<char> = orig.chars().collect();
        let cut = (1..chars.len().saturating_sub(1))
            .rev()
            .find(|&k| chars[k - 1] == ' ' && is_sep(chars[k]) && chars[k + 1] == ' ');
        if let Some(k) = cut {
            cur = chars[..k - 1].iter().collect();
        }
        if word_count(&cur) < 3 {
            let first = (1..chars.len().saturating_sub(1))
                .find(|&k| chars[k - 1] == ' ' && is_sep(chars[k]) && chars[k + 1] == ' ');
            if let Some(k) = first {
                cur = chars[k + 1..].iter().collect();
            }
        }
    } else if let Some(colon) = orig.find(": ") {
        let headings_match = s
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.tag == "h1" || n.tag == "h2")
            .filter(|(_, n)| n.text_len <= tune::MAX_HEADLINE_TEXT)
            .any(|(i, _)| s.text(i).trim() == orig.trim());
        if !headings_match {
            cur = orig[orig.rfind(':').map_or(0, |k| k + 1)..].to_owned();
            if word_count(&cur) < 3 {
                cur = orig[colon + 1..].to_owned();
            } else if word_count(&orig[..colon]) > tune::TITLE_PREFIX_MAX_WORDS {
                cur = orig.to_owned();
            }
        }
    } else if orig.chars().count() > tune::TITLE_MAX_CHARS
        || orig.chars().count() < tune::TITLE_MIN_CHARS
    {
        let h1s: Vec<usize> = (0..s.len()).filter(|&i| s.nodes[i].tag == "h1").collect();
        if h1s.len() == 1 {
            cur = s.text(h1s[0]);
        }
    }
    let cur = fold_space(cur.trim());
    let n = word_count(&cur);
    let orig_words_without_seps =
        word_count(&orig.chars().filter(|&c| !is_sep(c)).collect::<String>());
    if n <= tune::TITLE_SHORT_WORDS
        && (!hierarchical || n != orig_words_without_seps.saturating_sub(1))
    {
        return orig.to_owned();
    }
    cur
}

/// Decodes the HTML entities that survive in meta values and JSON-LD.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        // A `;` within the next 12 bytes ends the entity. Bytes, not a
        // `&str` slice: byte 12 may fall inside a character ("&abcdefghijé").
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => {
                    name[1..].parse::<u32>().ok().and_then(char::from_u32)
                }
                _ => None,
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::dom::html::parse;

    #[test]
    fn json_ld_graph_and_meta() {
        let s = parse(
            r#"<html><head><title>Big news - The Paper</title>
            <meta property="og:site_name" content="The Paper">
            <meta property="og:title twitter:title" content="Big news - The Paper">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
              {"@type":"NewsArticle","author":[{"name":"A. Writer"},{"name":"B. Writer"}],"datePublished":"2020-01-02",
               "image":{"@type":"ImageObject","url":"https://x.test/i.jpg"},"articleBody":"Body &amp; soul","wordCount":"3"}]}</script>
            </head><body></body></html>"#,
            None,
        );
        let m = read(&s);
        assert_eq!(m.title, "Big news");
        assert_eq!(m.byline.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(m.published_time.as_deref(), Some("2020-01-02"));
        assert_eq!(m.lead_image.as_deref(), Some("https://x.test/i.jpg"));
        assert_eq!(m.article_body.as_deref(), Some("Body & soul"));
        assert_eq!(m.word_count, Some(3));
        assert!(m.declares_article);
    }

    #[test]
    fn document_title_loses_site_part() {
        let s = parse(
            "<title>How to grow tomatoes at home | Garden Weekly</title>",
            None,
        );
        assert_eq!(read(&s).title, "How to grow tomatoes at home");
        let s = parse("<title>Short | Site</title>", None);
        assert_eq!(read(&s).title, "Short | Site");
    }

    /// The reader sees the `<h1>`, not the title written for search engines.
    #[test]
    fn the_visible_headline_beats_the_search_title() {
        let s = parse(
            r#"<html><head><title>Top 11 SEO Strategies for 2025 | Acme</title>
            <meta property="og:title" content="Top 11 SEO Strategies for 2025"></head>
            <body><header><h1>Acme</h1></header>
            <article><h1>11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead</h1>
            <p>Text.</p></article></body></html>"#,
            None,
        );
        assert_eq!(
            read(&s).title,
            "11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead"
        );
    }

    /// An `<h1>` that is a logo, a label or one word of the title leaves
    /// the title as it is.
    #[test]
    fn a_logo_or_label_h1_is_not_the_headline() {
        for h1 in ["Webcams", "Our Blog", "Garden Weekly"] {
            let s = parse(
                &format!(
                    r#"<html><head><title>Webcams - How to grow tomatoes at home | Garden Weekly</title>
                    <meta property="og:site_name" content="Garden Weekly">
                    <meta property="og:title" content="How to grow tomatoes at home">
                    </head><body><h1>{h1}</h1><p>Text.</p></body></html>"#
                ),
                None,
            );
            assert_eq!(read(&s).title, "How to grow tomatoes at home", "{h1}");
        }
    }

    /// Without a date in the metadata, the dateline beside the headline
    /// dates the article; one in the footer does not.
    #[test]
    fn the_dateline_under_the_headline_dates_the_article() {
        let page = |dateline: &str| {
            parse(
                &format!(
                    r#"<html lang="en-US"><head><title>How to grow tomatoes at home</title></head>
                    <body><nav><span>Dec 1, 2025</span></nav><article>
                    <h1>How to grow tomatoes at home</h1>{dateline}
                    <p>Tomatoes like sun.</p></article>
                    <footer><p>Updated 02/03/2024</p></footer></body></html>"#
                ),
                None,
            )
        };
        let date = |dateline: &str| read(&page(dateline)).published_time;
        assert_eq!(
            date("<p>By Ann Lee · Updated on <span>July 9, 2025</span> · 4 min read</p>")
                .as_deref(),
            Some("2025-07-09")
        );
        assert_eq!(
            date(r#"<time datetime="2025-07-09T08:00:00-05:00">Yesterday</time>"#).as_deref(),
            Some("2025-07-09T08:00:00-05:00")
        );
        assert_eq!(date(""), None);
    }

    /// The metadata's own date wins, written as ISO, and a `WebPage` in
    /// the JSON-LD dates the page when no article object does.
    #[test]
    fn metadata_dates_are_iso_and_a_web_page_dates_itself() {
        let s = parse(
            r#"<head><meta name="date" content="Feb 08, 2022"></head><body><h1>A title of the page</h1>
            <p>Updated March 1, 2024</p></body>"#,
            None,
        );
        assert_eq!(read(&s).published_time.as_deref(), Some("2022-02-08"));
        let s = parse(
            r#"<head><script type="application/ld+json">{"@graph":[{"@type":"WebPage",
            "datePublished":"2024-03-17T19:47:39+00:00"}]}</script></head><body><p>Text.</p></body>"#,
            None,
        );
        assert_eq!(
            read(&s).published_time.as_deref(),
            Some("2024-03-17T19:47:39+00:00")
        );
    }

    #[test]
    fn bylines_lose_their_labels_dates_and_repeats() {
        let clean = |t: &str| clean_byline(t);
        assert_eq!(clean("By Ann Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(clean("Written byAnn Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(clean("Author: By Ann Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(
            clean("By Ann Lee - June 12, 2025").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            clean("Posted by KestrelB on Friday December 19, 2025 @08:00PM").as_deref(),
            Some("KestrelB")
        );
        assert_eq!(
            clean("Ola Smith Jul 18, 2025 7 min").as_deref(),
            Some("Ola Smith")
        );
        assert_eq!(clean("Ann Lee • 5 min read").as_deref(), Some("Ann Lee"));
        assert_eq!(
            clean("Mar 6 Written By Ann Lee").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(clean("Ann Lee December 8").as_deref(), Some("Ann Lee"));
        assert_eq!(clean("Ann Lee Ann Lee").as_deref(), Some("Ann Lee"));
        assert_eq!(clean("Ann Lee ●").as_deref(), Some("Ann Lee"));
        assert_eq!(
            clean("Ann Lee - Product marketer").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(clean("ops@example.com"), None);
        assert_eq!(clean("Von der Leyen").as_deref(), Some("Von der Leyen"));
        assert_eq!(clean("June Carter").as_deref(), Some("June Carter"));
        for none in [
            "By",
            "August 28, 2025 • 5 min read",
            "262588213843476",
            "By batching requests we can serve more users",
            "Home » Services » Consulting",
            "Home › Blog",
        ] {
            assert_eq!(clean(none), None, "{none}");
        }
    }

    /// The by-line under the headline names the writer: after its label,
    /// or in a link to the writer's page.
    #[test]
    fn the_byline_under_the_headline() {
        let byline = |html: &str| {
            let s = parse(
                &format!(
                    r#"<html><head><title>How to grow tomatoes at home</title></head><body>
                    <article><h1>How to grow tomatoes at home</h1>{html}
                    <p>Tomatoes like sun, water and a little patience from the gardener.</p>
                    </article></body></html>"#
                ),
                None,
            );
            let m = read(&s);
            shown_byline(&s, headline_node(&s, m.headline, &m.title))
        };
        assert_eq!(
            byline(r#"<p class="x">Written by</p><p class="y">Ann Lee</p>"#).as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            byline(
                r#"<p>By <a href="/people/ann-lee">Ann Lee</a> in <a href="/garden">Garden</a></p>"#
            )
            .as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            byline(r#"<div><img alt=""><a href="/authors/ann-lee">Ann Lee</a></div>"#).as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            byline(r#"<div><p>Updated <time>May 2, 2025</time></p><p>Written by</p><p>Ann Lee</p></div>"#)
                .as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(byline("<p>By the way, water them daily.</p>"), None);
    }

    /// An author that is the publisher gives way to the page's by-line.
    #[test]
    fn the_publisher_is_not_the_writer() {
        let s = parse(
            r#"<html><head><title>How to grow tomatoes at home</title>
            <meta property="og:site_name" content="Garden Weekly">
            <meta name="author" content="Garden Weekly"></head><body><article>
            <h1>How to grow tomatoes at home</h1><p>By Ann Lee</p>
            <p>Tomatoes like sun, water and a little patience from the gardener.</p>
            </article></body></html>"#,
            None,
        );
        let m = read(&s);
        assert!(m.byline_is_publisher);
        assert_eq!(
            shown_byline(&s, headline_node(&s, m.headline, &m.title)).as_deref(),
            Some("Ann Lee")
        );
        let a = crate::article::find(&s, &crate::article::ExtractOptions::default()).unwrap();
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
    }

    /// A site named by its host, a section after a bar and a name after a
    /// dash leave the title; a dash before words of the title stays.
    #[test]
    fn titles_lose_site_and_section_tails() {
        let title = |t: &str, url: &str| {
            let html =
                format!(r#"<head><meta property="og:title" content="{t}"></head><p>Text.</p>"#);
            read(&parse(&html, Some(url))).title
        };
        let url = "https://www.pixelforge.io/blog/good-game";
        assert_eq!(
            title("PixelForge | How to Make a Good Game", url),
            "How to Make a Good Game"
        );
        assert_eq!(
            title("How meditation rewires brains | Opinion", url),
            "How meditation rewires brains"
        );
        assert_eq!(
            title("Best UK Art Exhibitions 2025 – Artline", url),
            "Best UK Art Exhibitions 2025"
        );
        assert_eq!(
            title("Best Bread Machines – My Favorites!", url),
            "Best Bread Machines – My Favorites!"
        );
    }

    #[test]
    fn entities() {
        assert_eq!(
            unescape("a &amp; b &#39;c&#x27; &bogus; &"),
            "a & b 'c' &bogus; &"
        );
    }

    /// Found by the fuzzer: the entity search looked 12 bytes ahead by
    /// slicing the string, which panics inside a multi-byte character.
    #[test]
    fn an_entity_like_run_before_a_multi_byte_character() {
        assert_eq!(
            unescape("&abcdefghij\u{e9} suffix"),
            "&abcdefghij\u{e9} suffix"
        );
        assert_eq!(unescape("&abcdefghi\u{1D11E};"), "&abcdefghi\u{1D11E};");
        assert_eq!(unescape("&#x10FFFF;&amp;\u{e9}"), "\u{10FFFF}&\u{e9}");
    }
}
