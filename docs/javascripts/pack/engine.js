/*
 * The tab's calculator engine for the pack's pages: the worker the calculators' page script
 * started (or starts), so the pack and the scenarios are computed by the very same
 * calculators.run. Shared helpers for the pack's pages live here too.
 */

/** The site's root URL: this file sits at javascripts/pack/ under it. */
export const siteRoot = new URL("../../", import.meta.url).href;

/** The tab's engine client ({start, run, request}). */
export async function tabEngine() {
  const { tabEngine: shared } = await import("../engine/client.js");
  return shared();
}

/** A calculator's page with `inputs` in its address, as the calculators write it. */
export function calculatorURL(name, inputs) {
  const url = new URL(`calculators/${name}/`, siteRoot);
  for (const [key, value] of Object.entries(inputs || {})) url.searchParams.set(`${name}.${key}`, String(value));
  return url.href;
}

export function saveFile(data, name, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([data], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
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
