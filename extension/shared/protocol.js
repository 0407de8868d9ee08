// What the extension's parts say to each other and what the core leaves on
// the page: one list, used by every file (background, content script,
// popup, options, settings), and `sendToTab`, how the background and the
// popup reach a page. A classic script, loaded first wherever it is
// needed, like shared/settings.js; in a content script its global lives in
// the isolated world, invisible to the page.
//
// The core (Rust) names the page markers too, in src/dom/mod.rs;
// tests/e2e/protocol.test.mjs fails if the two disagree.
(function (root) {
  "use strict";

  /** Message types, by who sends them. */
  const MESSAGES = Object.freeze({
    // background or popup → content script
    CLEAN: "declutter:clean",
    RESTORE: "declutter:restore",
    TOGGLE_READER: "declutter:toggle-reader",
    SHOW: "declutter:show",
    FORGET_KEPT: "declutter:forget-kept",
    REPORT: "declutter:report",
    // popup → content script: the report's "Show where", "Peek" and "This was wrong"
    SHOW_WHERE: "declutter:show-where",
    PEEK: "declutter:peek",
    MARK_WRONG: "declutter:mark-wrong",
    // content script → background
    BADGE: "declutter:badge",
    // any context → background: a settings patch to apply in its queue
    SETTINGS_WRITE: "declutter:settings-write",
  });

  /** What the core leaves on the page (MARKER and OWN_ELEMENT in src/dom/mod.rs). */
  const MARKERS = Object.freeze({
    /** On every hidden block: "reason key". */
    HIDDEN: "data-declutter",
    /** On the extension's own elements, which the core never reads. */
    OWN: "data-declutter-own",
    /** The OWN value of the reader view's host. */
    READER_HOST: "reader",
    /** On a hidden block shown for a moment by "Show where" or "Peek" (extension/spotlight.js); the core never sets it. */
    SPOTLIGHT: "data-declutter-spotlight",
  });

  /**
   * Sends `message` to the content script of `tabId` and resolves to its
   * reply, or null when the page has none and cannot get one (browser pages,
   * the web stores, file: URLs). Chrome does not inject content scripts into
   * tabs that were open before the extension was installed or updated; the
   * popup's opening and a shortcut are user gestures, so `activeTab` lets
   * us inject them into that one tab (with `scripting`) instead of asking
   * for host permissions.
   */
  async function sendToTab(api, tabId, message) {
    try {
      return await api.tabs.sendMessage(tabId, message);
    } catch {
      try {
        const files = api.runtime.getManifest().content_scripts.flatMap((entry) => entry.js);
        await api.scripting.executeScript({ target: { tabId }, files });
        return await api.tabs.sendMessage(tabId, message);
      } catch {
        return null;
      }
    }
  }

  root.DeclutterProtocol = Object.freeze({ MESSAGES, MARKERS, sendToTab });
})(globalThis);
