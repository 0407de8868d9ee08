// e2e in Firefox: see cases.mjs for the cases, firefox.mjs for the driver.
import { defineCases } from "./cases.mjs";
import { defineHostileCases } from "./hostile-cases.mjs";
import { launchFirefox } from "./firefox.mjs";
import { noBrowserLeftOpen } from "./harness.mjs";

defineCases("firefox", "firefox", launchFirefox);
(await import("./settings-cases.mjs")).defineSettingsCases("firefox", "firefox", launchFirefox);
defineHostileCases("firefox", "firefox", launchFirefox);
(await import("./popup-cases.mjs")).definePopupCases("firefox", "firefox", launchFirefox);
(await import("./reader-cases.mjs")).defineReaderCases("firefox", "firefox", launchFirefox);
noBrowserLeftOpen();
