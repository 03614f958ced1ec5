// Makes the calculators' memory snapshot at build time (called by hooks/snapshot.py on_post_build).
//
// Boots the pinned Pyodide under Node.js, installs our wheel through the built site's
// lockfile exactly as the browser does, imports every module of the package and runs every
// calculator once in each output form, then writes Pyodide's memory snapshot (the wasm heap
// of an interpreter that has done all that) with pre-compressed copies and a manifest.
//
// Usage: node scripts/make-snapshot.mjs SITE_DIR RUNTIME_DIR MANIFEST
//   SITE_DIR     the built site (its runtime/app/pyodide-lock.json names our wheel)
//   RUNTIME_DIR  where the snapshot goes: the site's runtime/pyodide/<version>/ folder
//   MANIFEST     the manifest to write (runtime/app/snapshot.json)
// Exits non-zero, with the reason on stderr, if the snapshot cannot be made.
//
// What a restored snapshot has and lacks (read from Pyodide 314's loadPyodide):
//  - it has the Python heap: every imported module, our package included, so the wheel
//    is not fetched again (the worker passes no `packages`);
//  - it lacks the virtual file system, which lives in JavaScript: the runtime still
//    fetches python_stdlib.zip and mounts it, so a standard-library module that only a
//    rare input imports still loads; our wheel's files are absent, which is why every
//    module of the package is imported here, before the snapshot;
//  - Pyodide refuses a snapshot from another build ("Snapshot build id mismatch"), so the
//    file is named after the runtime version and its own digest.
import nodeCrypto, { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { loadPyodide, version } from "pyodide";

// A failure is one readable message (a Python traceback included), not the minified
// runtime's source line that Node prints by default.
process.on("uncaughtException", (error) => {
  process.stderr.write(`make-snapshot: ${(error && (error.message || error)) || "failed"}\n`);
  process.exit(1);
});

const [siteDir, runtimeDir, manifestPath] = process.argv.slice(2);
if (!manifestPath) {
  process.stderr.write("usage: make-snapshot.mjs SITE_DIR RUNTIME_DIR MANIFEST\n");
  process.exit(2);
}
const appDir = path.resolve(siteDir, "runtime", "app") + path.sep;

// Reproducible: the same runtime, wheel and script give the same bytes. Left alone, a
// snapshot holds what the runtime drew at start (the C library's and the random module's
// seeds, from crypto.getRandomValues) and the clock (file times in the virtual file system,
// import caches). While the snapshot is made, both come from fixed sources: the clock
// stands at SOURCE_DATE_EPOCH and the "random" bytes are a SHA-256 counter stream. Every
// reader restores the same state anyway; the calculators draw no random numbers.
const epochMs = Number(process.env.SOURCE_DATE_EPOCH || 315532800) * 1000;
Date.now = () => epochMs;
let ticks = 0; // a monotonic clock must still move: a millisecond per reading
performance.now = () => ticks++;
let counter = 0;
// Emscripten under Node.js draws its entropy from node:crypto's randomFillSync.
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let at = 0; at < bytes.length; at += 32) {
    const block = createHash("sha256").update(`support-sourcing-playbook snapshot ${counter++}`).digest();
    bytes.set(block.subarray(0, Math.min(32, bytes.length - at)), at);
  }
  return view;
};

const PACKAGE = "support-sourcing-playbook";
const lock = JSON.parse(readFileSync(appDir + "pyodide-lock.json", "utf8"));
const entry = lock.packages[PACKAGE];
if (!entry) throw new Error(`${appDir}pyodide-lock.json does not list ${PACKAGE}`);
const wheel = readFileSync(appDir + entry.file_name);
if (createHash("sha256").update(wheel).digest("hex") !== entry.sha256) {
  throw new Error(`${entry.file_name} does not match the sha256 the lockfile gives`);
}

const pyodide = await loadPyodide({
  _makeSnapshot: true,
  lockFileContents: JSON.stringify(lock),
  packageBaseUrl: appDir,
  // A fixed string-hash seed: without it every build's snapshot differs (the seed is drawn
  // at start and lives in the heap), and every reader shares the build's seed anyway.
  // Nor may the snapshot hold where this script sits or what the build machine's locale
  // is: the browser's own defaults instead.
  env: { PYTHONHASHSEED: "0", LANG: "C.UTF-8" },
  _sysExecutable: "./this.program",
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});

// Our wheel is unpacked into site-packages by hand: Pyodide 314 refuses to snapshot a
// runtime whose loadPackage has run (its record of loaded packages must still be empty).
// The wheel is pure Python, so unpacking it is all an install does.
const wheelPath = "/tmp/" + path.basename(entry.file_name);
pyodide.FS.writeFile(wheelPath, wheel);
pyodide.runPython(`
import importlib, os, site, zipfile
with zipfile.ZipFile("${wheelPath}") as wheel:
    wheel.extractall(site.getsitepackages()[0])
os.remove("${wheelPath}")
importlib.invalidate_caches()  # the clock stands still, so the folder's time did not move
del importlib, os, site, zipfile, wheel
`);

// Everything a first result can touch, done once: each module of the package imported,
// each calculator's form read, each calculator run on its defaults (html, markdown, csv and
// its attachments such as the rollout's .ics), on empty and on non-numeric input (the
// messages' code paths), and under another currency. Then back to the default currency:
// the worker sets the site's own after restoring.
pyodide.runPython(`
import gc, json, pkgutil, importlib
import calculators
for info in pkgutil.walk_packages(calculators.__path__, "calculators."):
    importlib.import_module(info.name)
for currency in ("EUR", "USD"):
    calculators.configure(currency=currency)
    for name in calculators.names():
        form = calculators.spec(name)
        answer = json.loads(calculators.run_json(name, "{}"))
        if not answer["ok"] and name != "worksheet_import":
            raise SystemExit(f"{name} does not compute on its defaults: {answer['errors']}")
        for field in form["fields"]:
            for junk in ("", "not a number", "-1"):
                calculators.run_json(name, json.dumps({field["key"]: junk}))
calculators.run_json("no-such-calculator", "{}")
calculators.run_json("staffing", "not json")
del answer, form, field, junk, name, currency, info
gc.collect()
`);

const snapshot = pyodide.makeMemorySnapshot();
const sha256 = createHash("sha256").update(snapshot).digest("hex");
const name = `snapshot-${version}-${sha256.slice(0, 16)}.bin`;

mkdirSync(runtimeDir, { recursive: true });
for (const old of readdirSync(runtimeDir)) {
  if (old.startsWith("snapshot-")) rmSync(path.join(runtimeDir, old));
}
const target = path.join(runtimeDir, name);
writeFileSync(target, snapshot);
// Pre-compressed copies for servers that send them as they are (nginx gzip_static,
// brotli_static). Node's gzip header carries no timestamp, so both are reproducible.
const gz = gzipSync(snapshot, { level: 9 });
writeFileSync(target + ".gz", gz);
const br = brotliCompressSync(snapshot, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 9,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: snapshot.length,
  },
});
const encodings = { gzip: gz.length };
if (br.length < gz.length) {
  writeFileSync(target + ".br", br);
  encodings.br = br.length;
}

// A standard library with nothing in it, which the worker gives the restored runtime so its
// first result does not wait for the real one (2.5 MB): every module the calculators use is
// in the snapshot's memory. The worker fetches python_stdlib.zip just after and puts it in
// place for the rare module that is not (docs/javascripts/engine/snapshot.js).
const emptyZip = path.join(runtimeDir, "snapshot-stdlib-empty.zip");
writeFileSync(emptyZip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));

const relative = (file) => path.relative(path.dirname(path.resolve(manifestPath)), file).split(path.sep).join("/");
const manifest = {
  pyodide_version: version,
  file: relative(target),
  stdlib_placeholder: relative(emptyZip),
  sha256,
  bytes: snapshot.length,
  encodings,
};
writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + "\n");
process.stdout.write(JSON.stringify(manifest) + "\n");
