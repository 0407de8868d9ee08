// Declutter settings: one pure module shared by the content script, the
// background, the popup and the options page.
//
// Stored in storage.local as top-level keys, exactly the shape of DESIGN.md §5:
//   { version, defaults: { autoClean, level, toolbar, theme, fontSize, width, lineHeight },
//     sites: { "<host>": { autoClean?, autoReader?, level?, keep? } } }
// A site entry holds only what the user chose for that site; anything missing
// falls back to `defaults`. `keep` lists the core's keys of blocks the user
// chose to show on that site, which later cleans skip. `toolbar` is what the
// toolbar button does: "clean" (clean <-> restore) or "reader" (reader view).
// theme/fontSize/width/lineHeight are the reader view's prefs, passed as is
// to the core's toggleReader (width in px).
//
// A classic script (not an ES module) on purpose: the manifest lists it before
// content.js, so the content script gets it without a dynamic import and
// without adding it to web_accessible_resources. In a content script the
// global lives in the extension's isolated world, invisible to the page.
(function (root) {
  "use strict";

  const VERSION = 1;
  const THEMES = ["auto", "light", "sepia", "dark"];
  const LEVELS = ["standard", "focus"];
  const TOOLBAR = ["clean", "reader"];
  /** Per site, at most this many kept blocks of at most this many characters each. */
  const MAX_KEEP = 200;
  const MAX_KEY_LENGTH = 256;
  const STORAGE_KEYS = ["version", "defaults", "sites"];

  const DEFAULTS = Object.freeze({
    autoClean: true,
    level: "standard",
    toolbar: "clean",
    // The reader view's prefs; defaults and bounds are the core's (src/reader/view.rs).
    theme: "auto",
    fontSize: 19, // px
    width: 680, // px, the text column
    lineHeight: 1.6,
  });
  /** The defaults that are reader-view prefs (toggleReader's second argument). */
  const READER_PREFS = ["theme", "fontSize", "width", "lineHeight"];

  // Per field: a checker that returns the clean value or undefined when the raw
  // value is unusable. Unusable fields fall back one by one, so one bad value
  // never costs the user the rest of their settings.
  const bool = (v) => (typeof v === "boolean" ? v : undefined);
  const oneOf = (list) => (v) => (list.includes(v) ? v : undefined);
  const number = (min, max, { integer = false } = {}) => (v) => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n)) return undefined;
    const clamped = Math.min(max, Math.max(min, n));
    return integer ? Math.round(clamped) : Math.round(clamped * 100) / 100;
  };
  /** A list of distinct non-empty strings, in order, capped; anything else is dropped. */
  const keys = (v) => {
    if (!Array.isArray(v)) return undefined;
    const out = [];
    for (const k of v) {
      if (typeof k === "string" && k.length > 0 && k.length <= MAX_KEY_LENGTH && !out.includes(k)) out.push(k);
    }
    // Newest last, so the cap forgets the oldest choices first.
    return out.slice(-MAX_KEEP);
  };

  const DEFAULT_FIELDS = {
    autoClean: bool,
    level: oneOf(LEVELS),
    toolbar: oneOf(TOOLBAR),
    theme: oneOf(THEMES),
    fontSize: number(14, 30, { integer: true }),
    width: number(480, 1000, { integer: true }),
    lineHeight: number(1.2, 2.2),
  };
  const SITE_FIELDS = { autoClean: bool, autoReader: bool, level: oneOf(LEVELS), keep: keys };

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  /** Keeps the fields `spec` knows and whose values pass; drops the rest. */
  function pick(raw, spec) {
    const out = {};
    if (!isObject(raw)) return out;
    for (const [key, check] of Object.entries(spec)) {
      const value = check(raw[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  /**
   * The site key for a page: `location.hostname`, lower case, without a
   * trailing dot. Returns "" for anything that is not a plausible host name
   * (hosts are used as object keys, so reject "__proto__" and friends too).
   */
  function hostKey(host) {
    if (typeof host !== "string") return "";
    const h = host.trim().toLowerCase().replace(/\.$/, "");
    if (h.length === 0 || h.length > 253 || Object.hasOwn(Object.prototype, h)) return "";
    if (/^\[[0-9a-f:.]+\]$/.test(h)) return h; // IPv6 literal, as location.hostname gives it
    return /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(h) ? h : "";
  }

  /**
   * Turns anything (undefined, a parsed import, a JSON string, storage contents
   * from an older or newer version) into valid settings. Never throws.
   */
  function normalize(raw) {
    if (typeof raw === "string") {
      try {
        raw = JSON.parse(raw);
      } catch {
        raw = undefined;
      }
    }
    const src = isObject(raw) ? raw : {};
    const defaults = { ...DEFAULTS, ...pick(src.defaults, DEFAULT_FIELDS) };
    const sites = {};
    if (isObject(src.sites)) {
      for (const [host, entry] of Object.entries(src.sites)) {
        const key = hostKey(host);
        const site = pick(entry, SITE_FIELDS);
        if (site.keep?.length === 0) delete site.keep;
        if (key && Object.keys(site).length > 0) sites[key] = site;
      }
    }
    return { version: VERSION, defaults, sites };
  }

  /** What applies on `host`: the site's own choices over the defaults. */
  function siteConfig(settings, host) {
    const s = normalize(settings);
    const own = s.sites[hostKey(host)] || {};
    return {
      autoClean: own.autoClean ?? s.defaults.autoClean,
      autoReader: own.autoReader ?? false,
      level: own.level ?? s.defaults.level,
      keep: own.keep ?? [],
      // True when the user chose auto-clean for this very site, as opposed to
      // inheriting the default (which only applies to pages that look like articles).
      explicitAutoClean: own.autoClean === true,
    };
  }

  /**
   * Returns new settings with `patch` applied to `host`'s entry. A value of
   * null removes that field, so the site inherits the default again.
   */
  function withSite(settings, host, patch) {
    const s = normalize(settings);
    const key = hostKey(host);
    if (!key) return s;
    const entry = { ...(s.sites[key] || {}) };
    for (const [k, v] of Object.entries(patch || {})) {
      if (v === null || v === undefined) delete entry[k];
      else entry[k] = v;
    }
    const sites = { ...s.sites, [key]: entry };
    return normalize({ ...s, sites });
  }

  /** The reader view's prefs from settings: { theme, fontSize, width, lineHeight }. */
  function readerPrefs(settings) {
    const d = normalize(settings).defaults;
    return Object.fromEntries(READER_PREFS.map((k) => [k, d[k]]));
  }

  /**
   * Returns new settings with the reader prefs in `prefs` (any subset; a JSON
   * string as the reader view sends it is fine) stored as the defaults.
   * Unknown fields and bad values are ignored.
   */
  function withReaderPrefs(settings, prefs) {
    const s = normalize(settings);
    if (typeof prefs === "string") {
      try {
        prefs = JSON.parse(prefs);
      } catch {
        return s;
      }
    }
    const spec = Object.fromEntries(READER_PREFS.map((k) => [k, DEFAULT_FIELDS[k]]));
    return normalize({ ...s, defaults: { ...s.defaults, ...pick(prefs, spec) } });
  }

  /** Reads settings from a storage area (chrome.storage.local or browser.storage.local). */
  async function load(area) {
    try {
      return normalize(await area.get(STORAGE_KEYS));
    } catch {
      return normalize(undefined);
    }
  }

  /** Writes normalized settings; returns what was written. */
  async function save(area, settings) {
    const s = normalize(settings);
    await area.set(s);
    return s;
  }

  root.DeclutterSettings = Object.freeze({
    VERSION,
    DEFAULTS,
    THEMES,
    LEVELS,
    TOOLBAR,
    READER_PREFS,
    MAX_KEEP,
    STORAGE_KEYS,
    hostKey,
    normalize,
    siteConfig,
    withSite,
    readerPrefs,
    withReaderPrefs,
    load,
    save,
  });
})(globalThis);
