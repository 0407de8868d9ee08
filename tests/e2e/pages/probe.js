// Injected by tests/e2e/server.mjs at the top of every HTML page. It runs in
// the page's own world, before any content script, and keeps what the tests
// compare against:
//   before      document.documentElement.outerHTML at DOMContentLoaded, i.e. the
//               page as the site made it (content scripts run at document_end)
//   globals     the page's global names at that moment
//   violations  every securitypolicyviolation event the page saw
//   longTasks   durations of the main thread's long tasks (Chromium; null elsewhere)
//   painted     the [data-expect] elements (indexes in document order) that
//               were rendered in an animation frame, in the first 10 s: what
//               a reader saw, however briefly
// Listeners run before the extension exists, so it cannot hide from them.
(() => {
  const probe = { before: null, globals: null, violations: [] };
  document.addEventListener("securitypolicyviolation", (e) => {
    probe.violations.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile });
  });
  document.addEventListener("DOMContentLoaded", () => {
    probe.before = document.documentElement.outerHTML;
    probe.globals = Object.getOwnPropertyNames(window);
  });
  // The main thread's long tasks (over 50 ms; Chromium only), whoever ran them.
  probe.longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
    }).observe({ type: "longtask", buffered: true });
  } catch {
    probe.longTasks = null;
  }
  // rAF callbacks run before each frame's style, layout and paint, and no
  // task runs between them and the paint: what shows here is painted. An
  // element under `visibility: hidden` (the extension's veil while its
  // storage answers, see extension/early.js) is laid out but not painted.
  probe.painted = [];
  const seen = new Set();
  const frame = () => {
    document.querySelectorAll("[data-expect]").forEach((el, i) => {
      if (!seen.has(i) && el.checkVisibility({ visibilityProperty: true })) seen.add(i) && probe.painted.push(i);
    });
    if (performance.now() < 10_000) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  Object.defineProperty(window, "__e2e", { value: probe });
})();
