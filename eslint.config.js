// ESLint over every JavaScript file of the project (npm test runs it):
// the recommended rules, with the globals of where each file runs.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["dist/", "pkg/", "pkg-js/", "target/", "target-fuzz/", "node_modules/", "www/pkg/"] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: "module" },
    rules: {
      // `catch {}` with a comment saying why is how this code base ignores an error.
      "no-empty": ["error", { allowEmptyCatch: true }],
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  // The extension: browser pages and content scripts, with the WebExtension API.
  {
    files: ["extension/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions, importScripts: "readonly" } },
  },
  // Classic scripts (not modules): the manifest and the pages load them as such.
  {
    files: ["extension/content.js", "extension/spotlight.js", "extension/background.js", "extension/fallback.js", "extension/shared/settings.js", "extension/shared/protocol.js", "extension/shared/i18n.js", "extension/shared/learned.js", "extension/early.js"],
    languageOptions: { sourceType: "script" },
  },
  // The core's JavaScript snippets and the demo run in pages.
  { files: ["src/dom/*.js", "www/**/*.js"], languageOptions: { globals: globals.browser } },
  // Tools and tests run in Node; their page callbacks run in the browser.
  {
    files: ["**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  { files: ["tests/e2e/pages/*.js"], languageOptions: { sourceType: "script", globals: globals.browser } },
];
