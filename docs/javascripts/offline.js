/*
 * Support Sourcing Playbook: the offline copy (only on sites built with extra.offline).
 *
 * Registers sw.js (written at build time by Workbox, see hooks.py), which precaches every
 * page, the search index, the runtime and our wheel. A new build's worker waits until no
 * tab runs the old one, so a page never mixes two builds; the element
 * [data-offline-status] (on the Deployment page) says which build this browser holds and
 * offers to switch to a newer one at once, reloading every tab of the site.
 */
import { onEveryPage } from "./kit.js";

(() => {
  if (!("serviceWorker" in navigator)) return;
  const meta = document.querySelector('meta[name="playbook:root"]');
  const siteRoot = new URL(meta ? meta.content : "./", document.baseURI).href;
  // With site data blocked (cookies off) the browser refuses a service worker with a
  // SecurityError, and storage that is full refuses its cache: the page says so, and
  // nothing is thrown.
  let refused = null;
  const registering = navigator.serviceWorker.register(new URL("sw.js", siteRoot).href, { scope: siteRoot })
    .catch((error) => {
      refused = error;
      return null;
    });

  // A new build took over (this tab or another chose it): reload onto it. The first
  // install also changes the controller (clientsClaim), and needs no reload.
  const hadController = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });

  async function describe(status) {
    const registration = await registering;
    if (!registration) {
      const note = document.createElement("p");
      note.textContent = "This browser does not let the site keep an offline copy "
        + `(${refused?.name === "SecurityError" ? "site data is blocked" : "it refused to save one"}): the playbook works online as usual.`;
      status.replaceChildren(note);
      status.dataset.offlineState = "refused";
      return;
    }
    let held = null;
    if (navigator.serviceWorker.controller) {
      // Served by the worker from its cache: the build this browser holds.
      const response = await fetch(new URL("offline.json", siteRoot).href);
      if (response.ok) held = await response.json();
    }
    const lines = [];
    if (held) {
      lines.push(`This browser keeps an offline copy of the playbook: version ${held.version}, built ${held.built}.`);
    } else {
      lines.push("This browser is saving the playbook for offline use; it is ready after this page's next visit.");
    }
    status.replaceChildren(...lines.map((line) => Object.assign(document.createElement("p"), { textContent: line })));
    status.dataset.offlineVersion = held ? held.version : "";
    const waiting = registration.waiting;
    if (waiting) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.dataset.offlineUpdate = "";
      button.textContent = "Use the new version now";
      button.addEventListener("click", () => waiting.postMessage({ type: "SKIP_WAITING" }));
      const note = document.createElement("p");
      note.textContent = "A newer version of the playbook is saved and takes over when every tab of this site is closed. ";
      note.append(button);
      status.append(note);
    }
    status.dataset.offlineState = waiting ? "update-waiting" : held ? "ready" : "saving";
  }

  function show() {
    const status = document.querySelector("[data-offline-status]");
    if (status) describe(status).catch((error) => console.warn("Support Sourcing Playbook: offline copy:", error));
  }

  // A newer build found while the reader is here: say so at once.
  registering.then((registration) => registration?.addEventListener("updatefound", () => {
    const incoming = registration.installing;
    incoming?.addEventListener("statechange", () => {
      if (incoming.state === "installed" && navigator.serviceWorker.controller) show();
    });
  }));

  onEveryPage(show);
})();
