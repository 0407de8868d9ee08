//! `declutter`: the native command line over the same core as the extension.
//!
//! ```text
//! declutter extract PAGE.html [--url URL] [--format text|html|json|candidates]
//! declutter clean PAGE.html [--url URL] [--format text|json]
//! declutter eval --corpus DIR --out DIR [--verbose] [--python] [--lost]
//! ```
//! `eval` writes `OUT/<id>.txt` (the extracted text), `OUT/<id>.meta.json`
//! (its title, author and date) and `OUT/<id>.clean.txt` (what a standard
//! clean leaves visible) for every `DIR/<id>/page.html`, then scores them against `DIR/<id>/truth.json` the
//! way `shared/corpus/score.py` does (the article-extraction-benchmark
//! metric), and with `--python` also runs that script to compare. It also
//! scores what a standard clean leaves visible (without CSS or layout). On a
//! WCXB corpus it also measures the standard clean's harm: the main content's
//! recall in the visible text before and after, per page type; `--lost`
//! lists the pages that lost some, with the blocks hidden on them.

use declutter::article::page::Page;
use declutter::article::selection::Selection;
use declutter::clutter::page_kind::PageKind;
use declutter::clutter::{plan, Options};
use declutter::dom::html::parse;
use declutter::{article::ExtractOptions, reader::extract};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[path = "common/corpus.rs"]
mod corpus;

const USAGE: &str = "usage:
  declutter extract PAGE.html [--url URL] [--format text|html|json|candidates]
  declutter clean PAGE.html [--url URL] [--format text|json]
  declutter eval --corpus DIR --out DIR [--verbose] [--python] [--lost]";

/// Bad usage: the message, then the usage, exit code 2.
fn usage(msg: &str) -> ExitCode {
    eprintln!("declutter: {msg}\n{USAGE}");
    ExitCode::from(2)
}

/// Parsed `--flag value` pairs, boolean `--flag`s and positional arguments.
struct Args {
    positional: Vec<String>,
    values: HashMap<String, String>,
    switches: Vec<String>,
}

fn parse_args(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
    let mut out = Args {
        positional: Vec::new(),
        values: HashMap::new(),
        switches: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (name, None),
            };
            if with_value.contains(&name) {
                let v = inline
                    .or_else(|| it.next().cloned())
                    .ok_or(format!("--{name} needs a value"))?;
                out.values.insert(name.to_owned(), v);
            } else if switches.contains(&name) && inline.is_none() {
                out.switches.push(name.to_owned());
            } else {
                return Err(format!("unknown option --{name}"));
            }
        } else {
            out.positional.push(a.clone());
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        return usage("no command given");
    };
    let rest = &args[1..];
    match command.as_str() {
        "extract" => cmd_extract(rest),
        "clean" => cmd_clean(rest),
        "eval" => cmd_eval(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => usage(&format!("unknown command {other:?}")),
    }
}

fn read_page(args: &Args) -> Result<(String, Option<String>), ExitCode> {
    let [path] = args.positional.as_slice() else {
        return Err(usage("give exactly one PAGE.html"));
    };
    match std::fs::read(path) {
        Ok(bytes) => Ok((
            String::from_utf8_lossy(&bytes).into_owned(),
            args.values.get("url").cloned(),
        )),
        Err(e) => {
            eprintln!("declutter: cannot read {path}: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn cmd_extract(rest: &[String]) -> ExitCode {
    let args = match parse_args(rest, &["url", "format"], &[]) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let format = args.values.get("format").map_or("text", String::as_str);
    if !matches!(format, "text" | "html" | "json" | "candidates") {
        return usage(&format!("unknown format {format:?}"));
    }
    let (html, url) = match read_page(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let snap = parse(&html, url.as_deref());
    if format == "candidates" {
        print_candidates(&snap);
        return ExitCode::SUCCESS;
    }
    let Some(article) = extract(&snap, &ExtractOptions::default()) else {
        if format == "json" {
            println!("null");
        }
        eprintln!("declutter: no article found");
        return ExitCode::FAILURE;
    };
    match format {
        "html" => println!("{}", article.content),
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&article).expect("article serialises")
        ),
        _ => println!("{}", article.text_content),
    }
    ExitCode::SUCCESS
}

/// For tuning: the best-scored blocks of each pass and what was chosen.
fn print_candidates(snap: &declutter::snapshot::Snapshot) {
    use declutter::article::{candidates, page::Page};
    let page = Page::new(snap);
    let describe = |i: usize| {
        let n = &snap.nodes[i];
        format!(
            "#{i} <{}> {:?} chars={} ld={:.2}",
            n.tag,
            n.id_and_class().trim().chars().take(60).collect::<String>(),
            page.chars[i],
            page.link_density(i)
        )
    };
    for flags in candidates::Flags::passes() {
        println!("pass {flags:?}");
        let paras = candidates::paragraphs(&page, flags);
        let scores = candidates::score_candidates(&page, flags, &paras);
        let mut ranked: Vec<usize> = (0..snap.len()).filter(|&i| scores.candidate[i]).collect();
        ranked.sort_by(|&a, &b| scores.score[b].total_cmp(&scores.score[a]));
        for &i in ranked.iter().take(10) {
            println!(
                "  {:8.1} prose={:6} {}",
                scores.score[i],
                scores.prose[i],
                describe(i)
            );
        }
        if let Some(choice) = candidates::choose(&page, flags, &scores) {
            println!("  top: {}", describe(choice.top));
            // The blocks above the best one: where the climb could have stopped.
            for a in snap.ancestors(ranked[0]).take_while(|&a| a != snap.body()) {
                println!(
                    "    above: {:8.1} prose={:6} {}",
                    if scores.candidate[a] {
                        scores.score[a]
                    } else {
                        0.0
                    },
                    scores.prose[a],
                    describe(a)
                );
            }
            for &r in &choice.roots {
                println!("  root: {}", describe(r));
            }
            let meta = declutter::article::metadata::read(snap);
            let cleaned = declutter::article::cleanup::prune(&page, flags, &choice.roots, &meta);
            for &(i, reason) in cleaned.reasons.iter().filter(|(i, _)| page.chars[*i] > 0) {
                let text: String = snap.text(i).chars().take(90).collect();
                println!("  drop ({reason}): {} {text:?}", describe(i));
            }
        }
    }
}

fn cmd_clean(rest: &[String]) -> ExitCode {
    let args = match parse_args(rest, &["url", "format"], &[]) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let format = args.values.get("format").map_or("text", String::as_str);
    if !matches!(format, "text" | "json") {
        return usage(&format!("unknown format {format:?}"));
    }
    let (html, url) = match read_page(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let snap = parse(&html, url.as_deref());
    let p = plan(&snap, &Options::default());
    if format == "json" {
        println!(
            "{}",
            serde_json::to_string_pretty(&p).expect("plan serialises")
        );
        return ExitCode::SUCCESS;
    }
    println!("{}", visible_text(&snap, &p));
    ExitCode::SUCCESS
}

/// What a browser shows of the page without its CSS once `plan` is applied:
/// the body's text minus what is hidden (aria-hidden text stays visible) and
/// minus the plan's blocks. An empty plan gives the uncleaned page.
fn visible_text(snap: &declutter::snapshot::Snapshot, plan: &declutter::plan::Plan) -> String {
    let mut drop: Vec<bool> = snap
        .nodes
        .iter()
        .map(|n| n.hidden && !n.aria_hidden)
        .collect();
    for h in &plan.hide {
        drop[h.node] = true;
    }
    let visible = Selection {
        roots: vec![snap.body()],
        drop,
    };
    visible.text(snap)
}

fn cmd_eval(rest: &[String]) -> ExitCode {
    let args = match parse_args(rest, &["corpus", "out"], &["verbose", "python", "lost"]) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    let (Some(corpus), Some(out)) = (args.values.get("corpus"), args.values.get("out")) else {
        return usage("eval needs --corpus DIR and --out DIR");
    };
    if !args.positional.is_empty() {
        return usage("eval takes no positional arguments");
    }
    let (corpus, out) = (PathBuf::from(corpus), PathBuf::from(out));
    let mut ids: Vec<String> = match std::fs::read_dir(&corpus) {
        Ok(dir) => dir
            .filter_map(Result::ok)
            .filter(|e| corpus::page_file(&e.path()).is_some())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => {
            eprintln!("declutter: cannot read {}: {e}", corpus.display());
            return ExitCode::FAILURE;
        }
    };
    ids.sort();
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("declutter: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut pages = Vec::new();
    // The standard clean's visible text against the truth, page by page.
    let mut clean_pages = Vec::new();
    let mut times = Vec::new();
    let mut wcxb = wcxb::Scores::default();
    for id in &ids {
        let dir = corpus.join(id);
        let html = read_corpus_page(&dir);
        let truth: serde_json::Value = std::fs::read_to_string(dir.join("truth.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(serde_json::Value::Null);
        let url = truth.get("url").and_then(|u| u.as_str());
        let snap = parse(&html, url);
        let start = Instant::now();
        let article = extract(&snap, &ExtractOptions::default());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        // What a standard clean leaves visible, natively (no CSS, no layout).
        let cleaned = plan(&snap, &Options::default());
        let seen = wcxb::Cleaned {
            none: visible_text(&snap, &declutter::plan::Plan::default()),
            standard: visible_text(&snap, &cleaned),
            as_article: PageKind::of(&Page::new(&snap)).article,
        };
        if let Some(page_type) = truth.get("page_type").and_then(|t| t.as_str()) {
            let readerable = declutter::article::is_probably_readerable(&snap);
            wcxb.add(page_type, &truth, article.as_ref(), readerable);
            if let Some(lost) = wcxb.add_clean(page_type, &truth, &seen) {
                if args.switches.iter().any(|s| s == "lost") {
                    print_lost(id, page_type, lost, &snap, &cleaned, &truth);
                }
            }
        }
        // The reader's metadata beside its text, to study the misses.
        let meta = serde_json::json!({
            "title": article.as_ref().map(|a| a.title.as_str()),
            "author": article.as_ref().and_then(|a| a.byline.as_deref()),
            "publish_date": article.as_ref().and_then(|a| a.published_time.as_deref()),
        });
        let text = article.map(|a| a.text_content).unwrap_or_default();
        if let Err(e) = std::fs::write(out.join(format!("{id}.meta.json")), meta.to_string())
            .and_then(|()| std::fs::write(out.join(format!("{id}.txt")), &text))
            .and_then(|()| std::fs::write(out.join(format!("{id}.clean.txt")), &seen.standard))
        {
            eprintln!("declutter: cannot write: {e}");
            return ExitCode::FAILURE;
        }
        if truth.get("articleBody").is_some() {
            let truth_text = truth["articleBody"].as_str().unwrap_or("");
            pages.push((
                id.clone(),
                metric::score_page(truth_text, &text),
                metric::signup_leak(truth_text, &text),
            ));
            clean_pages.push((
                metric::score_page(truth_text, &seen.standard),
                metric::signup_leak(truth_text, &seen.standard),
            ));
        }
    }
    let scores: Vec<metric::PageScore> = pages.iter().map(|p| p.1).collect();
    let total = metric::corpus(&scores);
    let clean_scores: Vec<metric::PageScore> = clean_pages.iter().map(|p| p.0).collect();
    let clean_total = metric::corpus(&clean_scores);
    let clean_leak_pages = clean_pages.iter().filter(|p| p.1 > 0).count();
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let leak_pages = pages.iter().filter(|p| p.2 > 0).count();
    if args.switches.iter().any(|s| s == "verbose") {
        let mut worst: Vec<&(String, metric::PageScore, usize)> = pages.iter().collect();
        worst.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
        for (id, s, leak) in worst {
            println!(
                "{:.3} P={:.3} R={:.3} leak={leak} {id}",
                s.f1(),
                s.precision(),
                s.recall()
            );
        }
    }
    if !wcxb.is_empty() {
        wcxb.print();
        println!();
        wcxb.print_clean();
    }
    println!(
        "n={} P={:.3} R={:.3} F1={:.3} leak_pages={leak_pages} extract_median_ms={median:.2}",
        scores.len(),
        total.precision,
        total.recall,
        total.f1
    );
    println!(
        "clean standard, visible text: P={:.3} R={:.3} F1={:.3} leak_pages={clean_leak_pages}",
        clean_total.precision, clean_total.recall, clean_total.f1
    );
    if args.switches.iter().any(|s| s == "python") {
        run_score_py(&corpus, &out);
    }
    ExitCode::SUCCESS
}

/// A corpus page as the browser would get it: gunzipped if need be, then
/// decoded as UTF-8 with anything invalid replaced. Empty if unreadable.
fn read_corpus_page(dir: &Path) -> String {
    let Some(path) = corpus::page_file(dir) else {
        return String::new();
    };
    let Some(bytes) = corpus::read_page(&path) else {
        eprintln!("declutter: cannot read {}", path.display());
        return String::new();
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One page whose standard clean hid main content: what hiding each block
/// alone costs, to see which detector did it.
fn print_lost(
    id: &str,
    page_type: &str,
    (before, after): (f64, f64),
    snap: &declutter::snapshot::Snapshot,
    cleaned: &declutter::plan::Plan,
    truth: &serde_json::Value,
) {
    let body = truth["articleBody"].as_str().unwrap_or("");
    println!("lost {id} {page_type}: recall {before:.3} -> {after:.3}");
    for h in &cleaned.hide {
        // What hiding this block alone costs: shared words the page shows
        // more often than the truth has them cost nothing.
        let alone = declutter::plan::Plan {
            hide: vec![h.clone()],
            ..Default::default()
        };
        let held = before - wcxb::recall(body, &visible_text(snap, &alone));
        let n = &snap.nodes[h.node];
        println!(
            "  {:10} {held:.3} <{}> {:?} {:?}",
            h.reason.code(),
            n.tag,
            n.id_and_class().chars().take(40).collect::<String>(),
            h.text_preview
        );
    }
}

/// Runs `score.py` from beside the corpus (or inside it), if there is one.
fn run_score_py(corpus: &Path, out: &Path) {
    let script = [corpus.join("score.py"), corpus.join("../score.py")]
        .into_iter()
        .find(|p| p.is_file());
    let Some(script) = script else {
        eprintln!("declutter: no score.py beside {}", corpus.display());
        return;
    };
    match std::process::Command::new("python3")
        .arg(&script)
        .arg(out)
        .arg(corpus)
        .arg("--out")
        .arg(out.join("result.json"))
        .status()
    {
        Ok(_) => {}
        Err(e) => eprintln!("declutter: cannot run python3: {e}"),
    }
}

/// The WCXB benchmark's metric, as `wcxb-score.py` computes it, for corpora
/// whose truth names a `page_type`: mean per-page bag-of-words F1 per page
/// type, the share of `with` and `without` snippets in the text, how
/// often the reader's title, author and date match the truth, and how
/// often `isProbablyReaderable` says yes.
mod wcxb {
    use declutter::article::Article;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Type {
        pages: usize,
        precision: f64,
        recall: f64,
        f1: f64,
        with: (f64, usize),
        without: (f64, usize),
        leaking: usize,
        /// Matches and pages with a truth, for title, author, date.
        meta: [(usize, usize); 3],
        /// Pages `isProbablyReaderable` says yes to.
        readerable: usize,
        /// What the standard clean did to the main content.
        clean: Harm,
    }

    /// The standard clean against the uncleaned page, summed over pages.
    #[derive(Default)]
    struct Harm {
        /// Recall of the main content in the visible text: uncleaned, cleaned.
        recall: (f64, f64),
        /// Pages that lost more than [`LOST`] of it.
        lost: usize,
        /// Pages the clean took for articles (the rest keep their main
        /// region).
        as_article: usize,
        /// Pages still showing a sign-up or consent snippet of `without`:
        /// uncleaned, cleaned; and the snippets themselves.
        leaking: (usize, usize),
        snippets: (usize, usize),
    }

    /// A page "lost" main content when its recall dropped by more than this.
    const LOST: f64 = 0.005;

    /// A page's visible text, uncleaned and after a standard clean.
    pub struct Cleaned {
        pub none: String,
        pub standard: String,
        /// The clean took the page for an article.
        pub as_article: bool,
    }

    /// A `without` snippet that is sign-up or consent wording (not a footer
    /// or a menu): what a standard clean is meant to take away. Fixed here,
    /// apart from the core's own word lists, so the measure does not move
    /// with them.
    fn is_signup_or_consent(snippet: &str) -> bool {
        const STEMS: [&str; 16] = [
            "subscri",
            "newsletter",
            "sign up",
            "sign-up",
            "signup",
            "cookie",
            "consent",
            "abonn",
            "suscri",
            "iscriviti",
            "inscreva",
            "inschrijv",
            "zapisz",
            "подпис",
            "рассылк",
            "розсилк",
        ];
        let s = snippet.to_lowercase();
        STEMS.iter().any(|w| s.contains(w))
    }

    /// Recall of `truth`'s bag of words in `text`.
    pub fn recall(truth: &str, text: &str) -> f64 {
        bag_f1(truth, text).1
    }

    #[derive(Default)]
    pub struct Scores(BTreeMap<String, Type>);

    /// Lower-cased `\w+` tokens, as the benchmark counts them.
    fn bag(text: &str) -> std::collections::HashMap<String, usize> {
        let mut bag = std::collections::HashMap::new();
        for token in super::metric::tokens(text) {
            *bag.entry(token.to_lowercase()).or_insert(0) += 1;
        }
        bag
    }

    /// Precision, recall and F1 of `pred`'s tokens against `truth`'s.
    fn bag_f1(truth: &str, pred: &str) -> (f64, f64, f64) {
        let (t, p) = (bag(truth), bag(pred));
        let (nt, np): (usize, usize) = (t.values().sum(), p.values().sum());
        match (nt, np) {
            (0, 0) => return (1.0, 1.0, 1.0),
            (0, _) | (_, 0) => return (0.0, 0.0, 0.0),
            _ => {}
        }
        let overlap: usize = p
            .iter()
            .map(|(w, n)| (*n).min(*t.get(w).unwrap_or(&0)))
            .sum();
        let (precision, recall) = (overlap as f64 / np as f64, overlap as f64 / nt as f64);
        let f1 = match precision + recall {
            sum if sum > 0.0 => 2.0 * precision * recall / sum,
            _ => 0.0,
        };
        (precision, recall, f1)
    }

    /// The share of `snippets` found in `text` (case folded), if any.
    fn share(text: &str, snippets: Option<&serde_json::Value>) -> Option<f64> {
        let list = snippets?.as_array()?;
        if list.is_empty() {
            return None;
        }
        let text = text.to_lowercase();
        let found = list
            .iter()
            .filter_map(|s| s.as_str())
            .filter(|s| text.contains(&s.to_lowercase()))
            .count();
        Some(found as f64 / list.len() as f64)
    }

    /// Title and author compare with white space folded, case ignored and
    /// curly quotes as straight ones (the truth writes "Beginner's" where
    /// the page shows "Beginner’s"); authors as lists of names, however
    /// joined ("A, B, and C" is "A, B, C"); dates by their `YYYY-MM-DD`.
    fn same(kind: usize, ours: Option<&str>, truth: &str) -> bool {
        let fold = |s: &str| {
            s.replace(['\u{2018}', '\u{2019}'], "'")
                .replace(['\u{201c}', '\u{201d}'], "\"")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let day = |s: &str| s.trim().get(..10).map(str::to_owned);
        let names = |s: &str| -> Vec<String> {
            let s = fold(s).replace(" & ", ", ").replace(" and ", ", ");
            s.split(',')
                .map(|n| n.trim().trim_start_matches("and ").trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        };
        match (kind, ours) {
            (_, None) => false,
            (1, Some(ours)) => names(ours) == names(truth),
            (2, Some(ours)) => day(ours).is_some() && day(ours) == day(truth),
            (_, Some(ours)) => fold(ours) == fold(truth),
        }
    }

    impl Scores {
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }

        pub fn add(
            &mut self,
            page_type: &str,
            truth: &serde_json::Value,
            article: Option<&Article>,
            readerable: bool,
        ) {
            let text = article.map_or("", |a| a.text_content.as_str());
            let body = truth
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or("");
            let (p, r, f) = bag_f1(body, text);
            let t = self.0.entry(page_type.to_owned()).or_default();
            t.pages += 1;
            t.readerable += usize::from(readerable);
            t.precision += p;
            t.recall += r;
            t.f1 += f;
            if let Some(x) = share(text, truth.get("with")) {
                t.with = (t.with.0 + x, t.with.1 + 1);
            }
            if let Some(x) = share(text, truth.get("without")) {
                t.without = (t.without.0 + x, t.without.1 + 1);
                t.leaking += usize::from(x > 0.0);
            }
            let ours = [
                article.map(|a| a.title.as_str()),
                article.and_then(|a| a.byline.as_deref()),
                article.and_then(|a| a.published_time.as_deref()),
            ];
            for (kind, key) in ["title", "author", "publish_date"].into_iter().enumerate() {
                if let Some(want) = truth
                    .get(key)
                    .and_then(|v| v.as_str())
                    .filter(|v| !v.trim().is_empty())
                {
                    t.meta[kind].1 += 1;
                    t.meta[kind].0 += usize::from(same(kind, ours[kind], want));
                }
            }
        }

        /// Adds a page's standard clean; returns its recall before and
        /// after when the clean lost any main content.
        pub fn add_clean(
            &mut self,
            page_type: &str,
            truth: &serde_json::Value,
            seen: &Cleaned,
        ) -> Option<(f64, f64)> {
            let body = truth
                .get("articleBody")
                .and_then(|b| b.as_str())
                .unwrap_or("");
            let (before, after) = (recall(body, &seen.none), recall(body, &seen.standard));
            let forbidden: Vec<String> = truth
                .get("without")
                .and_then(|w| w.as_array())
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str())
                .filter(|s| is_signup_or_consent(s))
                .map(str::to_lowercase)
                .collect();
            let shown = |text: &str| {
                let text = text.to_lowercase();
                forbidden
                    .iter()
                    .filter(|s| text.contains(s.as_str()))
                    .count()
            };
            let (shown_before, shown_after) = (shown(&seen.none), shown(&seen.standard));
            let h = &mut self.0.entry(page_type.to_owned()).or_default().clean;
            h.recall = (h.recall.0 + before, h.recall.1 + after);
            h.leaking.0 += usize::from(shown_before > 0);
            h.leaking.1 += usize::from(shown_after > 0);
            h.snippets = (h.snippets.0 + shown_before, h.snippets.1 + shown_after);
            h.lost += usize::from(after < before - LOST);
            h.as_article += usize::from(seen.as_article);
            (after < before).then_some((before, after))
        }

        /// Per page type: the main content's recall in the visible text
        /// uncleaned and after a standard clean, the pages that lost some,
        /// and the pages (snippets) still showing sign-up or consent wording.
        pub fn print_clean(&self) {
            println!("type            pages  article  R none  R standard    diff  lost  signup/consent pages (snippets): none -> standard");
            let mut all = (0, Harm::default());
            let line = |name: &str, pages: usize, h: &Harm| {
                let n = pages.max(1) as f64;
                let (before, after) = (h.recall.0 / n, h.recall.1 / n);
                println!(
                    "{name:14} {pages:6} {:8.3} {before:7.4} {after:11.4} {:+7.4} {:5}  {} ({}) -> {} ({})",
                    h.as_article as f64 / n,
                    after - before,
                    h.lost,
                    h.leaking.0,
                    h.snippets.0,
                    h.leaking.1,
                    h.snippets.1,
                );
            };
            for (name, t) in &self.0 {
                line(name, t.pages, &t.clean);
                let (pages, h) = &mut all;
                *pages += t.pages;
                h.recall = (h.recall.0 + t.clean.recall.0, h.recall.1 + t.clean.recall.1);
                h.lost += t.clean.lost;
                h.as_article += t.clean.as_article;
                h.leaking = (
                    h.leaking.0 + t.clean.leaking.0,
                    h.leaking.1 + t.clean.leaking.1,
                );
                h.snippets = (
                    h.snippets.0 + t.clean.snippets.0,
                    h.snippets.1 + t.clean.snippets.1,
                );
            }
            line("ALL", all.0, &all.1);
        }

        /// One line per page type, then all pages: the reader's text
        /// against the main content, and its metadata against the truth.
        pub fn print(&self) {
            let mut all = Type::default();
            println!("type            pages      P      R     F1   with  without  leaking  title  author   date  readerable");
            let line = |name: &str, t: &Type| {
                let n = t.pages.max(1) as f64;
                let mean = |(sum, k): (f64, usize)| if k == 0 { f64::NAN } else { sum / k as f64 };
                let rate = |(hit, k): (usize, usize)| {
                    if k == 0 {
                        f64::NAN
                    } else {
                        hit as f64 / k as f64
                    }
                };
                println!(
                    "{name:14} {:6} {:6.3} {:6.3} {:6.3} {:6.3} {:8.3} {:8} {:6.3} {:7.3} {:6.3} {:11.3}",
                    t.pages,
                    t.precision / n,
                    t.recall / n,
                    t.f1 / n,
                    mean(t.with),
                    mean(t.without),
                    t.leaking,
                    rate(t.meta[0]),
                    rate(t.meta[1]),
                    rate(t.meta[2]),
                    t.readerable as f64 / n,
                );
            };
            for (name, t) in &self.0 {
                line(name, t);
                all.pages += t.pages;
                all.precision += t.precision;
                all.recall += t.recall;
                all.f1 += t.f1;
                all.with = (all.with.0 + t.with.0, all.with.1 + t.with.1);
                all.without = (all.without.0 + t.without.0, all.without.1 + t.without.1);
                all.leaking += t.leaking;
                all.readerable += t.readerable;
                for k in 0..3 {
                    all.meta[k] = (all.meta[k].0 + t.meta[k].0, all.meta[k].1 + t.meta[k].1);
                }
            }
            line("ALL", &all);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The benchmark's own numbers on small cases (wcxb-score.py's `f1`).
        #[test]
        fn bag_f1_counts_tokens_as_the_benchmark_does() {
            assert_eq!(bag_f1("", ""), (1.0, 1.0, 1.0));
            assert_eq!(bag_f1("a b", ""), (0.0, 0.0, 0.0));
            let (p, r, f) = bag_f1("The cat, the hat.", "the CAT sat");
            assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
            assert!((f - 4.0 / 7.0).abs() < 1e-9);
        }

        /// The clean's harm: recall lost when a block of the main content
        /// is hidden, and only sign-up or consent snippets count as leaks.
        #[test]
        fn a_clean_that_hides_main_content_is_counted_as_lost() {
            let truth = serde_json::json!({
                "articleBody": "Pro plan twenty dollars a month for teams",
                "without": ["Sign up for our newsletter", "About us", "We use cookies"],
            });
            let seen = Cleaned {
                none: "Pro plan twenty dollars a month for teams. Sign up for our newsletter. About us. We use cookies".into(),
                standard: "About us".into(),
                as_article: false,
            };
            let mut scores = Scores::default();
            let (before, after) = scores.add_clean("service", &truth, &seen).expect("lost");
            assert_eq!((before, after), (1.0, 0.0));
            let h = &scores.0["service"].clean;
            assert_eq!((h.lost, h.leaking, h.snippets), (1, (1, 0), (2, 0)));
            assert!(is_signup_or_consent("Abonnez-vous à la newsletter"));
            assert!(!is_signup_or_consent("All Rights Reserved"));
        }

        #[test]
        fn dates_match_by_day_and_names_by_folded_text() {
            assert!(same(2, Some("2025-01-29T10:00:00Z"), "2025-01-29"));
            assert!(!same(2, Some("2025-01-30"), "2025-01-29"));
            assert!(same(1, Some("Korin  Miller"), "korin miller"));
            assert!(same(
                1,
                Some("Ann Lee, Bo Chan, Cy Dow"),
                "Ann Lee, Bo Chan, and Cy Dow"
            ));
            assert!(same(1, Some("Ann Lee, Bo Chan"), "Ann Lee & Bo Chan"));
            assert!(!same(1, Some("Ann Lee"), "Ann Lee and Bo Chan"));
            assert!(same(
                0,
                Some("A Beginner\u{2019}s \u{201c}Guide\u{201d}"),
                "A Beginner's \"Guide\""
            ));
            assert!(!same(0, None, "A title"));
        }
    }
}

/// The article-extraction-benchmark metric, as `score.py` computes it.
mod metric {
    use std::collections::HashMap;

    /// Python's `\w+`: runs of letters, digits and underscores. Python's
    /// `\w` excludes combining marks (categories Mn, Mc, Me) that Rust's
    /// `is_alphanumeric` includes; the common blocks of them are listed.
    pub fn tokens(text: &str) -> Vec<&str> {
        let is_word = |c: char| (c.is_alphanumeric() || c == '_') && !is_combining_mark(c);
        let mut out = Vec::new();
        let mut start = None;
        for (k, c) in text.char_indices() {
            match (is_word(c), start) {
                (true, None) => start = Some(k),
                (false, Some(s)) => {
                    out.push(&text[s..k]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push(&text[s..]);
        }
        out
    }

    fn is_combining_mark(c: char) -> bool {
        matches!(c as u32,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
            | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x093C | 0x093E..=0x094F | 0x0951..=0x0957
            | 0x0962..=0x0963 | 0x0981..=0x0983 | 0x09BC | 0x09BE..=0x09CD | 0x0E31 | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
    }

    /// 4-gram shingles as a multiset; 1 to 3 tokens make one short shingle.
    fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, u32> {
        let mut out = HashMap::new();
        if tokens.is_empty() {
            return out;
        }
        for k in 0..tokens.len().saturating_sub(3).max(1) {
            *out.entry(tokens[k..(k + 4).min(tokens.len())].to_vec())
                .or_insert(0) += 1;
        }
        out
    }

    /// A page's true positive, false positive and false negative shares.
    #[derive(Clone, Copy, Debug)]
    pub struct PageScore {
        pub tp: f64,
        pub fp: f64,
        pub fn_: f64,
    }

    impl PageScore {
        pub fn precision(&self) -> f64 {
            if self.fp == 0.0 && self.fn_ == 0.0 {
                1.0
            } else if self.tp == 0.0 && self.fp == 0.0 {
                0.0
            } else {
                self.tp / (self.tp + self.fp)
            }
        }
        pub fn recall(&self) -> f64 {
            if self.fp == 0.0 && self.fn_ == 0.0 {
                1.0
            } else if self.tp == 0.0 && self.fn_ == 0.0 {
                0.0
            } else {
                self.tp / (self.tp + self.fn_)
            }
        }
        pub fn f1(&self) -> f64 {
            let (p, r) = (self.precision(), self.recall());
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        }
    }

    pub fn score_page(truth: &str, pred: &str) -> PageScore {
        let (t_tokens, p_tokens) = (tokens(truth), tokens(pred));
        let (t, p) = (shingles(&t_tokens), shingles(&p_tokens));
        let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
        for (k, &tc) in &t {
            let pc = p.get(k).copied().unwrap_or(0);
            tp += tc.min(pc) as f64;
            fn_ += tc.saturating_sub(pc) as f64;
        }
        for (k, &pc) in &p {
            fp += pc.saturating_sub(t.get(k).copied().unwrap_or(0)) as f64;
        }
        let sum = tp + fp + fn_;
        if sum > 0.0 {
            PageScore {
                tp: tp / sum,
                fp: fp / sum,
                fn_: fn_ / sum,
            }
        } else {
            PageScore { tp, fp, fn_ }
        }
    }

    pub struct Corpus {
        pub precision: f64,
        pub recall: f64,
        pub f1: f64,
    }

    /// Corpus P and R are means of page P and R; F1 comes from those means.
    pub fn corpus(pages: &[PageScore]) -> Corpus {
        let mean = |v: Vec<f64>| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let precision = mean(
            pages
                .iter()
                .filter(|x| x.tp + x.fp > 0.0)
                .map(PageScore::precision)
                .collect(),
        );
        let recall = mean(
            pages
                .iter()
                .filter(|x| x.tp + x.fn_ > 0.0)
                .map(PageScore::recall)
                .collect(),
        );
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Corpus {
            precision,
            recall,
            f1,
        }
    }

    /// Sign-up wording in the prediction beyond what the truth holds.
    pub fn signup_leak(truth: &str, pred: &str) -> usize {
        let count = |text: &str| -> [usize; 4] {
            let lower = text.to_lowercase();
            let words = tokens(&lower);
            let mut c = [0; 4];
            for (k, w) in words.iter().enumerate() {
                if matches!(
                    *w,
                    "subscribe"
                        | "subscribed"
                        | "subscriber"
                        | "subscribers"
                        | "subscribing"
                        | "subscription"
                        | "subscriptions"
                ) {
                    c[0] += 1;
                }
                if matches!(*w, "newsletter" | "newsletters") {
                    c[1] += 1;
                }
                if matches!(*w, "signup")
                    || ((*w == "sign" || *w == "signing") && words.get(k + 1) == Some(&"up"))
                {
                    c[2] += 1;
                }
            }
            c[3] = lower.matches("indicates required").count();
            c
        };
        let (t, p) = (count(truth), count(pred));
        (0..4).map(|k| p[k].saturating_sub(t[k])).sum()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn matches_score_py_examples() {
            assert_eq!(
                tokens("Hello, world_1 — ok"),
                vec!["Hello", "world_1", "ok"]
            );
            let s = score_page("a b c d e", "a b c d e");
            assert_eq!((s.precision(), s.recall()), (1.0, 1.0));
            let s = score_page("a b c d e", "a b c d");
            assert!((s.tp - 0.5).abs() < 1e-9 && (s.fn_ - 0.5).abs() < 1e-9);
            assert_eq!(score_page("", "").recall(), 1.0);
            assert_eq!(signup_leak("", "Sign up for our newsletter"), 2);
        }
    }
}
