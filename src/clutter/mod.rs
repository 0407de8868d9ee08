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

/// What the analysis of late content is given of the page it arrived in,
/// from the page's last whole clean: the added subtrees alone (a scoped
/// read, under their ancestors) cannot say where the article is or what
/// kind of page this is.
pub struct Given {
    /// The page's article, when the content arrived inside it: one of the
    /// scoped snapshot's ancestors. The added content's own article is not
    /// looked for: alone, a sign-up modal's paragraph would be the article
    /// and the modal its holder. Its prose is guarded all the same (the
    /// guard protects long paragraphs wherever they are).
    pub article: Option<NodeId>,
    /// The page's kind, its main region mapped into the scoped snapshot
    /// (none when the content arrived outside it: then it counts as main
    /// content unless a landmark holds it).
    pub kind: page_kind::PageKind,
    /// The added subtrees' roots. Everything else in the scoped snapshot is
    /// an ancestor read without its other children: never hidden, since on
    /// the page it holds more than the read saw (a feed of 30,000 cards
    /// would look like the one sign-up box that arrived in it).
    pub added: Vec<NodeId>,
}

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

    /// The analysis of late content: `snap` is a scoped read (the added
    /// subtrees under their ancestors), `given` what the page's last whole
    /// clean found. At the standard level always: what focus hides depends
    /// on the whole page, so a focused page's late content is cleaned with
    /// the whole page again.
    pub fn for_added(snap: &'a Snapshot, options: &Options, given: Given) -> Self {
        let options = Options {
            level: Level::Standard,
            ..options.clone()
        };
        let mut planner = Planner::new(snap, &options);
        planner.located = Located::at(given.article);
        planner.located.set_kind(given.kind);
        planner.located.read_in_part(snap, &given.added);
        planner.next = Stage::Guard;
        planner
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
                if let Some(page) = &self.page {
                    self.located.kind_of(page);
                }
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
/// more (and, on a page that is no article, kept only when it is furniture,
/// a sign-up box on a page of prose, or outside the page's main region),
/// outermost blocks only, in document order, minus the blocks the reader
/// chose to keep.
fn settle(cx: &Context, mut findings: Vec<Finding>, options: &Options) -> Plan {
    let snap = cx.snap;
    // At the standard level a page that is no article keeps its main
    // region: only its furniture goes, and on a page of prose its sign-up
    // boxes (see page_kind.rs).
    findings.retain(|f| {
        cx.may_hide(f.node)
            && (cx.level == Level::Focus
                || f.reason.is_page_furniture()
                || !cx.page.keeps(snap, f.node, f.reason))
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
        main_region: cx.page.main_region,
        prose_page: cx.page.prose,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::page_kind::PageKind;
    use super::*;
    use crate::dom::html::parse;

    const SIGNUP: &str = r#"<div class="box" data-added><h3>Get our newsletter</h3><p>The day's news in your inbox every morning.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>"#;
    const PROSE: &str = "<p>A paragraph long enough to be prose, as an article's paragraphs are, with a sentence or two more to make it so.</p>";

    /// The plan for a scoped read: `body` stands for what the read holds,
    /// the added subtrees (marked `data-added`) under their ancestors.
    fn plan_added(
        body: &str,
        article: Option<&str>,
        article_page: bool,
        level: Level,
    ) -> Vec<String> {
        let snap = parse(&format!("<html><body>{body}</body></html>"), None);
        let find = |id: &str| (0..snap.len()).find(|&i| snap.nodes[i].id() == id);
        let given = Given {
            article: article.and_then(find),
            kind: PageKind {
                article: article_page,
                prose: article_page,
                main_region: find("main"),
            },
            added: (0..snap.len())
                .filter(|&i| snap.nodes[i].attr("data-added").is_some())
                .collect(),
        };
        let options = Options {
            level,
            keep: Vec::new(),
        };
        Planner::for_added(&snap, &options, given)
            .into_plan()
            .hide
            .iter()
            .map(|h| format!("{} {}", h.reason.code(), snap.nodes[h.node].class()))
            .collect()
    }

    #[test]
    fn late_signup_box_goes_on_an_article_page() {
        let hidden = plan_added(
            &format!("<div id=\"feed\">{SIGNUP}</div>"),
            None,
            true,
            Level::Standard,
        );
        assert_eq!(hidden, ["subscribe box"]);
    }

    #[test]
    fn a_late_modal_goes_whole_not_just_its_form() {
        // Alone in the read, the modal's paragraph is the longest prose: it
        // must not be taken for an article that the modal then holds.
        let modal = r#"<div class="modal" data-added style="position:fixed;inset:20% 10%;z-index:9999"><h2>Get our newsletter</h2><p>Sign up for the morning briefing, with the day's stories chosen by our editors. Enter your email to subscribe.</p><form><input type="email"><button>Subscribe</button></form></div>"#;
        assert_eq!(
            plan_added(modal, None, true, Level::Standard),
            ["overlay modal"]
        );
    }

    #[test]
    fn late_prose_stays() {
        let story = format!(
            "<div class=\"next\" data-added><h2>The next story</h2>{}</div>",
            PROSE.repeat(4)
        );
        assert!(plan_added(&story, None, true, Level::Standard).is_empty());
    }

    #[test]
    fn late_signup_box_inside_the_article_goes_and_its_prose_stays() {
        let body = format!(
            "<div id=\"story\"><div class=\"more\" data-added>{PROSE}{PROSE}</div>{SIGNUP}</div>"
        );
        assert_eq!(
            plan_added(&body, Some("story"), true, Level::Standard),
            ["subscribe box"]
        );
    }

    #[test]
    fn on_a_page_that_is_no_article_late_content_in_its_main_region_stays() {
        let body = format!("<div id=\"main\">{SIGNUP}</div>");
        assert!(plan_added(&body, None, false, Level::Standard).is_empty());
        // Outside the main region (and no furniture): the same as a whole clean.
        let body = format!("<div id=\"main\"></div><div>{SIGNUP}</div>");
        assert_eq!(
            plan_added(&body, None, false, Level::Standard),
            ["subscribe box"]
        );
    }

    #[test]
    fn late_content_is_cleaned_at_the_standard_level_even_when_focused() {
        // Focus would hide a card outside the article; the added content
        // alone cannot tell, so late content is never judged by focus.
        let card = r#"<div class="card"><a href="/other"><h3>Another story of the day</h3></a><p>Its excerpt, a sentence long.</p></div>"#;
        let next_story = format!(
            "<div data-added><div class=\"story\">{}</div><div class=\"rail\">{}</div></div>",
            PROSE.repeat(6),
            card.repeat(3)
        );
        assert!(plan_added(&next_story, None, true, Level::Focus).is_empty());
    }
}
