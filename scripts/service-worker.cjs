// Writes the site's service worker with Workbox's generateSW (workbox-build, pinned in
// package-lock.json). Run by hooks/offline.py after a build with `extra.offline: true`:
//   node scripts/service-worker.cjs SITE_DIR sw.js
// The worker precaches every page, the search index, the Pyodide runtime and our wheel,
// so a reader who visited once can read and compute with the network off.
"use strict";

const path = require("node:path");
const { generateSW } = require("workbox-build");

const [siteDir, swName] = process.argv.slice(2);

generateSW({
  globDirectory: siteDir,
  // The runtime snapshot travels as its gzip copy (the worker unpacks it); the raw .bin and
  // the .br copy are for servers that negotiate, and would only double the cache.
  globPatterns: ["**/*.{html,js,mjs,css,json,wasm,zip,whl,svg,png,ico,xml,txt,woff2}", "runtime/**/snapshot-*.bin.gz"],
  globIgnores: [swName],
  swDest: path.join(siteDir, swName),
  cacheId: "support-sourcing-playbook",
  // The runtime's .wasm is about 10 MB; Workbox skips files over 2 MB unless told.
  maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
  // Pages carry the calculators' inputs in the query string: any query matches the page.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: "index.html",
  // No skipWaiting: a new build waits until every tab of the old one is closed (or the
  // reader asks for it, see javascripts/offline.js), so no page mixes two builds' files.
  skipWaiting: false,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
}).then(({ count, size, warnings }) => {
  for (const warning of warnings) console.error(warning);
  console.log(`${count} files, ${(size / 1048576).toFixed(1)} MB precached by ${swName}`);
}, (error) => {
  console.error(error);
  process.exit(1);
});
