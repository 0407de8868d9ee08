//! Shared by the native integration tests. Each test crate compiles this
//! module on its own and uses a part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

/// The wasm build's stack: the analysis must fit in it.
pub const WASM_STACK_BYTES: usize = 1024 * 1024;

/// Runs `work` on a thread with the wasm build's stack and returns what it
/// returned; `Err` if it panicked (a stack overflow aborts the process).
pub fn on_wasm_stack<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> std::thread::Result<T> {
    std::thread::Builder::new()
        .stack_size(WASM_STACK_BYTES)
        .spawn(work)
        .expect("thread starts")
        .join()
}

/// A time budget for an analysis: `debug` seconds in an unoptimised test
/// build, `release` seconds in an optimised one.
pub fn budget(debug: u64, release: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        debug
    } else {
        release
    })
}

/// The `.html` pages of a fixture folder under `tests/`, in name order.
pub fn html_pages(folder: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(folder);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}
