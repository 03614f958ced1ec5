/*
 * The shifts page's Requirement box: filled from the week plan kept in this browser, or from
 * a CSV file the reader picks. Nothing goes through the page address or the network: the
 * week plan hands over by `?shifts.from=week_plan` alone, and this script reads that plan's
 * latest inputs from the browser's store (pack/store.js), runs the week plan again in the
 * tab's engine and writes its agents per interval into the box; the form's own pipeline
 * (calculators.js) computes the roster from there.
 */
import { tabEngine } from "./engine/client.js";
import { filePicker, onEveryPage } from "./kit.js";
import { latest } from "./pack/store.js";

const FORM = 'form[data-calculator="shifts"]';
const MAX_FILE_BYTES = 5_000_000; // a 15-minute week is about 15 KB; anything this big is not one

function enhance() {
  const form = document.querySelector(FORM);
  if (!form || form.querySelector("[data-requirement-file]")) return;
  const box = form.elements.namedItem("requirement");
  const picker = filePicker(box, "requirement-file", `<span data-requirement-status role="status"></span>`);
  const status = picker.querySelector("[data-requirement-status]");
  const input = picker.querySelector("input");
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = ""; // picking the same file again reads it again
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      status.textContent = `${file.name} is ${(file.size / 1e6).toFixed(0)} MB: a week's requirement is a few kilobytes. ` +
        "Choose the week plan's CSV export, or a table of day, start and agents.";
      return;
    }
    fill(form, box, await file.text(), null);
    status.textContent = `Read ${file.name}.`;
  });
  const from = new URLSearchParams(location.search).get("shifts.from");
  if (from === "week_plan") handOver(form, box, status);
}

async function handOver(form, box, status) {
  const saved = latest().week_plan;
  const inputs = saved && saved.inputs && typeof saved.inputs === "object" ? saved.inputs : {};
  status.textContent = "Bringing over the week plan kept in this browser…";
  let result;
  try {
    result = await tabEngine().run("week_plan", inputs);
  } catch {
    status.textContent = "The week plan could not be run in this browser; paste its CSV export instead.";
    return;
  }
  if (!result.ok) {
    status.textContent = "The week plan kept in this browser no longer computes; open the week plan and try again.";
    return;
  }
  const rows = result.outputs.intervals.map((i) => `${i.day},${i.start},${i.agents}`);
  fill(form, box, ["day,start,agents", ...rows].join("\n"), result.inputs.interval_minutes);
  status.textContent = saved
    ? "Filled from your latest week plan in this browser (nothing was sent anywhere)."
    : "No week plan is kept in this browser yet: filled from the week plan's worked example.";
}

function fill(form, box, text, intervalMinutes) {
  if (intervalMinutes) form.elements.namedItem("interval_minutes").value = String(intervalMinutes);
  box.value = text;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

onEveryPage(enhance);
