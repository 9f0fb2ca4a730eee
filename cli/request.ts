import type { ApiCall } from "./api";
import {
  integerOption,
  jsonObjectOption,
  labelMap,
  listOption,
  optionKey,
  type ParsedOptions,
  stringOption,
  timeValue,
} from "./options";
import type { CommandSpec, OptionSpec, OptionTarget } from "./spec";

type BodyTarget = Extract<OptionTarget, { body: string }>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body field a flag fills, if it fills one. */
export function bodyTargetOf(option: OptionSpec): BodyTarget | null {
  return option.to && "body" in option.to ? option.to : null;
}

export function queryTargetOf(option: OptionSpec): string | null {
  return option.to && "query" in option.to ? option.to.query : null;
}

function queryValue(option: OptionSpec, value: unknown): unknown {
  const timed = option.to && "query" in option.to && option.to.as === "time";
  return timed && typeof value === "string" ? timeValue(value) : value;
}

function bodyValue(option: OptionSpec, target: BodyTarget, input: ParsedOptions): unknown {
  switch (target.as ?? "text") {
    case "integer":
      return integerOption(input, option.flags);
    case "flag":
      return input.options[optionKey(option.flags)] === true ? true : undefined;
    case "labels":
      return labelMap(listOption(input, option.flags));
    case "json":
      return jsonObjectOption(input, option.flags);
    default:
      return option.repeatable
        ? listOption(input, option.flags)
        : stringOption(input, option.flags);
  }
}

function setAt(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let holder = object;
  for (const part of parts.slice(0, -1)) {
    const next = holder[part];
    holder[part] = isRecord(next) ? next : {};
    holder = holder[part] as Record<string, unknown>;
  }
  holder[parts[parts.length - 1]!] = value;
}

/** Whether the command sends a JSON body at all (an empty one when no flag fills it). */
export function sendsBody(spec: CommandSpec): boolean {
  return spec.request?.body !== undefined || (spec.options ?? []).some((o) => bodyTargetOf(o));
}

/**
 * The request a command line makes: path parameters from the arguments, query parameters and
 * body fields from the flags' `to`, on top of the command's fixed body.
 */
export function buildCall(
  spec: CommandSpec,
  input: ParsedOptions & { args: string[] },
  idempotencyKey?: string,
): ApiCall {
  const request = spec.request;
  if (!request) throw new Error(`cloud ${spec.path.join(" ")} makes no single API call`);
  const path: Record<string, string> = {};
  (spec.args ?? []).forEach((arg, index) => {
    const value = input.args[index];
    if (value !== undefined) path[arg.param ?? arg.name] = value;
  });
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> | undefined = sendsBody(spec)
    ? structuredClone(request.body ?? {})
    : undefined;
  for (const option of spec.options ?? []) {
    const queryName = queryTargetOf(option);
    if (queryName) {
      const value = input.options[optionKey(option.flags)];
      if (value !== undefined) query[queryName] = queryValue(option, value);
      continue;
    }
    const target = bodyTargetOf(option);
    if (!target || !body) continue;
    const value = bodyValue(option, target, input);
    if (value !== undefined) setAt(body, target.body, value);
  }
  return {
    method: request.method,
    path: request.path,
    params: { path, query },
    body,
    idempotencyKey: request.method === "POST" ? idempotencyKey : undefined,
  };
}
