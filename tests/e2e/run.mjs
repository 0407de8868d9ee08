#!/usr/bin/env node
// `npm run e2e`: the built extension in real headless Chromium and Firefox.
//
//   node tests/e2e/run.mjs                  everything (needs `npm run build` first)
//   E2E_BROWSERS=chromium node tests/e2e/run.mjs   one browser
//
// Uses node's own test runner (spec reporter), so the summary ends with
// "ℹ tests N / ℹ pass N / ℹ fail 0". The two browsers run in parallel: each
// spends most of its time waiting on its browser process.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { extensionDir } from "./harness.mjs";

const HERE = path.dirname(new URL(import.meta.url).pathname);
// Two browsers at once halve the wall time on a quiet machine; on CI's two
// cores, shared with the servers, one at a time keeps the timing honest.
const CONCURRENCY = process.env.E2E_CONCURRENCY || (process.env.CI ? "1" : "2");
const BROWSERS = (process.env.E2E_BROWSERS || "chromium,firefox").split(",").map((b) => b.trim()).filter(Boolean);

const files = ["settings.test.mjs", "protocol.test.mjs", "manifest.test.mjs", "locales.test.mjs", ...BROWSERS.map((b) => `${b}.test.mjs`)];
for (const f of files) {
  if (!fs.existsSync(path.join(HERE, f))) {
    console.error(`e2e: no ${f} (E2E_BROWSERS may list chromium and firefox)`);
    process.exit(2);
  }
}
try {
  extensionDir("chrome");
  extensionDir("firefox");
} catch (err) {
  console.error(`e2e: ${err.message}`);
  process.exit(2);
}

// A bound on each test file, so that a hang (a browser that never answers, a
// handle that keeps a file's process alive) fails the run with the file's
// name instead of running into CI's limit. A browser's file takes 2.5 min on
// a quiet machine and under 8 under load (npm run test:stress).
const FILE_TIMEOUT_MS = Number(process.env.E2E_FILE_TIMEOUT_MS) || 20 * 60_000;

const child = spawn(
  process.execPath,
  [
    "--test",
    "--test-reporter=spec",
    `--test-concurrency=${CONCURRENCY}`,
    `--test-timeout=${FILE_TIMEOUT_MS}`,
    // A file whose tests all ended is done, whatever handle it left open.
    "--test-force-exit",
    ...files.map((f) => path.join(HERE, f)),
  ],
  { stdio: "inherit" },
);
child.on("exit", (code, signal) => process.exit(signal ? 1 : code));
