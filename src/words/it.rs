//! Italian words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "iscriviti", "iscrizione", "iscriversi", "la tua email", "il tuo indirizzo email",
        "casella di posta",
    ],
    signup_call: &[
        "iscriviti", "abbonati", "abbonamento",
    ],
    fine_print: &[
        "informativa", "disiscriverti",
    ],
    search: &[
        "cerca",
    ],
    skip_link: &[
        "salta al contenuto", "vai al contenuto",
    ],
    consent: &[
        "accetta", "accetta tutto", "rifiuta", "consenso", "utilizziamo i cookie",
    ],
    support_nag: &[
        "sostienici", "sostieni",
    ],
    rail_heading: &[
        "più letti", "potrebbe interessarti", "ti potrebbe interessare", "potrebbe piacerti",
    ],
    ad_label: &[
        "pubblicità",
    ],
    audio_notice: &[
        "ascolta l'articolo",
    ],
    comments: &[
        "commenti",
    ],
    promo: &[
        "leggi anche",
    ],
    date_words: &[
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
        "settembre", "ottobre", "novembre", "dicembre", "il", "alle", "aggiornato", "pubblicato",
    ],
    ad_or_loading: &[
        "pubblicità",
    ],
    months: &[
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ],
    byline_label: &[
        "scritto da", "pubblicato da", "di", "autore", "autrice",
    ],
    ..Language::NONE
};
