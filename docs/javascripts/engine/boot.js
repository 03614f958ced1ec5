/*
 * Booting the engine: the pinned Pyodide from this site, our calculators wheel through the
 * site's lockfile, and the calculators package imported and configured.
 *
 * boot(config) resolves to the Pyodide API and the `calculators` module proxy, which the
 * worker keeps for its whole life. Every other proxy made here is destroyed before it
 * returns. Where the site has a build-time memory snapshot of the booted engine
 * (config.snapshotURL, see snapshot.js), it is restored instead of starting Python and
 * installing the wheel; on any problem with it the plain boot runs, with the same options.
 */
import { failFastOnBadWasm, prefetchWasm } from "./pinned.js";
import { loadPyodideWithSnapshot, prefetchSnapshot } from "./snapshot.js";

// Our lockfile is fetched here, not by Pyodide, so a missing one is a clear failure rather
// than an HTML 404 page parsed as JSON deep inside the runtime.
async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

/**
 * @param {{indexURL: string, lockFileURL: string, packageBaseUrl: string, package: string,
 *          currency: string, snapshotURL: string}} config  snapshotURL "" when there is none
 * @param {(progress: {what: string, loaded: number, total: number, done?: boolean}) => void} [onProgress]
 *   told as the largest download (the snapshot) arrives, for the reader's progress line
 * @returns {Promise<{pyodide: PyodideAPI, calculators: PyProxy, stdlib: Promise<void>}>} stdlib:
 *   resolves once the standard library's zip is in place (a restored snapshot gets it just
 *   after its first result could be computed; see snapshot.js)
 */
export async function boot(config, onProgress = () => {}) {
  // Everything the first result needs is asked for at once, none waiting on another: the
  // snapshot (the largest file), the .wasm, the runtime's module, its 1.2 MB Emscripten
  // module (which pyodide.mjs would import only once it has itself arrived; the same URL
  // gives the same module, so Pyodide finds it loaded), and our lockfile.
  const snapshot = prefetchSnapshot(config.snapshotURL || undefined, onProgress);
  prefetchWasm(config.indexURL + "pyodide.asm.wasm");
  const glue = import(config.indexURL + "pyodide.asm.mjs");
  glue.catch(() => {}); // a runtime that lacks it fails in loadPyodide, which says so
  const [{ loadPyodide, version }, lockFileContents] = await Promise.all([
    import(config.indexURL + "pyodide.mjs"),
    fetchText(config.lockFileURL),
  ]).catch((error) => {
    snapshot?.abort?.();
    throw error;
  });
  const { pyodide, stdlib } = await Promise.race([failFastOnBadWasm(), loadPyodideWithSnapshot({
    loadPyodide,
    version,
    snapshot,
    options: {
      indexURL: config.indexURL,
      lockFileContents,
      packageBaseUrl: config.packageBaseUrl,
      packages: [config.package],
      stdout: () => {},
      stderr: () => {},
    },
  })]);
  const calculators = pyodide.pyimport("calculators");
  const configure = calculators.configure;
  configure.callKwargs({ currency: config.currency });
  configure.destroy();
  return { pyodide, calculators, stdlib };
}
