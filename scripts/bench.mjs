#!/usr/bin/env node
// Speed of the WebAssembly core against @mozilla/readability, in one headless
// Chromium run, on the same pages.
//
//   npm run bench -- [--corpus DIR]... [--runs N] [--limit N] [--only ID,..] [--json FILE] [--pkg DIR]
//
// Per page (scripts stripped, served from 127.0.0.1, nothing else reachable):
//   extract(document)                                  when the core has it
//   clean(document), then restore(document)            only clean is timed
//   new Readability(document.cloneNode(true)).parse()  the way it must be used
// first the first run of each, then N warm rounds (default 10), timed with
// performance.now() inside the page (cross-origin isolated, so its resolution
// is 5 µs, not 100 µs). Layout is settled before every timed call, so no call
// pays for the restyle the previous one caused. Reports per corpus the median
// and p90 of the per-page medians, the first-run figures, and the same-run
// ratios: median of per-page ratios and ratio of medians.
//
// The cold column is every real page load's condition: each operation alone,
// the first thing on a fresh load of the page, from a fresh instance whose
// wasm and glue (or Readability.js) come from a URL new to the browser, so no
// compiled-code cache helps. Its ratio is the median over pages of cold clean
// (or extract) / cold Readability parse; module init is timed apart.

/* global Readability -- loaded into the page by inPage() */
import fs from "node:fs";
import path from "node:path";
import { ROOT, SHARED_CORPUS, checkPkg, corpusIds, die, gotoQuietly, isolatedContext, launchBrowser, startCorpusServer, table } from "./eval.mjs";

const READABILITY = path.join(ROOT, "node_modules/@mozilla/readability/Readability.js");

function parseArgs(argv) {
  const a = { corpora: [], runs: 10, limit: 0, only: null, json: null, pkg: path.join(ROOT, "pkg") };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split(/=(.*)/s, 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case "--corpus": a.corpora.push(path.resolve(val())); break;
      case "--runs": a.runs = Math.max(1, Number(val()) || 10); break;
      case "--limit": a.limit = Number(val()); break;
      case "--only": a.only = new Set(val().split(",")); break;
      case "--json": a.json = path.resolve(val()); break;
      case "--pkg": a.pkg = path.resolve(val()); break;
      case "-h": case "--help":
        console.log("usage: npm run bench -- [--corpus DIR]... [--runs N] [--limit N] [--only ID,..] [--json FILE] [--pkg DIR]");
        process.exit(0);
        break;
      default: die(`unknown argument ${argv[i]}`);
    }
  }
  if (!a.corpora.length) a.corpora.push(path.join(SHARED_CORPUS, "news"));
  for (const c of a.corpora) if (!fs.existsSync(c)) die(`no corpus at ${c}`);
  if (!fs.existsSync(READABILITY)) die("@mozilla/readability is missing: run npm ci");
  return a;
}

/** Runs inside the page. Returns per-operation first-run times and warm samples. */
async function inPage({ moduleUrl, readabilityUrl, runs }) {
  const now = () => performance.now();
  const settle = () => void (document.body || document.documentElement).getBoundingClientRect();
  const out = { isolated: self.crossOriginIsolated, errors: [], first: {}, warm: { readability: [], extract: [], clean: [] } };

  // Readability as a classic script from our origin (the page's CSP is bypassed).
  await new Promise((resolve) => {
    const s = document.createElement("script");
    s.src = readabilityUrl;
    s.onload = s.onerror = () => (s.remove(), resolve());
    document.head.append(s);
  });
  if (typeof Readability !== "function") out.errors.push("Readability did not load");

  let m;
  try {
    const t = now();
    m = await import(moduleUrl);
    await m.default();
    out.initMs = now() - t;
  } catch (e) {
    out.errors.push(`load: ${e?.message ?? e}`);
    return out;
  }
  const ops = {};
  if (typeof Readability === "function") ops.readability = () => new Readability(document.cloneNode(true)).parse();
  if (typeof m.extract === "function") ops.extract = () => m.extract(document);
  ops.clean = () => m.clean(document);
  const after = { clean: () => m.restore(document) };

  const time = (name) => {
    settle();
    const t = now();
    try {
      ops[name]();
    } catch (e) {
      out.errors.push(`${name}: ${e?.message ?? e}`);
      delete ops[name];
      return null;
    }
    const dt = now() - t;
    after[name]?.();
    return dt;
  };
  // First runs, in a fixed order: extract, clean, Readability.
  for (const name of ["extract", "clean", "readability"]) if (ops[name]) out.first[name] = time(name);
  for (let r = 0; r < runs; r++) {
    // Rotate the order so no operation always follows the same one.
    const order = ["readability", "extract", "clean"];
    for (let k = 0; k < r % 3; k++) order.push(order.shift());
    for (const name of order) if (ops[name]) {
      const dt = time(name);
      if (dt !== null) out.warm[name].push(dt);
    }
  }
  // What the extension's observer pays per animation frame on an endless
  // page: 50 teaser cards arrive, then a clean of what was added
  // (startCleanAdded, the extension's batch) and, for comparison, a clean
  // of the whole document (its batch before).
  if (ops.clean && typeof m.startCleanAdded === "function") {
    m.clean(document);
    const feed = document.createElement("section");
    (document.body || document.documentElement).append(feed);
    const whole = [];
    const added = [];
    for (let r = 0; r < Math.min(runs, 5); r++) {
      const cards = [];
      for (let k = 0; k < 50; k++) {
        const card = document.createElement("article");
        card.innerHTML = `<a href="/story-${r}-${k}"><img alt=""><h3>Story ${k}: a headline about the day's events</h3></a><p>An excerpt of story ${k}, a sentence or two long, as teaser cards have.</p>`;
        feed.append(card);
        cards.push(card);
      }
      settle();
      let t = now();
      m.startCleanAdded(document, cards).finish();
      added.push(now() - t);
      settle();
      t = now();
      m.clean(document);
      whole.push(now() - t);
    }
    feed.remove();
    m.restore(document);
    const mid = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    out.observerBatchMs = mid(whole);
    out.addedBatchMs = mid(added);
  }
  return out;
}

/** Runs inside a page: one observer batch (50 cards) on pages of each size. */
async function scalingInPage({ moduleUrl, sizes, runs }) {
  const m = await import(moduleUrl);
  await m.default();
  if (typeof m.startCleanAdded !== "function") return null; // an older build (--pkg)
  const now = () => performance.now();
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const settle = () => void document.body.getBoundingClientRect();
  const paragraph = "<p>The harbour ferry that links the old town with the island villages returned to service on Monday after a repair that took two years, the port authority said.</p>";
  // One batch first, so that no size pays for compiling its functions.
  m.clean(document);
  const warm = document.createElement("div");
  document.body.append(warm);
  m.startCleanAdded(document, [warm]).finish();
  const rows = [];
  for (const size of sizes) {
    m.restore(document);
    // An article, then a feed of cards of three elements each, as an
    // endless page has after a while.
    const cards = Array.from({ length: Math.ceil(size / 3) }, (_, i) => `<div class="card"><a href="/s/${i}">Story ${i}</a><span>${i % 60} min ago</span></div>`).join("");
    document.body.innerHTML = `<article><h1>Harbour ferry returns</h1>${paragraph.repeat(8)}</article><div class="feed">${cards}</div>`;
    const elements = document.getElementsByTagName("*").length;
    settle();
    m.clean(document);
    const feed = document.querySelector(".feed");
    const whole = [];
    const added = [];
    const steps = new Map();
    for (let r = 0; r < runs; r++) {
      const batch = [];
      for (let k = 0; k < 50; k++) {
        const card = document.createElement("div");
        card.className = "card";
        card.innerHTML = `<a href="/late/${r}/${k}">Late story ${k}</a><span>just now</span>`;
        feed.append(card);
        batch.push(card);
      }
      settle();
      let t = now();
      const job = m.startCleanAdded(document, batch);
      for (;;) {
        const name = job.nextStep();
        const t0 = now();
        const done = job.step(Infinity);
        steps.set(name, (steps.get(name) ?? 0) + now() - t0);
        if (done) break;
      }
      job.finish();
      added.push(now() - t);
      settle();
      t = now();
      m.clean(document);
      whole.push(now() - t);
    }
    const slowest = [...steps].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, v]) => `${k} ${(v / runs).toFixed(2)}`);
    rows.push({ size, elements, whole: median(whole), added: median(added), slowest });
  }
  m.restore(document);
  return rows;
}

/**
 * Runs inside a freshly loaded page: the cold column. One operation, the
 * first thing on the page, from a fresh instance whose wasm (or script) URL
 * is new to the browser, so no compiled-code cache helps: the condition of
 * every real page load. Returns { initMs, ms } or { error }.
 */
async function coldInPage({ moduleUrl, readabilityUrl, op, nonce }) {
  const now = () => performance.now();
  void (document.body || document.documentElement).getBoundingClientRect();
  try {
    if (op === "readability") {
      const t0 = now();
      await new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = `${readabilityUrl}?cold=${nonce}`;
        s.onload = () => (s.remove(), resolve());
        s.onerror = () => reject(new Error("Readability did not load"));
        document.head.append(s);
      });
      const initMs = now() - t0;
      const t = now();
      new Readability(document.cloneNode(true)).parse();
      return { initMs, ms: now() - t };
    }
    const t0 = now();
    const m = await import(`${moduleUrl}?cold=${nonce}`);
    await m.default({ module_or_path: new URL(`declutter_bg.wasm?cold=${nonce}`, moduleUrl) });
    const initMs = now() - t0;
    const t = now();
    m[op](document);
    return { initMs, ms: now() - t };
  } catch (e) {
    return { error: `cold ${op}: ${e?.message ?? e}` };
  }
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
/**
 * 95 % intervals of the two same-run ratios, by resampling pages (the
 * bootstrap, seeded so that a rerun on the same figures prints the same):
 * how far the choice of pages alone moves each statistic. The ratio of
 * medians moves more, since one of 91 pages sits at each median.
 */
function ratioIntervals(pages, op) {
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const usable = pages.filter((p) => Number.isFinite(p.median[op]) && Number.isFinite(p.median.readability));
  const perPage = [];
  const ofMedians = [];
  for (let i = 0; i < 2000 && usable.length; i++) {
    const sample = Array.from(usable, () => usable[Math.floor(random() * usable.length)]);
    perPage.push(median(sample.map((p) => p.median[op] / p.median.readability)));
    ofMedians.push(median(sample.map((p) => p.median[op])) / median(sample.map((p) => p.median.readability)));
  }
  const interval = (xs) => [quantile(xs, 0.025), quantile(xs, 0.975)];
  return { perPage: interval(perPage), ofMedians: interval(ofMedians) };
}
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "–");

async function benchCorpus(browser, corpus, args) {
  let ids = corpusIds(corpus);
  if (args.only) ids = ids.filter((id) => args.only.has(id));
  if (args.limit > 0) ids = ids.slice(0, args.limit);
  const server = await startCorpusServer(corpus, { isolate: true, pkgDir: args.pkg });
  server.addFile("/vendor/Readability.js", READABILITY);
  const { context } = await isolatedContext(browser);
  const page = await context.newPage();
  const pages = [];
  let isolated = true;
  try {
    for (const [i, id] of ids.entries()) {
      let r;
      try {
        await gotoQuietly(page, server.pageUrl(id));
        r = await page.evaluate(inPage, { moduleUrl: server.moduleUrl, readabilityUrl: `${server.origin}/vendor/Readability.js`, runs: args.runs });
      } catch (e) {
        r = { errors: [String(e?.message ?? e).split("\n")[0]], first: {}, warm: { readability: [], extract: [], clean: [] } };
      }
      // The cold column: each operation alone on a fresh load of the page.
      r.cold = {};
      r.coldInit = {};
      for (const op of ["clean", "extract", "readability"]) {
        try {
          await gotoQuietly(page, server.pageUrl(id));
          const c = await page.evaluate(coldInPage, { moduleUrl: server.moduleUrl, readabilityUrl: `${server.origin}/vendor/Readability.js`, op, nonce: `${i}-${op}` });
          if (c.error) r.errors.push(c.error);
          else [r.cold[op], r.coldInit[op]] = [c.ms, c.initMs];
        } catch (e) {
          r.errors.push(`cold ${op}: ${String(e?.message ?? e).split("\n")[0]}`);
        }
      }
      isolated &&= r.isolated !== false;
      if (r.errors.length) console.error(`  ${id.slice(0, 16)}: ${r.errors.join("; ")}`);
      const med = Object.fromEntries(Object.entries(r.warm).map(([k, v]) => [k, median(v)]));
      pages.push({ id, initMs: r.initMs, observerBatchMs: r.observerBatchMs, addedBatchMs: r.addedBatchMs, first: r.first, cold: r.cold, coldInit: r.coldInit, median: med, errors: r.errors });
      if (process.stderr.isTTY) process.stderr.write(`\r  ${path.basename(corpus)}: ${i + 1}/${ids.length}`);
    }
  } finally {
    if (process.stderr.isTTY) process.stderr.write("\n");
    await context.close();
    await server.close();
  }
  return { corpus, pages, isolated };
}

function summarize({ corpus, pages, isolated }, runs) {
  const ops = ["readability", "extract", "clean"].filter((op) => pages.some((p) => Number.isFinite(p.median[op])));
  const col = (op, key) => pages.map((p) => p[key][op]);
  const lines = [];
  lines.push(`\n${path.basename(corpus)}: ${pages.length} pages, ${runs} warm runs each${isolated ? "" : " (not cross-origin isolated: 100 µs timer)"}`);
  const rows = [["ms per page", "warm median", "warm p90", "first median", "first p90", "cold median", "cold p90"]];
  for (const op of ops) {
    rows.push([op === "readability" ? "Readability clone+parse" : op === "clean" ? "clean" : "extract", f(median(col(op, "median"))), f(quantile(col(op, "median"), 0.9)), f(median(col(op, "first"))), f(quantile(col(op, "first"), 0.9)), f(median(col(op, "cold"))), f(quantile(col(op, "cold"), 0.9))]);
  }
  for (const [label, key] of [["observer batch (+50 teaser cards): the added", "addedBatchMs"], ["  the same, a whole clean", "observerBatchMs"]]) {
    const batches = pages.map((p) => p[key]).filter(Number.isFinite);
    if (batches.length) rows.push([label, f(median(batches)), f(quantile(batches, 0.9)), "", "", "", ""]);
  }
  const coldInit = pages.map((p) => p.coldInit?.clean);
  rows.push(["module init (import + wasm)", f(median(pages.map((p) => p.initMs))), f(quantile(pages.map((p) => p.initMs), 0.9)), "", "", f(median(coldInit)), f(quantile(coldInit, 0.9))]);
  lines.push(table(rows));
  const summary = { corpus, pages: pages.length, runs, isolated, ops: {} };
  const ratioRows = [["same-run ratio", "median of page ratios", "ratio of medians", "first: ratio of medians", "cold: median of page ratios"]];
  const intervalRows = [];
  for (const op of ops) {
    summary.ops[op] = {
      warmMedian: median(col(op, "median")),
      warmP90: quantile(col(op, "median"), 0.9),
      firstMedian: median(col(op, "first")),
      firstP90: quantile(col(op, "first"), 0.9),
    };
    if (op === "readability" || !ops.includes("readability")) continue;
    const ratios = pages.map((p) => p.median[op] / p.median.readability);
    const perPage = median(ratios);
    const ofMedians = median(col(op, "median")) / median(col("readability", "median"));
    const firstOfMedians = median(col(op, "first")) / median(col("readability", "first"));
    summary.ops[op].ratioMedianOfPages = perPage;
    summary.ops[op].ratioOfMedians = ofMedians;
    summary.ops[op].firstRatioOfMedians = firstOfMedians;
    const coldPerPage = median(pages.map((p) => p.cold?.[op] / p.cold?.readability));
    summary.ops[op].coldRatioMedianOfPages = coldPerPage;
    summary.ops[op].coldMedian = median(col(op, "cold"));
    ratioRows.push([`${op} / Readability`, `${f(perPage, 3)}×`, `${f(ofMedians, 3)}×`, `${f(firstOfMedians, 3)}×`, `${f(coldPerPage, 3)}×`]);
    const ci = ratioIntervals(pages, op);
    summary.ops[op].ratioMedianOfPages95 = ci.perPage;
    summary.ops[op].ratioOfMedians95 = ci.ofMedians;
    const span = ([lo, hi]) => `${f(lo, 3)}–${f(hi, 3)}×`;
    intervalRows.push([`${op} / Readability`, span(ci.perPage), span(ci.ofMedians), "", ""]);
  }
  if (ratioRows.length > 1) lines.push("", table([...ratioRows, ["95 % interval over pages (bootstrap)", "", "", "", ""], ...intervalRows]));
  if (!ops.includes("extract")) lines.push("extract() is not in pkg/declutter.js yet: not timed.");
  const failed = pages.filter((p) => p.errors.length).length;
  if (failed) lines.push(`${failed} page(s) had errors.`);
  return { text: lines.join("\n"), summary };
}

/**
 * The observer's batch by page size: 50 cards added to a feed on pages of
 * 2,000, 20,000 and 100,000 elements, cleaned as the extension does (the
 * added content) and as a whole clean would.
 */
async function benchScaling(browser, corpus, args) {
  const server = await startCorpusServer(corpus, { isolate: true, pkgDir: args.pkg });
  const { context } = await isolatedContext(browser);
  const page = await context.newPage();
  try {
    await gotoQuietly(page, server.pageUrl(corpusIds(corpus)[0]));
    const rows = await page.evaluate(scalingInPage, { moduleUrl: server.moduleUrl, sizes: [2_000, 20_000, 100_000], runs: Math.min(args.runs, 5) });
    if (!rows) return { rows: null, text: "observer batch by page size: this build has no startCleanAdded" };
    const base = rows[0].added;
    return {
      rows,
      text: table([
        ["observer batch, 50 cards added", "elements", "the added (ms)", "× the 2,000 page's", "whole clean (ms)", "slowest steps of the added (ms)"],
        ...rows.map((r) => [`page of ${r.size.toLocaleString("en")}`, String(r.elements), f(r.added), `${f(r.added / base)}×`, f(r.whole), r.slowest.join(", ")]),
      ]),
    };
  } finally {
    await context.close();
    await server.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  checkPkg(args.pkg);
  const browser = await launchBrowser();
  const version = browser.version();
  const results = [];
  let scaling;
  try {
    scaling = await benchScaling(browser, args.corpora[0], args);
    for (const corpus of args.corpora) results.push(await benchCorpus(browser, corpus, args));
  } finally {
    await browser.close();
  }
  const out = { date: new Date().toISOString(), chromium: version, corpora: [] };
  console.log(`Chromium ${out.chromium}`);
  for (const r of results) {
    const { text, summary } = summarize(r, args.runs);
    console.log(text);
    out.corpora.push({ ...summary, perPage: r.pages });
  }
  console.log(`\n${scaling.text}`);
  out.observerScaling = scaling.rows;
  const json = args.json ?? path.join(ROOT, "out", "bench.json");
  fs.mkdirSync(path.dirname(json), { recursive: true });
  fs.writeFileSync(json, JSON.stringify(out, null, 1));
  console.log(`\nPer-page figures: ${json}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
