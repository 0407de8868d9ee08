// Declutter content script: deliberately thin. All judgement lives in the
// Rust/WebAssembly core; this file decides *when* to call it, loads it once,
// watches for late content, and answers the background and the popup.
//
// A classic script wrapped in a block so nothing leaks even into the isolated
// world; the page never sees any of it (content scripts run in their own
// world in both browsers). The only page-visible traces are the core's own
// marker attributes, the one rule its document adopts and the reader
// view's host element, by design.
//
// Strict mode matters here: it keeps the function declarations below scoped
// to the block instead of leaking them as globals of the isolated world.
"use strict";
{
  const api = globalThis.browser ?? globalThis.chrome;
  const Settings = globalThis.DeclutterSettings; // shared/settings.js, listed before this file
  const { MESSAGES, MARKERS } = globalThis.DeclutterProtocol; // shared/protocol.js, listed first
  const I18n = globalThis.DeclutterI18n; // shared/i18n.js, listed before this file
  const Spotlight = globalThis.DeclutterSpotlight; // spotlight.js, listed before this file
  const Learned = globalThis.DeclutterLearned; // shared/learned.js, run at document_start
  const Gate = globalThis.DeclutterGate; // article_gate.js, listed before this file

  // The core's page-visible markers (its JS API contract). Used to put the
  // page back by hand if the core itself fails half way, and to tell our own
  // DOM changes from the page's.
  const MARKER_ATTR = MARKERS.HIDDEN;
  /** The selector of the core's hide rule, which the document adopts. */
  const HIDE_SELECTOR = `[${MARKER_ATTR}]`;
  const OWN_ATTR = MARKERS.OWN;
  const READER_HOST = `[${OWN_ATTR}="${MARKERS.READER_HOST}"]`;

  const LOG_PREFIX = "Declutter:";

  const state = {
    /** Promise of the loaded core module, created on first need. */
    core: null,
    /** "wasm" or "js" (the wasm2js build, for pages whose CSP forbids wasm). */
    engine: null,
    cleaned: false,
    /** A clean is under way, in steps. */
    cleaning: false,
    level: "standard",
    /** This site's kept blocks (settings), passed to every clean as `keep`. */
    keep: [],
    /** Keys shown on this page since load: kept even before the settings write lands. */
    shownHere: new Set(),
    /** The reader view's prefs, from the settings' defaults. */
    prefs: Settings.readerPrefs(undefined),
    /** The last Report from clean(), with late batches merged in, or null. */
    report: null,
    readerShown: false,
    /** Traps of the core on this page so far (see withCore). */
    traps: 0,
    /** Set once the core trapped MAX_TRAPS times: we stop calling it on this page. */
    failed: null,
    /** True once the automatic run has decided (and done) what it does on load. */
    settled: false,
    /** In-page navigations (history.pushState) handled as new pages. */
    navigations: 0,
    /**
     * The last clean's steps: { ms, steps, longestMs, longest (its name),
     * doneAt (performance.now() when its hiding was applied) }, for tests
     * and the benchmark (scripts/bench-extension.mjs).
     */
    lastClean: null,
    /** What starting the core cost on this page: { compileMs, instantiateMs }. */
    coreStart: null,
  };

  // ---- settings ------------------------------------------------------------

  /**
   * Reads this site's settings into `state`; resolves to its siteConfig.
   * Only the defaults and this site's own key are read, however many sites
   * the user has settings for.
   */
  async function readSettings() {
    const { defaults, config } = await Settings.loadSite(api.storage.local, location.hostname);
    state.keep = config.keep;
    state.prefs = Settings.readerPrefs({ defaults });
    // The level of a cleaned page changes only through a re-clean.
    if (!state.cleaned) state.level = config.level;
    return config;
  }
  let settingsReady = readSettings();
  // The popup or the options page may change this site's choices at any time;
  // changes to other sites' keys are none of this page's business.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && Settings.changesTouch(changes, location.hostname)) settingsReady = readSettings();
  });

  function cleanOptions() {
    return { level: state.level, keep: [...new Set([...state.keep, ...state.shownHere])] };
  }

  /**
   * Settings writes, each a patch of one storage key that the background
   * applies in its queue (Settings.updateSite / updateDefaults), so they
   * never lose another context's writes. Failures are not the page's problem:
   * storage may be gone (the extension was updated under us), and the choice
   * still holds for this page.
   */
  const quietly = (write) => write.then(() => {}, () => {});
  /** Changes this site's entry: a patch such as { keep: { add: key } }, or a function of the entry. */
  const updateSite = (patchOrFn) => quietly(Settings.updateSite(api.storage.local, location.hostname, patchOrFn));
  /** Changes the defaults: a patch such as Settings.readerPrefsPatch(detail), or a function of the defaults. */
  const updateDefaults = (patchOrFn) => quietly(Settings.updateDefaults(api.storage.local, patchOrFn));

  // ---- loading the core -------------------------------------------------

  /**
   * Can this context compile WebAssembly? Chromium checks wasm compilation in
   * content scripts against the *page's* CSP, so on a page served with
   * `script-src 'self'` this throws; Firefox allows it. Compiling the
   * 8-byte empty module is the cheapest decisive test.
   *
   * Cost: when it fails, Chromium also fires a `securitypolicyviolation`
   * event at the page (and sends a CSP report if the site asked for them).
   * It runs only when we are about to clean anyway (an enabled site, an
   * article-like page, or a click), so it is at most one violation per page
   * load, only in Chromium, only on such pages.
   */
  function canCompileWasm() {
    try {
      new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      return true;
    } catch {
      return false;
    }
  }

  /** After this many traps on one page the core is not started again there. */
  const MAX_TRAPS = 2;

  /**
   * The compiled core, shared by every instance on this page: after a trap
   * a fresh instance starts from it without compiling again.
   */
  let compiled = null;
  function compileCore() {
    // An absolute extension URL: a page's <base href> cannot redirect it.
    const url = api.runtime.getURL("core/declutter_bg.wasm");
    compiled ??= streams() ? WebAssembly.compileStreaming(fetch(url)) : loadBytes(url).then((bytes) => WebAssembly.compile(bytes));
    return compiled;
  }

  /**
   * Chromium compiles the core as it arrives, off the main thread, where an
   * XMLHttpRequest took the 568 KB body on the main thread (8 ms a page in
   * a trace). Not in Firefox: see loadBytes. The Chrome build is the one
   * whose background is a service worker.
   */
  function streams() {
    return typeof WebAssembly.compileStreaming === "function" && typeof fetch === "function" && Boolean(api.runtime.getManifest().background?.service_worker);
  }

  /**
   * The bytes at `url`, by XMLHttpRequest and a promise of our own world.
   * Not fetch(): in Firefox a DOM method's promise belongs to the page's
   * world, and resolving it with a Response looks up `then` there, so a
   * page that sets Object.prototype.then makes every fetch() hang forever.
   */
  function loadBytes(url) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.responseType = "arraybuffer";
      xhr.onload = () => (xhr.status === 200 || xhr.status === 0 ? resolve(xhr.response) : reject(new Error(`${url}: ${xhr.status}`)));
      xhr.onerror = () => reject(new Error(`cannot load ${url}`));
      xhr.send();
    });
  }

  /**
   * Loads and initialises a core once; every caller shares the promise.
   * `DeclutterCore` (core/declutter.js, listed before this file) makes a
   * fresh copy of wasm-bindgen's glue per instance. Where the page's CSP
   * forbids WebAssembly (Chromium only), the Chrome build carries the same
   * core as plain JS (wasm2js) behind `DeclutterFallback`.
   */
  function loadCore() {
    state.core ??= (async () => {
      if (typeof WebAssembly === "object" && canCompileWasm()) {
        state.engine = "wasm";
        const t0 = performance.now();
        const module = await compileCore();
        const t1 = performance.now();
        const core = globalThis.DeclutterCore.create();
        await core.default({ module_or_path: module });
        state.coreStart = { compileMs: round(t1 - t0), instantiateMs: round(performance.now() - t1) };
        return core;
      }
      const fallback = globalThis.DeclutterFallback;
      if (!fallback) throw new Error("this page does not allow WebAssembly");
      state.engine = "js";
      const core = await fallback.create();
      await core.default();
      return core;
    })();
    return state.core;
  }

  // ---- calling the core safely ----------------------------------------

  /**
   * Runs `fn(core)` with the mutation observer paused, so the core's own DOM
   * changes never come back to us as "late content".
   *
   * The core answers a request it cannot serve (no article here, bad
   * options) by throwing a string: nothing broke, and the caller gets a
   * benign error carrying that sentence. Anything else is a trap (a Rust
   * panic ends up here): the page is put back as it was, one clear message
   * goes to the console, and the instance is dropped, since its memory may
   * be inconsistent; the next action starts a fresh one. After MAX_TRAPS
   * traps the core is not called again on this page.
   */
  async function withCore(what, fn) {
    if (state.failed) throw Object.assign(new Error(state.failed), { logged: true });
    let core;
    try {
      core = await loadCore();
    } catch (err) {
      state.failed = `could not load the core (${describe(err)})`;
      console.error(`${LOG_PREFIX} ${state.failed}; the page was left untouched.`);
      throw Object.assign(new Error(state.failed), { logged: true });
    }
    pauseWatching();
    try {
      return fn(core);
    } catch (err) {
      if (typeof err === "string") throw benign(err);
      state.traps += 1;
      state.core = null;
      putPageBack(core);
      const problem = `internal error while trying to ${what} (${describe(err)})`;
      if (state.traps >= MAX_TRAPS) {
        state.failed = problem;
        console.error(`${LOG_PREFIX} ${problem}. The page was left as the site made it; Declutter stops here until the page is reloaded.`);
      } else {
        console.error(`${LOG_PREFIX} ${problem}. The page was put back as the site made it; the next action starts afresh.`);
      }
      throw Object.assign(new Error(problem), { logged: true });
    } finally {
      resumeWatching();
    }
  }

  /** The shadow roots of the core's last read; none if it cannot say. */
  function lastShadowRoots(core) {
    try {
      return typeof core.shadowRoots === "function" ? Array.from(core.shadowRoots()) : [];
    } catch {
      return [];
    }
  }

  /** Whether the loaded core has `name` (older builds lack the reader and show). */
  async function coreHas(name) {
    return withCore("load the core", (core) => typeof core[name] === "function");
  }

  function benign(message) {
    return Object.assign(new Error(message), { benign: true });
  }

  function describe(err) {
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }

  /**
   * The page's own elements matching `selector`, through Document's own
   * method: `<img name="querySelectorAll">` shadows it on `document`.
   */
  const queryAll = (selector) => Document.prototype.querySelectorAll.call(document, selector);

  /**
   * Best effort undo after a trap: the core's restore, then by hand whatever
   * is left (the trapped instance may have done only half of it).
   */
  function putPageBack(core) {
    try {
      if (state.readerShown && typeof core.toggleReader === "function") core.toggleReader(document);
    } catch {
      // Removed by hand below.
    }
    try {
      core.restore(document);
    } catch {
      // Swept by hand below.
    }
    // Markers were added as the last attribute, so removing them restores
    // the serialisation.
    for (const el of queryAll(`[${MARKER_ATTR}]`)) el.removeAttribute(MARKER_ATTR);
    dropHideRule();
    for (const el of queryAll(READER_HOST)) el.remove();
    state.cleaned = false;
    state.report = null;
    state.readerShown = false;
    updateBadge();
  }

  /** Takes the core's hide rule out of the document's adopted sheets, by its selector. */
  function dropHideRule() {
    try {
      const ours = (sheet) => sheet.cssRules.length === 1 && sheet.cssRules[0].selectorText === HIDE_SELECTOR;
      const sheets = document.adoptedStyleSheets;
      if (sheets?.some(ours)) document.adoptedStyleSheets = sheets.filter((sheet) => !ours(sheet));
    } catch {
      // No adopted sheets here.
    }
  }

  // ---- late content: the mutation observer ---------------------------------

  /** Added elements that never carry clutter by themselves. */
  const INERT_TAGS = new Set(["script", "style", "link", "meta", "noscript", "template", "br", "wbr", "base", "title"]);
  const MAX_BATCH_LOG = 50;
  /**
   * After a batch that cost `ms`, the next one waits at least BUSY_FACTOR * ms,
   * so a page that adds content every frame spends at most 1 / (1 +
   * BUSY_FACTOR), 2 %, of its main thread in our batches. A usual batch
   * (1-2 ms) is followed by the next within a few frames; a page so big
   * that a batch costs 150 ms gets one every 7 s.
   */
  const BUSY_FACTOR = 49;
  /**
   * A page that puts back a block we hid (a modal re-inserted whenever it is
   * hidden) is fighting. After FIGHT_LIMIT batches in a row that found only
   * blocks hidden before, each next batch waits twice as long as the last,
   * from FIGHT_BACKOFF_MS up to MAX_BACKOFF_MS: we step aside instead of
   * spending the page's CPU on a loop.
   */
  const FIGHT_LIMIT = 5;
  const FIGHT_BACKOFF_MS = 1000;
  const MAX_BACKOFF_MS = 60_000;
  /**
   * A batch reads only what was added (the core's `startCleanAdded`), so
   * that it costs in proportion to the late content, not to the page: one
   * on a 100,000-element page cost 150 ms (a whole clean). The whole page
   * is cleaned again instead when the added content is too scattered
   * (more than MAX_ADDED_ROOTS places) or more than half as big as the page
   * was at its last whole clean (the page replaced its content), when a
   * class or style change may have locked scrolling, and at the focus
   * level, whose judgement depends on the whole page.
   */
  const MAX_ADDED_ROOTS = 200;

  const watch = {
    observer: null,
    connected: false,
    /** The pending requestAnimationFrame, one per batch. */
    frame: 0,
    /** The pending wait before that frame, after an expensive batch. */
    timer: 0,
    /** performance.now() before which no batch starts (see BUSY_FACTOR). */
    notBefore: 0,
    /** Since the last batch: the page added an element (not ours, not inert). */
    added: false,
    /** Those elements (at most MAX_ADDED_ROOTS, then `scattered`). */
    addedRoots: [],
    scattered: false,
    /** Since the last batch: html's or body's style or class changed (a possible scroll-lock). */
    lockChanged: false,
    /** Late content arrived while the reader view covered the page. */
    deferred: false,
    /** The shadow roots the core's last read went into: watched as well. */
    shadowRoots: [],
    // Timing for tests and tuning, never logged: `recent` holds the last
    // batches as { ms: the clean's steps, coreMs: the core's own figure,
    // layoutMs: the page's pending style and layout, flushed first (the
    // browser would do it in this frame anyway), hidden: blocks it hid }.
    stats: freshStats(),
  };

  function freshStats() {
    return { batches: 0, skipped: 0, records: 0, callbackMs: 0, totalMs: 0, maxMs: 0, recent: [], reinserted: 0, fights: 0 };
  }

  function shouldWatch() {
    return (state.cleaned || state.cleaning) && !state.failed && typeof MutationObserver === "function";
  }

  function startWatching() {
    if (watch.connected || !shouldWatch() || !document.documentElement) return;
    watch.observer ??= new MutationObserver(onMutations);
    // Structure anywhere; attributes only on <html> and <body>, where pages
    // put their scroll-locks (style or a class). Attribute changes deeper
    // down are too frequent (animations) and never add clutter.
    watch.observer.observe(document, { childList: true, subtree: true });
    // A shadow tree's mutations reach no observer of the document.
    for (const root of watch.shadowRoots) watch.observer.observe(root, { childList: true, subtree: true });
    watch.observer.observe(document.documentElement, { attributes: true, attributeFilter: ["style", "class"] });
    if (document.body) watch.observer.observe(document.body, { attributes: true, attributeFilter: ["style", "class"] });
    watch.connected = true;
  }

  function stopWatching() {
    if (!watch.connected) return;
    onMutations(watch.observer.takeRecords());
    watch.observer.disconnect();
    watch.connected = false;
  }

  // Core calls nest only through withCore, which never nests itself; a
  // counter keeps this correct even if that changes.
  let pauses = 0;
  function pauseWatching() {
    if (pauses++ === 0) stopWatching();
  }
  function resumeWatching() {
    if (--pauses === 0) startWatching();
  }

  /** The observer's callback: cheap triage only, the work happens once per frame. */
  function onMutations(records) {
    if (records.length === 0) return;
    checkAddress();
    const t0 = performance.now();
    for (const r of records) {
      if (r.type === "attributes") watch.lockChanged = true;
      else if (collectAdded(r)) watch.added = true;
    }
    watch.stats.records += records.length;
    watch.stats.callbackMs += performance.now() - t0;
    if (watch.added || watch.lockChanged) scheduleBatch();
  }

  /** Notes the elements a record added that may carry clutter; true if there are any. */
  function collectAdded(record) {
    if (record.addedNodes.length === 0) return false;
    // Content added inside a block we hid stays hidden with it.
    if (record.target.nodeType === Node.ELEMENT_NODE && record.target.closest(`[${MARKER_ATTR}]`)) return false;
    let any = false;
    for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE || INERT_TAGS.has(node.localName)) continue;
      if (node.hasAttribute(OWN_ATTR)) continue;
      any = true;
      if (watch.addedRoots.length < MAX_ADDED_ROOTS) watch.addedRoots.push(node);
      else watch.scattered = true;
    }
    return any;
  }

  /**
   * What a batch reads: the added elements still in the page, outermost
   * only, or null for the whole page (see MAX_ADDED_ROOTS).
   */
  function addedScope(locked) {
    const { addedRoots, scattered } = watch;
    watch.addedRoots = [];
    watch.scattered = false;
    const pageNodes = state.report?.nodesRead ?? 0;
    if (scattered || locked || state.level !== "standard" || !(pageNodes > 0)) return null;
    const live = addedRoots.filter((el) => el.isConnected && !el.closest(`[${MARKER_ATTR}]`));
    const outermost = live.filter((el) => !live.some((other) => other !== el && other.contains(el)));
    let size = 0;
    for (const el of outermost) size += 1 + el.getElementsByTagName("*").length;
    return outermost.length > 0 && size * 2 <= pageNodes ? outermost : null;
  }

  function scheduleBatch() {
    if (watch.frame || watch.timer) return;
    const wait = watch.notBefore - performance.now();
    if (wait > 0) {
      watch.timer = setTimeout(() => {
        watch.timer = 0;
        scheduleBatch();
      }, wait);
      return;
    }
    // One frame per batch: everything a page adds in one frame is cleaned
    // together, and background tabs (no frames) wait until they are shown.
    watch.frame = requestAnimationFrame(() => {
      watch.frame = 0;
      serial(runBatch).catch(() => {
        // withCore already logged a core failure once.
      });
    });
  }

  function scrollLocked() {
    return [document.documentElement, document.body].some((el) => {
      if (!el) return false;
      const style = getComputedStyle(el);
      return style.overflowY === "hidden" || style.overflowY === "clip" || style.position === "fixed";
    });
  }

  async function runBatch() {
    const { added, lockChanged } = watch;
    watch.added = watch.lockChanged = false;
    if (!state.cleaned || state.failed) return;
    if (state.readerShown) {
      // The reader view covers the page; clean what came once it closes,
      // so closing the view gives back the page exactly as it was opened.
      watch.deferred ||= added || lockChanged;
      return;
    }
    // A class or style change on <html>/<body> matters only if it locks
    // scrolling. The check counts towards our time too: a page may toggle a
    // class every frame.
    if (!added) {
      const t0 = performance.now();
      const locked = lockChanged && scrollLocked();
      if (!locked) {
        const checkMs = performance.now() - t0;
        watch.stats.skipped += 1;
        watch.stats.totalMs += checkMs;
        watch.notBefore = performance.now() + BUSY_FACTOR * checkMs;
        return;
      }
    }
    const scopeStart = performance.now();
    const scope = added ? addedScope(lockChanged && scrollLocked()) : null;
    const scopeMs = performance.now() - scopeStart;
    const t0 = performance.now();
    document.documentElement.getBoundingClientRect();
    const layoutMs = performance.now() - t0;
    const cleaned = await cleanInSlices("clean late content", scope);
    const { report } = cleaned;
    const ms = cleaned.ms + scopeMs;
    const fresh = report?.hidden ?? [];
    const novel = mergeReport(report);
    // A whole read tells the page's size for the next batches (addedScope).
    if (scope === null && report && state.report) state.report.nodesRead = report.nodesRead;
    const s = watch.stats;
    // Only blocks hidden before, put back by the page: a fight.
    const fighting = fresh.length > 0 && novel.length === 0;
    s.reinserted += fresh.length - novel.length;
    s.fights = fighting ? s.fights + 1 : 0;
    let wait = BUSY_FACTOR * ms;
    if (s.fights >= FIGHT_LIMIT) {
      wait = Math.max(wait, Math.min(MAX_BACKOFF_MS, FIGHT_BACKOFF_MS * 2 ** (s.fights - FIGHT_LIMIT)));
      if (s.fights === FIGHT_LIMIT) {
        console.info(`${LOG_PREFIX} this page keeps putting back blocks that were hidden (${s.reinserted} times so far); Declutter now checks its late content less often.`);
      }
    }
    watch.notBefore = performance.now() + wait;
    s.batches += 1;
    s.totalMs += ms;
    s.maxMs = Math.max(s.maxMs, ms);
    s.recent.push({ ms: round(ms), coreMs: round(report?.elapsedMs ?? 0), layoutMs: round(layoutMs), hidden: fresh.length, nodesRead: report?.nodesRead ?? 0, scoped: scope !== null });
    if (s.recent.length > MAX_BATCH_LOG) s.recent.shift();
    if (novel.length > 0) updateBadge();
  }

  /**
   * Adds a late batch's report to the page's report and returns the items
   * that are new. The report counts distinct blocks: a block whose key is
   * already there (a modal the page put back after we hid it, another copy
   * of the same form) is hidden again but not listed twice, so the report
   * and the badge never grow with re-insertions.
   */
  function mergeReport(report) {
    const fresh = report?.hidden ?? [];
    if (!state.report) {
      state.report = report;
      return fresh;
    }
    const known = new Set(state.report.hidden.map((item) => item.key));
    const novel = [];
    for (const item of fresh) {
      if (known.has(item.key)) continue;
      known.add(item.key);
      novel.push(item);
    }
    state.report.hidden.push(...novel);
    return novel;
  }

  const round = (ms) => Math.round(ms * 1000) / 1000;

  // ---- operations -------------------------------------------------------

  // Messages, batches and the automatic run can interleave (a toolbar click
  // while the core is still loading); run operations one at a time, in order.
  let queue = Promise.resolve();
  function serial(fn) {
    const run = queue.then(fn);
    queue = run.catch(() => {});
    return run;
  }

  async function clean(level) {
    await settingsReady;
    const next = Settings.LEVELS.includes(level) ? level : state.level;
    await withCore("clean the page", (core) => {
      // Start from the untouched page so a level change never stacks two plans.
      if (state.cleaned) core.restore(document);
      state.cleaned = false;
      state.level = next;
    });
    // Late content that comes while the clean runs is watched for too;
    // what came before, this clean reads.
    watch.addedRoots = [];
    watch.scattered = false;
    state.cleaning = true;
    try {
      state.report = (await cleanInSlices("clean the page")).report;
      state.cleaned = true;
    } finally {
      state.cleaning = false;
    }
    startWatching();
    updateBadge();
  }

  /**
   * The longest the core works before the page gets its turn: a frame at
   * 60 Hz with room for the page's own work. The read of a huge page is cut
   * at this; an analysis pass is not, but each is short.
   */
  const SLICE_MS = 8;

  /**
   * A clean in steps (the core's `startClean`), the page's tasks running
   * between them, so that no task of ours is long even on a huge page.
   * Each step is a core call of its own: a trap in any puts the page back.
   */
  async function cleanInSlices(what, added = null) {
    let ms = 0;
    let steps = 0;
    let longestMs = 0;
    /** One step, its main-thread time counted (the page's turns are not). */
    let longest = "start";
    const timed = (fn, name) => {
      const t0 = performance.now();
      try {
        // The core reads the layout of the page as published: what learned
        // rules hide is shown for that one synchronous step, never painted.
        return name === LAYOUT_STEP ? early.whileSuspended(fn) : fn();
      } finally {
        const took = performance.now() - t0;
        ms += took;
        steps += 1;
        if (took > longestMs) [longestMs, longest] = [took, name];
        state.lastClean = { ms: round(ms), steps, longestMs: round(longestMs), longest, doneAt: round(performance.now()) };
      }
    };
    const report = await inSteps(
      what,
      (core) => (added ? core.startCleanAdded(document, added, cleanOptions()) : core.startClean(document, cleanOptions())),
      (core, job) => {
        const done = job.finish();
        // The observer watches the shadow roots this read went into.
        watch.shadowRoots = lastShadowRoots(core);
        return done;
      },
      timed,
    );
    // A late batch that hid nothing leaves the rules as they were: judging
    // them reads the whole page.
    if (!added || report?.hidden.length > 0) await judgeLearned(true);
    return { report, ms };
  }

  // ---- learned rules (shared/learned.js, early.js) ------------------------

  /** The core's step that reads layout (Cleaning.nextStep). */
  const LAYOUT_STEP = "read the layout";
  /** early.js's rules, or a stand-in where it did not run (a tab open before install). */
  const early = globalThis.DeclutterEarly ?? { rules: [], appliedAt: null, veil: null, whileSuspended: (fn) => fn(), release() {}, releaseAll() {}, ready: null };
  const isHiddenByCore = (el) => el.closest(HIDE_SELECTOR) !== null;

  /**
   * After a clean (or a block shown): the core judges the rules in force.
   * A rule that matches a block the core left shown stops hiding at once
   * and is forgotten; the others are confirmed. With `learn`, the blocks the
   * core just hid give new rules for the next visit.
   */
  async function judgeLearned(learn) {
    try {
      await early.ready;
      const host = location.hostname;
      const stored = await Learned.load(api.storage.local, host);
      const verdict = Learned.judge(document, stored, isHiddenByCore);
      for (const rule of early.rules.filter((r) => verdict.rejected.some((x) => x.s === r.s))) early.release(rule);
      const fresh = learn ? [...queryAll(HIDE_SELECTOR)].map((el) => Learned.selectorFor(el, isHiddenByCore)).filter(Boolean) : [];
      const next = Learned.merge(stored, verdict, [...new Set(fresh)], Date.now());
      if (next) await Learned.save(api.storage.local, host, next);
    } catch (err) {
      reportUnlogged(err);
    }
  }

  /**
   * A core job in steps (`startClean`'s Cleaning, `startRead`'s PageRead):
   * `start` makes it, then a step of about SLICE_MS at a time, the page's
   * tasks running between them, then `finish`. Each call goes through
   * withCore, so a trap in any puts the page back. `time(fn, name)` runs a
   * call, and may time it.
   */
  async function inSteps(what, start, finish, time = (fn) => fn()) {
    const job = await withCore(what, (core) => time(() => start(core)));
    const next = () => job.nextStep?.();
    try {
      while (!(await withCore(what, () => time(() => job.step(SLICE_MS), next())))) await pageTurn();
      // The last step (an analysis pass, the reader's extraction) and the
      // finish (the hide, the view's writing) are a task each.
      await pageTurn();
      return await withCore(what, (core) => time(() => finish(core, job), next()));
    } finally {
      freeQuietly(job);
    }
  }

  /** Lets the page run its queued tasks (input, rendering, its scripts) before we go on. */
  function pageTurn() {
    if (typeof globalThis.scheduler?.yield === "function") return globalThis.scheduler.yield();
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    });
  }

  async function restore() {
    if (!state.cleaned) return 0;
    const shown = await withCore("restore the page", (core) => {
      const n = core.restore(document);
      state.cleaned = false;
      return n;
    });
    early.releaseAll();
    updateBadge();
    return shown;
  }

  /**
   * Shows the hidden block(s) with `key` again and remembers the choice for
   * this site, so later cleans (late content, reloads) leave them alone.
   * Identical blocks share a key (the same form repeated), and "keep" applies
   * to all of them on the next load, so all are shown now too.
   */
  async function show(key) {
    if (typeof key !== "string" || key === "") throw benign("no key");
    if (!(await coreHas("show"))) throw benign("this build of the core cannot show single blocks yet");
    state.shownHere.add(key);
    const shown = await withCore("show a hidden block", (core) => {
      let n = 0;
      while (n < 1000 && core.show(document, key)) n += 1;
      return n;
    });
    if (state.report) state.report.hidden = state.report.hidden.filter((item) => item.key !== key);
    updateBadge();
    await judgeLearned(false); // a rule that hid this block is dropped
    await updateSite({ keep: { add: key } });
    return shown;
  }

  /** Forgets this site's kept blocks and, if the page is cleaned, hides them again. */
  async function forgetKept() {
    state.shownHere.clear();
    state.keep = [];
    await updateSite({ keep: null });
    if (state.cleaned) await clean(state.level);
  }

  /**
   * Opens (`want` true), closes (false) or toggles (undefined) the reader
   * view. Cleaning is neither done nor undone: closing the view gives back
   * the page exactly as it was when the view opened. On a page without an
   * article the core says so (a benign error with its sentence), and
   * nothing changes.
   */
  async function reader(want) {
    if (!(await coreHas("toggleReader"))) throw benign("this build of the core has no reader view yet");
    await settingsReady;
    const what = "toggle the reader view";
    const { now, inStepsToo } = await withCore(what, (core) => ({
      now: typeof core.isReaderShown === "function" ? core.isReaderShown(document) : state.readerShown,
      inStepsToo: typeof core.startRead === "function",
    }));
    let shown = now;
    if (want === undefined || Boolean(want) !== now) {
      shown = now || !inStepsToo ? await withCore(what, (core) => Boolean(core.toggleReader(document, readerOptions(core), onReaderEvent))) : await openReaderInSteps(what);
    }
    state.readerShown = shown;
    if (!shown) readerClosed();
    return shown;
  }

  function readerOptions(core) {
    return { ...state.prefs, labels: readerLabels(core) };
  }

  /** Opens the view from a read made in steps (see inSteps): only the extraction is one task. */
  function openReaderInSteps(what) {
    return inSteps(
      what,
      (core) => core.startRead(document),
      (core, read) => Boolean(core.openReader(document, read, readerOptions(core), onReaderEvent)),
    );
  }

  /** Frees a core object; if its instance trapped and was dropped, its memory went with it. */
  function freeQuietly(object) {
    try {
      object.free();
    } catch {
      // Nothing left to free.
    }
  }

  /**
   * The reader view's words in the reader's language: the core names them
   * (readerLabels(), in English), the messages translate them. A form with
   * `$1` (the reading time) keeps it: the core puts the minutes there.
   */
  function readerLabels(core) {
    if (typeof core.readerLabels !== "function") return {};
    const words = {};
    for (const name of Object.keys(core.readerLabels())) {
      const word = I18n.message(name, "$1");
      if (word) words[name] = word;
    }
    return { lang: I18n.language(), words };
  }

  /** Reader prefs changed in the view wait this long, so a burst of clicks is one write. */
  const PREFS_WRITE_DELAY_MS = 400;
  let prefsTimer = 0;

  /**
   * What the view reports, through the function we gave it (never a DOM
   * event, which the page could forge): new prefs, saved as the defaults
   * so every site opens with them, and that the reader closed it.
   */
  function onReaderEvent(kind, detail) {
    if (kind === "prefs" && typeof detail === "string") {
      state.prefs = Settings.readerPrefs(Settings.withReaderPrefs({ defaults: state.prefs }, detail));
      clearTimeout(prefsTimer);
      prefsTimer = setTimeout(() => {
        updateDefaults(Settings.readerPrefsPatch(state.prefs));
      }, PREFS_WRITE_DELAY_MS);
    } else if (kind === "closed") {
      // Called from inside the core: leave it before asking it anything.
      queueMicrotask(() => {
        state.readerShown = false;
        readerClosed();
      });
    }
  }

  function readerClosed() {
    if (watch.deferred && state.cleaned) {
      watch.deferred = false;
      watch.added = true;
      // Whatever came while the view was open, scroll-locks included: the whole page.
      watch.scattered = true;
      scheduleBatch();
    }
  }

  // ---- the report's hands: show where, peek, this was wrong ----------------

  /** Where hidden blocks are: the document, and the shadow roots of the core's last read. */
  const hiddenScopes = () => [document, ...watch.shadowRoots];

  /**
   * "Show where": scrolls to the block(s) with `key`, shows them outlined
   * for a moment, then hides them again (spotlight.js). It runs in the
   * operations queue, so no late batch cleans while they show. Nothing to
   * show while the reader view covers the page.
   */
  function showWhere(key) {
    if (typeof key !== "string" || key === "") throw benign("no key");
    if (state.readerShown) return 0;
    return Spotlight.showForAMoment(Spotlight.hiddenBlocks(hiddenScopes(), key), { scroll: true });
  }

  /** "Peek": every hidden block shown outlined for a moment, then hidden again. */
  function peek() {
    if (state.readerShown) return 0;
    return Spotlight.showForAMoment(Spotlight.hiddenBlocks(hiddenScopes()));
  }

  /**
   * "This was wrong": shows the block(s) with `key` and keeps them shown on
   * this site, as "show" does, and notes the block in the local mistakes
   * log (shared/settings.js) for a bug report the user may export. The
   * page's address goes in without its query and fragment.
   */
  async function markWrong(key) {
    const item = state.report?.hidden.find((h) => h.key === key);
    const shown = await show(key);
    await quietly(
      Settings.logMistake(api.storage.local, {
        at: new Date().toISOString(),
        page: location.origin + location.pathname,
        reason: item?.reason,
        key,
        preview: item?.textPreview,
        level: state.level,
        engine: state.engine,
        version: api.runtime.getManifest().version,
      }),
    );
    return shown;
  }

  function status() {
    return {
      host: location.hostname,
      cleaned: state.cleaned,
      level: state.level,
      report: state.report && { ...state.report, observer: observerStats() },
      readerShown: state.readerShown,
      engine: state.engine,
      error: state.failed,
      traps: state.traps,
      settled: state.settled,
      navigations: state.navigations,
      lastClean: state.lastClean,
      coreStart: state.coreStart,
      learned: { rules: early.rules.length, appliedAt: early.appliedAt, veil: early.veil },
      watching: watch.connected,
    };
  }

  function observerStats() {
    const s = watch.stats;
    return { ...s, callbackMs: round(s.callbackMs), totalMs: round(s.totalMs), maxMs: round(s.maxMs), recent: [...s.recent] };
  }

  function updateBadge() {
    const count = state.cleaned && state.report ? state.report.hidden.length : 0;
    api.runtime.sendMessage({ type: MESSAGES.BADGE, count }).catch(() => {
      // The background may be restarting; the next state change updates it.
    });
  }

  // ---- messages -----------------------------------------------------------

  const handlers = {
    [MESSAGES.CLEAN]: (msg) => clean(msg.level),
    [MESSAGES.RESTORE]: () => restore(),
    [MESSAGES.TOGGLE_READER]: (msg) => reader(typeof msg.open === "boolean" ? msg.open : undefined),
    [MESSAGES.SHOW]: (msg) => show(msg.key),
    [MESSAGES.FORGET_KEPT]: () => forgetKept(),
    [MESSAGES.REPORT]: () => undefined,
    [MESSAGES.SHOW_WHERE]: (msg) => showWhere(msg.key),
    [MESSAGES.PEEK]: () => peek(),
    [MESSAGES.MARK_WRONG]: (msg) => markWrong(msg.key),
  };

  api.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
    const handler = msg && Object.hasOwn(handlers, msg.type) && handlers[msg.type];
    if (!handler) return false;
    serial(() => handler(msg)).then(
      (result) => sendResponse({ ok: true, result, ...status() }),
      (err) => sendResponse({ ok: false, message: err?.benign ? err.message : describe(err), benign: Boolean(err?.benign), ...status() }),
    );
    return true; // keeps sendResponse alive; works in both browsers
  });

  // ---- the automatic run ----------------------------------------------------

  /** The longest the automatic run waits for the page's stylesheets. */
  const STYLES_WAIT_MS = 200;

  /**
   * Settles once the page's stylesheets have loaded, or after
   * STYLES_WAIT_MS: this script runs at DOMContentLoaded, and the core reads
   * the layout they make (what is fixed over the page, what is not shown).
   * A sheet that failed to load looks like one still loading; the bound
   * covers it.
   */
  function stylesLoaded() {
    const pending = [...document.querySelectorAll('link[rel~="stylesheet" i]')].filter((link) => !link.sheet && !link.disabled && (!link.media || matchMedia(link.media).matches));
    if (pending.length === 0) return Promise.resolve();
    const loaded = (link) => new Promise((resolve) => ["load", "error"].forEach((type) => link.addEventListener(type, resolve, { once: true })));
    return Promise.race([Promise.all(pending.map(loaded)), new Promise((resolve) => setTimeout(resolve, STYLES_WAIT_MS))]);
  }

  async function autoRun() {
    if (!/^https?:$/.test(location.protocol) || document.contentType !== "text/html") return;
    const site = await settingsReady;
    if (site.explicitAutoClean || site.autoClean || site.autoReader) await stylesLoaded();
    // Clean first, then open the reader: closing the view shows the cleaned page.
    if (site.explicitAutoClean || (site.autoClean && Gate.looksLikeArticle(document))) {
      await serial(() => clean(site.level));
    } else {
      early.releaseAll(); // no clean here, so nothing may stay hidden
    }
    if (site.autoReader) await serial(() => reader(true));
  }

  /** withCore already logged core failures once; stay quiet about the benign ones and report anything else. */
  function reportUnlogged(err) {
    if (!err?.logged && !err?.benign) console.error(`${LOG_PREFIX} ${describe(err)}`);
  }

  autoRun()
    .catch(reportUnlogged)
    .finally(() => {
      state.settled = true;
      watchAddress();
    });

  // ---- single-page sites ------------------------------------------------------

  /**
   * A single-page site moves to its next article with history.pushState,
   * which no event announces to a content script in every browser. Where
   * the Navigation API exists, `navigatesuccess` says so; elsewhere the
   * address is compared on popstate and whenever the page retitles itself
   * or changes its tree, as a new article always does. A new address is a
   * new page: the old one's cleaning is undone, and the automatic run
   * decides afresh, with its own report and badge.
   */
  let address = location.href;
  /** Quiet time that says a single-page site has rendered its new page. */
  const RENDER_QUIET_MS = 150;
  /** The longest wait for that quiet; a page that never stops changing is taken as it is. */
  const RENDER_WAIT_MS = 1500;

  function watchAddress() {
    globalThis.navigation?.addEventListener?.("navigatesuccess", checkAddress);
    addEventListener("popstate", checkAddress);
    const title = new MutationObserver(checkAddress);
    if (document.head) title.observe(document.head, { childList: true, subtree: true, characterData: true });
  }

  function checkAddress() {
    if (location.href === address) return;
    address = location.href;
    newPage().catch(reportUnlogged);
  }

  async function newPage() {
    state.navigations += 1;
    await serial(leavePage);
    await renderQuiet();
    state.settled = false;
    try {
      await autoRun();
    } finally {
      state.settled = true;
    }
  }

  /** Undoes what Declutter did to the page the site has just left. */
  async function leavePage() {
    if (state.readerShown) await reader(false);
    if (state.cleaned) await restore();
    state.report = null;
    watch.stats = freshStats();
    updateBadge();
  }

  /** Resolves once the page's tree has been still for RENDER_QUIET_MS (at most RENDER_WAIT_MS). */
  function renderQuiet() {
    return new Promise((resolve) => {
      let timer = 0;
      const observer = new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(done, RENDER_QUIET_MS);
      });
      const limit = setTimeout(done, RENDER_WAIT_MS);
      function done() {
        observer.disconnect();
        clearTimeout(timer);
        clearTimeout(limit);
        resolve();
      }
      observer.observe(document, { childList: true, subtree: true });
      timer = setTimeout(done, RENDER_QUIET_MS);
    });
  }
}
