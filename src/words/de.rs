//! German words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "abonnieren", "abonniere", "newsletter abonnieren", "jetzt anmelden", "anmelden",
        "e-mail-adresse", "ihre e-mail", "kostenlos registrieren", "registrieren", "verpassen sie",
        "posteingang",
    ],
    signup_call: &[
        "abonnieren", "abonnement",
    ],
    fine_print: &[
        "datenschutz", "abmeldung", "abmelden", "einwilligung",
    ],
    search: &[
        "suche", "suchen",
    ],
    skip_link: &[
        "zum inhalt", "zur navigation", "inhalt springen",
    ],
    consent: &[
        "einwilligung", "alle akzeptieren", "akzeptieren", "zustimmen", "datenschutzeinstellungen",
    ],
    support_nag: &[
        "unterstützen sie", "jetzt unterstützen", "spenden", "abo abschließen",
    ],
    rail_heading: &[
        "meistgelesen", "weitere artikel", "mehr zum thema", "das könnte sie auch interessieren",
        "empfohlen", "dir könnte auch gefallen", "das könnte dich auch interessieren",
    ],
    ad_label: &[
        "anzeige", "werbung",
    ],
    audio_notice: &[
        "artikel anhören",
    ],
    comments: &[
        "kommentare",
    ],
    promo: &[
        "weiterlesen", "lesen sie auch", "mehr zum thema",
    ],
    date_words: &[
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember", "um", "uhr", "aktualisiert", "veröffentlicht", "stand",
    ],
    ad_or_loading: &[
        "anzeige", "werbung",
    ],
    months: &[
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember",
    ],
    byline_label: &[
        "geschrieben von", "von", "autor", "autorin",
    ],
    ..Language::NONE
};
