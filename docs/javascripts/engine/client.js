/*
 * The page's side of the engine: one module worker per browser tab (worker.js), shared by
 * every page script that imports this module, surviving Material's instant navigation, and
 * restartable after a failure.
 *
 *   const engine = tabEngine();
 *   engine.onProgress((p) => ...);                 // the boot's downloads: {what, loaded, total, done}
 *   await engine.start();                          // resolves once Python is up
 *   const result = await engine.run("staffing", {contacts: "360"});
 *   await engine.request("type", payload, {onProgress, signal, transfer, timeoutMs});
 */

const RUN_TIMEOUT_MS = 15000; // a worker that has not answered a calculation by then has died

/** Where the runtime lives, from the <meta name="playbook:*"> tags overrides/main.html writes. */
function runtimeConfig() {
  const meta = (name) => document.querySelector(`meta[name="playbook:${name}"]`)?.content || "";
  const lockFileURL = new URL(meta("lockfile") || "runtime/app/pyodide-lock.json", document.baseURI).href;
  return {
    indexURL: new URL(meta("pyodide") || "runtime/pyodide/", document.baseURI).href,
    lockFileURL,
    packageBaseUrl: new URL(".", lockFileURL).href,
    package: meta("package") || "support-sourcing-playbook",
    currency: meta("currency") || "USD",
    snapshotURL: meta("snapshot") && new URL(meta("snapshot"), document.baseURI).href,
  };
}

/** A client of one worker started from workerURL, handed the boot config as it starts. */
export function createClient(workerURL, config) {
  let worker = null;
  let ready = null;
  let isReady = false;
  let nextId = 1;
  const pending = new Map(); // id -> {resolve, reject, onProgress, timer, stop}
  let bootProgress = null; // the latest of the boot's progress reports
  const progressListeners = new Set();

  function settle(id) {
    const entry = pending.get(id);
    if (!entry) return null;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.stop();
    return entry;
  }

  function reset() {
    if (worker) worker.terminate();
    worker = null;
    ready = null;
    isReady = false;
    bootProgress = null;
    for (const id of [...pending.keys()]) settle(id).reject(new Error("The calculator engine was restarted."));
  }

  function spawn() {
    // Pyodide 314 runs only in module workers.
    worker = new Worker(workerURL, { type: "module" });
    worker.postMessage({ config });
    worker.onmessage = ({ data }) => {
      if ("progress" in data) {
        pending.get(data.id)?.onProgress?.(data.progress);
        return;
      }
      const entry = settle(data.id);
      if (!entry) return;
      if ("error" in data) entry.reject(new Error(data.error));
      else entry.resolve(data.value);
    };
    // A worker that cannot even load its script (or throws outside any request) is dead.
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(event.message || "The calculator engine stopped.");
      const waiting = [...pending.keys()].map(settle);
      reset();
      for (const entry of waiting) entry.reject(error);
    };
  }

  /**
   * Sends one request to the worker's handler named `type`.
   * onProgress(value) receives the handler's progress messages; an aborted signal cancels
   * it (the promise rejects with an AbortError); transfer lists buffers handed over rather
   * than copied; after timeoutMs without an answer the worker is taken for dead and reset.
   */
  function request(type, payload, { onProgress, signal, transfer = [], timeoutMs } = {}) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      if (!worker) spawn();
      const id = nextId++;
      const onAbort = () => {
        worker?.postMessage({ cancel: id });
        settle(id)?.reject(signal.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const timer = timeoutMs ? setTimeout(() => {
        settle(id);
        reset();
        reject(new Error("The calculator engine stopped answering."));
      }, timeoutMs) : 0;
      pending.set(id, { resolve, reject, onProgress, timer, stop: () => signal?.removeEventListener("abort", onAbort) });
      worker.postMessage({ id, type, payload }, transfer);
    });
  }

  /** Starts the worker (once) and resolves when its Python is up; a failure stays until reset(). */
  function start() {
    if (!ready) {
      ready = request("ready", null, {
        onProgress: (progress) => {
          bootProgress = progress;
          for (const listener of progressListeners) listener(progress);
        },
      }).then(() => { isReady = true; });
      ready.catch(() => {}); // retrying is the reader's choice (the Try again button)
    }
    return ready;
  }

  /** calculators.run(name, inputs) in the worker: the result dict of CONTRACT.md. With
   * {later: true}, without its "markdown" and "csv" (named under "later"): files() gives them. */
  async function run(name, inputs, { later = false } = {}) {
    await start();
    let json;
    try {
      json = await request("run", { name, inputs, later }, { timeoutMs: RUN_TIMEOUT_MS });
    } catch (error) {
      if (!isReady || !worker) throw error; // the engine is gone: the page says it could not load
      // run() never raises for bad input, so this is a bug: the console gets it, never the page.
      console.error("Support Sourcing Playbook: the calculation failed:", error.message);
      throw new Error("The calculation failed.");
    }
    return JSON.parse(json);
  }

  /** The Markdown and CSV copies of run(name, inputs): {markdown, csv}. */
  async function files(name, inputs) {
    await start();
    return JSON.parse(await request("files", { name, inputs }, { timeoutMs: RUN_TIMEOUT_MS }));
  }

  return {
    start, run, files, request, reset,
    isReady: () => isReady,
    /** listener(progress) hears each of the boot's progress reports ({what, loaded, total, done}). */
    onProgress: (listener) => progressListeners.add(listener),
    /** The latest progress report, or null. */
    progress: () => bootProgress,
  };
}

let shared = null;

/** The tab's engine, shared by every page script (created on first use). */
export function tabEngine() {
  if (!shared) {
    shared = createClient(new URL("./worker.js", import.meta.url).href, runtimeConfig());
  }
  return shared;
}
