import { launchChromium } from "./chromium.mjs";
import { launchFirefox } from "./firefox.mjs";
import { extensionDir, extensionStatus, waitFor } from "./harness.mjs";
import { startServer } from "./server.mjs";
const which = process.argv[2] || "chromium";
const server = await startServer();
const browser = which === "chromium" ? await launchChromium(extensionDir("chrome")) : await launchFirefox(extensionDir("firefox"));
try {
  for (const p of ["/pages/late-modal.html", "/fixtures/seed-news.html"]) {
    await browser.open(server.url(p));
    const s = await waitFor(async () => { const s = await browser.inExtension(extensionStatus); return s?.settled && s; }, "settle");
    const times = await browser.inExtension(async (tabId) => {
      const api = globalThis.browser ?? globalThis.chrome;
      const out = [];
      for (let i = 0; i < 15; i++) {
        const r = await api.tabs.sendMessage(tabId, { type: "declutter:clean" });
        out.push(r.report.elapsedMs);
      }
      return out;
    }, s.tabId);
    console.log(which, p, times.map((t) => t.toFixed(1)).join(" "));
  }
} finally { await browser.close(); await server.close(); }
