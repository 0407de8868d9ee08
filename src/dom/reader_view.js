// The reader view's DOM work that wasm-bindgen would otherwise do through
// `innerHTML`: add-on review flags every innerHTML assignment in shipped
// code, and a page's `style-src` CSP blocks a <style> element and style
// attributes, which left the view unstyled in Firefox under
// `style-src 'self'`.
//
// - The view's markup (already built from an allow-list in Rust) is parsed
//   by DOMParser into an inert document, then moved into the shadow root.
// - The view's CSS is a constructed sheet that the shadow root adopts: CSP
//   does not apply to constructed sheets.
// - The reader's preferences are CSS custom properties set through CSSOM,
//   which CSP allows, instead of a style attribute.

/**
 * Fills `shadow` with `markup` and styles it with `css`.
 * @param {ShadowRoot} shadow
 * @param {string} markup
 * @param {string} css
 */
export function fillView(shadow, markup, css) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${markup}`, "text/html");
  shadow.append(...parsed.body.childNodes);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // No constructed sheets here: a <style> element, which works wherever
    // the page's CSP allows it.
    const style = shadow.ownerDocument.createElement("style");
    style.textContent = css;
    shadow.prepend(style);
  }
}

/**
 * Sets CSS custom properties on `el` through CSSOM.
 * @param {HTMLElement} el
 * @param {string[]} props name, value, name, value, ...
 */
export function setProperties(el, props) {
  for (let i = 0; i + 1 < props.length; i += 2) el.style.setProperty(props[i], props[i + 1]);
}

/**
 * Whether an image on the page shows `url`: the view shows a lead image
 * only when the reader has seen it already, so opening the view fetches
 * nothing new from the site.
 * @param {Document} doc
 * @param {string} url absolute
 */
export function pageShowsImage(doc, url) {
  for (const img of doc.images) {
    if (img.currentSrc === url || img.src === url) return true;
  }
  return false;
}

/**
 * The plural category of `n` in `lang`, for the reading time's form.
 * @param {string} lang
 * @param {number} n
 * @returns {string} "one", "few", "many" or "other" (Intl.PluralRules)
 */
export function pluralCategory(lang, n) {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch {
    return "other";
  }
}

/**
 * The publication day written out in `lang` ("26 December 2024"), in UTC so
 * that it stays the day the publisher wrote; undefined if it is no day.
 * @param {string} lang
 * @param {string} day YYYY-MM-DD
 */
export function formatDay(lang, day) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
  } catch {
    return undefined;
  }
}
