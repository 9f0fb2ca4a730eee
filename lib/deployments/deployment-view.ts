import type { Kysely } from "kysely";
import { fromJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import type { DeploymentDto, DeploymentStepDto, TargetStatus } from "@/lib/schemas/deployments";
import { type DeploymentRow, type TargetRow, targetsOf } from "./deployment-store";
import type { ServiceTemplate, WaveState } from "./template";

const RUNNING: readonly string[] = ["in_progress", "baking"];

function idsOf(target: TargetRow): string[] {
  const set = fromJson<{
    instanceIds?: string[];
    volumeIds?: string[];
    loadBalancerId?: string | null;
  }>(target.resource_ids, {});
  return [
    ...(set.instanceIds ?? []),
    ...(set.volumeIds ?? []),
    ...(set.loadBalancerId ? [set.loadBalancerId] : []),
  ];
}

function desiredOf(template: ServiceTemplate, target: TargetRow): number {
  if (target.removes === 1) return 0;
  return template.count * (template.volume_gb === null ? 1 : 2) + (template.load_balancer ? 1 : 0);
}

/** The deployment as the API answers it, with per-target resource counts read from the store. */
export async function deploymentDtos(
  db: Kysely<Database>,
  rows: readonly DeploymentRow[],
): Promise<DeploymentDto[]> {
  const out: DeploymentDto[] = [];
  for (const row of rows) {
    const targets = await targetsOf(db, row);
    const ids = targets.flatMap(idsOf);
    const statuses =
      ids.length === 0
        ? new Map<string, string>()
        : new Map(
            (
              await db
                .selectFrom("resources")
                .select(["id", "status"])
                .where("project_id", "=", row.project_id)
                .where("environment", "=", row.environment)
                .where("id", "in", ids)
                .execute()
            ).map((r) => [r.id, r.status]),
          );
    out.push(toDto(row, targets, statuses));
  }
  return out;
}

function toDto(
  row: DeploymentRow,
  targets: TargetRow[],
  statuses: Map<string, string>,
): DeploymentDto {
  const template = fromJson<ServiceTemplate>(row.template, {
    size: "",
    image: "",
    count: 0,
    load_balancer: false,
    volume_gb: null,
  });
  const views = targets.map((t) => {
    const ids = idsOf(t);
    return {
      region: t.region,
      wave: t.wave,
      status: t.status as TargetStatus,
      steps: fromJson<DeploymentStepDto[]>(t.steps, []),
      resources: {
        desired: desiredOf(template, t),
        active: ids.filter((id) => statuses.get(id) === "active").length,
        failed: ids.filter((id) => statuses.get(id) === "failed").length,
      },
    };
  });
  return {
    id: row.id,
    object: "deployment",
    service: row.service,
    revision: Number(row.revision),
    status: row.status as DeploymentDto["status"],
    template,
    regions: fromJson<string[]>(row.regions, []),
    strategy: fromJson<DeploymentDto["strategy"]>(row.strategy, { type: "rolling" }),
    waves: fromJson<WaveState[]>(row.waves, []),
    current_wave: row.current_wave === null ? null : Number(row.current_wave),
    on_failure: row.on_failure as DeploymentDto["on_failure"],
    progress_deadline_seconds: Number(row.progress_deadline_seconds),
    base_deployment_id: row.base_deployment_id,
    rollback_of: row.rollback_of,
    created_by: row.created_by_user_id ?? row.created_by_key_id,
    failure_reason: row.failure_reason,
    targets: views,
    progress: {
      total: targets.length,
      succeeded: targets.filter((t) => t.status === "succeeded").length,
      failed: targets.filter((t) => t.status === "failed").length,
      running: targets.filter((t) => RUNNING.includes(t.status)).length,
    },
    created_at: row.created_at,
    updated_at: row.updated_at,
    finished_at: row.finished_at,
  };
}
