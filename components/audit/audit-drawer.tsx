"use client";

import { useState } from "react";
import { useCan } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { AuditLogDto } from "@/lib/schemas/audit-logs";
import { cn } from "@/lib/utils";
import { auditDiff, type DiffKind, type DiffRow } from "./audit-diff";
import type { AuditFilters } from "./audit-filters";

export interface AuditDrawerProps {
  /** The entry the URL names; null: the drawer is closed. */
  entryId: string | null;
  entry: AuditLogDto | undefined;
  error: unknown;
  onClose: () => void;
  /** Narrows the table to this entry's actor or target (and closes the drawer). */
  onFilter: (patch: AuditFilters) => void;
  onCloseAutoFocus?: (e: Event) => void;
}

const KIND_TEXT: Record<DiffKind, string> = {
  added: "added",
  removed: "removed",
  changed: "changed",
  unchanged: "unchanged",
};

function Value({ text, kind, side }: { text?: string; kind: DiffKind; side: "before" | "after" }) {
  if (text === undefined) return <span className="text-muted-foreground">—</span>;
  const struck = side === "before" && (kind === "changed" || kind === "removed");
  const marked = side === "after" && (kind === "changed" || kind === "added");
  return (
    <span
      className={cn(
        "rounded-sm px-1 font-mono text-[12px] [overflow-wrap:anywhere]",
        struck && "bg-destructive-muted text-destructive-muted-foreground line-through",
        marked && "bg-success-muted text-success-muted-foreground",
      )}
    >
      {text}
    </span>
  );
}

/** Before and after, field by field: what changed first; kept fields behind a toggle. */
function ChangesTable({ entry }: { entry: AuditLogDto }) {
  const [all, setAll] = useState(false);
  const rows = auditDiff(entry.changes.before, entry.changes.after);
  const kept = rows.filter((r) => r.kind === "unchanged").length;
  const shown: DiffRow[] = all ? rows : rows.filter((r) => r.kind !== "unchanged");
  const what =
    entry.changes.before === null && entry.changes.after !== null
      ? "It did not exist before."
      : entry.changes.after === null && entry.changes.before !== null
        ? "It is gone after."
        : null;
  return (
    <section aria-labelledby="audit-changes" className="grid gap-2">
      <h3 id="audit-changes" className="font-semibold text-sm">
        Changes
      </h3>
      {rows.length === 0 ? (
        <p className="text-muted-foreground text-sm">No field values were recorded.</p>
      ) : (
        <>
          {what ? <p className="text-muted-foreground text-sm">{what}</p> : null}
          <div className="rounded-md border">
            <table className="w-full table-fixed text-sm" data-testid="audit-diff">
              <thead className="bg-muted text-left text-muted-foreground text-xs">
                <tr>
                  <th scope="col" className="w-[30%] px-2 py-1.5 font-medium">
                    Field
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    Before
                  </th>
                  <th scope="col" className="px-2 py-1.5 font-medium">
                    After
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr
                    key={row.path}
                    className="border-t align-top"
                    data-testid="audit-diff-row"
                    data-field={row.path}
                    data-kind={row.kind}
                  >
                    <th scope="row" className="px-2 py-1.5 text-left font-normal">
                      <span className="font-mono text-[12px] [overflow-wrap:anywhere]">
                        {row.path}
                      </span>
                      <span className="block text-muted-foreground text-xs">
                        {KIND_TEXT[row.kind]}
                      </span>
                    </th>
                    <td className="px-2 py-1.5">
                      <Value text={row.before} kind={row.kind} side="before" />
                    </td>
                    <td className="px-2 py-1.5">
                      <Value text={row.after} kind={row.kind} side="after" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {kept > 0 ? (
            <Button
              variant="ghost"
              size="sm"
              className="justify-self-start"
              aria-pressed={all}
              onClick={() => setAll(!all)}
            >
              {all
                ? "Hide unchanged fields"
                : `Show ${kept} unchanged field${kept === 1 ? "" : "s"}`}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

function Facts({ entry }: { entry: AuditLogDto }) {
  const canReadLogs = useCan("logs:read");
  const { actor, context } = entry;
  const requestId = context.request_id;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      <dt className="text-muted-foreground">Outcome</dt>
      <dd>
        <Badge variant={entry.outcome === "denied" ? "destructive" : "success"}>
          {entry.outcome}
        </Badge>
      </dd>
      <dt className="text-muted-foreground">Actor</dt>
      <dd className="[overflow-wrap:anywhere]" data-testid="audit-drawer-actor">
        {actor.display ?? actor.id ?? actor.type}
        <span className="block font-mono text-[12px] text-muted-foreground">
          {actor.type}
          {actor.id ? ` · ${actor.id}` : ""}
        </span>
      </dd>
      <dt className="text-muted-foreground">Targets</dt>
      <dd className="grid gap-0.5">
        {entry.targets.length === 0 ? <span className="text-muted-foreground">none</span> : null}
        {entry.targets.map((t) => (
          <span key={`${t.type}:${t.id}`} className="[overflow-wrap:anywhere]">
            {t.type} {t.name ? `“${t.name}” ` : ""}
            <code className="font-mono text-[12px] text-muted-foreground">{t.id}</code>
          </span>
        ))}
      </dd>
      <dt className="text-muted-foreground">Source</dt>
      <dd data-testid="audit-drawer-source">{context.source}</dd>
      <dt className="text-muted-foreground">Request ID</dt>
      <dd className="font-mono text-[13px] [overflow-wrap:anywhere]" data-testid="audit-request-id">
        {requestId ? (
          canReadLogs ? (
            <AppLink
              href={`/dashboard/logs?request_id=${encodeURIComponent(requestId)}`}
              className="underline-offset-4 hover:underline"
            >
              {requestId}
            </AppLink>
          ) : (
            requestId
          )
        ) : (
          <span className="font-sans text-muted-foreground">none (not caused by a request)</span>
        )}
      </dd>
      <dt className="text-muted-foreground">IP address</dt>
      <dd className="font-mono text-[13px]">{context.ip ?? "—"}</dd>
      <dt className="text-muted-foreground">User agent</dt>
      <dd className="text-[13px] [overflow-wrap:anywhere]">{context.user_agent ?? "—"}</dd>
      <dt className="text-muted-foreground">Scope</dt>
      <dd>
        {entry.project_id
          ? `${entry.environment === "test" ? "Sandbox" : "Live"} · ${entry.project_id}`
          : "The whole organization"}
      </dd>
    </dl>
  );
}

/**
 * One audit entry in full, in a drawer on the right: who, what, from where, the before/after
 * field by field, and the details. A modal dialog (focus stays inside, Escape closes it, focus
 * goes back to the row that opened it through `onCloseAutoFocus`).
 */
export function AuditDrawer({
  entryId,
  entry,
  error,
  onClose,
  onFilter,
  onCloseAutoFocus,
}: AuditDrawerProps) {
  const details = entry && Object.keys(entry.details).length > 0 ? entry.details : null;
  const firstTarget = entry?.targets[0];
  return (
    <Dialog open={entryId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {entryId !== null ? (
        <DialogContent
          data-testid="audit-drawer"
          onCloseAutoFocus={onCloseAutoFocus}
          className="top-0 right-0 left-auto h-dvh max-h-dvh w-[min(44rem,100vw)] max-w-none translate-x-0 translate-y-0 content-start overflow-y-auto rounded-none border-y-0 border-r-0 data-[state=open]:animate-fade-in"
        >
          <DialogHeader>
            <DialogTitle className="font-mono">{entry?.action ?? "Audit entry"}</DialogTitle>
            <DialogDescription className="[overflow-wrap:anywhere]">
              <code className="font-mono">{entryId}</code>
              {entry ? ` · ${formatDateTime(entry.occurred_at)}` : ""}
            </DialogDescription>
          </DialogHeader>
          {entry ? (
            <>
              <div className="flex flex-wrap gap-2">
                {entry.actor.id ? (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => onFilter({ actor_id: entry.actor.id ?? undefined })}
                  >
                    Only this actor
                  </Button>
                ) : null}
                {firstTarget ? (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => onFilter({ target_id: firstTarget.id })}
                  >
                    Only this {firstTarget.type.replaceAll("_", " ")}
                  </Button>
                ) : null}
                <CopyButton value={JSON.stringify(entry, null, 2)} label="Copy JSON" />
              </div>
              <Facts entry={entry} />
              <ChangesTable entry={entry} />
              {details ? (
                <section aria-labelledby="audit-details" className="grid gap-2">
                  <h3 id="audit-details" className="font-semibold text-sm">
                    Details
                  </h3>
                  <pre
                    data-testid="audit-details"
                    className="whitespace-pre-wrap rounded-md border bg-muted p-3 font-mono text-[12px] leading-5 [overflow-wrap:anywhere]"
                  >
                    {JSON.stringify(details, null, 2)}
                  </pre>
                </section>
              ) : null}
            </>
          ) : error ? (
            <InlineAlert title="Could not load this entry">{messageOf(error)}</InlineAlert>
          ) : (
            <div className="grid gap-2" role="status" aria-label="Loading the entry">
              <Skeleton className="h-6" />
              <Skeleton className="h-24" />
            </div>
          )}
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
