#!/usr/bin/env node
// `npm run test:stress`: the e2e suite, RUNS times back to back, while two
// busy loops keep both cores of the machine busy. A test that waits on a
// sleep or reads state before it is complete fails here long before it
// fails on a quiet machine.
//
//   node scripts/test-stress.mjs [--runs N] [--busy N]
//
// Needs a build (`npm run build`). Prints each run's result and a closing
// "N passed, N failed" line over the runs; exits non-zero if any run failed.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("--runs", 5);
const BUSY = arg("--busy", 2);

const busy = Array.from({ length: BUSY }, () =>
  spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }),
);
const stopBusy = () => busy.forEach((child) => child.kill("SIGKILL"));
process.on("exit", stopBusy);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

function runSuite(i) {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [path.join(ROOT, "tests/e2e/run.mjs")], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, E2E_CONCURRENCY: "1" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      const count = (label) => Number(out.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? NaN);
      const seconds = ((Date.now() - start) / 1000).toFixed(0);
      console.log(`[stress] run ${i}: exit ${code}, ${count("pass")} passed, ${count("fail")} failed, ${seconds} s`);
      if (code !== 0) console.log(out.split("\n").filter((l) => /^✖|Error|assert/i.test(l)).slice(0, 40).join("\n"));
      resolve(code === 0);
    });
  });
}

console.log(`[stress] ${RUNS} runs of the e2e suite with ${BUSY} busy loops`);
let passed = 0;
for (let i = 1; i <= RUNS; i++) if (await runSuite(i)) passed += 1;
stopBusy();
console.log(`${passed} passed, ${RUNS - passed} failed`);
process.exit(passed === RUNS ? 0 : 1);
