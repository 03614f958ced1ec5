/*
 * What this browser keeps for the site: the latest inputs of each calculator the reader used
 * here (for the decision pack), the scenarios they named, and the inputs that never enter a
 * page address (pasted tables, long text: the form's [data-private] fields). localStorage
 * only: nothing is sent anywhere.
 *
 * Storage tells the truth: every write answers "saved", "full" (the browser refused it for
 * want of room) or "blocked" (site data is switched off, as in some private windows), every
 * read says whether what was kept could be read, and `message(state)` gives the plain words
 * the pages show. Reading and forgetting keep working when storage is full, so every saved
 * scenario stays visible and forgettable.
 *
 * The calculators' page script announces each successful result as a `playbook:result`
 * event ({name, inputs}); importing this module starts listening.
 */

const LATEST = "playbook.latest.v1"; // {name: {inputs, saved_at}}
const SCENARIOS = "playbook.scenarios.v1"; // [{id, name, calculator, inputs, saved_at}]
const KEPT = "playbook.kept.v1."; // + calculator name: {key: value} of its private fields
const PROBE = "playbook.probe";

function storage() {
  try {
    return window.localStorage; // the getter itself throws where site data is blocked
  } catch {
    return null;
  }
}

function isFull(error) {
  return error?.name === "QuotaExceededError" || error?.name === "NS_ERROR_DOM_QUOTA_REACHED" || error?.code === 22;
}

/** "ok", "full" (a small write is refused for want of room) or "blocked" (no storage at all). */
export function status() {
  const store = storage();
  if (!store) return "blocked";
  try {
    store.setItem(PROBE, "1");
    store.removeItem(PROBE);
    return "ok";
  } catch (error) {
    return isFull(error) ? "full" : "blocked";
  }
}

/** True when this browser lets the site keep things now (a small write is tried, then removed). */
export function available() {
  return status() === "ok";
}

/** The words a page shows for a storage state ("full", "blocked", "damaged"). */
export function message(state) {
  if (state === "full") {
    return "This browser's storage for this site is full, so nothing new can be kept here: forget saved "
      + "scenarios (or clear other data of this site) to make room. What is already kept is still shown.";
  }
  if (state === "damaged") {
    return "What this browser kept could not be read (edited by hand, or written by another version of the site). "
      + "Forget it to start again; nothing else is lost.";
  }
  return "This browser does not let the site keep anything (site data is blocked, as in some private windows "
    + "or with cookies switched off), so nothing is kept here. The calculators still work; copy the page address to keep one.";
}

/**
 * How long what is kept lasts, as far as the browser tells: "persistent" (the browser
 * promised to keep it), "private" (a quota so small only a private window gives it), or
 * "unknown" (kept like any site's data, unless this is a private window, which the browser
 * does not say: Chromium gives a private window the same quota as a normal one).
 */
export async function lifetime() {
  const manager = globalThis.navigator?.storage;
  try {
    if (manager?.persisted && await manager.persisted()) return "persistent";
    const estimate = manager?.estimate ? await manager.estimate() : null;
    if (estimate && typeof estimate.quota === "number" && estimate.quota < PRIVATE_QUOTA_BYTES) return "private";
  } catch { /* the browser would not say */ }
  return "unknown";
}

// Below this a quota is a private window's (Safari and Firefox give one a few tens of MB);
// a normal profile gets gigabytes.
const PRIVATE_QUOTA_BYTES = 200 * 1024 * 1024;

/** A sentence on how long a save lasts, for after "Saved … in this browser." */
export async function lifetimeNote() {
  const kind = await lifetime();
  if (kind === "persistent") return "It stays until you forget it.";
  if (kind === "private") return "This looks like a private window: it is kept only until this window closes.";
  return "If this is a private window, it is kept only until this window closes.";
}

function readJSON(key, fallback) {
  const store = storage();
  if (!store) return { value: fallback, broken: false, state: "blocked" };
  try {
    const text = store.getItem(key);
    return { value: text ? JSON.parse(text) : fallback, broken: false, state: "ok" };
  } catch (error) {
    // Invalid JSON (edited by hand, another version), or a read the browser refused.
    return { value: fallback, broken: error instanceof SyntaxError, state: error instanceof SyntaxError ? "damaged" : "blocked" };
  }
}

/** "saved", "full" or "blocked". */
function writeJSON(key, value) {
  const store = storage();
  if (!store) return "blocked";
  try {
    store.setItem(key, JSON.stringify(value));
    return "saved";
  } catch (error) {
    return isFull(error) ? "full" : "blocked";
  }
}

function remove(key) {
  try {
    storage()?.removeItem(key);
  } catch { /* nothing kept, nothing to forget */ }
}

/** {name: {inputs, saved_at}} of every calculator used here (unreadable storage: none). */
export function latest() {
  const { value } = readJSON(LATEST, {});
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

export function saveLatest(name, inputs) {
  const all = latest();
  all[name] = { inputs, saved_at: new Date().toISOString() };
  return writeJSON(LATEST, all);
}

/**
 * The saved scenarios as stored (entries are checked by the engine), whether the list itself
 * was unreadable (`broken`), and the storage's `state` ("ok", "damaged", "blocked").
 */
export function scenarios() {
  const { value, broken, state } = readJSON(SCENARIOS, []);
  return Array.isArray(value) ? { items: value, broken, state } : { items: [], broken: true, state: "damaged" };
}

/** "saved", "full", "blocked" or "damaged" (the list could not be read: nothing is overwritten). */
export function saveScenario(name, calculator, inputs) {
  const { items, broken, state } = scenarios();
  if (state === "blocked") return "blocked";
  if (broken) return "damaged";
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  items.push({ id, name, calculator, inputs, saved_at: new Date().toISOString() });
  return writeJSON(SCENARIOS, items);
}

export function removeScenario(id) {
  const remaining = scenarios().items.filter((item) => !item || item.id !== id);
  // Removing never needs room: with storage full, a write of a shorter list could still be
  // refused, so an empty list is removed outright.
  if (!remaining.length) {
    remove(SCENARIOS);
    return "saved";
  }
  const written = writeJSON(SCENARIOS, remaining);
  if (written === "full") {
    remove(SCENARIOS); // the browser frees the old list first, then takes the shorter one
    return writeJSON(SCENARIOS, remaining);
  }
  return written;
}

export function forgetScenarios() {
  remove(SCENARIOS);
}

/** Forgets every calculator's latest inputs, or only `name`'s. */
export function forgetLatest(name) {
  if (name === undefined) {
    remove(LATEST);
    return;
  }
  const all = latest();
  if (!(name in all)) return;
  delete all[name];
  if (writeJSON(LATEST, all) !== "saved") remove(LATEST);
}

/* The inputs a page address never carries (kit.js decides which), kept per calculator. */

/** {key: value} kept for calculator `name` ({} when none, or unreadable). */
export function keptFields(name) {
  const { value } = readJSON(KEPT + name, {});
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** Keeps `values` ({key: value}) for `name`: "saved", "full" or "blocked". */
export function keepFields(name, values) {
  if (!Object.keys(values).length) {
    remove(KEPT + name);
    return "saved";
  }
  const written = writeJSON(KEPT + name, values);
  if (written !== "saved") remove(KEPT + name); // an older copy must not come back instead
  return written;
}

export function forgetFields(name) {
  remove(KEPT + name);
}

document.addEventListener("playbook:result", (event) => {
  const { name, inputs } = event.detail || {};
  if (typeof name === "string" && inputs && typeof inputs === "object") saveLatest(name, inputs);
});
