// Declutter settings: one module shared by the content script, the
// background, the popup and the options page.
//
// The settings, as exported and imported, have the shape of DESIGN.md §5:
//   { version, defaults: { autoClean, level, theme, fontSize, width, lineHeight, font, speechRate },
//     sites: { "<host>": { autoClean?, autoReader?, level?, keep? } } }
// A site entry holds only what the user chose for that site; anything missing
// falls back to `defaults`. `keep` lists the core's keys of blocks the user
// chose to show on that site, which later cleans skip.
// theme/fontSize/width/lineHeight/font/speechRate are the reader view's prefs,
// passed as is to the core's toggleReader (width in px, speechRate the
// read-aloud speed, which the core snaps to its speed button's steps). Earlier versions had a `toolbar`
// default (what a click on the button did); the button now opens the popup,
// so a stored `toolbar` is read past like any unknown field and leaves the
// store with the next write of the defaults, every other field kept.
//
// Beside the settings, `mistakes` is the local log of blocks the user said
// were hidden by mistake (the popup's "This was wrong"), for a bug report
// they export from the options page. It is not part of the settings'
// export or import, and nothing ever sends it anywhere.
//
// Storage layout (version 2): storage.local holds `version`, `defaults` and
// one key per site, `site:<host>`, so a page load reads only its own site and
// a write touches only what it changes. Version 1 kept every site in one
// `sites` key; `migrate` moves them out once (see there).
//
// Writes. `updateSite` and `updateDefaults` are read-modify-writes of one key,
// serialised in a promise chain. Outside the background they are sent to the
// background, which applies them in its own chain: every context's writes then
// go through one queue, so writes never lose each other, even to the same key
// (the popup's level and the content script's kept blocks share `site:<host>`).
// A change travels as a patch of the fields it changes, never as a whole
// entry; two changes of the same field apply in the order they arrive.
// Where the background cannot be reached (it is being restarted, or the
// extension was updated under a content script) the write is applied in
// place: still one key, still serialised in this context, and writes of
// different keys still never collide; but two contexts writing the same key
// in the same few milliseconds can then lose one change (the last write of
// the entry wins). An import writes its sites from the options page in bulk,
// with the same same-key caveat.
//
// A classic script (not an ES module) on purpose: the manifest lists it before
// content.js, so the content script gets it without a dynamic import and
// without adding it to web_accessible_resources. In a content script the
// global lives in the extension's isolated world, invisible to the page.
(function (root) {
  "use strict";

  const VERSION = 2;
  const SITE_PREFIX = "site:";
  /** The message a context sends the background to have a write applied (shared/protocol.js, loaded first). */
  const WRITE_MESSAGE = root.DeclutterProtocol.MESSAGES.SETTINGS_WRITE;
  const THEMES = ["auto", "light", "sepia", "dark"];
  /** The reader view's typefaces (src/reader/view.rs `Font`). */
  const FONTS = ["serif", "sans", "system"];
  const LEVELS = ["standard", "focus"];
  /** The storage key of the mistakes log, and how many entries it keeps (the newest). */
  const MISTAKES_KEY = "mistakes";
  const MAX_MISTAKES = 500;
  /** Per site, at most this many kept blocks of at most this many characters each. */
  const MAX_KEEP = 200;
  const MAX_KEY_LENGTH = 256;
  /** The keys every layout shares; sites are `site:<host>` (and `sites` in version 1). */
  const STORAGE_KEYS = ["version", "defaults"];

  const DEFAULTS = Object.freeze({
    autoClean: true,
    level: "standard",
    // The reader view's prefs; defaults and bounds are the core's (src/reader/view.rs).
    theme: "auto",
    fontSize: 19, // px
    width: 680, // px, the text column
    lineHeight: 1.6,
    font: "serif",
    speechRate: 1,
  });
  /** The defaults that are reader-view prefs (toggleReader's second argument). */
  const READER_PREFS = ["theme", "fontSize", "width", "lineHeight", "font", "speechRate"];

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
  /**
   * A list of distinct non-empty strings, in order, capped; anything else is
   * dropped. Linear: a Set remembers what is already in (a hand-edited import
   * may hold a list of any length).
   */
  const keys = (v) => {
    if (!Array.isArray(v)) return undefined;
    const seen = new Set();
    const out = [];
    for (const k of v) {
      if (typeof k === "string" && k.length > 0 && k.length <= MAX_KEY_LENGTH && !seen.has(k)) {
        seen.add(k);
        out.push(k);
      }
    }
    // Newest last, so the cap forgets the oldest choices first.
    return out.length > MAX_KEEP ? out.slice(-MAX_KEEP) : out;
  };

  const DEFAULT_FIELDS = {
    autoClean: bool,
    level: oneOf(LEVELS),
    theme: oneOf(THEMES),
    fontSize: number(14, 30, { integer: true }),
    width: number(480, 1000, { integer: true }),
    lineHeight: number(1.2, 2.2),
    font: oneOf(FONTS),
    speechRate: number(0.75, 2),
  };
  const SITE_FIELDS = { autoClean: bool, autoReader: bool, level: oneOf(LEVELS), keep: keys };
  const READER_FIELDS = Object.fromEntries(READER_PREFS.map((k) => [k, DEFAULT_FIELDS[k]]));
  /** A string, cut to `max` characters. */
  const text = (max) => (v) => (typeof v === "string" ? v.slice(0, max) : undefined);
  /**
   * One entry of the mistakes log: when, which page (its address without
   * query or fragment), the block's reason, key and text, and what cleaned
   * it (level, engine, extension version): what a bug report needs.
   */
  const MISTAKE_FIELDS = {
    at: text(32),
    page: text(2048),
    reason: text(32),
    key: text(MAX_KEY_LENGTH),
    preview: text(200),
    level: oneOf(LEVELS),
    engine: text(8),
    version: text(32),
  };

  const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const has = (obj, key) => isObject(obj) && Object.hasOwn(obj, key);

  /** A JSON string parsed (undefined when it is not JSON); anything else as is. */
  function parsed(raw) {
    if (typeof raw !== "string") return raw;
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }

  /** Keeps the fields `spec` knows and whose values pass; drops the rest. */
  function pick(raw, spec) {
    const out = {};
    if (!isObject(raw)) return out;
    for (const key in spec) {
      if (!Object.hasOwn(raw, key)) continue;
      const value = spec[key](raw[key]);
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

  /** The storage key of `host`'s entry, or "" for a host that cannot have one. */
  function siteStorageKey(host) {
    const key = hostKey(host);
    return key ? SITE_PREFIX + key : "";
  }

  /** Valid defaults from anything: the good fields over DEFAULTS. */
  function normalizeDefaults(raw) {
    return { ...DEFAULTS, ...pick(raw, DEFAULT_FIELDS) };
  }

  /** A valid site entry from anything, or null when nothing in it is a choice. */
  function normalizeSite(raw) {
    const site = pick(raw, SITE_FIELDS);
    if (site.keep?.length === 0) delete site.keep;
    return Object.keys(site).length > 0 ? site : null;
  }

  /**
   * Turns anything (undefined, a parsed import, a JSON string, the whole of
   * storage in either layout, from an older or newer version) into valid
   * settings of the export shape. Never throws. Linear in the input: every
   * host and every kept key is looked at once. In storage contents a
   * `site:<host>` key wins over the same host in a version-1 `sites` object.
   */
  function normalize(raw) {
    const value = parsed(raw);
    const src = isObject(value) ? value : {};
    const sites = {};
    const add = (host, entry) => {
      const key = hostKey(host);
      const site = key ? normalizeSite(entry) : null;
      if (site) sites[key] = site;
    };
    if (isObject(src.sites)) for (const host of Object.keys(src.sites)) add(host, src.sites[host]);
    for (const k of Object.keys(src)) if (k.startsWith(SITE_PREFIX)) add(k.slice(SITE_PREFIX.length), src[k]);
    return { version: VERSION, defaults: normalizeDefaults(src.defaults), sites };
  }

  /** What applies on a site: its own choices (a site entry) over the defaults. */
  function configOf(defaults, own) {
    return {
      autoClean: own.autoClean ?? defaults.autoClean,
      autoReader: own.autoReader ?? false,
      level: own.level ?? defaults.level,
      keep: own.keep ?? [],
      // True when the user chose auto-clean for this very site, as opposed to
      // inheriting the default (which only applies to pages that look like articles).
      explicitAutoClean: own.autoClean === true,
    };
  }

  /**
   * What applies on `host`, from settings (export shape) or storage contents
   * (either layout). Looks at the defaults and that one site only.
   */
  function siteConfig(settings, host) {
    const value = parsed(settings);
    const src = isObject(value) ? value : {};
    const key = hostKey(host);
    let raw;
    if (key && has(src, SITE_PREFIX + key)) raw = src[SITE_PREFIX + key];
    else if (key && has(src.sites, key)) raw = src.sites[key];
    return configOf(normalizeDefaults(src.defaults), normalizeSite(raw) ?? {});
  }

  // ---- patches ------------------------------------------------------------
  // A change is a patch: { field: value } sets a field, { field: null } clears
  // it (a site then inherits the default; a default goes back to DEFAULTS).
  // Unknown fields and bad values are ignored, field by field. For `keep`,
  // { keep: { add: key } } appends one key (as the newest), so two tabs of one
  // site that each keep a block both keep theirs.

  /** `entry` (a valid site entry or {}) with `patch` applied: a valid entry, or null when empty. */
  function applySitePatch(entry, patch) {
    const next = { ...entry };
    for (const field of Object.keys(SITE_FIELDS)) {
      if (!has(patch, field)) continue;
      const value = patch[field];
      if (value === null || value === undefined) {
        delete next[field];
      } else if (field === "keep" && isObject(value)) {
        if (typeof value.add === "string") next.keep = [...(next.keep ?? []).filter((k) => k !== value.add), value.add];
      } else {
        const clean = SITE_FIELDS[field](value);
        if (clean !== undefined) next[field] = clean;
      }
    }
    return normalizeSite(next);
  }

  /** Valid `defaults` with `patch` applied. */
  function applyDefaultsPatch(defaults, patch) {
    const next = { ...defaults };
    for (const field of Object.keys(DEFAULT_FIELDS)) {
      if (!has(patch, field)) continue;
      const value = patch[field];
      if (value === null || value === undefined) next[field] = DEFAULTS[field];
      else next[field] = DEFAULT_FIELDS[field](value) ?? next[field];
    }
    return next;
  }

  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  /** The patch that turns `before` into `after` (both plain entries), over `fields` only. */
  function diff(before, after, fields) {
    const patch = {};
    for (const field of Object.keys(fields)) {
      const a = isObject(after) ? after[field] : undefined;
      if (a === undefined || a === null) {
        if (before[field] !== undefined) patch[field] = null;
      } else if (!same(a, before[field])) {
        patch[field] = a;
      }
    }
    return patch;
  }

  /** Only the reader prefs from `prefs` (an object, or a JSON string as the reader view sends it), validated. */
  function readerPrefsPatch(prefs) {
    return pick(parsed(prefs), READER_FIELDS);
  }

  // ---- pure helpers kept from version 1 -----------------------------------

  /**
   * Returns new settings with `patch` applied to `host`'s entry. A value of
   * null removes that field, so the site inherits the default again.
   */
  function withSite(settings, host, patch) {
    const s = normalize(settings);
    const key = hostKey(host);
    if (!key) return s;
    const next = applySitePatch(s.sites[key] || {}, patch);
    if (next) s.sites[key] = next;
    else delete s.sites[key];
    return s;
  }

  /** The reader view's prefs from settings: { theme, fontSize, width, lineHeight, font, speechRate }. */
  function readerPrefs(settings) {
    const src = parsed(settings);
    const d = normalizeDefaults(isObject(src) ? src.defaults : undefined);
    return Object.fromEntries(READER_PREFS.map((k) => [k, d[k]]));
  }

  /**
   * Returns new settings with the reader prefs in `prefs` (any subset; a JSON
   * string as the reader view sends it is fine) stored as the defaults.
   * Unknown fields and bad values are ignored.
   */
  function withReaderPrefs(settings, prefs) {
    const s = normalize(settings);
    s.defaults = { ...s.defaults, ...readerPrefsPatch(prefs) };
    return s;
  }

  // ---- reading --------------------------------------------------------------

  /**
   * What a page needs: the defaults and `host`'s own entry, read as one get of
   * a fixed handful of keys, whatever the number of sites. Resolves to
   * { defaults, site, config } (config as siteConfig gives it). On storage
   * that has not been migrated yet the entry comes from version 1's `sites`
   * (absent once migrated, so it costs nothing then). Never throws.
   */
  async function loadSite(area, host) {
    const key = siteStorageKey(host);
    let got = {};
    try {
      got = (await area.get(["version", "defaults", "sites", ...(key ? [key] : [])])) ?? {};
    } catch {
      // Storage unavailable: the defaults apply.
    }
    let raw = key ? got[key] : undefined;
    if (key && raw === undefined && got.version !== VERSION && isObject(got.sites)) {
      // Not migrated yet: version 1 hosts may be written in any case.
      raw = normalize({ sites: got.sites }).sites[key.slice(SITE_PREFIX.length)];
    }
    const defaults = normalizeDefaults(got.defaults);
    const site = normalizeSite(raw) ?? {};
    return { defaults, site, config: configOf(defaults, site) };
  }

  /** The defaults alone (the options page, and writes of the defaults). Never throws. */
  async function loadDefaults(area) {
    try {
      return normalizeDefaults((await area.get("defaults"))?.defaults);
    } catch {
      return normalizeDefaults(undefined);
    }
  }

  /**
   * All settings in the export shape, from either layout. Reads every key, so
   * it is for the options page and export only, never a page load.
   */
  async function load(area) {
    try {
      return normalize(await area.get(null));
    } catch {
      return normalize(undefined);
    }
  }

  /** True when storage `changes` (storage.onChanged) touch what `host`'s pages use. */
  function changesTouch(changes, host) {
    const key = siteStorageKey(host);
    return ["defaults", "version", "sites", key].some((k) => k && has(changes, k));
  }

  // ---- migration ------------------------------------------------------------

  /**
   * Moves version 1's `sites` object into one `site:<host>` key per site and
   * sets `version` to 2, in one storage set; then removes `sites`. Runs once:
   * afterwards `version` is 2 and there is no `sites`, and it only reads that.
   * Loses nothing: every valid entry is written before `sites` goes, and a
   * `site:<host>` key that already exists (written by version-2 code) is newer
   * and is kept. Safe when two contexts run it at once: both start from the
   * same `sites`, write the same values, and each checks `version` again just
   * before its write so a late one leaves a finished migration alone.
   * Resolves to the number of sites it moved.
   */
  async function migrate(area) {
    const head = await area.get(["version", "sites"]);
    if (head.version === VERSION) {
      // `sites` is only left over when a migration stopped between its set and its remove.
      if (has(head, "sites")) await area.remove("sites");
      return 0;
    }
    if (!has(head, "sites")) {
      // Nothing to move (a new install, or version 1 without sites).
      await area.set({ version: VERSION });
      return 0;
    }
    const all = await area.get(null);
    const moved = normalize({ sites: all.sites }).sites;
    const out = {};
    let count = 0;
    for (const host of Object.keys(moved)) {
      if (has(all, SITE_PREFIX + host)) continue;
      out[SITE_PREFIX + host] = moved[host];
      count += 1;
    }
    if ((await area.get("version")).version === VERSION) return 0;
    out.version = VERSION;
    await area.set(out);
    await area.remove("sites");
    return count;
  }

  // ---- writing --------------------------------------------------------------

  /** This context's write queue: each task starts when the one before has finished. */
  let queue = Promise.resolve();
  function serial(task) {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  }

  /** Set in the background (serveWrites): writes are applied here, not sent. */
  let isWriter = false;

  /** The extension's own storage.local, when `area` is it (only that one is shared through the background). */
  function isExtensionStorage(area) {
    const ext = root.browser ?? root.chrome;
    try {
      return Boolean(ext?.runtime?.id && typeof ext.runtime.sendMessage === "function" && area === ext.storage?.local);
    } catch {
      return false;
    }
  }

  /**
   * Applies one write op ({ what: "site", host, patch }, { what: "defaults",
   * patch } or { what: "mistake", entry }) to storage: reads the one key,
   * patches it (or appends to the log), writes it back only if it changed.
   * Callers serialise it. Resolves to the stored entry / defaults / log length.
   */
  async function applyOp(area, op) {
    if (op.what === "mistake") return applyMistake(area, op.entry);
    const key = op.what === "site" ? siteStorageKey(op.host) : "defaults";
    if (!key) return {};
    let got = await area.get(["version", key]);
    if (got.version !== VERSION) {
      await migrate(area);
      got = await area.get([key]);
    }
    if (op.what === "defaults") {
      const before = normalizeDefaults(got.defaults);
      const next = applyDefaultsPatch(before, op.patch);
      if (!same(next, got.defaults)) await area.set({ defaults: next });
      return next;
    }
    const next = applySitePatch(normalizeSite(got[key]) ?? {}, op.patch);
    if (!next) {
      if (has(got, key)) await area.remove(key);
      return {};
    }
    if (!same(next, got[key])) await area.set({ [key]: next });
    return next;
  }

  /**
   * Has `op` applied by the background (the one queue all contexts share), or
   * here when this is the background, `area` is not the extension's storage,
   * or the background does not answer.
   */
  async function apply(area, op) {
    if (!isWriter && isExtensionStorage(area)) {
      const ext = root.browser ?? root.chrome;
      let reply;
      try {
        reply = await ext.runtime.sendMessage({ type: WRITE_MESSAGE, op });
      } catch {
        reply = undefined; // no background listening (being restarted, or an old one)
      }
      if (reply?.ok === true) return reply.value;
      if (reply?.ok === false) throw new Error(reply.error);
    }
    return applyOp(area, op);
  }

  /**
   * Changes `host`'s entry. `patchOrFn` is a patch (see above), or a function
   * that gets a copy of the current entry and returns the new one; what it
   * changed is sent as a patch. Resolves to the entry as stored ({} when the
   * site has no choices left). Rejects when storage fails.
   */
  function updateSite(area, host, patchOrFn) {
    const key = siteStorageKey(host);
    if (!key) return Promise.resolve({});
    return serial(async () => {
      let patch = patchOrFn;
      if (typeof patchOrFn === "function") {
        const { site } = await loadSite(area, key.slice(SITE_PREFIX.length));
        patch = diff(site, patchOrFn({ ...site }), SITE_FIELDS);
      }
      return apply(area, { what: "site", host: key.slice(SITE_PREFIX.length), patch });
    });
  }

  /** Forgets everything `host` chose: it follows the defaults again. */
  function forgetSite(area, host) {
    return updateSite(area, host, Object.fromEntries(Object.keys(SITE_FIELDS).map((k) => [k, null])));
  }

  /**
   * Changes the defaults; `patchOrFn` as for updateSite (the function gets a
   * copy of the defaults). Resolves to the defaults as stored.
   */
  function updateDefaults(area, patchOrFn) {
    return serial(async () => {
      let patch = patchOrFn;
      if (typeof patchOrFn === "function") {
        const before = await loadDefaults(area);
        patch = diff(before, patchOrFn({ ...before }), DEFAULT_FIELDS);
      }
      return apply(area, { what: "defaults", patch });
    });
  }

  // ---- the mistakes log -------------------------------------------------------

  /** The log as stored: valid entries only, oldest first. */
  function normalizeMistakes(raw) {
    if (!Array.isArray(raw)) return [];
    return raw.map((entry) => pick(entry, MISTAKE_FIELDS)).filter((entry) => entry.key);
  }

  /** Appends `entry` to the log (null empties it). Callers serialise it. Resolves to the log's length. */
  async function applyMistake(area, entry) {
    if (entry === null) {
      await area.remove(MISTAKES_KEY);
      return 0;
    }
    const clean = pick(entry, MISTAKE_FIELDS);
    const log = normalizeMistakes((await area.get(MISTAKES_KEY))[MISTAKES_KEY]);
    if (!clean.key) return log.length;
    const next = [...log, clean].slice(-MAX_MISTAKES);
    await area.set({ [MISTAKES_KEY]: next });
    return next.length;
  }

  /**
   * Notes a block the user said was hidden by mistake (fields as
   * MISTAKE_FIELDS; others are dropped). Goes through the background's
   * queue, so two tabs noting at once both land. Resolves to the log's length.
   */
  function logMistake(area, entry) {
    return serial(() => apply(area, { what: "mistake", entry }));
  }

  /** Empties the log. */
  function clearMistakes(area) {
    return serial(() => apply(area, { what: "mistake", entry: null }));
  }

  /** The log, oldest first. Never throws. */
  async function loadMistakes(area) {
    try {
      return normalizeMistakes((await area.get(MISTAKES_KEY))[MISTAKES_KEY]);
    } catch {
      return [];
    }
  }

  /** Stores reader prefs (an object or the view's JSON string); only those six fields. */
  function updateReaderPrefs(area, prefs) {
    return updateDefaults(area, readerPrefsPatch(prefs));
  }

  /**
   * Version 1's way of writing: `change(settings)` on settings that hold the
   * defaults and `host`'s entry only ({ version, defaults, sites: { host } }).
   * What it changed in the defaults and in that site is written as two
   * patches. Kept for callers written against withSite / withReaderPrefs.
   */
  function updateWith(area, host, change) {
    return serial(async () => {
      const key = hostKey(host);
      const { defaults, site } = await loadSite(area, key);
      const before = { version: VERSION, defaults, sites: key && Object.keys(site).length ? { [key]: site } : {} };
      const after = normalize(change(structuredClone(before)));
      const defaultsPatch = diff(defaults, after.defaults, DEFAULT_FIELDS);
      if (Object.keys(defaultsPatch).length) await apply(area, { what: "defaults", patch: defaultsPatch });
      const sitePatch = key ? diff(site, after.sites[key] ?? {}, SITE_FIELDS) : {};
      if (Object.keys(sitePatch).length) await apply(area, { what: "site", host: key, patch: sitePatch });
    });
  }

  /** Sites per storage call in an import: Firefox writes a few thousand keys a second. */
  const IMPORT_CHUNK = 2000;

  /**
   * Merges imported settings (export shape, either version, or a JSON string)
   * into storage: each site in the import replaces that site's entry, other
   * sites stay; the import's readable defaults replace those fields. Sites are
   * written from here, a chunk of keys per storage call (an import is a bulk
   * write, too big for one message), calling onProgress(done, total) after
   * each. Resolves to what it did:
   *   { sites, added, replaced, unchanged, skipped, defaults: [changed fields] }
   * or null when `raw` is not a settings object at all (nothing changed).
   */
  function importSettings(area, raw, onProgress = () => {}) {
    const src = parsed(raw);
    if (!isObject(src)) return Promise.resolve(null);
    const incoming = normalize(src);
    const hosts = Object.keys(incoming.sites);
    const offered =
      (isObject(src.sites) ? Object.keys(src.sites).length : 0) +
      Object.keys(src).filter((k) => k.startsWith(SITE_PREFIX)).length;
    return serial(async () => {
      if ((await area.get("version")).version !== VERSION) await migrate(area);
      let added = 0;
      let replaced = 0;
      for (let start = 0; start < hosts.length; start += IMPORT_CHUNK) {
        const chunk = hosts.slice(start, start + IMPORT_CHUNK);
        const existing = await area.get(chunk.map((h) => SITE_PREFIX + h));
        const out = {};
        for (const host of chunk) {
          const key = SITE_PREFIX + host;
          const entry = incoming.sites[host];
          if (!has(existing, key)) added += 1;
          else if (same(normalizeSite(existing[key]), entry)) continue;
          else replaced += 1;
          out[key] = entry;
        }
        if (Object.keys(out).length) await area.set(out);
        onProgress(Math.min(hosts.length, start + IMPORT_CHUNK), hosts.length);
      }
      let changed = [];
      if (isObject(src.defaults)) {
        const before = await loadDefaults(area);
        const patch = pick(src.defaults, DEFAULT_FIELDS);
        changed = Object.keys(patch).filter((k) => patch[k] !== before[k]);
        if (changed.length) await apply(area, { what: "defaults", patch });
      }
      return { sites: hosts.length, added, replaced, unchanged: hosts.length - added - replaced, skipped: offered - hosts.length, defaults: changed };
    });
  }

  /**
   * Replaces all settings with `settings` (export shape): the defaults, every
   * site key, and removes sites that are not in it. Resolves to what it wrote.
   * A bulk write from this context; prefer the update functions.
   */
  function save(area, settings) {
    const s = normalize(settings);
    return serial(async () => {
      const stale = Object.keys(await area.get(null)).filter(
        (k) => k === "sites" || (k.startsWith(SITE_PREFIX) && !has(s.sites, k.slice(SITE_PREFIX.length))),
      );
      const out = { version: VERSION, defaults: s.defaults };
      for (const host of Object.keys(s.sites)) out[SITE_PREFIX + host] = s.sites[host];
      await area.set(out);
      if (stale.length) await area.remove(stale);
      return s;
    });
  }

  /**
   * Makes this context (the background) the one that applies every context's
   * writes, and finishes a migration first. Returns the onMessage handler to
   * call with (message, sendResponse): true when it will answer.
   */
  function serveWrites(area) {
    isWriter = true;
    serial(() => migrate(area)).catch(() => {});
    return (message, sendResponse) => {
      if (message?.type !== WRITE_MESSAGE || !isObject(message.op)) return false;
      const { what, host, patch, entry } = message.op;
      if (what !== "site" && what !== "defaults" && what !== "mistake") return false;
      serial(() => applyOp(area, { what, host, patch, entry })).then(
        (value) => sendResponse({ ok: true, value }),
        (err) => sendResponse({ ok: false, error: String(err?.message ?? err) }),
      );
      return true;
    };
  }

  root.DeclutterSettings = Object.freeze({
    VERSION,
    DEFAULTS,
    THEMES,
    FONTS,
    LEVELS,
    READER_PREFS,
    MAX_KEEP,
    MAX_MISTAKES,
    MISTAKES_KEY,
    STORAGE_KEYS,
    SITE_PREFIX,
    hostKey,
    siteStorageKey,
    normalize,
    normalizeDefaults,
    normalizeSite,
    siteConfig,
    withSite,
    readerPrefs,
    withReaderPrefs,
    readerPrefsPatch,
    changesTouch,
    load,
    loadSite,
    loadDefaults,
    migrate,
    updateSite,
    forgetSite,
    updateDefaults,
    updateReaderPrefs,
    updateWith,
    logMistake,
    clearMistakes,
    loadMistakes,
    importSettings,
    save,
    serveWrites,
  });
})(globalThis);
