// The e2e cases, written once and run in each browser by chromium.test.mjs
// and firefox.test.mjs. An adapter (see chromium.mjs / firefox.mjs) gives:
//   name                         "chromium" | "firefox"
//   open(url)                    load url in the one page tab, wait for load
//   evaluate(fn, arg)            run fn(arg) in the page's main world
//   inExtension(fn, arg)         run fn(arg) in an extension context (API access)
//   clickToolbar()               a real toolbar button click on the page's tab (it opens the
//                                popup; popup-cases.mjs tests that, and the popup's own work)
//   openExtensionPage(path)      { evaluate, close } for e.g. the popup, opened as a page with ?tab=<id>
//   triggerCommand(name, tabId)  what the keyboard shortcut `name` does (see the adapters:
//                                browser shortcuts cannot be pressed in a headless browser)
//   pressEscape()                a real Escape key press in the page
//   pressKey(key)                a real key press: "Tab", "Shift+Tab", "Escape"
//   injectScript(source)         runs a script's source in the page's main world
//   printToPdf()                 the page printed, as a PDF Buffer
//   download(trigger)            { name, text } of the file that trigger() downloads
//   wheel(x, y, dy)              a real mouse wheel turn at (x, y)
//   setViewport(width, height)   the page's size in CSS px (Firefox, whose window is at least
//                                500 px wide, zooms the page in for a narrower one)
//   clickInReader(action)        a real click on the reader view's [data-action=action] button
//   newTab(url)                  { evaluate, close } for a second tab, loaded
//   profileDir                   (Chromium) the profile, to restart the browser with it
//   consoleMessages              console output of the page incl. content scripts,
//                                or null where the driver cannot see it
//   close()
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import {
  brokenExtensionDir,
  expectations,
  extensionDir,
  extensionStatus,
  inspectPage,
  pageProbe,
  readerState,
  waitFor,
  withServerAndBrowser,
  openSettled as settledOn,
} from "./harness.mjs";

/** The English messages: what the popup and the reader view say in these browsers. */
const EN = JSON.parse(fs.readFileSync(new URL("../../extension/_locales/en/messages.json", import.meta.url), "utf8"));

const SEED = "/fixtures/seed-news.html";
const RAILS = "/fixtures/overlays-and-rails.html";
const LATE = "/pages/late-modal.html";

/** Every stored setting in the export shape ({ version, defaults, sites }), whatever the storage layout. */
async function storedSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  return globalThis.DeclutterSettings.load(api.storage.local);
}

/** In the page: the late modal and whether the page can scroll. */
function lateModalState() {
  const modal = document.querySelector(".nl-overlay");
  const overflow = (el) => getComputedStyle(el).overflowY;
  return {
    injected: window.lateModal?.injectedAt != null,
    modalShown: modal ? modal.checkVisibility({ visibilityProperty: true, opacityProperty: true }) : null,
    emailShown: modal ? modal.querySelector('input[type="email"]').checkVisibility() : null,
    overflow: { html: overflow(document.documentElement), body: overflow(document.body) },
    scrollable: document.documentElement.scrollHeight > innerHeight,
  };
}

/** In the extension: this host's learned rules (extension/shared/learned.js), or, with `rules`, stores them. */
async function learnedRules([host, rules]) {
  const api = globalThis.browser ?? globalThis.chrome;
  const key = `learned:${host}`;
  if (rules) await api.storage.local.set({ [key]: rules });
  return (await api.storage.local.get(key))[key] ?? [];
}

/**
 * In the page: for each [data-expect] element (document order), its label,
 * whether the probe saw it painted since the page began, and which of
 * `selectors` match it.
 */
function paintedAgainst(selectors) {
  const painted = new Set(window.__e2e.painted);
  return [...document.querySelectorAll("[data-expect]")].map((el, i) => ({
    label: `${el.localName}${el.id ? `#${el.id}` : ""}.${[...el.classList].join(".")}`,
    expect: el.dataset.expect,
    painted: painted.has(i),
    learnedBy: selectors.filter((s) => el.matches(s) || el.querySelector(s) !== null),
    shown: el.checkVisibility(),
  }));
}

async function clearSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  await api.storage.local.clear();
}

/** Every [data-expect] promise of the fixture holds on the live page. */
function assertCleanedAsExpected(state) {
  assert.ok(state.markers > 0, "nothing was hidden");
  assert.equal(state.hideRules, 1, "the document adopted exactly one hide rule");
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
    const { restart } = withServerAndBrowser(launch, extensionDir(extensionFolder), (s, b) => {
      server = s;
      browser = b;
    });

    /** Opens `path`, waits until the content script settled, returns its status. */
    const openSettled = (path) => settledOn(browser, server.url(path));

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

    test("a second visit paints nothing the first visit hid; a learned rule the core does not confirm is dropped at once", async (t) => {
      await browser.inExtension(clearSettings);
      await openSettled(SEED);
      const host = new URL(server.url(SEED)).hostname;
      const { learned } = await waitFor(async () => {
        const rules = await browser.inExtension(learnedRules, [host]);
        return rules.length > 0 && { learned: rules };
      }, "rules learned from the first visit");
      const selectors = learned.map((r) => r.s);
      const first = await browser.evaluate(paintedAgainst, selectors);
      // The probe sees paints: the article was painted on the first visit.
      assert.ok(first.some((e) => e.expect === "visible" && e.painted), "the probe saw no paint at all");
      t.diagnostic(`first visit: ${first.filter((e) => e.expect === "hidden" && e.painted).length} of ${first.filter((e) => e.expect === "hidden").length} blocks to hide were painted before the clean`);
      // Learned only what was hidden: no rule reaches a block that must stay.
      assert.deepEqual(first.filter((e) => e.expect === "visible" && e.learnedBy.length).map((e) => e.label), []);
      const covered = first.filter((e) => e.expect === "hidden" && e.learnedBy.length);
      assert.ok(covered.length >= 5, `the rules cover only ${covered.length} blocks: ${selectors.join(" ")}`);

      // A rule that names the search form, which the core keeps.
      const bad = { s: "#site-search", t: Date.now() };
      await browser.inExtension(learnedRules, [host, [...learned, bad]]);
      const status = await openSettled(SEED);
      assert.equal(status.cleaned, true);
      const second = await browser.evaluate(paintedAgainst, selectors);
      assert.deepEqual(
        second.filter((e) => e.learnedBy.length && e.expect === "hidden" && e.painted).map((e) => e.label),
        [],
        `a block the first visit hid was painted on the second (learned rules: ${JSON.stringify(status.learned)})`,
      );
      t.diagnostic(`second visit: ${status.learned.rules} rules in force, veiled ${status.learned.veil?.ms} ms${status.learned.veil?.timedOut ? " (storage too slow: timed out)" : ""}`);
      assertCleanedAsExpected(await browser.evaluate(inspectPage));
      assert.equal((await browser.evaluate(paintedAgainst, [])).find((e) => e.label.startsWith("form#site-search")).shown, true, "the search form stayed hidden");
      const kept = await browser.inExtension(learnedRules, [host]);
      assert.ok(!kept.some((r) => r.s === bad.s), "the rejected rule was kept");
      assert.ok(kept.length >= learned.length, "confirmed rules were lost");
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
        // The violation (and a CSP report built from it) names no extension:
        // Chromium gives the scheme of the script, not its address or id.
        assert.deepEqual(probe.violations.map((v) => v.sourceFile), ["chrome-extension"]);
      } else {
        // Firefox compiles wasm in content scripts whatever the page's CSP says.
        assert.equal(status.engine, "wasm");
        assert.deepEqual(probe.violations, []);
      }
      assert.deepEqual(probe.newGlobals, []);
    });

    test("hides by its adopted rule under Content-Security-Policy: style-src 'self'", async () => {
      // The policy blocks <style> elements and style attributes, not a
      // constructed sheet: no block needs the inline fallback.
      await browser.inExtension(clearSettings);
      const status = await openSettled(`${SEED}?csp=style`);
      assert.equal(status.error, null);
      assert.equal(status.cleaned, true);
      const state = await browser.evaluate(inspectPage);
      assertCleanedAsExpected(state);
      assert.equal(state.hiddenInline, 0, "blocks were hidden inline: the rule did not take");
      assert.deepEqual((await browser.evaluate(pageProbe)).newGlobals, []);
    });

    test("the cleaning shortcut restores the page exactly, then cleans it again", async () => {
      await browser.inExtension(clearSettings);
      const { tabId } = await openSettled(SEED);
      const { before: original } = await browser.evaluate(pageProbe);
      assert.ok(original && !original.includes("data-declutter"), "the probe saw the page before cleaning");

      await browser.triggerCommand("toggle-clean", tabId);
      await settledBadge(false);
      const restored = await browser.evaluate(pageProbe);
      assert.equal(restored.markers, 0);
      assert.equal(restored.adoptedSheets, 0, "the hide rule is still adopted after restore");
      assert.ok(restored.html === original, "after restore the page does not serialise as before cleaning");

      await browser.triggerCommand("toggle-clean", tabId);
      const { report, badge } = await settledBadge(true);
      assert.equal(badge, String(report.hidden.length));
      assertCleanedAsExpected(await browser.evaluate(inspectPage));
    });

    test("the popup lists what was hidden and why; its per-site switch is remembered across reloads", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, report, host } = await openSettled(SEED);
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        // Every block, in its reason's group: the popup fills them after asking the page.
        const { groups } = await waitFor(async () => {
          const list = await popup.evaluate(() =>
            [...document.querySelectorAll("#groups > .group")].map((g) => ({
              reason: g.dataset.reason,
              description: g.querySelector(".group-description").textContent,
              keys: [...g.querySelectorAll(".block")].map((b) => b.dataset.key),
            })),
          );
          return list.length > 0 && { groups: list };
        }, "the popup's list");
        // The core gives reason ids; the popup explains them in the messages' words (the browsers run in English).
        for (const h of report.hidden) {
          const group = groups.find((g) => g.reason === h.reason);
          assert.ok(group?.keys.includes(h.key), `the popup does not list the block ${h.key} (${h.reason})`);
          assert.equal(group.description, EN[`reasonDescription_${h.reason.replaceAll("-", "_")}`].message);
        }

        // Switch auto-clean off for this site: the page is restored at once...
        await popup.evaluate(() => document.getElementById("auto-clean").click());
        await waitFor(async () => (await browser.evaluate(pageProbe)).markers === 0, "the page to be restored");
      } finally {
        await popup.close();
      }
      const stored = await browser.inExtension(storedSettings);
      assert.deepEqual(stored.sites, { [host]: { autoClean: false } });

      // ...and stays as the site made it after a reload.
      const reloaded = await openSettled(SEED);
      assert.equal(reloaded.cleaned, false);
      assert.equal((await browser.evaluate(pageProbe)).markers, 0);
      await browser.inExtension(clearSettings);
    });
    test("a sign-up modal injected late, with a scroll-lock, is hidden and the page scrolls again, without a click", async () => {
      await browser.inExtension(clearSettings);
      const status = await openSettled(LATE);
      assert.equal(status.cleaned, true, "the late page is cleaned on load");
      assert.equal(status.watching, true, "the observer runs while the page is cleaned");
      const state = await waitFor(async () => {
        const s = await browser.evaluate(lateModalState);
        return s.injected && s.modalShown === false && s.overflow.body !== "hidden" && s.overflow.html !== "hidden" && s;
      }, "the late modal hidden and the scroll-lock undone");
      assert.equal(state.emailShown, false);
      const { report, badge } = await settledBadge(true);
      assert.ok(report.hidden.length >= 1, "the late modal is in the report");
      assert.equal(badge, String(report.hidden.length));
      assert.ok(report.observer.batches >= 1, "a batch ran");
      assert.deepEqual((await browser.evaluate(pageProbe)).newGlobals.filter((g) => g !== "lateModal" && g !== "addCards"), []);

      // The observer's cost: one batch for 50 teaser cards added at once.
      const before = report.observer.batches;
      await browser.evaluate(() => window.addCards(50));
      const after = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s.report.observer.batches > before && s;
      }, "the batch for 50 added cards");
      const batch = after.report.observer.recent.at(-1);
      console.log(`# ${adapterName}: observer batch for 50 added teaser cards: ${batch.ms} ms (core ${batch.coreMs} ms, ${batch.nodesRead} nodes read, hid ${batch.hidden}); triage ${after.report.observer.callbackMs} ms over ${after.report.observer.records} records`);
      assert.ok(batch.ms >= 0 && batch.ms < 1000);
    });

    test("shadow DOM: a consent bar in a closed root, a late modal in an open one, the article in a third; restore is exact", async () => {
      await browser.inExtension(clearSettings);
      const status = await openSettled("/pages/shadow.html");
      assert.equal(status.cleaned, true, "the page is cleaned on load");
      const state = await waitFor(async () => {
        const s = await browser.evaluate(() => window.shadowTest.state());
        return s.injected && s.modalShown === false && s.consentShown === false && s;
      }, "the consent bar and the late modal hidden in their shadow roots");
      assert.ok(state.articleShown.length >= 5 && state.articleShown.every(Boolean), "an article paragraph in the shadow root was hidden");
      const { report } = await settledBadge(true);
      const reasons = report.hidden.map((h) => h.reason);
      assert.ok(reasons.length >= 2, `hidden: ${reasons}`);

      await browser.triggerCommand("toggle-clean", status.tabId); // restore
      await settledBadge(false);
      const restored = await browser.evaluate(() => window.shadowTest.state());
      assert.deepEqual(restored.roots, restored.original, "a shadow tree does not serialise as before cleaning");
      assert.deepEqual(restored.adopted, [0, 0, 0], "the hide rule is still adopted in a shadow root");
      assert.equal(restored.consentShown, true);
      assert.equal(restored.modalShown, true);
    });

    test("late content that comes while the reader view is open is cleaned once the view closes, the page underneath untouched meanwhile", async () => {
      await browser.inExtension(clearSettings);
      const status = await openSettled(SEED);
      assert.equal(status.cleaned, true);
      await browser.triggerCommand("toggle-reader", status.tabId);
      await waitFor(async () => (await browser.inExtension(extensionStatus)).readerShown === true, "the reader view");
      await browser.evaluate(() => {
        const box = document.createElement("div");
        box.className = "late-box";
        box.innerHTML = '<h3>Get our newsletter</h3><form><input type="email" placeholder="Your email"><button>Subscribe</button></form>';
        document.querySelector("article").after(box);
      });
      await browser.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      const underneath = await browser.evaluate(() => document.querySelector(".late-box").hasAttribute("data-declutter"));
      assert.equal(underneath, false, "a batch hid the late box while the view covered the page");
      await browser.triggerCommand("toggle-reader", status.tabId);
      await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s.readerShown === false && (await browser.evaluate(() => document.querySelector(".late-box input").checkVisibility())) === false && s;
      }, "the late box hidden once the view closed");
      const batch = (await browser.inExtension(extensionStatus)).report.observer.recent.at(-1);
      assert.equal(batch.scoped, false, "what came while the view was open is cleaned with the whole page");
    });

    test("a single-page site: a pushState move to the next story is cleaned again, with its own report and badge", async () => {
      await browser.inExtension(clearSettings);
      const first = await openSettled("/pages/spa.html");
      assert.equal(first.cleaned, true);
      const firstKeys = first.report.hidden.map((h) => h.key);
      assert.ok(firstKeys.length >= 1, "story 1's sign-up box was not hidden");
      const shows = (selector) => document.querySelector(selector)?.checkVisibility() ?? null;
      assert.equal(await browser.evaluate(shows, ".story-1 input"), false);

      await browser.evaluate(() => window.spaGo(2));
      const second = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s.navigations === 1 && s.settled && s.cleaned && s.badge === String(s.report?.hidden.length) && s;
      }, "the second story cleaned");
      assert.equal(await browser.evaluate(shows, ".story-2 input"), false, "story 2's sign-up box still shows");
      assert.equal(await browser.evaluate(shows, "article p"), true);
      assert.ok(second.report.hidden.length >= 1);
      assert.ok(second.report.hidden.every((h) => !firstKeys.includes(h.key)), "the report still lists story 1's blocks");
    });

    test("the popup's level switch: focus also hides rails, share bars and the footer; standard shows them again", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, host, report: standardReport } = await openSettled(RAILS);
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      const setLevel = (level) => popup.evaluate((value) => document.querySelector(`input[name="level"][value="${value}"]`).click(), level);
      try {
        await waitFor(() => popup.evaluate(() => !document.getElementById("site").hidden), "the popup");
        await setLevel("focus");
        const focused = await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.level === "focus" && s.cleaned && s;
        }, "the focus level");
        assert.ok(focused.report.hidden.length > standardReport.hidden.length, "focus hides more than standard");
        for (const el of await browser.evaluate(expectations)) {
          if (el.expectFocus === "hidden") assert.equal(el.shown, false, `${el.label} is still shown at focus`);
          if (el.expectFocus === "visible") assert.equal(el.shown, true, `${el.label} was hidden at focus`);
        }
        await waitFor(async () => (await browser.inExtension(extensionStatus)).badge === String(focused.report.hidden.length), "the badge at focus");

        await setLevel("standard");
        const standard = await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.level === "standard" && s.cleaned && s;
        }, "the standard level");
        assert.equal(standard.report.hidden.length, standardReport.hidden.length);
        for (const el of await browser.evaluate(expectations)) {
          if (el.expect === "hidden") assert.equal(el.shown, false, `${el.label} is shown at standard`);
          if (el.expect !== "hidden") assert.equal(el.shown, true, `${el.label} is still hidden at standard`);
        }
      } finally {
        await popup.close();
      }
      assert.deepEqual((await browser.inExtension(storedSettings)).sites, { [host]: { level: "standard" } });
      await browser.inExtension(clearSettings);
    });

    test("'show' on one hidden item shows it, and it stays shown after a reload (remembered for the site)", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, host, report } = await openSettled(SEED);
      const keys = report.hidden.map((h) => h.key);
      assert.ok(keys.every((k) => typeof k === "string" && k.length > 0), `every report item has a key: ${JSON.stringify(report.hidden)}`);
      // Prefer a block whose key is unique; identical repeated blocks share one.
      const index = Math.max(0, keys.findIndex((k) => keys.indexOf(k) === keys.lastIndexOf(k)));
      const key = keys[index];
      const sameKey = keys.filter((k) => k === key).length;
      const markersBefore = (await browser.evaluate(pageProbe)).markers;

      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        await waitFor(() => popup.evaluate((k) => document.querySelector(`.block[data-key="${k}"] button.show`) !== null, key), "the block's Show button");
        await popup.evaluate((k) => document.querySelector(`.block[data-key="${k}"] button.show`).click(), key);
        const shown = await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.report.hidden.length === report.hidden.length - sameKey && s;
        }, "the item to leave the report");
        assert.ok(!shown.report.hidden.some((h) => h.key === key));
        assert.equal((await browser.evaluate(pageProbe)).markers, markersBefore - sameKey);
        await waitFor(async () => (await browser.inExtension(extensionStatus)).badge === String(shown.report.hidden.length), "the badge");
      } finally {
        await popup.close();
      }
      assert.deepEqual((await browser.inExtension(storedSettings)).sites, { [host]: { keep: [key] } });
      // Late content makes the observer clean again; the kept block stays shown.
      const batches = (await browser.inExtension(extensionStatus)).report.observer.batches;
      await browser.evaluate(() => document.body.append(Object.assign(document.createElement("div"), { textContent: "late" })));
      const later = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s.report.observer.batches > batches && s;
      }, "a batch after late content");
      assert.ok(!later.report.hidden.some((h) => h.key === key));
      assert.equal((await browser.evaluate(pageProbe)).markers, markersBefore - sameKey);

      const reloaded = await openSettled(SEED);
      assert.equal(reloaded.cleaned, true);
      assert.ok(!reloaded.report.hidden.some((h) => h.key === key), "the kept block was hidden again after a reload");
      assert.equal(reloaded.report.hidden.length, report.hidden.length - sameKey);
      assert.equal((await browser.evaluate(pageProbe)).markers, markersBefore - sameKey);

      // "Hide them again" forgets the choice and hides the block at once.
      const again = await browser.openExtensionPage(`popup/popup.html?tab=${reloaded.tabId}`);
      try {
        await waitFor(() => again.evaluate(() => !document.getElementById("kept").hidden), "the kept blocks line");
        await again.evaluate(() => document.getElementById("forget-kept").click());
        await waitFor(async () => (await browser.inExtension(extensionStatus)).report.hidden.length === report.hidden.length, "the block hidden again");
      } finally {
        await again.close();
      }
      assert.equal((await browser.evaluate(pageProbe)).markers, markersBefore);
      assert.deepEqual((await browser.inExtension(storedSettings)).sites, {});
      await browser.inExtension(clearSettings);
    });

    test("reader view from the shortcut and the popup: the article in its shadow root; closing gives back the page byte for byte", async () => {
      await browser.inExtension(clearSettings);
      const { tabId } = await openSettled(SEED);
      const before = await browser.evaluate(readerState);
      assert.equal(before.hosts, 0);
      assert.ok(before.markers > 0, "the page is cleaned under the view");

      const opened = async (how) => {
        const s = await waitFor(async () => {
          const r = await browser.evaluate(readerState);
          return r.hosts === 1 && r.shadowText && r;
        }, `the reader view after ${how}`);
        assert.ok(s.shadowText.includes(before.title), `the view shows the article title (${how})`);
        assert.equal(s.markers, before.markers, "opening the view does not change the cleaning");
        assert.equal((await browser.inExtension(extensionStatus)).readerShown, true);
      };
      const closed = async (how) => {
        const s = await waitFor(async () => {
          const r = await browser.evaluate(readerState);
          return r.hosts === 0 && r;
        }, `the reader view to close after ${how}`);
        assert.ok(s.html === before.html, `after ${how} the page does not serialise as before the view opened`);
        await waitFor(async () => (await browser.inExtension(extensionStatus)).readerShown === false, "the content script to know");
      };

      await browser.triggerCommand("toggle-reader", tabId);
      await opened("the shortcut");
      // The view's own words are the extension's messages, its date and
      // reading time written by Intl in the same language.
      const words = await browser.evaluate(readerState);
      assert.match(words.toolbarLang, /^en\b/);
      assert.equal(words.closeTitle, EN.readerClose.message);
      assert.equal(words.closeText, EN.readerCloseButton.message);
      assert.match(words.meta, /(December 26, 2024|26 December 2024) · \d+ min read$/);
      await browser.triggerCommand("toggle-reader", tabId);
      await closed("the shortcut");

      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        await waitFor(() => popup.evaluate(() => !document.getElementById("page-state").hidden), "the popup");
        await popup.evaluate(() => document.querySelector('#page-state [data-state="reader"]').click());
        await opened("the popup's button");
      } finally {
        await popup.close();
      }
      // The page cannot reach the settings through the view: its synthetic
      // clicks on the view's controls and the events the view once sent
      // change nothing...
      const defaultsBefore = (await browser.inExtension(storedSettings)).defaults;
      const fontSize = defaultsBefore.fontSize;
      await browser.evaluate(() => {
        const host = document.querySelector('[data-declutter-own="reader"]');
        for (let i = 0; i < 200; i++) {
          host.shadowRoot.querySelector('[data-action="theme-dark"]').click();
          host.shadowRoot.querySelector('[data-action="wider"]').click();
          const forged = JSON.stringify({ theme: "dark", fontSize: 30, width: 1000, lineHeight: 2.2 });
          host.dispatchEvent(new CustomEvent("declutter:reader-prefs", { detail: forged, bubbles: true }));
        }
      });
      // ...while the reader's real clicks report new prefs; they become the defaults...
      await browser.clickInReader("panel-appearance");
      await browser.clickInReader("theme-sepia");
      await browser.clickInReader("font-larger");
      const saved = await waitFor(async () => {
        const d = (await browser.inExtension(storedSettings)).defaults;
        return d?.theme === "sepia" && d.fontSize === fontSize + 1 && d;
      }, "the reader prefs to be saved");
      assert.equal(saved.width, defaultsBefore.width, "a synthetic click changed the width");
      assert.equal((await browser.evaluate(readerState)).theme, "sepia");
      // The cleaning shortcut, while the view is open, closes it.
      await browser.triggerCommand("toggle-clean", tabId);
      await closed("the cleaning shortcut");

      // ...and the view opens with them next time.
      await browser.triggerCommand("toggle-reader", tabId);
      await opened("the shortcut, again");
      const reopened = await browser.evaluate(readerState);
      assert.equal(reopened.theme, "sepia");
      assert.match(reopened.prefsStyle ?? "", new RegExp(`--dc-font-size:\\s*${fontSize + 1}px`));
      await browser.pressEscape();
      await closed("Escape");
      assert.equal((await browser.inExtension(extensionStatus)).cleaned, true, "the cleaning stayed on");
      await browser.inExtension(clearSettings);
    });

    test("auto-reader for a site: set in the popup, it opens on reload and in a new tab" + (adapterName === "chromium" ? ", and after a browser restart" : ""), async () => {
      await browser.inExtension(clearSettings);
      const { tabId, host } = await openSettled(SEED);
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        await waitFor(() => popup.evaluate(() => !document.getElementById("site").hidden), "the popup");
        await popup.evaluate(() => document.getElementById("auto-reader").click());
        await waitFor(async () => (await browser.inExtension(storedSettings)).sites?.[host]?.autoReader === true, "the site setting");
      } finally {
        await popup.close();
      }
      const inView = (r) => r.hosts === 1 && r.shadowText && r.title && r.shadowText.includes(r.title);

      const reloaded = await openSettled(SEED);
      assert.equal(reloaded.readerShown, true, "auto-reader on reload");
      assert.ok(inView(await browser.evaluate(readerState)));

      const tab = await browser.newTab(server.url(SEED));
      try {
        await waitFor(async () => inView(await tab.evaluate(readerState)), "the reader view in a new tab");
      } finally {
        await tab.close();
      }

      if (browser.profileDir) {
        // Quit and start again on the same profile: the setting persisted.
        await restart();
        const restarted = await openSettled(SEED);
        assert.equal(restarted.readerShown, true, "auto-reader after a restart");
        assert.ok(inView(await browser.evaluate(readerState)));
      }
      await browser.inExtension(clearSettings);
    });
  });

  describe(`${adapterName}: a failing core`, () => {
    let server;
    let browser;
    withServerAndBrowser(launch, brokenExtensionDir(extensionFolder), (s, b) => {
      server = s;
      browser = b;
    });

    test("puts the page back after each trap, starts afresh once, then stops, one console message each", async () => {
      await browser.open(server.url(SEED));
      const status = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s?.settled === true && s;
      }, "the content script to settle");
      // The automatic clean trapped: the page is as the site made it, and
      // Declutter is still usable (the next action gets a fresh core).
      assert.equal(status.traps, 1);
      assert.equal(status.error, null);
      assert.equal(status.cleaned, false);
      assert.equal(status.badge, "");
      const untouched = async () => {
        const probe = await browser.evaluate(pageProbe);
        assert.equal(probe.markers, 0);
        assert.equal(probe.adoptedSheets, 0, "the hide rule is still adopted");
        assert.ok(probe.html === probe.before, "the page was modified");
      };
      await untouched();
      const ours = () => (browser.consoleMessages ?? []).filter((m) => m.text.startsWith("Declutter:"));
      if (browser.consoleMessages) {
        assert.equal(ours().length, 1, `expected one console message, got ${JSON.stringify(ours())}`);
        assert.equal(ours()[0].type, "error");
      }

      // A shortcut tries again on a fresh core, which traps too: now it stops.
      await browser.triggerCommand("toggle-clean", status.tabId);
      const second = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s?.traps === 2 && s;
      }, "the second trap");
      assert.match(second.error ?? "", /internal error/);
      assert.equal(second.cleaned, false);
      await untouched();
      if (browser.consoleMessages) {
        await waitFor(() => ours().length === 2, "the second console message");
        assert.match(ours()[1].text, /stops here/);
      }

      // A shortcut afterwards does not retry the broken core or touch the page.
      await browser.triggerCommand("toggle-clean", status.tabId);
      const after = await browser.inExtension(extensionStatus);
      assert.equal(after.traps, 2);
      assert.equal(after.cleaned, false);
      await untouched();
    });
  });
}
