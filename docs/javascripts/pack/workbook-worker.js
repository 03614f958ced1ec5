/*
 * The decision pack's workbook, on the worker side (an ES module the calculators' worker
 * imports on the first "workbook-" message, so nothing of it loads at start-up).
 *
 * It loads our playbook-workbook wheel and openpyxl from the site's lockfile (the first
 * time only), writes the .xlsx from the pack's recomputed outputs and posts its bytes.
 *
 * Messages in:  {type: "workbook-write", id, pack}   (pack: the decision_pack outputs as JSON text)
 * Messages out: {type: "workbook-done", id, bytes} or {type: "workbook-failed", id, message}
 */
const quiet = { messageCallback: () => {}, errorCallback: () => {} };

export async function onMessage(message, runtime, post) {
  if (message.type !== "workbook-write") return;
  const { id, pack } = message;
  try {
    const { pyodide } = await runtime;
    await pyodide.loadPackage("playbook-workbook", quiet);
    const module = pyodide.pyimport("playbook_workbook");
    const written = module.write(pack);
    const bytes = written.toJs();
    written.destroy();
    module.destroy();
    post({ type: "workbook-done", id, bytes });
  } catch (error) {
    post({ type: "workbook-failed", id, message: String((error && error.message) || error) });
  }
}
