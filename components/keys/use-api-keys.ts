"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import type { Scope } from "@/lib/catalog/scopes";
import { callApi, messageOf } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { ApiKeyDto, RotationExpiry } from "@/lib/schemas/api-keys";

export type ApiKey = ApiKeyDto;
/** A key with its secret: only ever held in a reveal panel's state, never in the query cache. */
export type ApiKeyWithSecret = ApiKeyDto & { secret: string };

export interface ApiKeyPage {
  data: ApiKey[];
  meta: { total: number; has_more: boolean };
}

/** The keys of the current project and environment, newest first (up to 100). */
export function useApiKeys() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.apiKeys.list(scope),
    queryFn: ({ signal }) => callApi<ApiKeyPage>("/v1/api-keys?per_page=100", { signal }),
  });
}

export interface CreateKeyInput {
  name: string;
  environment: "live" | "test";
  scopes: Scope[] | undefined;
  expiresInDays?: number;
  expiresAt?: string;
}

/**
 * Secrets must not linger: `gcTime: 0` drops the mutation's result as soon as nobody observes
 * it, and callers `reset()` right after taking the secret into the reveal panel.
 */
export function useCreateApiKey() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (input: CreateKeyInput) =>
      callApi<ApiKeyWithSecret>("/v1/api-keys", {
        method: "POST",
        environment: input.environment,
        body: {
          name: input.name,
          ...(input.scopes ? { scopes: input.scopes } : {}),
          ...(input.expiresInDays ? { expires_in_days: input.expiresInDays } : {}),
          ...(input.expiresAt ? { expires_at: input.expiresAt } : {}),
        },
      }),
    onSuccess: (created) => {
      toast.success(`API key "${created.name}" created`);
      void client.invalidateQueries({ queryKey: queryKeys.apiKeys.all(scope) });
    },
    onError: (error) => toast.error("Could not create the key", { description: messageOf(error) }),
  });
}

export function useRotateApiKey() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ id, expiresIn }: { id: string; expiresIn: RotationExpiry }) =>
      callApi<ApiKeyWithSecret>(`/v1/api-keys/${encodeURIComponent(id)}/rotate`, {
        method: "POST",
        body: { expires_in: expiresIn },
      }),
    onSuccess: (created) => {
      toast.success(`API key "${created.name}" rotated`);
      void client.invalidateQueries({ queryKey: queryKeys.apiKeys.all(scope) });
    },
    onError: (error) => toast.error("Could not rotate the key", { description: messageOf(error) }),
  });
}

export function useRevokeApiKey() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApi<ApiKey>(`/v1/api-keys/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: (revoked) => {
      toast.success(`API key "${revoked.name}" revoked`);
      client.setQueryData<ApiKeyPage>(queryKeys.apiKeys.list(scope), (page) =>
        page ? { ...page, data: page.data.map((k) => (k.id === revoked.id ? revoked : k)) } : page,
      );
      void client.invalidateQueries({ queryKey: queryKeys.apiKeys.all(scope) });
    },
    onError: (error) => toast.error("Could not revoke the key", { description: messageOf(error) }),
  });
}
