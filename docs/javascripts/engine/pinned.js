/*
 * Where the engine leans on the pinned Pyodide's own behavior rather than its documented
 * API: checked against Pyodide 314.0.7 (package-lock.json). tests/test_pinned.py fails with
 * a plain sentence when the installed Pyodide is another version, or no longer has what
 * each of these relies on; re-check each against the new release, then move the version
 * named here and in that test.
 *
 * - failFastOnBadWasm(): Pyodide 314 logs a failed WebAssembly instantiation (a missing or
 *   corrupt .wasm) and never settles loadPyodide; watching WebAssembly.instantiate* makes
 *   such a runtime fail at once. Relies on pyodide.asm.mjs instantiating through
 *   WebAssembly.instantiateStreaming or WebAssembly.instantiate.
 * - prefetchWasm(url): hands Pyodide's own fetch of pyodide.asm.wasm a response already
 *   under way. Relies on pyodide.asm.mjs fetching the .wasm with the global fetch, by the
 *   URL indexURL + "pyodide.asm.wasm".
 * - snapshotOptions(bytes): loadPyodide's private `_loadSnapshot` option restores a memory
 *   snapshot (made by the public pyodide.makeMemorySnapshot(), scripts/make-snapshot.mjs);
 *   Pyodide documents no public way to restore one yet.
 */

/** A promise that rejects (and never resolves) when the runtime's WebAssembly fails to start. */
export function failFastOnBadWasm() {
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

/**
 * Pyodide requests its .wasm only once loadPyodide runs, after pyodide.mjs and our lockfile
 * have arrived, which on a first visit made its 3.5 MB the last download to start. It is
 * requested here with the others, and Pyodide's own request for it (the first one: a plain
 * boot after a refused snapshot asks again, from the cache) gets that response.
 */
export function prefetchWasm(url) {
  const early = fetch(url);
  early.catch(() => {}); // Pyodide reports a failed download when it instantiates
  const fetchOriginal = globalThis.fetch;
  globalThis.fetch = function (input, init) {
    if (String(input && input.url ? input.url : input) !== url) return fetchOriginal.call(this, input, init);
    globalThis.fetch = fetchOriginal;
    return early;
  };
}

/** loadPyodide's options that restore the memory snapshot `bytes` (a Uint8Array or its promise). */
export function snapshotOptions(bytes) {
  return { _loadSnapshot: bytes };
}
