// Declutter background: a service worker in Chrome, an event page in Firefox
// (the same file; the build picks the manifest key). It holds no state of its
// own, so either browser may stop and restart it at any time: the content
// script is the source of truth for each page.
"use strict";

// shared/protocol.js and shared/settings.js: Firefox lists them before this
// file in background.scripts; Chrome's service worker (one file only)
// imports them here.
if (!globalThis.DeclutterSettings && typeof importScripts === "function") {
  importScripts("shared/protocol.js", "shared/settings.js");
}

const api = globalThis.browser ?? globalThis.chrome;
const Settings = globalThis.DeclutterSettings;
const { MESSAGES } = globalThis.DeclutterProtocol;

const MENU_REPORT = "declutter-report";
const MENU_READER = "declutter-reader";
const POPUP = "popup/popup.html";
/** The manifest's content scripts, in order, for tabs that were open before install. */
const CONTENT_SCRIPTS = api.runtime.getManifest().content_scripts[0].js;

// ---- talking to a tab ---------------------------------------------------

/**
 * Sends `message` to the content script of `tabId` and returns its reply, or
 * null when the page has none and cannot get one (browser pages, the web
 * stores, file: URLs).
 *
 * Chrome does not inject content scripts into tabs that were open before the
 * extension was installed or updated. A click is a user gesture, so
 * `activeTab` lets us inject into that one tab on demand (with `scripting`),
 * instead of asking for host permissions.
 */
async function send(tabId, message) {
  try {
    return await api.tabs.sendMessage(tabId, message);
  } catch {
    try {
      await api.scripting.executeScript({ target: { tabId }, files: CONTENT_SCRIPTS });
      return await api.tabs.sendMessage(tabId, message);
    } catch {
      return null;
    }
  }
}

async function activeTab() {
  // Without the "tabs" permission we get ids but no URLs, which is all we need.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * The toolbar button does what `defaults.toolbar` says: "clean" toggles
 * cleaning for this page (clean <-> restore), "reader" toggles the reader
 * view. While the reader view is open, the button closes it in either mode
 * (what a click on it should mean then).
 */
async function onToolbarClick(tab) {
  const [status, defaults] = await Promise.all([
    send(tab.id, { type: MESSAGES.REPORT }),
    Settings.loadDefaults(api.storage.local),
  ]);
  if (!status) {
    await api.action.setBadgeText({ tabId: tab.id, text: "" });
    return;
  }
  if (status.readerShown || defaults.toolbar === "reader") {
    await toggleReader(tab);
    return;
  }
  await send(tab.id, { type: status.cleaned ? MESSAGES.RESTORE : MESSAGES.CLEAN });
}

/**
 * Toggles the reader view. On a page without an article nothing changes
 * there, so the button says it: for NO_ARTICLE_MS its badge shows "–" and
 * its tooltip the reason, then the badge shows the page's count again.
 */
async function toggleReader(tab) {
  const reply = await send(tab.id, { type: MESSAGES.TOGGLE_READER });
  if (reply && !reply.ok && reply.benign) await sayNoArticle(tab.id);
}

const NO_ARTICLE_MS = 4000;

async function sayNoArticle(tabId) {
  const title = api.i18n.getMessage("popupReaderFailed");
  await Promise.all([
    api.action.setBadgeText({ tabId, text: "–" }),
    api.action.setTitle({ tabId, title }),
  ]);
  setTimeout(async () => {
    // The tab may show another page by now: ask it, and leave a page that
    // has set its own badge since then alone.
    const [now, badge] = await Promise.all([
      api.tabs.sendMessage(tabId, { type: MESSAGES.REPORT }).catch(() => null),
      api.action.getBadgeText({ tabId }).catch(() => ""),
    ]);
    if (badge === "–") {
      const count = now?.cleaned ? (now.report?.hidden.length ?? 0) : 0;
      api.action.setBadgeText({ tabId, text: count > 0 ? String(count) : "" }).catch(() => {});
    }
    updateTitle(tabId).catch(() => {});
  }, NO_ARTICLE_MS);
}

/**
 * The keyboard command (Alt+Shift+R by default). A named top-level function,
 * so the e2e tests can call exactly what the shortcut calls: a headless
 * browser cannot press a browser-level shortcut.
 */
async function onCommand(command, tab) {
  if (command !== "toggle-reader") return;
  tab ??= await activeTab();
  if (tab) await toggleReader(tab);
}

/** The button's tooltip says what a click does. */
async function updateTitle(tabId) {
  const { toolbar } = await Settings.loadDefaults(api.storage.local);
  const title = api.i18n.getMessage(toolbar === "reader" ? "actionTitleReader" : "actionTitle");
  await api.action.setTitle(tabId === undefined ? { title } : { tabId, title });
}

/**
 * Opens the Report popup from the toolbar button's context menu. The button's
 * left click is the clean/restore toggle, so the popup is not its default;
 * we set it for this tab just long enough to open it. Where openPopup is
 * missing or refused, the same page opens in a small window.
 */
function openReport(tab) {
  // No await before openPopup: Firefox only allows it while the click is
  // still being handled.
  const setting = api.action.setPopup({ tabId: tab.id, popup: POPUP });
  const opening = typeof api.action.openPopup === "function" ? api.action.openPopup() : Promise.reject();
  Promise.all([setting, opening])
    .catch(() =>
      api.windows.create({
        url: api.runtime.getURL(`${POPUP}?tab=${tab.id}`),
        type: "popup",
        width: 420,
        height: 560,
      }),
    )
    .finally(() => api.action.setPopup({ tabId: tab.id, popup: "" }));
}

// ---- events (registered synchronously at top level, as MV3 requires) ----

api.action.onClicked.addListener((tab) => {
  onToolbarClick(tab).catch((err) => console.error("Declutter:", err));
});

api.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab).catch((err) => console.error("Declutter:", err));
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.defaults) updateTitle().catch(() => {});
});
updateTitle().catch(() => {});

// Settings writes from every context (popup, options page, content scripts)
// are applied here, in one queue, so none can lose another (see
// shared/settings.js). This also finishes a settings migration at start.
const serveSettingsWrite = Settings.serveWrites(api.storage.local);

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id === api.runtime.id && serveSettingsWrite(msg, sendResponse)) return true;
  // The content script reports its hidden count after every change.
  if (msg?.type === MESSAGES.BADGE && sender.tab?.id !== undefined) {
    const count = Number(msg.count) || 0;
    api.action.setBadgeText({ tabId: sender.tab.id, text: count > 0 ? String(count) : "" });
  }
  return false;
});

api.action.setBadgeBackgroundColor({ color: "#364fc7" });

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.removeAll().then(() => {
    api.contextMenus.create({ id: MENU_REPORT, title: api.i18n.getMessage("menuReport"), contexts: ["action"] });
    api.contextMenus.create({ id: MENU_READER, title: api.i18n.getMessage("menuReader"), contexts: ["action"] });
  });
});

api.contextMenus.onClicked.addListener((info, tab) => {
  if (!tab) return;
  if (info.menuItemId === MENU_REPORT) openReport(tab);
  if (info.menuItemId === MENU_READER) toggleReader(tab);
});
