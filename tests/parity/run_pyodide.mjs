// Runs a corpus of calculator inputs through calculators.run inside real Pyodide under
// Node.js, twice: booted as the browser boots without a snapshot (the calculators wheel
// loaded through the built site's lockfile), and restored from the site's runtime snapshot
// (runtime/app/snapshot.json, its sha256 checked) as the browser's worker restores it. The
// restored runtime also runs the corpus's money cases under another currency, set after the
// restore as the worker sets the site's.
// Usage: node run_pyodide.mjs SITE_DIR CORPUS.json [CURRENCY]  -> JSON results on stdout.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [siteDir, corpusPath, currency = "EUR"] = process.argv.slice(2);
const appDir = path.resolve(siteDir, "runtime", "app") + path.sep;
const corpus = JSON.parse(readFileSync(corpusPath, "utf8"));
const common = {
  lockFileURL: appDir + "pyodide-lock.json",
  packageBaseUrl: appDir,
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
};

// The site serves tzdata beside our wheel; the browser loads it when a time zone is named.
const zoned = corpus.some(([, inputs]) => inputs && inputs.time_zone);

async function runAll(pyodide, items) {
  if (zoned) await pyodide.loadPackage("tzdata", { messageCallback: () => {} });
  const calculators = pyodide.pyimport("calculators");
  return items.map(([name, inputs]) => JSON.parse(calculators.run_json(name, JSON.stringify(inputs))));
}

const plain = await loadPyodide({ ...common, packages: ["support-sourcing-playbook"] });
const results = await runAll(plain, corpus);

const manifest = JSON.parse(readFileSync(appDir + "snapshot.json", "utf8"));
const snapshot = readFileSync(path.resolve(appDir, manifest.file));
if (createHash("sha256").update(snapshot).digest("hex") !== manifest.sha256) {
  throw new Error(`${manifest.file} does not match the sha256 in snapshot.json`);
}
const restored = await loadPyodide({ ...common, _loadSnapshot: snapshot });
const restoredResults = await runAll(restored, corpus);
restored.pyimport("calculators").configure.callKwargs({ currency });
const money = corpus.filter(([name]) => name === "cost");

process.stdout.write(JSON.stringify({
  python: plain.runPython("import sys; sys.version"),
  results,
  snapshot: {
    python: restored.runPython("import sys; sys.version"),
    // The calculators come from the snapshot's heap: the wheel is not on the restored disk.
    wheel_on_disk: restored.runPython("import os, site; os.path.isdir(os.path.join(site.getsitepackages()[0], 'calculators'))"),
    results: restoredResults,
    currency,
    currency_results: await runAll(restored, money),
  },
}));
