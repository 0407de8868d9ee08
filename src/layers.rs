//! The rules between the core's layers (docs/ARCHITECTURE.md), checked on
//! the source: a module's code (its tests aside) may name only the modules
//! its layer may read.

use std::path::Path;

/// The code of a source file without its tests and comments: what counts
/// as an import.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let end = text
        .find("#[cfg(test)]")
        .into_iter()
        .chain(text.find("#[cfg(all(test"))
        .min()
        .unwrap_or(text.len());
    text[..end]
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `code` names as `prefix` + name (`crate::` or `super::`),
/// braces included (`super::{kernel, wording}`).
fn named(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(0)]
                .split(',')
                .map(|p| p.trim().split("::").next().unwrap_or(""))
                .collect(),
            None => vec![rest
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("")],
        };
        out.extend(
            names
                .into_iter()
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
        );
    }
    out
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    if root.extension().is_some() {
        return vec![root];
    }
    let mut out: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == "rs"));
    assert!(!out.is_empty(), "no sources in {root:?}");
    out
}

/// Every file of `dirs` names, as `crate::`, only modules of `allowed`.
fn only_reads(dirs: &[&str], allowed: &[&str]) {
    for dir in dirs {
        for path in files(dir) {
            for m in named(&code(&path), "crate::") {
                assert!(allowed.contains(&m.as_str()), "{path:?} reads crate::{m}");
            }
        }
    }
}

const HELPERS: &[&str] = &["fnv", "text", "css", "tags", "names"];
const VOCABULARY: &[&str] = &["words", "tune"];

#[test]
fn helpers_and_vocabulary_read_nothing_above_them() {
    let below: Vec<&str> = HELPERS.iter().chain(VOCABULARY).copied().collect();
    only_reads(
        &[
            "fnv.rs", "text.rs", "css.rs", "tags.rs", "names.rs", "words", "tune.rs",
        ],
        &below,
    );
}

#[test]
fn finding_the_article_reads_no_rendering_nor_document() {
    let mut allowed: Vec<&str> = HELPERS.iter().chain(VOCABULARY).copied().collect();
    allowed.extend(["snapshot", "article"]);
    only_reads(&["article"], &allowed);
}

#[test]
fn clutter_analysis_reads_no_document() {
    let mut allowed: Vec<&str> = HELPERS.iter().chain(VOCABULARY).copied().collect();
    allowed.extend(["snapshot", "plan", "article", "clutter"]);
    only_reads(&["clutter"], &allowed);
}

#[test]
fn no_detector_reads_another() {
    let shared = ["kernel", "elements", "widget", "wording"];
    for path in files("clutter") {
        let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
        if name == "mod" {
            continue; // the driver runs them all
        }
        for m in named(&code(&path), "super::") {
            assert!(shared.contains(&m.as_str()), "{path:?} reads super::{m}");
        }
    }
}
