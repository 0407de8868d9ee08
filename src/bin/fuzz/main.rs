//! `fuzz`: a stable-Rust fuzzer over the whole native pipeline (HTML →
//! snapshot → plan at both levels → article → reader view).
//!
//! ```text
//! fuzz [--seconds N] [--execs N] [--seed N] [--slow-ms N] [--findings DIR] [--corpus DIR]
//! fuzz --run FILE...                 replay inputs: stage timings, panics
//! fuzz --minimise FILE --out FILE    shrink an input that panics or is slow
//! fuzz --outputs DIR                 write what the pipeline makes of every seed
//! ```
//!
//! No coverage guidance (that needs nightly sanitizers): inputs are seed
//! windows with a few mutations (`mutate.rs`). Each is a pure function of
//! the seed pool, `--seed` and the iteration number, which is what makes a
//! crash that kills the process recoverable: the fuzzing runs in a worker
//! child that reports each iteration number before running it, and when the
//! worker dies (a stack overflow aborts, it cannot be caught), this
//! supervisor rebuilds the input, saves it, and starts a new worker after
//! it. Panics are caught in the worker and saved, one file per panic
//! location, the smallest input kept. An input whose analysis (everything
//! after parsing) takes longer than `--slow-ms` (1 s) of CPU time is saved
//! as slow (CPU time, so that other work on the machine does not make a
//! fast input slow; wall time where the system does not tell it).
//! Parsing is timed apart: it is html5ever's, which is quadratic in the
//! nesting depth (its scope checks walk the stack of open elements), and
//! the extension never runs it (the browser parses). Slow parses are
//! counted and the first few saved, but are not findings. The exit code
//! is 1 when anything was found.
//!
//! The worker runs the pipeline on a thread with a 1 MiB stack, the stack
//! of the wasm build.

#[path = "../common/corpus.rs"]
#[allow(dead_code)] // the command line also reads page_file
mod corpus;
mod mutate;
mod pipeline;
mod seeds;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const USAGE: &str = "usage:
  fuzz [--seconds N] [--execs N] [--seed N] [--slow-ms N] [--findings DIR] [--corpus DIR]
  fuzz --run FILE...
  fuzz --minimise FILE --out FILE [--slow-ms N]
  fuzz --outputs DIR [--corpus DIR]";

/// The wasm build's stack: the pipeline must fit in it.
const STACK_BYTES: usize = 1024 * 1024;
/// A worker that reports nothing for this long is stuck: its input is a hang.
const HANG_AFTER: Duration = Duration::from_secs(60);

struct Config {
    seconds: Option<f64>,
    execs: Option<u64>,
    seed: u64,
    slow: Duration,
    findings: PathBuf,
    corpus: Option<PathBuf>,
    /// Worker only: the first iteration to run.
    start: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut config = Config {
        seconds: None,
        execs: None,
        seed: 1,
        slow: Duration::from_millis(1000),
        findings: repo().join("target-fuzz/findings"),
        corpus: None,
        start: 0,
    };
    let mut mode = "fuzz";
    let mut files = Vec::new();
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().unwrap_or_default();
        match arg.as_str() {
            "--seconds" => config.seconds = value().parse().ok(),
            "--execs" => config.execs = value().parse().ok(),
            "--seed" => config.seed = value().parse().unwrap_or(1),
            "--slow-ms" => config.slow = Duration::from_millis(value().parse().unwrap_or(1000)),
            "--findings" => config.findings = PathBuf::from(value()),
            "--corpus" => config.corpus = Some(PathBuf::from(value())),
            "--start" => config.start = value().parse().unwrap_or(0),
            "--out" => out = Some(PathBuf::from(value())),
            "--worker" => mode = "worker",
            "--run" => mode = "run",
            "--minimise" => mode = "minimise",
            "--outputs" => {
                mode = "outputs";
                out = Some(PathBuf::from(value()));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other if !other.starts_with("--") => files.push(PathBuf::from(other)),
            other => {
                eprintln!("fuzz: unknown option {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    match (mode, out) {
        ("fuzz", _) => supervise(&config),
        ("worker", _) => worker(config),
        ("run", _) => replay(&files),
        ("minimise", Some(out)) if files.len() == 1 => minimise(&files[0], &out, config.slow),
        ("outputs", Some(out)) => outputs(&config, &out),
        _ => {
            eprintln!("fuzz: bad arguments\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The repository root (seeds are found relative to it).
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The iteration's RNG: its input depends on nothing else.
fn rng_for(seed: u64, iteration: u64) -> fastrand::Rng {
    fastrand::Rng::with_seed(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ iteration)
}

// --- What a run found --------------------------------------------------

/// The panic message and location of the last caught panic on this thread.
fn install_quiet_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some((location, message)));
    }));
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs the pipeline on `bytes`: `Err((location, message))` if it panicked.
fn try_pipeline(bytes: &[u8]) -> Result<pipeline::Timings, (String, String)> {
    let html = pipeline::decode(bytes);
    match panic::catch_unwind(AssertUnwindSafe(|| pipeline::run(&html).timings)) {
        Ok(t) => Ok(t),
        Err(_) => Err(LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_default()),
    }
}

/// A file name piece from a panic location (`src/article/metadata.rs:359`).
fn slug(location: &str) -> String {
    location
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

// --- Supervisor --------------------------------------------------------

/// What a worker sends up its stdout, each a tag and one number: the
/// iteration it starts, a new panic location or slow input (so that the
/// totals survive a worker that dies later), and the next iteration when
/// it is done.
const MSG_START: u8 = b'S';
const MSG_PANIC: u8 = b'P';
const MSG_SLOW: u8 = b'L';
const MSG_SLOW_PARSE: u8 = b'H';
const MSG_DONE: u8 = b'D';

#[derive(Default)]
struct Totals {
    execs: u64,
    panics: u64,
    slow: u64,
    slow_parses: u64,
    crashes: u64,
    hangs: u64,
}

fn supervise(config: &Config) -> ExitCode {
    let started = Instant::now();
    let _ = std::fs::create_dir_all(&config.findings);
    eprintln!(
        "fuzz: seed {}, findings in {}",
        config.seed,
        config.findings.display()
    );
    // Loaded only to rebuild the input of a worker that died.
    let mut pool = None;
    let mut totals = Totals::default();
    let mut next = 0u64;
    loop {
        let left = config.seconds.map(|s| s - started.elapsed().as_secs_f64());
        let execs_left = config.execs.map(|e| e.saturating_sub(next));
        if left.is_some_and(|l| l <= 0.0) || execs_left == Some(0) {
            break;
        }
        let mut cmd = Command::new(std::env::current_exe().expect("own path"));
        cmd.arg("--worker")
            .args(["--seed", &config.seed.to_string()])
            .args(["--start", &next.to_string()])
            .args(["--slow-ms", &config.slow.as_millis().to_string()])
            .arg("--findings")
            .arg(&config.findings)
            .stdout(Stdio::piped());
        if let Some(c) = &config.corpus {
            cmd.arg("--corpus").arg(c);
        }
        if let Some(l) = left {
            cmd.args(["--seconds", &l.to_string()]);
        }
        if let Some(e) = execs_left {
            cmd.args(["--execs", &e.to_string()]);
        }
        let mut child = cmd.spawn().expect("worker starts");
        let mut stdout = child.stdout.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut msg = [0u8; 9];
            while stdout.read_exact(&mut msg).is_ok() {
                let number = u64::from_le_bytes(msg[1..].try_into().expect("8 bytes"));
                if tx.send((msg[0], number)).is_err() {
                    return;
                }
            }
        });
        let mut current = None;
        let mut done = false;
        let mut hung = false;
        loop {
            match rx.recv_timeout(HANG_AFTER) {
                Ok((MSG_START, i)) => current = Some(i),
                Ok((MSG_PANIC, _)) => totals.panics += 1,
                Ok((MSG_SLOW, _)) => totals.slow += 1,
                Ok((MSG_SLOW_PARSE, _)) => totals.slow_parses += 1,
                Ok((_, n)) => {
                    done = true;
                    totals.execs += n - next;
                    next = n;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    hung = true;
                    break;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        let status = child.wait().expect("worker exits");
        if done && status.success() {
            break;
        }
        // The worker died inside `current`: everything before it ran.
        let Some(i) = current else {
            eprintln!("fuzz: the worker failed before its first input ({status})");
            return ExitCode::from(2);
        };
        let kind = if hung { "hang" } else { "crash" };
        let pool = pool.get_or_insert_with(|| seeds::load(&repo(), config.corpus.as_deref()));
        save_lost_input(config, pool, i, kind);
        if hung {
            totals.hangs += 1;
        } else {
            totals.crashes += 1;
        }
        totals.execs += i + 1 - next;
        next = i + 1;
    }
    let found = totals.panics + totals.slow + totals.crashes + totals.hangs;
    println!(
        "fuzz: seed {}: {} executions in {:.0} s, {} panic locations, {} slow inputs, {} crashes, {} hangs ({} slow parses, not counted)",
        config.seed,
        totals.execs,
        started.elapsed().as_secs_f64(),
        totals.panics,
        totals.slow,
        totals.crashes,
        totals.hangs,
        totals.slow_parses
    );
    if found > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Rebuilds and saves the input of an iteration whose worker died.
fn save_lost_input(config: &Config, pool: &seeds::Pool, iteration: u64, kind: &str) {
    let input = mutate::input(pool, &mut rng_for(config.seed, iteration));
    let path = config
        .findings
        .join(format!("{kind}-seed{}-{iteration}.html", config.seed));
    let _ = std::fs::write(&path, &input);
    eprintln!(
        "fuzz: {kind} at iteration {iteration} ({} bytes), saved to {}",
        input.len(),
        path.display()
    );
}

// --- Worker ------------------------------------------------------------

fn worker(config: Config) -> ExitCode {
    let pool = seeds::load(&repo(), config.corpus.as_deref());
    if pool.len() == 0 {
        eprintln!("fuzz: no seed pages found");
        return ExitCode::from(2);
    }
    if config.start == 0 {
        eprintln!(
            "fuzz: {} seed pages in {} groups",
            pool.len(),
            pool.groups.len()
        );
    }
    let handle = std::thread::Builder::new()
        .name("fuzz".into())
        .stack_size(STACK_BYTES)
        .spawn(move || fuzz_loop(&config, &pool))
        .expect("fuzz thread starts");
    match handle.join() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(3),
    }
}

fn fuzz_loop(config: &Config, pool: &seeds::Pool) {
    install_quiet_panic_hook();
    let started = Instant::now();
    let mut report = std::io::stdout().lock();
    let mut send = |tag: u8, number: u64| {
        let mut msg = [tag; 9];
        msg[1..].copy_from_slice(&number.to_le_bytes());
        // The supervisor must know the iteration before it runs.
        let _ = report.write_all(&msg).and_then(|()| report.flush());
    };
    // Smallest input per panic location.
    let mut panics: HashMap<String, usize> = HashMap::new();
    let (mut slow, mut slow_parses, mut slowest) = (0u64, 0u64, Duration::ZERO);
    let (mut execs, mut bytes) = (0u64, 0u64);
    let mut last_status = Instant::now();
    let mut iteration = config.start;
    loop {
        if config.execs.is_some_and(|e| execs >= e)
            || config
                .seconds
                .is_some_and(|s| started.elapsed().as_secs_f64() >= s)
        {
            break;
        }
        send(MSG_START, iteration);
        let input = mutate::input(pool, &mut rng_for(config.seed, iteration));
        let result = try_pipeline(&input);
        execs += 1;
        bytes += input.len() as u64;
        let tag = format!("seed{}-{iteration}", config.seed);
        match result {
            Err((location, message)) => {
                let smaller = panics.get(&location).is_none_or(|&len| input.len() < len);
                if smaller {
                    if !panics.contains_key(&location) {
                        eprintln!("fuzz: panic at {location}: {message} ({tag})");
                        send(MSG_PANIC, iteration);
                    }
                    panics.insert(location.clone(), input.len());
                    let name = format!("panic-{}", slug(&location));
                    let _ = std::fs::write(config.findings.join(format!("{name}.html")), &input);
                    let _ = std::fs::write(
                        config.findings.join(format!("{name}.txt")),
                        format!("{location}\n{message}\n{tag}\n"),
                    );
                }
            }
            Ok(t) => {
                let analysis = t.analysis();
                slowest = slowest.max(analysis);
                if analysis > config.slow {
                    slow += 1;
                    send(MSG_SLOW, iteration);
                    eprintln!(
                        "fuzz: slow input, {:.2} s for {} bytes ({tag}): {t:?}",
                        analysis.as_secs_f64(),
                        input.len()
                    );
                    let _ =
                        std::fs::write(config.findings.join(format!("slow-{tag}.html")), &input);
                } else if t.parse > config.slow {
                    slow_parses += 1;
                    send(MSG_SLOW_PARSE, iteration);
                    if slow_parses <= 3 {
                        let name = format!("slow-parse-{tag}.html");
                        let _ = std::fs::write(config.findings.join(name), &input);
                    }
                }
            }
        }
        if last_status.elapsed() > Duration::from_secs(30) {
            last_status = Instant::now();
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "fuzz: {execs} execs in {secs:.0} s ({:.0}/s, {:.1} KB average), slowest analysis {:.0} ms, {} panic locations, {slow} slow, {slow_parses} slow parses",
                execs as f64 / secs,
                bytes as f64 / execs as f64 / 1024.0,
                slowest.as_secs_f64() * 1000.0,
                panics.len()
            );
        }
        iteration += 1;
    }
    send(MSG_DONE, iteration);
}

// --- Replay, minimise, outputs -----------------------------------------

/// Runs each file through the pipeline, on a wasm-sized stack, and prints
/// the time per stage or the panic.
fn replay(files: &[PathBuf]) -> ExitCode {
    let files = files.to_vec();
    let run = move || {
        install_quiet_panic_hook();
        let mut failed = false;
        for f in &files {
            let Some(bytes) = seeds::read_page(f) else {
                eprintln!("fuzz: cannot read {}", f.display());
                failed = true;
                continue;
            };
            match try_pipeline(&bytes) {
                Ok(t) => println!(
                    "{}: {} bytes, {:.1} ms, analysis {:.1} ms of CPU (parse {:.1}, standard {:.1}, focus {:.1}, extract {:.1}, view {:.1})",
                    f.display(),
                    bytes.len(),
                    ms(t.total()),
                    ms(t.analysis()),
                    ms(t.parse),
                    ms(t.standard),
                    ms(t.focus),
                    ms(t.extract),
                    ms(t.view)
                ),
                Err((location, message)) => {
                    failed = true;
                    println!("{}: PANIC at {location}: {message}", f.display());
                }
            }
        }
        failed
    };
    let failed = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(run)
        .expect("thread starts")
        .join()
        .unwrap_or(true);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Whether a candidate input still fails the way the original did.
type Predicate = dyn Fn(&[u8]) -> bool;

/// Shrinks an input while it still panics at the same place, or while its
/// analysis stays slower than `slow`: removes chunks from halves down to
/// single bytes until no removal keeps the failure (greedy delta
/// debugging). A slow input is best shrunk with the build that was slow
/// and a lower `--slow-ms`, so that each try is short.
fn minimise(file: &Path, out: &Path, slow: Duration) -> ExitCode {
    install_quiet_panic_hook();
    let Some(mut input) = seeds::read_page(file) else {
        eprintln!("fuzz: cannot read {}", file.display());
        return ExitCode::from(2);
    };
    let analysis = |t: pipeline::Timings| t.analysis();
    // Down to single bytes for a panic; a slow input is large and each try
    // is slow, so it stops at chunks of 64 bytes.
    let mut smallest_chunk = 1;
    let still_fails: Box<Predicate> = match try_pipeline(&input) {
        Err((location, message)) => {
            eprintln!("fuzz: {} bytes panic at {location}: {message}", input.len());
            Box::new(move |candidate| try_pipeline(candidate).is_err_and(|(l, _)| l == location))
        }
        Ok(t) if analysis(t) > slow => {
            eprintln!("fuzz: {} bytes take {:.0} ms", input.len(), ms(analysis(t)));
            smallest_chunk = 64;
            Box::new(move |candidate| try_pipeline(candidate).is_ok_and(|t| analysis(t) > slow))
        }
        Ok(_) => {
            eprintln!("fuzz: {} neither panics nor is slow", file.display());
            return ExitCode::from(1);
        }
    };
    let mut chunk = input.len().div_ceil(2).max(1);
    loop {
        let mut at = 0;
        while at < input.len() {
            let end = (at + chunk).min(input.len());
            let mut candidate = input[..at].to_vec();
            candidate.extend_from_slice(&input[end..]);
            if still_fails(&candidate) {
                input = candidate;
            } else {
                at = end;
            }
        }
        if chunk <= smallest_chunk {
            break;
        }
        chunk /= 2;
    }
    let _ = std::fs::write(out, &input);
    eprintln!("fuzz: {} bytes, written to {}", input.len(), out.display());
    ExitCode::SUCCESS
}

/// Writes, for every seed page, the plans at both levels, the article, the
/// reader view and its exports: run it before and after a change to the core and
/// `diff -r` the two folders.
fn outputs(config: &Config, out: &Path) -> ExitCode {
    let pool = seeds::load(&repo(), config.corpus.as_deref());
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("fuzz: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    for seed in pool.all() {
        let html = pipeline::decode(&seed.bytes);
        let o = pipeline::run(&html);
        let text = format!(
            "readerable: {}\n\nstandard:\n{}\n\nfocus:\n{}\n\narticle:\n{}\n\nview:\n{}\n\nexports:\n{}\n",
            o.readerable,
            serde_json::to_string_pretty(&o.standard).unwrap_or_default(),
            serde_json::to_string_pretty(&o.focus).unwrap_or_default(),
            serde_json::to_string_pretty(&o.article).unwrap_or_default(),
            o.view.unwrap_or_default(),
            o.exports.map(|e| e.join("\n\n")).unwrap_or_default()
        );
        let name = seed.name.replace('/', "_");
        if let Err(e) = std::fs::write(out.join(format!("{name}.txt")), text) {
            eprintln!("fuzz: cannot write: {e}");
            return ExitCode::from(2);
        }
    }
    println!(
        "fuzz: outputs of {} seed pages in {}",
        pool.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
