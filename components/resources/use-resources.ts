"use client";

import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import { callApi, messageOf } from "@/lib/portal/proxy-client";
import { type PortalScope, queryKeys, type ResourceFilters } from "@/lib/portal/query-keys";
import type { EventDto } from "@/lib/schemas/events";
import type { RegionDto } from "@/lib/schemas/regions";
import type {
  CreateResourceBody,
  InstanceAction,
  LoadBalancerAction,
  ResourceDto,
  UpdateResourceBody,
  VolumeAction,
} from "@/lib/schemas/resources";
import { resourceListPath } from "./resource-filters";

export type Resource = ResourceDto;
export type { ResourceFilters };

export interface Page<T> {
  data: T[];
  meta: {
    page: number | null;
    per_page: number;
    total: number;
    next_cursor: string | null;
    has_more: boolean;
  };
}

/** While something is provisioning the screen follows it without a reload. */
export const PROVISIONING_POLL_MS = 1500;

const anyProvisioning = (items: readonly Resource[] | undefined) =>
  Boolean(items?.some((r) => r.status === "provisioning"));

export function useResourceList(filters: ResourceFilters) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.resources.list(scope, filters),
    queryFn: ({ signal }) => callApi<Page<Resource>>(resourceListPath(filters), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      anyProvisioning(query.state.data?.data) ? PROVISIONING_POLL_MS : false,
  });
}

/** `live`: the event stream updates this resource (components/events), so it is not polled. */
export function useResource(id: string, live = false) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.resources.detail(scope, id),
    queryFn: ({ signal }) =>
      callApi<Resource>(`/v1/resources/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) =>
      !live && query.state.data?.status === "provisioning" ? PROVISIONING_POLL_MS : false,
  });
}

/** A resource's timeline, newest first; follows the resource while it is provisioning. */
export function useResourceEvents(id: string, follow: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.events.forObject(scope, id),
    queryFn: ({ signal }) =>
      callApi<Page<EventDto>>(`/v1/events?object_id=${encodeURIComponent(id)}&limit=50`, {
        signal,
      }),
    refetchInterval: follow ? PROVISIONING_POLL_MS : false,
  });
}

export function useRegions() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.regions(scope),
    queryFn: ({ signal }) => callApi<{ data: RegionDto[] }>("/v1/regions", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** Instances in a region (to attach a volume to, or add as a load balancer target). */
export function useInstancesIn(region: string | undefined, enabled = true) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.resources.candidates(scope, "instance", region ?? ""),
    queryFn: ({ signal }) =>
      callApi<Page<Resource>>(
        `/v1/resources?type=instance&region=${encodeURIComponent(region ?? "")}&limit=100`,
        { signal },
      ),
    enabled: enabled && Boolean(region),
  });
}

/** Everything that shows resources is refreshed after a change. */
function refreshResources(client: QueryClient, scope: PortalScope, resource?: Resource) {
  if (resource) client.setQueryData(queryKeys.resources.detail(scope, resource.id), resource);
  void client.invalidateQueries({ queryKey: queryKeys.resources.all(scope) });
  void client.invalidateQueries({ queryKey: queryKeys.events.all(scope) });
}

export function useCreateResource() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateResourceBody) =>
      callApi<Resource>("/v1/resources", { method: "POST", body }),
    onSuccess: (created) => {
      toast.success(`${created.name} is provisioning`);
      refreshResources(client, scope, created);
    },
    onError: (error) =>
      toast.error("Could not create the resource", { description: messageOf(error) }),
  });
}

/**
 * Rename, relabel or resize. The change shows at once (optimistic) in the detail and in every
 * cached list, and is rolled back if the API refuses it.
 */
export function useUpdateResource(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  const detailKey = queryKeys.resources.detail(scope, id);
  return useMutation({
    mutationFn: (patch: UpdateResourceBody) =>
      callApi<Resource>(`/v1/resources/${encodeURIComponent(id)}`, {
        method: "PATCH",
        body: patch,
      }),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: queryKeys.resources.all(scope) });
      const previousDetail = client.getQueryData<Resource>(detailKey);
      const previousLists = client.getQueriesData<Page<Resource>>({
        queryKey: queryKeys.resources.lists(scope),
      });
      const apply = (r: Resource): Resource => ({
        ...r,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
      });
      if (previousDetail) client.setQueryData(detailKey, apply(previousDetail));
      for (const [key, page] of previousLists) {
        if (!page) continue;
        client.setQueryData(key, {
          ...page,
          data: page.data.map((r) => (r.id === id ? apply(r) : r)),
        });
      }
      return { previousDetail, previousLists };
    },
    onError: (error, _patch, saved) => {
      if (saved?.previousDetail) client.setQueryData(detailKey, saved.previousDetail);
      for (const [key, page] of saved?.previousLists ?? []) client.setQueryData(key, page);
      toast.error("Could not save the change", { description: messageOf(error) });
    },
    onSuccess: (updated) => toast.success(`${updated.name} updated`),
    onSettled: (updated) => refreshResources(client, scope, updated),
  });
}

export function useDeleteResource() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (resource: Resource) =>
      callApi<void>(`/v1/resources/${encodeURIComponent(resource.id)}`, { method: "DELETE" }),
    onSuccess: (_void, resource) => {
      toast.success(`${resource.name} deleted`);
      client.removeQueries({ queryKey: queryKeys.resources.detail(scope, resource.id) });
      refreshResources(client, scope);
    },
    onError: (error, resource) =>
      toast.error(`Could not delete ${resource.name}`, { description: messageOf(error) }),
  });
}

export type ResourceAction =
  | { kind: "instance"; action: InstanceAction }
  | { kind: "volume"; action: VolumeAction }
  | { kind: "load_balancer"; action: LoadBalancerAction };

const ACTION_PATHS = { instance: "instances", volume: "volumes", load_balancer: "load-balancers" };

const ACTION_WORDS: Record<string, string> = {
  start: "started",
  stop: "stopped",
  reboot: "rebooted",
  resize: "resized",
  attach: "attached",
  detach: "detached",
  add_target: "target added",
  remove_target: "target removed",
};

export function useResourceAction(resource: Resource) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, action }: ResourceAction) =>
      callApi<Resource>(`/v1/${ACTION_PATHS[kind]}/${encodeURIComponent(resource.id)}/actions`, {
        method: "POST",
        body: action,
      }),
    onSuccess: (updated, { action }) => {
      toast.success(`${resource.name}: ${ACTION_WORDS[action.type] ?? action.type}`);
      refreshResources(client, scope, updated);
    },
    onError: (error, { action }) =>
      toast.error(`Could not ${action.type.replace("_", " ")} ${resource.name}`, {
        description: messageOf(error),
      }),
  });
}
