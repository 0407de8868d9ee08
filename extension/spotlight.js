// The popup's "Show where" and "Peek": hidden blocks shown for a moment,
// outlined, then hidden again. A classic content script listed before
// content.js, which calls it; its one global lives in the content script's
// isolated world, invisible to the page.
//
// How a block is shown for a moment: its marker attribute (which the hide
// rule selects) comes off, and where the core hid it by inline style (a page
// rule beat the hide rule) that `display` is lifted too; the block then has
// the page's own layout. A spotlight attribute and one constructed sheet,
// adopted by the block's document or shadow root, draw the outline. Putting
// back sets the same marker again and removes the rest, so the core's
// restore still gives back the page exactly. The caller makes sure no clean
// runs meanwhile (content.js holds its operations queue for the moment).
(function (root) {
  "use strict";

  const { MARKERS } = root.DeclutterProtocol; // shared/protocol.js, listed first

  /** How long a block stays shown: long enough to find it on the page, short enough to wait for. */
  const MOMENT_MS = 2000;
  /** An outline that reads on light and dark pages: orange, with a white halo. */
  const OUTLINE_CSS = `[${MARKERS.SPOTLIGHT}]{outline:3px solid #e8590c!important;outline-offset:2px!important;box-shadow:0 0 0 6px rgba(255,255,255,.85)!important}`;

  // The DOM's own methods, called on the page's nodes: a sign-up form's named
  // controls shadow its properties (`<input name="scrollIntoView">`).
  const attribute = Element.prototype.getAttribute;
  const setAttribute = Element.prototype.setAttribute;
  const removeAttribute = Element.prototype.removeAttribute;
  const scrollIntoView = Element.prototype.scrollIntoView;
  const rootNode = Node.prototype.getRootNode;
  const styleOf = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "style").get;
  const selectAll = (scope, selector) =>
    scope instanceof Document
      ? Document.prototype.querySelectorAll.call(scope, selector)
      : DocumentFragment.prototype.querySelectorAll.call(scope, selector);
  const adopted = (scope) =>
    Object.getOwnPropertyDescriptor(scope instanceof Document ? Document.prototype : ShadowRoot.prototype, "adoptedStyleSheets");

  /**
   * The hidden blocks in `scopes` (the document and the shadow roots the
   * core read): those with `key`, or all of them when `key` is undefined.
   * A marker is "reason key".
   */
  function hiddenBlocks(scopes, key) {
    const found = [];
    for (const scope of scopes) {
      for (const el of selectAll(scope, `[${MARKERS.HIDDEN}]`)) {
        const [, own] = String(attribute.call(el, MARKERS.HIDDEN)).split(" ");
        if (key === undefined || own === key) found.push(el);
      }
    }
    return found;
  }

  let sheet = null;

  /** Adopts the outline's sheet into `scope` (a document or shadow root); returns how to take it out again. */
  function adoptOutline(scope) {
    const access = adopted(scope);
    if (!access?.get) return () => {};
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(OUTLINE_CSS);
      }
      const list = access.get.call(scope);
      if (Array.prototype.includes.call(list, sheet)) return () => {};
      access.set.call(scope, [...list, sheet]);
      return () => access.set.call(scope, Array.prototype.filter.call(access.get.call(scope), (s) => s !== sheet));
    } catch {
      return () => {}; // no constructed sheets here: the block shows without its outline
    }
  }

  /** Shows one hidden block, outlined; returns what puts it back. */
  function showOne(el) {
    const marker = attribute.call(el, MARKERS.HIDDEN);
    const style = el instanceof HTMLElement ? styleOf.call(el) : null;
    const inlineHidden = style?.getPropertyValue("display") === "none" && style.getPropertyPriority("display") === "important";
    removeAttribute.call(el, MARKERS.HIDDEN);
    if (inlineHidden) style.removeProperty("display");
    setAttribute.call(el, MARKERS.SPOTLIGHT, "");
    return () => {
      removeAttribute.call(el, MARKERS.SPOTLIGHT);
      if (inlineHidden) style.setProperty("display", "none", "important");
      setAttribute.call(el, MARKERS.HIDDEN, marker);
    };
  }

  /**
   * Shows `blocks` outlined for MOMENT_MS, then hides them again. With
   * `scroll`, the first is scrolled into the middle of the window first
   * (smoothly unless the reader asked for less motion). Resolves to how
   * many blocks it showed, once they are hidden again.
   */
  async function showForAMoment(blocks, { scroll = false } = {}) {
    if (blocks.length === 0) return 0;
    const scopes = new Set(blocks.map((el) => rootNode.call(el)));
    const undo = [...[...scopes].map(adoptOutline), ...blocks.map(showOne)];
    try {
      if (scroll) {
        const calm = matchMedia("(prefers-reduced-motion: reduce)").matches;
        scrollIntoView.call(blocks[0], { block: "center", behavior: calm ? "instant" : "smooth" });
      }
      await new Promise((resolve) => setTimeout(resolve, MOMENT_MS));
    } finally {
      for (const putBack of undo.reverse()) putBack();
    }
    return blocks.length;
  }

  root.DeclutterSpotlight = Object.freeze({ MOMENT_MS, hiddenBlocks, showForAMoment });
})(globalThis);
