//! Reading the evaluation corpus's pages, shared by the command line's
//! `eval` and the fuzzer's seeds: a page is `page.html`, or `page.html.gz`
//! (the WCXB pages).

use std::io::Read;
use std::path::{Path, PathBuf};

/// The page file of a corpus folder: `page.html`, else `page.html.gz`.
pub fn page_file(dir: &Path) -> Option<PathBuf> {
    ["page.html", "page.html.gz"]
        .into_iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
}

/// A page's bytes, gunzipped when the name ends in `.gz`; `None` if it
/// cannot be read or unpacked.
pub fn read_page(path: &Path) -> Option<Vec<u8>> {
    let raw = std::fs::read(path).ok()?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .ok()?;
        Some(out)
    } else {
        Some(raw)
    }
}
