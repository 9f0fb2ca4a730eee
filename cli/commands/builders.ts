import { allItems, callApi } from "../api";
import { UsageError } from "../errors";
import { integerOption } from "../options";
import { valueAt } from "../output";
import type {
  ArgSpec,
  CommandContext,
  CommandInput,
  CommandSpec,
  OptionSpec,
  TableView,
} from "../spec";

/** CLOUD_POLL_INTERVAL_MS lets tests poll fast; unset or empty leaves the caller's default. */
export function envPollIntervalMs(ctx: CommandContext): number | undefined {
  const env = ctx.io.env.CLOUD_POLL_INTERVAL_MS;
  return env ? Number(env) : undefined;
}

/** Only the keys that have a value (the API tells "absent" from "null"). */
export function compact(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const PAGING_QUERY = ["limit", "cursor", "page", "per_page"];

export const PAGING_OPTIONS: OptionSpec[] = [
  {
    flags: "--limit <n>",
    description: "Items per page, 1-100 (cursor mode)",
    to: { query: "limit" },
  },
  {
    flags: "--cursor <cursor>",
    description: "The page after this one: meta.next_cursor of the last answer",
    to: { query: "cursor" },
  },
  { flags: "--page <n>", description: "Page number, from 1 (page mode)", to: { query: "page" } },
  {
    flags: "--per-page <n>",
    description: "Items per page in page mode, 1-100",
    to: { query: "per_page" },
  },
  { flags: "--all", description: "Every page; with -o json, one array of every item" },
];

const ID_ARG: ArgSpec = { name: "id", description: "The object's id" };

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
  /** Flags that set query parameters (their `to`). */
  filters?: OptionSpec[];
  /** Path parameters taken as arguments (a list under an object: deliveries of an endpoint). */
  pathArgs?: ArgSpec[];
  view: TableView;
  examples: string[];
  description?: string;
}): CommandSpec {
  return {
    path: def.path,
    summary: def.summary,
    description: def.description,
    args: def.pathArgs,
    options: [...(def.filters ?? []), ...PAGING_OPTIONS],
    examples: def.examples,
    request: { method: "GET", path: def.api },
    async run(ctx, input) {
      const call = input.call();
      const query = call.params?.query ?? {};
      if (input.options.all) {
        if (PAGING_QUERY.some((name) => query[name] !== undefined)) {
          throw new UsageError(
            "--all pages by itself; drop --limit, --cursor, --page and --per-page",
          );
        }
        const items = await allItems(ctx.client(), call.path, call.params);
        return ctx.output.items(items, def.view);
      }
      const answer = await callApi(ctx.client(), call);
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
    request: { method: "GET", path: def.api },
    async run(ctx, input) {
      ctx.output.answer(await callApi(ctx.client(), input.call()), def.view);
    },
  };
}

export function deleteCommand(def: {
  path: string[];
  summary: string;
  api: string;
  examples: string[];
  options?: OptionSpec[];
}): CommandSpec {
  return {
    path: def.path,
    summary: def.summary,
    args: [ID_ARG],
    options: def.options,
    examples: def.examples,
    request: { method: "DELETE", path: def.api },
    async run(ctx, input) {
      const id = input.args[0]!;
      const answer = await callApi(ctx.client(), input.call());
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
    intervalMs: envPollIntervalMs(ctx) ?? 1000,
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

/** Makes the command's call and prints the answer (or, with --wait, waits first). */
export async function callAndPrint(
  ctx: CommandContext,
  input: CommandInput,
  view: TableView,
  wait?: { status: string; getPath: string },
): Promise<void> {
  const answer = await callApi(ctx.client(), input.call());
  const id = valueAt(answer.value, "id");
  if (wait && input.options.wait && typeof id === "string") {
    return waitAndPrint(ctx, input, id, wait.status, view, wait.getPath);
  }
  ctx.output.answer(answer, view);
}
