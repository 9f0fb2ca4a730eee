import { COMMANDS } from "./commands";
import { longFlag } from "./options";
import { bodyTargetOf, isRecord, queryTargetOf, sendsBody } from "./request";
import type { CommandSpec, OptionSpec } from "./spec";

/** An API request as the docs show it: the operation's template and the path actually sent. */
export interface RequestToExpress {
  method: string;
  /** /v1/resources/{id} */
  template: string;
  /** /v1/resources/res_123?limit=2, or under /sandbox/v1. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word: as it is when that is safe, else single-quoted. */
export function shellWord(text: string): string {
  return PLAIN_WORD.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The path parameters of a path that fits an OpenAPI template, or null when it does not fit. */
export function matchPathTemplate(
  template: string,
  pathname: string,
): Record<string, string> | null {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, n) => {
    names.push(n);
    return "([^/]+)";
  });
  const match = new RegExp(`^${pattern}$`).exec(pathname);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The flags for one body value, or null when the option cannot say it. */
function bodyFlags(option: OptionSpec, value: unknown): string[] | null {
  const flag = longFlag(option.flags);
  switch (bodyTargetOf(option)?.as ?? "text") {
    case "integer":
      return Number.isInteger(value) ? [flag, String(value)] : null;
    case "flag":
      return value === true ? [flag] : null;
    case "labels":
      if (!isRecord(value) || !Object.values(value).every((v) => typeof v === "string"))
        return null;
      return Object.entries(value).flatMap(([k, v]) => [flag, shellWord(`${k}=${v}`)]);
    case "json":
      return isRecord(value) ? [flag, shellWord(JSON.stringify(value))] : null;
    default:
      if (option.repeatable && Array.isArray(value) && value.every((v) => typeof v === "string"))
        return value.flatMap((v) => [flag, shellWord(v)]);
      return typeof value === "string" ? [flag, shellWord(value)] : null;
  }
}

/** Flags that produce `body` (every field of it, nothing else), or null. */
function flagsForBody(spec: CommandSpec, body: unknown): string[] | null {
  const fixed = spec.request?.body ?? {};
  const options = spec.options ?? [];
  const flags: string[] = [];
  const walk = (value: Record<string, unknown>, prefix: string): boolean => {
    for (const [key, child] of Object.entries(value)) {
      const at = prefix ? `${prefix}.${key}` : key;
      const option = options.find((o) => bodyTargetOf(o)?.body === at);
      if (option) {
        const said = bodyFlags(option, child);
        if (!said) return false;
        flags.push(...said);
      } else if (!prefix && key in fixed) {
        if (!sameValue(fixed[key], child)) return false;
      } else if (!isRecord(child) || !walk(child, at)) return false;
    }
    return true;
  };
  if (body === undefined) return sendsBody(spec) && Object.keys(fixed).length > 0 ? null : flags;
  if (!isRecord(body) || !sendsBody(spec)) return null;
  if (!Object.entries(fixed).every(([k, v]) => sameValue(body[k], v))) return null;
  return walk(body, "") ? flags : null;
}

function flagsForQuery(spec: CommandSpec, query: URLSearchParams): string[] | null {
  const flags: string[] = [];
  for (const [name, value] of query) {
    const option = (spec.options ?? []).find((o) => queryTargetOf(o) === name);
    if (!option) return null;
    // A flag without a value (--revoke-keys) sends "true"; it cannot say anything else.
    if (!option.flags.includes("<")) {
      if (value !== "true") return null;
      flags.push(longFlag(option.flags));
    } else flags.push(longFlag(option.flags), shellWord(value));
  }
  return flags;
}

/** Joins words into one line, or one flag and its value per line when that is long. */
function layout(words: string[], firstFlag: number): string {
  const line = words.join(" ");
  if (line.length <= 78 || firstFlag >= words.length) return line;
  const lines = [words.slice(0, firstFlag).join(" ")];
  for (let i = firstFlag; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      lines.push(`${word} ${next}`);
      i++;
    } else lines.push(word);
  }
  return lines.join(" \\\n  ");
}

/**
 * The `cloud` command line that sends exactly this request (same method, path, query and body),
 * made from the commands' own definitions; null when no command can say it. The inverse of
 * buildCall, so a docs sample's CLI tab is the parser's own reading of it.
 */
export function commandLineFor(
  request: RequestToExpress,
  commands: CommandSpec[] = COMMANDS,
): string | null {
  const url = new URL(request.path, "http://x");
  const sandbox = url.pathname.startsWith("/sandbox/");
  const pathname = sandbox ? url.pathname.slice("/sandbox".length) : url.pathname;
  const global: string[] = sandbox ? ["--sandbox"] : [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() !== "idempotency-key" || request.method !== "POST") return null;
    global.push("--idempotency-key", shellWord(value));
  }
  const params = matchPathTemplate(request.template, pathname);
  if (!params) return null;
  for (const spec of commands) {
    if (spec.request?.method !== request.method || spec.request.path !== request.template) continue;
    const args = (spec.args ?? []).map((arg) => params[arg.param ?? arg.name]);
    if (args.some((a) => a === undefined) || args.length !== Object.keys(params).length) continue;
    const queryFlags = flagsForQuery(spec, url.searchParams);
    const bodyFlagList = flagsForBody(spec, request.body);
    if (!queryFlags || !bodyFlagList) continue;
    // A request without a required flag's field is one the parser refuses before sending.
    const given = new Set([...queryFlags, ...bodyFlagList]);
    if ((spec.options ?? []).some((o) => o.required && !given.has(longFlag(o.flags)))) continue;
    const head = ["cloud", ...spec.path, ...(args as string[]).map(shellWord)];
    return layout([...head, ...queryFlags, ...bodyFlagList, ...global], head.length);
  }
  return null;
}
