// e2e in Chromium: see cases.mjs for the cases, chromium.mjs for the driver.
import { defineCases } from "./cases.mjs";
import { defineHostileCases } from "./hostile-cases.mjs";
import { launchChromium } from "./chromium.mjs";
import { noBrowserLeftOpen } from "./harness.mjs";

defineCases("chromium", "chrome", launchChromium);
(await import("./settings-cases.mjs")).defineSettingsCases("chromium", "chrome", launchChromium);
defineHostileCases("chromium", "chrome", launchChromium);
(await import("./popup-cases.mjs")).definePopupCases("chromium", "chrome", launchChromium);
(await import("./language-cases.mjs")).defineLanguageCases("chromium", "chrome", launchChromium);
(await import("./reader-cases.mjs")).defineReaderCases("chromium", "chrome", launchChromium);
noBrowserLeftOpen();
