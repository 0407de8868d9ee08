//! Makes fuzz inputs: a window of a seed page, then a few mutations that
//! aim at what broke the core before (byte slicing next to multi-byte
//! characters, entities, dates in metadata) and at what could make it slow
//! or overflow the stack (deep nesting, huge element counts, attribute
//! floods, long texts).
//!
//! Everything comes from one `fastrand::Rng`, so an input is a pure function
//! of the seed pool, the run's seed and the iteration number.

use crate::seeds::Pool;
use fastrand::Rng;

/// No input grows past this: big enough for a real page's worth of
/// markup, small enough that a million executions take minutes, not days.
pub const MAX_INPUT: usize = 512 * 1024;

/// The input of one iteration.
pub fn input(pool: &Pool, rng: &mut Rng) -> Vec<u8> {
    let mut data = window(&pool.pick(rng).bytes, target_size(rng), rng);
    let mutations = match rng.u8(..10) {
        0 => 0,
        1..=6 => rng.usize(1..=3),
        _ => rng.usize(4..=10),
    };
    for _ in 0..mutations {
        mutate(&mut data, pool, rng);
    }
    data.truncate(MAX_INPUT);
    data
}

/// Most inputs are under two kilobytes (fast: millions of runs), some
/// tens of kilobytes, three in a thousand up to [`MAX_INPUT`] (where
/// slowness shows, and each costs as much as a hundred small ones).
fn target_size(rng: &mut Rng) -> usize {
    let (lo, hi): (f64, f64) = match rng.u16(..1000) {
        0..=899 => (32.0, 2_048.0),
        900..=996 => (2_048.0, 16_384.0),
        _ => (16_384.0, MAX_INPUT as f64),
    };
    // Log-uniform: as many 100-byte inputs as 10-kilobyte ones.
    (lo * (hi / lo).powf(rng.f64())) as usize
}

/// `len` bytes of `page`: from its start (with its `<head>` and metadata)
/// a third of the time, else from anywhere.
fn window(page: &[u8], len: usize, rng: &mut Rng) -> Vec<u8> {
    if page.len() <= len {
        return page.to_vec();
    }
    let start = if rng.u8(..3) == 0 {
        0
    } else {
        rng.usize(..=page.len() - len)
    };
    page[start..start + len].to_vec()
}

/// One mutation in this many is a heavy one (thousands of elements or
/// attributes): they take up to a second each, so they are kept rare
/// enough for millions of runs.
const HEAVY_ONE_IN: u32 = 300;
/// Deep nesting is rarer still: html5ever's parse is quadratic in depth
/// (a second or more at 20,000 levels). `tests/robustness.rs` covers the
/// analysis of deep trees built directly.
const DEEP_ONE_IN: u32 = 1_000;

/// Many, one time in `one_in`: 1,000 up to `max`, log-uniform; else up
/// to `light`.
fn how_many(rng: &mut Rng, one_in: u32, light: usize, max: usize) -> usize {
    if rng.u32(..one_in) == 0 {
        (1_000.0 * (max as f64 / 1_000.0).powf(rng.f64())) as usize
    } else {
        rng.usize(1..=light)
    }
}

fn mutate(data: &mut Vec<u8>, pool: &Pool, rng: &mut Rng) {
    match rng.u8(..14) {
        0 => truncate(data, rng),
        1 => splice(data, pool, rng),
        2 => swap_chunks(data, rng),
        3 => duplicate_chunk(data, rng),
        4 => delete_chunk(data, rng),
        5 => nest(data, rng),
        6 => random_bytes(data, rng),
        7 | 8 => {
            let token = pick(rng, DICTIONARY).as_bytes().to_vec();
            insert(data, &token, rng)
        }
        9 | 10 => {
            let snippet = metadata_snippet(rng);
            insert(data, snippet.as_bytes(), rng)
        }
        11 => attribute_flood(data, rng),
        12 => element_flood(data, rng),
        _ => rename_tag(data, rng),
    }
}

/// Keeps a prefix or a suffix.
fn truncate(data: &mut Vec<u8>, rng: &mut Rng) {
    let cut = rng.usize(..=data.len());
    if rng.bool() {
        data.truncate(cut);
    } else {
        data.drain(..cut);
    }
}

/// This page's start, then another page from anywhere.
fn splice(data: &mut Vec<u8>, pool: &Pool, rng: &mut Rng) {
    let other = &pool.pick(rng).bytes;
    data.truncate(rng.usize(..=data.len()));
    let room = MAX_INPUT.saturating_sub(data.len());
    let take = target_size(rng).min(room);
    data.extend(window(other, take, rng));
}

/// A random range of `data`, at most `max` long.
fn chunk(data: &[u8], max: usize, rng: &mut Rng) -> (usize, usize) {
    let start = rng.usize(..=data.len());
    let len = rng.usize(..=max.min(data.len() - start));
    (start, start + len)
}

fn swap_chunks(data: &mut Vec<u8>, rng: &mut Rng) {
    let (a0, a1) = chunk(data, 4096, rng);
    let rest = &data[a1..];
    let (b0, b1) = chunk(rest, 4096, rng);
    let (b0, b1) = (a1 + b0, a1 + b1);
    let mut swapped = Vec::with_capacity(data.len());
    swapped.extend_from_slice(&data[..a0]);
    swapped.extend_from_slice(&data[b0..b1]);
    swapped.extend_from_slice(&data[a1..b0]);
    swapped.extend_from_slice(&data[a0..a1]);
    swapped.extend_from_slice(&data[b1..]);
    *data = swapped;
}

/// Copies of a chunk, elsewhere or right after it: repeated widgets.
fn duplicate_chunk(data: &mut Vec<u8>, rng: &mut Rng) {
    let (from, to) = chunk(data, 2048, rng);
    if from == to {
        return;
    }
    let piece = data[from..to].to_vec();
    let copies = if rng.u8(..32) == 0 {
        rng.usize(1..=200)
    } else {
        rng.usize(1..=3)
    };
    let copies = copies.min(MAX_INPUT.saturating_sub(data.len()) / piece.len());
    let at = if rng.bool() {
        to
    } else {
        rng.usize(..=data.len())
    };
    let repeated = piece.repeat(copies);
    data.splice(at..at, repeated);
}

fn delete_chunk(data: &mut Vec<u8>, rng: &mut Rng) {
    let (from, to) = chunk(data, 8192, rng);
    data.drain(from..to);
}

/// Openers that html5ever keeps nesting (blocks, inline formatting, lists,
/// tables, links), repeated up to tens of thousands of times.
fn nest(data: &mut Vec<u8>, rng: &mut Rng) {
    const OPENERS: &[&str] = &[
        "<div>",
        "<div class=\"content\">",
        "<span>",
        "<b>",
        "<i>",
        "<a href=\"/x\">",
        "<section>",
        "<article>",
        "<blockquote>",
        "<ul><li>",
        "<ol><li>",
        "<table><tr><td>",
        "<p><span>",
        "<font>",
        "<em>",
        "<div><p>Nested text, long enough to count as a paragraph somewhere.",
        "<aside>",
        "<figure>",
        "<details>",
        "<form>",
    ];
    let opener = pick(rng, OPENERS);
    let depth = how_many(rng, DEEP_ONE_IN, 300, 25_000);
    let depth = depth.min(MAX_INPUT.saturating_sub(data.len()) / opener.len());
    let mut nested = opener.repeat(depth).into_bytes();
    if rng.bool() {
        nested.extend(b"Deep text here, more deep text here, and yet more deep text.");
    }
    insert(data, &nested, rng);
}

fn random_bytes(data: &mut Vec<u8>, rng: &mut Rng) {
    let count = rng.usize(1..=16);
    for _ in 0..count {
        let at = rng.usize(..=data.len());
        let byte = rng.u8(..);
        if at < data.len() && rng.bool() {
            data[at] = byte;
        } else {
            data.insert(at, byte);
        }
    }
}

/// One element with thousands of attributes.
fn attribute_flood(data: &mut Vec<u8>, rng: &mut Rng) {
    let count = how_many(rng, HEAVY_ONE_IN, 100, 10_000);
    let mut el = String::from("<div");
    for k in 0..count {
        let name = match rng.u8(..6) {
            0 => "class",
            1 => "id",
            2 => "style",
            3 => "aria-hidden",
            _ => "data-x",
        };
        el.push_str(&format!(
            " {name}{k}=\"v{k}\" {name}=\"{}\"",
            pick(rng, WORDS)
        ));
        if el.len() + data.len() > MAX_INPUT {
            break;
        }
    }
    el.push_str(">Text inside the flooded element.</div>");
    insert(data, el.as_bytes(), rng);
}

/// Many small siblings: a huge element count.
fn element_flood(data: &mut Vec<u8>, rng: &mut Rng) {
    const ELEMENTS: &[&str] = &[
        "<p>x</p>",
        "<li><a href=\"/a\">Link</a></li>",
        "<div></div>",
        "<br>",
        "<span>word </span>",
        "<img src=\"i.jpg\">",
        "<p>Some sentence of prose, with commas, and more words than that.</p>",
        "<form><input type=\"email\"><button>Subscribe</button></form>",
        "<h2>Heading</h2>",
        "<td>cell</td>",
    ];
    let el = pick(rng, ELEMENTS);
    let count = how_many(rng, HEAVY_ONE_IN, 200, 100_000);
    let count = count.min(MAX_INPUT.saturating_sub(data.len()) / el.len());
    insert(data, el.repeat(count).as_bytes(), rng);
}

/// `<tag` becomes another tag, and so does its `</tag` when it follows.
fn rename_tag(data: &mut Vec<u8>, rng: &mut Rng) {
    let Some(at) = tag_start(data, rng) else {
        return;
    };
    let name_end = data[at + 1..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .map_or(data.len(), |p| at + 1 + p);
    let new = pick(rng, TAG_NAMES).as_bytes().to_vec();
    data.splice(at + 1..name_end, new);
}

/// A position before a `<` (half the time) or anywhere.
fn position(data: &[u8], rng: &mut Rng) -> usize {
    if rng.bool() {
        if let Some(at) = tag_start(data, rng) {
            return at;
        }
    }
    rng.usize(..=data.len())
}

/// The first `<` at or after a random point.
fn tag_start(data: &[u8], rng: &mut Rng) -> Option<usize> {
    let from = rng.usize(..=data.len());
    data[from..]
        .iter()
        .position(|&b| b == b'<')
        .map(|p| from + p)
}

fn insert(data: &mut Vec<u8>, piece: &[u8], rng: &mut Rng) {
    let at = position(data, rng);
    data.splice(at..at, piece.iter().copied());
}

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.usize(..from.len())]
}

/// A `<meta>`, `<title>`, JSON-LD block or `<time>` whose values are
/// pieces of the dictionary: the metadata reader's input.
fn metadata_snippet(rng: &mut Rng) -> String {
    match rng.u8(..5) {
        0 | 1 => format!(
            "<meta {}=\"{}\" content=\"{}\">",
            pick(rng, &["property", "name", "itemprop"]),
            pick(rng, META_KEYS),
            value(rng, false)
        ),
        2 => format!("<title>{}</title>", value(rng, false)),
        3 => json_ld(rng),
        _ => format!(
            "<time datetime=\"{}\">{}</time>",
            value(rng, false),
            value(rng, false)
        ),
    }
}

fn json_ld(rng: &mut Rng) -> String {
    let escaped = rng.u8(..4) != 0;
    let mut fields = vec![format!(
        "\"@type\":\"{}\"",
        pick(
            rng,
            &["NewsArticle", "Article", "BlogPosting", "WebPage", "Report"]
        )
    )];
    for _ in 0..rng.usize(1..=6) {
        let key = pick(
            rng,
            &[
                "headline",
                "name",
                "datePublished",
                "description",
                "articleBody",
                "wordCount",
                "inLanguage",
                "image",
            ],
        );
        fields.push(format!("\"{key}\":\"{}\"", value(rng, escaped)));
    }
    if rng.bool() {
        fields.push(format!(
            "\"author\":[{{\"name\":\"{}\"}},\"{}\"]",
            value(rng, escaped),
            value(rng, escaped)
        ));
    }
    let mut object = format!("{{{}}}", fields.join(","));
    if rng.u8(..4) == 0 {
        // Deep arrays and graphs: the JSON-LD search is bounded by depth.
        let depth = rng.usize(1..=200);
        object = format!(
            "{}{{\"@graph\":{object}}}{}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
    }
    format!("<script type=\"application/ld+json\">{object}</script>")
}

/// One to five dictionary pieces glued together; JSON-escaped when asked.
fn value(rng: &mut Rng, json_escaped: bool) -> String {
    let mut v = String::new();
    for _ in 0..rng.usize(1..=5) {
        let from = match rng.u8(..4) {
            0 => ENTITIES,
            1 => CHARACTERS,
            2 => DATES,
            _ => WORDS,
        };
        v.push_str(pick(rng, from));
    }
    let v = if json_escaped {
        serde_json::to_string(&v).unwrap_or_default()
    } else {
        format!("\"{v}\"")
    };
    // Both forms come quoted; the snippet puts its own quotes.
    v[1..v.len() - 1].to_owned()
}

const META_KEYS: &[&str] = &[
    "og:title",
    "og:site_name",
    "og:description",
    "og:image",
    "og:type",
    "og:locale",
    "article:published_time",
    "article:author",
    "author",
    "description",
    "twitter:title",
    "og:title twitter:title",
    "dc.date",
    "date",
    "application-name",
    "content-language",
    "parsely-title",
    "datePublished",
];

const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&nbsp;",
    "&#39;",
    "&#x27;",
    "&abcdefghij",
    "&abcdefghijk;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#xD800;",
    "&#0;",
    "&#99999999999;",
    "&#x;",
    "&#;",
    "&;",
    "&",
    "&amp",
    "&#x1D11E;",
    "&eacute;",
];

const CHARACTERS: &[&str] = &[
    "é",
    "𝄞",
    "\u{FEFF}",
    "\u{200F}",
    "\u{200E}",
    "\u{202E}",
    "\u{2028}",
    "\u{a0}",
    "\u{3000}",
    "日本語",
    "ё",
    "e\u{301}",
    "👩\u{200D}👩\u{200D}👧",
    "\u{FFFD}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "ß",
    "İ",
];

const DATES: &[&str] = &[
    "2024-12-26T21:13:00+02:00",
    "2024-12-26",
    "2024-12-0",
    "2024-12-0é",
    "20é4-12-26",
    "2024-1𝄞-26",
    "----------",
    "2024-",
    "2024-12-2",
    "Dec. 26, 2024",
    "26 décembre 2024",
    "1970-01-01T00:00:00Z",
];

const WORDS: &[&str] = &[
    "Breaking news",
    " - ",
    " | ",
    " — ",
    " » ",
    ": ",
    " / ",
    "The Daily Example",
    "Subscribe to our newsletter",
    "By Jane Doe",
    "Sign up",
    "cookie consent",
    "Advertisement",
    "Related stories",
    "You may also like",
    "https://news.example/img.jpg",
    "/relative/path.jpg",
    "javascript:alert(1)",
    " ",
    "a",
    "article",
    "ar",
    "en_GB",
];

/// Tags, attributes and markup fragments, inserted as they are.
const DICTIONARY: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<a href=\"",
    "\">",
    "</a>",
    "<span>",
    "</span>",
    "<article>",
    "</article>",
    "<main>",
    "<section>",
    "<aside>",
    "<nav>",
    "<header>",
    "<footer>",
    "<form>",
    "<input type=\"email\" placeholder=\"Your email\">",
    "<button>Subscribe</button>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<table>",
    "<tr>",
    "<td>",
    "<ul>",
    "<li>",
    "<img src=\"x.jpg\" alt=\"é\">",
    "<figure>",
    "<figcaption>",
    "<pre>",
    "<code>",
    "<br>",
    "<hr>",
    "<svg><path d=\"M0\"/></svg>",
    "<math><mi>x</mi></math>",
    "<template>",
    "<script>",
    "</script>",
    "<style>",
    "<noscript>",
    "<iframe src=\"https://x.example\">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<html lang=\"fr\" dir=\"rtl\">",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    " class=\"newsletter signup\"",
    " id=\"article-body\"",
    " class=\"related-posts\"",
    " style=\"display:none\"",
    " style=\"position:fixed;z-index:9999\"",
    " hidden",
    " aria-hidden=\"true\"",
    " role=\"dialog\" aria-modal=\"true\"",
    " itemprop=\"datePublished\"",
    " rel=\"tag\"",
    " dir=\"rtl\"",
    "<base href=\"https://other.example/dir/\">",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"#top\">Skip to content</a>",
    "<time datetime=\"2024-12-0é\">",
    "<meta property=\"og:title\" content=\"&abcdefghijé suffix\">",
    "<meta property=\"article:published_time\" content=\"2024-12-0é\">",
    "&amp;",
    "&abcdefghij",
    "&#x10FFFF;",
    "é",
    "𝄞",
    "\u{FEFF}",
    "\u{200F}",
    "\u{202E}",
    "<",
    ">",
    "\"",
    "'",
    "=",
    "\n",
    "\t",
    "  ",
];

const TAG_NAMES: &[&str] = &[
    "div",
    "p",
    "a",
    "span",
    "article",
    "main",
    "section",
    "aside",
    "nav",
    "header",
    "footer",
    "form",
    "input",
    "button",
    "h1",
    "h2",
    "h3",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "img",
    "figure",
    "figcaption",
    "pre",
    "code",
    "br",
    "svg",
    "math",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "dialog",
    "details",
    "summary",
    "label",
    "select",
    "option",
    "textarea",
    "blockquote",
    "time",
    "picture",
    "source",
    "video",
    "xmp",
    "plaintext",
];
