#!/usr/bin/env node
// A tiny static file server for the demo and the fixtures (node:http, no deps).
//
//   node scripts/serve.mjs [DIR] [--port N] [--root DIR]
//
// It always serves the repository root, so /www/, /pkg/ and /tests/fixtures/
// all resolve; DIR (e.g. `www`) is the folder whose URL gets printed and that
// `/` redirects to. Binds 127.0.0.1 only. Port 8080 by default; if that port is
// busy it takes a free one (an explicit --port that is busy is an error).

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HOST = "127.0.0.1";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".xml": "application/xml; charset=utf-8",
};

function parseArgs(argv) {
  const out = { dir: "", port: null, root: path.resolve(HERE, "..") };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--port" || a === "-p") out.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) out.port = Number(a.slice(7));
    else if (a === "--root") out.root = path.resolve(argv[++i]);
    else if (a === "--help" || a === "-h") {
      console.log("usage: node scripts/serve.mjs [DIR] [--port N] [--root DIR]");
      process.exit(0);
    } else if (!a.startsWith("-")) out.dir = a;
    else {
      console.error(`serve: unknown option ${a}`);
      process.exit(2);
    }
  }
  if (out.port !== null && !(Number.isInteger(out.port) && out.port >= 0 && out.port < 65536)) {
    console.error("serve: --port wants a number from 0 to 65535");
    process.exit(2);
  }
  return out;
}

/** Maps a URL path to a file under root, or null when it escapes root. */
function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(body);
}

function listing(urlPath, dir) {
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const items = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => {
      const name = e.name + (e.isDirectory() ? "/" : "");
      return `<li><a href="${esc(encodeURIComponent(e.name) + (e.isDirectory() ? "/" : ""))}">${esc(name)}</a></li>`;
    });
  return `<!DOCTYPE html><meta charset="utf-8"><title>${esc(urlPath)}</title><h1>${esc(urlPath)}</h1><ul>${items.join("")}</ul>`;
}

/**
 * Creates the request handler. `home` is the URL `/` redirects to.
 * Exported so other scripts (eval, bench, e2e) can reuse it.
 */
export function createHandler(root, { home = "/", extra = null } = {}) {
  root = path.resolve(root);
  return (req, res) => {
    if (extra && extra(req, res)) return;
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n", { allow: "GET, HEAD" });
    const url = new URL(req.url, "http://localhost");
    if (url.pathname === "/" && home !== "/") return send(res, 302, "", { location: home });
    const file = resolvePath(root, url.pathname);
    if (!file) return send(res, 403, "forbidden\n");
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return send(res, 404, `not found: ${url.pathname}\n`);
    }
    let target = file;
    if (stat.isDirectory()) {
      if (!url.pathname.endsWith("/")) return send(res, 301, "", { location: url.pathname + "/" + url.search });
      const index = path.join(file, "index.html");
      if (fs.existsSync(index)) {
        target = index;
        stat = fs.statSync(index);
      } else {
        const body = listing(url.pathname, file);
        return send(res, 200, req.method === "HEAD" ? "" : body, { "content-type": MIME[".html"] });
      }
    }
    const type = MIME[path.extname(target).toLowerCase()] || "application/octet-stream";
    res.writeHead(200, {
      "content-type": type,
      "content-length": stat.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    fs.createReadStream(target)
      .on("error", () => res.destroy())
      .pipe(res);
  };
}

/** Listens on 127.0.0.1:port; with `fallback`, a busy port falls back to a free one. */
export function listen(server, port, fallback) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE" && fallback && port !== 0) {
        console.error(`serve: port ${port} is busy, taking a free one`);
        listen(server, 0, false).then(resolve, reject);
      } else reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, HOST);
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir.replace(/^\.?\/+|\/+$/g, "");
  if (dir && !fs.existsSync(path.join(args.root, dir))) {
    console.error(`serve: ${dir}/ does not exist under ${args.root}`);
    process.exit(1);
  }
  const home = dir ? `/${dir}/` : "/";
  const server = http.createServer(createHandler(args.root, { home }));
  let port;
  try {
    port = await listen(server, args.port ?? 8080, args.port === null);
  } catch (err) {
    console.error(`serve: cannot listen on ${HOST}:${args.port}: ${err.message}`);
    process.exit(1);
  }
  console.log(`Serving ${args.root} at http://${HOST}:${port}/`);
  console.log(`Open http://${HOST}:${port}${home}`);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
