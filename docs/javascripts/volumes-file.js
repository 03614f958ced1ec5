/*
 * The week planner's file picker, on the page side (an ES module).
 *
 * Beside the Volumes box of form[data-calculator="week_plan"] it adds a file input, a
 * progress bar with the rows read, and a cancel button. The picked file goes to the
 * calculators' worker as a File object (nothing is uploaded: the worker reads it from disk,
 * see volumes-worker.js); the average week it returns is put into Volumes, and the form's
 * own pipeline computes the plan from it. Changing the interval, the time zone, the column
 * or the date order re-reads the same file while Volumes still holds what it gave.
 * Uses the runtime the calculators' bridge shares (window.playbookRuntime: post, listen).
 */
const READ_AGAIN = ["interval_minutes", "time_zone", "column", "date_order"];
let nextId = 1;
const readings = new Map(); // id -> the form's picker state

function enhance() {
  const form = document.querySelector('form[data-calculator="week_plan"]');
  const runtime = window.playbookRuntime;
  if (!form || !runtime || form.querySelector("[data-volumes-file]")) return;
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
  const state = { form, box, picker, file: null, table: null, id: 0 };
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    input.value = ""; // picking the same file again (after editing it) reads it again
    if (file) read(state, file);
  });
  picker.querySelector('[data-action="cancel-file"]').addEventListener("click", () => {
    runtime.post({ type: "volumes-cancel", id: state.id });
  });
  form.addEventListener("change", (event) => {
    if (state.file && READ_AGAIN.includes(event.target.name) && box.value === state.table) read(state, state.file);
  });
  if (!enhance.listening) {
    runtime.listen(onWorkerMessage);
    enhance.listening = true;
  }
}

function read(state, file) {
  const { form, picker } = state;
  const value = (name) => form.elements.namedItem(name).value;
  state.id = nextId++;
  state.file = file;
  readings.set(state.id, state);
  picker.querySelector("[data-volumes-bar]").hidden = false;
  picker.querySelector("[data-volumes-bar]").value = 0;
  picker.querySelector('[data-action="cancel-file"]').hidden = false;
  picker.querySelector("[data-volumes-progress]").textContent = `Reading ${file.name}…`;
  const options = Object.fromEntries(["interval_minutes", "time_zone", "column", "date_order"].map((n) => [n, value(n)]));
  window.playbookRuntime.post({ type: "volumes-read", id: state.id, file, options });
}

function onWorkerMessage(message) {
  const state = readings.get(message.id);
  if (!state || state.id !== message.id) return; // a reading replaced by a newer one
  const { form, box, picker } = state;
  const bar = picker.querySelector("[data-volumes-bar]");
  const text = picker.querySelector("[data-volumes-progress]");
  if (message.type === "volumes-progress") {
    bar.value = message.total ? message.bytes / message.total : 1;
    text.textContent = `${message.rows.toLocaleString("en-US")} rows read`;
    return;
  }
  readings.delete(message.id);
  bar.hidden = true;
  picker.querySelector('[data-action="cancel-file"]').hidden = true;
  if (message.type === "volumes-cancelled") {
    state.file = null;
    text.textContent = "Reading cancelled; Volumes is unchanged.";
    return;
  }
  const result = message.result;
  if (!result.ok) {
    state.file = null;
    text.textContent = "The file could not be read: see the message by the field.";
    for (const [key, problem] of Object.entries(result.errors)) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(key)}"]`);
      if (slot) slot.textContent = problem;
      form.elements.namedItem(key)?.setAttribute("aria-invalid", "true");
    }
    return;
  }
  text.textContent = result.summary;
  state.table = result.table;
  box.value = result.table;
  box.dispatchEvent(new Event("input", { bubbles: true }));
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
else enhance();
