/*
 * The engine's module worker: one per browser tab, started by client.js.
 *
 * It starts booting Pyodide the moment the page hands it the runtime's addresses (the
 * first message, {config}, posted as the worker is created), into one promise every
 * request awaits. (Not in this script's query string: served from an offline copy, a
 * worker's location is the cached file's address, without the query.) Requests come as
 * {id, type, payload} and are answered by the handler of that name in `handlers`:
 * {id, value} or {id, error}, with {id, progress} messages before the answer if the handler
 * reports any, and {cancel: id} from the page aborts the handler's signal. Adding a kind of
 * request is adding one handler: `async name(payload, {signal, progress, transfer})`, where
 * progress(value) sends a progress message and transfer(list) hands buffers of the answer
 * over instead of copying them.
 */
import { boot } from "./boot.js";
import { readVolumes } from "./volumes.js";
// boot.js imports it too; named here, it is fetched alongside boot.js instead of after it,
// one round trip less before the boot can start.
import "./snapshot.js";

let configure;
const config = new Promise((resolve) => { configure = resolve; });

// How far the boot's downloads are ({what, loaded, total, done}), for every `ready` request
// waiting on it: the page shows it while the reader waits.
let bootProgress = null;
const progressWatchers = new Set();
function reportBoot(progress) {
  bootProgress = progress;
  for (const watch of progressWatchers) watch(progress);
}

// The module proxy and its run_json live as long as the worker: looked up once, never
// destroyed; every other proxy is destroyed where it is made.
const engine = config.then((given) => boot(given, reportBoot));
const runJson = engine.then(({ calculators }) => calculators.run_json);
runJson.catch(() => {}); // the reason reaches the page through the requests that await it

// The standard library's zip, which a restored snapshot receives just after it starts
// (snapshot.js). Requests that may import a module outside the snapshot's memory (a file,
// time zones, the workbook) wait for it; a calculation does not, and is run again once it is
// in place if it failed before.
let stdlibInPlace = false;
const stdlib = engine.then(({ stdlib: ready }) => ready.then(
  () => { stdlibInPlace = true; },
  (error) => {
    console.warn("Support Sourcing Playbook: the standard library could not be put in place:", error);
    throw error;
  }));
stdlib.catch(() => {}); // the requests that need it report it
let afterFirstResult = warmUp;

// Python imports a calculator's module on its first run. The others are imported while the
// reader reads the first result, so instant navigation to another calculator computes at
// once. Then everything imported so far is moved out of the collector's way (gc.freeze):
// a full collection no longer walks the engine's modules and the standard library, which
// was the longest pause in a calculation (see docs/reference/performance.md).
async function warmUp() {
  const { pyodide, calculators } = await engine;
  const names = calculators.names();
  for (const name of names) calculators.spec(name).destroy();
  names.destroy();
  const gc = pyodide.pyimport("gc");
  gc.collect();
  gc.freeze();
  gc.destroy();
}

// Named time zones need the tzdata wheel the site serves beside ours (hooks.py): loaded the
// first time a request names a zone, then kept. Without it the engine refuses the zone on
// its field, so a failed load is not an error here.
let timeZones = null;
function withTimeZones(pyodide) {
  timeZones ??= pyodide.loadPackage("tzdata", { messageCallback: () => {}, errorCallback: () => {} }).catch(() => {});
  return timeZones;
}

const handlers = {
  /** Resolves once the engine has booted; rejects with the reason it could not. Reports the
   * boot's download progress meanwhile. */
  async ready(_payload, { progress }) {
    if (bootProgress) progress(bootProgress);
    progressWatchers.add(progress);
    try {
      await runJson;
    } finally {
      progressWatchers.delete(progress);
    }
    return true;
  },

  /** calculators.run(name, inputs), as the JSON text run_json answers (parsed on the page);
   * with `later`, without the Markdown and CSV copies, which `files` writes when asked. */
  async run({ name, inputs, later }) {
    const run = await runJson;
    if (inputs && inputs.time_zone) {
      await stdlib;
      await withTimeZones((await engine).pyodide);
    }
    const text = JSON.stringify(inputs);
    let answer;
    try {
      answer = run(name, text, !later);
    } catch (error) {
      if (stdlibInPlace) throw error;
      await stdlib.catch(() => { throw error; });
      answer = run(name, text, !later);
    }
    if (afterFirstResult) {
      const warm = afterFirstResult;
      afterFirstResult = null;
      setTimeout(() => warm().catch((error) => console.warn("Support Sourcing Playbook: warm-up failed:", error)), 0);
    }
    return answer;
  },

  /** The Markdown and CSV copies of run(name, inputs), as JSON text ({markdown, csv}). */
  async files({ name, inputs }) {
    const { calculators } = await engine;
    await stdlib;
    return calculators.files_json(name, JSON.stringify(inputs));
  },

  /** A picked file of volumes: the week plan's average week, or the forecast's history by date (see volumes.js). */
  async readVolumes({ file, options }, { signal, progress }) {
    const { pyodide } = await engine;
    await stdlib;
    if (options.time_zone) await withTimeZones(pyodide);
    return readVolumes(pyodide, file, options, { signal, progress });
  },

  /** Loads openpyxl and our workbook wheel ahead of the reader's click (the pack page asks once it is shown). */
  async prepareWorkbook() {
    const { loadWorkbook } = await import("../pack/workbook-worker.js");
    await stdlib;
    await loadWorkbook((await engine).pyodide);
    return true;
  },

  /** The decision pack's .xlsx bytes; openpyxl and our workbook wheel load on the first request if not yet (pack/workbook-worker.js). */
  async workbook({ pack }, { transfer }) {
    const { writeWorkbook } = await import("../pack/workbook-worker.js");
    await stdlib;
    const bytes = await writeWorkbook((await engine).pyodide, pack);
    transfer([bytes.buffer]);
    return bytes;
  },
};

const running = new Map(); // id -> AbortController

self.onmessage = async ({ data }) => {
  if ("config" in data) {
    configure(data.config);
    return;
  }
  if ("cancel" in data) {
    running.get(data.cancel)?.abort();
    return;
  }
  const { id, type, payload } = data;
  const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
  if (!handler) {
    self.postMessage({ id, error: `No handler for a request of type ${type}.` });
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  let transfer = [];
  const context = {
    signal: controller.signal,
    progress: (value, progressTransfer = []) => self.postMessage({ id, progress: value }, progressTransfer),
    transfer: (list) => { transfer = list; },
  };
  try {
    const value = await handler(payload, context);
    self.postMessage({ id, value }, transfer);
  } catch (error) {
    // A Python traceback is for developers: the page logs it, never shows it.
    self.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    running.delete(id);
  }
};
