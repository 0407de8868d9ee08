//! The live walker, `clean` and `restore` on real DOMs, in headless Chromium
//! and Firefox (`wasm-pack test --headless --chrome --firefox`).
#![cfg(target_arch = "wasm32")]

use declutter::dom::live;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("fixtures/seed-news.html");

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fixture's `<body>` content in a container on the test page; dropping it
/// restores the page and removes the container, even when a test fails.
struct Mounted(Element);

impl Drop for Mounted {
    fn drop(&mut self) {
        declutter::wasm_api::restore(&document());
        self.0.remove();
    }
}

impl std::ops::Deref for Mounted {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}

fn mount(page: &str) -> Mounted {
    let body = page.split_once("<body>").map(|(_, b)| b).unwrap_or(page);
    let body = body.rsplit_once("</body>").map(|(b, _)| b).unwrap_or(body);
    let doc = document();
    let host = doc.create_element("div").unwrap();
    host.set_id("fixture");
    host.set_inner_html(body);
    doc.body().unwrap().append_child(&host).unwrap();
    Mounted(host)
}

fn renders(el: &Element) -> bool {
    el.get_client_rects().length() > 0
}

/// Every text-bearing element and input under `el` renders no box.
fn fully_hidden(el: &Element) -> bool {
    let list = el.query_selector_all("*").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .filter(|e| e.tag_name() == "INPUT" || e.child_nodes().length() > 0 && e.text_content().unwrap_or_default().trim().len() > 0)
        .all(|e| !renders(&e))
}

fn expect(host: &Element, what: &str) -> Vec<Element> {
    let list = host.query_selector_all(&format!("[data-expect={what}]")).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
}

fn report_reasons(report: &JsValue) -> Vec<String> {
    let hidden = js_sys::Reflect::get(report, &"hidden".into()).unwrap();
    js_sys::Array::from(&hidden)
        .iter()
        .map(|item| js_sys::Reflect::get(&item, &"reason".into()).unwrap().as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn clean_hides_every_signup_and_keeps_the_article() {
    let host = mount(SEED);
    let doc = document();
    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let reasons = report_reasons(&report);
    assert_eq!(reasons.iter().filter(|r| *r == "subscribe" || *r == "repeated").count(), 10, "{reasons:?}");
    for el in expect(&host, "hidden") {
        assert!(fully_hidden(&el), "still visible: {}", el.outer_html().chars().take(120).collect::<String>());
    }
    for el in expect(&host, "visible") {
        assert!(renders(&el), "wrongly hidden: {}", el.outer_html().chars().take(120).collect::<String>());
    }
    let paragraphs = host.query_selector_all("article p").unwrap();
    assert!(paragraphs.length() >= 8);
    for i in 0..paragraphs.length() {
        assert!(renders(&paragraphs.item(i).unwrap().unchecked_into()), "article paragraph {i} hidden");
    }
    let elapsed = js_sys::Reflect::get(&report, &"elapsedMs".into()).unwrap().as_f64().unwrap();
    assert!(elapsed >= 0.0);
}

#[wasm_bindgen_test]
fn restore_gives_back_the_exact_dom() {
    let _host = mount(SEED);
    let doc = document();
    let before = doc.document_element().unwrap().outer_html();
    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let hidden = report_reasons(&report).len() as u32;
    assert!(hidden >= 11);
    assert_ne!(doc.document_element().unwrap().outer_html(), before, "clean changed nothing");
    assert_eq!(declutter::wasm_api::restore(&doc), hidden);
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
}

#[wasm_bindgen_test]
fn a_second_clean_hides_nothing_new() {
    let _host = mount(SEED);
    let doc = document();
    declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let again = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    assert_eq!(report_reasons(&again), Vec::<String>::new());
}

#[wasm_bindgen_test]
fn falls_back_to_inline_style_when_the_rule_loses_and_restores_it() {
    // A page rule that beats ours stands in for a CSP that blocks our <style>.
    let page = format!(
        "<body><style>div[data-declutter][class]{{display:block!important}}</style>{}</body>",
        SEED.split_once("<body>").unwrap().1
    );
    let host = mount(&page);
    let doc = document();
    let before = host.outer_html();
    declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    for el in expect(&host, "hidden") {
        assert!(fully_hidden(&el), "fallback did not hide: {}", el.outer_html().chars().take(120).collect::<String>());
    }
    declutter::wasm_api::restore(&doc);
    let after = host.outer_html();
    let at = after.bytes().zip(before.bytes()).position(|(a, b)| a != b).unwrap_or(0);
    assert_eq!(after, before, "first difference near {:?}", &after[at.saturating_sub(80)..(at + 40).min(after.len())]);
}

#[wasm_bindgen_test]
fn the_live_snapshot_matches_the_page() {
    let _host = mount("<body><main><p>One <a href='/x'>link</a></p><div hidden><p>gone</p></div></main></body>");
    let snap = live::snapshot(&document()).snap;
    let p = snap.nodes.iter().position(|n| n.tag == "p").unwrap();
    assert_eq!(snap.text(p), "One link");
    assert_eq!(snap.nodes[p].link_text_len, 4);
    let gone = snap.nodes.iter().position(|n| n.text == "gone").unwrap();
    assert!(snap.nodes[gone].hidden);
}
