// Chromium adapter: Debian's /usr/bin/chromium driven by playwright-core
// (never the `playwright` package, which downloads browsers), the extension
// loaded unpacked, the toolbar clicked through CDP Extensions.triggerAction.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { tempDir } from "./harness.mjs";

const EXECUTABLE = process.env.CHROMIUM_BIN || "/usr/bin/chromium";

/**
 * Launches Chromium with the extension in `extensionDir`; see cases.mjs for
 * the interface. `profileDir` reuses a profile (a browser restart); the
 * extension keeps its id, since an unpacked extension's id comes from its path.
 * `lang` runs the browser in another language (see language-cases.mjs).
 */
export async function launchChromium(extensionDir, { profileDir = tempDir("chromium"), lang } = {}) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: EXECUTABLE,
    headless: true,
    // `lang`: the browser's language (Chromium on Linux takes it from LANGUAGE).
    ...(lang && { env: { ...process.env, LANGUAGE: lang.replace("-", "_") } }),
    args: [
      ...(lang ? [`--lang=${lang}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-gpu",
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.browser().newBrowserCDPSession();

  // Includes the content script's messages: CDP reports every world of the page.
  const messages = [];
  page.on("console", (msg) => messages.push({ type: msg.type(), text: msg.text() }));

  /** The service worker may be stopped when idle; use the current one. */
  async function serviceWorker() {
    return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? worker;
  }

  /** The tab target of `p`, for CDP calls that want one. */
  async function tabTarget(p) {
    const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
    const tab = targetInfos.find((t) => t.url === p.url());
    if (!tab) throw new Error(`no tab target for ${p.url()}`);
    return tab.targetId;
  }

  return {
    name: "chromium",
    profileDir,
    consoleMessages: messages,
    async open(url) {
      messages.length = 0;
      await page.goto(url, { waitUntil: "load" });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    inExtension: async (fn, arg) => (await serviceWorker()).evaluate(fn, arg),
    async clickToolbar() {
      // Extensions.triggerAction wants the *tab* target, not the page target.
      await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: await tabTarget(page) });
    },
    async triggerCommand(name, tabId) {
      // A headless browser cannot press a browser-level shortcut (and CDP has
      // no command trigger), so call what the shortcut calls: the background's
      // commands.onCommand listener, with the tab Chrome would pass.
      await (await serviceWorker()).evaluate(([command, id]) => self.onCommand(command, { id }), [name, tabId]);
    },
    async pressEscape() {
      await page.keyboard.press("Escape");
    },
    async pressKey(key) {
      await page.keyboard.press(key);
    },
    injectScript: (source) => page.addScriptTag({ content: source }),
    printToPdf: () => page.pdf(),
    async download(trigger) {
      const [file] = await Promise.all([page.waitForEvent("download"), trigger()]);
      return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
    },
    async wheel(x, y, dy) {
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, dy);
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    async clickInReader(action) {
      // A real mouse click (trusted); Playwright's CSS pierces open shadow roots.
      await page.click(`[data-declutter-own="reader"] [data-action="${action}"]`);
    },
    async newTab(url) {
      const tab = await context.newPage();
      await tab.goto(url, { waitUntil: "load" });
      return {
        evaluate: (fn, arg) => tab.evaluate(fn, arg),
        close: () => tab.close(),
      };
    },
    async openExtensionPage(pathAndQuery) {
      const extPage = await context.newPage();
      await extPage.goto(`chrome-extension://${extensionId}/${pathAndQuery}`);
      return {
        evaluate: (fn, arg) => extPage.evaluate(fn, arg),
        close: () => extPage.close(),
      };
    },
    close: () => context.close(),
  };
}
