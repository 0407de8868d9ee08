// Options: the defaults, the sites with their own settings, and export/import
// as JSON. Every write goes through Settings.normalize, so a hand-edited or
// partly corrupt import keeps whatever is readable and drops the rest.
import { api, Settings, t, localize, h } from "../shared/ui.js";

const $ = (id) => document.getElementById(id);
const form = $("defaults");

let settings;

function say(text) {
  $("message").textContent = text;
}

function renderDefaults() {
  for (const [key, value] of Object.entries(settings.defaults)) {
    const field = form.elements.namedItem(key);
    if (!field) continue;
    if (field.type === "checkbox") field.checked = value;
    else field.value = String(value);
  }
}

function describeSite(site) {
  const parts = [];
  if (site.autoClean !== undefined) parts.push(`${t("popupAutoClean")}: ${site.autoClean ? "✓" : "✗"}`);
  if (site.autoReader !== undefined) parts.push(`${t("popupAutoReader")}: ${site.autoReader ? "✓" : "✗"}`);
  if (site.level !== undefined) parts.push(`${t("popupLevel")}: ${site.level}`);
  if (site.keep?.length) parts.push(`${t("optionsKept")}: ${site.keep.length}`);
  return parts.join(" · ");
}

function renderSites() {
  const hosts = Object.keys(settings.sites).sort();
  $("no-sites").hidden = hosts.length > 0;
  $("sites").tBodies[0].replaceChildren(
    ...hosts.map((host) => {
      const forget = h("button", { type: "button", textContent: t("optionsForget") });
      forget.addEventListener("click", async () => {
        const { [host]: _removed, ...rest } = settings.sites;
        await store({ ...settings, sites: rest });
      });
      return h(
        "tr",
        {},
        h("td", { className: "host", textContent: host }),
        h("td", { textContent: describeSite(settings.sites[host]) }),
        h("td", {}, forget),
      );
    }),
  );
}

async function store(next) {
  settings = await Settings.save(api.storage.local, next);
  renderDefaults();
  renderSites();
}

function exportSettings() {
  const blob = new Blob([JSON.stringify(settings, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: "declutter-settings.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function importSettings(file) {
  let raw;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    say(t("optionsImportFailed"));
    return;
  }
  await store(Settings.normalize(raw));
  say(t("optionsImported", Object.keys(settings.sites).length));
}

async function main() {
  localize();
  settings = await Settings.load(api.storage.local);
  renderDefaults();
  renderSites();

  form.addEventListener("change", async () => {
    const defaults = {};
    for (const field of form.elements) {
      if (!field.name) continue;
      defaults[field.name] = field.type === "checkbox" ? field.checked : field.value;
    }
    await store({ ...settings, defaults });
    say(t("optionsSaved"));
  });
  $("export").addEventListener("click", exportSettings);
  $("import").addEventListener("click", () => $("import-file").click());
  $("import-file").addEventListener("change", (e) => {
    const [file] = e.target.files;
    if (file) importSettings(file).finally(() => (e.target.value = ""));
  });
  // Another window (the popup) may change settings while this page is open.
  api.storage.onChanged.addListener(async (_changes, area) => {
    if (area !== "local") return;
    settings = await Settings.load(api.storage.local);
    renderDefaults();
    renderSites();
  });
}

main();
