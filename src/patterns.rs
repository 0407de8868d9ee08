//! Every word list and pattern the heuristics use, in one table, the way
//! Readability keeps its `REGEXPS`. Phrases are matched lower-case against
//! folded text; a phrase starting or ending with a letter only matches at a
//! word boundary, so "join" does not fire inside "joined".
//!
//! Languages: English, German, French, Spanish, Italian, Portuguese, Dutch,
//! Polish, Ukrainian, Russian.

use std::borrow::Cow;

/// Wording that asks the reader to sign up for mail.
pub const SIGNUP: &[&str] = &[
    // en
    "subscribe",
    "subscribing",
    "subscription",
    "newsletter",
    "newsletters",
    "sign up",
    "sign-up",
    "signup",
    "sign me up",
    "join our",
    "join the list",
    "mailing list",
    "email list",
    "in your inbox",
    "to your inbox",
    "get the latest",
    "delivered to your",
    "indicates required",
    "enter your email",
    "your email address",
    "opt in",
    "opt-in",
    "unsubscribe at any time",
    "unsubscribe anytime",
    "weekly digest",
    "daily digest",
    "briefing",
    "successfully subscribed",
    "successfuly subscribed",
    "thank you for signing up",
    "stay informed",
    "stay in the loop",
    "stay up to date",
    "don't miss",
    // de
    "abonnieren",
    "abonniere",
    "newsletter abonnieren",
    "jetzt anmelden",
    "anmelden",
    "e-mail-adresse",
    "ihre e-mail",
    "kostenlos registrieren",
    "registrieren",
    "verpassen sie",
    "posteingang",
    // fr
    "s'abonner",
    "s’abonner",
    "abonnez-vous",
    "inscrivez-vous",
    "je m'inscris",
    "je m’inscris",
    "s'inscrire",
    "s’inscrire",
    "infolettre",
    "lettre d'information",
    "lettre d’information",
    "votre adresse e-mail",
    "votre e-mail",
    "boîte de réception",
    // es
    "suscríbete",
    "suscribete",
    "suscribirse",
    "suscríbase",
    "suscripción",
    "boletín",
    "tu correo",
    "su correo",
    "correo electrónico",
    "regístrate",
    "bandeja de entrada",
    // it
    "iscriviti",
    "iscrizione",
    "iscriversi",
    "la tua email",
    "il tuo indirizzo email",
    "casella di posta",
    // pt
    "inscreva-se",
    "assine",
    "assinar",
    "inscrever",
    "boletim",
    "seu e-mail",
    "seu email",
    "cadastre-se",
    "caixa de entrada",
    // nl
    "aanmelden",
    "abonneren",
    "inschrijven",
    "schrijf je in",
    "nieuwsbrief",
    "je e-mailadres",
    "uw e-mailadres",
    // pl
    "zapisz się",
    "zapisz sie",
    "subskrybuj",
    "zasubskrybuj",
    "subskrypcja",
    "newsletter",
    "twój e-mail",
    "twoj e-mail",
    "adres e-mail",
    "zapisz mnie",
    // uk
    "підписатися",
    "підпишіться",
    "підписка",
    "розсилка",
    "розсилку",
    "ваш email",
    "електронна пошта",
    // ru
    "подписаться",
    "подпишитесь",
    "подписка",
    "рассылка",
    "рассылку",
    "ваш e-mail",
    "электронная почта",
];

/// The narrow core of [`SIGNUP`], safe to act on without an email field:
/// links and boxes that say this are sign-up calls ("Subscribe",
/// "Newsletters"). Excludes words like "anmelden" that also mean "log in".
pub const SIGNUP_CALL: &[&str] = &[
    "subscribe",
    "subscribed",
    "subscriber",
    "subscribers",
    "subscribing",
    "subscription",
    "subscriptions",
    "newsletter",
    "newsletters",
    "sign up",
    "sign-up",
    "signup",
    "signing up",
    "indicates required",
    "abonnieren",
    "abonnement",
    "abonnez-vous",
    "s'abonner",
    "s’abonner",
    "infolettre",
    "suscríbete",
    "suscribirse",
    "suscripción",
    "boletín",
    "iscriviti",
    "abbonati",
    "abbonamento",
    "assine",
    "assinatura",
    "inscreva-se",
    "abonneren",
    "nieuwsbrief",
    "abonnement",
    "subskrybuj",
    "prenumerata",
    "zapisz się",
    "підписатися",
    "підписка",
    "розсилка",
    "подписаться",
    "подписка",
    "рассылка",
];

/// Subscriptions that are not mail: feeds and podcasts the reader may want.
pub const NOT_A_SIGNUP: &[&str] = &["rss", "atom feed", "podcast"];

/// The fine print under a sign-up form: privacy, consent, unsubscribing.
pub const FINE_PRINT: &[&str] = &[
    "privacy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "unsubscribe",
    "opt out",
    "no spam",
    "datenschutz",
    "abmeldung",
    "abmelden",
    "einwilligung",
    "confidentialité",
    "désinscrire",
    "désabonner",
    "données personnelles",
    "privacidad",
    "darte de baja",
    "datos personales",
    "informativa",
    "disiscriverti",
    "privacidade",
    "cancelar a inscrição",
    "dados pessoais",
    "afmelden",
    "uitschrijven",
    "prywatności",
    "wypisać",
    "rodo",
    "конфіденційності",
    "відписатися",
    "конфиденциальности",
    "отписаться",
];

/// Attribute words (names, ids, classes, placeholders) that mark an email field.
pub const EMAIL_FIELD: &[&str] = &[
    "email",
    "e-mail",
    "e_mail",
    "mail",
    "correo",
    "courriel",
    "пошта",
    "почта",
];

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

/// Wording of search forms: they stay.
pub const SEARCH: &[&str] = &[
    "search",
    "suche",
    "suchen",
    "rechercher",
    "recherche",
    "buscar",
    "cerca",
    "pesquisar",
    "zoeken",
    "szukaj",
    "пошук",
    "поиск",
];

/// Wording of skip links ("Skip to content").
pub const SKIP_LINK: &[&str] = &[
    "skip to",
    "skip navigation",
    "jump to",
    "zum inhalt",
    "zur navigation",
    "inhalt springen",
    "aller au contenu",
    "passer au contenu",
    "aller à",
    "saltar al contenido",
    "ir al contenido",
    "salta al contenuto",
    "vai al contenuto",
    "pular para",
    "ir para o conteúdo",
    "naar inhoud",
    "ga naar",
    "przejdź do",
    "przejdz do",
    "перейти до",
    "перейти к",
];

/// Cookie and consent banners.
pub const CONSENT: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "accept all",
    "reject all",
    "accept cookies",
    "manage preferences",
    "cookie settings",
    "cookie policy",
    "we use cookies",
    "our partners",
    "vendors",
    "legitimate interest",
    "gdpr",
    "personalised ads",
    "personalized ads",
    "tracking technologies",
    "your privacy choices",
    "einwilligung",
    "alle akzeptieren",
    "akzeptieren",
    "zustimmen",
    "datenschutzeinstellungen",
    "accepter",
    "tout accepter",
    "refuser",
    "consentement",
    "nous utilisons des cookies",
    "aceptar",
    "aceptar todo",
    "rechazar",
    "consentimiento",
    "utilizamos cookies",
    "accetta",
    "accetta tutto",
    "rifiuta",
    "consenso",
    "utilizziamo i cookie",
    "aceitar",
    "rejeitar",
    "consentimento",
    "utilizamos cookies",
    "accepteren",
    "alles accepteren",
    "weigeren",
    "toestemming",
    "akceptuję",
    "zaakceptuj",
    "zgoda",
    "odrzuć",
    "прийняти",
    "згода",
    "принять",
    "согласие",
    "файли cookie",
    "файлы cookie",
];

/// Support, membership and paywall nags (hidden; a paywall is never bypassed).
pub const SUPPORT_NAG: &[&str] = &[
    "support our journalism",
    "support independent journalism",
    "support us",
    "become a member",
    "become a patron",
    "make a contribution",
    "donate",
    "donation",
    "free articles",
    "articles left",
    "article limit",
    "you've read",
    "you have read",
    "subscribe to continue",
    "subscribe now",
    "already a subscriber",
    "unlock this article",
    "start your free trial",
    "free trial",
    "per month",
    "unterstützen sie",
    "jetzt unterstützen",
    "spenden",
    "abo abschließen",
    "soutenez",
    "faire un don",
    "apoya",
    "donar",
    "sostienici",
    "sostieni",
    "apoie",
    "steun ons",
    "wesprzyj",
    "підтримайте",
    "поддержите",
];

/// Headings of rails and link lists beside or after the article.
pub const RAIL_HEADING: &[&str] = &[
    "more news",
    "news feed",
    "editors' picks",
    "editors’ picks",
    "editor's picks",
    "related",
    "recommended",
    "most read",
    "most popular",
    "popular",
    "trending",
    "latest news",
    "latest",
    "read more",
    "you may also like",
    "you might also like",
    "more from",
    "more stories",
    "top stories",
    "read next",
    "what to read next",
    "meistgelesen",
    "weitere artikel",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "empfohlen",
    "à lire aussi",
    "les plus lus",
    "sur le même sujet",
    "lire aussi",
    "más leídas",
    "relacionado",
    "te puede interesar",
    "lo más visto",
    "più letti",
    "potrebbe interessarti",
    "leia também",
    "você pode gostar",
    "você também pode gostar",
    "veja também",
    "vous aimerez aussi",
    "vous aimerez peut-être",
    "también te puede interesar",
    "te puede gustar",
    "ti potrebbe interessare",
    "potrebbe piacerti",
    "dir könnte auch gefallen",
    "das könnte dich auch interessieren",
    "you may like",
    "you might like",
    "mais lidas",
    "meest gelezen",
    "lees ook",
    "gerelateerd",
    "najczęściej czytane",
    "zobacz też",
    "czytaj także",
    "найпопулярніше",
    "читайте також",
    "самое читаемое",
    "читайте также",
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

/// Labels of ad slots.
pub const AD_LABEL: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "paid content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "advertentie",
    "reklama",
    "реклама",
];

/// Notices of generated audio and "listen to this article" players.
pub const AUDIO_NOTICE: &[&str] = &[
    "audio is created with ai",
    "created with ai assistance",
    "listen to this article",
    "listen to article",
    "ai-generated audio",
    "text-to-speech",
    "artikel anhören",
    "écouter cet article",
    "escuchar este artículo",
    "ascolta l'articolo",
    "ouvir este artigo",
    "luister naar dit artikel",
    "posłuchaj artykułu",
    "прослухати статтю",
    "слушать статью",
];

/// Headings of comment sections.
pub const COMMENTS: &[&str] = &[
    "comments",
    "comment",
    "leave a reply",
    "leave a comment",
    "join the conversation",
    "discussion",
    "kommentare",
    "commentaires",
    "comentarios",
    "commenti",
    "comentários",
    "reacties",
    "komentarze",
    "коментарі",
    "комментарии",
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

/// Many short needles searched for in one pass over a lower-case haystack
/// (an id or class name). The needles are indexed by first byte, and bit
/// tables say which byte pairs start a needle and which pairs follow those
/// (bytes 1-2): most positions in a class name pass neither, and two
/// look-ups say so before any needle is compared.
pub struct PairIndex<T> {
    by_first: Vec<Vec<Needle<T>>>,
    /// Bytes 0-1 of every needle.
    pairs: Bits64K,
    /// Bytes 1-2 of every needle of three or more bytes.
    next_pairs: Bits64K,
    /// Needles of exactly two bytes.
    whole: Bits64K,
}

/// A needle with its first eight bytes as a word and a mask of those that
/// count: one comparison tests a needle of up to eight bytes whole, where
/// comparing slices calls `memcmp`.
#[derive(Clone)]
struct Needle<T> {
    bytes: &'static [u8],
    head: u64,
    mask: u64,
    value: T,
}

/// The first eight bytes of `bytes` as a little-endian word, zeros past
/// its end.
fn head_word(bytes: &[u8]) -> u64 {
    match bytes.get(..8) {
        Some(head) => u64::from_le_bytes(head.try_into().unwrap_or_default()),
        None => {
            let mut word = [0u8; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(word)
        }
    }
}

/// One bit per pair of bytes. A fixed-size array, so that a look-up, made
/// for every byte of every class name, needs no bounds check.
struct Bits64K(Box<[u64; 65536 / 64]>);

impl Bits64K {
    fn new() -> Self {
        Bits64K(Box::new([0; 65536 / 64]))
    }
    fn key(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }
    fn set(&mut self, a: u8, b: u8) {
        let k = Self::key(a, b);
        self.0[k / 64] |= 1 << (k % 64);
    }
    fn has(&self, a: u8, b: u8) -> bool {
        let k = Self::key(a, b);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

impl<T: Copy> PairIndex<T> {
    /// Needles must be lower-case and at least two bytes long.
    pub fn new(needles: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut index = PairIndex {
            by_first: vec![Vec::new(); 256],
            pairs: Bits64K::new(),
            next_pairs: Bits64K::new(),
            whole: Bits64K::new(),
        };
        for (needle, value) in needles {
            let b = needle.as_bytes();
            assert!(b.len() >= 2, "needle {needle:?} is too short");
            index.by_first[usize::from(b[0])].push(Needle {
                bytes: b,
                head: head_word(b),
                mask: u64::MAX >> (8 * 8usize.saturating_sub(b.len())),
                value,
            });
            index.pairs.set(b[0], b[1]);
            match b.get(2) {
                Some(&c) => index.next_pairs.set(b[1], c),
                None => index.whole.set(b[0], b[1]),
            }
        }
        index
    }

    /// Calls `found` with the value of every needle occurring in `lower`
    /// (once per occurrence), until it returns `false`.
    pub fn scan(&self, lower: &[u8], mut found: impl FnMut(T) -> bool) {
        self.scan_at(lower, |_, value| found(value));
    }

    /// [`PairIndex::scan`], also telling where each needle occurs (its byte
    /// range in `lower`).
    pub fn scan_at(&self, lower: &[u8], mut found: impl FnMut(std::ops::Range<usize>, T) -> bool) {
        for pos in 0..lower.len().saturating_sub(1) {
            let (a, b) = (lower[pos], lower[pos + 1]);
            let may_start = self.pairs.has(a, b)
                && (self.whole.has(a, b)
                    || lower
                        .get(pos + 2)
                        .is_some_and(|&c| self.next_pairs.has(b, c)));
            if !may_start {
                continue;
            }
            let rest = &lower[pos..];
            let head = head_word(rest);
            for needle in &self.by_first[usize::from(a)] {
                let len = needle.bytes.len();
                if head & needle.mask == needle.head
                    && rest.len() >= len
                    && (len <= 8 || rest[8..len] == needle.bytes[8..])
                    && !found(pos..pos + len, needle.value)
                {
                    return;
                }
            }
        }
    }

    /// Some needle occurs in `lower`.
    pub fn any_in(&self, lower: &str) -> bool {
        let mut any = false;
        self.scan(lower.as_bytes(), |_| {
            any = true;
            false
        });
        any
    }
}

/// True when `text` (any case) contains one of `phrases` at word boundaries.
pub fn contains_any(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|p| contains_phrase(&lower, p))
}

/// How many distinct phrases of `phrases` occur in `text`.
pub fn count_distinct(text: &str, phrases: &[&str]) -> usize {
    let lower = text.to_lowercase();
    let mut seen: Vec<&str> = Vec::new();
    for p in phrases {
        if !seen.contains(p) && contains_phrase(&lower, p) {
            seen.push(p);
        }
    }
    seen.len()
}

/// Where `needle` first occurs in `hay`. A plain scan: the haystacks here
/// are class names and short texts searched for many needles, where
/// `str::find`'s per-call set-up costs more than the search.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    (0..(hay.len() + 1).saturating_sub(needle.len()))
        .find(|&i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

/// `hay` contains `needle` (see [`find`]).
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `char::is_alphanumeric`, answered without a table search for the
/// scripts news pages are mostly written in: ASCII, Latin letters, Cyrillic,
/// Hebrew, Arabic, Thai, CJK, Hangul, and the punctuation between words
/// (’ “ — …), which otherwise each cost a binary search.
pub fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x2c1 => true,
        0x410..=0x44f | 0x5d0..=0x5ea | 0x621..=0x64a | 0xe01..=0xe30 => true,
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => true,
        0x2000..=0x206f => false,
        _ => c.is_alphanumeric(),
    }
}

/// `lower` contains `phrase`, not glued to letters on either side.
pub fn contains_phrase(lower: &str, phrase: &str) -> bool {
    let starts_alnum = phrase.chars().next().is_some_and(char::is_alphanumeric);
    let ends_alnum = phrase.chars().last().is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], phrase) {
        let start = from + pos;
        let end = start + phrase.len();
        let before_ok = !starts_alnum
            || !lower[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let after_ok = !ends_alnum
            || !lower[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return true;
        }
        from = start + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Splits an id/class/name string into lower-case tokens on non-letters, so
/// "mc-embedded-subscribe-form" yields "mc", "embedded", "subscribe", "form".
pub fn tokens(s: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        // Most tokens are lower-case already (class names): no copy then.
        .map(|t| match t.chars().any(char::is_uppercase) {
            true => Cow::Owned(t.to_lowercase()),
            false => Cow::Borrowed(t),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_index_finds_what_substring_search_finds() {
        // Needles of two to eight bytes are compared as one word; longer
        // ones also byte by byte past the eighth.
        let needles = [
            "modal",
            "mo",
            "pop-up",
            "cookie",
            "ie",
            "overlay",
            "overlays",
            "newsletter-signup",
        ];
        let index = PairIndex::new(needles.iter().enumerate().map(|(i, &n)| (n, i)));
        for hay in [
            "",
            "m",
            "site-modal is-open",
            "cookie-bar",
            "caf\u{e9} pop-up",
            "xmodalx overlay",
            "header nav",
            "ie",
            "overlays newsletter-signal",
            "newsletter-signup",
            "a newsletter-signu",
        ] {
            let mut found = Vec::new();
            index.scan(hay.as_bytes(), |i| {
                found.push(i);
                true
            });
            found.sort();
            found.dedup();
            let expected: Vec<usize> = (0..needles.len())
                .filter(|&i| hay.contains(needles[i]))
                .collect();
            assert_eq!(found, expected, "{hay:?}");
            assert_eq!(index.any_in(hay), !expected.is_empty(), "{hay:?}");
        }
    }

    #[test]
    fn find_agrees_with_str_find() {
        let hays = [
            "",
            "a",
            "mc-embedded-subscribe-form",
            "caf\u{e9} cookie-consent",
            "modalmodal",
        ];
        let needles = [
            "",
            "a",
            "modal",
            "subscribe",
            "\u{e9} c",
            "form",
            "mc-embedded-subscribe-form!",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn word_boundaries() {
        assert!(contains_phrase("please subscribe now", "subscribe"));
        assert!(!contains_phrase("the subscribers said", "subscribe"));
        assert!(contains_phrase(
            "* indicates required",
            "indicates required"
        ));
        assert!(contains_phrase("підпишіться на розсилку", "розсилку"));
        assert!(!contains_phrase("unassigned", "sign up"));
    }

    #[test]
    fn every_language_has_signup_wording() {
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
            assert!(contains_any(text, SIGNUP), "{text}");
        }
    }

    #[test]
    fn word_chars_are_alphanumerics() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
