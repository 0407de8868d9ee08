// The automatic run's first gate, in plain JS: ordinary non-article pages
// (web apps, search results, dashboards) never load the core at all. It
// errs towards "yes": the core then decides whether the page is an article
// (the report's `articlePage`), and on any other page the standard clean
// hides only what lies over the page or outside its main region.
// `npm run eval` measures both on the WCXB pages, per page type.
//
// A classic script listed before content.js; the global lives in the
// content script's isolated world, which the page never sees.
"use strict";
{
  /** An `<article>`, og:type article, Article JSON-LD, or a few long paragraphs. */
  function looksLikeArticle(doc) {
    if (doc.querySelector('article, [itemprop="articleBody"], meta[property="og:type"][content="article"]')) {
      return true;
    }
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      if (/"@type"\s*:\s*"(News|Blog|Report|Scholarly|Tech)?Article"/.test(script.textContent)) return true;
    }
    let long = 0;
    let chars = 0;
    for (const p of doc.querySelectorAll("p")) {
      const n = p.textContent.length;
      if (n >= 80) {
        long += 1;
        chars += n;
      }
      if (long >= 3 && chars >= 600) return true;
    }
    return false;
  }

  globalThis.DeclutterGate = Object.freeze({ looksLikeArticle });
}
