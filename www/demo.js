// Declutter demo: runs the WebAssembly core on a sample page and on pasted HTML.
// No framework, no inline script (the page works under a strict CSP).
//
// The core is loaded *inside* each frame (www/frame.js), not here: it walks the
// DOM through web-sys, whose type checks are `instanceof` tests of the realm
// the module lives in, so it must live in the realm of the document it cleans.

const FIXTURES = [
  ["seed-news.html", "Seed: news page with 10 sign-up blocks"],
  ["inline-newsletter.html", "Newsletter box inside the article"],
  ["footer-newsletter.html", "Newsletter form in the footer"],
  ["signup-german.html", "Sign-up box, German"],
  ["signup-french.html", "Sign-up box, French (no form)"],
  ["signup-spanish.html", "Sign-up box, Spanish"],
  ["signup-polish.html", "Sign-up box, Polish (no form)"],
  ["signup-ukrainian.html", "Sign-up box, Ukrainian"],
  ["search-only.html", "Only a search form (stays)"],
  ["comment-form.html", "Comment form (stays)"],
  ["login-form.html", "Login form (stays)"],
  ["newsletter-article.html", "An article about newsletters (stays)"],
];
const FIXTURE_DIR = "/tests/fixtures/";
const PEEK_ID = "declutter-demo-peek";
const PEEK_CSS =
  "html [data-declutter]{display:revert!important;outline:2px dashed #d0312d!important;outline-offset:2px;background:repeating-linear-gradient(135deg,rgba(208,49,45,.06) 0 8px,transparent 8px 16px)!important}";

const $ = (id) => document.getElementById(id);
const ms = (x) => (typeof x === "number" && Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : "–");

function setStat(id, main, note) {
  const small = document.createElement("small");
  small.textContent = note;
  $(id).replaceChildren(main, small);
}

function setStatus(text, kind = "") {
  const el = $("status");
  el.textContent = text;
  el.className = `status ${kind}`;
}

// ---------------------------------------------------------------- frames

function frameLoaded(frame, navigate) {
  return new Promise((resolve) => {
    frame.addEventListener("load", () => resolve(), { once: true });
    navigate();
  });
}

/** Loads the core into the frame's realm; resolves to `{core, doc}`. */
function attachCore(frame) {
  const win = frame.contentWindow;
  const doc = frame.contentDocument;
  return new Promise((resolve, reject) => {
    const script = doc.createElement("script");
    const timer = setTimeout(() => done({ error: "timed out loading the core" }), 20000);
    function done(result) {
      clearTimeout(timer);
      script.remove();
      delete win.__declutterHook;
      if (result.error) reject(new Error(result.error));
      else resolve({ core: result.core, doc });
    }
    win.__declutterHook = done;
    script.type = "module";
    script.src = new URL("/www/frame.js", location.href).href;
    script.addEventListener("error", () => done({ error: "could not load /www/frame.js" }));
    (doc.head || doc.documentElement).append(script);
  });
}

function setPeek(doc, on) {
  doc.getElementById(PEEK_ID)?.remove();
  if (on) {
    const style = doc.createElement("style");
    style.id = PEEK_ID;
    style.textContent = PEEK_CSS;
    (doc.head || doc.documentElement).append(style);
  }
}

/** Top-level marked elements, in document order. */
function markedBlocks(doc) {
  return [...doc.querySelectorAll("[data-declutter]")].filter((el) => !el.parentElement?.closest("[data-declutter]"));
}

// ---------------------------------------------------------------- reports

function renderReport(list, report, doc, onShow) {
  list.replaceChildren();
  const hidden = report?.hidden ?? [];
  if (!hidden.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = report ? "Nothing was hidden." : "Nothing yet.";
    list.append(li);
    return;
  }
  const blocks = doc ? markedBlocks(doc) : [];
  const linkable = blocks.length === hidden.length;
  hidden.forEach((item, i) => {
    const li = document.createElement("li");
    const reason = document.createElement("span");
    reason.className = `reason reason-${String(item.reason).replace(/[^a-z0-9-]/gi, "")}`;
    reason.textContent = item.reason;
    const desc = document.createElement("span");
    desc.className = "desc";
    desc.textContent = item.description ?? "";
    li.append(reason, " ", desc);
    if (item.textPreview) {
      const q = document.createElement("q");
      q.textContent = item.textPreview;
      li.append(q);
    }
    if (linkable && onShow) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "show-link";
      b.textContent = "show where";
      b.addEventListener("click", () => onShow(blocks[i]));
      li.append(b);
    }
    list.append(li);
  });
}

/**
 * The fixtures carry `data-expect` annotations for the native test; check
 * them on the live page too. Returns null when the page has none.
 */
function checkExpectations(doc, lvl) {
  const marked = [...doc.querySelectorAll("[data-expect], [data-expect-focus]")];
  if (!marked.length) return null;
  // Judge what cleaning does, not the outlines of the peek mode.
  const peek = doc.getElementById(PEEK_ID);
  if (peek) peek.disabled = true;
  try {
    return judge(doc, marked, lvl);
  } finally {
    if (peek) peek.disabled = false;
  }
}

function judge(doc, marked, lvl) {
  const visible = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
  const failures = [];
  let total = 0;
  for (const el of marked) {
    // `data-expect-focus` states what the focus level must do, where it differs.
    const want = (lvl === "focus" && el.getAttribute("data-expect-focus")) || el.getAttribute("data-expect");
    if (!want) continue;
    total++;
    const label = `<${el.localName}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/)[0] : ""}>`;
    if (want === "visible" && !visible(el)) failures.push(`${label} should stay visible`);
    if (want === "hidden" && visible(el)) {
      const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let leak = null;
      for (let t = walker.nextNode(); t && !leak; t = walker.nextNode()) {
        if (t.data.trim() && t.parentElement && visible(t.parentElement)) leak = t.data.trim();
      }
      if (!leak) for (const input of el.querySelectorAll("input:not([type=hidden])")) if (visible(input)) leak = "an input";
      if (leak) failures.push(`${label} should be hidden but shows “${leak.slice(0, 50)}”`);
    }
  }
  return total ? { total, failures } : null;
}

// ---------------------------------------------------------------- the sample page

const sample = { frame: null, core: null, doc: null, cleaned: false, report: null };

function level() {
  return $("level").value;
}

function showBlock(el) {
  if (!$("peek").checked) {
    $("peek").checked = true;
    setPeek(sample.doc, true);
  }
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  el.animate?.([{ outlineColor: "#d0312d" }, { outlineColor: "#f5b400" }, { outlineColor: "#d0312d" }], { duration: 900, iterations: 2 });
}

function renderSample() {
  const { doc, report, cleaned } = sample;
  $("btn-before").setAttribute("aria-pressed", String(!cleaned));
  $("btn-after").setAttribute("aria-pressed", String(cleaned));
  $("stat-count").textContent = cleaned && report ? String(report.hidden?.length ?? 0) : "–";
  renderReport($("report"), cleaned ? report : null, doc, showBlock);
  const exp = doc ? checkExpectations(doc, sample.level) : null;
  const box = $("expectations");
  if (box) box.remove();
  if (exp && cleaned) {
    const p = document.createElement("p");
    p.id = "expectations";
    p.className = `expectations ${exp.failures.length ? "bad" : "good"}`;
    p.textContent = exp.failures.length
      ? `Fixture expectations: ${exp.total - exp.failures.length}/${exp.total} met. ${exp.failures.join("; ")}.`
      : `Fixture expectations: all ${exp.total} met (data-expect annotations, checked on the live page).`;
    $("report").before(p);
  }
}

function cleanSample() {
  const { core, doc } = sample;
  if (!core || sample.cleaned) return;
  const t0 = performance.now();
  const report = core.clean(doc, { level: level() });
  const wall = performance.now() - t0;
  sample.level = level();
  sample.report = report;
  sample.cleaned = true;
  setStat("stat-time", ms(report?.elapsedMs ?? wall), `${ms(wall)} wall clock`);
  setPeek(doc, $("peek").checked);
  renderSample();
}

function restoreSample() {
  const { core, doc } = sample;
  if (!core || !sample.cleaned) return;
  setPeek(doc, false);
  const t0 = performance.now();
  const n = core.restore(doc);
  setStat("stat-restore", ms(performance.now() - t0), `${n} shown again`);
  sample.cleaned = false;
  renderSample();
}

function showArticleInfo() {
  const box = $("article-info");
  box.hidden = true;
  const { core, doc } = sample;
  if (typeof core?.extract !== "function") return;
  try {
    const t0 = performance.now();
    const a = core.extract(doc);
    const took = performance.now() - t0;
    box.replaceChildren();
    if (!a) {
      box.textContent = `extract(): no article found (${ms(took)}).`;
    } else {
      const title = document.createElement("strong");
      title.textContent = a.title || "(untitled)";
      const parts = [a.byline, a.siteName, a.readingMinutes ? `${a.readingMinutes} min read` : "", typeof a.confidence === "number" ? `confidence ${a.confidence.toFixed(2)}` : ""].filter(Boolean);
      box.append("Article: ", title, parts.length ? ` — ${parts.join(" · ")}` : "", ` (extract() ${ms(took)})`);
    }
    box.hidden = false;
  } catch (e) {
    box.textContent = `extract() failed: ${e.message}`;
    box.hidden = false;
  }
}

async function loadSample(name) {
  sample.core = null;
  sample.cleaned = false;
  sample.report = null;
  $("btn-reader").setAttribute("aria-pressed", "false");
  $("stat-time").textContent = $("stat-restore").textContent = "–";
  setStatus(`Loading ${name}…`);
  const frame = sample.frame;
  await frameLoaded(frame, () => (frame.src = FIXTURE_DIR + name));
  try {
    const { core, doc } = await attachCore(frame);
    Object.assign(sample, { core, doc });
    $("btn-reader").hidden = typeof core.toggleReader !== "function";
    showArticleInfo();
    cleanSample();
    setStatus("Core loaded. The page below is cleaned in place; switch to Before to see it as published.", "ok");
  } catch (e) {
    sample.doc = frame.contentDocument;
    renderSample();
    setStatus(`The core did not load (${e.message}). Build it first: npm run build`, "error");
  }
}

function toggleReader() {
  const { core, doc } = sample;
  if (typeof core?.toggleReader !== "function") return;
  try {
    const shown = core.toggleReader(doc);
    $("btn-reader").setAttribute("aria-pressed", String(Boolean(shown)));
  } catch (e) {
    setStatus(`toggleReader() failed: ${e.message}`, "error");
  }
}

// ---------------------------------------------------------------- playground

const pg = { core: null, doc: null, token: 0 };

/** The pasted page without its scripts, refreshes, CSP or base URL. */
function preparePasted(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  parsed.querySelectorAll("script").forEach((s) => {
    if ((s.getAttribute("type") || "").trim().toLowerCase() !== "application/ld+json") s.remove();
  });
  parsed.querySelectorAll("meta[http-equiv], base").forEach((m) => {
    const eq = (m.getAttribute("http-equiv") || "").toLowerCase();
    if (m.localName === "base" || eq === "refresh" || eq === "content-security-policy") m.remove();
  });
  const doctype = parsed.doctype ? `<!DOCTYPE ${parsed.doctype.name}>` : "<!DOCTYPE html>";
  return `${doctype}\n${parsed.documentElement.outerHTML}`;
}

async function runPlayground() {
  const token = ++pg.token;
  const frame = $("pg-frame");
  const html = $("pg-html").value;
  $("pg-summary").textContent = "Cleaning…";
  $("pg-report").replaceChildren();
  await frameLoaded(frame, () => (frame.srcdoc = preparePasted(html || "<p>(empty)</p>")));
  if (token !== pg.token) return;
  try {
    const { core, doc } = await attachCore(frame);
    if (token !== pg.token) return;
    Object.assign(pg, { core, doc });
    const t0 = performance.now();
    const report = core.clean(doc, { level: level() });
    const wall = performance.now() - t0;
    const n = report?.hidden?.length ?? 0;
    $("pg-summary").textContent = `${n} block${n === 1 ? "" : "s"} hidden in ${ms(report?.elapsedMs)} (${ms(wall)} wall), level ${level()}.`;
    renderReport($("pg-report"), report, doc, (el) => {
      setPeek(doc, true);
      el.scrollIntoView({ block: "center" });
    });
  } catch (e) {
    $("pg-summary").textContent = `Could not clean: ${e.message}`;
  }
}

function restorePlayground() {
  if (!pg.core || !pg.doc) return;
  setPeek(pg.doc, false);
  const n = pg.core.restore(pg.doc);
  $("pg-summary").textContent = `Restored: ${n} shown again.`;
  $("pg-report").replaceChildren();
}

async function loadExample(name) {
  if (!name) return;
  const res = await fetch(FIXTURE_DIR + name);
  $("pg-html").value = res.ok ? await res.text() : `<p>Could not load ${name}: HTTP ${res.status}</p>`;
  runPlayground();
}

// ---------------------------------------------------------------- wiring

function init() {
  sample.frame = $("sample");
  for (const [file, label] of FIXTURES) {
    $("page-select").append(new Option(label, file));
    $("pg-example").append(new Option(label, file));
  }
  const fromHash = decodeURIComponent(location.hash.slice(1));
  const first = FIXTURES.some(([f]) => f === fromHash) ? fromHash : FIXTURES[0][0];
  $("page-select").value = first;

  $("page-select").addEventListener("change", (e) => {
    history.replaceState(null, "", `#${e.target.value}`);
    loadSample(e.target.value);
  });
  $("btn-before").addEventListener("click", restoreSample);
  $("btn-after").addEventListener("click", cleanSample);
  $("level").addEventListener("change", () => {
    if (sample.cleaned) {
      restoreSample();
      cleanSample();
    }
    if (pg.core) runPlayground();
  });
  $("peek").addEventListener("change", (e) => sample.doc && sample.cleaned && setPeek(sample.doc, e.target.checked));
  $("btn-reader").addEventListener("click", toggleReader);
  $("pg-clean").addEventListener("click", runPlayground);
  $("pg-restore").addEventListener("click", restorePlayground);
  $("pg-example").addEventListener("change", (e) => loadExample(e.target.value));
  $("pg-html").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runPlayground();
    }
  });

  loadSample(first);
  loadExample("inline-newsletter.html").then(() => ($("pg-example").value = "inline-newsletter.html"));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
