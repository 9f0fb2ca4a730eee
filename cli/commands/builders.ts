import { type ApiCall, allItems, callApi } from "../api";
import { UsageError } from "../errors";
import { valueAt } from "../output";
import type { CommandContext, CommandInput, CommandSpec, OptionSpec, TableView } from "../spec";

/** commander's key for a flag: "--per-page <n>" is perPage, "-n, --name <name>" is name. */
export function optionKey(flags: string): string {
  const long = /--([a-z0-9-]+)/.exec(flags)?.[1] ?? "";
  return long.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function stringOption(input: CommandInput, flags: string): string | undefined {
  const value = input.options[optionKey(flags)];
  return typeof value === "string" ? value : undefined;
}

export function listOption(input: CommandInput, flags: string): string[] | undefined {
  const value = input.options[optionKey(flags)];
  return Array.isArray(value) ? value.map(String) : undefined;
}

export function integerOption(input: CommandInput, flags: string): number | undefined {
  const text = stringOption(input, flags);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flags.split(" ")[0]} must be a whole number`);
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
  input: CommandInput,
  flags: string,
): Record<string, unknown> | undefined {
  const text = stringOption(input, flags);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${flags.split(" ")[0]} must be a JSON object, e.g. '{"size":"s-2vcpu-4gb"}'`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${flags.split(" ")[0]} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Only the keys that have a value (the API tells "absent" from "null"). */
export function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

export const PAGING_OPTIONS: OptionSpec[] = [
  { flags: "--limit <n>", description: "Items per page, 1-100 (cursor mode)" },
  {
    flags: "--cursor <cursor>",
    description: "The page after this one: meta.next_cursor of the last answer",
  },
  { flags: "--page <n>", description: "Page number, from 1 (page mode)" },
  { flags: "--per-page <n>", description: "Items per page in page mode, 1-100" },
  { flags: "--all", description: "Every page; with -o json, one array of every item" },
];

/** A filter flag and the query parameter it sets. */
export interface FilterSpec extends OptionSpec {
  query: string;
}

const ID_ARG = { name: "id", description: "The object's id" };

function pagingQuery(input: CommandInput): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [flags, name] of [
    ["--limit", "limit"],
    ["--cursor", "cursor"],
    ["--page", "page"],
    ["--per-page", "per_page"],
  ] as const) {
    const value = stringOption(input, flags);
    if (value !== undefined) query[name] = value;
  }
  return query;
}

function filterQuery(input: CommandInput, filters: FilterSpec[]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const filter of filters) {
    const value = input.options[optionKey(filter.flags)];
    if (value !== undefined) query[filter.query] = value;
  }
  return query;
}

/** Says on stderr (never stdout, which scripts read) how to get the next page. */
function pageHint(ctx: CommandContext, value: unknown): void {
  if (ctx.output.format !== "table" || ctx.output.quiet) return;
  const meta = valueAt(value, "meta");
  if (valueAt(meta, "has_more") !== true) return;
  const shown = (valueAt(value, "data") as unknown[] | undefined)?.length ?? 0;
  const total = valueAt(meta, "total");
  const cursor = valueAt(meta, "next_cursor");
  ctx.io.stderr.write(
    `${shown} of ${String(total)} shown; next page: --cursor ${String(cursor)} (or --all)\n`,
  );
}

export function listCommand(def: {
  path: string[];
  summary: string;
  api: string;
  filters?: FilterSpec[];
  /** Path parameters taken as arguments (a list under an object: deliveries of an endpoint). */
  pathArgs?: Array<{ name: string; param: string; description: string }>;
  view: TableView;
  examples: string[];
  description?: string;
}): CommandSpec {
  const filters = def.filters ?? [];
  return {
    path: def.path,
    summary: def.summary,
    description: def.description,
    args: def.pathArgs?.map((a) => ({ name: a.name, description: a.description })),
    options: [...filters, ...PAGING_OPTIONS],
    examples: def.examples,
    async run(ctx, input) {
      const pathParams = def.pathArgs
        ? Object.fromEntries(def.pathArgs.map((a, i) => [a.param, input.args[i]!]))
        : undefined;
      const query = filterQuery(input, filters);
      const paging = pagingQuery(input);
      if (input.options.all) {
        if (Object.keys(paging).length > 0) {
          throw new UsageError(
            "--all pages by itself; drop --limit, --cursor, --page and --per-page",
          );
        }
        const items = await allItems(ctx.client(), def.api, { path: pathParams, query });
        return ctx.output.items(items, def.view);
      }
      const answer = await callApi(ctx.client(), {
        method: "GET",
        path: def.api,
        params: { path: pathParams, query: { ...query, ...paging } },
      });
      ctx.output.answer(answer, def.view);
      pageHint(ctx, answer.value);
    },
  };
}

export function getCommand(def: {
  path: string[];
  summary: string;
  api: string;
  view: TableView;
  examples: string[];
}): CommandSpec {
  return {
    path: def.path,
    summary: def.summary,
    args: [ID_ARG],
    examples: def.examples,
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), {
        method: "GET",
        path: def.api,
        params: { path: { id: input.args[0]! } },
      });
      ctx.output.answer(answer, def.view);
    },
  };
}

export function deleteCommand(def: {
  path: string[];
  summary: string;
  api: string;
  examples: string[];
}): CommandSpec {
  return {
    path: def.path,
    summary: def.summary,
    args: [ID_ARG],
    examples: def.examples,
    async run(ctx, input) {
      const id = input.args[0]!;
      const answer = await callApi(ctx.client(), {
        method: "DELETE",
        path: def.api,
        params: { path: { id } },
      });
      if (ctx.output.quiet) return ctx.io.stdout.write(`${id}\n`);
      if (ctx.output.format === "table") return ctx.output.note(`Deleted ${id}`);
      // 204 has no body; whatever the API sent is printed as sent.
      if (answer.text) ctx.output.answer(answer, { columns: [] });
    },
  };
}

export const WAIT_OPTIONS: OptionSpec[] = [
  { flags: "--wait", description: "Wait until the resource reaches its new status, then print it" },
  { flags: "--timeout <seconds>", description: "Give up waiting after this long (default 600)" },
];

/**
 * After a change that a job completes (create, stop, start): waits for the status with a
 * spinner on a terminal, then prints the object as the API now answers it.
 */
export async function waitAndPrint(
  ctx: CommandContext,
  input: CommandInput,
  id: string,
  status: string,
  view: TableView,
  getPath: string,
): Promise<void> {
  const timeoutSeconds = integerOption(input, "--timeout <seconds>") ?? 600;
  const client = ctx.client();
  ctx.spinner.start(`Waiting for ${id} to be ${status}`);
  await client.waitFor(id, status, {
    timeoutMs: timeoutSeconds * 1000,
    intervalMs: ctx.io.env.CLOUD_POLL_INTERVAL_MS
      ? Number(ctx.io.env.CLOUD_POLL_INTERVAL_MS)
      : 1000,
    onPoll: (object) =>
      ctx.spinner.update(`Waiting for ${id} to be ${status} (now ${object.status})`),
  });
  ctx.spinner.stop(`${id} is ${status}`);
  const answer = await callApi(client, {
    method: "GET",
    path: getPath,
    params: { path: { id } },
  });
  ctx.output.answer(answer, view);
}

/** POST with a body built from the flags; prints the answer (or waits first with --wait). */
export async function postAndPrint(
  ctx: CommandContext,
  input: CommandInput,
  call: Omit<ApiCall, "method">,
  view: TableView,
  wait?: { status: string; getPath: string },
): Promise<void> {
  const answer = await callApi(ctx.client(), { method: "POST", ...call });
  const id = valueAt(answer.value, "id");
  if (wait && input.options.wait && typeof id === "string") {
    return waitAndPrint(ctx, input, id, wait.status, view, wait.getPath);
  }
  ctx.output.answer(answer, view);
}
