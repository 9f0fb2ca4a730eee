import { UsageError } from "./errors";

/** The parsed flags of one command, by commander's key. */
export interface ParsedOptions {
  options: Record<string, unknown>;
}

/** The long flag of a flags string: "-n, --name <name>" is --name. */
export function longFlag(flags: string): string {
  return /--[a-z0-9-]+/.exec(flags)?.[0] ?? flags;
}

/** commander's key for a flag: "--per-page <n>" is perPage, "-n, --name <name>" is name. */
export function optionKey(flags: string): string {
  return longFlag(flags)
    .slice(2)
    .replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function stringOption(input: ParsedOptions, flags: string): string | undefined {
  const value = input.options[optionKey(flags)];
  return typeof value === "string" ? value : undefined;
}

export function listOption(input: ParsedOptions, flags: string): string[] | undefined {
  const value = input.options[optionKey(flags)];
  return Array.isArray(value) ? value.map(String) : undefined;
}

export function integerOption(input: ParsedOptions, flags: string): number | undefined {
  const text = stringOption(input, flags);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${longFlag(flags)} must be a whole number`);
  return Number(text);
}

/** --label env=prod --label team=web -> { env: "prod", team: "web" }. */
export function labelMap(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--label takes key=value, not "${pair}"`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

export function jsonObjectOption(
  input: ParsedOptions,
  flags: string,
): Record<string, unknown> | undefined {
  const text = stringOption(input, flags);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${longFlag(flags)} must be a JSON object, e.g. '{"size":"s-2vcpu-4gb"}'`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${longFlag(flags)} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

const AGE = /^(\d{1,6})(s|m|h|d)$/;
const AGE_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A time flag's value: an age (30s, 15m, 2h, 7d) is that long before now, as ISO 8601; anything
 * else is sent as written (the API says what is wrong with a malformed time).
 */
export function timeValue(text: string, now: Date = new Date()): string {
  const age = AGE.exec(text.trim());
  if (!age) return text;
  return new Date(now.getTime() - Number(age[1]) * AGE_MS[age[2]!]!).toISOString();
}
