// The hide rule, `[data-declutter]{display:none!important}`, as a
// constructed stylesheet that the document adopts. Nothing is added to the
// page's tree, a style-src CSP does not apply to a constructed sheet, and
// adopting one costs half as much as inserting a <style> into <head>
// (0.020 against 0.040 ms, in-page in Chromium on the news corpus).
// A document's sheets do not reach into a shadow tree, so each shadow root
// that holds a hidden block adopts the rule as well.

import { domGetters } from "./dom_methods.js";

/** The rule's sheet for each document or shadow root it was made for. */
const sheets = new WeakMap();

/** The shadow roots the rule was adopted into. */
const shadowRoots = new Set();

/**
 * Adopts the rule into `target` (a document or a shadow root), once, through
 * the accessor of its own prototype: `<img name="adoptedStyleSheets">`
 * shadows the property on `document`. False where it cannot be adopted.
 */
function adoptInto(target, adopted, css) {
  if (!adopted) return false;
  try {
    let sheet = sheets.get(target);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    addSheet(target, adopted, sheet);
    sheets.set(target, sheet);
    return true;
  } catch {
    return false;
  }
}

/** Takes the rule out of `target`'s adopted sheets and leaves the page's own in their order. */
function dropFrom(target, adopted) {
  const sheet = sheets.get(target);
  if (adopted && sheet) removeSheet(target, adopted, sheet);
}

/**
 * Adds `sheet` to what `target` (a document or a shadow root) adopts, once,
 * through `adopted`, the accessor of its own prototype (domGetters). Throws
 * where the target cannot adopt it.
 */
export function addSheet(target, adopted, sheet) {
  const list = adopted.get.call(target);
  if (!Array.prototype.includes.call(list, sheet)) adopted.set.call(target, [...list, sheet]);
}

/** Takes `sheet` out of what `target` adopts, the others left in their order. */
export function removeSheet(target, adopted, sheet) {
  try {
    const list = adopted.get.call(target);
    if (Array.prototype.includes.call(list, sheet)) {
      adopted.set.call(target, Array.prototype.filter.call(list, (s) => s !== sheet));
    }
  } catch {
    // Nothing of ours is adopted.
  }
}

/**
 * Adopts the rule into `doc`, once. False where it cannot be adopted (no
 * constructed sheets, or a document of another window, which only takes
 * sheets made by its own): the caller then hides inline.
 * @param {Document} doc
 * @param {string} css the rule
 */
export function adoptRule(doc, css) {
  return adoptInto(doc, domGetters().adoptedStyleSheets, css);
}

/**
 * Takes the rule out of `doc` and of every shadow root it went into.
 * @param {Document} doc
 */
export function dropRule(doc) {
  const { adoptedStyleSheets, shadowAdoptedStyleSheets } = domGetters();
  dropFrom(doc, adoptedStyleSheets);
  for (const root of shadowRoots) dropFrom(root, shadowAdoptedStyleSheets);
  shadowRoots.clear();
}

/**
 * Adopts the rule into the shadow root of each of `elements` that lives in
 * one (open or closed: the walk handed us the element). Returns the
 * elements it could not cover that way, to be hidden inline.
 * @param {Element[]} elements blocks just marked
 * @param {string} css the rule
 */
export function adoptRuleInShadows(elements, css) {
  const { rootNode, shadowAdoptedStyleSheets } = domGetters();
  const uncovered = [];
  for (const el of elements) {
    const root = rootNode.call(el);
    if (!(root instanceof ShadowRoot)) continue;
    if (adoptInto(root, shadowAdoptedStyleSheets, css)) shadowRoots.add(root);
    else uncovered.push(el);
  }
  return uncovered;
}

/**
 * The elements matching `selector` in `doc` and in every shadow root the
 * rule went into: what restore and show look through.
 * @param {Document} doc
 * @param {string} selector
 */
export function selectMarked(doc, selector) {
  const { selectAll, selectAllInFragment } = domGetters();
  const found = [...selectAll.call(doc, selector)];
  for (const root of shadowRoots) found.push(...selectAllInFragment.call(root, selector));
  return found;
}
