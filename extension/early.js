// Declutter's first moment on a page (document_start, before the page is
// parsed): if the core cleaned this site before, hide what it learned there
// (shared/learned.js) from a stylesheet the document adopts, so that clutter
// the last visit hid is not painted on this one. The content script
// (content.js, at document_end, same isolated world) then has the core
// judge every rule: it keeps the ones the core confirms and drops the rest at
// once, and takes the sheet away when the page is restored or not cleaned.
//
// Until the storage has answered, the page is veiled (nothing drawn; 300 ms
// at most), so that the rules never lose the race with the first paint. On a
// site with nothing learned this is one storage read and the veil lifted.
(function (root) {
  "use strict";

  const api = root.browser ?? root.chrome;
  const Learned = root.DeclutterLearned;
  const Settings = root.DeclutterSettings;
  // The document's own accessor: a page's <img name="adoptedStyleSheets"> shadows the property.
  const adopted = Object.getOwnPropertyDescriptor(Document.prototype, "adoptedStyleSheets");

  /** The sheet of the rules in force on this page, and each rule's CSS rule in it. */
  let sheet = null;
  const cssRules = new Map();

  const early = {
    /** The rules hiding blocks on this page now ({ s, t }, as stored). */
    rules: [],
    /** performance.now() when the rules were adopted, for the benchmark and tests. */
    appliedAt: null,
    /** How long the page was veiled (ms), and whether the storage answered in time. */
    veil: null,
    /** Settles once the rules are in force (or known to be none). */
    ready: null,
    /** Runs `fn` with the rules off: the core must read the page's layout as published. */
    whileSuspended(fn) {
      if (!sheet) return fn();
      sheet.disabled = true;
      try {
        return fn();
      } finally {
        sheet.disabled = false;
      }
    },
    /** Stops hiding what `rule` matches. */
    release(rule) {
      const css = cssRules.get(rule);
      cssRules.delete(rule);
      early.rules = early.rules.filter((r) => r !== rule);
      const index = sheet ? Array.prototype.indexOf.call(sheet.cssRules, css) : -1;
      if (index >= 0) sheet.deleteRule(index);
    },
    /** Stops hiding anything: the page as published (restore), or not cleaned at all. */
    releaseAll() {
      if (!sheet) return;
      const mine = sheet;
      sheet = null;
      cssRules.clear();
      early.rules = [];
      try {
        adopted.set.call(document, Array.prototype.filter.call(adopted.get.call(document), (s) => s !== mine));
      } catch {
        mine.disabled = true;
      }
    },
  };
  root.DeclutterEarly = early;

  /** Adopts a sheet that hides what each of `rules` matches; a rule the browser rejects is skipped. */
  function enforce(rules) {
    const made = new CSSStyleSheet();
    for (const rule of rules) {
      try {
        const index = made.insertRule(`${rule.s}{display:none!important}`, made.cssRules.length);
        cssRules.set(rule, made.cssRules[index]);
        early.rules.push(rule);
      } catch {
        // Not a selector this browser accepts: the next clean drops it.
      }
    }
    if (!early.rules.length) return;
    adopted.set.call(document, [...adopted.get.call(document), made]);
    sheet = made;
    early.appliedAt = performance.now();
  }

  /**
   * Nothing is drawn until the storage answers (a millisecond or two, before
   * the page has anything to draw; under heavy load it can lose that race,
   * and the learned rules would come after the first paint). VEIL_MS bounds
   * it, whatever the storage does.
   */
  const VEIL_MS = 300;
  function veil() {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(":root,:root *{visibility:hidden!important}");
      adopted.set.call(document, [...adopted.get.call(document), sheet]);
      let lifted = false;
      const start = performance.now();
      const lift = (timedOut) => {
        if (lifted) return;
        lifted = true;
        early.veil = { ms: Math.round((performance.now() - start) * 10) / 10, timedOut: timedOut === true };
        try {
          adopted.set.call(document, Array.prototype.filter.call(adopted.get.call(document), (s) => s !== sheet));
        } catch {
          sheet.disabled = true;
        }
      };
      setTimeout(() => lift(true), VEIL_MS);
      return lift;
    } catch {
      return () => {};
    }
  }

  const isPage = /^https?:$/.test(location.protocol) && document.contentType === "text/html";
  const lift = isPage ? veil() : () => {};
  early.ready = (async () => {
    if (!isPage) return;
    const host = location.hostname;
    const [site, rules] = await Promise.all([Settings.loadSite(api.storage.local, host), Learned.load(api.storage.local, host)]);
    // Only where the automatic clean may run: the core could not confirm anything elsewhere.
    if (rules.length && site.config.autoClean) enforce(rules);
  })()
    .catch(() => {
      // No storage or no constructed sheets here: the core cleans as on a first visit.
    })
    .finally(() => lift(false));
})(globalThis);
