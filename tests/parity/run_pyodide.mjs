// Runs a corpus of calculator inputs through calculators.run inside real Pyodide under
// Node.js, loading the calculators wheel exactly as the browser does: through the built
// site's lockfile. Usage: node run_pyodide.mjs SITE_DIR CORPUS.json  -> JSON results on stdout.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [siteDir, corpusPath] = process.argv.slice(2);
const appDir = path.resolve(siteDir, "runtime", "app") + path.sep;
const pyodide = await loadPyodide({
  lockFileURL: appDir + "pyodide-lock.json",
  packageBaseUrl: appDir,
  packages: ["support-sourcing-playbook"],
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const calculators = pyodide.pyimport("calculators");
const corpus = JSON.parse(readFileSync(corpusPath, "utf8"));
// The site serves tzdata beside our wheel; the browser loads it when a time zone is named.
if (corpus.some(([, inputs]) => inputs && inputs.time_zone)) await pyodide.loadPackage("tzdata", { messageCallback: () => {} });
const results = corpus.map(([name, inputs]) => JSON.parse(calculators.run_json(name, JSON.stringify(inputs))));
process.stdout.write(JSON.stringify({ python: pyodide.runPython("import sys; sys.version"), results }));
