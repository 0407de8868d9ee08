//! The pages mutations start from: the shared corpora beside the repository
//! (`../shared/corpus`, read-only, present on developer machines and CI) and
//! the repository's own fixtures, which are always there.

use std::path::{Path, PathBuf};

/// One seed page.
pub struct Seed {
    /// Where it came from, for `--outputs` file names and messages.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Seeds grouped by where they came from, so that a large corpus (wcxb-dev
/// has 1,500 pages) does not crowd out the small ones: a mutation picks a
/// group first, then a page.
pub struct Pool {
    pub groups: Vec<Vec<Seed>>,
}

impl Pool {
    pub fn len(&self) -> usize {
        self.groups.iter().map(Vec::len).sum()
    }
    pub fn pick(&self, rng: &mut fastrand::Rng) -> &Seed {
        let group = &self.groups[rng.usize(..self.groups.len())];
        &group[rng.usize(..group.len())]
    }
    pub fn all(&self) -> impl Iterator<Item = &Seed> {
        self.groups.iter().flatten()
    }
}

/// Loads every seed under `repo`: `tests/fixtures/**/*.html`, and when the
/// shared corpus exists, `news/*/page.html`, `readability/*/page.html` and
/// `wcxb-dev/*/page.html.gz`. `corpus` overrides `../shared/corpus`. The
/// order is fixed (sorted paths), so a seed number means the same run on
/// every machine with the same files.
pub fn load(repo: &Path, corpus: Option<&Path>) -> Pool {
    let mut groups = Vec::new();
    let fixtures = html_files_under(&repo.join("tests/fixtures"));
    groups.push(read_all(repo, fixtures));
    let corpus = corpus.map_or_else(|| repo.join("../shared/corpus"), Path::to_path_buf);
    for (dir, file) in [
        ("news", "page.html"),
        ("readability", "page.html"),
        ("wcxb-dev", "page.html.gz"),
    ] {
        let pages = page_files(&corpus.join(dir), file);
        if !pages.is_empty() {
            groups.push(read_all(&corpus, pages));
        }
    }
    groups.retain(|g| !g.is_empty());
    Pool { groups }
}

/// `dir/<id>/<file>` for every `<id>`, sorted; none if `dir` is missing.
fn page_files(dir: &Path, file: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path().join(file))
        .filter(|p| p.is_file())
        .collect();
    pages.sort();
    pages
}

fn html_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read_all(root: &Path, paths: Vec<PathBuf>) -> Vec<Seed> {
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = read_page(&path)?;
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            Some(Seed { name, bytes })
        })
        .collect()
}

pub use crate::corpus::read_page;
