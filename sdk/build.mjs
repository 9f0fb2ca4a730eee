// Builds the SDK for npm: ESM and CommonJS bundles (its two dependencies stay external) and the
// type declarations. Run by `npm run build:sdk` in the repository and by `npm pack` here.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const esbuild = require("esbuild");
const dist = path.join(here, "dist");

rmSync(dist, { recursive: true, force: true });
for (const [format, extension] of [
  ["esm", "mjs"],
  ["cjs", "cjs"],
]) {
  esbuild.buildSync({
    entryPoints: [path.join(here, "index.ts")],
    outfile: path.join(dist, `index.${extension}`),
    bundle: true,
    format,
    platform: "neutral",
    target: "es2022",
    external: ["openapi-fetch", "eventsource-parser"],
    logLevel: "warning",
  });
}
const tsc = require.resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(here, "tsconfig.build.json")], {
  stdio: "inherit",
});

// The sources import each other without extensions (Turbopack, Vite and esbuild all resolve
// that); Node's ESM resolution needs them, so the declarations get ".js" added.
for (const entry of readdirSync(dist, { recursive: true })) {
  const file = path.join(dist, String(entry));
  if (!file.endsWith(".d.ts")) continue;
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/(from\s+|import\()"(\.{1,2}\/[^"]+?)(?<!\.js)"/g, '$1"$2.js"'));
}
