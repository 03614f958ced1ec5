/*
 * The week planner's file reading, on the worker side (an ES module the calculators'
 * worker imports on the first "volumes-" message).
 *
 * A CSV file the reader picks is posted to the worker as a File; this reads it here in
 * slices of CHUNK_BYTES, decodes them as UTF-8 (a character cut between two slices is
 * carried over), and feeds each to the Python counter (calculators.volumes.Reading), so
 * memory holds one slice and the counts, never the whole file, and the page stays
 * responsive. Progress goes to the page after every slice; a "volumes-cancel" message
 * stops the reading between two slices. All parsing and every message is Python's.
 *
 * Messages in:  {type: "volumes-read", id, file, options}, {type: "volumes-cancel", id}
 * Messages out: {type: "volumes-progress", id, rows, bytes, total},
 *               {type: "volumes-done", id, result}, {type: "volumes-cancelled", id}
 */
export const CHUNK_BYTES = 1 << 20;

const cancelled = new Set();

export async function onMessage(message, runtime, post) {
  if (message.type === "volumes-cancel") {
    cancelled.add(message.id);
    return;
  }
  if (message.type !== "volumes-read") return;
  const { id, file, options } = message;
  const run = await runtime;
  const module = run.pyodide.pyimport("calculators.volumes");
  const reading = module.Reading(JSON.stringify({ ...options, size_bytes: file.size }));
  try {
    let step = JSON.parse(reading.feed(""));
    const decoder = new TextDecoder("utf-8");
    for (let offset = 0; step.ok !== false && offset < file.size; offset += CHUNK_BYTES) {
      const bytes = await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer();
      if (cancelled.delete(id)) {
        post({ type: "volumes-cancelled", id });
        return;
      }
      const end = Math.min(offset + CHUNK_BYTES, file.size);
      step = JSON.parse(reading.feed(decoder.decode(bytes, { stream: end < file.size })));
      post({ type: "volumes-progress", id, rows: step.rows || 0, bytes: end, total: file.size });
      await new Promise((resolve) => setTimeout(resolve, 0)); // let a cancel message in
    }
    const result = step.ok === false ? step : JSON.parse(reading.finish());
    if (cancelled.delete(id)) post({ type: "volumes-cancelled", id });
    else post({ type: "volumes-done", id, result });
  } finally {
    reading.destroy();
    module.destroy();
  }
}
