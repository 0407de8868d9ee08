#![cfg(not(target_arch = "wasm32"))]
//! Golden outputs, in the style of Readability's test pages: for a few
//! pages of `tests/fixtures/`, everything the core makes of them is
//! committed under `tests/golden/`, and this test says when any of it
//! changes. `tests/golden/<name>/` holds the outputs of
//! `tests/fixtures/<name>.html` (`<name>` may have folders, like
//! `article/figure-caption`):
//!
//! - `text.txt`: the article's whole text (`extract`);
//! - `view.html`: the reader view's HTML, with a line break added after
//!   each block's end tag so that a diff points at the block that changed.
//!   Its stylesheet and toolbar stand as comments naming their files
//!   (`src/reader/view.css`, `toolbar.html`), after a check that the view
//!   holds each exactly as it is: changing the look needs no new golden files;
//! - `plan.json`: the plans of both levels, standard and focus;
//! - `metadata.json`: whether the page is readerable, and the article's
//!   other fields (title, by-line, date, confidence...).
//!
//! When a change is meant to change them, `npm run golden` rewrites them
//! all and `git diff tests/golden` shows what the change did.
//! `npm run golden -- tests/fixtures/PAGE.html` adds a page as a case.

#[path = "../src/bin/fuzz/pipeline.rs"]
#[allow(dead_code)] // the fuzzer reads more of it than this test
mod pipeline;

use declutter::reader::view::{toolbar, Labels, Prefs, STYLE};
use std::path::{Path, PathBuf};

/// What regenerates the files (`scripts/golden.sh`).
const REGENERATE: &str = "npm run golden";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The page of the case `tests/golden/<rel>/`.
fn page_of(rel: &Path) -> PathBuf {
    root()
        .join("tests/fixtures")
        .join(rel)
        .with_extension("html")
}

/// Every case: a folder under `tests/golden/` with a page of the same path
/// under `tests/fixtures/`. A folder without a page holds cases only; one
/// that holds neither is a case whose page was removed, and an error.
fn cases(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let page = page_of(rel);
    if !rel.as_os_str().is_empty() && page.is_file() {
        out.push(rel.to_path_buf());
        return;
    }
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/golden is readable")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    assert!(
        !subdirs.is_empty(),
        "{} has no page {}: remove the folder, or restore the page",
        dir.display(),
        page.display()
    );
    subdirs.sort();
    for sub in subdirs {
        let name = sub.file_name().expect("a folder name").to_owned();
        cases(&sub, &rel.join(name), out);
    }
}

/// The files of one case, by name: what the core makes of the page now.
fn outputs(page: &Path) -> Vec<(&'static str, String)> {
    let html = pipeline::decode(&std::fs::read(page).expect("the page is readable"));
    let o = pipeline::run(&html);
    let mut metadata = serde_json::json!({ "readerable": o.readerable, "article": o.article });
    if let Some(article) = metadata["article"].as_object_mut() {
        // In text.txt and view.html already.
        article.remove("content");
        article.remove("textContent");
    }
    vec![
        (
            "text.txt",
            o.article
                .as_ref()
                .map_or(String::new(), |a| a.text_content.clone() + "\n"),
        ),
        ("view.html", o.view.as_deref().map_or(String::new(), markup)),
        (
            "plan.json",
            json(&Plans {
                standard: &o.standard,
                focus: &o.focus,
            }),
        ),
        ("metadata.json", json(&metadata)),
    ]
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serialises") + "\n"
}

/// Both levels' plans, in this order (a `json!` map would sort them).
#[derive(serde::Serialize)]
struct Plans<'a> {
    standard: &'a declutter::plan::Plan,
    focus: &'a declutter::plan::Plan,
}

/// End tags after which `view.html` breaks the line. Only a line break is
/// added, after each of these, so the file still says exactly what the
/// view was.
const BLOCK_ENDS: &[&str] = &[
    "</style>",
    "</header>",
    "</p>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
    "</figure>",
    "</blockquote>",
    "</pre>",
    "</ul>",
    "</ol>",
    "</li>",
    "</table>",
    "</tr>",
];

/// The view as `view.html` holds it: its stylesheet and its toolbar, each
/// checked to be its file as it is, stand as a comment naming the file; each
/// block ends a line.
fn markup(view: &str) -> String {
    let mut out = view.to_owned();
    let style = format!("<style>{STYLE}</style>");
    let toolbar = toolbar(&Labels::default(), &Prefs::default());
    for (part, stand_in) in [
        (style.as_str(), "<style>/* src/reader/view.css */</style>"),
        (toolbar.as_str(), "<!-- src/reader/toolbar.html -->"),
    ] {
        assert!(
            out.contains(part),
            "the reader view does not hold the file {stand_in} names, as it is"
        );
        out = out.replacen(part, stand_in, 1);
    }
    for tag in BLOCK_ENDS {
        out = out.replace(tag, &format!("{tag}\n"));
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The first lines that differ between `want` and `got` (a line diff), each
/// long line cut to a window around where it changed.
fn short_diff(want: &str, got: &str) -> String {
    const SHOWN: usize = 8;
    let (old, new): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    // Longest common subsequence, from the ends: common[i][j] for old[i..], new[j..].
    let mut common = vec![vec![0u32; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut shown, mut out) = (0, 0, 0, String::new());
    // Where the current run of changes began: its k-th removed line is
    // shown against its k-th added line, and the other way round.
    let mut run: Option<(usize, usize)> = None;
    while (i < old.len() || j < new.len()) && shown < SHOWN {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            (i, j, run) = (i + 1, j + 1, None);
            continue;
        }
        let (i0, j0) = *run.get_or_insert_with(|| {
            out += &format!("  @@ line {}\n", i + 1);
            (i, j)
        });
        if j == new.len() || (i < old.len() && common[i + 1][j] >= common[i][j + 1]) {
            let other = new.get(j0 + (i - i0)).copied();
            out += &format!("  - {}\n", window(old[i], other));
            i += 1;
        } else {
            let other = old.get(i0 + (j - j0)).copied();
            out += &format!("  + {}\n", window(new[j], other));
            j += 1;
        }
        shown += 1;
    }
    let (left_old, left_new) = (old.len() - i, new.len() - j);
    if left_old + left_new > 2 * common[i][j] as usize {
        out += "  (more changes below)\n";
    }
    out
}

/// `line`, or the part of it around where it stops matching `other`.
fn window(line: &str, other: Option<&str>) -> String {
    const WIDTH: usize = 70;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= 2 * WIDTH {
        return line.to_owned();
    }
    let other = other.unwrap_or("");
    let at = chars
        .iter()
        .zip(other.chars())
        .take_while(|(a, b)| *a == b)
        .count();
    let (from, to) = (at.saturating_sub(WIDTH / 2), (at + WIDTH).min(chars.len()));
    let cut = |yes: bool| if yes { "…" } else { "" };
    format!(
        "{}{}{}",
        cut(from > 0),
        chars[from..to].iter().collect::<String>(),
        cut(to < chars.len())
    )
}

#[test]
fn outputs_match_the_committed_golden_files() {
    let golden = root().join("tests/golden");
    let update = std::env::var_os("GOLDEN_UPDATE").is_some_and(|v| v == "1");
    let mut found = Vec::new();
    cases(&golden, Path::new(""), &mut found);
    assert!(found.len() >= 5, "tests/golden/ holds too few cases");
    let mut failures = Vec::new();
    for rel in &found {
        for (name, now) in outputs(&page_of(rel)) {
            let file = golden.join(rel).join(name);
            let shown = file.strip_prefix(root()).unwrap_or(&file).display();
            let committed = std::fs::read_to_string(&file).ok();
            if committed.as_deref() == Some(now.as_str()) {
                continue;
            }
            if update {
                std::fs::write(&file, &now).expect("the golden file is writable");
                println!("golden: wrote {shown}");
            } else if let Some(committed) = committed {
                failures.push(format!(
                    "{shown} differs:\n{}",
                    short_diff(&committed, &now)
                ));
            } else {
                failures.push(format!("{shown} is missing"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\nThe core's outputs changed. If the change is intended, run `{REGENERATE}` \
         and commit tests/golden/ (`git diff tests/golden` shows what changed).",
        failures.join("\n")
    );
}

#[test]
fn a_short_diff_shows_the_lines_that_changed() {
    let diff = short_diff("a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\nf\n");
    assert_eq!(diff, "  @@ line 3\n  - c\n  + X\n  @@ line 6\n  + f\n");
    let many: String = (0..20).map(|n| format!("{n}\n")).collect();
    assert!(short_diff(&many, "").ends_with("(more changes below)\n"));
    let long = "x".repeat(300);
    let changed = format!("{}y{}", &long[..200], &long[201..]);
    let diff = short_diff(&long, &changed);
    assert!(!diff.contains("more changes"), "{diff}");
    assert!(
        diff.contains("…") && diff.contains('y') && diff.len() < 400,
        "{diff}"
    );
}
