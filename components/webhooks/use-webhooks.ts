"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import { callApi, messageOf } from "@/lib/portal/proxy-client";
import { type PortalScope, queryKeys } from "@/lib/portal/query-keys";
import type {
  CreateWebhookEndpointBody,
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from "@/lib/schemas/webhooks";

export type WebhookEndpoint = WebhookEndpointDto;
export type WebhookDelivery = WebhookDeliveryDto;

export interface WebhookPage<T> {
  data: T[];
  meta: { total: number; has_more: boolean };
}

/** How often the detail page looks again while a delivery is still on its way. */
export const PENDING_POLL_MS = 2000;

const endpointPath = (id: string) => `/v1/webhook-endpoints/${encodeURIComponent(id)}` as const;

export const anyPending = (deliveries: readonly WebhookDelivery[] | undefined) =>
  Boolean(deliveries?.some((d) => d.status === "pending"));

export function useWebhookEndpoints() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.webhooks.list(scope),
    queryFn: ({ signal }) =>
      callApi<WebhookPage<WebhookEndpoint>>("/v1/webhook-endpoints?per_page=100", { signal }),
  });
}

/** `follow`: refresh while deliveries are pending, so the failure count and status keep up. */
export function useWebhookEndpoint(id: string, follow = false) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.webhooks.detail(scope, id),
    queryFn: ({ signal }) => callApi<WebhookEndpoint>(endpointPath(id), { signal }),
    refetchInterval: follow ? PENDING_POLL_MS : false,
  });
}

export function useWebhookDeliveries(id: string) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.webhooks.deliveries(scope, id),
    queryFn: ({ signal }) =>
      callApi<WebhookPage<WebhookDelivery>>(`${endpointPath(id)}/deliveries?per_page=50`, {
        signal,
      }),
    refetchInterval: (query) => (anyPending(query.state.data?.data) ? PENDING_POLL_MS : false),
  });
}

/** Puts a changed endpoint into the list and detail caches at once, then refetches both. */
function storeEndpoint(client: QueryClient, scope: PortalScope, endpoint: WebhookEndpoint) {
  // The secret (creation, rotation) must never reach the cache.
  const { secret: _secret, ...safe } = endpoint as WebhookEndpointWithSecretDto;
  client.setQueryData(queryKeys.webhooks.detail(scope, endpoint.id), safe);
  void client.invalidateQueries({ queryKey: queryKeys.webhooks.all(scope) });
}

/** `gcTime: 0` and the caller's `reset()`: the secret lives only in the reveal panel. */
export function useCreateWebhookEndpoint() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: (body: CreateWebhookEndpointBody) =>
      callApi<WebhookEndpointWithSecretDto>("/v1/webhook-endpoints", { method: "POST", body }),
    onSuccess: (created) => {
      toast.success("Webhook endpoint added");
      storeEndpoint(client, scope, created);
    },
    onError: (error) =>
      toast.error("Could not add the endpoint", { description: messageOf(error) }),
  });
}

export function useRotateWebhookSecret(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: () =>
      callApi<WebhookEndpointWithSecretDto>(`${endpointPath(id)}/rotate-secret`, {
        method: "POST",
      }),
    onSuccess: (rotated) => {
      toast.success("Signing secret rotated");
      storeEndpoint(client, scope, rotated);
    },
    onError: (error) =>
      toast.error("Could not rotate the secret", { description: messageOf(error) }),
  });
}

/** Enable (POST /enable, which also resets the failure count) or disable (PATCH status). */
export function useSetWebhookEnabled(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      enabled
        ? callApi<WebhookEndpoint>(`${endpointPath(id)}/enable`, { method: "POST" })
        : callApi<WebhookEndpoint>(endpointPath(id), {
            method: "PATCH",
            body: { status: "disabled" },
          }),
    onSuccess: (endpoint) => {
      toast.success(endpoint.status === "enabled" ? "Endpoint enabled again" : "Endpoint disabled");
      storeEndpoint(client, scope, endpoint);
    },
    onError: (error, enabled) =>
      toast.error(enabled ? "Could not enable the endpoint" : "Could not disable the endpoint", {
        description: messageOf(error),
      }),
  });
}

export function useSendTestEvent(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi<WebhookDelivery>(`${endpointPath(id)}/test`, { method: "POST" }),
    onSuccess: () => {
      toast.success("Test event queued", { description: "It appears below within seconds." });
      void client.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(scope, id) });
    },
    onError: (error) =>
      toast.error("Could not send the test event", { description: messageOf(error) }),
  });
}

export function useRetryDelivery(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      callApi<WebhookDelivery>(
        `${endpointPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`,
        { method: "POST" },
      ),
    onSuccess: () => {
      toast.success("Delivery queued again");
      void client.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(scope, id) });
    },
    onError: (error) =>
      toast.error("Could not retry the delivery", { description: messageOf(error) }),
  });
}

export function useDeleteWebhookEndpoint(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi<undefined>(endpointPath(id), { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Webhook endpoint deleted");
      client.removeQueries({ queryKey: queryKeys.webhooks.detail(scope, id) });
      client.removeQueries({ queryKey: queryKeys.webhooks.deliveries(scope, id) });
      void client.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) });
    },
    onError: (error) =>
      toast.error("Could not delete the endpoint", { description: messageOf(error) }),
  });
}
