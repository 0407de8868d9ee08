//! Dutch words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "aanmelden", "abonneren", "inschrijven", "schrijf je in", "nieuwsbrief", "je e-mailadres",
        "uw e-mailadres",
    ],
    signup_call: &[
        "abonneren", "nieuwsbrief", "abonnement",
    ],
    fine_print: &[
        "afmelden", "uitschrijven",
    ],
    search: &[
        "zoeken",
    ],
    skip_link: &[
        "naar inhoud", "ga naar",
    ],
    consent: &[
        "accepteren", "alles accepteren", "weigeren", "toestemming",
    ],
    support_nag: &[
        "steun ons",
    ],
    rail_heading: &[
        "meest gelezen", "lees ook", "gerelateerd",
    ],
    ad_label: &[
        "advertentie",
    ],
    audio_notice: &[
        "luister naar dit artikel",
    ],
    comments: &[
        "reacties",
    ],
    date_words: &[
        "januari", "februari", "maart", "april", "juni", "juli", "augustus", "september",
        "oktober", "november", "december", "om",
    ],
    months: &[
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
    ],
    byline_label: &[
        "geschreven door", "door", "auteur",
    ],
    ..Language::NONE
};
