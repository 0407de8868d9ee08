//! The JavaScript API. Thin: each export reads the page, runs the pure
//! analysis, and applies or returns the result. It is the one place that
//! composes the stages: read → layout candidates → layout read → analysis
//! → apply or render.

use crate::clutter::{self, Options, Planner};
use crate::dom::read::{self, Attrs, Head, LiveSnapshot};
use crate::dom::{apply, reader};
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
    key: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    hidden: Vec<HiddenItem>,
    /// The page was taken for an article (`Plan::article_page`).
    article_page: bool,
    /// The nodes read: the page's, or a late batch's (its added subtrees
    /// and their ancestors).
    nodes_read: usize,
    elapsed_ms: f64,
}

/// What the page's last whole clean found, for the analysis of content
/// that arrives later (`clutter::Given`): live elements, since node ids
/// differ from read to read.
struct PageFacts {
    article: Option<web_sys::Element>,
    main_region: Option<web_sys::Element>,
    article_page: bool,
    prose_page: bool,
}

thread_local! {
    static LAST_PAGE: std::cell::RefCell<Option<PageFacts>> = const { std::cell::RefCell::new(None) };
}

fn options<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsValue::from_str(&format!("declutter: bad options: {e}")))
}

/// Reads the page as the analysis wants it: the snapshot, then the layout
/// of the elements the analysis asks about. Public for the browser tests.
pub fn read_page(document: &Document, head: Head, attrs: Attrs) -> LiveSnapshot {
    with_layout(document, read::snapshot(document, head, attrs))
}

/// The snapshot plus the layout of the elements the analysis asks about.
fn with_layout(document: &Document, mut live: LiveSnapshot) -> LiveSnapshot {
    let candidates = clutter::overlay::layout_candidates(&live.snap);
    read::read_layout(document, &mut live, &candidates);
    live
}

/// Hides clutter in place. Returns `{ hidden: [{reason, description,
/// textPreview, key}], articlePage, elapsedMs }`.
#[wasm_bindgen]
pub fn clean(document: &Document, options_value: JsValue) -> Result<JsValue, JsValue> {
    start_clean(document, options_value)?.finish()
}

/// Starts a clean that runs in steps (see [`Cleaning`]).
#[wasm_bindgen(js_name = startClean)]
pub fn start_clean(document: &Document, options_value: JsValue) -> Result<Cleaning, JsValue> {
    Cleaning::start(document, options_value, None)
}

/// Starts a clean of late content: only the `added` elements' subtrees are
/// read (under their ancestors) and analysed, at a cost in proportion to
/// them, with what the page's last whole clean found of its article and
/// kind (see `clutter::Planner::for_added`). Always at the standard level.
/// Before any whole clean, the page counts as no article: only what lies
/// over the page or outside its main content goes.
#[wasm_bindgen(js_name = startCleanAdded)]
pub fn start_clean_added(
    document: &Document,
    added: js_sys::Array,
    options_value: JsValue,
) -> Result<Cleaning, JsValue> {
    Cleaning::start(document, options_value, Some(&added))
}

/// What late content's analysis is given: the added elements and the
/// page's last clean's facts, found in the scoped read.
fn given(live: &LiveSnapshot) -> clutter::Given {
    let find = |el: &web_sys::Element| live.node_of(el);
    LAST_PAGE.with(|page| {
        let page = page.borrow();
        clutter::Given {
            article: page
                .as_ref()
                .and_then(|p| p.article.as_ref())
                .and_then(find),
            kind: clutter::page_kind::PageKind {
                article: page.as_ref().is_some_and(|p| p.article_page),
                prose: page.as_ref().is_some_and(|p| p.prose_page),
                main_region: page
                    .as_ref()
                    .and_then(|p| p.main_region.as_ref())
                    .and_then(find),
            },
            added: live.added_nodes(),
        }
    })
}

self_cell::self_cell!(
    /// A snapshot and the analysis of it, which borrows it.
    struct Analysis {
        owner: crate::snapshot::Snapshot,
        #[covariant]
        dependent: Planner,
    }
);

/// A clean in steps, none of which holds a huge page's main thread for
/// long: the read (the walk in slices), the layout of the candidates, each
/// pass of the analysis, then the hide. The caller gives the page its turn
/// between steps (the content script does), or calls [`Cleaning::finish`]
/// at once (as `clean` does).
#[wasm_bindgen]
pub struct Cleaning {
    document: Document,
    options: Options,
    /// Time spent in steps, not counting the page's turns between them.
    busy_ms: f64,
    /// A clean of late content (`startCleanAdded`).
    added: bool,
    stage: CleaningStage,
}

impl Cleaning {
    /// A clean of the whole page, or of the `added` elements only.
    fn start(
        document: &Document,
        options_value: JsValue,
        added: Option<&js_sys::Array>,
    ) -> Result<Cleaning, JsValue> {
        let started = read::now();
        let options: Options = options(options_value)?;
        let reading = match added {
            Some(added) => read::Reading::start_added(document, added, Attrs::Analysis),
            None => {
                // Focus keeps the reader-mode selection, which checks itself
                // against every attribute; standard needs only the
                // analysis's. Both read the head: what a page declares
                // itself decides its kind (page_kind.rs).
                let attrs = match options.level {
                    clutter::Level::Focus => Attrs::All,
                    clutter::Level::Standard => Attrs::Analysis,
                };
                read::Reading::start(document, Head::Read, attrs)
            }
        };
        Ok(Cleaning {
            document: document.clone(),
            options,
            busy_ms: read::now() - started,
            added: added.is_some(),
            stage: CleaningStage::Reading(reading),
        })
    }
}

enum CleaningStage {
    Reading(read::Reading),
    /// Read; its layout is next.
    Read(LiveSnapshot),
    Analysing(Analysis, read::LiveElements),
    Planned(LiveSnapshot, crate::plan::Plan),
    Taken,
}

#[wasm_bindgen]
impl Cleaning {
    /// Does the next piece of work, for about `budget_ms` where it can be
    /// cut (the walk) and one pass where it cannot. True once the plan is
    /// made; then `finish` hides.
    pub fn step(&mut self, budget_ms: f64) -> bool {
        let started = read::now();
        self.stage = match std::mem::replace(&mut self.stage, CleaningStage::Taken) {
            CleaningStage::Reading(mut reading) => match reading.step(started + budget_ms) {
                false => CleaningStage::Reading(reading),
                true => CleaningStage::Read(reading.into_snapshot()),
            },
            CleaningStage::Read(live) => {
                let live = with_layout(&self.document, live);
                let given = self.added.then(|| given(&live));
                let (snap, elements) = live.into_parts();
                let options = &self.options;
                let analysis = Analysis::new(snap, |snap| match given {
                    Some(given) => Planner::for_added(snap, options, given),
                    None => Planner::new(snap, options),
                });
                CleaningStage::Analysing(analysis, elements)
            }
            CleaningStage::Analysing(mut analysis, elements) => {
                match analysis.with_dependent_mut(|_, planner| planner.step()) {
                    false => CleaningStage::Analysing(analysis, elements),
                    true => {
                        let plan = analysis.with_dependent_mut(|_, planner| planner.take_plan());
                        let live = LiveSnapshot::from_parts(analysis.into_owner(), elements);
                        CleaningStage::Planned(live, plan)
                    }
                }
            }
            planned => planned,
        };
        self.busy_ms += read::now() - started;
        // Planned, or finished already: nothing left to step.
        !matches!(
            self.stage,
            CleaningStage::Reading(_) | CleaningStage::Read(_) | CleaningStage::Analysing(..)
        )
    }

    /// What the next step does, for diagnostics: "walk", "finish the
    /// snapshot", "analyse: locate"…, "hide".
    #[wasm_bindgen(js_name = nextStep)]
    pub fn next_step(&self) -> String {
        match &self.stage {
            CleaningStage::Reading(reading) => reading.next_step().into(),
            CleaningStage::Read(_) => "read the layout".into(),
            CleaningStage::Analysing(analysis, _) => {
                format!("analyse: {}", analysis.borrow_dependent().next_step())
            }
            CleaningStage::Planned(..) => "hide".into(),
            CleaningStage::Taken => "done".into(),
        }
    }

    /// Hides what the plan says, after whatever steps are left, and returns
    /// the report: `{ hidden: [{reason, description, textPreview, key}],
    /// articlePage, elapsedMs }`.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        while !self.step(f64::INFINITY) {}
        let started = read::now();
        let CleaningStage::Planned(live, plan) =
            std::mem::replace(&mut self.stage, CleaningStage::Taken)
        else {
            return Err(JsValue::from_str(
                "declutter: this clean has finished already",
            ));
        };
        let marked = apply::apply(&self.document, &live, &plan);
        if !self.added {
            let element = |id: Option<usize>| id.and_then(|id| live.element(id));
            let facts = PageFacts {
                article: element(plan.article),
                main_region: element(plan.main_region),
                article_page: plan.article_page,
                prose_page: plan.prose_page,
            };
            LAST_PAGE.with(|page| *page.borrow_mut() = Some(facts));
        }
        let hidden = plan
            .hide
            .iter()
            .filter(|h| marked.contains(&h.node))
            .map(|h| HiddenItem {
                reason: h.reason.code(),
                description: h.reason.description(),
                text_preview: h.text_preview.clone(),
                key: h.key.clone(),
            })
            .collect();
        let report = Report {
            hidden,
            article_page: plan.article_page,
            nodes_read: live.snap.len(),
            elapsed_ms: self.busy_ms + read::now() - started,
        };
        to_js(&report)
    }
}

/// A value as a plain JS object, through JSON: one crossing and the
/// browser's parser, where building it field by field crosses per field.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    let json =
        serde_json::to_string(value).map_err(|e| JsValue::from_str(&format!("declutter: {e}")))?;
    js_sys::JSON::parse(&json)
}

/// The shadow roots the last read went into (open, and closed where the
/// extension may see them): the observer watches them for late content.
#[wasm_bindgen(js_name = shadowRoots)]
pub fn shadow_roots() -> js_sys::Array {
    read::last_shadow_roots()
}

/// Undoes every hide; returns how many blocks were shown again.
#[wasm_bindgen]
pub fn restore(document: &Document) -> u32 {
    apply::restore(document)
}

/// Shows the hidden blocks with this key again (the popup's "show").
#[wasm_bindgen]
pub fn show(document: &Document, key: &str) -> bool {
    apply::show(document, key)
}

/// The article, without modifying the page: `@mozilla/readability`'s fields
/// plus `leadImage`, `readingMinutes` and `confidence`; `null` if none.
#[wasm_bindgen]
pub fn extract(document: &Document, options_value: JsValue) -> Result<JsValue, JsValue> {
    let opts: crate::article::ExtractOptions = options(options_value)?;
    let snap = read_page(document, Head::Read, Attrs::All).snap;
    match crate::reader::extract(&snap, &opts) {
        Some(article) => article
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(Into::into),
        None => Ok(JsValue::NULL),
    }
}

/// A quick yes/no: does this page look like an article worth a reader view?
#[wasm_bindgen(js_name = isProbablyReaderable)]
pub fn is_probably_readerable(document: &Document) -> bool {
    crate::article::is_probably_readerable(&read_page(document, Head::Skip, Attrs::All).snap)
}

/// Shows the reader view, or closes it; returns whether it is now shown.
/// `options`: the prefs `{ theme, fontSize, width, lineHeight, font, speechRate }`, and
/// `labels: { lang, words }`, the view's words in the reader's language
/// (by the names `readerLabels()` gives; English for any left out).
/// `onEvent(kind, detail)`, optional, hears what the reader does in the
/// view: `"prefs"` (detail: the new prefs as JSON) and `"closed"`. Throws
/// the string `"no article found on this page"` where there is nothing to
/// show.
#[wasm_bindgen(js_name = toggleReader)]
pub fn toggle_reader(
    document: &Document,
    options_value: JsValue,
    on_event: Option<js_sys::Function>,
) -> Result<bool, JsValue> {
    let view_options = view_options(&options_value)?;
    if reader::is_shown(document) {
        reader::close(document, false);
        return Ok(false);
    }
    let mut page_read = start_read(document);
    open_view(document, &mut page_read, view_options, on_event)
}

/// Opens the reader view from a read, finishing whatever steps it has left.
fn open_view(
    document: &Document,
    page_read: &mut PageRead,
    view_options: crate::reader::view::ViewOptions,
    on_event: Option<js_sys::Function>,
) -> Result<bool, JsValue> {
    while !page_read.step(f64::INFINITY) {}
    let ReadStage::Found(found) = std::mem::replace(&mut page_read.stage, ReadStage::Taken) else {
        return Err(JsValue::from_str(READ_USED));
    };
    reader::open(document, found, view_options, on_event).map_err(|e| JsValue::from_str(&e))?;
    Ok(true)
}

/// What `openReader` throws for a read that opened the view already.
const READ_USED: &str = "declutter: this read was used already";

/// Starts the read the reader view opens from, in steps (see [`PageRead`]).
#[wasm_bindgen(js_name = startRead)]
pub fn start_read(document: &Document) -> PageRead {
    PageRead {
        document: document.clone(),
        stage: ReadStage::Reading(read::Reading::start(document, Head::Read, Attrs::All)),
    }
}

/// The reader view's read of the page, in steps like a clean's (the walk
/// in slices, the layout, the extraction), so that opening the view on a
/// huge page holds its main thread only as long as one of them, or the
/// writing of the view, takes. `openReader` finishes what is left.
#[wasm_bindgen]
pub struct PageRead {
    document: Document,
    stage: ReadStage,
}

enum ReadStage {
    Reading(read::Reading),
    /// Read; its layout is next.
    Read(LiveSnapshot),
    LaidOut(crate::snapshot::Snapshot),
    /// The article found; the view is next.
    Found(reader::Found),
    Taken,
}

#[wasm_bindgen]
impl PageRead {
    /// The next piece of the read: a slice of the walk for about
    /// `budget_ms`, the layout, or the extraction; true once it is done.
    pub fn step(&mut self, budget_ms: f64) -> bool {
        let deadline = read::now() + budget_ms;
        self.stage = match std::mem::replace(&mut self.stage, ReadStage::Taken) {
            ReadStage::Reading(mut reading) => match reading.step(deadline) {
                false => ReadStage::Reading(reading),
                true => ReadStage::Read(reading.into_snapshot()),
            },
            ReadStage::Read(live) => ReadStage::LaidOut(with_layout(&self.document, live).snap),
            ReadStage::LaidOut(snap) => ReadStage::Found(reader::find(&snap)),
            done => done,
        };
        !matches!(
            self.stage,
            ReadStage::Reading(_) | ReadStage::Read(_) | ReadStage::LaidOut(_)
        )
    }
}

/// Opens the reader view from `page_read` (see `startRead`), with the same
/// options as `toggleReader`; true once shown. Throws "no article found on
/// this page" where there is none, as `toggleReader` does.
#[wasm_bindgen(js_name = openReader)]
pub fn open_reader(
    document: &Document,
    page_read: &mut PageRead,
    options_value: JsValue,
    on_event: Option<js_sys::Function>,
) -> Result<bool, JsValue> {
    if matches!(page_read.stage, ReadStage::Taken) {
        return Err(JsValue::from_str(READ_USED));
    }
    if reader::is_shown(document) {
        page_read.stage = ReadStage::Taken;
        return Ok(true);
    }
    open_view(document, page_read, view_options(&options_value)?, on_event)
}

/// The view's prefs and labels from `toggleReader`'s options. Two reads of
/// one object, where a flattened struct would pull in serde's buffering
/// (tens of KiB of wasm).
fn view_options(options_value: &JsValue) -> Result<crate::reader::view::ViewOptions, JsValue> {
    let labels = if options_value.is_object() {
        js_sys::Reflect::get(options_value, &JsValue::from_str("labels"))?
    } else {
        JsValue::UNDEFINED
    };
    Ok(crate::reader::view::ViewOptions {
        prefs: options(options_value.clone())?,
        labels: options(labels)?,
    })
}

/// The reader view's words in English, by name (`{ readerClose: "Close
/// reader view (Escape)", … }`): what `toggleReader`'s `labels.words` may
/// translate.
#[wasm_bindgen(js_name = readerLabels)]
pub fn reader_labels() -> Result<JsValue, JsValue> {
    let english: std::collections::BTreeMap<_, _> =
        crate::reader::view::ENGLISH.iter().copied().collect();
    to_js(&english)
}

#[wasm_bindgen(js_name = isReaderShown)]
pub fn is_reader_shown(document: &Document) -> bool {
    reader::is_shown(document)
}
