import { AppLink } from "@/components/ui/app-link";
import { formatDateTime } from "@/lib/portal/format";
import type { DeploymentDto } from "@/lib/schemas/deployments";
import type { ResourceDto } from "@/lib/schemas/resources";
import { DeploymentStatusBadge } from "./deployment-status";

type Target = DeploymentDto["targets"][number];
type Step = Target["steps"][number];

const STEP_LABEL: Record<string, string> = {
  provision: "Provision",
  health_check: "Health check",
  bake: "Bake",
  cutover: "Cut over",
  remove: "Remove",
};

const STEP_MARK: Record<Step["status"], string> = {
  pending: "○",
  running: "◐",
  succeeded: "✓",
  failed: "✕",
  skipped: "–",
};

function duration(step: Step): string | null {
  if (!step.started_at) return null;
  const end = step.ended_at ? Date.parse(step.ended_at) : Date.now();
  const seconds = Math.max(0, Math.round((end - Date.parse(step.started_at)) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** One region of a deployment: its wave, status, steps with timings and the resources made. */
export function RegionLane({
  target,
  resources,
}: {
  target: Target;
  resources: readonly ResourceDto[];
}) {
  return (
    <li
      className="grid gap-3 rounded-lg border p-4"
      data-testid="region-lane"
      data-region={target.region}
      data-status={target.status}
      aria-label={`${target.region}: ${target.status.replaceAll("_", " ")}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className="font-medium font-mono text-sm">{target.region}</span>
          <span className="text-muted-foreground text-xs">wave {target.wave + 1}</span>
        </div>
        <DeploymentStatusBadge status={target.status} target />
      </div>
      <ol className="grid gap-1 text-sm sm:grid-cols-4">
        {target.steps.map((step) => (
          <li
            key={step.name}
            className="grid gap-0.5 rounded-md bg-muted/40 px-2 py-1.5"
            data-testid="lane-step"
            data-step={step.name}
            data-status={step.status}
          >
            <span className="flex items-center gap-1.5">
              <span aria-hidden="true">{STEP_MARK[step.status]}</span>
              {STEP_LABEL[step.name] ?? step.name}
              <span className="sr-only">: {step.status}</span>
            </span>
            <span
              className="text-muted-foreground text-xs tabular-nums"
              title={step.started_at ? formatDateTime(step.started_at) : undefined}
            >
              {duration(step) ?? step.status}
            </span>
            {step.detail ? (
              <span className={step.status === "failed" ? "text-destructive text-xs" : "text-xs"}>
                {step.detail}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
        <span className="text-muted-foreground tabular-nums">
          {target.resources.active}/{target.resources.desired} active
          {target.resources.failed > 0 ? `, ${target.resources.failed} failed` : ""}
        </span>
        {resources.map((r) => (
          <AppLink
            key={r.id}
            href={`/dashboard/resources/${r.id}`}
            className="font-mono underline-offset-4 hover:underline"
          >
            {r.name}
          </AppLink>
        ))}
      </div>
    </li>
  );
}
