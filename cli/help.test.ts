import { describe, expect, it } from "vitest";
import { COMMANDS, GROUPS } from "./commands";
import { GLOBAL_OPTIONS } from "./program";
import { runCapture } from "./testing/run-cli";

const env = { HOME: "/nonexistent", CLOUD_CONFIG: "/nonexistent/config.json" };

describe("cloud --help", () => {
  it("lists every group with examples", async () => {
    const { code, stdout } = await runCapture(["--help"], { env });
    expect(code).toBe(0);
    for (const group of GROUPS) expect(stdout).toContain(`  ${group.name} `);
    expect(stdout).toContain("Examples:\n  $ cloud login");
    for (const option of GLOBAL_OPTIONS) expect(stdout).toContain(option.flags);
  });

  it.each(COMMANDS.map((c) => [c.path.join(" "), c] as const))(
    "cloud %s --help lists its arguments, flags, the global flags and examples",
    async (_, spec) => {
      const { code, stdout, stderr } = await runCapture([...spec.path, "--help"], { env });
      expect(code, stderr).toBe(0);
      expect(stdout).toContain(`Usage: cloud ${spec.path.join(" ")}`);
      for (const arg of spec.args ?? []) expect(stdout).toContain(arg.name);
      for (const option of spec.options ?? []) expect(stdout).toContain(option.flags);
      expect(stdout).toContain("Global Options:");
      expect(spec.examples.length).toBeGreaterThan(0);
      for (const example of spec.examples) {
        expect(
          example.startsWith(`cloud ${spec.path.join(" ")}`) ||
            example.includes(` cloud ${spec.path.join(" ")}`),
        ).toBe(true);
        expect(stdout).toContain(`$ ${example}`);
      }
    },
  );

  it("cloud --version prints the version and exits 0", async () => {
    const { code, stdout } = await runCapture(["--version"], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
