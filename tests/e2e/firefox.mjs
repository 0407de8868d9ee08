// Firefox adapter: Debian's firefox-esr driven by selenium-webdriver through
// an explicit geckodriver (so Selenium Manager never downloads anything), the
// extension installed as a temporary add-on, and the toolbar clicked from the
// browser's chrome context, the way the button's own click handler does it.
/* global ChromeUtils, Services, WebExtensionPolicy -- privileged globals of the code run in Firefox's parent process */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Builder, Key } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { FIRST_RUN_PAGE, launched, tempDir, waitFor } from "./harness.mjs";

const BINARY = process.env.FIREFOX_BIN || "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.GECKODRIVER || path.join(os.homedir(), ".cargo", "bin", "geckodriver");

/** Runs in the chrome context: clicks our toolbar button in the window showing `pageUrl`. */
// (ChromeUtils and Services are globals of the chrome context.)
function triggerActionScript(addonId, pageUrl) {
  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
  const extension = ExtensionParent.GlobalManager.getExtension(addonId);
  for (const win of Services.wm.getEnumerator("navigator:browser")) {
    if (win.gBrowser.selectedBrowser.currentURI.spec === pageUrl) {
      ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(win);
      return true;
    }
  }
  return false;
}

/**
 * Runs in the chrome context: fires the XUL <key> that Firefox built for the
 * extension's command `name` in the window showing `pageUrl`, the element a
 * real key press would fire. Returns whether it found it.
 */
async function commandScript(addonId, pageUrl, name) {
  const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
  const extension = ExtensionParent.GlobalManager.getExtension(addonId);
  const commands = await extension.shortcuts.commands;
  const command = commands.get(name);
  if (!command?.shortcut) return false;
  const parts = command.shortcut.split("+");
  const key = parts.pop();
  for (const win of Services.wm.getEnumerator("navigator:browser")) {
    if (win.gBrowser.selectedBrowser.currentURI.spec !== pageUrl) continue;
    const keyset = extension.shortcuts.keysetsMap.get(win);
    const element = [...(keyset?.children ?? [])].find(
      (k) => (k.getAttribute("key") || "").toUpperCase() === key.toUpperCase(),
    );
    if (!element) return false;
    // The same window must be the one the commands API sees as active.
    win.focus();
    element.dispatchEvent(new win.Event("command"));
    return true;
  }
  return false;
}

/**
 * Runs in the chrome context: zooms the tab showing `pageUrl` to `zoom`
 * (not saved for the site). Returns whether it found it.
 */
function zoomScript(pageUrl, zoom) {
  for (const win of Services.wm.getEnumerator("navigator:browser")) {
    if (win.gBrowser.selectedBrowser.currentURI.spec !== pageUrl) continue;
    win.ZoomManager.setZoomForBrowser(win.gBrowser.selectedBrowser, zoom);
    return true;
  }
  return false;
}

/** Firefox keeps a window at least this wide (CSS px at 100 %). */
const MIN_WINDOW_WIDTH = 500;

/** Playwright's key names (what the cases use) as WebDriver keys. */
const KEYS = { Tab: Key.TAB, Enter: Key.ENTER, Space: Key.SPACE, Escape: Key.ESCAPE, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowRight: Key.ARROW_RIGHT, ArrowLeft: Key.ARROW_LEFT };

/** Launches Firefox with the extension in `extensionDir`; see cases.mjs for the interface. */
export async function launchFirefox(extensionDir) {
  // Downloads go straight to a folder of their own, without asking.
  const downloads = tempDir("firefox-downloads");
  const options = new firefox.Options()
    .setBinary(BINARY)
    .addArguments("-headless", "-profile", tempDir("firefox"))
    // Nothing off-machine: no update, telemetry or remote-settings traffic.
    .setPreference("app.update.enabled", false)
    .setPreference("datareporting.policy.dataSubmissionEnabled", false)
    .setPreference("toolkit.telemetry.enabled", false)
    .setPreference("browser.shell.checkDefaultBrowser", false)
    .setPreference("browser.download.folderList", 2)
    .setPreference("browser.download.dir", downloads)
    .setPreference("browser.download.useDownloadDir", true)
    .setPreference("browser.download.always_ask_before_handling_new_types", false)
    .setPreference("browser.download.start_downloads_in_tmp_dir", false)
    .setPreference("browser.download.alwaysOpenPanel", false)
    .setPreference("browser.download.panel.shown", true);
  // --allow-system-access: geckodriver 0.37 refuses the chrome context without it.
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments("--allow-system-access");
  const driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  // The tests' own waits (waitFor) decide when a step took too long; a script
  // that seeds or reads 100,000 settings may take longer than WebDriver's
  // default 30 s on a loaded machine (npm run test:stress).
  await driver.manage().setTimeouts({ script: 120_000 });

  try {
    const addonId = await driver.installAddon(extensionDir, true);
    const pageWindow = await driver.getWindowHandle();

    await driver.setContext(firefox.Context.CHROME);
    // The add-on's per-install moz-extension:// host name.
    const hostname = await driver.executeScript((id) => WebExtensionPolicy.getByID(id).mozExtensionHostname, addonId);
    await driver.setContext(firefox.Context.CONTENT);
    const base = `moz-extension://${hostname}/`;

    // The install opened the first-run page in a tab of its own: note what
    // it shows, then close it, so that the page under test is the selected
    // tab of its window again.
    const welcome = await waitFor(async () => {
      for (const handle of await driver.getAllWindowHandles()) {
        if (handle === pageWindow) continue;
        await driver.switchTo().window(handle);
        if ((await driver.getCurrentUrl()).startsWith(base + FIRST_RUN_PAGE)) return { handle };
      }
      await driver.switchTo().window(pageWindow);
      return false;
    }, "the first-run page");
    await waitFor(() => driver.executeScript(() => document.readyState === "complete" && document.documentElement.lang !== "" && document.querySelector("h1").textContent !== ""), "the first-run page's words");
    const firstRun = await driver.executeScript(() => ({ url: location.href, lang: document.documentElement.lang, title: document.querySelector("h1").textContent }));
    await driver.switchTo().window(welcome.handle);
    await driver.close();
    await driver.switchTo().window(pageWindow);

    // Extension API calls run in an extension page kept open in a second
    // window, so the page under test stays the selected tab of its own window.
    await driver.switchTo().newWindow("window");
    await driver.get(`${base}options/options.html`);
    const extensionWindow = await driver.getWindowHandle();
    await driver.switchTo().window(pageWindow);

    /** A real key press ("Tab", "Shift+Tab", "Enter", …) in the window WebDriver is on. */
    async function pressKey(name) {
      const parts = name.split("+");
      const key = KEYS[parts.pop()];
      if (!key) throw new Error(`no WebDriver key for ${name}`);
      let actions = driver.actions();
      if (parts.includes("Shift")) actions = actions.keyDown(Key.SHIFT);
      actions = actions.sendKeys(key);
      if (parts.includes("Shift")) actions = actions.keyUp(Key.SHIFT);
      await actions.perform();
    }

    /** Runs `fn` with WebDriver focused on `handle`, then returns to the page. */
    async function within(handle, fn) {
      await driver.switchTo().window(handle);
      try {
        return await fn();
      } finally {
        await driver.switchTo().window(pageWindow);
      }
    }

    /** Runs `fn(popupDocument, arg)` in the extension window, on the toolbar popup's document. */
    const inPopup = (fn, arg) =>
      within(extensionWindow, () =>
        driver.executeScript(
          `const popup = browser.extension.getViews({ type: "popup" })[0]; return popup ? (${fn})(popup, arguments[0]) : null;`,
          arg,
        ),
      );

    return launched({
      name: "firefox",
      firstRun,
      // WebDriver classic does not see content-script console output.
      consoleMessages: null,
      open: (url) => driver.get(url),
      evaluate: (fn, arg) => driver.executeScript(fn, arg),
      inExtension: (fn, arg) => within(extensionWindow, () => driver.executeScript(fn, arg)),
      async clickToolbar() {
        const url = await driver.getCurrentUrl();
        await driver.setContext(firefox.Context.CHROME);
        try {
          const clicked = await driver.executeScript(triggerActionScript, addonId, url);
          if (!clicked) throw new Error(`no browser window shows ${url}`);
        } finally {
          await driver.setContext(firefox.Context.CONTENT);
        }
      },
      async toolbarPopup() {
        const url = await inPopup((popup) => popup.location.href);
        if (!url) return null;
        return {
          url,
          text: (selector) => inPopup((popup, s) => popup.document.querySelector(s)?.textContent ?? null, selector),
          close: () => inPopup((popup) => popup.close()),
        };
      },
      async firstRunTabs() {
        let count = 1; // the one at install, closed above
        for (const handle of await driver.getAllWindowHandles()) {
          await driver.switchTo().window(handle);
          if ((await driver.getCurrentUrl()).startsWith(base + FIRST_RUN_PAGE)) count += 1;
        }
        await driver.switchTo().window(pageWindow);
        return count;
      },
      async triggerCommand(name) {
        const url = await driver.getCurrentUrl();
        await driver.setContext(firefox.Context.CHROME);
        try {
          const fired = await driver.executeScript(commandScript, addonId, url, name);
          if (!fired) throw new Error(`no key for the command ${name} in the window showing ${url}`);
        } finally {
          await driver.setContext(firefox.Context.CONTENT);
        }
      },
      async pressEscape() {
        await driver.actions().sendKeys(Key.ESCAPE).perform();
      },
      async pressKey(key) {
        // "Tab", "Shift+Tab", "Escape": real key presses through WebDriver actions.
        const parts = key.split("+");
        const named = (k) => Key[k.toUpperCase()] ?? k;
        const main = named(parts.pop());
        let actions = driver.actions();
        for (const m of parts) actions = actions.keyDown(named(m));
        actions = actions.sendKeys(main);
        for (const m of parts.reverse()) actions = actions.keyUp(named(m));
        await actions.perform();
      },
      injectScript: (source) => driver.executeScript(source),
      printToPdf: async () => Buffer.from(await driver.printPage(), "base64"),
      async download(trigger) {
        const before = new Set(fs.readdirSync(downloads));
        await trigger();
        const name = await waitFor(() => {
          const added = fs.readdirSync(downloads).filter((f) => !before.has(f) && !f.endsWith(".part"));
          return added.length === 1 && fs.statSync(path.join(downloads, added[0])).size > 0 && added[0];
        }, "the download");
        return { name, text: fs.readFileSync(path.join(downloads, name), "utf8") };
      },
      async wheel(x, y, dy) {
        await driver.actions().scroll(Math.round(x), Math.round(y), 0, dy).perform();
      },
      async setViewport(width, height) {
        // Narrower than Firefox's narrowest window: the window at its
        // narrowest and the page zoomed in, so that it lays out `width` CSS
        // px wide (a reader at 125 % in a 500 px window sees 400 px).
        const zoom = Math.max(1, MIN_WINDOW_WIDTH / width);
        await driver.manage().window().setRect({ width: Math.round(width * zoom), height: Math.round(height * zoom) });
        const url = await driver.getCurrentUrl();
        await driver.setContext(firefox.Context.CHROME);
        try {
          if (!(await driver.executeScript(zoomScript, url, zoom))) throw new Error(`no browser window shows ${url}`);
        } finally {
          await driver.setContext(firefox.Context.CONTENT);
        }
      },
      async clickInReader(action) {
        // A real (trusted) click through WebDriver actions, on the button in the view's shadow root.
        const button = await driver.executeScript(
          (a) => document.querySelector('[data-declutter-own="reader"]').shadowRoot.querySelector(`[data-action="${a}"]`),
          action,
        );
        await driver.actions().click(button).perform();
      },
      async newTab(url) {
        const handle = await within(pageWindow, async () => {
          await driver.switchTo().newWindow("tab");
          await driver.get(url);
          return driver.getWindowHandle();
        });
        return {
          evaluate: (fn, arg) => within(handle, () => driver.executeScript(fn, arg)),
          close: () => within(handle, () => driver.close()),
        };
      },
      async openExtensionPage(pathAndQuery) {
        const handle = await within(extensionWindow, async () => {
          await driver.switchTo().newWindow("tab");
          await driver.get(base + pathAndQuery);
          return driver.getWindowHandle();
        });
        return {
          evaluate: (fn, arg) => within(handle, () => driver.executeScript(fn, arg)),
          // `body` is a function body (it may `return` a promise); the page's CSP does not apply to it.
          run: (body) => within(handle, () => driver.executeScript(`return (async () => { ${body} })();`)),
          press: (key) => within(handle, () => pressKey(key)),
          close: () => within(handle, () => driver.close()),
        };
      },
      close: () => driver.quit(),
    });
  } catch (err) {
    await driver.quit();
    throw err;
  }
}
