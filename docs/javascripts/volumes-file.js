/*
 * The week planner's file picker, on the page side (an ES module).
 *
 * Beside the Volumes box of form[data-calculator="week_plan"] it adds a file input, a
 * progress bar with the rows read, and a cancel button. The picked file goes to the tab's
 * engine as a File object (nothing is uploaded: the worker reads it from disk, see
 * engine/volumes.js); the average week it returns is put into Volumes, and the form's own
 * pipeline computes the plan from it. Changing the interval, the time zone, the column or
 * the date order re-reads the same file while Volumes still holds what it gave, or while the
 * file stands refused (so fixing the field a message names reads it again).
 *
 * A refused file holds the form (the `playbook:hold` event calculators.js listens for): its
 * messages stay by their fields and the last plan stays dimmed, with the reason in the status
 * line, until the file reads, another file is chosen, or the reader types in Volumes.
 */
import { tabEngine } from "./engine/client.js";
import { onEveryPage } from "./kit.js";

const READ_AGAIN = ["interval_minutes", "time_zone", "column", "date_order"];

function enhance() {
  const form = document.querySelector('form[data-calculator="week_plan"]');
  if (!form || form.querySelector("[data-volumes-file]")) return;
  const box = form.elements.namedItem("volumes");
  const id = `${box.id}-file`;
  const picker = document.createElement("div");
  picker.className = "calc-file";
  picker.dataset.volumesFile = "";
  picker.innerHTML =
    `<label for="${id}">Or choose a CSV file (read in your browser, never uploaded)</label> ` +
    `<input type="file" id="${id}" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"> ` +
    `<button type="button" class="md-button" data-action="cancel-file" hidden>Cancel reading</button>` +
    `<progress data-volumes-bar max="1" value="0" hidden></progress> ` +
    `<span data-volumes-progress role="status"></span>`;
  box.closest(".calc-control").after(picker);
  const input = picker.querySelector("input");
  const state = { form, box, picker, file: null, table: null, reading: null, refused: false, writing: false };
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
  // Typing or pasting into Volumes after a refused file: the reader has moved on from it.
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
      ? "Reading canceled; Volumes is unchanged."
      : "The file could not be read in this browser; Volumes is unchanged.";
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

onEveryPage(enhance);
