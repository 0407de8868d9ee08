//! The vocabulary of page markup, in no human language: id and class
//! fragments, ARIA roles, the addresses of share buttons and video players,
//! the names of sign-up embeds. Matched as substrings or tokens of
//! attribute values, not as phrases of text.

/// Markers of well-known sign-up embeds (Mailchimp, Substack, ConvertKit,
/// Mailerlite, Klaviyo, HubSpot, Beehiiv, Sendinblue/Brevo). A bonus, never
/// required: detection rests on structure and wording.
pub const SIGNUP_EMBED_TOKENS: &[&str] = &[
    "mc_embed",
    "mc-embed",
    "mailchimp",
    "mc4wp",
    "substack",
    "convertkit",
    "formkit",
    "ml-subscribe",
    "mailerlite",
    "klaviyo",
    "hs-form",
    "beehiiv",
    "sib-form",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "optin",
    "opt-in",
];

/// Link targets of share and follow buttons.
pub const SHARE_LINK: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "linkedin.com/share",
    "linkedin.com/sharearticle",
    "reddit.com/submit",
    "wa.me/",
    "api.whatsapp.com/send",
    "whatsapp://",
    "t.me/share",
    "telegram.me/share",
    "pinterest.com/pin/create",
    "mailto:?",
    "bsky.app/intent",
    "threads.net/intent",
    "getpocket.com/save",
    "flipboard.com/bookmarklet",
];

/// id/class tokens of overlays and modals; a hint, never enough alone.
pub const OVERLAY_TOKENS: &[&str] = &[
    "modal",
    "popup",
    "pop-up",
    "overlay",
    "lightbox",
    "interstitial",
    "paywall",
    "consent",
    "cookie",
    "gdpr",
    "cmp",
    "dialog",
    "sticky",
    "banner",
    "toast",
    "drawer",
];

// What the clutter detectors read in an element's `id` and `class`, as
// whole tokens (`text::tokens`: split at anything not a letter or digit).

/// A comment section.
pub const COMMENT_SECTION_TOKENS: &[&str] = &["comments", "disqus", "commentlist"];

/// A cookie or consent banner.
pub const CONSENT_TOKENS: &[&str] = &["cookie", "cookies", "consent", "gdpr", "cmp", "privacy"];

/// The site's own header, kept at the focus level.
pub const SITE_HEADER_TOKENS: &[&str] = &["header", "masthead", "topbar", "navbar"];

/// A by-line or dateline block beside the article.
#[rustfmt::skip]
pub const BYLINE_TOKENS: &[&str] = &[
    "byline", "author", "date", "dateline", "meta", "credit", "published",
];

/// An ad slot.
#[rustfmt::skip]
pub const AD_SLOT_TOKENS: &[&str] = &[
    "ad", "ads", "advert", "adslot", "dfp", "advertisement", "sponsored", "adunit",
];

/// An element styled as a heading ("section-title").
pub const HEADING_CLASS_TOKENS: &[&str] = &["title", "heading", "header"];

// What the article extractor reads in an element's `id` and `class`.

/// id/class fragments of blocks that are almost never the article: page
/// chrome, comments, recommendations. Readability's `unlikelyCandidates`.
#[rustfmt::skip]
pub const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "newsletter", "consent",
    "cookie", "recommend", "outbrain", "taboola", "most-popular", "mostpopular", "trending",
    "subscribe", "signup", "promo",
];

/// id/class fragments of reader comments: left out in every pass, since a
/// retry that finds "more text" on a short post finds the comments.
pub const COMMENTS_CLASS: &[&str] = &["comment", "disqus", "respond"];

/// Fragments that rescue an `UNLIKELY` match ("main-header-content").
pub const MAYBE_CANDIDATE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// Fragments that make a block more likely to be the article.
#[rustfmt::skip]
pub const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
    "post", "text", "blog", "story", "prose",
];

/// Fragments that make a block less likely to be the article.
#[rustfmt::skip]
pub const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "widget", "newsletter", "recommend", "taboola",
    "byline", "author", "dateline", "timestamp", "toolbar", "social",
];

/// Whole id/class tokens that are negative (short words that would match
/// inside others as substrings).
#[rustfmt::skip]
pub const NEGATIVE_TOKENS: &[&str] = &[
    "hid", "ad", "ads", "nav", "navbar", "tag", "teaser", "inline-ad",
];

/// Blocks these fragments mark are by-lines: kept for `byline`, dropped from
/// the article body.
pub const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// Path segments of links to a writer's page ("/authors/ann-lee"): such a
/// link's text is a writer's name.
pub const AUTHOR_PATHS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "contributor",
    "contributors",
    "people",
    "staff",
    "profile",
    "profiles",
    "producers",
    "journalist",
    "journalists",
    "team",
];

/// id/class tokens (whole, or as a prefix) of share and follow bars,
/// dropped when short.
pub const SHARE: &[&str] = &["share", "sharedaddy", "social", "sharing"];

/// id/class fragments of captions and photo credits: shown in the reader
/// view with their figure, left out of the running text.
pub const CAPTION: &[&str] = &["caption", "credit"];

/// id/class fragments of blocks holding an image or video: with only a
/// line of text beside the image, that text is its caption.
pub const FIGURE: &[&str] = &[
    "image", "img", "photo", "picture", "media", "figure", "gallery", "video", "thumb",
];

/// id/class fragments and `itemprop`s of datelines ("Published 3 May").
#[rustfmt::skip]
pub const DATE: &[&str] = &[
    "date", "timestamp", "published", "posted-on", "entry-meta", "post-meta",
];

/// ARIA roles of page chrome; blocks with them are never the article.
#[rustfmt::skip]
pub const CHROME_ROLES: &[&str] = &[
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner",
    "contentinfo", "search",
];

/// Hosts whose iframes are video players worth keeping (sandboxed).
#[rustfmt::skip]
pub const VIDEO_HOSTS: &[&str] = &[
    "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com",
    "player.twitch.tv", "archive.org", "bilibili.com", "v.qq.com", "rutube.ru", "peertube",
];
