/*
 * Links to a place on the same page, followed by the browser itself (leans on
 * mkdocs-material 9.8.1's instant navigation; tests/test_pinned.py names this file).
 *
 * Material's instant navigation takes the first in-page link a reader follows on a page (an
 * entry of the page's contents, a heading's ¶ link, a "see below", the skip link) for a link
 * to another page: it compares each address with the one before by path, and before the
 * first it has none. So it fetches the page again and swaps it in, which rebuilds every form
 * on it: a figure typed a moment before was lost, and the page could stay where it was
 * instead of moving to the place. (The same authors fixed it in Zensical, their successor,
 * zensical/ui#154; Material 9.8.1 still has it.) Two small changes keep these moves within
 * the page:
 *
 * - A click on a link to this page's own address and a fragment is marked target="_self"
 *   before Material hears it. Material leaves links with a target to the browser, which
 *   moves to the place as on any page (the :target style, focus, a history entry). Material
 *   writes links out in full at load, with the query the address had then; a calculator
 *   changes the query as the reader types. Such a link moves to its place and keeps the
 *   address's query: followed as written, it loaded the page anew with the old inputs.
 * - The popstate a move within the page fires (that link, or back and forward between two
 *   places on the page) does not reach Material, which would swap the page in again. Where
 *   Material would have scrolled (once it has changed pages, it restores offsets itself),
 *   the page goes where Material would have put it: the offset it kept for that history
 *   entry, else the place the address names. The page's scripts hear such a move as the
 *   event "playbook:moved-within-page" on window.
 *
 * Links to other pages, and back and forward between pages, stay Material's.
 *
 * A classic script in the head (overrides/partials/javascripts/base.html), before the theme's
 * bundle: this Chromium calls a window's popstate listeners in the order they were added,
 * capturing or not, so this one must be added before Material's.
 */
(() => {
  "use strict";

  // The path of the page on screen: Material announces each page it goes to on location$
  // (before it swaps the page in; the address has already changed by then). Its bundle, at
  // the end of the body, has run by DOMContentLoaded.
  let shown = location.pathname;
  document.addEventListener("DOMContentLoaded", () => {
    if (window.location$ && typeof window.location$.subscribe === "function") {
      window.location$.subscribe((url) => {
        shown = url.pathname;
      });
    }
  });

  function samePageLink(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    // (_self is this page's: it is what this file marks them with)
    if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return null;
    const url = new URL(link.href, location.href);
    // The query does not count: Material writes every link out in full when the page loads,
    // with the query the address had then, and a calculator changes it as the reader types.
    // (No page links to a place on itself with inputs of its own.)
    if (url.origin !== location.origin || url.pathname !== location.pathname || !url.hash) return null;
    return { link, url };
  }

  // Capture on the document runs before Material's listener on the body.
  document.addEventListener("click", (event) => {
    const found = samePageLink(event);
    if (!found) return;
    const { link, url } = found;
    link.target = "_self"; // kept: Material may read the click later, once its sitemap is in
    if (url.search !== location.search) {
      // Followed as written, the link would load the page anew with the query of the page's
      // load (none, or the inputs it was opened with), dropping what the reader typed since.
      // The place is what it names; the address keeps its query.
      event.preventDefault();
      if (location.hash !== url.hash) {
        location.hash = url.hash;
      } else {
        const place = byHash(url.hash);
        if (place) place.scrollIntoView();
      }
    }
  }, true);

  function byHash(hash) {
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return null; // a malformed escape
    }
  }

  // Added before Material's own listener, so it is called first (see above).
  window.addEventListener("popstate", (event) => {
    if (location.pathname !== shown) return; // another page: Material's
    event.stopImmediatePropagation();
    // The page's own scripts hear it as this (calculators.js puts the inputs back in the address).
    window.dispatchEvent(new CustomEvent("playbook:moved-within-page"));
    // Until Material's first page change the browser restores the offset of a history entry
    // itself; after one, Material has taken that over (scrollRestoration "manual") and does it
    // here from the offset it keeps in the entry's state, as this does in its place.
    if (history.scrollRestoration !== "manual") return;
    const state = history.state;
    if (state && Number.isFinite(state.y)) {
      window.scrollTo(Number.isFinite(state.x) ? state.x : 0, state.y);
      return;
    }
    const place = location.hash ? byHash(location.hash) : null;
    if (place) place.scrollIntoView();
    else if (!location.hash) window.scrollTo(0, 0);
  }, true);
})();
