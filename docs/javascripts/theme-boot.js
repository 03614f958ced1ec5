/*
 * Material for MkDocs' page-start scripts, moved out of inline <script> tags so the site
 * runs under a Content-Security-Policy that allows no inline script (see
 * docs/reference/deployment.md). The code is Material's own (MIT license, mkdocs-material
 * 9.8.1, templates/partials/javascripts/{base,palette,content}.html), unminified; the
 * overrides in overrides/partials/javascripts/ load this file at the same three places, so
 * it runs at the same moments the inline code did, before first paint. Each tag says which
 * part it wants in data-part.
 */
(() => {
  "use strict";
  const script = document.currentScript;
  const part = script ? script.dataset.part : "";

  if (part === "base") {
    // Globals the theme's bundle reads: the storage scope and small storage helpers.
    window.__md_scope = new URL(script.dataset.scope || ".", location);
    window.__md_hash = (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
    // Our change to Material's code: with site data blocked, reading window.localStorage
    // itself throws a SecurityError, and a damaged entry is invalid JSON. Either reads as
    // "nothing kept" (null) and a write is skipped, so no page throws: the palette and tabs
    // are simply not remembered.
    const local = () => {
      try {
        return window.localStorage;
      } catch (error) {
        return null;
      }
    };
    window.__md_get = (key, storage = local(), scope = window.__md_scope) => {
      try {
        return storage ? JSON.parse(storage.getItem(scope.pathname + "." + key)) : null;
      } catch (error) {
        return null;
      }
    };
    window.__md_set = (key, value, storage = local(), scope = window.__md_scope) => {
      try {
        if (storage) storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
      } catch (error) {
        // storage full or disabled: the palette choice is simply not remembered
      }
    };
  } else if (part === "palette") {
    // The reader's saved palette, applied before the page paints.
    const palette = window.__md_get("__palette");
    if (palette && palette.color) {
      if (palette.color.media === "(prefers-color-scheme)") {
        const media = matchMedia("(prefers-color-scheme: light)");
        const input = document.querySelector(media.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
      for (const [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value);
    }
  } else if (part === "content") {
    // Linked content tabs: reopen the tab the reader chose last.
    const tabs = "tabsLink" in script.dataset ? window.__md_get("__tabs") : null;
    if (Array.isArray(tabs)) {
      sets: for (const set of document.querySelectorAll(".tabbed-set")) {
        const labels = set.querySelector(".tabbed-labels");
        for (const tab of tabs) {
          for (const label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              document.getElementById(label.htmlFor).checked = true;
              continue sets;
            }
          }
        }
      }
    }
    // A link to a tab opens that tab.
    const target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }
})();
