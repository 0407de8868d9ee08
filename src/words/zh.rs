//! Chinese words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    ad_or_loading: &[
        "广告",
    ],
    ..Language::NONE
};
