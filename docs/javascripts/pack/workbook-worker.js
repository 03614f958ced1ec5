/*
 * The decision pack's workbook, on the worker side: imported by the engine's worker
 * (engine/worker.js, its `prepareWorkbook` and `workbook` handlers), so nothing of it loads
 * at start-up. It loads our playbook-workbook wheel and openpyxl from the site's lockfile
 * and imports them (the first time only), and writes the .xlsx from the pack's recomputed
 * outputs. The pack page asks for the loading as soon as the pack is shown
 * (`prepareWorkbook`), so the reader's click finds openpyxl in place and only writes.
 */
const quiet = { messageCallback: () => {}, errorCallback: () => {} };
let loaded = null;

/** Loads and imports the workbook package (once); an empty pack is written to warm it up. */
export function loadWorkbook(pyodide) {
  loaded ??= pyodide.loadPackage("playbook-workbook", quiet).then(() => {
    const module = pyodide.pyimport("playbook_workbook");
    try {
      module.write("{}").destroy(); // imports what saving a file needs, off the reader's click
    } finally {
      module.destroy();
    }
  }).catch((error) => {
    loaded = null; // the next request tries again
    throw error;
  });
  return loaded;
}

/** The .xlsx bytes (a Uint8Array) for the decision_pack outputs given as JSON text. */
export async function writeWorkbook(pyodide, pack) {
  await loadWorkbook(pyodide);
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
