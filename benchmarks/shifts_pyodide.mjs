// Times the shifts calculator inside real Pyodide under Node.js, booted as the browser boots
// without a snapshot (the calculators wheel through the built site's lockfile). Prints, per
// input, the wall time and the process's CPU time (user + system): the CPU figure holds on a
// machine other work is sharing, where wall time does not.
// Usage: node shifts_pyodide.mjs SITE_DIR INPUTS.json  -> JSON [{wall_ms, cpu_ms, ok}] on stdout.
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const [siteDir, inputsPath] = process.argv.slice(2);
const appDir = path.resolve(siteDir, "runtime", "app") + path.sep;
const inputs = JSON.parse(readFileSync(inputsPath, "utf8"));
const pyodide = await loadPyodide({
  lockFileURL: appDir + "pyodide-lock.json",
  packageBaseUrl: appDir,
  packages: ["support-sourcing-playbook"],
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
const calculators = pyodide.pyimport("calculators");
const timings = inputs.map((each) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = JSON.parse(calculators.run_json("shifts", JSON.stringify(each)));
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall_ms: wall, cpu_ms: (used.user + used.system) / 1000, ok: result.ok };
});
process.stdout.write(JSON.stringify(timings));
