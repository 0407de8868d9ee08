// The router of spa.html: story 1 on load, story 2 after spaGo(2).
"use strict";

const STORIES = {
  1: {
    title: "Harbour ferry returns after a two-year repair",
    text: "The harbour ferry that links the old town with the island villages returned to service on Monday after a repair that took two years and cost almost twice the first estimate, the port authority said.",
    signup: `<h3>The morning briefing</h3><p>Get the Coast Ledger in your inbox every morning, free.</p>
      <form><input type="email" placeholder="Your email address"> <button>Subscribe</button></form>`,
  },
  2: {
    title: "Island school reopens with a new roof",
    text: "The primary school on the largest island reopened on Tuesday after a summer in which builders replaced the roof, the heating and the windows of the old stone building, the county council said.",
    signup: `<h3>Weekly island news</h3><p>Sign up for our weekly newsletter and never miss a story from the islands.</p>
      <form><input type="email" placeholder="Enter your email"> <button>Sign up</button></form>`,
  },
};

function render(n) {
  const story = STORIES[n];
  document.title = `${story.title} | The Coast Ledger`;
  document.getElementById("app").innerHTML = `<article><h1>${story.title}</h1>
    ${Array.from({ length: 6 }, (_, i) => `<p>${story.text} (${i + 1})</p>`).join("")}
    <div class="signup story-${n}">${story.signup}</div></article>`;
}

window.spaGo = (n) => {
  history.pushState({ n }, "", `?story=${n}`);
  render(n);
};

render(1);
