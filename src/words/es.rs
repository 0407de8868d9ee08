//! Spanish words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "suscríbete", "suscribete", "suscribirse", "suscríbase", "suscripción", "boletín",
        "tu correo", "su correo", "correo electrónico", "regístrate", "bandeja de entrada",
    ],
    signup_call: &[
        "suscríbete", "suscribirse", "suscripción", "boletín",
    ],
    fine_print: &[
        "privacidad", "darte de baja", "datos personales",
    ],
    email_field: &[
        "correo",
    ],
    search: &[
        "buscar",
    ],
    skip_link: &[
        "saltar al contenido", "ir al contenido",
    ],
    consent: &[
        "aceptar", "aceptar todo", "rechazar", "consentimiento", "utilizamos cookies",
    ],
    support_nag: &[
        "apoya", "donar",
    ],
    rail_heading: &[
        "más leídas", "relacionado", "te puede interesar", "lo más visto",
        "también te puede interesar", "te puede gustar",
    ],
    ad_label: &[
        "publicidad",
    ],
    audio_notice: &[
        "escuchar este artículo",
    ],
    comments: &[
        "comentarios",
    ],
    promo: &[
        "leer más", "lee también",
    ],
    date_words: &[
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre", "de", "del", "el", "las", "actualizado", "publicado",
    ],
    ad_or_loading: &[
        "anuncio", "publicidad", "cargando",
    ],
    months: &[
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ],
    byline_label: &[
        "escrito por", "publicado por", "por", "autor", "autora",
    ],
    ..Language::NONE
};
