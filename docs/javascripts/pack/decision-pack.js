/*
 * The decision pack page ([data-decision-pack]): the latest inputs of every calculator used
 * in this browser, recomputed by the engine's decision_pack tool (so the pack never
 * disagrees with the calculators), shown as one memo with its exports: Markdown for a wiki,
 * print (a memo layout, docs/stylesheets/pack.css) and an .xlsx workbook whose cost cells
 * are live formulas. The workbook's Python (openpyxl) is loaded by the worker once the pack
 * is shown, never at start-up, so the reader's click only writes the file.
 */
import { available, forgetLatest, latest, message, scenarios, status as storageStatus } from "./store.js";
import { button, element, saveFile, tabEngine } from "./engine.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function wirePack(view) {
  const status = element("p", { class: "pack-status", role: "status", "data-pack-status": "" });
  const actions = element("p", { class: "pack-actions", "data-pack-actions": "" },
    button("Download Markdown", "download-markdown"), button("Print or save as PDF", "print"),
    button("Download workbook (.xlsx)", "download-workbook"), button("Forget what this browser keeps", "forget"));
  const result = element("div", { class: "pack-result", "data-result": "decision_pack" });
  const dated = element("p", { class: "pack-memo-date" });
  // The saved scenarios, compared by the engine's scenarios tool, as the pack's last part.
  const include = element("input", { type: "checkbox", id: "pack-include-scenarios", checked: true, "data-pack-include-scenarios": "" });
  const including = element("p", { class: "pack-save" }, include,
    element("label", { for: "pack-include-scenarios" }, " Include the scenarios saved in this browser"));
  const compared = element("div", { class: "pack-result", "data-result": "scenarios" });
  view.replaceChildren(dated, status, actions, including, result, compared);
  view.dataset.state = "loading";
  let answer = null;
  let scenarioAnswer = null;
  include.addEventListener("change", () => refresh());

  async function compareScenarios() {
    const items = available() ? scenarios().items.filter((item) => item && typeof item === "object") : [];
    including.hidden = !items.length;
    scenarioAnswer = include.checked && items.length
      ? await engine.run("scenarios", { scenarios: JSON.stringify(items) }) : null;
    compared.innerHTML = scenarioAnswer?.ok // escaped by the engine (calculators/core/render.py)
      ? `<h2 id="saved-scenarios">Saved scenarios compared</h2>${scenarioAnswer.html}` : "";
  }

  function markdown() {
    return answer.markdown + (scenarioAnswer?.ok ? `\n## Saved scenarios compared\n\n${scenarioAnswer.markdown}` : "");
  }
  const engine = await tabEngine();

  // Full storage still reads what was kept; blocked storage has nothing to read.
  const storageWords = (state) => state === "blocked"
    ? `${message("blocked")} So the pack cannot gather your results.`
    : state === "full" ? `${message("full")} Results computed since it filled are not gathered.` : "";

  async function refresh() {
    const state = storageStatus();
    status.textContent = storageWords(state) || "Putting the pack together in your browser…";
    answer = await engine.run("decision_pack", { parts: JSON.stringify(latest()) });
    if (!answer.ok) {
      status.textContent = Object.values(answer.errors)[0];
      view.dataset.state = "invalid";
      return;
    }
    dated.textContent = `Prepared ${new Date().toISOString().slice(0, 10)} from the calculators used in this browser.`;
    // The one-page summary first; then what the pack holds (on screen only) and each part.
    result.innerHTML = answer.outputs.summary.html + `<div class="pack-overview">${answer.html}</div>`
      + answer.outputs.sections.map((section) => section.html).join("\n"); // escaped by the engine
    await compareScenarios();
    view.dataset.state = "ready";
    status.textContent = [storageWords(state), `${answer.outputs.filled_count} of ${answer.outputs.sections.length} parts filled.`].filter(Boolean).join(" ");
  }

  async function workbook() {
    if (!answer?.ok) return;
    status.textContent = "Writing the workbook in your browser (the spreadsheet library loads the first time)…";
    try {
      const bytes = await engine.request("workbook", { pack: JSON.stringify(answer.outputs) });
      saveFile(bytes, "decision-pack.xlsx", XLSX);
      status.textContent = "The workbook is saved: every figure in it is a formula over its Inputs sheet.";
    } catch (error) {
      console.warn("Support Sourcing Playbook: workbook not written:", error.message);
      status.textContent = "The workbook could not be written in this browser. The Markdown and print copies still work.";
    }
  }

  actions.querySelector('[data-action="download-markdown"]').addEventListener("click", () => {
    if (answer?.ok) saveFile(markdown(), "decision-pack.md", "text/markdown;charset=utf-8");
  });
  actions.querySelector('[data-action="print"]').addEventListener("click", () => window.print());
  actions.querySelector('[data-action="download-workbook"]').addEventListener("click", workbook);
  actions.querySelector('[data-action="forget"]').addEventListener("click", async () => {
    forgetLatest();
    await refresh();
    status.textContent = "Forgot the results this browser kept for the pack. Saved scenarios are on the scenarios page.";
  });
  try {
    await engine.start();
    await refresh();
    // openpyxl loads while the reader reads the pack, not after the click on the workbook
    // (data-workbook says when it is in place; a failure leaves the click to try again).
    if (answer?.ok) {
      engine.request("prepareWorkbook", {}).then(() => { view.dataset.workbook = "ready"; },
        (error) => console.warn("Support Sourcing Playbook: the workbook library did not load ahead:", error.message));
    }
  } catch (error) {
    console.warn("Support Sourcing Playbook: decision pack not computed:", error.message);
    view.dataset.state = "failed";
    status.textContent = "The calculator engine could not load in this browser, so the pack cannot be put together.";
  }
}
