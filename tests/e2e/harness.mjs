// What the e2e tests share across browsers: where things are, waiting for
// conditions, and the functions that run inside the page or inside the
// extension. Browser adapters (chromium.mjs, firefox.mjs) only know how to
// launch, navigate, evaluate and click; everything else is written once here
// and in cases.mjs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { startServer } from "./server.mjs";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
export const DIST = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(ROOT, "dist");

/** Generous but bounded: a cold wasm start in a busy CI box takes ~1 s. */
export const TIMEOUT_MS = 15_000;

/** The page the background opens once, on install (extension/background.js FIRST_RUN). */
export const FIRST_RUN_PAGE = "welcome/welcome.html";

/** The built extension folder for `browser` ("chrome" | "firefox"), or a clear error. */
export function extensionDir(browser) {
  const dir = path.join(DIST, browser);
  if (!fs.existsSync(path.join(dir, "manifest.json"))) {
    throw new Error(`${dir} is not built: run \`npm run build\` first`);
  }
  return dir;
}

// Profiles and extension copies live in temp folders, removed when the test
// process exits (after the browsers have quit).
const tempDirs = [];
process.on("exit", () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `declutter-e2e-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/**
 * A copy of the extension whose core throws half way through `clean` (after
 * marking a node, like a Rust panic mid-apply) and whose `restore` traps too.
 * It exercises the content script's failure path, which the real core should
 * never reach.
 */
export function brokenExtensionDir(browser) {
  const dir = tempDir(`broken-${browser}`);
  fs.cpSync(extensionDir(browser), dir, { recursive: true });
  const core = `{
  default: async () => {},
  clean(doc) {
    doc.body.setAttribute("data-declutter", "subscribe");
    const rule = new CSSStyleSheet();
    rule.replaceSync("[data-declutter]{display:none!important}");
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, rule];
    throw new WebAssembly.RuntimeError("unreachable");
  },
  restore() {
    throw new WebAssembly.RuntimeError("unreachable");
  },
}`;
  // The same stub in both shapes the extension loads: the classic script
  // (core/declutter.js) and, in Chrome, the wasm2js module (pkg-js/).
  fs.writeFileSync(
    path.join(dir, "core", "declutter.js"),
    `// e2e stub: a core that fails like a panicking one.\nglobalThis.DeclutterCore = { create: () => (${core}) };\n`,
  );
  if (fs.existsSync(path.join(dir, "pkg-js"))) {
    fs.writeFileSync(path.join(dir, "pkg-js", "declutter.js"), `export function create() { return ${core}; }\n`);
  }
  return dir;
}

/**
 * Polls `probe()` until the condition holds and returns what it returned.
 * Conditions, never fixed sleeps: a fast machine finishes in one poll.
 *
 * The probe returns `true`, or a complete object or string (the state it
 * waited for), when the condition holds; `false`, null, undefined or ""
 * while it does not. An array or a number is a mistake that once made
 * tests flaky, so it fails the test at once: an empty array is truthy, and
 * a count says nothing about being complete (a list read before the popup
 * filled it). Compare with what you expect instead.
 */
export async function waitFor(probe, what, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
    } catch (err) {
      last = err;
    }
    if (!(last instanceof Error)) {
      const ok =
        last === true ||
        (typeof last === "string" && last !== "") ||
        (typeof last === "object" && last !== null && !Array.isArray(last));
      if (ok) return last;
      if (last !== false && last !== null && last !== undefined) {
        throw new TypeError(`waitFor(${what}): the probe returned ${JSON.stringify(last)}; return a boolean or a complete object`);
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Opens `url` in `browser` and waits until the content script has settled
 * (its automatic run decided and did what it does on load); returns its status.
 */
export async function openSettled(browser, url) {
  await browser.open(url);
  return waitFor(async () => {
    const s = await browser.inExtension(extensionStatus);
    return s?.settled === true && s;
  }, `the content script to settle on ${url}`);
}

// ---- functions evaluated inside the page (main world) ------------------
// Self-contained: they are serialised and sent to the browser.

/**
 * The page's state as a reader sees it. For every `[data-expect]` element:
 * its visible text and visible form controls, measured twice, with the
 * extension's style rule on and off, so "nothing visible was lost" is
 * checked against the same live page.
 */
export function inspectPage() {
  const isShown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const measure = (root) => {
    const text = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const t = node.data.trim();
      if (t && node.parentElement && isShown(node.parentElement)) text.push(t);
    }
    const controls = [...root.querySelectorAll('input:not([type="hidden"]), button, select, textarea, [role="button"]')];
    return { text: text.join(" ").replace(/\s+/g, " "), controls: controls.filter(isShown).length };
  };
  const label = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(/\s+/).join(".")}` : ""}`;
  const expected = [...document.querySelectorAll("[data-expect]")];

  const hideRules = [...document.adoptedStyleSheets].filter(
    (s) => s.cssRules.length === 1 && s.cssRules[0].selectorText === "[data-declutter]",
  );
  // The extension's sheets: the core's hide rule, and the rules it learned
  // on the site (extension/early.js). Every rule of theirs hides.
  const hides = (r) => r.style?.getPropertyValue("display") === "none" && r.style.getPropertyPriority("display") === "important";
  const ours = [...document.adoptedStyleSheets].filter((s) => s.cssRules.length > 0 && [...s.cssRules].every(hides));
  const withRule = expected.map(measure);
  for (const sheet of ours) sheet.disabled = true;
  const withoutRule = expected.map(measure);
  for (const sheet of ours) sheet.disabled = false;

  return {
    markers: document.querySelectorAll("[data-declutter]").length,
    hideRules: hideRules.length,
    // Marked blocks hidden by inline style: the fallback for a rule that did not take.
    hiddenInline: [...document.querySelectorAll("[data-declutter]")].filter(
      (el) => el.style.getPropertyPriority("display") === "important",
    ).length,
    elements: expected.map((el, i) => ({
      label: label(el),
      expect: el.dataset.expect,
      shown: isShown(el),
      markedInside: Boolean(el.closest("[data-declutter]") || el.querySelector("[data-declutter]")),
      now: withRule[i],
      unhidden: withoutRule[i],
    })),
  };
}

/** What the page's own probe (pages/probe.js) recorded, plus what changed since. */
export function pageProbe() {
  const probe = window.__e2e;
  return {
    ready: Boolean(probe && probe.before),
    before: probe?.before ?? null,
    html: document.documentElement.outerHTML,
    violations: probe?.violations ?? [],
    newGlobals: probe?.globals ? Object.getOwnPropertyNames(window).filter((k) => !probe.globals.includes(k)) : [],
    markers: document.querySelectorAll("[data-declutter]").length,
    adoptedSheets: document.adoptedStyleSheets.length,
  };
}

/**
 * The reader view as the page sees it: its host element (the core appends
 * it to <html>, with an open shadow root), the view's text, and the page's
 * serialisation *without* the host, to compare with the page before opening.
 */
export function readerState() {
  const hosts = document.querySelectorAll('[data-declutter-own="reader"]');
  const host = hosts[0];
  return {
    hosts: hosts.length,
    shadowText: host?.shadowRoot ? host.shadowRoot.textContent.replace(/\s+/g, " ") : null,
    // The prefs the view was opened with, as it applies them.
    theme: host?.shadowRoot?.querySelector("[data-theme]")?.getAttribute("data-theme") ?? null,
    prefsStyle: host?.shadowRoot?.querySelector("[data-theme]")?.getAttribute("style") ?? null,
    // The view's own words: its toolbar's language, its close button's word and tooltip, and the line under the title.
    toolbarLang: host?.shadowRoot?.querySelector(".dc-toolbar")?.getAttribute("lang") ?? null,
    closeTitle: host?.shadowRoot?.querySelector('[data-action="close"]')?.getAttribute("title") ?? null,
    closeText: host?.shadowRoot?.querySelector('[data-action="close"]')?.textContent ?? null,
    meta: host?.shadowRoot?.querySelector(".dc-meta")?.textContent ?? null,
    title: document.querySelector("h1")?.textContent.trim() ?? null,
    html: document.documentElement.outerHTML,
    markers: document.querySelectorAll("[data-declutter]").length,
  };
}

/** Visibility of every element carrying `data-expect` / `data-expect-focus`. */
export function expectations() {
  const label = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(/\s+/).join(".")}` : ""}`;
  return [...document.querySelectorAll("[data-expect], [data-expect-focus]")].map((el) => ({
    label: label(el),
    expect: el.dataset.expect ?? null,
    expectFocus: el.dataset.expectFocus ?? el.dataset.expect ?? null,
    shown: el.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
  }));
}

// ---- functions evaluated inside the extension (service worker or page) --

/**
 * The content script's status for the one web page under test, plus its
 * badge. The tab is found by asking every tab: only a page with our content
 * script answers (we hold no "tabs" permission to read URLs).
 */
export async function extensionStatus() {
  const api = globalThis.browser ?? globalThis.chrome;
  for (const tab of await api.tabs.query({})) {
    let reply;
    try {
      reply = await api.tabs.sendMessage(tab.id, { type: "declutter:report" });
    } catch {
      continue; // no content script in this tab
    }
    if (reply) return { ...reply, tabId: tab.id, badge: await api.action.getBadgeText({ tabId: tab.id }) };
  }
  return null;
}

// ---- accessibility -------------------------------------------------------

/** axe-core's own build (a dev dependency), injected into the page under test. */
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe-core in `page` (an extension page from openExtensionPage, with
 * its `run`) with its default rules (WCAG 2 A and AA, and best practices).
 * Resolves to the violations ({ id, impact, help, targets }) and how many
 * distinct nodes passed at least one check: a test asserts that number too,
 * so that an empty or unrendered page cannot pass.
 */
export async function runAxe(page) {
  return page.run(`${AXE_SOURCE}
    const result = await window.axe.run(document);
    return {
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })),
      checkedNodes: new Set(result.passes.flatMap((p) => p.nodes.map((n) => n.target.join(" ")))).size,
    };`);
}

/**
 * In an extension page: the lowest contrast between a control's border and
 * what is behind it (WCAG 1.4.11 wants 3:1 for what tells a control apart;
 * axe checks text only). Controls without a border of their own (the popup's
 * page-state buttons) are told apart by their group's border, which counts.
 */
export function controlBorderContrast() {
  const rgb = (color) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const behind = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const bg = rgb(getComputedStyle(node).backgroundColor);
      if (bg.length === 3 || (bg.length === 4 && bg[3] > 0)) return bg.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const controls = [...document.querySelectorAll('button, select, input[type="number"], input[type="search"], .page-state')].filter(
    (el) => el.checkVisibility() && parseFloat(getComputedStyle(el).borderTopWidth) > 0,
  );
  let lowest = { ratio: Infinity, control: null };
  for (const el of controls) {
    const r = ratio(rgb(getComputedStyle(el).borderTopColor).slice(0, 3), behind(el));
    if (r < lowest.ratio) lowest = { ratio: Math.round(r * 100) / 100, control: el.id || el.className || el.localName };
  }
  return { ...lowest, controls: controls.length };
}

/** Browsers launched and not yet closed (see `launched` and `noBrowserLeftOpen`). */
const openBrowsers = new Set();

/**
 * Registers a browser an adapter launched, so that a suite which loses track
 * of one (a restart that replaced it) fails instead of keeping the test
 * process, and CI, waiting on it forever. Adapters return `launched(browser)`.
 */
export function launched(browser) {
  const close = browser.close;
  browser.close = async () => {
    openBrowsers.delete(browser);
    await close();
  };
  openBrowsers.add(browser);
  return browser;
}

/**
 * A test file's last hook: every browser a suite launched was closed by it.
 * One left open is closed here and fails the file.
 */
export function noBrowserLeftOpen() {
  after(async () => {
    const left = openBrowsers.size;
    await Promise.allSettled([...openBrowsers].map((b) => b.close()));
    if (left > 0) throw new Error(`${left} browser(s) left open by a suite: it lost track of one it launched`);
  });
}

/**
 * A suite's `before` and `after`: the test server, and a browser launched
 * with the extension in `dir`, both closed after the suite. Returns the
 * session: `server` and `browser` (the current ones), and `restart()`,
 * which quits the browser and starts it again on the same profile, as a
 * user restarting it would. `ready(server, browser)`, if given, hands them
 * to the suite once started, and again after each restart.
 * `options`: `launch` options (a language), `beforeClose(browser)` (tidy up
 * what the suite stored).
 */
export function withServerAndBrowser(launch, dir, ready, { beforeClose, ...options } = {}) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launch(dir, options);
    await ready?.(server, browser);
  });
  after(async () => {
    if (browser) await beforeClose?.(browser);
    await browser?.close();
    await server?.close();
  });
  async function restart() {
    const { profileDir } = browser;
    await browser.close();
    browser = await launch(dir, { ...options, profileDir });
    await ready?.(server, browser);
  }
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    restart,
  };
}
