// A tiny static server for the e2e tests, on 127.0.0.1 only. It never fetches
// anything itself.
//
//   /fixtures/NAME   tests/fixtures/NAME   (owned by the fixture authors; served as is)
//   /pages/NAME      tests/e2e/pages/NAME  (pages and scripts that exist only for e2e)
//   ?csp=strict      adds `Content-Security-Policy: script-src 'self'`
//   ?csp=style       adds `Content-Security-Policy: style-src 'self'`
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

function injectProbe(html) {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + PROBE_TAG + html.slice(head.index + head[0].length);
  return PROBE_TAG + html;
}

async function handle(req, res) {
  const url = new URL(req.url, "http://127.0.0.1");
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
  if (ext === ".html") body = injectProbe(body.toString("utf8"));
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
