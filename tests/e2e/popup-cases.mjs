// The popup, the first-run page and the report (issue 21), written once and
// run in each browser by chromium.test.mjs and firefox.test.mjs with the
// packed extension. The adapter interface is cases.mjs's, plus:
//   firstRun                     what the first-run page showed at install ({ url, lang, title }),
//                                or null when the browser started on an existing profile
//   firstRunTabs()               how many first-run tabs opened since the browser started
//   toolbarPopup()               the toolbar button's open popup: { url, text(selector), close() }, or null
//   openExtensionPage(path)      also gives run(functionBody) (CSP does not apply) and press(key),
//                                a real key press ("Tab", "Shift+Tab", "Enter", "ArrowDown", …)
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import {
  FIRST_RUN_PAGE,
  controlBorderContrast,
  extensionDir,
  extensionStatus,
  openSettled,
  pageProbe,
  runAxe,
  waitFor,
  withServerAndBrowser,
} from "./harness.mjs";

const EN = JSON.parse(fs.readFileSync(new URL("../../extension/_locales/en/messages.json", import.meta.url), "utf8"));
const SEED = "/fixtures/seed-news.html";
const NO_ARTICLE = "/pages/no-article.html";

/** An English message with its placeholders filled in order, as getMessage does. */
function english(key, ...values) {
  const entry = EN[key];
  const content = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  return entry.message.replace(/\$(\w+)\$/g, (_, name) => content[name.toLowerCase()].replace(/\$(\d)/, (__, i) => String(values[i - 1])));
}

/** The English counted phrase for `count`, as shared/i18n.js plural() picks it. */
const counted = (key, count) => english(`${key}_${new Intl.PluralRules("en").select(count)}`, count.toLocaleString("en"));

async function clearSettings() {
  const api = globalThis.browser ?? globalThis.chrome;
  await api.storage.local.clear();
  return true;
}

/** Everything in storage, as stored. */
function storedRaw() {
  const api = globalThis.browser ?? globalThis.chrome;
  return api.storage.local.get(null);
}

/** In the popup: its groups as shown (title, description, blocks with their keys and copies). */
function popupGroups() {
  return [...document.querySelectorAll("#groups > .group")].map((group) => ({
    reason: group.dataset.reason,
    title: group.querySelector(".group-title").textContent,
    description: group.querySelector(".group-description").textContent,
    blocks: [...group.querySelectorAll(".block")].map((block) => ({ key: block.dataset.key, copies: block.querySelector(".copies")?.textContent ?? null })),
  }));
}

/** In the page: the blocks shown for a moment, and whether each is visible, outlined and in the window. */
function spotlightState() {
  const shown = [...document.querySelectorAll("[data-declutter-spotlight]")].map((el) => {
    const rect = el.getBoundingClientRect();
    return {
      visible: el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && rect.height > 0,
      outline: getComputedStyle(el).outlineStyle,
      inWindow: rect.bottom > 0 && rect.top < innerHeight,
    };
  });
  return { shown, markers: document.querySelectorAll("[data-declutter]").length, html: document.documentElement.outerHTML };
}

/** In an extension page: what has the focus, described. */
function focused() {
  const el = document.activeElement;
  return {
    tag: el?.localName ?? null,
    id: el?.id || null,
    className: el?.className || null,
    name: el?.getAttribute?.("name") ?? null,
    value: el?.value ?? null,
    text: el?.textContent?.trim().slice(0, 60) ?? null,
    reason: el?.closest?.(".group")?.dataset.reason ?? null,
    key: el?.closest?.(".block")?.dataset.key ?? null,
  };
}

/** In the popup: opens the group of the block with `key` and clicks the block's `kind` button ("where", "show", "wrong"). */
function clickBlockButton({ key, kind }) {
  const block = document.querySelector(`.block[data-key="${key}"]`);
  block.closest("details").open = true;
  block.querySelector(`.${kind}`).click();
  return true;
}

/** What keyboard focus may rest on: controls, never a list or a box. */
const FOCUSABLE_TAGS = new Set(["button", "input", "select", "summary", "a"]);

export function definePopupCases(adapterName, extensionFolder, launch) {
  describe(`${adapterName}: the popup, the first run and the report`, () => {
    let server;
    let browser;
    const { restart } = withServerAndBrowser(launch, extensionDir(extensionFolder), (s, b) => {
      server = s;
      browser = b;
    });

    const settled = (p) => openSettled(browser, server.url(p));

    /** The popup as a page for `tabId`, once it has drawn the page's report. */
    async function openPopup(tabId) {
      const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      // Ready: the page's state, its status line and the site's switches all show.
      const ready = () => ["page-state", "site"].every((id) => !document.getElementById(id).hidden) && document.getElementById("status").textContent !== "";
      await waitFor(() => popup.evaluate(ready), "the popup");
      return popup;
    }

    test("the first run: the welcome page opened once, on install, in the browser's language", async () => {
      const { firstRun } = browser;
      assert.ok(firstRun, "no first-run page opened on install");
      assert.ok(new URL(firstRun.url).pathname.endsWith(`/${FIRST_RUN_PAGE}`), firstRun.url);
      assert.match(firstRun.lang, /^en\b/);
      assert.equal(firstRun.title.trim(), EN.welcomeTitle.message);
      // The adapter closed it; nothing opened it again since (pages, popups, the options page).
      await settled(SEED);
      assert.equal(await browser.firstRunTabs(), 1);
      if (browser.profileDir) {
        // A browser restart on the same profile is no install: nothing opens.
        await restart();
        await settled(SEED);
        assert.equal(await browser.firstRunTabs(), 0, "the first-run page opened again after a restart");
      }
      // What it says, and how to undo: the shortcuts as the browser has them.
      const welcome = await browser.openExtensionPage(FIRST_RUN_PAGE);
      try {
        const page = await waitFor(async () => {
          const p = await welcome.evaluate(() => ({
            undo: document.getElementById("undo-popup").textContent,
            shortcuts: [...document.querySelectorAll("#shortcuts li")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
            never: [...document.querySelectorAll('[aria-labelledby="never"] li')].map((li) => li.textContent),
          }));
          return p.shortcuts.length === 2 && p;
        }, "the first-run page's shortcuts");
        assert.equal(page.undo, english("welcomeUndoPopup", EN.popupStatePublished.message));
        assert.deepEqual(page.shortcuts, [`Alt+Shift+U ${EN.commandToggleClean.message}`, `Alt+Shift+E ${EN.commandToggleReader.message}`]);
        assert.deepEqual(page.never, [EN.welcomeNeverLists.message, EN.welcomeNeverTracks.message, EN.welcomeNeverRemoves.message]);
      } finally {
        await welcome.close();
      }
    });

    test("a left click on the toolbar button opens the popup (default_popup), which shows this page; the page stays cleaned", async () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir(extensionFolder), "manifest.json"), "utf8"));
      assert.equal(manifest.action.default_popup, "popup/popup.html");
      await browser.inExtension(clearSettings);
      const status = await settled(SEED);
      assert.equal(status.cleaned, true);
      const count = status.report.hidden.length;
      const markers = (await browser.evaluate(pageProbe)).markers;
      if (adapterName === "chromium") {
        // Nothing in the background listens to the click any more.
        assert.equal(await browser.inExtension(() => globalThis.chrome.action.onClicked.hasListeners()), false);
      }

      await browser.clickToolbar();
      const popup = await waitFor(() => browser.toolbarPopup(), "the toolbar popup");
      try {
        assert.ok(new URL(popup.url).pathname.endsWith("/popup/popup.html"), popup.url);
        // It found the page's tab itself (no ?tab=) and shows its report.
        await waitFor(async () => (await popup.text("#status")) === english("popupCleaned", count), "the popup's status line");
        assert.equal(await popup.text('#page-state [aria-pressed="true"]'), EN.popupStateCleaned.message);
      } finally {
        await popup.close();
      }
      const after = await browser.inExtension(extensionStatus);
      assert.equal(after.cleaned, true, "the click restored the page");
      assert.equal((await browser.evaluate(pageProbe)).markers, markers);
    });

    test("on a page that is no article the popup says that its main content is left alone; on an article it does not", async () => {
      await browser.inExtension(clearSettings);
      const { tabId } = await settled(NO_ARTICLE);
      await browser.triggerCommand("toggle-clean", tabId);
      const cleaned = await waitFor(async () => {
        const s = await browser.inExtension(extensionStatus);
        return s.cleaned === true && s;
      }, "the clean of the app page");
      assert.equal(cleaned.report.articlePage, false);
      const noteOf = (popup) => popup.evaluate(() => {
        const note = document.getElementById("page-kind");
        return { shown: !note.hidden, text: note.textContent };
      });
      let popup = await openPopup(tabId);
      try {
        assert.deepEqual(await noteOf(popup), { shown: true, text: EN.popupNotArticle.message });
      } finally {
        await popup.close();
      }
      const seed = await settled(SEED);
      assert.equal(seed.report.articlePage, true);
      popup = await openPopup(seed.tabId);
      try {
        assert.equal((await noteOf(popup)).shown, false);
      } finally {
        await popup.close();
      }
    });

    test("the report groups the hidden blocks by reason, counted in plain words with the language's plural forms", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, report } = await settled(SEED);
      const popup = await openPopup(tabId);
      try {
        const byReason = new Map();
        for (const item of report.hidden) byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), item]);
        const groups = await waitFor(async () => {
          const g = await popup.evaluate(popupGroups);
          return g.length === byReason.size && { g };
        }, "the popup's groups");
        assert.ok(byReason.get("subscribe")?.length >= 2, "the seed page hides several sign-up forms");
        for (const group of groups.g) {
          const items = byReason.get(group.reason);
          const id = group.reason.replaceAll("-", "_");
          assert.equal(group.title, counted(`reasonCount_${id}`, items.length));
          assert.equal(group.description, EN[`reasonDescription_${id}`].message);
          // Identical copies (one key) are one block, with their number.
          const keys = [...new Set(items.map((item) => item.key))];
          assert.deepEqual(group.blocks.map((b) => b.key), keys);
          for (const block of group.blocks) {
            const copies = items.filter((item) => item.key === block.key).length;
            assert.equal(block.copies, copies > 1 ? counted("popupCopies", copies) : null);
          }
        }
        console.log(`# ${adapterName}: ${report.hidden.length} hidden blocks in ${groups.g.length} groups: ${groups.g.map((g) => g.title).join("; ")}`);
        // Internal ids are never shown.
        const text = await popup.evaluate(() => document.getElementById("report").innerText);
        for (const reason of byReason.keys()) if (reason.includes("-")) assert.ok(!text.includes(reason), `the popup shows the id ${reason}`);
      } finally {
        await popup.close();
      }
    });

    test("what was learned on the site is listed in the popup, and Forget clears it", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, host } = await settled(SEED);
      const key = `learned:${host}`;
      const { rules } = await waitFor(async () => {
        const stored = (await browser.inExtension(storedRaw))[key];
        return stored?.length > 0 && { rules: stored };
      }, "rules learned on the seed page");
      const popup = await openPopup(tabId);
      try {
        const shown = await waitFor(
          () => popup.evaluate(() => !document.getElementById("learned").hidden && { summary: document.getElementById("learned-count").textContent, listed: [...document.querySelectorAll("#learned-list code")].map((c) => c.textContent) }),
          "the learned rules in the popup",
        );
        assert.equal(shown.summary, english("popupLearned", rules.length));
        assert.deepEqual(shown.listed, rules.map((r) => r.s));
        await popup.evaluate(() => document.getElementById("forget-learned").click());
        await waitFor(() => popup.evaluate(() => document.getElementById("learned").hidden), "the learned line to go");
        assert.equal((await browser.inExtension(storedRaw))[key], undefined, "the rules are still stored");
      } finally {
        await popup.close();
      }
    });

    test("Show where: the page scrolls to the block, shows it outlined for a moment, then hides it again, exactly", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, report } = await settled(SEED);
      // The last block is the furthest down the page.
      const key = report.hidden.at(-1).key;
      const copies = report.hidden.filter((item) => item.key === key).length;
      await browser.evaluate(() => scrollTo(0, 0));
      const before = await browser.evaluate(spotlightState);
      assert.deepEqual(before.shown, []);
      const popup = await openPopup(tabId);
      try {
        await popup.evaluate(clickBlockButton, { key, kind: "where" });
        const during = await waitFor(async () => {
          const s = await browser.evaluate(spotlightState);
          return s.shown.length === copies && s.shown.every((b) => b.visible && b.outline === "solid") && s.shown.some((b) => b.inWindow) && s;
        }, "the block shown, outlined, in the window");
        assert.equal(during.markers, before.markers - copies, "only the block's own marker came off");
        const afterwards = await waitFor(async () => {
          const s = await browser.evaluate(spotlightState);
          return s.shown.length === 0 && s.markers === before.markers && s;
        }, "the block hidden again");
        assert.ok(afterwards.html === before.html, "the page does not serialise as before Show where");
        const status = await browser.inExtension(extensionStatus);
        assert.equal(status.report.hidden.length, report.hidden.length, "Show where changed the report");
      } finally {
        await popup.close();
      }
    });

    test("Peek: every hidden block shown outlined for a moment, then hidden again, exactly", async () => {
      await browser.inExtension(clearSettings);
      const { tabId } = await settled(SEED);
      const before = await browser.evaluate(spotlightState);
      assert.ok(before.markers > 2);
      const popup = await openPopup(tabId);
      try {
        await popup.evaluate(() => document.getElementById("peek").click());
        const during = await waitFor(async () => {
          const s = await browser.evaluate(spotlightState);
          return s.shown.length === before.markers && s.shown.every((b) => b.visible && b.outline === "solid") && s;
        }, "every hidden block shown and outlined");
        assert.equal(during.markers, 0);
        const afterwards = await waitFor(async () => {
          const s = await browser.evaluate(spotlightState);
          return s.shown.length === 0 && s.markers === before.markers && s;
        }, "the blocks hidden again");
        assert.ok(afterwards.html === before.html, "the page does not serialise as before the peek");
        // The popup says what happened, then the page's status again.
        await waitFor(async () => (await popup.evaluate(() => document.getElementById("status").textContent)) !== EN.popupPeeking.message, "the status line back");
      } finally {
        await popup.close();
      }
    });

    test("This was wrong: shows the block, keeps it on the site, notes it locally; the options page exports the notes as JSON and clears them", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, host, report } = await settled(`${SEED}?utm=e2e#top`);
      const item = report.hidden[0];
      const copies = report.hidden.filter((h) => h.key === item.key).length;
      const popup = await openPopup(tabId);
      try {
        await popup.evaluate(clickBlockButton, { key: item.key, kind: "wrong" });
        const shown = await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.report.hidden.length === report.hidden.length - copies && s;
        }, "the block shown again");
        assert.ok(!shown.report.hidden.some((h) => h.key === item.key));
        await waitFor(async () => (await popup.evaluate(() => document.getElementById("status").textContent)) === EN.popupWrongNoted.message, "the popup's note");
        // Focus went to the next control in the list, not to <body>.
        const now = await popup.evaluate(focused);
        assert.ok(FOCUSABLE_TAGS.has(now.tag), `focus is on ${JSON.stringify(now)}`);
      } finally {
        await popup.close();
      }
      const stored = await waitFor(async () => {
        const s = await browser.inExtension(storedRaw);
        return s.mistakes?.length === 1 && s;
      }, "the note in storage");
      assert.deepEqual(stored[`site:${host}`], { keep: [item.key] }, "the block is kept for the site, as Show does");
      const [note] = stored.mistakes;
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir(extensionFolder), "manifest.json"), "utf8"));
      assert.deepEqual(
        { ...note, at: typeof note.at },
        {
          at: "string",
          page: server.url(SEED), // without the query and the fragment
          reason: item.reason,
          key: item.key,
          ...(item.textPreview && { preview: item.textPreview }),
          level: "standard",
          engine: "wasm",
          version: manifest.version,
        },
      );
      assert.ok(Math.abs(Date.parse(note.at) - Date.now()) < 10 * 60_000, note.at);

      const options = await browser.openExtensionPage("options/options.html");
      try {
        await waitFor(async () => (await options.evaluate(() => document.getElementById("mistakes-count").textContent)) === english("optionsMistakesCount", 1), "the options page's count");
        // The export is a download: catch the file the page hands the browser.
        await options.evaluate(() => {
          document.addEventListener(
            "click",
            (e) => {
              const link = e.target.closest?.("a[download]");
              if (!link) return;
              e.preventDefault();
              fetch(link.href)
                .then((r) => r.text())
                .then((text) => Object.assign(document.body.dataset, { e2eName: link.download, e2eFile: text }));
            },
            true,
          );
          document.getElementById("export-mistakes").click();
          return true;
        });
        const file = await waitFor(async () => {
          const f = await options.evaluate(() => ({ name: document.body.dataset.e2eName, text: document.body.dataset.e2eFile }));
          return f.text && f;
        }, "the exported file");
        assert.equal(file.name, "declutter-mistakes.json");
        const exported = JSON.parse(file.text);
        assert.equal(exported.version, manifest.version);
        assert.deepEqual(exported.mistakes, stored.mistakes);

        await options.evaluate(() => document.getElementById("clear-mistakes").click());
        await waitFor(async () => (await options.evaluate(() => document.getElementById("mistakes-count").textContent)) === english("optionsMistakesCount", 0), "the cleared count");
        assert.equal((await browser.inExtension(storedRaw)).mistakes, undefined);
        assert.equal((await options.evaluate(focused)).id, "export", "focus left the disabled button for its neighbour");
      } finally {
        await options.close();
      }
      await browser.inExtension(clearSettings);
    });

    test("keyboard only: open the popup, change the level, show a block; focus is on a control at every step", async () => {
      await browser.inExtension(clearSettings);
      const { tabId, report } = await settled(SEED);
      const popup = await openPopup(tabId);
      const stops = [];
      /** Presses `key` and returns what has the focus then, which must be a control. */
      const press = async (key) => {
        await popup.press(key);
        const now = await popup.evaluate(focused);
        stops.push(now);
        assert.ok(FOCUSABLE_TAGS.has(now.tag), `after ${key} the focus is on ${JSON.stringify(now)} (stops so far: ${JSON.stringify(stops.map((s) => s.tag))})`);
        return now;
      };
      try {
        // From the top: the page's state first (Cleaned is pressed), then the level's radio group.
        assert.equal((await press("Tab")).text, EN.popupStateCleaned.message);
        let now;
        do now = await press("Tab");
        while (now.name !== "level" && stops.length < 10);
        assert.deepEqual([now.name, now.value], ["level", "standard"]);
        // Arrow keys move within the group and choose: the page is cleaned again at focus.
        now = await press("ArrowDown");
        assert.deepEqual([now.name, now.value], ["level", "focus"]);
        await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.level === "focus" && s.cleaned && s;
        }, "the focus level");
        now = await press("ArrowUp");
        assert.equal(now.value, "standard");
        const standard = await waitFor(async () => {
          const s = await browser.inExtension(extensionStatus);
          return s.level === "standard" && s.cleaned && s.report.hidden.length === report.hidden.length && s;
        }, "the standard level again");
        // On to the report's first group (past the site's learned rules): Enter opens it.
        do now = await press("Tab");
        while (!(now.tag === "summary" && now.reason) && stops.length < 20);
        const reason = now.reason;
        await press("Enter");
        assert.equal(await popup.evaluate((r) => document.querySelector(`.group[data-reason="${r}"] details`).open, reason), true);
        // Its first block: Show where, then Show.
        now = await press("Tab");
        assert.equal(now.className, "where");
        now = await press("Tab");
        assert.equal(now.className, "show");
        const key = now.key;
        const copies = standard.report.hidden.filter((h) => h.key === key).length;
        await popup.press("Enter");
        await waitFor(async () => (await browser.inExtension(extensionStatus)).report.hidden.length === report.hidden.length - copies, "the block shown");
        // The row is gone; the focus went to the next block's Show, or the next group.
        now = await waitFor(async () => {
          const f = await popup.evaluate(focused);
          return f.key !== key && f;
        }, "the focus to move on");
        assert.ok((now.className === "show" && now.reason === reason) || now.tag === "summary", `after Show the focus is on ${JSON.stringify(now)}`);
        // Never a list, a section or the body: in Firefox a scrolling list was a Tab stop.
        do now = await press("Tab");
        while (now.tag !== "a" && stops.length < 60);
        assert.equal(now.id, "open-options");
        // Firefox makes every element that scrolls a Tab stop, and the toolbar's popup is shorter
        // than this page: only the document may scroll, whatever the popup's height.
        const scrollers = await popup.evaluate(() =>
          [...document.body.querySelectorAll("*")]
            .filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY))
            .map((el) => el.id || el.className || el.localName),
        );
        assert.deepEqual(scrollers, [], "parts of the popup that scroll on their own");
      } finally {
        await popup.close();
      }
      await browser.inExtension(clearSettings);
    });

    test("accessibility: axe finds no violation in the popup, the options page or the first-run page; control borders are 3:1", async () => {
      await browser.inExtension(clearSettings);
      const { tabId } = await settled(SEED);
      const pages = [
        ["the popup", `popup/popup.html?tab=${tabId}`, () => !document.getElementById("report").hidden],
        ["the options page", "options/options.html", () => document.getElementById("mistakes-count").textContent !== ""],
        ["the first-run page", FIRST_RUN_PAGE, () => document.querySelectorAll("#shortcuts li").length === 2],
      ];
      for (const [name, url, ready] of pages) {
        const page = await browser.openExtensionPage(url);
        try {
          await waitFor(() => page.evaluate(ready), `${name} to render`);
          // Every group of the report open, so that its blocks and buttons are checked too.
          await page.evaluate(() => {
            for (const details of document.querySelectorAll("details")) details.open = true;
            return true;
          });
          const { violations, checkedNodes } = await runAxe(page);
          console.log(`# ${adapterName}: axe on ${name}: ${checkedNodes} nodes passed checks, ${violations.length} violations`);
          assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 2)}`);
          assert.ok(checkedNodes >= 20, `${name}: axe checked only ${checkedNodes} nodes`);
          const borders = await page.evaluate(controlBorderContrast);
          if (borders.controls > 0) assert.ok(borders.ratio >= 3, `${name}: ${borders.control}'s border is ${borders.ratio}:1`);
        } finally {
          await page.close();
        }
      }
    });
  });
}
