#![cfg(not(target_arch = "wasm32"))]
//! The layer rules of docs/ARCHITECTURE.md, checked on the source: data
//! flows one way (live DOM → snapshot → analysis → plan → apply/render), so
//! no module imports one above it. Each module's `crate::` paths, outside
//! its test code, must be in its row of [`ALLOWED`]. A new module fails
//! until it has a row: deciding where it sits is part of adding it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Per module (a top-level module, or a `dom` submodule, which sit at
/// different layers), the modules it may use, bottom layer first.
#[rustfmt::skip]
const ALLOWED: &[(&str, &[&str])] = &[
    // Helpers: no knowledge of pages, words or tags beyond their own.
    ("fnv", &[]),
    ("tags", &[]),
    ("names", &["fnv"]),
    ("text", &["fnv"]),
    ("css", &["text"]),
    // Vocabulary: the word lists, one file per language, and the tunables.
    ("tune", &[]),
    ("words", &["fnv", "text"]),
    // The model, and the plan the analysis hands on: plain data.
    ("snapshot", &["fnv", "tags", "names", "text"]),
    ("plan", &["fnv", "snapshot"]),
    // Analysis: reads snapshots, never a document. Finding the article
    // comes before cleaning around it and before writing it out.
    ("article", &["fnv", "tags", "names", "text", "css", "tune", "words", "snapshot"]),
    ("clutter", &["fnv", "tags", "names", "text", "css", "tune", "words", "snapshot", "plan", "article"]),
    // Rendering: the article written out, and the reader view's markup.
    ("reader", &["fnv", "tags", "names", "text", "tune", "words", "snapshot", "article"]),
    // The document's ends. Builders (html, read) know the model only; the
    // applier knows the plan; the reader view shows a rendered article.
    ("dom", &["fnv", "tags", "names", "text", "css", "snapshot"]),
    ("dom::methods", &[]),
    ("dom::html", &["dom", "fnv", "tags", "names", "text", "css", "snapshot"]),
    ("dom::read", &["dom", "dom::methods", "fnv", "tags", "names", "text", "css", "snapshot"]),
    ("dom::apply", &["dom", "dom::methods", "dom::read", "plan"]),
    ("dom::reader", &["dom", "dom::methods", "tune", "snapshot", "article", "reader"]),
    // The top: composes the stages for JavaScript.
    ("wasm_api", &["snapshot", "plan", "article", "clutter", "reader",
                   "dom", "dom::read", "dom::apply", "dom::reader"]),
    ("lib", &[]),
];

/// What the clutter detectors may share: a detector names no other
/// detector (through `super::`), only these and the driver's own file.
const DETECTOR_SHARED: &[&str] = &["kernel", "elements", "widget", "wording"];

/// The module a source file belongs to, as named in [`ALLOWED`].
fn module_of(file: &Path, src: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [dom, sub] if dom == "dom" && sub != "mod" => format!("dom::{sub}"),
        [first, ..] => first.clone(),
        [] => unreachable!("a file has a name"),
    }
}

/// The code of a source file: without its test code (everything from the
/// first `#[cfg(...test...)]` on; test modules close the files here) and
/// without comments, which may name any module.
fn without_tests(source: &str) -> String {
    let cut = source
        .match_indices("#[cfg(")
        .find(|(at, _)| {
            let line_end = source[*at..].find('\n').map_or(source.len(), |e| at + e);
            source[*at..line_end].contains("test")
        })
        .map_or(source.len(), |(at, _)| at);
    source[..cut]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file's code names after `prefix` (`crate::` or
/// `super::`), group imports (`crate::{a, b::c}`) included, with `dom`'s
/// submodules (`dom_files`: their names) told apart.
fn named_after(source: &str, prefix: &str, dom_files: &[&str]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in source.match_indices(prefix) {
        let rest = &source[at + prefix.len()..];
        let paths: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(0)].split(',').collect(),
            None => vec![rest],
        };
        for path in paths {
            let path: String = path
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut segments = path.split("::").filter(|s| !s.is_empty());
            let Some(first) = segments.next() else {
                continue;
            };
            let module = match (first, segments.next()) {
                ("dom", Some(sub)) if dom_files.contains(&sub) => format!("dom::{sub}"),
                _ => first.to_owned(),
            };
            found.insert(module);
        }
    }
    found
}

/// The modules a file's code names through `crate::`.
fn uses(source: &str, dom_files: &[&str]) -> BTreeSet<String> {
    named_after(source, "crate::", dom_files)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| !f.starts_with(src.join("bin")));
    files.sort();
    assert!(files.len() > 30, "only {} source files found", files.len());
    let dom_modules: Vec<String> = files
        .iter()
        .map(|f| module_of(f, &src))
        .filter_map(|m| m.strip_prefix("dom::").map(str::to_owned))
        .collect();
    let dom_files: Vec<&str> = dom_modules.iter().map(String::as_str).collect();
    let mut broken = Vec::new();
    for file in &files {
        let module = module_of(file, &src);
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            broken.push(format!(
                "{}: module `{module}` has no row in ALLOWED",
                file.display()
            ));
            continue;
        };
        let source = std::fs::read_to_string(file).unwrap();
        for used in uses(&without_tests(&source), &dom_files) {
            let own = used == module || (module.starts_with("dom::") && used == "dom");
            if !own && !allowed.contains(&used.as_str()) {
                broken.push(format!(
                    "{}: `{module}` uses `{used}`",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers (docs/ARCHITECTURE.md):\n  {}",
        broken.join("\n  ")
    );
}

#[test]
fn no_detector_uses_another() {
    let clutter = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/clutter");
    let mut files = Vec::new();
    rust_files(&clutter, &mut files);
    let mut broken = Vec::new();
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" || DETECTOR_SHARED.contains(&name.as_str()) {
            continue; // the driver runs them all; the shared files serve them
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for used in named_after(&without_tests(&source), "super::", &[]) {
            if !DETECTOR_SHARED.contains(&used.as_str()) {
                broken.push(format!("clutter/{name}.rs uses super::{used}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "detectors share through {DETECTOR_SHARED:?}, never borrow:\n  {}",
        broken.join("\n  ")
    );
}

/// The checker itself: it sees through `use` lists, group imports and paths
/// in code, and not into test modules.
#[test]
fn the_checker_reads_paths_and_skips_tests() {
    let source = "// crate::clutter in a comment\nuse crate::snapshot::{Node, Snapshot};\nfn f() { crate::dom::read::now(); }\n\
                  fn g() { crate::dom::style_hides(\"\"); }\nuse crate::{tune, words::Matcher};\n\
                  #[cfg(all(test, not(target_arch = \"wasm32\")))]\nmod tests { use crate::clutter; }";
    let found = uses(&without_tests(source), &["read", "apply"]);
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["dom", "dom::read", "snapshot", "tune", "words"]
    );
}
