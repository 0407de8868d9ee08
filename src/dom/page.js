// The JavaScript half of reading and marking the live page, in three parts:
// the DOM's own methods (which every part calls), the walk (src/dom/read.rs)
// and the hide rule (src/dom/apply.rs). The reader view's half is
// reader_view.js.
//
// Two modules, not five, on purpose: wasm-bindgen's glue imports each JS
// file the Rust side names, and a browser loading the glue as modules (the
// browser unit tests; the extension bundles them into one script) fetches
// them all at once. wasm-bindgen-test-runner's server (tiny_http 0.12) can
// lose a connection that arrives while its idle threads are being woken:
// with five fetches at once it lost one in about a third of Chromium runs
// here, and in every run of CI's, and the test page never loaded.

// ========================================================================
// The DOM's own methods
// ========================================================================

// The DOM's own property getters and methods, for every part of the core's
// JS (the walk, the hide rule, the applier's calls, the reader view), called
// on a node.
//
// A page can shadow the properties themselves: a form's named controls
// do (`form.id` is its `<input name="id">`, `form.nextSibling` its
// `<input name="nextSibling">`, which once sent the walk round forever,
// `form.setAttribute` its `<input name="setAttribute">`, and a sign-up
// form is just what the applier hides), and so can a script, and a
// document's named images and forms shadow its own (`<img
// name="querySelectorAll">`). wasm-bindgen would call `form.setAttribute`
// itself and fail. Each getter is also one known function where
// `node.firstChild` over dozens of element classes is a megamorphic lookup
// (5 % of the walk, A/B in Chromium on the news corpus).

/** The getters and methods, taken on first use so that loading needs no DOM. */
let dom = null;
export function domGetters() {
  if (dom) return dom;
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  // The adopted-sheets accessors of documents and shadow roots; null where
  // the browser has no constructed stylesheets.
  const adopted = (proto) => {
    const property = Object.getOwnPropertyDescriptor(proto, "adoptedStyleSheets");
    return property?.get && property?.set ? property : null;
  };
  dom = {
    nodeType: getter(Node.prototype, "nodeType"),
    nodeValue: getter(Node.prototype, "nodeValue"),
    firstChild: getter(Node.prototype, "firstChild"),
    nextSibling: getter(Node.prototype, "nextSibling"),
    parentNode: getter(Node.prototype, "parentNode"),
    isConnected: getter(Node.prototype, "isConnected"),
    localName: getter(Element.prototype, "localName"),
    shadowRoot: getter(Element.prototype, "shadowRoot"),
    rootNode: Node.prototype.getRootNode,
    attributes: getter(Element.prototype, "attributes"),
    attributeNames: Element.prototype.getAttributeNames,
    attribute: Element.prototype.getAttribute,
    setAttribute: Element.prototype.setAttribute,
    removeAttribute: Element.prototype.removeAttribute,
    boundingRect: Element.prototype.getBoundingClientRect,
    style: getter(HTMLElement.prototype, "style"),
    defaultView: getter(Document.prototype, "defaultView"),
    documentElement: getter(Document.prototype, "documentElement"),
    body: getter(Document.prototype, "body"),
    title: getter(Document.prototype, "title"),
    selectAll: Document.prototype.querySelectorAll,
    adoptedStyleSheets: adopted(Document.prototype),
    shadowAdoptedStyleSheets: adopted(ShadowRoot.prototype),
    selectAllInFragment: DocumentFragment.prototype.querySelectorAll,
  };
  return dom;
}

/** `document.documentElement`. */
export function rootOf(doc) {
  return domGetters().documentElement.call(doc);
}

/** `document.body`. */
export function bodyOf(doc) {
  return domGetters().body.call(doc);
}

/** `el.getAttribute(name)`. */
export function attributeOf(el, name) {
  return domGetters().attribute.call(el, name);
}

/** `el.setAttribute(name, value)`. */
export function setAttributeOf(el, name, value) {
  domGetters().setAttribute.call(el, name, value);
}

/** `el.removeAttribute(name)`. */
export function removeAttributeOf(el, name) {
  domGetters().removeAttribute.call(el, name);
}

/** `el.isConnected`. */
export function isConnected(el) {
  return domGetters().isConnected.call(el);
}

/** `el.style`, the inline style of an HTML element. */
export function inlineStyleOf(el) {
  return domGetters().style.call(el);
}

/** `doc.querySelectorAll(selector)`, as an array. */
export function queryAll(doc, selector) {
  return Array.from(domGetters().selectAll.call(doc, selector));
}

// ========================================================================
// The walk
// ========================================================================

// The live walk's JavaScript half: reads the page in one pass and hands it
// to the Rust core in four values, so that the whole page crosses the
// JS/WebAssembly boundary once instead of five to ten times per node.
// It only reads; every decision is made in Rust (src/dom/read.rs).
//
// The result, in document order:
//   ops:      records, as a view of a Uint32Array that the walk reuses
//             (the core copies them into its memory before the next walk)
//               OPEN tag attrCount (name valueLen)*      an element opens
//                 (attrCount counts the attributes read: all, or the wanted;
//                 a tag or name is its number in the core's list of common
//                 names, or NAMED + its length with its letters in chars)
//               TEXT textLen                             a text node
//               CLOSE                                    the open element closes
//   chars:    every tag, attribute name and value, back to back; the
//             lengths in `ops` are in UTF-16 units, so no character in the
//             page can be mistaken for structure
//   texts:    the text of every text node, back to back. Apart from chars
//             because tags and attributes are nearly always Latin-1, which
//             JavaScript stores and encodes as UTF-8 several times faster,
//             while one curly quote makes a whole string two-byte.
//   elements: the element behind each `1` record, for the few that the core
//             then styles, measures or hides

// The records, by the names src/dom/read.rs gives them (`record::*`);
// `protocol()` lets a test check that both ends agree.
const OPEN = 1;
const TEXT = 2;
const CLOSE = 3;
/** Marks a tag or attribute name sent by its letters, not its number. */
const NAMED = 0x80000000;
/**
 * An attribute value longer than this (UTF-16 units) is read as empty: no
 * heuristic reads that far, and the reader view drops longer addresses
 * (tune::reader::MAX_URL_BYTES). The parser copies an unclosed link into
 * every block after it, so one page can hold thousands of copies of one
 * huge address; read in full, they cost seconds and, past the engine's
 * string limit, the whole read.
 */
const MAX_VALUE_UNITS = 8192;
/**
 * A read of all attributes keeps at most this many of an element's, the
 * first in its order (the analysis read keeps only the few it lists). The
 * most on one element in the 1,718 corpus pages is 185; a hostile page's
 * 10,000 made the reader view's read one 59 ms task.
 */
const MAX_ATTRIBUTES = 256;
/**
 * A text node longer than this (UTF-16 units) is read up to here and ends
 * in "…". The longest text node in 1,718 corpus pages (news, readability,
 * WCXB 2025–26) has 94,227 units; past this, a node is a log, a data dump or
 * a plain-text file, and reading all of it (5 MB: copied, encoded, analysed,
 * then laid out again in the reader view) would cost one task of half a
 * second. The clean decides from this much as well as from all of it, and
 * the view shows this much.
 */
const MAX_TEXT_UNITS = 131072;

/**
 * `text`, cut to MAX_TEXT_UNITS (never inside a surrogate pair) with "…".
 * @param {string} text
 */
function readText(text) {
  if (text.length <= MAX_TEXT_UNITS) return text;
  const cut = MAX_TEXT_UNITS - (isHighSurrogate(text.charCodeAt(MAX_TEXT_UNITS - 1)) ? 1 : 0);
  return `${text.slice(0, cut)}…`;
}

/** @param {number} unit */
function isHighSurrogate(unit) {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** What the walk skips and keeps: set once by `configure`. */
let config = null;

/**
 * Where the walk writes its records, kept from walk to walk: a typed array
 * takes them without allocating (a page's records would grow a JavaScript
 * array a dozen times, garbage the next collection pays for), and crosses
 * to WebAssembly as one copy of memory.
 */
let records = new Uint32Array(1 << 14);
/** A walk is filling `records`: the next one starts a buffer of its own. */
let recordsInUse = false;


// What `config.tags` says of a tag, beside its number in the common names.
/** Left out with its subtree. */
const SKIP = 1 << 20;
/** Read without its subtree. */
const LEAF = 1 << 21;
/** Not a common name: sent by its letters. */
const UNCOMMON = 1 << 22;
/**
 * May host a shadow root: the only built-in elements `attachShadow` takes
 * (custom elements, with a hyphen, may too). Asking just these saves the
 * question on links, list items and images.
 */
const HOST = 1 << 23;
const SHADOW_HOSTS = ["article", "aside", "blockquote", "body", "div", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "main", "nav", "p", "section", "span"];
const NUMBER = SKIP - 1;
/** An attribute name that is not a common name: sent by its letters. */
const SENT_BY_LETTERS = -1;

/**
 * Sets the lists the walk works with; the core calls it once, so that the
 * lists cross from WebAssembly once and not with every read.
 * @param {string[]} skipped tags left out with their subtree
 * @param {string[]} opaque tags read without their subtree (svg)
 * @param {string} own the attribute on the extension's own elements, left out
 * @param {string[]} analysis the attributes a read for analysis keeps
 * @param {string[]} common the names sent by their index in this list
 */
export function configure(skipped, opaque, own, analysis, common) {
  // Common names cross as numbers: the core then neither decodes nor
  // looks them up.
  const numbers = new Map(common.map((name, i) => [name, i]));
  // What an analysis read keeps, by name: its number, or SENT_BY_LETTERS.
  // One lookup says both whether an attribute is kept and how it is sent.
  const kept = new Map(analysis.map((name) => [name, numbers.get(name) ?? SENT_BY_LETTERS]));
  // One lookup per element says all the walk needs of its tag.
  const tags = new Map(numbers);
  for (const tag of skipped) tags.set(tag, (tags.get(tag) ?? UNCOMMON) | SKIP);
  for (const tag of opaque) tags.set(tag, (tags.get(tag) ?? UNCOMMON) | LEAF);
  for (const tag of SHADOW_HOSTS) tags.set(tag, (tags.get(tag) ?? UNCOMMON) | HOST);
  config = {
    tags,
    own,
    analysis: kept,
    common: numbers,
  };
}

/** The value of attribute `name`, found by its exact name in the map. */
function valueInMap(node, name) {
  const attrs = domGetters().attributes.call(node);
  for (let i = 0; i < attrs.length; i++) if (attrs[i].name === name) return attrs[i].value;
  return "";
}

/**
 * How to reach a host's shadow root. An extension's content script may see
 * closed ones too: Chrome through `chrome.dom.openOrClosedShadowRoot(el)`,
 * Firefox through `el.openOrClosedShadowRoot`. Elsewhere (a page, a test)
 * only open roots are there to see. Decided on the first host asked about.
 */
let shadowRootOf = (node) => {
  const extensionDom = globalThis.chrome?.dom;
  if (typeof extensionDom?.openOrClosedShadowRoot === "function") {
    shadowRootOf = (el) => extensionDom.openOrClosedShadowRoot(el) ?? null;
  } else if ("openOrClosedShadowRoot" in node) {
    shadowRootOf = (el) => el.openOrClosedShadowRoot ?? null;
  } else {
    const open = domGetters().shadowRoot;
    shadowRootOf = (el) => open.call(el) ?? null;
  }
  return shadowRootOf(node);
};

/** How many nodes the walk reads between two looks at the clock. */
const NODES_PER_CLOCK = 512;

/**
 * A walk that can pause: `step(deadline)` reads until `now()` passes
 * `deadline` and says whether it has finished; then `ops`, `chars`, `texts`
 * and `elements` hold the result (see the top of this file). A walk in steps keeps a
 * page's main thread free for its own work on a huge page; the page may
 * change between steps, and the walk then reads some nodes as they were
 * and some as they are, but its records always nest (it climbs by its own
 * stack), and what arrived meanwhile is the observer's to clean.
 * @param {Element} root where to start (the document element)
 * @param {boolean} analysis read only the analysis attributes, not all
 * @param {Element[] | null} added read only these subtrees, each in its
 *   place under its ancestors (read without their other children): the
 *   observer's late content, at a cost in proportion to it and not to the
 *   page. null: the whole page.
 */
export function startWalk(root, analysis, added = null) {
  const { tags, own, common } = config;
  const { nodeType, nodeValue, firstChild, nextSibling, localName, attributeNames, attribute } = domGetters();
  const kept = analysis ? config.analysis : null;
  // Records go to ops[n]; before each element, room is made for the most it
  // writes outside the attribute loop (3 to open, 1 to close). The shared
  // buffer is taken unless another walk still fills it.
  let ops = recordsInUse ? new Uint32Array(1 << 14) : records;
  const sharesBuffer = !recordsInUse;
  recordsInUse = true;
  let n = 0;
  const elements = [];
  // Built with `+=`, which links the pieces into a rope: the encoder then
  // copies them once, where `join` first copies them into a new string
  // (8 % of the walk and its encoding, A/B in Chromium on the news corpus).
  let chars = "";
  let texts = "";
  // The open elements, innermost last, and for each the first light child
  // still to walk once its shadow tree is done (null: none). The walk climbs
  // by this stack, not by parentNode: a shadow tree's top nodes have the
  // shadow root, not the host, as their parent.
  const open = [];
  const lightAfter = [];
  // The parent of the list the walk is in, per level: the element, or its
  // shadow root. A paused walk checks that its next node still has it.
  const listParent = [];
  const roots = [];
  let restarts = 0;
  /** Room for `more` records: the shared buffer grows for the next walks too. */
  const room = (more) => {
    if (n + more <= ops.length) return;
    const bigger = new Uint32Array(ops.length * 2);
    bigger.set(ops);
    ops = bigger;
    if (sharesBuffer) records = bigger;
  };
  // With `added`: per element on the way down to them, its children on
  // the way (`kids`), and the depth from which the walk is inside an added
  // subtree (-1: outside all of them; a whole walk is inside from the
  // start). Outside, the walk goes only from child to child on the way,
  // never through the other children, which may be thousands (a feed's
  // cards), so every node it meets there is on the way.
  const kids = added === null ? null : pathTo(root, added);
  const scoped = new Set(added ?? []);
  let freeFrom = kids === null ? 0 : -1;
  // Per open level: its list is `kids`' (true) or all the children.
  const listed = [];
  let node = root;
  // The index in `elements` of each added element the walk reached.
  const addedAt = [];
  const walker = { ops: null, chars: "", texts: "", elements, shadowRoots: roots, addedAt, done: false, step, cancel };
  return walker;

  /** Gives up the walk, and the shared buffer with it. */
  function cancel() {
    if (sharesBuffer && !walker.done) recordsInUse = false;
    node = null;
  }

  /**
   * When the page moved the node the walk paused at, or one of the open
   * elements above it, out of its list (removed it, or an ancestor), the
   * siblings still to read are out of reach, and the walk starts over. After a second start it no longer
   * pauses, so that a page changing all the time is still read whole.
   */
  function restartIfMoved() {
    if (!node || open.length === 0 || inPlace()) return false;
    n = 0;
    chars = "";
    texts = "";
    elements.length = 0;
    open.length = lightAfter.length = listParent.length = roots.length = listed.length = addedAt.length = 0;
    node = root;
    freeFrom = kids === null ? 0 : -1;
    restarts += 1;
    return true;
  }

  /** The paused node and every open element are still where the walk found them. */
  function inPlace() {
    const { parentNode } = domGetters();
    if (parentNode.call(node) !== listParent[listParent.length - 1]) return false;
    for (let i = 1; i < open.length; i++) if (parentNode.call(open[i]) !== listParent[i - 1]) return false;
    return true;
  }

  function step(deadline) {
    restartIfMoved();
    if (restarts >= 2) deadline = Infinity;
    let untilClock = NODES_PER_CLOCK;
    walk: while (node) {
      if (--untilClock === 0) {
        untilClock = NODES_PER_CLOCK;
        if (now() >= deadline) return false;
      }
      let descend = false;
      let mayHost = false;
      const type = nodeType.call(node);
      // Outside the added subtrees (a scoped walk only), on the way to them.
      const outside = freeFrom < 0 || open.length < freeFrom;
      if (type === 1) {
        const tag = localName.call(node);
        const info = tags.get(tag) ?? UNCOMMON;
        if ((info & SKIP) === 0) {
          room(4);
          const opsBefore = n;
          const charsBefore = chars;
          let mine = false;
          let count = 0;
          ops[n] = OPEN;
          if ((info & UNCOMMON) !== 0) {
            ops[n + 1] = NAMED + tag.length;
            chars += tag;
          } else {
            ops[n + 1] = info & NUMBER;
          }
          // ops[n + 2], the attributes kept, is written once they are counted.
          n += 3;
          // The names, then the value of each one kept: no Attr node is made
          // (the attribute map makes one per attribute, and the page keeps
          // them), and one lookup says whether a name is kept and its number.
          const names = attributeNames.call(node);
          for (let i = 0; i < names.length; i++) {
            const name = names[i];
            if (name === own) mine = true;
            if (count === MAX_ATTRIBUTES) continue;
            const number = kept === null ? common.get(name) ?? SENT_BY_LETTERS : kept.get(name);
            if (number === undefined) continue;
            // getAttribute lower-cases the name on an HTML element, so a name
            // with capitals (setAttributeNS makes them) is read from the map.
            const read = attribute.call(node, name) ?? valueInMap(node, name);
            const value = read.length > MAX_VALUE_UNITS ? "" : read;
            // Two for this attribute, and the close after the last one.
            room(3);
            if (number === SENT_BY_LETTERS) {
              ops[n] = NAMED + name.length;
              ops[n + 1] = value.length;
              n += 2;
              chars += name + value;
            } else {
              ops[n] = number;
              ops[n + 1] = value.length;
              n += 2;
              chars += value;
            }
            count++;
          }
          ops[opsBefore + 2] = count;
          if (mine) {
            // The extension's own element: left out with its subtree.
            n = opsBefore;
            chars = charsBefore;
          } else {
            elements.push(node);
            if (outside && scoped.has(node)) addedAt.push(elements.length - 1);
            if ((info & LEAF) !== 0) ops[n++] = CLOSE;
            else descend = true;
            mayHost = (info & HOST) !== 0 || ((info & UNCOMMON) !== 0 && tag.includes("-"));
          }
        }
      } else if (type === 3) {
        const text = readText(nodeValue.call(node));
        room(2);
        ops[n] = TEXT;
        ops[n + 1] = text.length;
        n += 2;
        texts += text;
      }
      if (descend) {
        // A shadow tree is read in its host's place, before the light
        // children (which it shows through its slots, if at all).
        const shadow = mayHost ? shadowRootOf(node) : null;
        // Outside the added subtrees, only the children on the way to them.
        const onlyKids = outside && !scoped.has(node);
        let child = onlyKids ? kids.get(node)?.[0] ?? null : firstChild.call(node);
        let later = null;
        let parent = node;
        if (shadow) {
          roots.push(shadow);
          const top = onlyKids ? kids.get(shadow)?.[0] ?? null : firstChild.call(shadow);
          if (top) {
            later = child;
            child = top;
            parent = shadow;
          }
        }
        if (child) {
          open.push(node);
          lightAfter.push(later);
          listParent.push(parent);
          listed.push(onlyKids);
          if (outside && scoped.has(node)) freeFrom = open.length;
          node = child;
          continue;
        }
        ops[n++] = CLOSE;
      }
      // Climb to the next node, closing elements on the way.
      while (open.length > 0) {
        const last = open.length - 1;
        const next = listed[last] ? nextKid(kids.get(listParent[last]), node) : nextSibling.call(node);
        if (next) {
          node = next;
          continue walk;
        }
        if (lightAfter[last]) {
          node = lightAfter[last];
          lightAfter[last] = null;
          listParent[last] = open[last];
          continue walk;
        }
        node = open.pop();
        lightAfter.pop();
        listParent.pop();
        listed.pop();
        if (open.length < freeFrom) freeFrom = -1;
        room(1);
        ops[n++] = CLOSE;
      }
      break;
    }
    node = null;
    if (sharesBuffer) recordsInUse = false;
    walker.ops = ops.subarray(0, n);
    walker.chars = chars;
    walker.texts = texts;
    walker.done = true;
    return true;
  }
}

/**
 * The way a scoped walk goes from `root` down to the `added` elements (their
 * ancestors, across shadow roots to their hosts): per element or shadow root
 * on it, its children on the way, in the order they were added (a feed
 * appends in order; sorting them by `compareDocumentPosition` cost 9 ms for
 * 50 cards among 33,000 siblings). An element no longer under `root` adds
 * nothing.
 * @param {Element} root
 * @param {Element[]} added
 */
function pathTo(root, added) {
  const { parentNode, nodeType } = domGetters();
  const path = new Set([root]);
  const kids = new Map();
  for (const el of added) {
    const way = [];
    let at = el;
    while (at && !path.has(at)) {
      const up = parentNode.call(at);
      way.push([at, up]);
      // A shadow tree's top nodes have the shadow root for a parent.
      at = up && nodeType.call(up) === 11 ? up.host ?? null : up;
    }
    if (!at) continue;
    for (const [child, parent] of way) {
      path.add(child);
      const list = kids.get(parent);
      if (list) list.push(child);
      else kids.set(parent, [child]);
    }
  }
  return kids;
}

/** The child after `node` in `list` (a scoped walk's `kids`), or null. */
function nextKid(list, node) {
  return list[list.indexOf(node) + 1] ?? null;
}

const encoder = new TextEncoder();

/**
 * Writes `text` as UTF-8 into `into`, a view of WebAssembly memory with
 * room for three bytes per unit, and returns the bytes written: one copy
 * into memory that the core has sized once.
 * @param {string} text
 * @param {Uint8Array} into
 */
export function encodeUtf8(text, into) {
  return encoder.encodeInto(text, into).written;
}

/** What `readLayout` gives per candidate, in this order (`LAYOUT_FIELDS` in read.rs). */
const LAYOUT_FIELDS = ["displayNone", "position", "zIndex", "x", "y", "width", "height"];
/** The `position` field: 0 for any position but these. */
const POSITION_FIXED = 1;
const POSITION_STICKY = 2;

/** The record codes and layout fields, for the test that read.rs agrees. */
export function protocol() {
  return {
    open: OPEN,
    text: TEXT,
    close: CLOSE,
    named: NAMED,
    layoutFields: LAYOUT_FIELDS,
    positionFixed: POSITION_FIXED,
    positionSticky: POSITION_STICKY,
  };
}

/**
 * Computed style and boxes of the layer candidates, in one call (the core
 * would otherwise cross per property). Per candidate, the `LAYOUT_FIELDS`:
 * display is none (1/0), position (POSITION_FIXED, POSITION_STICKY or 0),
 * z-index (0 for auto), and for fixed or sticky ones the box x, y, width,
 * height. Then the window's width and height, and whether the root or the
 * body locks scrolling (1/0).
 * @param {Document} doc the page
 * @param {Element[]} elements the walk's elements
 * @param {Uint32Array} indices the candidates, as indices into `elements`
 */
export function readLayout(doc, elements, indices) {
  // A document without a window of its own (parsed, not shown) is read
  // through ours.
  const { defaultView, boundingRect } = domGetters();
  const view = defaultView.call(doc) ?? window;
  const fields = LAYOUT_FIELDS.length;
  const out = new Float64Array(indices.length * fields + 3);
  let k = 0;
  for (const i of indices) {
    const el = elements[i];
    const style = view.getComputedStyle(el);
    const position = style.position;
    const stuck = position === "fixed" ? POSITION_FIXED : position === "sticky" ? POSITION_STICKY : 0;
    out[k] = style.display === "none" ? 1 : 0;
    out[k + 1] = stuck;
    if (stuck) {
      out[k + 2] = Number.parseInt(style.zIndex, 10) || 0;
      const r = boundingRect.call(el);
      out[k + 3] = r.x;
      out[k + 4] = r.y;
      out[k + 5] = r.width;
      out[k + 6] = r.height;
    }
    k += fields;
  }
  const locks = (el) => {
    if (!el) return false;
    const style = view.getComputedStyle(el);
    const overflow = style.overflowY;
    return overflow === "hidden" || overflow === "clip" || style.position === "fixed";
  };
  out[k] = view.innerWidth;
  out[k + 1] = view.innerHeight;
  out[k + 2] = locks(rootOf(doc)) || locks(bodyOf(doc)) ? 1 : 0;
  return out;
}

/**
 * What <head> says, as one JSON string: the root element's lang and dir,
 * the attributes of every meta tag that metadata reads, the JSON-LD blocks
 * and the title. (`getAttribute` for four names is cheaper than listing
 * every attribute of fifty meta tags.)
 * @param {Document} doc
 */
export function readHead(doc) {
  const { title, selectAll, attribute } = domGetters();
  const pick = (el, names) => {
    const out = [];
    for (const name of names) {
      const value = attribute.call(el, name);
      if (value !== null) out.push([name, value]);
    }
    return out;
  };
  const META = ["property", "name", "itemprop", "content"];
  const root = rootOf(doc);
  return JSON.stringify({
    root: root ? pick(root, ["lang", "dir"]) : [],
    metas: Array.from(selectAll.call(doc, "meta"), (m) => pick(m, META)),
    jsonLd: Array.from(selectAll.call(doc, 'script[type="application/ld+json"]'), (s) => s.textContent),
    title: title.call(doc),
  });
}

/** The page's clock, read in one call (web-sys would cross three times). */
export function now() {
  return typeof performance === "object" ? performance.now() : Date.now();
}

// ========================================================================
// The hide rule
// ========================================================================

// The hide rule, `[data-declutter]{display:none!important}`, as a
// constructed stylesheet that the document adopts. Nothing is added to the
// page's tree, a style-src CSP does not apply to a constructed sheet, and
// adopting one costs half as much as inserting a <style> into <head>
// (0.020 against 0.040 ms, in-page in Chromium on the news corpus).
// A document's sheets do not reach into a shadow tree, so each shadow root
// that holds a hidden block adopts the rule as well.

/** The rule's sheet for each document or shadow root it was made for. */
const sheets = new WeakMap();

/** The shadow roots the rule was adopted into. */
const shadowRoots = new Set();

/**
 * Adopts the rule into `target` (a document or a shadow root), once, through
 * the accessor of its own prototype: `<img name="adoptedStyleSheets">`
 * shadows the property on `document`. False where it cannot be adopted.
 */
function adoptInto(target, adopted, css) {
  if (!adopted) return false;
  try {
    let sheet = sheets.get(target);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    addSheet(target, adopted, sheet);
    sheets.set(target, sheet);
    return true;
  } catch {
    return false;
  }
}

/** Takes the rule out of `target`'s adopted sheets and leaves the page's own in their order. */
function dropFrom(target, adopted) {
  const sheet = sheets.get(target);
  if (adopted && sheet) removeSheet(target, adopted, sheet);
}

/**
 * Adds `sheet` to what `target` (a document or a shadow root) adopts, once,
 * through `adopted`, the accessor of its own prototype (domGetters). Throws
 * where the target cannot adopt it.
 */
export function addSheet(target, adopted, sheet) {
  const list = adopted.get.call(target);
  if (!Array.prototype.includes.call(list, sheet)) adopted.set.call(target, [...list, sheet]);
}

/** Takes `sheet` out of what `target` adopts, the others left in their order. */
export function removeSheet(target, adopted, sheet) {
  try {
    const list = adopted.get.call(target);
    if (Array.prototype.includes.call(list, sheet)) {
      adopted.set.call(target, Array.prototype.filter.call(list, (s) => s !== sheet));
    }
  } catch {
    // Nothing of ours is adopted.
  }
}

/**
 * Adopts the rule into `doc`, once. False where it cannot be adopted (no
 * constructed sheets, or a document of another window, which only takes
 * sheets made by its own): the caller then hides inline.
 * @param {Document} doc
 * @param {string} css the rule
 */
export function adoptRule(doc, css) {
  return adoptInto(doc, domGetters().adoptedStyleSheets, css);
}

/**
 * Takes the rule out of `doc` and of every shadow root it went into.
 * @param {Document} doc
 */
export function dropRule(doc) {
  const { adoptedStyleSheets, shadowAdoptedStyleSheets } = domGetters();
  dropFrom(doc, adoptedStyleSheets);
  for (const root of shadowRoots) dropFrom(root, shadowAdoptedStyleSheets);
  shadowRoots.clear();
}

/**
 * Adopts the rule into the shadow root of each of `elements` that lives in
 * one (open or closed: the walk handed us the element). Returns the
 * elements it could not cover that way, to be hidden inline.
 * @param {Element[]} elements blocks just marked
 * @param {string} css the rule
 */
export function adoptRuleInShadows(elements, css) {
  const { rootNode, shadowAdoptedStyleSheets } = domGetters();
  const uncovered = [];
  for (const el of elements) {
    const root = rootNode.call(el);
    if (!(root instanceof ShadowRoot)) continue;
    if (adoptInto(root, shadowAdoptedStyleSheets, css)) shadowRoots.add(root);
    else uncovered.push(el);
  }
  return uncovered;
}

/**
 * The elements matching `selector` in `doc` and in every shadow root the
 * rule went into: what restore and show look through.
 * @param {Document} doc
 * @param {string} selector
 */
export function selectMarked(doc, selector) {
  const { selectAll, selectAllInFragment } = domGetters();
  const found = [...selectAll.call(doc, selector)];
  for (const root of shadowRoots) found.push(...selectAllInFragment.call(root, selector));
  return found;
}
