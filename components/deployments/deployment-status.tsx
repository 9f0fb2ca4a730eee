import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import type { DeploymentStatus, TargetStatus } from "@/lib/schemas/deployments";

type Variant = BadgeProps["variant"];

const DEPLOYMENT_VARIANT: Record<DeploymentStatus, Variant> = {
  queued: "secondary",
  in_progress: "info",
  paused: "warning",
  awaiting_approval: "warning",
  succeeded: "success",
  failed: "destructive",
  rolling_back: "warning",
  rolled_back: "secondary",
  rollback_failed: "destructive",
  canceled: "secondary",
  rejected: "secondary",
};

const TARGET_VARIANT: Record<TargetStatus, Variant> = {
  pending: "secondary",
  in_progress: "info",
  baking: "info",
  succeeded: "success",
  failed: "destructive",
  rolled_back: "secondary",
  skipped: "outline",
};

const MOVING = new Set<string>(["in_progress", "baking", "rolling_back"]);

/** The status in words (never colour alone), with a spinner while it is moving. */
export function DeploymentStatusBadge({
  status,
  target = false,
}: {
  status: DeploymentStatus | TargetStatus;
  target?: boolean;
}) {
  const variant = target
    ? TARGET_VARIANT[status as TargetStatus]
    : DEPLOYMENT_VARIANT[status as DeploymentStatus];
  return (
    <Badge
      variant={variant}
      data-testid={target ? "target-status" : "deployment-status"}
      data-status={status}
    >
      {MOVING.has(status) ? <Spinner className="size-3" /> : null}
      {status.replaceAll("_", " ")}
    </Badge>
  );
}
