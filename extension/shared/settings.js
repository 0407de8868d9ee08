// Declutter settings: one pure module shared by the content script, the
// background, the popup and the options page.
//
// Stored in storage.local as top-level keys, exactly the shape of DESIGN.md §5:
//   { version, defaults: { autoClean, theme, fontSize, width, lineHeight, level },
//     sites: { "<host>": { autoClean?, autoReader?, level? } } }
// A site entry holds only what the user chose for that site; anything missing
// falls back to `defaults`.
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
  const STORAGE_KEYS = ["version", "defaults", "sites"];

  const DEFAULTS = Object.freeze({
    autoClean: true,
    theme: "auto",
    fontSize: 18, // px, reader view
    width: 70, // ch, reader view column
    lineHeight: 1.6,
    level: "standard",
  });

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

  const DEFAULT_FIELDS = {
    autoClean: bool,
    theme: oneOf(THEMES),
    fontSize: number(12, 32, { integer: true }),
    width: number(40, 120, { integer: true }),
    lineHeight: number(1, 2.5),
    level: oneOf(LEVELS),
  };
  const SITE_FIELDS = { autoClean: bool, autoReader: bool, level: oneOf(LEVELS) };

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
    STORAGE_KEYS,
    hostKey,
    normalize,
    siteConfig,
    withSite,
    load,
    save,
  });
})(globalThis);
