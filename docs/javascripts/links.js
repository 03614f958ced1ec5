/*
 * Support Sourcing Playbook: links a reader can paste into a wiki.
 *
 *  - Beside every heading's permalink (the ¶ MkDocs adds), a "copy link to this section"
 *    button that copies the section's full address with its stable anchor; on a page with
 *    a calculator the address also carries the reader's inputs (the query string that
 *    calculators.js keeps in step), so the link reopens the same numbers.
 *  - Beside each calculator's exports, "Copy link" (this page, these inputs, the
 *    calculator's anchor) and "Copy embed code" (an iframe of embed/NAME/ with these
 *    inputs, for a wiki or intranet page; see the Deployment page for framing and height).
 * Nothing is sent anywhere: the text goes to the reader's clipboard. A link never carries a
 * pasted table, long text or anything like an e-mail address or phone number (kit.js), and
 * the status line says what it left out.
 */
import { addressable, confirmAt, copyText, formInputs, leftOutSentence, onEveryPage, onlyAddressable } from "./kit.js";

(() => {
  const meta = document.querySelector('meta[name="playbook:root"]');
  // Resolved once, against the first page loaded: instant navigation keeps this script.
  const siteRoot = new URL(meta ? meta.content : "./", document.baseURI).href;
  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12V1z"/></svg>';

  /* ------------------------------------------------------------- addresses */

  const hasCalculator = () => document.querySelector("form[data-calculator]") !== null;

  // The field a NAME.KEY parameter fills, on this page.
  function fieldFor(parameter) {
    const [name, ...rest] = parameter.split(".");
    const form = document.querySelector(`form[data-calculator="${CSS.escape(name)}"]`);
    return form && rest.length ? form.elements.namedItem(rest.join(".")) : null;
  }

  // The page's query, without what an address must never carry (the page keeps it out
  // already; this holds for an address written by anything else too).
  const safeQuery = (search) => onlyAddressable(new URLSearchParams(search), fieldFor).toString();

  // What the copied link leaves out of the calculators on this page, in words.
  function leftOut(forms) {
    return leftOutSentence(forms.flatMap((form) => addressable(form, formInputs(form)).left));
  }

  // This page's address with an anchor; the inputs come along where a calculator is.
  function pageLink(anchor, { inputs }) {
    const url = new URL(location.href);
    url.search = inputs ? safeQuery(url.search) : "";
    url.hash = anchor;
    return url.href;
  }

  // Only the query parameters of one calculator (NAME.KEY=value).
  function inputsOf(name) {
    const mine = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(safeQuery(location.search))) {
      if (key.startsWith(name + ".")) mine.append(key, value);
    }
    return mine.toString();
  }

  // A calculator with more fields than this is embedded in its compact form (embed.js):
  // its first inputs and the result's summary, "open in the Playbook" for the rest.
  const COMPACT_FIELDS = 12;

  function embedURL(name, compact) {
    const url = new URL(`embed/${name}/`, siteRoot);
    url.search = inputsOf(name);
    if (compact) url.searchParams.set("compact", "1");
    return url.href;
  }

  const isLong = (form) => form.querySelectorAll(".calc-field").length > COMPACT_FIELDS;

  // What the site's owner must allow before a wiki shows the iframe (extra.embed_origins).
  function framingNote() {
    const allowed = (document.querySelector('meta[name="playbook:embed-origins"]')?.content || "").split(" ").filter(Boolean);
    const sites = allowed.length ? `Today it allows ${allowed.join(", ")}.` : "Today it allows only this site itself.";
    return "The iframe shows only on sites this Playbook's owner allows: they add the wiki's address to " +
      `extra.embed_origins and to the server's frame-ancestors (see the Deployment page). ${sites} ` +
      "Elsewhere the frame shows a refusal (the browser's own error, or a message with a link here).";
  }

  // On an embed page the link goes to the full page, where the calculator has its context.
  function calculatorLink(form) {
    const name = form.dataset.calculator;
    const open = document.querySelector("a[data-embed-open]");
    if (open) {
      const url = new URL(open.href);
      url.search = safeQuery(location.search);
      url.hash = `calc-${name}`;
      return url.href;
    }
    return pageLink(form.id, { inputs: true });
  }

  const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

  function embedCode(form) {
    const name = form.dataset.calculator;
    const title = form.querySelector(".calc-title")?.textContent.trim() || name;
    // A height that shows the whole calculator when the host does not listen for the
    // height messages; it follows the content where the host does.
    const height = isLong(form) ? 700 : Math.ceil((form.getBoundingClientRect().height + 96) / 50) * 50;
    return `<iframe src="${escapeAttribute(embedURL(name, isLong(form)))}" title="${escapeAttribute(title)}" ` +
      `width="100%" height="${height}" style="width: 100%; border: 0" loading="lazy" allow="clipboard-write"></iframe>`;
  }

  // One polite live region for the section buttons (a calculator has its own status line).
  function announce(message) {
    let region = document.querySelector("[data-playbook-announce]");
    if (!region) {
      region = document.createElement("div");
      region.className = "playbook-toast";
      region.setAttribute("role", "status");
      region.dataset.playbookAnnounce = "";
      document.body.append(region);
    }
    region.textContent = message;
    clearTimeout(announce.timer);
    announce.timer = setTimeout(() => { region.textContent = ""; }, 3000);
  }

  /* ----------------------------------------------------------- the buttons */

  function addSectionButtons() {
    for (const permalink of document.querySelectorAll(".md-content a.headerlink")) {
      const heading = permalink.parentElement;
      if (!heading.id || heading.querySelector("[data-copy-section]")) continue;
      const title = [...heading.childNodes].filter((node) => node !== permalink).map((node) => node.textContent).join("").trim();
      const button = document.createElement("button");
      button.type = "button";
      button.className = "playbook-copylink";
      button.dataset.copySection = heading.id;
      button.title = "Copy link to this section";
      button.setAttribute("aria-label", `Copy link to this section: ${title}`);
      button.innerHTML = ICON;
      permalink.after(button);
    }
  }

  document.addEventListener("click", async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const section = target?.closest("[data-copy-section]");
    if (section) {
      await copyText(pageLink(section.dataset.copySection, { inputs: hasCalculator() }));
      announce(hasCalculator()
        ? `Copied a link to this section with your inputs.${leftOut([...document.querySelectorAll("form[data-calculator]")])}`
        : "Copied a link to this section.");
      return;
    }
    const action = target?.closest('form[data-calculator] [data-action="copy-link"], form[data-calculator] [data-action="copy-embed"]');
    if (!action) return;
    const form = action.closest("form[data-calculator]");
    const status = form.querySelector("[data-status]");
    if (action.dataset.action === "copy-link") {
      await copyText(calculatorLink(form));
      if (status) status.textContent = `Copied a link to this calculator with your inputs, ready to paste into a wiki.${leftOut([form])}`;
      confirmAt(action, "Copied");
    } else {
      await copyText(embedCode(form));
      const compact = isLong(form) ? " (its short form: the first inputs and the headline; the rest opens in the Playbook)" : "";
      if (status) status.textContent = `Copied an iframe with your inputs${compact}, ready to paste into a wiki or intranet page.${leftOut([form])}`;
      confirmAt(action, "Copied", framingNote());
    }
  });

  onEveryPage(addSectionButtons);
})();
