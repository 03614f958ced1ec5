/*
 * Material's search index, loaded once the page no longer needs the processor for itself.
 *
 * Material for MkDocs (9.8.1) requests search/search_index.json as its bundle starts, and its
 * search worker builds the index from it at once: about 430 KB of text for this site, whose
 * indexing took a 2-core machine's processor while a calculator page was starting its
 * engine. Measured on the staffing page (docs/reference/performance.md), the first computed
 * result came 240 ms later cold, and 140 ms later warm, with it than without it.
 *
 * So the request waits (it is only held back, never changed) until the first of:
 *  - the reader reaches for search: the search field takes focus (clicked, tabbed to, or
 *    Material's keys f, s and /), or the search button is clicked;
 *  - on a page with calculators, their first results are shown, or the engine failed
 *    (calculators.js dispatches "playbook:engine-settled"); 8 s after load at the latest;
 *  - on any other page, the page's load event.
 * Search then works as before: a query typed meanwhile runs when the index is ready.
 *
 * Material fetches with XMLHttpRequest; this holds back send() for that one address. It
 * runs before Material's bundle (overrides/main.html, scripts block). Our own choice, not a
 * Material option: the theme has none for loading its index later.
 */
(() => {
  "use strict";
  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet();
  let release;
  const released = new Promise((resolve) => { release = resolve; });

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(String(url), document.baseURI).pathname.endsWith("/search/search_index.json")) held.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!held.has(this)) return send.apply(this, args);
    held.delete(this);
    released.then(() => send.apply(this, args));
    return undefined;
  };

  const inSearch = (target) => target instanceof Element &&
    (target.id === "__search" || target.closest(".md-search, label[for='__search']") !== null);
  document.addEventListener("focusin", (event) => { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("click", (event) => { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("playbook:engine-settled", () => release(), { once: true });
  window.addEventListener("load", () => {
    if (!document.querySelector("form[data-calculator]")) release();
    else setTimeout(release, 8000);
  }, { once: true });
})();
