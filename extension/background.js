// Declutter background: a service worker in Chrome, an event page in Firefox
// (the same file; the build picks the manifest key). It holds no state of its
// own, so either browser may stop and restart it at any time: the content
// script is the source of truth for each page.
//
// The toolbar button's left click opens the popup (the manifest's
// default_popup), so nothing here listens to it. What is left: the keyboard
// commands, the badge, the one queue of settings writes, and the first-run
// page.
"use strict";

// shared/protocol.js and shared/settings.js: Firefox lists them before this
// file in background.scripts; Chrome's service worker (one file only)
// imports them here.
if (!globalThis.DeclutterSettings && typeof importScripts === "function") {
  importScripts("shared/protocol.js", "shared/settings.js");
}

const api = globalThis.browser ?? globalThis.chrome;
const Settings = globalThis.DeclutterSettings;
const { MESSAGES, sendToTab } = globalThis.DeclutterProtocol;

/** The page opened once, on install: what Declutter does, never does, and how to undo it. */
const FIRST_RUN = "welcome/welcome.html";
/** Set in storage once the first-run page was opened (removing the extension clears it). */
const FIRST_RUN_SHOWN = "firstRunShown";

async function activeTab() {
  // Without the "tabs" permission we get ids but no URLs, which is all we need.
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/**
 * The cleaning shortcut: cleans or restores the page (clean <-> as
 * published). While the reader view is open, it closes it instead, which
 * is what a press means then: the view covers the page.
 */
async function toggleClean(tab) {
  const status = await sendToTab(api, tab.id, { type: MESSAGES.REPORT });
  if (!status) return;
  if (status.readerShown) {
    await toggleReader(tab);
    return;
  }
  await sendToTab(api, tab.id, { type: status.cleaned ? MESSAGES.RESTORE : MESSAGES.CLEAN });
}

/**
 * Toggles the reader view. On a page without an article nothing changes
 * there, so the button says it: for NO_ARTICLE_MS its badge shows "–" and
 * its tooltip the reason, then the badge shows the page's count again.
 */
async function toggleReader(tab) {
  const reply = await sendToTab(api, tab.id, { type: MESSAGES.TOGGLE_READER });
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
    api.action.setTitle({ tabId, title: api.i18n.getMessage("actionTitle") }).catch(() => {});
  }, NO_ARTICLE_MS);
}

/** What each command of the manifest's `commands` does. */
const COMMANDS = { "toggle-clean": toggleClean, "toggle-reader": toggleReader };

/**
 * A keyboard command. A named top-level function, so the e2e tests can
 * call exactly what the shortcut calls: a headless browser cannot press a
 * browser-level shortcut.
 */
async function onCommand(command, tab) {
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : null;
  if (!run) return;
  tab ??= await activeTab();
  if (tab) await run(tab);
}

// ---- events (registered synchronously at top level, as MV3 requires) ----

api.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab).catch((err) => console.error("Declutter:", err));
});

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

/**
 * The first-run page, on a new install only, and once: an update opens
 * nothing, and neither does an "install" the browser reports again for an
 * extension it already had (Chromium does, for an unpacked one, at every
 * start), since storage remembers that the page was shown.
 */
async function openFirstRun() {
  if ((await api.storage.local.get(FIRST_RUN_SHOWN))[FIRST_RUN_SHOWN]) return;
  await api.storage.local.set({ [FIRST_RUN_SHOWN]: true });
  await api.tabs.create({ url: api.runtime.getURL(FIRST_RUN) });
}

api.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") openFirstRun().catch((err) => console.error("Declutter:", err));
});
