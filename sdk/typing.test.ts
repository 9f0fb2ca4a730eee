import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const sdkDir = path.resolve(import.meta.dirname);
const fixture = path.join(sdkDir, "type-fixtures/misuse.ts");

function markedLines(file: string): number[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, index) => (/\/\/ refused:/.test(line) ? [index + 1] : []));
}

describe("SDK types", () => {
  it("tsc refuses unknown paths, wrong bodies and wrong params, on exactly the marked lines", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sdk-types-"));
    try {
      const tsconfig = path.join(dir, "tsconfig.json");
      writeFileSync(
        tsconfig,
        JSON.stringify({
          extends: path.join(sdkDir, "tsconfig.build.json"),
          compilerOptions: { noEmit: true, declaration: false, emitDeclarationOnly: false },
          files: [fixture],
        }),
      );
      const tsc = path.resolve(sdkDir, "../node_modules/typescript/bin/tsc");
      const result = await run(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"]).then(
        () => ({ code: 0, stdout: "" }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(result.code).not.toBe(0);
      const errorLines = [
        ...new Set(
          [...result.stdout.matchAll(/misuse\.ts\((\d+),\d+\): error TS\d+/g)].map((m) =>
            Number(m[1]),
          ),
        ),
      ].sort((a, b) => a - b);
      expect(errorLines).toEqual(markedLines(fixture));
      expect(result.stdout).not.toMatch(/^(?!.*misuse\.ts).*error TS/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A whole tsc run: over 30 s on a slow, shared 2-core machine beside the browser suite.
  }, 120_000);
});
