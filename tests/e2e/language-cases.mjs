// The extension in a browser that runs in another language: its pages and
// the reader view speak it, and say so in `lang`; in a language the
// extension lacks, they speak English and claim English. Chromium only:
// Firefox shows an extension in its own UI language, which needs a language
// pack installed.
import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { extensionDir, openSettled, readerState, waitFor, withServerAndBrowser } from "./harness.mjs";

const SEED = "/fixtures/seed-news.html";
const messages = (lang) => JSON.parse(fs.readFileSync(new URL(`../../extension/_locales/${lang}/messages.json`, import.meta.url), "utf8"));

/** What the options page, the popup and the reader view show, in one browser language. */
async function shown(browser, server) {
  const { tabId, report } = await openSettled(browser, server.url(SEED));
  const options = await browser.openExtensionPage("options/options.html");
  const popup = await browser.openExtensionPage(`popup/popup.html?tab=${tabId}`);
  try {
    const page = () => ({ lang: document.documentElement.lang, title: document.querySelector("h1").textContent });
    const optionsPage = await waitFor(async () => {
      const p = await options.evaluate(page);
      return p.lang && p;
    }, "the options page");
    const { reasons } = await waitFor(async () => {
      const list = await popup.evaluate(() => [...document.querySelectorAll("#groups .group-title")].map((r) => r.textContent));
      return list.length > 0 && { reasons: list };
    }, "the popup's list");
    await browser.triggerCommand("toggle-reader", tabId);
    const view = await waitFor(async () => {
      const r = await browser.evaluate(readerState);
      return r.hosts === 1 && r.meta && r;
    }, "the reader view");
    await browser.triggerCommand("toggle-reader", tabId);
    return { optionsPage, popupLang: await popup.evaluate(() => document.documentElement.lang), reasons, view, report };
  } finally {
    await options.close();
    await popup.close();
  }
}

export function defineLanguageCases(adapterName, extensionFolder, launch) {
  for (const [lang, folder, minutes] of [
    ["ru", "ru", /^2 минуты чтения$/],
    ["pt-BR", "pt_BR", /^2 min de leitura$/],
  ]) {
    describe(`${adapterName} in ${lang}`, () => {
      const session = withServerAndBrowser(launch, extensionDir(extensionFolder), null, { lang });

      test(`the pages and the reader view speak ${lang}, and say so`, async () => {
        const m = messages(folder);
        const { browser, server } = session;
        const { optionsPage, popupLang, reasons, view, report } = await shown(browser, server);
        // The first-run page, at install, in the browser's language.
        assert.equal(browser.firstRun.lang, lang);
        assert.equal(browser.firstRun.title.trim(), m.welcomeTitle.message);
        assert.equal(optionsPage.lang, lang);
        assert.equal(optionsPage.title, m.optionsTitle.message);
        assert.equal(popupLang, lang);
        // The sign-up forms' group, counted in the plural form the language's rules pick ("10 форм подписки").
        const signUps = report.hidden.filter((h) => h.reason === "subscribe").length;
        const form = new Intl.PluralRules(lang).select(signUps);
        const title = m[`reasonCount_subscribe_${form}`].message.replace("$COUNT$", signUps.toLocaleString(lang));
        assert.ok(reasons.includes(title), `the popup's groups: ${reasons}, not ${title}`);
        assert.equal(view.toolbarLang, lang);
        assert.equal(view.closeTitle, m.readerClose.message);
        assert.equal(view.closeText, m.readerCloseButton.message);
        // The reading time in its plural form; the date written out by Intl.
        const [, date, reading] = view.meta.split(" · ");
        assert.match(reading, minutes);
        assert.ok(date.includes("2024") && !date.includes("2024-12-26"), `the date: ${date}`);
      });
    });
  }

  describe(`${adapterName} in a language the extension lacks (ja)`, () => {
    const session = withServerAndBrowser(launch, extensionDir(extensionFolder), null, { lang: "ja" });

    test("English, and the pages say English, not Japanese", async () => {
      const en = messages("en");
      const { optionsPage, popupLang, view } = await shown(session.browser, session.server);
      assert.match(optionsPage.lang, /^en\b/);
      assert.equal(optionsPage.title, en.optionsTitle.message);
      assert.match(popupLang, /^en\b/);
      assert.match(view.toolbarLang, /^en\b/);
      assert.equal(view.closeTitle, en.readerClose.message);
    });
  });
}
