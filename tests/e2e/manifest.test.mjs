// Static checks of the two built manifests: the browser-specific keys, and
// that the permissions stay as small as the README promises.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { extensionDir } from "./harness.mjs";

const read = (browser) => JSON.parse(fs.readFileSync(path.join(extensionDir(browser), "manifest.json"), "utf8"));

test("manifests: one source, the right background and settings per browser", () => {
  const chrome = read("chrome");
  const firefox = read("firefox");
  assert.deepEqual(chrome.background, { service_worker: "background.js" });
  assert.equal(chrome.browser_specific_settings, undefined);
  // Firefox's event page loads the shared settings first; Chrome's service worker imports them.
  assert.deepEqual(firefox.background, { scripts: ["shared/protocol.js", "shared/settings.js", "background.js"] });
  assert.equal(firefox.browser_specific_settings.gecko.strict_min_version, "142.0");
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ["none"] });
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.ok(!JSON.stringify(m).includes('"//'), "comment keys must not ship");
    assert.equal(m.version, JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
  }
  assert.equal(chrome.minimum_chrome_version, "114");
  assert.equal(firefox.minimum_chrome_version, undefined);
  // Chrome alone carries the wasm2js fallback (its loader and the module),
  // and serves its web-accessible files under a per-session URL.
  // Before the page is parsed, the learned rules; once it is, the rest.
  const early = { js: ["shared/protocol.js", "shared/settings.js", "shared/learned.js", "early.js"], run_at: "document_start" };
  for (const m of [chrome, firefox]) assert.deepEqual({ js: m.content_scripts[0].js, run_at: m.content_scripts[0].run_at }, early);
  assert.deepEqual(chrome.content_scripts[1].js, ["shared/i18n.js", "core/declutter.js", "fallback.js", "spotlight.js", "article_gate.js", "content.js"]);
  assert.deepEqual(firefox.content_scripts[1].js, ["shared/i18n.js", "core/declutter.js", "spotlight.js", "article_gate.js", "content.js"]);
  assert.equal(chrome.content_scripts[1].run_at, "document_end");
  assert.deepEqual(chrome.web_accessible_resources, [
    { resources: ["core/declutter_bg.wasm", "pkg-js/declutter.js"], matches: ["http://*/*", "https://*/*"], use_dynamic_url: true },
  ]);
  assert.deepEqual(firefox.web_accessible_resources, [{ resources: ["core/declutter_bg.wasm"], matches: ["http://*/*", "https://*/*"] }]);
  const shared = (m) => {
    const { background, browser_specific_settings, minimum_chrome_version, content_scripts, web_accessible_resources, ...rest } = m;
    return { ...rest, content_scripts: content_scripts.map(({ js, ...c }) => c) };
  };
  assert.deepEqual(shared(chrome), shared(firefox), "everything else is shared");
});

test("manifests: small permissions, no host permissions, the popup on the button, a shortcut each for cleaning and the reader", () => {
  const m = read("chrome");
  assert.deepEqual([...m.permissions].sort(), ["activeTab", "scripting", "storage"]);
  assert.equal(m.host_permissions, undefined);
  assert.equal(m.optional_host_permissions, undefined);
  for (const entry of m.content_scripts) assert.deepEqual(entry.matches, ["http://*/*", "https://*/*"]);
  assert.equal(m.action.default_popup, "popup/popup.html");
  assert.deepEqual(
    Object.fromEntries(Object.entries(m.commands).map(([name, c]) => [name, c.suggested_key.default])),
    { "toggle-clean": "Alt+Shift+U", "toggle-reader": "Alt+Shift+E" },
  );
  // Keys other extensions and the browsers take by default (the manifest's comment says whose).
  const taken = ["Alt+Shift+R", "Alt+Shift+D", "Alt+Shift+A", "Alt+Shift+T", "Alt+Shift+B", "Alt+Shift+I", "Alt+Shift+L", "Alt+Shift+M", "Alt+Shift+N", "Alt+Shift+S"];
  for (const [name, c] of Object.entries(m.commands)) {
    assert.ok(!taken.includes(c.suggested_key.default), `${name}: ${c.suggested_key.default} is taken`);
    // Both browsers take Alt+Shift+<letter>; Chrome refuses Ctrl+Alt (AltGr on many keyboards).
    assert.match(c.suggested_key.default, /^Alt\+Shift\+[A-Z]$/);
  }
  const messages = JSON.parse(fs.readFileSync(path.join(extensionDir("chrome"), "_locales", "en", "messages.json"), "utf8"));
  for (const [name, c] of Object.entries(m.commands)) {
    const description = /^__MSG_(\w+)__$/.exec(c.description);
    assert.ok(description && messages[description[1]]?.message, `the command ${name} has a localized description`);
  }
  assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
});

test("manifests: every file they name exists in the build", () => {
  for (const browser of ["chrome", "firefox"]) {
    const dir = extensionDir(browser);
    const m = read(browser);
    const named = [
      ...Object.values(m.icons),
      ...Object.values(m.action.default_icon),
      m.action.default_popup,
      ...m.content_scripts.flatMap((c) => c.js),
      ...(m.background.scripts ?? [m.background.service_worker]),
      m.options_ui.page,
      ...m.web_accessible_resources.flatMap((w) => w.resources).filter((r) => !r.includes("*")),
      "_locales/en/messages.json",
    ];
    for (const f of named) assert.ok(fs.existsSync(path.join(dir, f)), `${browser}: ${f} is missing`);
    const js = m.web_accessible_resources.flatMap((w) => w.resources).find((r) => r.startsWith("pkg-js/"));
    if (js) assert.ok(fs.existsSync(path.join(dir, "pkg-js", "declutter.js")), `${browser}: the JS fallback is missing`);
  }
});
