/*
 * The scorecard's grid (templates/calculator-grid.html): vendors beyond the first two and the
 * reader's own criteria start folded away; "Add a vendor" and "Add your own criterion" show
 * the next one in place, and any that holds an answer (from the page address or the reader)
 * is shown. Folded inputs stay in the form, empty, as the engine expects.
 */
import { onEveryPage } from "./kit.js";

const filled = (cells) => cells.some((cell) => [...cell.querySelectorAll("input")].some((input) => input.value.trim()));

function vendorCells(grid, number) {
  return [...grid.querySelectorAll(`[data-grid-vendor="${number}"]`)];
}

function hiddenVendors(grid) {
  const numbers = [...new Set([...grid.querySelectorAll("[data-grid-vendor]")].map((cell) => cell.dataset.gridVendor))];
  return numbers.filter((number) => vendorCells(grid, number).some((cell) => cell.hidden));
}

function showVendor(grid, number) {
  vendorCells(grid, number).forEach((cell) => { cell.hidden = false; });
}

function update(actions, grid) {
  actions.querySelector('[data-grid-add="vendor"]').hidden = !hiddenVendors(grid).length;
  actions.querySelector('[data-grid-add="criterion"]').hidden = !grid.querySelector("tr[data-grid-own][hidden]");
}

function wire(grid) {
  if (grid.dataset.wired) return;
  grid.dataset.wired = "";
  for (const number of hiddenVendors(grid)) if (filled(vendorCells(grid, number))) showVendor(grid, number);
  for (const row of grid.querySelectorAll("tr[data-grid-own][hidden]")) if (filled([row])) row.hidden = false;
  const actions = grid.closest("fieldset").querySelector("[data-grid-actions]");
  actions.hidden = false;
  update(actions, grid);
  actions.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-grid-add]") : null;
    if (!button) return;
    let first;
    if (button.dataset.gridAdd === "vendor") {
      const number = hiddenVendors(grid)[0];
      if (number) showVendor(grid, number);
      first = grid.querySelector(`th[data-grid-vendor="${number}"] input`);
    } else {
      const row = grid.querySelector("tr[data-grid-own][hidden]");
      if (row) row.hidden = false;
      first = row?.querySelector("input");
    }
    update(actions, grid);
    first?.focus(); // the new vendor's name, or the new criterion's
  });
}

onEveryPage(() => document.querySelectorAll("table[data-grid]").forEach(wire));
