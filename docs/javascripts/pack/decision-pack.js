/*
 * The decision pack page ([data-decision-pack]): the latest inputs of every calculator used
 * in this browser, recomputed by the engine's decision_pack tool (so the pack never
 * disagrees with the calculators), shown as one memo with its exports: Markdown for a wiki,
 * print (a memo layout, docs/stylesheets/pack.css) and an .xlsx workbook whose cost cells
 * are live formulas. The workbook's Python (openpyxl) is loaded by the worker only when
 * the reader asks for the file.
 */
import { forgetLatest, latest, message, status as storageStatus } from "./store.js";
import { button, element, saveFile, tabEngine } from "./engine.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function wirePack(view) {
  const status = element("p", { class: "pack-status", role: "status", "data-pack-status": "" });
  const actions = element("p", { class: "pack-actions", "data-pack-actions": "" },
    button("Download Markdown", "download-markdown"), button("Print or save as PDF", "print"),
    button("Download workbook (.xlsx)", "download-workbook"), button("Forget what this browser keeps", "forget"));
  const result = element("div", { class: "pack-result", "data-result": "decision_pack" });
  const dated = element("p", { class: "pack-memo-date" });
  view.replaceChildren(dated, status, actions, result);
  view.dataset.state = "loading";
  let answer = null;
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
    result.innerHTML = answer.html + answer.outputs.sections.map((section) => section.html).join("\n"); // escaped by the engine
    view.dataset.state = "ready";
    status.textContent = [storageWords(state), `${answer.outputs.filled_count} of ${answer.outputs.sections.length} parts filled.`].filter(Boolean).join(" ");
  }

  async function workbook() {
    if (!answer?.ok) return;
    status.textContent = "Writing the workbook in your browser (the spreadsheet library loads the first time)…";
    try {
      const bytes = await engine.request("workbook", { pack: JSON.stringify(answer.outputs) });
      saveFile(bytes, "decision-pack.xlsx", XLSX);
      status.textContent = "The workbook is saved: its cost cells are formulas over the Inputs sheet.";
    } catch (error) {
      console.warn("Support Sourcing Playbook: workbook not written:", error.message);
      status.textContent = "The workbook could not be written in this browser. The Markdown and print copies still work.";
    }
  }

  actions.querySelector('[data-action="download-markdown"]').addEventListener("click", () => {
    if (answer?.ok) saveFile(answer.markdown, "decision-pack.md", "text/markdown;charset=utf-8");
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
  } catch (error) {
    console.warn("Support Sourcing Playbook: decision pack not computed:", error.message);
    view.dataset.state = "failed";
    status.textContent = "The calculator engine could not load in this browser, so the pack cannot be put together.";
  }
}
