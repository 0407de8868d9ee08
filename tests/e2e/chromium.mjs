// Chromium adapter: Debian's /usr/bin/chromium driven by playwright-core
// (never the `playwright` package, which downloads browsers), the extension
// loaded unpacked, the toolbar clicked through CDP Extensions.triggerAction.
import { chromium } from "playwright-core";
import { tempDir } from "./harness.mjs";

const EXECUTABLE = process.env.CHROMIUM_BIN || "/usr/bin/chromium";

/** Launches Chromium with the extension in `extensionDir`; see cases.mjs for the interface. */
export async function launchChromium(extensionDir) {
  const context = await chromium.launchPersistentContext(tempDir("chromium"), {
    executablePath: EXECUTABLE,
    headless: true,
    args: [
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

  return {
    name: "chromium",
    consoleMessages: messages,
    async open(url) {
      messages.length = 0;
      await page.goto(url, { waitUntil: "load" });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    inExtension: async (fn, arg) => (await serviceWorker()).evaluate(fn, arg),
    async clickToolbar() {
      // Extensions.triggerAction wants the *tab* target, not the page target.
      const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
      const tab = targetInfos.find((t) => t.url === page.url());
      if (!tab) throw new Error(`no tab target for ${page.url()}`);
      await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: tab.targetId });
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
