/*
 * What this browser keeps for the decision pack and the scenarios: the latest inputs of each
 * calculator the reader used here, and the scenarios they named. localStorage only: nothing
 * is sent anywhere. Storage that is full or disabled (some private windows, blocked site
 * data) never breaks a calculator: every call here fails quietly and `available()` says so.
 *
 * The calculators' page script announces each successful result as a `playbook:result`
 * event ({name, inputs}); importing this module starts listening.
 */

const LATEST = "playbook.latest.v1"; // {name: {inputs, saved_at}}
const SCENARIOS = "playbook.scenarios.v1"; // [{id, name, calculator, inputs, saved_at}]

function storage() {
  try {
    return window.localStorage; // the getter itself throws where site data is blocked
  } catch {
    return null;
  }
}

/** True when this browser lets the site keep things (a write is tried, then removed). */
export function available() {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem("playbook.probe", "1");
    store.removeItem("playbook.probe");
    return true;
  } catch {
    return false;
  }
}

function readJSON(key, fallback) {
  try {
    const text = storage()?.getItem(key);
    return text ? { value: JSON.parse(text), broken: false } : { value: fallback, broken: false };
  } catch {
    return { value: fallback, broken: true }; // edited by hand, or written by another version
  }
}

function writeJSON(key, value) {
  try {
    storage().setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
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

/** The saved scenarios as stored (entries are checked by the engine) and whether the list itself was unreadable. */
export function scenarios() {
  const { value, broken } = readJSON(SCENARIOS, []);
  return Array.isArray(value) ? { items: value, broken } : { items: [], broken: true };
}

export function saveScenario(name, calculator, inputs) {
  const { items } = scenarios();
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  items.push({ id, name, calculator, inputs, saved_at: new Date().toISOString() });
  return writeJSON(SCENARIOS, items);
}

export function removeScenario(id) {
  return writeJSON(SCENARIOS, scenarios().items.filter((item) => !item || item.id !== id));
}

export function forgetScenarios() {
  try {
    storage()?.removeItem(SCENARIOS);
  } catch { /* nothing kept, nothing to forget */ }
}

export function forgetLatest() {
  try {
    storage()?.removeItem(LATEST);
  } catch { /* nothing kept, nothing to forget */ }
}

document.addEventListener("playbook:result", (event) => {
  const { name, inputs } = event.detail || {};
  if (typeof name === "string" && inputs && typeof inputs === "object") saveLatest(name, inputs);
});
