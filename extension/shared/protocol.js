// What the extension's parts say to each other and what the core leaves on
// the page: one list, used by every file (background, content script,
// popup, options, settings). A classic script, loaded first wherever it is
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
  });

  root.DeclutterProtocol = Object.freeze({ MESSAGES, MARKERS });
})(globalThis);
