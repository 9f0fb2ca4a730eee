import { PROXY_BASE, PROXY_ENVIRONMENT_HEADER } from "./proxy-protocol";

// Client-safe: the browser's one way to the API (react-query hooks call this; nothing else does).

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** An answer other than 2xx, carrying the API's problem+json (or the proxy's own). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly requestId: string | null = null,
    /** Retry-After in seconds, on 429 and 503. */
    readonly retryAfter: number | null = null,
  ) {
    super(detail);
  }
}

export type ApiPath = `/v1/${string}`;

export interface CallOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** Act in this environment instead of the member's current one (the docs' try-it: "test"). */
  environment?: "live" | "test";
  /** POSTs get a fresh one by default, so a retried mutation can never run twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

async function problemOf(res: Response): Promise<ApiError> {
  const requestId = res.headers.get("x-request-id");
  const retry = Number(res.headers.get("retry-after"));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  try {
    const body = (await res.json()) as Partial<{
      code: string;
      detail: string;
      title: string;
      errors: FieldProblem[];
      request_id: string;
    }>;
    return new ApiError(
      res.status,
      body.code ?? `http_${res.status}`,
      body.detail ?? body.title ?? `Request failed (${res.status})`,
      Array.isArray(body.errors) ? body.errors : [],
      body.request_id ?? requestId,
      retryAfter,
    );
  } catch {
    return new ApiError(
      res.status,
      `http_${res.status}`,
      `Request failed (${res.status})`,
      [],
      requestId,
      retryAfter,
    );
  }
}

/**
 * Calls the API through the portal's proxy (`/api/proxy/v1/...`) with the session cookie.
 * Resolves with the parsed JSON (undefined for 204); rejects with ApiError otherwise.
 */
export async function callApi<T>(path: ApiPath, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  if (method === "POST") headers["idempotency-key"] = options.idempotencyKey ?? newIdempotencyKey();
  if (options.environment) headers[PROXY_ENVIRONMENT_HEADER] = options.environment;
  let res: Response;
  try {
    res = await fetch(`${PROXY_BASE}${path}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "Could not reach the portal. Check your connection.");
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A sentence for a toast or an inline alert, from whatever a call threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Your session has ended. Sign in again.";
    return error.detail;
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Try again.";
}
