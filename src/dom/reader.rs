//! The reader view on the live page: a host element with an open shadow
//! root, laid over the page. The page underneath is not touched, so closing
//! the view (removing the host) gives it back exactly.
//!
//! While open, the host tells the extension what happens through bubbling
//! DOM events: `declutter:reader-prefs` (detail: the new preferences as a
//! JSON string) and `declutter:reader-closed` (the reader closed it).

use crate::article::{extract, ExtractOptions};
use crate::dom::live::{self, OWN_ELEMENT};
use crate::reader::view::{view_html, Prefs};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlElement, KeyboardEvent, ShadowRootInit, ShadowRootMode,
};

const HOST_VALUE: &str = "reader";

/// What an open view holds on to; dropping it releases the listeners.
struct Open {
    document: Document,
    host: Element,
    prefs: Prefs,
    /// Where focus was before opening, to give it back on close.
    previous_focus: Option<HtmlElement>,
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
    live::query_all(document, &format!("[{OWN_ELEMENT}=\"{HOST_VALUE}\"]"))
        .into_iter()
        .next()
}

pub fn is_shown(document: &Document) -> bool {
    host_of(document).is_some()
}

/// Opens the view, or closes it if open. Returns whether it is now shown;
/// `Err` when the page has no article to show.
pub fn toggle(document: &Document, prefs: Prefs) -> Result<bool, String> {
    if is_shown(document) {
        close(document, false);
        return Ok(false);
    }
    let snap = live::snapshot(document, live::Head::Read, live::Attrs::All).snap;
    let article =
        extract(&snap, &ExtractOptions::default()).ok_or("no article found on this page")?;
    let prefs = prefs.clamped();
    let host = document
        .create_element("div")
        .map_err(|_| "cannot create the view")?;
    host.set_attribute(OWN_ELEMENT, HOST_VALUE)
        .map_err(|_| "cannot mark the view")?;
    let init = ShadowRootInit::new(ShadowRootMode::Open);
    let shadow = host
        .attach_shadow(&init)
        .map_err(|_| "cannot attach a shadow root")?;
    shadow.set_inner_html(&view_html(&article, &prefs, snap.url.as_deref()));
    let root = live::root_of(document).ok_or("the page has no root element")?;
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

    let doc = document.clone();
    let on_key = Closure::<dyn FnMut(KeyboardEvent)>::new(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            close(&doc, true);
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
            previous_focus,
            on_key,
            on_click,
        });
    });
    Ok(true)
}

/// Removes the view and gives focus back. `by_reader`: the reader closed
/// it from inside (Escape, the close button), so the extension is told.
pub fn close(document: &Document, by_reader: bool) {
    let open = OPEN.with(|open| open.borrow_mut().take());
    let host = open
        .as_ref()
        .map(|o| o.host.clone())
        .or_else(|| host_of(document));
    if let Some(host) = &host {
        if by_reader {
            dispatch(host, "declutter:reader-closed", None);
        }
        host.remove();
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
            return None;
        }
        let root = open
            .host
            .shadow_root()?
            .query_selector(".dc-root")
            .ok()
            .flatten()?;
        let _ = root.set_attribute("data-theme", open.prefs.theme_name());
        let _ = root.set_attribute("style", &open.prefs.style());
        Some((
            open.host.clone(),
            serde_json::to_string(&open.prefs).unwrap_or_default(),
        ))
    });
    if let Some((host, json)) = changed {
        dispatch(&host, "declutter:reader-prefs", Some(&json));
    }
}

fn dispatch(target: &Element, name: &str, detail: Option<&str>) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    if let Some(detail) = detail {
        init.set_detail(&JsValue::from_str(detail));
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
