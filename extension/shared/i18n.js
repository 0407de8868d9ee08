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
   * The message `key_<form>` for `count`, the form the plural rules of the
   * shown language pick (Intl.PluralRules: one, few, many, other; every
   * locale has all four, repeating a form its language does not tell
   * apart), with the count written as that language writes numbers.
   */
  function plural(key, count) {
    const lang = language();
    const n = count.toLocaleString(lang);
    return message(`${key}_${new Intl.PluralRules(lang).select(count)}`, n) || message(`${key}_other`, n);
  }

  /**
   * A group of the Report: `count` blocks hidden for one reason, in plain
   * words ("10 sign-up forms") and the reason's sentence. The core gives the
   * reason as an id ("subscribe", "skip-link"; Reason::code in src/plan.rs)
   * with an English sentence, which stays where no message exists for the
   * id (a core newer than its messages).
   */
  function reasonGroup(item, count) {
    const id = String(item.reason).replaceAll("-", "_");
    return {
      title: plural(`reasonCount_${id}`, count) || t("popupGroupUnknown", count.toLocaleString(language()), item.reason),
      description: message(`reasonDescription_${id}`) || item.description,
    };
  }

  root.DeclutterI18n = Object.freeze({ message, t, language, plural, reasonGroup });
})(globalThis);
