//! The whole native core on one page, in the order the extension runs it:
//! HTML → snapshot → plan (standard and focus) → article → reader view and
//! its exports (Markdown, HTML).
//!
//! Shared by the fuzzer and by `tests/fuzz_regressions.rs` (through
//! `#[path]`), so that a committed finding replays exactly what found it.

use declutter::article::{is_probably_readerable, Article, ExtractOptions};
use declutter::clutter::{plan, Level, Options};
use declutter::dom::html::parse;
use declutter::plan::Plan;
use declutter::reader::export::{file_name, html_document, markdown, Source};
use declutter::reader::extract;
use declutter::reader::view::{view_html, Prefs};
use declutter::snapshot::Snapshot;
use std::time::{Duration, Instant};

/// The address every fuzzed page is read at: a real one, so that relative
/// links, `<base href>` and images go through URL resolution.
pub const PAGE_URL: &str = "https://news.example/2024/12/story.html";

/// What the pipeline made of a page, and how long each stage took.
pub struct Outputs {
    pub standard: Plan,
    pub focus: Plan,
    pub article: Option<Article>,
    pub view: Option<String>,
    /// The article as the Export panel saves it: Markdown, HTML, file name.
    pub exports: Option<[String; 3]>,
    pub readerable: bool,
    pub timings: Timings,
}

/// Wall time per stage: where a slow input spends it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub standard: Duration,
    pub focus: Duration,
    pub extract: Duration,
    pub view: Duration,
    /// CPU time of every stage after parsing, where the system tells it.
    pub analysis_cpu: Option<Duration>,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.parse + self.standard + self.focus + self.extract + self.view
    }

    /// What a slow input is judged by: the analysis (everything after
    /// parsing) in CPU time when known, so that a busy machine does not
    /// make a fast input slow; else in wall time.
    pub fn analysis(&self) -> Duration {
        self.analysis_cpu
            .unwrap_or(self.standard + self.focus + self.extract + self.view)
    }
}

/// CPU time this thread has used so far, from Linux's scheduler
/// statistics; `None` elsewhere.
pub fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs every stage on `html`. Panics where the core panics.
pub fn run(html: &str) -> Outputs {
    let clock = Instant::now();
    let snap = parse(html, Some(PAGE_URL));
    let parse_time = clock.elapsed();
    let mut outputs = analyse(&snap);
    outputs.timings.parse = parse_time;
    outputs
}

/// Every stage after parsing, on a snapshot however it was made (the
/// browser's read builds its own; tests build deep ones directly).
pub fn analyse(snap: &Snapshot) -> Outputs {
    let cpu_start = thread_cpu_time();
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        *slot = clock.elapsed();
        clock = Instant::now();
    };
    let standard = plan(snap, &Options::default());
    lap(&mut timings.standard);
    let focus = plan(
        snap,
        &Options {
            level: Level::Focus,
            keep: Vec::new(),
        },
    );
    lap(&mut timings.focus);
    let readerable = is_probably_readerable(snap);
    let article = extract(snap, &ExtractOptions::default());
    lap(&mut timings.extract);
    let view = article
        .as_ref()
        .map(|a| view_html(a, &Prefs::default(), snap.url.as_deref()));
    let source = Source {
        url: snap.url.as_deref(),
    };
    let exports = article.as_ref().map(|a| {
        [
            markdown(a, source),
            html_document(a, source),
            file_name(&a.title, "md"),
        ]
    });
    lap(&mut timings.view);
    timings.analysis_cpu = cpu_start
        .zip(thread_cpu_time())
        .map(|(start, end)| end.saturating_sub(start));
    Outputs {
        standard,
        focus,
        article,
        view,
        exports,
        readerable,
        timings,
    }
}

/// The page as the CLI and the browser get it: bytes decoded as UTF-8,
/// anything invalid replaced.
pub fn decode(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
