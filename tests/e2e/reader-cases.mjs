// The reader view as a product, in each browser with the packed extension:
// a real modal dialog for the keyboard, axe-core on the open view in every
// theme, printing, export, read aloud, right-to-left articles and a narrow
// window. Run by chromium.test.mjs and firefox.test.mjs; the adapter's
// interface is described at the top of cases.mjs.
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { extensionDir, extensionStatus, openSettled, waitFor, withServerAndBrowser } from "./harness.mjs";
import { pdfText, squeeze } from "./pdf-text.mjs";

const EN = JSON.parse(fs.readFileSync(new URL("../../extension/_locales/en/messages.json", import.meta.url), "utf8"));
const AXE = fs.readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

const LONG = "/pages/long-article.html";
const RTL = "/pages/rtl-article.html";
const THEMES = ["auto", "light", "sepia", "dark"];
/** What only the toolbar says: none of it may be printed. */
const TOOLBAR_WORDS = [EN.readerAppearance, EN.readerCopyMarkdown, EN.readerSaveHtml, EN.readerListen, EN.readerThemeSepia].map((m) => m.message);

// ---- in the page (main world); self-contained, they are serialised -------

/** The open view: what has focus, where, and what can take it, in order. */
function viewFocus() {
  const host = document.querySelector('[data-declutter-own="reader"]');
  if (!host?.shadowRoot) return { open: false };
  const shadow = host.shadowRoot;
  const name = (el) => (el ? el.dataset.action ?? (el.href ? `link:${el.textContent.trim()}` : el.className) : null);
  const tabbable = [...shadow.querySelectorAll('button, a[href], iframe, summary, [tabindex]:not([tabindex="-1"])')].filter((el) => el.getClientRects().length > 0);
  return {
    open: true,
    inView: document.activeElement === host,
    active: name(shadow.activeElement),
    order: tabbable.map(name),
    pageActive: document.activeElement === host ? null : (document.activeElement?.outerHTML.slice(0, 80) ?? null),
    panels: [...shadow.querySelectorAll(".dc-panel")].filter((p) => !p.hidden).map((p) => p.id),
    expanded: [...shadow.querySelectorAll('[aria-expanded="true"]')].map((b) => b.dataset.action),
  };
}

/** The view's state a test reads: theme, font, pressed buttons, progress, read aloud, status. */
function viewState() {
  const host = document.querySelector('[data-declutter-own="reader"]');
  const shadow = host?.shadowRoot;
  if (!shadow) return { open: false };
  const root = shadow.querySelector(".dc-root");
  const q = (s) => shadow.querySelector(s);
  return {
    open: true,
    theme: root.dataset.theme,
    font: root.dataset.font,
    fontFamily: getComputedStyle(root).fontFamily,
    colorScheme: getComputedStyle(root).colorScheme,
    pressed: [...shadow.querySelectorAll('[aria-pressed="true"]')].map((b) => b.dataset.action),
    left: q(".dc-left").textContent,
    progress: parseFloat(getComputedStyle(q(".dc-progress-bar")).inlineSize) / q(".dc-progress").getBoundingClientRect().width,
    scrollTop: root.scrollTop,
    listen: { pressed: q('[data-action="listen"]').getAttribute("aria-pressed"), text: q('[data-action="listen"]').textContent, hidden: q('[data-action="listen"]').hidden },
    speed: q('[data-action="speed"]').textContent,
    speaking: [...shadow.querySelectorAll(".dc-speaking")].map((m) => m.textContent).join(""),
    status: q(".dc-status").textContent,
    lastParagraph: [...shadow.querySelectorAll(".dc-body p")].at(-1)?.textContent ?? null,
    firstParagraph: shadow.querySelector(".dc-body p")?.textContent ?? null,
    pageScroll: { x: scrollX, y: scrollY },
    pageOverflow: getComputedStyle(document.documentElement).overflow,
  };
}

/** Runs axe on the open view, its host as the context; what it found and what it checked. */
async function axeOnView() {
  const host = document.querySelector('[data-declutter-own="reader"]');
  const result = await window.axe.run(host, { resultTypes: ["violations", "passes"] });
  // A node inside a shadow root is named by a list of selectors: host, then inside.
  const inShadow = result.passes.flatMap((p) => p.nodes).filter((n) => Array.isArray(n.target[0])).length;
  return {
    violations: result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`) })),
    passes: result.passes.length,
    inShadow,
  };
}

/** The view's controls: visible text, accessible label and tooltip of each. */
function controlLabels() {
  const shadow = document.querySelector('[data-declutter-own="reader"]').shadowRoot;
  return [...shadow.querySelectorAll("button")].map((b) => ({
    action: b.dataset.action,
    text: b.textContent.trim(),
    ariaLabel: b.getAttribute("aria-label"),
    title: b.getAttribute("title"),
  }));
}

/** Where the view's right-to-left parts sit, in CSS pixels. */
function rtlGeometry() {
  const shadow = document.querySelector('[data-declutter-own="reader"]').shadowRoot;
  const quote = shadow.querySelector("blockquote");
  const qs = getComputedStyle(quote);
  const th = shadow.querySelector("th");
  const range = document.createRange();
  range.selectNodeContents(th);
  const text = range.getBoundingClientRect();
  const cell = th.getBoundingClientRect();
  const meta = [...shadow.querySelectorAll(".dc-meta bdi")].map((b) => ({ text: b.textContent, left: b.getBoundingClientRect().left }));
  return {
    dir: shadow.querySelector(".dc-root").getAttribute("dir"),
    quoteBar: { right: qs.borderRightWidth, left: qs.borderLeftWidth },
    // Space between the header's text and its cell's edges.
    th: { before: cell.right - text.right, after: text.left - cell.left },
    meta,
  };
}

/**
 * How the view lays out: overflow sideways, controls outside the window,
 * and the most characters on one line of the first paragraph.
 */
function layout() {
  const shadow = document.querySelector('[data-declutter-own="reader"]').shadowRoot;
  const root = shadow.querySelector(".dc-root");
  const p = shadow.querySelector(".dc-body p");
  const textNode = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.length > 100);
  const range = document.createRange();
  const perLine = new Map();
  for (let i = 0; i < textNode.data.length; i++) {
    range.setStart(textNode, i);
    range.setEnd(textNode, i + 1);
    const top = Math.round(range.getBoundingClientRect().top);
    perLine.set(top, (perLine.get(top) ?? 0) + 1);
  }
  const counts = [...perLine.values()];
  const column = shadow.querySelector(".dc-article").getBoundingClientRect();
  return {
    width: innerWidth,
    overflow: root.scrollWidth - root.clientWidth,
    // The text column, inside the scroller's width (its scrollbar excluded).
    columnOutside: column.left < -0.5 || column.right > root.getBoundingClientRect().left + root.clientWidth + 0.5,
    outside: [...shadow.querySelectorAll("button")]
      .filter((b) => b.getClientRects().length > 0)
      .filter((b) => b.getBoundingClientRect().right > innerWidth + 0.5 || b.getBoundingClientRect().left < -0.5)
      .map((b) => b.dataset.action),
    longestLine: Math.max(...counts.slice(0, -1)),
    lines: counts.length,
  };
}

/**
 * Which face the view's body text is set in: the first family of its stack
 * that this machine has (a family is there when text set in it, with
 * monospace behind, is not as wide as in monospace), and whether the view's
 * text is as wide as in that family alone. Without one, the browser's own
 * generic face is used, and Firefox's generic serif (DejaVu Serif) is far
 * heavier than Chromium's.
 */
function usedFace() {
  const shadow = document.querySelector('[data-declutter-own="reader"]').shadowRoot;
  const root = shadow.querySelector(".dc-root");
  const sample = "Hamburgefonstiv: the quick brown fox jumps over the lazy dog, 0123456789";
  const width = (family, where = document.body) => {
    const span = document.createElement("span");
    span.textContent = sample;
    span.style.cssText = `all: initial; position: absolute; white-space: nowrap; font-size: 40px; font-family: ${family}`;
    where.append(span);
    const w = span.getBoundingClientRect().width;
    span.remove();
    return w;
  };
  const generic = new Set(["serif", "sans-serif", "monospace", "system-ui", "-apple-system", "ui-monospace"]);
  const families = getComputedStyle(root).fontFamily.split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
  const mono = width("monospace");
  const face = families.find((f) => !generic.has(f) && Math.abs(width(`"${f}", monospace`) - mono) > 0.5) ?? null;
  const inView = width(getComputedStyle(root).fontFamily, shadow.querySelector(".dc-body"));
  return { face, same: face !== null && Math.abs(inView - width(`"${face}"`)) < 0.5, inView, generic: width(families.at(-1)) };
}

export function defineReaderCases(adapterName, extensionFolder, launch) {
  describe(`${adapterName}: the reader view as a product`, () => {
    let server;
    let browser;
    withServerAndBrowser(launch, extensionDir(extensionFolder), (s, b) => {
      server = s;
      browser = b;
    });

    async function clearSettings() {
      await browser.inExtension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.clear());
    }

    /** The stored defaults (the reader's prefs among them). */
    const storedDefaults = () =>
      browser.inExtension(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get("defaults")).defaults ?? {});

    /** Opens `path` and its reader view with the shortcut; returns the view's state. */
    async function openView(path) {
      const { tabId } = await openSettled(browser, server.url(path));
      await browser.triggerCommand("toggle-reader", tabId);
      const state = await waitFor(async () => {
        const s = await browser.evaluate(viewState);
        return s.open && s;
      }, "the reader view");
      return { tabId, state };
    }

    /** Escape, twice when a panel is open (the first closes the panel). */
    async function closeView() {
      if ((await browser.evaluate(viewFocus)).panels.length > 0) {
        await browser.pressKey("Escape");
        await waitFor(async () => (await browser.evaluate(viewFocus)).panels.length === 0, "the panel to close");
      }
      await browser.pressKey("Escape");
      await waitFor(async () => !(await browser.evaluate(viewState)).open, "the view to close");
    }

    test("a real dialog: the shortcut opens it, Tab and Shift+Tab go round inside, the page stays put, Escape gives focus back", async () => {
      await clearSettings();
      await openSettled(browser, server.url(LONG));
      // Focus on a link of the page, scrolled a little: both must come back.
      await browser.evaluate(() => {
        scrollTo(0, 120);
        document.querySelector('nav a[href="/sport"]').focus();
      });
      const before = await browser.evaluate(() => ({ x: scrollX, y: scrollY, html: document.documentElement.outerHTML, sheets: document.adoptedStyleSheets.length }));
      const { tabId } = await browser.inExtension(extensionStatus);
      await browser.triggerCommand("toggle-reader", tabId);
      const start = await waitFor(async () => {
        const f = await browser.evaluate(viewFocus);
        return f.open && f.inView && f;
      }, "focus in the view");
      assert.equal(start.active, "dc-article", "focus starts on the article");
      const n = start.order.length;
      assert.deepEqual(
        start.order.filter((a) => !a.startsWith("link:")),
        ["panel-appearance", "panel-export", "listen", "speed", "close"],
      );

      // Tab from the article: its links, then round to the toolbar, and on, never leaving the view.
      const forward = [];
      for (let i = 0; i <= n; i++) {
        await browser.pressKey("Tab");
        const f = await browser.evaluate(viewFocus);
        assert.ok(f.inView, `Tab ${i + 1} left the view for ${f.pageActive}`);
        forward.push(f.active);
      }
      const from = start.order.findIndex((a) => a.startsWith("link:"));
      const expected = Array.from({ length: n + 1 }, (_, i) => start.order[(from + i) % n]);
      assert.deepEqual(forward, expected);
      const backward = [];
      for (let i = 0; i <= n; i++) {
        await browser.pressKey("Shift+Tab");
        const f = await browser.evaluate(viewFocus);
        assert.ok(f.inView, `Shift+Tab ${i + 1} left the view for ${f.pageActive}`);
        backward.push(f.active);
      }
      const last = start.order.indexOf(forward.at(-1));
      assert.deepEqual(
        backward,
        Array.from({ length: n + 1 }, (_, i) => start.order[(((last - 1 - i) % n) + n) % n]),
      );

      // The wheel scrolls the view, not the page; progress and time left follow.
      const opened = await browser.evaluate(viewState);
      assert.equal(opened.pageOverflow, "hidden");
      assert.match(opened.left, /^\d+ min left$/);
      await browser.wheel(300, 300, 1500);
      const scrolled = await waitFor(async () => {
        const s = await browser.evaluate(viewState);
        return s.scrollTop > 0 && s.progress > 0 && s;
      }, "the view to scroll");
      assert.deepEqual(scrolled.pageScroll, { x: before.x, y: before.y }, "the page behind scrolled");

      await browser.pressKey("Escape");
      const closed = await waitFor(async () => {
        const s = await browser.evaluate(() => ({
          open: Boolean(document.querySelector('[data-declutter-own="reader"]')),
          focus: document.activeElement?.getAttribute("href") ?? null,
          x: scrollX,
          y: scrollY,
          html: document.documentElement.outerHTML,
          sheets: document.adoptedStyleSheets.length,
        }));
        return !s.open && s;
      }, "the view to close");
      assert.equal(closed.focus, "/sport", "focus went back to the page's link");
      assert.deepEqual({ x: closed.x, y: closed.y }, { x: before.x, y: before.y });
      assert.ok(closed.html === before.html, "the page does not serialise as before");
      assert.equal(closed.sheets, before.sheets, "the view's page sheet stayed adopted");
    });

    test("Escape with a panel open closes the panel and gives focus to its button; a second Escape closes the view", async () => {
      await clearSettings();
      await openSettled(browser, server.url(LONG));
      await browser.evaluate(() => document.querySelector('nav a[href="/sport"]').focus());
      const { tabId } = await browser.inExtension(extensionStatus);
      /** Presses `key` until focus is on the view's `action` (at most once round the view). */
      const moveTo = async (action, key) => {
        for (let i = 0; i < 40; i++) {
          const f = await browser.evaluate(viewFocus);
          if (f.active === action) return f;
          await browser.pressKey(key);
        }
        throw new Error(`${key} never reached ${action}`);
      };
      const escape = async (what) => {
        await browser.pressKey("Escape");
        return waitFor(async () => {
          const f = await browser.evaluate(viewFocus);
          return (!f.open || f.panels.length === 0) && f;
        }, what);
      };

      for (const [panel, id, inside] of [
        ["panel-appearance", "dc-appearance", "theme-sepia"],
        ["panel-export", "dc-export", null],
      ]) {
        await browser.triggerCommand("toggle-reader", tabId);
        await waitFor(async () => (await browser.evaluate(viewFocus)).inView, "focus in the view");
        // By keyboard alone: to the panel's button, Enter, and (Appearance) on into the panel.
        await moveTo(panel, "Shift+Tab");
        await browser.pressKey("Enter");
        const opened = await waitFor(async () => {
          const f = await browser.evaluate(viewFocus);
          return f.panels.includes(id) && f;
        }, `the ${id} panel`);
        assert.deepEqual(opened.expanded, [panel]);
        if (inside) await moveTo(inside, "Tab");

        const first = await escape(`Escape to close ${id}`);
        assert.ok(first.open, `the first Escape closed the view (${panel} was open)`);
        assert.deepEqual(first.panels, []);
        assert.deepEqual(first.expanded, []);
        assert.ok(first.inView, `focus left the view for ${first.pageActive}`);
        assert.equal(first.active, panel, "focus is back on the panel's button");

        await escape("the second Escape to close the view");
        const back = await waitFor(async () => {
          const s = await browser.evaluate(() => ({
            open: Boolean(document.querySelector('[data-declutter-own="reader"]')),
            focus: document.activeElement?.getAttribute("href") ?? null,
          }));
          return !s.open && s;
        }, "the view to close");
        assert.equal(back.focus, "/sport", "focus went back to the page's link");
      }
    });

    test("no strip beside the view: on a page that reserves a scrollbar gutter the dark view covers the whole window, its scrollbar dark", async () => {
      await clearSettings();
      const { tabId } = await openSettled(browser, server.url(LONG));
      // Many sites keep room for the scrollbar so that their layout never jumps.
      await browser.evaluate(() => {
        document.documentElement.style.scrollbarGutter = "stable";
      });
      // (Headless Chromium hides scrollbars, but still reserves the gutter under overflow: hidden.)
      const gutter = await browser.evaluate(() => innerWidth - document.documentElement.clientWidth);
      await browser.triggerCommand("toggle-reader", tabId);
      await waitFor(async () => (await browser.evaluate(viewState)).open, "the reader view");
      await browser.clickInReader("panel-appearance");
      await browser.clickInReader("theme-dark");
      const cover = await waitFor(async () => {
        const c = await browser.evaluate(() => {
          const host = document.querySelector('[data-declutter-own="reader"]');
          const root = host.shadowRoot.querySelector(".dc-root");
          const style = getComputedStyle(root);
          return { window: innerWidth, host: host.getBoundingClientRect().width, scroller: root.offsetWidth, colorScheme: style.colorScheme, background: style.backgroundColor };
        });
        return c.colorScheme === "dark" && c;
      }, "the dark theme");
      assert.deepEqual([cover.host, cover.scroller], [cover.window, cover.window], `a ${cover.window - cover.host} px strip of the page beside the view`);
      assert.equal(cover.background, "rgb(28, 27, 34)");
      await closeView();
      assert.equal(await browser.evaluate(() => innerWidth - document.documentElement.clientWidth), gutter, "the page's gutter is as before");
      await waitFor(async () => (await storedDefaults()).theme === "dark", "the theme to be saved");
      await clearSettings();
    });

    test("axe finds nothing in the open view, in every theme, with each panel open; every control says what it shows", async () => {
      await clearSettings();
      await openView(LONG);
      await browser.injectScript(AXE);
      await browser.clickInReader("panel-appearance");
      for (const theme of THEMES) {
        await browser.clickInReader(`theme-${theme}`);
        const s = await waitFor(async () => {
          const v = await browser.evaluate(viewState);
          return v.theme === theme && v;
        }, `the ${theme} theme`);
        assert.deepEqual(s.pressed, [`theme-${theme}`, "font-serif"], "only the theme and font on are pressed");
        // Scrollbars and form parts in the theme's colours (Firefox once showed a white strip).
        assert.equal(s.colorScheme, theme === "dark" ? "dark" : "light");
        const result = await browser.evaluate(axeOnView);
        assert.deepEqual(result.violations, [], `axe in the ${theme} theme`);
        assert.ok(result.passes > 10 && result.inShadow > 20, `axe checked the view (${result.passes} rules, ${result.inShadow} nodes in its shadow root)`);
      }
      await browser.clickInReader("panel-export");
      const exportOpen = await browser.evaluate(axeOnView);
      assert.deepEqual(exportOpen.violations, [], "axe with the export panel open");
      for (const c of await browser.evaluate(controlLabels)) {
        assert.ok(c.text !== "", `${c.action} shows no text`);
        assert.ok(c.ariaLabel === null || c.ariaLabel.includes(c.text), `${c.action}: its label does not include "${c.text}"`);
        assert.ok(c.title && c.title.trim() !== "", `${c.action} has no tooltip`);
      }
      await closeView();
      // The theme clicks are saved a moment later: let that land before the next test clears.
      await waitFor(async () => (await storedDefaults()).theme === "dark", "the last theme to be saved");
      await clearSettings();
    });

    test("the font choice shows which is on and is set in a face of its stack (not the browser's generic), is saved with the other prefs, and lines stay under 80 characters at the widest setting", async (t) => {
      await clearSettings();
      await openView(LONG);
      // The serif is a face of the stack this machine has, not the browser's generic fallback.
      const serif = await browser.evaluate(usedFace);
      assert.ok(serif.face, `no face of the serif stack is installed (the text falls back to ${serif.generic} px wide generic serif)`);
      assert.ok(serif.same, `the view's serif is not ${serif.face}`);
      await browser.clickInReader("panel-appearance");
      await browser.clickInReader("font-sans");
      const sans = await waitFor(async () => {
        const s = await browser.evaluate(viewState);
        return s.font === "sans" && s;
      }, "the sans font");
      assert.deepEqual(sans.pressed, ["theme-auto", "font-sans"]);
      assert.match(sans.fontFamily, /Liberation Sans|Arial|Helvetica/);
      const sansFace = await browser.evaluate(usedFace);
      assert.ok(sansFace.face && sansFace.same, `the sans is not a face of its stack: ${JSON.stringify(sansFace)}`);
      await waitFor(async () => (await storedDefaults()).font === "sans", "the font to be saved");
      // The widest column with the smallest text.
      for (let i = 0; i < 10; i++) await browser.clickInReader("wider");
      for (let i = 0; i < 6; i++) await browser.clickInReader("font-smaller");
      const wide = await browser.evaluate(layout);
      t.diagnostic(`at the widest setting, the smallest text: ${wide.longestLine} characters on the longest line`);
      assert.ok(wide.longestLine <= 80 && wide.longestLine >= 50, `${wide.longestLine} characters on a line`);
      // A phone-sized window, the Appearance panel open: nothing sideways,
      // the toolbar wrapped with every control in sight, the text column inside.
      await browser.setViewport(400, 800);
      try {
        const narrow = await waitFor(async () => {
          const l = await browser.evaluate(layout);
          return l.width === 400 && l.overflow <= 0 && l;
        }, "the view at 400 px");
        assert.deepEqual(narrow.outside, [], "controls outside the window");
        assert.equal(narrow.columnOutside, false, "the text column is wider than the view");
        assert.deepEqual((await browser.evaluate(viewFocus)).panels, ["dc-appearance"]);
      } finally {
        await browser.setViewport(1280, 800);
      }
      await closeView();
      await waitFor(async () => {
        const d = await storedDefaults();
        return d.width === 1000 && d.fontSize === 14;
      }, "the widest column and smallest text to be saved");
      await clearSettings();
    });

    test("printing the open view prints the whole article and nothing else", async () => {
      await clearSettings();
      const { state } = await openView(LONG);
      const pdf = await browser.printToPdf();
      const printed = squeeze(pdfText(pdf));
      assert.ok(printed.includes(squeeze(state.firstParagraph)), "the first paragraph is not printed");
      assert.ok(printed.includes(squeeze(state.lastParagraph)), "the last paragraph is not printed");
      for (const word of TOOLBAR_WORDS) assert.ok(!printed.includes(squeeze(word)), `the toolbar's "${word}" is printed`);
      assert.ok(!printed.includes("Townhallgossipcorner") && !printed.includes("allrightsreserved"), "the page behind is printed");
      // Printing changed nothing: the view is open and the page still locked behind it.
      assert.equal((await browser.evaluate(viewState)).pageOverflow, "hidden");
      await closeView();
    });

    test("export: Markdown round-trips headings, lists, links, images and code, HTML carries the facts, copy says so", async () => {
      await clearSettings();
      await openView(LONG);
      await browser.clickInReader("panel-export");
      const md = await browser.download(() => browser.clickInReader("save-markdown"));
      assert.equal(md.name, "the-town-votes-on-its-bridges.md");
      const url = server.url(LONG);
      const origin = new URL(url).origin;
      assert.ok(
        md.text.startsWith(`---\ntitle: "The town votes on its bridges"\nauthor: "Mara Lind"\ndate: "2025-03-14T09:00:00Z"\nsource: "${url}"\nlang: "en"\n---\n\n# The town votes on its bridges\n\n`),
        md.text.slice(0, 300),
      );
      for (const piece of [
        "## What the council decided",
        "### How the money is counted",
        `- Repair the [old bridge](${origin}/pages/bridge-plan.html) first\n- Then the roads\n  - Main Street in spring\n  - Harbour Road in summer\n- Finally the *parks*`,
        `![A map of the harbour district](${origin}/pages/figure.svg)`,
        "```python\ndef total(items):\n    return sum(item.cost for item in items)\n```",
        "> We will build what the town needs, not what looks good on a poster.",
        "| Project | Cost |\n| --- | --- |\n| Bridge | 4.2 million |",
        "1. Consult the residents\n2. Publish the plans",
        "Paragraph 40, the last of the long report",
      ]) {
        assert.ok(md.text.includes(piece), `the Markdown lacks:\n${piece}`);
      }
      const html = await browser.download(() => browser.clickInReader("save-html"));
      assert.equal(html.name, "the-town-votes-on-its-bridges.html");
      for (const piece of ["<title>The town votes on its bridges</title>", '<meta name="author" content="Mara Lind">', `<link rel="canonical" href="${url}">`, "Paragraph 40, the last"]) {
        assert.ok(html.text.includes(piece), `the HTML lacks ${piece}`);
      }
      assert.ok(!/<script|\son\w+=/i.test(html.text), "the saved page has a script or handler");
      await browser.clickInReader("copy-markdown");
      const copied = await waitFor(async () => (await browser.evaluate(viewState)).status || false, "the copy's answer");
      assert.equal(copied, EN.readerCopied.message);
      await closeView();
    });

    test("read aloud: Listen starts at the first sentence, marks it, Pause stops there; the speed steps and is kept for the next view", async (t) => {
      await clearSettings();
      const { state } = await openView(LONG);
      assert.equal(state.listen.hidden, false, "this browser has speechSynthesis");
      assert.equal(state.speed, "Speed 1×");
      await browser.clickInReader("listen");
      const speaking = await waitFor(async () => {
        const s = await browser.evaluate(viewState);
        return s.speaking !== "" && s;
      }, "a sentence marked");
      assert.equal(speaking.speaking, "The town votes on its bridges");
      await browser.clickInReader("speed");
      const faster = await browser.evaluate(viewState);
      assert.equal(faster.speed, "Speed 1.25×");
      // Headless browsers may have no voice: the engine then ends or fails at once.
      t.diagnostic(`speech after the first sentence: ${faster.listen.pressed === "true" ? "speaking" : "stopped"} at "${faster.speaking}"`);
      if (faster.listen.pressed === "true") {
        assert.equal(faster.listen.text, EN.readerPause.message);
        await browser.clickInReader("listen");
      }
      const paused = await waitFor(async () => {
        const s = await browser.evaluate(viewState);
        return s.listen.pressed === "false" && s;
      }, "the pause");
      assert.equal(paused.listen.text, EN.readerListen.message);
      await closeView();
      assert.equal((await browser.evaluate(() => document.querySelectorAll("mark").length)), 0);
      // The speed is kept like the other prefs: saved, and the next view reads at it.
      await waitFor(async () => (await storedDefaults()).speechRate === 1.25, "the speed to be saved");
      const again = await openView(LONG);
      assert.equal(again.state.speed, "Speed 1.25×");
      await closeView();
      await clearSettings();
    });

    test("a right-to-left article: the quote bar, table headers and the line under the title sit right to left", async () => {
      await clearSettings();
      await openView(RTL);
      const g = await browser.evaluate(rtlGeometry);
      assert.equal(g.dir, "rtl");
      assert.deepEqual(g.quoteBar, { right: "3px", left: "0px" });
      assert.ok(g.th.before < g.th.after, `the header's text is not at its cell's right (${JSON.stringify(g.th)})`);
      // By-line, date, reading time: from the right, each in its own order.
      assert.equal(g.meta.length, 3);
      assert.ok(g.meta[0].left > g.meta[1].left && g.meta[1].left > g.meta[2].left, JSON.stringify(g.meta));
      assert.match(g.meta[2].text, /^\d+ min read$/);
      await closeView();
    });
  });
}
