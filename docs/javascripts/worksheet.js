/*
 * Support Sourcing Playbook: the freelancer worksheet's page glue.
 *
 * Keeps the answers in this browser as they are typed (localStorage, one key), in step
 * with other tabs (per answer, the later edit wins), and hands them to the engine (the
 * tab's one Pyodide worker, engine/client.js) for progress, start dates and the Markdown
 * and JSON files. Everything the worksheet works out is done in Python
 * (calculators/tools/worksheet/); this file moves text between the fields, the storage and
 * the engine. Answers reach the page only as form values and
 * textContent, never as HTML.
 */
import { tabEngine } from "./engine/client.js";
import { clearErrors, copyText, fieldValue, onEveryPage, patchChildren, placeErrors, recomputer, saveFile } from "./kit.js";

const STORAGE_KEY = "ssp.worksheet.v1";
const OPEN_SHOWN = 8; // open questions listed by name; the rest are counted
const NO_ANSWER = "No answer yet.";

// This script runs once per tab and outlives Material's instant navigation, so the
// answers in memory survive leaving the page even when the browser will not store them.
let memory = { answers: {}, edited: {}, savedAt: null }; // edited: key -> ms of the last edit
let storageWorks = null; // null until first tried
let page = null; // the worksheet now on screen, or null on other pages
const engine = tabEngine();

/* ------------------------------------------------------------ storage */

function probeStorage() {
  try {
    localStorage.setItem(STORAGE_KEY + ".probe", "1");
    localStorage.removeItem(STORAGE_KEY + ".probe");
    return true;
  } catch {
    return false;
  }
}

// Only text answers and numeric times are taken from storage; anything else is dropped.
function normalize(data) {
  const state = { answers: {}, edited: {}, savedAt: null };
  if (!data || typeof data !== "object") return state;
  for (const [key, value] of Object.entries(data.answers || {})) if (typeof value === "string") state.answers[key] = value;
  for (const [key, value] of Object.entries(data.edited || {})) if (Number.isFinite(value)) state.edited[key] = value;
  if (typeof data.savedAt === "string") state.savedAt = data.savedAt;
  return state;
}

function readStored() {
  if (!storageWorks) return null;
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    return text ? normalize(JSON.parse(text)) : null;
  } catch {
    return null;
  }
}

// Takes each answer that was edited later elsewhere; returns the keys taken.
function mergeIn(theirs) {
  if (!theirs) return [];
  const taken = [];
  for (const key of Object.keys(theirs.answers)) {
    if ((theirs.edited[key] || 0) > (memory.edited[key] || 0)) {
      memory.answers[key] = theirs.answers[key];
      memory.edited[key] = theirs.edited[key];
      taken.push(key);
    }
  }
  if (theirs.savedAt && (!memory.savedAt || theirs.savedAt > memory.savedAt)) memory.savedAt = theirs.savedAt;
  return taken;
}

// Written at once on every edit, so there is never an unsaved change to lose on reload,
// navigation or closing the browser. Merging first keeps another tab's newer answers.
function save() {
  if (!storageWorks) return [];
  try {
    const taken = mergeIn(readStored());
    localStorage.setItem(STORAGE_KEY, JSON.stringify(memory));
    return taken;
  } catch {
    storageWorks = false; // full, or switched off while the page was open
    showStorageNote();
    return [];
  }
}

function record(changes) {
  const now = Date.now();
  for (const [key, text] of Object.entries(changes)) {
    memory.answers[key] = text;
    memory.edited[key] = now;
  }
  memory.savedAt = new Date(now).toISOString();
  const taken = save();
  if (page && taken.length) fill(taken);
}

window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY || !event.newValue) return;
  let theirs;
  try {
    theirs = normalize(JSON.parse(event.newValue));
  } catch {
    return;
  }
  const taken = mergeIn(theirs);
  if (page && taken.length) {
    fill(taken);
    compute();
  }
});

/* ------------------------------------------------------------- fields */

function fill(keys) {
  const touched = new Set();
  for (const key of keys) {
    const field = page.fields[key];
    if (!field) continue;
    const text = memory.answers[key] ?? "";
    if (field.type === "checkbox") field.checked = text === "true";
    else if (field.value !== text) field.value = text;
    touched.add(field.closest("[data-question]"));
  }
  touched.forEach(mirror);
}

// The print copy of one answer: what a reader of the printed page should see.
function mirror(question) {
  if (!question) return;
  const ticked = [];
  const lines = [];
  const group = question.querySelectorAll("[name]").length > 1;
  for (const field of question.querySelectorAll("[name]")) {
    const label = field.labels && field.labels[0] ? field.labels[0].textContent.trim() : "";
    if (field.type === "checkbox") {
      if (field.checked) ticked.push(label);
      continue;
    }
    let text = field.tagName === "SELECT" ? (field.value ? field.selectedOptions[0].textContent : "") : field.value.trim();
    if (!text) continue;
    if (field.dataset.unit) text += " " + field.dataset.unit;
    lines.push(group ? `${label}: ${text}` : text);
  }
  if (ticked.length) lines.unshift(ticked.join(", "));
  const slot = question.querySelector("[data-print-for]");
  slot.textContent = lines.join("\n") || NO_ANSWER;
  slot.classList.toggle("ws-print--empty", !lines.length);
}

function onEdit(event) {
  const field = event.target;
  if (!page || !field.name || page.fields[field.name] !== field) return;
  const text = fieldValue(field);
  if (memory.answers[field.name] === text) return;
  record({ [field.name]: text });
  mirror(field.closest("[data-question]"));
  compute();
}

function replaceAll(answers) {
  const changes = {};
  for (const key of Object.keys(page.fields)) changes[key] = answers[key] ?? "";
  record(changes);
  fill(Object.keys(page.fields));
  compute();
}

/* ------------------------------------------------------------- engine */

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function inputs() {
  const answers = {};
  for (const key of Object.keys(page.fields)) answers[key] = memory.answers[key] ?? "";
  return { ...answers, today: today(), saved_at: memory.savedAt || "" };
}

const recompute = recomputer(async () => {
  const shownOn = page;
  if (!shownOn) return;
  const result = await engine.run("worksheet", inputs());
  if (shownOn === page) show(result);
}, (error) => failed(error));

function compute() {
  if (page && engine.isReady()) recompute();
}

function show(result) {
  const panel = page.panel;
  clearErrors(document, "[data-worksheet-part]");
  // Only what the page cannot send is refused outright; the messages go beside the fields.
  const messages = result.ok ? result.outputs.problems : result.errors;
  placeErrors(document, messages, (key) => page.fields[key], "[data-worksheet-part]");
  if (!result.ok) {
    setState("invalid", "Not updated: " + Object.values(result.errors)[0]);
    return;
  }
  const out = result.outputs;
  const progress = out.progress;
  panel.querySelector("[data-progress-overall]").textContent =
    `${progress.answered} of ${progress.total} questions answered`;
  panel.querySelector("[data-progress-bar]").value = progress.percent;
  for (const [id, part] of Object.entries(progress.parts)) {
    const slot = panel.querySelector(`[data-progress-part="${CSS.escape(id)}"]`);
    if (slot) slot.textContent = `${part.answered} of ${part.total}`;
  }
  // Only what changed in the list is written again: a result can land between a reader's
  // press on one of its links and the release, and a link replaced meanwhile takes no click.
  const list = document.createDocumentFragment();
  for (const question of out.unanswered.slice(0, OPEN_SHOWN)) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + question.anchor;
    link.textContent = question.prompt;
    item.append(link);
    list.append(item);
  }
  if (out.unanswered.length > OPEN_SHOWN) {
    const more = document.createElement("li");
    more.textContent = `and ${out.unanswered.length - OPEN_SHOWN} more`;
    list.append(more);
  }
  patchChildren(panel.querySelector("[data-unanswered]"), list);
  panel.querySelector("[data-unanswered-box]").hidden = !out.unanswered.length;
  showSchedule(out.schedule);
  // The status line changes with the state only, so a message about an action stays put.
  if (panel.dataset.state !== "ready") {
    setState("ready", storageWorks ? "Every answer is saved in this browser as you type." : "");
  }
}

// A link in the list of open questions takes the reader to that question and puts the cursor
// in its first box (the pattern of a form's error summary), with no history entry of its own:
// the list is a to-do list, not the page's contents. It was first written against Material's
// instant navigation, which fetched the page again on the first in-page link and could leave
// the question out of sight (same-page-links.js now keeps every in-page link in the page). A
// click that opens a new tab or window is left to the browser.
function goToQuestion(event) {
  const link = event.target.closest && event.target.closest('a[href^="#"]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const question = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!question) return;
  event.preventDefault();
  event.stopPropagation();
  const fits = question.getBoundingClientRect().height < window.innerHeight * 0.7;
  question.scrollIntoView({ block: fits ? "center" : "start" });
  const box = question.querySelector("input, textarea, select");
  if (box) box.focus({ preventScroll: true });
}

function showSchedule(schedule) {
  const box = document.querySelector("[data-schedule]");
  if (!box) return;
  box.dataset.scheduleState = schedule.status;
  for (const slot of box.querySelectorAll("[data-output]")) {
    const value = schedule[slot.dataset.output];
    slot.dataset.value = value || "";
    slot.textContent = value || "not yet known";
  }
  box.querySelector("[data-schedule-message]").textContent = schedule.message;
  box.querySelector("[data-schedule-problems]").replaceChildren(...schedule.problems.map((problem) => {
    const item = document.createElement("li");
    item.textContent = problem;
    return item;
  }));
}

function setState(state, message) {
  const panel = page.panel;
  panel.dataset.state = state;
  const ready = state === "ready";
  for (const button of panel.querySelectorAll("[data-needs-engine]")) button.disabled = !ready;
  panel.querySelector('[data-action="retry"]').hidden = state !== "failed";
  panel.querySelector("[data-status]").textContent = message;
}

function failed(error) {
  console.warn("Support Sourcing Playbook: worksheet engine unavailable:", (error && error.message) || error);
  if (page) {
    setState("failed", "The engine that counts progress and writes the files could not load in this browser. " +
      "Your answers are still saved here, and printing works. Check your connection and try again.");
  }
}

function startEngine() {
  if (!engine.isReady()) setState("loading", "Preparing the exports: the engine loads once in this tab…");
  engine.start().then(compute, failed);
}

/* ------------------------------------------------------------ actions */

async function fresh() {
  const result = await engine.run("worksheet", inputs());
  if (!result.ok) throw new Error(Object.values(result.errors)[0]);
  return result;
}

function say(message) {
  page.panel.querySelector("[data-status]").textContent = message;
}

const download = saveFile;
const copy = copyText;

const actions = {
  "copy-markdown": async () => {
    await copy((await fresh()).markdown);
    say("Copied the worksheet as Markdown: paste it into your wiki.");
  },
  "download-markdown": async () => {
    download((await fresh()).markdown, "freelancer-worksheet.md", "text/markdown;charset=utf-8");
    say("Downloaded freelancer-worksheet.md.");
  },
  "download-json": async () => {
    download((await fresh()).json, "freelancer-worksheet.json", "application/json;charset=utf-8");
    say("Downloaded freelancer-worksheet.json: open it here later to carry on.");
  },
  print: () => window.print(),
  clear: () => {
    page.panel.querySelector("[data-clear-confirm]").hidden = false;
    page.panel.querySelector('[data-action="clear-confirm"]').focus();
  },
  "clear-cancel": () => {
    page.panel.querySelector("[data-clear-confirm]").hidden = true;
    page.panel.querySelector('[data-action="clear"]').focus();
  },
  "clear-confirm": () => {
    page.panel.querySelector("[data-clear-confirm]").hidden = true;
    page.panel.querySelector('[data-action="clear"]').focus();
    replaceAll({});
    say("Cleared every answer.");
  },
  retry: () => {
    engine.reset();
    startEngine();
  },
};

async function openFile(input) {
  const file = input.files && input.files[0];
  const message = page.panel.querySelector("[data-import-message]");
  if (!file) return;
  // A character takes at most 4 bytes in UTF-8, so a longer slice is refused anyway.
  const limit = Number(page.panel.dataset.fileMaxChars);
  const text = await file.slice(0, limit * 4 + 4).text();
  input.value = "";
  const result = await engine.run("worksheet_import", { file: text });
  message.dataset.kind = result.ok ? "done" : "refused";
  if (!result.ok) {
    message.textContent = `${Object.values(result.errors)[0]} Your saved answers are unchanged.`;
    return;
  }
  replaceAll(result.outputs.answers);
  const ignored = result.outputs.ignored.length
    ? ` ${result.outputs.ignored.length} answers to questions this worksheet no longer asks were left out.` : "";
  message.textContent = `Opened ${file.name}: ${result.outputs.answered} answers restored.${ignored}`;
}

function showStorageNote() {
  if (!page) return;
  const note = page.panel.querySelector("[data-storage-note]");
  note.hidden = false;
  note.textContent = "This browser is not letting the page save (private browsing, or storage turned off), " +
    "so your answers last only while this tab is open. Download the JSON file before you close it.";
}

/* ----------------------------------------------------------- the page */

function wire() {
  const panel = document.querySelector("[data-worksheet]");
  if (!panel) {
    page = null;
    return;
  }
  if (page && page.panel === panel) return;
  const fields = {};
  for (const field of document.querySelectorAll("[data-worksheet-part] [name]")) fields[field.name] = field;
  page = { panel, fields };
  if (storageWorks === null) storageWorks = probeStorage();
  mergeIn(readStored());
  fill(Object.keys(fields));
  document.querySelectorAll("[data-worksheet-part]").forEach((part) => {
    part.dataset.live = "";
    part.addEventListener("input", onEdit);
    part.addEventListener("change", onEdit);
  });
  panel.querySelector("[data-nojs]").hidden = true;
  panel.querySelector("[data-progress]").hidden = false;
  panel.querySelector("[data-actions]").hidden = false;
  for (const button of panel.querySelectorAll("[data-action]")) {
    button.addEventListener("click", () => {
      Promise.resolve(actions[button.dataset.action]()).catch((error) => {
        console.warn("Support Sourcing Playbook: worksheet action failed:", error);
        say("That did not work: " + ((error && error.message) || error) + " Your answers are unchanged.");
      });
    });
  }
  panel.querySelector("[data-unanswered]").addEventListener("click", goToQuestion);
  const input = panel.querySelector("[data-import]");
  input.addEventListener("change", () => openFile(input).catch(failed));
  if (!storageWorks) showStorageNote();
  startEngine();
}

// This module runs once per tab and outlives Material's instant navigation.
onEveryPage(wire);
