/*
 * Support Sourcing Playbook: boot Pyodide from the build-time memory snapshot.
 *
 * The build (hooks.py, scripts/make-snapshot.mjs) boots the pinned runtime under Node.js,
 * installs our wheel, imports every calculator and runs each once, and saves the memory of
 * that interpreter; runtime/app/snapshot.json names the file and its sha256. Restoring it
 * skips the interpreter's start, the standard library's imports and our wheel.
 *
 * loadPyodideWithSnapshot() fetches the manifest and the snapshot, checks the snapshot's
 * sha256, and restores it; on any failure (no manifest, no snapshot, a digest that does not
 * match, no crypto.subtle to check it with, a runtime that refuses it), or when the reader
 * asked to save data, it boots as before, with the same options, and says why. The reader
 * notices nothing beyond the time.
 * An ES module: boot.js imports it.
 */

/**
 * @param {object} args
 * @param {(options: object) => Promise<object>} args.loadPyodide  from pyodide.mjs
 * @param {object} args.options  the plain boot's options (indexURL, lockFileContents,
 *   packages, ...); the restored boot uses them without `packages`: the snapshot holds them
 * @param {string} [args.manifestURL]  runtime/app/snapshot.json; none: the plain boot
 * @param {string} [args.version]  the runtime's version (pyodide.mjs exports it); a
 *   manifest made for another is not used
 * @returns {Promise<{pyodide: object, path: "snapshot" | "plain", reason?: string}>}
 */
export async function loadPyodideWithSnapshot({ loadPyodide, options, manifestURL, version }) {
  let reason = "no snapshot on this site";
  // A reader who asked to save data (Chromium's Save-Data) gets the boot with fewer bytes:
  // the snapshot adds about 7 MB to a first visit (docs/reference/performance.md).
  if (manifestURL && globalThis.navigator && navigator.connection && navigator.connection.saveData) {
    reason = "the reader asked to save data";
  } else if (manifestURL) {
    const snapshot = fetchSnapshot(manifestURL, version);
    try {
      // The manifest first (a few hundred bytes): without it, the runtime's own files are
      // not fetched twice. The snapshot's body then arrives alongside the wasm and the
      // standard library, which loadPyodide starts fetching at once.
      await snapshot.manifest;
      const { packages, ...restored } = options;
      const pyodide = await loadPyodide({ ...restored, _loadSnapshot: snapshot.bytes });
      // The snapshot holds Python's memory, not its files: the standard library's zip still
      // comes from the site. Without it (missing, corrupt), a rare import would fail later;
      // reading its index now turns that into a fallback, whose plain boot then says so.
      // (The index the snapshot remembers is dropped first, so the file itself is read.)
      pyodide.runPython("import sys, zipimport\nfor entry in sys.path:\n    if entry.endswith('.zip'):\n"
        + "        zipimport._zip_directory_cache.pop(entry, None)\n        zipimport.zipimporter(entry)");
      return { pyodide, path: "snapshot" };
    } catch (error) {
      reason = String((error && error.message) || error);
    }
  }
  return { pyodide: await loadPyodide(options), path: "plain", reason };
}

function fetchSnapshot(manifestURL, version) {
  const manifest = (async () => {
    const response = await fetch(manifestURL);
    if (!response.ok) throw new Error(`${manifestURL} answered ${response.status}`);
    const found = await response.json();
    if (version && found.pyodide_version !== version) {
      throw new Error(`the snapshot is for Pyodide ${found.pyodide_version}, not ${version}`);
    }
    if (!/^[0-9a-f]{64}$/.test(found.sha256 || "") || !found.file) throw new Error(`${manifestURL} is not a snapshot manifest`);
    if (!(globalThis.crypto && crypto.subtle)) throw new Error("no crypto.subtle to check the snapshot with (not a secure context)");
    return found;
  })();
  const bytes = manifest.then(async (found) => {
    // The gzip copy (6.9 MB instead of 31 MB), unpacked here as it arrives, so any static
    // host sends the small one whatever it knows of compression. A host that labels it
    // Content-Encoding: gzip has had the browser unpack it already.
    const gzipped = found.encodings && found.encodings.gzip && typeof DecompressionStream === "function";
    const url = new URL(found.file + (gzipped ? ".gz" : ""), new URL(manifestURL, globalThis.location && location.href)).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const stream = gzipped && !response.headers.get("Content-Encoding")
      ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body;
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
  return { manifest, bytes };
}
