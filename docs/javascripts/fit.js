/*
 * Nothing cut: marks every result table or chart box that is wider than its column
 * (data-scrolls), so the stylesheet shows its scroll cue, and keeps the marks true as results,
 * the window and the palette change. Also the week plan's heatmap readout: the cell a reader
 * points at or taps is read out under the grid (an SVG title shows on hover only, never on
 * a touch screen).
 */
import { onEveryPage } from "./kit.js";

// Material wraps a Markdown table in .md-typeset__scrollwrap, which scrolls too.
const BOXES = ".calc-table, .calc-chart-scroll, .md-typeset__scrollwrap";
const sizes = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));
const seen = new WeakSet();

function mark(box) {
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  if (scrolls === box.hasAttribute("data-scrolls")) return;
  box.toggleAttribute("data-scrolls", scrolls);
  // A box that scrolls takes the keyboard's focus, so a reader without a mouse can scroll it
  // (unless it has its own tabindex, as a chart's box does).
  if (scrolls && !box.hasAttribute("tabindex")) {
    box.tabIndex = 0;
    box.dataset.fitFocus = "";
  } else if (!scrolls && "fitFocus" in box.dataset) {
    box.removeAttribute("tabindex");
    delete box.dataset.fitFocus;
  }
}

function watch(root) {
  for (const box of root.querySelectorAll(BOXES)) {
    if (!seen.has(box)) {
      seen.add(box);
      sizes.observe(box);
    }
    mark(box);
  }
}

let pending = 0;
const changes = new MutationObserver(() => {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(() => watch(document));
});

onEveryPage(() => {
  watch(document);
  const content = document.querySelector(".md-content") || document.body;
  changes.disconnect();
  changes.observe(content, { childList: true, subtree: true });
});

function readOut(event) {
  const cell = event.target instanceof Element ? event.target.closest(".calc-heatmap-grid rect") : null;
  if (!cell) return;
  const readout = cell.closest(".calc-heatmap")?.querySelector("[data-heatmap-readout]");
  const title = cell.querySelector("title")?.textContent || "";
  if (readout && readout.textContent !== title) readout.textContent = title;
}
// A box inside a closed <details> has no size, and its observer stays quiet until it opens.
document.addEventListener("toggle", (event) => { if (event.target instanceof Element) watch(event.target); }, true);

document.addEventListener("pointerover", readOut);
document.addEventListener("click", readOut);
