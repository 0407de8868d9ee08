// Unit tests for extension/shared/settings.js, the one piece of extension
// logic that is pure. It is a classic script (see its header), so it is
// loaded the way the browser loads it: evaluated with a fresh global.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const source = fs.readFileSync(new URL("../../extension/shared/settings.js", import.meta.url), "utf8");
const sandbox = {};
sandbox.globalThis = sandbox;
vm.runInNewContext(source, sandbox);
// Round-trip through JSON: objects from the sandbox realm have other prototypes.
const S = sandbox.DeclutterSettings;
const norm = (raw) => JSON.parse(JSON.stringify(S.normalize(raw)));
const DEFAULTS = JSON.parse(JSON.stringify(S.DEFAULTS));

test("settings: empty, missing and non-object input give the defaults", () => {
  for (const raw of [undefined, null, 42, "not json", "[]", [], { version: "x" }]) {
    assert.deepEqual(norm(raw), { version: 1, defaults: DEFAULTS, sites: {} }, `input ${JSON.stringify(raw)}`);
  }
});

test("settings: bad fields fall back one by one, good ones survive", () => {
  const s = norm({
    version: 99, // a newer version still yields its readable parts
    defaults: { autoClean: "yes", theme: "sepia", fontSize: "22", width: 5000, lineHeight: null, level: "focus", extra: 1 },
    sites: {
      "Example.COM.": { autoClean: false, autoReader: true, level: "extreme", junk: [] },
      "news.example.org": { level: "focus" },
      "bad host/with path": { autoClean: true },
      ["__proto__"]: { autoClean: true }, // an own key, as JSON.parse makes it
      constructor: { autoClean: true },
      "empty.example": {},
      "broken.example": "nope",
    },
  });
  assert.deepEqual(s, {
    version: 1,
    defaults: { ...DEFAULTS, theme: "sepia", fontSize: 22, width: 1000, level: "focus" },
    sites: {
      "example.com": { autoClean: false, autoReader: true },
      "news.example.org": { level: "focus" },
    },
  });
});

test("settings: normalize is idempotent and accepts a JSON string (an import)", () => {
  const once = norm({ defaults: { fontSize: 30 }, sites: { "a.example": { autoReader: true } } });
  assert.deepEqual(norm(once), once);
  assert.deepEqual(norm(JSON.stringify(once)), once);
});

test("settings: siteConfig merges the site over the defaults", () => {
  const s = norm({ defaults: { autoClean: false, level: "focus" }, sites: { "a.example": { autoClean: true } } });
  const config = (host) => JSON.parse(JSON.stringify(S.siteConfig(s, host)));
  assert.deepEqual(config("A.example"), { autoClean: true, autoReader: false, level: "focus", keep: [], explicitAutoClean: true });
  assert.deepEqual(config("b.example"), { autoClean: false, autoReader: false, level: "focus", keep: [], explicitAutoClean: false });
});

test("settings: withSite sets and clears fields without touching other sites", () => {
  let s = norm({ sites: { "a.example": { level: "focus" } } });
  s = S.withSite(s, "b.example", { autoClean: false });
  s = S.withSite(s, "a.example", { level: null, autoReader: true });
  assert.deepEqual(JSON.parse(JSON.stringify(s.sites)), { "a.example": { autoReader: true }, "b.example": { autoClean: false } });
  s = S.withSite(s, "b.example", { autoClean: null });
  assert.deepEqual(Object.keys(s.sites), ["a.example"]);
});

test("settings: the toolbar mode and the reader prefs", () => {
  assert.equal(DEFAULTS.toolbar, "clean");
  assert.equal(norm({ defaults: { toolbar: "reader" } }).defaults.toolbar, "reader");
  assert.equal(norm({ defaults: { toolbar: "explode" } }).defaults.toolbar, "clean");
  assert.deepEqual(JSON.parse(JSON.stringify(S.readerPrefs(undefined))), {
    theme: DEFAULTS.theme,
    fontSize: DEFAULTS.fontSize,
    width: DEFAULTS.width,
    lineHeight: DEFAULTS.lineHeight,
  });
  // What the reader view sends (a JSON string): known prefs only, validated.
  const s = S.withReaderPrefs(norm({ defaults: { level: "focus" } }), JSON.stringify({ theme: "dark", fontSize: 99, width: "720", lineHeight: "x", level: "standard", evil: 1 }));
  assert.deepEqual(JSON.parse(JSON.stringify(s.defaults)), { ...DEFAULTS, level: "focus", theme: "dark", fontSize: 30, width: 720 });
  assert.deepEqual(norm(S.withReaderPrefs(s, "not json")), norm(s));
});

test("settings: per-site kept blocks are distinct strings, capped, newest kept", () => {
  const many = Array.from({ length: S.MAX_KEEP + 5 }, (_, i) => `k${i}`);
  const s = norm({ sites: { "a.example": { keep: ["x", "x", "", 7, null, "y".repeat(300), "z"] }, "b.example": { keep: many }, "c.example": { keep: [] } } });
  assert.deepEqual(s.sites["a.example"], { keep: ["x", "z"] });
  assert.equal(s.sites["b.example"].keep.length, S.MAX_KEEP);
  assert.equal(s.sites["b.example"].keep.at(-1), many.at(-1));
  assert.equal(s.sites["c.example"], undefined, "an empty keep list is no choice at all");
  assert.deepEqual(JSON.parse(JSON.stringify(S.siteConfig(s, "a.example").keep)), ["x", "z"]);
  const cleared = S.withSite(s, "a.example", { keep: null });
  assert.equal(cleared.sites["a.example"], undefined);
});

test("settings: load and save go through normalize", async () => {
  const stored = {};
  const area = {
    get: async (keys) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])),
    set: async (obj) => Object.assign(stored, obj),
  };
  assert.deepEqual(JSON.parse(JSON.stringify(await S.load(area))).defaults, DEFAULTS);
  await S.save(area, { defaults: { theme: "dark", fontSize: "huge" } });
  assert.equal(stored.defaults.theme, "dark");
  assert.equal(stored.defaults.fontSize, DEFAULTS.fontSize);
  const failing = { get: async () => { throw new Error("storage gone"); } };
  assert.equal((await S.load(failing)).version, 1);
});
