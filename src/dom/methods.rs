//! The DOM's own methods (`page.js`), for the read, the applier and
//! the reader view alike.

use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{Document, Element, HtmlElement};

/// Calls on elements and the document through the DOM's own methods
/// (`page.js`): a page's named form controls and images shadow the
/// properties (`<img name="documentElement">`, `<input
/// name="setAttribute">`), which web-sys reads and calls plainly.
#[wasm_bindgen(module = "/src/dom/page.js")]
extern "C" {
    #[wasm_bindgen(js_name = rootOf)]
    pub fn root_of(document: &Document) -> Option<Element>;
    #[wasm_bindgen(js_name = bodyOf)]
    pub fn body_of(document: &Document) -> Option<Element>;
    #[wasm_bindgen(js_name = attributeOf)]
    pub fn attribute_of(el: &Element, name: &str) -> Option<String>;
    #[wasm_bindgen(catch, js_name = setAttributeOf)]
    pub fn set_attribute_of(
        el: &Element,
        name: &str,
        value: &str,
    ) -> Result<(), wasm_bindgen::JsValue>;
    #[wasm_bindgen(js_name = removeAttributeOf)]
    pub fn remove_attribute_of(el: &Element, name: &str);
    #[wasm_bindgen(js_name = isConnected)]
    pub fn is_connected(el: &Element) -> bool;
    #[wasm_bindgen(js_name = inlineStyleOf)]
    pub fn inline_style_of(el: &HtmlElement) -> web_sys::CssStyleDeclaration;
    #[wasm_bindgen(catch, js_name = queryAll)]
    pub fn query_all_of(
        document: &Document,
        selector: &str,
    ) -> Result<Vec<Element>, wasm_bindgen::JsValue>;
}

/// `document.querySelectorAll` as elements, through Document's own method;
/// an invalid selector yields nothing.
pub fn query_all(document: &Document, selector: &str) -> Vec<Element> {
    query_all_of(document, selector).unwrap_or_default()
}
