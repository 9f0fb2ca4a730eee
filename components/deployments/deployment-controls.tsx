"use client";

import { useRouter } from "next/navigation";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/ui/inline-alert";
import { messageOf } from "@/lib/portal/proxy-client";
import type { DeploymentStatus } from "@/lib/schemas/deployments";
import { type Deployment, type DeploymentActionName, useDeploymentAction } from "./use-deployments";

const ACTIVE: readonly DeploymentStatus[] = [
  "queued",
  "in_progress",
  "paused",
  "awaiting_approval",
];

const LABEL: Record<DeploymentActionName, string> = {
  approve: "Approve wave",
  reject: "Reject",
  pause: "Pause",
  resume: "Resume",
  cancel: "Cancel",
  rollback: "Roll back",
};

/** What the deployment's state allows and the member may do; approve is never the creator's. */
export function allowedActions(
  d: Pick<Deployment, "status" | "created_by">,
  canWrite: boolean,
  userId: string,
): DeploymentActionName[] {
  if (!canWrite) return [];
  const out: DeploymentActionName[] = [];
  if (d.status === "awaiting_approval" && d.created_by !== userId) out.push("approve", "reject");
  if (d.status === "queued" || d.status === "in_progress") out.push("pause");
  if (d.status === "paused") out.push("resume");
  if (ACTIVE.includes(d.status)) out.push("cancel");
  if (ACTIVE.includes(d.status) || d.status === "succeeded" || d.status === "failed")
    out.push("rollback");
  return out;
}

export function DeploymentControls({ deployment }: { deployment: Deployment }) {
  const router = useRouter();
  const { user } = usePortalContext();
  const canWrite = useCan("deployments:write");
  const action = useDeploymentAction(deployment.id);
  const actions = allowedActions(deployment, canWrite, user.id);
  if (actions.length === 0) return null;
  const run = async (name: DeploymentActionName) => {
    const answer = await action.mutateAsync(name).catch(() => null);
    // A finished deployment's rollback is a new deployment: follow it.
    if (answer && answer.id !== deployment.id) router.push(`/dashboard/deployments/${answer.id}`);
  };
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2" data-testid="deployment-actions">
        {actions.map((name) => (
          <Button
            key={name}
            variant={
              name === "approve"
                ? "default"
                : name === "cancel" || name === "reject"
                  ? "destructive"
                  : "outline"
            }
            size="sm"
            disabled={action.isPending}
            onClick={() => void run(name)}
          >
            {LABEL[name]}
          </Button>
        ))}
      </div>
      {action.isError ? (
        <InlineAlert title="The action was refused">{messageOf(action.error)}</InlineAlert>
      ) : null}
    </div>
  );
}
