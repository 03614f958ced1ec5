/*
 * The file picker of every form with a box of volumes (the week plan's Volumes, the
 * forecast's History), on the page side (an ES module).
 *
 * Beside the box it adds a file input, a progress bar with the rows read, and a cancel
 * button. The picked file goes to the tab's engine as a File object (nothing is uploaded:
 * the worker reads it from disk, see engine/volumes.js), told which box it is for (Python
 * decides what that box takes: the average week, or the history by date); what it returns
 * is put into the box, and the form's own pipeline computes from it. Changing the interval,
 * the time zone, the column or the date order re-reads the same file while the box still
 * holds what it gave, or while the file stands refused (so fixing the field a message names
 * reads it again).
 *
 * A refused file holds the form (the `playbook:hold` event calculators.js listens for): its
 * messages stay by their fields and the last plan stays dimmed, with the reason in the status
 * line, until the file reads, another file is chosen, or the reader types in the box.
 *
 * On the week plan, a link from the forecast (`?week_plan.from=forecast_p50` or `_p90`)
 * fills Volumes with the first forecast week: the forecast last run in this browser (its
 * inputs kept by pack/store.js) is run again and its `next_week` put in the box, so the
 * table never travels in the address.
 */
import { tabEngine } from "./engine/client.js";
import { filePicker, onEveryPage } from "./kit.js";
import { latest } from "./pack/store.js";

const READ_AGAIN = ["interval_minutes", "time_zone", "column", "date_order"];
const BOXES = ["volumes", "history"]; // the text fields a file can fill

function enhanceAll() {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    const box = BOXES.map((name) => form.elements.namedItem(name)).find((element) => element?.tagName === "TEXTAREA");
    if (box) enhance(form, box);
  }
}

function enhance(form, box) {
  if (form.querySelector("[data-volumes-file]")) return;
  const picker = filePicker(box, "volumes-file",
    `<button type="button" class="md-button" data-action="cancel-file" hidden>Cancel reading</button>` +
    `<progress data-volumes-bar max="1" value="0" hidden></progress> ` +
    `<span data-volumes-progress role="status"></span>`);
  const input = picker.querySelector("input");
  const state = { form, box, picker, file: null, table: null, reading: null, refused: false, writing: false };
  if (form.dataset.calculator === "week_plan") fromForecast(state);
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.value = ""; // picking the same file again (after editing it) reads it again
    if (file) read(state, file);
  });
  picker.querySelector('[data-action="cancel-file"]').addEventListener("click", () => state.reading?.abort());
  form.addEventListener("change", (event) => {
    if (state.file && READ_AGAIN.includes(event.target.name) && (state.refused || box.value === state.table)) {
      read(state, state.file);
    }
  });
  // Typing or pasting into the box after a refused file: the reader has moved on from it.
  box.addEventListener("input", () => {
    if (state.writing || !state.refused) return;
    state.file = null;
    release(state);
    picker.querySelector("[data-volumes-progress]").textContent = "";
  });
}

// Holds the form on a refused file's messages (errors), or lets it compute again (null).
function hold(state, errors) {
  state.refused = Boolean(errors);
  state.form.dispatchEvent(new CustomEvent("playbook:hold", { detail: { errors } }));
}

function release(state) {
  if (state.refused) hold(state, null);
}

async function read(state, file) {
  const { form, box, picker } = state;
  state.reading?.abort(); // a newer reading replaces the one under way
  const reading = new AbortController();
  state.reading = reading;
  state.file = file;
  const bar = picker.querySelector("[data-volumes-bar]");
  const cancel = picker.querySelector('[data-action="cancel-file"]');
  const text = picker.querySelector("[data-volumes-progress]");
  bar.hidden = false;
  bar.value = 0;
  cancel.hidden = false;
  text.textContent = `Reading ${file.name}…`;
  const options = Object.fromEntries(READ_AGAIN.map((name) => [name, form.elements.namedItem(name).value]));
  options.field = box.name;
  const onProgress = ({ rows, bytes, total }) => {
    bar.value = total ? bytes / total : 1;
    text.textContent = `${rows.toLocaleString("en-US")} rows read`;
  };
  let result;
  try {
    result = await tabEngine().request("readVolumes", { file, options }, { onProgress, signal: reading.signal });
  } catch (error) {
    if (state.reading !== reading) return; // replaced by a newer reading
    state.file = null;
    release(state); // Volumes is what the form computes again
    text.textContent = reading.signal.aborted
      ? `Reading canceled; ${label(box)} is unchanged.`
      : `The file could not be read in this browser; ${label(box)} is unchanged.`;
    return;
  } finally {
    if (state.reading === reading) {
      state.reading = null;
      bar.hidden = true;
      cancel.hidden = true;
    }
  }
  if (!result.ok) {
    // The file stays chosen: fixing the field its message names reads it again.
    text.textContent = `${file.name} could not be read: see the message by the field.`;
    hold(state, result.errors);
    return;
  }
  text.textContent = result.summary;
  state.table = result.table;
  release(state);
  state.writing = true;
  box.value = result.table;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  state.writing = false;
}

function label(box) {
  return box.labels?.[0]?.textContent.trim() || box.name;
}

// The forecast's link to the week plan: Volumes from the forecast kept in this browser.
async function fromForecast({ form, box, picker }) {
  const wanted = new URLSearchParams(location.search).get("week_plan.from");
  const end = { forecast_p50: "p50", forecast_p90: "p90" }[wanted];
  if (!end) return;
  const text = picker.querySelector("[data-volumes-progress]");
  const saved = latest().forecast;
  if (!saved || typeof saved.inputs !== "object") {
    text.textContent = "No forecast is kept in this browser: run the forecast first, then follow its link again.";
    return;
  }
  text.textContent = "Taking the first week of your latest forecast…";
  const result = await tabEngine().run("forecast", saved.inputs).catch(() => null);
  if (!result || !result.ok || !result.outputs.next_week.length) {
    text.textContent = "The latest forecast could not be computed again here; Volumes is unchanged.";
    return;
  }
  const week = result.outputs.next_week;
  const lines = week.map((n) => `${n.date},${n.start},${n[end].toFixed(2)}`);
  form.elements.namedItem("interval_minutes").value = String(result.inputs.interval_minutes);
  box.value = ["day,start,contacts", ...lines].join("\n") + "\n";
  text.textContent = `Volumes hold your forecast's first week (${week[0].date} to ${week[week.length - 1].date}) ` +
    `at ${end.toUpperCase()}.`;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

onEveryPage(enhanceAll);
