//! The reader view on the live page: a host element with an open shadow
//! root, laid over the page. The page underneath is not touched, so closing
//! the view (removing the host) gives it back exactly.
//!
//! While open, the view tells its opener what the reader did by calling the
//! `on_event` function it was opened with: `("prefs", json)` after a
//! toolbar button changed the preferences, `("closed")` after Escape (with
//! no panel open: the first Escape closes the panel) or the close button. A function, not a DOM event: the page could dispatch an
//! event too, and what the view reports is written to the user's settings.
//! For the same reason only trusted input (a real key press or click, never
//! one a script synthesised) works the view's controls.

use crate::article::Article;
use crate::dom::methods::{query_all, root_of};
use crate::dom::OWN_ELEMENT;
use crate::reader::export::{self, Source};
use crate::reader::sanitize::resolve_url;
use crate::reader::view::{iso_day, view_markup, worth_showing, Local, Prefs, ViewOptions, STYLE};
use crate::snapshot::Snapshot;
use crate::tune::reader::LOCK_MAX_ELEMENTS;
use crate::{article::ExtractOptions, reader::extract};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlElement, KeyboardEvent, ShadowRoot, ShadowRootInit,
    ShadowRootMode,
};

const HOST_VALUE: &str = "reader";

#[wasm_bindgen(module = "/src/dom/reader_view.js")]
extern "C" {
    /// Parses `markup` into `shadow` and adopts `css` there (no innerHTML, no <style>).
    #[wasm_bindgen(js_name = fillView)]
    fn fill_view(shadow: &ShadowRoot, markup: &str, css: &str);
    /// Sets CSS custom properties through CSSOM: `[name, value, ...]`.
    #[wasm_bindgen(js_name = setProperties)]
    fn set_properties(el: &Element, props: Vec<String>);
    /// Whether an image of the page shows `url` (its current or declared source).
    #[wasm_bindgen(js_name = pageShowsImage)]
    fn page_shows_image(document: &Document, url: &str) -> bool;
    /// `Intl.PluralRules`' category of `n` in `lang` ("one", "few", "many", "other").
    #[wasm_bindgen(js_name = pluralCategory)]
    fn plural_category(lang: &str, n: f64) -> String;
    /// The day `day` (`YYYY-MM-DD`) written out in `lang` by `Intl.DateTimeFormat`.
    #[wasm_bindgen(js_name = formatDay)]
    fn format_day(lang: &str, day: &str) -> Option<String>;
}

#[wasm_bindgen(module = "/src/dom/reader_view.js")]
extern "C" {
    /// The open view's DOM behaviour: a modal dialog (focus kept inside,
    /// the page behind neither scrolling nor printing), its panels,
    /// progress, read aloud, clipboard and downloads.
    type Session;
    #[wasm_bindgen(js_name = startView)]
    fn start_view(
        document: &Document,
        host: &Element,
        shadow: &ShadowRoot,
        minutes: f64,
        speech_rate: f64,
        lock_page: bool,
    ) -> Session;
    /// A toolbar action the view handles itself; false for an unknown one.
    #[wasm_bindgen(method)]
    fn act(this: &Session, action: &str) -> bool;
    /// Closes the open panel, focus back on its button; false when none was open.
    /// Read aloud at `rate` from now on (the sentence being read starts again).
    #[wasm_bindgen(method, js_name = setRate)]
    fn set_rate(this: &Session, rate: f64);
    #[wasm_bindgen(method, js_name = closePanel)]
    fn close_panel(this: &Session) -> bool;
    #[wasm_bindgen(method)]
    fn copy(this: &Session, text: &str);
    #[wasm_bindgen(method)]
    fn save(this: &Session, name: &str, mime: &str, text: &str);
    /// Gives the page back its scrolling and printing, and stops reading aloud.
    #[wasm_bindgen(method)]
    fn stop(this: &Session);
}

/// What an open view holds on to; dropping it releases the listeners.
struct Open {
    document: Document,
    host: Element,
    prefs: Prefs,
    /// The article shown, and the page's address: what an export writes.
    article: Article,
    url: Option<String>,
    session: Session,
    /// Where focus was before opening, to give it back on close.
    previous_focus: Option<HtmlElement>,
    /// The opener's `on_event(kind, detail)`, if it gave one.
    on_event: Option<js_sys::Function>,
    on_key: Closure<dyn FnMut(KeyboardEvent)>,
    on_click: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static OPEN: RefCell<Option<Open>> = const { RefCell::new(None) };
}

/// The open view's host, found through Document's own method: a page's
/// `<img name="querySelector">` would otherwise hide it, and the toggle
/// would open a second view instead of closing the first.
fn host_of(document: &Document) -> Option<Element> {
    query_all(document, &format!("[{OWN_ELEMENT}=\"{HOST_VALUE}\"]"))
        .into_iter()
        .next()
}

pub fn is_shown(document: &Document) -> bool {
    host_of(document).is_some()
}

/// What `toggle` answers when the page has no article: the extension shows
/// it to the reader as it is, so it is a sentence.
pub const NO_ARTICLE: &str = "no article found on this page";

/// What the view shows of a page, found in its snapshot: a step of its own
/// before the view is written, so that neither holds a huge page's main
/// thread for long.
pub struct Found {
    article: Option<Article>,
    url: Option<String>,
    /// Whether the page is small enough to stop it scrolling behind the
    /// view (see `tune::reader::LOCK_MAX_ELEMENTS`).
    lock_page: bool,
}

/// Finds the article in `snap`, the page as just read.
pub fn find(snap: &Snapshot) -> Found {
    Found {
        article: extract(snap, &ExtractOptions::default()).filter(worth_showing),
        url: snap.url.clone(),
        lock_page: snap.nodes.iter().filter(|n| n.is_element()).count() <= LOCK_MAX_ELEMENTS,
    }
}

/// Opens the view of the article `found`, in the words of
/// `options.labels`; `Err` when it has no article to show.
pub fn open(
    document: &Document,
    found: Found,
    options: ViewOptions,
    on_event: Option<js_sys::Function>,
) -> Result<(), String> {
    let Found {
        article,
        url,
        lock_page,
    } = found;
    let mut article = article.ok_or(NO_ARTICLE)?;
    // The lead image (og:image) only if the page itself shows it: the view
    // must not fetch what the reader never saw, which would tell the site's
    // image server that the reader view was opened.
    let lead = article
        .lead_image
        .as_deref()
        .and_then(|u| resolve_url(url.as_deref(), u, false));
    if !lead.is_some_and(|url| page_shows_image(document, &url)) {
        article.lead_image = None;
    }
    let prefs = options.prefs.clamped();
    let labels = options.labels;
    let lang = labels.lang();
    let local = Local {
        plural: Some(plural_category(lang, f64::from(article.reading_minutes))),
        day: article
            .published_time
            .as_deref()
            .and_then(iso_day)
            .and_then(|day| format_day(lang, day)),
    };
    let host = document
        .create_element("div")
        .map_err(|_| "cannot create the view")?;
    host.set_attribute(OWN_ELEMENT, HOST_VALUE)
        .map_err(|_| "cannot mark the view")?;
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host
        .attach_shadow(&init)
        .map_err(|_| "cannot attach a shadow root")?;
    fill_view(
        &shadow,
        &view_markup(&article, &prefs, &labels, &local, url.as_deref()),
        STYLE,
    );
    if let Some(view_root) = shadow.query_selector(".dc-root").ok().flatten() {
        set_properties(&view_root, prefs.properties().to_vec());
    }
    let root = root_of(document).ok_or("the page has no root element")?;
    root.append_child(&host)
        .map_err(|_| "cannot add the view to the page")?;

    let previous_focus = document
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(article_el) = shadow.query_selector(".dc-article").ok().flatten() {
        // Without preventScroll the focus scrolls the title under the
        // sticky toolbar.
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = article_el
            .unchecked_ref::<HtmlElement>()
            .focus_with_options(&options);
    }

    let session = start_view(
        document,
        &host,
        &shadow,
        f64::from(article.reading_minutes),
        f64::from(prefs.speech_rate),
        lock_page,
    );
    let doc = document.clone();
    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(move |e: KeyboardEvent| {
        if e.is_trusted() && e.key() == "Escape" {
            e.prevent_default();
            // Escape steps back one level: an open panel first, then the view.
            let panel_closed = OPEN.with(|open| {
                open.borrow()
                    .as_ref()
                    .is_some_and(|open| open.session.close_panel())
            });
            if !panel_closed {
                close(&doc, true);
            }
        }
    });
    let doc = document.clone();
    let on_click = Closure::<dyn FnMut(Event)>::new(move |e: Event| on_toolbar(&doc, &e));
    let _ = document.add_event_listener_with_callback_and_bool(
        "keydown",
        on_key.as_ref().unchecked_ref(),
        true,
    );
    let _ = shadow.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    OPEN.with(|open| {
        *open.borrow_mut() = Some(Open {
            document: document.clone(),
            host,
            prefs,
            article,
            url,
            session,
            previous_focus,
            on_event,
            on_key,
            on_click,
        });
    });
    Ok(())
}

/// Removes the view and gives focus back. `by_reader`: the reader closed
/// it from inside (Escape, the close button), so the opener is told.
pub fn close(document: &Document, by_reader: bool) {
    let open = OPEN.with(|open| open.borrow_mut().take());
    if let Some(open) = &open {
        open.session.stop();
    }
    let host = open
        .as_ref()
        .map(|o| o.host.clone())
        .or_else(|| host_of(document));
    if let Some(host) = &host {
        host.remove();
    }
    if by_reader {
        tell(
            open.as_ref().and_then(|o| o.on_event.as_ref()),
            "closed",
            None,
        );
    }
    if let Some(open) = open {
        let _ = open.document.remove_event_listener_with_callback_and_bool(
            "keydown",
            open.on_key.as_ref().unchecked_ref(),
            true,
        );
        if let Some(shadow) = open.host.shadow_root() {
            let _ = shadow.remove_event_listener_with_callback(
                "click",
                open.on_click.as_ref().unchecked_ref(),
            );
        }
        if let Some(el) = open.previous_focus.filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    }
}

/// A click in the view: a toolbar button changes a preference or closes.
fn on_toolbar(document: &Document, e: &Event) {
    if !e.is_trusted() {
        return;
    }
    let Some(button) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-action]").ok().flatten())
    else {
        return;
    };
    let action = button.get_attribute("data-action").unwrap_or_default();
    if action == "close" {
        close(document, true);
        return;
    }
    let changed = OPEN.with(|open| {
        let mut open = open.borrow_mut();
        let open = open.as_mut()?;
        if !open.prefs.apply(&action) {
            export_or_act(open, &action);
            return None;
        }
        let shadow = open.host.shadow_root()?;
        let root = shadow.query_selector(".dc-root").ok().flatten()?;
        let _ = root.set_attribute("data-theme", open.prefs.theme_name());
        let _ = root.set_attribute("data-font", open.prefs.font_name());
        set_properties(&root, open.prefs.properties().to_vec());
        open.session.set_rate(f64::from(open.prefs.speech_rate));
        if let Ok(buttons) = shadow.query_selector_all("[aria-pressed][data-action]") {
            for button in (0..buttons.length()).filter_map(|i| buttons.item(i)) {
                let button: Element = button.unchecked_into();
                let name = button.get_attribute("data-action").unwrap_or_default();
                if let Some(on) = open.prefs.pressed(&name) {
                    let _ = button.set_attribute("aria-pressed", if on { "true" } else { "false" });
                }
            }
        }
        Some((
            open.on_event.clone(),
            serde_json::to_string(&open.prefs).unwrap_or_default(),
        ))
    });
    if let Some((on_event, json)) = changed {
        tell(on_event.as_ref(), "prefs", Some(&json));
    }
}

/// An action that is no preference: an export, written here from the
/// article shown, or one the view's session does (panels, read aloud).
fn export_or_act(open: &Open, action: &str) {
    let source = Source {
        url: open.url.as_deref(),
    };
    let title = &open.article.title;
    match action {
        "copy-markdown" => open.session.copy(&export::markdown(&open.article, source)),
        "save-markdown" => open.session.save(
            &export::file_name(title, "md"),
            "text/markdown;charset=utf-8",
            &export::markdown(&open.article, source),
        ),
        "save-html" => open.session.save(
            &export::file_name(title, "html"),
            "text/html;charset=utf-8",
            &export::html_document(&open.article, source),
        ),
        _ => {
            open.session.act(action);
        }
    }
}

/// Calls the opener's `on_event(kind, detail)`; what it throws stays there.
fn tell(on_event: Option<&js_sys::Function>, kind: &str, detail: Option<&str>) {
    if let Some(f) = on_event {
        let detail = detail.map_or(JsValue::UNDEFINED, JsValue::from_str);
        let _ = f.call2(&JsValue::NULL, &JsValue::from_str(kind), &detail);
    }
}
