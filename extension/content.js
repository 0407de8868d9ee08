// Declutter content script: deliberately thin. All judgement lives in the
// Rust/WebAssembly core; this file decides *when* to call it, loads it once,
// and answers the background and the popup.
//
// A classic script wrapped in a block so nothing leaks even into the isolated
// world; the page never sees any of it (content scripts run in their own
// world in both browsers). The only page-visible traces are the core's own
// marker attributes and its one <style> rule, by design.
//
// Strict mode matters here: it keeps the function declarations below scoped
// to the block instead of leaking them as globals of the isolated world.
"use strict";
{
  const api = globalThis.browser ?? globalThis.chrome;
  const Settings = globalThis.DeclutterSettings; // shared/settings.js, listed first in the manifest

  // The core's page-visible markers (its JS API contract). Used only to put the
  // page back by hand if the core itself fails half way.
  const MARKER_ATTR = "data-declutter";
  const MARKER_STYLE = "style[data-declutter-style]";

  const LOG_PREFIX = "Declutter:";

  const state = {
    /** Promise of the loaded core module, created on first need. */
    core: null,
    /** "wasm" or "js" (the wasm2js build, for pages whose CSP forbids wasm). */
    engine: null,
    cleaned: false,
    level: "standard",
    /** The last Report from clean(), or null. */
    report: null,
    readerShown: false,
    /** Set once the core threw: we stop calling it on this page. */
    failed: null,
    /** True once the automatic run has decided (and done) what it does on load. */
    settled: false,
  };

  // ---- loading the core -------------------------------------------------

  /**
   * Can this context compile WebAssembly? Chromium checks wasm compilation in
   * content scripts against the *page's* CSP, so on a page served with
   * `script-src 'self'` this throws; Firefox allows it. Compiling the
   * 8-byte empty module is the cheapest decisive test.
   *
   * Cost: when it fails, Chromium also fires a `securitypolicyviolation`
   * event at the page (and sends a CSP report if the site asked for them).
   * We accept that: the probe runs only when we are about to clean anyway
   * (an enabled site, an article-like page, or a click), so it is at most
   * one violation per page load, only in Chromium, only on such pages. The
   * alternatives were worse: always shipping the slower JS build to Chrome,
   * or an extra HEAD request to the site to read its CSP header.
   */
  function canCompileWasm() {
    try {
      new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      return true;
    } catch {
      return false;
    }
  }

  /** Loads and initialises the core once; every caller shares the promise. */
  function loadCore() {
    state.core ??= (async () => {
      const wasm = typeof WebAssembly === "object" && canCompileWasm();
      state.engine = wasm ? "wasm" : "js";
      // Absolute extension URLs: pages with <base href> elsewhere must not
      // redirect our imports.
      const dir = wasm ? "pkg" : "pkg-js";
      const core = await import(api.runtime.getURL(`${dir}/declutter.js`));
      if (wasm) {
        await core.default({ module_or_path: api.runtime.getURL("pkg/declutter_bg.wasm") });
      } else {
        await core.default();
      }
      return core;
    })();
    return state.core;
  }

  // ---- calling the core safely ----------------------------------------

  /**
   * Runs `fn(core)`. If the core throws or traps (a Rust panic ends up here),
   * the page is put back as it was, one clear message goes to the console,
   * and the core is not called again on this page: after a trap its memory
   * may be inconsistent.
   */
  async function withCore(what, fn) {
    if (state.failed) throw new Error(state.failed);
    let core;
    try {
      core = await loadCore();
    } catch (err) {
      state.failed = `could not load the core (${describe(err)})`;
      console.error(`${LOG_PREFIX} ${state.failed}; the page was left untouched.`);
      throw new Error(state.failed);
    }
    try {
      return fn(core);
    } catch (err) {
      state.failed = `internal error while trying to ${what} (${describe(err)})`;
      putPageBack(core);
      console.error(
        `${LOG_PREFIX} ${state.failed}. The page was left as the site made it; reload to try again.`,
      );
      throw new Error(state.failed);
    }
  }

  function describe(err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }

  /** Best effort undo after a failure: the core's restore, else by hand. */
  function putPageBack(core) {
    try {
      core.restore(document);
    } catch {
      // The core is unusable; remove its markers ourselves. They were added
      // as the last attribute, so removing them restores the serialisation.
      for (const el of document.querySelectorAll(`[${MARKER_ATTR}]`)) el.removeAttribute(MARKER_ATTR);
      for (const el of document.querySelectorAll(MARKER_STYLE)) el.remove();
    }
    state.cleaned = false;
    state.report = null;
    state.readerShown = false;
    updateBadge();
  }

  // ---- operations -------------------------------------------------------

  // Messages and the automatic run can interleave (a toolbar click while the
  // core is still loading); run operations one at a time, in order.
  let queue = Promise.resolve();
  function serial(fn) {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  }

  async function clean(level) {
    level = Settings.LEVELS.includes(level) ? level : state.level;
    await withCore("clean the page", (core) => {
      // Start from the untouched page so a level change never stacks two plans.
      if (state.cleaned) core.restore(document);
      state.report = core.clean(document, { level });
    });
    state.cleaned = true;
    state.level = level;
    updateBadge();
  }

  async function restore() {
    if (!state.cleaned) return 0;
    const shown = await withCore("restore the page", (core) => core.restore(document));
    state.cleaned = false;
    updateBadge();
    return shown;
  }

  async function toggleReader() {
    const available = await withCore("load the reader view", (core) => typeof core.toggleReader === "function");
    if (!available) {
      throw Object.assign(new Error("this build of the core has no reader view yet"), { benign: true });
    }
    const shown = await withCore("toggle the reader view", (core) => core.toggleReader(document));
    state.readerShown = Boolean(shown);
    return state.readerShown;
  }

  function status() {
    return {
      host: location.hostname,
      cleaned: state.cleaned,
      level: state.level,
      report: state.report,
      readerShown: state.readerShown,
      engine: state.engine,
      error: state.failed,
      settled: state.settled,
    };
  }

  function updateBadge() {
    const count = state.cleaned && state.report ? state.report.hidden.length : 0;
    api.runtime.sendMessage({ type: "declutter:badge", count }).catch(() => {
      // The background may be restarting; the next state change updates it.
    });
  }

  // ---- messages -----------------------------------------------------------

  const handlers = {
    "declutter:clean": (msg) => clean(msg.level),
    "declutter:restore": () => restore(),
    "declutter:toggle-reader": () => toggleReader(),
    "declutter:report": () => undefined,
  };

  api.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    const handler = msg && handlers[msg.type];
    if (!handler) return false;
    serial(() => handler(msg)).then(
      (result) => sendResponse({ ok: true, result, ...status() }),
      (err) => sendResponse({ ok: false, message: describe(err), ...status() }),
    );
    return true; // keeps sendResponse alive; works in both browsers
  });

  // ---- the automatic run ----------------------------------------------------

  /**
   * A cheap gate, in plain JS, so that ordinary non-article pages (web apps,
   * search results, dashboards) never load the core at all. Errs towards
   * "yes": the core itself decides what is clutter.
   */
  function looksLikeArticle(doc) {
    if (doc.querySelector('article, [itemprop="articleBody"], meta[property="og:type"][content="article"]')) {
      return true;
    }
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      if (/"@type"\s*:\s*"(News|Blog|Report|Scholarly|Tech)?Article"/.test(script.textContent)) return true;
    }
    let long = 0;
    let chars = 0;
    for (const p of doc.querySelectorAll("p")) {
      const n = p.textContent.length;
      if (n >= 80) {
        long += 1;
        chars += n;
      }
      if (long >= 3 && chars >= 600) return true;
    }
    return false;
  }

  async function autoRun() {
    if (!/^https?:$/.test(location.protocol) || document.contentType !== "text/html") return;
    const site = Settings.siteConfig(await Settings.load(api.storage.local), location.hostname);
    state.level = site.level;
    if (site.autoReader) {
      await serial(toggleReader);
    } else if (site.explicitAutoClean || (site.autoClean && looksLikeArticle(document))) {
      await serial(() => clean(site.level));
    }
  }

  autoRun()
    .catch((err) => {
      // withCore already logged core failures once; stay quiet about the benign
      // "no reader view yet" case and report anything else.
      if (!state.failed && !err?.benign) console.error(`${LOG_PREFIX} ${describe(err)}`);
    })
    .finally(() => {
      state.settled = true;
    });
}
