/*
 * A picked file of volumes (the week plan's or the forecast's), read in the worker (the `readVolumes` request of worker.js).
 *
 * A CSV file the reader picks reaches the worker as a File (nothing is uploaded). It is read
 * here in slices of CHUNK_BYTES, whose bytes go to the Python counter
 * (calculators.core.volumes.Reading), which decodes them (UTF-8, UTF-16 with its mark as
 * Excel's "Unicode Text" writes it, or Windows-1252) and counts them, so memory
 * holds one slice and the counts, never the whole file, and the page stays responsive.
 * Progress ({rows, bytes, total}) goes to the page after every slice; an aborted signal
 * stops the reading between two slices. All parsing and every message is Python's.
 */
export const CHUNK_BYTES = 1 << 20;

/** Resolves to the counter's answer: {ok: true, table, summary, ...} or {ok: false, errors}. */
export async function readVolumes(pyodide, file, options, { signal, progress }) {
  const module = pyodide.pyimport("calculators.core.volumes");
  const reading = module.Reading(JSON.stringify({ ...options, size_bytes: file.size }));
  try {
    let step = JSON.parse(reading.feed(""));
    for (let offset = 0; step.ok !== false && offset < file.size; offset += CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
      signal.throwIfAborted();
      const end = Math.min(offset + CHUNK_BYTES, file.size);
      step = JSON.parse(reading.feed_bytes(bytes, end >= file.size));
      progress({ rows: step.rows || 0, bytes: end, total: file.size });
      await new Promise((resolve) => setTimeout(resolve, 0)); // let a cancel message in
    }
    signal.throwIfAborted();
    return step.ok === false ? step : JSON.parse(reading.finish());
  } finally {
    reading.destroy();
    module.destroy();
  }
}
