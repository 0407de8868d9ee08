//! Every word the heuristics read, in one place, the way Readability keeps
//! its `REGEXPS`: the words of each language in a file of its own (`en.rs`,
//! `de.rs`…), and the vocabulary of page markup (class names, roles, share
//! addresses, video hosts) in [`markup`]. Text is matched against them by
//! the one [`Matcher`].
//!
//! Adding a language is one file and one word: write `xx.rs` with its
//! share of each [`List`] (`..Language::NONE` ends it, for the lists it has
//! no words for), and add `xx` to the `languages!` line below. Phrases are
//! lower-case; one starting or ending with a letter only matches at a word
//! boundary, so "join" does not fire inside "joined".

pub mod markup;
pub mod matcher;

pub use matcher::Matcher;
use std::sync::OnceLock;

/// One language's words, a slice per [`List`].
pub struct Language {
    /// Wording that asks the reader to sign up for mail.
    pub signup: &'static [&'static str],
    /// The narrow core of `signup`, safe to act on without an email field:
    /// links and boxes that say this are sign-up calls ("Subscribe",
    /// "Newsletters"). Leaves out words like "anmelden" that also mean "log
    /// in".
    pub signup_call: &'static [&'static str],
    /// Subscriptions that are not mail: feeds and podcasts the reader may
    /// want.
    pub not_a_signup: &'static [&'static str],
    /// The fine print under a sign-up form: privacy, consent, unsubscribing.
    pub fine_print: &'static [&'static str],
    /// Attribute words (names, ids, classes, placeholders) that mark an
    /// email field.
    pub email_field: &'static [&'static str],
    /// Wording of search forms: they stay.
    pub search: &'static [&'static str],
    /// Wording of skip links ("Skip to content").
    pub skip_link: &'static [&'static str],
    /// Cookie and consent banners.
    pub consent: &'static [&'static str],
    /// Support, membership and paywall nags (hidden; a paywall is never
    /// bypassed).
    pub support_nag: &'static [&'static str],
    /// Headings of rails and link lists beside or after the article.
    pub rail_heading: &'static [&'static str],
    /// Labels of ad slots.
    pub ad_label: &'static [&'static str],
    /// Notices of generated audio and "listen to this article" players.
    pub audio_notice: &'static [&'static str],
    /// Headings of comment sections.
    pub comments: &'static [&'static str],
    /// The short promotional lines sites put inside articles ("Share this
    /// story", "Read more:", "You may also like"). A line this short
    /// containing one is not article text.
    pub promo: &'static [&'static str],
    /// Words that may stand beside the numbers of a date or time: months,
    /// weekdays, "updated", "am". Lower-case, without dots.
    pub date_words: &'static [&'static str],
    /// Words that alone make up an ad label or a loading placeholder.
    pub ad_or_loading: &'static [&'static str],
    /// The twelve months, January first, as dates write them: lower-case,
    /// in the genitive where the language declines them ("grudnia",
    /// "декабря"). Empty, or exactly twelve. Not a [`List`]: a date reads
    /// the month's number from its place.
    pub months: &'static [&'static str],
    /// What a by-line says before the name ("Written by", "Von"),
    /// longest first where one begins another. Not a [`List`]: only a
    /// by-line's start is compared.
    pub byline_label: &'static [&'static str],
}

impl Language {
    /// A language with no words yet: `..Language::NONE` ends a language's
    /// table, so it lists only what it has.
    pub const NONE: Language = Language {
        signup: &[],
        signup_call: &[],
        not_a_signup: &[],
        fine_print: &[],
        email_field: &[],
        search: &[],
        skip_link: &[],
        consent: &[],
        support_nag: &[],
        rail_heading: &[],
        ad_label: &[],
        audio_notice: &[],
        comments: &[],
        promo: &[],
        date_words: &[],
        ad_or_loading: &[],
        months: &[],
        byline_label: &[],
    };

    fn get(&self, list: List) -> &'static [&'static str] {
        match list {
            List::Signup => self.signup,
            List::SignupCall => self.signup_call,
            List::NotASignup => self.not_a_signup,
            List::FinePrint => self.fine_print,
            List::EmailField => self.email_field,
            List::Search => self.search,
            List::SkipLink => self.skip_link,
            List::Consent => self.consent,
            List::SupportNag => self.support_nag,
            List::RailHeading => self.rail_heading,
            List::AdLabel => self.ad_label,
            List::AudioNotice => self.audio_notice,
            List::Comments => self.comments,
            List::Promo => self.promo,
            List::DateWords => self.date_words,
            List::AdOrLoading => self.ad_or_loading,
        }
    }
}

/// Declares each language's file (`en` is `en.rs`) and lists it in
/// `LANGUAGES`: adding a language is its file and its name here.
macro_rules! languages {
    ($($lang:ident),* $(,)?) => {
        $(mod $lang;)*
        /// Every language the heuristics read: English, German, French,
        /// Spanish, Italian, Portuguese, Dutch, Polish, Ukrainian, Russian,
        /// and a word of Chinese.
        pub const LANGUAGES: &[&Language] = &[$(&$lang::WORDS),*];
    };
}

languages!(en, de, fr, es, it, pt, nl, pl, uk, ru, zh);

/// The word lists of [`Language`], by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Signup,
    SignupCall,
    NotASignup,
    FinePrint,
    EmailField,
    Search,
    SkipLink,
    Consent,
    SupportNag,
    RailHeading,
    AdLabel,
    AudioNotice,
    Comments,
    Promo,
    DateWords,
    AdOrLoading,
}

impl List {
    /// Every list.
    pub const ALL: [List; 16] = [
        List::Signup,
        List::SignupCall,
        List::NotASignup,
        List::FinePrint,
        List::EmailField,
        List::Search,
        List::SkipLink,
        List::Consent,
        List::SupportNag,
        List::RailHeading,
        List::AdLabel,
        List::AudioNotice,
        List::Comments,
        List::Promo,
        List::DateWords,
        List::AdOrLoading,
    ];
    const COUNT: usize = List::ALL.len();
}

/// The words of `list` in every language, in the order of [`LANGUAGES`]
/// (a word two languages share is there twice; every use ignores that).
pub fn all(list: List) -> &'static [&'static str] {
    static ALL: [OnceLock<Vec<&'static str>>; List::COUNT] =
        [const { OnceLock::new() }; List::COUNT];
    ALL[list as usize].get_or_init(|| {
        LANGUAGES
            .iter()
            .flat_map(|l| l.get(list))
            .copied()
            .collect()
    })
}

/// One of the [`List::DateWords`], by a set: a dateline's text is read word
/// by word, and a long one (hidden text counts) made 161 comparisons a
/// word.
pub fn is_date_word(word: &str) -> bool {
    static SET: OnceLock<crate::fnv::FnvSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| all(List::DateWords).iter().copied().collect())
        .contains(word)
}

/// Every language's [`Language::byline_label`]s, longest first.
pub fn byline_labels() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&str> = LANGUAGES
            .iter()
            .flat_map(|l| l.byline_label)
            .copied()
            .collect();
        all.sort_by_key(|l| std::cmp::Reverse(l.chars().count()));
        all
    })
}

/// The month (1 to 12) a word names in any language: a month's name or a
/// beginning of it three letters or longer ("sept", "déc", "дек"), when
/// every name it begins is the same month ("jui" is June or July in
/// French: none).
pub fn month(word: &str) -> Option<u32> {
    if word.chars().count() < 3 {
        return None;
    }
    let mut found = None;
    for lang in LANGUAGES {
        for (k, name) in lang.months.iter().enumerate() {
            if name.starts_with(word) {
                match found {
                    None => found = Some(k as u32 + 1),
                    Some(m) if m == k as u32 + 1 => {}
                    Some(_) => return None,
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_twelve_and_read_by_name_or_abbreviation() {
        for lang in LANGUAGES {
            assert!(matches!(lang.months.len(), 0 | 12));
        }
        assert_eq!(month("december"), Some(12));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("ago"), Some(8));
        assert_eq!(month("грудня"), Some(12));
        assert_eq!(month("jui"), None);
        assert_eq!(month("ma"), None);
        assert_eq!(month("the"), None);
    }

    #[test]
    fn every_language_has_signup_wording() {
        let signup = Matcher::new([all(List::Signup)]);
        for text in [
            "Sign up for our newsletter",
            "Jetzt Newsletter abonnieren",
            "Abonnez-vous à notre infolettre",
            "Suscríbete a nuestro boletín",
            "Iscriviti alla newsletter",
            "Inscreva-se no boletim",
            "Schrijf je in voor de nieuwsbrief",
            "Zapisz się do newslettera",
            "Підпишіться на розсилку",
            "Подпишитесь на рассылку",
        ] {
            assert!(signup.has(text, 0), "{text}");
        }
    }

    #[test]
    fn words_are_lower_case_and_trimmed() {
        for l in LANGUAGES {
            for list in List::ALL {
                for w in l.get(list) {
                    assert_eq!(*w, w.to_lowercase().trim(), "{list:?}");
                }
            }
        }
    }
}
