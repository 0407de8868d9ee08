#!/usr/bin/env node
// Builds the browser extension for every platform from one source:
//
//   extension/ + pkg/ (wasm-bindgen --target web) + a wasm2js build of the core
//     -> dist/NAME/ for each extension/platforms/NAME.json (dist/chrome, dist/firefox)
//
// A platform is data, not code: its file names the extra files it ships
// (extraFiles) and its manifest overlay (manifest), merged into the shared
// extension/manifest.json by mergeManifest below. Adding a browser is adding
// a file there (extension/platforms/README.md).
//
// Usage:
//   node scripts/build-extension.mjs                  build every platform (scripts/build.sh calls this)
//   node scripts/build-extension.mjs --no-js-fallback skip the wasm2js build (faster; strict-CSP pages
//                                                     then fail to clean in Chromium). The same:
//                                                     DECLUTTER_NO_JS_FALLBACK=1 bash scripts/build.sh
//   node scripts/build-extension.mjs --zip            zip each dist/NAME with node, for
//                                                     machines without `zip` (scripts/package.sh)
//   node scripts/build-extension.mjs --compile-fallback  only the fallback's cargo build (build.sh runs
//                                                     it beside the main cargo build)
//
// How the core is loaded: esbuild bundles wasm-bindgen's ES module glue (and
// the JS snippets it imports) into one classic script, core/declutter.js,
// which the manifest lists before content.js. No dynamic import() of an
// extension URL, no module the page could fetch and fingerprint, and the
// script defines only `DeclutterCore.create()` in the content script's own
// world. create() returns a fresh copy of the glue, so after a trap the
// content script can start over on a new instance of the same compiled module.
//
// Why a JS fallback at all: Chromium checks WebAssembly compilation in content
// scripts against the *page's* CSP, so on a page served with
// `script-src 'self'` the wasm core cannot start, and the manifest cannot
// change that. The same Rust code, translated to JS by binaryen's wasm2js,
// runs there. Firefox never needs it (it compiles WebAssembly in content
// scripts whatever the page's CSP), so only the platforms whose extraFiles
// name it ship it (Chrome).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SRC = path.join(ROOT, "extension");
const PKG = path.join(ROOT, "pkg");
const DIST = path.join(ROOT, "dist");
const MVP_TARGET = path.join(ROOT, "target", "mvp");
/** One file per platform: { extraFiles, manifest }; its name names dist/NAME. */
const PLATFORMS = path.join(SRC, "platforms");

/** Files of extension/ that are sources of the build or tools, not part of the shipped extension. */
const isSourceOnly = (f) => f === "manifest.json" || f === "icons/make-icons.mjs" || f.startsWith("platforms/");

/** wasm-bindgen's output that the build reads (pkg/snippets holds src/dom/*.js). */
const PKG_FILES = ["declutter.js", "declutter_bg.wasm", "snippets"];
/** The classic script that carries the glue (listed in the manifest's content_scripts). */
const CORE_SCRIPT = "core/declutter.js";
/** The one file pages may fetch (web_accessible_resources): the content script compiles it. */
const CORE_WASM = "core/declutter_bg.wasm";
/** The wasm2js build, an ES module the content script imports on strict-CSP pages. */
const FALLBACK_SCRIPT = "pkg-js/declutter.js";
/** The content script that imports it (the extension's one dynamic import). */
const FALLBACK_LOADER = "fallback.js";
/** The JS fallback, which a platform ships by naming these in its extraFiles. */
const JS_FALLBACK = [FALLBACK_LOADER, FALLBACK_SCRIPT];

const args = new Set(process.argv.slice(2));

function log(msg) {
  console.log(`[build-extension] ${msg}`);
}

function fail(msg) {
  console.error(`[build-extension] error: ${msg}`);
  process.exit(1);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

// ---- manifest ------------------------------------------------------------

/** Removes "//" comment keys at any depth. */
function stripComments(value) {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !k.startsWith("//"))
        .map(([k, v]) => [k, stripComments(v)]),
    );
  }
  return value;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A platform's manifest: `overlay` merged into the shared `base`. Objects
 * merge key by key (the base's order first, then the overlay's new keys);
 * arrays of objects merge item by item (`[{ "use_dynamic_url": true }]` adds
 * the key to the first entry); null removes a key, and a null left in the
 * base is a key no overlay gave; anything else replaces.
 */
function mergeManifest(base, overlay) {
  if (overlay === undefined) return isObject(base) ? mergeManifest(base, {}) : base;
  if (isObject(base) && isObject(overlay)) {
    const merged = {};
    for (const key of new Set([...Object.keys(base), ...Object.keys(overlay)])) {
      const value = mergeManifest(base[key], overlay[key]);
      if (value !== null && value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(overlay) && [...base, ...overlay].every(isObject)) {
    return Array.from({ length: Math.max(base.length, overlay.length) }, (_, i) => mergeManifest(base[i] ?? {}, overlay[i]));
  }
  return overlay;
}

/** Drops, from every list of the manifest, the files this platform does not ship. */
function withoutFiles(value, dropped) {
  if (Array.isArray(value)) return value.filter((v) => !dropped.has(v)).map((v) => withoutFiles(v, dropped));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutFiles(v, dropped)]));
  return value;
}

/** Every platform, from its file in extension/platforms/, in name order. */
function readPlatforms() {
  const platforms = fs
    .readdirSync(PLATFORMS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const data = stripComments(JSON.parse(fs.readFileSync(path.join(PLATFORMS, f), "utf8")));
      const name = path.basename(f, ".json");
      if (!Array.isArray(data.extraFiles) || !isObject(data.manifest)) {
        fail(`extension/platforms/${f}: needs "extraFiles" (a list) and "manifest" (an object)`);
      }
      return { name, extraFiles: data.extraFiles, overlay: data.manifest };
    });
  if (platforms.length === 0) fail("extension/platforms/ names no platform");
  return platforms;
}

// ---- copying ---------------------------------------------------------------

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full, base);
    return [path.relative(base, full).split(path.sep).join("/")];
  });
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

// ---- the wasm2js fallback -------------------------------------------------

function run(cmd, argv, opts = {}) {
  try {
    execFileSync(cmd, argv, { stdio: ["ignore", "inherit", "inherit"], cwd: ROOT, ...opts });
  } catch (err) {
    fail(`${path.basename(cmd)} failed (${err.status ?? err.message})`);
  }
}

function tool(name, where) {
  const candidates = where.map((dir) => path.join(dir, name));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) fail(`${name} not found in ${where.join(", ")}; run scripts/bootstrap.sh`);
  return found;
}

/**
 * Removes the `target_features` custom section. wasm-bindgen reads it to
 * decide whether to emit reference types (externref tables) and other
 * post-MVP output that wasm2js cannot translate; without it, wasm-bindgen
 * sticks to MVP output.
 */
function stripTargetFeatures(bytes) {
  const out = [bytes.subarray(0, 8)];
  let pos = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[pos++];
      result |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return result >>> 0;
  };
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const size = leb();
    const bodyStart = pos;
    const end = bodyStart + size;
    let drop = false;
    if (id === 0) {
      const nameLen = leb();
      drop = Buffer.from(bytes.subarray(pos, pos + nameLen)).toString("utf8") === "target_features";
    }
    if (!drop) out.push(bytes.subarray(start, end));
    pos = end;
  }
  return Buffer.concat(out);
}

/**
 * wasm2js grows memory by copying into a new ArrayBuffer and leaves the old
 * one intact. wasm-bindgen's glue caches a Uint8Array over memory and renews
 * it only when the old buffer is detached (byteLength 0), as real wasm
 * memory's is after a grow; with wasm2js it keeps reading the stale copy, and
 * strings and serde values come out as garbage. Growing with
 * ArrayBuffer.prototype.transfer (Chrome 114+, Firefox 122+) detaches the old
 * buffer, exactly like WebAssembly.Memory.grow.
 */
function patchMemoryGrow(file) {
  const js = fs.readFileSync(file, "utf8");
  const copy = /var newBuffer = new ArrayBuffer\(newPages << 16\);\s*var newHEAP8 = new Int8Array\(newBuffer\);\s*newHEAP8\.set\(HEAP8\);/;
  if (!copy.test(js)) fail("wasm2js output changed: cannot find its memory grow code to patch (see patchMemoryGrow)");
  fs.writeFileSync(file, js.replace(copy, "var newBuffer = buffer.transfer(newPages << 16);"));
}

/**
 * Drops leading indentation, a third of wasm2js's output. Safe because that
 * output has no multi-line string or template literal (checked).
 */
function dedent(file) {
  const js = fs.readFileSync(file, "utf8");
  if (js.includes("`")) return;
  fs.writeFileSync(file, js.replace(/^[ \t]+/gm, ""));
}

/**
 * The MVP build of the same crate, translated to JS. Cached: each step only
 * reruns when its input changed (cargo is incremental on its own).
 * Returns its entry module (bundled into pkg-js/declutter.js by main).
 */
const CARGO_BIN = path.join(os.homedir(), ".cargo", "bin");

/** The fallback's cargo build: the same crate for the MVP wasm target, in target/mvp. */
function compileFallback() {
  const cargo = tool("cargo", [CARGO_BIN, "/usr/local/bin", "/usr/bin"]);
  log("JS fallback: cargo build for the MVP wasm target (target/mvp)");
  // --config instead of RUSTFLAGS: config arrays merge with any rustflags the
  // crate's own .cargo/config sets, RUSTFLAGS would replace them.
  // target-cpu=mvp: no post-MVP instructions in our code. panic=abort: wasm2js
  // cannot translate exception handling; a panic becomes a trap, which the
  // content script catches like any other core failure.
  run(cargo, [
    "build", "--lib", "--release", "--target", "wasm32-unknown-unknown",
    "--target-dir", MVP_TARGET,
    "--config", 'target.wasm32-unknown-unknown.rustflags=["-Ctarget-cpu=mvp"]',
    "--config", 'profile.release.panic="abort"',
    // The fallback is plain JS that pages must parse: size first.
    "--config", 'profile.release.opt-level="s"',
  ], { env: { ...process.env, CARGO_TERM_QUIET: "true" } });
}

function buildJsFallback() {
  compileFallback();
  const wasmBindgen = tool("wasm-bindgen", [CARGO_BIN]);
  const wasm2js = tool("wasm2js", [path.join(ROOT, "node_modules", ".bin")]);
  const wasmFile = path.join(MVP_TARGET, "wasm32-unknown-unknown", "release", "declutter.wasm");
  const work = path.join(MVP_TARGET, "pkg-js-work");
  const out = path.join(MVP_TARGET, "pkg-js");
  const stripped = stripTargetFeatures(fs.readFileSync(wasmFile));
  const stamp = path.join(out, ".source-hash");
  const hash = createHash("sha256").update(stripped).digest("hex");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) {
    log("JS fallback: up to date");
    return path.join(out, "declutter.js");
  }

  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(out, { recursive: true });
  const strippedFile = path.join(work, "declutter.wasm");
  fs.writeFileSync(strippedFile, stripped);

  // Bundler target: its glue imports the wasm as an ES module, which is
  // exactly the shape wasm2js produces.
  log("JS fallback: wasm-bindgen --target bundler");
  // No name section: wasm2js would turn every Rust symbol into a JS function
  // name, which made the output half again as large.
  run(wasmBindgen, [
    "--target", "bundler", "--remove-name-section", "--remove-producers-section",
    "--out-dir", work, "--out-name", "declutter", strippedFile,
  ]);

  log("JS fallback: wasm2js");
  // The feature flags cover what the precompiled std still uses (it is not
  // rebuilt for target-cpu=mvp); wasm2js lowers them to plain JS.
  run(wasm2js, [
    path.join(work, "declutter_bg.wasm"),
    "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals",
    "-Oz",
    "-o", path.join(out, "declutter_bg.wasm.js"),
  ]);

  patchMemoryGrow(path.join(out, "declutter_bg.wasm.js"));
  dedent(path.join(out, "declutter_bg.wasm.js"));

  // The wasm-bindgen glue, unchanged, next to the translated module.
  const glue = fs.readFileSync(path.join(work, "declutter_bg.js"), "utf8");
  if (!glue.includes("export function __wbg_set_wasm")) {
    fail("unexpected wasm-bindgen bundler output (no __wbg_set_wasm); check the wasm-bindgen version");
  }
  fs.writeFileSync(path.join(out, "declutter_bg.js"), glue);
  fs.cpSync(path.join(work, "snippets"), path.join(out, "snippets"), { recursive: true });

  // Entry point with the same shape as pkg/declutter.js (a default init plus
  // the named API), so the content script treats both builds alike.
  const exportsStart = fs.readFileSync(path.join(work, "declutter.js"), "utf8").includes("__wbindgen_start");
  fs.writeFileSync(
    path.join(out, "declutter.js"),
    `// Generated by scripts/build-extension.mjs: the Declutter core as plain JS
// (wasm2js), for pages whose CSP forbids WebAssembly in content scripts.
// Same API as pkg/declutter.js.
import * as wasm from "./declutter_bg.wasm.js";
import { __wbg_set_wasm } from "./declutter_bg.js";
export * from "./declutter_bg.js";

let ready = false;
export default async function init() {
  if (ready) return wasm;
  __wbg_set_wasm(wasm);
  ${exportsStart ? "wasm.__wbindgen_start();" : "// (this build has no start function)"}
  ready = true;
  return wasm;
}
`,
  );
  fs.writeFileSync(stamp, hash);
  return path.join(out, "declutter.js");
}

// ---- bundling the glue -------------------------------------------------------

/**
 * Bundles an ES module entry (the wasm-bindgen glue and the snippets it
 * imports) into the body of a factory: every call of `create()` evaluates the
 * whole glue again, so it returns a core with none of an earlier instance's
 * state. `as`: "script" gives a classic script that defines `DeclutterCore`
 * in the content script's world, "module" an ES module exporting `create`.
 */
async function bundleFactory(entry, as) {
  // Loaded here, not at the top: `--compile-fallback` runs before npm ci is done.
  const { buildSync } = await import("esbuild");
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    globalName: "core",
    target: "es2022",
    write: false,
    legalComments: "none",
    // The wasm2js build is megabytes of generated code that every strict-CSP
    // page parses: no indentation. The glue stays readable for review.
    minifyWhitespace: as === "module",
    logLevel: "error",
    // The glue's default wasm URL comes from import.meta.url; we always pass
    // the compiled module, so that branch never runs.
    logOverride: { "empty-import-meta": "silent" },
  });
  const body = result.outputFiles[0].text.trimEnd();
  const head = `// Generated by scripts/build-extension.mjs from wasm-bindgen's glue (${path.relative(ROOT, entry)}): do not edit.`;
  const factory = `function create() {\n${body}\nreturn core;\n}`;
  if (as === "module") return `${head}\nexport ${factory}\n`;
  return `${head}\n// A classic content script: DeclutterCore lives in the extension's world, never the page's.\n"use strict";\nglobalThis.DeclutterCore = Object.freeze({ create: ${factory} });\n`;
}

// ---- zip (only for machines without the zip command) ------------------

/** A plain deflate zip of `dir`, files at the archive root, fixed timestamps. */
function zipDir(dir, zipFile) {
  const local = [];
  const central = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (2020 - 1980) << 9 | 1 << 5 | 1; // 2020-01-01, for reproducible archives
  for (const name of listFiles(dir).sort()) {
    const data = fs.readFileSync(path.join(dir, name));
    const deflated = deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(DOS_TIME, 10);
    head.writeUInt16LE(DOS_DATE, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(deflated.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    local.push(head, nameBuf, deflated);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(deflated.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBuf.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBuf);
    offset += head.length + nameBuf.length + deflated.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(zipFile, Buffer.concat([...local, centralBuf, end]));
}

// ---- main -------------------------------------------------------------------

async function main() {
  const platforms = readPlatforms();
  if (args.has("--zip")) {
    for (const { name } of platforms) {
      const dir = path.join(DIST, name);
      if (!fs.existsSync(path.join(dir, "manifest.json"))) fail(`${dir} is not built`);
      const zipFile = path.join(DIST, `declutter-${name}.zip`);
      zipDir(dir, zipFile);
      log(`${path.relative(ROOT, zipFile)} (${kib(fs.statSync(zipFile).size)})`);
    }
    return;
  }

  if (args.has("--compile-fallback")) {
    compileFallback();
    return;
  }

  for (const file of PKG_FILES) {
    if (!fs.existsSync(path.join(PKG, file))) fail(`pkg/${file} is missing: run scripts/build.sh first`);
  }
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
  const base = stripComments(JSON.parse(fs.readFileSync(path.join(SRC, "manifest.json"), "utf8")));
  const files = listFiles(SRC).filter((f) => !isSourceOnly(f));

  // The files only some platforms ship, and which of them this run builds.
  const extras = new Set(platforms.flatMap((p) => p.extraFiles));
  const skipJs = args.has("--no-js-fallback") || process.env.DECLUTTER_NO_JS_FALLBACK === "1";
  const fallbackEntry = extras.has(FALLBACK_SCRIPT) && !skipJs ? buildJsFallback() : null;
  for (const f of extras) {
    if (!files.includes(f) && !JS_FALLBACK.includes(f)) fail(`extraFiles: ${f} is neither a file of extension/ nor one the build makes`);
  }
  const built = (f) => (JS_FALLBACK.includes(f) ? Boolean(fallbackEntry) : true);

  const core = await bundleFactory(path.join(PKG, "declutter.js"), "script");
  const fallback = fallbackEntry && (await bundleFactory(fallbackEntry, "module"));

  for (const platform of platforms) {
    const out = path.join(DIST, platform.name);
    fs.rmSync(out, { recursive: true, force: true });
    const ships = new Set(platform.extraFiles.filter(built));
    const notShipped = new Set([...extras].filter((f) => !ships.has(f)));
    for (const f of files) {
      if (!notShipped.has(f)) copy(path.join(SRC, f), path.join(out, f));
    }
    write(path.join(out, CORE_SCRIPT), core);
    copy(path.join(PKG, "declutter_bg.wasm"), path.join(out, CORE_WASM));
    if (ships.has(FALLBACK_SCRIPT)) write(path.join(out, FALLBACK_SCRIPT), fallback);
    const manifest = withoutFiles(mergeManifest({ ...base, version }, platform.overlay), notShipped);
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    const withFallback = ships.has(FALLBACK_SCRIPT) ? ", with the JS fallback" : "";
    log(`dist/${platform.name} (${listFiles(out).length} files${withFallback})`);
  }

  const sizes = [`wasm ${kib(fs.statSync(path.join(PKG, "declutter_bg.wasm")).size)}`, `glue ${kib(Buffer.byteLength(core))}`];
  if (fallback) sizes.push(`JS fallback ${kib(Buffer.byteLength(fallback))}`);
  log(`core sizes: ${sizes.join(", ")}`);
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

await main();
