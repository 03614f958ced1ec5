/*
 * The calculators' page script: wires every form[data-calculator] (see CONTRACT.md). It
 * fills inputs from the page URL, sends what the reader types to the engine, writes
 * results and field messages back, keeps the URL in step, and offers the result's files.
 * All logic lives in Python: this moves JSON between the form and the engine.
 */
import { tabEngine } from "./engine/client.js";
import {
  afterAPause, clearErrors, copyText, fieldValue, inputsInURL, onEveryPage, patchHTML, placeErrors, putInputsInURL,
  recomputer, saveFile,
} from "./kit.js";

// history.replaceState takes the page's main thread for 2-8 ms, and for 15-45 ms at times
// (measured in Chromium on the cost page), so the address is written once the reader pauses,
// not between an edit and its result.
const URL_PAUSE_MS = 250;
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

function startAndCompute(found) {
  if (!engine.isReady()) {
    found.forEach((form) => setState(form, "loading", "Loading the calculator engine into your browser…"));
  }
  engine.start().then(
    () => Promise.all([...found].map((form) => forms.get(form).recompute())),
    (error) => found.forEach((form) => fail(form, error)),
  ).finally(() => {
    // The first results are shown (or the engine failed): search may load its index now
    // (search-later.js).
    document.dispatchEvent(new CustomEvent("playbook:engine-settled"));
  });
}

function wire(form) {
  if (forms.has(form)) return;
  const state = { result: null, touched: false, announce: 0, pathname: location.pathname };
  state.recompute = recomputer(() => compute(form, state), (error) => fail(form, error));
  state.writeURL = afterAPause((inputs) => {
    if (onItsPage(form, state)) putInputsInURL(form.dataset.calculator + ".", inputs);
  }, URL_PAUSE_MS);
  forms.set(form, state);
  state.touched = restoreFromURL(form);
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
  on('[data-action="copy-markdown"]', () => copyMarkdown(form));
  on('[data-action="download-csv"]', () => download(form, "csv", "text/csv;charset=utf-8", false));
  on('[data-action="download"]', (button) => download(form, button.dataset.kind, button.dataset.type, "crlf" in button.dataset));
  on('[data-action="retry"]', () => {
    engine.reset();
    startAndCompute(document.querySelectorAll("form[data-calculator]"));
  });
}

function collect(form) {
  const inputs = {};
  for (const element of form.elements) {
    if (element.name && !element.disabled) inputs[element.name] = fieldValue(element);
  }
  return inputs;
}

async function compute(form, state) {
  if (state.held) {
    show(form, state, { ok: false, errors: state.held });
    return;
  }
  const inputs = collect(form);
  const result = await engine.run(form.dataset.calculator, inputs);
  if (!onItsPage(form, state) || state.held) return; // held meanwhile: the next run shows why
  show(form, state, result);
  if (state.touched) state.writeURL(shareable(form, inputs));
  // The decision pack keeps the inputs of each result the reader asked for (pack/store.js).
  if (state.touched && result.ok) document.dispatchEvent(new CustomEvent("playbook:result", { detail: { name: form.dataset.calculator, inputs } }));
}

// The page address carries numbers, choices and short names only: a box for pasted tables
// (a textarea: the week plan's volumes, the shifts' requirement) stays in this browser.
function shareable(form, inputs) {
  const kept = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (form.elements.namedItem(key)?.tagName !== "TEXTAREA") kept[key] = value;
  }
  return kept;
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
    const summary = report.querySelector(".calc-summary");
    setState(form, "ready", "Computed in your browser. " + (summary ? summary.textContent.trim() : ""), true);
    return;
  }
  const unplaced = placeErrors(form, result.errors, (key) => form.elements.namedItem(key));
  report.setAttribute("data-stale", "true");
  const first = Object.values(result.errors)[0] || "";
  setState(form, "invalid", `Not recalculated: ${unplaced.length ? unplaced.join(" ") : first} The last result stays below, dimmed.`);
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
function setState(form, name, message, quietly) {
  if (form.dataset.state !== name) form.dataset.state = name;
  const retry = form.querySelector('[data-action="retry"]');
  if (retry && name !== "failed" && !retry.hidden) retry.hidden = true;
  const status = form.querySelector("[data-status]");
  if (!status) return;
  // Results announce after a short pause, so a screen reader is not read every keystroke.
  const state = forms.get(form);
  clearTimeout(state.announce);
  if (quietly) state.announce = setTimeout(() => { status.textContent = message; }, 400);
  else status.textContent = message;
}

/** Fills the form from the page URL; true if the URL held any of its inputs. */
function restoreFromURL(form) {
  let restored = false;
  for (const [key, value] of inputsInURL(form.dataset.calculator + ".")) {
    const element = form.elements.namedItem(key);
    if (!element || element.type === "button") continue;
    if (element.type === "checkbox") element.checked = value === "true";
    else element.value = value;
    restored = true;
  }
  return restored;
}

// The latest result's text for a file, or the build-time example's before the first result.
function exported(form, kind) {
  const result = forms.get(form)?.result;
  if (result) return result[kind];
  const template = form.querySelector(`template[data-export="${kind}"]`);
  return template ? template.content.textContent : "";
}

async function copyMarkdown(form) {
  await copyText(exported(form, "markdown"));
  form.querySelector("[data-status]").textContent = "Copied the result as a Markdown table, ready to paste into a wiki.";
}

// Any file a result offers (CSV, a calendar): named after the calculator and the kind.
// crlf: the format needs CRLF, which the build-time copy lost to HTML parsing.
function download(form, kind, type, crlf) {
  const text = exported(form, kind);
  saveFile(crlf ? text.replace(/\r?\n/g, "\r\n") : text, `${form.dataset.calculator}.${kind}`, type);
}

onEveryPage(wireAll);
