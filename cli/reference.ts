import { COMMANDS, GROUPS } from "./commands";
import { GLOBAL_OPTIONS } from "./global-options";
import type { CommandSpec } from "./spec";

/** One command as the reference shows it. */
export interface CommandReference {
  usage: string;
  anchor: string;
  summary: string;
  description: string;
  flags: Array<{ flags: string; description: string }>;
  examples: string[];
}

export interface CliReference {
  globalOptions: Array<{ flags: string; description: string }>;
  groups: Array<{ name: string; summary: string; commands: CommandReference[] }>;
}

function usageOf(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => (a.required === false ? `[${a.name}]` : `<${a.name}>`));
  return ["cloud", ...spec.path, ...args, ...(spec.options?.length ? ["[flags]"] : [])].join(" ");
}

function referenceOf(spec: CommandSpec): CommandReference {
  return {
    usage: usageOf(spec),
    anchor: spec.path.join("-"),
    summary: spec.summary,
    description: spec.description ?? spec.summary,
    flags: (spec.options ?? []).map((o) => ({
      flags: o.flags,
      description: `${o.description}${o.required ? " (required)" : ""}${o.choices ? `; one of ${o.choices.join(", ")}` : ""}`,
    })),
    examples: spec.examples,
  };
}

/**
 * Every command from the same definitions the parser is built from, grouped by their first word
 * (commands without a group, such as login and usage, are a group of their own).
 */
export function cliReference(): CliReference {
  const groups = new Map<string, { name: string; summary: string; commands: CommandReference[] }>();
  for (const spec of COMMANDS) {
    const name = spec.path.length > 1 ? spec.path[0]! : spec.path.join(" ");
    let group = groups.get(name);
    if (!group) {
      group = {
        name,
        summary: GROUPS.find((g) => g.name === name)?.summary ?? spec.summary,
        commands: [],
      };
      groups.set(name, group);
    }
    group.commands.push(referenceOf(spec));
  }
  return {
    globalOptions: GLOBAL_OPTIONS.map((o) => ({ flags: o.flags, description: o.description })),
    groups: [...groups.values()],
  };
}
