import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const sdkDir = path.resolve(import.meta.dirname);
const manifest = JSON.parse(readFileSync(path.join(sdkDir, "package.json"), "utf8")) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

describe("the SDK as an npm package", () => {
  it("npm pack builds it and ships the bundles, the declarations and nothing else", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts=false"], {
      cwd: sdkDir,
      maxBuffer: 10 * 1024 * 1024,
    });
    // prepack's build output comes before the JSON on stdout.
    const packed = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{
      name: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0]!.files.map((f) => f.path).sort();
    expect(packed[0]!.name).toBe("@cloud-api-platform/sdk");
    expect(files).toEqual(
      [
        "README.md",
        "package.json",
        "dist/index.mjs",
        "dist/index.cjs",
        "dist/index.d.ts",
        "dist/client.d.ts",
        "dist/deployments-api.d.ts",
        "dist/events-api.d.ts",
        "dist/statuses.d.ts",
        "dist/errors.d.ts",
        "dist/event-stream.d.ts",
        "dist/paginate.d.ts",
        "dist/request-log-tail.d.ts",
        "dist/request-logs-api.d.ts",
        "dist/transport.d.ts",
        "dist/types.d.ts",
        "dist/version.d.ts",
        "dist/wait-for.d.ts",
        "dist/webhook-signing.d.ts",
        "dist/generated/openapi.d.ts",
      ].sort(),
    );

    // Both builds load and import only the two declared dependencies.
    const esm = (await import(pathToFileURL(path.join(sdkDir, "dist/index.mjs")).href)) as {
      createClient: unknown;
      SDK_VERSION: string;
      SDK_PACKAGE: string;
    };
    const cjs = createRequire(import.meta.url)(path.join(sdkDir, "dist/index.cjs")) as {
      createClient: unknown;
      CloudApiError: unknown;
    };
    expect(typeof esm.createClient).toBe("function");
    expect(typeof cjs.createClient).toBe("function");
    expect(typeof cjs.CloudApiError).toBe("function");
    expect(esm.SDK_VERSION).toBe(manifest.version);
    expect(esm.SDK_PACKAGE).toBe(manifest.name);
    for (const file of ["dist/index.mjs", "dist/index.cjs"]) {
      const text = readFileSync(path.join(sdkDir, file), "utf8");
      const imported = [
        ...text.matchAll(/(?:from\s+|require\()["']([^"']+)["']/g),
        ...text.matchAll(/import\s*\(\s*["']([^"']+)["']/g),
      ].map((m) => m[1]);
      expect(new Set(imported)).toEqual(new Set(Object.keys(manifest.dependencies)));
    }
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "eventsource-parser",
      "openapi-fetch",
    ]);
    // Node's ESM resolution (moduleResolution NodeNext) needs the extension on relative imports.
    for (const file of files.filter((f) => f.endsWith(".d.ts"))) {
      const text = readFileSync(path.join(sdkDir, file), "utf8");
      const relative = [...text.matchAll(/(?:from\s+|import\()"(\.[^"]+)"/g)].map((m) => m[1]);
      for (const specifier of relative) expect(specifier, file).toMatch(/\.js$/);
    }
  }, 120_000);
});
