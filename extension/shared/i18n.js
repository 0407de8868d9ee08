// Translating, for every part that shows words: the popup and the options
// page (through shared/ui.js) and the content script (the reader view's
// words). A classic script, loaded before them like shared/protocol.js; in a
// content script its global lives in the isolated world, invisible to the
// page.
//
// The words are the extension's messages (_locales/<lang>/messages.json).
// tests/e2e/locales.test.mjs checks that every locale has every English
// message, with the same placeholders, and that every key used exists.
(function (root) {
  "use strict";

  const api = root.browser ?? root.chrome;

  /** The message `key` with `$1`… filled in, or "" where no locale has it. */
  function message(key, ...substitutions) {
    return api.i18n.getMessage(key, substitutions.map(String));
  }

  /** The message `key`, or the key itself where no locale has it (a bug the tests catch). */
  function t(key, ...substitutions) {
    return message(key, ...substitutions) || key;
  }

  /**
   * The language the messages are shown in: the browser's own where the
   * extension speaks it ("pt-BR" for the "pt" messages), otherwise the
   * language of the messages the browser fell back to (English for a
   * browser in Japanese). Every locale says its name in `language`.
   */
  function language() {
    const shown = message("language") || "en";
    const ui = api.i18n.getUILanguage?.() || "";
    const primary = (tag) => tag.toLowerCase().split(/[-_]/)[0];
    return primary(ui) === primary(shown) ? ui : shown;
  }

  /**
   * A Report entry's reason, translated: its short `name` and its
   * `description`. The core gives the reason as an id ("subscribe",
   * "skip-link"; Reason::code in src/plan.rs) with an English sentence,
   * which stays where no message exists for the id (a core newer than
   * its messages).
   */
  function reason(item) {
    const id = String(item.reason).replaceAll("-", "_");
    return {
      name: message(`reason_${id}`) || item.reason,
      description: message(`reasonDescription_${id}`) || item.description,
    };
  }

  root.DeclutterI18n = Object.freeze({ message, t, language, reason });
})(globalThis);
