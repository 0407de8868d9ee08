// Hostile page script: breaks the DOM and the JS built-ins the way a buggy or
// malicious page can, before any content script runs. The extension runs in
// its own world and calls the DOM's own methods, so none of it may matter.
// `__hostile.restore()` puts the originals back, so that the test can
// inspect the page with the usual tools once the extension has done its work.
(() => {
  const patched = [];
  const patch = (owner, name, value) => {
    patched.push([owner, name, Object.getOwnPropertyDescriptor(owner, name)]);
    Object.defineProperty(owner, name, { value, writable: true, configurable: true });
  };
  const broken = (name) =>
    function () {
      throw new Error(`page patched ${name}`);
    };
  patch(Element.prototype, "setAttribute", broken("setAttribute"));
  patch(Element.prototype, "getAttribute", () => "hostile");
  patch(Element.prototype, "removeAttribute", broken("removeAttribute"));
  patch(Element.prototype, "closest", () => null);
  patch(Element.prototype, "attachShadow", broken("attachShadow"));
  patch(Element.prototype, "getBoundingClientRect", () => ({ top: 0, left: 0, width: 0, height: 0, right: 0, bottom: 0 }));
  patch(Document.prototype, "querySelectorAll", () => []);
  patch(Document.prototype, "querySelector", () => null);
  patch(Document.prototype, "createElement", broken("createElement"));
  patch(Node.prototype, "appendChild", broken("appendChild"));
  patch(window, "getComputedStyle", broken("getComputedStyle"));
  patch(window, "MutationObserver", broken("MutationObserver"));
  patch(window, "CSSStyleSheet", broken("CSSStyleSheet"));
  patch(window, "DOMParser", broken("DOMParser"));
  patch(window, "fetch", broken("fetch"));
  patch(JSON, "parse", broken("JSON.parse"));
  patch(JSON, "stringify", broken("JSON.stringify"));
  // A fake WebAssembly that refuses everything.
  patch(window, "WebAssembly", {
    Module: broken("WebAssembly.Module"),
    Instance: broken("WebAssembly.Instance"),
    compile: broken("WebAssembly.compile"),
    instantiate: broken("WebAssembly.instantiate"),
  });
  Object.defineProperty(window, "__hostile", {
    value: {
      restore() {
        for (const [owner, name, descriptor] of patched.reverse()) {
          if (descriptor) Object.defineProperty(owner, name, descriptor);
          else delete owner[name];
        }
      },
    },
  });
})();
