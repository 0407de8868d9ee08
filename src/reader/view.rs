//! The reader view's markup: a header (title, by-line, date, site, reading
//! time), the lead image when the article has none of its own, the
//! sanitised article body, and a small toolbar for theme, font size, width
//! and line height. Pure string building, so it is tested natively; the
//! live side only puts it in a shadow root and wires the toolbar.
//!
//! Everything that comes from the page is escaped here or was sanitised by
//! `reader::render`: the view holds no script, no event-handler attribute
//! and no `javascript:` URL.

use crate::article::Article;
use crate::reader::sanitize::{escape_attr, escape_text, resolve_url};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The reader's choices, remembered by the extension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Prefs {
    pub theme: Theme,
    /// Body text size, CSS pixels.
    pub font_size: f32,
    /// Column width, CSS pixels.
    pub width: f32,
    pub line_height: f32,
    pub font: Font,
    /// How fast read aloud speaks, one of [`SPEECH_RATES`].
    pub speech_rate: f32,
}

/// The read-aloud speeds the speed button steps through, in order (normal,
/// then faster, then one slower before normal again).
pub const SPEECH_RATES: [f32; 5] = [1.0, 1.25, 1.5, 2.0, 0.75];

/// The typeface of the article's text (the toolbar keeps the system's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Font {
    #[default]
    Serif,
    Sans,
    System,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Auto,
    Light,
    Sepia,
    Dark,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            theme: Theme::Auto,
            font_size: 19.0,
            width: 680.0,
            line_height: 1.6,
            font: Font::Serif,
            speech_rate: 1.0,
        }
    }
}

/// What the view is opened with: the reader's prefs, and the words to show
/// it in (`toggleReader` reads both from one object, the words under
/// `labels`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewOptions {
    pub prefs: Prefs,
    pub labels: Labels,
}

/// The view's own words in English, by name: the toolbar's `{name}` slots
/// (`toolbar.html`) and the reading time, one form per plural category of
/// `Intl.PluralRules` (`readerMinutes_one` …), `$1` standing for the
/// minutes. The names are the extension's message names, so it passes its
/// translations under them (`extension/_locales/*/messages.json`;
/// `tests/e2e/locales.test.mjs` checks that English says the same there).
// One word a line: tests/e2e/locales.test.mjs reads this table.
#[rustfmt::skip]
pub const ENGLISH: &[(&str, &str)] = &[
    ("readerToolbar", "Reader view settings"),
    ("readerThemes", "Theme"),
    ("readerThemeAuto", "Auto"),
    ("readerThemeAutoTitle", "Follow the system theme"),
    ("readerThemeLight", "Light"),
    ("readerThemeLightTitle", "Light theme"),
    ("readerThemeSepia", "Sepia"),
    ("readerThemeSepiaTitle", "Sepia theme"),
    ("readerThemeDark", "Dark"),
    ("readerThemeDarkTitle", "Dark theme"),
    ("readerText", "Text"),
    ("readerFontSmaller", "Smaller text"),
    ("readerFontLarger", "Larger text"),
    ("readerNarrower", "Narrower column"),
    ("readerWider", "Wider column"),
    ("readerTighter", "Less line spacing"),
    ("readerLooser", "More line spacing"),
    ("readerClose", "Close reader view (Escape)"),
    ("readerCloseButton", "Close"),
    ("readerAppearance", "Appearance"),
    ("readerAppearanceTitle", "Theme, font, text size and spacing"),
    ("readerFont", "Font"),
    ("readerFontSerif", "Serif"),
    ("readerFontSerifTitle", "A serif typeface, like a printed book"),
    ("readerFontSans", "Sans"),
    ("readerFontSansTitle", "A sans-serif typeface"),
    ("readerFontSystem", "System"),
    ("readerFontSystemTitle", "Your system's own typeface"),
    ("readerExport", "Export"),
    ("readerExportTitle", "Copy or save the article"),
    ("readerCopyMarkdown", "Copy as Markdown"),
    ("readerCopyMarkdownTitle", "Copy the article to the clipboard as Markdown"),
    ("readerSaveMarkdown", "Save as Markdown"),
    ("readerSaveMarkdownTitle", "Download the article as a Markdown file"),
    ("readerSaveHtml", "Save as HTML"),
    ("readerSaveHtmlTitle", "Download the article as a web page"),
    ("readerCopied", "Copied to the clipboard"),
    ("readerCopyFailed", "Could not copy: the browser refused"),
    ("readerListen", "Listen"),
    ("readerListenTitle", "Read the article aloud, or pause"),
    ("readerPause", "Pause"),
    ("readerSpeed", "Speed $1"),
    ("readerSpeedTitle", "How fast the article is read aloud"),
    ("readerTimeLeft", "$1 min left"),
    ("readerMinutes_one", "$1 min read"),
    ("readerMinutes_few", "$1 min read"),
    ("readerMinutes_many", "$1 min read"),
    ("readerMinutes_other", "$1 min read"),
];

/// The words the view shows, in one language: what the opener passes (the
/// extension, its messages in the reader's language), English for any it
/// leaves out or empty.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Labels {
    /// The language of `words` (a BCP 47 tag).
    pub lang: String,
    /// Words by their [`ENGLISH`] name.
    pub words: BTreeMap<String, String>,
}

impl Labels {
    /// The word `name` (an [`ENGLISH`] name), or "" for an unknown name.
    pub fn word(&self, name: &str) -> &str {
        match self.words.get(name).filter(|w| !w.trim().is_empty()) {
            Some(word) => word,
            None => ENGLISH
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, english)| english),
        }
    }

    /// The language the view's own words are in: English when the opener
    /// gave none, so the view never claims a language it does not show.
    pub fn lang(&self) -> &str {
        if self.words.is_empty() || self.lang.trim().is_empty() {
            "en"
        } else {
            self.lang.trim()
        }
    }

    /// The direction of the view's own words: right to left for the
    /// languages written so, whatever the article's direction.
    pub fn dir(&self) -> &'static str {
        let primary = self.lang().split(['-', '_']).next().unwrap_or("");
        if ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"]
            .iter()
            .any(|l| primary.eq_ignore_ascii_case(l))
        {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// "5 min read", in the form for `category` (an `Intl.PluralRules`
    /// category of [`Labels::lang`]; `other` where the words have none).
    pub fn reading_time(&self, minutes: u32, category: &str) -> String {
        let form = match category {
            "one" | "few" | "many" => self.word(&format!("readerMinutes_{category}")),
            _ => "",
        };
        let form = if form.is_empty() {
            self.word("readerMinutes_other")
        } else {
            form
        };
        form.replace("$1", &minutes.to_string())
    }
}

/// What the live view works out through `Intl` in the labels' language,
/// which plain Rust cannot: the plural category of the reading time and the
/// day the article was published, written out. Without it (natively) the
/// day stays `YYYY-MM-DD` and the reading time takes English's two forms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Local {
    pub plural: Option<String>,
    pub day: Option<String>,
}

/// The steps and bounds of the toolbar's controls.
const FONT_SIZES: (f32, f32, f32) = (14.0, 30.0, 1.0);
const WIDTHS: (f32, f32, f32) = (480.0, 1000.0, 60.0);
const LINE_HEIGHTS: (f32, f32, f32) = (1.2, 2.2, 0.1);

impl Prefs {
    /// Clamps values from storage, which may be old or corrupt.
    pub fn clamped(mut self) -> Self {
        let clamp = |v: f32, (lo, hi, _): (f32, f32, f32), default: f32| {
            if v.is_finite() {
                v.clamp(lo, hi)
            } else {
                default
            }
        };
        let d = Prefs::default();
        self.font_size = clamp(self.font_size, FONT_SIZES, d.font_size);
        self.width = clamp(self.width, WIDTHS, d.width);
        self.line_height = clamp(self.line_height, LINE_HEIGHTS, d.line_height);
        // The listed speed nearest to the stored one.
        self.speech_rate = if self.speech_rate.is_finite() {
            SPEECH_RATES
                .into_iter()
                .min_by(|a, b| {
                    (a - self.speech_rate)
                        .abs()
                        .total_cmp(&(b - self.speech_rate).abs())
                })
                .unwrap_or(d.speech_rate)
        } else {
            d.speech_rate
        };
        self
    }

    /// The speed as the speed button writes it ("1.25×").
    pub fn speech_rate_label(&self) -> String {
        format!("{}×", self.speech_rate)
    }

    /// Applies a toolbar action (`data-action` of the button pressed).
    /// Returns false for actions that are not preferences (such as close).
    pub fn apply(&mut self, action: &str) -> bool {
        let step = |v: &mut f32, (lo, hi, step): (f32, f32, f32), dir: f32| {
            *v = ((*v + dir * step) * 10.0).round() / 10.0;
            *v = v.clamp(lo, hi);
        };
        match action {
            "theme-auto" => self.theme = Theme::Auto,
            "theme-light" => self.theme = Theme::Light,
            "theme-sepia" => self.theme = Theme::Sepia,
            "theme-dark" => self.theme = Theme::Dark,
            "font-serif" => self.font = Font::Serif,
            "font-sans" => self.font = Font::Sans,
            "font-system" => self.font = Font::System,
            "font-smaller" => step(&mut self.font_size, FONT_SIZES, -1.0),
            "font-larger" => step(&mut self.font_size, FONT_SIZES, 1.0),
            "narrower" => step(&mut self.width, WIDTHS, -1.0),
            "wider" => step(&mut self.width, WIDTHS, 1.0),
            "tighter" => step(&mut self.line_height, LINE_HEIGHTS, -1.0),
            "looser" => step(&mut self.line_height, LINE_HEIGHTS, 1.0),
            "speed" => {
                let at = SPEECH_RATES.iter().position(|&r| r == self.speech_rate);
                self.speech_rate = SPEECH_RATES[at.map_or(0, |i| (i + 1) % SPEECH_RATES.len())];
            }
            _ => return false,
        }
        true
    }

    /// Whether the toolbar's choice `action` (a theme or a font) is the one
    /// in effect, for its `aria-pressed`; `None` for other actions.
    pub fn pressed(&self, action: &str) -> Option<bool> {
        let (kind, name) = action.split_once('-')?;
        match kind {
            "theme" => Some(name == self.theme_name()),
            "font" if matches!(name, "serif" | "sans" | "system") => Some(name == self.font_name()),
            _ => None,
        }
    }

    pub fn font_name(&self) -> &'static str {
        match self.font {
            Font::Serif => "serif",
            Font::Sans => "sans",
            Font::System => "system",
        }
    }

    pub fn theme_name(&self) -> &'static str {
        match self.theme {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Sepia => "sepia",
            Theme::Dark => "dark",
        }
    }

    /// The CSS custom properties that carry the preferences, as
    /// `[name, value, ...]`.
    pub fn properties(&self) -> [String; 6] {
        [
            "--dc-font-size".into(),
            format!("{}px", self.font_size),
            "--dc-width".into(),
            format!("{}px", self.width),
            "--dc-line-height".into(),
            self.line_height.to_string(),
        ]
    }

    /// The same properties as a `style` attribute.
    pub fn style(&self) -> String {
        let p = self.properties();
        format!("{}:{};{}:{};{}:{}", p[0], p[1], p[2], p[3], p[4], p[5])
    }
}

/// Below this many characters of text, a page is shown in the reader view
/// only if [`MIN_CONFIDENCE`] says it is an article anyway (a short brief
/// that declares itself one). A sign-in page or a dashboard has a few dozen
/// to a hundred-odd characters of "article" text: the reader asked for an
/// article, and a view of a lone link is not one.
pub const MIN_VIEW_CHARS: usize = 250;
/// See [`MIN_VIEW_CHARS`]: `Article::confidence` of a short page worth a view.
pub const MIN_CONFIDENCE: f32 = 0.3;

/// Whether `article` is worth a reader view, or the page has none.
pub fn worth_showing(article: &Article) -> bool {
    article.length >= MIN_VIEW_CHARS || article.confidence >= MIN_CONFIDENCE
}

/// The whole shadow-root markup for `article`, styles included: what a
/// saved page or a test renders.
/// In English, as the CLI and the demo show it.
pub fn view_html(article: &Article, prefs: &Prefs, base: Option<&str>) -> String {
    let labels = Labels::default();
    let mut out = String::with_capacity(article.content.len() + 6000);
    out.push_str("<style>");
    out.push_str(STYLE);
    out.push_str("</style>");
    push_root_open(prefs, &mut out);
    out.push_str(r#" style=""#);
    escape_attr(&prefs.style(), &mut out);
    out.push('"');
    push_view_rest(article, prefs, &labels, &Local::default(), base, &mut out);
    out
}

/// The view's markup without any CSS: the live view adopts [`STYLE`] as a
/// constructed sheet and sets [`Prefs::properties`] through CSSOM, which a
/// page's `style-src` CSP does not block, where it blocks `<style>` and
/// `style=`.
/// Its own words are `labels`, the date and reading time as `local` has
/// them.
pub fn view_markup(
    article: &Article,
    prefs: &Prefs,
    labels: &Labels,
    local: &Local,
    base: Option<&str>,
) -> String {
    let mut out = String::with_capacity(article.content.len() + 2000);
    push_root_open(prefs, &mut out);
    push_view_rest(article, prefs, labels, local, base, &mut out);
    out
}

/// The root element's start tag, up to its theme and font (left open for more attributes).
fn push_root_open(prefs: &Prefs, out: &mut String) {
    out.push_str(r#"<div class="dc-root" role="dialog" aria-modal="true" aria-labelledby="dc-title" data-theme=""#);
    out.push_str(prefs.theme_name());
    out.push_str(r#"" data-font=""#);
    out.push_str(prefs.font_name());
    out.push('"');
}

/// Everything after the root element's theme and style: its language and
/// direction, the toolbar, the header and the body.
fn push_view_rest(
    article: &Article,
    prefs: &Prefs,
    labels: &Labels,
    local: &Local,
    base: Option<&str>,
    out: &mut String,
) {
    if let Some(lang) = &article.lang {
        out.push_str(" lang=\"");
        escape_attr(lang, out);
        out.push('"');
    }
    if let Some(dir) = article
        .dir
        .as_deref()
        .filter(|d| matches!(*d, "ltr" | "rtl" | "auto"))
    {
        out.push_str(" dir=\"");
        out.push_str(dir);
        out.push('"');
    }
    out.push('>');
    out.push_str(&toolbar(labels, prefs));
    out.push_str(r#"<article class="dc-article" tabindex="-1"><header class="dc-header">"#);
    if let Some(site) = &article.site_name {
        out.push_str(r#"<p class="dc-site">"#);
        escape_text(site, out);
        out.push_str("</p>");
    }
    out.push_str(r#"<h1 id="dc-title">"#);
    escape_text(&article.title, out);
    out.push_str("</h1>");
    push_meta(article, labels, local, out);
    out.push_str("</header>");
    let has_image = article.content.contains("<img");
    if let (false, Some(src)) = (
        has_image,
        article
            .lead_image
            .as_deref()
            .and_then(|u| resolve_url(base, u, false)),
    ) {
        out.push_str(r#"<figure class="dc-lead"><img alt="" src=""#);
        escape_attr(&src, out);
        out.push_str(r#""></figure>"#);
    }
    out.push_str(r#"<div class="dc-body">"#);
    out.push_str(&article.content);
    out.push_str("</div></article></div>");
}

/// The line under the title: by-line, date and reading time, joined by
/// " · ". The page's words keep the article's language; the view's own (the
/// reading time, a date written out in the labels' language) say theirs
/// where it may differ.
fn push_meta(article: &Article, labels: &Labels, local: &Local, out: &mut String) {
    let lang = labels.lang();
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let same_lang = article
        .lang
        .as_deref()
        .is_some_and(|l| primary(l) == primary(lang));
    // (text, in the labels' language, direction when it has no letters of its own)
    let mut meta: Vec<(String, bool, Option<&str>)> = Vec::new();
    if let Some(byline) = &article.byline {
        meta.push((byline.clone(), false, None));
    }
    if let Some(date) = &article.published_time {
        meta.push(match (iso_day(date), &local.day) {
            (Some(_), Some(day)) => (day.clone(), true, None),
            (Some(day), None) => (day.to_owned(), false, Some("ltr")),
            (None, _) => (date.trim().to_owned(), false, None),
        });
    }
    let english_plural = if article.reading_minutes == 1 {
        "one"
    } else {
        "other"
    };
    let plural = local.plural.as_deref().unwrap_or(english_plural);
    meta.push((
        labels.reading_time(article.reading_minutes, plural),
        true,
        None,
    ));
    // Each item is isolated (`<bdi>`): in a right-to-left article an
    // English "2 min read" or a "2025-03-14" keeps its own order.
    out.push_str(r#"<p class="dc-meta">"#);
    for (i, (text, ours, dir)) in meta.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        out.push_str("<bdi");
        if *ours && !same_lang {
            out.push_str(r#" lang=""#);
            escape_attr(lang, out);
            out.push('"');
        }
        if let Some(dir) = dir {
            out.push_str(r#" dir=""#);
            out.push_str(dir);
            out.push('"');
        }
        out.push('>');
        escape_text(text, out);
        out.push_str("</bdi>");
    }
    out.push_str("</p>");
}

/// The day of an ISO date: `2024-12-26T21:13:00+02:00` → `2024-12-26`, the
/// day the publisher wrote, whatever the reader's time zone; `None` for
/// other formats, which the view shows as they are.
pub fn iso_day(date: &str) -> Option<&str> {
    let d = date.trim();
    let b = d.as_bytes();
    let looks_iso = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    // `get`: the tenth byte may fall inside a character ("2024-12-0é").
    d.get(..10).filter(|_| looks_iso)
}

/// The toolbar's markup, in its own file so that it can be edited as HTML.
/// Each button's `data-action` is a [`Prefs::apply`] action, or one the
/// live view handles itself (`close`, the panels, export, read aloud). Each
/// `{name}` is a word of [`Labels`] (`{lang}` their language), `{name|x}`
/// the word with `x` for its `$1`, `{pressed|action}` whether that
/// choice is on (`true`/`false`, [`Prefs::pressed`]), and `{rate|name}` the
/// word `name` with the read-aloud speed for its `$1`. The final newline an
/// editor adds is trimmed.
pub const TOOLBAR: &str = include_str!("toolbar.html").trim_ascii_end();

/// [`TOOLBAR`] with its slots filled from `labels` and `prefs`, escaped.
pub fn toolbar(labels: &Labels, prefs: &Prefs) -> String {
    let mut out = String::with_capacity(TOOLBAR.len() + 1200);
    let mut rest = TOOLBAR;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        let value = match slot.split_once('|') {
            None if slot == "lang" => labels.lang().to_owned(),
            None if slot == "dir" => labels.dir().to_owned(),
            None => labels.word(slot).to_owned(),
            Some(("pressed", action)) => prefs.pressed(action).unwrap_or(false).to_string(),
            Some(("rate", name)) => labels.word(name).replace("$1", &prefs.speech_rate_label()),
            Some((name, arg)) => labels.word(name).replace("$1", arg),
        };
        // A slot is escaped as an attribute value: safe as text too.
        escape_attr(&value, &mut out);
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The view's own stylesheet, scoped to its shadow root, in its own file so
/// that it can be edited as CSS. `:host { all: initial }` keeps the page's
/// inherited styles out; the themes are custom properties on `.dc-root`
/// (`data-theme`), the reader's choices the `--dc-*` ones of
/// [`Prefs::properties`]. The leading newline keeps the `<style>` of
/// [`view_html`] as it always was.
pub const STYLE: &str = concat!("\n", include_str!("view.css"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_pages_are_worth_a_view_only_when_they_look_like_articles() {
        let mut a = article();
        a.length = 54;
        a.confidence = 0.06; // a sign-in page's "article": one link
        assert!(!worth_showing(&a));
        a.confidence = 0.4; // a short brief that declares itself an article
        assert!(worth_showing(&a));
        a.length = 1600;
        a.confidence = 0.1;
        assert!(worth_showing(&a));
    }

    fn article() -> Article {
        Article {
            title: "A <b>title</b>".into(),
            byline: Some("By Ann \"Q\" Lee".into()),
            dir: Some("rtl\" onload=\"x".into()),
            lang: Some("en".into()),
            content: "<p>Body</p>".into(),
            text_content: "Body".into(),
            length: 4,
            excerpt: None,
            site_name: Some("Site".into()),
            published_time: Some("2024-12-26T21:13:00+02:00".into()),
            lead_image: Some("javascript:alert(1)".into()),
            reading_minutes: 1,
            confidence: 0.9,
        }
    }

    #[test]
    fn escapes_metadata_and_drops_unsafe_values() {
        let html = view_html(&article(), &Prefs::default(), Some("https://example.com/a"));
        assert!(html.contains("A &lt;b&gt;title&lt;/b&gt;"));
        assert!(html.contains(r#"<bdi dir="ltr">2024-12-26</bdi> · <bdi>1 min read</bdi></p>"#));
        assert!(
            !html.contains("javascript:"),
            "lead image URL must be dropped"
        );
        assert!(
            !html.contains("onload"),
            "a hostile dir value must not reach the markup"
        );
        assert!(!html.contains("<script"));
    }

    #[test]
    fn prefs_step_within_bounds_and_clamp_corrupt_values() {
        let mut p = Prefs::default();
        for _ in 0..100 {
            p.apply("font-larger");
        }
        assert_eq!(p.font_size, FONT_SIZES.1);
        assert!(p.apply("theme-sepia") && p.theme == Theme::Sepia);
        assert!(!p.apply("close"));
        let wild = Prefs {
            font_size: f32::NAN,
            width: 1e9,
            line_height: -3.0,
            ..Prefs::default()
        }
        .clamped();
        assert_eq!(
            (wild.font_size, wild.width, wild.line_height),
            (19.0, 1000.0, 1.2)
        );
    }

    /// Found by the fuzzer: a date whose tenth byte falls inside a
    /// character panicked when cut to its day.
    #[test]
    fn a_date_cut_inside_a_character_stays_whole() {
        assert_eq!(iso_day("2024-12-0\u{e9}"), None);
        assert_eq!(iso_day("2024-12-26T21:13:00+02:00"), Some("2024-12-26"));
        assert_eq!(iso_day("20\u{e9}4-1-26"), None);
        assert_eq!(iso_day("March 3, 2024"), None);
    }

    #[test]
    fn every_toolbar_slot_has_a_word_and_words_are_escaped() {
        let english = toolbar(&Labels::default(), &Prefs::default());
        assert!(
            !english.contains('{') && !english.contains('}'),
            "{english}"
        );
        assert!(english.contains(r#"lang="en""#) && english.contains(">Sepia</button>"));
        for (name, _) in ENGLISH {
            let in_toolbar =
                TOOLBAR.contains(&format!("{{{name}}}")) || TOOLBAR.contains(&format!("{{{name}|"));
            assert!(
                in_toolbar || name.starts_with("readerMinutes_"),
                "{name} is never shown"
            );
        }
        let labels = Labels {
            lang: "de".into(),
            words: [("readerThemeSepia".into(), "<b>\"x\"</b>".into())].into(),
        };
        let german = toolbar(&labels, &Prefs::default());
        assert!(german.contains(r#"lang="de""#));
        assert!(german.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;") && !german.contains("<b>"));
        // A word left out is English.
        assert!(german.contains(">Dark</button>"));
    }

    #[test]
    fn the_view_claims_only_the_language_it_shows() {
        // No words given: English, whatever the opener says.
        let none = Labels {
            lang: "ru".into(),
            ..Labels::default()
        };
        assert_eq!(none.lang(), "en");
        let mut a = article();
        a.lang = Some("uk".into());
        a.reading_minutes = 5;
        let words = [
            ("readerMinutes_one", "$1 минута чтения"),
            ("readerMinutes_few", "$1 минуты чтения"),
            ("readerMinutes_many", "$1 минут чтения"),
            ("readerMinutes_other", "$1 минуты чтения"),
        ];
        let ru = Labels {
            lang: "ru".into(),
            words: words
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        let local = Local {
            plural: Some("many".into()),
            day: Some("26 декабря 2024 г.".into()),
        };
        let html = view_markup(&a, &Prefs::default(), &ru, &local, None);
        assert!(html.contains(
            r#"<bdi>By Ann "Q" Lee</bdi> · <bdi lang="ru">26 декабря 2024 г.</bdi> · <bdi lang="ru">5 минут чтения</bdi>"#
        ), "{html}");
        // In the article's own language, the words need no mark.
        a.lang = Some("ru-RU".into());
        let html = view_markup(&a, &Prefs::default(), &ru, &Local::default(), None);
        assert!(
            html.contains(r#"· <bdi dir="ltr">2024-12-26</bdi> · <bdi>5 минуты чтения</bdi></p>"#),
            "{html}"
        );
    }

    #[test]
    fn theme_and_font_buttons_say_which_is_on() {
        let mut prefs = Prefs::default();
        assert!(prefs.apply("font-sans") && prefs.font == Font::Sans);
        prefs.apply("theme-dark");
        let bar = toolbar(&Labels::default(), &prefs);
        for (action, on) in [
            ("theme-auto", false),
            ("theme-dark", true),
            ("font-serif", false),
            ("font-sans", true),
            ("font-system", false),
        ] {
            assert!(
                bar.contains(&format!(r#"data-action="{action}" aria-pressed="{on}""#)),
                "{action}: {bar}"
            );
        }
        assert_eq!(prefs.pressed("font-larger"), None);
        assert_eq!(prefs.pressed("close"), None);
        // A word with an argument, and the view's direction for its words.
        assert!(bar.contains(">Speed 1×</button>"), "{bar}");
        assert!(bar.contains(r#"dir="ltr""#));
        let arabic = Labels {
            lang: "ar-EG".into(),
            words: [("readerClose".into(), "إغلاق".into())].into(),
        };
        assert_eq!(arabic.dir(), "rtl");
        // The font travels with the other prefs, and an old store has none.
        let json = serde_json::to_string(&prefs).unwrap();
        assert!(json.contains(r#""font":"sans""#), "{json}");
        let old: Prefs = serde_json::from_str(r#"{"theme":"sepia"}"#).unwrap();
        assert_eq!(old.font, Font::Serif);
    }

    #[test]
    fn the_speed_steps_round_its_list_is_kept_and_shown() {
        let mut prefs = Prefs::default();
        let mut seen = vec![prefs.speech_rate];
        for _ in 0..SPEECH_RATES.len() {
            assert!(prefs.apply("speed"));
            seen.push(prefs.speech_rate);
        }
        assert_eq!(seen, [1.0, 1.25, 1.5, 2.0, 0.75, 1.0]);
        prefs.apply("speed");
        let json = serde_json::to_string(&prefs).unwrap();
        assert!(json.contains(r#""speechRate":1.25"#), "{json}");
        assert!(toolbar(&Labels::default(), &prefs).contains(">Speed 1.25×</button>"));
        // A stored speed off the list is the nearest listed one; garbage is normal speed.
        for (stored, kept) in [(1.3, 1.25), (9.0, 2.0), (0.1, 0.75), (f32::NAN, 1.0)] {
            let p = Prefs {
                speech_rate: stored,
                ..Prefs::default()
            }
            .clamped();
            assert_eq!(p.speech_rate, kept, "{stored}");
        }
    }

    #[test]
    fn prefs_and_labels_read_from_one_object() {
        let json = r#"{"theme":"dark","fontSize":22,"labels":{"lang":"fr","words":{}}}"#;
        let prefs: Prefs = serde_json::from_str(json).unwrap();
        assert_eq!(
            (prefs.theme, prefs.font_size, prefs.width),
            (Theme::Dark, 22.0, 680.0)
        );
        let labels: Labels =
            serde_json::from_str(r#"{"lang":"fr","words":{"readerThemeDark":"Sombre"}}"#).unwrap();
        assert_eq!(
            (labels.lang(), labels.word("readerThemeDark")),
            ("fr", "Sombre")
        );
        assert_eq!(labels.word("readerThemeLight"), "Light");
    }
}
