//! Polish words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "zapisz się", "zapisz sie", "subskrybuj", "zasubskrybuj", "subskrypcja", "newsletter",
        "twój e-mail", "twoj e-mail", "adres e-mail", "zapisz mnie",
    ],
    signup_call: &[
        "subskrybuj", "prenumerata", "zapisz się",
    ],
    fine_print: &[
        "prywatności", "wypisać", "rodo",
    ],
    search: &[
        "szukaj",
    ],
    skip_link: &[
        "przejdź do", "przejdz do",
    ],
    consent: &[
        "akceptuję", "zaakceptuj", "zgoda", "odrzuć",
    ],
    support_nag: &[
        "wesprzyj",
    ],
    rail_heading: &[
        "najczęściej czytane", "zobacz też", "czytaj także",
    ],
    ad_label: &[
        "reklama",
    ],
    audio_notice: &[
        "posłuchaj artykułu",
    ],
    comments: &[
        "komentarze",
    ],
    months: &[
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
    ],
    byline_label: &[
        "autor", "autorka",
    ],
    ..Language::NONE
};
