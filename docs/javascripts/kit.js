/*
 * The page kit shared by the calculators' and the worksheet's page scripts: running on
 * every page of Material's instant navigation, recomputing without piling up, placing
 * field messages, keeping inputs in the page URL, and the reader's files (clipboard and
 * downloads made in the browser, so nothing leaves it).
 */

/**
 * Calls wire() on the first page and after every instant navigation: Material swaps the
 * page without reloading scripts, and document$ emits each time.
 */
export function onEveryPage(wire) {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(wire);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}

/**
 * The recompute loop: returns a function that runs task() now, or, if a run is under way,
 * once more when it ends, so edits made meanwhile are never lost and runs never pile up.
 * An error ends the loop and goes to onError.
 */
export function recomputer(task, onError) {
  let running = false;
  let again = false;
  return async function recompute() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await task();
      } while (again);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
}

/** A field's value as the engine reads it: a box is "true" or "false". */
export function fieldValue(element) {
  return element.type === "checkbox" ? String(element.checked) : element.value;
}

/** {key: value} of every named, enabled field of a form, as the engine reads them. */
export function formInputs(form) {
  const inputs = {};
  for (const element of form.elements) {
    if (element.type === "radio" && !element.checked) continue; // a yes / no / unsure answer: the one chosen
    if (element.name && !element.disabled) inputs[element.name] = fieldValue(element);
  }
  return inputs;
}

/** Clears the field messages and invalid marks under root (within `scope`, a selector). */
export function clearErrors(root, scope = "") {
  // Only slots that hold a message are written: an unchanged slot costs the page no layout.
  for (const slot of root.querySelectorAll(`${scope} [data-error-for]`)) if (slot.textContent) slot.textContent = "";
  for (const field of root.querySelectorAll(`${scope} [aria-invalid]`)) field.removeAttribute("aria-invalid");
}

/**
 * Puts each message of errors ({key: message}) in its [data-error-for] slot and marks its
 * field invalid; returns the messages that had no slot, for the status line.
 */
export function placeErrors(root, errors, fieldFor, scope = "") {
  const unplaced = [];
  for (const [key, message] of Object.entries(errors)) {
    const slot = root.querySelector(`${scope} [data-error-for="${CSS.escape(key)}"]`);
    if (slot) slot.textContent = message;
    else unplaced.push(message);
    fieldFor(key)?.setAttribute?.("aria-invalid", "true");
  }
  return unplaced;
}

/**
 * Returns a function that runs fn(...args) once calls have stopped for ms milliseconds: for
 * work the reader need not wait for, kept off the path from an edit to its result.
 */
export function afterAPause(fn, ms) {
  let timer = 0;
  const later = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  later.cancel = () => clearTimeout(timer); // a call still waiting is dropped
  return later;
}

/**
 * Makes container's content equal to html, changing only what differs: a text, an
 * attribute, or a whole subtree where the shape differs. A new number in a table then costs
 * the browser that cell's style and layout rather than the whole report's, and nodes that
 * did not change (a link being clicked, a selection) stay in place.
 */
export function patchHTML(container, html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  patchChildren(container, template.content);
}

/** Makes target's children equal to source's (a node or fragment), as patchHTML does. */
export function patchChildren(target, source) {
  const wanted = [...source.childNodes];
  const have = [...target.childNodes];
  if (wanted.length !== have.length || wanted.some((node, i) => !sameKind(node, have[i]))) {
    target.replaceChildren(...wanted);
    return;
  }
  wanted.forEach((node, i) => {
    const old = have[i];
    // The browser's own deep comparison is far cheaper than walking a subtree in script:
    // most of a report (headings, legends, unchanged rows) is the same from one result to
    // the next.
    if (old.isEqualNode(node)) return;
    if (node.nodeType !== Node.ELEMENT_NODE) {
      if (old.nodeValue !== node.nodeValue) old.nodeValue = node.nodeValue;
      return;
    }
    // A <details> the reader opened (the month-by-month schedule) stays open: "open" is theirs.
    for (const { name } of [...old.attributes]) {
      if (!node.hasAttribute(name) && !(name === "open" && old.nodeName === "DETAILS")) old.removeAttribute(name);
    }
    for (const { name, value } of node.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
    patchChildren(old, node);
  });
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

/*
 * What a page address may carry (CONTRACT.md, "In the built site"): numbers, dates, choices
 * and short names. A field the build marked data-private (declared as a table or long text,
 * calculators/core/fields.py), text over URL_TEXT_MAX characters and anything that looks like
 * an e-mail address or a phone number never enter the address, a copied link or a request:
 * the calculators' page keeps those in this browser (pack/store.js).
 */
export const URL_TEXT_MAX = 200;
const EMAIL = /[^\s@<>()[\],;:"']+@[^\s@<>()[\],;:"']+\.[a-z]{2,}/i;
// A run of digits with the separators phone numbers are written with.
const PHONE_LIKE = /\+?\(?\d[\d\s().-]{5,}\d/g;
// Numbers as people type them (1 200 000, 1,234.5, 1.234,5, 12345678) are not phone numbers;
// ISO dates are taken out first.
const NUMBER = /^[+-]?(\d{1,3}([\s,.']\d{3})+|\d+)([.,]\d+)?$/;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

/** True for text holding an e-mail address, or a phone number (7 to 15 digits written as one). */
export function looksPersonal(text) {
  if (EMAIL.test(text)) return true;
  for (const [run] of text.replace(ISO_DATE, " ").matchAll(PHONE_LIKE)) {
    const candidate = run.trim();
    const digits = candidate.replace(/\D/g, "").length;
    if (digits >= 7 && digits <= 15 && !NUMBER.test(candidate)) return true;
  }
  return false;
}

/** Why `value` of `element` stays out of the address ("" when it may travel). */
export function whyKept(element, value) {
  if (element?.hasAttribute?.("data-private")) return "table";
  if (value.length > URL_TEXT_MAX) return "long";
  if (looksPersonal(value)) return "personal";
  return "";
}

/** A field's label as the reader sees it, without "(optional)". */
export function labelOf(form, element) {
  const label = element.id ? form.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;
  return (label?.firstChild?.textContent || label?.textContent || element.name).trim();
}

/**
 * Splits a form's inputs ({key: value}) into those the address may carry and those it
 * leaves out: `{carried, kept, left}`, kept being {key: value} of the left-out ones and
 * left [{key, label, why}] for the reader ("table", "long" or "personal").
 */
export function addressable(form, inputs) {
  const carried = {};
  const kept = {};
  const left = [];
  for (const [key, value] of Object.entries(inputs)) {
    const element = form.elements.namedItem(key);
    const why = whyKept(element, String(value));
    if (!why) {
      carried[key] = value;
      continue;
    }
    kept[key] = value;
    if (String(value).trim()) left.push({ key, label: element ? labelOf(form, element) : key, why });
  }
  return { carried, kept, left };
}

/** A sentence naming what a link leaves out, or "" when it leaves nothing out. */
export function leftOutSentence(left) {
  if (!left.length) return "";
  const reasons = { table: "a pasted table or file stays in this browser", long: "long text stays in this browser",
    personal: "it looks like an e-mail address or phone number" };
  const parts = left.map(({ label, why }) => `${label} (${reasons[why]})`);
  return ` It leaves out ${parts.join("; ")}.`;
}

/** Keeps only the query parameters the address may carry; `elementFor(key)` finds a field. */
export function onlyAddressable(params, elementFor = () => null) {
  const kept = new URLSearchParams();
  for (const [key, value] of params) {
    if (!whyKept(elementFor(key), value)) kept.append(key, value);
  }
  return kept;
}

/* The page URL holds a form's inputs as NAME.KEY=value, so a pasted link reopens them. */

/** The [key, value] pairs the page URL holds for prefix ("staffing."). */
export function inputsInURL(prefix) {
  return [...new URLSearchParams(location.search)]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, value]) => [key.slice(prefix.length), value]);
}

/** Replaces the page URL's inputs for prefix with inputs, without a history entry. */
export function putInputsInURL(prefix, inputs) {
  const url = new URL(location.href);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(inputs)) url.searchParams.set(prefix + key, value);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}

/** Copies text to the clipboard, with a fallback where the Clipboard API is not allowed. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

/**
 * Adds a file chooser under a pasted-table box (a form's textarea): a div.calc-file marked
 * data-MARKER, its label saying the file stays in the browser, the input, then extraHTML
 * (progress, status). Returns the div.
 */
export function filePicker(box, marker, extraHTML) {
  const id = `${box.id}-file`;
  const picker = document.createElement("div");
  picker.className = "calc-file";
  picker.setAttribute(`data-${marker}`, "");
  picker.innerHTML =
    `<label for="${id}">Or choose a CSV file (read in your browser, never uploaded)</label> ` +
    `<input type="file" id="${id}" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"> ` +
    extraHTML;
  box.closest(".calc-control").after(picker);
  return picker;
}

/** Offers text as a file download, made in the browser. */
export function saveFile(text, name, type) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/**
 * Confirms an action where it was taken: a short message right after the button pressed
 * (the status line is what screen readers hear), gone after a few seconds. `note` adds a longer line under
 * the button's row, for what the reader must know next.
 */
export function confirmAt(button, message, note = "") {
  let shown = button.nextElementSibling;
  if (!shown?.matches(".calc-copied")) {
    shown = document.createElement("span");
    shown.className = "calc-copied";
    shown.setAttribute("aria-hidden", "true"); // the status line announces it
    button.after(shown);
  }
  shown.textContent = message;
  const row = button.parentElement;
  let more = row.nextElementSibling;
  if (note) {
    if (!more?.matches(".calc-copy-note")) {
      more = document.createElement("p");
      more.className = "calc-copy-note";
      row.after(more);
    }
    more.textContent = note;
  }
  clearTimeout(confirmAt.timers?.get(button));
  confirmAt.timers ??= new WeakMap();
  confirmAt.timers.set(button, setTimeout(() => { shown.textContent = ""; }, 4000));
}
