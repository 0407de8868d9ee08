// Options: the defaults, the sites with their own settings, export/import
// as JSON, and the local log of blocks marked "This was wrong" in the popup,
// which the user can export for a bug report (nothing sends it anywhere). Every write is a patch through Settings (updateDefaults,
// forgetSite, importSettings), so this page never writes back settings it
// read earlier over what the popup or a tab changed since.
//
// The site list may hold 100,000 sites: the page reads their host names only
// (storage.getKeys, where the browser has it), keeps them sorted, filters them
// with a search box, and renders a page of rows at a time ("Show more"),
// reading the entries of those rows alone. Storage changes are applied one
// key at a time, never by reading everything again.
import { api, Settings, I18n, t, localize, h } from "../shared/ui.js";

const $ = (id) => document.getElementById(id);
const form = $("defaults");
const area = api.storage.local;
/** Rows per page of the site list. */
const PAGE = 100;

/** A number written as the page's language writes numbers. */
const number = (n) => n.toLocaleString(I18n.language());
/** The levels' names, as the site list shows them. */
const LEVEL_NAMES = { standard: t("levelNameStandard"), focus: t("levelNameFocus") };

let defaults = Settings.normalizeDefaults(undefined);
/** Every host with its own settings, sorted. */
let hosts = [];
/** host -> the site's own choices, for the hosts read so far (rows shown, changes seen). */
const entries = new Map();
/** The hosts that match the search, in order. */
let matches = [];
/** How many of `matches` have a row. */
let shown = 0;

function say(text) {
  $("message").textContent = text;
}

function renderDefaults() {
  for (const [key, value] of Object.entries(defaults)) {
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
  if (site.level !== undefined) parts.push(`${t("popupLevel")}: ${LEVEL_NAMES[site.level] ?? site.level}`);
  if (site.keep?.length) parts.push(`${t("optionsKept")}: ${site.keep.length}`);
  return parts.join(" · ");
}

function siteRow(host) {
  const forget = h("button", { type: "button", textContent: t("optionsForget") });
  forget.dataset.host = host;
  return h(
    "tr",
    {},
    h("td", { className: "host", textContent: host }),
    h("td", { textContent: describeSite(entries.get(host) ?? {}) }),
    h("td", {}, forget),
  );
}

/**
 * Rendering is asynchronous (rows read their entries first), so renders run
 * in this chain, one after the other.
 */
let rendering = Promise.resolve();
function queueRender(task) {
  rendering = rendering.then(task).catch((err) => console.error("Declutter:", err));
  return rendering;
}

/** Rows for the next `count` matches from `shown` on, after reading the entries not read yet. */
async function rowsFrom(start, count) {
  const next = matches.slice(start, start + count);
  const missing = next.filter((host) => !entries.has(host));
  if (missing.length) {
    const got = await area.get(missing.map((host) => Settings.SITE_PREFIX + host));
    for (const host of missing) entries.set(host, Settings.normalizeSite(got[Settings.SITE_PREFIX + host]) ?? {});
  }
  return next.map(siteRow);
}

function renderCount() {
  const query = $("site-search").value.trim();
  $("no-sites").hidden = hosts.length > 0;
  $("site-tools").hidden = hosts.length === 0;
  $("sites-count").textContent = query
    ? t("optionsSitesMatching", number(matches.length), number(hosts.length))
    : t("optionsSitesCount", number(hosts.length));
  const more = $("more-sites");
  more.hidden = shown >= matches.length;
  more.textContent = t("optionsSitesMore", number(Math.min(PAGE, matches.length - shown)));
}

/** Applies the search and renders the first `rows` matching rows (at least a page). */
function renderSites(rows = PAGE) {
  return queueRender(async () => {
    const query = $("site-search").value.trim().toLowerCase();
    matches = query ? hosts.filter((host) => host.includes(query)) : hosts;
    const list = await rowsFrom(0, Math.max(rows, PAGE));
    $("sites").tBodies[0].replaceChildren(...list);
    shown = list.length;
    renderCount();
  });
}

/** Appends the next page of rows ("Show more"). */
function renderMore() {
  return queueRender(async () => {
    const list = await rowsFrom(shown, PAGE);
    $("sites").tBodies[0].append(...list);
    shown += list.length;
    renderCount();
  });
}

/** The index of `host` in the sorted `hosts`, or where it would go. */
function position(host) {
  let lo = 0;
  let hi = hosts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hosts[mid] < host) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies storage changes (storage.onChanged's `changes`) to the page. A few
 * sites are put in place in the sorted list; many (an import) sort it again.
 */
function applyChanges(changes) {
  const changed = Object.keys(changes).filter((k) => k.startsWith(Settings.SITE_PREFIX));
  const bulk = changed.length > 1000 ? new Set(hosts) : null;
  for (const key of changed) {
    const host = key.slice(Settings.SITE_PREFIX.length);
    if (Settings.hostKey(host) !== host) continue;
    const entry = Settings.normalizeSite(changes[key].newValue);
    if (entry) entries.set(host, entry);
    else entries.delete(host);
    if (bulk) {
      if (entry) bulk.add(host);
      else bulk.delete(host);
      continue;
    }
    const at = position(host);
    const known = hosts[at] === host;
    if (entry && !known) hosts.splice(at, 0, host);
    if (!entry && known) hosts.splice(at, 1);
  }
  if (bulk) hosts = [...bulk].sort();
  if (changed.length) renderSites(shown);
  if (changes.defaults) {
    defaults = Settings.normalizeDefaults(changes.defaults.newValue);
    renderDefaults();
  }
}

/**
 * Reads the site list: the host names only where the browser can list keys;
 * everything where it cannot, or while a version-1 store awaits migration.
 */
async function loadSites() {
  const keys = typeof area.getKeys === "function" ? await area.getKeys() : null;
  entries.clear();
  if (keys && !keys.includes("sites")) {
    const prefix = Settings.SITE_PREFIX;
    hosts = keys.filter((k) => k.startsWith(prefix) && Settings.hostKey(k.slice(prefix.length)) === k.slice(prefix.length));
    hosts = hosts.map((k) => k.slice(prefix.length)).sort();
  } else {
    const settings = await Settings.load(area);
    hosts = Object.keys(settings.sites).sort();
    for (const host of hosts) entries.set(host, settings.sites[host]);
  }
  await renderSites(shown);
}

/** Saves `data` as the JSON file `name` (the browser's download). */
function download(name, data) {
  const blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function exportSettings() {
  download("declutter-settings.json", await Settings.load(area));
}

// ---- the mistakes log ---------------------------------------------------------

async function renderMistakes() {
  const count = (await Settings.loadMistakes(area)).length;
  $("mistakes-count").textContent = t("optionsMistakesCount", number(count));
  $("export-mistakes").disabled = count === 0;
  $("clear-mistakes").disabled = count === 0;
}

/**
 * The log as one JSON document for a bug report: what the user marked, with
 * the extension's version and the browser it ran in. It leaves this machine
 * only if the user attaches the file somewhere.
 */
async function exportMistakes() {
  download("declutter-mistakes.json", {
    format: "declutter-mistakes/1",
    exported: new Date().toISOString(),
    version: api.runtime.getManifest().version,
    browser: navigator.userAgent,
    mistakes: await Settings.loadMistakes(area),
  });
}

/** A default's name as its field's label says it (`fontSize` → "Reader font size (px)"). */
function fieldName(name) {
  const field = form.elements.namedItem(name);
  return field?.closest("label")?.querySelector("[data-i18n]")?.textContent || name;
}

/** What an import did, in one line. */
function describeImport(r) {
  const parts = [t("optionsImportSites", ...[r.sites, r.added, r.replaced, r.unchanged].map(number))];
  if (r.skipped) parts.push(t("optionsImportSkipped", number(r.skipped)));
  parts.push(r.defaults.length ? t("optionsImportDefaults", r.defaults.map(fieldName).join(", ")) : t("optionsImportNoDefaults"));
  return parts.join(" ");
}

async function importSettings(file) {
  let result;
  try {
    const text = await file.text();
    result = await Settings.importSettings(area, text, (done, total) => {
      if (total > 2000) say(t("optionsImporting", number(done), number(total)));
    });
  } catch {
    result = null;
  }
  say(result ? describeImport(result) : t("optionsImportFailed"));
}

async function main() {
  localize();
  $("site-search").placeholder = t("optionsSitesSearch");
  $("site-search").setAttribute("aria-label", t("optionsSitesSearch"));

  // Controls work from the start, before the settings are read: each sends
  // only what it changes.
  form.addEventListener("change", async (e) => {
    const field = e.target;
    if (!field.name) return;
    defaults = await Settings.updateDefaults(area, { [field.name]: field.type === "checkbox" ? field.checked : field.value });
    renderDefaults();
    say(t("optionsSaved"));
  });
  $("site-search").addEventListener("input", () => renderSites());
  $("more-sites").addEventListener("click", renderMore);
  $("sites").addEventListener("click", (e) => {
    const host = e.target.closest("button[data-host]")?.dataset.host;
    if (host) {
      Settings.forgetSite(area, host);
      globalThis.DeclutterLearned.forget(area, host);
    }
  });
  $("export").addEventListener("click", exportSettings);
  $("export-mistakes").addEventListener("click", exportMistakes);
  $("clear-mistakes").addEventListener("click", async () => {
    await Settings.clearMistakes(area);
    // The button is disabled now: its neighbour keeps the focus off <body>.
    $("export").focus();
  });
  $("import").addEventListener("click", () => $("import-file").click());
  $("import-file").addEventListener("change", (e) => {
    const [file] = e.target.files;
    if (file) importSettings(file).finally(() => (e.target.value = ""));
  });

  // Registered before the first read, so no change is missed: changes that
  // land while it reads are applied after it (again, if it saw them: harmless).
  let pending = [];
  const onChange = (changes) => {
    if (changes[Settings.MISTAKES_KEY]) renderMistakes();
    return changes.sites ? loadSites() : applyChanges(changes);
  };
  api.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== "local") return;
    if (pending) pending.push(changes);
    else onChange(changes);
  });
  // The defaults first: one key, so the form is ready at once.
  defaults = await Settings.loadDefaults(area);
  renderDefaults();
  await renderMistakes();
  $("site-tools").hidden = false;
  $("sites-count").textContent = t("optionsSitesLoading");
  await loadSites();
  for (const changes of pending) onChange(changes);
  pending = null;
  // For the e2e tests: when the site list first showed, since navigation.
  performance.mark("declutter:sites-shown");
}

main();
