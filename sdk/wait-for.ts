import { CloudApiError } from "./errors";
import { DEPLOYMENT_TERMINAL_STATUSES } from "./statuses";
import type { Transport } from "./transport";
import { sleep } from "./transport";
import type { Resource, Schemas } from "./types";

/** A resource or deployment id (res_..., dep_...), or an object that has one. */
export type WaitTarget = string | { id: string };

type IdOf<T> = T extends string ? T : T extends { id: infer I } ? I : never;
/** A resource id answers a Resource, a deployment id a Deployment; any other id plain JSON. */
export type WaitResult<T extends WaitTarget> =
  IdOf<T> extends `res_${string}`
    ? Resource
    : IdOf<T> extends `dep_${string}`
      ? Schemas["Deployment"]
      : Record<string, unknown> & { status: string };

export interface WaitForOptions {
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Between polls (default 1 s). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called with every object polled (progress lines, spinners). */
  onPoll?: (object: Record<string, unknown> & { status: string }) => void;
}

/** Statuses after which the wanted one can no longer come. */
const TERMINAL: Record<string, string[]> = {
  res: ["failed"],
  dep: [...DEPLOYMENT_TERMINAL_STATUSES],
};
const COLLECTION: Record<string, string> = { res: "resources", dep: "deployments" };

export class CloudWaitError extends Error {
  override readonly name = "CloudWaitError";
  constructor(
    readonly reason: "terminal_status" | "timeout",
    readonly id: string,
    /** The last object seen (null if none was read before the timeout). */
    readonly last: (Record<string, unknown> & { status: string }) | null,
    message: string,
  ) {
    super(message);
  }
}

export async function waitFor<T extends WaitTarget>(
  transport: Transport,
  baseUrl: string,
  target: T,
  status: string | string[],
  options: WaitForOptions,
): Promise<WaitResult<T>> {
  const id = typeof target === "string" ? target : target.id;
  const prefix = /^([a-z]+)_/.exec(id)?.[1] ?? "";
  const collection = COLLECTION[prefix];
  if (!collection) throw new TypeError(`waitFor: ${id} is not a resource or deployment id`);
  const wanted = Array.isArray(status) ? status : [status];
  const terminal = (TERMINAL[prefix] ?? []).filter((s) => !wanted.includes(s));
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  const url = `${baseUrl}/v1/${collection}/${encodeURIComponent(id)}`;
  let last: (Record<string, unknown> & { status: string }) | null = null;

  for (;;) {
    const response = await transport(new Request(url, { signal: options.signal }));
    if (!response.ok) throw await CloudApiError.read(response);
    last = (await response.json()) as Record<string, unknown> & { status: string };
    options.onPoll?.(last);
    if (wanted.includes(last.status)) return last as WaitResult<T>;
    if (terminal.includes(last.status)) {
      throw new CloudWaitError(
        "terminal_status",
        id,
        last,
        `${id} is ${last.status}; it will not become ${wanted.join(" or ")}`,
      );
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new CloudWaitError(
        "timeout",
        id,
        last,
        `${id} is still ${last.status} after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`,
      );
    }
    await sleep(Math.min(options.intervalMs ?? 1000, remaining), options.signal);
  }
}
