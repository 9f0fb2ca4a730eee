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
  const init: RequestInit = {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    redirect: "manual",
    signal: AbortSignal.timeout(5_000),
  };
  const base = runtime.config.cloudApiUrl ?? "http://localhost";
  const request = new Request(new URL(path, base), init);
  const res = runtime.config.cloudApiUrl
    ? await fetch(request)
    : await runtime.api.fetch(request, {
        incoming: { headers: {}, socket: { remoteAddress: undefined, encrypted: true } },
      });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
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
