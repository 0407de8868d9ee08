//! The JavaScript API (DESIGN.md §3). Thin: each export takes a snapshot,
//! runs the pure analysis, and applies or returns the result.

use crate::clutter::{self, Options};
use crate::dom::live;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::Document;

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console error; the caller's catch keeps it
    // away from the page.
    console_error_panic_hook::set_once();
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HiddenItem {
    reason: &'static str,
    description: &'static str,
    text_preview: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    hidden: Vec<HiddenItem>,
    elapsed_ms: f64,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn options<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsValue::from_str(&format!("declutter: bad options: {e}")))
}

/// Hides clutter in place. Returns `{ hidden: [{reason, description,
/// textPreview}], elapsedMs }`.
#[wasm_bindgen]
pub fn clean(document: &Document, options_value: JsValue) -> Result<JsValue, JsValue> {
    let start = now();
    let opts: Options = options(options_value)?;
    let live = live::snapshot(document);
    let plan = clutter::plan(&live.snap, &opts);
    let marked = live::apply(document, &live, &plan);
    let hidden = plan
        .hide
        .iter()
        .filter(|h| marked.contains(&h.node))
        .map(|h| HiddenItem { reason: h.reason.code(), description: h.reason.description(), text_preview: h.text_preview.clone() })
        .collect();
    let report = Report { hidden, elapsed_ms: now() - start };
    serde_wasm_bindgen::to_value(&report).map_err(Into::into)
}

/// Undoes every hide; returns how many blocks were shown again.
#[wasm_bindgen]
pub fn restore(document: &Document) -> u32 {
    live::restore(document)
}
