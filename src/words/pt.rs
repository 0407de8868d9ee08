//! Portuguese words: its share of each list of [`Language`].

use super::Language;

#[rustfmt::skip]
pub const WORDS: Language = Language {
    signup: &[
        "inscreva-se", "assine", "assinar", "inscrever", "boletim", "seu e-mail", "seu email",
        "cadastre-se", "caixa de entrada",
    ],
    signup_call: &[
        "assine", "assinatura", "inscreva-se",
    ],
    fine_print: &[
        "privacidade", "cancelar a inscrição", "dados pessoais",
    ],
    search: &[
        "pesquisar",
    ],
    skip_link: &[
        "pular para", "ir para o conteúdo",
    ],
    consent: &[
        "aceitar", "rejeitar", "consentimento", "utilizamos cookies",
    ],
    support_nag: &[
        "apoie",
    ],
    rail_heading: &[
        "leia também", "você pode gostar", "você também pode gostar", "veja também", "mais lidas",
        "relacionado",
    ],
    ad_label: &[
        "publicidade",
    ],
    audio_notice: &[
        "ouvir este artigo",
    ],
    comments: &[
        "comentários",
    ],
    promo: &[
        "leia também",
    ],
    date_words: &[
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
        "outubro", "novembro", "dezembro", "às", "em", "de",
    ],
    months: &[
        "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
    ],
    byline_label: &[
        "escrito por", "publicado por", "por", "autor", "autora",
    ],
    ..Language::NONE
};
