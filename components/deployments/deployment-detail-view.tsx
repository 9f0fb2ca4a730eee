"use client";

import { BackLink, DetailFallback, Fact } from "@/components/shell/detail-page";
import { AppLink } from "@/components/ui/app-link";
import { Card, CardContent } from "@/components/ui/card";
import { InlineAlert } from "@/components/ui/inline-alert";
import { formatDateTime } from "@/lib/portal/format";
import { DeploymentControls } from "./deployment-controls";
import { DeploymentStatusBadge } from "./deployment-status";
import { RegionLane } from "./region-lane";
import {
  isFinished,
  useDeployment,
  useDeploymentResources,
  useDeploymentStream,
} from "./use-deployments";

function strategyText(strategy: { type: string }) {
  if (strategy.type === "parallel") return "Parallel";
  if (strategy.type === "canary") return "Canary";
  return "Rolling";
}

/** /dashboard/deployments/[id]: one lane per region, live from the event stream. */
export function DeploymentDetailView({ id }: { id: string }) {
  const query = useDeployment(id);
  const deployment = query.data;
  const running = deployment !== undefined && !isFinished(deployment);
  const resources = useDeploymentResources(id, running);
  useDeploymentStream(id);
  const back = <BackLink href="/dashboard/deployments">Deployments</BackLink>;

  if (query.isPending || query.isError || !deployment) {
    return (
      <DetailFallback
        query={query}
        back={back}
        heading="Deployment"
        loadingLabel="Loading deployment"
        notFoundTitle="Deployment not found"
        notFoundDescription={`There is no deployment ${id} in this project and environment.`}
        list={{ href: "/dashboard/deployments", label: "All deployments" }}
        errorTitle="Could not load the deployment"
      />
    );
  }
  const made = resources.data?.data ?? [];
  const waiting = deployment.waves[deployment.current_wave ?? -1];

  return (
    <>
      {back}
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <h1 className="font-semibold text-xl tracking-tight">
            {deployment.service}{" "}
            <span className="font-normal text-muted-foreground">r{deployment.revision}</span>
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
            <DeploymentStatusBadge status={deployment.status} />
            <span className="font-mono text-xs">{deployment.id}</span>
          </div>
        </div>
        <DeploymentControls deployment={deployment} />
      </div>

      {deployment.status === "awaiting_approval" && waiting ? (
        <InlineAlert variant="warning" title="Waiting for approval" className="mb-4">
          Wave {waiting.index + 1} ({waiting.regions.join(", ")}) starts once a member other than
          the one who created this deployment approves it.
        </InlineAlert>
      ) : null}
      {deployment.failure_reason ? (
        <InlineAlert
          variant={deployment.status === "rolled_back" ? "warning" : "error"}
          title={deployment.status === "rollback_failed" ? "Rollback failed" : "Failure"}
          className="mb-4"
        >
          {deployment.failure_reason}
        </InlineAlert>
      ) : null}

      <Card className="mb-4">
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Fact label="Template">
              {deployment.template.count} × {deployment.template.size}
            </Fact>
            <Fact label="Image">{deployment.template.image}</Fact>
            <Fact label="Strategy">{strategyText(deployment.strategy)}</Fact>
            <Fact label="On failure">{deployment.on_failure}</Fact>
            <Fact label="Progress">
              <span data-testid="detail-progress">
                {deployment.progress.succeeded}/{deployment.progress.total} succeeded
              </span>
            </Fact>
            <Fact label="Created">{formatDateTime(deployment.created_at)}</Fact>
            {deployment.rollback_of ? (
              <Fact label="Rolls back">
                <AppLink
                  href={`/dashboard/deployments/${deployment.rollback_of}`}
                  className="font-mono text-xs underline"
                >
                  {deployment.rollback_of}
                </AppLink>
              </Fact>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      <ol className="grid gap-3" aria-label="Regions">
        {deployment.targets.map((t) => (
          <RegionLane
            key={`${t.region}-${t.wave}`}
            target={t}
            resources={made.filter((r) => r.region === t.region)}
          />
        ))}
      </ol>
    </>
  );
}
