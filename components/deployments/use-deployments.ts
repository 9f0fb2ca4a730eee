"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { eventStreamUrl } from "@/components/events/event-filters";
import { openLiveStream } from "@/components/events/live-stream";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { toast } from "@/components/ui/toaster";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import {
  type DeploymentDto,
  type DeploymentInput,
  type DeploymentPlanDto,
  FINISHED_DEPLOYMENT_STATUSES,
} from "@/lib/schemas/deployments";
import type { ResourceDto } from "@/lib/schemas/resources";

export type Deployment = DeploymentDto;
export type DeploymentPlan = DeploymentPlanDto;
export type DeploymentActionName =
  | "pause"
  | "resume"
  | "cancel"
  | "approve"
  | "reject"
  | "rollback";

/**
 * The fallback while a deployment runs: the event stream normally refreshes the page at once,
 * but a proxy that cuts long streams (or a dropped connection) must not freeze the lanes.
 */
export const DEPLOYMENT_POLL_MS = 3000;

export const isFinished = (d: Pick<Deployment, "status"> | undefined) =>
  d !== undefined && FINISHED_DEPLOYMENT_STATUSES.includes(d.status);

const deploymentPath = (id: string) => `/v1/deployments/${encodeURIComponent(id)}` as const;

export function useDeployments() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.deployments.list(scope),
    queryFn: ({ signal }) =>
      callApi<{ data: Deployment[]; meta: { total: number; has_more: boolean } }>(
        "/v1/deployments?limit=50",
        { signal },
      ),
    refetchInterval: (query) =>
      query.state.data?.data.some((d) => !isFinished(d)) ? DEPLOYMENT_POLL_MS : false,
  });
}

export function useDeployment(id: string) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.deployments.detail(scope, id),
    queryFn: ({ signal }) => callApi<Deployment>(deploymentPath(id), { signal }),
    refetchInterval: (query) =>
      query.state.data && !isFinished(query.state.data) ? DEPLOYMENT_POLL_MS : false,
  });
}

/** What the deployment made (labelled deployment=<id>), for the lanes' links. */
export function useDeploymentResources(id: string, follow: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.deployments.resources(scope, id),
    queryFn: ({ signal }) =>
      callApi<{ data: ResourceDto[] }>(
        `/v1/resources?label=${encodeURIComponent(`deployment:${id}`)}&limit=100`,
        { signal },
      ),
    refetchInterval: follow ? DEPLOYMENT_POLL_MS : false,
  });
}

// Events arrive named by their type, and an EventSource hands a named frame only to listeners
// of that name.
const DEPLOYMENT_EVENT_TYPES = [
  "created",
  "started",
  "wave_started",
  "target_succeeded",
  "target_failed",
  "awaiting_approval",
  "approved",
  "rejected",
  "paused",
  "resumed",
  "canceled",
  "rolling_back",
  "rolled_back",
  "rollback_failed",
  "rollback_requested",
  "succeeded",
  "failed",
].map((t) => `deployment.${t}`);

/**
 * Follows deployment.* events on the API's stream through the portal proxy and refreshes the
 * deployment queries on each (optionally only those about one deployment); the shared live
 * stream resumes after drops and the server's reconnect, and the interval refetch above covers gaps.
 */
export function useDeploymentStream(objectId?: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const stream = openLiveStream({
      url: (after) => eventStreamUrl({ type: "deployment.*", object_id: objectId }, after),
      types: DEPLOYMENT_EVENT_TYPES,
      onEvent: () => {
        void client.invalidateQueries({ queryKey: queryKeys.deployments.all(scope) });
      },
      onStatus: () => undefined,
    });
    return () => stream.close();
  }, [client, scope, objectId]);
}

export function usePlanDeployment() {
  return useMutation({
    mutationFn: (body: DeploymentInput) =>
      callApi<DeploymentPlan>("/v1/deployments/plan", { method: "POST", body }),
  });
}

export function useCreateDeployment() {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DeploymentInput) =>
      callApi<Deployment>("/v1/deployments", { method: "POST", body }),
    onSuccess: (created) => {
      toast.success(`Deployment of ${created.service} started`);
      client.setQueryData(queryKeys.deployments.detail(scope, created.id), created);
      void client.invalidateQueries({ queryKey: queryKeys.deployments.list(scope) });
    },
  });
}

export function useDeploymentAction(id: string) {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: DeploymentActionName) =>
      callApi<Deployment>(`${deploymentPath(id)}/${action}`, { method: "POST" }),
    onSuccess: (deployment, action) => {
      client.setQueryData(queryKeys.deployments.detail(scope, deployment.id), deployment);
      void client.invalidateQueries({ queryKey: queryKeys.deployments.all(scope) });
      toast.success(
        deployment.id === id
          ? `Deployment ${action === "approve" ? "approved" : `${action} requested`}`
          : `Rolling back as revision ${deployment.revision}`,
      );
    },
  });
}
