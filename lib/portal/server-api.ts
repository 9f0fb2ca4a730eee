import "server-only";
import type { QueryKey } from "@tanstack/react-query";
import { signPortalToken } from "@/lib/auth/portal-token";
import { getRuntime } from "@/lib/runtime";
import type { PortalContext } from "./portal-context";
import type { ApiPath } from "./proxy-client";
import type { PortalScope } from "./query-keys";
import type { SeededQuery } from "./seeded-query";

/**
 * A GET against the API for a server-rendered page's first paint, as the member (the same portal
 * token the proxy would mint), in-process unless CLOUD_API_URL is set. Never used for secrets:
 * what it returns is serialised into the page's HTML.
 */
export async function serverApiGet<T>(context: PortalContext, path: ApiPath): Promise<T> {
  const res = await serverApiFetch(context, "GET", path);
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/**
 * A change made by a server action as the member (same token as the proxy's); the caller reads
 * the status and the body (problem+json on errors) to show the outcome.
 */
export async function serverApiSend(
  context: PortalContext,
  method: "POST" | "PATCH" | "DELETE",
  path: ApiPath,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await serverApiFetch(context, method, path, body);
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function serverApiFetch(
  context: PortalContext,
  method: string,
  path: ApiPath,
  body?: unknown,
): Promise<Response> {
  const runtime = await getRuntime();
  const token = await signPortalToken(
    {
      userId: context.user.id,
      organizationId: context.organization.id,
      projectId: context.project.id,
      environment: context.environment,
      role: context.role,
    },
    runtime.sessionSecret,
    runtime.now(),
  );
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    accept: "application/json",
  };
  if (body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(5_000),
  };
  const base = runtime.config.cloudApiUrl ?? "http://localhost";
  const request = new Request(new URL(path, base), init);
  return runtime.config.cloudApiUrl
    ? fetch(request)
    : runtime.api.fetch(request, {
        incoming: { headers: {}, socket: { remoteAddress: undefined, encrypted: true } },
      });
}

export function scopeOf(context: PortalContext): PortalScope {
  return [context.organization.id, context.project.id, context.environment];
}

/**
 * Runs the given GETs for a page's first paint and returns the successful ones as seeds for
 * <QuerySeed> (a failed one is left for the client's query to retry and report).
 */
export async function prefetchState(
  queries: Array<{ queryKey: QueryKey; queryFn: () => Promise<unknown> }>,
): Promise<SeededQuery[]> {
  const settled = await Promise.all(
    queries.map(async ({ queryKey, queryFn }) => {
      try {
        return { queryKey, data: await queryFn(), updatedAt: Date.now() };
      } catch {
        return null;
      }
    }),
  );
  return settled.filter((seed): seed is SeededQuery => seed !== null);
}
