#!/usr/bin/env node
// What the extension costs a page as users live it: the built extension
// (dist/chrome) loaded in headless Chromium, every page load a cold start,
// against the same pages in the same browser build without it.
//
//   npm run bench:extension -- [--corpus DIR] [--limit N] [--runs N] [--json FILE]
//
// Pages: the news corpus (scripts stripped, served from 127.0.0.1), plus the
// e2e pages that carry their own CSS and scripts (late modal, shadow DOM,
// single-page site) and one page without an article. Each page is loaded
// `runs` times (default 3) in each browser, interleaved: without, with.
// Per load, after `load` and until the content script has settled (at least
// WINDOW_MS after `load`, the same window for both):
//   - main-thread time: CDP Performance.getMetrics TaskDuration, whole load;
//     the extra time is the median with minus the median without, per page;
//   - the longest task (PerformanceObserver "longtask", from document start);
//   - first contentful paint, and when the first clean's hiding was applied
//     (the content script's status, same time origin): the flash of clutter;
//   - the cost breakdown the content script reports: wasm compile and
//     instantiate, the clean's core time in steps, its longest step; and the
//     extra style and layout time (with minus without).
// A second visit to each cleaned page tells whether the rules learned on the
// first were in force before the first paint (early.js), or, where none
// was, whether the clean came after it (clutter painted).
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, ROOT, SHARED_CORPUS, corpusIds, die, startCorpusServer, table } from "./eval.mjs";
import { startServer } from "../tests/e2e/server.mjs";

const WINDOW_MS = 1000;
const SETTLE_TIMEOUT_MS = 10_000;
/** A status request that takes longer has hung (a service worker gone, a page that never answers). */
const STATUS_TIMEOUT_MS = 5_000;
/** e2e pages with their own CSS and scripts, and a page with no article. */
const SCRIPTED_PAGES = ["/fixtures/seed-news.html", "/pages/late-modal.html", "/pages/shadow.html", "/pages/spa.html", "/pages/no-article.html"];

function parseArgs(argv) {
  const a = { corpus: path.join(SHARED_CORPUS, "news"), limit: 30, runs: 3, feedSeconds: 60, others: 10, json: path.join(ROOT, "out", "bench-extension.json") };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split(/=(.*)/s, 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case "--corpus": a.corpus = path.resolve(val()); break;
      case "--limit": a.limit = Number(val()); break;
      case "--runs": a.runs = Math.max(1, Number(val()) || 3); break;
      case "--feed-seconds": a.feedSeconds = Math.max(0, Number(val()) || 0); break;
      case "--others": a.others = Math.max(0, Number(val()) || 0); break;
      case "--json": a.json = path.resolve(val()); break;
      case "-h": case "--help":
        console.log("usage: npm run bench:extension -- [--corpus DIR] [--limit N (0: all)] [--runs N] [--feed-seconds N (0: no feed)] [--others N] [--json FILE]");
        process.exit(0);
        break;
      default: die(`unknown argument ${argv[i]}`);
    }
  }
  if (!fs.existsSync(a.corpus)) die(`no corpus at ${a.corpus}`);
  return a;
}

/** Runs in the page's main world before its first script. */
function observeFromStart() {
  const seen = { longTasks: [] };
  Object.defineProperty(window, "__benchExtension", { value: seen });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // No long-task timing here: the column stays empty.
  }
}

/** Runs in the page after the window: what the page saw. */
function pageFigures() {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
  const tasks = window.__benchExtension?.longTasks ?? [];
  return { fcp, longestTask: tasks.length ? Math.max(...tasks.map((t) => t.ms)) : 0, longTasks: tasks };
}

/* global chrome -- contentStatus runs in the extension's service worker */
/**
 * Runs in the extension's service worker: the content script's status of the
 * bench's page, the one tab that is not the extension's own. Not "the active
 * tab": the first-run page opens on install and is active. (Without the
 * `tabs` permission a page's tab has no `url` to find it by.)
 */
async function contentStatus() {
  const own = chrome.runtime.getURL("");
  const tab = (await chrome.tabs.query({})).find((t) => !t.url?.startsWith(own));
  if (!tab) return null;
  try {
    return await chrome.tabs.sendMessage(tab.id, { type: "declutter:report" });
  } catch {
    return null;
  }
}

async function launch(extensionDir) {
  const profile = fs.mkdtempSync(path.join(ROOT, "out", ".bench-profile-"));
  const args = ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-gpu"];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  else args.push("--disable-extensions");
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args, viewport: { width: 1280, height: 800 } });
  let worker = null;
  if (extensionDir) worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(observeFromStart);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  /** The content script's status; null (and a line on stderr) if none came within STATUS_TIMEOUT_MS. */
  const status = async () => {
    const w = context.serviceWorkers().find((s) => s.url().startsWith("chrome-extension://")) ?? worker;
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve("late"), STATUS_TIMEOUT_MS)));
    const s = await Promise.race([w.evaluate(contentStatus), late]).finally(() => clearTimeout(timer));
    if (s !== "late") return s;
    console.error(`  no status from ${page.url()} within ${STATUS_TIMEOUT_MS} ms`);
    return null;
  };
  return {
    page,
    /** One cold load of `url`: the figures above. */
    async load(url) {
      await page.goto("about:blank");
      const before = await metrics();
      await page.goto(url, { waitUntil: "load" });
      const loadedAt = Date.now();
      let s = null;
      if (extensionDir) {
        while (Date.now() - loadedAt < SETTLE_TIMEOUT_MS) {
          s = await status();
          if (s?.settled) break;
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      const wait = WINDOW_MS - (Date.now() - loadedAt);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (extensionDir) s = await status();
      const after = await metrics();
      const delta = (k) => (after[k] - before[k]) * 1000;
      return {
        taskMs: delta("TaskDuration"),
        scriptMs: delta("ScriptDuration"),
        styleLayoutMs: delta("RecalcStyleDuration") + delta("LayoutDuration"),
        ...(await page.evaluate(pageFigures)),
        status: s && { settled: s.settled, cleaned: s.cleaned, hidden: s.report?.hidden?.length ?? 0, lastClean: s.lastClean, coreStart: s.coreStart, engine: s.engine, learned: s.learned },
      };
    },
    /**
     * An endless page: `url` loaded, then 50 cards added every second for
     * `seconds`. The main-thread time over that minute, and the observer's
     * own figures where the extension runs.
     */
    async feed(url, seconds) {
      await page.goto(url, { waitUntil: "load" });
      await new Promise((r) => setTimeout(r, 2 * WINDOW_MS)); // the first clean settles
      const before = await metrics();
      const batchesBefore = extensionDir ? (await status())?.report?.observer?.batches ?? 0 : 0;
      for (let second = 0; second < seconds; second++) {
        await page.evaluate((k) => {
          const feed = document.querySelector(".bench-feed") ?? document.body.appendChild(Object.assign(document.createElement("section"), { className: "bench-feed" }));
          for (let i = 0; i < 50; i++) feed.insertAdjacentHTML("beforeend", `<div class="card"><a href="/more/${k}/${i}">More story ${i}</a><span>just now</span></div>`);
        }, second);
        await new Promise((r) => setTimeout(r, 1000));
      }
      const after = await metrics();
      const observer = extensionDir ? (await status())?.report?.observer : null;
      return {
        taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
        observer: observer && { batches: observer.batches - batchesBefore, totalMs: observer.totalMs, callbackMs: observer.callbackMs, maxMs: observer.maxMs, scoped: observer.recent.filter((b) => b.scoped).length, recent: observer.recent.length },
      };
    },
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const quantile = (xs, q) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  return v[lo] + (v[Math.ceil(pos)] - v[lo]) * (pos - lo);
};
const median = (xs) => quantile(xs, 0.5);
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");

/** A second visit's load: whether learned rules were in force by its first paint, and whether the clean came after it. */
function secondVisit({ status, fcp }) {
  const learned = status.learned;
  return {
    rules: learned?.rules ?? 0,
    rulesBeforePaint: learned?.rules > 0 && learned.appliedAt !== null && learned.appliedAt <= fcp,
    cleanAfterPaint: Boolean(status.lastClean && status.lastClean.doneAt > fcp),
  };
}

/** Per page: medians over runs, and what the extension added. */
function perPage(name, without, withExt, second) {
  const m = (runs, pick) => median(runs.map(pick));
  const st = withExt.map((r) => r.status).filter(Boolean);
  const hidden = median(st.map((s) => s.hidden));
  const flash = withExt.map((r) => (r.status?.hidden && r.fcp !== null && r.status.lastClean ? Math.max(0, r.status.lastClean.doneAt - r.fcp) : null)).filter((x) => x !== null);
  return {
    name,
    extraMs: m(withExt, (r) => r.taskMs) - m(without, (r) => r.taskMs),
    extraStyleLayoutMs: m(withExt, (r) => r.styleLayoutMs) - m(without, (r) => r.styleLayoutMs),
    longestWith: m(withExt, (r) => r.longestTask),
    longestWithout: m(without, (r) => r.longestTask),
    longestStep: median(st.map((s) => s.lastClean?.longestMs)),
    coreMs: median(st.map((s) => s.lastClean?.ms)),
    compileMs: median(st.map((s) => s.coreStart?.compileMs)),
    instantiateMs: median(st.map((s) => s.coreStart?.instantiateMs)),
    cleaned: st.some((s) => s.cleaned),
    hidden,
    flashMs: flash.length ? median(flash) : null,
    // The second visit: learned rules (early.js) hide what the first visit
    // hid before the first paint, where they were applied by then; the core's
    // clean, after it, only confirms them or hides what is new.
    secondVisit: second?.status?.hidden && second.fcp !== null ? secondVisit(second) : null,
    unsettled: st.filter((s) => !s.settled).length,
  };
}

function summarize(pages) {
  const cleaned = pages.filter((p) => p.cleaned && p.hidden > 0);
  const untouched = pages.filter((p) => !p.cleaned);
  const row = (label, xs, d = 1) => [label, f(median(xs), d), f(quantile(xs, 0.9), d), String(xs.filter(Number.isFinite).length)];
  const rows = [["per page (ms)", "median", "p90", "pages"]];
  rows.push(row("extra main-thread time, cleaned pages", cleaned.map((p) => p.extraMs)));
  rows.push(row("extra main-thread time, pages not cleaned", untouched.map((p) => p.extraMs)));
  rows.push(row("  of which extra style + layout (cleaned)", cleaned.map((p) => p.extraStyleLayoutMs)));
  rows.push(row("  wasm compile (cleaned)", cleaned.map((p) => p.compileMs)));
  rows.push(row("  wasm instantiate (cleaned)", cleaned.map((p) => p.instantiateMs)));
  rows.push(row("  the clean in the core, all steps", cleaned.map((p) => p.coreMs)));
  rows.push(row("longest step of the clean", cleaned.map((p) => p.longestStep)));
  rows.push(row("longest task with the extension", pages.map((p) => p.longestWith)));
  rows.push(row("longest task without it", pages.map((p) => p.longestWithout)));
  rows.push(row("first paint → clutter hidden (first visit)", cleaned.map((p) => p.flashMs)));
  const second = cleaned.map((p) => p.secondVisit).filter(Boolean);
  const ruled = second.filter((v) => v.rulesBeforePaint).length;
  const unruled = second.filter((v) => !v.rulesBeforePaint && v.cleanAfterPaint).length;
  return (
    `${table(rows)}\nsecond visit, ${second.length} cleaned pages: learned rules hid what the first visit hid before the first paint on ${ruled}; ` +
    `no rule in force by then and the clean done after the first paint (clutter painted) on ${unruled}`
  );
}

const WCXB_DEV = path.join(SHARED_CORPUS, "wcxb-dev");

/** The first `n` WCXB dev pages that are no article, taking page types in turn; none without the corpus. */
function otherPages(n) {
  if (n === 0 || !fs.existsSync(WCXB_DEV)) return [];
  const byType = new Map();
  for (const id of corpusIds(WCXB_DEV)) {
    const type = JSON.parse(fs.readFileSync(path.join(WCXB_DEV, id, "truth.json"), "utf8")).page_type;
    if (type === "article") continue;
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push({ id, type });
  }
  const picked = [];
  for (let i = 0; picked.length < n && [...byType.values()].some((list) => list.length > i); i++) {
    for (const list of byType.values()) if (list[i] && picked.length < n) picked.push(list[i]);
  }
  return picked;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dist = path.join(ROOT, "dist", "chrome");
  if (!fs.existsSync(path.join(dist, "manifest.json"))) die("no dist/chrome: run npm run build first");
  fs.mkdirSync(path.join(ROOT, "out"), { recursive: true });
  let ids = corpusIds(args.corpus);
  if (args.limit > 0) ids = ids.slice(0, args.limit);
  const corpusServer = await startCorpusServer(args.corpus);
  const e2eServer = await startServer();
  // Pages that are no article (WCXB dev's products, listings, forums…):
  // what the extension costs where it should clean nothing.
  const others = otherPages(args.others);
  const othersServer = others.length ? await startCorpusServer(WCXB_DEV) : null;
  const urls = [
    ...ids.map((id) => [id.slice(0, 12), corpusServer.pageUrl(id)]),
    ...SCRIPTED_PAGES.map((p) => [p, `${e2eServer.origin}${p}`]),
    ...others.map(({ id, type }) => [`${type} ${id.slice(0, 8)}`, othersServer.pageUrl(id)]),
  ];
  const plain = await launch(null);
  const withExt = await launch(dist);
  const pages = [];
  const feeds = [];
  try {
    // The endless page first, on a fresh profile: 2,000 and 100,000 elements
    // (the e2e server's wide page: an article, then cards of three).
    for (const size of args.feedSeconds > 0 ? [2_000, 100_000] : []) {
      const url = `${e2eServer.origin}/huge/wide?n=${size}`;
      const [without, w] = await Promise.all([plain.feed(url, args.feedSeconds), withExt.feed(url, args.feedSeconds)]);
      feeds.push({ size, without, with: w });
      process.stderr.write(`  endless page of ${size} elements: done\n`);
    }
    for (const [i, [name, url]] of urls.entries()) {
      const a = [];
      const b = [];
      for (let r = 0; r < args.runs; r++) {
        a.push(await plain.load(url));
        b.push(await withExt.load(url));
      }
      // The second visit: the same page again, right after, with the extension.
      const second = await withExt.load(url);
      pages.push({ ...perPage(name, a, b, second), runs: { without: a, with: b } });
      process.stderr.write(process.stderr.isTTY ? `\r  ${i + 1}/${urls.length}` : `  ${i + 1}/${urls.length} ${name}\n`);
    }
  } finally {
    if (process.stderr.isTTY) process.stderr.write("\n");
    await plain.close();
    await withExt.close();
    await corpusServer.close();
    await e2eServer.close();
    await othersServer?.close();
  }
  console.log(`Chromium, dist/chrome, ${pages.length} pages (${ids.length} from ${path.basename(args.corpus)}, ${SCRIPTED_PAGES.length} with their own CSS and scripts, ${others.length} WCXB dev pages that are no article), ${args.runs} loads each with and without`);
  console.log(summarize(pages));
  if (feeds.length) {
    const rows = [[`endless page, 50 cards a second for ${args.feedSeconds} s`, "main thread without (ms)", "with (ms)", "extra (ms)", "observer: batches", "its time (ms)", "longest batch (ms)"]];
    for (const { size, without, with: w } of feeds) {
      const o = w.observer;
      rows.push([`page of ${size.toLocaleString("en")} elements`, f(without.taskMs), f(w.taskMs), f(w.taskMs - without.taskMs), String(o?.batches ?? "–"), f(o ? o.totalMs + o.callbackMs : NaN), f(o?.maxMs)]);
    }
    console.log(`\n${table(rows)}\n(the observer's time counts every batch and its triage since the page loaded, the first clean aside)`);
  }
  const unsettled = pages.reduce((n, p) => n + p.unsettled, 0);
  if (unsettled) console.log(`${unsettled} load(s) had not settled after ${SETTLE_TIMEOUT_MS / 1000} s`);
  fs.writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), pages, feeds }, null, 1));
  console.log(`Per-page figures: ${args.json}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
