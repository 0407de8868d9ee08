// The first-run page, opened once by the background on install: what
// Declutter does, what it never does, and how to undo it (the toolbar
// popup, the keyboard shortcuts as the browser has them now: the user or
// another extension may have taken a suggested key).
import { api, t, localize, h } from "../shared/ui.js";

/** The message that names each command of the manifest. */
const COMMAND_WORDS = { "toggle-clean": "commandToggleClean", "toggle-reader": "commandToggleReader" };

async function renderShortcuts() {
  const commands = await api.commands.getAll();
  const rows = commands
    .filter((command) => Object.hasOwn(COMMAND_WORDS, command.name))
    .map((command) =>
      h(
        "li",
        {},
        command.shortcut ? h("kbd", { textContent: command.shortcut }) : h("span", { className: "note", textContent: t("welcomeShortcutUnset") }),
        " ",
        t(COMMAND_WORDS[command.name]),
      ),
    );
  document.getElementById("shortcuts").replaceChildren(...rows);
}

function main() {
  localize();
  // The popup's own words for its state, so the page and the popup agree.
  document.getElementById("undo-popup").textContent = t("welcomeUndoPopup", t("popupStatePublished"));
  document.getElementById("open-options").addEventListener("click", (e) => {
    e.preventDefault();
    api.runtime.openOptionsPage();
  });
  renderShortcuts();
}

main();
