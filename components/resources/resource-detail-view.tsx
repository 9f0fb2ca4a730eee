"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { isObjectId } from "@/components/events/event-filters";
import { useLiveEvents } from "@/components/events/use-events";
import { BackLink, DetailFallback, Fact } from "@/components/shell/detail-page";
import { useCan, usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Trash2 } from "@/components/ui/icons/trash2";
import { InlineAlert } from "@/components/ui/inline-alert";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/portal/format";
import { ApiError, messageOf } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import { ConfirmButton } from "./confirm-button";
import { EventTimeline } from "./event-timeline";
import { LabelsEditor } from "./labels-editor";
import { hasActions, typeLabel } from "./resource-labels";
import { ResourceName } from "./resource-name";
import { ResourceStatus } from "./resource-status";
import {
  type Resource,
  useDeleteResource,
  useResource,
  useResourceEvents,
  useUpdateResource,
} from "./use-resources";

const ID_FIELD = /_id$/;

/**
 * The action controls (pickers, resize) load right after the page, outside its first-load
 * JavaScript: with them the page was over its 170 kB budget.
 */
const ResourceActions = lazyClient(
  () => import("./resource-actions").then((m) => m.ResourceActions),
  { fallback: () => <Skeleton className="h-9 w-64" /> },
);

function SpecValue({ name, value }: { name: string; value: unknown }) {
  if (value === null || value === undefined)
    return <span className="text-muted-foreground">none</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-muted-foreground">none</span>;
    return (
      <span className="flex flex-wrap gap-1.5">
        {value.map((item) => (
          <SpecValue key={String(item)} name={name} value={item} />
        ))}
      </span>
    );
  }
  if (
    typeof value === "string" &&
    (ID_FIELD.test(name) || name === "target_ids") &&
    value.startsWith("res_")
  ) {
    return (
      <AppLink
        href={`/dashboard/resources/${value}`}
        className="font-mono underline underline-offset-4"
      >
        {value}
      </AppLink>
    );
  }
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  return <span className="font-mono">{String(value)}</span>;
}

function DeleteButton({
  resource,
  onProblem,
}: {
  resource: Resource;
  onProblem: (message: string | null) => void;
}) {
  const router = useRouter();
  const remove = useDeleteResource();
  return (
    <ConfirmButton
      variant="outline"
      className="text-destructive"
      confirm={{
        destructive: true,
        title: `Delete ${resource.name}?`,
        description: `${typeLabel(resource.type)} ${resource.id} will be deleted permanently. This cannot be undone.`,
        confirmLabel: "Delete",
        onConfirm: async () => {
          onProblem(null);
          try {
            await remove.mutateAsync(resource);
            router.push("/dashboard/resources");
          } catch (error) {
            // 409: the API names what uses the resource; show it on the page, not only in a toast.
            onProblem(
              error instanceof ApiError && error.status === 409
                ? `${resource.name} is in use and was not deleted. ${error.detail}`
                : messageOf(error),
            );
          }
        },
      }}
    >
      <Trash2 aria-hidden="true" />
      Delete
    </ConfirmButton>
  );
}

/** /dashboard/resources/[id]: everything about one resource, its actions and its history. */
export function ResourceDetailView({ id }: { id: string }) {
  const canWrite = useCan("resources:write");
  const scope = usePortalScopeKey();
  // The stream of this resource's events keeps the resource and its timeline current (a
  // provisioning one turns active when resource.active arrives); polling is the fallback when
  // the stream is not allowed or has dropped. While it is still starting nothing is polled: it
  // resumes from the newest event shown, so what happens meanwhile arrives all the same.
  const streamAllowed = useCan("events:read") && isObjectId(id);
  const streamStatus = useLiveEvents({
    filters: { object_id: id },
    resumeFrom: queryKeys.events.forObject(scope, id),
    enabled: streamAllowed,
  });
  const live = streamAllowed && streamStatus !== "reconnecting";
  const query = useResource(id, live);
  const resource = query.data;
  const events = useResourceEvents(id, !live && resource?.status === "provisioning");
  const update = useUpdateResource(id);
  const [problem, setProblem] = useState<string | null>(null);

  const back = <BackLink href="/dashboard/resources">Resources</BackLink>;

  if (query.isPending || query.isError || !resource) {
    return (
      <DetailFallback
        query={query}
        back={back}
        heading="Resource"
        loadingLabel="Loading resource"
        notFoundTitle="Resource not found"
        notFoundDescription={`There is no resource ${id} in this project and environment. It may have been deleted.`}
        list={{ href: "/dashboard/resources", label: "All resources" }}
        errorTitle="Could not load the resource"
      />
    );
  }

  return (
    <>
      {back}
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid gap-1.5">
          <h1 className="font-semibold text-xl tracking-tight">
            <ResourceName
              name={resource.name}
              canWrite={canWrite}
              onRename={(name) => update.mutate({ name })}
            />
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
            <ResourceStatus status={resource.status} />
            <span>{typeLabel(resource.type)}</span>
            <span aria-hidden="true">·</span>
            <span>{resource.region}</span>
          </div>
        </div>
        {canWrite ? <DeleteButton resource={resource} onProblem={setProblem} /> : null}
      </div>

      {problem ? (
        <InlineAlert
          title="Not deleted"
          label="Delete refused"
          className="mb-4"
          data-testid="delete-problem"
        >
          {problem}
        </InlineAlert>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="grid gap-4 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-4 sm:grid-cols-2">
                <Fact label="ID">
                  <code className="font-mono text-[13px]">{resource.id}</code>
                  <CopyButton value={resource.id} size="icon-sm" variant="ghost" label="Copy ID" />
                </Fact>
                <Fact label="Type">{typeLabel(resource.type)}</Fact>
                <Fact label="Status">
                  <ResourceStatus status={resource.status} />
                </Fact>
                <Fact label="Region">{resource.region}</Fact>
                <Fact label="Created">{formatDateTime(resource.created_at)}</Fact>
                <Fact label="Updated">{formatDateTime(resource.updated_at)}</Fact>
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Spec</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-4 sm:grid-cols-2" data-testid="resource-spec">
                {Object.entries(resource.spec).map(([name, value]) => (
                  <Fact key={name} label={name}>
                    <SpecValue name={name} value={value} />
                  </Fact>
                ))}
              </dl>
            </CardContent>
          </Card>
          {canWrite && hasActions(resource) ? (
            <Card>
              <CardHeader>
                <CardTitle>Actions</CardTitle>
              </CardHeader>
              <CardContent>
                <ResourceActions resource={resource} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Labels</CardTitle>
            </CardHeader>
            <CardContent>
              <LabelsEditor
                labels={resource.labels}
                canWrite={canWrite}
                saving={update.isPending}
                onSave={(labels) => update.mutate({ labels })}
              />
            </CardContent>
          </Card>
        </div>
        <Card className="h-fit">
          <CardHeader>
            <CardTitle>Events</CardTitle>
          </CardHeader>
          <CardContent>
            {events.isError ? (
              <p className="text-muted-foreground text-sm">{messageOf(events.error)}</p>
            ) : (
              <EventTimeline events={events.data?.data ?? []} />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
