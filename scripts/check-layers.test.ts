import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run check:layers` (dependency-cruiser with .dependency-cruiser.cjs) passes on the tree and
 * fails on each kind of forbidden import. The planted files go into a copy of the tree, so a build
 * or type check running beside this test never sees them.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const COPIED = [
  "package.json",
  "tsconfig.json",
  ".dependency-cruiser.cjs",
  "lib",
  "components",
  "app",
  "scripts",
  "server.ts",
  "api-server.ts",
  "proxy.ts",
];

interface LayerReport {
  status: number;
  output: string;
  /** `<rule> <from>` per violation. */
  reported: string[];
}

/** Runs the npm script as CI does; its report lists `error <rule>: <from> → ...` per violation. */
function checkLayers(cwd: string): Promise<LayerReport> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "-s", "check:layers"],
      { cwd, encoding: "utf8" },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const reported = [...output.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map(
          (m) => `${m[1]} ${m[2]}`,
        );
        resolve({ status: error ? Number(error.code ?? 1) : 0, output, reported });
      },
    );
  });
}

function plantedCopy(): string {
  const copy = mkdtempSync(path.join(tmpdir(), "check-layers-"));
  for (const entry of COPIED) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  for (const planted of PLANTED) {
    mkdirSync(path.dirname(path.join(copy, planted.file)), { recursive: true });
    writeFileSync(path.join(copy, planted.file), `${planted.source}\n`);
  }
  return copy;
}

/** Each file breaks one rule; `from` is where the rule reports it (a folder for cycles). */
const PLANTED: { rule: string; file: string; source: string; from?: string }[] = [
  {
    rule: "lib-not-to-app",
    file: "lib/usage/planted.ts",
    source: 'export { Button } from "@/components/ui/button";',
  },
  {
    rule: "components-not-to-server",
    file: "components/planted/store.ts",
    source: 'export type { Database } from "@/lib/db/schema";',
  },
  {
    rule: "components-not-to-server-only",
    file: "components/planted/session.ts",
    source: 'export * from "@/lib/portal/current-context";',
  },
  {
    rule: "ui-only-utils",
    file: "components/ui/planted.ts",
    source: 'export { ROLES } from "@/lib/catalog/roles";',
  },
  {
    rule: "domain-not-to-surfaces",
    file: "lib/billing/planted.ts",
    source: 'export type { Runtime } from "@/lib/runtime";',
  },
  {
    rule: "db-not-to-domain",
    file: "lib/db/planted.ts",
    source: 'export type { ApiKeyView } from "@/lib/keys/api-key-view";',
  },
  {
    rule: "catalog-is-a-leaf",
    file: "lib/catalog/planted.ts",
    source: 'export { cn } from "@/lib/utils";',
  },
  {
    rule: "testing-not-shipped",
    file: "app/planted.ts",
    source: 'export * from "@/lib/testing/fixtures";',
  },
  {
    // lib/keys already imports lib/pagination: a type-only import back closes a cycle.
    rule: "no-cycles-between-lib-folders",
    file: "lib/pagination/planted.ts",
    source: 'export type { ApiKeyView } from "@/lib/keys/api-key-view";',
    from: "lib/pagination",
  },
];

describe("npm run check:layers", () => {
  let copy = "";
  let tree: LayerReport;
  let planted: LayerReport;

  // The two runs take a few seconds each: run them side by side.
  beforeAll(async () => {
    copy = plantedCopy();
    [tree, planted] = await Promise.all([checkLayers(ROOT), checkLayers(copy)]);
  }, 120_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("passes on the tree as it is", () => {
    expect(tree.reported).toEqual([]);
    expect(tree.output).toContain("no dependency violations found");
    expect(tree.status).toBe(0);
  });

  it("fails on a planted import that breaks each rule", () => {
    expect(planted.status).not.toBe(0);
    for (const p of PLANTED) expect(planted.reported).toContain(`${p.rule} ${p.from ?? p.file}`);
    // Nothing else breaks a rule: only the planted files, and the folder cycles they close.
    const places = PLANTED.flatMap((p) => [p.file, path.dirname(p.file)]);
    for (const line of planted.reported) {
      const plantedHere = places.some((place) => line.endsWith(` ${place}`));
      expect(plantedHere || line.startsWith("no-cycles-between-lib-folders ")).toBe(true);
    }
  });
});
