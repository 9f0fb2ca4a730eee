import { type APIRequestContext, type BrowserContext, expect } from "@playwright/test";
import { baseURL } from "../../playwright.config";

export interface CreatedKey {
  id: string;
  secret: string;
}

/** A key of the signed-in member's current project, made through the portal's proxy. */
export async function createKeyViaProxy(
  context: BrowserContext,
  name: string,
  environment: "live" | "test" = "live",
): Promise<CreatedKey> {
  const res = await context.request.post("/api/proxy/v1/api-keys", {
    data: { name },
    headers: { origin: baseURL, "x-cap-environment": environment },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; secret: string };
  return { id: body.id, secret: body.secret };
}

/** `count` API calls with a key; resolves with their statuses. */
export async function spend(
  request: APIRequestContext,
  key: string,
  count: number,
  path = "/v1/regions",
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request.get(path, { headers: { authorization: `Bearer ${key}` } });
    statuses.push(res.status());
  }
  return statuses;
}

/** The usage writer flushes at least once a second; give it a moment. */
export const afterFlush = () => new Promise((resolve) => setTimeout(resolve, 1_500));
