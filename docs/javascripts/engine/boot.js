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
import { loadPyodideWithSnapshot } from "./snapshot.js";

// Pyodide 314 logs a failed WebAssembly instantiation (a missing or corrupt .wasm) and never
// settles loadPyodide; watching instantiation ourselves makes such a runtime fail fast.
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
 * @returns {Promise<{pyodide: PyodideAPI, calculators: PyProxy, stdlib: Promise<void>}>} stdlib:
 *   resolves once the standard library's zip is in place (a restored snapshot gets it just
 *   after its first result could be computed; see snapshot.js)
 */
export async function boot(config) {
  const [{ loadPyodide, version }, lockFileContents] = await Promise.all([
    import(config.indexURL + "pyodide.mjs"),
    fetchText(config.lockFileURL),
  ]);
  const { pyodide, stdlib } = await Promise.race([wasmFailure(), loadPyodideWithSnapshot({
    loadPyodide,
    version,
    manifestURL: config.snapshotURL || undefined,
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
