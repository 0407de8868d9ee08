// A tiny static server for the e2e tests, on 127.0.0.1 only. It never fetches
// anything itself.
//
//   /fixtures/NAME   tests/fixtures/NAME   (owned by the fixture authors; served as is)
//   /pages/NAME      tests/e2e/pages/NAME  (pages and scripts that exist only for e2e)
//   ?csp=strict      adds `Content-Security-Policy: script-src 'self'`
//   ?csp=style       adds `Content-Security-Policy: style-src 'self'`
//   ?hostile=NAME    adds /pages/hostile-NAME.js right after the probe: a page
//                    script that attacks the extension (see those files)
//   /huge/SHAPE?n=N  a generated page of an extreme shape around a short
//                    article (see hugePage): deep, wide, text, attrs
//
// Every HTML page gets one extra script at the top of <head>, /pages/probe.js,
// which records the page as it was before any content script ran (see there).
// It is same-origin, so it runs under the strict CSP too.
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOTS = {
  fixtures: path.resolve(HERE, "..", "fixtures"),
  pages: path.resolve(HERE, "pages"),
};
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};
export const STRICT_CSP = "script-src 'self'";
const POLICIES = { strict: STRICT_CSP, style: "style-src 'self'" };
const PROBE_TAG = '<script src="/pages/probe.js"></script>';

function injectProbe(html, extra = "") {
  const tags = PROBE_TAG + extra;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tags + html.slice(head.index + head[0].length);
  return tags + html;
}

/** The hostile script a page asked for with ?hostile=NAME (letters only), as a tag. */
function hostileTag(url) {
  const name = url.searchParams.get("hostile");
  return name && /^[a-z]+$/.test(name) ? `<script src="/pages/hostile-${name}.js"></script>` : "";
}

/**
 * A page of an extreme shape, around the same short article:
 *   deep   the article inside N nested <div>s (built by a page script)
 *   wide   N teaser blocks (about 3 elements each) after the article
 *   text   one text node of N characters after the article
 *   attrs  one element with N attributes before the article
 */
export function hugePage(shape, n) {
  const article = `<article><h1>Harbour ferry returns after a two-year repair</h1>
${"<p>The harbour ferry that links the old town with the island villages returned to service on Monday after a repair that took two years and cost almost twice the first estimate, the port authority said.</p>\n".repeat(8)}</article>`;
  let body;
  // Parsers cap nesting (Chromium at 512), so deep pages nest by script, as
  // a page's framework would.
  if (shape === "deep") body = `<div id="deep"></div><template id="article">${article}</template><script>
let el = document.getElementById("deep");
for (let i = 0; i < ${n}; i++) el = el.appendChild(document.createElement(new URLSearchParams(location.search).get("tag") || "div"));
el.append(document.getElementById("article").content.cloneNode(true));
</script>`;
  else if (shape === "wide") body = article + Array.from({ length: Math.ceil(n / 3) }, (_, i) => `<div class="card"><a href="/s/${i}">Story ${i}</a><span>${i % 60} min ago</span></div>`).join("");
  else if (shape === "text") body = article + `<pre>${"x".repeat(n)}</pre>`;
  else if (shape === "attrs") body = `<div ${Array.from({ length: n }, (_, i) => `data-a${i}="${i}"`).join(" ")}>attrs</div>` + article;
  else return null;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${shape} ${n}</title></head><body>${body}</body></html>`;
}

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname.startsWith("/huge/")) {
    const n = Math.min(Number(url.searchParams.get("n")) || 1000, 10_000_000);
    const page = hugePage(url.pathname.slice("/huge/".length), n);
    if (!page) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(injectProbe(page));
    return;
  }
  const [, rootName, ...rest] = url.pathname.split("/");
  const root = ROOTS[rootName];
  const file = root && path.resolve(root, decodeURIComponent(rest.join("/")));
  if (!file || !file.startsWith(root + path.sep)) {
    res.writeHead(404).end("not found");
    return;
  }
  let body;
  try {
    body = await fs.readFile(file);
  } catch {
    res.writeHead(404).end("not found");
    return;
  }
  const ext = path.extname(file);
  const headers = { "Content-Type": TYPES[ext] ?? "application/octet-stream", "Cache-Control": "no-store" };
  const policy = POLICIES[url.searchParams.get("csp")];
  if (policy) headers["Content-Security-Policy"] = policy;
  if (ext === ".html") body = injectProbe(body.toString("utf8"), hostileTag(url));
  res.writeHead(200, headers).end(body);
}

/** Starts the server on a free port; resolves to { origin, url(path), close() }. */
export async function startServer() {
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (p) => new URL(p, origin).href,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

// `node tests/e2e/server.mjs` serves until interrupted, for trying pages by hand.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { origin } = await startServer();
  console.log(`serving ${origin}/fixtures/ and ${origin}/pages/`);
}
