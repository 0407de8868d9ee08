// Chromium adapter: Debian's /usr/bin/chromium driven by playwright-core
// (never the `playwright` package, which downloads browsers), the extension
// loaded unpacked, the toolbar clicked through CDP Extensions.triggerAction.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { FIRST_RUN_PAGE, launched, tempDir, waitFor } from "./harness.mjs";

const EXECUTABLE = process.env.CHROMIUM_BIN || "/usr/bin/chromium";

/**
 * Launches Chromium with the extension in `extensionDir`; see cases.mjs for
 * the interface. `profileDir` reuses a profile (a browser restart); the
 * extension keeps its id, since an unpacked extension's id comes from its path.
 * `lang` runs the browser in another language (see language-cases.mjs).
 */
export async function launchChromium(extensionDir, { profileDir, lang } = {}) {
  const installing = !profileDir;
  profileDir ??= tempDir("chromium");
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
  // An install opens the first-run page in a tab of its own (so does a
  // start on an existing profile, where the extension's storage was
  // cleared: Chromium reports an unpacked extension as installed at every
  // start). Each one is noted (what it shows) and closed, so that the page
  // under test stays the active tab; a fresh profile waits for its one.
  const isFirstRun = (p) => p.url().startsWith(`chrome-extension://${extensionId}/${FIRST_RUN_PAGE}`);
  const firstRuns = [];
  let page = null;
  /** Pages the tests open themselves (openExtensionPage may open the first-run page too). */
  const opened = new WeakSet();
  const onPage = async (p) => {
    await p.waitForLoadState("load").catch(() => {});
    if (opened.has(p) || !isFirstRun(p)) return;
    const shown = await p.evaluate(() => ({ url: location.href, lang: document.documentElement.lang, title: document.querySelector("h1").textContent })).catch(() => ({ url: p.url() }));
    firstRuns.push(shown);
    await p.close().catch(() => {});
    await page?.bringToFront().catch(() => {});
  };
  context.on("page", onPage);
  context.pages().forEach(onPage);
  if (installing) await waitFor(() => firstRuns.length > 0, "the first-run page");
  page = context.pages().find((p) => !p.url().startsWith("chrome-extension://")) ?? (await context.newPage());
  await page.bringToFront();
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

  /**
   * Runs `expression` in the extension page of target `targetId` through a
   * CDP session of its own: the toolbar's popup is no Playwright page.
   */
  async function evaluateInTarget(targetId, expression) {
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
    const replies = new Map();
    const onMessage = (event) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message);
      replies.get(reply.id)?.(reply);
    };
    cdp.on("Target.receivedMessageFromTarget", onMessage);
    try {
      const reply = await new Promise((resolve) => {
        replies.set(1, resolve);
        const params = { expression, awaitPromise: true, returnByValue: true };
        cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Runtime.evaluate", params }) });
      });
      if (reply.error || reply.result.exceptionDetails) throw new Error(JSON.stringify(reply.error ?? reply.result.exceptionDetails));
      return reply.result.result.value;
    } finally {
      cdp.off("Target.receivedMessageFromTarget", onMessage);
      await cdp.send("Target.detachFromTarget", { sessionId }).catch(() => {});
    }
  }

  /** The CDP target of the toolbar button's open popup, or null. */
  async function popupTarget() {
    const { targetInfos } = await cdp.send("Target.getTargets");
    return targetInfos.find((t) => t.type === "page" && t.url.startsWith(`chrome-extension://${extensionId}/popup/`)) ?? null;
  }

  return launched({
    name: "chromium",
    profileDir,
    firstRun: installing ? firstRuns[0] : null,
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
    async toolbarPopup() {
      const target = await popupTarget();
      if (!target) return null;
      return {
        url: target.url,
        text: (selector) => evaluateInTarget(target.targetId, `document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`),
        close: () => cdp.send("Target.closeTarget", { targetId: target.targetId }),
      };
    },
    async firstRunTabs() {
      return firstRuns.length + context.pages().filter(isFirstRun).length;
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
      opened.add(extPage);
      await extPage.goto(`chrome-extension://${extensionId}/${pathAndQuery}`);
      return {
        evaluate: (fn, arg) => extPage.evaluate(fn, arg),
        // `body` is a function body (it may `return` a promise); the page's CSP does not apply to it.
        run: (body) => extPage.evaluate(`(async () => { ${body} })()`),
        press: (key) => extPage.keyboard.press(key),
        close: () => extPage.close(),
      };
    },
    close: () => context.close(),
  });
}
