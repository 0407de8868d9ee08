// Takes the README's screenshots in headless Chromium:
//   before.png, after.png   the seed-like page before and after a clean by the real web build (pkg/);
//   popup.png               the popup on that page, from the packed extension (dist/chrome);
//   first-run.png           the page the extension opens once, on install;
//   reader-light.png, reader-sepia.png, reader-dark-rtl.png
//                           the reader view in three themes, the last on a right-to-left article.
// Usage: node scripts/screenshot.mjs [OUT_DIR]   (after `npm run build`)
import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createHandler, listen } from "./serve.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const EXECUTABLE = "/usr/bin/chromium";
const ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const SEED = "/tests/fixtures/seed-news.html";
const LONG = "/tests/e2e/pages/long-article.html";
const RTL = "/docs/pages/arabic-article.html";
/** The reader views shown: which page, which theme, and whether its Appearance panel is open. */
const READER_SHOTS = [
  { file: "reader-light.png", path: LONG, theme: "light", appearance: true },
  { file: "reader-sepia.png", path: LONG, theme: "sepia", appearance: false },
  { file: "reader-dark-rtl.png", path: RTL, theme: "dark", appearance: false },
];

const outDir = process.argv[2] ?? "docs";
const server = http.createServer(createHandler(ROOT));
const base = `http://127.0.0.1:${await listen(server, 0, false)}`;

/** The page before and after the core's clean, from the web build. */
async function beforeAndAfter() {
  const browser = await chromium.launch({ executablePath: EXECUTABLE, args: ["--no-sandbox", ...ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`${base}${SEED}`);
    await page.screenshot({ path: `${outDir}/before.png`, fullPage: true });
    const report = await page.evaluate(async (url) => {
      const core = await import(url);
      await core.default();
      return core.clean(document);
    }, `${base}/pkg/declutter.js`);
    await page.screenshot({ path: `${outDir}/after.png`, fullPage: true });
    console.log(`hidden ${report.hidden.length} blocks in ${report.elapsedMs.toFixed(2)} ms`);
  } finally {
    await browser.close();
  }
}

/** Polls `probe` every 50 ms until it returns something truthy (at most 15 s). */
async function until(probe, what) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The id of the tab whose content script has settled (and, with `cleaned`, cleaned its page). */
function settledTab(worker, cleaned, what) {
  return until(
    () =>
      worker.evaluate(async (mustClean) => {
        for (const tab of await globalThis.chrome.tabs.query({})) {
          const status = await globalThis.chrome.tabs.sendMessage(tab.id, { type: globalThis.DeclutterProtocol.MESSAGES.REPORT }).catch(() => null);
          if (status?.settled && (status.cleaned || !mustClean)) return tab.id;
        }
        return null;
      }, cleaned),
    what,
  );
}

/**
 * The reader view in `page`'s tab, opened as its shortcut opens it, in a
 * 1000×700 window; each theme chosen by clicking its button, as a reader would.
 */
async function readerViews(worker, page) {
  await page.setViewportSize({ width: 1000, height: 700 });
  const inView = (action) => `[data-declutter-own="reader"] [data-action="${action}"]`;
  for (const shot of READER_SHOTS) {
    await page.goto(`${base}${shot.path}`);
    const tabId = await settledTab(worker, false, `the content script on ${shot.path}`);
    await worker.evaluate((id) => self.onCommand("toggle-reader", { id }), tabId);
    await page.waitForSelector(inView("panel-appearance"));
    await page.click(inView("panel-appearance"));
    await page.click(inView(`theme-${shot.theme}`));
    if (!shot.appearance) await page.click(inView("panel-appearance"));
    // No hover or focus ring on the last button clicked.
    await page.mouse.move(0, 699);
    await until(
      () =>
        page.evaluate(
          (theme) => document.querySelector('[data-declutter-own="reader"]').shadowRoot.querySelector(".dc-root").dataset.theme === theme,
          shot.theme,
        ),
      `the ${shot.theme} theme`,
    );
    await page.screenshot({ path: `${outDir}/${shot.file}` });
    await page.keyboard.press("Escape");
    console.log(`${shot.file}: ${(fs.statSync(`${outDir}/${shot.file}`).size / 1024).toFixed(0)} KB`);
  }
}

/**
 * The popup and the first-run page, from the packed extension. A headless
 * browser draws no toolbar, so the popup is opened as a page for the seed
 * page's tab (?tab=<id>), at the popup's own width.
 */
async function extensionPages() {
  const extension = path.join(ROOT, "dist", "chrome");
  if (!fs.existsSync(path.join(extension, "manifest.json"))) throw new Error("dist/chrome is not built: run `npm run build` first");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "declutter-screenshot-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, ...ARGS],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    const id = new URL(worker.url()).host;
    const isFirstRun = (p) => p.url().startsWith(`chrome-extension://${id}/welcome/`);

    const welcome = context.pages().find(isFirstRun) ?? (await context.waitForEvent("page", { predicate: isFirstRun }));
    await welcome.setViewportSize({ width: 820, height: 900 });
    await until(() => welcome.evaluate(() => document.querySelectorAll("#shortcuts li").length === 2), "the first-run page");
    await welcome.screenshot({ path: `${outDir}/first-run.png`, fullPage: true });

    const page = await context.newPage();
    await page.goto(`${base}${SEED}`);
    const tabId = await settledTab(worker, true, "the seed page to be cleaned");
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.goto(`chrome-extension://${id}/popup/popup.html?tab=${tabId}`);
    await until(() => popup.evaluate(() => !document.getElementById("report").hidden), "the popup's report");
    // The sign-up forms' group open, as a reader would open it.
    await popup.evaluate(() => {
      document.querySelector('.group[data-reason="subscribe"] details').open = true;
    });
    await popup.locator("body").screenshot({ path: `${outDir}/popup.png` });
    console.log(`popup and first-run page from chrome-extension://${id}/`);
    await popup.close();
    await readerViews(worker, page);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await beforeAndAfter();
  await extensionPages();
} finally {
  server.close();
}
