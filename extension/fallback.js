// Chrome only (the Firefox build leaves this file out): the core as plain
// JS, for pages whose CSP forbids WebAssembly. Chromium checks wasm
// compilation in content scripts against the page's CSP; Firefox does not.
//
// The wasm2js build is 1.6 MiB of JS, too much to parse on every page, so it
// is imported only on such a page. This is the extension's one dynamic
// import(); it stays out of the Firefox build, which add-on review lints.
"use strict";
globalThis.DeclutterFallback = Object.freeze({
  /** A fresh core instance (the module's `create()`), like DeclutterCore.create(). */
  async create() {
    const api = globalThis.browser ?? globalThis.chrome;
    const { create } = await import(api.runtime.getURL("pkg-js/declutter.js"));
    return create();
  },
});
