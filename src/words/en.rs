//! English words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "subscribe", "subscribing", "subscription", "newsletter", "newsletters", "sign up",
        "sign-up", "signup", "sign me up", "join our", "join the list", "mailing list",
        "email list", "in your inbox", "to your inbox", "get the latest", "delivered to your",
        "indicates required", "enter your email", "your email address", "opt in", "opt-in",
        "unsubscribe at any time", "unsubscribe anytime", "weekly digest", "daily digest",
        "briefing", "successfully subscribed", "successfuly subscribed",
        "thank you for signing up", "stay informed", "stay in the loop", "stay up to date",
        "don't miss",
    ],
    signup_call: &[
        "subscribe", "subscribed", "subscriber", "subscribers", "subscribing", "subscription",
        "subscriptions", "newsletter", "newsletters", "sign up", "sign-up", "signup", "signing up",
        "indicates required",
    ],
    not_a_signup: &[
        "rss", "atom feed", "podcast",
    ],
    fine_print: &[
        "privacy", "privacy policy", "terms of use", "terms of service", "unsubscribe", "opt out",
        "no spam",
    ],
    email_field: &[
        "email", "e-mail", "e_mail", "mail",
    ],
    search: &[
        "search",
    ],
    skip_link: &[
        "skip to", "skip navigation", "jump to",
    ],
    consent: &[
        "cookie", "cookies", "consent", "accept all", "reject all", "accept cookies",
        "manage preferences", "cookie settings", "cookie policy", "we use cookies", "our partners",
        "vendors", "legitimate interest", "gdpr", "personalised ads", "personalized ads",
        "tracking technologies", "your privacy choices",
    ],
    support_nag: &[
        "support our journalism", "support independent journalism", "support us",
        "become a member", "become a patron", "make a contribution", "donate", "donation",
        "free articles", "articles left", "article limit", "you've read", "you have read",
        "subscribe to continue", "subscribe now", "already a subscriber", "unlock this article",
        "start your free trial", "free trial", "per month",
    ],
    rail_heading: &[
        "more news", "news feed", "editors' picks", "editors’ picks", "editor's picks", "related",
        "recommended", "most read", "most popular", "popular", "trending", "latest news", "latest",
        "read more", "you may also like", "you might also like", "more from", "more stories",
        "top stories", "read next", "what to read next", "you may like", "you might like",
    ],
    ad_label: &[
        "advertisement", "advertising", "sponsored", "sponsored content", "paid content",
    ],
    audio_notice: &[
        "audio is created with ai", "created with ai assistance", "listen to this article",
        "listen to article", "ai-generated audio", "text-to-speech",
    ],
    comments: &[
        "comments", "comment", "leave a reply", "leave a comment", "join the conversation",
        "discussion",
    ],
    promo: &[
        "share this", "share it with", "like this story", "follow us", "follow me on",
        "click here", "read more", "read also", "also read", "see also", "related:",
        "you may also like", "you might also like", "recommended for you", "more from",
        "don't miss", "do not miss", "watch:", "listen:", "have a tip", "story continues below",
        "continue reading", "advertisement",
    ],
    date_words: &[
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
        "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
        "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed",
        "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
        "sunday", "am", "pm", "a", "m", "p", "gmt", "utc", "est", "edt", "et", "pst", "pdt", "pt",
        "cet", "cest", "bst", "ist", "on", "at", "updated", "published", "posted", "modified",
        "last", "the", "of", "th", "st", "nd", "rd", "today", "yesterday", "ago", "hours", "hour",
        "minutes", "min", "mins", "days", "day",
    ],
    ad_or_loading: &[
        "ad", "ads", "advertising", "advertisement", "loading", "loading…", "loading...",
    ],
    months: &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ],
    byline_label: &[
        "written by", "posted by", "published by", "reviewed by", "text by", "words by", "story by", "article by", "authored by", "by", "authors", "author",
    ],
};
