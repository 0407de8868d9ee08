// The extension's languages (extension/_locales/<lang>/messages.json):
// every locale says everything English says, nothing more, with the same
// placeholders; every message the code asks for exists in English; and the
// words the core names (the Report's reasons, the reader view's words) have
// their messages, English saying what the core says.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const LOCALES = path.join(ROOT, "extension", "_locales");
const read = (file) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The languages the extension ships: English first, the default. */
const LANGUAGES = ["en", "de", "fr", "es", "it", "pt_BR", "nl", "pl", "uk", "ru"];

const messages = Object.fromEntries(
  fs.readdirSync(LOCALES).map((lang) => [lang, JSON.parse(fs.readFileSync(path.join(LOCALES, lang, "messages.json"), "utf8"))]),
);
const en = messages.en;

/** A message as getMessage gives it with `$1`… left as they are: named placeholders replaced by their content. */
function expand(entry) {
  const content = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  return entry.message.replace(/\$(\w+)\$/g, (whole, name) => content[name.toLowerCase()] ?? whole);
}

/** What a message's placeholders are: the named ones it uses with their content, and the bare `$1`… in its text. */
function placeholders(entry) {
  const defined = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const used = [...entry.message.matchAll(/\$(\w+)\$/g)].map((m) => m[1].toLowerCase());
  const bare = [...entry.message.replace(/\$\w+\$/g, "").matchAll(/\$(\d)/g)].map((m) => `$${m[1]}`);
  return {
    named: [...new Set(used)].sort().map((name) => `${name}=${defined[name] ?? "(undefined)"}`),
    defined: Object.keys(defined).sort(),
    bare: [...new Set(bare)].sort(),
  };
}

test("locales: the ten languages ship, and English is the default", () => {
  assert.deepEqual(Object.keys(messages).sort(), [...LANGUAGES].sort());
  assert.equal(JSON.parse(read("extension/manifest.json")).default_locale, "en");
});

test("locales: every locale has every English message, not empty, and no message English lacks", () => {
  for (const lang of LANGUAGES) {
    const own = messages[lang];
    for (const key of Object.keys(en)) {
      assert.ok(Object.hasOwn(own, key), `${lang} lacks "${key}"`);
      assert.equal(typeof own[key].message, "string", `${lang}: "${key}" has no message`);
      assert.ok(own[key].message.trim() !== "", `${lang}: "${key}" is empty`);
    }
    for (const key of Object.keys(own)) assert.ok(Object.hasOwn(en, key), `${lang} has "${key}", which English lacks`);
  }
});

test("locales: every message has English's placeholders, and uses only those it defines", () => {
  for (const lang of LANGUAGES) {
    for (const [key, entry] of Object.entries(messages[lang])) {
      if (!en[key]) continue; // reported above
      const want = placeholders(en[key]);
      const got = placeholders(entry);
      assert.deepEqual(got.named, want.named, `${lang}: "${key}" uses other named placeholders than English`);
      assert.deepEqual(got.defined, want.defined, `${lang}: "${key}" defines other placeholders than English`);
      assert.deepEqual(got.bare, want.bare, `${lang}: "${key}" uses other $1… than English`);
      assert.ok(!got.named.some((p) => p.endsWith("(undefined)")), `${lang}: "${key}" uses a placeholder it does not define`);
    }
  }
});

test("locales: each names its own language, and the store's limits hold", () => {
  for (const lang of LANGUAGES) {
    const own = messages[lang];
    assert.equal(own.language.message, lang.replace("_", "-"), `${lang}: "language" must be the folder's language`);
    assert.ok(own.extDescription.message.length <= 132, `${lang}: extDescription is over 132 characters`);
    assert.ok(own.extName.message.length <= 45, `${lang}: extName is over 45 characters`);
  }
});

test("locales: no locale is a copy of another (Ukrainian is not Russian, nor English left in)", () => {
  const keys = Object.keys(en);
  for (const a of LANGUAGES) {
    for (const b of LANGUAGES) {
      if (a >= b) continue;
      const same = keys.filter((k) => messages[a][k]?.message === messages[b][k]?.message);
      // Names and neutral words (Declutter, Audio, Sepia, Menu) may agree; sentences may not.
      assert.ok(same.length <= keys.length * 0.2, `${a} and ${b} share ${same.length} of ${keys.length} messages: ${same.join(", ")}`);
    }
  }
});

// ---- the keys the code uses ------------------------------------------------

/** Every file of the extension the build ships text from. */
function extensionFiles() {
  return fs
    .readdirSync(path.join(ROOT, "extension"), { recursive: true })
    .filter((f) => /\.(js|html|json)$/.test(f) && !f.startsWith("_locales") && !f.startsWith("platforms"))
    .map((f) => path.join("extension", f));
}

/** The message keys a file names: __MSG_x__, getMessage("x"), t("x"), message("x"), data-i18n(-title)="x". */
function usedKeys(text) {
  const patterns = [/__MSG_(\w+)__/g, /\b(?:getMessage|t|message)\(\s*["'`](\w+)["'`]/g, /data-i18n(?:-title)?="(\w+)"/g];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

test("locales: every message the extension asks for exists in English", () => {
  const seen = new Set();
  for (const file of extensionFiles()) {
    for (const key of usedKeys(read(file))) {
      seen.add(key);
      assert.ok(en[key]?.message, `${file} uses "${key}", which _locales/en/messages.json lacks`);
    }
  }
  // The pages, the manifest, the background and the content script all ask.
  for (const key of ["extName", "popupReaderFailed", "optionsTitle", "popupShowItem", "language", "levelNameFocus", "welcomeTitle", "optionsMistakes"]) {
    assert.ok(seen.has(key), `the scan found no use of "${key}": is usedKeys still right?`);
  }
});

/** `Reason::Name => "..."` pairs of one `fn NAME` in src/plan.rs, the string unescaped. */
function reasonStrings(fnName) {
  const source = read("src/plan.rs");
  const body = source.slice(source.indexOf(`pub fn ${fnName}(self)`));
  const end = body.indexOf("\n    }\n");
  const pairs = [...body.slice(0, end).matchAll(/Reason::(\w+) => \{?\s*"((?:[^"\\]|\\.)*)"/g)];
  return Object.fromEntries(pairs.map((m) => [m[1], JSON.parse(`"${m[2]}"`)]));
}

/** The plural forms of Intl.PluralRules that a counted message has one of each (shared/i18n.js plural). */
const PLURAL_FORMS = ["one", "few", "many", "other"];

test("locales: every Report reason the core gives has its counted name in every plural form and its sentence, English saying what the core says", () => {
  const codes = reasonStrings("code");
  const descriptions = reasonStrings("description");
  assert.ok(Object.keys(codes).length >= 15, "src/plan.rs: Reason::code not found");
  for (const [variant, code] of Object.entries(codes)) {
    const id = code.replaceAll("-", "_");
    for (const form of PLURAL_FORMS) {
      assert.match(en[`reasonCount_${id}_${form}`]?.message ?? "", /\$COUNT\$/, `no counted message reasonCount_${id}_${form} for the reason "${code}"`);
    }
    assert.equal(en[`reasonDescription_${id}`]?.message, descriptions[variant], `reasonDescription_${id} differs from Reason::${variant}.description()`);
  }
  const known = new Set(Object.values(codes).map((c) => c.replaceAll("-", "_")));
  for (const key of Object.keys(en).filter((k) => /^reason(Description|Count)?_/.test(k))) {
    const id = key.replace(/^reason(Description|Count)?_/, "").replace(new RegExp(`_(${PLURAL_FORMS.join("|")})$`), "");
    assert.ok(known.has(id), `${key} names no reason of the core`);
  }
});

test("locales: the reader view's words (src/reader/view.rs ENGLISH) are messages, English saying the same", () => {
  const source = read("src/reader/view.rs");
  const table = source.slice(source.indexOf("pub const ENGLISH"), source.indexOf("];", source.indexOf("pub const ENGLISH")));
  const words = [...table.matchAll(/\("(\w+)", "((?:[^"\\]|\\.)*)"\)/g)].map((m) => [m[1], JSON.parse(`"${m[2]}"`)]);
  assert.ok(words.length >= 20, "src/reader/view.rs: ENGLISH not found");
  for (const [name, english] of words) {
    assert.ok(en[name], `the reader view's word "${name}" has no message`);
    assert.equal(expand(en[name]), english, `the message "${name}" says other than the core's English`);
  }
  // Every {slot} of the toolbar is a word (or its language and direction,
  // or {pressed|action}); {word|x} is a word with x for its $1, and
  // {rate|word} a word with the read-aloud speed for it.
  for (const [, first, arg] of read("src/reader/toolbar.html").matchAll(/\{(\w+)(?:\|([^}]*))?\}/g)) {
    const slot = first === "rate" ? arg : first;
    const known = ["lang", "dir", "pressed"].includes(slot) || words.some(([name]) => name === slot);
    assert.ok(known, `toolbar.html's {${slot}} is no word of ENGLISH`);
  }
});
