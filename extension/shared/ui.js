// Small helpers shared by the popup and the options page (extension pages,
// ES modules). Both pages load shared/protocol.js and shared/settings.js
// first, as classic scripts.

export const api = globalThis.browser ?? globalThis.chrome;
export const Settings = globalThis.DeclutterSettings;
export const { MESSAGES } = globalThis.DeclutterProtocol;

/** The localized string `key`, or the key itself when it is missing. */
export function t(key, ...substitutions) {
  return api.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** Fills every `[data-i18n]` element's text (and `[data-i18n-title]`'s title). */
export function localize(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  document.documentElement.lang = api.i18n.getUILanguage();
}

/** `document.createElement` with properties and children, for small lists. */
export function h(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}
