// The popup: the toolbar button's left click opens it (the manifest's
// default_popup). From the top: this page's state (cleaned, as published,
// reader view), the site's switches (level, auto-clean, auto-reader, kept
// blocks), and the report: what was hidden, grouped by reason in plain words
// ("10 sign-up forms"), each block with "Show where" (outlined on the page
// for a moment), "Show" (kept shown on this site) and "This was wrong"
// (shown, kept, and noted in the local mistakes log), and "Peek" at all of
// them. Also opened as a page with ?tab=<id> (the e2e tests do).
import { api, MESSAGES, Settings, I18n, t, localize, h } from "../shared/ui.js";

const $ = (id) => document.getElementById(id);
const { sendToTab } = globalThis.DeclutterProtocol;
const Learned = globalThis.DeclutterLearned;

const params = new URLSearchParams(location.search);
/** Opened as the real popup (not as a page of its own with ?tab=). */
const anchored = !params.has("tab");

let tabId;
let status; // the content script's last reply (see content.js status())
let message = null; // a one-off line shown instead of the usual status
/** The reasons whose group the reader has opened: kept open when the list is drawn again. */
const openGroups = new Set();

async function findTab() {
  const fromUrl = Number(params.get("tab"));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(type, extra = {}) {
  const reply = await sendToTab(api, tabId, { type, ...extra });
  if (reply) status = reply;
  if (reply && !reply.ok) message = t("popupUnavailable", reply.message);
  return reply;
}

/** The page's state as the big control shows it. */
function pageState() {
  if (status.readerShown) return "reader";
  return status.cleaned ? "cleaned" : "published";
}

function renderStatus() {
  const count = status.report?.hidden.length ?? 0;
  $("status").textContent = status.error
    ? t("popupError", status.error)
    : (message ??
      (status.cleaned ? (count > 0 ? t("popupCleaned", count) : t("popupNothingHidden")) : t("popupNotCleaned")));
  message = null;
  // The standard clean left the page's main content alone: say why so little went.
  $("page-kind").hidden = !(status.cleaned && status.report?.articlePage === false);
  const state = pageState();
  for (const button of $("page-state").querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.state === state));
  }
  $("engine").hidden = status.engine !== "js";
  renderReport();
}

// ---- the report -------------------------------------------------------------

/**
 * The hidden blocks grouped by reason, in the order the reasons first
 * appear. Within a group, identical copies (one key) are one block:
 * [{ reason, first, count, blocks: [{ key, item, copies }] }].
 */
function groupByReason(hidden) {
  const groups = new Map();
  for (const item of hidden) {
    let group = groups.get(item.reason);
    if (!group) groups.set(item.reason, (group = { reason: item.reason, first: item, count: 0, blocks: new Map() }));
    group.count += 1;
    const block = group.blocks.get(item.key) ?? { key: item.key, item, copies: 0 };
    block.copies += 1;
    group.blocks.set(item.key, block);
  }
  return [...groups.values()].map((group) => ({ ...group, blocks: [...group.blocks.values()] }));
}

/** What the list was last drawn from: drawn again only when it changes, so focus stays where it is. */
let drawn = "";

function renderReport() {
  const hidden = status.cleaned && status.report ? status.report.hidden : [];
  const shape = JSON.stringify(hidden.map((item) => [item.reason, item.key]));
  if (shape !== drawn) {
    drawn = shape;
    $("groups").replaceChildren(...groupByReason(hidden).map(groupRow));
  }
  $("report").hidden = hidden.length === 0;
  // The view covers the page: nothing there to point at.
  for (const button of document.querySelectorAll("#peek, #groups .where")) button.disabled = Boolean(status.readerShown);
}

function groupRow(group, g) {
  const words = I18n.reasonGroup(group.first, group.count);
  const details = h(
    "details",
    { open: openGroups.has(group.reason) },
    h(
      "summary",
      {},
      h("span", { className: "group-title", textContent: words.title }),
      h("span", { className: "group-description", textContent: words.description }),
    ),
    h("ul", { className: "blocks" }, ...group.blocks.map((block, b) => blockRow(block, `block-${g}-${b}`))),
  );
  details.addEventListener("toggle", () => (details.open ? openGroups.add(group.reason) : openGroups.delete(group.reason)));
  const li = h("li", { className: "group" }, details);
  li.dataset.reason = group.reason;
  return li;
}

/** One block: its text, its copies, and its three buttons, each described by the text (`id`). */
function blockRow(block, id) {
  const preview = block.item.textPreview
    ? h("q", { className: "preview", id, textContent: block.item.textPreview })
    : h("span", { className: "preview", id, textContent: t("popupNoText") });
  const button = (kind, label, title) => {
    const el = h("button", { type: "button", className: kind, textContent: label, title });
    el.setAttribute("aria-describedby", id);
    return el;
  };
  const li = h(
    "li",
    { className: "block" },
    preview,
    block.copies > 1 ? h("span", { className: "copies", textContent: I18n.plural("popupCopies", block.copies) }) : null,
    h(
      "div",
      { className: "actions" },
      button("where", t("popupShowWhere"), t("popupShowWhereTitle")),
      button("show", t("popupShowItem"), t("popupShowItemTitle")),
      button("wrong", t("popupWrong"), t("popupWrongTitle")),
    ),
  );
  li.dataset.key = block.key;
  return li;
}

/** Where a button of the list is: which group and block, and which of its buttons. */
function placeOf(button) {
  const group = button.closest(".group");
  const block = button.closest(".block");
  return {
    reason: group.dataset.reason,
    group: [...group.parentElement.children].indexOf(group),
    block: [...block.parentElement.children].indexOf(block),
    kind: button.className,
  };
}

/**
 * After a block left the list (shown again), focus goes to the same button
 * of the block now in its place (or the group's last), else to the next
 * group's summary (or the last), else to the page's state: never to <body>.
 */
function focusNear(place) {
  const groups = [...$("groups").children];
  const group = groups.find((g) => g.dataset.reason === place.reason);
  if (group) {
    const blocks = group.querySelectorAll(".block");
    blocks[Math.min(place.block, blocks.length - 1)].querySelector(`.${place.kind}`).focus();
  } else if (groups.length > 0) {
    groups[Math.min(place.group, groups.length - 1)].querySelector("summary").focus();
  } else {
    $("page-state").querySelector('[aria-pressed="true"]').focus();
  }
}

let busy = false;

async function onReportClick(e) {
  const button = e.target.closest("button");
  if (!button || busy) return;
  const key = button.closest(".block").dataset.key;
  if (button.classList.contains("where")) {
    // The block shows on the page for a moment; the reply comes when it is hidden again.
    $("status").textContent = t("popupShowingWhere");
    await send(MESSAGES.SHOW_WHERE, { key });
    renderStatus();
    return;
  }
  busy = true;
  try {
    const place = placeOf(button);
    await send(button.classList.contains("wrong") ? MESSAGES.MARK_WRONG : MESSAGES.SHOW, { key });
    if (button.classList.contains("wrong")) message = t("popupWrongNoted");
    renderStatus();
    // At once, in the task that removed the row: focus never rests on <body>
    // while the site's settings are read.
    focusNear(place);
    await renderSite();
  } finally {
    busy = false;
  }
}

async function peek() {
  $("status").textContent = t("popupPeeking");
  await send(MESSAGES.PEEK);
  renderStatus();
}

// ---- the page's state -------------------------------------------------------

/** Makes the page `wanted` ("cleaned", "published" or "reader"). */
async function setPageState(wanted) {
  if (wanted === pageState()) return;
  if (wanted === "reader") {
    const reply = await send(MESSAGES.TOGGLE_READER, { open: true });
    if (reply?.ok && reply.readerShown) {
      // The view covers the page now; the popup would only be in the way.
      if (anchored) window.close();
    } else if (reply?.ok || reply?.benign) {
      // The page has no article: the core said so, and nothing changed.
      message = t("popupReaderFailed");
    }
  } else {
    if (status.readerShown) await send(MESSAGES.TOGGLE_READER, { open: false });
    if (status.cleaned !== (wanted === "cleaned")) await send(wanted === "cleaned" ? MESSAGES.CLEAN : MESSAGES.RESTORE);
  }
  renderStatus();
}

// ---- the site ---------------------------------------------------------------

async function renderSite() {
  // The defaults and this one site: never every site's settings.
  const { config: site } = await Settings.loadSite(api.storage.local, status.host);
  $("auto-clean").checked = site.autoClean;
  $("auto-reader").checked = site.autoReader;
  for (const radio of document.querySelectorAll('input[name="level"]')) radio.checked = radio.value === site.level;
  $("kept").hidden = site.keep.length === 0;
  $("kept-count").textContent = t("popupKept", site.keep.length);
  // What the core learned here (shared/learned.js): seen, and forgotten, per site.
  const learned = await Learned.load(api.storage.local, status.host);
  $("learned").hidden = learned.length === 0;
  $("learned-count").textContent = t("popupLearned", learned.length);
  $("learned-list").replaceChildren(...learned.map((rule) => h("li", {}, h("code", {}, rule.s))));
}

/**
 * Writes a patch of this site's entry. Settings queues it with the popup's
 * other writes and has the background apply it, so quick changes here and the
 * content script's own writes (kept blocks) never undo each other.
 */
const updateSite = (patch) => Settings.updateSite(api.storage.local, status.host, patch);

const chosenLevel = () => document.querySelector('input[name="level"]:checked')?.value;

async function main() {
  localize();
  $("open-options").addEventListener("click", (e) => {
    e.preventDefault();
    api.runtime.openOptionsPage();
  });

  tabId = await findTab();
  if (tabId === undefined || !(await send(MESSAGES.REPORT))) {
    $("status").textContent = t("popupNoPage");
    return;
  }
  // Every control answers from the moment it shows: the handlers first, then
  // the page's state, then the site's switches once they hold the stored values.
  $("page-state").addEventListener("click", (e) => {
    const state = e.target.closest("button")?.dataset.state;
    if (state) setPageState(state);
  });
  $("groups").addEventListener("click", onReportClick);
  $("peek").addEventListener("click", peek);
  $("auto-clean").addEventListener("change", async (e) => {
    // An explicit choice for this site; it also applies to the page right now.
    await updateSite({ autoClean: e.target.checked });
    await send(e.target.checked ? MESSAGES.CLEAN : MESSAGES.RESTORE, { level: chosenLevel() });
    renderStatus();
  });
  for (const radio of document.querySelectorAll('input[name="level"]')) {
    radio.addEventListener("change", async () => {
      const level = chosenLevel();
      await updateSite({ level });
      // A cleaned page is cleaned again from scratch at the new level.
      if (status.cleaned) await send(MESSAGES.CLEAN, { level });
      renderStatus();
    });
  }
  $("auto-reader").addEventListener("change", async (e) => {
    // Like auto-clean, the choice applies to this page at once.
    await updateSite({ autoReader: e.target.checked });
    const reply = await send(MESSAGES.TOGGLE_READER, { open: e.target.checked });
    // No article here: the popup's own sentence, not the core's English one.
    if (reply?.benign) message = t("popupReaderFailed");
    renderStatus();
  });
  $("forget-learned").addEventListener("click", async () => {
    await Learned.forget(api.storage.local, status.host);
    await renderSite();
    $("auto-reader").focus();
  });
  $("forget-kept").addEventListener("click", async () => {
    await send(MESSAGES.FORGET_KEPT);
    renderStatus();
    await renderSite();
    // The line (and its button) is gone now; the report it brought back is next.
    if ($("kept").hidden) ($("report").hidden ? $("auto-reader") : $("peek")).focus();
  });

  $("host").textContent = status.host;
  $("page-state").hidden = false;
  renderStatus();
  await renderSite();
  $("site").hidden = !Settings.hostKey(status.host);
}

main();
