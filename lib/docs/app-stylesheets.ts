import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { configFromEnvironment } from "@/lib/config";

/**
 * The stylesheet(s) Next built for the root layout (Tailwind with the portal's design tokens),
 * found in the build's client reference manifests. The docs pages are static route handlers,
 * so they link the same CSS file the portal uses instead of compiling their own.
 */
export function appStylesheets(): string[] {
  const distDir = path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    configFromEnvironment().nextDistDir,
  );
  const roots = [path.join(distDir, "server", "app"), path.join(distDir, "dev", "server", "app")];
  for (const root of roots) {
    for (const file of manifestFiles(root)) {
      const hrefs = layoutCss(readFileSync(file, "utf8"));
      if (hrefs.length > 0) return hrefs;
    }
  }
  return [];
}

function manifestFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const preferred = path.join(root, "_not-found", "page_client-reference-manifest.js");
  if (existsSync(preferred)) found.push(preferred);
  const walk = (dir: string, depth: number) => {
    if (depth > 6 || found.length > 50) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.name.endsWith("page_client-reference-manifest.js")) found.push(full);
    }
  };
  walk(root, 0);
  return found;
}

/** entryCSSFiles of the root layout ("[project]/app/layout" in Turbopack builds). */
export function layoutCss(manifestSource: string): string[] {
  const start = manifestSource.indexOf("= {");
  if (start === -1) return [];
  const json = manifestSource
    .slice(start + 2)
    .trim()
    .replace(/;\s*$/, "");
  let manifest: { entryCSSFiles?: Record<string, Array<string | { path: string }>> };
  try {
    manifest = JSON.parse(json);
  } catch {
    return [];
  }
  for (const [entry, files] of Object.entries(manifest.entryCSSFiles ?? {})) {
    if (!/(^|\/)app\/layout$/.test(entry)) continue;
    return files.map((file) => `/_next/${typeof file === "string" ? file : file.path}`);
  }
  return [];
}
