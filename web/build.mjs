// Copies the front-end libraries that `npm ci` installed (pinned by package-lock.json)
// into frontlines/serve/static/vendor/, with their licences and a manifest.
// Run: npm --prefix web ci && npm --prefix web run build
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "frontlines", "serve", "static", "vendor");

// package -> [source path inside the package, destination name in vendor/]
const FILES = {
  leaflet: [
    ["dist/leaflet.js", "leaflet.js"],
    ["dist/leaflet.css", "leaflet.css"],
    ["dist/images/layers.png", "images/layers.png"],
    ["dist/images/layers-2x.png", "images/layers-2x.png"],
    ["dist/images/marker-icon.png", "images/marker-icon.png"],
    ["dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"],
    ["dist/images/marker-shadow.png", "images/marker-shadow.png"],
    ["LICENSE", "LICENSE.leaflet.txt"],
  ],
  "leaflet.markercluster": [
    ["dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
    ["dist/MarkerCluster.css", "MarkerCluster.css"],
    ["dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
    ["MIT-LICENCE.txt", "LICENSE.leaflet.markercluster.txt"],
  ],
  "topojson-client": [
    ["dist/topojson-client.min.js", "topojson-client.min.js"],
    ["LICENSE", "LICENSE.topojson-client.txt"],
  ],
  "world-atlas": [
    ["countries-50m.json", "countries-50m.json"],
    ["LICENSE", "LICENSE.world-atlas.txt"],
  ],
};

if (!existsSync(modules)) {
  console.error("web/node_modules is missing: run `npm --prefix web ci` first");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
const manifest = { built: new Date().toISOString(), packages: {} };
for (const [pkg, files] of Object.entries(FILES)) {
  const meta = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  manifest.packages[pkg] = { version: meta.version, license: meta.license, files: [] };
  for (const [src, dest] of files) {
    const target = join(out, dest);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(modules, pkg, src), target);
    manifest.packages[pkg].files.push(dest);
  }
}
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`vendor assets written to ${out}`);
