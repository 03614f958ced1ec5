/*
 * Material's search index, loaded when the reader reaches for search.
 *
 * Material for MkDocs (9.8.1) requests search/search_index.json as its bundle starts, and its
 * search worker builds the index from it at once: about 430 KB of text for this site, whose
 * indexing took a 2-core machine's processor while a calculator page was starting its
 * engine. Measured on the staffing page (docs/reference/performance.md), the first computed
 * result came 240 ms later cold, and 140 ms later warm, with it than without it.
 *
 * So the request waits (it is only held back, never changed) until the reader reaches for
 * search: the pointer comes over the search field or button, a finger touches it, it takes
 * focus (clicked, tabbed to, or Material's keys f, s and /), or it is clicked. A page opened
 * from a search result with highlighting asked for (`?h=`) needs the index at once, so there
 * it goes at load. Material shows "Initializing search" meanwhile, and a query typed before
 * the index is ready runs when it is.
 *
 * Until 2026-12-08 the index also loaded once a calculator page's first results were shown,
 * and at load on every other page, so that a first search found it ready. Measured then: the
 * index cost each page that loaded it about a second of processor time (a calculator page
 * 4.9 s with it, 3.9 s without, median of four loads each), for every reader, phones
 * included, whether they searched or not; a first search now waits for the index instead
 * (docs/reference/performance.md, "Search on demand"). Instant navigation keeps the index
 * for the rest of the visit.
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
  for (const type of ["pointerover", "touchstart", "focusin", "click"]) {
    document.addEventListener(type, (event) => { if (inSearch(event.target)) release(); },
      { capture: true, passive: true });
  }
  if (new URLSearchParams(location.search).has("h")) release();
})();
