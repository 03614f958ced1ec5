/*
 * Starts the tab's engine from the page's head (overrides/main.html), on a page with a
 * calculator, before the theme's bundle runs. An async module runs as soon as it has
 * arrived, without waiting for the rest of the page to be parsed, so the worker fetches and
 * restores the runtime while the page parses and Material starts (on a warm start, 400 to
 * 590 ms passed before calculators.js, which runs after the theme, started it).
 * calculators.js finds the same engine later: client.js is one module per tab.
 */
import { tabEngine } from "./client.js";

tabEngine().start();
