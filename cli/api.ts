import type { CloudClient } from "@/sdk";
import type { Answer } from "./output";

export interface ApiCall {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** An OpenAPI path template: /v1/resources/{id}. */
  path: string;
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
  /** A POST's Idempotency-Key (--idempotency-key); otherwise the SDK makes one per call. */
  idempotencyKey?: string;
}

type TextCall = (
  path: string,
  init: {
    params?: ApiCall["params"];
    body?: unknown;
    parseAs: "text";
    idempotencyKey?: string;
  },
) => Promise<{ data?: string; response: Response }>;

/**
 * One API call whose body is kept as text (for -o json) and parsed (for tables). Commands are data
 * that name their path at run time, so this is the one place the client's per-path typing is set
 * aside; the SDK's own types still check every path the SDK's users write.
 */
export async function callApi(client: CloudClient, call: ApiCall): Promise<Answer> {
  const method = client[call.method] as unknown as TextCall;
  const { data } = await method(call.path, {
    params: call.params,
    body: call.body,
    parseAs: "text",
    ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
  });
  const text = data ?? "";
  return { text, value: text ? (JSON.parse(text) as unknown) : null };
}

/** Every item of a list, page after page. */
export async function allItems(
  client: CloudClient,
  path: string,
  params: ApiCall["params"],
): Promise<unknown[]> {
  const paginate = client.paginate as unknown as (
    path: string,
    query: Record<string, unknown> | undefined,
    options: { path?: Record<string, string> },
  ) => AsyncIterable<unknown>;
  const items: unknown[] = [];
  for await (const item of paginate(path, params?.query, { path: params?.path })) items.push(item);
  return items;
}
