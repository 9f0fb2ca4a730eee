import { CloudApiError } from "./errors";

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff when the answer has no Retry-After (default 500 ms; doubles each time). */
  baseDelayMs: number;
  /** Longest backoff without Retry-After (default 8 s). */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the answer is returned (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export interface TransportOptions {
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch;
  retry: RetryPolicy;
  /** Add an Idempotency-Key to POSTs that have none. */
  idempotencyKeys: boolean;
  userAgent: string;
  /** Injected in tests; setTimeout otherwise. */
  sleep?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
  random?: () => number;
}

export type Transport = (request: Request) => Promise<Response>;

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Retry-After as milliseconds (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const value = headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Safe to send twice: reads, and POSTs the server de-duplicates by their key. */
function isRetryable(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return true;
  return request.method === "POST" && request.headers.has(IDEMPOTENCY_HEADER);
}

/** 429, 5xx, and 409 idempotency_key_in_use (the server sends Retry-After with it). */
function isTransient(response: Response): boolean {
  if (response.status === 429 || response.status >= 500) return true;
  return response.status === 409 && response.headers.has("retry-after");
}

function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The fetch under every SDK call: bearer auth, an Idempotency-Key on POSTs (the same one on
 * each retry), and retries of transient failures for requests that are safe to repeat.
 */
export function createTransport(options: TransportOptions): Transport {
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const policy = options.retry;

  const delayFor = (attempt: number, response: Response | null): number | null => {
    const hinted = response ? retryAfterMs(response.headers) : null;
    if (hinted !== null) {
      if (hinted > policy.maxRetryAfterMs) return null;
      // Never earlier than the server asked; a little later so clients that were told the same
      // second do not all come back at once.
      return hinted + Math.floor(random() * Math.min(250, hinted / 4 + 50));
    }
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    return Math.floor(ceiling / 2 + random() * (ceiling / 2));
  };

  return async (request) => {
    const headers = new Headers(request.headers);
    if (options.apiKey && !headers.has("authorization")) {
      headers.set("Authorization", `Bearer ${options.apiKey}`);
    }
    if (!headers.has("user-agent")) headers.set("User-Agent", options.userAgent);
    if (request.method === "POST" && options.idempotencyKeys && !headers.has(IDEMPOTENCY_HEADER)) {
      headers.set(IDEMPOTENCY_HEADER, newIdempotencyKey());
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
    const body = hasBody ? await request.arrayBuffer() : undefined;
    const prepared = new Request(request.url, {
      method: request.method,
      headers,
      body,
      redirect: request.redirect,
      signal: request.signal,
    });
    const retryable = isRetryable(prepared);
    const maxRetries = retryable ? policy.maxRetries : 0;

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await options.fetch(prepared.clone());
      } catch (error) {
        if (prepared.signal.aborted) throw error;
        if (attempt >= maxRetries) throw CloudApiError.connection(prepared.url, error);
        await wait(delayFor(attempt, null) ?? 0, prepared.signal);
        continue;
      }
      if (attempt >= maxRetries || !isTransient(response)) return response;
      const delay = delayFor(attempt, response);
      if (delay === null) return response;
      await response.body?.cancel().catch(() => {});
      await wait(delay, prepared.signal);
    }
  };
}
