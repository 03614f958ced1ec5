/*
 * Vendor quotes from saved cost scenarios, on the scorecard. Under each vendor's monthly
 * quote box, a select lists the cost scenarios saved in this browser; choosing one computes
 * it with the engine's `cost` calculator (the same calculators.run as the cost page) and
 * types its cheapest vendor option's all-in monthly cost (`cheapest_vendor_monthly`, hidden
 * costs included) into the box, as if the reader had typed it. Typing still works; with no
 * saved scenario, or storage the browser refuses, the select says so and stays out of the way.
 */
import { message, scenarios, status } from "./store.js";
import { element, tabEngine } from "./engine.js";

const QUOTE = /^vendor_(\d+)_quote$/;

/** The saved cost scenarios, readable ones only. */
function costScenarios() {
  return scenarios().items.filter((item) => item && typeof item === "object" && item.calculator === "cost"
    && item.inputs && typeof item.inputs === "object");
}

function emptyText() {
  if (status() === "blocked") return `${message("blocked")} There is no saved scenario to take a quote from: type the quote.`;
  return "No cost scenario is saved in this browser yet: save one under the cost calculator, or type the quote.";
}

/** One select per vendor_N_quote box of the scorecard form(s) on this page. */
export function wireQuotePickers() {
  for (const form of document.querySelectorAll('form[data-calculator="scorecard"]')) {
    for (const box of form.querySelectorAll("input[name]")) {
      const number = QUOTE.exec(box.name)?.[1];
      const field = box.closest(".calc-field");
      if (!number || !field || field.querySelector("[data-quote-from]")) continue;
      field.append(picker(form, box, number));
    }
  }
}

function picker(form, box, number) {
  const id = `${box.id || `scorecard-${box.name}`}-from`;
  const select = element("select", { id, "data-quote-from": number });
  const status = element("p", { class: "calc-help", role: "status", "data-quote-from-status": number });
  const fill = () => {
    const saved = costScenarios();
    select.replaceChildren(element("option", { value: "" }, saved.length ? "Choose a saved cost scenario" : "No saved cost scenario"),
      ...saved.map((item, index) => element("option", { value: String(index) }, String(item.name ?? "(no name)"))));
    select.disabled = !saved.length;
    return saved;
  };
  let saved = fill();
  if (!saved.length) status.textContent = emptyText();
  // Scenarios saved in another tab since this page opened: read the list again on focus.
  select.addEventListener("focus", () => { saved = fill(); });
  select.addEventListener("change", async () => {
    const item = saved[Number(select.value)];
    if (!select.value || !item) return;
    status.textContent = `Computing “${item.name}” in your browser…`;
    try {
      const engine = await tabEngine();
      const answer = await engine.run("cost", item.inputs);
      if (!answer.ok) {
        status.textContent = `“${item.name}” cannot be computed as saved (${Object.values(answer.errors)[0]}): type the quote.`;
        return;
      }
      const quote = Math.round(answer.outputs.cheapest_vendor_monthly * 100) / 100;
      box.value = String(quote);
      box.dispatchEvent(new Event("input", { bubbles: true })); // the form recomputes as if typed
      status.textContent = `Took ${quote.toLocaleString("en-US")} a month from “${item.name}”: its cheapest vendor option, hidden costs included.`;
    } catch (error) {
      console.warn("Support Sourcing Playbook: saved scenario not computed:", error.message);
      status.textContent = "The calculator engine could not load in this browser: type the quote.";
    }
  });
  const label = element("label", { for: id }, `Vendor ${number}: take the quote from a saved cost scenario`);
  const help = element("p", { class: "calc-help", id: `${id}-help` },
    "Fills the quote box with that scenario's cheapest vendor option, all-in a month (hidden costs included).");
  select.setAttribute("aria-describedby", `${id}-help`);
  return element("div", { class: "calc-quote-from" }, label, select, help, status);
}
