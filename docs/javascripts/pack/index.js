/*
 * The decision pack's page script, on every page: keeps each calculator's latest inputs
 * (store.js listens for results), adds "Save as a scenario" under the cost and business
 * case calculators and a saved-scenario quote picker to each scorecard vendor, and fills the
 * scenarios and decision pack pages.
 */
import "./store.js";
import { wireSaveBoxes, wireView } from "./scenarios.js";
import { wirePack } from "./decision-pack.js";
import { wireQuotePickers } from "./quotes.js";
import { onEveryPage } from "../kit.js";

function wirePage() {
  wireSaveBoxes();
  wireQuotePickers();
  document.querySelectorAll("[data-scenarios-view]").forEach(wireView);
  document.querySelectorAll("[data-decision-pack]").forEach(wirePack);
}

onEveryPage(wirePage); // Material's instant navigation swaps pages without reloading scripts
