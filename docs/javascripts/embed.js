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
 *  - Stays an embed: every link that leaves the page (a hand-over to another calculator, the
 *    journey's next step) opens the full site in a new tab, never inside the frame.
 *  - A wiki the site's owner has not allowed sees a plain message and a link instead of the
 *    calculator. Where the server sends a Content-Security-Policy with frame-ancestors, the
 *    browser enforces it before this page runs (and shows its own error in the frame); where
 *    it does not (a static host without headers), this page checks the framing origins
 *    against extra.embed_origins itself.
 *  - "?compact=1": the headline inputs and the result's summary only, for a long calculator
 *    in a wiki; "open in the Playbook" has the rest.
 * The height message holds no input, only a height: it is posted to any parent ("*").
 */
(() => {
  "use strict";

  const embed = document.querySelector("[data-embed]");
  if (!embed) return;
  const name = embed.dataset.embed;
  const framed = window.parent !== window;

  if (new URLSearchParams(location.search).get("compact") === "1") embed.dataset.compact = "";

  if (framed) {
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
  const fullPage = () => {
    const url = new URL(open.href);
    url.search = location.search;
    url.searchParams.delete("compact");
    url.hash = open.dataset.embedOpen;
    return url.href;
  };
  if (open) {
    const point = () => { open.href = fullPage(); };
    // The inputs change as the reader types: refresh the link whenever it may be followed.
    for (const event of ["focus", "pointerenter", "pointerdown", "click", "auxclick", "contextmenu"]) {
      open.addEventListener(event, point);
    }
    point();
  }

  // Before the browser follows a link (click, Enter, middle click), make it open a new tab.
  const outward = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin && url.pathname === location.pathname && url.hash) return; // in-page
    link.target = "_blank";
    link.rel = "noopener";
  };
  document.addEventListener("click", outward, true);
  document.addEventListener("auxclick", outward, true);
  document.addEventListener("keydown", (event) => { if (event.key === "Enter") outward(event); }, true);

  /* ------------------------------------------------------ a wiki not allowed */

  function framers() {
    const ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length) return [...ancestors];
    try {
      return document.referrer ? [new URL(document.referrer).origin] : [];
    } catch {
      return [];
    }
  }

  async function refusedBy() {
    const allowed = new Set([location.origin, ...(document.querySelector('meta[name="playbook:embed-origins"]')?.content || "")
      .split(" ").filter(Boolean)]);
    const outside = framers().filter((origin) => !allowed.has(origin));
    if (!outside.length) return null;
    // A policy the server sent was enforced by the browser already: shown at all, we are allowed.
    try {
      const response = await fetch(location.href, { method: "HEAD", cache: "no-store" });
      if (/frame-ancestors/i.test(response.headers.get("content-security-policy") || "")) return null;
    } catch { /* unknown: check the list */ }
    return outside[0];
  }

  if (framed) {
    refusedBy().then((origin) => {
      // The check has settled: a test (or a host's script) waits for this, not for quiet.
      embed.dataset.framing = origin ? "refused" : "allowed";
      if (!origin) return;
      const message = embed.querySelector("[data-embed-refused]");
      if (!message) return;
      message.querySelector("[data-embed-refused-origin]").textContent = origin;
      const link = message.querySelector("a");
      if (open) link.href = fullPage();
      for (const child of embed.querySelector("article").children) if (child !== message) child.hidden = true;
      message.hidden = false;
    });
  }
})();
