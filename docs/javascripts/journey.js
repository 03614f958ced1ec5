/*
 * The journey (hooks/journey.py renders it at build time): marks each step whose calculators have a
 * result kept in this browser (pack/store.js), so the home page's map and each step's strip
 * say what the reader has filled. Reads localStorage only; nothing is sent anywhere.
 */
import { latest } from "./pack/store.js";
import { onEveryPage } from "./kit.js";

function markFilled() {
  const kept = latest();
  for (const step of document.querySelectorAll("[data-journey-step]")) {
    const names = (step.dataset.calculators || "").split(" ").filter(Boolean);
    const filled = names.filter((name) => kept[name]);
    const slot = step.querySelector("[data-journey-filled]");
    if (!names.length || !slot) continue;
    step.dataset.filled = filled.length === names.length ? "all" : filled.length ? "some" : "none";
    slot.textContent = filled.length
      ? `Filled in this browser: ${filled.length} of ${names.length}`
      : "";
  }
}

onEveryPage(markFilled);
// A result saved on this page (the strip above the form) shows at once.
document.addEventListener("playbook:result", () => setTimeout(markFilled, 0));
