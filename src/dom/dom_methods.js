// The DOM's own property getters and methods, for every JS module of the
// core (the walk, the hide rule, the applier's calls), called on a node.
//
// A page can shadow the properties themselves: a form's named controls
// do (`form.id` is its `<input name="id">`, `form.nextSibling` its
// `<input name="nextSibling">`, which once sent the walk round forever,
// `form.setAttribute` its `<input name="setAttribute">`, and a sign-up
// form is just what the applier hides), and so can a script, and a
// document's named images and forms shadow its own (`<img
// name="querySelectorAll">`). wasm-bindgen would call `form.setAttribute`
// itself and fail. Each getter is also one known function where
// `node.firstChild` over dozens of element classes is a megamorphic lookup
// (5 % of the walk, A/B in Chromium on the news corpus).

/** The getters and methods, taken on first use so that loading needs no DOM. */
let dom = null;
export function domGetters() {
  if (dom) return dom;
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  // The adopted-sheets accessors of documents and shadow roots; null where
  // the browser has no constructed stylesheets.
  const adopted = (proto) => {
    const property = Object.getOwnPropertyDescriptor(proto, "adoptedStyleSheets");
    return property?.get && property?.set ? property : null;
  };
  dom = {
    nodeType: getter(Node.prototype, "nodeType"),
    nodeValue: getter(Node.prototype, "nodeValue"),
    firstChild: getter(Node.prototype, "firstChild"),
    nextSibling: getter(Node.prototype, "nextSibling"),
    parentNode: getter(Node.prototype, "parentNode"),
    isConnected: getter(Node.prototype, "isConnected"),
    localName: getter(Element.prototype, "localName"),
    shadowRoot: getter(Element.prototype, "shadowRoot"),
    rootNode: Node.prototype.getRootNode,
    attributes: getter(Element.prototype, "attributes"),
    attributeNames: Element.prototype.getAttributeNames,
    attribute: Element.prototype.getAttribute,
    setAttribute: Element.prototype.setAttribute,
    removeAttribute: Element.prototype.removeAttribute,
    boundingRect: Element.prototype.getBoundingClientRect,
    style: getter(HTMLElement.prototype, "style"),
    defaultView: getter(Document.prototype, "defaultView"),
    documentElement: getter(Document.prototype, "documentElement"),
    body: getter(Document.prototype, "body"),
    title: getter(Document.prototype, "title"),
    selectAll: Document.prototype.querySelectorAll,
    adoptedStyleSheets: adopted(Document.prototype),
    shadowAdoptedStyleSheets: adopted(ShadowRoot.prototype),
    selectAllInFragment: DocumentFragment.prototype.querySelectorAll,
  };
  return dom;
}

/** `document.documentElement`. */
export function rootOf(doc) {
  return domGetters().documentElement.call(doc);
}

/** `document.body`. */
export function bodyOf(doc) {
  return domGetters().body.call(doc);
}

/** `el.getAttribute(name)`. */
export function attributeOf(el, name) {
  return domGetters().attribute.call(el, name);
}

/** `el.setAttribute(name, value)`. */
export function setAttributeOf(el, name, value) {
  domGetters().setAttribute.call(el, name, value);
}

/** `el.removeAttribute(name)`. */
export function removeAttributeOf(el, name) {
  domGetters().removeAttribute.call(el, name);
}

/** `el.isConnected`. */
export function isConnected(el) {
  return domGetters().isConnected.call(el);
}

/** `el.style`, the inline style of an HTML element. */
export function inlineStyleOf(el) {
  return domGetters().style.call(el);
}

/** `doc.querySelectorAll(selector)`, as an array. */
export function queryAll(doc, selector) {
  return Array.from(domGetters().selectAll.call(doc, selector));
}
