// The e2e cases, written once and run in each browser by chromium.test.mjs
// and firefox.test.mjs. An adapter (see chromium.mjs / firefox.mjs) gives:
//   name                         "chromium" | "firefox"
//   open(url)                    load url in the one page tab, wait for load
//   evaluate(fn, arg)            run fn(arg) in the page's main world
//   inExtension(fn, arg)         run fn(arg) in an extension context (API access)
//   clickToolbar()               a real toolbar button click on the page's tab
//   openExtensionPage(path)      { evaluate, close } for e.g. the popup
//   consoleMessages              console output of the page incl. content scripts,
//                                or null where the driver cannot see it
//   close()
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  brokenExtensionDir,
  extensionDir,
  extensionStatus,
  inspectPage,
  pageProbe,
  waitFor,
} from "./harness.mjs";
import { startServer } from "./server.mjs";

const SEED = "/fixtures/seed-news.html";

async function clearSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  await api.storage.local.clear();
}

/** Every [data-expect] promise of the fixture holds on the live page. */
function assertCleanedAsExpected(state) {
  assert.ok(state.markers > 0, "nothing was hidden");
  assert.equal(state.styles, 1, "exactly one injected style element");
  const hidden = state.elements.filter((e) => e.expect === "hidden");
  const visible = state.elements.filter((e) => e.expect === "visible");
  assert.ok(hidden.length > 0 && visible.length > 0, "the fixture marks what to expect");
  for (const el of hidden) {
    assert.equal(el.now.text, "", `${el.label} still shows text`);
    assert.equal(el.now.controls, 0, `${el.label} still shows form controls`);
  }
  for (const el of visible) {
    assert.ok(el.shown, `${el.label} is not visible`);
    assert.ok(!el.markedInside, `${el.label} has a hidden part`);
    // Every word and control it shows without our style rule, it shows with it.
    assert.deepEqual(el.now, el.unhidden, `${el.label} lost visible text or controls`);
  }
}

export function defineCases(adapterName, extensionFolder, launch) {
  describe(`${adapterName}: the extension on a news page`, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await launch(extensionDir(extensionFolder));
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Opens `path`, waits until the content script settled, returns its status. */
    async function openSettled(path) {
      await browser.open(server.url(path));
      return waitFor(async () => {
        const status = await browser.inExtension(extensionStatus);
        return status?.settled && status;
      }, `the content script to settle on ${path}`);
    }

    /** Waits until the badge agrees with the content script's report. */
    async function settledBadge(expectCleaned) {
      return waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        const want = s?.cleaned ? String(s.report.hidden.length) : "";
        return s && s.cleaned === expectCleaned && s.badge === want && s;
      }, `the badge after ${expectCleaned ? "cleaning" : "restoring"}`);
    }

    test("cleans the seed page on load: every sign-up block hidden, the article and search untouched", async () => {
      await browser.inExtension(clearSettings);
      const status = await openSettled(SEED);
      assert.equal(status.error, null);
      assert.equal(status.cleaned, true, "auto-clean did not run");
      assert.equal(status.engine, "wasm");
      assertCleanedAsExpected(await browser.evaluate(inspectPage));

      const { badge, report } = await settledBadge(true);
      assert.ok(report.hidden.length > 0);
      assert.equal(badge, String(report.hidden.length));
      for (const item of report.hidden) {
        assert.ok(item.reason && item.description, `report entry without a reason: ${JSON.stringify(item)}`);
      }

      const probe = await browser.evaluate(pageProbe);
      assert.deepEqual(probe.newGlobals, [], "the extension left globals in the page");
      assert.deepEqual(probe.violations, []);
    });

    test("cleans the same page served with Content-Security-Policy: script-src 'self'", async () => {
      await browser.inExtension(clearSettings);
      const status = await openSettled(`${SEED}?csp=strict`);
      assert.equal(status.error, null);
      assert.equal(status.cleaned, true);
      assertCleanedAsExpected(await browser.evaluate(inspectPage));
      const probe = await browser.evaluate(pageProbe);
      if (adapterName === "chromium") {
        // Chromium checks wasm in content scripts against the page's CSP: the
        // probe fails once (the page sees that one violation) and the JS build runs.
        assert.equal(status.engine, "js");
        assert.deepEqual(probe.violations.map((v) => v.blockedURI), ["wasm-eval"]);
      } else {
        // Firefox compiles wasm in content scripts whatever the page's CSP says.
        assert.equal(status.engine, "wasm");
        assert.deepEqual(probe.violations, []);
      }
      assert.deepEqual(probe.newGlobals, []);
    });

    test("the toolbar button restores the page exactly, then cleans it again", async () => {
      await browser.inExtension(clearSettings);
      await openSettled(SEED);
      const { before: original } = await browser.evaluate(pageProbe);
      assert.ok(original && !original.includes("data-declutter"), "the probe saw the page before cleaning");

      await browser.clickToolbar();
      await settledBadge(false);
      const restored = await browser.evaluate(pageProbe);
      assert.equal(restored.markers, 0);
      assert.ok(restored.html === original, "after restore the page does not serialise as before cleaning");

      await browser.clickToolbar();
      const { report, badge } = await settledBadge(true);
      assert.equal(badge, String(report.hidden.length));
      assertCleanedAsExpected(await browser.evaluate(inspectPage));
    });

    test("the popup lists what was hidden and why; its per-site switch is remembered across reloads", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, report, host } = await openSettled(SEED);
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        const items = await waitFor(
          () => popup.evaluate(() => [...document.querySelectorAll("#hidden-list li")].map((li) => li.textContent)),
          "the popup's list",
        );
        assert.equal(items.length, report.hidden.length);
        report.hidden.forEach((h, i) => assert.ok(items[i].includes(h.reason) && items[i].includes(h.description)));

        // Switch auto-clean off for this site: the page is restored at once...
        await popup.evaluate(() => document.getElementById("auto-clean").click());
        await waitFor(async () => (await browser.evaluate(pageProbe)).markers === 0, "the page to be restored");
      } finally {
        await popup.close();
      }
      const stored = await browser.inExtension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.get(null));
      assert.deepEqual(stored.sites, { [host]: { autoClean: false } });

      // ...and stays as the site made it after a reload.
      const reloaded = await openSettled(SEED);
      assert.equal(reloaded.cleaned, false);
      assert.equal((await browser.evaluate(pageProbe)).markers, 0);
      await browser.inExtension(clearSettings);
    });
  });

  describe(`${adapterName}: a failing core`, () => {
    let server;
    let browser;

    before(async () => {
      server = await startServer();
      browser = await launch(brokenExtensionDir(extensionFolder));
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test("leaves the page untouched and says so once in the console", async () => {
      await browser.open(server.url(SEED));
      const status = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s?.settled && s;
      }, "the content script to settle");
      assert.match(status.error ?? "", /internal error/);
      assert.equal(status.cleaned, false);
      assert.equal(status.badge, "");
      const probe = await browser.evaluate(pageProbe);
      assert.equal(probe.markers, 0);
      assert.ok(probe.html === probe.before, "the page was modified");

      if (browser.consoleMessages) {
        const ours = browser.consoleMessages.filter((m) => m.text.startsWith("Declutter:"));
        assert.equal(ours.length, 1, `expected one console message, got ${JSON.stringify(ours)}`);
        assert.equal(ours[0].type, "error");
      }

      // A click afterwards does not retry the broken core or touch the page.
      await browser.clickToolbar();
      const after = await browser.inExtension(extensionStatus);
      assert.equal(after.cleaned, false);
      assert.ok((await browser.evaluate(pageProbe)).html === probe.before);
    });
  });
}
