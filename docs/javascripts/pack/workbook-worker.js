/*
 * The decision pack's workbook, on the worker side: imported by the engine's worker
 * (engine/worker.js, its `workbook` handler) on the first request, so nothing of it loads
 * at start-up. It loads our playbook-workbook wheel and openpyxl from the site's lockfile
 * (the first time only) and writes the .xlsx from the pack's recomputed outputs.
 */
const quiet = { messageCallback: () => {}, errorCallback: () => {} };
let loaded = null;

/** The .xlsx bytes (a Uint8Array) for the decision_pack outputs given as JSON text. */
export async function writeWorkbook(pyodide, pack) {
  loaded ??= pyodide.loadPackage("playbook-workbook", quiet).catch((error) => {
    loaded = null; // the next request tries again
    throw error;
  });
  await loaded;
  const module = pyodide.pyimport("playbook_workbook");
  try {
    const written = module.write(pack);
    try {
      return written.toJs();
    } finally {
      written.destroy();
    }
  } finally {
    module.destroy();
  }
}
