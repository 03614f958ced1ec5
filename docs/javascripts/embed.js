/*
 * Support Sourcing Playbook: an embed page (embed/NAME/) inside a wiki's iframe.
 *
 *  - Tells the host page how tall the calculator is whenever that changes, as
 *    {type: "playbook:height", name, height} (CSS pixels), so a host that listens (the
 *    snippet on the Deployment page) sizes the iframe to its content. A host that does not
 *    listen keeps the iframe at the height it set: the page scrolls inside it.
 *  - Keeps the "open in the Playbook" link pointing at the full page with the reader's
 *    current inputs (the query string calculators.js keeps in step) and the calculator's
 *    anchor.
 * The message holds no input, only a height: it is posted to any parent ("*"), since which
 * sites may frame the page at all is the Content-Security-Policy's frame-ancestors.
 */
(() => {
  "use strict";

  const embed = document.querySelector("[data-embed]");
  if (!embed) return;
  const name = embed.dataset.embed;

  if (window.parent !== window) {
    let sent = 0;
    const tell = () => {
      const bottom = embed.getBoundingClientRect().bottom + window.scrollY;
      const height = Math.ceil(bottom + parseFloat(getComputedStyle(embed).marginBottom || "0"));
      if (height === sent) return;
      sent = height;
      window.parent.postMessage({ type: "playbook:height", name, height }, "*");
    };
    new ResizeObserver(tell).observe(embed);
    window.addEventListener("load", tell);
    tell();
  }

  const open = embed.querySelector("a[data-embed-open]");
  if (open) {
    const point = () => {
      const url = new URL(open.href);
      url.search = location.search;
      url.hash = open.dataset.embedOpen;
      open.href = url.href;
    };
    // The inputs change as the reader types: refresh the link whenever it may be followed.
    for (const event of ["focus", "pointerenter", "pointerdown", "click", "auxclick", "contextmenu"]) {
      open.addEventListener(event, point);
    }
    point();
  }
})();
