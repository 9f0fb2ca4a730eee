#!/usr/bin/env node
/**
 * Lighthouse performance score of docs pages against a running production server, with the
 * system Chromium, headless. Prints one line per page and exits 1 below the threshold.
 *
 * Usage: node scripts/lighthouse-docs.mjs [--url http://localhost:3000] [--min 95] [--runs 5]
 *          [--desktop] [path ...]
 *   default paths: /docs /docs/getting-started /docs/errors /docs/api/resources
 *   --runs N scores each page N times and keeps the median run (Lighthouse's own advice for
 *   noisy machines); the threshold applies to the median.
 * Start the server first, e.g. NODE_ENV=production PORT=3000 node dist/server.js
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  if (index === -1) return fallback;
  const [value] = args.splice(index, 2).slice(1);
  return value;
};
const base = option(
  "--url",
  process.env.DOCS_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
);
const min = Number(option("--min", "95"));
const runs = Math.max(1, Number(option("--runs", "1")));
const desktop = args.includes("--desktop");
const paths = args.filter((arg) => !arg.startsWith("--"));
const targets =
  paths.length > 0
    ? paths
    : ["/docs", "/docs/getting-started", "/docs/errors", "/docs/api/resources"];
const chrome = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const cli = path.resolve("node_modules", "lighthouse", "cli", "index.js");
const work = mkdtempSync(path.join(tmpdir(), "lighthouse-docs-"));

try {
  const res = await fetch(new URL("/docs", base), { redirect: "manual" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
} catch (error) {
  console.error(
    `No docs server at ${base} (${error.cause?.code ?? error.message}). Start one first, e.g.\n` +
      "  npm run build && NODE_ENV=production PORT=3000 node dist/server.js\n" +
      "or point --url (or DOCS_URL) at it.",
  );
  process.exit(2);
}

let failed = false;
try {
  for (const target of targets) {
    const url = new URL(target, base).toString();
    const results = [];
    for (let attempt = 0; results.length < runs && attempt < runs + 3; attempt++) {
      const output = path.join(work, "report.json");
      try {
        await run(
          process.execPath,
          [
            cli,
            url,
            "--only-categories=performance",
            "--output=json",
            `--output-path=${output}`,
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run",
            ...(desktop ? ["--preset=desktop"] : []),
          ],
          {
            env: { ...process.env, CHROME_PATH: chrome },
            timeout: 180_000,
            maxBuffer: 64 * 1024 * 1024,
          },
        );
      } catch (error) {
        // Lighthouse occasionally loses the trace (NO_NAVSTART) on a busy machine: run again.
        console.error(
          `  retrying ${target}: ${
            String(error.stderr ?? error.message)
              .trim()
              .split("\n")[0]
          }`,
        );
        continue;
      }
      const report = JSON.parse(readFileSync(output, "utf8"));
      const metric = (id) => report.audits[id]?.displayValue ?? "-";
      results.push({
        score: Math.round((report.categories.performance.score ?? 0) * 100),
        detail: `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, CLS ${metric("cumulative-layout-shift")}`,
      });
    }
    if (results.length === 0) {
      console.log(`  -  ${target}  (no run completed)`);
      failed = true;
      continue;
    }
    results.sort((a, b) => a.score - b.score);
    const median = results[Math.floor(results.length / 2)];
    const spread = runs > 1 ? ` [runs: ${results.map((r) => r.score).join(" ")}]` : "";
    console.log(`${String(median.score).padStart(3)}  ${target}  (${median.detail})${spread}`);
    if (median.score < min) failed = true;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `Lighthouse ${desktop ? "desktop" : "mobile (default throttling)"}, median of ${runs} run(s) per page; threshold ${min}.`,
);
if (failed) process.exit(1);
