import {
  type ApiEvent,
  type EventStreamOptions,
  isTransientError,
  type ReconnectInfo,
} from "@/sdk";
import { UsageError } from "./errors";
import { integerOption, type ParsedOptions, stringOption } from "./options";
import type { CommandContext, OptionSpec } from "./spec";

/** Failed connects in a row after which tail and listen give up (and exit 1). */
export const MAX_RECONNECTS = 5;

/** The flags tail and listen share: when to start, and when to stop by themselves. */
export const FEED_OPTIONS: OptionSpec[] = [
  {
    flags: "--after <event-id>",
    description: "Start with the events after this one (resume where a run stopped)",
    to: { query: "after" },
  },
  { flags: "--max-events <n>", description: "Stop after this many events" },
  { flags: "--max-time <seconds>", description: "Stop after this long" },
];

/** A comma list flag (--type a,b --type c) as one list; undefined when not given. */
export function commaList(input: ParsedOptions, flags: string): string[] | undefined {
  const value = stringOption(input, flags);
  if (value === undefined) return undefined;
  const list = value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`${flags.split(" ")[0]} needs at least one type`);
  return list;
}

/** How long until the next try, as the stderr lines of tail, listen and logs tail word it. */
export function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function reconnectLine(info: ReconnectInfo): string {
  const wait = formatDelay(info.delayMs);
  const from = info.lastEventId ? `, resuming after ${info.lastEventId}` : "";
  const what =
    info.failedReconnects > 0
      ? `Reconnect ${info.failedReconnects} of ${MAX_RECONNECTS} failed`
      : info.failures > 0
        ? "Could not connect"
        : "Stream interrupted";
  return `${what}: ${info.reason}; reconnecting in ${wait}${from}\n`;
}

/**
 * The event stream as tail and listen read it: every reconnect said on stderr (a drop never
 * passes silently), an error after MAX_RECONNECTS failed connects in a row, and an end after
 * --max-events or --max-time. CLOUD_RECONNECT_DELAY_MS sets the first wait (tests).
 */
export async function* eventFeed(
  ctx: CommandContext,
  input: ParsedOptions,
  filters: Pick<EventStreamOptions, "types" | "objectId">,
): AsyncGenerator<ApiEvent, void, undefined> {
  const maxEvents = integerOption(input, "--max-events <n>");
  const maxSeconds = integerOption(input, "--max-time <seconds>");
  const delay = ctx.io.env.CLOUD_RECONNECT_DELAY_MS;
  let failedReconnects = 0;
  const client = ctx.client();
  if (maxEvents === 0) return;
  // Ctrl-C ends the stream as --max-time does: cleanly, exit 0.
  const interrupt = new AbortController();
  const stopListening = ctx.io.onInterrupt(() => interrupt.abort());
  const stops = [interrupt.signal];
  if (maxSeconds !== undefined) stops.push(AbortSignal.timeout(maxSeconds * 1000));
  const stream = client.events.stream({
    ...filters,
    after: stringOption(input, "--after <event-id>"),
    maxReconnectAttempts: MAX_RECONNECTS,
    reconnectDelayMs: delay ? Number(delay) : undefined,
    signal: AbortSignal.any(stops),
    onReconnect: (info) => {
      failedReconnects = info.failedReconnects;
      ctx.io.stderr.write(reconnectLine(info));
    },
    onOpen: ({ lastEventId, reconnected }) =>
      ctx.io.stderr.write(
        reconnected
          ? `Reconnected${lastEventId ? `; resuming after ${lastEventId}` : ""}\n`
          : "Connected; waiting for events (Ctrl-C to stop)\n",
      ),
  });
  let seen = 0;
  try {
    for await (const event of stream) {
      yield event;
      seen++;
      if (maxEvents !== undefined && seen >= maxEvents) return;
    }
  } catch (error) {
    // The SDK gave up: the reconnect it just tried was the last one allowed.
    if (isTransientError(error) && failedReconnects === MAX_RECONNECTS - 1) {
      ctx.io.stderr.write(`Reconnect ${MAX_RECONNECTS} of ${MAX_RECONNECTS} failed; giving up\n`);
    }
    throw error;
  } finally {
    stopListening();
  }
}

/** tail and listen print one JSON object per line with --json or -o json. */
export function wantsJsonLines(ctx: CommandContext, input: ParsedOptions): boolean {
  return input.options.json === true || ctx.output.format === "json";
}
