// Hostile page script: a sign-up modal that the page puts back whenever it is
// hidden, as a fresh copy, at once; and a class on <body> toggled every
// frame. A cleaner that fights back spends the page's CPU on a loop; the
// extension must step aside instead. `__fight.reinserted` counts the copies.
(() => {
  const fight = { reinserted: 0, frames: 0 };
  Object.defineProperty(window, "__fight", { value: fight });
  const markup = `<div class="nl-modal" style="position:fixed;inset:20% 10%;z-index:9999;background:#fff;border:2px solid #333;padding:24px">
    <h2>Get our newsletter</h2>
    <p>Sign up for the morning briefing. Enter your email to subscribe.</p>
    <form><input type="email" placeholder="Email address" required><button>Subscribe</button></form>
  </div>`;
  function insert() {
    const holder = document.createElement("div");
    holder.innerHTML = markup;
    const modal = holder.firstElementChild;
    document.body.append(modal);
    // Hidden by anything: put a fresh copy back.
    new MutationObserver((records, observer) => {
      if (!modal.isConnected || !modal.checkVisibility()) {
        observer.disconnect();
        modal.remove();
        fight.reinserted += 1;
        insert();
      }
    }).observe(modal, { attributes: true });
  }
  document.addEventListener("DOMContentLoaded", () => {
    insert();
    const tick = () => {
      fight.frames += 1;
      document.body.classList.toggle("tick");
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})();
