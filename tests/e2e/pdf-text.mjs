// The text of a PDF that a browser printed, for the print tests: no PDF
// tool is installed here and no npm package may be added, so this reads
// just what Chromium's and Firefox's printers write. Objects with Flate
// streams; text shown by Tj/TJ in a font selected by Tf, its glyph codes
// mapped to Unicode by the font's ToUnicode CMap (or taken as Latin-1 where
// a font has none), dictionaries in object streams included. Good enough to ask "is this sentence printed?", not a
// general PDF reader: word spaces may be missing, so compare without them.
import zlib from "node:zlib";

/** Every `N 0 obj … endobj`: its dictionary text and its stream, inflated. */
function objects(pdf) {
  const text = pdf.toString("latin1");
  const found = new Map();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const at = body.search(/stream\r?\n/);
    let dict = body;
    let stream = null;
    if (at >= 0) {
      dict = body.slice(0, at);
      const dataStart = start + at + body.slice(at).match(/stream\r?\n/)[0].length;
      const length = Number(/\/Length (\d+)(?!\d| \d+ R)/.exec(dict)?.[1] ?? -1);
      const dataEnd = length >= 0 ? dataStart + length : text.indexOf("endstream", dataStart);
      const raw = pdf.subarray(dataStart, dataEnd);
      stream = /\/FlateDecode/.test(dict) ? inflate(raw) : raw;
    }
    found.set(m[1], { dict, stream: stream?.toString("latin1") ?? null });
    re.lastIndex = end;
  }
  // Objects packed in object streams (Firefox's printer packs its page and
  // font dictionaries there): "num offset" pairs, then the objects.
  for (const { dict, stream } of [...found.values()]) {
    if (!stream || !/\/Type\s*\/ObjStm/.test(dict)) continue;
    const count = Number(/\/N (\d+)/.exec(dict)?.[1] ?? 0);
    const first = Number(/\/First (\d+)/.exec(dict)?.[1] ?? 0);
    const header = stream.slice(0, first).trim().split(/\s+/).map(Number);
    for (let i = 0; i < count; i++) {
      const [num, offset] = [header[2 * i], header[2 * i + 1]];
      const next = i + 1 < count ? header[2 * i + 3] : stream.length - first;
      if (!found.has(String(num))) found.set(String(num), { dict: stream.slice(first + offset, first + next), stream: null });
    }
  }
  return found;
}

function inflate(raw) {
  try {
    return zlib.inflateSync(raw);
  } catch {
    return zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  }
}

/** A ToUnicode CMap: glyph code (hex, as written) to text. */
function cmap(source) {
  const map = new Map();
  const utf16 = (hex) => {
    let s = "";
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(code.toLowerCase(), utf16(uni));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const from = parseInt(lo, 16);
      const base = parseInt(uni, 16);
      for (let c = from; c <= parseInt(hi, 16); c++) {
        map.set(c.toString(16).padStart(lo.length, "0"), utf16((base + c - from).toString(16).padStart(uni.length, "0")));
      }
    }
  }
  const width = Math.max(2, ...[...map.keys()].map((k) => k.length));
  return { map, width };
}

/** A literal string's bytes `(…)`, escapes resolved. */
function literal(s) {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e) => {
    const named = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };
    return named[e] ?? String.fromCharCode(parseInt(e, 8));
  });
}

/**
 * The text of `pdf` (a Buffer), page content in order, one line per text
 * run.
 * @param {Buffer} pdf
 */
export function pdfText(pdf) {
  const objs = objects(pdf);
  // Font resource names (/F1 …) to their ToUnicode maps.
  const fonts = new Map();
  for (const { dict } of objs.values()) {
    for (const [, name, ref] of dict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
      const font = objs.get(ref);
      const unicode = font && /\/Type\s*\/Font/.test(font.dict) && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
      if (unicode && objs.get(unicode)?.stream) fonts.set(name, cmap(objs.get(unicode).stream));
      else if (font && /\/Type\s*\/Font/.test(font.dict) && !fonts.has(name)) fonts.set(name, null);
    }
  }
  const lines = [];
  for (const { stream } of objs.values()) {
    if (!stream || !/\bTf\b/.test(stream)) continue;
    let font = null;
    const decode = (token) => {
      if (token.startsWith("(")) return literal(token.slice(1, -1));
      const hex = token.slice(1, -1).replace(/\s+/g, "").toLowerCase();
      if (!font) return "";
      let s = "";
      for (let i = 0; i < hex.length; i += font.width) s += font.map.get(hex.slice(i, i + font.width)) ?? "";
      return s;
    };
    const ops = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>|[^\]])*)\]\s*TJ|(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>)\s*(?:Tj|'|")/g;
    for (const m of stream.matchAll(ops)) {
      if (m[1]) font = fonts.get(m[1]) ?? null;
      else if (m[2] !== undefined) lines.push([...m[2].matchAll(/\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>/g)].map((t) => decode(t[0])).join(""));
      else lines.push(decode(m[3]));
    }
  }
  return lines.join("\n");
}

/** `text` without any white space: what to compare printed text by. */
export const squeeze = (text) => text.replace(/\s+/g, "");
