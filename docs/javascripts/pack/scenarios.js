/*
 * Scenarios side by side. On the cost and business case pages: a "Save as a scenario" box
 * under the form. On the scenarios page ([data-scenarios-view]): the saved scenarios, each
 * reopenable by its link, compared by the engine's `scenarios` tool in one table and chart,
 * with Markdown and CSV copies and a way to forget them. Kept in this browser only.
 */
import { forgetScenarios, lifetimeNote, message, removeScenario, saveScenario, scenarios, status as storageStatus } from "./store.js";
import { button, calculatorURL, element, saveFile, siteRoot, tabEngine } from "./engine.js";

function formInputs(form) {
  const inputs = {};
  for (const field of form.elements) {
    if (!field.name || field.disabled || field.type === "button") continue;
    inputs[field.name] = field.type === "checkbox" ? String(field.checked) : field.value;
  }
  return inputs;
}

/** The "Save as a scenario" box under a cost or business case form. */
export function wireSaveBoxes() {
  // The build marks the forms whose scenarios the engine compares (scenarios.COMPARED).
  for (const form of document.querySelectorAll("form[data-calculator][data-scenarios]")) {
    const name = form.dataset.calculator;
    if (form.nextElementSibling?.matches("[data-scenario-save]")) continue;
    const id = `scenario-name-${name}`;
    const field = element("input", { id, type: "text", maxlength: "80", autocomplete: "off", placeholder: "e.g. Vendor A, hybrid" });
    const status = element("p", { class: "pack-status", role: "status", "data-scenario-status": "" });
    const save = button("Save as a scenario", "save-scenario");
    const box = element("div", { class: "pack-save", "data-scenario-save": name },
      element("label", { for: id }, "Scenario name"), field, save,
      element("a", { href: new URL("scenarios/", siteRoot).href }, "Compare saved scenarios"), status);
    save.addEventListener("click", async () => {
      const title = field.value.trim();
      if (!title) status.textContent = "Give the scenario a name first.";
      else if (form.dataset.state === "invalid") status.textContent = "Fix the fields marked above first: only a computed result is saved.";
      else {
        const saved = saveScenario(title, name, formInputs(form));
        if (saved !== "saved") {
          status.textContent = `“${title}” is not saved. ${message(saved)}`;
          return;
        }
        field.value = "";
        status.textContent = `Saved “${title}” in this browser.`;
        status.textContent = `Saved “${title}” in this browser. ${await lifetimeNote()}`;
      }
    });
    form.after(box);
  }
}

/** The scenarios page: the list, the baseline to compare with, the comparison, the exports. */
export async function wireView(view) {
  const status = element("p", { class: "pack-status", role: "status", "data-pack-status": "" });
  // What is wrong with the storage stays in view while the comparison's own status changes.
  const storageNote = element("p", { class: "pack-status pack-storage", role: "status", "data-storage-note": "" });
  const list = element("ul", { class: "pack-list", "data-scenario-list": "" });
  const result = element("div", { class: "pack-result", "data-result": "scenarios" });
  const baseline = element("select", { id: "scenario-baseline", "data-scenario-baseline": "" });
  const compare = element("p", { class: "pack-save" }, element("label", { for: "scenario-baseline" }, "Compare with"), baseline);
  const actions = element("p", { class: "pack-actions", "data-scenario-actions": "" },
    button("Download Markdown", "download-markdown"), button("Download CSV", "download-csv"),
    button("Forget all scenarios", "forget-scenarios"));
  view.replaceChildren(storageNote, status, list, compare, actions, result);
  let answer = null;
  baseline.addEventListener("change", () => refresh());

  async function refresh() {
    const { items, broken, state } = scenarios();
    const writable = state === "blocked" ? "blocked" : storageStatus();
    storageNote.textContent = state === "blocked" || writable === "blocked" ? message("blocked")
      : [broken ? message("damaged") : "", writable === "full" ? message("full") : ""].filter(Boolean).join(" ");
    const shown = items.filter((item) => item && typeof item === "object");
    list.replaceChildren(...shown.map((item) => {
      const remove = button("Remove", "remove-scenario");
      remove.addEventListener("click", () => {
        const removed = removeScenario(item.id);
        refresh().then(() => {
          if (removed !== "saved") storageNote.textContent = `“${String(item.name ?? "")}” could not be removed. ${message(removed)}`;
        });
      });
      const open = element("a", { href: calculatorURL(String(item.calculator), item.inputs) }, String(item.name ?? "(no name)"));
      return element("li", { "data-scenario": String(item.name ?? "") }, open, ` (${String(item.calculator).replace("_", " ")}) `, remove);
    }));
    // Every saved scenario stays forgettable, a damaged list too (its exports need a comparison).
    actions.hidden = !items.length && !broken;
    for (const kind of ["download-markdown", "download-csv"]) actions.querySelector(`[data-action="${kind}"]`).hidden = !items.length;
    compare.hidden = shown.length < 2;
    const chosen = baseline.value;
    const names = [...new Set(shown.filter((item) => typeof item.name === "string").map((item) => item.name.trim()))];
    baseline.replaceChildren(...names.map((name) => element("option", { value: name }, name)));
    if (names.includes(chosen)) baseline.value = chosen;
    if (broken || state === "blocked") {
      // Nothing readable to compare: the note above says why, never "no scenario saved".
      answer = null;
      result.replaceChildren();
      view.dataset.state = "ready";
      status.textContent = "";
      return;
    }
    status.textContent = "Comparing in your browser…";
    const engine = await tabEngine();
    answer = await engine.run("scenarios", { scenarios: JSON.stringify(items), baseline: baseline.value });
    if (!answer.ok) {
      status.textContent = Object.values(answer.errors)[0];
      view.dataset.state = "invalid";
      return;
    }
    result.innerHTML = answer.html; // escaped by the engine (calculators/core/render.py)
    view.dataset.state = "ready";
    status.textContent = items.length ? `Compared ${answer.outputs.count} scenarios.` : "";
  }

  actions.querySelector('[data-action="download-markdown"]').addEventListener("click", () => {
    if (answer?.ok) saveFile(answer.markdown, "scenarios.md", "text/markdown;charset=utf-8");
  });
  actions.querySelector('[data-action="download-csv"]').addEventListener("click", () => {
    if (answer?.ok) saveFile(answer.csv, "scenarios.csv", "text/csv;charset=utf-8");
  });
  actions.querySelector('[data-action="forget-scenarios"]').addEventListener("click", async () => {
    forgetScenarios();
    await refresh();
    status.textContent = "Forgot every scenario saved in this browser.";
  });
  try {
    await refresh();
  } catch (error) {
    console.warn("Support Sourcing Playbook: scenarios not compared:", error.message);
    view.dataset.state = "failed";
    status.textContent = "The calculator engine could not load in this browser, so the scenarios are not compared.";
  }
}
