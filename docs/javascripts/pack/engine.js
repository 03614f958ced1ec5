/*
 * What the pack's pages share: the tab's calculator engine (the worker the calculators' page
 * script started, or starts), so the pack and the scenarios are computed by the very same
 * calculators.run; the site's root; links that reopen a calculator; small DOM helpers.
 */

export { tabEngine } from "../engine/client.js"; // the tab's engine client ({start, run, request})
export { saveFile } from "../kit.js"; // a Blob of text or bytes, downloaded from the browser
import { onlyAddressable } from "../kit.js";

/** The site's root URL: this file sits at javascripts/pack/ under it. */
export const siteRoot = new URL("../../", import.meta.url).href;

/** A calculator's page with `inputs` in its address, as the calculators write it: only what
 * an address may carry (no long text, nothing like an e-mail address or phone number; kit.js). */
export function calculatorURL(name, inputs) {
  const url = new URL(`calculators/${name}/`, siteRoot);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(inputs || {})) query.set(`${name}.${key}`, String(value));
  url.search = onlyAddressable(query).toString();
  return url.href;
}

/** An element with attributes and children (text or elements): no HTML strings. */
export function element(tag, attributes = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    made.setAttribute(name, value === true ? "" : value);
  }
  made.append(...children);
  return made;
}

export function button(text, action) {
  return element("button", { type: "button", class: "md-button", "data-action": action }, text);
}
