import type { CloudClient } from "./client";
import { type CloudApiError, isTransientError } from "./errors";
import { type RequestLog, type RequestLogFilters, requestLogQuery } from "./request-logs-api";
import { sleep } from "./transport";

export interface RequestLogTailOptions {
  /** The list's filters (created_gte/lte are the tail's own business). */
  filters?: Omit<RequestLogFilters, "createdGte" | "createdLte">;
  /** Also yield requests answered at or after this time (ISO 8601); default: from now on. */
  since?: string;
  /** Between polls (default 2 s). */
  intervalMs?: number;
  /**
   * How far behind the newest request seen each poll looks again (default 5 s). The API writes
   * logs in batches and documents that a request shows up within two seconds of its answer, so
   * a request answered before the newest one seen may still appear; looking back this far (and
   * remembering the ids seen in that window) is what leaves neither gaps nor duplicates.
   */
  settleMs?: number;
  /** Ends the tail (the generator returns; no error). */
  signal?: AbortSignal;
  /** After the first poll: from here on every new request is yielded. */
  onReady?: () => void;
  /**
   * Polls that fail for a transient reason (no answer, 429, 5xx) in a row before the tail gives
   * up and throws (default 5). The tail keeps what it has seen, so after a server restart it
   * carries on with neither gap nor duplicate.
   */
  maxFailures?: number;
  /** A poll failed and will be tried again after `delayMs`. */
  onPollError?: (info: { error: CloudApiError; failures: number; delayMs: number }) => void;
}

export const TAIL_INTERVAL_MS = 2_000;
export const TAIL_SETTLE_MS = 5_000;
const PAGE_SIZE = 100;
/** A poll of our own that never shows up (filtered out) is forgotten after this long. */
const OWN_ID_TTL_MS = 10 * 60_000;

interface Page {
  data: RequestLog[];
  meta: { next_cursor: string | null };
}

const timeOf = (log: RequestLog) => Date.parse(log.created_at);
const byTime = (a: RequestLog, b: RequestLog) =>
  timeOf(a) - timeOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Follows GET /v1/request-logs by polling it newest first. The cursor is the newest answer time
 * seen: each poll walks every page back to that time minus `settleMs`, and the ids already seen
 * inside that window are skipped, so a request logged late is still yielded once and one seen is
 * never yielded again. The tail's own GETs (their X-Request-Id) are never yielded.
 */
export async function* tailRequestLogs(
  client: Pick<CloudClient, "GET">,
  options: RequestLogTailOptions,
): AsyncGenerator<RequestLog, void, undefined> {
  const interval = options.intervalMs ?? TAIL_INTERVAL_MS;
  const settle = options.settleMs ?? TAIL_SETTLE_MS;
  const signal = options.signal;
  const filters = options.filters ?? {};
  const own = new Map<string, number>();
  const seen = new Map<string, number>();
  let newest: number | null = null;
  const floor: number | null = options.since !== undefined ? Date.parse(options.since) : null;

  const fetchPage = async (query: Record<string, string>): Promise<Page> => {
    const { data, response } = await client.GET("/v1/request-logs", {
      params: { query },
      signal,
    });
    const id = response.headers.get("x-request-id");
    if (id) own.set(id, Date.now());
    return data as Page;
  };

  /** Every matching log answered at or after `from` (all of them when null), newest first. */
  const walk = async (from: number | null): Promise<RequestLog[]> => {
    const logs: RequestLog[] = [];
    let cursor: string | undefined;
    do {
      const query = requestLogQuery({
        ...filters,
        createdGte: from === null ? undefined : new Date(from).toISOString(),
        limit: PAGE_SIZE,
        cursor,
      });
      const page = await fetchPage(query);
      logs.push(...page.data);
      cursor = page.meta.next_cursor ?? undefined;
    } while (cursor);
    return logs;
  };

  /** Marks logs seen and answers the ones not seen before (nor our own), oldest first. */
  const absorb = (logs: RequestLog[]): RequestLog[] => {
    const fresh: RequestLog[] = [];
    for (const log of logs) {
      const at = timeOf(log);
      if (newest === null || at > newest) newest = at;
      if (seen.has(log.id)) continue;
      seen.set(log.id, at);
      if (own.delete(log.id)) continue;
      fresh.push(log);
    }
    const horizon = (newest ?? 0) - settle;
    for (const [id, at] of seen) if (at < horizon) seen.delete(id);
    const stale = Date.now() - OWN_ID_TTL_MS;
    for (const [id, at] of own) if (at < stale) own.delete(id);
    return fresh.sort(byTime);
  };

  const stopped = () => signal?.aborted === true;
  const maxFailures = options.maxFailures ?? TAIL_MAX_FAILURES;
  let failures = 0;
  /** Runs one poll, again after a transient failure (with a growing pause), up to maxFailures. */
  const poll = async <T>(work: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        const result = await work();
        failures = 0;
        return result;
      } catch (error) {
        if (stopped() || !isTransientError(error) || ++failures >= maxFailures) throw error;
        const delayMs = Math.min(30_000, interval * 2 ** (failures - 1));
        options.onPollError?.({ error, failures, delayMs });
        await sleep(delayMs, signal);
      }
    }
  };

  try {
    if (floor === null) {
      // From now on: what is already logged near the newest request counts as seen.
      await poll(async () => {
        const top = await fetchPage(requestLogQuery({ ...filters, limit: 1 }));
        const first = top.data[0];
        if (first) absorb(await walk(timeOf(first) - settle));
      });
    }
    options.onReady?.();
    while (!stopped()) {
      const from = newest !== null ? newest - settle : floor;
      for (const log of absorb(await poll(() => walk(from)))) {
        yield log;
        if (stopped()) return;
      }
      await sleep(interval, signal);
    }
  } catch (error) {
    if (stopped()) return;
    throw error;
  }
}

export const TAIL_MAX_FAILURES = 5;
