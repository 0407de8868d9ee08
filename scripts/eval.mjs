#!/usr/bin/env node
// Quality evaluation of the WebAssembly core on the live DOM, in headless Chromium.
//
//   npm run eval -- [--corpus DIR] [--out DIR] [--level standard|focus|standard,focus]
//                   [--limit N] [--only ID,ID] [--concurrency 1|2] [--no-score] [--pkg DIR]
//
// For each DIR/<id>/page.html (or page.html.gz) it serves the page from 127.0.0.1 with its scripts
// stripped (JSON-LD kept), opens it in headless Chromium with every request
// that is not to 127.0.0.1 aborted, loads /pkg/declutter.js by absolute URL and
// writes, under OUT:
//   none/<id>.txt            document.body.innerText before anything runs
//   reader/<id>.txt          extract(document).textContent   (when extract exists)
//   clean-<level>/<id>.txt   document.body.innerText after clean(document, {level})
// plus flat names (<id>.txt, <id>.clean.txt, <id>.none.txt; other levels as
// <id>.clean-<level>.txt), then scores every set with the corpus's score.py
// (beside the corpus folder) and prints P, R, F1 and leak_pages. On a WCXB
// corpus (its truth names a page_type) it also scores every set with
// wcxb-score.py and prints, per page type, the reader's F1, the main
// content's recall before and after each clean, and the pages that still
// show forbidden snippets.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import os from "node:os";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { listen } from "./serve.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED_CORPUS = path.resolve(ROOT, "../shared/corpus");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--mute-audio",
  // Belt and braces next to the request routing: no host but 127.0.0.1 resolves,
  // so nothing (DNS prefetch, preconnect) can leave the machine.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/** The automatic run's plain-JS gate, which the eval measures as the extension runs it. */
const GATE_SCRIPT = path.join(ROOT, "extension/article_gate.js");

const MIME = { ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json" };

/** The page's HTML without what could run or leave: scripts (not JSON-LD), refreshes, CSP metas, resource hints. */
export function stripPage(html) {
  return html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (all, attrs) =>
      /\btype\s*=\s*["']?\s*application\/ld\+json/i.test(attrs) ? all : "")
    .replace(/<script\b[^>]*\/>/gi, "")
    .replace(/<meta\b[^>]*http-equiv\s*=\s*["']?\s*(?:refresh|content-security-policy)[^>]*>/gi, "")
    .replace(/<link\b[^>]*\brel\s*=\s*["']?[^"'>]*\b(?:dns-prefetch|preconnect|prefetch|prerender|modulepreload|preload)\b[^>]*>/gi, "");
}

/** A page's file in the corpus: page.html, or page.html.gz (the WCXB pages); null if neither. */
export function pageFile(corpus, id) {
  for (const name of ["page.html", "page.html.gz"]) {
    const file = path.join(corpus, id, name);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/** A page's HTML as served: gunzipped if need be. */
export function readPage(file) {
  const bytes = fs.readFileSync(file);
  return (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
}

export function corpusIds(corpus) {
  return fs
    .readdirSync(corpus, { withFileTypes: true })
    .filter((e) => e.isDirectory() && pageFile(corpus, e.name))
    .map((e) => e.name)
    .sort();
}

/**
 * Serves /pkg/* from the repository and /corpus/<id>/page.html (stripped) from
 * the corpus; everything else is a fast 404. With `isolate`, pages are
 * cross-origin isolated, so performance.now() has fine resolution.
 */
export async function startCorpusServer(corpus, { isolate = false, pkgDir = path.join(ROOT, "pkg") } = {}) {
  const extraFiles = new Map(); // url path -> absolute file (e.g. Readability.js)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const headers = { "cache-control": "no-cache" };
    if (isolate) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
      headers["cross-origin-resource-policy"] = "same-origin";
    }
    let m;
    if ((m = /^\/corpus\/([^/]+)\/page\.html$/.exec(url.pathname))) {
      const id = decodeURIComponent(m[1]);
      const file = id.includes("/") || id.includes("..") ? null : pageFile(corpus, id);
      if (!file) return end(res, 404, headers);
      const html = stripPage(readPage(file));
      res.writeHead(200, { ...headers, "content-type": "text/html; charset=utf-8" });
      return res.end(html);
    }
    // The package and its snippets/ folder (the JS wasm-bindgen imports).
    if ((m = /^\/pkg\/((?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_.-]+)$/.exec(url.pathname))) {
      const file = path.join(pkgDir, m[1]);
      if (m[1].split("/").includes("..") || !fs.existsSync(file) || !fs.statSync(file).isFile()) return end(res, 404, headers);
      res.writeHead(200, { ...headers, "content-type": MIME[path.extname(file)] || "application/octet-stream" });
      return pipeFile(file, res);
    }
    if (extraFiles.has(url.pathname)) {
      res.writeHead(200, { ...headers, "content-type": MIME[path.extname(url.pathname)] || "text/plain" });
      return pipeFile(extraFiles.get(url.pathname), res);
    }
    end(res, 404, headers);
  });
  server.keepAliveTimeout = 1000;
  const port = await listen(server, 0, false);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pageUrl: (id) => `${origin}/corpus/${encodeURIComponent(id)}/page.html`,
    moduleUrl: `${origin}/pkg/declutter.js`,
    addFile: (urlPath, file) => extraFiles.set(urlPath, file),
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}

function pipeFile(file, res) {
  fs.createReadStream(file)
    .on("error", () => res.destroy())
    .pipe(res);
}

function end(res, status, headers) {
  res.writeHead(status, { ...headers, "content-type": "text/plain" });
  res.end();
}

export async function launchBrowser() {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    die("playwright-core is missing: run npm ci");
  }
  if (!fs.existsSync(CHROMIUM)) die(`no Chromium at ${CHROMIUM}: run npm run bootstrap (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A context where only 127.0.0.1 is reachable. */
export async function isolatedContext(browser) {
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: "block", viewport: { width: 1280, height: 800 } });
  const blocked = { count: 0 };
  await context.route("**/*", (route) => {
    let host = "";
    try {
      host = new URL(route.request().url()).hostname;
    } catch {}
    if (host === "127.0.0.1") return route.continue();
    blocked.count++;
    return route.abort("blockedbyclient");
  });
  return { context, blocked };
}

export async function gotoQuietly(page, url, timeout = 30000) {
  try {
    await page.goto(url, { waitUntil: "load", timeout });
  } catch (e) {
    // A page whose load event never comes is still a page: go on with what is there.
    if (!/Timeout/i.test(String(e?.message))) throw e;
  }
}

export function checkPkg(pkgDir = path.join(ROOT, "pkg")) {
  const js = path.join(pkgDir, "declutter.js");
  if (!fs.existsSync(js)) die(`${path.relative(ROOT, js) || js} is missing: run npm run build`);
}

export function die(msg) {
  console.error(`error: ${msg}`);
  process.exit(1);
}

export function runPool(items, concurrency, worker) {
  let next = 0;
  const one = async (slot) => {
    while (next < items.length) {
      const i = next++;
      await worker(items[i], i, slot);
    }
  };
  return Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, (_, s) => one(s)));
}

// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const a = { corpus: path.join(SHARED_CORPUS, "news"), out: null, levels: ["standard"], limit: 0, only: null, concurrency: 2, score: true, pkg: path.join(ROOT, "pkg") };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split(/=(.*)/s, 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case "--corpus": a.corpus = path.resolve(val()); break;
      case "--out": a.out = path.resolve(val()); break;
      case "--level": case "--levels": a.levels = val().split(",").map((s) => s.trim()).filter(Boolean); break;
      case "--limit": a.limit = Number(val()); break;
      case "--only": a.only = new Set(val().split(",")); break;
      case "--concurrency": a.concurrency = Math.max(1, Math.min(2, Number(val()) || 1)); break;
      case "--no-score": a.score = false; break;
      case "--pkg": a.pkg = path.resolve(val()); break;
      case "-h": case "--help":
        console.log("usage: npm run eval -- [--corpus DIR] [--out DIR] [--level standard|focus|standard,focus] [--limit N] [--only ID,..] [--concurrency 1|2] [--no-score] [--pkg DIR]");
        process.exit(0);
        break;
      default: die(`unknown argument ${argv[i]}`);
    }
  }
  for (const l of a.levels) if (!["standard", "focus"].includes(l)) die(`--level must be standard or focus, not ${l}`);
  if (!fs.existsSync(a.corpus)) die(`no corpus at ${a.corpus}`);
  a.out ??= path.join(ROOT, "out", `eval-${path.basename(a.corpus)}`);
  return a;
}

/** Runs inside the page: everything for one page in one round trip. */
async function inPage({ moduleUrl, levels }) {
  const out = { errors: [], none: "", reader: null, clean: {}, hidden: {}, cleanMs: {}, hasExtract: false, gate: null, articlePage: null };
  const root = () => document.body || document.documentElement;
  let m;
  try {
    m = await import(moduleUrl);
    await m.default();
  } catch (e) {
    out.errors.push(`load: ${e?.message ?? e}`);
    return out;
  }
  out.none = root().innerText;
  // The automatic run's two gates, on the page as it loaded: the plain-JS
  // one (extension/article_gate.js, added to the page by the caller) and
  // the core's (`articlePage` of a standard clean, below).
  out.gate = globalThis.DeclutterGate?.looksLikeArticle(document) ?? null;
  out.hasExtract = typeof m.extract === "function";
  if (out.hasExtract) {
    try {
      const before = document.documentElement.outerHTML.length;
      const t = performance.now();
      const a = m.extract(document);
      out.extractMs = performance.now() - t;
      out.reader = a ? String(a.textContent ?? "") : "";
      out.confidence = a?.confidence ?? null;
      if (document.documentElement.outerHTML.length !== before) out.errors.push("extract changed the page");
    } catch (e) {
      out.errors.push(`extract: ${e?.message ?? e}`);
      out.reader = "";
    }
  }
  for (const level of levels) {
    try {
      const report = m.clean(document, { level });
      out.clean[level] = root().innerText;
      out.hidden[level] = (report?.hidden ?? []).map((h) => `${h.reason}: ${String(h.textPreview ?? "").slice(0, 80)}`);
      out.cleanMs[level] = report?.elapsedMs ?? null;
      if (level === "standard") out.articlePage = report?.articlePage ?? null;
    } catch (e) {
      out.errors.push(`clean(${level}): ${e?.message ?? e}`);
      out.clean[level] = root().innerText;
    }
    try {
      m.restore(document);
    } catch (e) {
      out.errors.push(`restore: ${e?.message ?? e}`);
    }
  }
  return out;
}

/**
 * A corpus's scoring script `name`: in the corpus folder, beside it, or in
 * the shared corpora beside the clone; null if none.
 */
function scorer(corpus, name) {
  return [path.join(corpus, name), path.join(path.dirname(corpus), name), path.join(SHARED_CORPUS, name)].find((f) => fs.existsSync(f)) ?? null;
}

function score(predDir, corpus, outJson, split) {
  const script = scorer(corpus, "score.py");
  if (!script) {
    console.error(`no score.py in or beside ${corpus}`);
    return null;
  }
  const extra = split ? ["--split", split, "--subset", "dev"] : [];
  const r = spawnSync("python3", [script, predDir, corpus, "--out", outJson, ...extra], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stderr || r.stdout);
    return null;
  }
  return JSON.parse(fs.readFileSync(outJson, "utf8"));
}

/** Rows as aligned text columns: the first left-aligned, the others right. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((v, c) => (c ? String(v).padStart(widths[c]) : String(v).padEnd(widths[c]))).join("  ")).join("\n");
}

const fmt = (x, d = 3) => (typeof x === "number" ? x.toFixed(d) : "–");

/** Whether the corpus is WCXB-style: its truth names a page type. */
function isWcxb(corpus, id) {
  try {
    return typeof JSON.parse(fs.readFileSync(path.join(corpus, id, "truth.json"), "utf8")).page_type === "string";
  } catch {
    return false;
  }
}

/**
 * Scores each set with the corpus's wcxb-score.py (the benchmark's metric:
 * mean per-page bag-of-words F1, per page type) and prints, per type, the
 * reader's F1, the main content's recall uncleaned and after each clean,
 * and the pages that still show forbidden snippets. A partial run is scored
 * on a corpus of links to its own pages.
 */
function scoreWcxb(sets, out, corpus, ids) {
  const script = scorer(corpus, "wcxb-score.py");
  if (!script) return console.log(`\nno wcxb-score.py in or beside ${corpus}: WCXB scoring skipped.`);
  let scored = corpus;
  if (ids.length < corpusIds(corpus).length) {
    scored = fs.mkdtempSync(path.join(os.tmpdir(), "declutter-wcxb-"));
    for (const id of ids) fs.symlinkSync(path.join(corpus, id), path.join(scored, id));
  }
  const summary = {};
  for (const s of sets) {
    const json = path.join(out, `wcxb-${s}.json`);
    const r = spawnSync("python3", [script, path.join(out, s), scored, "--json", json], { encoding: "utf8" });
    if (r.status !== 0) return console.error(r.stderr || r.stdout);
    summary[s] = JSON.parse(fs.readFileSync(json, "utf8")).summary;
  }
  const cleans = sets.filter((s) => s.startsWith("clean-"));
  const head = ["type", "pages", "reader F1", "R none", ...cleans.map((s) => `R ${s}`), "leaking none", ...cleans.map((s) => `leaking ${s}`)];
  const rows = [head];
  for (const type of Object.keys(summary.none)) {
    const at = (s, k) => summary[s]?.[type]?.[k];
    rows.push([
      type,
      String(at("none", "n")),
      fmt(at("reader", "F1")),
      fmt(at("none", "R")),
      ...cleans.map((s) => `${fmt(at(s, "R"))} (${at(s, "R") - at("none", "R") >= 0 ? "+" : ""}${fmt(at(s, "R") - at("none", "R"))})`),
      String(at("none", "pages_leaking_without")),
      ...cleans.map((s) => String(at(s, "pages_leaking_without"))),
    ]);
  }
  console.log("\nWCXB metric (wcxb-score.py), per page type:");
  console.log(table(rows));
}

/**
 * How often the automatic run would take a page for an article, per WCXB page
 * type: the plain-JS gate (the core loads), the core's page kind on its own
 * (`articlePage` of the standard clean), and both (blocks in the page's main
 * region may go). On other pages only what lies over the page or outside its
 * main region is hidden.
 */
function printGates(corpus, perPage) {
  const byType = {};
  for (const [id, p] of Object.entries(perPage)) {
    let type;
    try {
      type = JSON.parse(fs.readFileSync(path.join(corpus, id, "truth.json"), "utf8")).page_type;
    } catch {
      continue;
    }
    const t = (byType[type] ??= { n: 0, gate: 0, core: 0, both: 0 });
    t.n++;
    t.gate += p.gate === true;
    t.core += p.articlePage === true;
    t.both += p.gate === true && p.articlePage === true;
  }
  const others = { n: 0, gate: 0, core: 0, both: 0 };
  for (const [type, t] of Object.entries(byType)) {
    if (type === "article") continue;
    for (const k of Object.keys(others)) others[k] += t[k];
  }
  const rows = [["type", "pages", "JS gate", "core: article", "both"]];
  const share = (k, t) => `${fmt(t[k] / t.n)} (${t[k]})`;
  for (const [type, t] of [...Object.entries(byType).sort(), ["not article", others]]) {
    if (t.n) rows.push([type, String(t.n), share("gate", t), share("core", t), share("both", t)]);
  }
  console.log("\nTaken for an article by the automatic run (share of pages):");
  console.log(table(rows));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  checkPkg(args.pkg);
  let ids = corpusIds(args.corpus);
  if (args.only) ids = ids.filter((id) => args.only.has(id));
  if (args.limit > 0) ids = ids.slice(0, args.limit);
  if (!ids.length) die(`no <id>/page.html or page.html.gz in ${args.corpus}`);

  const sets = ["none", "reader", ...args.levels.map((l) => `clean-${l}`)];
  for (const s of sets) {
    fs.rmSync(path.join(args.out, s), { recursive: true, force: true });
    fs.mkdirSync(path.join(args.out, s), { recursive: true });
  }
  // Flat files of an earlier run (e.g. reader output of an older build) must not linger.
  const known = new Set(corpusIds(args.corpus));
  for (const f of fs.readdirSync(args.out)) {
    const m = /^(.*?)\.(?:none\.|clean(?:-[a-z]+)?\.)?txt$/.exec(f);
    if ((m && known.has(m[1])) || /^score-[a-z-]+\.json$|^split\.json$/.test(f)) fs.rmSync(path.join(args.out, f));
  }
  const flatName = (id, set) =>
    set === "none" ? `${id}.none.txt` : set === "reader" ? `${id}.txt` : set === `clean-${args.levels[0]}` ? `${id}.clean.txt` : `${id}.${set}.txt`;
  const write = (set, id, text) => {
    fs.writeFileSync(path.join(args.out, set, `${id}.txt`), text ?? "");
    fs.writeFileSync(path.join(args.out, flatName(id, set)), text ?? "");
  };

  const server = await startCorpusServer(args.corpus, { pkgDir: args.pkg });
  const browser = await launchBrowser();
  const { context, blocked } = await isolatedContext(browser);
  const started = Date.now();
  const perPage = {};
  let hasExtract = false;
  let done = 0;
  const pages = [];
  try {
    await runPool(ids, args.concurrency, async (id, _i, slot) => {
      if (!pages[slot] || pages[slot].isClosed()) pages[slot] = await context.newPage();
      const page = pages[slot];
      let r;
      try {
        await gotoQuietly(page, server.pageUrl(id));
        await page.addScriptTag({ path: GATE_SCRIPT });
        r = await page.evaluate(inPage, { moduleUrl: server.moduleUrl, levels: args.levels });
      } catch (e) {
        r = { errors: [`page: ${String(e?.message ?? e).split("\n")[0]}`], none: "", reader: null, clean: {}, hidden: {} };
        await page.close().catch(() => {});
      }
      hasExtract ||= r.hasExtract;
      write("none", id, r.none);
      if (r.reader !== null) write("reader", id, r.reader);
      for (const l of args.levels) write(`clean-${l}`, id, r.clean[l] ?? "");
      perPage[id] = { errors: r.errors, hidden: r.hidden, cleanMs: r.cleanMs, extractMs: r.extractMs, confidence: r.confidence, gate: r.gate, articlePage: r.articlePage };
      done++;
      if (r.errors.length) console.error(`  ${id}: ${r.errors.join("; ")}`);
      if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${ids.length} pages`);
    });
  } finally {
    if (process.stderr.isTTY) process.stderr.write("\n");
    await browser.close();
    await server.close();
  }
  const secs = (Date.now() - started) / 1000;
  console.log(`Ran ${ids.length} pages of ${args.corpus} in ${secs.toFixed(1)} s (${blocked.count} outside requests blocked).`);
  if (!hasExtract) {
    fs.rmSync(path.join(args.out, "reader"), { recursive: true, force: true });
    sets.splice(sets.indexOf("reader"), 1);
    console.log("extract() is not in pkg/declutter.js yet: reader scoring skipped.");
  }
  fs.writeFileSync(path.join(args.out, "pages.json"), JSON.stringify(perPage, null, 1));
  if (!args.score) return;

  // A partial run (--only, --limit) is scored on its own pages only.
  let split = null;
  if (ids.length < corpusIds(args.corpus).length) {
    split = path.join(args.out, "split.json");
    fs.writeFileSync(split, JSON.stringify({ dev: ids }));
  }
  const results = {};
  for (const s of sets) results[s] = score(path.join(args.out, s), args.corpus, path.join(args.out, `score-${s}.json`), split);
  const rows = [["set", "P", "R", "F1", "leak_pages", "leak_hits", "pages"]];
  for (const s of sets) {
    const m = results[s];
    rows.push(m ? [s, fmt(m.precision), fmt(m.recall), fmt(m.f1), String(m.leak_pages), String(m.leak_hits), String(m.n_pages)] : [s, "score.py failed", "", "", "", "", ""]);
  }
  console.log();
  console.log(table(rows));

  // What to look at next: pages where cleaning hid article words, and pages still leaking sign-up wording.
  const none = results.none && Object.fromEntries(results.none.per_page.map((p) => [p.id, p]));
  for (const l of args.levels) {
    const m = results[`clean-${l}`];
    if (!m || !none) continue;
    const lost = m.per_page.filter((p) => p.recall < none[p.id].recall - 0.005).sort((a, b) => a.recall - none[a.id].recall - (b.recall - none[b.id].recall));
    const leaking = m.per_page.filter((p) => p.signup_leak > 0);
    console.log(`\nclean-${l}: ${lost.length} page(s) lost article words${lost.length ? ":" : "."}`);
    for (const p of lost.slice(0, 10)) console.log(`  ${p.id.slice(0, 16)}  recall ${fmt(none[p.id].recall)} -> ${fmt(p.recall)}`);
    console.log(`clean-${l}: ${leaking.length} page(s) still show sign-up wording${leaking.length ? ":" : "."}`);
    for (const p of leaking.slice(0, 10)) console.log(`  ${p.id.slice(0, 16)}  leak ${p.signup_leak} (none: ${none[p.id].signup_leak})`);
  }
  if (isWcxb(args.corpus, ids[0])) {
    scoreWcxb(sets, args.out, args.corpus, ids);
    printGates(args.corpus, perPage);
  }
  const errs = Object.entries(perPage).filter(([, p]) => p.errors.length);
  if (errs.length) console.log(`\n${errs.length} page(s) had errors (see ${path.join(args.out, "pages.json")}).`);
  console.log(`\nOutput: ${args.out}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
