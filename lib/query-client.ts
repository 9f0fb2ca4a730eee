import { isServer, QueryClient } from "@tanstack/react-query";

/**
 * The one react-query client factory (client-safe). Portal data is per user and changes under
 * their hands, so queries are fresh for 30 s and never retried on 4xx: a 401/403/404 from the
 * proxy is an answer, not a glitch.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          const status = (error as { status?: unknown } | null)?.status;
          if (typeof status === "number" && status >= 400 && status < 500) return false;
          return failureCount < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}

let browserClient: QueryClient | undefined;

/** A fresh client per server render; one shared client in the browser (survives suspense). */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
