// What Declutter learned on a site: stable CSS selectors for the blocks the
// core hid there, so that the next visit hides them from a stylesheet before
// the first paint (extension/early.js), the way uBlock Origin's cosmetic
// filters avoid the flash of clutter. The core stays the judge: after each
// clean the content script confirms a rule (everything it matches was hidden
// by the core) or drops it at once (something it matches was not: article
// text, a block the user chose to show, a block the core no longer flags).
//
// Storage: one key per site, `learned:<host>`, an array of
// { s: selector, t: when the core last confirmed it (ms since 1970) }.
// Only the content scripts of that site write it (a cache of the core's
// answers: two tabs racing lose at most one visit's learning); the popup
// lists and forgets it. Nothing of it is visible to the page.
//
// A classic script, like shared/settings.js: in a content script its global
// lives in the isolated world.
(function (root) {
  "use strict";

  const PREFIX = "learned:";
  /** Per site, at most this many rules (the newest kept). */
  const MAX_RULES = 24;
  /** A rule the core has not confirmed for this long is dropped. */
  const EXPIRY_MS = 60 * 24 * 3600 * 1000;
  /** Selectors longer than this are not learned. */
  const MAX_SELECTOR = 160;
  /** At most this many classes in one selector. */
  const MAX_CLASSES = 3;
  /** Elements a rule may never name on their own: the page's frame and its text. */
  const NEVER = new Set(["html", "body", "head", "main", "article", "p", "h1", "h2", "h3", "h4", "h5", "h6"]);

  /** The storage key of `host`'s rules. */
  function storageKey(host) {
    return PREFIX + String(host).toLowerCase();
  }

  /**
   * Whether an id or class name is stable across visits: written by people,
   * not generated per build or per render (CSS modules, styled-components,
   * Emotion, random ids, counters).
   */
  function isStableName(name) {
    if (typeof name !== "string" || name.length < 2 || name.length > 40) return false;
    if (!/^[A-Za-z][\w-]*$/.test(name)) return false;
    if (/\d{4,}/.test(name)) return false; // counters, timestamps
    if (/^(css|sc|jsx|svelte|emotion|styled|tw|chakra|mui|ember|react|vue|ng)-/i.test(name)) return false;
    if (/__[A-Za-z0-9]{4,}$|_[A-Za-z0-9]{5}$/.test(name)) return false; // CSS modules' hash suffix
    // A run of letters and digits mixed like a hash ("a8f3kq2").
    const digits = (name.match(/\d/g) || []).length;
    return !(digits >= 3 && /[a-z]\d|\d[a-z]/i.test(name) && !/[-_]/.test(name));
  }

  /**
   * Candidate selectors for `el`, most specific first: its id, then its tag
   * with up to three stable classes.
   */
  function candidates(el) {
    const out = [];
    const esc = root.CSS?.escape ?? ((s) => s);
    if (isStableName(el.id)) out.push(`#${esc(el.id)}`);
    const classes = [...el.classList].filter(isStableName).slice(0, MAX_CLASSES);
    const tag = el.localName;
    if (classes.length && !NEVER.has(tag)) out.push(`${tag}${classes.map((c) => `.${esc(c)}`).join("")}`);
    return out.filter((s) => s.length <= MAX_SELECTOR);
  }

  /** What `selector` matches in `doc` (an empty list for a selector the browser rejects). */
  function matches(doc, selector) {
    try {
      return [...doc.querySelectorAll(selector)];
    } catch {
      return [];
    }
  }

  /**
   * A selector for the hidden block `el` that matches, on this page, only
   * blocks the core hid (`isHidden`), or null when it has none.
   */
  function selectorFor(el, isHidden) {
    if (el.getRootNode() !== el.ownerDocument) return null; // in a shadow tree: no document selector reaches it
    for (const selector of candidates(el)) {
      const found = matches(el.ownerDocument, selector);
      if (found.length && found.every(isHidden)) return selector;
    }
    return null;
  }

  /**
   * What a finished clean says of the rules: `confirmed` (each match hidden
   * by the core), `rejected` (a match the core left shown), or untouched
   * (the rule matches nothing on this page).
   */
  function judge(doc, rules, isHidden) {
    const confirmed = [];
    const rejected = [];
    for (const rule of rules) {
      const found = matches(doc, rule.s);
      if (!found.length) continue;
      (found.every(isHidden) ? confirmed : rejected).push(rule);
    }
    return { confirmed, rejected };
  }

  /**
   * The rules to store after a clean: the old ones minus the rejected and
   * the expired, the confirmed dated `now`, new selectors added; the newest
   * MAX_RULES. Returns null when nothing changed.
   */
  function merge(rules, { confirmed, rejected }, fresh, now) {
    const drop = new Set(rejected.map((r) => r.s));
    const dated = new Set(confirmed.map((r) => r.s));
    const next = new Map();
    for (const r of rules) {
      if (drop.has(r.s)) continue;
      const t = dated.has(r.s) ? now : r.t;
      if (now - t <= EXPIRY_MS) next.set(r.s, { s: r.s, t });
    }
    for (const s of fresh) if (!drop.has(s)) next.set(s, { s, t: now });
    const out = [...next.values()].sort((a, b) => b.t - a.t).slice(0, MAX_RULES);
    const same = out.length === rules.length && out.every((r) => rules.some((o) => o.s === r.s && o.t === r.t));
    return same ? null : out;
  }

  /** The stored rules of `host` (never throws; bad entries are skipped). */
  async function load(area, host) {
    try {
      const got = (await area.get(storageKey(host)))?.[storageKey(host)];
      if (!Array.isArray(got)) return [];
      return got.filter((r) => r && typeof r.s === "string" && r.s.length <= MAX_SELECTOR && Number.isFinite(r.t)).slice(0, MAX_RULES);
    } catch {
      return [];
    }
  }

  async function save(area, host, rules) {
    try {
      if (rules.length) await area.set({ [storageKey(host)]: rules });
      else await area.remove(storageKey(host));
    } catch {
      // Storage unavailable: nothing is learned this time.
    }
  }

  function forget(area, host) {
    return save(area, host, []);
  }

  root.DeclutterLearned = Object.freeze({ PREFIX, MAX_RULES, EXPIRY_MS, storageKey, isStableName, selectorFor, judge, merge, load, save, forget });
})(globalThis);
