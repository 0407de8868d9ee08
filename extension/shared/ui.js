// Small helpers shared by the popup and the options page (extension pages,
// ES modules). Both pages load shared/protocol.js, shared/settings.js and
// shared/i18n.js first, as classic scripts.

export const api = globalThis.browser ?? globalThis.chrome;
export const Settings = globalThis.DeclutterSettings;
export const { MESSAGES } = globalThis.DeclutterProtocol;
/** Translating: `t(key, ...substitutions)`, `reason(item)` (shared/i18n.js). */
export const I18n = globalThis.DeclutterI18n;
export const { t } = I18n;

/**
 * Fills every `[data-i18n]` element's text (and `[data-i18n-title]`'s
 * title), and says which language the page is in.
 */
export function localize(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  document.documentElement.lang = I18n.language();
}

/** `document.createElement` with properties and children, for small lists. */
export function h(tag, props = {}, ...children) {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}
