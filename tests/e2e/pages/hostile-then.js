// Hostile page script: every object becomes a thenable that never settles.
// Any `await` of a plain object created in the page's realm would hang; the
// extension's own world must not care.
Object.defineProperty(Object.prototype, "then", {
  value: function then() {},
  writable: true,
  configurable: true,
  enumerable: false,
});
