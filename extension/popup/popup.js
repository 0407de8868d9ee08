// The Report popup: what was hidden on this page and why, the per-site
// switches, and "show hidden". Opened from the toolbar button's context menu
// (its left click toggles cleaning), either anchored to the button or in a
// small window with ?tab=<id>.
import { api, Settings, t, localize, h } from "../shared/ui.js";

const $ = (id) => document.getElementById(id);

let tabId;
let status; // the content script's last reply (see content.js status())

async function findTab() {
  const fromUrl = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(type, extra = {}) {
  try {
    const reply = await api.tabs.sendMessage(tabId, { type, ...extra });
    if (reply) status = reply;
    return reply;
  } catch {
    return null;
  }
}

function renderStatus() {
  const count = status.report?.hidden.length ?? 0;
  $("status").textContent = status.error
    ? t("popupError", status.error)
    : status.cleaned
      ? count > 0
        ? t("popupCleaned", count)
        : t("popupNothingHidden")
      : t("popupNotCleaned");
  $("toggle-clean").textContent = status.cleaned ? t("popupShowHidden") : t("popupClean");
  $("toggle-clean").className = status.cleaned ? "" : "primary";
  $("engine").hidden = status.engine !== "js";

  const list = $("hidden-list");
  list.replaceChildren(
    ...(status.cleaned && status.report ? status.report.hidden : []).map((item) =>
      h(
        "li",
        {},
        h("span", { className: "reason", textContent: item.reason }),
        " ",
        item.description,
        item.textPreview ? h("q", { className: "preview", textContent: item.textPreview }) : null,
      ),
    ),
  );
  $("hidden-section").hidden = list.childElementCount === 0;
}

async function renderSite() {
  const settings = await Settings.load(api.storage.local);
  const site = Settings.siteConfig(settings, status.host);
  $("auto-clean").checked = site.autoClean;
  $("auto-reader").checked = site.autoReader;
  $("level").value = site.level;
}

async function updateSite(patch) {
  const settings = await Settings.load(api.storage.local);
  await Settings.save(api.storage.local, Settings.withSite(settings, status.host, patch));
}

async function main() {
  localize();
  $("open-options").addEventListener("click", (e) => {
    e.preventDefault();
    api.runtime.openOptionsPage();
  });

  tabId = await findTab();
  if (tabId === undefined || !(await send("declutter:report"))) {
    $("status").textContent = t("popupNoPage");
    return;
  }
  $("host").textContent = status.host;
  $("page-actions").hidden = false;
  $("site").hidden = !Settings.hostKey(status.host);
  renderStatus();
  await renderSite();

  $("toggle-clean").addEventListener("click", async () => {
    await send(status.cleaned ? "declutter:restore" : "declutter:clean");
    renderStatus();
  });
  $("toggle-reader").addEventListener("click", async () => {
    await send("declutter:toggle-reader");
    window.close();
  });
  $("auto-clean").addEventListener("change", async (e) => {
    // An explicit choice for this site; it also applies to the page right now.
    await updateSite({ autoClean: e.target.checked });
    await send(e.target.checked ? "declutter:clean" : "declutter:restore", { level: $("level").value });
    renderStatus();
  });
  $("level").addEventListener("change", async (e) => {
    await updateSite({ level: e.target.value });
    if (status.cleaned) await send("declutter:clean", { level: e.target.value });
    renderStatus();
  });
  $("auto-reader").addEventListener("change", (e) => updateSite({ autoReader: e.target.checked }));
}

main();
