//! French words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "s'abonner", "s’abonner", "abonnez-vous", "inscrivez-vous", "je m'inscris", "je m’inscris",
        "s'inscrire", "s’inscrire", "infolettre", "lettre d'information", "lettre d’information",
        "votre adresse e-mail", "votre e-mail", "boîte de réception",
    ],
    signup_call: &[
        "abonnez-vous", "s'abonner", "s’abonner", "infolettre",
    ],
    fine_print: &[
        "confidentialité", "désinscrire", "désabonner", "données personnelles",
    ],
    email_field: &[
        "courriel",
    ],
    search: &[
        "rechercher", "recherche",
    ],
    skip_link: &[
        "aller au contenu", "passer au contenu", "aller à",
    ],
    consent: &[
        "accepter", "tout accepter", "refuser", "consentement", "nous utilisons des cookies",
    ],
    support_nag: &[
        "soutenez", "faire un don",
    ],
    rail_heading: &[
        "à lire aussi", "les plus lus", "sur le même sujet", "lire aussi", "vous aimerez aussi",
        "vous aimerez peut-être",
    ],
    ad_label: &[
        "publicité",
    ],
    audio_notice: &[
        "écouter cet article",
    ],
    comments: &[
        "commentaires",
    ],
    promo: &[
        "lire aussi", "à lire aussi",
    ],
    date_words: &[
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre", "le", "à", "mis", "jour", "publié", "h",
    ],
    ad_or_loading: &[
        "publicité", "pub", "chargement",
    ],
    months: &[
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ],
    byline_label: &[
        "rédigé par", "écrit par", "publié par", "par", "auteur", "autrice",
    ],
    ..Language::NONE
};
