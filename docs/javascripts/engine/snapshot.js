/*
 * Support Sourcing Playbook: boot Pyodide from the build-time memory snapshot.
 *
 * The build (hooks.py, scripts/make-snapshot.mjs) boots the pinned runtime under Node.js,
 * installs our wheel, imports every calculator and runs each once, and saves the memory of
 * that interpreter; runtime/app/snapshot.json names the file and its sha256. Restoring it
 * skips the interpreter's start, the standard library's imports and our wheel.
 *
 * prefetchSnapshot() fetches the manifest and the snapshot, and checks the snapshot's
 * sha256, as soon as the worker has the page's addresses; loadPyodideWithSnapshot()
 * restores it with an empty standard library standing in for the real one, which follows
 * just after the restore (the first result never waits for its 2.5 MB). On
 * any failure (no manifest, no snapshot, a digest that does not match, no crypto.subtle to
 * check it with, a runtime that refuses it), or when the reader asked to save data, it
 * boots as before, with the same options, and says why. The reader notices nothing beyond
 * the time. (The link's speed is not guessed: Chromium's estimate read 1.35 Mbit/s on a
 * fresh profile over loopback, and other browsers give none.)
 * An ES module: boot.js imports it.
 */
import { snapshotOptions } from "./pinned.js";

/**
 * Starts fetching the manifest and the snapshot at once, before the runtime's own modules
 * have arrived (boot.js calls it first thing), so neither waits on them.
 * @param {string} [manifestURL]  runtime/app/snapshot.json
 * @returns {null | {skipped: string} | {manifest: Promise, bytes: Promise<Uint8Array>, abort: () => void}}
 *   null without a manifest URL; {skipped} when the reader asked to save data (Chromium's
 *   Save-Data), as the snapshot adds about 7 MB to a first visit
 *   (docs/reference/performance.md); otherwise the downloads under way
 */
export function prefetchSnapshot(manifestURL, onProgress = () => {}) {
  if (!manifestURL) return null;
  if (globalThis.navigator && navigator.connection && navigator.connection.saveData) return { skipped: "the reader asked to save data" };
  return fetchSnapshot(manifestURL, onProgress);
}

const PROGRESS_STEP = 256 * 1024; // bytes between two progress reports

/** body, passed through unchanged, with onProgress({what, loaded, total, done}) as bytes arrive. */
function counted(body, total, what, onProgress) {
  let loaded = 0;
  let reported = 0;
  return body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      if (loaded - reported >= PROGRESS_STEP) {
        reported = loaded;
        onProgress({ what, loaded, total });
      }
      controller.enqueue(chunk);
    },
    flush() {
      onProgress({ what, loaded, total, done: true });
    },
  }));
}

/**
 * @param {object} args
 * @param {(options: object) => Promise<object>} args.loadPyodide  from pyodide.mjs
 * @param {object} args.options  the plain boot's options (indexURL, lockFileContents,
 *   packages, ...); the restored boot uses them without `packages`: the snapshot holds them
 * @param {object|null} args.snapshot  what prefetchSnapshot() returned; null: the plain boot
 * @param {string} [args.version]  the runtime's version (pyodide.mjs exports it); a
 *   manifest made for another is not used
 * @returns {Promise<{pyodide: object, path: "snapshot" | "plain", reason?: string, stdlib: Promise<void>}>}
 *   stdlib resolves once the real standard library is in place (at once for the plain boot)
 */
export async function loadPyodideWithSnapshot({ loadPyodide, options, snapshot, version }) {
  let reason = (snapshot && snapshot.skipped) || "no snapshot on this site";
  if (snapshot && !snapshot.skipped) {
    try {
      const { found, placeholder } = await snapshot.manifest;
      if (version && found.pyodide_version !== version) {
        throw new Error(`the snapshot is for Pyodide ${found.pyodide_version}, not ${version}`);
      }
      const { packages, ...restored } = options;
      const pyodide = await loadPyodide({
        ...restored,
        ...snapshotOptions(snapshot.bytes),
        // The real standard library (2.5 MB) is not waited for: every module the calculators
        // use is in the snapshot's memory. An empty one stands in until it is in place.
        ...(placeholder ? { stdLibURL: placeholder } : {}),
      });
      if (!placeholder) {
        readStdlibIndex(pyodide); // a manifest without one: the zip came with the restore; check it now
        return { pyodide, path: "snapshot", stdlib: Promise.resolve() };
      }
      const stdlib = installStdlib(pyodide, options.indexURL + "python_stdlib.zip");
      stdlib.catch(() => {}); // reported by the requests that need it
      return { pyodide, path: "snapshot", stdlib };
    } catch (error) {
      snapshot.abort(); // a download still under way is of no use now
      reason = String((error && error.message) || error);
    }
  }
  return { pyodide: await loadPyodide(options), path: "plain", reason, stdlib: Promise.resolve() };
}

// The snapshot holds Python's memory, not its files: the standard library's zip comes from
// the site. The index the snapshot remembers is dropped and the file's own read, so a
// missing or corrupt zip fails here, not in some later import.
const READ_STDLIB_INDEX = `
import sys, zipimport, importlib
for entry in sys.path:
    if entry.endswith(".zip"):
        zipimport._zip_directory_cache.pop(entry, None)
        sys.path_importer_cache.pop(entry, None)
        zipimport.zipimporter(entry)
importlib.invalidate_caches()
`;

function readStdlibIndex(pyodide) {
  pyodide.runPython(READ_STDLIB_INDEX);
}

/**
 * Fetches the real standard library and puts it where the placeholder is. Until then the
 * interpreter still holds the real zip's index (from the build), so a module that is not in
 * memory fails to import loudly (an EOFError: the placeholder is empty) rather than as "not
 * found", which optional imports would take as an answer; the worker retries such a request
 * once this promise resolves (engine/worker.js).
 */
async function installStdlib(pyodide, url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const path = pyodide.runPython("import sys\nnext(p for p in sys.path if p.endswith('.zip'))");
  pyodide.FS.writeFile(path, bytes);
  readStdlibIndex(pyodide);
}

function fetchSnapshot(manifestURL, onProgress) {
  const controller = new AbortController();
  const { signal } = controller;
  const manifest = (async () => {
    const response = await fetch(manifestURL, { signal });
    if (!response.ok) throw new Error(`${manifestURL} answered ${response.status}`);
    const found = await response.json();
    if (!/^[0-9a-f]{64}$/.test(found.sha256 || "") || !found.file) throw new Error(`${manifestURL} is not a snapshot manifest`);
    if (!(globalThis.crypto && crypto.subtle)) throw new Error("no crypto.subtle to check the snapshot with (not a secure context)");
    // The gzip copy (6.9 MB instead of 31 MB), unpacked here as it arrives, so any static
    // host sends the small one whatever it knows of compression.
    const gzipped = Boolean(found.encodings && found.encodings.gzip && typeof DecompressionStream === "function");
    const base = new URL(manifestURL, globalThis.location && location.href);
    const url = new URL(found.file + (gzipped ? ".gz" : ""), base).href;
    const placeholder = found.stdlib_placeholder ? new URL(found.stdlib_placeholder, base).href : null;
    return { found, url, gzipped, placeholder };
  })();
  const bytes = manifest.then(async ({ found, url, gzipped }) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    // A host that labels the .gz Content-Encoding: gzip has had the browser unpack it already.
    const packed = gzipped && !response.headers.get("Content-Encoding");
    // The bytes on the wire, as far as the page can count them: the reader's progress line.
    const total = packed ? found.encodings.gzip : found.bytes;
    const arriving = counted(response.body, total, "the runtime's snapshot", onProgress);
    const stream = packed ? arriving.pipeThrough(new DecompressionStream("gzip")) : arriving;
    const body = new Uint8Array(await new Response(stream).arrayBuffer());
    if (body.length !== found.bytes) throw new Error(`${url} is ${body.length} bytes, not ${found.bytes}`);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", body)),
      (byte) => byte.toString(16).padStart(2, "0")).join("");
    if (digest !== found.sha256) throw new Error(`${url} does not match its sha256`);
    return body;
  });
  // Both are awaited by loadPyodideWithSnapshot or loadPyodide; until then, a failure must
  // not count as an unhandled rejection (a console error).
  manifest.catch(() => {});
  bytes.catch(() => {});
  return { manifest, bytes, abort: () => controller.abort() };
}
