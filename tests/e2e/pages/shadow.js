// The shadow roots of shadow.html, and `shadowTest.state()` for the e2e test.
"use strict";

const LATE_MS = 1200;

const paragraphs = [
  "The harbour ferry that links the old town with the island villages returned to service on Monday after a repair that took two years and cost almost twice the first estimate, the port authority said.",
  "Engineers replaced both engines, the steering gear and most of the wiring, and found corrosion in the hull that had not been visible when the vessel was first inspected. The authority said the extra work was needed to keep the ferry in service for another twenty years.",
  "During the repair, islanders relied on a smaller launch that carried a third as many passengers and could not take bicycles or freight. Shop owners on the largest island said deliveries had often arrived a day late, and that summer visitors had stayed away.",
  "The first crossing on Monday morning was full. Several passengers said they had planned their week around it. The authority will run the summer timetable from next month, with an extra evening crossing on Fridays and Saturdays.",
  "A report on the cost overrun is due before the end of the year. The authority's director said the report would look at how the first estimate was made and whether the inspection of the hull should have found the corrosion earlier.",
];

const story = document.getElementById("story").attachShadow({ mode: "open" });
story.innerHTML = `<article><h1>Harbour ferry returns after a two-year repair</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>`;

// Closed: only the page (and an extension's content script) can reach it.
const consent = document.getElementById("consent-host").attachShadow({ mode: "closed" });
consent.innerHTML = `<div class="banner" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483000;background:#fff;padding:24px;border-top:1px solid #ccc">
  <p>We use cookies and similar technologies to personalise content and ads and to analyse our traffic. You can accept all cookies, reject them or manage your preferences.</p>
  <button type="button">Accept all</button> <button type="button">Reject all</button> <a href="#prefs">Manage preferences</a>
</div>`;

const newsletter = document.getElementById("newsletter-host").attachShadow({ mode: "open" });

window.shadowTest = { injectedAt: null, original: null };

setTimeout(() => {
  newsletter.innerHTML = `<div class="nl-overlay" role="dialog" aria-modal="true" style="position:fixed;inset:0;z-index:9999;background:rgba(0,0,0,.65);display:flex;align-items:center;justify-content:center">
    <div class="nl-box" style="background:#fff;padding:24px;max-width:420px">
      <h2>Don't miss a story</h2>
      <p>Get the Coast Ledger morning briefing in your inbox, free.</p>
      <form action="/subscribe" method="post"><input type="email" name="email" placeholder="Your email address" required> <button type="submit">Subscribe</button></form>
    </div>
  </div>`;
  window.shadowTest.injectedAt = performance.now();
  window.shadowTest.original = serialise();
}, LATE_MS);

function serialise() {
  return [story, consent, newsletter].map((root) => root.innerHTML);
}

/** What the test checks: what shows, and each root as it serialises. */
window.shadowTest.state = () => {
  const shows = (el) => el?.checkVisibility({ visibilityProperty: true, opacityProperty: true }) ?? null;
  return {
    injected: window.shadowTest.injectedAt !== null,
    consentShown: shows(consent.querySelector("p")),
    modalShown: shows(newsletter.querySelector("input")),
    articleShown: [...story.querySelectorAll("p")].map(shows),
    roots: serialise(),
    original: window.shadowTest.original,
    adopted: [story, consent, newsletter].map((root) => root.adoptedStyleSheets.length),
  };
};
