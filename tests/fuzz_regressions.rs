#![cfg(not(target_arch = "wasm32"))]
//! Every input the fuzzer (`src/bin/fuzz/`) found, minimised, replayed
//! through the whole pipeline: `tests/fuzz/*.html`. A file named `panic-*`
//! made the core panic; `slow-*` made it take seconds. Each must now run
//! without a panic, on a stack the size of the wasm build's (1 MiB), and
//! within a time budget. Adding a case is adding a file.

#[path = "../src/bin/fuzz/pipeline.rs"]
#[allow(dead_code)] // the fuzzer reads more of it than these tests
mod pipeline;

use std::path::PathBuf;
use std::time::Duration;

/// The wasm build's stack.
const STACK_BYTES: usize = 1024 * 1024;

/// Analysis and rendering time (parsing aside, CPU time where the system
/// tells it) allowed per input. Release builds take milliseconds on each of
/// these; the budget is for an unoptimised test build, and still fails the
/// seconds that a superlinear pass takes.
fn budget() -> Duration {
    if cfg!(debug_assertions) {
        Duration::from_secs(20)
    } else {
        Duration::from_secs(1)
    }
}

fn cases() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fuzz exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

/// Runs the pipeline on `html` on a wasm-sized stack; the analysis time.
pub fn run_on_small_stack(html: String) -> Duration {
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || pipeline::run(&html).timings.analysis())
        .expect("thread starts")
        .join()
        .expect("the pipeline does not panic")
}

#[test]
fn every_fuzz_finding_runs_clean() {
    let files = cases();
    assert!(!files.is_empty(), "tests/fuzz/ holds the findings");
    for file in files {
        let html = pipeline::decode(&std::fs::read(&file).expect("readable"));
        let took = run_on_small_stack(html);
        assert!(
            took < budget(),
            "{}: {:.2} s",
            file.display(),
            took.as_secs_f64()
        );
    }
}
