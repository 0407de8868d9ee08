// e2e cases for settings at scale and under concurrency, run in each browser
// by chromium.test.mjs and firefox.test.mjs (see cases.mjs for the adapter
// interface). Numbers worth keeping (read times, the options page's first
// render) are printed as test diagnostics.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { extensionDir, waitFor, withServerAndBrowser, openSettled as settledOn } from "./harness.mjs";

const SEED = "/fixtures/seed-news.html";
const MANY = 100_000;

// ---- functions evaluated inside the extension -----------------------------

async function clearSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  await api.storage.local.clear();
  return true;
}

/** Everything in storage, as stored (the layout, not the export shape). */
async function storedRaw() {
  const api = globalThis.browser ?? globalThis.chrome;
  return api.storage.local.get(null);
}

/** Stores sites h<from>.example ... h<to - 1>.example (version 2 layout) in one set. */
async function seedSites({ from, to }) {
  const api = globalThis.browser ?? globalThis.chrome;
  const items = {};
  for (let i = from; i < to; i += 1) items[`site:h${i}.example`] = { level: i % 2 ? "focus" : "standard", keep: [`k${i}`] };
  await api.storage.local.set(items);
  return true;
}

async function setItems(items) {
  const api = globalThis.browser ?? globalThis.chrome;
  await api.storage.local.set(items);
  return true;
}

/** The median time, in ms, of reading what a page load reads (Settings.loadSite: the defaults and one site key). */
async function timeSiteRead(host) {
  const api = globalThis.browser ?? globalThis.chrome;
  const times = [];
  for (let i = 0; i < 15; i += 1) {
    const start = performance.now();
    await globalThis.DeclutterSettings.loadSite(api.storage.local, host);
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[7] };
}

/** The time, in ms, of reading every setting (Settings.load), which every page load did before. */
async function timeFullRead() {
  const api = globalThis.browser ?? globalThis.chrome;
  const start = performance.now();
  const { sites } = await globalThis.DeclutterSettings.load(api.storage.local);
  return { ms: performance.now() - start, sites: Object.keys(sites).length };
}

export function defineSettingsCases(adapterName, extensionFolder, launch) {
  describe(`${adapterName}: settings at scale and under concurrency`, () => {
    let server;
    let browser;

    withServerAndBrowser(
      launch,
      extensionDir(extensionFolder),
      (s, b) => {
        server = s;
        browser = b;
      },
      { beforeClose: (b) => b.inExtension(clearSettings).catch(() => {}) },
    );

    /**
     * Stores MANY sites: h0.example ... and `host`, with `defaults`. In
     * chunks: Firefox writes a few thousand keys a second, and one WebDriver
     * script may run 30 s. Done once; the cases after the first reuse it.
     */
    let seededFor = null;
    async function seedMany(host) {
      if (seededFor === host) return;
      await browser.inExtension(clearSettings);
      const chunk = 10_000;
      for (let from = 0; from < MANY - 1; from += chunk) {
        await browser.inExtension(seedSites, { from, to: Math.min(MANY - 1, from + chunk) });
      }
      await browser.inExtension(setItems, { version: 2, defaults: { theme: "sepia" }, [`site:${host}`]: { level: "focus" } });
      seededFor = host;
    }

    async function clear() {
      await browser.inExtension(clearSettings);
      seededFor = null;
    }

    /** Opens `path`, waits until the content script settled, returns its status and the time it took. */
    async function openSettled(path) {
      const start = Date.now();
      const status = await settledOn(browser, server.url(path));
      return { status, ms: Date.now() - start };
    }

    test(`with ${MANY.toLocaleString("en")} sites stored, a page load still cleans and reads only its own site`, async (t) => {
      await clear();
      const empty = await openSettled(SEED);
      const host = empty.status.host;

      await seedMany(host);
      const many = await openSettled(SEED);
      assert.equal(many.status.error, null);
      assert.equal(many.status.cleaned, true, "auto-clean did not run");
      assert.equal(many.status.level, "focus", "the page did not read its own site's entry");
      assert.ok(many.status.report.hidden.length > 0);

      const site = await browser.inExtension(timeSiteRead, host);
      const all = await browser.inExtension(timeFullRead);
      assert.equal(all.sites, MANY);
      t.diagnostic(
        `page load to settled: ${empty.ms} ms with no settings, ${many.ms} ms with ${MANY} sites; ` +
          `a page's settings read (loadSite): ${site.ms.toFixed(1)} ms; reading every setting (load, what a page did before): ${all.ms.toFixed(0)} ms`,
      );
      assert.ok(site.ms < 100, `a page's settings read took ${site.ms} ms`);
      assert.ok(site.ms * 5 < all.ms, "reading one site is not much cheaper than reading all");
    });

    test(`the options page shows ${MANY.toLocaleString("en")} sites without freezing, with a search box and pages of rows`, async (t) => {
      await seedMany(new URL(server.url(SEED)).hostname);
      const options = await browser.openExtensionPage("options/options.html");
      try {
        const { ms: shownAt } = await waitFor(
          () =>
            options.evaluate(() => {
              const mark = performance.getEntriesByName("declutter:sites-shown")[0];
              return mark ? { ms: mark.startTime } : false;
            }),
          "the options page's site list",
          60_000,
        );
        const first = await options.evaluate(() => ({
          rows: document.querySelectorAll("#sites tbody tr").length,
          count: document.getElementById("sites-count").textContent,
          more: !document.getElementById("more-sites").hidden,
        }));
        assert.equal(first.rows, 100);
        assert.ok(first.more, "no 'Show more' button");
        assert.match(first.count, /100,000|100000/);

        // A search over every site, timed in the page from the keystroke to the rows.
        const search = await options.evaluate(
          () =>
            new Promise((resolve, reject) => {
              const input = document.getElementById("site-search");
              const body = document.querySelector("#sites tbody");
              const hosts = () => [...body.querySelectorAll("td.host")].map((td) => td.textContent);
              const start = performance.now();
              const observer = new MutationObserver(() => {
                if (hosts().length !== 1) return;
                observer.disconnect();
                resolve({ ms: performance.now() - start, hosts: hosts() });
              });
              observer.observe(body, { childList: true });
              setTimeout(() => reject(new Error(`the search did not narrow the list: ${hosts().length} rows`)), 10_000);
              input.value = "h4242.";
              input.dispatchEvent(new Event("input"));
            }),
        );
        assert.deepEqual(search.hosts, ["h4242.example"]);
        await options.evaluate(() => {
          const input = document.getElementById("site-search");
          input.value = "";
          input.dispatchEvent(new Event("input"));
          return true;
        });
        await waitFor(() => options.evaluate(() => document.querySelectorAll("#sites tbody tr").length === 100), "the whole list again");
        await options.evaluate(() => {
          document.getElementById("more-sites").click();
          return true;
        });
        await waitFor(() => options.evaluate(() => document.querySelectorAll("#sites tbody tr").length === 200), "a second page of rows");
        t.diagnostic(`options page: ${MANY} sites listed ${shownAt.toFixed(0)} ms after navigation; a search over all of them: ${search.ms.toFixed(1)} ms`);
        assert.ok(search.ms < 500, `a search took ${search.ms} ms`);

        // "Forget" removes that site's key only, and the row goes.
        const host = await options.evaluate(() => {
          const button = document.querySelector("#sites button[data-host]");
          button.click();
          return button.dataset.host;
        });
        await waitFor(
          async () => !(await options.evaluate((h) => [...document.querySelectorAll("#sites td.host")].some((td) => td.textContent === h), host)),
          "the forgotten site's row to go",
        );
        const stored = await browser.inExtension(storedRaw);
        assert.equal(stored[`site:${host}`], undefined);
        assert.equal(Object.keys(stored).filter((k) => k.startsWith("site:")).length, MANY - 1);
      } finally {
        await options.close();
      }
    });

    test("the popup and the content script writing at the same time: 5 of 5 writes survive", async () => {
      await clear();
      const { status } = await openSettled(SEED);
      const { tabId, host } = status;
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      try {
        await waitFor(() => popup.evaluate(() => !document.getElementById("site").hidden), "the popup");
        // All five start before any finishes: three from the popup (one of
        // them through its own level switch), two from the content script
        // (its "show" keeps a block for the site). Four write the same key.
        await popup.evaluate(
          ({ tabId, host }) => {
            const api = globalThis.browser ?? globalThis.chrome;
            document.querySelector('input[name="level"][value="focus"]').click();
            return Promise.all([
              globalThis.DeclutterSettings.updateDefaults(api.storage.local, { theme: "sepia" }),
              globalThis.DeclutterSettings.updateSite(api.storage.local, host, { autoReader: true }),
              api.tabs.sendMessage(tabId, { type: "declutter:show", key: "e2e-kept-1" }),
              api.tabs.sendMessage(tabId, { type: "declutter:show", key: "e2e-kept-2" }),
            ]).then(() => true);
          },
          { tabId, host },
        );
      } finally {
        await popup.close();
      }
      const want = { theme: "sepia", level: "focus", autoReader: true, keep: ["e2e-kept-1", "e2e-kept-2"] };
      const got = (s) => ({
        theme: s.defaults?.theme,
        level: s[`site:${host}`]?.level,
        autoReader: s[`site:${host}`]?.autoReader,
        keep: [...(s[`site:${host}`]?.keep ?? [])].sort(),
      });
      let last;
      await waitFor(async () => {
        last = got(await browser.inExtension(storedRaw));
        return JSON.stringify(last) === JSON.stringify(want);
      }, "all five writes in storage").catch(() => {
        assert.deepEqual(last, want, "a write was lost");
      });
      await clear();
    });

    test("a version-1 store: pages read it as is, the first write migrates it once with nothing lost, and import merges", async () => {
      await clear();
      const host = (await openSettled(SEED)).status.host;
      const sites = { [host]: { level: "focus" }, "Old.Example.": { autoReader: true, keep: ["a", "a", "b"] } };
      for (let i = 0; i < 1000; i += 1) sites[`v1-${i}.example`] = { autoClean: false };
      await browser.inExtension(async (v1) => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.storage.local.set(v1);
        return true;
      }, { version: 1, defaults: { theme: "dark" }, sites });
      const before = await browser.inExtension(() => globalThis.DeclutterSettings.load((globalThis.browser ?? globalThis.chrome).storage.local));

      const { status } = await openSettled(SEED);
      assert.equal(status.level, "focus", "the page did not read version 1's entry");

      const options = await browser.openExtensionPage("options/options.html");
      try {
        await waitFor(() => options.evaluate(() => performance.getEntriesByName("declutter:sites-shown").length === 1), "the options page");
        // A change in the options page is the first write: the background migrates first.
        await options.evaluate(() => {
          const select = document.querySelector('select[name="level"]');
          select.value = "focus";
          select.dispatchEvent(new Event("change", { bubbles: true }));
          return true;
        });
        const migrated = await waitFor(async () => {
          const s = await browser.inExtension(storedRaw);
          return s.version === 2 && s.sites === undefined && s.defaults?.level === "focus" ? s : false;
        }, "the migration");
        assert.deepEqual(migrated[`site:${host}`], { level: "focus" });
        assert.deepEqual(migrated["site:old.example"], { autoReader: true, keep: ["a", "b"] });
        assert.equal(Object.keys(migrated).filter((k) => k.startsWith("site:")).length, 1002);
        const afterMigration = await browser.inExtension(() => globalThis.DeclutterSettings.load((globalThis.browser ?? globalThis.chrome).storage.local));
        assert.deepEqual(afterMigration, { ...before, defaults: { ...before.defaults, level: "focus" } }, "the migration lost something");

        // Import a file through the page's own button: it merges.
        const file = JSON.stringify({
          version: 1,
          defaults: { fontSize: 24 },
          sites: { [host]: { autoClean: false }, "new.example": { level: "focus" } },
        });
        await options.evaluate((text) => {
          const input = document.getElementById("import-file");
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], "declutter-settings.json", { type: "application/json" }));
          input.files = transfer.files;
          input.dispatchEvent(new Event("change"));
          return true;
        }, file);
        const message = await waitFor(
          async () => {
            const text = await options.evaluate(() => document.getElementById("message").textContent);
            return text.includes("Imported") ? { text } : false;
          },
          "the import's summary",
        );
        assert.match(message.text, /2 sites: 1 new, 1 replaced/);
        const merged = await browser.inExtension(storedRaw);
        assert.deepEqual(merged[`site:${host}`], { autoClean: false });
        assert.deepEqual(merged["site:new.example"], { level: "focus" });
        assert.deepEqual(merged["site:old.example"], { autoReader: true, keep: ["a", "b"] }, "import dropped a site it did not mention");
        assert.equal(Object.keys(merged).filter((k) => k.startsWith("site:")).length, 1003);
        assert.deepEqual(merged.defaults, { ...afterMigration.defaults, fontSize: 24 });
      } finally {
        await options.close();
      }
      await clear();
    });
  });
}
