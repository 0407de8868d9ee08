//! The live walker, `clean` and `restore` on real DOMs, in headless Chromium
//! and Firefox (`wasm-pack test --headless --chrome --firefox`).
#![cfg(target_arch = "wasm32")]

use declutter::dom::read::{protocol_mismatch, Attrs, Head};
use declutter::wasm_api::read_page;
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

/// How many of the document's adopted sheets are the core's hide rule.
/// Read through Document's own getter, which named elements cannot shadow.
fn adopted_hide_rules(doc: &Document) -> usize {
    let get = |from: &JsValue, key: JsValue| js_sys::Reflect::get(from, &key).unwrap();
    let prototype = get(
        &get(&js_sys::global(), "Document".into()),
        "prototype".into(),
    );
    let property = js_sys::Reflect::get_own_property_descriptor(
        prototype.unchecked_ref::<js_sys::Object>(),
        &"adoptedStyleSheets".into(),
    )
    .unwrap();
    let getter: js_sys::Function = get(&property, "get".into()).unchecked_into();
    let sheets = getter.call0(doc).unwrap();
    js_sys::Array::from(&sheets)
        .iter()
        .filter(|sheet| {
            let first = get(&get(sheet, "cssRules".into()), 0.into());
            !first.is_undefined()
                && get(&first, "selectorText".into()).as_string().as_deref()
                    == Some("[data-declutter]")
        })
        .count()
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
        .filter(|e| {
            e.tag_name() == "INPUT"
                || e.child_nodes().length() > 0
                    && !e.text_content().unwrap_or_default().trim().is_empty()
        })
        .all(|e| !renders(&e))
}

fn expect(host: &Element, what: &str) -> Vec<Element> {
    let list = host
        .query_selector_all(&format!("[data-expect={what}]"))
        .unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// One field of every hidden item of a report, in order.
fn report_field(report: &JsValue, field: &str) -> Vec<String> {
    let hidden = js_sys::Reflect::get(report, &"hidden".into()).unwrap();
    js_sys::Array::from(&hidden)
        .iter()
        .map(|item| {
            js_sys::Reflect::get(&item, &field.into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect()
}

fn report_reasons(report: &JsValue) -> Vec<String> {
    report_field(report, "reason")
}

fn report_keys(report: &JsValue) -> Vec<String> {
    report_field(report, "key")
}

#[wasm_bindgen_test]
fn clean_hides_every_signup_and_keeps_the_article() {
    let host = mount(SEED);
    let doc = document();
    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let reasons = report_reasons(&report);
    assert_eq!(
        reasons
            .iter()
            .filter(|r| *r == "subscribe" || *r == "repeated")
            .count(),
        10,
        "{reasons:?}"
    );
    for el in expect(&host, "hidden") {
        assert!(
            fully_hidden(&el),
            "still visible: {}",
            el.outer_html().chars().take(120).collect::<String>()
        );
    }
    for el in expect(&host, "visible") {
        assert!(
            renders(&el),
            "wrongly hidden: {}",
            el.outer_html().chars().take(120).collect::<String>()
        );
    }
    let paragraphs = host.query_selector_all("article p").unwrap();
    assert!(paragraphs.length() >= 8);
    for i in 0..paragraphs.length() {
        assert!(
            renders(&paragraphs.item(i).unwrap().unchecked_into()),
            "article paragraph {i} hidden"
        );
    }
    let elapsed = js_sys::Reflect::get(&report, &"elapsedMs".into())
        .unwrap()
        .as_f64()
        .unwrap();
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
    assert_eq!(adopted_hide_rules(&doc), 1, "the hide rule is adopted once");
    assert_ne!(
        doc.document_element().unwrap().outer_html(),
        before,
        "clean changed nothing"
    );
    assert_eq!(declutter::wasm_api::restore(&doc), hidden);
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
    assert_eq!(adopted_hide_rules(&doc), 0, "restore drops the hide rule");
}

#[wasm_bindgen_test]
fn a_second_clean_hides_nothing_new() {
    let _host = mount(SEED);
    let doc = document();
    declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let again = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    assert_eq!(report_reasons(&again), Vec::<String>::new());
    assert_eq!(adopted_hide_rules(&doc), 1, "the rule is not adopted twice");
}

#[wasm_bindgen_test]
async fn falls_back_to_inline_style_when_the_rule_loses_and_restores_it() {
    // A page rule that beats ours: `!important` and more specific.
    let page = format!(
        "<body><style>div[data-declutter][class]{{display:block!important}}</style>{}</body>",
        SEED.split_once("<body>").unwrap().1
    );
    let host = mount(&page);
    let doc = document();
    let before = host.outer_html();
    declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    // The check runs at the next frame.
    sleep(100).await.unwrap();
    for el in expect(&host, "hidden") {
        assert!(
            fully_hidden(&el),
            "fallback did not hide: {}",
            el.outer_html().chars().take(120).collect::<String>()
        );
    }
    declutter::wasm_api::restore(&doc);
    let after = host.outer_html();
    let at = after
        .bytes()
        .zip(before.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    assert_eq!(
        after,
        before,
        "first difference near {:?}",
        &after[at.saturating_sub(80)..(at + 40).min(after.len())]
    );
}

/// `page.js` and `read.rs` name the same records and layout fields the
/// same way: a mismatch would read every page as garbage.
#[wasm_bindgen_test]
fn the_walk_and_the_read_agree_on_the_records() {
    assert_eq!(protocol_mismatch(), None);
}

#[wasm_bindgen_test]
fn the_live_snapshot_matches_the_page() {
    let _host = mount(
        "<body><main><p>One <a href='/x'>link</a></p><div hidden><p>gone</p></div></main></body>",
    );
    let snap = read_page(&document(), Head::Skip, Attrs::All).snap;
    let p = snap.nodes.iter().position(|n| n.tag == "p").unwrap();
    assert_eq!(snap.text(p), "One link");
    assert_eq!(snap.nodes[p].link_text_len, 4);
    let gone = snap.nodes.iter().position(|n| n.text() == "gone").unwrap();
    assert!(snap.nodes[gone].hidden);
}

/// A standard clean reads only the attributes the analysis uses: the
/// others never cross, and the records stay in step around them.
#[wasm_bindgen_test]
fn the_analysis_read_keeps_only_the_listed_attributes() {
    let _host = mount(concat!(
        "<main><div id='box' class='Promo Box' data-track='{\"a\":1}' role='dialog' data-x='y'>",
        "<input type='email' data-lpignore='true' placeholder='Your email'>",
        "<p style='display:none' data-n='1'>gone</p><p>kept</p></div></main>",
    ));
    let live = read_page(&document(), Head::Skip, Attrs::Analysis);
    let snap = &live.snap;
    let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id).unwrap();
    let b = by_id("box");
    let names: Vec<&str> = snap.nodes[b].attrs().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["id", "class", "role"]);
    assert_eq!(snap.nodes[b].id_and_class(), "box promo box");
    let input = snap.nodes.iter().position(|n| n.tag == "input").unwrap();
    assert_eq!(snap.nodes[input].attr("type"), Some("email"));
    assert_eq!(snap.nodes[input].attr("placeholder"), Some("Your email"));
    assert_eq!(snap.nodes[input].attr("data-lpignore"), None);
    let gone = snap.nodes.iter().position(|n| n.text() == "gone").unwrap();
    assert!(snap.nodes[gone].hidden);
    let kept = snap.nodes.iter().position(|n| n.text() == "kept").unwrap();
    assert!(!snap.nodes[kept].hidden);
    assert_eq!(live.element(b).map(|e| e.id()), Some("box".to_owned()));
}

/// A form's named controls shadow its DOM properties (`form.id` is the
/// `<input name="id">`, and so on for `attributes`, `className`,
/// `firstChild`): the walk reads through the DOM's own getters, so a form
/// built that way, by accident or on purpose, reads as it is and the rest
/// of the page stays in step. (Named images shadow the document's
/// properties the same way: `document.documentElement` would be an image.)
#[wasm_bindgen_test]
fn named_form_controls_cannot_clobber_the_walk() {
    // Set before the images below shadow `document.title`.
    let title = "A page with named controls";
    document().set_title(title);
    let host = mount(concat!(
        "<main><form id='signup' class='news modal' style='position:fixed;inset:0;z-index:9'>",
        "<p>Get our newsletter</p><input name='id' type='email' placeholder='Your email'>",
        "<input name='className'><input name='attributes'><input name='firstChild'>",
        "<input name='getBoundingClientRect'>",
        "<input name='nextSibling'><input name='localName'><button>Subscribe</button></form>",
        "<form id='f2'><input name='id'></form><img name='defaultView' alt=''>",
        "<img name='documentElement' alt=''><img name='head' alt=''>",
        "<img name='title' alt=''><img name='querySelectorAll' alt=''>",
        "<img name='adoptedStyleSheets' alt=''>",
        "<p id='after' class='lede'>Text after the forms.</p></main>",
    ));
    let form = host.query_selector("#signup").unwrap().unwrap();
    for (head, attrs) in [(Head::Skip, Attrs::Analysis), (Head::Read, Attrs::All)] {
        let snap = read_page(&document(), head, attrs).snap;
        if head == Head::Read {
            assert_eq!(
                snap.title, title,
                "the head is read through the document's getters"
            );
        }
        let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id);
        let form = by_id("signup").expect("the form keeps its id");
        assert_eq!(snap.nodes[form].class(), "news modal");
        let inputs = snap
            .descendants(form)
            .filter(|&i| snap.nodes[i].tag == "input");
        assert_eq!(inputs.count(), 7, "every control of the form is read");
        assert_eq!(snap.text(form), "Get our newsletter Subscribe");
        assert!(by_id("f2").is_some());
        let after = by_id("after").expect("what follows is read in step");
        assert_eq!(snap.nodes[after].class(), "lede");
        assert_eq!(snap.text(after), "Text after the forms.");
    }
    // Its layout is read through the same getters: the sign-up layer goes.
    let report = declutter::wasm_api::clean(&document(), JsValue::UNDEFINED).unwrap();
    assert!(!report_reasons(&report).is_empty());
    assert!(!renders(&form));
    assert_eq!(
        adopted_hide_rules(&document()),
        1,
        "the real document adopted the hide rule"
    );
}

/// The applier calls the DOM's own methods too: a sign-up form whose
/// controls are named after them is still hidden, and restore still gives
/// the page back, with the document's `querySelectorAll` shadowed as well.
#[wasm_bindgen_test]
fn named_controls_cannot_stop_the_hide_or_the_restore() {
    let host = mount(concat!(
        "<main><form id='signup' class='news modal' style='position:fixed;inset:0;z-index:9'>",
        "<p>Get our newsletter</p><input type='email' name='email' placeholder='Your email'>",
        "<input name='setAttribute'><input name='removeAttribute'><input name='getAttribute'>",
        "<input name='isConnected'><input name='style'><button>Subscribe</button></form>",
        "<img name='querySelectorAll' alt=''><p>Text after the form.</p></main>",
    ));
    let doc = document();
    let before = host.outer_html();
    let form = host.query_selector("#signup").unwrap().unwrap();
    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    assert!(
        !report_reasons(&report).is_empty(),
        "the form was not hidden"
    );
    assert!(!renders(&form));
    assert_eq!(declutter::wasm_api::restore(&doc), 1);
    assert_eq!(host.outer_html(), before);
    assert_eq!(adopted_hide_rules(&doc), 0);
}

/// When the layout read throws (here a `getComputedStyle` that fails),
/// clean goes on from markup alone instead of trapping the core: the
/// sign-up box still goes, and the next clean, with layout, still works.
#[wasm_bindgen_test]
fn clean_survives_a_layout_read_that_throws() {
    let host = mount(SEED);
    let window = web_sys::window().unwrap();
    let key = JsValue::from_str("getComputedStyle");
    let original = js_sys::Reflect::get(&window, &key).unwrap();
    let throwing = js_sys::Function::new_no_args("throw new Error('no style today')");
    js_sys::Reflect::set(&window, &key, &throwing).unwrap();
    let without_layout = declutter::wasm_api::clean(&document(), JsValue::UNDEFINED);
    js_sys::Reflect::set(&window, &key, &original).unwrap();
    let reasons = report_reasons(&without_layout.expect("clean goes on without layout"));
    assert!(reasons.iter().any(|r| r == "subscribe"), "{reasons:?}");
    for el in expect(&host, "visible") {
        assert!(renders(&el));
    }
    assert!(expect(&host, "hidden").iter().any(|el| !renders(el)));
    declutter::wasm_api::restore(&document());
    assert!(declutter::wasm_api::clean(&document(), JsValue::UNDEFINED).is_ok());
}

/// The page crosses into WebAssembly as lengths plus one string (see
/// `page.js`): text outside ASCII, astral characters, lone surrogates and
/// control characters must neither shift the records nor the element
/// behind each node id.
#[wasm_bindgen_test]
fn the_live_snapshot_survives_any_text_and_maps_every_element() {
    let host = mount(concat!(
        "<main id='m'><h1 id='h' title='caf\u{e9} \u{1f600}'>Caf\u{e9} \u{4e2d}\u{6587} \u{1f600}\u{1f44d}</h1>",
        "<div data-declutter-own='reader' id='own'><p>ours</p></div>",
        "<svg id='icon'><path d='M0 0'></path></svg>",
        "<p id='p1'>\u{1f4f0} news</p><p id='p2'>plain</p>",
        // White space the snapshot keeps (between inline elements, at the
        // end of one) and leaves out (at block edges): ids must not shift.
        "<p id='p3'>\n <b id='b1' class='Strong'>bold</b> <i id='i1'>it<span id='s1'>!</span> </i>end\n</p>\n",
        "<div id='d1'>\n  <span id='s2'>x</span>\n</div>",
        // A tag and an attribute outside the common names cross as letters.
        "<news-card id='c1' data-kind='brief'>card</news-card></main>",
    ));
    let doc = document();
    // Characters no HTML source can hold, set from script.
    let odd = doc.create_element("p").unwrap();
    odd.set_id("odd");
    odd.set_attribute("data-x", "\u{1}\u{2}\u{3}\u{0}").unwrap();
    // A name in capitals, which only setAttributeNS can give an HTML element.
    odd.set_attribute_ns(None, "Data-Case", "kept").unwrap();
    let lone = js_sys::JsString::from_char_code(&[0xD800, u16::from(b'x')]);
    let text = doc.create_text_node("");
    js_sys::Reflect::set(&text, &"nodeValue".into(), &lone).unwrap();
    odd.append_child(&text).unwrap();
    host.0
        .query_selector("main")
        .unwrap()
        .unwrap()
        .append_child(&odd)
        .unwrap();

    let live = read_page(&doc, Head::Skip, Attrs::All);
    let snap = &live.snap;
    let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id).unwrap();
    let h = by_id("h");
    assert_eq!(
        snap.text(h),
        "Caf\u{e9} \u{4e2d}\u{6587} \u{1f600}\u{1f44d}"
    );
    assert_eq!(snap.nodes[h].attr("title"), Some("caf\u{e9} \u{1f600}"));
    assert_eq!(snap.text(by_id("p1")), "\u{1f4f0} news");
    assert_eq!(snap.text(by_id("p2")), "plain");
    assert_eq!(snap.text(by_id("p3")), "bold it! end");
    assert_eq!(snap.nodes[by_id("b1")].id_and_class(), "b1 strong");
    let d1 = by_id("d1");
    assert_eq!(snap.nodes[d1].end - d1, 3, "div, span, text: no blank text");
    let card = &snap.nodes[by_id("c1")];
    assert_eq!(card.tag, "news-card");
    assert_eq!(card.attr("data-kind"), Some("brief"));
    let odd = by_id("odd");
    assert_eq!(snap.nodes[odd].attr("data-x"), Some("\u{1}\u{2}\u{3}\u{0}"));
    assert_eq!(snap.nodes[odd].attr("data-case"), Some("kept"));
    assert_eq!(snap.text(odd), "\u{fffd}x");
    // The extension's own element is not read; svg is read without its insides.
    assert!(snap
        .nodes
        .iter()
        .all(|n| n.id() != "own" && n.text() != "ours"));
    let svg = by_id("icon");
    assert_eq!(snap.nodes[svg].end, svg + 1);
    // Every element node is backed by the live element it describes.
    for (id, node) in snap.nodes.iter().enumerate() {
        match live.element(id) {
            Some(el) => {
                assert_eq!(el.local_name(), node.tag, "node {id}");
                assert_eq!(el.id(), node.id(), "node {id}");
            }
            None => assert!(node.is_text(), "element node {id} has no live element"),
        }
    }
}

/// A read of all attributes keeps an element's first 256 and no more (the
/// walk's cap); the analysis read still finds the ones it lists after them,
/// and the element after is read as before.
#[wasm_bindgen_test]
fn an_element_with_thousands_of_attributes_is_read_up_to_the_cap() {
    let many: String = (0..1000).map(|i| format!(" data-a{i}='{i}'")).collect();
    let _host = mount(&format!(
        "<main><div id='many'{many} class='x'>text</div><p id='after' class='y'>end</p></main>"
    ));
    for attrs in [Attrs::Analysis, Attrs::All] {
        let snap = read_page(&document(), Head::Skip, attrs).snap;
        let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id);
        let after = by_id("after").expect("the element after is read");
        assert_eq!(snap.nodes[after].class(), "y");
        let many = by_id("many").expect("the element is read");
        let count = snap.nodes[many].attrs().count();
        match attrs {
            // Its id first, then data-a0 … data-a254.
            Attrs::All => {
                assert_eq!(count, 256);
                assert_eq!(snap.nodes[many].attr("data-a254"), Some("254"));
                assert_eq!(snap.nodes[many].attr("data-a255"), None);
            }
            Attrs::Analysis => assert_eq!(snap.nodes[many].class(), "x"),
        }
        assert_eq!(snap.text(many), "text");
    }
}

/// An attribute value past the walk's limit (8,192 units) reads as empty,
/// and the records stay in step around it; one at the limit reads whole.
#[wasm_bindgen_test]
fn an_attribute_value_past_the_limit_reads_as_empty() {
    let at_limit = "a".repeat(8192);
    let past = "b".repeat(8193);
    let _host = mount(&format!(
        "<main><a id='long' href='/{past}' title='{at_limit}'>link</a><p id='after' class='x'>end</p></main>"
    ));
    for attrs in [Attrs::Analysis, Attrs::All] {
        let snap = read_page(&document(), Head::Skip, attrs).snap;
        let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id).unwrap();
        let link = by_id("long");
        assert_eq!(snap.nodes[link].attr("href"), Some(""));
        if attrs == Attrs::All {
            assert_eq!(snap.nodes[link].attr("title"), Some(at_limit.as_str()));
        }
        assert_eq!(snap.text(link), "link");
        assert_eq!(snap.nodes[by_id("after")].class(), "x");
    }
}

/// A text node past the walk's limit (131,072 units) is read up to it and
/// ends in "…", never cut inside a surrogate pair; one at the limit reads
/// whole, and what follows the long node is read as before.
#[wasm_bindgen_test]
fn a_text_node_past_the_limit_is_read_up_to_it() {
    let limit = 131_072;
    let at_limit = "a".repeat(limit);
    // The cut would fall between the two halves of the emoji.
    let past = format!("{}😀tail", "b".repeat(limit - 1));
    let _host = mount(&format!(
        "<main><pre id='at'>{at_limit}</pre><pre id='past'>{past}</pre><p id='after'>end</p></main>"
    ));
    let snap = read_page(&document(), Head::Skip, Attrs::Analysis).snap;
    let by_id = |id: &str| snap.nodes.iter().position(|n| n.id() == id).unwrap();
    assert_eq!(snap.text(by_id("at")), at_limit);
    let cut = snap.text(by_id("past"));
    assert_eq!(cut, format!("{}…", "b".repeat(limit - 1)));
    assert_eq!(snap.text(by_id("after")), "end");
}

/// The walk writes its records into a buffer that it keeps and grows: a
/// page several times larger than the first buffer comes out whole, read
/// once to grow it and again to reuse it.
#[wasm_bindgen_test]
fn a_page_larger_than_the_walk_buffer_reads_whole_each_time() {
    let items: String = (0..3000)
        .map(|i| format!("<li id='i{i}' class='item' data-n='{i}' title='t{i}'>item {i}</li>"))
        .collect();
    let _host = mount(&format!(
        "<main><ul id='list'>{items}</ul><p id='after'>end</p></main>"
    ));
    for _ in 0..2 {
        let live = read_page(&document(), Head::Skip, Attrs::All);
        let snap = &live.snap;
        let list = snap.nodes.iter().position(|n| n.id() == "list").unwrap();
        let items: Vec<usize> = snap.children(list).collect();
        assert_eq!(items.len(), 3000);
        let last = *items.last().unwrap();
        assert_eq!(snap.nodes[last].attr("data-n"), Some("2999"));
        assert_eq!(snap.text(last), "item 2999");
        assert_eq!(live.element(last).map(|e| e.id()), Some("i2999".to_owned()));
        let after = snap.nodes.iter().position(|n| n.id() == "after").unwrap();
        assert_eq!(snap.text(after), "end");
    }
}

/// Hostile markup inside an otherwise ordinary article. Each payload would
/// set `window.__xss` if anything of it ran.
const XSS_PAYLOADS: &[&str] = &[
    r#"<script>window.__xss=1</script>"#,
    r#"<img src="x" onerror="window.__xss=2">"#,
    r#"<svg onload="window.__xss=3"><circle r="1"></circle></svg>"#,
    r#"<a href="javascript:window.__xss=4">link</a>"#,
    r#"<a href=" JaVaScRiPt:window.__xss=5">link</a>"#,
    r#"<a href="java&#x09;script:window.__xss=6">link</a>"#,
    r#"<iframe src="javascript:window.__xss=7"></iframe>"#,
    r#"<iframe srcdoc="<script>parent.__xss=8</script>"></iframe>"#,
    r#"<object data="javascript:window.__xss=9"></object>"#,
    r#"<embed src="javascript:window.__xss=10">"#,
    r#"<form action="javascript:window.__xss=11"><button>go</button></form>"#,
    r#"<base href="javascript:window.__xss=12//">"#,
    r#"<div onmouseover="window.__xss=13">hover</div>"#,
    r#"<p style="background:url(javascript:window.__xss=14)">styled</p>"#,
    r#"<img src="data:text/html,<script>window.__xss=15</script>">"#,
    r#"<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTY8L3NjcmlwdD4=">data link</a>"#,
    r#"<math><mtext><table><mglyph><style><img src="x" onerror="window.__xss=17"></style></mglyph></table></mtext></math>"#,
    r#"<svg><script>window.__xss=18</script></svg>"#,
    r#"<details open ontoggle="window.__xss=19"><summary>more</summary>text</details>"#,
    r#"<video><source src="x" onerror="window.__xss=20"></video>"#,
    r#"<audio src="x" onerror="window.__xss=21"></audio>"#,
    r#"<input autofocus onfocus="window.__xss=22">"#,
    r#"<select autofocus onfocus="window.__xss=23"></select>"#,
    r#"<textarea autofocus onfocus="window.__xss=24"></textarea>"#,
    r#"<marquee onstart="window.__xss=25">scroll</marquee>"#,
    r#"<a href="vbscript:window.__xss=26">vb</a>"#,
    r#"<meta http-equiv="refresh" content="0;url=javascript:window.__xss=27">"#,
    r#"<link rel="stylesheet" href="javascript:window.__xss=28">"#,
    r#"<img srcset="javascript:window.__xss=29 1x" src="x.png">"#,
    r#"<svg><a xlink:href="javascript:window.__xss=30"><text y="10">svg link</text></a></svg>"#,
    r#"<noscript><p title="</noscript><img src=x onerror=window.__xss=31>"></p></noscript>"#,
    r#"<style>@import 'javascript:window.__xss=32';</style>"#,
    r#"<button formaction="javascript:window.__xss=33">b</button>"#,
    r#"<iframe src="https://evil.example/embed"></iframe>"#,
    r#"<img src="x.png" onload="window.__xss=35" alt="pic">"#,
    r#"<a href="https://example.com/" target="_top" ping="https://evil.example/p" onclick="window.__xss=36">fine link</a>"#,
];

fn sleep(ms: i32) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

#[wasm_bindgen_test]
async fn reader_view_markup_is_inert_against_xss_payloads() {
    let paragraph = "The council met on Tuesday to discuss the budget, and members agreed that the city should spend more on roads, schools and parks over the next five years, according to the minutes.";
    let mut body = String::from("<article><h1>Budget approved</h1>");
    for payload in XSS_PAYLOADS {
        body.push_str(&format!("<p>{paragraph}</p>{payload}"));
    }
    body.push_str("</article>");
    // An inert document: nothing in it runs while the core reads it.
    let parser = web_sys::DomParser::new().unwrap();
    let inert = parser
        .parse_from_string(&format!("<!doctype html><html><head><title>Budget approved</title></head><body>{body}</body></html>"), web_sys::SupportedType::TextHtml)
        .unwrap();
    assert!(declutter::wasm_api::toggle_reader(&inert, JsValue::UNDEFINED, None).unwrap());
    let host = inert
        .query_selector("[data-declutter-own]")
        .unwrap()
        .unwrap();
    let markup = host.shadow_root().unwrap().inner_html();
    assert!(
        markup.contains("Budget approved")
            && markup.matches("The council met").count() == XSS_PAYLOADS.len()
    );

    // Now put exactly that markup live, as the view does, and give it time.
    let doc = document();
    let live_host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&live_host).unwrap();
    let shadow = live_host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    shadow.set_inner_html(&markup);
    sleep(300).await.unwrap();
    let fired = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__xss".into()).unwrap();
    assert!(fired.is_undefined(), "payload {fired:?} ran");

    let all = shadow.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let el: Element = all.item(i).unwrap().unchecked_into();
        let tag = el.tag_name().to_ascii_lowercase();
        assert!(
            !matches!(
                tag.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "form"
                    | "base"
                    | "meta"
                    | "link"
                    | "input"
                    | "textarea"
                    | "select"
                    | "noscript"
                    | "marquee"
            ),
            "<{tag}> reached the view"
        );
        if tag == "style" {
            assert!(
                el.parent_node()
                    .is_some_and(|p| p.node_type() == web_sys::Node::DOCUMENT_FRAGMENT_NODE),
                "a page <style> reached the view"
            );
            continue;
        }
        let names = el.get_attribute_names();
        for name in names.iter().map(|n| n.as_string().unwrap()) {
            let value = el
                .get_attribute(&name)
                .unwrap_or_default()
                .to_ascii_lowercase();
            assert!(!name.starts_with("on"), "<{tag} {name}> reached the view");
            let forbidden = matches!(
                name.as_str(),
                "srcdoc" | "formaction" | "ping" | "xlink:href" | "srcset"
            );
            // Only the view's own root carries a style (its CSS variables).
            let page_style = name == "style" && el.class_name() != "dc-root";
            assert!(
                !forbidden && !page_style,
                "<{tag} {name}=...> reached the view"
            );
            if matches!(name.as_str(), "href" | "src" | "action" | "data") {
                let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    compact.starts_with("https:")
                        || compact.starts_with("http:")
                        || compact.starts_with("mailto:"),
                    "<{tag} {name}={value}>"
                );
            }
        }
    }
    live_host.remove();
}

#[wasm_bindgen_test]
fn reader_toggles_over_the_page_and_gives_it_back_exactly() {
    let _host = mount(SEED);
    let doc = document();
    let before = doc.document_element().unwrap().outer_html();
    assert!(!declutter::wasm_api::is_reader_shown(&doc));
    assert!(declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert!(declutter::wasm_api::is_reader_shown(&doc));
    let host = doc
        .query_selector("[data-declutter-own=reader]")
        .unwrap()
        .unwrap();
    let shadow = host.shadow_root().unwrap();
    let title = shadow
        .query_selector("h1")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        title.contains("Pezeshkian plans to visit Moscow"),
        "{title}"
    );
    let view_text = shadow
        .query_selector(".dc-body")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(view_text.contains("runoff election was triggered"));
    assert!(
        !view_text.contains("indicates required"),
        "sign-up text in the reader view"
    );
    // Focus moved into the view, onto the article.
    let focused = shadow
        .active_element()
        .map(|e| e.class_name())
        .unwrap_or_default();
    assert_eq!(focused, "dc-article");
    // The view's controls answer only trusted input: a click or an Escape
    // that a page script synthesises changes nothing (the e2e tests press
    // the real ones). What a control changes goes to the user's settings.
    let sepia: web_sys::HtmlElement = shadow
        .query_selector("[data-action=theme-sepia]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    sepia.click();
    let theme = || {
        shadow
            .query_selector(".dc-root")
            .unwrap()
            .unwrap()
            .get_attribute("data-theme")
    };
    assert_ne!(
        theme().as_deref(),
        Some("sepia"),
        "a synthetic click changed the theme"
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    doc.dispatch_event(
        &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
    )
    .unwrap();
    assert!(
        declutter::wasm_api::is_reader_shown(&doc),
        "a synthetic Escape closed the view"
    );
    // The view is styled by an adopted sheet, not a <style> element, and
    // its prefs are custom properties set through CSSOM, not a style
    // attribute: a page's style-src CSP blocks both of those.
    assert!(shadow.query_selector("style").unwrap().is_none());
    let sheets = js_sys::Reflect::get(&shadow, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(js_sys::Array::from(&sheets).length(), 1);
    let root: web_sys::HtmlElement = shadow
        .query_selector(".dc-root")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        root.style().get_property_value("--dc-font-size").unwrap(),
        "19px"
    );
    // A modal dialog: the page behind does not scroll while it is open, by
    // one sheet the document adopts (no attribute or style on the page).
    let overflow = || {
        web_sys::window()
            .unwrap()
            .get_computed_style(&doc.document_element().unwrap())
            .unwrap()
            .unwrap()
            .get_property_value("overflow-y")
            .unwrap()
    };
    let adopted = || {
        js_sys::Array::from(&js_sys::Reflect::get(&doc, &"adoptedStyleSheets".into()).unwrap())
            .length()
    };
    assert_eq!(overflow(), "hidden");
    assert_eq!(adopted(), 1);
    // The toggle closes it and the page is exactly as before.
    assert!(!declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert_ne!(overflow(), "hidden", "the page stayed locked");
    assert_eq!(adopted(), 0);
    assert!(!declutter::wasm_api::is_reader_shown(&doc));
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
    // And the toggle opens and closes it again.
    assert!(declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert!(!declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
}

/// A page's `<img name="querySelector">` shadows the document's method:
/// the toggle still finds its open view and closes it.
#[wasm_bindgen_test]
fn reader_closes_on_a_page_that_shadows_query_selector() {
    let page = SEED.replace("</body>", "<img name='querySelector' alt=''></body>");
    let _host = mount(&page);
    let doc = document();
    let shadowing = js_sys::Reflect::get(&doc, &"querySelector".into()).unwrap();
    assert!(
        shadowing.is_instance_of::<Element>(),
        "the image shadows document.querySelector"
    );
    let before = doc.document_element().unwrap().outer_html();
    assert!(declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert!(declutter::wasm_api::is_reader_shown(&doc));
    assert!(!declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
}

#[wasm_bindgen_test]
fn show_brings_back_one_block_and_restore_the_rest() {
    let host = mount(SEED);
    let doc = document();
    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let items = js_sys::Array::from(&js_sys::Reflect::get(&report, &"hidden".into()).unwrap());
    let skip = items
        .iter()
        .find(|i| {
            js_sys::Reflect::get(i, &"reason".into())
                .unwrap()
                .as_string()
                .as_deref()
                == Some("skip-link")
        })
        .unwrap();
    let key = js_sys::Reflect::get(&skip, &"key".into())
        .unwrap()
        .as_string()
        .unwrap();
    let link = host.query_selector(".skip-link").unwrap().unwrap();
    assert!(!renders(&link));
    assert!(declutter::wasm_api::show(&doc, &key));
    assert!(renders(&link));
    assert!(
        !declutter::wasm_api::show(&doc, "not a key\"]"),
        "a hostile key is no selector"
    );
    assert_eq!(declutter::wasm_api::restore(&doc), items.length() - 1);
}

/// A layer known only from computed style (a stylesheet rule, no inline
/// style, no telling class or role), covering the window, with the page
/// locked under it: `clean` hides it and lets the page scroll, and `restore`
/// gives the lock back exactly.
#[wasm_bindgen_test]
fn a_layer_seen_only_in_layout_is_hidden_and_its_scroll_lock_undone_and_restored() {
    let article = "The council met on Tuesday to discuss the new budget, which \
        funds the libraries for another year and repairs two bridges. Residents \
        spoke for an hour about the schools. ";
    let host = mount(&format!(
        "<style>.held{{overflow:hidden}} .sheet{{position:fixed;inset:0;z-index:9}}</style>\
         <main><p id='story'>{}</p></main>\
         <div class='sheet' id='layer'><div><h2>Before you go</h2><button>Close</button></div></div>",
        article.repeat(2)
    ));
    let doc = document();
    let body = doc.body().unwrap();
    let style_before = body.get_attribute("style");
    let class_before = body.get_attribute("class");
    body.set_attribute("class", "held").unwrap();
    let overflow = |el: &Element| {
        web_sys::window()
            .unwrap()
            .get_computed_style(el)
            .unwrap()
            .unwrap()
            .get_property_value("overflow-y")
            .unwrap()
    };
    assert_eq!(overflow(&body), "hidden");

    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let layer = host.query_selector("#layer").unwrap().unwrap();
    assert!(fully_hidden(&layer), "the layer still shows");
    assert!(report_reasons(&report).contains(&"overlay".to_owned()));
    assert!(renders(&host.query_selector("#story").unwrap().unwrap()));
    assert_ne!(overflow(&body), "hidden", "the page is still locked");

    declutter::wasm_api::restore(&doc);
    assert_eq!(body.get_attribute("style"), style_before);
    assert_eq!(overflow(&body), "hidden");
    assert!(!fully_hidden(&layer));
    match class_before {
        Some(class) => body.set_attribute("class", &class).unwrap(),
        None => body.remove_attribute("class").unwrap(),
    }
}

/// A host after the article whose open shadow root holds `html`.
fn shadow_host(parent: &Element, html: &str) -> (Element, web_sys::ShadowRoot) {
    let host = document().create_element("div").unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    root.set_inner_html(html);
    parent.append_child(&host).unwrap();
    (host, root)
}

/// The elements in `root` that match `selector`.
fn in_shadow(root: &web_sys::ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap()
}

#[wasm_bindgen_test]
fn clutter_inside_shadow_roots_is_hidden_and_restore_gives_them_back() {
    let host = mount(SEED);
    let doc = document();
    let (_, signup) = shadow_host(
        &host,
        r#"<div class="box"><h3>Get our morning newsletter</h3>
        <form><input type="email" placeholder="Enter your email"><button>Subscribe</button></form></div>"#,
    );
    let (_, consent) = shadow_host(
        &host,
        r#"<div class="bar" style="position:fixed;left:0;right:0;bottom:0;height:40vh;background:#fff;z-index:9999">
        <p>We use cookies to personalise content and ads and to analyse our traffic. You can accept all cookies or manage your preferences.</p>
        <button>Accept all</button> <button>Manage preferences</button></div>"#,
    );
    let before = [signup.inner_html(), consent.inner_html()];
    let page_before = doc.document_element().unwrap().outer_html();

    let report = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let reasons = report_reasons(&report);
    assert!(
        !renders(&in_shadow(&signup, "input")),
        "the sign-up in a shadow root still shows: {reasons:?}"
    );
    assert!(
        !renders(&in_shadow(&consent, "p")),
        "the consent bar in a shadow root still shows: {reasons:?}"
    );
    let paragraphs = host.query_selector_all("article p").unwrap();
    for i in 0..paragraphs.length() {
        assert!(
            renders(&paragraphs.item(i).unwrap().unchecked_into()),
            "article paragraph {i} hidden"
        );
    }
    let roots = declutter::wasm_api::shadow_roots();
    assert!(
        roots.includes(&signup, 0) && roots.includes(&consent, 0),
        "the read did not go into both shadow roots"
    );

    assert!(declutter::wasm_api::restore(&doc) >= 2);
    assert_eq!(
        [signup.inner_html(), consent.inner_html()],
        before,
        "restore left a trace in a shadow tree"
    );
    assert_eq!(doc.document_element().unwrap().outer_html(), page_before);
    for root in [&signup, &consent] {
        assert_eq!(
            root.adopted_style_sheets().length(),
            0,
            "restore left the hide rule in a shadow root"
        );
    }
    assert!(renders(&in_shadow(&signup, "input")) && renders(&in_shadow(&consent, "p")));
}

#[wasm_bindgen_test]
fn an_article_inside_a_shadow_root_is_read_in_its_place() {
    let host = mount(
        "<header><a href='/'>Home</a></header><div id='slot-here'></div><footer>© Paper</footer>",
    );
    let article = SEED
        .split_once("<article")
        .and_then(|(_, rest)| rest.split_once("</article>"))
        .map(|(inner, _)| format!("<article{inner}</article>"))
        .unwrap();
    let place = host.query_selector("#slot-here").unwrap().unwrap();
    let (_, root) = shadow_host(&place, &article);
    let first = in_shadow(&root, "article p").text_content().unwrap();

    let text = extracted_text();
    assert!(
        text.contains(first.trim()),
        "the article in the shadow root was not extracted: {text:.200}"
    );
    assert!(!text.contains("© Paper"));
    declutter::wasm_api::clean(&document(), JsValue::UNDEFINED).unwrap();
    assert!(
        renders(&in_shadow(&root, "article p")),
        "clean hid the article in the shadow root"
    );
}

/// The reader's text of the document, as `extract` gives it.
fn extracted_text() -> String {
    let found = declutter::wasm_api::extract(&document(), JsValue::UNDEFINED).unwrap();
    js_sys::Reflect::get(&found, &"textContent".into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// React's streamed rendering, with its script not (yet) run: the article
/// waits in `<div hidden id="S:0">`. It is the page's content, while a
/// plain `hidden` block is not.
#[wasm_bindgen_test]
fn a_streamed_segment_is_read_as_the_content_it_is() {
    let _host = mount(include_str!("fixtures/article/streamed-segment.html"));
    let text = extracted_text();
    assert!(
        text.contains("Dredging starts in the spring"),
        "the streamed article was not read: {text:.200}"
    );
    assert!(!text.contains("Sign in to keep reading"), "{text:.200}");
}

/// Folded accordion panels (`role="region"` with `display: none`, and
/// `hidden="until-found"`) are text the reader unfolds; a plain `hidden`
/// block stays out.
#[wasm_bindgen_test]
fn folded_panels_are_read_and_withheld_text_is_not() {
    let _host = mount(include_str!("fixtures/article/folded-faq.html"));
    let text = extracted_text();
    assert!(text.contains("Dogs are welcome on a lead"), "{text:.300}");
    assert!(text.contains("The hut at the top sells tea"), "{text:.300}");
    assert!(
        !text.contains("Members see the full trail map"),
        "{text:.300}"
    );
}

#[wasm_bindgen_test]
fn a_clean_in_steps_hides_what_a_clean_at_once_hides() {
    let host = mount(SEED);
    // A page big enough for the walk to pause many times.
    let cards: String = (0..400)
        .map(|i| {
            format!(
                "<div class='card'><a href='/s/{i}'>Story {i}</a><span>{i} min ago</span></div>"
            )
        })
        .collect();
    host.insert_adjacent_html("beforeend", &cards).unwrap();
    let doc = document();
    let at_once = report_keys(&declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap());
    declutter::wasm_api::restore(&doc);
    assert!(at_once.len() >= 11);

    let mut job = declutter::wasm_api::start_clean(&doc, JsValue::UNDEFINED).unwrap();
    let mut steps = 0;
    // No time at all per step: the walk stops at each look at the clock.
    while !job.step(0.0) {
        steps += 1;
        assert!(steps < 10_000, "the clean never finished");
    }
    assert!(steps >= 5, "only {steps} steps: the read did not pause");
    let in_steps = report_keys(&job.finish().unwrap());
    assert_eq!(in_steps, at_once);
    assert!(job.finish().is_err(), "a finished clean finished twice");
}

#[wasm_bindgen_test]
fn a_page_that_changes_between_steps_is_still_read_whole_and_cleaned() {
    let host = mount(SEED);
    let cards: String = (0..400)
        .map(|i| format!("<div class='card'><a href='/s/{i}'>Story {i}</a></div>"))
        .collect();
    host.insert_adjacent_html("afterbegin", &cards).unwrap();
    let doc = document();
    let mut job = declutter::wasm_api::start_clean(&doc, JsValue::UNDEFINED).unwrap();
    assert!(!job.step(0.0));
    // The page removes what the walk was about to read, and adds more.
    let list = host.query_selector_all(".card").unwrap();
    for i in 0..list.length() {
        list.item(i).unwrap().unchecked_into::<Element>().remove();
    }
    host.insert_adjacent_html("afterbegin", "<p>A late paragraph.</p>")
        .unwrap();
    while !job.step(0.0) {}
    let in_steps = report_keys(&job.finish().unwrap());
    let paragraphs = host.query_selector_all("article p").unwrap();
    for i in 0..paragraphs.length() {
        assert!(
            renders(&paragraphs.item(i).unwrap().unchecked_into()),
            "article paragraph {i} hidden"
        );
    }
    // What a clean at once makes of the page as it is now.
    declutter::wasm_api::restore(&doc);
    let at_once = report_keys(&declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap());
    assert!(at_once.len() >= 11);
    assert_eq!(
        in_steps, at_once,
        "the walk lost part of the page that changed under it"
    );
}

#[wasm_bindgen_test]
fn the_reader_opens_from_a_read_in_steps_as_from_one_at_once() {
    let _host = mount(SEED);
    let doc = document();
    let before = doc.document_element().unwrap().outer_html();
    let view_body = || {
        let host = doc
            .query_selector("[data-declutter-own=reader]")
            .unwrap()
            .unwrap();
        host.shadow_root()
            .unwrap()
            .query_selector(".dc-body")
            .unwrap()
            .unwrap()
            .inner_html()
    };
    assert!(declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    let at_once = view_body();
    assert!(!declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());

    let mut read = declutter::wasm_api::start_read(&doc);
    let mut steps = 0;
    while !read.step(0.0) {
        steps += 1;
    }
    assert!(steps >= 2, "the read did not pause");
    assert!(declutter::wasm_api::open_reader(&doc, &mut read, JsValue::UNDEFINED, None).unwrap());
    assert_eq!(view_body(), at_once);
    assert!(
        declutter::wasm_api::open_reader(&doc, &mut read, JsValue::UNDEFINED, None).is_err(),
        "a read opened the view twice"
    );
    assert!(!declutter::wasm_api::toggle_reader(&doc, JsValue::UNDEFINED, None).unwrap());
    assert_eq!(doc.document_element().unwrap().outer_html(), before);
}

/// A standard clean reads the head: a page that declares itself a product
/// keeps the boxes in its main region that an article would lose.
#[wasm_bindgen_test]
fn the_standard_clean_reads_what_the_page_declares_itself() {
    let line = "<p>Brass lamps were made in this workshop for three generations, each one turned, polished and wired by hand in the same room.</p>";
    let host = mount(&format!(
        "<main><h1>The workshop</h1><p class='byline'>By Ann Writer, \
         <time datetime='2025-01-02'>2 January 2025</time></p><div class='story'>{}</div>\
         <div class='support'><p>Become a member and support our work, from 3 dollars per \
         month.</p><a href='/join'>Join</a></div></main>",
        line.repeat(5)
    ));
    let doc = document();
    let clean = || report_reasons(&declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap());
    assert_eq!(
        clean(),
        ["nag"],
        "five paragraphs of prose, signed and dated, read as an article"
    );
    declutter::wasm_api::restore(&doc);
    let byline = host.query_selector(".byline").unwrap().unwrap();
    byline.remove();
    let unsigned = clean();
    declutter::wasm_api::restore(&doc);
    host.query_selector("main")
        .unwrap()
        .unwrap()
        .prepend_with_node_1(&byline)
        .unwrap();
    assert_eq!(
        unsigned,
        Vec::<String>::new(),
        "unsigned, the page keeps its main region"
    );
    let meta = doc.create_element("meta").unwrap();
    meta.set_attribute("property", "og:type").unwrap();
    meta.set_attribute("content", "product").unwrap();
    doc.head().unwrap().append_child(&meta).unwrap();
    let declared = clean();
    meta.remove();
    assert_eq!(
        declared,
        Vec::<String>::new(),
        "a product keeps its main region"
    );
}

#[wasm_bindgen_test]
fn late_content_is_read_alone_in_its_place_and_cleaned() {
    let host = mount(SEED);
    let doc = document();
    // A rail of cards that a sign-up box will join: read in part (only the
    // box), it must not be taken for the box's holder and hidden.
    let rail = doc.create_element("div").unwrap();
    rail.set_inner_html(&"<div class='card'><a href='/s'>Another story</a></div>".repeat(5));
    host.append_child(&rail).unwrap();
    let first = declutter::wasm_api::clean(&doc, JsValue::UNDEFINED).unwrap();
    let page_nodes = js_sys::Reflect::get(&first, &"nodesRead".into())
        .unwrap()
        .as_f64()
        .unwrap();
    // What a page adds later: a sign-up box after the article, a paragraph
    // inside it, and a consent bar in a shadow root.
    let article = host.query_selector("article").unwrap().unwrap();
    let signup = doc.create_element("div").unwrap();
    signup.set_inner_html(
        r#"<h3>Get our morning newsletter</h3><form><input type="email" placeholder="Enter your email"><button>Subscribe</button></form>"#,
    );
    rail.append_child(&signup).unwrap();
    let paragraph = doc.create_element("p").unwrap();
    paragraph.set_text_content(Some(
        "A paragraph that arrived late, long enough to be prose: the story goes on with a sentence or two more, as articles do.",
    ));
    article.append_child(&paragraph).unwrap();
    let (consent_host, consent) = shadow_host(
        &host,
        r#"<div style="position:fixed;left:0;right:0;bottom:0;height:40vh;background:#fff;z-index:9999">
        <p>We use cookies to personalise content and ads and to analyse our traffic. You can accept all cookies or manage your preferences.</p>
        <button>Accept all</button> <button>Manage preferences</button></div>"#,
    );
    let consent_before = consent.inner_html();
    let added = js_sys::Array::of3(&signup, &paragraph, &consent_host);

    // The read holds the added subtrees and their ancestors, nothing else.
    let scoped = declutter::dom::read::Reading::start_added(&doc, &added, Attrs::Analysis)
        .into_snapshot()
        .snap;
    let text = scoped.text(0);
    assert!(text.contains("morning newsletter") && text.contains("arrived late"));
    assert!(
        text.contains("We use cookies"),
        "not read in the shadow root: {text}"
    );
    let earlier = article
        .query_selector("p")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        !text.contains(earlier.trim()),
        "the article's earlier text was read"
    );
    assert!(
        scoped.len() < 40,
        "{} nodes read for three small additions",
        scoped.len()
    );

    let report = declutter::wasm_api::start_clean_added(&doc, added, JsValue::UNDEFINED)
        .unwrap()
        .finish()
        .unwrap();
    let reasons = report_reasons(&report);
    assert!(
        !renders(&signup.query_selector("input").unwrap().unwrap()),
        "{reasons:?}"
    );
    assert!(!renders(&in_shadow(&consent, "p")), "{reasons:?}");
    assert!(
        renders(&paragraph),
        "the late paragraph of the article was hidden"
    );
    assert!(
        renders(&rail.query_selector("a").unwrap().unwrap()),
        "the rail the box joined was hidden: {reasons:?}"
    );
    let nodes = js_sys::Reflect::get(&report, &"nodesRead".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        nodes * 4.0 < page_nodes,
        "{nodes} nodes read of {page_nodes}"
    );

    declutter::wasm_api::restore(&doc);
    assert_eq!(
        doc.query_selector_all("[data-declutter]").unwrap().length(),
        0
    );
    assert_eq!(
        consent.inner_html(),
        consent_before,
        "restore left a trace in the shadow tree"
    );
    assert!(renders(&signup.query_selector("input").unwrap().unwrap()));
}
