import type { CloudClient } from "./client";
import { DEPLOYMENT_TERMINAL_STATUSES } from "./statuses";
import { sleep } from "./transport";
import type { Schemas } from "./types";
import { CloudWaitError } from "./wait-for";

export type Deployment = Schemas["Deployment"];
export type DeploymentInput = Schemas["DeploymentInput"];
export type DeploymentPlan = Schemas["DeploymentPlan"];
export type DeploymentStatus = Deployment["status"];
export { DEPLOYMENT_TERMINAL_STATUSES };

export interface DeploymentListQuery {
  service?: string;
  status?: DeploymentStatus;
  limit?: number;
  cursor?: string;
}

export interface DeploymentWaitOptions {
  /** Give up after this long (default 30 minutes): CloudWaitError with reason "timeout". */
  timeoutMs?: number;
  /** Between polls (default 2 s). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called with each poll whose status or per-region progress differs from the one before. */
  onProgress?: (deployment: Deployment) => void;
}

type ActionName = "pause" | "resume" | "cancel" | "approve" | "reject" | "rollback";
type Action = (id: string, options?: { idempotencyKey?: string | false }) => Promise<Deployment>;

export interface DeploymentsApi extends Record<ActionName, Action> {
  /** A dry run: the per-region diff and cost; kept an hour so create can be held to it. */
  plan(input: DeploymentInput): Promise<DeploymentPlan>;
  create(
    input: DeploymentInput,
    options?: { idempotencyKey?: string | false },
  ): Promise<Deployment>;
  get(id: string): Promise<Deployment>;
  list(query?: DeploymentListQuery): Promise<Schemas["DeploymentList"]>;
  /**
   * Polls until the deployment reaches a terminal status and answers it, whichever it is
   * (succeeded, failed, rolled_back ...): the caller decides what a failure means.
   */
  waitFor(target: string | { id: string }, options?: DeploymentWaitOptions): Promise<Deployment>;
}

const ACTION_PATHS = {
  pause: "/v1/deployments/{id}/pause",
  resume: "/v1/deployments/{id}/resume",
  cancel: "/v1/deployments/{id}/cancel",
  approve: "/v1/deployments/{id}/approve",
  reject: "/v1/deployments/{id}/reject",
  rollback: "/v1/deployments/{id}/rollback",
} as const;

/** What a progress line shows: the status and each region's target status. */
function progressKey(d: Deployment): string {
  return JSON.stringify([d.status, d.current_wave, d.targets.map((t) => [t.status, t.resources])]);
}

export function deploymentsApi(client: Pick<CloudClient, "GET" | "POST">): DeploymentsApi {
  const get = async (id: string) =>
    (await client.GET("/v1/deployments/{id}", { params: { path: { id } } })).data;
  const action =
    (name: ActionName): Action =>
    async (id, options = {}) =>
      (
        await client.POST(ACTION_PATHS[name], {
          params: { path: { id } },
          ...(options.idempotencyKey !== undefined
            ? { idempotencyKey: options.idempotencyKey }
            : {}),
        })
      ).data;
  return {
    plan: async (input) => (await client.POST("/v1/deployments/plan", { body: input })).data,
    create: async (input, options = {}) =>
      (
        await client.POST("/v1/deployments", {
          body: input,
          ...(options.idempotencyKey !== undefined
            ? { idempotencyKey: options.idempotencyKey }
            : {}),
        })
      ).data,
    get,
    list: async (query = {}) => {
      const params: Record<string, string> = {};
      if (query.service) params.service = query.service;
      if (query.status) params.status = query.status;
      if (query.limit !== undefined) params.limit = String(query.limit);
      if (query.cursor) params.cursor = query.cursor;
      return (await client.GET("/v1/deployments", { params: { query: params } })).data;
    },
    pause: action("pause"),
    resume: action("resume"),
    cancel: action("cancel"),
    approve: action("approve"),
    reject: action("reject"),
    rollback: action("rollback"),
    async waitFor(target, options = {}) {
      const id = typeof target === "string" ? target : target.id;
      const timeoutMs = options.timeoutMs ?? 30 * 60_000;
      const deadline = Date.now() + timeoutMs;
      let shown = "";
      for (;;) {
        const deployment = await get(id);
        const key = progressKey(deployment);
        if (key !== shown) {
          shown = key;
          options.onProgress?.(deployment);
        }
        if ((DEPLOYMENT_TERMINAL_STATUSES as readonly string[]).includes(deployment.status))
          return deployment;
        const remaining = deadline - Date.now();
        if (remaining <= 0) {
          throw new CloudWaitError(
            "timeout",
            id,
            deployment,
            `${id} is still ${deployment.status} after ${Math.round(timeoutMs / 1000)} s`,
          );
        }
        await sleep(Math.min(options.intervalMs ?? 2000, remaining), options.signal);
      }
    },
  };
}
