"use client";

import { useSearchParams } from "next/navigation";
import { useRef } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Download } from "@/components/ui/icons/download";
import { FilterX } from "@/components/ui/icons/filter-x";
import { ScrollText } from "@/components/ui/icons/scroll-text";
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
import type { AuditLogDto } from "@/lib/schemas/audit-logs";
import { AuditFilterBar } from "./audit-filter-bar";
import {
  AUDIT_FILTER_NAMES,
  type AuditFilters,
  auditCsvHref,
  auditPageSearch,
  auditUrlState,
} from "./audit-filters";
import { DeferredAuditDrawer as AuditDrawer } from "./deferred-audit-drawer";
import { useAuditEntry, useAuditLogs } from "./use-audit-logs";

/** Changes the URL; Next keeps useSearchParams in step with the History API. */
function goTo(filters: AuditFilters, entry: string | undefined, mode: "push" | "replace") {
  const url = `${window.location.pathname}${auditPageSearch(filters, entry)}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function targetText(entry: AuditLogDto): { main: string; id: string | null; more: number } {
  const [first, ...rest] = entry.targets;
  if (!first) return { main: "—", id: null, more: 0 };
  return { main: first.name ?? first.id, id: first.name ? first.id : null, more: rest.length };
}

function AuditRow({
  entry,
  onOpen,
}: {
  entry: AuditLogDto;
  onOpen: (button: HTMLElement) => void;
}) {
  const target = targetText(entry);
  return (
    <TableRow
      data-testid="audit-row"
      data-entry-id={entry.id}
      data-action={entry.action}
      data-outcome={entry.outcome}
    >
      <TableCell className="whitespace-nowrap text-muted-foreground">
        <time
          dateTime={entry.occurred_at}
          title={formatDateTime(entry.occurred_at)}
          suppressHydrationWarning
        >
          {formatRelative(entry.occurred_at)}
        </time>
      </TableCell>
      <TableCell>
        <button
          type="button"
          onClick={(e) => onOpen(e.currentTarget)}
          className="rounded-sm text-left font-mono text-[13px] underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={`${entry.action}: show details`}
        >
          {entry.action}
        </button>
      </TableCell>
      <TableCell>
        <Badge variant={entry.outcome === "denied" ? "destructive" : "success"}>
          {entry.outcome}
        </Badge>
      </TableCell>
      <TableCell className="max-w-56" data-testid="audit-actor">
        <span className="block truncate" title={entry.actor.display ?? undefined}>
          {entry.actor.display ?? entry.actor.id ?? entry.actor.type}
        </span>
        <span className="block text-muted-foreground text-xs">{entry.actor.type}</span>
      </TableCell>
      <TableCell className="max-w-64">
        <span className="block truncate" title={target.main}>
          {target.main}
          {target.more > 0 ? <span className="text-muted-foreground"> +{target.more}</span> : null}
        </span>
        {target.id ? (
          <code className="block truncate font-mono text-muted-foreground text-xs">
            {target.id}
          </code>
        ) : null}
      </TableCell>
      <TableCell className="text-muted-foreground">{entry.context.source}</TableCell>
    </TableRow>
  );
}

/** The table, its pagination and the drawer, for members whose role may read the log. */
function AuditLog({ filters, entryId }: { filters: AuditFilters; entryId: string | undefined }) {
  const list = useAuditLogs(filters, true);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const total = list.data?.pages[0]?.meta.total ?? 0;
  const listed = entryId ? rows.find((r) => r.id === entryId) : undefined;
  const single = useAuditEntry(entryId, !listed && !list.isPending);
  const opener = useRef<HTMLElement | null>(null);
  const filtered = AUDIT_FILTER_NAMES.some((name) => filters[name]);

  return (
    <>
      {list.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading the audit log">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : !list.data ? (
        <InlineAlert title="Could not load the audit log">
          {messageOf(list.error)}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void list.refetch()}
          >
            Try again
          </button>
        </InlineAlert>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<ScrollText />}
          title={filtered ? "No entries match these filters" : "Nothing recorded yet"}
          description={
            filtered
              ? "Change or clear the filters to see more."
              : "Every change to keys, members, resources, webhooks and billing shows up here."
          }
          action={
            filtered ? (
              <Button variant="outline" onClick={() => goTo({}, undefined, "replace")}>
                <FilterX aria-hidden="true" />
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="Audit log, newest first" aria-busy={list.isFetching || undefined}>
            <TableHeader>
              <TableRow>
                <TableHead>Time</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Actor</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>Source</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((entry) => (
                <AuditRow
                  key={entry.id}
                  entry={entry}
                  onOpen={(button) => {
                    opener.current = button;
                    goTo(filters, entry.id, "push");
                  }}
                />
              ))}
            </TableBody>
          </Table>
          <nav
            aria-label="Pagination"
            className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-2.5 text-sm"
          >
            <p className="text-muted-foreground" data-testid="audit-count">
              {rows.length} shown of {total}
            </p>
            {list.hasNextPage ? (
              <Button
                variant="outline"
                size="sm"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
          </nav>
          {list.isError ? (
            <InlineAlert className="m-3" title="Could not load every entry">
              {messageOf(list.error)}
            </InlineAlert>
          ) : null}
        </div>
      )}
      <AuditDrawer
        entryId={entryId ?? null}
        entry={listed ?? single.data}
        error={single.error}
        onClose={() => goTo(filters, undefined, "replace")}
        onFilter={(patch) => {
          opener.current = null;
          goTo({ ...filters, ...patch }, undefined, "replace");
        }}
        onCloseAutoFocus={(e) => {
          if (!opener.current) return;
          e.preventDefault();
          opener.current.focus();
        }}
      />
    </>
  );
}

/**
 * /dashboard/settings/audit-log: who changed what in the organization, filtered by actor,
 * action (member.* for a family), target, outcome and time, all kept in the URL, an
 * entry's before/after in a drawer, and a CSV export of exactly what the filters match.
 */
export function AuditLogView() {
  const paramText = useSearchParams()?.toString() ?? "";
  const { filters, problems, entry } = auditUrlState(new URLSearchParams(paramText));
  const { organization, role } = usePortalContext();
  const canRead = useCan("audit:read");

  if (!canRead) {
    return (
      <>
        <PageHeader title="Audit log" />
        <InlineAlert variant="info" title="The audit log is not part of your role">
          Members with the {role} role cannot read the audit log. Owners and admins can; ask one of
          them if you need to know who changed something.
        </InlineAlert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${organization.name}, newest first.`}
        actions={
          <a
            href={auditCsvHref(filters)}
            download
            data-testid="audit-csv"
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            <Download aria-hidden="true" />
            Export CSV
          </a>
        }
      />
      <AuditFilterBar filters={filters} onApply={(next) => goTo(next, undefined, "replace")} />
      {problems.length > 0 ? (
        <InlineAlert
          variant="warning"
          title="Part of the address was ignored"
          className="mb-3"
          data-testid="audit-url-problems"
        >
          <ul className="list-disc pl-4">
            {problems.map((p) => (
              <li key={p.name}>
                <code className="font-mono">{p.name}</code>: {p.message}
              </li>
            ))}
          </ul>
        </InlineAlert>
      ) : null}
      <AuditLog filters={filters} entryId={entry} />
    </>
  );
}
