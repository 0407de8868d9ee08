//! Russian words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "подписаться", "подпишитесь", "подписка", "рассылка", "рассылку", "ваш e-mail",
        "электронная почта",
    ],
    signup_call: &[
        "подписаться", "подписка", "рассылка",
    ],
    fine_print: &[
        "конфиденциальности", "отписаться",
    ],
    email_field: &[
        "почта",
    ],
    search: &[
        "поиск",
    ],
    skip_link: &[
        "перейти к",
    ],
    consent: &[
        "принять", "согласие", "файлы cookie",
    ],
    support_nag: &[
        "поддержите",
    ],
    rail_heading: &[
        "самое читаемое", "читайте также",
    ],
    ad_label: &[
        "реклама",
    ],
    audio_notice: &[
        "слушать статью",
    ],
    comments: &[
        "комментарии",
    ],
    ad_or_loading: &[
        "реклама", "загрузка",
    ],
    months: &[
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ],
    byline_label: &[
        "автор",
    ],
    ..Language::NONE
};
