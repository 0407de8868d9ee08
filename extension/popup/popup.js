// The Report popup: what was hidden on this page and why (with "show" per
// item, remembered for the site), "show all hidden", reader view for this
// page, the per-site switches (auto-clean, level, auto-reader) and what the
// toolbar button does. Opened from the toolbar button's context menu (its
// left click is the clean/reader toggle), either anchored to the button or in
// a small window with ?tab=<id>.
import { api, MESSAGES, Settings, I18n, t, localize, h } from "../shared/ui.js";

const $ = (id) => document.getElementById(id);

const params = new URLSearchParams(location.search);
/** Opened as the real popup (not in a window of its own with ?tab=). */
const anchored = !params.has("tab");

let tabId;
let status; // the content script's last reply (see content.js status())
let message = null; // a one-off line shown instead of the usual status

async function findTab() {
  const fromUrl = Number(params.get("tab"));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(type, extra = {}) {
  try {
    const reply = await api.tabs.sendMessage(tabId, { type, ...extra });
    if (reply) status = reply;
    if (reply && !reply.ok) message = t("popupUnavailable", reply.message);
    return reply;
  } catch {
    return null;
  }
}

function renderStatus() {
  const count = status.report?.hidden.length ?? 0;
  $("status").textContent = status.error
    ? t("popupError", status.error)
    : (message ??
      (status.cleaned ? (count > 0 ? t("popupCleaned", count) : t("popupNothingHidden")) : t("popupNotCleaned")));
  message = null;
  $("toggle-clean").textContent = status.cleaned ? t("popupShowHidden") : t("popupClean");
  $("toggle-clean").className = status.cleaned ? "" : "primary";
  $("toggle-reader").textContent = status.readerShown ? t("popupReaderClose") : t("popupReader");
  $("engine").hidden = status.engine !== "js";

  const list = $("hidden-list");
  list.replaceChildren(
    ...(status.cleaned && status.report ? status.report.hidden : []).map((item) => {
      const show = item.key
        ? h("button", { type: "button", className: "show", textContent: t("popupShowItem"), title: t("popupShowItemTitle") })
        : null;
      show?.addEventListener("click", async () => {
        show.disabled = true;
        await send(MESSAGES.SHOW, { key: item.key });
        renderStatus();
        await renderSite();
      });
      // The core names the reason by its id; the words are the messages'.
      const reason = I18n.reason(item);
      const li = h(
        "li",
        {},
        show,
        h("span", { className: "reason", textContent: reason.name }),
        " ",
        reason.description,
        item.textPreview ? h("q", { className: "preview", textContent: item.textPreview }) : null,
      );
      li.dataset.reason = item.reason;
      return li;
    }),
  );
  $("hidden-section").hidden = list.childElementCount === 0;
}

let toolbarTouched = false;

async function renderSite() {
  // The defaults and this one site: never every site's settings.
  const { defaults, config: site } = await Settings.loadSite(api.storage.local, status?.host ?? "");
  if (!toolbarTouched) $("toolbar").value = defaults.toolbar;
  if (!status) return;
  $("auto-clean").checked = site.autoClean;
  $("auto-reader").checked = site.autoReader;
  $("level").value = site.level;
  $("kept").hidden = site.keep.length === 0;
  $("kept-count").textContent = t("popupKept", site.keep.length);
}

/**
 * Writes a patch of this site's entry. Settings queues it with the popup's
 * other writes and has the background apply it, so quick changes here and the
 * content script's own writes (kept blocks) never undo each other.
 */
const updateSite = (patch) => Settings.updateSite(api.storage.local, status.host, patch);

async function main() {
  localize();
  $("open-options").addEventListener("click", (e) => {
    e.preventDefault();
    api.runtime.openOptionsPage();
  });
  // Global: what the toolbar button does on every page.
  $("toolbar").addEventListener("change", (e) => {
    toolbarTouched = true; // renderSite() must not put back what it read before this write
    const toolbar = e.target.value;
    Settings.updateDefaults(api.storage.local, { toolbar });
  });

  tabId = await findTab();
  if (tabId === undefined || !(await send(MESSAGES.REPORT))) {
    $("status").textContent = t("popupNoPage");
    await renderSite();
    return;
  }
  $("host").textContent = status.host;
  $("page-actions").hidden = false;
  $("site").hidden = !Settings.hostKey(status.host);
  renderStatus();
  await renderSite();

  $("toggle-clean").addEventListener("click", async () => {
    await send(status.cleaned ? MESSAGES.RESTORE : MESSAGES.CLEAN);
    renderStatus();
  });
  $("toggle-reader").addEventListener("click", async () => {
    const wanted = !status.readerShown;
    const reply = await send(MESSAGES.TOGGLE_READER, { open: wanted });
    if (reply?.ok && reply.readerShown === wanted) {
      // The view covers the page now; the popup would only be in the way.
      if (anchored) window.close();
    } else if (reply?.ok || reply?.benign) {
      // The page has no article: the core said so, and nothing changed.
      message = t("popupReaderFailed");
    }
    renderStatus();
  });
  $("auto-clean").addEventListener("change", async (e) => {
    // An explicit choice for this site; it also applies to the page right now.
    await updateSite({ autoClean: e.target.checked });
    await send(e.target.checked ? MESSAGES.CLEAN : MESSAGES.RESTORE, { level: $("level").value });
    renderStatus();
  });
  $("level").addEventListener("change", async (e) => {
    await updateSite({ level: e.target.value });
    // A cleaned page is cleaned again from scratch at the new level.
    if (status.cleaned) await send(MESSAGES.CLEAN, { level: e.target.value });
    renderStatus();
  });
  $("auto-reader").addEventListener("change", async (e) => {
    // Like auto-clean, the choice applies to this page at once.
    await updateSite({ autoReader: e.target.checked });
    const reply = await send(MESSAGES.TOGGLE_READER, { open: e.target.checked });
    // No article here: the popup's own sentence, not the core's English one.
    if (reply?.benign) message = t("popupReaderFailed");
    renderStatus();
  });
  $("forget-kept").addEventListener("click", async () => {
    await send(MESSAGES.FORGET_KEPT);
    renderStatus();
    await renderSite();
  });
}

main();
