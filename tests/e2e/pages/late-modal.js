// The late sign-up modal of late-modal.html, and addCards() for timing.
"use strict";

const LATE_MS = 1600;

window.lateModal = { injectedAt: null };

setTimeout(() => {
  const modal = document.createElement("div");
  modal.className = "nl-overlay";
  modal.setAttribute("role", "dialog");
  modal.setAttribute("aria-modal", "true");
  modal.style.cssText =
    "position:fixed;inset:0;z-index:9999;background:rgba(0,0,0,.65);display:flex;align-items:center;justify-content:center";
  modal.innerHTML = `
    <div class="nl-box" style="background:#fff;padding:24px;max-width:420px">
      <h2>Don't miss a story</h2>
      <p>Get the Coast Ledger morning briefing in your inbox, free.</p>
      <form action="/subscribe" method="post">
        <input type="email" name="email" placeholder="Your email address" required>
        <button type="submit">Subscribe</button>
      </form>
      <button type="button" class="nl-close" aria-label="Close">×</button>
    </div>`;
  document.body.append(modal);
  document.body.style.overflow = "hidden";
  window.lateModal.injectedAt = performance.now();
}, LATE_MS);

/** Appends `n` teaser cards to the "More" rail in one go; returns when done. */
window.addCards = (n) => {
  const rail = document.querySelector("aside.more");
  const frag = document.createDocumentFragment();
  for (let i = 0; i < n; i++) {
    const card = document.createElement("div");
    card.className = "card teaser";
    card.innerHTML = `<a href="/story/${i}"><img src="data:," alt="" width="120" height="80"><h3>Coast story number ${i}: what changed this week</h3></a><p>A short teaser for story ${i}, as news sites show them in their rails.</p>`;
    frag.append(card);
  }
  rail.append(frag);
  return n;
};
