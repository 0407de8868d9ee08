// Takes the README's before/after screenshots of the seed-like page in
// headless Chromium, cleaned by the real web build (pkg/).
// Usage: node scripts/screenshot.mjs [OUT_DIR]
import { chromium } from "playwright-core";
import http from "node:http";
import { createHandler, listen } from "./serve.mjs";

const outDir = process.argv[2] ?? "docs";
const server = http.createServer(createHandler(new URL("..", import.meta.url).pathname));
const base = `http://127.0.0.1:${await listen(server, 0, false)}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(`${base}/tests/fixtures/seed-news.html`);
  await page.screenshot({ path: `${outDir}/before.png`, fullPage: true });
  const report = await page.evaluate(async (url) => {
    const core = await import(url);
    await core.default();
    return core.clean(document);
  }, `${base}/pkg/declutter.js`);
  await page.screenshot({ path: `${outDir}/after.png`, fullPage: true });
  console.log(`hidden ${report.hidden.length} blocks in ${report.elapsedMs.toFixed(2)} ms`);
} finally {
  await browser.close();
  server.close();
}
