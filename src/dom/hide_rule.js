// The hide rule, `[data-declutter]{display:none!important}`, as a
// constructed stylesheet that the document adopts. Nothing is added to the
// page's tree, a style-src CSP does not apply to a constructed sheet, and
// adopting one costs half as much as inserting a <style> into <head>
// (0.020 against 0.040 ms, in-page in Chromium on the news corpus).

import { domGetters } from "./dom_methods.js";

/** The rule's sheet for each document it was made for. */
const sheets = new WeakMap();

/**
 * Adopts the rule into `doc`, once. False where it cannot be adopted (no
 * constructed sheets, or a document of another window, which only takes
 * sheets made by its own): the caller then hides inline.
 * @param {Document} doc
 * @param {string} css the rule
 */
export function adoptRule(doc, css) {
  // Document's own accessor: `<img name="adoptedStyleSheets">` shadows
  // the property on `document`.
  const adopted = domGetters().adoptedStyleSheets;
  if (!adopted) return false;
  try {
    let sheet = sheets.get(doc);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    const list = adopted.get.call(doc);
    if (!Array.prototype.includes.call(list, sheet)) adopted.set.call(doc, [...list, sheet]);
    sheets.set(doc, sheet);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the rule out of `doc`'s adopted sheets and leaves the page's own
 * in their order.
 * @param {Document} doc
 */
export function dropRule(doc) {
  const adopted = domGetters().adoptedStyleSheets;
  const sheet = sheets.get(doc);
  if (!adopted || !sheet) return;
  try {
    const list = adopted.get.call(doc);
    if (Array.prototype.includes.call(list, sheet)) {
      adopted.set.call(doc, Array.prototype.filter.call(list, (s) => s !== sheet));
    }
  } catch {
    // Nothing of ours is adopted.
  }
}

/**
 * The shadow roots the rule was adopted into: a document's sheets do not
 * reach into a shadow tree, so each root that holds a hidden block adopts
 * the rule itself.
 */
const shadowRoots = new Set();

/**
 * Adopts the rule into the shadow root of each of `elements` that lives in
 * one (open or closed: the walk handed us the element). Returns the
 * elements it could not cover that way, to be hidden inline.
 * @param {Element[]} elements blocks just marked
 * @param {string} css the rule
 */
export function adoptRuleInShadows(elements, css) {
  const { rootNode } = domGetters();
  const uncovered = [];
  for (const el of elements) {
    const root = rootNode.call(el);
    if (!(root instanceof ShadowRoot)) continue;
    if (!shadowRoots.has(root) && !adoptInto(root, css)) {
      uncovered.push(el);
      continue;
    }
    shadowRoots.add(root);
  }
  return uncovered;
}

function adoptInto(root, css) {
  const adopted = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, "adoptedStyleSheets");
  if (!adopted?.get || !adopted?.set) return false;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(root, sheet);
    adopted.set.call(root, [...adopted.get.call(root), sheet]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The elements matching `selector` in `doc` and in every shadow root the
 * rule went into: what restore and show look through.
 * @param {Document} doc
 * @param {string} selector
 */
export function selectMarked(doc, selector) {
  const { selectAll } = domGetters();
  const found = [...selectAll.call(doc, selector)];
  for (const root of shadowRoots) found.push(...DocumentFragment.prototype.querySelectorAll.call(root, selector));
  return found;
}

/** Takes the rule out of every shadow root it went into. */
export function dropRuleInShadows() {
  const adopted = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, "adoptedStyleSheets");
  for (const root of shadowRoots) {
    const sheet = sheets.get(root);
    try {
      adopted.set.call(root, Array.prototype.filter.call(adopted.get.call(root), (s) => s !== sheet));
    } catch {
      // The root's sheets are the page's business now.
    }
  }
  shadowRoots.clear();
}
