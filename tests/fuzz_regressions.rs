#![cfg(not(target_arch = "wasm32"))]
//! Every input the fuzzer (`src/bin/fuzz/`) found, minimised, replayed
//! through the whole pipeline: `tests/fuzz/*.html`. A file named `panic-*`
//! made the core panic; `slow-*` made it take seconds. Each must now run
//! without a panic, on a stack the size of the wasm build's (1 MiB), and
//! within a time budget. Adding a case is adding a file.

#[path = "../src/bin/fuzz/pipeline.rs"]
#[allow(dead_code)] // the fuzzer reads more of it than these tests
mod pipeline;

mod common;

use std::time::Duration;

/// Analysis and rendering time (parsing aside, CPU time where the system
/// tells it) allowed per input. Release builds take milliseconds on each of
/// these; the budget is for an unoptimised test build, and still fails the
/// seconds that a superlinear pass takes.
fn budget() -> Duration {
    common::budget(20, 1)
}

/// Runs the pipeline on `html` on a wasm-sized stack; the analysis time.
pub fn run_on_small_stack(html: String) -> Duration {
    common::on_wasm_stack(move || pipeline::run(&html).timings.analysis())
        .expect("the pipeline does not panic")
}

#[test]
fn every_fuzz_finding_runs_clean() {
    let files = common::html_pages("fuzz");
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
