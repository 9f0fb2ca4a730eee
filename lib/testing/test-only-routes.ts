import { noContent, sendJson } from "@/lib/api/route-kit";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Runtime } from "@/lib/runtime";

export interface TestWidget {
  id: string;
  name: string;
  project_id: string;
  idempotency_key: string | null;
}

export interface TestOnlyRoutes {
  /** Every widget the POST handler created, in order. */
  widgets: TestWidget[];
  /** How many times each test route's handler ran. */
  calls: Map<string, number>;
  /** POST /v1/test/flaky fails with 500 this many more times. */
  failures: { flaky: number };
}

/**
 * Routes that exist only in tests, mounted on a runtime's API app before its first request (Hono
 * freezes its router then). They sit behind the same middleware chain as every real route.
 */
export function mountTestOnlyRoutes(runtime: Runtime, delayMs = 40): TestOnlyRoutes {
  const state: TestOnlyRoutes = { widgets: [], calls: new Map(), failures: { flaky: 0 } };
  const count = (name: string) => state.calls.set(name, (state.calls.get(name) ?? 0) + 1);
  const api = runtime.api;

  api.post("/v1/test/widgets", async (c) => {
    count("widgets");
    const body = (await c.req.json()) as { name?: unknown };
    // A slow handler widens the window in which concurrent retries race the in-flight marker.
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const widget: TestWidget = {
      id: newId("res"),
      name: typeof body.name === "string" ? body.name : "widget",
      project_id: c.get("principal").projectId,
      idempotency_key: c.get("idempotencyKey") ?? null,
    };
    state.widgets.push(widget);
    return sendJson(c, widget, 201, { Location: `/v1/test/widgets/${widget.id}` });
  });
  api.post("/v1/test/explode", () => {
    count("explode");
    throw new Error("relation secret_table does not exist: SELECT * FROM secret_table");
  });
  api.post("/v1/test/flaky", (c) => {
    count("flaky");
    if (state.failures.flaky > 0) {
      state.failures.flaky -= 1;
      throw new Error("transient failure");
    }
    return sendJson(c, { ok: true, call: state.calls.get("flaky") }, 201);
  });
  api.post("/v1/test/throttled", () => {
    count("throttled");
    throw new AppError("rate_limited", "slow down", { headers: { "Retry-After": "1" } });
  });
  api.post("/v1/test/conflict", () => {
    count("conflict");
    throw new AppError("conflict", `conflict number ${state.calls.get("conflict")}`);
  });
  api.post("/v1/test/empty", (c) => {
    count("empty");
    return noContent(c);
  });
  return state;
}
