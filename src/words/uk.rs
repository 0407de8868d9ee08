//! Ukrainian words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "підписатися", "підпишіться", "підписка", "розсилка", "розсилку", "ваш email",
        "електронна пошта",
    ],
    signup_call: &[
        "підписатися", "підписка", "розсилка",
    ],
    fine_print: &[
        "конфіденційності", "відписатися",
    ],
    email_field: &[
        "пошта",
    ],
    search: &[
        "пошук",
    ],
    skip_link: &[
        "перейти до",
    ],
    consent: &[
        "прийняти", "згода", "файли cookie",
    ],
    support_nag: &[
        "підтримайте",
    ],
    rail_heading: &[
        "найпопулярніше", "читайте також",
    ],
    ad_label: &[
        "реклама",
    ],
    audio_notice: &[
        "прослухати статтю",
    ],
    comments: &[
        "коментарі",
    ],
    ad_or_loading: &[
        "реклама",
    ],
    months: &[
        "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
    ],
    byline_label: &[
        "автор", "авторка",
    ],
    ..Language::NONE
};
