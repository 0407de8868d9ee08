//! Clutter analysis: one detector per kind, each reading the snapshot and
//! returning findings, then the guard, then the plan.
//!
//! The guard is the product's promise: nothing that holds article text is
//! hidden. Every detector asks [`Context::may_hide`] before it proposes a
//! block, and [`plan`] checks every finding once more.

mod banners;
mod chrome;
pub mod elements;
mod focus;
pub mod kernel;
pub mod overlay;
pub mod page_kind;
mod repeated;
pub mod subscribe;
mod widget;
pub mod wording;

use crate::article::page::Page;
use crate::article::Locating;
use crate::plan::{block_key, preview, Hide, Plan, Reason};
use crate::snapshot::{NodeId, Snapshot};
use crate::tune::clutter as tune;
pub use kernel::{Context, Finding, Level, Located, Options};

/// Runs every detector and returns the plan: outermost blocks only, each
/// checked by the guard, in document order.
pub fn plan(snap: &Snapshot, options: &Options) -> Plan {
    let mut planner = Planner::new(snap, options);
    while !planner.step() {}
    planner.into_plan()
}

/// A detector: what it wants hidden, given the context and what the
/// detectors before it found.
type Detector = fn(&Context, &[Finding]) -> Vec<Finding>;

/// The detectors in the order they run, each with the lowest level it
/// runs at. The repeated-block detector reads the findings before it.
const DETECTORS: [(Level, Detector); 7] = [
    (Level::Standard, |cx, _| overlay::detect(cx)),
    (Level::Standard, |cx, _| subscribe::detect(cx)),
    (Level::Standard, |cx, _| subscribe::detect_calls(cx)),
    (Level::Standard, |cx, _| banners::detect(cx)),
    (Level::Standard, repeated::detect),
    (Level::Standard, |cx, _| chrome::detect(cx)),
    (Level::Focus, |cx, _| focus::detect(cx)),
];

/// The analysis in steps, each a pass over the page: the extractor's
/// reading of it, the article's place, the guard's counts, then one
/// detector at a time. A caller on a page's main thread can give the page
/// its turn between steps; [`plan`] runs them all at once.
pub struct Planner<'a> {
    snap: &'a Snapshot,
    options: Options,
    next: Stage,
    page: Option<Page<'a>>,
    locating: Locating,
    located: Located,
    cx: Option<Context<'a>>,
    findings: Vec<Finding>,
    plan: Option<Plan>,
}

#[derive(Clone, Copy)]
enum Stage {
    ReadPage,
    /// The article's place, one phase of [`Locating`] per step.
    Locate,
    /// At focus, the article's own blocks.
    Focus,
    /// At standard, the page's kind.
    Kind,
    Guard,
    Detect(usize),
    Settle,
    Done,
}

impl<'a> Planner<'a> {
    pub fn new(snap: &'a Snapshot, options: &Options) -> Self {
        Planner {
            snap,
            options: options.clone(),
            next: Stage::ReadPage,
            page: None,
            locating: Locating::default(),
            located: Located::default(),
            cx: None,
            findings: Vec::new(),
            plan: None,
        }
    }

    /// Runs the next step; true once the plan is made.
    pub fn step(&mut self) -> bool {
        let level = self.options.level;
        self.next = match self.next {
            Stage::ReadPage => {
                self.page = (!self.snap.is_empty()).then(|| Page::new(self.snap));
                Stage::Locate
            }
            Stage::Locate => match &self.page {
                None => Stage::Guard,
                Some(page) => match self.locating.step(page) {
                    None => Stage::Locate,
                    Some(article) => {
                        self.located = Located::at(article);
                        match level {
                            Level::Focus => Stage::Focus,
                            Level::Standard => Stage::Kind,
                        }
                    }
                },
            },
            Stage::Focus => {
                if let Some(page) = &self.page {
                    self.located.focus_on(page);
                }
                Stage::Guard
            }
            Stage::Kind => {
                self.located.kind_of(self.snap);
                Stage::Guard
            }
            Stage::Guard => {
                self.page = None;
                let located = std::mem::take(&mut self.located);
                self.cx = Some(Context::new(self.snap, level, located));
                Stage::Detect(0)
            }
            Stage::Detect(i) => {
                let (lowest, detect) = DETECTORS[i];
                if let (Some(cx), true) = (&self.cx, level >= lowest) {
                    let found = detect(cx, &self.findings);
                    self.findings.extend(found);
                }
                match i + 1 < DETECTORS.len() {
                    true => Stage::Detect(i + 1),
                    false => Stage::Settle,
                }
            }
            Stage::Settle => {
                if let Some(cx) = self.cx.take() {
                    let findings = std::mem::take(&mut self.findings);
                    self.plan = Some(settle(&cx, findings, &self.options));
                }
                Stage::Done
            }
            Stage::Done => Stage::Done,
        };
        matches!(self.next, Stage::Done)
    }

    /// What the next step does, for diagnostics ("page", "locate", "guard",
    /// a detector's number, "settle", "done").
    pub fn next_step(&self) -> String {
        match self.next {
            Stage::ReadPage => "page".into(),
            Stage::Locate => self.locating.next_step().into(),
            Stage::Focus => "article blocks".into(),
            Stage::Kind => "page kind".into(),
            Stage::Guard => "guard".into(),
            Stage::Detect(i) => format!("detector {i}"),
            Stage::Settle => "settle".into(),
            Stage::Done => "done".into(),
        }
    }

    /// The plan, after whatever steps are left.
    pub fn into_plan(mut self) -> Plan {
        self.take_plan()
    }

    /// The plan, after whatever steps are left; the planner is spent.
    pub fn take_plan(&mut self) -> Plan {
        while !self.step() {}
        self.plan.take().unwrap_or_default()
    }
}

/// The plan from the detectors' findings: each checked by the guard once
/// more (and, on a page that is no article, kept only when it is furniture
/// or outside the page's main region), outermost blocks only, in document
/// order, minus the blocks the reader chose to keep.
fn settle(cx: &Context, mut findings: Vec<Finding>, options: &Options) -> Plan {
    let snap = cx.snap;
    // At the standard level a page that is no article keeps its main
    // region: only its furniture goes (see page_kind.rs).
    findings.retain(|f| {
        cx.may_hide(f.node)
            && (cx.level == Level::Focus
                || f.reason.is_page_furniture()
                || !cx.page.holds_content(snap, f.node))
    });
    findings.sort_by_key(|f| f.node);
    let mut hide: Vec<Hide> = Vec::new();
    // The last block taken or kept: findings inside it are covered either way.
    let mut outer: Option<NodeId> = None;
    for f in findings {
        if outer.is_some_and(|o| snap.contains(o, f.node)) {
            continue;
        }
        outer = Some(f.node);
        let n = &snap.nodes[f.node];
        let text_preview = preview(&snap.text(f.node), tune::PREVIEW_CHARS);
        let key = block_key(&[f.reason.code(), &n.tag, n.id(), n.class(), &text_preview]);
        if !options.keep.contains(&key) {
            hide.push(Hide {
                node: f.node,
                reason: f.reason,
                text_preview,
                key,
            });
        }
    }
    // A scroll-lock is undone only with the layer that set it gone.
    let layer_hidden = hide.iter().any(|h| {
        matches!(
            h.reason,
            Reason::Overlay | Reason::Consent | Reason::StickyBar | Reason::Nag | Reason::Subscribe
        )
    });
    Plan {
        hide,
        article: cx.article,
        unlock_scroll: snap.scroll_locked && layer_hidden,
        article_page: cx.level == Level::Focus || cx.page.article,
    }
}
