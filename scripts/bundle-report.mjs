#!/usr/bin/env node
/**
 * First-load JavaScript per route, gzip, from a production build (NEXT_DIST_DIR or .next).
 *
 * - App Router pages: the root main files of build-manifest.json plus every entry chunk of the
 *   route's segments (its client reference manifest), each file counted once; nomodule polyfills
 *   are left out, as modern browsers never load them.
 * - Static HTML answered by route handlers (the docs): the scripts the prerendered HTML really
 *   loads (<script src>, local files or other prerendered routes) plus its inline scripts.
 *
 * Usage: node scripts/bundle-report.mjs [--prefix /docs] [--max 120] [--json]
 *   --max N exits 1 when a listed route is above N kB, so CI can hold a budget.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const prefix = option("--prefix") ?? "/";
const max = option("--max") === undefined ? undefined : Number(option("--max"));
const asJson = args.includes("--json");

const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
if (!existsSync(path.join(distDir, "build-manifest.json"))) {
  console.error(
    `No production build in ${distDir}: run next build first (NEXT_DIST_DIR selects the folder).`,
  );
  process.exit(2);
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gzipCache.get(file);
}

const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
const polyfills = new Set(buildManifest.polyfillFiles ?? []);
const rootMain = (buildManifest.rootMainFiles ?? []).filter((file) => !polyfills.has(file));

/** The JSON object a client reference manifest assigns to globalThis.__RSC_MANIFEST[...]. */
function readClientManifest(file) {
  const source = readFileSync(file, "utf8");
  const start = source.indexOf("= {");
  return JSON.parse(
    source
      .slice(start + 2)
      .trim()
      .replace(/;\s*$/, ""),
  );
}

function walk(dir, visit) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else visit(full);
  }
}

const rows = [];
const appDir = path.join(distDir, "server", "app");

// App Router pages (static or dynamic): manifests.
walk(appDir, (file) => {
  if (!file.endsWith("page_client-reference-manifest.js")) return;
  const relative = path.relative(appDir, path.dirname(file)).split(path.sep).join("/");
  if (relative.startsWith("_global-error")) return;
  // Route groups "(auth)" are not part of the URL.
  const route =
    `/${relative}`
      .replace(/\/\([^/]+\)/g, "")
      .replace(/\/+/g, "/")
      .replace(/(.)\/$/, "$1") || "/";
  const manifest = readClientManifest(file);
  const files = new Set(rootMain);
  for (const chunks of Object.values(manifest.entryJSFiles ?? {})) {
    for (const chunk of chunks) if (!polyfills.has(chunk)) files.add(chunk);
  }
  const bytes = [...files].reduce((sum, chunk) => sum + gzipBytes(path.join(distDir, chunk)), 0);
  rows.push({ route, kind: "app page", files: files.size, bytes });
});

// Prerendered HTML from route handlers: what the HTML itself loads.
function prerenderedBody(url) {
  const clean = url.split("?")[0];
  const body = path.join(appDir, `${clean}.body`);
  return existsSync(body) ? body : null;
}
walk(appDir, (file) => {
  if (!file.endsWith(".meta")) return;
  const meta = JSON.parse(readFileSync(file, "utf8"));
  const type = meta.headers?.["content-type"] ?? "";
  const body = file.replace(/\.meta$/, ".body");
  if (!type.startsWith("text/html") || !existsSync(body)) return;
  const html = readFileSync(body, "utf8");
  const route = `/${path
    .relative(appDir, body)
    .split(path.sep)
    .join("/")
    .replace(/\.body$/, "")}`;
  let bytes = 0;
  let files = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1] ?? "";
    if (/\bnomodule\b/i.test(attributes)) continue;
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (!src) {
      if ((match[2] ?? "").trim()) bytes += gzipSync(match[2], { level: 9 }).length;
      continue;
    }
    const local = src.startsWith("/_next/")
      ? path.join(distDir, src.slice("/_next/".length).split("?")[0])
      : prerenderedBody(src);
    if (local && existsSync(local)) {
      bytes += gzipBytes(local);
      files += 1;
    } else {
      console.error(`warning: ${route} loads ${src}, which is not in the build`);
    }
  }
  rows.push({ route, kind: "static html", files, bytes });
});

const shown = rows
  .filter((row) => row.route.startsWith(prefix))
  .sort((a, b) => a.route.localeCompare(b.route));
const kb = (bytes) => (bytes / 1000).toFixed(1);

if (asJson) {
  console.log(
    JSON.stringify(
      shown.map((row) => ({ ...row, kB: Number(kb(row.bytes)) })),
      null,
      2,
    ),
  );
} else {
  const width = Math.max(5, ...shown.map((row) => row.route.length));
  console.log(
    `First-load JavaScript per route (gzip, kB = 1000 bytes) from ${path.relative(process.cwd(), distDir) || "."}`,
  );
  console.log(
    `${"Route".padEnd(width)}  ${"Kind".padEnd(11)}  ${"Files".padStart(5)}  ${"JS gzip".padStart(8)}`,
  );
  for (const row of shown) {
    console.log(
      `${row.route.padEnd(width)}  ${row.kind.padEnd(11)}  ${String(row.files).padStart(5)}  ${`${kb(row.bytes)} kB`.padStart(8)}`,
    );
  }
}

if (max !== undefined) {
  const over = shown.filter((row) => row.bytes / 1000 > max);
  for (const row of over)
    console.error(`over budget: ${row.route} ${kb(row.bytes)} kB > ${max} kB`);
  if (over.length > 0) process.exit(1);
}
