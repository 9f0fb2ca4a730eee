import type { RequestLog, RequestLogTailOptions } from "@/sdk";
import { callApi } from "../api";
import { formatDelay, wantsJsonLines } from "../event-feed";
import { integerOption, type ParsedOptions, stringOption, timeValue } from "../options";
import { valueAt } from "../output";
import type { CommandContext, CommandSpec, OptionSpec, TableView } from "../spec";
import { envPollIntervalMs, listCommand } from "./builders";
import { JSON_LINES_OPTION } from "./events";
import { when } from "./views";

const REQUEST_ID = "req_8sKq2LmT4cVb9NxW3pQa";

const millis = (value: unknown) => (typeof value === "number" ? value.toFixed(1) : "");
const caller = (_: unknown, row: unknown) =>
  String(valueAt(row, "api_key.prefix") ?? valueAt(row, "member.email") ?? "");

export const LOG_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "TIME", path: "created_at", format: when },
    { header: "METHOD", path: "method" },
    { header: "STATUS", path: "status" },
    { header: "PATH", path: "path" },
    { header: "MS", path: "duration_ms", format: millis },
    { header: "BY", path: "api_key", format: caller },
    { header: "ERROR", path: "error.code" },
  ],
};

const TRACE_EVENT_VIEW: TableView = {
  columns: [
    { header: "EVENT", path: "id" },
    { header: "TYPE", path: "type" },
    { header: "OBJECT", path: "object_id" },
    { header: "CREATED", path: "created_at", format: when },
  ],
};

const TRACE_DELIVERY_VIEW: TableView = {
  columns: [
    { header: "DELIVERY", path: "id" },
    { header: "ENDPOINT", path: "endpoint_id" },
    { header: "EVENT", path: "event_id" },
    { header: "STATUS", path: "status" },
    { header: "ATTEMPTS", path: "attempts" },
    { header: "HTTP", path: "response_status" },
  ],
};

/** The filters list and tail share: flag, query parameter, what it keeps. */
const FILTERS: Array<[flags: string, query: string, description: string]> = [
  ["--method <method>", "method", "Only this HTTP method: GET, POST, PATCH, DELETE ..."],
  ["--status <status>", "status", "Only this status (429) or class (4xx)"],
  ["--path <prefix>", "path", "Only paths that start with this: /v1/resources"],
  ["--route <template>", "route", "Only this endpoint: /v1/resources/:id"],
  // Not --api-key: that global flag names the key the CLI calls with.
  ["--key <key-id>", "api_key_id", "Only requests made with this API key (key_...)"],
  ["--ip <address>", "ip", "Only requests from this client address"],
];

const FILTER_OPTIONS: OptionSpec[] = FILTERS.map(([flags, query, description]) => ({
  flags,
  description,
  to: { query },
}));

const LIST_FILTERS: OptionSpec[] = [
  ...FILTER_OPTIONS,
  {
    flags: "--request-id <id>",
    description: "Only the request with this X-Request-Id",
    to: { query: "request_id" },
  },
  {
    flags: "--since <time>",
    description: "Answered at or after this: ISO 8601, or an age such as 15m, 2h, 7d",
    to: { query: "created_gte", as: "time" },
  },
  {
    flags: "--until <time>",
    description: "Answered at or before this: ISO 8601, or an age such as 15m",
    to: { query: "created_lte", as: "time" },
  },
];

function tailFilters(input: ParsedOptions): NonNullable<RequestLogTailOptions["filters"]> {
  const value = (flags: string) => stringOption(input, flags);
  return {
    method: value("--method <method>"),
    status: value("--status <status>"),
    path: value("--path <prefix>"),
    route: value("--route <template>"),
    apiKeyId: value("--key <key-id>"),
    ip: value("--ip <address>"),
  };
}

/** One line per request: when, what, how it ended, how long, who, and its id. */
function logLine(log: RequestLog): string {
  const who = log.api_key?.prefix ?? log.member?.email ?? "-";
  const error = log.error ? `  ${log.error.code}` : "";
  return `${when(log.created_at)}  ${log.method.padEnd(6)} ${String(log.status)} ${millis(log.duration_ms).padStart(8)} ms  ${log.path}  ${who}  ${log.id}${error}\n`;
}

/** Polls every --interval seconds (CLOUD_POLL_INTERVAL_MS in tests). */
function intervalMs(ctx: CommandContext, input: ParsedOptions): number | undefined {
  const seconds = integerOption(input, "--interval <seconds>");
  if (seconds !== undefined) return Math.max(1, seconds) * 1000;
  return envPollIntervalMs(ctx);
}

async function tail(ctx: CommandContext, input: ParsedOptions): Promise<void> {
  const json = wantsJsonLines(ctx, input);
  const maxRequests = integerOption(input, "--max-requests <n>");
  const maxSeconds = integerOption(input, "--max-time <seconds>");
  const since = stringOption(input, "--since <time>");
  const interval = intervalMs(ctx, input);
  const client = ctx.client();
  const stop = new AbortController();
  const stopListening = ctx.io.onInterrupt(() => stop.abort());
  const timer =
    maxSeconds !== undefined ? setTimeout(() => stop.abort(), maxSeconds * 1000) : undefined;
  let shown = 0;
  try {
    if (maxRequests === 0) return;
    const logs = client.requestLogs.tail({
      filters: tailFilters(input),
      since: since !== undefined ? timeValue(since) : undefined,
      intervalMs: interval,
      signal: stop.signal,
      onReady: () => ctx.io.stderr.write("Watching for requests (Ctrl-C to stop)\n"),
      onPollError: ({ error, failures, delayMs }) => {
        const reason = error.status === 0 ? "no answer" : `${error.status} ${error.code}`;
        const wait = formatDelay(delayMs);
        ctx.io.stderr.write(
          `Poll failed (${reason}), ${failures} in a row; trying again in ${wait}\n`,
        );
      },
    });
    for await (const log of logs) {
      if (json) ctx.io.stdout.write(`${JSON.stringify(log)}\n`);
      else if (ctx.output.quiet) ctx.io.stdout.write(`${log.id}\n`);
      else ctx.io.stdout.write(logLine(log));
      shown++;
      if (maxRequests !== undefined && shown >= maxRequests) break;
    }
    if (stop.signal.aborted) {
      ctx.io.stderr.write(`Stopped; ${shown} request${shown === 1 ? "" : "s"} shown\n`);
    }
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}

export const logCommands: CommandSpec[] = [
  listCommand({
    path: ["logs", "list"],
    summary: "List API requests of this project and environment, newest first",
    description:
      "Every API request of the project in the key's environment (dashboard calls included), newest first. A request shows up within two seconds of its answer.",
    api: "/v1/request-logs",
    filters: LIST_FILTERS,
    view: LOG_VIEW,
    examples: [
      "cloud logs list --status 4xx --since 1h",
      "cloud logs list --method POST --path /v1/resources --limit 10",
      "cloud logs list --key key_5XqT8mR2vN9pL4wZ --all -o json | jq -r '.[].id'",
    ],
  }),
  {
    path: ["logs", "get"],
    summary: "Show one request with its trace: the events it emitted and their deliveries",
    args: [{ name: "request_id", description: "The request's X-Request-Id (req_...)" }],
    examples: [
      `cloud logs get ${REQUEST_ID}`,
      `cloud logs get ${REQUEST_ID} -o json | jq .trace.events`,
    ],
    request: { method: "GET", path: "/v1/request-logs/{request_id}" },
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), input.call());
      ctx.output.answer(answer, LOG_VIEW);
      if (ctx.output.format !== "table" || ctx.output.quiet) return;
      const trace = valueAt(answer.value, "trace");
      for (const [title, path, view] of [
        ["Events", "events", TRACE_EVENT_VIEW],
        ["Webhook deliveries", "deliveries", TRACE_DELIVERY_VIEW],
      ] as const) {
        const rows = (valueAt(trace, path) as unknown[] | undefined) ?? [];
        ctx.io.stdout.write(`\n${title}:${rows.length === 0 ? " none" : ""}\n`);
        if (rows.length > 0) ctx.output.items(rows, view);
      }
    },
  },
  {
    path: ["logs", "tail"],
    summary: "Print API requests as they are logged, one line each, until stopped",
    description:
      "Polls the request log newest first and prints each new request once, oldest first: it looks back a few seconds behind the newest request seen, because logs are written in batches, so a request logged late is neither missed nor printed twice. Its own polls are never printed. A failed poll (no answer, 429, 5xx) is tried again with what was seen kept, so a server restart leaves no gap; after 5 failures in a row it exits 1. Ctrl-C stops it (exit 0).",
    options: [
      ...FILTER_OPTIONS,
      {
        flags: "--since <time>",
        description:
          "Also print requests answered since then: ISO 8601 or an age such as 5m (default: from now on)",
      },
      { flags: "--interval <seconds>", description: "Between polls (default 2)" },
      { flags: "--max-requests <n>", description: "Stop after printing this many" },
      { flags: "--max-time <seconds>", description: "Stop after this long" },
      JSON_LINES_OPTION,
    ],
    examples: [
      "cloud logs tail",
      "cloud logs tail --status 5xx --json | jq .path",
      "cloud logs tail --method POST --path /v1/deployments --since 10m",
    ],
    run: (ctx, input) => tail(ctx, input),
  },
];
