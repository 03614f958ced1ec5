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
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
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

function patchChildren(target, source) {
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
    for (const { name } of [...old.attributes]) if (!node.hasAttribute(name)) old.removeAttribute(name);
    for (const { name, value } of node.attributes) if (old.getAttribute(name) !== value) old.setAttribute(name, value);
    patchChildren(old, node);
  });
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
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
