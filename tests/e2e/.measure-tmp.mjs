import { launchChromium } from "./chromium.mjs";
import { launchFirefox } from "./firefox.mjs";
import { extensionDir, extensionStatus, waitFor } from "./harness.mjs";
import { startServer } from "./server.mjs";
const which = process.argv[2] || "chromium";
const server = await startServer();
const browser = which === "chromium" ? await launchChromium(extensionDir("chrome")) : await launchFirefox(extensionDir("firefox"));
try {
  for (const p of ["/pages/late-modal.html", "/fixtures/seed-news.html", "/fixtures/overlays-and-rails.html"]) {
    await browser.open(server.url(p));
    const s = await waitFor(async () => { const s = await browser.inExtension(extensionStatus); return s?.settled && s; }, "settle");
    console.log(which, p, "initial clean elapsedMs", s.report?.elapsedMs, "hidden", s.report?.hidden.length);
  }
  await browser.open(server.url("/pages/late-modal.html"));
  await waitFor(async () => { const s = await browser.inExtension(extensionStatus); return s?.settled && s; }, "settle");
  for (let i = 0; i < 8; i++) {
    const before = (await browser.inExtension(extensionStatus)).report.observer.batches;
    await browser.evaluate(() => window.addCards(50));
    const s = await waitFor(async () => { const s = await browser.inExtension(extensionStatus); return s.report.observer.batches > before && s; }, "batch");
    const b = s.report.observer.recent.at(-1);
    console.log(which, "batch", i, b, "nodes", await browser.evaluate(() => document.getElementsByTagName("*").length));
  }
} finally { await browser.close(); await server.close(); }
