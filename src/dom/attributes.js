// What the applier calls on elements and the document, through the DOM's
// own methods. A form's named controls shadow its methods and properties
// (`form.setAttribute` is its `<input name="setAttribute">`), and a
// sign-up form is just what the applier hides; a document's named images
// shadow its own (`<img name="querySelectorAll">`). web-sys would call
// `form.setAttribute` itself and fail.

/** The methods and getters, taken on first use so that loading needs no DOM. */
let dom = null;
function methods() {
  if (dom) return dom;
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  dom = {
    get: Element.prototype.getAttribute,
    set: Element.prototype.setAttribute,
    remove: Element.prototype.removeAttribute,
    connected: getter(Node.prototype, "isConnected"),
    style: getter(HTMLElement.prototype, "style"),
    selectAll: Document.prototype.querySelectorAll,
  };
  return dom;
}

/** `el.getAttribute(name)`. */
export function attributeOf(el, name) {
  return methods().get.call(el, name);
}

/** `el.setAttribute(name, value)`. */
export function setAttributeOf(el, name, value) {
  methods().set.call(el, name, value);
}

/** `el.removeAttribute(name)`. */
export function removeAttributeOf(el, name) {
  methods().remove.call(el, name);
}

/** `el.isConnected`. */
export function isConnected(el) {
  return methods().connected.call(el);
}

/** `el.style`, the inline style of an HTML element. */
export function inlineStyleOf(el) {
  return methods().style.call(el);
}

/** `doc.querySelectorAll(selector)`, as an array. */
export function queryAll(doc, selector) {
  return Array.from(methods().selectAll.call(doc, selector));
}
