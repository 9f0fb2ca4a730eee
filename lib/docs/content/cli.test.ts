import { describe, expect, it } from "vitest";
import { COMMANDS } from "@/cli/commands";
import { GLOBAL_OPTIONS } from "@/cli/global-options";
import { cliPage } from "./cli";

describe("the CLI docs page", () => {
  const page = cliPage();
  const subsections = page.sections.flatMap((s) => s.subsections ?? []);
  const text = JSON.stringify(page);

  it("has a part for every command, with its flags and examples, from the CLI's own definitions", () => {
    expect(subsections).toHaveLength(COMMANDS.length);
    for (const spec of COMMANDS) {
      const part = subsections.find((s) => s.id === spec.path.join("-"));
      expect(part, spec.path.join(" ")).toBeDefined();
      expect(part!.title.startsWith(`cloud ${spec.path.join(" ")}`)).toBe(true);
      const body = JSON.stringify(part);
      for (const option of spec.options ?? []) expect(body).toContain(`\`${option.flags}\``);
      for (const example of spec.examples)
        expect(body).toContain(JSON.stringify(example).slice(1, -1));
    }
  });

  it("lists the global flags and the exit codes", () => {
    for (const option of GLOBAL_OPTIONS) expect(text).toContain(`\`${option.flags}\``);
    expect(text).toContain("Exit codes");
  });

  it("has unique anchors", () => {
    const ids = [...page.sections.map((s) => s.id), ...subsections.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
