/*
 * The calculators' page script: wires every form[data-calculator] (see CONTRACT.md). It
 * fills inputs from the page URL, sends what the reader types to the engine, writes
 * results and field messages back, keeps the URL in step, and offers the result's files.
 * All logic lives in Python: this moves JSON between the form and the engine.
 */
import { tabEngine } from "./engine/client.js";
import {
  addressable, afterAPause, clearErrors, confirmAt, copyText, formInputs, inputsInURL, onEveryPage, onlyAddressable, patchHTML,
  placeErrors, putInputsInURL, recomputer, saveFile,
} from "./kit.js";
import { forgetFields, forgetLatest, keepFields, keptFields } from "./pack/store.js";

// history.replaceState takes the page's main thread for 2-8 ms, and for 15-45 ms at times
// (measured in Chromium on the cost page), so the address is written once the reader pauses,
// not between an edit and its result.
const URL_PAUSE_MS = 250;
// A result's Markdown and CSV copies (about a tenth of a long result's time) are asked for once
// the reader pauses this long, or at once when an export needs them first.
const FILES_PAUSE_MS = 300;
const engine = tabEngine();
// The engine starts as this module runs (the page has been parsed by then), not when
// Material announces the page after every other script: its runtime is the longest wait.
if (document.querySelector("form[data-calculator]")) engine.start();
const forms = new WeakMap(); // form -> its state

// Read once, on the page this script first ran on: the tag is relative to that page.
const siteRoot = new URL(document.querySelector('meta[name="playbook:root"]')?.content || "./", document.baseURI).href;

function wireAll() {
  const found = document.querySelectorAll("form[data-calculator]");
  if (!found.length) return;
  found.forEach(wire);
  startAndCompute(found);
}

// What the engine's worker reports while it boots ({what, loaded, total} bytes, done), as the
// loading forms' status line: the runtime is megabytes, a slow link takes a while.
engine.onProgress((progress) => {
  for (const form of document.querySelectorAll('form[data-calculator][data-state="loading"]')) {
    if (forms.has(form)) setState(form, "loading", loadingMessage(progress));
  }
});

const megabytes = (bytes) => (bytes / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function loadingMessage(progress) {
  const start = "Loading the calculator engine into your browser (Python and this site's calculators, run on your computer)";
  if (!progress) return `${start}…`;
  const { what, loaded, total, done } = progress;
  if (done) return `${start}: ${megabytes(loaded)} MB of ${what} downloaded; starting Python…`;
  if (total) return `${start}: ${megabytes(loaded)} of ${megabytes(total)} MB of ${what}…`;
  return `${start}: ${megabytes(loaded)} MB of ${what} so far…`;
}

function startAndCompute(found) {
  if (!engine.isReady()) {
    found.forEach((form) => setState(form, "loading", loadingMessage(engine.progress())));
  }
  engine.start().then(
    () => Promise.all([...found].map((form) => forms.get(form).recompute())),
    (error) => found.forEach((form) => fail(form, error)),
  );
}

function wire(form) {
  if (forms.has(form)) return;
  const state = { result: null, touched: false, announce: 0, pathname: location.pathname };
  state.recompute = recomputer(() => compute(form, state), (error) => fail(form, error));
  // The address carries what it may; the rest (tables, long text, personal data) is kept in
  // this browser, so it comes back when the page reloads (kit.js, pack/store.js).
  state.writeURL = afterAPause((inputs) => {
    if (!onItsPage(form, state)) return;
    const { carried, kept } = addressable(form, inputs);
    putInputsInURL(form.dataset.calculator + ".", carried);
    noteKept(form, keepFields(form.dataset.calculator, changedOnly(form, kept)));
  }, URL_PAUSE_MS);
  state.writeFiles = afterAPause(() => filesOf(form, state).catch(() => {}), FILES_PAUSE_MS);
  forms.set(form, state);
  const fromURL = restoreFromURL(form);
  state.touched = fromURL.size > 0;
  if (restoreKept(form, fromURL)) state.touched = true;
  showExample(form);
  form.addEventListener("submit", (event) => event.preventDefault());
  const onEdit = (event) => {
    if (!event.target?.name) return;
    state.touched = true;
    if (engine.isReady()) state.recompute(); // before then, the first computation reads the edit
  };
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  // A page script may hold the form on messages of its own (a file it could not read): the
  // form shows them as a refusal, the last result dimmed, until it lets go (errors null).
  form.addEventListener("playbook:hold", (event) => {
    state.held = event.detail?.errors || null;
    if (engine.isReady()) state.recompute();
  });
  const actions = form.querySelector("[data-actions]");
  if (actions) actions.hidden = false;
  pointLinks(form);
  const on = (selector, handler) => form.querySelectorAll(selector).forEach((button) => button.addEventListener("click", () => handler(button)));
  on('[data-action="copy-markdown"]', (button) => copyMarkdown(form, button));
  on('[data-action="download-csv"]', () => download(form, "csv", "text/csv;charset=utf-8", false));
  on('[data-action="download"]', (button) => download(form, button.dataset.kind, button.dataset.type, "crlf" in button.dataset));
  on('[data-action="reset"]', () => reset(form, state));
  on('[data-action="retry"]', () => {
    engine.reset();
    startAndCompute(document.querySelectorAll("form[data-calculator]"));
  });
}

async function compute(form, state) {
  if (state.held) {
    show(form, state, { ok: false, errors: state.held });
    return;
  }
  const inputs = formInputs(form);
  // The result's Markdown and CSV copies are written when asked for (exported()), or once the
  // reader pauses: off the path from an edit to its result.
  const result = await engine.run(form.dataset.calculator, inputs, { later: true });
  if (!onItsPage(form, state) || state.held) return; // held meanwhile: the next run shows why
  if (result.ok) state.files = { inputs, copies: null };
  show(form, state, result);
  if (result.ok) state.writeFiles();
  if (state.touched) state.writeURL(inputs); // addressable() keeps private fields out of the address
  // The decision pack keeps the inputs of each result the reader asked for (pack/store.js).
  if (state.touched && result.ok) document.dispatchEvent(new CustomEvent("playbook:result", { detail: { name: form.dataset.calculator, inputs } }));
}

// Instant navigation may have moved on meanwhile (it changes the address before it swaps the
// page): a form no longer on its page must not write into the next one's.
function onItsPage(form, state) {
  return form.isConnected && location.pathname === state.pathname;
}

function show(form, state, result) {
  clearErrors(form);
  const report = form.querySelector("[data-report]");
  if (result.ok) {
    // Only what changed is written: leaving a field to press a link in the report recomputes
    // (change fires on blur), and a replaced link would take no click.
    if (!state.result || state.result.html !== result.html) {
      patchHTML(report, result.html);
      pointLinks(report);
    }
    state.result = result;
    if (report.hasAttribute("data-stale")) report.removeAttribute("data-stale");
    if (report.hasAttribute("data-example")) {
      // The reader's own result is in place: the build-time example's label goes.
      report.removeAttribute("data-example");
      form.querySelector("[data-example-label]")?.setAttribute("hidden", "");
    }
    const summary = report.querySelector(".calc-summary");
    showHeadline(form, summary);
    // The summary is on screen: the status line shows only what it does not say, and screen
    // readers (for whom the status is the announcement) hear the summary too.
    setState(form, "ready", "Computed in your browser.", true, summary ? summary.textContent.trim() : "");
    return;
  }
  const unplaced = placeErrors(form, result.errors, (key) => form.elements.namedItem(key));
  report.setAttribute("data-stale", "true");
  const first = Object.values(result.errors)[0] || "";
  setState(form, "invalid", `Not recalculated: ${unplaced.length ? unplaced.join(" ") : first} The last result stays below, dimmed.`);
}

// The compact headline card above the form on narrow screens (calculators.css) follows the
// result's first line.
function showHeadline(form, summary) {
  const headline = form.querySelector("[data-headline]");
  if (!headline) return;
  const text = summary?.querySelector("p")?.textContent.trim() || "";
  if (headline.textContent !== text) headline.textContent = text;
  if (headline.hidden !== !text) headline.hidden = !text;
}

// A result may link to another calculator with inputs filled in (render.Link); its path is
// relative to the site root, wherever this form sits.
function pointLinks(container) {
  for (const link of container.querySelectorAll("a[data-site-path]")) link.href = new URL(link.dataset.sitePath, siteRoot).href;
}

function fail(form, error) {
  console.warn("Support Sourcing Playbook: calculator engine unavailable:", error?.message || String(error));
  const retry = form.querySelector('[data-action="retry"]');
  if (retry) retry.hidden = false;
  setState(form, "failed",
    "The calculator engine could not load in this browser, so results are not recalculated. " +
    "The worked example below still holds for the inputs it shows. Check your connection and try again.");
}

// Attributes are written only when they change: each write makes the browser recheck the
// styles that depend on it, on the path from an edit to its result.
function setState(form, name, message, quietly, spoken = "") {
  if (form.dataset.state !== name) form.dataset.state = name;
  const retry = form.querySelector('[data-action="retry"]');
  if (retry && name !== "failed" && !retry.hidden) retry.hidden = true;
  const status = form.querySelector("[data-status]");
  if (!status) return;
  // Results announce after a short pause, so a screen reader is not read every keystroke.
  const state = forms.get(form);
  clearTimeout(state.announce);
  const write = () => {
    status.textContent = message;
    if (spoken) {
      const hidden = document.createElement("span");
      hidden.className = "playbook-visually-hidden";
      hidden.textContent = " " + spoken;
      status.append(hidden);
    }
  };
  if (quietly) state.announce = setTimeout(write, 400);
  else write();
}

/** Fills the form from the page URL; the keys of the inputs it filled. */
function restoreFromURL(form) {
  const restored = new Set();
  for (const [key, value] of inputsInURL(form.dataset.calculator + ".")) if (fill(form, key, value)) restored.add(key);
  // An address written before the site kept tables and personal data out of it: what it must
  // not carry is taken out at once (the form keeps it, and this browser keeps it from now on).
  const url = new URL(location.href);
  const allowed = onlyAddressable(url.searchParams, (key) => key.startsWith(form.dataset.calculator + ".")
    ? form.elements.namedItem(key.slice(form.dataset.calculator.length + 1)) : null);
  if (allowed.toString() !== url.searchParams.toString()) {
    url.search = allowed.toString();
    history.replaceState(history.state, "", url);
  }
  return restored;
}

function fill(form, key, value) {
  const element = form.elements.namedItem(key);
  if (!element || element.type === "button" || element.type === "file" || typeof value !== "string") return false;
  if (element.type === "checkbox") element.checked = value === "true";
  else element.value = value;
  return true;
}

/** Fills what this browser kept for the form (fields the address never carries); true if any.
 * A value the address gives (a link someone shared) wins over one kept here. */
function restoreKept(form, given) {
  let restored = false;
  for (const [key, value] of Object.entries(keptFields(form.dataset.calculator))) {
    if (!given.has(key)) restored = fill(form, key, value) || restored;
  }
  noteKept(form, "saved");
  return restored;
}

// Only what differs from the form's defaults is kept: the defaults come back by themselves.
function changedOnly(form, values) {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => {
    const element = form.elements.namedItem(key);
    return element && value !== (element.type === "checkbox" ? String(element.defaultChecked) : element.defaultValue);
  }));
}

/** Under each field the address never carries: where it is kept, and whether that worked. */
function noteKept(form, written) {
  for (const element of form.querySelectorAll("[data-private][name]")) {
    const field = element.closest(".calc-field");
    if (!field) continue;
    let note = field.querySelector("[data-kept-for]");
    if (!note) {
      note = document.createElement("p");
      note.className = "calc-help calc-kept";
      note.dataset.keptFor = element.name;
      field.querySelector("[data-error-for]")?.before(note);
    }
    const text = written === "saved"
      ? "Kept in this browser only: never put in the page address, a copied link or any request."
      : `Never put in the page address or a copied link, and not kept in this browser (${written === "full"
        ? "its storage for this site is full" : "it keeps nothing for this site"}), so it will not come back when the page reloads.`;
    if (note.textContent !== text) note.textContent = text;
  }
}

/** Until the engine has computed the reader's inputs, the build-time example is dimmed and labeled. */
function showExample(form) {
  const report = form.querySelector("[data-report]");
  if (!report?.hasAttribute("data-example")) return;
  form.querySelector("[data-example-label]")?.removeAttribute("hidden");
  report.setAttribute("data-stale", "example");
}

/** Back to the spec's defaults: the form, the address, and what this browser kept for it. */
function reset(form, state) {
  const name = form.dataset.calculator;
  state.writeURL.cancel();
  form.reset(); // each field's default is its value as the build wrote it
  forgetFields(name);
  // The decision pack's copy of these inputs holds the private fields too.
  if (form.querySelector("[data-private]")) forgetLatest(name);
  noteKept(form, "saved");
  state.touched = false;
  state.held = null; // a refused file's hold (volumes-file.js) ends with the defaults
  putInputsInURL(name + ".", {});
  clearErrors(form);
  if (engine.isReady()) state.recompute();
  form.querySelector("[data-status]").textContent = "Reset to the defaults; nothing of this calculator's is kept in this browser now.";
}

// The latest result's Markdown and CSV copies, asked of the engine once per result.
function filesOf(form, state) {
  const wanted = state.files;
  if (!wanted) return Promise.resolve({});
  wanted.copies ??= engine.files(form.dataset.calculator, wanted.inputs);
  return wanted.copies;
}

// The latest result's text for a file, or the build-time example's before the first result.
async function exported(form, kind) {
  const state = forms.get(form);
  const result = state?.result;
  if (result) return kind in result ? result[kind] : (await filesOf(form, state))[kind] ?? "";
  const template = form.querySelector(`template[data-export="${kind}"]`);
  return template ? template.content.textContent : "";
}

async function copyMarkdown(form, button) {
  await copyText(await exported(form, "markdown"));
  form.querySelector("[data-status]").textContent = "Copied the result as a Markdown table, ready to paste into a wiki.";
  confirmAt(button, "Copied");
}

// Any file a result offers (CSV, a calendar): named after the calculator and the kind.
// crlf: the format needs CRLF, which the build-time copy lost to HTML parsing.
async function download(form, kind, type, crlf) {
  const text = await exported(form, kind);
  saveFile(crlf ? text.replace(/\r?\n/g, "\r\n") : text, `${form.dataset.calculator}.${kind}`, type);
}

onEveryPage(wireAll);

// Back or forward between two places on this page (same-page-links.js keeps such moves within
// the page, and tells of them) shows that history entry's address, which may be older than
// the last edit: the address is brought back in line with the form on screen, so a link
// copied from it reopens what the reader sees.
window.addEventListener("playbook:moved-within-page", () => {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    const state = forms.get(form);
    if (state && state.touched && onItsPage(form, state)) state.writeURL(formInputs(form));
  }
});
