/*
 * Support Sourcing Playbook: the browser bridge for the calculators.
 *
 * This one file runs in two places:
 *  - on the page, it wires every form[data-calculator] (see CONTRACT.md): it fills inputs
 *    from the page URL, sends what the reader types to the worker, writes results and
 *    field messages back, keeps the URL in step, and offers Markdown and CSV copies;
 *  - as a Web Worker (the same URL), it boots Pyodide from this site, loads our
 *    calculators wheel through the site's lockfile, and answers calculators.run_json.
 * All logic lives in Python: this file only moves JSON text between the two.
 * The worker is started once per browser tab and survives Material's instant navigation.
 */
(() => {
  "use strict";

  if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
    workerMain();
  } else {
    pageMain(document.currentScript && document.currentScript.src);
  }

  /* ------------------------------------------------------------------ worker */

  function workerMain() {
    let runJson = null; // a promise of (name, inputsJson) => resultJson
    let warmUp = null; // imports every calculator's module; run once, after the first result

    // Pyodide 314 logs a failed WebAssembly instantiation (a missing or corrupt .wasm) and
    // never settles loadPyodide; watch instantiation ourselves so such a runtime fails fast.
    function wasmFailure() {
      return new Promise((_, reject) => {
        for (const name of ["instantiateStreaming", "instantiate"]) {
          const original = WebAssembly[name];
          WebAssembly[name] = function (...args) {
            return original.apply(this, args).catch((error) => {
              reject(new Error(`The Python runtime could not start: ${error.message}`));
              throw error;
            });
          };
        }
      });
    }

    async function boot(config) {
      // Our lockfile is fetched here, not by Pyodide, so a missing one is a clear failure
      // rather than an HTML 404 page parsed as JSON deep inside the runtime.
      const lockFile = fetch(config.lockFileURL).then((response) => {
        if (!response.ok) throw new Error(`${config.lockFileURL} answered ${response.status}`);
        return response.text();
      });
      const [{ loadPyodide }, lockFileContents] = await Promise.all([import(config.indexURL + "pyodide.mjs"), lockFile]);
      const pyodide = await Promise.race([wasmFailure(), loadPyodide({
        indexURL: config.indexURL,
        lockFileContents,
        packageBaseUrl: config.packageBaseUrl,
        packages: [config.package],
        stdout: () => {},
        stderr: () => {},
      })]);
      const calculators = pyodide.pyimport("calculators");
      const configure = calculators.configure;
      configure.callKwargs({ currency: config.currency });
      configure.destroy();
      // Python imports a calculator's module on its first run; the others are imported
      // while the reader reads the first result, so instant navigation to another
      // calculator page computes at once.
      warmUp = () => {
        const names = calculators.names();
        for (const name of names) calculators.spec(name).destroy();
        names.destroy();
      };
      // The module proxy lives as long as the worker: run_json is borrowed from it.
      return Object.assign((name, inputsJson) => calculators.run_json(name, inputsJson), { pyodide });
    }

    self.onmessage = async (event) => {
      const message = event.data;
      if (message.type === "init") {
        runJson = boot(message.config);
        try {
          await runJson;
          self.postMessage({ type: "ready" });
        } catch (error) {
          self.postMessage({ type: "failed", message: String((error && error.message) || error) });
        }
      } else if (message.type === "run") {
        try {
          const run = await runJson;
          // Time zones need the tzdata wheel the site serves (hooks.py): loaded the first time a zone is named.
          if (message.inputs && message.inputs.time_zone) await run.pyodide.loadPackage("tzdata", { messageCallback: () => {}, errorCallback: () => {} }).catch(() => {});
          self.postMessage({ type: "result", id: message.id, json: run(message.name, JSON.stringify(message.inputs)) });
          if (warmUp) {
            setTimeout(warmUp, 0);
            warmUp = null;
          }
        } catch (error) {
          // A Python traceback is for developers: it goes to the console, never the page.
          self.postMessage({ type: "error", id: message.id, message: String((error && error.message) || error) });
        }
      } else if (message.type.startsWith("volumes-")) { // the week planner's file, read here (volumes-worker.js)
        if (message.options && message.options.time_zone) await (await runJson).pyodide.loadPackage("tzdata", { messageCallback: () => {}, errorCallback: () => {} }).catch(() => {});
        import(new URL("volumes-worker.js", self.location.href)).then((module) => module.onMessage(message, runJson, (m) => self.postMessage(m)));
      } else if (message.type.startsWith("workbook-")) { // the decision pack's .xlsx, on demand (pack/workbook-worker.js)
        import(new URL("pack/workbook-worker.js", self.location.href)).then((module) => module.onMessage(message, runJson, (m) => self.postMessage(m)));
      }
    };
  }

  /* -------------------------------------------------------------------- page */

  function pageMain(scriptURL) {
    const RUN_TIMEOUT_MS = 15000; // a worker that has not answered by then has died
    const metaContent = (name) => {
      const element = document.querySelector(`meta[name="playbook:${name}"]`);
      return element ? element.content : "";
    };
    const lockFileURL = new URL(metaContent("lockfile") || "runtime/app/pyodide-lock.json", document.baseURI).href;
    const config = {
      indexURL: new URL(metaContent("pyodide") || "runtime/pyodide/", document.baseURI).href,
      lockFileURL,
      packageBaseUrl: new URL(".", lockFileURL).href,
      package: metaContent("package") || "support-sourcing-playbook",
      currency: metaContent("currency") || "USD",
    };
    const runtime = createRuntime(scriptURL, config, RUN_TIMEOUT_MS);
    const siteRoot = new URL(metaContent("root") || "./", document.baseURI).href;
    const formState = new WeakMap();

    // Shared with the worksheet's page script (and tests); not a public API.
    window.playbookRuntime = runtime;
    window.playbookFiles = { copyText, saveFile };

    function wireAll() {
      const forms = document.querySelectorAll("form[data-calculator]");
      if (!forms.length) return;
      forms.forEach(wire);
      startAndCompute(forms);
    }

    function startAndCompute(forms) {
      forms.forEach((form) => {
        if (!runtime.isReady()) setState(form, "loading", "Loading the calculator engine into your browser…");
      });
      runtime.start().then(
        () => forms.forEach((form) => compute(form, { fromReader: false })),
        (error) => forms.forEach((form) => fail(form, error)),
      );
    }

    function wire(form) {
      if (formState.has(form)) return;
      const state = { running: false, again: false, result: null, announce: 0, pathname: location.pathname };
      formState.set(form, state);
      restoreFromURL(form);
      form.addEventListener("submit", (event) => event.preventDefault());
      const onEdit = (event) => {
        if (event.target && event.target.name) compute(form, { fromReader: true });
      };
      form.addEventListener("input", onEdit);
      form.addEventListener("change", onEdit);
      const actions = form.querySelector("[data-actions]");
      if (actions) actions.hidden = false;
      pointLinks(form);
      form.querySelector('[data-action="copy-markdown"]')?.addEventListener("click", () => copyMarkdown(form));
      form.querySelector('[data-action="download-csv"]')?.addEventListener("click", () => downloadCSV(form));
      form.querySelectorAll('[data-action="download"]').forEach((button) => button.addEventListener("click", () => {
        download(form, button.dataset.kind, button.dataset.type, "crlf" in button.dataset);
      }));
      form.querySelector('[data-action="retry"]')?.addEventListener("click", () => {
        runtime.reset();
        startAndCompute(document.querySelectorAll("form[data-calculator]"));
      });
    }

    function collect(form) {
      const inputs = {};
      for (const element of form.elements) {
        if (!element.name || element.disabled) continue;
        inputs[element.name] = element.type === "checkbox" ? String(element.checked) : element.value;
      }
      return inputs;
    }

    async function compute(form, { fromReader }) {
      const state = formState.get(form);
      if (!runtime.isReady()) return; // the first computation runs once the engine is up
      if (fromReader) state.touched = true;
      if (state.running) {
        state.again = true;
        return;
      }
      state.running = true;
      try {
        do {
          state.again = false;
          const inputs = collect(form);
          const result = await runtime.run(form.dataset.calculator, inputs);
          // Instant navigation may have moved on meanwhile (it changes the address before it
          // swaps the page): a form no longer on its page must not write into the next one's.
          if (!form.isConnected || location.pathname !== state.pathname) return;
          show(form, result);
          if (state.touched) syncURL(form, inputs);
          if (state.touched && result.ok) document.dispatchEvent(new CustomEvent("playbook:result", { detail: { name: form.dataset.calculator, inputs } }));
        } while (state.again);
      } catch (error) {
        fail(form, error);
      } finally {
        state.running = false;
      }
    }

    function show(form, result) {
      const state = formState.get(form);
      for (const element of form.querySelectorAll("[data-error-for]")) element.textContent = "";
      for (const element of form.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
      const report = form.querySelector("[data-report]");
      if (result.ok) {
        // An unchanged result leaves the report in place: leaving a field to press a link in
        // the report recomputes (change fires on blur), and a replaced link takes no click.
        if (!state.result || state.result.html !== result.html) {
          report.innerHTML = result.html;
          pointLinks(report);
        }
        state.result = result;
        report.removeAttribute("data-stale");
        const summary = report.querySelector(".calc-summary");
        setState(form, "ready", "Computed in your browser. " + (summary ? summary.textContent.trim() : ""), true);
        return;
      }
      const unplaced = [];
      for (const [key, message] of Object.entries(result.errors)) {
        const slot = form.querySelector(`[data-error-for="${CSS.escape(key)}"]`);
        const field = form.elements.namedItem(key);
        if (slot) slot.textContent = message;
        else unplaced.push(message);
        if (field && field.setAttribute) field.setAttribute("aria-invalid", "true");
      }
      report.setAttribute("data-stale", "true");
      const first = Object.values(result.errors)[0] || "";
      setState(form, "invalid", `Not recalculated: ${unplaced.length ? unplaced.join(" ") : first} The last result stays below, dimmed.`);
    }

    // A result may link to another calculator with inputs filled in (render.Link); its
    // path is relative to the site root, wherever this form sits.
    function pointLinks(container) {
      for (const link of container.querySelectorAll("a[data-site-path]")) {
        link.href = new URL(link.dataset.sitePath, siteRoot).href;
      }
    }

    function fail(form, error) {
      const reason = (error && error.message) || String(error);
      console.warn("Support Sourcing Playbook: calculator engine unavailable:", reason);
      const retry = form.querySelector('[data-action="retry"]');
      if (retry) retry.hidden = false;
      setState(form, "failed",
        "The calculator engine could not load in this browser, so results are not recalculated. " +
        "The worked example below still holds for the inputs it shows. Check your connection and try again.");
    }

    function setState(form, state, message, quietly) {
      form.dataset.state = state;
      if (state !== "failed") {
        const retry = form.querySelector('[data-action="retry"]');
        if (retry) retry.hidden = true;
      }
      const status = form.querySelector("[data-status]");
      if (!status) return;
      // Results announce after a short pause, so a screen reader is not read every keystroke.
      const formData = formState.get(form);
      clearTimeout(formData.announce);
      if (quietly) formData.announce = setTimeout(() => { status.textContent = message; }, 400);
      else status.textContent = message;
    }

    function restoreFromURL(form) {
      const prefix = form.dataset.calculator + ".";
      const params = new URLSearchParams(location.search);
      let restored = false;
      for (const [key, value] of params) {
        if (!key.startsWith(prefix)) continue;
        const element = form.elements.namedItem(key.slice(prefix.length));
        if (!element || element.type === "button") continue;
        if (element.type === "checkbox") element.checked = value === "true";
        else element.value = value;
        restored = true;
      }
      if (restored) formState.get(form).touched = true;
    }

    function syncURL(form, inputs) {
      const prefix = form.dataset.calculator + ".";
      const url = new URL(location.href);
      for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
      for (const [key, value] of Object.entries(inputs)) url.searchParams.set(prefix + key, value);
      if (url.href !== location.href) history.replaceState(history.state, "", url);
    }

    function exported(form, kind) {
      const state = formState.get(form);
      if (state && state.result) return state.result[kind];
      const template = form.querySelector(`template[data-export="${kind}"]`);
      return template ? template.content.textContent : "";
    }

    async function copyMarkdown(form) {
      await copyText(exported(form, "markdown"));
      form.querySelector("[data-status]").textContent = "Copied the result as a Markdown table, ready to paste into a wiki.";
    }

    function downloadCSV(form) {
      download(form, "csv", "text/csv;charset=utf-8", false);
    }

    // Any file a result offers (CSV, a calendar): named after the calculator and the kind.
    // crlf: the format needs CRLF, which the build-time copy lost to HTML parsing.
    function download(form, kind, type, crlf) {
      const text = exported(form, kind);
      saveFile(crlf ? text.replace(/\r?\n/g, "\r\n") : text, `${form.dataset.calculator}.${kind}`, type);
    }

    // Material's instant navigation swaps the page without reloading this script:
    // document$ emits on the first load and after every navigation.
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(wireAll);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", wireAll);
    } else {
      wireAll();
    }
  }

  /* Files for the reader: the clipboard (with a fallback where it is not allowed) and a
     download made in the browser, so nothing leaves it. */
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  }

  function saveFile(text, name, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  /* One worker per tab, started on first need, restartable after a failure. */
  function createRuntime(scriptURL, config, timeoutMs) {
    let worker = null;
    let ready = null;
    let isReady = false;
    let nextId = 1;
    const pending = new Map();
    const listeners = new Set(); // page modules' handlers of worker messages this file does not answer (volumes-file.js)

    function rejectAll(error) {
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(error);
      }
      pending.clear();
    }

    function reset() {
      if (worker) worker.terminate();
      worker = null;
      ready = null;
      isReady = false;
      rejectAll(new Error("The calculator engine was restarted."));
    }

    function start() {
      if (ready) return ready;
      ready = new Promise((resolve, reject) => {
        try {
          // Pyodide 314 runs only in module workers; this file is valid as both kinds of script.
          worker = new Worker(scriptURL, { type: "module" });
        } catch (error) {
          reject(error);
          return;
        }
        worker.onmessage = (event) => {
          const message = event.data;
          if (message.type === "ready") {
            isReady = true;
            resolve();
          } else if (message.type === "failed") {
            reject(new Error(message.message));
          } else if (message.type.startsWith("volumes-") || message.type.startsWith("workbook-")) {
            for (const listen of listeners) listen(message);
          } else if (message.type === "result" || message.type === "error") {
            const entry = pending.get(message.id);
            if (!entry) return;
            pending.delete(message.id);
            clearTimeout(entry.timer);
            if (message.type === "result") entry.resolve(JSON.parse(message.json));
            else {
              console.error("Support Sourcing Playbook: the calculation failed:", message.message);
              entry.reject(new Error("The calculation failed."));
            }
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          const error = new Error(event.message || "The calculator engine stopped.");
          const dead = worker;
          reset();
          if (dead) reject(error);
        };
        worker.postMessage({ type: "init", config });
      });
      ready.catch(() => {
        // Leave the failed promise in place until reset(): retries go through the button.
      });
      return ready;
    }

    function run(name, inputs) {
      return start().then(() => new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reset();
          reject(new Error("The calculator engine stopped answering."));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        worker.postMessage({ type: "run", id, name, inputs });
      }));
    }

    const post = (message) => start().then(() => worker.postMessage(message));
    return { start, run, reset, isReady: () => isReady, post, listen: (handler) => listeners.add(handler) };
  }
})();
