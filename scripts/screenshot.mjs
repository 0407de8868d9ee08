// Takes the README's screenshots in headless Chromium:
//   before.png, after.png   the seed-like page before and after a clean by the real web build (pkg/);
//   popup.png               the popup on that page, from the packed extension (dist/chrome);
//   first-run.png           the page the extension opens once, on install.
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
    const tabId = await until(
      () =>
        worker.evaluate(async () => {
          for (const tab of await globalThis.chrome.tabs.query({})) {
            const status = await globalThis.chrome.tabs.sendMessage(tab.id, { type: globalThis.DeclutterProtocol.MESSAGES.REPORT }).catch(() => null);
            if (status?.settled && status.cleaned) return tab.id;
          }
          return null;
        }),
      "the seed page to be cleaned",
    );
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
