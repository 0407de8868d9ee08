// The reader view's DOM work that wasm-bindgen would otherwise do through
// `innerHTML`: add-on review flags every innerHTML assignment in shipped
// code, and a page's `style-src` CSP blocks a <style> element and style
// attributes, which left the view unstyled in Firefox under
// `style-src 'self'`.
//
// - The view's markup (already built from an allow-list in Rust) is parsed
//   by DOMParser into an inert document, then moved into the shadow root.
// - The view's CSS is a constructed sheet that the shadow root adopts: CSP
//   does not apply to constructed sheets.
// - The reader's preferences are CSS custom properties set through CSSOM,
//   which CSP allows, instead of a style attribute.
//
// Then the open view as a modal dialog (below). One module with the
// first part: see page.js for why the core has few.

import { addSheet, domGetters, removeSheet } from "./page.js";

/**
 * Fills `shadow` with `markup` and styles it with `css`.
 * @param {ShadowRoot} shadow
 * @param {string} markup
 * @param {string} css
 */
export function fillView(shadow, markup, css) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${markup}`, "text/html");
  shadow.append(...parsed.body.childNodes);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // No constructed sheets here: a <style> element, which works wherever
    // the page's CSP allows it.
    const style = shadow.ownerDocument.createElement("style");
    style.textContent = css;
    shadow.prepend(style);
  }
}

/**
 * Sets CSS custom properties on `el` through CSSOM.
 * @param {HTMLElement} el
 * @param {string[]} props name, value, name, value, ...
 */
export function setProperties(el, props) {
  for (let i = 0; i + 1 < props.length; i += 2) el.style.setProperty(props[i], props[i + 1]);
}

/**
 * Whether an image on the page shows `url`: the view shows a lead image
 * only when the reader has seen it already, so opening the view fetches
 * nothing new from the site.
 * @param {Document} doc
 * @param {string} url absolute
 */
export function pageShowsImage(doc, url) {
  for (const img of doc.images) {
    if (img.currentSrc === url || img.src === url) return true;
  }
  return false;
}

/**
 * The plural category of `n` in `lang`, for the reading time's form.
 * @param {string} lang
 * @param {number} n
 * @returns {string} "one", "few", "many" or "other" (Intl.PluralRules)
 */
export function pluralCategory(lang, n) {
  try {
    return new Intl.PluralRules(lang).select(n);
  } catch {
    return "other";
  }
}

/**
 * The publication day written out in `lang` ("26 December 2024"), in UTC so
 * that it stays the day the publisher wrote; undefined if it is no day.
 * @param {string} lang
 * @param {string} day YYYY-MM-DD
 */
export function formatDay(lang, day) {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
  } catch {
    return undefined;
  }
}

// ========================================================================
// The open view as a modal dialog
// ========================================================================

// The open reader view's behaviour as a modal dialog, and the toolbar's
// parts that are DOM work (the core keeps the prefs and the export's
// writing, src/dom/reader.rs):
//
// - focus stays inside the view: Tab and Shift+Tab wrap round its controls,
//   and focus that lands on the page behind is brought back;
// - the page behind neither scrolls nor prints: constructed sheets the
//   document adopts while the view is open and while it prints (no
//   attribute, no style on the page), and the page's scroll position put
//   back exactly after;
// - the Appearance and Export panels (Escape closes the open one first,
//   focus back on its button), reading progress and time left, the
//   read-aloud buttons, and the export's clipboard and downloads.
//
// Everything answers only trusted input: the core calls `act` from a real
// click, and the Tab handler ignores synthetic key presses.

/**
 * While the view is open the page does not scroll on screen (`LOCK_CSS`).
 * A page's reserved scrollbar gutter (`scrollbar-gutter: stable`) is given
 * up too: the fixed view does not cover it, and it showed as a strip of the
 * page's white beside a dark view. On a huge page the core asks for no
 * lock (tune::reader::LOCK_MAX_ELEMENTS), and the view keeps the wheel
 * itself (`onWheel`).
 */
const LOCK_CSS = `@media screen {
  html, body { overflow: hidden !important; }
  html { scrollbar-gutter: auto !important; }
}`;
/**
 * Only the view prints. Adopted from `beforeprint` to `afterprint` (both
 * browsers send them for every print, a script's or the menu's): adopting
 * any sheet restyles the whole page, 20–30 ms on a 100,000-element one.
 */
const PRINT_CSS = `html, body { overflow: visible !important; block-size: auto !important; }
body { display: none !important; }
html > [data-declutter-own="reader"] { position: static !important; }`;

/** The keys that scroll a page, and whether each goes down (Space: down, up with Shift). */
const SCROLL_KEYS = { PageDown: true, End: true, ArrowDown: true, " ": true, PageUp: false, Home: false, ArrowUp: false };
/** Where a key is text editing, not scrolling. */
const FIELDS = "input, textarea, select";
/** Where Space presses a control rather than scrolling. */
const FIELDS_AND_CONTROLS = `${FIELDS}, button, a[href], summary, [role="button"]`;
/** What can take focus in the view, in its order, that is shown. */
const TABBABLE = 'button, a[href], iframe, video[controls], audio[controls], summary, [tabindex]:not([tabindex="-1"])';

/**
 * Starts the behaviour of the view in `shadow` (its host `host`, appended to
 * `doc`'s root) for an article of `minutes` minutes' reading, read aloud at
 * `rate`; `lockPage`: stop the page behind from scrolling. Returns the session: `act(action)` for the toolbar's own actions,
 * `setRate(rate)` (a pref, kept by the core), `closePanel()`, `copy(text)`,
 * `save(name, type, text)`, and `stop()`. It stops by itself if anything
 * removes the host.
 * @param {Document} doc
 * @param {Element} host
 * @param {ShadowRoot} shadow
 * @param {number} minutes
 * @param {number} rate
 * @param {boolean} lockPage
 */
export function startView(doc, host, shadow, minutes, rate, lockPage) {
  // An inert document (DOMParser's) has no window: nothing scrolls there.
  const win = doc.defaultView;
  const root = shadow.querySelector(".dc-root");
  const { adoptedStyleSheets } = domGetters();
  const scrolled = win && { left: win.scrollX, top: win.scrollY };
  /** Adopts a sheet of `css`; null where none can be (the page then scrolls, or prints, behind the view). */
  const adopt = (css) => {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      addSheet(doc, adoptedStyleSheets, sheet);
      return sheet;
    } catch {
      return null;
    }
  };
  const drop = (sheet) => sheet && removeSheet(doc, adoptedStyleSheets, sheet);
  const lock = lockPage ? adopt(LOCK_CSS) : null;
  // Unlocked, the page behind must still not take the wheel: at the view's
  // end (or start) Firefox passes it on to the page, overscroll containment
  // or not. A listener on the host only, so nothing else waits on it.
  /** The view can scroll no further that way (down, or up). */
  const atEdge = (down) => (down ? root.scrollTop + root.clientHeight >= root.scrollHeight - 1 : root.scrollTop <= 0);
  const onWheel = (e) => {
    if (e.deltaY !== 0 && atEdge(e.deltaY > 0)) e.preventDefault();
  };
  if (!lock) host.addEventListener("wheel", onWheel, { passive: false });
  // The keys that scroll, the same way: at the view's end Firefox scrolls
  // the page behind instead, and with focus on nothing (the body) any
  // browser would. Not in a field, nor Space on a control: the key is theirs.
  const onScrollKey = (e) => {
    const down = SCROLL_KEYS[e.key];
    if (down === undefined || !e.isTrusted || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const path = e.composedPath();
    if (!path.includes(host)) {
      e.preventDefault();
      return;
    }
    const target = path[0];
    if (target.isContentEditable || target.closest?.(e.key === " " ? FIELDS_AND_CONTROLS : FIELDS)) return;
    if (atEdge(down && !(e.key === " " && e.shiftKey))) e.preventDefault();
  };
  if (!lock) doc.addEventListener("keydown", onScrollKey);
  let print = null;
  const onBeforePrint = () => {
    print ??= adopt(PRINT_CSS);
  };
  const onAfterPrint = () => {
    drop(print);
    print = null;
  };
  win?.addEventListener("beforeprint", onBeforePrint);
  win?.addEventListener("afterprint", onAfterPrint);

  const tabbables = () => [...shadow.querySelectorAll(TABBABLE)].filter((el) => el.getClientRects().length > 0);
  const onKey = (e) => {
    if (e.key !== "Tab" || !e.isTrusted || e.altKey || e.ctrlKey || e.metaKey) return;
    const list = tabbables();
    if (list.length === 0) return;
    // Where focus is, as a place in the list: an index, or half way
    // between two (on the article, or on nothing yet).
    const active = shadow.activeElement;
    let at = list.indexOf(active);
    if (at < 0 && active) {
      const after = list.findIndex((el) => active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      at = (after < 0 ? list.length : after) - 0.5;
    } else if (at < 0) {
      at = e.shiftKey ? list.length - 0.5 : -0.5;
    }
    const next = e.shiftKey ? Math.ceil(at) - 1 : Math.floor(at) + 1;
    e.preventDefault();
    list[(next + list.length) % list.length].focus();
  };
  // Focus that reached the page behind (a click there, an embed's own Tab) comes back.
  const onFocusIn = (e) => {
    if (e.target !== host) tabbables()[0]?.focus();
  };
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("focusin", onFocusIn, true);

  // Reading progress and time left, from how far the view is scrolled.
  const left = shadow.querySelector(".dc-left");
  const onScroll = () => {
    const range = root.scrollHeight - root.clientHeight;
    const done = range > 0 ? Math.min(1, Math.max(0, root.scrollTop / range)) : 1;
    // On the root, which carries the view's other custom properties.
    root.style.setProperty("--dc-progress", done.toFixed(3));
    left.textContent = left.dataset.template.replace("$1", String(Math.ceil(minutes * (1 - done))));
  };
  root.addEventListener("scroll", onScroll, { passive: true });
  onScroll();

  const listen = shadow.querySelector('[data-action="listen"]');
  const speed = shadow.querySelector('[data-action="speed"]');
  const listenWord = listen.textContent;
  const voice = readAloud(shadow, rate, ({ playing, rate: now }) => {
    listen.setAttribute("aria-pressed", String(playing));
    listen.textContent = playing ? listen.dataset.pause : listenWord;
    speed.textContent = speed.dataset.template.replace("$1", `${now}×`);
  });
  if (!voice) {
    listen.hidden = true;
    speed.hidden = true;
  }

  const status = shadow.querySelector(".dc-status");
  const say = (ok) => {
    status.textContent = ok ? status.dataset.copied : status.dataset.failed;
  };

  /** Shows the panel a button controls and hides the other. */
  function togglePanel(button) {
    const open = button.getAttribute("aria-expanded") !== "true";
    for (const other of shadow.querySelectorAll("[aria-controls]")) {
      const show = other === button && open;
      other.setAttribute("aria-expanded", String(show));
      shadow.getElementById(other.getAttribute("aria-controls")).hidden = !show;
    }
  }

  /**
   * Closes the open panel and puts focus on its toolbar button (where it
   * was opened from); false when no panel is open.
   */
  function closePanel() {
    const button = shadow.querySelector('[aria-controls][aria-expanded="true"]');
    if (!button) return false;
    togglePanel(button);
    button.focus();
    return true;
  }

  const watcher = new MutationObserver(() => {
    if (!host.isConnected) stop();
  });
  watcher.observe(doc.documentElement, { childList: true });

  let stopped = false;
  function stop() {
    if (stopped) return;
    stopped = true;
    watcher.disconnect();
    voice?.stop();
    doc.removeEventListener("keydown", onKey, true);
    doc.removeEventListener("focusin", onFocusIn, true);
    drop(lock);
    host.removeEventListener("wheel", onWheel, { passive: false });
    doc.removeEventListener("keydown", onScrollKey);
    onAfterPrint();
    win?.removeEventListener("beforeprint", onBeforePrint);
    win?.removeEventListener("afterprint", onAfterPrint);
    if (win && (win.scrollX !== scrolled.left || win.scrollY !== scrolled.top)) win.scrollTo({ ...scrolled, behavior: "instant" });
  }

  return {
    /** A toolbar action the core leaves to the view; false for one it does not know. */
    act(action) {
      const button = shadow.querySelector(`[data-action="${action}"]`);
      if (action.startsWith("panel-") && button) togglePanel(button);
      else if (action === "listen") voice?.toggle();
      else return false;
      return true;
    },
    closePanel,
    /** Reads aloud at `rate` from now on. */
    setRate(next) {
      voice?.setRate(next);
    },
    /** Puts `text` on the clipboard and says whether it worked. */
    copy(text) {
      const byEvent = () => {
        // The older way, for a browser that refuses the async clipboard here.
        const put = (e) => {
          e.clipboardData.setData("text/plain", text);
          e.preventDefault();
        };
        doc.addEventListener("copy", put, { capture: true, once: true });
        const ok = doc.execCommand("copy");
        doc.removeEventListener("copy", put, { capture: true });
        say(ok);
      };
      const clipboard = win?.navigator.clipboard;
      if (!clipboard?.writeText) return byEvent();
      clipboard.writeText(text).then(() => say(true), byEvent);
    },
    /** Downloads `text` as the file `name` (of MIME type `type`), through a link in the view. */
    save(name, type, text) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = doc.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      shadow.append(link);
      link.click();
      link.remove();
      // Long enough for the browser to have read it.
      (win ?? globalThis).setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    stop,
  };
}

// ---- Read aloud -----------------------------------------------------------
//
// Reading the article aloud with the browser's own speech (speechSynthesis):
// one utterance per sentence, so the sentence being read is marked in the
// view (a <mark class="dc-speaking"> around its text, taken out again after)
// and kept in sight, and a pause or a new speed starts again from it.

/** The view's blocks that are read: the title, then the body's leaf text blocks (code is skipped). */
const READ = "h1, p, li, h2, h3, h4, h5, h6, blockquote, figcaption, dt, dd, td, th, summary";

/**
 * The read-aloud control of one open view, or null where the browser has
 * no speech. It speaks at `rate` (the reader's pref; the speed button's
 * steps are the core's, `SPEECH_RATES`). `onChange({ playing, rate })`
 * hears each change, for the toolbar's buttons.
 * @param {ShadowRoot} shadow
 * @param {number} rate
 * @param {(state: { playing: boolean, rate: number }) => void} onChange
 */
function readAloud(shadow, rate, onChange) {
  const speech = globalThis.speechSynthesis;
  if (!speech || typeof globalThis.SpeechSynthesisUtterance !== "function") return null;
  const article = shadow.querySelector(".dc-article");
  const scroller = shadow.querySelector(".dc-root");
  let sentences = null;
  let index = -1;
  let playing = false;
  /** The utterance being spoken: events of a cancelled one are ignored. */
  let current = null;
  let marks = [];

  const tell = () => onChange({ playing, rate });

  function speak(i) {
    unmark();
    if (i >= sentences.length) {
      index = -1;
      playing = false;
      tell();
      return;
    }
    index = i;
    const sentence = sentences[i];
    marks = mark(sentence);
    marks[0]?.scrollIntoView({ block: "center", behavior: "smooth" });
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = sentence.block.closest("[lang]")?.lang || "";
    utterance.rate = rate;
    utterance.onend = () => {
      if (current === utterance && playing) speak(i + 1);
    };
    utterance.onerror = (e) => {
      // "interrupted"/"canceled": our own pause or speed change.
      if (current !== utterance || e.error === "interrupted" || e.error === "canceled") return;
      playing = false;
      current = null;
      tell();
    };
    current = utterance;
    speech.speak(utterance);
  }

  function unmark() {
    for (const m of marks) {
      const parent = m.parentNode;
      if (!parent) continue;
      m.replaceWith(...m.childNodes);
      parent.normalize();
    }
    marks = [];
  }

  /** The first sentence in sight, to start from. */
  function firstInSight() {
    const top = scroller.getBoundingClientRect().top + 60;
    const at = sentences.findIndex((s) => s.block.getBoundingClientRect().bottom > top);
    return Math.max(0, at);
  }

  function stopSpeaking() {
    current = null;
    speech.cancel();
  }

  return {
    /** Starts, or pauses at the current sentence. */
    toggle() {
      sentences ??= sentencesOf(article);
      if (sentences.length === 0) return;
      if (playing) {
        playing = false;
        stopSpeaking();
      } else {
        playing = true;
        stopSpeaking();
        speak(index >= 0 ? index : firstInSight());
      }
      tell();
    },
    /** A new speed; the sentence being read starts again at it. */
    setRate(next) {
      if (next === rate) return;
      rate = next;
      if (playing) {
        stopSpeaking();
        speak(index);
      }
      tell();
    },
    stop() {
      playing = false;
      stopSpeaking();
      unmark();
    },
  };
}

/**
 * The sentences of the view's text, each `{ block, text, start, end }`:
 * offsets into its block's text, by Intl.Segmenter where the browser has it.
 * @param {Element} article
 */
function sentencesOf(article) {
  const blocks = [...article.querySelectorAll(READ)].filter((b) => !b.querySelector(READ) && !b.closest("pre"));
  const out = [];
  for (const block of blocks) {
    const text = block.textContent;
    const lang = block.closest("[lang]")?.lang || undefined;
    for (const { start, end } of split(text, lang)) {
      const said = text.slice(start, end).trim();
      if (/[\p{L}\p{N}]/u.test(said)) out.push({ block, text: said, start, end });
    }
  }
  return out;
}

/** Sentence boundaries of `text` as `{ start, end }`. */
function split(text, lang) {
  if (typeof Intl.Segmenter === "function") {
    try {
      return [...new Intl.Segmenter(lang, { granularity: "sentence" }).segment(text)].map((s) => ({
        start: s.index,
        end: s.index + s.segment.length,
      }));
    } catch {
      // An unknown language tag: the rough split below.
    }
  }
  return [...text.matchAll(/[^.!?。！？]+[.!?。！？]*\s*/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Wraps the sentence's text in marks, one per text node it touches (a
 * sentence may cross a link or an emphasis); returns them.
 */
function mark({ block, start, end }) {
  const doc = block.ownerDocument;
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const pieces = [];
  let offset = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const from = offset;
    offset += node.data.length;
    if (offset <= start || from >= end) continue;
    pieces.push({ node, from: Math.max(0, start - from), to: Math.min(node.data.length, end - from) });
  }
  return pieces.map(({ node, from, to }) => {
    const text = from > 0 ? node.splitText(from) : node;
    if (to - from < text.data.length) text.splitText(to - from);
    const m = doc.createElement("mark");
    m.className = "dc-speaking";
    text.replaceWith(m);
    m.append(text);
    return m;
  });
}
