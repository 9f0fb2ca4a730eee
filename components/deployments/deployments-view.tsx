"use client";

import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Boxes } from "@/components/ui/icons/boxes";
import { Plus } from "@/components/ui/icons/plus";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import { DeploymentStatusBadge } from "./deployment-status";
import { type Deployment, useDeploymentStream, useDeployments } from "./use-deployments";

function ProgressCell({ deployment }: { deployment: Deployment }) {
  const { total, succeeded, failed } = deployment.progress;
  return (
    <div className="grid min-w-28 gap-1" data-testid="deployment-progress">
      <div
        className="h-1.5 overflow-hidden rounded-full bg-muted"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={succeeded}
        aria-label={`${succeeded} of ${total} regions succeeded`}
      >
        <div
          className={failed > 0 ? "h-full bg-destructive" : "h-full bg-primary"}
          style={{ width: `${total === 0 ? 0 : Math.round((succeeded / total) * 100)}%` }}
        />
      </div>
      <span className="text-muted-foreground text-xs tabular-nums">
        {succeeded}/{total} regions{failed > 0 ? `, ${failed} failed` : ""}
      </span>
    </div>
  );
}

function DeploymentRow({ deployment }: { deployment: Deployment }) {
  return (
    <TableRow data-testid="deployment-row" data-deployment-id={deployment.id}>
      <TableCell>
        <AppLink
          href={`/dashboard/deployments/${deployment.id}`}
          className="font-medium underline-offset-4 hover:underline"
        >
          {deployment.service}
        </AppLink>
        <div className="font-mono text-muted-foreground text-xs">{deployment.id}</div>
      </TableCell>
      <TableCell className="tabular-nums">r{deployment.revision}</TableCell>
      <TableCell>
        <DeploymentStatusBadge status={deployment.status} />
      </TableCell>
      <TableCell className="max-w-56">
        <span className="block truncate font-mono text-xs" title={deployment.regions.join(", ")}>
          {deployment.regions.join(", ")}
        </span>
      </TableCell>
      <TableCell>
        <ProgressCell deployment={deployment} />
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <time
          dateTime={deployment.created_at}
          title={formatDateTime(deployment.created_at)}
          suppressHydrationWarning
        >
          {formatRelative(deployment.created_at)}
        </time>
      </TableCell>
    </TableRow>
  );
}

/** /dashboard/deployments: the rollouts of the current project and environment, newest first. */
export function DeploymentsView() {
  const { environment, project } = usePortalContext();
  const canWrite = useCan("deployments:write");
  const deployments = useDeployments();
  useDeploymentStream();
  const list = deployments.data?.data ?? [];
  const newButton = canWrite ? (
    <AppLink href="/dashboard/deployments/new" className={buttonVariants({})}>
      <Plus aria-hidden="true" />
      New deployment
    </AppLink>
  ) : null;

  return (
    <>
      <PageHeader
        title="Deployments"
        description={
          <>
            Services of {project.name} rolled out region by region in{" "}
            {environment === "test" ? "Sandbox" : "Live"}.{" "}
            <a href="/docs/deployments" className="underline underline-offset-4">
              Deployments guide
            </a>
          </>
        }
        actions={newButton}
      />
      {deployments.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading deployments">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : deployments.isError ? (
        <InlineAlert title="Could not load the deployments">
          {messageOf(deployments.error)}
        </InlineAlert>
      ) : list.length === 0 ? (
        <EmptyState
          icon={<Boxes />}
          title="No deployments yet"
          description={
            canWrite
              ? "Plan a service's rollout to one or more regions, check the changes and their monthly cost, then apply it wave by wave."
              : "Your role can follow deployments but not start them. Ask an owner, admin or developer."
          }
          action={newButton}
        />
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="Deployments">
            <TableHeader>
              <TableRow>
                <TableHead>Service</TableHead>
                <TableHead>Revision</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Regions</TableHead>
                <TableHead>Progress</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((d) => (
                <DeploymentRow key={d.id} deployment={d} />
              ))}
            </TableBody>
          </Table>
          {deployments.data?.meta.has_more ? (
            <p className="border-t px-4 py-2 text-muted-foreground text-xs">
              Showing the newest 50 of {deployments.data.meta.total} deployments.
            </p>
          ) : null}
        </div>
      )}
    </>
  );
}
