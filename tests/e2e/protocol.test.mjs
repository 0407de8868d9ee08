// The extension's one protocol module (extension/shared/protocol.js): every
// message type and page marker is named there and nowhere else, and the
// markers agree with the core's own (src/dom/mod.rs, src/dom/apply.rs).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import vm from "node:vm";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const read = (file) => fs.readFileSync(path.join(ROOT, file), "utf8");

const sandbox = {};
sandbox.globalThis = sandbox;
vm.runInNewContext(read("extension/shared/protocol.js"), sandbox);
const { MESSAGES, MARKERS } = sandbox.DeclutterProtocol;

/** The value of `pub const NAME: &str = "…";` in a Rust file. */
function rustConst(file, name) {
  const found = read(file).match(new RegExp(`const ${name}: &str = "([^"]*)";`));
  assert.ok(found, `${file} declares no ${name}`);
  return found[1];
}

test("protocol: the page markers are the core's", () => {
  assert.equal(MARKERS.HIDDEN, rustConst("src/dom/mod.rs", "MARKER"));
  assert.equal(MARKERS.OWN, rustConst("src/dom/mod.rs", "OWN_ELEMENT"));
  assert.equal(rustConst("src/dom/reader.rs", "HOST_VALUE"), MARKERS.READER_HOST);
  assert.ok(rustConst("src/dom/apply.rs", "HIDE_RULE").startsWith(`[${MARKERS.HIDDEN}]{`), "the hide rule selects another marker");
});

test("protocol: no extension file spells a message type or a marker itself", () => {
  const names = [...Object.values(MESSAGES), MARKERS.HIDDEN];
  const files = fs
    .readdirSync(path.join(ROOT, "extension"), { recursive: true })
    .filter((f) => /\.(js|html)$/.test(f) && f !== path.join("shared", "protocol.js"));
  assert.ok(files.length >= 6, `only ${files.length} files found`);
  for (const file of files) {
    const text = read(path.join("extension", file));
    for (const name of names) {
      assert.ok(!text.includes(`"${name}"`) && !text.includes(`'${name}'`), `${file} spells "${name}": use shared/protocol.js`);
    }
  }
});

test("protocol: message types are distinct", () => {
  const values = Object.values(MESSAGES);
  assert.equal(new Set(values).size, values.length);
});
